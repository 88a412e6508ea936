-- pgTAP: the extension is safe to install as trusted and safe to use: no
-- SECURITY DEFINER, pinned search paths, superuser-owned objects, nothing
-- writable by PUBLIC, honest LEAKPROOF marks, internal arguments guarded.
-- Generic over the catalog: new functions, tables and views are checked
-- without editing this file (an SQL function that qualifies everything
-- instead of pinning search_path goes into pg_temp.unpinned_ok with a reason).
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(14);

-- every object of the extension, by class
CREATE TEMP TABLE ext_obj ON COMMIT DROP AS
SELECT d.classid, d.objid
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'pubfin';
CREATE TEMP TABLE ext_proc ON COMMIT DROP AS
SELECT p.* FROM pg_proc p JOIN ext_obj o ON o.classid = 'pg_proc'::regclass AND o.objid = p.oid;
CREATE TEMP TABLE ext_rel ON COMMIT DROP AS
SELECT c.* FROM pg_class c JOIN ext_obj o ON o.classid = 'pg_class'::regclass AND o.objid = c.oid;
-- SQL or PL/pgSQL functions that may go without a pinned search_path (they qualify everything)
CREATE TEMP TABLE unpinned_ok (proc text PRIMARY KEY, reason text NOT NULL) ON COMMIT DROP;
-- a SQL function with a SET clause is never inlined: these small ones qualify every reference instead
INSERT INTO unpinned_ok VALUES
    ('unnest(history)', 'inlined set-returning function; every reference is qualified'),
    ('in_scope(text[],text)', 'inlined in the issue views; every reference is qualified'),
    ('matches_scope(text,text)', 'inlined in the issue views; every reference is qualified'),
    ('public_kinds()', 'inlined in the issue views; every reference is qualified'),
    ('rule_in_force(boolean,date,date,date)', 'inlined in the issue views; every reference is qualified');

SELECT cmp_ok((SELECT count(*) FROM ext_proc), '>', 0::bigint, 'the extension has functions');

SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM ext_proc p WHERE p.prosecdef ORDER BY 1),
          '{}'::text[], 'no SECURITY DEFINER function');

SELECT is(ARRAY(SELECT p.oid::regprocedure::text
                  FROM ext_proc p JOIN pg_language l ON l.oid = p.prolang
                 WHERE l.lanname NOT IN ('c', 'internal')
                   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%')
                   AND p.oid::regprocedure::text NOT IN (SELECT proc FROM unpinned_ok)
                 ORDER BY 1),
          '{}'::text[], 'every SQL and PL/pgSQL function pins its search_path');

SELECT is(ARRAY(SELECT p.oid::regprocedure::text
                  FROM ext_proc p, unnest(p.proconfig) c
                 WHERE c LIKE 'search\_path=%'
                   AND (c ~ '\$user' OR c ~ '(=|,\s*)public(,|$)')
                 ORDER BY 1),
          '{}'::text[], 'no pinned search_path includes "$user" or public');

SELECT is(ARRAY(SELECT o.classid::regclass::text || ' ' || o.objid
                  FROM ext_obj o
                  LEFT JOIN pg_proc p ON o.classid = 'pg_proc'::regclass AND p.oid = o.objid
                  LEFT JOIN pg_type t ON o.classid = 'pg_type'::regclass AND t.oid = o.objid
                  LEFT JOIN pg_class c ON o.classid = 'pg_class'::regclass AND c.oid = o.objid
                  LEFT JOIN pg_operator op ON o.classid = 'pg_operator'::regclass AND op.oid = o.objid
                 WHERE coalesce(p.pronamespace, t.typnamespace, c.relnamespace, op.oprnamespace)
                       <> 'pubfin'::regnamespace
                 ORDER BY 1),
          '{}'::text[], 'every function, type, relation and operator lives in schema pubfin');

SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM ext_proc p JOIN pg_roles r ON r.oid = p.proowner
                 WHERE NOT r.rolsuper ORDER BY 1),
          '{}'::text[], 'no function is owned by a non-superuser');

SELECT is(ARRAY(SELECT t.oid::regtype::text
                  FROM pg_type t JOIN ext_obj o ON o.classid = 'pg_type'::regclass AND o.objid = t.oid
                  JOIN pg_roles r ON r.oid = t.typowner
                 WHERE NOT r.rolsuper ORDER BY 1),
          '{}'::text[], 'no type is owned by a non-superuser');

SELECT ok(NOT has_schema_privilege('public', 'pubfin', 'CREATE'),
          'PUBLIC cannot create objects in schema pubfin');

SELECT is(ARRAY(SELECT c.oid::regclass::text FROM ext_rel c
                 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                   AND has_table_privilege('public', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                 ORDER BY 1),
          '{}'::text[], 'PUBLIC cannot write any table or view of pubfin');

SELECT is(ARRAY(SELECT c.oid::regclass::text FROM ext_rel c
                 WHERE c.relkind IN ('r', 'p') AND has_table_privilege('public', c.oid, 'SELECT')
                 ORDER BY 1),
          '{}'::text[], 'PUBLIC cannot read the tables of pubfin (views are granted explicitly)');

-- a LEAKPROOF mark is only honest on a wrapper of a built-in leakproof function
-- (or of hashint8/hashint8extended: they cannot fail, and hash support
-- functions are never called in the quals that leakproofness is about)
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM ext_proc p
                 WHERE p.proleakproof
                   AND NOT (p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'internal')
                            AND p.prosrc IN ('hashint8', 'hashint8extended'))
                   AND NOT EXISTS (SELECT 1 FROM pg_proc b
                                    WHERE b.pronamespace = 'pg_catalog'::regnamespace
                                      AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'internal')
                                      AND b.prolang = p.prolang
                                      AND b.prosrc = p.prosrc AND b.proleakproof)
                 ORDER BY 1),
          '{}'::text[], 'every LEAKPROOF function wraps a leakproof built-in');

-- a C function taking internal must not be callable on arbitrary data from SQL
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM ext_proc p
                 WHERE 'internal'::regtype = ANY (p.proargtypes)
                   AND NOT p.proisstrict
                   AND p.prorettype <> 'internal'::regtype
                   AND p.prokind = 'f'
                   AND NOT EXISTS (SELECT 1 FROM pg_aggregate a
                                    WHERE p.oid IN (a.aggtransfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn))
                 ORDER BY 1),
          '{}'::text[], 'every function with an internal argument is STRICT, returns internal or is an aggregate support');

SELECT is((SELECT bool_and(a.trusted) FROM pg_available_extension_versions a JOIN pg_extension e
             ON e.extname = a.name AND e.extversion = a.version WHERE a.name = 'pubfin'),
          true, 'pubfin is a trusted extension');

SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'pubfin'), false,
          'pubfin is not relocatable (its install script names @extschema@)');

SELECT * FROM finish();
ROLLBACK;
