#!/usr/bin/env bash
# pubfin is a trusted extension: a database owner who is not a superuser
# installs it with CREATE EXTENSION and uses it; a role with only USAGE on
# schema pubfin (and SELECT on its views) can use the types and functions but
# can neither change nor read anything else; an object planted beforehand in a
# schema on the installer's search_path is not picked up.  Run by test/run.sh
# inside the throwaway cluster (PG* set, superuser).  Exit 0 = pass.
set -u
db=pubfin_trusted
pw=${PGPASSWORD:-pubfin}
say() { echo "# t_trusted: $*"; }
fail() { echo "not ok - t_trusted: $*" >&2; cleanup; exit 1; }
cleanup() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" \
    -c 'DROP ROLE IF EXISTS pubfin_owner' -c 'DROP ROLE IF EXISTS pubfin_user' \
    -c 'DROP ROLE IF EXISTS pubfin_evil' >/dev/null 2>&1
}
as() { local role=$1; shift; PGUSER=$role PGPASSWORD=$pw psql -X -q -v ON_ERROR_STOP=1 -d $db "$@"; }

cleanup
psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL || fail "setup"
CREATE ROLE pubfin_owner LOGIN PASSWORD '$pw' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE pubfin_user LOGIN PASSWORD '$pw';
CREATE ROLE pubfin_evil LOGIN PASSWORD '$pw';
CREATE DATABASE $db OWNER pubfin_owner;
SQL

# 1. a hostile role plants look-alikes in public, on the installer's search_path
as pubfin_owner -c 'GRANT CREATE ON SCHEMA public TO pubfin_evil' || fail "grant to evil"
as pubfin_evil >/dev/null <<'SQL' || fail "planting look-alikes"
CREATE FUNCTION public.pubfin_version() RETURNS text LANGUAGE sql AS $$ SELECT 'evil' $$;
CREATE FUNCTION public.parse_amount(text, text) RETURNS numeric LANGUAGE sql AS $$ SELECT 666 $$;
CREATE FUNCTION public.int8eq(int8, int8) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
CREATE FUNCTION public.numeric_round(numeric, int4) RETURNS numeric LANGUAGE sql AS $$ SELECT 666 $$;
SQL

# 2. the non-superuser owner installs pubfin and uses it
out=$(as pubfin_owner -At <<'SQL'
SET search_path = public, pubfin;
CREATE EXTENSION pubfin;
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
SELECT extowner::regrole FROM pg_extension WHERE extname = 'pubfin';
SELECT pubfin.pubfin_version() = extversion FROM pg_extension WHERE extname = 'pubfin';
SELECT pubfin.sum(x) FROM (VALUES ('35 000,00 €'::pubfin.amount), ('0.50'), ('-1''000')) v(x);
SELECT pubfin.parse_amount('1.234,56', 'de'), pubfin.format_amount('1234.5', 'fr');
SELECT '1.235'::numeric::pubfin.amount, '1'::pubfin.amount = '1.00'::pubfin.amount;
CREATE TABLE grant_line (id int, a pubfin.amount);
INSERT INTO grant_line VALUES (1, '1 500'), (2, '2500.25');
SELECT pubfin.avg(a) FROM grant_line;
SELECT count(*) FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
 WHERE p.pronamespace = 'pubfin'::regnamespace AND NOT r.rolsuper;
SQL
) || fail "install or use as the database owner: $out"
expected=$(printf '%s\n' f pubfin_owner t 34000.50 $'1234.56|1\u202f234,50\u00a0€' "1.24|t" 2000.13 0)
[ "$out" = "$expected" ] || fail "unexpected results as the owner:
$out
expected:
$expected"
say "a non-superuser database owner installed and used pubfin; the planted look-alikes were ignored"

# 2b. the owner loads an SCDL file: the objects belong to the bootstrap
# superuser, but the install script grants the installer the data privileges
out=$(as pubfin_owner -At <<'SQL'
SELECT accepted FROM pubfin.load_scdl(E'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,notificationUE,pourcentageSubvention\nVille de Poitiers,21860194600013,2021-03-01,Les Amis du Jazz,52499120500013,Festival,1000,aide en numéraire,unique,2021-03-01,non,1\n', 'owner.csv');
SELECT count(*) FROM pubfin.subsidy;
SELECT relowner::regrole::text <> current_user FROM pg_class WHERE oid = 'pubfin.subsidy'::regclass;
SQL
) || fail "loading as the owner: $out"
[ "$out" = $'1\n1\nt' ] || fail "unexpected results of the owner's load: $out"
say "the owner loaded an SCDL file into tables it does not own"
# 3. a role with USAGE on pubfin (and SELECT on its views, if any) cannot write anything.
# The owner grants them: it holds USAGE and the table privileges with the grant option.
as pubfin_owner >/dev/null <<'SQL' || fail "grants by the owner"
GRANT USAGE ON SCHEMA pubfin TO pubfin_user;
DO $$
DECLARE v regclass;
BEGIN
    FOR v IN SELECT c.oid FROM pg_class c WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind IN ('v', 'm')
    LOOP
        EXECUTE format('GRANT SELECT ON %s TO pubfin_user', v);
    END LOOP;
END $$;
SQL
# a GRANT without the grant option only warns: check that these took effect
[ "$(psql -X -At -d $db -c "SELECT has_schema_privilege('pubfin_user', 'pubfin', 'USAGE')
     AND bool_and(has_table_privilege('pubfin_user', c.oid, 'SELECT'))
   FROM pg_class c WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind IN ('v', 'm')")" = t ] \
  || fail "the owner's grants did not take effect"
say "the owner granted USAGE on pubfin and SELECT on its views"
out=$(as pubfin_user -At 2>&1 <<'SQL'
SET client_min_messages = notice;
SELECT pubfin.parse_amount('35 000,00', 'fr');
DO $$
DECLARE
    stmt text;
    rel record;
    stmts text[] := ARRAY[
        'CREATE FUNCTION pubfin.evil() RETURNS int LANGUAGE sql AS $e$ SELECT 1 $e$',
        'CREATE OR REPLACE FUNCTION pubfin.pubfin_version() RETURNS text LANGUAGE sql AS $e$ SELECT $q$x$q$ $e$',
        'CREATE TABLE pubfin.evil (x int)',
        'CREATE VIEW pubfin.evil AS SELECT 1',
        'CREATE TYPE pubfin.evil AS (x int)',
        'CREATE OPERATOR pubfin.### (LEFTARG = int, RIGHTARG = int, FUNCTION = int4pl)',
        'CREATE OPERATOR pubfin.= (LEFTARG = pubfin.amount, RIGHTARG = text, FUNCTION = texteq)',
        'DROP FUNCTION pubfin.pubfin_version()',
        'DROP TYPE pubfin.amount CASCADE',
        'DROP OPERATOR pubfin.+ (pubfin.amount, pubfin.amount)',
        'ALTER FUNCTION pubfin.parse_amount(text, text) SET search_path = public',
        'ALTER FUNCTION pubfin.parse_amount(text, text) OWNER TO pubfin_user',
        'ALTER FUNCTION pubfin.parse_amount(text, text) SECURITY DEFINER',
        'ALTER TYPE pubfin.amount OWNER TO pubfin_user',
        'ALTER SCHEMA pubfin RENAME TO evil',
        'ALTER SCHEMA pubfin OWNER TO pubfin_user',
        'COMMENT ON FUNCTION pubfin.pubfin_version() IS $e$evil$e$',
        'COMMENT ON TYPE pubfin.amount IS $e$evil$e$',
        'ALTER EXTENSION pubfin UPDATE',
        'ALTER EXTENSION pubfin ADD FUNCTION int4pl(int, int)',
        'DROP EXTENSION pubfin CASCADE',
        'DROP SCHEMA pubfin CASCADE',
        'CREATE CAST (text AS pubfin.amount) WITH INOUT AS IMPLICIT'];
    bad text[] := '{}';
BEGIN
    -- every table of pubfin: no write, no read; every view: no write
    FOR rel IN SELECT c.oid::regclass AS r, c.relkind FROM pg_class c
                WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
    LOOP
        stmts := stmts || format('INSERT INTO %s DEFAULT VALUES', rel.r)
                       || format('DELETE FROM %s', rel.r);
        IF rel.relkind IN ('r', 'p') THEN
            stmts := stmts || format('TRUNCATE %s', rel.r) || format('SELECT * FROM %s', rel.r);
        END IF;
    END LOOP;
    FOREACH stmt IN ARRAY stmts LOOP
        BEGIN
            EXECUTE stmt;
            bad := bad || ('succeeded: ' || stmt);
        EXCEPTION
            WHEN insufficient_privilege THEN NULL;          -- 42501: what we want
            WHEN object_not_in_prerequisite_state THEN NULL; -- 55000: a view nobody can write
            WHEN OTHERS THEN
                bad := bad || (SQLSTATE || ' instead of 42501: ' || stmt || ': ' || SQLERRM);
        END;
    END LOOP;
    -- a GRANT by a non-owner only warns ("no privileges were granted"): check the outcome
    SET LOCAL client_min_messages = error;
    EXECUTE 'GRANT CREATE ON SCHEMA pubfin TO pubfin_user';
    IF has_schema_privilege('pubfin_user', 'pubfin', 'CREATE') THEN
        bad := bad || 'GRANT CREATE ON SCHEMA pubfin took effect'::text;
    END IF;
    EXECUTE 'GRANT EXECUTE ON FUNCTION pubfin.parse_amount(text, text) TO pubfin_evil WITH GRANT OPTION';
    IF has_function_privilege('pubfin_evil', 'pubfin.parse_amount(text, text)', 'EXECUTE WITH GRANT OPTION') THEN
        bad := bad || 'GRANT ... WITH GRANT OPTION took effect'::text;
    END IF;
    RESET client_min_messages;
    IF cardinality(bad) > 0 THEN
        RAISE EXCEPTION 'writes not refused: %', array_to_string(bad, '; ');
    END IF;
    RAISE NOTICE '% statements refused with 42501', cardinality(stmts);
END $$;
SQL
) || fail "as a USAGE-only role: $out"
say "a role with USAGE on pubfin used it and could change nothing ($(grep -o '[0-9]* statements refused' <<<"$out"))"

# 4. without USAGE, nothing of pubfin is reachable
out=$(as pubfin_evil -At -c "SELECT '1'::pubfin.amount" 2>&1) && fail "a role without USAGE used pubfin: $out"
grep -q 'permission denied for schema pubfin' <<<"$out" || fail "unexpected error without USAGE: $out"
say "a role without USAGE on pubfin cannot reach it"

# 5. the owner can drop the extension it installed
as pubfin_owner -c 'DROP TABLE grant_line' -c 'DROP EXTENSION pubfin' || fail "DROP EXTENSION as the owner"
say "the owner dropped the extension"
cleanup
exit 0
