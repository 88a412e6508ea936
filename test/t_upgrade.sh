#!/usr/bin/env bash
# Upgrade test (doc/install.md, "Versions and upgrades").  Run by test/run.sh
# inside the throwaway cluster (PG* set, superuser).  Exit 0 = pass.
#
# For every committed upgrade path -- each sql/pubfin--A--B.sql, and each
# released version (sql/pubfin--V.sql) to the current one -- it installs the
# old version, puts rows into every table (test/fixtures/*.sql and demo/*.sql
# when they load, then rows generated from the catalog by
# test/upgrade/fill.sql), runs
# ALTER EXTENSION pubfin UPDATE, and compares with a fresh install of the new
# version:
#   - the catalog (test/upgrade/describe.sql: every member, functions with
#     volatility, strictness, parallel label, comment and body, aggregates,
#     types, operators, casts, operator classes, views' definitions, tables'
#     columns, constraints and indexes, privileges, the pg_extension_config_dump
#     registrations) must be identical;
#   - every row of every table is still there, unchanged;
#   - the rows a fresh install puts in its tables (built-in rules) are in the
#     updated database too;
#   - the updated data, copied into the fresh install, passes its constraints,
#     and every view answers the same in both databases.
# It also proves that this comparison catches a missing change, with scratch
# versions made here: the current script as version V, and V plus a change
# (a table with an index and a config-dump registration, a function with its
# labels and comment, a view, a changed comment) as version V.upgradetest,
# with an update script that has the whole change (must pass) and with ones
# that each leave out one part of it or lose data (each must fail).
#
# Nothing is written into the PostgreSQL installation: the extension files of
# each case are staged in a temporary directory that the server reads through
# Debian's extension_destdir setting, per session (PGOPTIONS); the shared
# library is the installed one (make install, done by make test), or the file
# named by PUBFIN_LIB, staged with the scripts (e.g. PUBFIN_LIB=pubfin.so to
# test a build that is not installed).
set -u -o pipefail
cd "$(dirname "$0")/.."

say() { echo "# t_upgrade: $*"; }
fail() { echo "not ok - t_upgrade: $*" >&2; exit 1; }

PG_CONFIG=${PG_CONFIG:-pg_config}
sharedir=$("$PG_CONFIG" --sharedir)
version=$(sed -n 's/^   "version": *"\([^"]*\)".*/\1/p' META.json)
[ -n "$version" ] || fail "no version in META.json"
mark='^-- pubfin [^ ]* install script, released'

has_destdir=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_settings WHERE name = 'extension_destdir'") \
  || fail "cannot connect"
if [ "$has_destdir" != 1 ]; then
  echo "# t_upgrade: skipped: this PostgreSQL has no extension_destdir setting (Debian's packages have it)"
  exit 0
fi

# The current version's install script: released (frozen) or assembled by make.
current_script=sql/pubfin--$version.sql
if ! { [ -f "$current_script" ] && grep -q "$mark" "$current_script"; }; then
  current_script=build/pubfin--$version.sql
fi
[ -f "$current_script" ] && [ -f pubfin.control ] || fail "$current_script or pubfin.control missing: run make first"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pubfin-upgrade.XXXXXX") || fail "mktemp"
chmod 755 "$tmp"
db_old=pubfin_upgrade_old
db_new=pubfin_upgrade_new
cleanup() {
  dropdb --if-exists "$db_old" >/dev/null 2>&1
  dropdb --if-exists "$db_new" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# psql against the database $1 with the staged extension files of $stage
q() { local db=$1; shift; PGOPTIONS="${PGOPTIONS:-} -c extension_destdir=$stage" psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
qa() { local db=$1; shift; q "$db" -At "$@"; }

# stage NAME DEFAULT_VERSION: a directory laid out as the installation's share
# directory, holding pubfin.control (with that default_version) and no script yet
stage_dir() {
  stage=$tmp/$1
  extdir=$stage$sharedir/extension
  mkdir -p "$extdir"
  sed "s/^default_version = .*/default_version = '$2'/" pubfin.control > "$extdir/pubfin.control"
  if [ -n "${PUBFIN_LIB:-}" ]; then
    mkdir -p "$stage$("$PG_CONFIG" --pkglibdir)"
    cp "$PUBFIN_LIB" "$stage$("$PG_CONFIG" --pkglibdir)/pubfin.so" || fail "PUBFIN_LIB=$PUBFIN_LIB: cannot copy"
  fi
  chmod -R a+rX "$stage"
}

# Extension tables, referenced tables first (self-references allowed).
tables_in_fk_order() {
  qa "$1" <<'SQL'
WITH RECURSIVE t AS (
  SELECT c.oid FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
   WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pubfin')
     AND d.deptype = 'e' AND c.relkind IN ('r', 'p')),
depth(oid, n) AS (
  SELECT oid, 0 FROM t
  UNION ALL
  SELECT k.conrelid, depth.n + 1 FROM depth
    JOIN pg_constraint k ON k.confrelid = depth.oid AND k.contype = 'f' AND k.conrelid <> k.confrelid
   WHERE k.conrelid IN (SELECT oid FROM t) AND depth.n < 50)
SELECT oid::regclass FROM depth GROUP BY oid ORDER BY max(n), oid::regclass::text;
SQL
}

# Columns of table $2 in database $1 as a select list; $3 = 'stored' to leave
# out generated and identity columns, 'all' for every column.
columns_of() {
  local cond=""
  [ "$3" = stored ] && cond="AND a.attgenerated = '' AND a.attidentity = ''"
  [ "$3" = copy ] && cond="AND a.attgenerated = ''"
  qa "$1" -c "SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
               WHERE a.attrelid = '$2'::regclass AND a.attnum > 0 AND NOT a.attisdropped $cond"
}

# Rows of table or view $2 in database $1 (column list $3, default all), one
# text line per row, sorted.
rows_of() {
  qa "$1" -c "SELECT r::text FROM (SELECT ${3:-*} FROM $2) r ORDER BY r::text COLLATE \"C\""
}

views_of() {
  qa "$1" -c "SELECT c.oid::regclass FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
               WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
                 AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pubfin')
                 AND d.deptype = 'e' AND c.relkind IN ('v', 'm') ORDER BY 1"
}

# check_path OLD NEW [catalog-only]: install OLD, fill, update to NEW, compare
# with a fresh NEW.  Returns 0 when identical; writes what differs to $tmp/why.
check_path() {
  local old=$1 new=$2 quick=${3:-}
  local t v cols
  : > "$tmp/why"
  dropdb --if-exists "$db_old" >/dev/null 2>&1; dropdb --if-exists "$db_new" >/dev/null 2>&1
  createdb "$db_old" && createdb "$db_new" || fail "createdb"
  q "$db_old" -c "SET client_min_messages = warning" -c "CREATE EXTENSION pubfin VERSION '$old'" \
    || fail "CREATE EXTENSION pubfin VERSION '$old'"
  # data: the fixtures and demo files that load into this version (each in one
  # transaction, skipped when it does not load), then generated rows everywhere
  local sources=(test/fixtures/*.sql) lenient=off
  if [ -z "$quick" ]; then sources+=(demo/*.sql); else lenient=on; fi
  local skipped=""
  for f in "${sources[@]}"; do
    [ -e "$f" ] || continue
    PGOPTIONS="-c search_path=public,pubfin -c client_min_messages=warning" q "$db_old" -1 -f "$f" >/dev/null 2>&1 \
      || skipped="$skipped $(basename "$f")"
  done
  [ -z "$quick" ] && [ -n "$skipped" ] && say "not loadable on their own into $old, skipped:$skipped"
  q "$db_old" -c "SET pubfin_upgrade.lenient = $lenient" -f test/upgrade/fill.sql >"$tmp/fill.log" 2>&1 \
    || { cat "$tmp/fill.log" >&2; fail "filling the tables of $old"; }
  mkdir -p "$tmp/before"; rm -f "$tmp/before/"*
  for t in $(tables_in_fk_order "$db_old"); do
    cols=$(columns_of "$db_old" "$t" all)
    echo "$cols" > "$tmp/before/$t.cols"
    rows_of "$db_old" "$t" > "$tmp/before/$t"
  done

  if ! q "$db_old" -c "ALTER EXTENSION pubfin UPDATE TO '$new'" 2>"$tmp/why"; then
    return 1
  fi
  [ "$(qa "$db_old" -c "SELECT extversion FROM pg_extension WHERE extname = 'pubfin'")" = "$new" ] \
    || { echo "extversion is not $new after the update" > "$tmp/why"; return 1; }
  q "$db_new" -c "SET client_min_messages = warning" -c "CREATE EXTENSION pubfin VERSION '$new'" \
    || fail "CREATE EXTENSION pubfin VERSION '$new'"

  # 1. the catalog
  q "$db_old" -f test/upgrade/describe.sql > "$tmp/catalog.updated" || fail "describe (updated)"
  q "$db_new" -f test/upgrade/describe.sql > "$tmp/catalog.fresh" || fail "describe (fresh)"
  if ! diff -u "$tmp/catalog.fresh" "$tmp/catalog.updated" > "$tmp/d"; then
    { echo "catalog: lines with - are in a fresh $new only, lines with + in the updated database only"
      echo "(kind | object | details; test/upgrade/describe.sql):"
      sed '1,2s/^/  /' "$tmp/d"; } > "$tmp/why"
    return 1
  fi
  [ -n "$quick" ] && return 0

  # 2. every row of the old version's tables, unchanged
  for f in "$tmp/before/"*.cols; do
    t=$(basename "$f" .cols)
    if ! rows_of "$db_old" "$t" "$(cat "$f")" | cmp -s - "$tmp/before/$t"; then
      { echo "rows of $t changed by the update:"; rows_of "$db_old" "$t" "$(cat "$f")" | diff "$tmp/before/$t" - | head -20; } >> "$tmp/why"
    fi
  done
  [ -s "$tmp/why" ] && return 1

  # 3. the rows a fresh install creates (identity and generated columns aside) are there
  for t in $(tables_in_fk_order "$db_new"); do
    cols=$(columns_of "$db_new" "$t" stored)
    rows_of "$db_new" "$t" "$cols" > "$tmp/fresh.rows"
    # A pre-filled rule the user took over, replaced or deleted is the user's:
    # the update keeps the user's version (doc/rules.md), not the fresh row.
    if [ "$t" = pubfin.rule ]; then
      qa "$db_new" -c "SELECT r::text FROM (SELECT $cols FROM pubfin.rule
                        WHERE code NOT IN ($(qa "$db_old" -c "SELECT coalesce(string_agg(quote_literal(code), ','), 'NULL')
                                                 FROM (SELECT code FROM pubfin.rule WHERE NOT builtin
                                                       UNION SELECT code FROM pubfin.rule_deleted) u"))) r
                       ORDER BY r::text COLLATE \"C\"" > "$tmp/fresh.rows"
    fi
    rows_of "$db_old" "$t" "$cols" > "$tmp/updated.rows"
    missing=$(comm -23 "$tmp/fresh.rows" "$tmp/updated.rows")
    [ -z "$missing" ] || { echo "rows of a fresh install missing from the updated $t:"; echo "$missing" | head -10; } >> "$tmp/why"
  done
  [ -s "$tmp/why" ] && return 1

  # 4. the updated data fits a fresh install (its constraints) and answers the same
  q "$db_new" -c "TRUNCATE $(tables_in_fk_order "$db_new" | paste -sd,)" || fail "truncate"
  for t in $(tables_in_fk_order "$db_new"); do
    cols=$(columns_of "$db_new" "$t" copy)
    if ! qa "$db_old" -c "COPY (SELECT $cols FROM $t) TO STDOUT" \
         | q "$db_new" -c "COPY $t ($cols) FROM STDIN" 2>>"$tmp/why"; then
      echo "the updated rows of $t do not load into a fresh install" >> "$tmp/why"; return 1
    fi
    if ! diff <(rows_of "$db_old" "$t") <(rows_of "$db_new" "$t") > "$tmp/d"; then
      { echo "$t differs between the updated database and a fresh install holding its rows:"; head -10 "$tmp/d"; } >> "$tmp/why"
    fi
  done
  for v in $(views_of "$db_new"); do
    if ! diff <(rows_of "$db_old" "$v") <(rows_of "$db_new" "$v") > "$tmp/d"; then
      { echo "view $v answers differently:"; head -10 "$tmp/d"; } >> "$tmp/why"
    fi
  done
  [ -s "$tmp/why" ] && return 1
  return 0
}

status=0

# ---- the committed upgrade paths -------------------------------------------
released=$(grep -l "$mark" sql/pubfin--*.sql 2>/dev/null | grep -v -- '--.*--' | sed 's/^sql\/pubfin--\(.*\)\.sql$/\1/' | sort -V)
stage_dir real "$version"
for v in $released; do cp "sql/pubfin--$v.sql" "$extdir/"; done
cp "$current_script" "$extdir/pubfin--$version.sql"
cp sql/pubfin--*--*.sql "$extdir/" 2>/dev/null
chmod -R a+rX "$stage"
pairs=""
for u in sql/pubfin--*--*.sql; do
  [ -e "$u" ] || continue
  ab=${u#sql/pubfin--}; ab=${ab%.sql}
  a=${ab%%--*}; b=${ab#*--}
  [ -f "$extdir/pubfin--$a.sql" ] || { echo "not ok - t_upgrade: $u updates from $a, which has no released install script" >&2; status=1; continue; }
  [ -f "$extdir/pubfin--$b.sql" ] || { echo "not ok - t_upgrade: $u updates to $b, which has no install script" >&2; status=1; continue; }
  pairs="$pairs $a:$b"
done
for v in $released; do
  [ "$v" = "$version" ] || pairs="$pairs $v:$version"
done
npaths=0
for p in $(printf '%s\n' $pairs | sort -u); do
  a=${p%%:*}; b=${p#*:}
  if check_path "$a" "$b"; then
    say "update $a -> $b: catalog identical to a fresh $b, every row kept, views answer the same"
    npaths=$((npaths + 1))
  else
    echo "not ok - t_upgrade: ALTER EXTENSION pubfin UPDATE from $a to $b differs from a fresh install of $b:" >&2
    head -60 "$tmp/why" >&2
    status=1
  fi
done
if [ -z "$released" ]; then
  say "no released version yet (make freeze writes the first): checking the scratch versions only"
elif [ "$npaths" -eq 0 ] && [ "$status" -eq 0 ]; then
  say "$version is the only released version: no upgrade path yet"
fi

# ---- scratch versions: the comparison catches a missing change --------------
next="$version.upgradetest"
read -r -d '' change_table <<'SQL'
CREATE TABLE @extschema@.upgrade_probe (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount @extschema@.amount NOT NULL CHECK (amount > 0),
    label  text NOT NULL DEFAULT 'probe'
);
COMMENT ON TABLE @extschema@.upgrade_probe IS 'Scratch table of the upgrade test';
SQL
change_index="CREATE INDEX upgrade_probe_label_idx ON @extschema@.upgrade_probe (label);"
change_dump="SELECT pg_catalog.pg_extension_config_dump('@extschema@.upgrade_probe', '');"
change_fn_labels="STABLE STRICT PARALLEL SAFE"
change_fn() {
  cat <<SQL
CREATE FUNCTION @extschema@.upgrade_probe_total() RETURNS @extschema@.amount
    LANGUAGE sql $1 SET search_path = pg_catalog, @extschema@, pg_temp
    AS \$\$ SELECT @extschema@.sum(amount) FROM @extschema@.upgrade_probe \$\$;
SQL
}
change_fn_comment="COMMENT ON FUNCTION @extschema@.upgrade_probe_total() IS 'Scratch function of the upgrade test';"
change_view="CREATE VIEW @extschema@.upgrade_probe_view AS SELECT label, amount FROM @extschema@.upgrade_probe;"
change_view_other="CREATE VIEW @extschema@.upgrade_probe_view AS SELECT label, amount FROM @extschema@.upgrade_probe WHERE amount > 0;"
change_comment="COMMENT ON TYPE @extschema@.amount IS 'Exact money (changed by the upgrade test)';"
# full change, with parts replaced: $1 = part to leave out or replace
change() {
  local skip=${1:-}
  echo "$change_table"
  [ "$skip" = index ] || echo "$change_index"
  [ "$skip" = config_dump ] || echo "$change_dump"
  if [ "$skip" = parallel ]; then change_fn "STABLE STRICT"; else change_fn "$change_fn_labels"; fi
  [ "$skip" = fn_comment ] || echo "$change_fn_comment"
  if [ "$skip" = view ]; then echo "$change_view_other"; else echo "$change_view"; fi
  [ "$skip" = type_comment ] || echo "$change_comment"
  if [ "$skip" = data_loss ]; then
    # delete the rows of a table that no other table references
    echo "DELETE FROM $lonely;"
  fi
}
stage_dir scratch "$next"
cp "$current_script" "$extdir/pubfin--$version.sql"
{ cat "$current_script"; echo; change; } > "$extdir/pubfin--$next.sql"
chmod -R a+rX "$stage"

# a table of the extension that no other references (for the data-loss case)
dropdb --if-exists "$db_old" >/dev/null 2>&1
createdb "$db_old" && qa "$db_old" -c "SET client_min_messages = warning" -c "CREATE EXTENSION pubfin VERSION '$version'" >/dev/null \
  || fail "installing $version from $current_script"
lonely=$(qa "$db_old" -c "SELECT c.oid::regclass FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
  WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_class'::regclass
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pubfin') AND c.relkind = 'r'
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.confrelid = c.oid AND k.contype = 'f' AND k.conrelid <> c.oid)
  ORDER BY 1 LIMIT 1")
dropdb "$db_old"

# case name | what the update script holds | expected
cases="whole:full:pass nothing:empty:fail index:index:fail config_dump:config_dump:fail parallel:parallel:fail
fn_comment:fn_comment:fail view:view:fail type_comment:type_comment:fail data_loss:data_loss:fail"
for c in $cases; do
  name=${c%%:*}; rest=${c#*:}; part=${rest%%:*}; expect=${rest#*:}
  case $part in
    full) change ;;
    empty) echo "-- nothing" ;;
    data_loss) change data_loss ;;
    *) change "$part" ;;
  esac > "$extdir/pubfin--$version--$next.sql"
  chmod a+r "$extdir/pubfin--$version--$next.sql"
  quick=quick
  [ "$expect" = pass ] || [ "$part" = data_loss ] && quick=""
  if check_path "$version" "$next" $quick; then got=pass; else got=fail; fi
  if [ "$got" != "$expect" ]; then
    echo "not ok - t_upgrade: scratch update '$name' should $expect and did $got:" >&2
    head -40 "$tmp/why" >&2
    status=1
    continue
  fi
  if [ "$expect" = fail ]; then
    # the comparison must name what is missing
    case $part in
      empty) want='^-member [|] table pubfin.upgrade_probe [|]'; what="the whole change" ;;
      index) want='^-index [|] pubfin.upgrade_probe_label_idx'; what="the new index" ;;
      config_dump) want='^-config_dump [|] pubfin.upgrade_probe '; what="the new table's pg_extension_config_dump" ;;
      parallel) want='^[+]function [|] pubfin.upgrade_probe_total[(][)] .*parallel=u'; what="the new function's PARALLEL SAFE" ;;
      fn_comment) want='^[+]function [|] pubfin.upgrade_probe_total[(][)] .*comment=<none>'; what="the new function's comment" ;;
      view) want='^[+] +WHERE upgrade_probe.amount'; what="the view as defined in the new version" ;;
      type_comment) want='^-type [|] pubfin.amount [|].*changed by the upgrade test'; what="the changed comment of type amount" ;;
      data_loss) want="^rows of $lonely changed by the update"; what="the rows of $lonely (deleted)" ;;
    esac
    grep -Eq -- "$want" "$tmp/why" || { echo "not ok - t_upgrade: scratch update '$name' failed for another reason:" >&2; head -30 "$tmp/why" >&2; status=1; continue; }
    say "an update script missing $what is caught"
  else
    say "scratch update with the whole change passes (catalog, rows, views)"
  fi
done

exit "$status"
