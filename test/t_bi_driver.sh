#!/usr/bin/env bash
# Every view of schema pubfin read through the PostgreSQL JDBC driver (Debian's
# libpostgresql-jdbc-java, the driver of Metabase, Superset's JDBC bridges,
# DBeaver...): test/bi/ViewTypes.java lists the views from the catalog and
# fails on any column a dashboard would get wrong (an opaque type, a string
# where a number or a date is meant, a numeric without declared scale, a
# bigint count).  scdl_export (and any view named scdl_export*, e.g. an
# unguarded variant) is text by design, the schema-exact publication, and is
# only checked to be all text.
# Skipped (exit 0) when java or the driver is not installed; under CI=true
# (.ci/run installs them) a skip is a failure.
set -u
cd "$(dirname "$0")/.." || exit 2
name=t_bi_driver
jar=${PGJDBC_JAR:-/usr/share/java/postgresql.jar}
# skip REASON: exit 0, or 1 under CI
skip() {
  if [ "${CI:-}" = true ]; then echo "not ok - $name: cannot run in CI: $1"; exit 1; fi
  echo "# $name: skipped ($1)"; exit 0
}
if ! command -v java >/dev/null || ! command -v javac >/dev/null; then
  skip "no JDK: apt-get install default-jdk-headless"
fi
if [ ! -r "$jar" ]; then
  skip "no JDBC driver at $jar: apt-get install libpostgresql-jdbc-java"
fi
db=pubfin_bi_driver
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
trap 'dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pubfin' || exit 1
status=0
out=$(java '-DtextViews=scdl_export*' -cp "$jar" test/bi/ViewTypes.java "$db" pubfin 2>&1)
rc=$?
printf '%s\n' "$out" | sed "s/^/# $name: /"
[ $rc -eq 0 ] || { echo "not ok - $name: pubfin's views (exit $rc)"; status=1; }

# The check itself: views with each defect it must report, and one it must pass.
psql -X -q -d "$db" -v ON_ERROR_STOP=1 <<'SQL' || exit 1
CREATE SCHEMA probe;
CREATE VIEW probe.bad AS
SELECT 1.5::numeric AS total, '2021-01-01'::text AS decided_on, 3::bigint AS n_lines,
       '{"a": 1}'::jsonb AS amount, '12.00'::pubfin.amount AS label, '2021'::text AS fiscal_year,
       7::bigint AS score, '12.00'::text AS rar_year_end, '2021-12-31'::text AS payment_end,
       '2021-03-01'::text AS date_convention, 20210101 AS period_start,
       1.5::float8 AS award_total;
-- Names the heuristics must not misread: an amount ending in _end or _year,
-- a date ending in _on after a number word, labels and codes starting with
-- a number word.
CREATE VIEW probe.good AS
SELECT 1::bigint AS plan_id, 1.5::numeric(20,2) AS total, DATE '2021-01-01' AS decided_on,
       3 AS n_lines, '{}'::jsonb AS series, 'x'::text AS label, 2021 AS fiscal_year,
       12.00::numeric(20,2) AS rar_year_end, 3.00::numeric(20,2) AS amount_previous_year,
       DATE '2021-06-01' AS awarded_on, 'EUR'::text AS amount_currency, 'x'::text AS share_kind,
       '[2019, 2020]'::jsonb AS gap_years,
       DATE '2021-12-31' AS payment_end, 1.00::numeric(20,2) AS realised_expenses,
       now() AS loaded_at, 'Budget'::text AS budget_name, 'R1'::text AS rule_code;
SQL
out=$(java -cp "$jar" test/bi/ViewTypes.java "$db" probe 2>&1)
rc=$?
[ $rc -eq 1 ] || { echo "not ok - $name: probe views: exit $rc, expected 1"; status=1; }
for col in total decided_on n_lines amount label fiscal_year score rar_year_end payment_end \
           date_convention period_start award_total; do
  printf '%s\n' "$out" | grep -q "^not ok - bad\.$col: " \
    || { echo "not ok - $name: probe column bad.$col not reported"; status=1; }
done
printf '%s\n' "$out" | grep -q '^ok - good: 18 columns' \
  || { echo "not ok - $name: probe view good not passed: $out"; status=1; }
[ $status -eq 0 ] && echo "# $name: the check reports each of 12 probe defects and passes a well-typed view"
exit $status
