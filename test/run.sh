#!/usr/bin/env bash
# Runs the whole suite against the server named by the PG* environment
# (pg_virtualenv sets it): pg_regress (make installcheck), then the pgTAP
# suites in test/*.sql with pg_prove.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

passed=0
failed=0

# pg_regress: one test per sql/*.sql file.
log=$(mktemp)
make -s installcheck 2>&1 | tee "$log"
r_ok=$(grep -cE '^(ok [0-9]+ +[-+] |test .* \.\.\. ok| *[a-z0-9_]+ +\.\.\. ok)' "$log")
r_bad=$(grep -cE '^(not ok [0-9]+ |test .* \.\.\. FAILED| *[a-z0-9_]+ +\.\.\. FAILED)' "$log")
passed=$((passed + r_ok))
failed=$((failed + r_bad))
if [ "$r_ok" -eq 0 ] && [ "$r_bad" -eq 0 ]; then
  echo "pg_regress ran no test" >&2
  failed=$((failed + 1))
fi
[ -f regression.diffs ] && [ "$r_bad" -gt 0 ] && cat regression.diffs

# pgTAP: a fresh database with pubfin and pgtap; each suite rolls back.
tapdb=pubfin_tap
dropdb --if-exists "$tapdb" >/dev/null 2>&1
createdb "$tapdb"
psql -X -q -d "$tapdb" -v ON_ERROR_STOP=1 \
  -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION pubfin' >/dev/null
suites=$(ls test/*.sql 2>/dev/null)
if [ -n "$suites" ]; then
  pg_prove -v -d "$tapdb" $suites > "$log" 2>&1
  prove_status=$?
  grep -E '^(not ok|# |[^ ].*\.\. )|^\s+(# )?(Failed|Looks like)' "$log" | grep -v '^ok' | head -200
  t_ok=$(grep -cE '^ok [0-9]+' "$log")
  t_bad=$(grep -cE '^not ok [0-9]+' "$log")
  passed=$((passed + t_ok))
  failed=$((failed + t_bad))
  tail -n 4 "$log"
  if [ "$prove_status" -ne 0 ] && [ "$t_bad" -eq 0 ]; then
    echo "pg_prove failed without a failing assertion (plan mismatch or SQL error):" >&2
    grep -iE 'error|dubious|plan' "$log" | head -20 >&2
    failed=$((failed + 1))
  fi
fi
rm -f "$log"

# Extra suites (shell-driven tests such as dump/restore or multi-node) in test/*.sh.
for t in test/t_*.sh; do
  [ -e "$t" ] || continue
  if bash "$t"; then
    echo "ok - $t"; passed=$((passed + 1))
  else
    echo "not ok - $t"; failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
