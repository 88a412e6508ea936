#!/usr/bin/env bash
# Inside pg_virtualenv (test/sanitize/run.sh): check that a backend runs
# pubfin with the UBSan runtime, fire the canary once, then run the suite.
set -u
cd "$(dirname "$0")/../.."
createdb pubfin_sanitize_canary || exit 1
maps=$(psql -XAtq -d pubfin_sanitize_canary \
  -c 'CREATE EXTENSION pubfin' \
  -c "CREATE FUNCTION sanitizer_canary(int4) RETURNS int4 AS 'pubfin', 'pubfin_sanitizer_canary' LANGUAGE C STRICT" \
  -c 'SELECT sanitizer_canary(40)' \
  -c "SELECT string_agg(DISTINCT substring(line from '/\S*(libubsan|pubfin)\S*'), ' ')
        FROM regexp_split_to_table(pg_read_file('/proc/' || pg_backend_pid() || '/maps'), E'\n') line
       WHERE line ~ '(libubsan|pubfin)'")
dropdb pubfin_sanitize_canary
maps=$(tr '\n' ' ' <<<"$maps")
echo "canary backend: $maps"
case "$maps" in
  *libubsan*pubfin*|*pubfin*libubsan*) ;;
  *) echo "not ok - the backend did not load pubfin with libubsan" >&2; exit 1 ;;
esac
test/run.sh
