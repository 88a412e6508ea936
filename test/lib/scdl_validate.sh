#!/usr/bin/env bash
# Validates a CSV file against the SCDL "subventions" Table Schema with the
# npm package tableschema (plus the schema's custom_checks, done by
# scdl_validate.js beside this file).
#
#   bash test/lib/scdl_validate.sh FILE.csv [SCHEMA.json]
#
# SCHEMA defaults to ../shared/data/scdl/schema.json from the repository root.
# stdout: one line per error, ROW<TAB>FIELD<TAB>CODE<TAB>MESSAGE, ROW 0 for
# the header, else the 1-based number of the data record.
# Exit: 0 no error, 1 errors found, 77 cannot run (node or npm missing, npm
# install failed; the reason is the first line of stderr), 2 other failure.
# The packages are installed once into ${PUBFIN_NPM_CACHE:-
# ${XDG_CACHE_HOME:-$HOME/.cache}/pubfin-scdl-validate}, never into the repo.
set -u

TABLESCHEMA_VERSION=1.12.6
CSV_PARSE_VERSION=4.8.9 # the csv-parse that tableschema 1.12.6 resolves (~4.8.8)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) || exit 2
root=$(cd "$here/../.." && pwd) || exit 2
file=${1:-}
schema=${2:-$root/../shared/data/scdl/schema.json}
cache=${PUBFIN_NPM_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/pubfin-scdl-validate}
marker="$cache/.installed-tableschema-$TABLESCHEMA_VERSION-csv-parse-$CSV_PARSE_VERSION"

# Prints the reason on stderr and exits 77 (cannot run)
cannot_run() { echo "scdl_validate: cannot run: $*" >&2; exit 77; }
# Prints the reason on stderr and exits 2 (failure)
die() { echo "scdl_validate: $*" >&2; exit 2; }

# True when the pinned packages are installed in the cache
installed() {
  [ -f "$marker" ] || return 1
  local v
  v=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$cache/node_modules/tableschema/package.json" 2>/dev/null | head -1)
  [ "$v" = "$TABLESCHEMA_VERSION" ] || return 1
  v=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$cache/node_modules/csv-parse/package.json" 2>/dev/null | head -1)
  [ "$v" = "$CSV_PARSE_VERSION" ]
}

# Installs the pinned packages into the cache, once, under a lock
install_packages() {
  mkdir -p "$cache" || cannot_run "cannot create the npm cache directory $cache"
  exec 9>>"$cache/.lock" || cannot_run "cannot write $cache/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 600 9 || cannot_run "timed out waiting for another install into $cache"
  fi
  if ! installed; then
    rm -f "$marker"
    [ -f "$cache/package.json" ] || echo '{ "name": "pubfin-scdl-validate", "private": true }' > "$cache/package.json"
    local log="$cache/npm-install.log"
    # --loglevel=error: as quiet as --silent, but the log says why it failed
    (cd "$cache" && timeout 300 npm install --no-audit --no-fund --loglevel=error --no-update-notifier \
       "tableschema@$TABLESCHEMA_VERSION" "csv-parse@$CSV_PARSE_VERSION") > "$log" 2>&1
    case $? in
      0) ;;
      124) cannot_run "npm install tableschema@$TABLESCHEMA_VERSION csv-parse@$CSV_PARSE_VERSION timed out after 300 s (no network?)" ;;
      *) cannot_run "npm install tableschema@$TABLESCHEMA_VERSION csv-parse@$CSV_PARSE_VERSION failed (no network?): $(grep -v '^npm error *$' "$log" | tr '\n' ' ' | cut -c1-300)" ;;
    esac
    (cd "$cache" && SCDL_VALIDATE_MODULES="$cache/node_modules" node -e \
       'const r = require("module").createRequire(process.env.SCDL_VALIDATE_MODULES + "/x.js"); r("tableschema"); r("csv-parse/lib/sync")') \
       >> "$log" 2>&1 || cannot_run "the packages installed in $cache do not load: $(tail -1 "$log")"
    touch "$marker"
    installed || cannot_run "npm installed other versions than tableschema@$TABLESCHEMA_VERSION csv-parse@$CSV_PARSE_VERSION in $cache"
  fi
  exec 9>&-
}

[ -n "$file" ] || die "usage: scdl_validate.sh FILE.csv [SCHEMA.json]"
[ -r "$file" ] || die "cannot read $file"
[ -r "$schema" ] || die "cannot read the schema $schema"
command -v node >/dev/null 2>&1 || cannot_run "node is not installed"
command -v npm >/dev/null 2>&1 || installed || cannot_run "npm is not installed"
installed || install_packages

SCDL_VALIDATE_MODULES="$cache/node_modules" node "$here/scdl_validate.js" "$file" "$schema"
case $? in
  0) exit 0 ;;
  10) exit 1 ;;
  *) exit 2 ;;
esac
