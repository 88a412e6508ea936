#!/usr/bin/env bash
# Every demo file runs on its own: each in a fresh database, with psql
# stopping at the first error, from the repository's root (the demo's
# fixtures are read from test/fixtures/).
set -u
cd "$(dirname "$0")/.." || exit 2
name=t_bi_demo_files
status=0
n=0
for f in demo/*.sql; do
  db=pubfin_demo_alone
  dropdb --if-exists "$db" >/dev/null 2>&1
  createdb "$db" || exit 1
  if out=$(psql -X -q -v ON_ERROR_STOP=1 -P pager=off -d "$db" -f "$f" 2>&1 >/dev/null); then
    n=$((n + 1))
  else
    echo "not ok - $name: $f fails when run alone:"
    printf '%s\n' "$out" | head -5 | sed 's/^/#   /'
    status=1
  fi
  dropdb --if-exists "$db" >/dev/null 2>&1
done
[ "$n" -gt 0 ] || { echo "not ok - $name: no demo file"; exit 1; }
echo "# $name: $n demo files run alone in a fresh database"
exit $status
