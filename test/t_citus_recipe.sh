#!/usr/bin/env bash
# The SQL of doc/scaling.md, "Distributed tables of your own", runs on plain
# PostgreSQL: it is taken from the document itself (so the two cannot drift),
# with CREATE EXTENSION citus replaced by stand-ins for create_reference_table
# and create_distributed_table that only check their arguments (the tables
# exist, the distribution column is in every primary key and unique
# constraint, co-located tables share the column's type).  pubfin's tables
# hold the MEL-APES fixture plus generated rows; the copied tables must hold
# the same rows and the queries the same totals as pubfin's own views.
# Citus itself is not run (not packaged by Debian).  Run by test/run.sh inside
# the throwaway cluster (PG* set).  Exit 0 = pass.
set -u -o pipefail
cd "$(dirname "$0")/.."
db=pubfin_citus_recipe
fail() { echo "not ok - t_citus_recipe: $*" >&2; exit 1; }
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
trap 'dropdb --if-exists "$db" >/dev/null 2>&1' EXIT

sql=$(awk '/^### Distributed tables of your own/ {s=1} s && /^```sql/ {c=1; next} c && /^```/ {exit} c' doc/scaling.md)
[ -n "$sql" ] || fail "no SQL block under 'Distributed tables of your own' in doc/scaling.md"
grep -q 'CREATE EXTENSION citus;' <<<"$sql" || fail "the recipe no longer creates the citus extension"

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || fail createdb
q -c 'CREATE EXTENSION pubfin' -f test/fixtures/mel_apes_2021.sql -f test/upgrade/fill.sql >/dev/null 2>&1 \
  || fail "loading the fixture and generated rows"

stub=$(cat <<'SQL'
CREATE FUNCTION public.create_reference_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = t AND contype = 'p') THEN
        RAISE EXCEPTION 'reference table % has no primary key', t;
    END IF;
END $$;
CREATE FUNCTION public.create_distributed_table(t regclass, col text, colocate_with text DEFAULT 'default')
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    n smallint := (SELECT attnum FROM pg_attribute WHERE attrelid = t AND attname = col AND NOT attisdropped);
    bad text;
BEGIN
    IF n IS NULL THEN RAISE EXCEPTION 'no column % in %', col, t; END IF;
    SELECT string_agg(conname, ', ') INTO bad FROM pg_constraint
     WHERE conrelid = t AND contype IN ('p', 'u', 'x') AND NOT n = ANY (conkey);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'distribution column % of % is not in %', col, t, bad;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attidentity <> '') THEN
        RAISE EXCEPTION '% has an identity column', t;
    END IF;
    IF colocate_with <> 'default' AND NOT EXISTS (
         SELECT 1 FROM pg_attribute a JOIN pg_attribute b ON b.atttypid = a.atttypid
          WHERE a.attrelid = t AND a.attnum = n AND b.attrelid = colocate_with::regclass
            AND b.attname = col) THEN
        RAISE EXCEPTION '% and % are not distributed by columns of the same type', t, colocate_with;
    END IF;
    INSERT INTO citus_stand_in VALUES (t, col);
END $$;
CREATE TABLE public.citus_stand_in (t regclass, col text);
SQL
)
sql=${sql/CREATE EXTENSION pubfin;/-- (pubfin is installed and filled above)}
out=$(q -At <<<"${sql/CREATE EXTENSION citus;/$stub}" 2>&1) || fail "the recipe fails on PostgreSQL: $out"
out=$(q -At <<'SQL'
SELECT (SELECT count(*) FROM pubfin.organization) = (SELECT count(*) FROM public.org)
   AND (SELECT count(*) FROM pubfin.subsidy) = (SELECT count(*) FROM public.grant_award)
   AND (SELECT count(*) FROM pubfin.financing_line) = (SELECT count(*) FROM public.plan_line)
   AND (SELECT count(*) FROM public.grant_award) > 0 AND (SELECT count(*) FROM public.plan_line) > 0;
SELECT count(*) FROM public.citus_stand_in;
-- the same totals by year as pubfin's own rows
SELECT bool_and(a.s = b.s) AND count(*) > 0 FROM
  (SELECT fiscal_year, currency, pubfin.sum(amount)::numeric AS s FROM public.grant_award GROUP BY 1, 2) a
  FULL JOIN (SELECT fiscal_year, currency, pubfin.sum(amount)::numeric AS s FROM pubfin.subsidy GROUP BY 1, 2) b
  USING (fiscal_year, currency);
SQL
) || fail "checking the copies: $out"
[ "$out" = $'t\n2\nt' ] || fail "the copied tables differ from pubfin's (got: $out)"
# the stand-in refuses what Citus refuses: a key without the distribution column
if q -c "CREATE TABLE public.bad_award (beneficiary_id bigint NOT NULL, id bigint PRIMARY KEY)" \
     -c "SELECT create_distributed_table('public.bad_award', 'beneficiary_id')" >/dev/null 2>&1; then
  fail "the stand-in accepted a primary key without the distribution column"
fi
echo "# t_citus_recipe: doc/scaling.md's distributed-tables SQL runs on PostgreSQL and copies every row (Citus itself not run)"
