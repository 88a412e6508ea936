#!/usr/bin/env bash
# Runs the benchmark scripts (bench/*.sql, or those named as arguments) in a
# fresh database of the server named by the PG* environment.
set -eu
cd "$(dirname "$0")/.."
db=pubfin_bench
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pubfin' -f bench/lib.sql
scripts=("$@")
[ ${#scripts[@]} -gt 0 ] || scripts=(bench/[a-z]*.sql)
for s in "${scripts[@]}"; do
  case "$s" in bench/lib.sql) continue;; esac
  [ -f "$s" ] || s="bench/$s.sql"
  echo "=== $s"
  psql -X -q -d "$db" -v ON_ERROR_STOP=1 -P pager=off -f "$s"
done
