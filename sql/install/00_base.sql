-- The schema pubfin is created by CREATE EXTENSION (pubfin.control: schema = pubfin).
--
-- Before anything else, two refusals and one change of owner (doc/reliability.md).
--  * pubfin needs a UTF8 database: it reads and writes text (amounts with a
--    narrow no-break space and the euro sign, SCDL values with accents) that
--    other encodings cannot hold.  This file is written in UTF-8 and declared
--    so (pubfin.control: encoding = UTF8); it keeps to characters that LATIN1
--    and its kin can hold, so that such a database gets this message rather
--    than a conversion error.
--  * CREATE EXTENSION creates the schema as the role that runs it, or uses a
--    schema pubfin that already exists.  Whoever can create objects in the
--    schema can plant a function that matches a call of pubfin's better than
--    the catalog's, and it would run with the rights of whoever calls pubfin
--    (a superuser loading a file).  So the schema must hold nothing but
--    pubfin, must belong to a superuser or to the installing role, and must
--    grant CREATE to nobody else; it then passes to the role that runs this
--    script (the bootstrap superuser, for a trusted install by a database
--    owner), so that no other role can create or replace anything in it.
--    Messages are ASCII on purpose (see the first point).
DO $$
DECLARE
    sch record;
    foreign_objects text;
    creators text;
BEGIN
    IF pg_catalog.getdatabaseencoding() OPERATOR(pg_catalog.<>) 'UTF8' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'feature_not_supported',
            MESSAGE = pg_catalog.format('pubfin needs a UTF8 database: database %I uses encoding %s',
                                        pg_catalog.current_database(), pg_catalog.getdatabaseencoding()),
            DETAIL = 'pubfin reads and writes text that this encoding cannot hold (amounts with a narrow no-break space and the euro sign, SCDL values with accents).',
            HINT = 'Create a UTF8 database (createdb -E UTF8 -T template0 ..., or CREATE DATABASE ... ENCODING ''UTF8'' TEMPLATE template0) and install pubfin there.';
    END IF;

    SELECT n.oid, n.nspname, n.nspowner::regrole::text AS owner, r.rolsuper,
           n.nspowner OPERATOR(pg_catalog.=) e.extowner AS owned_by_installer, n.nspacl
      INTO sch
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
      JOIN pg_catalog.pg_extension e ON e.extname OPERATOR(pg_catalog.=) 'pubfin'
     WHERE n.nspname OPERATOR(pg_catalog.=) '@extschema@';

    SELECT pg_catalog.string_agg(o.what, ', ' ORDER BY o.what) INTO foreign_objects
      FROM (SELECT 'relation ' || c.relname AS what FROM pg_catalog.pg_class c WHERE c.relnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_catalog.pg_proc p WHERE p.pronamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'type ' || t.typname FROM pg_catalog.pg_type t WHERE t.typnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'operator ' || o.oid::regoperator::text FROM pg_catalog.pg_operator o WHERE o.oprnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'operator class ' || oc.opcname FROM pg_catalog.pg_opclass oc WHERE oc.opcnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'operator family ' || f.opfname FROM pg_catalog.pg_opfamily f WHERE f.opfnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'collation ' || co.collname FROM pg_catalog.pg_collation co WHERE co.collnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'conversion ' || cv.conname FROM pg_catalog.pg_conversion cv WHERE cv.connamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'statistics ' || s.stxname FROM pg_catalog.pg_statistic_ext s WHERE s.stxnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'text search configuration ' || ts.cfgname FROM pg_catalog.pg_ts_config ts WHERE ts.cfgnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'text search dictionary ' || td.dictname FROM pg_catalog.pg_ts_dict td WHERE td.dictnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'text search parser ' || tp.prsname FROM pg_catalog.pg_ts_parser tp WHERE tp.prsnamespace OPERATOR(pg_catalog.=) sch.oid
            UNION ALL SELECT 'text search template ' || tt.tmplname FROM pg_catalog.pg_ts_template tt WHERE tt.tmplnamespace OPERATOR(pg_catalog.=) sch.oid) o;
    IF foreign_objects IS NOT NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = pg_catalog.format('schema %I already holds objects that are not pubfin''s: %s',
                                        sch.nspname, pg_catalog.left(foreign_objects, 500)),
            DETAIL = 'pubfin''s functions look names up in their own schema; an object placed there beforehand could run in place of the catalog''s with the rights of whoever calls pubfin.',
            HINT = pg_catalog.format('Move or drop those objects (or DROP SCHEMA %I CASCADE after checking what it holds), then CREATE EXTENSION pubfin again.', sch.nspname);
    END IF;
    IF NOT sch.rolsuper AND NOT sch.owned_by_installer THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = pg_catalog.format('schema %I already exists and belongs to role %s, who is neither a superuser nor the role installing pubfin',
                                        sch.nspname, sch.owner),
            DETAIL = 'The owner of pubfin''s schema could create or replace objects that pubfin''s functions resolve.',
            HINT = pg_catalog.format('Drop the schema (DROP SCHEMA %I) or have a superuser take it over (ALTER SCHEMA %I OWNER TO postgres), then CREATE EXTENSION pubfin again.', sch.nspname, sch.nspname);
    END IF;
    SELECT pg_catalog.string_agg(DISTINCT CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END, ', ') INTO creators
      FROM pg_catalog.aclexplode(sch.nspacl) a
     WHERE a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
       AND a.grantee OPERATOR(pg_catalog.<>) (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) sch.oid);
    IF creators IS NOT NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = pg_catalog.format('schema %I grants CREATE to %s', sch.nspname, creators),
            DETAIL = 'A role that can create objects in pubfin''s schema could plant one that runs in place of the catalog''s.',
            HINT = pg_catalog.format('REVOKE CREATE ON SCHEMA %I FROM those roles, then CREATE EXTENSION pubfin again.', sch.nspname);
    END IF;
END
$$;
ALTER SCHEMA @extschema@ OWNER TO CURRENT_USER;

COMMENT ON SCHEMA @extschema@ IS 'pubfin: public-finance analytics (exact money, French identifiers, co-financing shares, subsidy histories)';

CREATE FUNCTION @extschema@.pubfin_version() RETURNS text
    AS 'MODULE_PATHNAME', 'pubfin_version'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pubfin_version() IS 'Version of the pubfin shared library';
