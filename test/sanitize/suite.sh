#!/usr/bin/env bash
# Inside pg_virtualenv (test/sanitize/run.sh): check that the server really
# runs with the ASan runtime preloaded, then run the whole suite.
set -u
cd "$(dirname "$0")/../.."
datadir=$(psql -XAtc 'SHOW data_directory')
pid=$(head -1 "$datadir/postmaster.pid")
if grep -q 'libasan' "/proc/$pid/maps"; then
  echo "server $pid runs with $(grep -o '/[^ ]*libasan[^ ]*' "/proc/$pid/maps" | head -1) preloaded"
else
  echo "not ok - the server does not run with libasan preloaded" >&2
  exit 1
fi
# a backend loads the sanitized pubfin.so
psql -XAtq -c 'CREATE EXTENSION IF NOT EXISTS pubfin' -c "SELECT pubfin.amount_in('1')" >/dev/null || exit 1
test/run.sh
