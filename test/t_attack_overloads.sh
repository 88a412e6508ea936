#!/usr/bin/env bash
# An attack on a trusted install.  A database owner who is not a superuser
# installs pubfin, then tries to plant look-alikes of everything pubfin's SQL
# and PL/pgSQL code calls, so that a superuser using pubfin would run them:
#  * the target list is read from the installed catalog, not written here:
#    every name called and every operator used in the bodies of pubfin's SQL
#    and PL/pgSQL functions and in its views' definitions, every type they
#    cast to; for each, one look-alike per overload found in pg_catalog or
#    pubfin, polymorphic arguments made concrete (a better match than the
#    catalog's), as functions, operators and casts;
#  * each look-alike is tried in schema pubfin (every attempt must fail) and
#    planted in schema public (the owner's, in PostgreSQL 15);
#  * a superuser then runs every entry point (load_scdl, every view, every SQL
#    and PL/pgSQL function with sample arguments, the rule triggers) under
#    three search paths, the default one and the README's; a planted function
#    that runs says so with a WARNING, and the test fails on any.
# Then a schema pubfin that exists before CREATE EXTENSION: refused when it
# holds objects, belongs to another non-superuser or grants CREATE to another
# role; taken over when it is empty and the installer's.
# Run by test/run.sh inside the throwaway cluster (PG* set, superuser).
set -u
cd "$(dirname "$0")/.."
db=pubfin_attack
pw=${PGPASSWORD:-pubfin}
log=$(mktemp)
say() { echo "# t_attack_overloads: $*"; }
cleanup() {
  [ -n "${ATTACK_KEEP:-}" ] && return  # keep the databases for inspection
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS ${db}_pre" \
    -c 'DROP ROLE IF EXISTS attack_owner' -c 'DROP ROLE IF EXISTS attack_other' >/dev/null 2>&1
  rm -f "$log"
}
fail() { echo "not ok - t_attack_overloads: $*" >&2; cleanup; exit 1; }
as_owner() { PGUSER=attack_owner PGPASSWORD=$pw psql -X -q -v ON_ERROR_STOP=1 "$@"; }

cleanup
log=$(mktemp)
psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL || fail "setup"
CREATE ROLE attack_owner LOGIN PASSWORD '$pw' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE attack_other LOGIN PASSWORD '$pw' NOSUPERUSER;
CREATE DATABASE $db OWNER attack_owner;
SQL

# 1. the owner installs pubfin: the schema is not theirs
as_owner -d $db -c 'CREATE EXTENSION pubfin' || fail "CREATE EXTENSION as the owner"
out=$(psql -X -At -d $db -c "SELECT r.rolsuper, has_schema_privilege('attack_owner', n.oid, 'CREATE'),
                                    has_schema_privilege('attack_owner', n.oid, 'USAGE')
                               FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'pubfin'")
[ "$out" = "t|f|t" ] || fail "schema pubfin after a trusted install (superuser owner, CREATE, USAGE): $out"
say "after a trusted install, schema pubfin belongs to a superuser and its installer cannot create in it"

# 2. the targets, from the catalog
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL' || fail "building the target list"
CREATE TABLE public.attack_body AS
SELECT p.oid::regprocedure::text AS origin, p.prosrc AS body
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'pubfin'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
UNION ALL
SELECT c.oid::regclass::text, pg_get_viewdef(c.oid)
  FROM pg_class c WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind IN ('v', 'm');
-- names followed by "(", operators (bare or in OPERATOR(schema.op)), types after "::" or "AS"
CREATE TABLE public.attack_name AS
SELECT DISTINCT lower(m[1]) AS name FROM attack_body, regexp_matches(body, '([A-Za-z_][A-Za-z0-9_]*)\s*\(', 'g') m;
CREATE TABLE public.attack_opname AS
SELECT DISTINCT coalesce(m[1], m[2]) AS name
  FROM attack_body, regexp_matches(body, 'OPERATOR\s*\(\s*[a-z_]+\.([^)\s]+)\s*\)|([-+*/<>=~!@#%^&|`?]+)', 'g') m
 WHERE coalesce(m[1], m[2]) !~ '^(--|/\*|\*/)' ;
CREATE TABLE public.attack_typename AS
SELECT DISTINCT lower(m[1]) AS name
  FROM attack_body, regexp_matches(body, '(?:::|\mAS\s+)(?:[a-z_]+\.)?"?([A-Za-z_][A-Za-z0-9_]*)', 'g') m;
-- the overloads they may resolve to, polymorphic types made concrete
CREATE TABLE public.attack_concrete (poly text, concrete text);
INSERT INTO public.attack_concrete VALUES
  ('anyelement', 'text'), ('anyelement', 'integer'), ('anyelement', 'bigint'), ('anyelement', 'numeric'),
  ('anyelement', 'pubfin.amount'), ('anyelement', 'date'), ('anyelement', 'boolean'),
  ('anyarray', 'text[]'), ('anyarray', 'integer[]'), ('anyarray', 'bigint[]'), ('anyarray', 'pubfin.amount[]'),
  ('anyrange', 'daterange'), ('anymultirange', 'datemultirange'), ('anyenum', 'pubfin.aid_nature');
INSERT INTO public.attack_concrete SELECT 'anynonarray', concrete FROM public.attack_concrete WHERE poly = 'anyelement';
INSERT INTO public.attack_concrete SELECT 'anycompatible', concrete FROM public.attack_concrete WHERE poly = 'anyelement';
INSERT INTO public.attack_concrete SELECT 'anycompatiblenonarray', concrete FROM public.attack_concrete WHERE poly = 'anyelement';
INSERT INTO public.attack_concrete SELECT '"any"', concrete FROM public.attack_concrete WHERE poly = 'anyelement';
INSERT INTO public.attack_concrete SELECT 'anycompatiblearray', concrete FROM public.attack_concrete WHERE poly = 'anyarray';
INSERT INTO public.attack_concrete SELECT 'anycompatiblerange', concrete FROM public.attack_concrete WHERE poly = 'anyrange';
-- one signature per overload and concrete choice (one choice for all polymorphic arguments of a call)
CREATE TABLE public.attack_fn AS
WITH o AS (
    SELECT p.oid, p.proname, p.proretset,
           array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) t) AS args,
           format_type(p.prorettype, NULL) AS ret
      FROM pg_proc p
     WHERE p.pronamespace IN ('pg_catalog'::regnamespace, 'pubfin'::regnamespace)
       AND p.proname IN (SELECT name FROM attack_name) AND p.pronargs BETWEEN 0 AND 5
       AND p.prokind IN ('f', 'a', 'w')
), choice AS (
    SELECT DISTINCT o.oid, o.proname, o.proretset, o.args, o.ret, c.concrete, c.poly
      FROM o LEFT JOIN public.attack_concrete c ON c.poly = ANY (o.args || o.ret)
)
SELECT DISTINCT proname AS name,
       array_to_string(array(SELECT CASE WHEN a = poly OR (a LIKE 'any%' AND concrete IS NOT NULL) THEN concrete ELSE a END
                               FROM unnest(args) a), ', ') AS args,
       CASE WHEN ret LIKE 'any%' OR ret = '"any"' THEN coalesce(concrete, 'text') ELSE ret END AS ret,
       proretset, concrete IS NOT NULL AS concretized
  FROM choice
 WHERE NOT EXISTS (SELECT 1 FROM unnest(args) a WHERE a IN ('internal', 'cstring', '"char"', 'anyenum') OR a LIKE '%[]' AND a LIKE 'any%')
   AND ret NOT IN ('internal', 'cstring', 'trigger', 'event_trigger', 'record', 'language_handler', 'fdw_handler',
                   'index_am_handler', 'table_am_handler', 'tsm_handler');
CREATE TABLE public.attack_op AS
SELECT DISTINCT o.oprname AS name, format_type(o.oprleft, NULL) AS l, format_type(o.oprright, NULL) AS r,
       format_type(o.oprresult, NULL) AS ret
  FROM pg_operator o
 WHERE o.oprnamespace IN ('pg_catalog'::regnamespace, 'pubfin'::regnamespace)
   AND o.oprname IN (SELECT name FROM attack_opname)
   AND 'internal' NOT IN (format_type(o.oprleft, NULL), format_type(o.oprright, NULL), format_type(o.oprresult, NULL));
UPDATE public.attack_op SET l = c.concrete FROM (SELECT DISTINCT ON (poly) poly, concrete FROM public.attack_concrete ORDER BY poly, concrete) c WHERE l = c.poly;
UPDATE public.attack_op SET r = c.concrete FROM (SELECT DISTINCT ON (poly) poly, concrete FROM public.attack_concrete ORDER BY poly, concrete) c WHERE r = c.poly;
UPDATE public.attack_op SET ret = 'text' WHERE ret LIKE 'any%';
CREATE TABLE public.attack_cast AS
SELECT DISTINCT t.typname AS name, format_type(t.oid, NULL) AS target
  FROM pg_type t
 WHERE t.typnamespace IN ('pg_catalog'::regnamespace, 'pubfin'::regnamespace)
   AND t.typname IN (SELECT name FROM attack_typename) AND t.typtype IN ('b', 'd', 'e', 'c', 'r')
   AND t.typname NOT LIKE 'pg\_%';
CREATE TABLE public.attack_result (what text, target text, outcome text);
GRANT ALL ON public.attack_name, public.attack_opname, public.attack_typename, public.attack_fn, public.attack_op,
             public.attack_cast, public.attack_result TO attack_owner;
SQL
counts=$(psql -X -At -d $db -c "SELECT (SELECT count(*) FROM attack_body) || ' bodies, ' ||
  (SELECT count(*) FROM attack_fn) || ' function look-alikes, ' || (SELECT count(*) FROM attack_op) || ' operator look-alikes, ' ||
  (SELECT count(*) FROM attack_cast) || ' cast targets'")
say "targets from the catalog: $counts"
psql -X -At -d $db -c "SELECT count(*) >= 10 FROM attack_fn" | grep -qx t || fail "too few targets: $counts"

# 3. the owner plants them: in pubfin (refused), in public
as_owner -d $db >/dev/null 2>"$log" <<'SQL' || fail "planting: $(tail -5 "$log")"
SET client_min_messages = warning;
-- the planting code itself must not meet its own look-alikes
SET search_path = pg_catalog, pg_temp;
DO $plant$
DECLARE
    f record;
    o record;
    c record;
    s text;
    sch text;
    n int := 0;
    body text;
BEGIN
    CREATE TABLE public.planted_log (sig text);
    GRANT ALL ON public.planted_log TO PUBLIC;
    FOR f IN SELECT * FROM public.attack_fn LOOP
        n := n + 1;
        FOREACH sch IN ARRAY ARRAY['pubfin', 'public'] LOOP
            body := format($b$BEGIN RAISE WARNING 'PLANTED-RAN %%', %L; INSERT INTO public.planted_log VALUES (%L); %s END$b$,
                           sch || '.' || f.name || '(' || f.args || ')', sch || '.' || f.name || '(' || f.args || ')',
                           CASE WHEN f.proretset OR f.ret = 'void' THEN 'RETURN;' ELSE 'RETURN NULL;' END);
            s := format('CREATE FUNCTION %I.%I(%s) RETURNS %s%s LANGUAGE plpgsql AS %L',
                        sch, f.name, f.args, CASE WHEN f.proretset THEN 'SETOF ' ELSE '' END, f.ret, body);
            BEGIN
                EXECUTE s;
                INSERT INTO public.attack_result VALUES ('function', sch || '.' || f.name || '(' || f.args || ')', 'planted');
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO public.attack_result VALUES ('function', sch || '.' || f.name || '(' || f.args || ')', SQLSTATE);
            END;
        END LOOP;
    END LOOP;
    FOR o IN SELECT * FROM public.attack_op LOOP
        n := n + 1;
        body := format($b$BEGIN RAISE WARNING 'PLANTED-RAN %%', %L; RETURN NULL; END$b$, 'operator ' || o.name || '(' || o.l || ',' || o.r || ')');
        BEGIN
            EXECUTE format('CREATE FUNCTION public.attack_op_%s(%s, %s) RETURNS %s LANGUAGE plpgsql AS %L', n,
                           CASE o.l WHEN '-' THEN 'text' ELSE o.l END, CASE o.r WHEN '-' THEN 'text' ELSE o.r END, o.ret, body);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO public.attack_result VALUES ('operator function', o.name || '(' || o.l || ',' || o.r || ')', SQLSTATE || ' ' || SQLERRM);
            CONTINUE;
        END;
        FOREACH sch IN ARRAY ARRAY['pubfin', 'public'] LOOP
            s := format('CREATE OPERATOR %I.%s (%s FUNCTION = public.attack_op_%s)', sch, o.name,
                        concat_ws(', ', CASE WHEN o.l <> '-' THEN 'LEFTARG = ' || o.l END,
                                        CASE WHEN o.r <> '-' THEN 'RIGHTARG = ' || o.r END) || ',', n);
            BEGIN
                EXECUTE s;
                INSERT INTO public.attack_result VALUES ('operator', sch || '.' || o.name || '(' || o.l || ',' || o.r || ')', 'planted');
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO public.attack_result VALUES ('operator', sch || '.' || o.name || '(' || o.l || ',' || o.r || ')', SQLSTATE);
            END;
        END LOOP;
    END LOOP;
    -- casts: to pubfin's and the catalog's types themselves (refused: the owner owns neither type),
    -- and to look-alike types of the same name in public
    FOR c IN SELECT * FROM public.attack_cast LOOP
        n := n + 1;
        BEGIN
            EXECUTE format('CREATE CAST (text AS %s) WITH INOUT AS IMPLICIT', c.target);
            INSERT INTO public.attack_result VALUES ('cast', 'text -> ' || c.target, 'planted');
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO public.attack_result VALUES ('cast', 'text -> ' || c.target, SQLSTATE);
        END;
        BEGIN
            EXECUTE format('CREATE TYPE public.%I AS ENUM (''evil'')', c.name);
            EXECUTE format('CREATE FUNCTION public.attack_castfn_%s(text) RETURNS public.%I LANGUAGE plpgsql AS %L', n, c.name,
                           'BEGIN RAISE WARNING ''PLANTED-RAN %'', ' || quote_literal('cast to public.' || c.name) || '; RETURN NULL; END');
            EXECUTE format('CREATE CAST (text AS public.%I) WITH FUNCTION public.attack_castfn_%s(text) AS IMPLICIT', c.name, n);
            INSERT INTO public.attack_result VALUES ('cast', 'text -> public.' || c.name, 'planted');
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO public.attack_result VALUES ('cast', 'text -> public.' || c.name, SQLSTATE);
        END;
    END LOOP;
END
$plant$;
SQL
out=$(psql -X -At -d $db -c "SELECT string_agg(what || ' ' || target, '; ') FROM attack_result
                              WHERE outcome = 'planted' AND (target LIKE 'pubfin.%' OR target ~ '-> (pubfin\.|[a-z])' AND target NOT LIKE '%public.%')")
[ -z "$out" ] || fail "the owner planted objects in pubfin or casts on its types: $out"
out=$(psql -X -At -d $db -c "SELECT count(*) FILTER (WHERE target LIKE 'pubfin.%' AND outcome = '42501'),
                                    count(*) FILTER (WHERE target LIKE 'public.%' AND outcome = 'planted'),
                                    count(*) FILTER (WHERE what = 'cast' AND target LIKE '%public.%' AND outcome = 'planted')
                               FROM attack_result")
IFS='|' read -r refused planted casts <<<"$out"
[ "$refused" -ge 10 ] && [ "$planted" -ge 10 ] || fail "the attack did not run as planned (refused in pubfin|planted in public|casts): $out"
say "$refused look-alikes refused in schema pubfin (42501); $planted planted in public, $casts casts to look-alike types"

# 4. a superuser runs every entry point under three search paths.  The
# statements are generated beforehand under a safe search path, then run
# one by one by psql (no harness code of ours runs under the attacked path).
csv=$'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,notificationUE,pourcentageSubvention,dispositifAide\nVille de Poitiers,21860194600013,2021-03-01,Les Amis du Jazz,52499120500013,Festival,"1 000,50",aide en numéraire,unique,2021-03-01,non,1,de minimis\nVille de Poitiers,21860194600013,2021-03-02,Les Amis du Jazz,52499120500013,Festival,25000,aide en nature,échelonné,2021-03-01/2021-12-31,oui,0.5,FEDER\n'
psql -X -q -v ON_ERROR_STOP=1 -d $db -f test/fixtures/mel_apes_2021.sql >/dev/null || fail "fixture"
stmts=$(mktemp)
psql -X -q -At -v ON_ERROR_STOP=1 -d $db -v csv="$csv" > "$stmts" <<'SQL' || fail "generating the entry points"
SET search_path = pg_catalog, pg_temp;
SELECT format('SELECT * FROM pubfin.load_scdl(%L, %L);', :'csv', 'attack-' || g || '.csv') FROM generate_series(1, 2) g;
SELECT format('SELECT * FROM %s;', c.oid::regclass)
  FROM pg_class c WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind IN ('v', 'm') ORDER BY 1;
-- every SQL and PL/pgSQL function but triggers, with sample arguments by type
SELECT format('SELECT %s(%s);', f.oid::regproc,
       (SELECT string_agg(CASE format_type(t, NULL)
                   WHEN 'pubfin.amount' THEN '''1234.56''::pubfin.amount'
                   WHEN 'pubfin.history' THEN '''{2020:1000,2021:2500.50}''::pubfin.history'
                   WHEN 'text' THEN CASE WHEN f.proargnames[k] ~ 'csv|content|data|body' THEN quote_literal(:'csv') ELSE '''fr''' END
                   WHEN 'integer' THEN '2021' WHEN 'bigint' THEN '1' WHEN 'smallint' THEN '1'
                   WHEN 'numeric' THEN '0.5' WHEN 'date' THEN '''2021-03-01''::date' WHEN 'boolean' THEN 'true'
                   WHEN 'text[]' THEN '''{fr,municipality}''::text[]' WHEN 'jsonb' THEN '''{"a": 1}''::jsonb'
                   WHEN 'daterange' THEN '''[2021-01-01,2021-12-31]''::daterange'
                   ELSE 'NULL::' || format_type(t, NULL) END, ', ' ORDER BY k)
          FROM unnest(f.proargtypes::oid[]) WITH ORDINALITY u(t, k)))
  FROM pg_proc f JOIN pg_language l ON l.oid = f.prolang
 WHERE f.pronamespace = 'pubfin'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
   AND f.prorettype <> 'trigger'::regtype AND f.prokind = 'f'
 ORDER BY 1;
-- the rule triggers
SELECT $s$INSERT INTO pubfin.rule (code, kind, title, description, severity, max_ratio, aid_scheme) VALUES ('attack_check', 'funding_cap', 'Check', 'Check', 'info', 0.8, 'FEDER');$s$;
SELECT $s$UPDATE pubfin.rule SET severity = 'warning' WHERE code IN ('attack_check', 'funding_path');$s$;
SELECT $s$DELETE FROM pubfin.rule WHERE code IN ('attack_check', 'funding_path');$s$;
SELECT $s$INSERT INTO pubfin.rule_deleted (code) VALUES ('unfunded_gap');$s$;
SELECT $s$DO $d$ BEGIN RAISE WARNING 'ENTRY-POINTS-RAN'; END $d$;$s$;
-- the control: a look-alike planted in public is live for a call that resolves names through public
SELECT $s$DO $d$ BEGIN RAISE WARNING 'CONTROL-START'; END $d$;$s$;
SELECT format('SELECT %I(%s);', f.name, (SELECT string_agg('NULL::' || a, ', ') FROM unnest(string_to_array(f.args, ', ')) a))
  FROM public.attack_fn f JOIN public.attack_result r ON r.target = 'public.' || f.name || '(' || f.args || ')' AND r.outcome = 'planted'
 WHERE f.concretized AND NOT f.proretset AND f.args <> '' ORDER BY f.name = 'cardinality' DESC, f.name LIMIT 1;
SQL
nstmts=$(grep -c '' "$stmts")
for path in '"$user", public' 'public, pubfin' 'pubfin, public'; do
  { echo "SET search_path = $path;"; echo "SET client_min_messages = warning;"; cat "$stmts"; } \
    | psql -X -q -d $db -o /dev/null >"$log" 2>&1
  grep -q 'ENTRY-POINTS-RAN' "$log" || fail "the entry points did not run under search_path $path: $(grep -m3 ERROR "$log")"
  sed -n '/CONTROL-START/,$p' "$log" | grep -q 'PLANTED-RAN' \
    || fail "the control look-alike did not run under search_path $path: the attack is not live: $(tail -5 "$log")"
  ran=$(sed '/CONTROL-START/q' "$log" | grep 'PLANTED-RAN' | sort -u)
  [ -z "$ran" ] || fail "planted objects ran as the superuser under search_path $path:
$ran"
  say "search_path $path: $nstmts statements (load_scdl, every view, every SQL/PL/pgSQL function, the rule triggers) ran as a superuser; no planted object did"
done
rm -f "$stmts"

# 5. a schema pubfin that exists before CREATE EXTENSION
try_pre() {   # $1: SQL run by the owner (after the superuser's $2) before CREATE EXTENSION; prints the outcome
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${db}_pre" -c "CREATE DATABASE ${db}_pre OWNER attack_owner" >/dev/null 2>&1
  [ -n "$2" ] && psql -X -q -d ${db}_pre -c "$2" >/dev/null
  as_owner -d ${db}_pre -c "$1" -c 'CREATE EXTENSION pubfin' 2>&1
}
out=$(try_pre 'CREATE SCHEMA pubfin; CREATE FUNCTION pubfin.cardinality(text[]) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$' '')
grep -q 'ERROR:  schema pubfin already holds objects that are not pubfin.s: function .*cardinality(text\[\])' <<<"$out" \
  || fail "a pre-existing schema with a planted function: $out"
out=$(try_pre 'SELECT 1' 'CREATE SCHEMA pubfin AUTHORIZATION attack_other')
grep -q 'ERROR:  schema pubfin already exists and belongs to role attack_other' <<<"$out" || fail "a schema of another role: $out"
out=$(try_pre 'CREATE SCHEMA pubfin; GRANT CREATE ON SCHEMA pubfin TO attack_other' '')
grep -q 'ERROR:  schema pubfin grants CREATE to attack_other' <<<"$out" || fail "a schema granting CREATE: $out"
out=$(try_pre 'CREATE SCHEMA pubfin' '') || fail "an empty schema of the installer: $out"
[ "$(psql -X -At -d ${db}_pre -c "SELECT r.rolsuper FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE nspname = 'pubfin'")" = t ] \
  || fail "the installer's empty schema was not taken over"
say "a pre-existing schema pubfin is refused when it holds objects, belongs to another role or grants CREATE; taken over when empty"
cleanup
exit 0
