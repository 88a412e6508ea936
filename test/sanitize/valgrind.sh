#!/usr/bin/env bash
# Part of make test-sanitize: a subset of the suite against the installed
# pubfin with the whole server under Valgrind (memcheck), for the memory
# errors UBSan does not see (reads of uninitialised bytes, e.g. in binary
# send; reads and writes outside malloc'd blocks).  The stock server has no
# Valgrind hooks in palloc, so an overrun inside a memory context block goes
# unseen: the fuzzers (ASan) cover that for the pure-C cores.
#
# pg_ctlcluster cannot wrap the server, so this starts its own throwaway
# cluster with pg_ctl -p <wrapper that execs valgrind postgres>.
# Usage: test/sanitize/valgrind.sh [suite.sql ...]   (exit 0 = no error from pubfin)
set -u
cd "$(dirname "$0")/../.."
bindir=$(pg_config --bindir)
suites=${*:-sql/amount.sql test/bad_inputs.sql}
command -v valgrind >/dev/null || { echo "valgrind: not installed (Debian: apt-get install valgrind)" >&2; exit 1; }

work=$(mktemp -d -t pubfin-valgrind.XXXXXX)
chmod 755 "$work"
mkdir "$work/log" && chmod 1777 "$work/log"
port=${VALGRIND_PORT:-54329}
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
chown postgres "$work" 2>/dev/null
cat > "$work/postgres" <<WRAP
#!/bin/sh
case "\$1" in -V|--version|-C) exec $bindir/postgres "\$@" ;; esac
exec valgrind --quiet --tool=memcheck --trace-children=yes --track-origins=no \\
  --read-var-info=no --num-callers=30 --error-limit=no \\
  --suppressions=$PWD/test/sanitize/valgrind.supp \\
  --log-file=$work/log/vg.%p $bindir/postgres "\$@"
WRAP
chmod 755 "$work/postgres"
status=0
run_pg "$bindir/initdb" -D "$work/data" -U postgres --no-sync >/dev/null || exit 1
run_pg "$bindir/pg_ctl" -p "$work/postgres" -D "$work/data" -l "$work/server.log" -w -t 300 \
  -o "-p $port -k $work -c listen_addresses= -c max_parallel_workers_per_gather=0 -c jit=off" start >/dev/null || { cat "$work/server.log"; exit 1; }
export PGHOST=$work PGPORT=$port PGUSER=postgres
psql -X -q -d postgres -c 'CREATE DATABASE contrib_regression' || status=1
psql -X -q -d contrib_regression -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION pubfin' || status=1
for f in $suites; do
  start=$(date +%s)
  psql -X -q -At -d contrib_regression -f "$f" > "$work/out" 2>&1
  [ -n "${VALGRIND_VERBOSE:-}" ] && head -20 "$work/out"
  if grep -q '^1\.\.[0-9]' "$work/out"; then
    echo "valgrind: $f ran in $(( $(date +%s) - start )) s, $(grep -c '^ok' "$work/out") ok, $(grep -c '^not ok' "$work/out") not ok"
    grep -q '^not ok' "$work/out" && status=1
  else
    echo "valgrind: $f ran in $(( $(date +%s) - start )) s"
  fi
done
run_pg "$bindir/pg_ctl" -D "$work/data" -m fast -w -t 300 stop >/dev/null
errors=$(grep -l 'ERROR SUMMARY: [1-9]\|^==[0-9]*== [A-Z]' "$work"/log/vg.* 2>/dev/null | xargs -r grep -l 'pubfin' 2>/dev/null)
if [ -n "$errors" ]; then
  echo "valgrind: errors in pubfin code:" >&2
  for f in $errors; do sed -n '1,80p' "$f"; done >&2
  status=1
else
  echo "valgrind: no memcheck error from pubfin code ($(ls "$work"/log | wc -l) server processes checked)"
fi
rm -rf "$work"
exit $status
