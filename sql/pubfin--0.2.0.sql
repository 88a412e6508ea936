-- pubfin 0.2.0 install script, released: never edit; later changes ship as sql/pubfin--0.2.0--NEXT.sql
\echo Use "CREATE EXTENSION pubfin" to load this file. \quit

-- from sql/install/00_base.sql
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

-- from sql/install/10_amount.sql
-- ===========================================================================
-- amount: exact money, a signed int64 count of cents, passed by value
-- ===========================================================================

CREATE TYPE @extschema@.amount;

CREATE FUNCTION @extschema@.amount_in(cstring) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_out(@extschema@.amount) RETURNS cstring
    AS 'MODULE_PATHNAME', 'amount_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_recv(internal) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_send(@extschema@.amount) RETURNS bytea
    AS 'MODULE_PATHNAME', 'amount_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.amount (
    INPUT = @extschema@.amount_in,
    OUTPUT = @extschema@.amount_out,
    RECEIVE = @extschema@.amount_recv,
    SEND = @extschema@.amount_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain,
    CATEGORY = 'N'
);
COMMENT ON TYPE @extschema@.amount IS 'Exact sum of money: a signed count of cents (range +-92233720368547758.07); text form -1234.50';
COMMENT ON FUNCTION @extschema@.amount_in(cstring) IS 'Text input of amount: digits, optional sign, blanks or apostrophes between groups of three, "." or "," with at most two decimals, optional euro sign or EUR';
COMMENT ON FUNCTION @extschema@.amount_out(@extschema@.amount) IS 'Canonical text output of amount: no grouping, two decimals, e.g. -1234.50';
COMMENT ON FUNCTION @extschema@.amount_recv(internal) IS 'Binary input of amount (int8 cents), range-checked';
COMMENT ON FUNCTION @extschema@.amount_send(@extschema@.amount) IS 'Binary output of amount (int8 cents)';

-- ---------------------------------------------------------------------------
-- Validation and locale-aware text
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'amount_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_error(text) IS 'The error that casting this text to amount would raise, or NULL when it is a valid amount (for quarantining bad rows)';

CREATE FUNCTION @extschema@.parse_amount(text, locale text) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'parse_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_amount(text, text) IS 'Read an amount written in a locale''s conventions: fr (753 091,50 followed by the euro sign), de (753.091,50), en (753,091.50), ch (753''091.50)';

CREATE FUNCTION @extschema@.parse_amount_error(text, locale text) RETURNS text
    AS 'MODULE_PATHNAME', 'parse_amount_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_amount_error(text, text) IS 'The error that parse_amount(text, locale) would raise, or NULL when the text is valid in that locale';

CREATE FUNCTION @extschema@.format_amount(@extschema@.amount, locale text DEFAULT 'fr') RETURNS text
    AS 'MODULE_PATHNAME', 'format_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.format_amount(@extschema@.amount, text) IS 'Write an amount in a locale''s conventions: fr 753 091,00 and the euro sign (U+202F groups, U+00A0 before the sign), de 753.091,00 and the euro sign, en 753,091.00, ch 753''091.00';

-- ---------------------------------------------------------------------------
-- Arithmetic: exact, overflow-checked (22003); products and quotients with
-- numeric or integers round half away from zero to the cent
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount_pl(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_pl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mi(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_um(@extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_um' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.abs(@extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_abs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mul_int4(@extschema@.amount, int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mul_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int4_mul_amount(int4, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'int4_mul_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mul_int8(@extschema@.amount, int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int8_mul_amount(int8, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'int8_mul_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mul_numeric(@extschema@.amount, numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_mul_amount(numeric, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'numeric_mul_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_int4(@extschema@.amount, int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_div_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_int8(@extschema@.amount, int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_numeric(@extschema@.amount, numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_amount(@extschema@.amount, @extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'amount_div_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.amount_pl(@extschema@.amount, @extschema@.amount) IS 'amount + amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_mi(@extschema@.amount, @extschema@.amount) IS 'amount - amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_um(@extschema@.amount) IS 'Negation of an amount';
COMMENT ON FUNCTION @extschema@.abs(@extschema@.amount) IS 'Absolute value of an amount';
COMMENT ON FUNCTION @extschema@.amount_mul_int4(@extschema@.amount, int4) IS 'amount * integer, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.int4_mul_amount(int4, @extschema@.amount) IS 'integer * amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_mul_int8(@extschema@.amount, int8) IS 'amount * bigint, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.int8_mul_amount(int8, @extschema@.amount) IS 'bigint * amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_mul_numeric(@extschema@.amount, numeric) IS 'amount * numeric, rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.numeric_mul_amount(numeric, @extschema@.amount) IS 'numeric * amount, rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.amount_div_int4(@extschema@.amount, int4) IS 'amount / integer, rounded half away from zero to the cent (22012 on zero)';
COMMENT ON FUNCTION @extschema@.amount_div_int8(@extschema@.amount, int8) IS 'amount / bigint, rounded half away from zero to the cent (22012 on zero)';
COMMENT ON FUNCTION @extschema@.amount_div_numeric(@extschema@.amount, numeric) IS 'amount / numeric, rounded half away from zero to the cent, computed exactly (22012 on zero)';
COMMENT ON FUNCTION @extschema@.amount_div_amount(@extschema@.amount, @extschema@.amount) IS 'amount / amount: the ratio as numeric, exact or to 20 significant digits (22012 on zero)';

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_pl, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_mi);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.amount_um);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.amount, RIGHTARG = int4,
    FUNCTION = @extschema@.amount_mul_int4, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = int4, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.int4_mul_amount, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.amount, RIGHTARG = int8,
    FUNCTION = @extschema@.amount_mul_int8, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = int8, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.int8_mul_amount, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.amount, RIGHTARG = numeric,
    FUNCTION = @extschema@.amount_mul_numeric, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = numeric, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.numeric_mul_amount, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = int4,
    FUNCTION = @extschema@.amount_div_int4);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = int8,
    FUNCTION = @extschema@.amount_div_int8);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = numeric,
    FUNCTION = @extschema@.amount_div_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_div_amount);

COMMENT ON OPERATOR @extschema@.+ (@extschema@.amount, @extschema@.amount) IS 'Sum of two amounts';
COMMENT ON OPERATOR @extschema@.- (@extschema@.amount, @extschema@.amount) IS 'Difference of two amounts';
COMMENT ON OPERATOR @extschema@.- (NONE, @extschema@.amount) IS 'Negation';
COMMENT ON OPERATOR @extschema@.* (@extschema@.amount, int4) IS 'Amount times an integer';
COMMENT ON OPERATOR @extschema@.* (int4, @extschema@.amount) IS 'Integer times an amount';
COMMENT ON OPERATOR @extschema@.* (@extschema@.amount, int8) IS 'Amount times a bigint';
COMMENT ON OPERATOR @extschema@.* (int8, @extschema@.amount) IS 'Bigint times an amount';
COMMENT ON OPERATOR @extschema@.* (@extschema@.amount, numeric) IS 'Amount times a numeric, rounded to the cent';
COMMENT ON OPERATOR @extschema@.* (numeric, @extschema@.amount) IS 'Numeric times an amount, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, int4) IS 'Amount divided by an integer, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, int8) IS 'Amount divided by a bigint, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, numeric) IS 'Amount divided by a numeric, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, @extschema@.amount) IS 'Ratio of two amounts (numeric)';

-- ---------------------------------------------------------------------------
-- Casts: integers and numeric to amount on assignment, amount to numeric explicitly
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount(int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount(int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount(numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_numeric(@extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'amount_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cents(@extschema@.amount) RETURNS int8
    AS 'MODULE_PATHNAME', 'amount_cents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_from_cents(int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_cents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount(int4) IS 'Whole units as an amount (cast from integer)';
COMMENT ON FUNCTION @extschema@.amount(int8) IS 'Whole units as an amount (cast from bigint; 22003 out of range)';
COMMENT ON FUNCTION @extschema@.amount(numeric) IS 'Numeric as an amount, rounded half away from zero to the cent (cast from numeric; 22003 out of range)';
COMMENT ON FUNCTION @extschema@.to_numeric(@extschema@.amount) IS 'The amount as an exact numeric with two decimals (same as amount::numeric)';
COMMENT ON FUNCTION @extschema@.cents(@extschema@.amount) IS 'The amount as a whole number of cents';
COMMENT ON FUNCTION @extschema@.amount_from_cents(int8) IS 'The amount of that many cents';

CREATE CAST (int4 AS @extschema@.amount) WITH FUNCTION @extschema@.amount(int4) AS ASSIGNMENT;
CREATE CAST (int8 AS @extschema@.amount) WITH FUNCTION @extschema@.amount(int8) AS ASSIGNMENT;
CREATE CAST (numeric AS @extschema@.amount) WITH FUNCTION @extschema@.amount(numeric) AS ASSIGNMENT;
CREATE CAST (@extschema@.amount AS numeric) WITH FUNCTION @extschema@.to_numeric(@extschema@.amount);
COMMENT ON CAST (int4 AS @extschema@.amount) IS 'Whole units to amount, on assignment';
COMMENT ON CAST (int8 AS @extschema@.amount) IS 'Whole units to amount, on assignment';
COMMENT ON CAST (numeric AS @extschema@.amount) IS 'Numeric to amount rounded half away from zero to the cent, on assignment';
COMMENT ON CAST (@extschema@.amount AS numeric) IS 'Amount to exact numeric, explicit only';

-- ---------------------------------------------------------------------------
-- Comparison: the int8 order of cents, so int8's C functions serve as they are
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount_eq(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_ne(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_lt(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_le(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_gt(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_ge(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_cmp(@extschema@.amount, @extschema@.amount) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_hash(@extschema@.amount) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_hash_extended(@extschema@.amount, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_smaller(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_larger(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.amount_eq(@extschema@.amount, @extschema@.amount) IS 'amount = amount';
COMMENT ON FUNCTION @extschema@.amount_ne(@extschema@.amount, @extschema@.amount) IS 'amount <> amount';
COMMENT ON FUNCTION @extschema@.amount_lt(@extschema@.amount, @extschema@.amount) IS 'amount < amount';
COMMENT ON FUNCTION @extschema@.amount_le(@extschema@.amount, @extschema@.amount) IS 'amount <= amount';
COMMENT ON FUNCTION @extschema@.amount_gt(@extschema@.amount, @extschema@.amount) IS 'amount > amount';
COMMENT ON FUNCTION @extschema@.amount_ge(@extschema@.amount, @extschema@.amount) IS 'amount >= amount';
COMMENT ON FUNCTION @extschema@.amount_cmp(@extschema@.amount, @extschema@.amount) IS 'Three-way comparison of amounts (btree support)';
COMMENT ON FUNCTION @extschema@.amount_sortsupport(internal) IS 'Sort support for amounts (btree support)';
COMMENT ON FUNCTION @extschema@.amount_hash(@extschema@.amount) IS 'Hash of an amount (hash support)';
COMMENT ON FUNCTION @extschema@.amount_hash_extended(@extschema@.amount, int8) IS 'Seeded 64-bit hash of an amount (hash support)';
COMMENT ON FUNCTION @extschema@.amount_smaller(@extschema@.amount, @extschema@.amount) IS 'The smaller of two amounts (min support)';
COMMENT ON FUNCTION @extschema@.amount_larger(@extschema@.amount, @extschema@.amount) IS 'The larger of two amounts (max support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, @extschema@.amount) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, @extschema@.amount) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, @extschema@.amount) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, @extschema@.amount) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, @extschema@.amount) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, @extschema@.amount) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.amount_ops DEFAULT FOR TYPE @extschema@.amount USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.amount_cmp(@extschema@.amount, @extschema@.amount),
    FUNCTION 2 @extschema@.amount_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.amount_hash_ops DEFAULT FOR TYPE @extschema@.amount USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.amount_hash(@extschema@.amount),
    FUNCTION 2 @extschema@.amount_hash_extended(@extschema@.amount, int8);
COMMENT ON OPERATOR CLASS @extschema@.amount_ops USING btree IS 'Default btree class of amount (order of cents)';
COMMENT ON OPERATOR CLASS @extschema@.amount_hash_ops USING hash IS 'Default hash class of amount';

-- ---------------------------------------------------------------------------
-- Comparisons with integers and numerics, so that a = 35000, a > 0 and
-- a >= 1.5 resolve without an implicit cast (exact; not indexable: write
-- a >= 35000::amount to use an index)
-- ---------------------------------------------------------------------------
-- amount and int4
CREATE FUNCTION @extschema@.amount_eq_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_eq_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_eq_int4(@extschema@.amount, int4) IS 'amount = int4, compared exactly';
CREATE FUNCTION @extschema@.int4_eq_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_eq_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_eq_amount(int4, @extschema@.amount) IS 'int4 = amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ne_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ne_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ne_int4(@extschema@.amount, int4) IS 'amount <> int4, compared exactly';
CREATE FUNCTION @extschema@.int4_ne_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_ne_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_ne_amount(int4, @extschema@.amount) IS 'int4 <> amount, compared exactly';
CREATE FUNCTION @extschema@.amount_lt_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_lt_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_lt_int4(@extschema@.amount, int4) IS 'amount < int4, compared exactly';
CREATE FUNCTION @extschema@.int4_lt_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_lt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_lt_amount(int4, @extschema@.amount) IS 'int4 < amount, compared exactly';
CREATE FUNCTION @extschema@.amount_le_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_le_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_le_int4(@extschema@.amount, int4) IS 'amount <= int4, compared exactly';
CREATE FUNCTION @extschema@.int4_le_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_le_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_le_amount(int4, @extschema@.amount) IS 'int4 <= amount, compared exactly';
CREATE FUNCTION @extschema@.amount_gt_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_gt_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_gt_int4(@extschema@.amount, int4) IS 'amount > int4, compared exactly';
CREATE FUNCTION @extschema@.int4_gt_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_gt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_gt_amount(int4, @extschema@.amount) IS 'int4 > amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ge_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ge_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ge_int4(@extschema@.amount, int4) IS 'amount >= int4, compared exactly';
CREATE FUNCTION @extschema@.int4_ge_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_ge_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_ge_amount(int4, @extschema@.amount) IS 'int4 >= amount, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_eq_int4,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, int4) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_eq_amount,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (int4, @extschema@.amount) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_ne_int4,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, int4) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_ne_amount,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (int4, @extschema@.amount) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_lt_int4,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, int4) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_lt_amount,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (int4, @extschema@.amount) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_le_int4,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, int4) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_le_amount,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (int4, @extschema@.amount) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_gt_int4,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, int4) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_gt_amount,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (int4, @extschema@.amount) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_ge_int4,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, int4) IS 'greater than or equal, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_ge_amount,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (int4, @extschema@.amount) IS 'greater than or equal, compared exactly';
-- amount and int8
CREATE FUNCTION @extschema@.amount_eq_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_eq_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_eq_int8(@extschema@.amount, int8) IS 'amount = int8, compared exactly';
CREATE FUNCTION @extschema@.int8_eq_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_eq_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_eq_amount(int8, @extschema@.amount) IS 'int8 = amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ne_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ne_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ne_int8(@extschema@.amount, int8) IS 'amount <> int8, compared exactly';
CREATE FUNCTION @extschema@.int8_ne_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_ne_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_ne_amount(int8, @extschema@.amount) IS 'int8 <> amount, compared exactly';
CREATE FUNCTION @extschema@.amount_lt_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_lt_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_lt_int8(@extschema@.amount, int8) IS 'amount < int8, compared exactly';
CREATE FUNCTION @extschema@.int8_lt_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_lt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_lt_amount(int8, @extschema@.amount) IS 'int8 < amount, compared exactly';
CREATE FUNCTION @extschema@.amount_le_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_le_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_le_int8(@extschema@.amount, int8) IS 'amount <= int8, compared exactly';
CREATE FUNCTION @extschema@.int8_le_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_le_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_le_amount(int8, @extschema@.amount) IS 'int8 <= amount, compared exactly';
CREATE FUNCTION @extschema@.amount_gt_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_gt_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_gt_int8(@extschema@.amount, int8) IS 'amount > int8, compared exactly';
CREATE FUNCTION @extschema@.int8_gt_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_gt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_gt_amount(int8, @extschema@.amount) IS 'int8 > amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ge_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ge_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ge_int8(@extschema@.amount, int8) IS 'amount >= int8, compared exactly';
CREATE FUNCTION @extschema@.int8_ge_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_ge_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_ge_amount(int8, @extschema@.amount) IS 'int8 >= amount, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_eq_int8,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, int8) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_eq_amount,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (int8, @extschema@.amount) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_ne_int8,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, int8) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_ne_amount,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (int8, @extschema@.amount) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_lt_int8,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, int8) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_lt_amount,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (int8, @extschema@.amount) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_le_int8,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, int8) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_le_amount,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (int8, @extschema@.amount) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_gt_int8,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, int8) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_gt_amount,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (int8, @extschema@.amount) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_ge_int8,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, int8) IS 'greater than or equal, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_ge_amount,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (int8, @extschema@.amount) IS 'greater than or equal, compared exactly';
-- amount and numeric
CREATE FUNCTION @extschema@.amount_eq_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_eq_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_eq_numeric(@extschema@.amount, numeric) IS 'amount = numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_eq_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_eq_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_eq_amount(numeric, @extschema@.amount) IS 'numeric = amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ne_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ne_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ne_numeric(@extschema@.amount, numeric) IS 'amount <> numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_ne_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_ne_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_ne_amount(numeric, @extschema@.amount) IS 'numeric <> amount, compared exactly';
CREATE FUNCTION @extschema@.amount_lt_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_lt_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_lt_numeric(@extschema@.amount, numeric) IS 'amount < numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_lt_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_lt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_lt_amount(numeric, @extschema@.amount) IS 'numeric < amount, compared exactly';
CREATE FUNCTION @extschema@.amount_le_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_le_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_le_numeric(@extschema@.amount, numeric) IS 'amount <= numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_le_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_le_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_le_amount(numeric, @extschema@.amount) IS 'numeric <= amount, compared exactly';
CREATE FUNCTION @extschema@.amount_gt_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_gt_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_gt_numeric(@extschema@.amount, numeric) IS 'amount > numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_gt_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_gt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_gt_amount(numeric, @extschema@.amount) IS 'numeric > amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ge_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ge_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ge_numeric(@extschema@.amount, numeric) IS 'amount >= numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_ge_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_ge_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_ge_amount(numeric, @extschema@.amount) IS 'numeric >= amount, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_eq_numeric,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, numeric) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_eq_amount,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (numeric, @extschema@.amount) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_ne_numeric,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, numeric) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_ne_amount,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (numeric, @extschema@.amount) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_lt_numeric,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, numeric) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_lt_amount,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (numeric, @extschema@.amount) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_le_numeric,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, numeric) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_le_amount,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (numeric, @extschema@.amount) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_gt_numeric,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, numeric) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_gt_amount,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (numeric, @extschema@.amount) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_ge_numeric,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, numeric) IS 'greater than or equal, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_ge_amount,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (numeric, @extschema@.amount) IS 'greater than or equal, compared exactly';

-- ---------------------------------------------------------------------------
-- Aggregates: sum, avg, min, max, all with a combine function and a state
-- type with text I/O, so they run in parallel and distribute (Citus)
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.amount_acc;
CREATE FUNCTION @extschema@.amount_acc_in(cstring) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_out(@extschema@.amount_acc) RETURNS cstring
    AS 'MODULE_PATHNAME', 'amount_acc_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_recv(internal) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_send(@extschema@.amount_acc) RETURNS bytea
    AS 'MODULE_PATHNAME', 'amount_acc_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.amount_acc (
    INPUT = @extschema@.amount_acc_in,
    OUTPUT = @extschema@.amount_acc_out,
    RECEIVE = @extschema@.amount_acc_recv,
    SEND = @extschema@.amount_acc_send,
    INTERNALLENGTH = 24,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.amount_acc IS 'Partial state of sum(amount) and avg(amount): a count and a 128-bit sum, text form count:sum (3:105000.00); |sum| never exceeds count times the largest amount';
COMMENT ON FUNCTION @extschema@.amount_acc_in(cstring) IS 'Text input of amount_acc (count:sum)';
COMMENT ON FUNCTION @extschema@.amount_acc_out(@extschema@.amount_acc) IS 'Text output of amount_acc (count:sum)';
COMMENT ON FUNCTION @extschema@.amount_acc_recv(internal) IS 'Binary input of amount_acc';
COMMENT ON FUNCTION @extschema@.amount_acc_send(@extschema@.amount_acc) IS 'Binary output of amount_acc';

CREATE FUNCTION @extschema@.amount_acc_accum(@extschema@.amount_acc, @extschema@.amount) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_deaccum(@extschema@.amount_acc, @extschema@.amount) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_deaccum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_combine(@extschema@.amount_acc, @extschema@.amount_acc) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_avg(@extschema@.amount_acc) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_acc_avg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_sum(@extschema@.amount_acc) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_acc_sum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_acc_accum(@extschema@.amount_acc, @extschema@.amount) IS 'Transition of sum(amount) and avg(amount): adds one amount';
COMMENT ON FUNCTION @extschema@.amount_acc_deaccum(@extschema@.amount_acc, @extschema@.amount) IS 'Inverse transition of moving avg/sum(amount): removes one amount the state holds (22023 otherwise)';
COMMENT ON FUNCTION @extschema@.amount_acc_combine(@extschema@.amount_acc, @extschema@.amount_acc) IS 'Combines two partial states of avg/sum(amount)';
COMMENT ON FUNCTION @extschema@.amount_acc_avg(@extschema@.amount_acc) IS 'Final function of avg(amount): rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.amount_acc_sum(@extschema@.amount_acc) IS 'Final function of sum(amount): 22003 when the total is out of range';

CREATE AGGREGATE @extschema@.sum(@extschema@.amount) (
    SFUNC = @extschema@.amount_acc_accum,
    STYPE = @extschema@.amount_acc,
    FINALFUNC = @extschema@.amount_acc_sum,
    COMBINEFUNC = @extschema@.amount_acc_combine,
    INITCOND = '0:0.00',
    MSFUNC = @extschema@.amount_acc_accum,
    MINVFUNC = @extschema@.amount_acc_deaccum,
    MSTYPE = @extschema@.amount_acc,
    MFINALFUNC = @extschema@.amount_acc_sum,
    MINITCOND = '0:0.00',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.amount) IS 'Exact sum of amounts, kept in 128 bits: 22003 only when the total is out of the amount range, whatever the order of the rows';

CREATE AGGREGATE @extschema@.avg(@extschema@.amount) (
    SFUNC = @extschema@.amount_acc_accum,
    STYPE = @extschema@.amount_acc,
    FINALFUNC = @extschema@.amount_acc_avg,
    COMBINEFUNC = @extschema@.amount_acc_combine,
    INITCOND = '0:0.00',
    MSFUNC = @extschema@.amount_acc_accum,
    MINVFUNC = @extschema@.amount_acc_deaccum,
    MSTYPE = @extschema@.amount_acc,
    MFINALFUNC = @extschema@.amount_acc_avg,
    MINITCOND = '0:0.00',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg(@extschema@.amount) IS 'Average of amounts, rounded half away from zero to the cent';

CREATE AGGREGATE @extschema@.min(@extschema@.amount) (
    SFUNC = @extschema@.amount_smaller,
    STYPE = @extschema@.amount,
    COMBINEFUNC = @extschema@.amount_smaller,
    SORTOP = OPERATOR(@extschema@.<),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.amount) IS 'Smallest amount';

CREATE AGGREGATE @extschema@.max(@extschema@.amount) (
    SFUNC = @extschema@.amount_larger,
    STYPE = @extschema@.amount,
    COMBINEFUNC = @extschema@.amount_larger,
    SORTOP = OPERATOR(@extschema@.>),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.max(@extschema@.amount) IS 'Largest amount';

-- from sql/install/20_siret.sql
-- ===========================================================================
-- siren, siret, rna: French organization identifiers, stored as int8 by value
--
-- A SIREN (legal unit, 9 digits) and a SIRET (establishment: SIREN + 5-digit
-- NIC) are checked by INSEE's Luhn key, with La Poste's exception; an RNA
-- number (association) is W + 9 characters.  The rules are cited in
-- src/siret_check.c.  The stored int8 order is the identifiers' order, so
-- comparison and hashing are int8's own functions (as contrib/isn does).
-- ===========================================================================

-- ---------------------------------------------------------------------------
-- siren
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.siren;

CREATE FUNCTION @extschema@.siren_in(cstring) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_out(@extschema@.siren) RETURNS cstring
    AS 'MODULE_PATHNAME', 'siren_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_recv(internal) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_send(@extschema@.siren) RETURNS bytea
    AS 'int8send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.siren (
    INPUT = @extschema@.siren_in,
    OUTPUT = @extschema@.siren_out,
    RECEIVE = @extschema@.siren_recv,
    SEND = @extschema@.siren_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.siren IS 'French legal-unit identifier: 9 digits checked by the Luhn key; text form 356000000';
COMMENT ON FUNCTION @extschema@.siren_in(cstring) IS 'Text input of siren: 9 digits, optionally grouped by single blanks (space, U+00A0, U+202F), surrounding blanks ignored; checked by the Luhn key';
COMMENT ON FUNCTION @extschema@.siren_out(@extschema@.siren) IS 'Text output of siren: the 9 digits, zero-padded';
COMMENT ON FUNCTION @extschema@.siren_recv(internal) IS 'Binary input of siren (int8), checked like text input';
COMMENT ON FUNCTION @extschema@.siren_send(@extschema@.siren) IS 'Binary output of siren (int8)';

CREATE FUNCTION @extschema@.siren_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'siren_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren_error(text) IS 'The error that casting this text to siren would raise, or NULL when it is a valid SIREN (for quarantining bad rows)';
CREATE FUNCTION @extschema@.siren_eq(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_ne(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_lt(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_le(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_gt(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_ge(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_hash(@extschema@.siren) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_hash_extended(@extschema@.siren, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.siren_eq(@extschema@.siren, @extschema@.siren) IS 'siren = siren';
COMMENT ON FUNCTION @extschema@.siren_ne(@extschema@.siren, @extschema@.siren) IS 'siren <> siren';
COMMENT ON FUNCTION @extschema@.siren_lt(@extschema@.siren, @extschema@.siren) IS 'siren < siren';
COMMENT ON FUNCTION @extschema@.siren_le(@extschema@.siren, @extschema@.siren) IS 'siren <= siren';
COMMENT ON FUNCTION @extschema@.siren_gt(@extschema@.siren, @extschema@.siren) IS 'siren > siren';
COMMENT ON FUNCTION @extschema@.siren_ge(@extschema@.siren, @extschema@.siren) IS 'siren >= siren';
COMMENT ON FUNCTION @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren) IS 'Three-way comparison of siren (btree support)';
COMMENT ON FUNCTION @extschema@.siren_sortsupport(internal) IS 'Sort support for siren (btree support)';
COMMENT ON FUNCTION @extschema@.siren_hash(@extschema@.siren) IS 'Hash of a siren (hash support)';
COMMENT ON FUNCTION @extschema@.siren_hash_extended(@extschema@.siren, int8) IS 'Seeded 64-bit hash of a siren (hash support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.siren, @extschema@.siren) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.siren, @extschema@.siren) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.siren, @extschema@.siren) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.siren, @extschema@.siren) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.siren, @extschema@.siren) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.siren, @extschema@.siren) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.siren_ops DEFAULT FOR TYPE @extschema@.siren USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren),
    FUNCTION 2 @extschema@.siren_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.siren_hash_ops DEFAULT FOR TYPE @extschema@.siren USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.siren_hash(@extschema@.siren),
    FUNCTION 2 @extschema@.siren_hash_extended(@extschema@.siren, int8);
COMMENT ON OPERATOR CLASS @extschema@.siren_ops USING btree IS 'Default btree class of siren (numeric order)';
COMMENT ON OPERATOR CLASS @extschema@.siren_hash_ops USING hash IS 'Default hash class of siren';

-- ---------------------------------------------------------------------------
-- siret
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.siret;

CREATE FUNCTION @extschema@.siret_in(cstring) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_out(@extschema@.siret) RETURNS cstring
    AS 'MODULE_PATHNAME', 'siret_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_recv(internal) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_send(@extschema@.siret) RETURNS bytea
    AS 'int8send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.siret (
    INPUT = @extschema@.siret_in,
    OUTPUT = @extschema@.siret_out,
    RECEIVE = @extschema@.siret_recv,
    SEND = @extschema@.siret_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.siret IS 'French establishment identifier: SIREN + 5-digit NIC, 14 digits checked by the Luhn key (La Poste: digit sum modulo 5); text form 35600000000048';
COMMENT ON FUNCTION @extschema@.siret_in(cstring) IS 'Text input of siret: 14 digits, optionally grouped by single blanks (space, U+00A0, U+202F), surrounding blanks ignored; checked by the Luhn key (La Poste: digit sum modulo 5) and its SIREN too';
COMMENT ON FUNCTION @extschema@.siret_out(@extschema@.siret) IS 'Text output of siret: the 14 digits, zero-padded';
COMMENT ON FUNCTION @extschema@.siret_recv(internal) IS 'Binary input of siret (int8), checked like text input';
COMMENT ON FUNCTION @extschema@.siret_send(@extschema@.siret) IS 'Binary output of siret (int8)';

CREATE FUNCTION @extschema@.siret_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'siret_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siret_error(text) IS 'The error that casting this text to siret would raise, or NULL when it is a valid SIRET (for quarantining bad rows)';
CREATE FUNCTION @extschema@.siret_eq(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_ne(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_lt(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_le(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_gt(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_ge(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_hash(@extschema@.siret) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_hash_extended(@extschema@.siret, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.siret_eq(@extschema@.siret, @extschema@.siret) IS 'siret = siret';
COMMENT ON FUNCTION @extschema@.siret_ne(@extschema@.siret, @extschema@.siret) IS 'siret <> siret';
COMMENT ON FUNCTION @extschema@.siret_lt(@extschema@.siret, @extschema@.siret) IS 'siret < siret';
COMMENT ON FUNCTION @extschema@.siret_le(@extschema@.siret, @extschema@.siret) IS 'siret <= siret';
COMMENT ON FUNCTION @extschema@.siret_gt(@extschema@.siret, @extschema@.siret) IS 'siret > siret';
COMMENT ON FUNCTION @extschema@.siret_ge(@extschema@.siret, @extschema@.siret) IS 'siret >= siret';
COMMENT ON FUNCTION @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret) IS 'Three-way comparison of siret (btree support)';
COMMENT ON FUNCTION @extschema@.siret_sortsupport(internal) IS 'Sort support for siret (btree support)';
COMMENT ON FUNCTION @extschema@.siret_hash(@extschema@.siret) IS 'Hash of a siret (hash support)';
COMMENT ON FUNCTION @extschema@.siret_hash_extended(@extschema@.siret, int8) IS 'Seeded 64-bit hash of a siret (hash support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.siret, @extschema@.siret) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.siret, @extschema@.siret) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.siret, @extschema@.siret) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.siret, @extschema@.siret) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.siret, @extschema@.siret) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.siret, @extschema@.siret) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.siret_ops DEFAULT FOR TYPE @extschema@.siret USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret),
    FUNCTION 2 @extschema@.siret_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.siret_hash_ops DEFAULT FOR TYPE @extschema@.siret USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.siret_hash(@extschema@.siret),
    FUNCTION 2 @extschema@.siret_hash_extended(@extschema@.siret, int8);
COMMENT ON OPERATOR CLASS @extschema@.siret_ops USING btree IS 'Default btree class of siret (numeric order)';
COMMENT ON OPERATOR CLASS @extschema@.siret_hash_ops USING hash IS 'Default hash class of siret';

-- ---------------------------------------------------------------------------
-- rna
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.rna;

CREATE FUNCTION @extschema@.rna_in(cstring) RETURNS @extschema@.rna
    AS 'MODULE_PATHNAME', 'rna_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_out(@extschema@.rna) RETURNS cstring
    AS 'MODULE_PATHNAME', 'rna_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_recv(internal) RETURNS @extschema@.rna
    AS 'MODULE_PATHNAME', 'rna_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_send(@extschema@.rna) RETURNS bytea
    AS 'int8send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.rna (
    INPUT = @extschema@.rna_in,
    OUTPUT = @extschema@.rna_out,
    RECEIVE = @extschema@.rna_recv,
    SEND = @extschema@.rna_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.rna IS 'French association identifier (Répertoire national des associations): W + 3-character registry code + 6 digits; text form W595012345';
COMMENT ON FUNCTION @extschema@.rna_in(cstring) IS 'Text input of rna: W (any case) and 9 characters: a digit, two digits or letters, six digits; upper-cased; surrounding blanks ignored';
COMMENT ON FUNCTION @extschema@.rna_out(@extschema@.rna) IS 'Text output of rna: W and 9 characters, capital letters';
COMMENT ON FUNCTION @extschema@.rna_recv(internal) IS 'Binary input of rna (int8), checked like text input';
COMMENT ON FUNCTION @extschema@.rna_send(@extschema@.rna) IS 'Binary output of rna (int8)';

CREATE FUNCTION @extschema@.rna_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'rna_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rna_error(text) IS 'The error that casting this text to rna would raise, or NULL when it is a valid RNA number (for quarantining bad rows)';
CREATE FUNCTION @extschema@.rna_eq(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_ne(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_lt(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_le(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_gt(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_ge(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_cmp(@extschema@.rna, @extschema@.rna) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_hash(@extschema@.rna) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_hash_extended(@extschema@.rna, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.rna_eq(@extschema@.rna, @extschema@.rna) IS 'rna = rna';
COMMENT ON FUNCTION @extschema@.rna_ne(@extschema@.rna, @extschema@.rna) IS 'rna <> rna';
COMMENT ON FUNCTION @extschema@.rna_lt(@extschema@.rna, @extschema@.rna) IS 'rna < rna';
COMMENT ON FUNCTION @extschema@.rna_le(@extschema@.rna, @extschema@.rna) IS 'rna <= rna';
COMMENT ON FUNCTION @extschema@.rna_gt(@extschema@.rna, @extschema@.rna) IS 'rna > rna';
COMMENT ON FUNCTION @extschema@.rna_ge(@extschema@.rna, @extschema@.rna) IS 'rna >= rna';
COMMENT ON FUNCTION @extschema@.rna_cmp(@extschema@.rna, @extschema@.rna) IS 'Three-way comparison of rna (btree support)';
COMMENT ON FUNCTION @extschema@.rna_sortsupport(internal) IS 'Sort support for rna (btree support)';
COMMENT ON FUNCTION @extschema@.rna_hash(@extschema@.rna) IS 'Hash of a rna (hash support)';
COMMENT ON FUNCTION @extschema@.rna_hash_extended(@extschema@.rna, int8) IS 'Seeded 64-bit hash of a rna (hash support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.rna, @extschema@.rna) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.rna, @extschema@.rna) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.rna, @extschema@.rna) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.rna, @extschema@.rna) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.rna, @extschema@.rna) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.rna, @extschema@.rna) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.rna_ops DEFAULT FOR TYPE @extschema@.rna USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.rna_cmp(@extschema@.rna, @extschema@.rna),
    FUNCTION 2 @extschema@.rna_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.rna_hash_ops DEFAULT FOR TYPE @extschema@.rna USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.rna_hash(@extschema@.rna),
    FUNCTION 2 @extschema@.rna_hash_extended(@extschema@.rna, int8);
COMMENT ON OPERATOR CLASS @extschema@.rna_ops USING btree IS 'Default btree class of rna (the order of the text form)';
COMMENT ON OPERATOR CLASS @extschema@.rna_hash_ops USING hash IS 'Default hash class of rna';

-- ---------------------------------------------------------------------------
-- Accessors, formatting and casts (text casts are PostgreSQL's I/O casts:
-- '...'::siret and siret::text)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.siren(@extschema@.siret) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siret_siren' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nic(@extschema@.siret) RETURNS text
    AS 'MODULE_PATHNAME', 'siret_nic' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.format_siret(@extschema@.siret) RETURNS text
    AS 'MODULE_PATHNAME', 'format_siret' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.format_siren(@extschema@.siren) RETURNS text
    AS 'MODULE_PATHNAME', 'format_siren' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren(int8) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret(int8) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren(@extschema@.siret) IS 'The SIREN of an establishment: the first 9 digits of its SIRET (cast siret to siren)';
COMMENT ON FUNCTION @extschema@.nic(@extschema@.siret) IS 'The NIC of an establishment: the last 5 digits of its SIRET, zero-padded';
COMMENT ON FUNCTION @extschema@.format_siret(@extschema@.siret) IS 'A SIRET grouped as INSEE writes it: 356 000 000 00048';
COMMENT ON FUNCTION @extschema@.format_siren(@extschema@.siren) IS 'A SIREN grouped by three: 356 000 000';
COMMENT ON FUNCTION @extschema@.siren(int8) IS 'A bigint as a SIREN, checked like text input (cast from bigint)';
COMMENT ON FUNCTION @extschema@.siret(int8) IS 'A bigint as a SIRET, checked like text input (cast from bigint)';

CREATE CAST (@extschema@.siret AS @extschema@.siren) WITH FUNCTION @extschema@.siren(@extschema@.siret);
CREATE CAST (int8 AS @extschema@.siren) WITH FUNCTION @extschema@.siren(int8) AS ASSIGNMENT;
CREATE CAST (int8 AS @extschema@.siret) WITH FUNCTION @extschema@.siret(int8) AS ASSIGNMENT;
CREATE CAST (@extschema@.siren AS int8) WITHOUT FUNCTION;
CREATE CAST (@extschema@.siret AS int8) WITHOUT FUNCTION;
COMMENT ON CAST (@extschema@.siret AS @extschema@.siren) IS 'The SIREN of an establishment, explicit only';
COMMENT ON CAST (int8 AS @extschema@.siren) IS 'Bigint to SIREN, checked, on assignment';
COMMENT ON CAST (int8 AS @extschema@.siret) IS 'Bigint to SIRET, checked, on assignment';
COMMENT ON CAST (@extschema@.siren AS int8) IS 'SIREN as its number, explicit only';
COMMENT ON CAST (@extschema@.siret AS int8) IS 'SIRET as its number, explicit only';

-- from sql/install/30_shares.sql
-- ===========================================================================
-- shares: exact ratios, percentages that add up to 100, cent-exact allocation
-- ===========================================================================

CREATE FUNCTION @extschema@.share(part @extschema@.amount, whole @extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share(@extschema@.amount, @extschema@.amount) IS 'Exact ratio part / whole to 20 significant digits; NULL when whole is 0, an error when it is negative';

CREATE FUNCTION @extschema@.percent(part @extschema@.amount, whole @extschema@.amount, digits int4 DEFAULT 1) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_percent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent(@extschema@.amount, @extschema@.amount, int4) IS '100 x part / whole rounded half away from zero to digits decimals (0 to 10, default 1); NULL when whole is 0';

CREATE FUNCTION @extschema@.round_percents(parts @extschema@.amount[], digits int4 DEFAULT 1) RETURNS numeric[]
    AS 'MODULE_PATHNAME', 'shares_round_percents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.round_percents(@extschema@.amount[], int4) IS 'Percentages of the array''s total rounded to digits decimals so that they add up to exactly 100 (largest remainder; ties to the larger part, then the earlier element); NULL parts stay NULL, a zero total gives NULLs';

CREATE FUNCTION @extschema@.percent_of_total(part @extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_percent_of_total' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent_of_total(@extschema@.amount) IS 'Window function: the row''s percentage of its partition''s total to one decimal, adding up to exactly 100 per partition (as round_percents)';

CREATE FUNCTION @extschema@.percent_of_total(part @extschema@.amount, digits int4) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_percent_of_total' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent_of_total(@extschema@.amount, int4) IS 'Window function: the row''s percentage of its partition''s total to digits decimals, adding up to exactly 100 per partition (as round_percents)';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weights numeric[]) RETURNS @extschema@.amount[]
    AS 'MODULE_PATHNAME', 'shares_allocate_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, numeric[]) IS 'Split total into whole cents in proportion to non-negative exact weights, adding up to exactly total (largest remainder; ties to the larger weight, then the earlier element)';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weights @extschema@.amount[]) RETURNS @extschema@.amount[]
    AS 'MODULE_PATHNAME', 'shares_allocate_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, @extschema@.amount[]) IS 'Split total into whole cents in proportion to non-negative amounts, adding up to exactly total (largest remainder)';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weight numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'shares_allocate_window_numeric' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, numeric) IS 'Window function: the row''s cents of total (the same on every row) split over the partition in proportion to weight, adding up to exactly total';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weight @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'shares_allocate_window_amount' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, @extschema@.amount) IS 'Window function: the row''s cents of total (the same on every row) split over the partition in proportion to an amount, adding up to exactly total';

-- from sql/install/40_history.sql
-- ===========================================================================
-- history: a per-year series of amounts, {2019:35000.00,2020:35000.00}
-- ===========================================================================

CREATE TYPE @extschema@.history;

CREATE FUNCTION @extschema@.history_in(cstring) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_out(@extschema@.history) RETURNS cstring
    AS 'MODULE_PATHNAME', 'history_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_recv(internal) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_send(@extschema@.history) RETURNS bytea
    AS 'MODULE_PATHNAME', 'history_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.history (
    INPUT = @extschema@.history_in,
    OUTPUT = @extschema@.history_out,
    RECEIVE = @extschema@.history_recv,
    SEND = @extschema@.history_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.history IS 'Per-year series of amounts, years 1 to 9999 each at most once; text form {2019:35000.00,2020:35000.00}, {} when empty';
COMMENT ON FUNCTION @extschema@.history_in(cstring) IS 'Text input of history: {year:amount,...} in any year order, blanks allowed, amounts in the amount syntax (quoted when they contain a comma)';
COMMENT ON FUNCTION @extschema@.history_out(@extschema@.history) IS 'Canonical text output of history: years ascending, amounts with two decimals';
COMMENT ON FUNCTION @extschema@.history_recv(internal) IS 'Binary input of history (version byte, count, int4 year and int8 cents per year), checked like text input';
COMMENT ON FUNCTION @extschema@.history_send(@extschema@.history) IS 'Binary output of history (version byte, count, int4 year and int8 cents per year)';

CREATE FUNCTION @extschema@.history_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'history_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_error(text) IS 'The error that casting this text to history would raise, or NULL when it is a valid history (for quarantining bad rows)';

-- ---------------------------------------------------------------------------
-- Comparison: lexicographic on the (year, amount) pairs; btree and hash classes
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.history_cmp(@extschema@.history, @extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_eq(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_ne(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_lt(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_le(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_gt(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_ge(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_hash(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_hash_extended(@extschema@.history, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'history_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_cmp(@extschema@.history, @extschema@.history) IS 'btree support: -1, 0 or 1, lexicographic on (year, amount) pairs';
COMMENT ON FUNCTION @extschema@.history_eq(@extschema@.history, @extschema@.history) IS 'Same years with the same amounts';
COMMENT ON FUNCTION @extschema@.history_ne(@extschema@.history, @extschema@.history) IS 'Not the same years with the same amounts';
COMMENT ON FUNCTION @extschema@.history_lt(@extschema@.history, @extschema@.history) IS 'Sorts before (lexicographic on (year, amount) pairs)';
COMMENT ON FUNCTION @extschema@.history_le(@extschema@.history, @extschema@.history) IS 'Sorts before or equal';
COMMENT ON FUNCTION @extschema@.history_gt(@extschema@.history, @extschema@.history) IS 'Sorts after';
COMMENT ON FUNCTION @extschema@.history_ge(@extschema@.history, @extschema@.history) IS 'Sorts after or equal';
COMMENT ON FUNCTION @extschema@.history_hash(@extschema@.history) IS 'hash support';
COMMENT ON FUNCTION @extschema@.history_hash_extended(@extschema@.history, int8) IS 'hash support, 64-bit seeded';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.history, @extschema@.history) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.history, @extschema@.history) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.history, @extschema@.history) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.history, @extschema@.history) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.history, @extschema@.history) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.history, @extschema@.history) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.history_ops DEFAULT FOR TYPE @extschema@.history USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.history_cmp(@extschema@.history, @extschema@.history);
CREATE OPERATOR CLASS @extschema@.history_hash_ops DEFAULT FOR TYPE @extschema@.history USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.history_hash(@extschema@.history),
    FUNCTION 2 @extschema@.history_hash_extended(@extschema@.history, int8);
COMMENT ON OPERATOR CLASS @extschema@.history_ops USING btree IS 'Default btree class of history (lexicographic on (year, amount) pairs)';
COMMENT ON OPERATOR CLASS @extschema@.history_hash_ops USING hash IS 'Default hash class of history';

-- ---------------------------------------------------------------------------
-- Constructors, casts and operators
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.history(years int4[], amounts @extschema@.amount[]) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_from_arrays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history(int4[], @extschema@.amount[]) IS 'History from parallel arrays of years and amounts, in any order (22023 when a year repeats or lies outside 1..9999)';

CREATE FUNCTION @extschema@.to_jsonb(@extschema@.history) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'history_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history(jsonb) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_jsonb(@extschema@.history) IS 'History as a jsonb object of years to numbers with two decimals: {"2019": 35000.00}';
COMMENT ON FUNCTION @extschema@.history(jsonb) IS 'History from a jsonb object of years to numbers (at most two decimals) or amount text';
CREATE CAST (@extschema@.history AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.history);
CREATE CAST (jsonb AS @extschema@.history) WITH FUNCTION @extschema@.history(jsonb);
COMMENT ON CAST (@extschema@.history AS jsonb) IS 'History to a jsonb object {"year": amount}, explicit';
COMMENT ON CAST (jsonb AS @extschema@.history) IS 'jsonb object {"year": amount} to history, explicit';

CREATE FUNCTION @extschema@.history_plus(@extschema@.history, @extschema@.history) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_plus' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_get(@extschema@.history, int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_get' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_plus(@extschema@.history, @extschema@.history) IS 'Year-by-year sum of two histories (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.history_get(@extschema@.history, int4) IS 'The amount of one year, or NULL when the year is absent';
CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_plus, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.-> (LEFTARG = @extschema@.history, RIGHTARG = int4,
    FUNCTION = @extschema@.history_get);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.history, @extschema@.history) IS 'Year-by-year sum of two histories';
COMMENT ON OPERATOR @extschema@.-> (@extschema@.history, int4) IS 'The amount of one year, or NULL';

-- ---------------------------------------------------------------------------
-- Reading a history
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.total(@extschema@.history) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_year(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_first_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.last_year(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_last_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.years(@extschema@.history) RETURNS int4[]
    AS 'MODULE_PATHNAME', 'history_years' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amounts(@extschema@.history) RETURNS @extschema@.amount[]
    AS 'MODULE_PATHNAME', 'history_amounts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.unnest(@extschema@.history, OUT year int4, OUT amount @extschema@.amount)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 10
    AS $$ SELECT y, a FROM ROWS FROM (pg_catalog.unnest(@extschema@.years($1)), pg_catalog.unnest(@extschema@.amounts($1))) AS t(y, a) $$;
CREATE FUNCTION @extschema@.gaps(@extschema@.history) RETURNS int4[]
    AS 'MODULE_PATHNAME', 'history_gaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.streak(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_streak' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.renewals(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_renewals' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.renewed(@extschema@.history, year int4) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_renewed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.change(@extschema@.history, year int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_change' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.growth(@extschema@.history, year int4) RETURNS numeric
    AS 'MODULE_PATHNAME', 'history_growth' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cagr(@extschema@.history) RETURNS numeric
    AS 'MODULE_PATHNAME', 'history_cagr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.slice(@extschema@.history, from_year int4, to_year int4) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_slice' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rolling_total(@extschema@.history, year int4, n int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_rolling_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deflate(@extschema@.history, index @extschema@.history, base_year int4) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_deflate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sparkline(@extschema@.history) RETURNS text
    AS 'MODULE_PATHNAME', 'history_sparkline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total(@extschema@.history) IS 'Sum of all years (0.00 for {}; 22003 on overflow)';
COMMENT ON FUNCTION @extschema@.first_year(@extschema@.history) IS 'First year, NULL for {}';
COMMENT ON FUNCTION @extschema@.last_year(@extschema@.history) IS 'Last year, NULL for {}';
COMMENT ON FUNCTION @extschema@.years(@extschema@.history) IS 'The years, ascending';
COMMENT ON FUNCTION @extschema@.amounts(@extschema@.history) IS 'The amounts, in year order';
COMMENT ON FUNCTION @extschema@.unnest(@extschema@.history) IS 'One row (year, amount) per year, ascending';
COMMENT ON FUNCTION @extschema@.gaps(@extschema@.history) IS 'Unfunded years between the first and the last year';
COMMENT ON FUNCTION @extschema@.streak(@extschema@.history) IS 'Number of consecutive funded years ending at the last year (0 for {})';
COMMENT ON FUNCTION @extschema@.renewals(@extschema@.history) IS 'Number of years whose amount equals the previous year''s';
COMMENT ON FUNCTION @extschema@.renewed(@extschema@.history, int4) IS 'Whether the year has the same amount as the year before (false when either is absent)';
COMMENT ON FUNCTION @extschema@.change(@extschema@.history, int4) IS 'Amount of the year minus that of the year before; NULL when either is absent';
COMMENT ON FUNCTION @extschema@.growth(@extschema@.history, int4) IS 'Change over the previous year''s amount, as a fraction (exact or 20 significant digits); NULL when undefined';
COMMENT ON FUNCTION @extschema@.cagr(@extschema@.history) IS 'Compound annual growth rate from the first to the last year, to 12 decimals; NULL when undefined';
COMMENT ON FUNCTION @extschema@.slice(@extschema@.history, int4, int4) IS 'The years from_year to to_year, inclusive';
COMMENT ON FUNCTION @extschema@.rolling_total(@extschema@.history, int4, int4) IS 'Total of the n years ending at year (the window of EU de minimis ceilings)';
COMMENT ON FUNCTION @extschema@.deflate(@extschema@.history, @extschema@.history, int4) IS 'Constant money of base_year: amount * index[base_year] / index[year], rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.sparkline(@extschema@.history) IS 'One block character per year from first to last, scaled to the maximum (a space for a gap)';

-- ---------------------------------------------------------------------------
-- Spreading a multi-year amount over calendar years
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.spread(total @extschema@.amount, period daterange) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_spread_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spread(total @extschema@.amount, first_year int4, last_year int4) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_spread_years' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spread(@extschema@.amount, daterange) IS 'Pro rata temporis: the total split over the calendar years of the period in proportion to their days, cent-exact (largest remainder)';
COMMENT ON FUNCTION @extschema@.spread(@extschema@.amount, int4, int4) IS 'The total split in equal yearly parts, cent-exact (the odd cents go to the earliest years)';

-- ---------------------------------------------------------------------------
-- Aggregates: the state is a history (text I/O), updated in place
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.history_agg_trans(@extschema@.history, int4, @extschema@.amount) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_combine(@extschema@.history, @extschema@.history) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_agg_final(@extschema@.history) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_agg_trans(@extschema@.history, int4, @extschema@.amount) IS 'Transition function of history_agg (aggregate use only)';
COMMENT ON FUNCTION @extschema@.history_combine(@extschema@.history, @extschema@.history) IS 'Combine function of history_agg and history_sum, transition function of history_sum (aggregate use only)';
COMMENT ON FUNCTION @extschema@.history_agg_final(@extschema@.history) IS 'Final function of history_agg and history_sum: the state without spare room';

CREATE AGGREGATE @extschema@.history_agg(year int4, amount @extschema@.amount) (
    SFUNC = @extschema@.history_agg_trans,
    STYPE = @extschema@.history,
    COMBINEFUNC = @extschema@.history_combine,
    FINALFUNC = @extschema@.history_agg_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.history_agg(int4, @extschema@.amount) IS 'History of the amounts by year, summing the amounts of a year; NULL amounts are ignored (22003 on overflow)';

CREATE AGGREGATE @extschema@.history_sum(@extschema@.history) (
    SFUNC = @extschema@.history_combine,
    STYPE = @extschema@.history,
    COMBINEFUNC = @extschema@.history_combine,
    FINALFUNC = @extschema@.history_agg_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.history_sum(@extschema@.history) IS 'Year-by-year sum of histories, for rollups of rollups; NULLs are ignored (22003 on overflow)';

-- from sql/install/50_schema.sql
-- ===========================================================================
-- schema: who funds whom, for what, in which year, with which co-financing
-- plan; and the dashboard views over it (standard SQL types only)
-- ===========================================================================

-- ---- enumerations ---------------------------------------------------------

CREATE TYPE @extschema@.organization_kind AS ENUM (
    'eu', 'state', 'region', 'department', 'intercommunal', 'municipality',
    'public_body', 'association', 'company', 'foundation', 'other');
COMMENT ON TYPE @extschema@.organization_kind IS 'Kind of a funder or beneficiary; the first seven kinds are public';

CREATE TYPE @extschema@.aid_nature AS ENUM ('cash', 'in_kind', 'cash_and_in_kind');
COMMENT ON TYPE @extschema@.aid_nature IS 'Form of an aid, as SCDL''s nature: cash (aide en numéraire), in kind (aide en nature), or both';

CREATE TYPE @extschema@.budget_section AS ENUM ('operating', 'investment');
COMMENT ON TYPE @extschema@.budget_section IS 'Section of a public budget: operating (fonctionnement) or investment (investissement)';

CREATE TYPE @extschema@.budget_direction AS ENUM ('expense', 'receipt');
COMMENT ON TYPE @extschema@.budget_direction IS 'Side of a budget line: expense (dépense) or receipt (recette)';

CREATE TYPE @extschema@.financing_kind AS ENUM (
    'public_grant', 'eu_funds', 'private', 'own_funds', 'revenue', 'in_kind');
COMMENT ON TYPE @extschema@.financing_kind IS 'Kind of a resource in a financing plan';

CREATE TYPE @extschema@.funding_status AS ENUM ('requested', 'voted', 'agreed', 'paid');
COMMENT ON TYPE @extschema@.funding_status IS 'Step of a financing line along the funding path: requested, voted (decision taken), agreed (convention signed), paid';

-- ---- organization ---------------------------------------------------------

CREATE TABLE @extschema@.organization (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    kind        @extschema@.organization_kind NOT NULL DEFAULT 'other',
    is_public   boolean NOT NULL GENERATED ALWAYS AS (
                    kind IN ('eu', 'state', 'region', 'department', 'intercommunal',
                             'municipality', 'public_body')) STORED,
    parent_id   bigint REFERENCES @extschema@.organization (id),
    country     char(2) NOT NULL DEFAULT 'FR' CHECK (country ~ '^[A-Z]{2}$'),
    siret       @extschema@.siret UNIQUE,
    siren       @extschema@.siren,
    rna         @extschema@.rna,
    CONSTRAINT organization_parent_not_self CHECK (parent_id <> id),
    CONSTRAINT organization_siren_of_siret
        CHECK (siret IS NULL OR siren IS NULL OR siren = @extschema@.siren(siret))
);
CREATE INDEX organization_parent_idx ON @extschema@.organization (parent_id);
CREATE INDEX organization_siren_idx ON @extschema@.organization (siren);
CREATE INDEX organization_rna_idx ON @extschema@.organization (rna);
CREATE INDEX organization_name_idx ON @extschema@.organization (lower(name));
COMMENT ON TABLE @extschema@.organization IS 'Funders and beneficiaries alike: public bodies, associations, companies';
COMMENT ON COLUMN @extschema@.organization.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.organization.name IS 'Name as published, e.g. "Métropole Européenne de Lille"';
COMMENT ON COLUMN @extschema@.organization.kind IS 'Kind: eu, state, region, department, intercommunal, municipality, public_body, association, company, foundation, other';
COMMENT ON COLUMN @extschema@.organization.is_public IS 'Whether the organization is public (derived from kind)';
COMMENT ON COLUMN @extschema@.organization.parent_id IS 'Parent organization, e.g. the State for one of its regional offices (DIRECCTE, DREETS)';
COMMENT ON COLUMN @extschema@.organization.country IS 'Country, ISO 3166-1 alpha-2 (default FR)';
COMMENT ON COLUMN @extschema@.organization.siret IS 'SIRET of the establishment (14 digits), unique when present';
COMMENT ON COLUMN @extschema@.organization.siren IS 'SIREN of the legal unit (9 digits); equals the SIRET''s first 9 digits when both are known; alone when only the SIREN was published';
COMMENT ON COLUMN @extschema@.organization.rna IS 'Number in the French register of associations (RNA, W + 9 digits)';

-- ---- decision -------------------------------------------------------------

CREATE TABLE @extschema@.decision (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    funder_id       bigint NOT NULL REFERENCES @extschema@.organization (id),
    body            text,
    reference       text,
    title           text,
    decided_on      date,
    enforceable_on  date,
    vote_result     text,
    source_url      text,
    CONSTRAINT decision_reference_unique UNIQUE (funder_id, reference),
    CONSTRAINT decision_id_funder_unique UNIQUE (id, funder_id),
    CONSTRAINT decision_enforceable_after_decided CHECK (enforceable_on >= decided_on),
    CONSTRAINT decision_reference_not_blank CHECK (btrim(reference) <> '')
);
CREATE INDEX decision_decided_on_idx ON @extschema@.decision (decided_on);
COMMENT ON TABLE @extschema@.decision IS 'A deliberation or order by which a funder awards subsidies';
COMMENT ON COLUMN @extschema@.decision.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.decision.funder_id IS 'Organization that took the decision';
COMMENT ON COLUMN @extschema@.decision.body IS 'Deciding body, e.g. "Bureau de la Métropole", "Commission permanente"';
COMMENT ON COLUMN @extschema@.decision.reference IS 'The funder''s reference of the act (SCDL referenceDecision), unique per funder';
COMMENT ON COLUMN @extschema@.decision.title IS 'Title of the act';
COMMENT ON COLUMN @extschema@.decision.decided_on IS 'Date of the vote or signature';
COMMENT ON COLUMN @extschema@.decision.enforceable_on IS 'Date the act became enforceable (transmitted to the prefecture and published)';
COMMENT ON COLUMN @extschema@.decision.vote_result IS 'Result of the vote as recorded, e.g. "adopted unanimously"';
COMMENT ON COLUMN @extschema@.decision.source_url IS 'Where the act is published';

-- ---- load tables ----------------------------------------------------------

CREATE TABLE @extschema@.load_log (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source                  text NOT NULL,
    content_fingerprint     text,
    started_at              timestamptz NOT NULL DEFAULT now(),
    finished_at             timestamptz,
    loaded_by               text NOT NULL DEFAULT current_user,
    records_read            integer NOT NULL DEFAULT 0 CHECK (records_read >= 0),
    accepted                integer NOT NULL DEFAULT 0 CHECK (accepted >= 0),
    accepted_with_warnings  integer NOT NULL DEFAULT 0 CHECK (accepted_with_warnings >= 0),
    rejected                integer NOT NULL DEFAULT 0 CHECK (rejected >= 0),
    duplicates              integer NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
    header_warnings         text[],
    blank                   integer NOT NULL DEFAULT 0 CHECK (blank >= 0),
    diagnostics             text[],
    CONSTRAINT load_log_finished_after_start CHECK (finished_at >= started_at),
    CONSTRAINT load_log_warnings_among_accepted CHECK (accepted_with_warnings <= accepted)
);
COMMENT ON TABLE @extschema@.load_log IS 'One row per bulk load (e.g. load_scdl): what was read, accepted, rejected, and when';
COMMENT ON COLUMN @extschema@.load_log.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.load_log.source IS 'Name of the loaded file or feed, as given by the caller';
COMMENT ON COLUMN @extschema@.load_log.content_fingerprint IS 'SHA-256 of the loaded content (hex), to recognise the same file under another name';
COMMENT ON COLUMN @extschema@.load_log.started_at IS 'When the load started';
COMMENT ON COLUMN @extschema@.load_log.finished_at IS 'When the load finished; finished_at - started_at is the time taken';
COMMENT ON COLUMN @extschema@.load_log.loaded_by IS 'Role that ran the load';
COMMENT ON COLUMN @extschema@.load_log.records_read IS 'Records read from the source';
COMMENT ON COLUMN @extschema@.load_log.accepted IS 'Records accepted and inserted (including those with warnings)';
COMMENT ON COLUMN @extschema@.load_log.accepted_with_warnings IS 'Accepted records whose values were normalised (see subsidy.warnings)';
COMMENT ON COLUMN @extschema@.load_log.rejected IS 'Records quarantined in scdl_reject';
COMMENT ON COLUMN @extschema@.load_log.header_warnings IS 'How the header differs from SCDL 2.1.1: columns read under another name, out of order, absent optional columns, columns kept in extra';
COMMENT ON COLUMN @extschema@.load_log.duplicates IS 'Records already present (same fingerprint), not inserted again';
COMMENT ON COLUMN @extschema@.load_log.blank IS 'Rows made only of delimiters or blanks, skipped (records_read = accepted + rejected + duplicates + blank)';
COMMENT ON COLUMN @extschema@.load_log.diagnostics IS 'Facts about the whole file, said once: the encoding read, likely mis-declared encodings, warnings that every record carried (with the count)';

CREATE TABLE @extschema@.scdl_reject (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    load_id     bigint REFERENCES @extschema@.load_log (id) ON DELETE SET NULL,
    source      text NOT NULL,
    line        integer NOT NULL CHECK (line > 0),
    fields      jsonb NOT NULL,
    reasons     text[] NOT NULL CHECK (cardinality(reasons) > 0),
    warnings    text[],
    fingerprint uuid UNIQUE,
    rejected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scdl_reject_load_idx ON @extschema@.scdl_reject (load_id);
CREATE INDEX scdl_reject_source_idx ON @extschema@.scdl_reject (source, line);
COMMENT ON TABLE @extschema@.scdl_reject IS 'Quarantine of the SCDL records that could not be loaded: nothing is dropped';
COMMENT ON COLUMN @extschema@.scdl_reject.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.scdl_reject.load_id IS 'The load that read the record';
COMMENT ON COLUMN @extschema@.scdl_reject.source IS 'File or feed the record came from';
COMMENT ON COLUMN @extschema@.scdl_reject.line IS 'Line number of the record in the source (1 is the header)';
COMMENT ON COLUMN @extschema@.scdl_reject.fields IS 'The raw fields of the record, keyed by column header';
COMMENT ON COLUMN @extschema@.scdl_reject.reasons IS 'Every reason the record was rejected, not just the first';
COMMENT ON COLUMN @extschema@.scdl_reject.warnings IS 'What the loader would have normalised in the record, had it been accepted (as subsidy.warnings)';
COMMENT ON COLUMN @extschema@.scdl_reject.fingerprint IS 'Digest of the raw record (the first 128 bits of its SHA-256, as a uuid), so that loading the same file again adds no second copy';
COMMENT ON COLUMN @extschema@.scdl_reject.rejected_at IS 'When the record was rejected';

-- ---- budget_line ----------------------------------------------------------

CREATE TABLE @extschema@.budget_line (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    funder_id       bigint NOT NULL REFERENCES @extschema@.organization (id),
    fiscal_year     integer NOT NULL CHECK (fiscal_year BETWEEN 1800 AND 2200),
    section         @extschema@.budget_section NOT NULL,
    direction       @extschema@.budget_direction NOT NULL DEFAULT 'expense',
    chapter         text,
    nature_code     text,
    function_code   text,
    label           text NOT NULL,
    amount          @extschema@.amount NOT NULL CHECK (amount >= 0),
    currency        char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    parent_id       bigint REFERENCES @extschema@.budget_line (id),
    CONSTRAINT budget_line_parent_not_self CHECK (parent_id <> id),
    CONSTRAINT budget_line_charge_key UNIQUE (id, funder_id, currency)
);
CREATE INDEX budget_line_funder_year_idx ON @extschema@.budget_line (funder_id, fiscal_year);
CREATE INDEX budget_line_parent_idx ON @extschema@.budget_line (parent_id);
COMMENT ON TABLE @extschema@.budget_line IS 'A funder''s appropriation: one line of its voted budget';
COMMENT ON COLUMN @extschema@.budget_line.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.budget_line.funder_id IS 'Organization whose budget this is';
COMMENT ON COLUMN @extschema@.budget_line.fiscal_year IS 'Fiscal year of the budget';
COMMENT ON COLUMN @extschema@.budget_line.section IS 'Section: operating or investment';
COMMENT ON COLUMN @extschema@.budget_line.direction IS 'Expense or receipt';
COMMENT ON COLUMN @extschema@.budget_line.chapter IS 'Chapter code, e.g. "65"';
COMMENT ON COLUMN @extschema@.budget_line.nature_code IS 'Account code by nature (article), e.g. "6574"';
COMMENT ON COLUMN @extschema@.budget_line.function_code IS 'Functional code, e.g. "90"';
COMMENT ON COLUMN @extschema@.budget_line.label IS 'Label of the line';
COMMENT ON COLUMN @extschema@.budget_line.amount IS 'Appropriation (crédits ouverts), exact to the cent';
COMMENT ON COLUMN @extschema@.budget_line.currency IS 'Currency of the amount, ISO 4217 (default EUR)';
COMMENT ON COLUMN @extschema@.budget_line.parent_id IS 'Line one level up (e.g. the chapter of an article), whose amount should be the sum of its children';

-- ---- subsidy --------------------------------------------------------------

CREATE TABLE @extschema@.subsidy (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    funder_id               bigint NOT NULL REFERENCES @extschema@.organization (id),
    beneficiary_id          bigint NOT NULL REFERENCES @extschema@.organization (id),
    decision_id             bigint,
    object                  text CHECK (btrim(object) <> ''),
    fiscal_year             integer NOT NULL CHECK (fiscal_year BETWEEN 1800 AND 2200),
    amount                  @extschema@.amount NOT NULL CHECK (amount > 0),
    currency                char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    nature                  @extschema@.aid_nature NOT NULL DEFAULT 'cash',
    section                 @extschema@.budget_section,
    convention_date         date,
    convention_period       daterange CHECK (NOT isempty(convention_period)),
    payment_terms           text,
    payment_period          daterange CHECK (NOT isempty(payment_period)),
    aid_scheme              text,
    rae_id                  text CHECK (char_length(rae_id) <= 5),
    eu_notified             boolean,
    pourcentage_subvention  numeric NOT NULL DEFAULT 1
                            CHECK (pourcentage_subvention > 0 AND pourcentage_subvention <= 1),
    award_amount            @extschema@.amount,
    split_key               text,
    budget_line_id          bigint,
    source                  text,
    line                    integer CHECK (line > 0),
    load_id                 bigint REFERENCES @extschema@.load_log (id) ON DELETE SET NULL,
    fingerprint             uuid UNIQUE,
    warnings                text[],
    extra                   jsonb,
    CONSTRAINT subsidy_decision_of_funder FOREIGN KEY (decision_id, funder_id)
        REFERENCES @extschema@.decision (id, funder_id),
    CONSTRAINT subsidy_budget_line_of_funder FOREIGN KEY (budget_line_id, funder_id, currency)
        REFERENCES @extschema@.budget_line (id, funder_id, currency),
    CONSTRAINT subsidy_award_covers_amount CHECK (award_amount >= amount),
    CONSTRAINT subsidy_line_needs_source CHECK (line IS NULL OR source IS NOT NULL)
);
CREATE INDEX subsidy_funder_year_idx ON @extschema@.subsidy (funder_id, fiscal_year);
CREATE INDEX subsidy_beneficiary_year_idx ON @extschema@.subsidy (beneficiary_id, fiscal_year);
CREATE INDEX subsidy_year_idx ON @extschema@.subsidy (fiscal_year);
CREATE INDEX subsidy_decision_idx ON @extschema@.subsidy (decision_id) WHERE decision_id IS NOT NULL;
CREATE INDEX subsidy_budget_line_idx ON @extschema@.subsidy (budget_line_id) WHERE budget_line_id IS NOT NULL;
CREATE INDEX subsidy_split_key_idx ON @extschema@.subsidy (split_key) WHERE split_key IS NOT NULL;
CREATE INDEX subsidy_source_idx ON @extschema@.subsidy (source, line);
COMMENT ON TABLE @extschema@.subsidy IS 'One award: a funder grants an amount to a beneficiary for a fiscal year (one row per beneficiary of an SCDL record)';
COMMENT ON COLUMN @extschema@.subsidy.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.subsidy.funder_id IS 'Organization that grants the subsidy (SCDL nomAttribuant, idAttribuant)';
COMMENT ON COLUMN @extschema@.subsidy.beneficiary_id IS 'Organization that receives it (SCDL nomBeneficiaire, idBeneficiaire, rnaBeneficiaire)';
COMMENT ON COLUMN @extschema@.subsidy.decision_id IS 'The decision that awarded it, when known; it must be the funder''s';
COMMENT ON COLUMN @extschema@.subsidy.object IS 'What the subsidy is for (SCDL objet); NULL when the source does not say (load_scdl then records a warning)';
COMMENT ON COLUMN @extschema@.subsidy.fiscal_year IS 'Fiscal year the subsidy is charged to';
COMMENT ON COLUMN @extschema@.subsidy.amount IS 'Amount awarded to this beneficiary, exact to the cent, positive (SCDL montant x pourcentageSubvention; the shares of a split subsidy add up, by largest remainder)';
COMMENT ON COLUMN @extschema@.subsidy.currency IS 'Currency of the amount, ISO 4217 (default EUR); views never add different currencies';
COMMENT ON COLUMN @extschema@.subsidy.nature IS 'Form of the aid (SCDL nature): cash, in_kind, or cash_and_in_kind';
COMMENT ON COLUMN @extschema@.subsidy.section IS 'Budget section the subsidy belongs to: operating or investment; NULL when not stated (SCDL does not say)';
COMMENT ON COLUMN @extschema@.subsidy.convention_date IS 'Date the convention was signed (SCDL dateConvention); NULL when none is recorded';
COMMENT ON COLUMN @extschema@.subsidy.convention_period IS 'Period the convention covers';
COMMENT ON COLUMN @extschema@.subsidy.payment_terms IS 'Payment terms (SCDL conditionsVersement): unique, échelonné, or a free description';
COMMENT ON COLUMN @extschema@.subsidy.payment_period IS 'Date or period of payment (SCDL datesPeriodeVersement), as a daterange of days';
COMMENT ON COLUMN @extschema@.subsidy.aid_scheme IS 'Identifier of the aid scheme (SCDL dispositifAide)';
COMMENT ON COLUMN @extschema@.subsidy.rae_id IS 'Number in the Répertoire des Aides aux Entreprises (SCDL idRAE, at most 5 characters)';
COMMENT ON COLUMN @extschema@.subsidy.eu_notified IS 'Whether the aid was notified to the European Commission as State aid (SCDL notificationUE)';
COMMENT ON COLUMN @extschema@.subsidy.pourcentage_subvention IS 'SCDL pourcentageSubvention: this beneficiary''s part of one subsidy split between several beneficiaries, in (0, 1]; 1 for a single beneficiary. Not a share of a budget';
COMMENT ON COLUMN @extschema@.subsidy.award_amount IS 'SCDL montant: the whole subsidy before its split between beneficiaries; NULL when equal to amount';
COMMENT ON COLUMN @extschema@.subsidy.split_key IS 'Common key of the rows of one subsidy split between several beneficiaries; NULL for a single beneficiary';
COMMENT ON COLUMN @extschema@.subsidy.budget_line_id IS 'Appropriation the subsidy is charged to, when known: a line of the same funder, in the same currency';
COMMENT ON COLUMN @extschema@.subsidy.source IS 'Provenance: file or feed the record came from';
COMMENT ON COLUMN @extschema@.subsidy.line IS 'Provenance: line number of the record in its source';
COMMENT ON COLUMN @extschema@.subsidy.load_id IS 'The load that inserted the row, when bulk-loaded';
COMMENT ON COLUMN @extschema@.subsidy.fingerprint IS 'Digest of the record''s content (the first 128 bits of its SHA-256, as a uuid), unique: the same record loaded twice is a duplicate';
COMMENT ON COLUMN @extschema@.subsidy.warnings IS 'What the loader normalised in this record (e.g. "nature: case and accents")';
COMMENT ON COLUMN @extschema@.subsidy.extra IS 'Columns of the source record that have no place in the schema, keyed by header';

-- ---- financing_plan and financing_line ------------------------------------

CREATE TABLE @extschema@.financing_plan (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    beneficiary_id  bigint NOT NULL REFERENCES @extschema@.organization (id),
    title           text NOT NULL CHECK (btrim(title) <> ''),
    fiscal_year     integer CHECK (fiscal_year BETWEEN 1800 AND 2200),
    period          daterange CHECK (NOT isempty(period)),
    total_cost      @extschema@.amount NOT NULL CHECK (total_cost > 0),
    currency        char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    complete        boolean NOT NULL DEFAULT false,
    source          text,
    CONSTRAINT financing_plan_year_or_period CHECK (fiscal_year IS NOT NULL OR period IS NOT NULL),
    CONSTRAINT financing_plan_currency_key UNIQUE (id, currency)
);
CREATE INDEX financing_plan_beneficiary_year_idx ON @extschema@.financing_plan (beneficiary_id, fiscal_year);
CREATE INDEX financing_plan_year_idx ON @extschema@.financing_plan (fiscal_year);
COMMENT ON TABLE @extschema@.financing_plan IS 'A project''s or organization''s forecast budget (plan de financement) for a year or a period';
COMMENT ON COLUMN @extschema@.financing_plan.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.financing_plan.beneficiary_id IS 'Organization that carries the project';
COMMENT ON COLUMN @extschema@.financing_plan.title IS 'Project or budget title';
COMMENT ON COLUMN @extschema@.financing_plan.fiscal_year IS 'Fiscal year of the forecast (NULL for a multi-year period)';
COMMENT ON COLUMN @extschema@.financing_plan.period IS 'Period of the project, when given';
COMMENT ON COLUMN @extschema@.financing_plan.total_cost IS 'Total expenses of the forecast; in a balanced forecast it equals total resources';
COMMENT ON COLUMN @extschema@.financing_plan.currency IS 'Currency of the plan and of all its lines, ISO 4217 (default EUR)';
COMMENT ON COLUMN @extschema@.financing_plan.complete IS 'True when the resource lines are declared complete (then they must add up to total_cost); false when only some resources are listed';
COMMENT ON COLUMN @extschema@.financing_plan.source IS 'Where the plan comes from (e.g. the deliberation that quotes it)';

CREATE TABLE @extschema@.financing_line (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id             bigint NOT NULL,
    funder_id           bigint REFERENCES @extschema@.organization (id),
    label               text NOT NULL CHECK (btrim(label) <> ''),
    amount              @extschema@.amount NOT NULL CHECK (amount > 0),
    currency            char(3) NOT NULL DEFAULT 'EUR',
    kind                @extschema@.financing_kind NOT NULL,
    status              @extschema@.funding_status NOT NULL DEFAULT 'requested',
    declared_percent    numeric CHECK (declared_percent > 0 AND declared_percent <= 100),
    subsidy_id          bigint REFERENCES @extschema@.subsidy (id) ON DELETE SET NULL,
    CONSTRAINT financing_line_plan_currency FOREIGN KEY (plan_id, currency)
        REFERENCES @extschema@.financing_plan (id, currency) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX financing_line_plan_idx ON @extschema@.financing_line (plan_id);
CREATE INDEX financing_line_funder_idx ON @extschema@.financing_line (funder_id);
CREATE INDEX financing_line_subsidy_idx ON @extschema@.financing_line (subsidy_id);
COMMENT ON TABLE @extschema@.financing_line IS 'One resource of a financing plan: who is asked to pay what';
COMMENT ON COLUMN @extschema@.financing_line.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.financing_line.plan_id IS 'The plan';
COMMENT ON COLUMN @extschema@.financing_line.funder_id IS 'Funder; NULL for own funds or sources not named individually';
COMMENT ON COLUMN @extschema@.financing_line.label IS 'Label as in the plan, e.g. "État (DIRECCTE)"';
COMMENT ON COLUMN @extschema@.financing_line.amount IS 'Amount of the resource, exact to the cent, positive';
COMMENT ON COLUMN @extschema@.financing_line.currency IS 'Currency: always the plan''s (enforced by the foreign key)';
COMMENT ON COLUMN @extschema@.financing_line.kind IS 'Kind of resource: public_grant, eu_funds, private, own_funds, revenue, in_kind';
COMMENT ON COLUMN @extschema@.financing_line.status IS 'Step along the funding path: requested, voted, agreed, paid';
COMMENT ON COLUMN @extschema@.financing_line.declared_percent IS 'Share of the total cost as a decision states it (e.g. 4.6 for "4,6 %"), with the precision stated';
COMMENT ON COLUMN @extschema@.financing_line.subsidy_id IS 'The subsidy that realised this line, when awarded';

-- ---- registration for pg_dump ---------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('@extschema@.organization', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.load_log', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scdl_reject', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget_line', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.subsidy', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.financing_plan', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.financing_line', '');
-- The identity sequences, one statement each (each call updates pg_extension).
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.organization', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.decision', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.load_log', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.scdl_reject', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.budget_line', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.subsidy', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.financing_plan', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.financing_line', 'id'), '');

-- ---- views ----------------------------------------------------------------

CREATE VIEW @extschema@.cofinancing AS
WITH lines AS (
    SELECT l.plan_id, l.id AS line_id, l.funder_id, l.label, l.kind::text AS kind,
           l.status::text AS status, l.amount, l.declared_percent, l.subsidy_id,
           COALESCE(f.is_public, l.kind IN ('public_grant', 'eu_funds')) AS is_public,
           true AS covered
      FROM @extschema@.financing_line l
      LEFT JOIN @extschema@.organization f ON f.id = l.funder_id
), gaps AS (
    SELECT p.id AS plan_id, NULL::bigint AS line_id, NULL::bigint AS funder_id,
           'not covered'::text AS label, NULL::text AS kind, NULL::text AS status,
           p.total_cost OPERATOR(@extschema@.-) s.lines_total AS amount, NULL::numeric AS declared_percent,
           NULL::bigint AS subsidy_id, false AS is_public, false AS covered
      FROM @extschema@.financing_plan p
      CROSS JOIN LATERAL (
          SELECT COALESCE(@extschema@.sum(l.amount), 0::@extschema@.amount) AS lines_total
            FROM @extschema@.financing_line l WHERE l.plan_id = p.id) s
     WHERE p.total_cost OPERATOR(@extschema@.>) s.lines_total
), all_rows AS (
    SELECT * FROM lines UNION ALL SELECT * FROM gaps
)
SELECT r.plan_id,
       p.title AS plan_title,
       p.fiscal_year,
       p.beneficiary_id,
       b.name AS beneficiary_name,
       r.line_id,
       r.funder_id,
       f.name AS funder_name,
       f.kind::text AS funder_kind,
       r.label,
       r.kind,
       r.status,
       r.is_public,
       r.covered,
       p.currency::text AS currency,
       r.amount::numeric(20,2) AS amount,
       p.total_cost::numeric(20,2) AS total_cost,
       @extschema@.share(r.amount, p.total_cost)::numeric(38,19) AS share,
       @extschema@.percent(r.amount, p.total_cost, 1)::numeric(22,1) AS percent,
       (@extschema@.percent_of_total(r.amount, 1) OVER (PARTITION BY r.plan_id))::numeric(22,1) AS percent_balanced,
       r.declared_percent::numeric(13,10) AS declared_percent,
       r.subsidy_id
  FROM all_rows r
  JOIN @extschema@.financing_plan p ON p.id = r.plan_id
  JOIN @extschema@.organization b ON b.id = p.beneficiary_id
  LEFT JOIN @extschema@.organization f ON f.id = r.funder_id;
COMMENT ON VIEW @extschema@.cofinancing IS 'One row per financing line, plus one "not covered" row per plan whose lines fall short of its total cost: amounts and shares of the total cost';
COMMENT ON COLUMN @extschema@.cofinancing.plan_id IS 'The plan';
COMMENT ON COLUMN @extschema@.cofinancing.plan_title IS 'Title of the plan';
COMMENT ON COLUMN @extschema@.cofinancing.fiscal_year IS 'Fiscal year of the plan';
COMMENT ON COLUMN @extschema@.cofinancing.beneficiary_id IS 'Organization that carries the project';
COMMENT ON COLUMN @extschema@.cofinancing.beneficiary_name IS 'Its name';
COMMENT ON COLUMN @extschema@.cofinancing.line_id IS 'The financing line; NULL on the "not covered" row';
COMMENT ON COLUMN @extschema@.cofinancing.funder_id IS 'Funder; NULL for own funds, unnamed sources and the "not covered" row';
COMMENT ON COLUMN @extschema@.cofinancing.funder_name IS 'Funder''s name';
COMMENT ON COLUMN @extschema@.cofinancing.funder_kind IS 'Funder''s kind (eu, state, region, ...)';
COMMENT ON COLUMN @extschema@.cofinancing.label IS 'Label of the line; "not covered" for the part of the total cost no line covers';
COMMENT ON COLUMN @extschema@.cofinancing.kind IS 'Kind of resource (public_grant, eu_funds, private, own_funds, revenue, in_kind); NULL on the "not covered" row';
COMMENT ON COLUMN @extschema@.cofinancing.status IS 'Step along the funding path (requested, voted, agreed, paid)';
COMMENT ON COLUMN @extschema@.cofinancing.is_public IS 'Public money: the funder is public, or, without a named funder, the line is a public grant or EU funds';
COMMENT ON COLUMN @extschema@.cofinancing.covered IS 'False on the "not covered" row';
COMMENT ON COLUMN @extschema@.cofinancing.currency IS 'Currency of the plan (ISO 4217)';
COMMENT ON COLUMN @extschema@.cofinancing.amount IS 'Amount of the line';
COMMENT ON COLUMN @extschema@.cofinancing.total_cost IS 'Total cost of the plan';
COMMENT ON COLUMN @extschema@.cofinancing.share IS 'Exact share of the total cost, amount / total_cost (20 significant digits)';
COMMENT ON COLUMN @extschema@.cofinancing.percent IS 'Percentage of the total cost rounded on its own to one decimal (half away from zero)';
COMMENT ON COLUMN @extschema@.cofinancing.percent_balanced IS 'Percentage to one decimal rounded so that the plan''s column adds up to exactly 100 (largest remainder, percent_of_total); of the total cost, or of the lines'' total when the plan is over-funded';
COMMENT ON COLUMN @extschema@.cofinancing.declared_percent IS 'Share as a decision states it, when recorded';
COMMENT ON COLUMN @extschema@.cofinancing.subsidy_id IS 'The subsidy that realised the line';

CREATE VIEW @extschema@.plan_summary AS
SELECT p.id AS plan_id,
       p.title,
       p.fiscal_year,
       lower(p.period) AS period_start,
       upper(p.period) - 1 AS period_end,
       p.beneficiary_id,
       b.name AS beneficiary_name,
       p.currency::text AS currency,
       p.complete,
       p.total_cost::numeric(20,2) AS total_cost,
       s.lines_total::numeric(20,2) AS lines_total,
       s.public_total::numeric(20,2) AS public_total,
       @extschema@.share(s.public_total, p.total_cost)::numeric(38,19) AS public_share,
       @extschema@.percent(s.public_total, p.total_cost, 1)::numeric(22,1) AS public_percent,
       s.eu_total::numeric(20,2) AS eu_total,
       s.own_funds::numeric(20,2) AS own_funds,
       (p.total_cost OPERATOR(@extschema@.-) s.lines_total)::numeric(20,2) AS unfunded_gap,
       (sign((p.total_cost OPERATOR(@extschema@.-) s.lines_total)::numeric)
         * @extschema@.percent(@extschema@.abs(p.total_cost OPERATOR(@extschema@.-) s.lines_total),
                               p.total_cost, 1))::numeric(22,1) AS unfunded_percent,
       s.n_lines::integer AS n_lines,
       s.n_funders::integer AS n_funders
  FROM @extschema@.financing_plan p
  JOIN @extschema@.organization b ON b.id = p.beneficiary_id
  CROSS JOIN LATERAL (
      SELECT COALESCE(@extschema@.sum(l.amount), 0::@extschema@.amount) AS lines_total,
             COALESCE(@extschema@.sum(l.amount) FILTER (
                 WHERE COALESCE(f.is_public, l.kind IN ('public_grant', 'eu_funds'))),
                 0::@extschema@.amount) AS public_total,
             COALESCE(@extschema@.sum(l.amount) FILTER (
                 WHERE f.kind = 'eu' OR l.kind = 'eu_funds'), 0::@extschema@.amount) AS eu_total,
             COALESCE(@extschema@.sum(l.amount) FILTER (
                 WHERE l.kind = 'own_funds'), 0::@extschema@.amount) AS own_funds,
             count(l.id) AS n_lines,
             count(DISTINCT l.funder_id) AS n_funders
        FROM @extschema@.financing_line l
        LEFT JOIN @extschema@.organization f ON f.id = l.funder_id
       WHERE l.plan_id = p.id) s;
COMMENT ON VIEW @extschema@.plan_summary IS 'One row per financing plan: total cost, resources, public and EU totals, own funds, unfunded gap';
COMMENT ON COLUMN @extschema@.plan_summary.plan_id IS 'The plan';
COMMENT ON COLUMN @extschema@.plan_summary.title IS 'Title of the plan';
COMMENT ON COLUMN @extschema@.plan_summary.fiscal_year IS 'Fiscal year of the plan';
COMMENT ON COLUMN @extschema@.plan_summary.period_start IS 'First day of the plan''s period, when given';
COMMENT ON COLUMN @extschema@.plan_summary.period_end IS 'Last day of the plan''s period, when given';
COMMENT ON COLUMN @extschema@.plan_summary.beneficiary_id IS 'Organization that carries the project';
COMMENT ON COLUMN @extschema@.plan_summary.beneficiary_name IS 'Its name';
COMMENT ON COLUMN @extschema@.plan_summary.currency IS 'Currency of the plan (ISO 4217)';
COMMENT ON COLUMN @extschema@.plan_summary.complete IS 'Whether the resource lines are declared complete';
COMMENT ON COLUMN @extschema@.plan_summary.total_cost IS 'Total cost (total expenses of the forecast)';
COMMENT ON COLUMN @extschema@.plan_summary.lines_total IS 'Sum of the resource lines';
COMMENT ON COLUMN @extschema@.plan_summary.public_total IS 'Sum of the lines paid by public funders (or public grants and EU funds without a named funder)';
COMMENT ON COLUMN @extschema@.plan_summary.public_share IS 'Exact share of public funding in the total cost';
COMMENT ON COLUMN @extschema@.plan_summary.public_percent IS 'Public funding as a percentage of the total cost, one decimal';
COMMENT ON COLUMN @extschema@.plan_summary.eu_total IS 'Sum of the lines paid by the EU or marked as EU funds';
COMMENT ON COLUMN @extschema@.plan_summary.own_funds IS 'Sum of the own-funds lines';
COMMENT ON COLUMN @extschema@.plan_summary.unfunded_gap IS 'Total cost minus the lines: the part no listed resource covers; negative when over-funded';
COMMENT ON COLUMN @extschema@.plan_summary.unfunded_percent IS 'The gap as a percentage of the total cost, one decimal (negative when over-funded)';
COMMENT ON COLUMN @extschema@.plan_summary.n_lines IS 'Number of resource lines';
COMMENT ON COLUMN @extschema@.plan_summary.n_funders IS 'Number of distinct named funders';

CREATE VIEW @extschema@.subsidy_history AS
SELECT s.funder_id,
       f.name AS funder_name,
       f.kind::text AS funder_kind,
       s.beneficiary_id,
       b.name AS beneficiary_name,
       b.kind::text AS beneficiary_kind,
       s.currency::text AS currency,
       @extschema@.first_year(s.h) AS first_year,
       @extschema@.last_year(s.h) AS last_year,
       cardinality(@extschema@.years(s.h)) AS years_funded,
       s.n_subsidies::integer AS n_subsidies,
       @extschema@.total(s.h)::numeric(20,2) AS total,
       @extschema@.streak(s.h) AS streak,
       @extschema@.renewals(s.h) AS renewals,
       cardinality(@extschema@.gaps(s.h)) AS gaps,
       to_jsonb(@extschema@.gaps(s.h)) AS gap_years,
       @extschema@.sparkline(s.h) AS sparkline,
       s.h::jsonb AS series
  FROM (SELECT funder_id, beneficiary_id, currency,
               @extschema@.history_agg(fiscal_year, amount) AS h,
               count(*) AS n_subsidies
          FROM @extschema@.subsidy
         GROUP BY funder_id, beneficiary_id, currency) s
  JOIN @extschema@.organization f ON f.id = s.funder_id
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id;
COMMENT ON VIEW @extschema@.subsidy_history IS 'One row per funder, beneficiary and currency: the multi-year history of the funder''s subsidies to the beneficiary';
COMMENT ON COLUMN @extschema@.subsidy_history.funder_id IS 'Funder';
COMMENT ON COLUMN @extschema@.subsidy_history.funder_name IS 'Funder''s name';
COMMENT ON COLUMN @extschema@.subsidy_history.funder_kind IS 'Funder''s kind';
COMMENT ON COLUMN @extschema@.subsidy_history.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.subsidy_history.beneficiary_name IS 'Beneficiary''s name';
COMMENT ON COLUMN @extschema@.subsidy_history.beneficiary_kind IS 'Beneficiary''s kind';
COMMENT ON COLUMN @extschema@.subsidy_history.currency IS 'Currency of the amounts (ISO 4217); each currency has its own row';
COMMENT ON COLUMN @extschema@.subsidy_history.first_year IS 'First fiscal year funded';
COMMENT ON COLUMN @extschema@.subsidy_history.last_year IS 'Last fiscal year funded';
COMMENT ON COLUMN @extschema@.subsidy_history.years_funded IS 'Number of fiscal years funded';
COMMENT ON COLUMN @extschema@.subsidy_history.n_subsidies IS 'Number of subsidies';
COMMENT ON COLUMN @extschema@.subsidy_history.total IS 'Total over all years';
COMMENT ON COLUMN @extschema@.subsidy_history.streak IS 'Consecutive years funded up to the last year';
COMMENT ON COLUMN @extschema@.subsidy_history.renewals IS 'Years whose amount equals the previous year''s';
COMMENT ON COLUMN @extschema@.subsidy_history.gaps IS 'Number of years without funding between the first and the last';
COMMENT ON COLUMN @extschema@.subsidy_history.gap_years IS 'Those years, as a JSON array';
COMMENT ON COLUMN @extschema@.subsidy_history.sparkline IS 'The series drawn with block characters, one per year (a space for a gap)';
COMMENT ON COLUMN @extschema@.subsidy_history.series IS 'The series as a JSON object of years to amounts, {"2019": 35000.00}';

CREATE VIEW @extschema@.beneficiary_history AS
SELECT s.beneficiary_id,
       b.name AS beneficiary_name,
       b.kind::text AS beneficiary_kind,
       b.siret::text AS siret,
       COALESCE(b.siren, @extschema@.siren(b.siret))::text AS siren,
       b.rna::text AS rna,
       s.currency::text AS currency,
       @extschema@.total(s.h)::numeric(20,2) AS total,
       s.eu_total::numeric(20,2) AS eu_total,
       s.state_total::numeric(20,2) AS state_total,
       s.region_total::numeric(20,2) AS region_total,
       s.department_total::numeric(20,2) AS department_total,
       s.local_total::numeric(20,2) AS local_total,
       s.other_public_total::numeric(20,2) AS other_public_total,
       s.private_total::numeric(20,2) AS private_total,
       s.n_funders::integer AS n_funders,
       s.n_subsidies::integer AS n_subsidies,
       @extschema@.first_year(s.h) AS first_year,
       @extschema@.last_year(s.h) AS last_year,
       cardinality(@extschema@.years(s.h)) AS years_funded,
       @extschema@.streak(s.h) AS streak,
       @extschema@.sparkline(s.h) AS sparkline,
       s.h::jsonb AS series
  FROM (SELECT x.beneficiary_id, x.currency,
               @extschema@.history_agg(x.fiscal_year, x.amount) AS h,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'eu'), 0::@extschema@.amount) AS eu_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'state'), 0::@extschema@.amount) AS state_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'region'), 0::@extschema@.amount) AS region_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'department'), 0::@extschema@.amount) AS department_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind IN ('intercommunal', 'municipality')), 0::@extschema@.amount) AS local_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'public_body'), 0::@extschema@.amount) AS other_public_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE NOT f.is_public), 0::@extschema@.amount) AS private_total,
               count(DISTINCT x.funder_id) AS n_funders,
               count(*) AS n_subsidies
          FROM @extschema@.subsidy x
          JOIN @extschema@.organization f ON f.id = x.funder_id
         GROUP BY x.beneficiary_id, x.currency) s
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id;
COMMENT ON VIEW @extschema@.beneficiary_history IS 'One row per beneficiary and currency, across all funders: totals by funder kind and the multi-year history';
COMMENT ON COLUMN @extschema@.beneficiary_history.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.beneficiary_history.beneficiary_name IS 'Beneficiary''s name';
COMMENT ON COLUMN @extschema@.beneficiary_history.beneficiary_kind IS 'Beneficiary''s kind';
COMMENT ON COLUMN @extschema@.beneficiary_history.siret IS 'Beneficiary''s SIRET, when known';
COMMENT ON COLUMN @extschema@.beneficiary_history.siren IS 'Beneficiary''s SIREN (recorded, or from the SIRET)';
COMMENT ON COLUMN @extschema@.beneficiary_history.rna IS 'Beneficiary''s RNA number, when known';
COMMENT ON COLUMN @extschema@.beneficiary_history.currency IS 'Currency of the amounts (ISO 4217); each currency has its own row';
COMMENT ON COLUMN @extschema@.beneficiary_history.total IS 'Total received from all funders';
COMMENT ON COLUMN @extschema@.beneficiary_history.eu_total IS 'Received from the EU';
COMMENT ON COLUMN @extschema@.beneficiary_history.state_total IS 'Received from the State and its offices';
COMMENT ON COLUMN @extschema@.beneficiary_history.region_total IS 'Received from regions';
COMMENT ON COLUMN @extschema@.beneficiary_history.department_total IS 'Received from departments';
COMMENT ON COLUMN @extschema@.beneficiary_history.local_total IS 'Received from municipalities and their groupings (intercommunal bodies)';
COMMENT ON COLUMN @extschema@.beneficiary_history.other_public_total IS 'Received from other public bodies';
COMMENT ON COLUMN @extschema@.beneficiary_history.private_total IS 'Received from private funders (associations, companies, foundations, other)';
COMMENT ON COLUMN @extschema@.beneficiary_history.n_funders IS 'Number of distinct funders';
COMMENT ON COLUMN @extschema@.beneficiary_history.n_subsidies IS 'Number of subsidies';
COMMENT ON COLUMN @extschema@.beneficiary_history.first_year IS 'First fiscal year funded';
COMMENT ON COLUMN @extschema@.beneficiary_history.last_year IS 'Last fiscal year funded';
COMMENT ON COLUMN @extschema@.beneficiary_history.years_funded IS 'Number of fiscal years funded';
COMMENT ON COLUMN @extschema@.beneficiary_history.streak IS 'Consecutive years funded up to the last year';
COMMENT ON COLUMN @extschema@.beneficiary_history.sparkline IS 'The series drawn with block characters, one per year';
COMMENT ON COLUMN @extschema@.beneficiary_history.series IS 'Total by year as a JSON object, {"2019": 35000.00}';

CREATE VIEW @extschema@.budget_execution AS
SELECT bl.id AS budget_line_id,
       bl.funder_id,
       f.name AS funder_name,
       bl.fiscal_year,
       bl.section::text AS section,
       bl.direction::text AS direction,
       bl.chapter,
       bl.nature_code,
       bl.function_code,
       bl.label,
       bl.currency::text AS currency,
       bl.amount::numeric(20,2) AS appropriation,
       s.awarded::numeric(20,2) AS awarded,
       (bl.amount OPERATOR(@extschema@.-) s.awarded)::numeric(20,2) AS remaining,
       @extschema@.percent(s.awarded, bl.amount, 1)::numeric(22,1) AS percent_used,
       s.n_subsidies::integer AS n_subsidies
  FROM @extschema@.budget_line bl
  JOIN @extschema@.organization f ON f.id = bl.funder_id
  CROSS JOIN LATERAL (
      SELECT COALESCE(@extschema@.sum(x.amount), 0::@extschema@.amount) AS awarded,
             count(*) AS n_subsidies
        FROM @extschema@.subsidy x
       WHERE x.budget_line_id = bl.id) s;
COMMENT ON VIEW @extschema@.budget_execution IS 'One row per budget line: appropriation, subsidies charged to it, what remains';
COMMENT ON COLUMN @extschema@.budget_execution.budget_line_id IS 'The budget line';
COMMENT ON COLUMN @extschema@.budget_execution.funder_id IS 'Organization whose budget this is';
COMMENT ON COLUMN @extschema@.budget_execution.funder_name IS 'Its name';
COMMENT ON COLUMN @extschema@.budget_execution.fiscal_year IS 'Fiscal year';
COMMENT ON COLUMN @extschema@.budget_execution.section IS 'Section: operating or investment';
COMMENT ON COLUMN @extschema@.budget_execution.direction IS 'Expense or receipt';
COMMENT ON COLUMN @extschema@.budget_execution.chapter IS 'Chapter code';
COMMENT ON COLUMN @extschema@.budget_execution.nature_code IS 'Account code by nature';
COMMENT ON COLUMN @extschema@.budget_execution.function_code IS 'Functional code';
COMMENT ON COLUMN @extschema@.budget_execution.label IS 'Label of the line';
COMMENT ON COLUMN @extschema@.budget_execution.currency IS 'Currency (ISO 4217); subsidies charged to the line have the same';
COMMENT ON COLUMN @extschema@.budget_execution.appropriation IS 'Appropriation of the line';
COMMENT ON COLUMN @extschema@.budget_execution.awarded IS 'Sum of the subsidies charged to the line';
COMMENT ON COLUMN @extschema@.budget_execution.remaining IS 'Appropriation minus awarded; negative when exceeded';
COMMENT ON COLUMN @extschema@.budget_execution.percent_used IS 'Awarded as a percentage of the appropriation, one decimal; NULL for a zero appropriation';
COMMENT ON COLUMN @extschema@.budget_execution.n_subsidies IS 'Number of subsidies charged to the line';

-- from sql/install/55_bi.sql
-- ===========================================================================
-- BI: per-year views (one row per year, an integer year and a typed amount,
-- for charts that should not unnest the jsonb series of subsidy_history and
-- beneficiary_history), and grant_analyst, which gives a role read access to
-- every view at once.  Amounts are numeric(20,2): every amount, up to
-- ±92,233,720,368,547,758.07, fits; counts are integers.
-- ===========================================================================

CREATE VIEW @extschema@.subsidy_by_year AS
SELECT s.funder_id,
       f.name AS funder_name,
       f.kind::text AS funder_kind,
       s.beneficiary_id,
       b.name AS beneficiary_name,
       b.kind::text AS beneficiary_kind,
       s.fiscal_year,
       s.currency::text AS currency,
       s.amount::numeric(20,2) AS amount,
       s.n_subsidies::integer AS n_subsidies
  FROM (SELECT funder_id, beneficiary_id, fiscal_year, currency,
               @extschema@.sum(amount) AS amount,
               count(*) AS n_subsidies
          FROM @extschema@.subsidy
         GROUP BY funder_id, beneficiary_id, fiscal_year, currency) s
  JOIN @extschema@.organization f ON f.id = s.funder_id
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id;
COMMENT ON VIEW @extschema@.subsidy_by_year IS 'One row per funder, beneficiary, fiscal year and currency: the subsidies of that year (the rows of subsidy_history.series)';
COMMENT ON COLUMN @extschema@.subsidy_by_year.funder_id IS 'Funder';
COMMENT ON COLUMN @extschema@.subsidy_by_year.funder_name IS 'Funder''s name';
COMMENT ON COLUMN @extschema@.subsidy_by_year.funder_kind IS 'Funder''s kind (eu, state, region, ...)';
COMMENT ON COLUMN @extschema@.subsidy_by_year.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.subsidy_by_year.beneficiary_name IS 'Beneficiary''s name';
COMMENT ON COLUMN @extschema@.subsidy_by_year.beneficiary_kind IS 'Beneficiary''s kind';
COMMENT ON COLUMN @extschema@.subsidy_by_year.fiscal_year IS 'Fiscal year';
COMMENT ON COLUMN @extschema@.subsidy_by_year.currency IS 'Currency of the amount (ISO 4217); each currency has its own row';
COMMENT ON COLUMN @extschema@.subsidy_by_year.amount IS 'Sum of the funder''s subsidies to the beneficiary in that year, exact to the cent';
COMMENT ON COLUMN @extschema@.subsidy_by_year.n_subsidies IS 'Number of subsidies in that year';

CREATE VIEW @extschema@.beneficiary_by_year AS
SELECT s.beneficiary_id,
       b.name AS beneficiary_name,
       b.kind::text AS beneficiary_kind,
       s.fiscal_year,
       s.currency::text AS currency,
       s.total::numeric(20,2) AS total,
       s.eu_total::numeric(20,2) AS eu_total,
       s.state_total::numeric(20,2) AS state_total,
       s.region_total::numeric(20,2) AS region_total,
       s.department_total::numeric(20,2) AS department_total,
       s.local_total::numeric(20,2) AS local_total,
       s.other_public_total::numeric(20,2) AS other_public_total,
       s.private_total::numeric(20,2) AS private_total,
       s.n_funders::integer AS n_funders,
       s.n_subsidies::integer AS n_subsidies
  FROM (SELECT x.beneficiary_id, x.fiscal_year, x.currency,
               @extschema@.sum(x.amount) AS total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'eu'), 0::@extschema@.amount) AS eu_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'state'), 0::@extschema@.amount) AS state_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'region'), 0::@extschema@.amount) AS region_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'department'), 0::@extschema@.amount) AS department_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind IN ('intercommunal', 'municipality')), 0::@extschema@.amount) AS local_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'public_body'), 0::@extschema@.amount) AS other_public_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE NOT f.is_public), 0::@extschema@.amount) AS private_total,
               count(DISTINCT x.funder_id) AS n_funders,
               count(*) AS n_subsidies
          FROM @extschema@.subsidy x
          JOIN @extschema@.organization f ON f.id = x.funder_id
         GROUP BY x.beneficiary_id, x.fiscal_year, x.currency) s
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id;
COMMENT ON VIEW @extschema@.beneficiary_by_year IS 'One row per beneficiary, fiscal year and currency, across all funders: the year''s total and its split by funder kind (the rows of beneficiary_history.series)';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.beneficiary_name IS 'Beneficiary''s name';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.beneficiary_kind IS 'Beneficiary''s kind';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.fiscal_year IS 'Fiscal year';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.currency IS 'Currency of the amounts (ISO 4217); each currency has its own row';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.total IS 'Received from all funders in that year';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.eu_total IS 'Received from the EU';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.state_total IS 'Received from the State and its offices';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.region_total IS 'Received from regions';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.department_total IS 'Received from departments';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.local_total IS 'Received from municipalities and their groupings (intercommunal bodies)';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.other_public_total IS 'Received from other public bodies';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.private_total IS 'Received from private funders (associations, companies, foundations, other)';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.n_funders IS 'Number of distinct funders in that year';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.n_subsidies IS 'Number of subsidies in that year';

-- ---- grant_analyst ----------------------------------------------------------
-- GRANT takes no parameters, so the statements are assembled, with every
-- name quoted by format('%I').  The function runs with the caller's rights
-- (no SECURITY DEFINER): it grants only what the caller may grant, and says
-- which view the caller holds no grant option on before granting anything.
CREATE FUNCTION @extschema@.grant_analyst(analyst regrole) RETURNS integer
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $grant$
DECLARE
    nsp oid := '@extschema@'::regnamespace;
    nspname name;
    who name;
    v record;
    n integer := 0;
BEGIN
    SELECT r.rolname INTO who FROM pg_catalog.pg_roles r WHERE r.oid = analyst;
    IF who IS NULL THEN
        RAISE EXCEPTION 'role with OID % does not exist', analyst::oid
              USING ERRCODE = 'undefined_object';
    END IF;
    SELECT n2.nspname INTO nspname FROM pg_catalog.pg_namespace n2 WHERE n2.oid = nsp;
    IF NOT pg_catalog.has_schema_privilege(nsp, 'USAGE WITH GRANT OPTION') THEN
        RAISE EXCEPTION 'permission denied to grant USAGE on schema % to role %', nspname, who
              USING ERRCODE = 'insufficient_privilege',
                    DETAIL = 'grant_analyst runs with the rights of its caller, ' || current_user || ', who holds no grant option on the schema.',
                    HINT = 'Run it as the role that ran CREATE EXTENSION pubfin, or as a role holding USAGE and SELECT with the grant option.';
    END IF;
    FOR v IN SELECT c.oid, c.relname FROM pg_catalog.pg_class c
              WHERE c.relnamespace = nsp AND c.relkind IN ('v', 'm')
                AND NOT pg_catalog.has_table_privilege(c.oid, 'SELECT WITH GRANT OPTION')
              ORDER BY c.relname LIMIT 1 LOOP
        RAISE EXCEPTION 'permission denied to grant SELECT on view %.% to role %', nspname, v.relname, who
              USING ERRCODE = 'insufficient_privilege',
                    DETAIL = 'grant_analyst runs with the rights of its caller, ' || current_user || ', who holds no grant option on that view.',
                    HINT = 'Run it as the role that ran CREATE EXTENSION pubfin, or as a role holding USAGE and SELECT with the grant option.';
    END LOOP;
    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO %I', nspname, who);
    FOR v IN SELECT c.relname FROM pg_catalog.pg_class c
              WHERE c.relnamespace = nsp AND c.relkind IN ('v', 'm')
              ORDER BY c.relname LOOP
        EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO %I', nspname, v.relname, who);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$grant$;
COMMENT ON FUNCTION @extschema@.grant_analyst(regrole) IS 'Grant a role USAGE on the schema and SELECT on every view in it (not on the tables); runs with the caller''s rights, so only a role that may grant these (the installer) can; returns the number of views';

-- from sql/install/60_rules.sql
-- ===========================================================================
-- rules: thresholds and caps as data, with their legal sources, and the
-- views that report every breach (plan_issues, subsidy_issues,
-- budget_issues, issues)
-- ===========================================================================

CREATE FUNCTION @extschema@.percent_matches(declared numeric, part @extschema@.amount, whole @extschema@.amount)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'percent_matches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent_matches(numeric, @extschema@.amount, @extschema@.amount) IS
    'True when declared (a percentage, e.g. 4.6) is 100 * part / whole truncated or rounded, up or down, to the number of decimals declared is written with; exact arithmetic; NULL when whole is zero';

CREATE FUNCTION @extschema@.regex_error(pattern text) RETURNS text
    AS 'MODULE_PATHNAME', 'regex_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.regex_error(text) IS 'Why pattern does not compile as a case-insensitive regular expression (as ~* reads it), or NULL when it does; never raises for a bad pattern';

CREATE TABLE @extschema@.rule (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    kind              text NOT NULL CONSTRAINT rule_known_kind CHECK (kind IN (
                          'plan_balance', 'plan_gap', 'funding_cap', 'owner_min_share',
                          'declared_percent', 'funding_path',
                          'convention_required', 'de_minimis',
                          'scdl_percentage_range', 'scdl_percentage_sum',
                          'appropriation', 'budget_hierarchy', 'section_balance',
                          'budget_balance', 'budget_order_balance', 'budget_dm', 'budget_carryover', 'budget_rar_carryover',
                          'budget_subsidy_annex')),
    title             text NOT NULL,
    description       text NOT NULL,
    source_ref        text,
    source_text       text,
    source_url        text,
    severity          text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    enabled           boolean NOT NULL DEFAULT true,
    valid_from        date,
    valid_to          date,
    threshold_amount  @extschema@.amount,
    min_ratio         numeric CONSTRAINT rule_min_ratio_range CHECK (min_ratio >= 0 AND min_ratio <= 1000),
    max_ratio         numeric CONSTRAINT rule_max_ratio_range CHECK (max_ratio >= 0 AND max_ratio <= 1000),
    years             integer CONSTRAINT rule_years_range CHECK (years > 0 AND years <= 100),
    funder_kinds      text[],
    beneficiary_kinds text[],
    sections          text[],
    aid_scheme        text CONSTRAINT rule_aid_scheme_regex CHECK (@extschema@.regex_error(aid_scheme) IS NULL),
    builtin           boolean NOT NULL DEFAULT false,
    CONSTRAINT rule_validity_order CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to),
    CONSTRAINT rule_ratio_order CHECK (min_ratio IS NULL OR max_ratio IS NULL OR min_ratio <= max_ratio),
    -- each kind names the parameters it reads
    CONSTRAINT rule_parameters_of_kind CHECK (CASE kind
             WHEN 'funding_cap'           THEN max_ratio IS NOT NULL
             WHEN 'owner_min_share'       THEN min_ratio IS NOT NULL
             WHEN 'convention_required'   THEN threshold_amount IS NOT NULL
             WHEN 'de_minimis'            THEN threshold_amount IS NOT NULL AND years IS NOT NULL AND aid_scheme IS NOT NULL
             WHEN 'scdl_percentage_range' THEN min_ratio IS NOT NULL AND max_ratio IS NOT NULL
             ELSE true END)
);
COMMENT ON TABLE @extschema@.rule IS 'Thresholds and caps checked by the issue views, one row per rule and period of validity; pre-filled rows (builtin) cite their legal source; add your own rows of the same kinds';
COMMENT ON COLUMN @extschema@.rule.id IS 'Identifier of the row';
COMMENT ON COLUMN @extschema@.rule.code IS 'Short identifier of the rule (lower case, digits, underscores), reported by the issue views';
COMMENT ON COLUMN @extschema@.rule.kind IS 'Which check reads this row: plan_balance, plan_gap, funding_cap, owner_min_share, declared_percent, funding_path (plans); convention_required, de_minimis, scdl_percentage_range, scdl_percentage_sum (subsidies); appropriation, budget_hierarchy, section_balance (budgets)';
COMMENT ON COLUMN @extschema@.rule.title IS 'One-line English title';
COMMENT ON COLUMN @extschema@.rule.description IS 'What the rule checks, how pubfin measures it, and what is verified about its source';
COMMENT ON COLUMN @extschema@.rule.source_ref IS 'Legal reference (e.g. CGCT art. L1111-10 III), reported with each issue';
COMMENT ON COLUMN @extschema@.rule.source_text IS 'The words of the legal text that set the threshold, in the original language';
COMMENT ON COLUMN @extschema@.rule.source_url IS 'Where the legal text can be read';
COMMENT ON COLUMN @extschema@.rule.severity IS 'error, warning or info';
COMMENT ON COLUMN @extschema@.rule.enabled IS 'A disabled rule produces no issue';
COMMENT ON COLUMN @extschema@.rule.valid_from IS 'First date of validity (inclusive, NULL: no lower bound); an award or plan is judged by the rules valid on its reference date';
COMMENT ON COLUMN @extschema@.rule.valid_to IS 'Last date of validity (inclusive, NULL: no upper bound)';
COMMENT ON COLUMN @extschema@.rule.threshold_amount IS 'Amount threshold (convention_required: an award above it needs a convention; de_minimis: the ceiling over the period)';
COMMENT ON COLUMN @extschema@.rule.min_ratio IS 'Lower bound of a ratio (owner_min_share: own share of public funding; scdl_percentage_range: smallest pourcentageSubvention)';
COMMENT ON COLUMN @extschema@.rule.max_ratio IS 'Upper bound of a ratio (funding_cap: funding in scope over total cost; scdl_percentage_range: largest pourcentageSubvention)';
COMMENT ON COLUMN @extschema@.rule.years IS 'Length of the period in fiscal years (de_minimis: 3, the year of the award and the two before)';
COMMENT ON COLUMN @extschema@.rule.funder_kinds IS 'Scope: organization kinds of the funders counted (funding_cap) or judged (subsidy rules); NULL: all';
COMMENT ON COLUMN @extschema@.rule.beneficiary_kinds IS 'Scope: organization kinds of the beneficiaries the rule applies to; NULL: all';
COMMENT ON COLUMN @extschema@.rule.sections IS 'Scope: budget sections (operating, investment) of the plans or subsidies the rule applies to; a plan or subsidy whose section is not recorded is out of such a scope; NULL: all';
COMMENT ON COLUMN @extschema@.rule.aid_scheme IS 'Scope: a case-insensitive regular expression that the subsidy''s aid_scheme (subsidy rules) or the financing line''s label (funding_cap) must match, e.g. minimis or FEDER; NULL: all';
COMMENT ON COLUMN @extschema@.rule.builtin IS 'True while a pre-filled row is exactly as the install script wrote it; any change sets it to false, and pg_dump keeps every row with builtin = false';

-- ---------------------------------------------------------------------------
-- What pg_dump keeps, and how a restore puts it back (doc/rules.md):
--  * pre-filled rows (builtin) are re-created by CREATE EXTENSION and are not
--    dumped; editing one (any UPDATE that changes it) sets builtin = false,
--    so it is dumped like the user's own rows;
--  * a pre-filled row's id is derived from its code (a negative number, the
--    same in every database); the user's rows take positive ids from the
--    identity sequence, so ids never collide on restore, into the same or a
--    later version;
--  * restoring a dumped row whose code is that of an untouched pre-filled row
--    replaces that row;
--  * deleting a rule records its code in rule_deleted (dumped); restoring
--    that table deletes the re-created pre-filled row of the same code.
-- An install fragment adds a pre-filled rule with
--     INSERT INTO @extschema@.rule (code, kind, ..., builtin) VALUES ('new_code', ..., true);
-- ---------------------------------------------------------------------------
CREATE TABLE @extschema@.rule_deleted (
    code       text PRIMARY KEY,
    deleted_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.rule_deleted IS 'Codes of the rules deleted from pubfin.rule, so that a restore (which re-creates the pre-filled rules) deletes them again; a code is removed when a rule of that code is inserted';
COMMENT ON COLUMN @extschema@.rule_deleted.code IS 'Code of the deleted rule';
COMMENT ON COLUMN @extschema@.rule_deleted.deleted_at IS 'When it was deleted';

-- Validation with a clear message, and the bookkeeping described above.
CREATE FUNCTION @extschema@.rule_before_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    why text;
BEGIN
    IF NEW.aid_scheme IS NOT NULL THEN
        why := @extschema@.regex_error(NEW.aid_scheme);
        IF why IS NOT NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'invalid_regular_expression',
                MESSAGE = format('invalid aid_scheme for rule %s: "%s" is not a regular expression', NEW.code, NEW.aid_scheme),
                DETAIL = format('The pattern does not compile: %s.', why),
                HINT = 'aid_scheme is a case-insensitive regular expression (as ~*): escape ( ) [ ] { } * + ? . \ | ^ $ with a backslash to match them literally.';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.builtin AND NOT OLD.builtin THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation',
                MESSAGE = format('rule %s: builtin cannot be set back to true', NEW.code),
                DETAIL = 'builtin = true marks a pre-filled row exactly as the install script wrote it; such rows are not dumped.',
                HINT = 'Keep builtin = false for an edited rule, or delete it and reinstall the extension to get the pre-filled row back.';
        END IF;
        -- an edit takes the row over: it is then dumped
        IF OLD.builtin AND (pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.-) 'id' OPERATOR(pg_catalog.-) 'builtin')
                 OPERATOR(pg_catalog.<>) (pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.-) 'id' OPERATOR(pg_catalog.-) 'builtin') THEN
            NEW.builtin := false;
        END IF;
    ELSIF NEW.builtin THEN
        -- a pre-filled row's id is derived from its code (negative, as no generated id is):
        -- the same in every database, so a restored row never meets a pre-filled row holding its id
        NEW.id := -(pg_catalog.hashtextextended(NEW.code, 0) OPERATOR(pg_catalog.&) 9223372036854775807::bigint)
                  OPERATOR(pg_catalog.-) 1;
    ELSE
        -- a row of the user's (or restored from a dump) supersedes the untouched pre-filled row of its code
        -- (each statement runs only when it has a row to change, so that a role allowed to INSERT needs no more)
        IF EXISTS (SELECT FROM @extschema@.rule r WHERE r.code OPERATOR(pg_catalog.=) NEW.code AND r.builtin) THEN
            DELETE FROM @extschema@.rule r WHERE r.code OPERATOR(pg_catalog.=) NEW.code AND r.builtin;
        END IF;
        IF EXISTS (SELECT FROM @extschema@.rule_deleted d WHERE d.code OPERATOR(pg_catalog.=) NEW.code) THEN
            DELETE FROM @extschema@.rule_deleted d WHERE d.code OPERATOR(pg_catalog.=) NEW.code;
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.rule_before_write() IS 'Trigger of pubfin.rule: checks aid_scheme with a clear message, marks an edited pre-filled row as taken over (builtin = false), and lets a restored row replace the untouched pre-filled row of its code';
CREATE TRIGGER rule_before_write BEFORE INSERT OR UPDATE ON @extschema@.rule
    FOR EACH ROW EXECUTE FUNCTION @extschema@.rule_before_write();

CREATE FUNCTION @extschema@.rule_after_delete() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    INSERT INTO @extschema@.rule_deleted (code) VALUES (OLD.code) ON CONFLICT (code) DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.rule_after_delete() IS 'Trigger of pubfin.rule: records the code of a deleted rule in rule_deleted';
CREATE TRIGGER rule_after_delete AFTER DELETE ON @extschema@.rule
    FOR EACH ROW EXECUTE FUNCTION @extschema@.rule_after_delete();

CREATE FUNCTION @extschema@.rule_deleted_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    DELETE FROM @extschema@.rule r WHERE r.code OPERATOR(pg_catalog.=) NEW.code AND r.builtin;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.rule_deleted_after_insert() IS 'Trigger of pubfin.rule_deleted: a restored deletion deletes the re-created pre-filled rule of that code';
CREATE TRIGGER rule_deleted_after_insert AFTER INSERT ON @extschema@.rule_deleted
    FOR EACH ROW EXECUTE FUNCTION @extschema@.rule_deleted_after_insert();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.rule', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.rule', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.rule_deleted', '');

-- ---------------------------------------------------------------------------
-- Pre-filled rules.  Each description says what was verified, and where.
-- ---------------------------------------------------------------------------
INSERT INTO @extschema@.rule (code, kind, title, description, source_ref, source_text, source_url,
                              severity, enabled, valid_from, valid_to, threshold_amount,
                              min_ratio, max_ratio, years, funder_kinds, beneficiary_kinds, sections, aid_scheme, builtin)
VALUES
('balanced_forecast', 'plan_balance',
 'A complete forecast budget balances',
 'A plan whose resource lines are declared complete must have resources equal to its total cost. '
 'Verified: the sentence is printed above the forecast budget tables of the Cerfa 12156 subsidy request form '
 '(read in copies of editions 12156*03 and later and in forms derived from it).',
 'Cerfa n° 12156 (demande de subvention), budget prévisionnel',
 'Le total des charges doit être égal au total des produits.',
 'https://www.formulaires.service-public.fr/gf/cerfa_12156.do',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('unfunded_gap', 'plan_gap',
 'Resources not yet found for a forecast',
 'A plan whose lines are not declared complete and whose lines add up to less than its total cost has an '
 'unfunded gap: reported for information. Source as for balanced_forecast.',
 'Cerfa n° 12156 (demande de subvention), budget prévisionnel',
 'Le total des charges doit être égal au total des produits.',
 'https://www.formulaires.service-public.fr/gf/cerfa_12156.do',
 'info', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('over_funding', 'funding_cap',
 'Funding above the total cost',
 'The lines of a plan (all funders, own funds included) add up to more than its total cost (ratio above max_ratio = 1). '
 'A balanced forecast (Cerfa 12156) cannot be funded above its cost. Narrow the scope with funder_kinds '
 '(e.g. public kinds only) in a rule of your own.',
 'Cerfa n° 12156 (demande de subvention), budget prévisionnel',
 'Le total des charges doit être égal au total des produits.',
 'https://www.formulaires.service-public.fr/gf/cerfa_12156.do',
 'error', true, NULL, NULL, NULL, NULL, 1, NULL, NULL, NULL, NULL, NULL, true),

('owner_min_share', 'owner_min_share',
 'Minimum own share of a local authority owning an investment project',
 'A local authority or grouping that owns an investment project pays at least 20 % of the public funding of the project '
 '(its own lines over its own lines plus the lines of public funders). Scope: beneficiaries of kind region, department, '
 'intercommunal or municipality; plans of nature investment. The article allows exceptions (urban renewal under loi 2003-710 '
 'art. 9, protected monuments and public calamities by prefect''s derogation, overseas authorities in later versions, '
 '30 % for lead-authority competences under L1111-9): exclude them by scope or disable the rule. '
 'Verified: 20 % read in the text of the article (version in force from 2012-03-16, copy of Légifrance at doctrine.fr) '
 'and in the prefecture of Vaucluse''s summary of the current article.',
 'CGCT art. L1111-10 III',
 'Toute collectivité territoriale ou tout groupement de collectivités territoriales, maître d''ouvrage d''une opération '
 'd''investissement, assure une participation minimale au financement de ce projet. [...] cette participation minimale du '
 'maître d''ouvrage est de 20 % du montant total des financements apportés par des personnes publiques à ce projet.',
 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023245837',
 'warning', true, '2012-01-01', NULL, NULL, 0.20, NULL, NULL, NULL,
 ARRAY['region', 'department', 'intercommunal', 'municipality'], ARRAY['investment'], NULL, true),

('convention_above_23000', 'convention_required',
 'Convention required above 23,000 EUR a year for a subsidy to a private body',
 'An administrative authority that grants a private-law body a subsidy whose annual amount exceeds 23,000.00 must sign a '
 'convention with it: warning when the award (amount strictly above the threshold) has no convention date. '
 'Scope: funders of public kinds other than eu; beneficiaries of kind association, company or foundation. '
 'Verified: the obligation in art. 10 (text quoted by institut-isbl.fr and territoires-groupama.fr) and the threshold of '
 '23,000 EUR set by art. 1 of décret 2001-495 (atd13.fr, affaires-publiques.org, associations.gouv.fr); the full sentence '
 'of art. 1 of the décret was not read. Later décrets derogate for some aid schemes (e.g. 300,000 EUR): narrow the scope.',
 'Loi n° 2000-321 du 12 avril 2000, art. 10; décret n° 2001-495 du 6 juin 2001, art. 1',
 'L''autorité administrative qui attribue une subvention doit, lorsque cette subvention dépasse un seuil défini par décret, '
 'conclure une convention avec l''organisme de droit privé qui en bénéficie, définissant l''objet, le montant et les '
 'conditions d''utilisation de la subvention attribuée. (loi, art. 10) -- seuil : 23 000 euros de montant annuel (décret, art. 1)',
 'https://www.legifrance.gouv.fr/eli/decret/2001/6/6/2001-495/jo/texte',
 'warning', true, NULL, NULL, '23000.00', NULL, NULL, NULL,
 ARRAY['state', 'region', 'department', 'intercommunal', 'municipality', 'public_body'],
 ARRAY['association', 'company', 'foundation'], NULL, NULL, true),

('de_minimis_2013', 'de_minimis',
 'De minimis ceiling: 200,000 EUR over three fiscal years (Reg. 1407/2013)',
 'De minimis aid to one undertaking (all funders, by SIREN when known) over the fiscal year of the award and the two before '
 'must not exceed 200,000.00. Applies to subsidies whose aid_scheme mentions minimis, decided from 2014-01-01 to 2023-12-31. '
 'Verified: recital (3) on EUR-Lex and the CJEU judgment C-608/19, which quotes "the EUR 200 000 ceiling laid down by '
 'Article 3(2) of Regulation No 1407/2013 ... over a period of three fiscal years"; end of validity 2023-12-31 on EUR-Lex. '
 'Not modelled: the 100,000 EUR ceiling for road freight transport.',
 'Commission Regulation (EU) No 1407/2013, art. 3(2)',
 'It is appropriate to maintain the ceiling of EUR 200 000 as the amount of de minimis aid that a single undertaking may '
 'receive per Member State over any period of three years. (recital 3)',
 'https://eur-lex.europa.eu/eli/reg/2013/1407/oj',
 'error', true, '2014-01-01', '2023-12-31', '200000.00', NULL, NULL, 3, NULL, NULL, NULL, 'minimis', true),

('de_minimis_2023', 'de_minimis',
 'De minimis ceiling: 300,000 EUR over three years (Reg. 2023/2831)',
 'De minimis aid to one undertaking (all funders, by SIREN when known) must not exceed 300,000.00 over any period of three '
 'years; pubfin approximates the rolling three years by the fiscal year of the award and the two before. Applies to '
 'subsidies whose aid_scheme mentions minimis, decided from 2024-01-01 to 2030-12-31. Verified: ceiling and dates in the '
 'summaries of guichet.public.lu, dbfbruxelles.eu and mondaq.com, and the regulation''s header on EUR-Lex; the wording of '
 'art. 3(2) in the Official Journal was not read, so source_text is a paraphrase.',
 'Commission Regulation (EU) 2023/2831, art. 3(2)',
 '(paraphrase) De minimis aid granted per Member State to a single undertaking: at most EUR 300 000 over any period of three years.',
 'https://eur-lex.europa.eu/eli/reg/2023/2831/oj',
 'error', true, '2024-01-01', '2030-12-31', '300000.00', NULL, NULL, 3, NULL, NULL, NULL, 'minimis', true),

('declared_percent', 'declared_percent',
 'A percentage stated in a decision matches the figures',
 'Where a financing line records the percentage a decision states (declared_percent, e.g. 4.6), it must be the exact share '
 '100 * line / total cost truncated or rounded, up or down, at the number of decimals written (percent_matches). '
 'No legal threshold: the check compares the decision with its own figures.',
 'Arithmetic of the decision''s own figures', NULL, NULL,
 'warning', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('funding_path', 'funding_path',
 'An agreed or paid line matches the subsidy that realised it',
 'A financing line with status agreed or paid and a linked subsidy whose amount differs from the line is reported for '
 'information (the funder granted more or less than requested). No legal threshold.',
 'Consistency of the plan with the awards', NULL, NULL,
 'info', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('scdl_percentage_range', 'scdl_percentage_range',
 'SCDL pourcentageSubvention between 0.01 and 1',
 'The share of one subsidy paid to one of its beneficiaries (pourcentageSubvention) is a decimal between 0.01 and 1. '
 'Verified in schema.json of the SCDL subventions schema v2.1.1 (constraints minimum 0.01, maximum 1).',
 'SCDL subventions 2.1.1, field pourcentageSubvention',
 'Pourcentage exprimé sous la forme d''un nombre décimal. Dans le cas d''un bénéficiaire unique, le pourcentage est 100%, '
 'soit ''1.00'' en nombre décimal. (constraints: minimum 0.01, maximum 1)',
 'https://gitlab.com/opendatafrance/scdl/subventions/-/blob/v2.1.1/schema.json',
 'error', true, NULL, NULL, NULL, 0.01, 1, NULL, NULL, NULL, NULL, NULL, true),

('scdl_percentage_sum', 'scdl_percentage_sum',
 'The SCDL shares of one split subsidy add up to 1',
 'When one subsidy is split between several beneficiaries (same funder, decision, object, convention date and total '
 'amount), their pourcentageSubvention add up to exactly 1. Verified in schema.json of the SCDL subventions schema v2.1.1 '
 '(description of pourcentageSubvention).',
 'SCDL subventions 2.1.1, field pourcentageSubvention',
 'Dans le cas de bénéficiaires multiples, le pourcentage du montant attribué au bénéficiaire correspond à la part qui lui est versée.',
 'https://gitlab.com/opendatafrance/scdl/subventions/-/blob/v2.1.1/schema.json',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('appropriation', 'appropriation',
 'Awards charged to a budget line stay within its appropriation',
 'The subsidies charged to a budget line add up to no more than its appropriation. '
 'Verified: art. 30 of décret 2012-1246 (quoted in a departmental budget and accounting instruction, 123dok.net); it governs the State and its '
 'public bodies, and local authorities follow the same principle of limiting appropriations (not verified article by article).',
 'Décret n° 2012-1246 du 7 novembre 2012 (GBCP), art. 30',
 'L''engagement respecte l''objet et les limites de l''autorisation budgétaire.',
 'https://www.legifrance.gouv.fr/eli/decret/2012/11/7/2012-1246/jo/texte',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('budget_hierarchy', 'budget_hierarchy',
 'A parent budget line equals the sum of its children',
 'Where a budget holds lines at several levels (a chapter and its articles), each parent line equals the sum of its '
 'children. No legal threshold: arithmetic consistency of the budget document.',
 'Arithmetic consistency of the budget document', NULL, NULL,
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('section_balance', 'section_balance',
 'Each budget section is voted in balance',
 'For one funder, fiscal year and section (operating, investment), the expense lines equal the receipt lines when both '
 'are recorded (top-level lines only). Verified: text of the article quoted by weka.fr and rjc.fr.eu.org (the copies differ on one word, "votées" or "évaluées" de façon sincère). pubfin checks '
 'only the balance of each section, not the other conditions of the "équilibre réel" (sincere estimates, debt repayment '
 'covered by own resources).',
 'CGCT art. L1612-4',
 'Le budget de la collectivité territoriale est en équilibre réel lorsque la section de fonctionnement et la section '
 'd''investissement sont respectivement votées en équilibre, les recettes et les dépenses ayant été évaluées de façon sincère [...]',
 'https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006070633',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true);

-- The organization kinds that are public (as organization.is_public), for rule scopes and messages.
CREATE FUNCTION @extschema@.public_kinds() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT '{eu,state,region,department,intercommunal,municipality,public_body}'::text[] $$;
COMMENT ON FUNCTION @extschema@.public_kinds() IS 'The organization kinds that are public bodies, as an array for rule scopes: funder_kinds = pubfin.public_kinds() counts public funding only';

-- ---------------------------------------------------------------------------
-- Columns the checks need that the schema does not hold
-- ---------------------------------------------------------------------------
ALTER TABLE @extschema@.financing_plan ADD COLUMN section @extschema@.budget_section;
COMMENT ON COLUMN @extschema@.financing_plan.section IS 'Budget section of the project (operating, investment), when known: rules scoped by section (owner_min_share) judge only plans that record it';

-- Scope and validity tests shared by the issue views (plain SQL, inlined by the planner).
CREATE FUNCTION @extschema@.rule_in_force(enabled boolean, valid_from date, valid_to date, on_date date)
    RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT enabled AND (valid_from IS NULL OR on_date OPERATOR(pg_catalog.>=) valid_from)
                         AND (valid_to IS NULL OR on_date OPERATOR(pg_catalog.<=) valid_to) $$;
COMMENT ON FUNCTION @extschema@.rule_in_force(boolean, date, date, date) IS 'True when a rule is enabled and valid on the date (NULL bounds are open)';
CREATE FUNCTION @extschema@.in_scope(scope text[], value text)
    RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT scope IS NULL OR value OPERATOR(pg_catalog.=) ANY (scope) $$;
COMMENT ON FUNCTION @extschema@.in_scope(text[], text) IS 'True when a rule''s scope is NULL (all) or lists the value';
CREATE FUNCTION @extschema@.matches_scope(pattern text, value text)
    RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT pattern IS NULL OR value OPERATOR(pg_catalog.~*) pattern $$;
COMMENT ON FUNCTION @extschema@.matches_scope(text, text) IS 'True when a rule''s aid_scheme pattern is NULL (all) or matches the value, ignoring case';

-- ---------------------------------------------------------------------------
-- Issue views.  Each row: the entity, the rule, its severity, a message in
-- plain English with the figures, the measured value and the threshold, and
-- the legal source.  A rule applies when enabled, valid on the entity's
-- reference date (plans: start of period or 1 January of the fiscal year;
-- subsidies: decision date, else convention date, else 1 January of the
-- fiscal year; budgets: 1 January of the fiscal year) and in scope.
-- ---------------------------------------------------------------------------
CREATE VIEW @extschema@.plan_issues AS
WITH pa AS (
    -- every plan with the sums of its lines: all, the owner's own, the other public funders'
    SELECT p.id AS plan_id, p.beneficiary_id, b.kind::text AS beneficiary_kind, p.fiscal_year,
           p.section::text AS section, p.complete, p.total_cost,
           COALESCE(lower(p.period), pg_catalog.make_date(p.fiscal_year, 1, 1)) AS ref_date,
           COALESCE(x.lines_total, '0'::@extschema@.amount) AS lines_total,
           COALESCE(x.own, '0'::@extschema@.amount) AS own,
           COALESCE(x.others, '0'::@extschema@.amount) AS others
      FROM @extschema@.financing_plan p
      JOIN @extschema@.organization b ON b.id = p.beneficiary_id
      LEFT JOIN (
          SELECT l.plan_id,
                 @extschema@.sum(l.amount) AS lines_total,
                 @extschema@.sum(l.amount) FILTER (
                     WHERE l.kind = 'own_funds' OR l.funder_id = p2.beneficiary_id) AS own,
                 @extschema@.sum(l.amount) FILTER (
                     WHERE COALESCE(f.is_public, l.kind IN ('public_grant', 'eu_funds')) AND l.kind <> 'own_funds'
                       AND l.funder_id IS DISTINCT FROM p2.beneficiary_id) AS others
            FROM @extschema@.financing_line l
            JOIN @extschema@.financing_plan p2 ON p2.id = l.plan_id
            LEFT JOIN @extschema@.organization f ON f.id = l.funder_id
           GROUP BY l.plan_id) x ON x.plan_id = p.id
), found AS (
    -- 1. a complete plan whose resources differ from its total cost
    SELECT r.code, pa.plan_id, NULL::bigint AS line_id,
           format('resources %s differ from total cost %s by %s in a plan declared complete',
                  @extschema@.format_amount(pa.lines_total, 'en'), @extschema@.format_amount(pa.total_cost, 'en'),
                  @extschema@.format_amount(pa.lines_total OPERATOR(@extschema@.-) pa.total_cost, 'en')) AS message,
           pa.lines_total::numeric AS measured, pa.total_cost::numeric AS threshold
      FROM pa JOIN @extschema@.rule r ON r.kind = 'plan_balance'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, pa.ref_date)
       AND @extschema@.in_scope(r.beneficiary_kinds, pa.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, pa.section)
     WHERE pa.complete AND pa.lines_total::numeric <> pa.total_cost::numeric
    UNION ALL
    -- 2. an incomplete plan with an unfunded gap
    SELECT r.code, pa.plan_id, NULL,
           format('unfunded gap %s is %s %% of total cost %s (resources found: %s)',
                  @extschema@.format_amount(pa.total_cost OPERATOR(@extschema@.-) pa.lines_total, 'en'),
                  @extschema@.percent(pa.total_cost OPERATOR(@extschema@.-) pa.lines_total, pa.total_cost, 1),
                  @extschema@.format_amount(pa.total_cost, 'en'), @extschema@.format_amount(pa.lines_total, 'en')),
           (pa.total_cost OPERATOR(@extschema@.-) pa.lines_total)::numeric, 0
      FROM pa JOIN @extschema@.rule r ON r.kind = 'plan_gap'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, pa.ref_date)
       AND @extschema@.in_scope(r.beneficiary_kinds, pa.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, pa.section)
     WHERE NOT pa.complete AND pa.lines_total::numeric < pa.total_cost::numeric
    UNION ALL
    -- 3. funding in scope above a cap of the total cost
    SELECT c.code, pa.plan_id, NULL,
           format('%s %s is %s %% of total cost %s, above the cap of %s %%',
                  CASE WHEN r.funder_kinds IS NULL THEN 'funding'
                       WHEN r.funder_kinds @> @extschema@.public_kinds() AND r.funder_kinds <@ @extschema@.public_kinds()
                       THEN 'public funding'
                       ELSE array_to_string(r.funder_kinds, '/') || ' funding' END
                    || COALESCE(' matching "' || r.aid_scheme || '"', ''),
                  @extschema@.format_amount(c.in_scope, 'en'), @extschema@.percent(c.in_scope, pa.total_cost, 1),
                  @extschema@.format_amount(pa.total_cost, 'en'), (r.max_ratio * 100)::float8::text),
           @extschema@.share(c.in_scope, pa.total_cost), r.max_ratio
      FROM (SELECT r.code, l.plan_id, @extschema@.sum(l.amount) AS in_scope
              FROM @extschema@.rule r
              JOIN @extschema@.financing_line l ON @extschema@.matches_scope(r.aid_scheme, l.label)
              LEFT JOIN @extschema@.organization f ON f.id = l.funder_id
             WHERE r.kind = 'funding_cap' AND r.enabled
               AND @extschema@.in_scope(r.funder_kinds, f.kind::text)
             GROUP BY r.code, l.plan_id) c
      JOIN pa ON pa.plan_id = c.plan_id
      JOIN @extschema@.rule r ON r.code = c.code
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, pa.ref_date)
       AND @extschema@.in_scope(r.beneficiary_kinds, pa.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, pa.section)
     WHERE c.in_scope::numeric > pa.total_cost::numeric * r.max_ratio
    UNION ALL
    -- 4. a local authority's own share of the public funding of its investment
    SELECT r.code, pa.plan_id, NULL,
           format('own share %s is %s %% of public funding %s, below the minimum of %s %%',
                  @extschema@.format_amount(pa.own, 'en'),
                  @extschema@.percent(pa.own, pa.own OPERATOR(@extschema@.+) pa.others, 1),
                  @extschema@.format_amount(pa.own OPERATOR(@extschema@.+) pa.others, 'en'),
                  (r.min_ratio * 100)::float8::text),
           @extschema@.share(pa.own, pa.own OPERATOR(@extschema@.+) pa.others), r.min_ratio
      FROM pa JOIN @extschema@.rule r ON r.kind = 'owner_min_share'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, pa.ref_date)
       AND @extschema@.in_scope(r.beneficiary_kinds, pa.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, pa.section)
     WHERE pa.others::numeric > 0
       AND pa.own::numeric < (pa.own::numeric + pa.others::numeric) * r.min_ratio
    UNION ALL
    -- 6. a declared percentage that is no rounding of the exact share
    SELECT r.code, pa.plan_id, l.id,
           format('declared %s %% for %s (%s of total cost %s) is not the exact share %s %% rounded or truncated',
                  l.declared_percent, l.label, @extschema@.format_amount(l.amount, 'en'),
                  @extschema@.format_amount(pa.total_cost, 'en'), @extschema@.percent(l.amount, pa.total_cost, 4)),
           100 * @extschema@.share(l.amount, pa.total_cost), l.declared_percent
      FROM @extschema@.financing_line l
      JOIN pa ON pa.plan_id = l.plan_id
      JOIN @extschema@.rule r ON r.kind = 'declared_percent'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, pa.ref_date)
       AND @extschema@.in_scope(r.beneficiary_kinds, pa.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, pa.section)
     WHERE l.declared_percent IS NOT NULL
       AND NOT @extschema@.percent_matches(l.declared_percent, l.amount, pa.total_cost)
    UNION ALL
    -- 10. an agreed or paid line whose subsidy differs from it
    SELECT r.code, pa.plan_id, l.id,
           format('line %s of %s is %s but subsidy %s is %s',
                  l.label, @extschema@.format_amount(l.amount, 'en'), l.status, s.id,
                  @extschema@.format_amount(s.amount, 'en')),
           s.amount::numeric, l.amount::numeric
      FROM @extschema@.financing_line l
      JOIN @extschema@.subsidy s ON s.id = l.subsidy_id
      JOIN pa ON pa.plan_id = l.plan_id
      JOIN @extschema@.rule r ON r.kind = 'funding_path'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, pa.ref_date)
       AND @extschema@.in_scope(r.beneficiary_kinds, pa.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, pa.section)
     WHERE l.subsidy_id IS NOT NULL AND l.status IN ('agreed', 'paid')
       AND s.amount::numeric <> l.amount::numeric
)
SELECT CASE WHEN f.line_id IS NULL THEN 'financing_plan' ELSE 'financing_line' END AS entity,
       COALESCE(f.line_id, f.plan_id) AS entity_id,
       f.plan_id,
       f.line_id,
       pa.beneficiary_id,
       pa.fiscal_year,
       pa.ref_date AS reference_date,
       r.code AS rule_code,
       r.kind AS rule_kind,
       r.severity,
       f.message,
       f.measured::numeric(40,19) AS measured,
       f.threshold::numeric(40,19) AS threshold,
       r.source_ref,
       r.source_url
  FROM found f
  JOIN @extschema@.rule r ON r.code = f.code
  JOIN pa ON pa.plan_id = f.plan_id;
COMMENT ON VIEW @extschema@.plan_issues IS 'Breaches of the enabled rules by financing plans and their lines: balance, unfunded gap, funding caps, a local authority''s minimum own share, declared percentages, funding path';
COMMENT ON COLUMN @extschema@.plan_issues.entity IS 'financing_plan or financing_line';
COMMENT ON COLUMN @extschema@.plan_issues.entity_id IS 'Id of the plan or of the line';
COMMENT ON COLUMN @extschema@.plan_issues.plan_id IS 'The plan';
COMMENT ON COLUMN @extschema@.plan_issues.line_id IS 'The financing line, for line rules (declared_percent, funding_path)';
COMMENT ON COLUMN @extschema@.plan_issues.beneficiary_id IS 'The organization whose plan it is';
COMMENT ON COLUMN @extschema@.plan_issues.fiscal_year IS 'Fiscal year of the plan';
COMMENT ON COLUMN @extschema@.plan_issues.reference_date IS 'Date by which the rule''s validity was judged (start of the period, or 1 January of the fiscal year)';
COMMENT ON COLUMN @extschema@.plan_issues.measured IS 'The measured value (an amount, a ratio, or a percentage for declared_percent)';
COMMENT ON COLUMN @extschema@.plan_issues.threshold IS 'The value it was held against (total cost, cap or minimum ratio, declared percentage, line amount)';

CREATE VIEW @extschema@.subsidy_issues AS
WITH candidate AS (
    -- the subsidies some check may flag, each read once with its organizations and reference date
    SELECT s.id AS subsidy_id, s.funder_id, s.beneficiary_id, s.fiscal_year, s.amount, s.currency,
           s.section::text AS section, s.aid_scheme, s.convention_date, s.pourcentage_subvention, s.split_key,
           f.kind::text AS funder_kind, b.kind::text AS beneficiary_kind, b.name AS beneficiary_name,
           COALESCE(b.siren::text, @extschema@.siren(b.siret)::text, 'organization ' || b.id) AS undertaking,
           COALESCE(d.decided_on, s.convention_date, pg_catalog.make_date(s.fiscal_year, 1, 1)) AS ref_date
      FROM @extschema@.subsidy s
      JOIN @extschema@.organization f ON f.id = s.funder_id
      JOIN @extschema@.organization b ON b.id = s.beneficiary_id
      LEFT JOIN @extschema@.decision d ON d.id = s.decision_id
     WHERE (s.convention_date IS NULL AND s.currency = 'EUR')
        OR (s.aid_scheme IS NOT NULL AND s.currency = 'EUR')
        OR s.split_key IS NOT NULL
        OR s.pourcentage_subvention < (SELECT max(r.min_ratio) FROM @extschema@.rule r WHERE r.kind = 'scdl_percentage_range')
        OR s.pourcentage_subvention > (SELECT min(r.max_ratio) FROM @extschema@.rule r WHERE r.kind = 'scdl_percentage_range')
), minimis AS (
    -- per de minimis rule and undertaking: the aid of every year, from all funders, in euros
    SELECT r.code, su.undertaking, @extschema@.history_agg(su.fiscal_year, su.amount) AS aid
      FROM candidate su
      JOIN @extschema@.rule r ON r.kind = 'de_minimis' AND r.enabled AND su.aid_scheme ~* r.aid_scheme
     WHERE su.currency = 'EUR'
       AND @extschema@.in_scope(r.funder_kinds, su.funder_kind)
       AND @extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind)
     GROUP BY r.code, su.undertaking
), splits AS (
    SELECT su.split_key, sum(su.pourcentage_subvention) AS total, count(*) AS parts
      FROM candidate su
     WHERE su.split_key IS NOT NULL
     GROUP BY su.split_key
), found AS (
    -- 4. a subsidy to a private body above the threshold without a convention date
    SELECT r.code, su.subsidy_id,
           format('subsidy of %s to %s (%s) is above %s and has no convention date',
                  @extschema@.format_amount(su.amount, 'en'), su.beneficiary_name, su.beneficiary_kind,
                  @extschema@.format_amount(r.threshold_amount, 'en')) AS message,
           su.amount::numeric AS measured, r.threshold_amount::numeric AS threshold
      FROM candidate su
      JOIN @extschema@.rule r ON r.kind = 'convention_required'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, su.ref_date)
       AND @extschema@.in_scope(r.funder_kinds, su.funder_kind)
       AND @extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, su.section)
       AND @extschema@.matches_scope(r.aid_scheme, su.aid_scheme)
     WHERE su.convention_date IS NULL AND su.currency = 'EUR'
       AND su.amount::numeric > r.threshold_amount::numeric
    UNION ALL
    -- 4b. the same, when a kind the rule's scope depends on is unknown
    -- (other): reported, not skipped, so that the kind gets set
    SELECT r.code, su.subsidy_id,
           format('subsidy of %s to %s is above %s and has no convention date; whether a convention is required is unknown: the kind of its %s is "other" (set organization.kind)',
                  @extschema@.format_amount(su.amount, 'en'), su.beneficiary_name,
                  @extschema@.format_amount(r.threshold_amount, 'en'),
                  CASE WHEN NOT @extschema@.in_scope(r.funder_kinds, su.funder_kind) THEN 'funder'
                       WHEN NOT @extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind) THEN 'beneficiary'
                       ELSE 'funder and beneficiary' END),
           su.amount::numeric, r.threshold_amount::numeric
      FROM candidate su
      JOIN @extschema@.rule r ON r.kind = 'convention_required'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, su.ref_date)
       AND (@extschema@.in_scope(r.funder_kinds, su.funder_kind) OR su.funder_kind = 'other')
       AND (@extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind) OR su.beneficiary_kind = 'other')
       AND NOT (@extschema@.in_scope(r.funder_kinds, su.funder_kind)
                AND @extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind))
       AND @extschema@.in_scope(r.sections, su.section)
       AND @extschema@.matches_scope(r.aid_scheme, su.aid_scheme)
     WHERE su.convention_date IS NULL AND su.currency = 'EUR'
       AND su.amount::numeric > r.threshold_amount::numeric
    UNION ALL
    -- 5. de minimis aid over the window ending with the award's year above the ceiling
    SELECT r.code, su.subsidy_id,
           format('de minimis aid to undertaking %s totals %s over %s-%s (all funders), above the ceiling of %s',
                  su.undertaking, @extschema@.format_amount(w.total, 'en'),
                  su.fiscal_year - r.years + 1, su.fiscal_year,
                  @extschema@.format_amount(r.threshold_amount, 'en')),
           w.total::numeric, r.threshold_amount::numeric
      FROM candidate su
      JOIN @extschema@.rule r ON r.kind = 'de_minimis'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, su.ref_date)
       AND @extschema@.in_scope(r.funder_kinds, su.funder_kind)
       AND @extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, su.section)
       AND @extschema@.matches_scope(r.aid_scheme, su.aid_scheme)
      JOIN minimis m ON m.code = r.code AND m.undertaking = su.undertaking
      CROSS JOIN LATERAL (SELECT @extschema@.rolling_total(m.aid, su.fiscal_year, r.years) AS total) w
     WHERE su.currency = 'EUR' AND w.total::numeric > r.threshold_amount::numeric
    UNION ALL
    -- 7. pourcentageSubvention out of range
    SELECT r.code, su.subsidy_id,
           format('pourcentageSubvention %s is outside [%s, %s]',
                  su.pourcentage_subvention, r.min_ratio, r.max_ratio),
           su.pourcentage_subvention,
           CASE WHEN su.pourcentage_subvention < r.min_ratio THEN r.min_ratio ELSE r.max_ratio END
      FROM candidate su
      JOIN @extschema@.rule r ON r.kind = 'scdl_percentage_range'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, su.ref_date)
       AND @extschema@.in_scope(r.funder_kinds, su.funder_kind)
       AND @extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, su.section)
       AND @extschema@.matches_scope(r.aid_scheme, su.aid_scheme)
     WHERE su.pourcentage_subvention < r.min_ratio OR su.pourcentage_subvention > r.max_ratio
    UNION ALL
    -- 7. the shares of one split subsidy do not add up to 1
    SELECT r.code, su.subsidy_id,
           format('the %s shares of split subsidy %s add up to %s, not 1', sp.parts, su.split_key, sp.total),
           sp.total, 1
      FROM candidate su
      JOIN splits sp ON sp.split_key = su.split_key
      JOIN @extschema@.rule r ON r.kind = 'scdl_percentage_sum'
       AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, su.ref_date)
       AND @extschema@.in_scope(r.funder_kinds, su.funder_kind)
       AND @extschema@.in_scope(r.beneficiary_kinds, su.beneficiary_kind)
       AND @extschema@.in_scope(r.sections, su.section)
       AND @extschema@.matches_scope(r.aid_scheme, su.aid_scheme)
     WHERE sp.total <> 1
)
SELECT 'subsidy'::text AS entity,
       f.subsidy_id AS entity_id,
       f.subsidy_id,
       su.funder_id,
       su.beneficiary_id,
       su.fiscal_year,
       su.ref_date AS reference_date,
       r.code AS rule_code,
       r.kind AS rule_kind,
       r.severity,
       f.message,
       f.measured::numeric(40,19) AS measured,
       f.threshold::numeric(40,19) AS threshold,
       r.source_ref,
       r.source_url
  FROM found f
  JOIN @extschema@.rule r ON r.code = f.code
  JOIN candidate su ON su.subsidy_id = f.subsidy_id;
COMMENT ON VIEW @extschema@.subsidy_issues IS 'Breaches of the enabled rules by subsidies: convention required above a threshold, de minimis ceilings over three years, SCDL pourcentageSubvention range and sums';
COMMENT ON COLUMN @extschema@.subsidy_issues.entity IS 'Always subsidy';
COMMENT ON COLUMN @extschema@.subsidy_issues.entity_id IS 'Id of the subsidy';
COMMENT ON COLUMN @extschema@.subsidy_issues.subsidy_id IS 'The subsidy';
COMMENT ON COLUMN @extschema@.subsidy_issues.funder_id IS 'The funder';
COMMENT ON COLUMN @extschema@.subsidy_issues.beneficiary_id IS 'The beneficiary';
COMMENT ON COLUMN @extschema@.subsidy_issues.fiscal_year IS 'Fiscal year of the subsidy';
COMMENT ON COLUMN @extschema@.subsidy_issues.reference_date IS 'Date by which the rule''s validity was judged (decision date, else convention date, else 1 January of the fiscal year)';
COMMENT ON COLUMN @extschema@.subsidy_issues.measured IS 'The measured value (the amount, the total over the period, the share or the sum of shares)';
COMMENT ON COLUMN @extschema@.subsidy_issues.threshold IS 'The value it was held against';

CREATE VIEW @extschema@.budget_issues AS
WITH bl AS (
    SELECT l.id AS budget_line_id, l.funder_id, f.kind::text AS funder_kind, l.fiscal_year,
           l.section::text AS section, l.direction::text AS direction, l.chapter, l.label,
           l.amount, l.currency, l.parent_id,
           pg_catalog.make_date(l.fiscal_year, 1, 1) AS ref_date
      FROM @extschema@.budget_line l
      JOIN @extschema@.organization f ON f.id = l.funder_id
), rule_on AS (
    SELECT r.*, b.*
      FROM bl b
      JOIN @extschema@.rule r
        ON @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, b.ref_date)
       AND @extschema@.in_scope(r.funder_kinds, b.funder_kind)
       AND @extschema@.in_scope(r.sections, b.section)
     WHERE r.kind IN ('appropriation', 'budget_hierarchy', 'section_balance')
), charged AS (
    SELECT s.budget_line_id, @extschema@.sum(s.amount) AS total, count(*) AS awards
      FROM @extschema@.subsidy s
     WHERE s.budget_line_id IS NOT NULL
     GROUP BY s.budget_line_id
), children AS (
    SELECT c.parent_id, @extschema@.sum(c.amount) AS total, count(*) AS lines
      FROM @extschema@.budget_line c
     WHERE c.parent_id IS NOT NULL
     GROUP BY c.parent_id
), sections AS (
    SELECT b.funder_id, b.fiscal_year, b.section, b.currency, min(b.budget_line_id) AS first_line,
           @extschema@.sum(b.amount) FILTER (WHERE b.direction = 'expense') AS expenses,
           @extschema@.sum(b.amount) FILTER (WHERE b.direction = 'receipt') AS receipts
      FROM bl b
     WHERE b.parent_id IS NULL
     GROUP BY b.funder_id, b.fiscal_year, b.section, b.currency
), found AS (
    -- 8. awards charged to a line above its appropriation
    SELECT ro.code, 'budget_line'::text AS entity, ro.budget_line_id AS entity_id, ro.budget_line_id,
           format('%s awards charged to budget line %s add up to %s, above its appropriation of %s (%s %%)',
                  c.awards, ro.label, @extschema@.format_amount(c.total, 'en'),
                  @extschema@.format_amount(ro.amount, 'en'), @extschema@.percent(c.total, ro.amount, 1)) AS message,
           c.total::numeric AS measured, ro.amount::numeric AS threshold,
           ro.funder_id, ro.fiscal_year, ro.section, ro.ref_date
      FROM rule_on ro JOIN charged c ON c.budget_line_id = ro.budget_line_id
     WHERE ro.kind = 'appropriation' AND c.total::numeric > ro.amount::numeric
    UNION ALL
    -- 9. a parent line that is not the sum of its children
    SELECT ro.code, 'budget_line', ro.budget_line_id, ro.budget_line_id,
           format('budget line %s is %s but its %s lines add up to %s',
                  ro.label, @extschema@.format_amount(ro.amount, 'en'), c.lines,
                  @extschema@.format_amount(c.total, 'en')),
           c.total::numeric, ro.amount::numeric,
           ro.funder_id, ro.fiscal_year, ro.section, ro.ref_date
      FROM rule_on ro JOIN children c ON c.parent_id = ro.budget_line_id
     WHERE ro.kind = 'budget_hierarchy' AND c.total::numeric <> ro.amount::numeric
    UNION ALL
    -- 9. a section whose expenses and receipts differ
    SELECT ro.code, 'budget_section', ro.funder_id, NULL::bigint,
           format('%s section %s: expenses %s, receipts %s (difference %s)',
                  ro.section, ro.fiscal_year, @extschema@.format_amount(se.expenses, 'en'),
                  @extschema@.format_amount(se.receipts, 'en'),
                  @extschema@.format_amount(se.expenses OPERATOR(@extschema@.-) se.receipts, 'en')),
           se.expenses::numeric, se.receipts::numeric,
           ro.funder_id, ro.fiscal_year, ro.section, ro.ref_date
      FROM rule_on ro
      JOIN sections se ON se.first_line = ro.budget_line_id
     WHERE ro.kind = 'section_balance' AND se.expenses::numeric <> se.receipts::numeric
)
SELECT f.entity,
       f.entity_id,
       f.budget_line_id,
       f.funder_id,
       f.fiscal_year,
       f.section,
       f.ref_date AS reference_date,
       r.code AS rule_code,
       r.kind AS rule_kind,
       r.severity,
       f.message,
       f.measured::numeric(40,19) AS measured,
       f.threshold::numeric(40,19) AS threshold,
       r.source_ref,
       r.source_url
  FROM found f
  JOIN @extschema@.rule r ON r.code = f.code;
COMMENT ON VIEW @extschema@.budget_issues IS 'Breaches of the enabled rules by budgets: awards above a line''s appropriation, parent lines that are not the sum of their children, sections whose expenses and receipts differ';
COMMENT ON COLUMN @extschema@.budget_issues.entity IS 'budget_line, or budget_section (one funder''s section of one fiscal year)';
COMMENT ON COLUMN @extschema@.budget_issues.entity_id IS 'Id of the budget line, or of the funder for a budget_section';
COMMENT ON COLUMN @extschema@.budget_issues.budget_line_id IS 'The budget line (NULL for a budget_section)';
COMMENT ON COLUMN @extschema@.budget_issues.funder_id IS 'The organization whose budget it is';
COMMENT ON COLUMN @extschema@.budget_issues.fiscal_year IS 'Fiscal year of the budget';
COMMENT ON COLUMN @extschema@.budget_issues.section IS 'operating or investment';
COMMENT ON COLUMN @extschema@.budget_issues.reference_date IS 'Date by which the rule''s validity was judged (1 January of the fiscal year)';
COMMENT ON COLUMN @extschema@.budget_issues.measured IS 'The measured value (awards charged, sum of the children, expenses)';
COMMENT ON COLUMN @extschema@.budget_issues.threshold IS 'The value it was held against (appropriation, parent line, receipts)';

-- The view issues, every breach in one list, is made in 82_budget_checks.sql,
-- once budget_document_issues exists.

-- The columns every issue view shares
DO $$
DECLARE
    v text;
    c record;
BEGIN
    FOREACH v IN ARRAY ARRAY['plan_issues', 'subsidy_issues', 'budget_issues'] LOOP
        FOR c IN SELECT * FROM (VALUES
            ('rule_code', 'The rule broken (pubfin.rule.code)'),
            ('rule_kind', 'Kind of check (pubfin.rule.kind)'),
            ('severity', 'error, warning or info'),
            ('message', 'What is wrong, in plain English, with the figures'),
            ('source_ref', 'Legal reference of the rule'),
            ('source_url', 'Where the legal text can be read')) AS t (col, text)
        LOOP
            EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', '@extschema@', v, c.col, c.text);
        END LOOP;
    END LOOP;
END
$$;

-- from sql/install/70_scdl.sql
-- ===========================================================================
-- scdl: reading SCDL "subventions" CSV files (the loader's foundation)
-- A C CSV reader, the mapping of header names to SCDL 2.1.1 fields, and
-- non-throwing normalisers that return (value, warning, error) per field.
-- ===========================================================================

-- ---------------------------------------------------------------------------
-- CSV
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.csv_rows(content text, delimiter text DEFAULT NULL)
    RETURNS TABLE(line_no int, fields text[])
    AS 'MODULE_PATHNAME', 'csv_rows' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.csv_rows(text, text) IS 'Records of a CSV text (RFC 4180; delimiter detected among comma, semicolon and tab when NULL; BOM skipped) with the line where each starts; raises 22P04 on malformed input';

CREATE FUNCTION @extschema@.csv_records(content text, delimiter text DEFAULT NULL)
    RETURNS TABLE(line_no int, fields text[], error text)
    AS 'MODULE_PATHNAME', 'csv_records' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.csv_records(text, text) IS 'Like csv_rows, but a malformed record is returned with the reason in error (and reading resumes at the next line) instead of raising';

CREATE FUNCTION @extschema@.csv_delimiter(content text) RETURNS text
    AS 'MODULE_PATHNAME', 'csv_delimiter' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csv_delimiter(text) IS 'The delimiter of a CSV text: the most frequent of comma, semicolon and tab outside quotes in its first record (comma when none)';

-- ---------------------------------------------------------------------------
-- Header names
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.unaccent_fold(text) RETURNS text
    AS 'MODULE_PATHNAME', 'unaccent_fold' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.unaccent_fold(text) IS 'Text folded for comparisons: lower case, Latin accents and ligatures removed, spaces and punctuation collapsed into single spaces';

CREATE FUNCTION @extschema@.scdl_column(header text) RETURNS text
    AS 'MODULE_PATHNAME', 'scdl_column' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_column(text) IS 'The SCDL 2.1.1 field a CSV header names (SCDL 2.x/1.x names, schema titles, the arrêté''s French titles; case, accents, spaces and punctuation ignored), or NULL';

CREATE FUNCTION @extschema@.scdl_fields()
    RETURNS TABLE(ordinal int, name text, title text, type text, required boolean)
    AS 'MODULE_PATHNAME', 'scdl_fields' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 16;
COMMENT ON FUNCTION @extschema@.scdl_fields() IS 'The 16 fields of SCDL subventions 2.1.1 in the schema''s order, with title, Table Schema type and whether a value is required';

CREATE FUNCTION @extschema@.scdl_column_aliases()
    RETURNS TABLE(alias text, field text, source text)
    AS 'MODULE_PATHNAME', 'scdl_column_aliases' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.scdl_column_aliases() IS 'Header names that scdl_column() recognises besides the 2.1.1 names and titles';

-- ---------------------------------------------------------------------------
-- Value normalisers: never raise; (value ..., warning, error) per cell.
-- Empty or blank cells give NULLs everywhere; messages quote the raw value.
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.scdl_date(raw text, OUT value date, OUT year int, OUT warning text, OUT error text)
    AS 'MODULE_PATHNAME', 'scdl_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_date(text) IS 'Read an SCDL date: YYYY-MM-DD; dd/mm/yyyy and a midnight time are accepted with a warning; a year alone gives year with a warning and no date';

CREATE FUNCTION @extschema@.scdl_period(raw text, OUT first date, OUT last date, OUT year int, OUT warning text, OUT error text)
    AS 'MODULE_PATHNAME', 'scdl_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_period(text) IS 'Read datesPeriodeVersement: a date (first = last) or first/last; with a warning: "_" as separator, dd/mm/yyyy, NC as unknown start, "fin de l''action" as an open end (last NULL), a year alone (year only)';

CREATE FUNCTION @extschema@.scdl_nature(raw text, OUT value text, OUT warning text, OUT error text)
    AS 'MODULE_PATHNAME', 'scdl_nature' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_nature(text) IS 'Read nature as one of the schema''s values (aide en numéraire, aide en nature, both joined by ";"); case, accents and "en numéraire" are normalised with a warning';

CREATE FUNCTION @extschema@.scdl_boolean(raw text, OUT value boolean, OUT warning text, OUT error text)
    AS 'MODULE_PATHNAME', 'scdl_boolean' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_boolean(text) IS 'Read notificationUE: oui or non; other spellings (Oui, NON, true, 0 ...) with a warning';

CREATE FUNCTION @extschema@.scdl_amount(raw text, OUT value @extschema@.amount, OUT warning text, OUT error text)
    AS 'MODULE_PATHNAME', 'scdl_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_amount(text) IS 'Read montant as an exact amount: dot decimals; a decimal comma, grouped digits or a currency with a warning; scientific notation and more than two significant decimals are errors';

CREATE FUNCTION @extschema@.scdl_share(raw text, OUT value numeric, OUT warning text, OUT error text)
    AS 'MODULE_PATHNAME', 'scdl_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_share(text) IS 'Read pourcentageSubvention: a decimal between 0.01 and 1; a decimal comma or a "%" sign with a warning';

CREATE FUNCTION @extschema@.scdl_identifier(raw text, OUT value text, OUT kind text, OUT warning text, OUT error text)
    AS 'MODULE_PATHNAME', 'scdl_identifier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_identifier(text) IS 'Read idAttribuant/idBeneficiaire: 14 digits (siret), 9 (siren) or W and 9 digits (rna); spaces and spreadsheet apostrophes removed with a warning; scientific notation is an error. Check digits are left to siret_error/siren_error';

-- ---------------------------------------------------------------------------
-- Header synonyms: data, extendable by users
-- ---------------------------------------------------------------------------
CREATE TABLE @extschema@.scdl_synonym (
    id          integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    synonym     text NOT NULL UNIQUE CHECK (btrim(synonym) <> ''),
    field       text NOT NULL CHECK (field IN (
                    'nomAttribuant', 'idAttribuant', 'dateConvention', 'referenceDecision',
                    'nomBeneficiaire', 'idBeneficiaire', 'rnaBeneficiaire', 'objet', 'montant',
                    'nature', 'conditionsVersement', 'datesPeriodeVersement', 'idRAE',
                    'notificationUE', 'pourcentageSubvention', 'dispositifAide')),
    note        text,
    builtin     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.scdl_synonym IS 'Column titles that load_scdl reads as an SCDL field, besides the SCDL names, the schema''s titles and the arrêté''s titles; matched without case, accents, punctuation, articles or prepositions. Add rows for the titles your publishers use';
COMMENT ON COLUMN @extschema@.scdl_synonym.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.scdl_synonym.synonym IS 'A column title as publishers write it, e.g. "Nom attributaire"';
COMMENT ON COLUMN @extschema@.scdl_synonym.field IS 'The SCDL 2.1.1 field it names';
COMMENT ON COLUMN @extschema@.scdl_synonym.note IS 'Where the title was seen, or why it means that field';
COMMENT ON COLUMN @extschema@.scdl_synonym.builtin IS 'Shipped with pubfin (rows you add are false, and pg_dump keeps them)';
INSERT INTO @extschema@.scdl_synonym (synonym, field, note, builtin) VALUES
    ('Nom attributaire', 'nomBeneficiaire', 'the attributaire is the one the subsidy is awarded to', true),
    ('Attributaire', 'nomBeneficiaire', 'the attributaire is the one the subsidy is awarded to', true),
    ('Bénéficiaire', 'nomBeneficiaire', 'short title', true),
    ('Nom de l''organisme bénéficiaire', 'nomBeneficiaire', 'variant title', true),
    ('SIRET attributaire', 'idBeneficiaire', 'variant title', true),
    ('SIRET du bénéficiaire', 'idBeneficiaire', 'variant title', true),
    ('Numéro SIRET', 'idBeneficiaire', 'variant title', true),
    ('Numéro RNA', 'rnaBeneficiaire', 'variant title', true),
    ('RNA', 'rnaBeneficiaire', 'short title', true),
    ('Attribuant', 'nomAttribuant', 'short title', true),
    ('Collectivité', 'nomAttribuant', 'variant title', true),
    ('SIRET attribuant', 'idAttribuant', 'variant title', true),
    ('Objet de la convention', 'objet', 'variant title', true),
    ('Objet de l''aide', 'objet', 'variant title', true),
    ('Date de signature de la convention', 'dateConvention', 'variant title', true),
    ('Date de versement', 'datesPeriodeVersement', 'variant title', true),
    ('Dates de versement', 'datesPeriodeVersement', 'variant title', true),
    ('Période de versement', 'datesPeriodeVersement', 'variant title', true),
    ('Aide notifiée à l''Europe', 'notificationUE', 'variant title', true),
    ('Notification à la Commission européenne', 'notificationUE', 'variant title', true),
    ('Pourcentage du montant de la subvention attribué au bénéficiaire', 'pourcentageSubvention', 'variant title', true),
    ('Pourcentage', 'pourcentageSubvention', 'short title', true),
    ('Montant attribué', 'montant', 'variant title', true),
    ('Montant accordé', 'montant', 'variant title', true),
    ('Montant voté', 'montant', 'variant title', true),
    ('Montant en euros', 'montant', 'variant title', true),
    ('Nature de l''aide', 'nature', 'variant title', true),
    ('Dispositif', 'dispositifAide', 'short title', true),
    ('Numéro de délibération', 'referenceDecision', 'variant title', true),
    ('Référence de la délibération', 'referenceDecision', 'variant title', true);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scdl_synonym', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scdl_synonym_id_seq', '');

-- ---------------------------------------------------------------------------
-- The reader
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.scdl_read(content bytea, options jsonb DEFAULT NULL)
    RETURNS TABLE(kind text, line integer, reasons text[], warnings text[], fingerprint uuid,
                  fields jsonb, extra jsonb,
                  nom_attribuant text, id_attribuant text, id_attribuant_kind text,
                  funder_kind text, funder_key text,
                  nom_beneficiaire text, id_beneficiaire text, id_beneficiaire_kind text,
                  rna_beneficiaire text, beneficiary_kind text, beneficiary_key text,
                  reference_decision text, objet text, award @extschema@.amount, pourcentage numeric,
                  montant @extschema@.amount, nature text, conditions text,
                  payment_first date, payment_last date, id_rae text, notification boolean,
                  dispositif text, convention_date date, fiscal_year integer)
    AS 'MODULE_PATHNAME', 'scdl_read' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 10000;
COMMENT ON FUNCTION @extschema@.scdl_read(bytea, jsonb) IS 'Read a whole SCDL subventions CSV in one pass: a "header" row (column labels in fields, how the header was read in warnings), one row per record ("record", or "blank" for a row of delimiters or blanks) with its typed values, reasons (why it cannot be loaded) and warnings, and a "file" row (facts about the whole file). options: {"columns": {header: field or null}, "synonyms": {title: field}, "encoding": "auto"} (auto: a line that is not UTF-8 is read as WIN1252)';

-- from sql/install/75_scdl_load.sql
-- ===========================================================================
-- scdl load and export: load_scdl() reads a whole SCDL "subventions" CSV,
-- validates every record, inserts organizations, decisions and subsidies,
-- quarantines what cannot be read in scdl_reject; scdl_export publishes the
-- subsidies back as SCDL 2.1.1.
-- ===========================================================================

-- The SCDL text of a nature.
CREATE FUNCTION @extschema@.scdl_nature_text(@extschema@.aid_nature) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT CASE $1 WHEN 'cash' THEN 'aide en numéraire'
                         WHEN 'in_kind' THEN 'aide en nature'
                         ELSE 'aide en numéraire;aide en nature' END $$;
COMMENT ON FUNCTION @extschema@.scdl_nature_text(@extschema@.aid_nature) IS 'The SCDL value of an aid nature: aide en numéraire, aide en nature, or both joined by ";"';

-- ---------------------------------------------------------------------------
-- load_scdl(bytea, encoding): the load, in named set-based steps
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_scdl(content bytea, source text, encoding text DEFAULT NULL,
                                      columns jsonb DEFAULT NULL,
                                      funder_kind @extschema@.organization_kind DEFAULT NULL)
    RETURNS TABLE(load_id bigint, records_read integer, accepted integer,
                  accepted_with_warnings integer, rejected integer, duplicates integer,
                  blank integer, elapsed interval, header_warnings text[])
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $load$
DECLARE
    v_started   timestamptz := clock_timestamp();
    v_load      bigint;
    v_bytes     bytea := content;
    v_options   jsonb;
    v_message   text;
    v_detail    text;
    v_hint      text;
    v_state     text;
    v_likely    text;
    v_try       text;
    v_header_warnings text[];
    v_notes     text[];
    v_common    text[];
    v_read      integer;
    v_blank     integer;
    v_accepted  integer;
    v_warned    integer;
    v_rejected  integer;
    v_zeros     integer;
    v_isolation text := current_setting('transaction_isolation');
BEGIN
    IF content IS NULL THEN
        RAISE EXCEPTION 'SCDL content is NULL'
            USING ERRCODE = '22004', HINT = 'Pass the whole file, e.g. psql''s \set f `cat file.csv` then :''f''.';
    END IF;
    IF source IS NULL OR btrim(source) = '' THEN
        RAISE EXCEPTION 'SCDL source name is %', CASE WHEN source IS NULL THEN 'NULL' ELSE 'empty' END
            USING ERRCODE = '22004', HINT = 'Name the file (e.g. its file name): every subsidy and reject records where it came from.';
    END IF;

    -- One load at a time: a second session waits here, then finds the first
    -- one's records and reports them as duplicates.  It can only see them
    -- with a snapshot taken after the wait, i.e. under READ COMMITTED.  The
    -- lock is on load_log, which only roles that may load can write: no
    -- other role can take it to hold every load up.
    IF v_isolation NOT IN ('read committed', 'read uncommitted') THEN
        RAISE EXCEPTION 'load_scdl cannot run at isolation level %', upper(v_isolation)
            USING ERRCODE = '25000',
                  DETAIL = 'At that level, a load that waited for another one would not see the organizations and subsidies that one inserted.',
                  HINT = 'Call it in a READ COMMITTED transaction (the default), e.g. outside the BEGIN ISOLATION LEVEL ... block.';
    END IF;
    LOCK TABLE @extschema@.load_log IN SHARE ROW EXCLUSIVE MODE;

    -- Decode: a stated encoding must read every byte; none stated, each
    -- line is read as UTF-8, else as WIN1252 (the reader says so).
    IF encoding IS NOT NULL THEN
        BEGIN
            v_message := NULL;
            IF upper(replace(encoding, '-', '')) = 'UTF8' THEN
                PERFORM convert_from(content, 'UTF8');
            ELSE
                v_bytes := convert_to(convert_from(content, encoding), 'UTF8');
            END IF;
        EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
            GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
        END;
        IF v_message IS NOT NULL THEN
            -- The likely encoding: the first of these that reads every byte.
            FOREACH v_try IN ARRAY ARRAY['UTF8', 'WIN1252', 'LATIN1'] LOOP
                CONTINUE WHEN upper(replace(v_try, '-', '')) = upper(replace(encoding, '-', ''));
                BEGIN
                    PERFORM convert_from(content, v_try);
                    v_likely := v_try;
                    EXIT;
                EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
                    NULL;
                END;
            END LOOP;
            RAISE EXCEPTION 'SCDL file "%" is not valid %', source, encoding
                USING ERRCODE = '22021', DETAIL = v_message,
                      HINT = CASE WHEN v_likely IS NOT NULL
                                  THEN format('The file reads as %s: state that encoding, or none to have each line read as UTF-8 or else WIN1252.', v_likely)
                                  ELSE 'No common encoding reads it (UTF8, WIN1252, LATIN1): is it a CSV file at all?' END;
        END IF;
    END IF;
    v_options := jsonb_build_object(
        'columns', columns,
        'encoding', CASE WHEN encoding IS NULL THEN 'auto' ELSE 'utf8' END,
        'synonyms', (SELECT jsonb_object_agg(y.synonym, y.field) FROM @extschema@.scdl_synonym y));

    -- Read: one row per record, every value typed, with its reasons and
    -- warnings (scdl_read, in C, in one pass).
    -- A file the reader refuses is named in the error.
    BEGIN
        CREATE TEMP TABLE pubfin_scdl_stage ON COMMIT DROP AS
        SELECT r.*, NULL::text AS split_key
          FROM @extschema@.scdl_read(v_bytes, v_options) r;
    EXCEPTION WHEN bad_copy_file_format OR character_not_in_repertoire OR invalid_parameter_value THEN
        GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL,
                                v_hint = PG_EXCEPTION_HINT, v_state = RETURNED_SQLSTATE;
        IF v_detail = '' THEN
            RAISE EXCEPTION 'SCDL file "%": %', source, v_message USING ERRCODE = v_state, HINT = v_hint;
        END IF;
        RAISE EXCEPTION 'SCDL file "%": %', source, v_message
            USING ERRCODE = v_state, DETAIL = v_detail, HINT = v_hint;
    END;
    SELECT s.warnings INTO v_header_warnings FROM pg_temp.pubfin_scdl_stage s WHERE s.kind = 'header';
    SELECT s.warnings INTO v_notes FROM pg_temp.pubfin_scdl_stage s WHERE s.kind = 'file';
    SELECT count(*) FILTER (WHERE s.kind IN ('record', 'blank')), count(*) FILTER (WHERE s.kind = 'blank')
      INTO v_read, v_blank FROM pg_temp.pubfin_scdl_stage s;
    DELETE FROM pg_temp.pubfin_scdl_stage s WHERE s.kind <> 'record';

    -- File-wide facts: a warning that every record carries is said once,
    -- in load_log.diagnostics, with the count, and left out of the records.
    SELECT array_agg(x.w ORDER BY x.w) INTO v_common
      FROM (SELECT w, count(*) AS n FROM pg_temp.pubfin_scdl_stage s, unnest(s.warnings) w GROUP BY w) x
     WHERE x.n = v_read - v_blank AND x.n > 1;
    IF v_common IS NOT NULL THEN
        v_notes := v_notes || ARRAY(SELECT format('%s (in all %s records)', w, v_read - v_blank) FROM unnest(v_common) w);
    ELSE
        v_common := '{}';
    END IF;
    ANALYZE pg_temp.pubfin_scdl_stage;

    INSERT INTO @extschema@.load_log (source, content_fingerprint, started_at, header_warnings, diagnostics)
    VALUES (source, encode(sha256(v_bytes), 'hex'), v_started, v_header_warnings, nullif(v_notes, '{}'))
    RETURNING id INTO v_load;

    -- Organizations: the keys of this file's funders and beneficiaries (the
    -- first record that names one gives its name and kind).
    CREATE TEMP TABLE pubfin_scdl_org ON COMMIT DROP AS
    SELECT DISTINCT ON (k.key) k.key, k.name, k.siret, k.siren, k.rna, k.kind, NULL::bigint AS id
      FROM pg_temp.pubfin_scdl_stage s,
           LATERAL (VALUES (s.funder_key, s.nom_attribuant,
                            CASE WHEN s.id_attribuant_kind = 'siret' THEN s.id_attribuant END,
                            CASE WHEN s.id_attribuant_kind = 'siren' THEN s.id_attribuant END,
                            NULL::text, coalesce(load_scdl.funder_kind::text, s.funder_kind), 0),
                           (s.beneficiary_key, s.nom_beneficiaire,
                            CASE WHEN s.id_beneficiaire_kind = 'siret' THEN s.id_beneficiaire END,
                            CASE WHEN s.id_beneficiaire_kind = 'siren' THEN s.id_beneficiaire END,
                            s.rna_beneficiaire, s.beneficiary_kind, 1)) k(key, name, siret, siren, rna, kind, role)
     WHERE s.reasons = '{}'
     ORDER BY k.key, s.line, k.role;
    ANALYZE pg_temp.pubfin_scdl_org;

    -- Match and create them kind by kind (SIRET, SIREN among organizations
    -- without SIRET, RNA number, folded name among organizations without
    -- any identifier), so that a record naming only an RNA number finds the
    -- association another record of the file created with its SIRET.
    UPDATE pg_temp.pubfin_scdl_org t SET id = o.id
      FROM (SELECT DISTINCT ON (t2.key) t2.key, og.id FROM pg_temp.pubfin_scdl_org t2
              JOIN @extschema@.organization og ON og.siret = t2.siret::@extschema@.siret
             WHERE t2.id IS NULL AND t2.key LIKE 'siret:%' ORDER BY t2.key, og.id) o
     WHERE o.key = t.key;
    WITH created AS (
        INSERT INTO @extschema@.organization (name, kind, siret, siren, rna)
        SELECT t.name, t.kind::@extschema@.organization_kind, t.siret::@extschema@.siret,
               left(t.siret, 9)::@extschema@.siren, t.rna::@extschema@.rna
          FROM pg_temp.pubfin_scdl_org t WHERE t.id IS NULL AND t.key LIKE 'siret:%' ORDER BY t.key
        RETURNING id, 'siret:' || siret::text AS key)
    UPDATE pg_temp.pubfin_scdl_org t SET id = c.id FROM created c WHERE c.key = t.key;

    UPDATE pg_temp.pubfin_scdl_org t SET id = o.id
      FROM (SELECT DISTINCT ON (t2.key) t2.key, og.id FROM pg_temp.pubfin_scdl_org t2
              JOIN @extschema@.organization og ON og.siren = t2.siren::@extschema@.siren AND og.siret IS NULL
             WHERE t2.id IS NULL AND t2.key LIKE 'siren:%' ORDER BY t2.key, og.id) o
     WHERE o.key = t.key;
    WITH created AS (
        INSERT INTO @extschema@.organization (name, kind, siren)
        SELECT t.name, t.kind::@extschema@.organization_kind, t.siren::@extschema@.siren
          FROM pg_temp.pubfin_scdl_org t WHERE t.id IS NULL AND t.key LIKE 'siren:%' ORDER BY t.key
        RETURNING id, 'siren:' || siren::text AS key)
    UPDATE pg_temp.pubfin_scdl_org t SET id = c.id FROM created c WHERE c.key = t.key;

    UPDATE pg_temp.pubfin_scdl_org t SET id = o.id
      FROM (SELECT DISTINCT ON (t2.key) t2.key, og.id FROM pg_temp.pubfin_scdl_org t2
              JOIN @extschema@.organization og ON og.rna = t2.rna::@extschema@.rna
             WHERE t2.id IS NULL AND t2.key LIKE 'rna:%' ORDER BY t2.key, og.id) o
     WHERE o.key = t.key;
    WITH created AS (
        INSERT INTO @extschema@.organization (name, kind, rna)
        SELECT t.name, t.kind::@extschema@.organization_kind, t.rna::@extschema@.rna
          FROM pg_temp.pubfin_scdl_org t WHERE t.id IS NULL AND t.key LIKE 'rna:%' ORDER BY t.key
        RETURNING id, 'rna:' || rna::text AS key)
    UPDATE pg_temp.pubfin_scdl_org t SET id = c.id FROM created c WHERE c.key = t.key;

    UPDATE pg_temp.pubfin_scdl_org t SET id = o.id
      FROM (SELECT DISTINCT ON (t2.key) t2.key, og.id FROM pg_temp.pubfin_scdl_org t2
              JOIN @extschema@.organization og
                ON 'name:' || @extschema@.unaccent_fold(og.name) = t2.key
               AND og.siret IS NULL AND og.siren IS NULL AND og.rna IS NULL
             WHERE t2.id IS NULL AND t2.key LIKE 'name:%' ORDER BY t2.key, og.id) o
     WHERE o.key = t.key;
    WITH created AS (
        INSERT INTO @extschema@.organization (name, kind)
        SELECT t.name, t.kind::@extschema@.organization_kind
          FROM pg_temp.pubfin_scdl_org t WHERE t.id IS NULL AND t.key LIKE 'name:%' ORDER BY t.key
        RETURNING id, 'name:' || @extschema@.unaccent_fold(name) AS key)
    UPDATE pg_temp.pubfin_scdl_org t SET id = c.id FROM created c WHERE c.key = t.key;
    ANALYZE pg_temp.pubfin_scdl_org;

    -- A funder that is its own beneficiary (e.g. EU funds a département
    -- manages) is loaded, with a warning.
    UPDATE pg_temp.pubfin_scdl_stage s
       SET warnings = s.warnings || format('nomBeneficiaire: the beneficiary is the funder itself (%s)', s.beneficiary_key)
      FROM pg_temp.pubfin_scdl_org fo, pg_temp.pubfin_scdl_org bo
     WHERE s.reasons = '{}' AND fo.key = s.funder_key AND bo.key = s.beneficiary_key AND fo.id = bo.id;

    -- Split awards: the records of one award shared between beneficiaries
    -- (pourcentageSubvention < 1; same funder, decision, objet, date and
    -- montant: one split_key) split montant x the sum of their shares to
    -- the cent, by largest remainder, so that their amounts add up to it.
    -- Shares of the award loaded earlier keep their amounts, and the new
    -- ones split what remains of montant x all the shares; a second copy in
    -- the file, or a record already loaded or quarantined, is a duplicate.
    -- A share that gets no cent is rejected and the others split again
    -- without it.  Records whose shares add up to more than 1 cannot be one
    -- award: each keeps its own rounding.
    UPDATE pg_temp.pubfin_scdl_stage s
       SET split_key = md5(jsonb_build_array(fo.id, s.reference_decision, s.objet,
                                             coalesce(s.convention_date::text, s.fiscal_year::text),
                                             s.award::text)::text)
      FROM pg_temp.pubfin_scdl_org fo
     WHERE s.reasons = '{}' AND s.pourcentage < 1 AND fo.key = s.funder_key;
    LOOP
    WITH allocated AS (
    UPDATE pg_temp.pubfin_scdl_stage s
       SET montant = a.montant,
           reasons = CASE WHEN a.montant = '0'::@extschema@.amount
                          THEN s.reasons || format('montant: the share %s of a split award of %s rounds to 0.00', s.pourcentage, s.award)
                          ELSE s.reasons END
      FROM (SELECT g.line, @extschema@.allocate(g.remaining, g.pourcentage) OVER (PARTITION BY g.split_key ORDER BY g.line) AS montant
              FROM (SELECT n.line, n.pourcentage, n.split_key,
                           sum(n.pourcentage) OVER w + coalesce(l.shares, 0) AS shares,
                           n.award * (sum(n.pourcentage) OVER w + coalesce(l.shares, 0))
                             - coalesce(l.amount, '0'::@extschema@.amount) AS remaining
                      FROM pg_temp.pubfin_scdl_stage n
                      LEFT JOIN (SELECT x.split_key, sum(x.pourcentage_subvention) AS shares, sum(x.amount) AS amount
                                   FROM @extschema@.subsidy x
                                  WHERE x.split_key IN (SELECT split_key FROM pg_temp.pubfin_scdl_stage)
                                  GROUP BY x.split_key) l ON l.split_key = n.split_key
                     WHERE n.split_key IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM pg_temp.pubfin_scdl_stage c
                                        WHERE c.fingerprint = n.fingerprint AND c.line < n.line)
                       AND n.reasons = '{}'
                       AND NOT EXISTS (SELECT 1 FROM @extschema@.subsidy x WHERE x.fingerprint = n.fingerprint)
                       AND NOT EXISTS (SELECT 1 FROM @extschema@.scdl_reject j WHERE j.fingerprint = n.fingerprint)
                    WINDOW w AS (PARTITION BY n.split_key)) g
             WHERE g.shares <= 1 AND g.remaining >= '0'::@extschema@.amount) a
     WHERE a.line = s.line AND a.montant <> s.montant
    RETURNING s.montant = '0'::@extschema@.amount AS zero)
    SELECT count(*) FILTER (WHERE zero) INTO v_zeros FROM allocated;
    EXIT WHEN v_zeros = 0;
    END LOOP;

    -- Quarantine: every reason, the raw fields keyed by header.  A record
    -- already in quarantine (same fingerprint) is a duplicate.
    INSERT INTO @extschema@.scdl_reject (load_id, source, line, fields, reasons, warnings, fingerprint)
    SELECT v_load, source, s.line, s.fields, s.reasons,
           nullif(ARRAY(SELECT w FROM unnest(s.warnings) w WHERE w <> ALL (v_common)), '{}'), s.fingerprint
      FROM pg_temp.pubfin_scdl_stage s
     WHERE s.reasons <> '{}'
     ORDER BY s.line
    ON CONFLICT (fingerprint) DO NOTHING;
    GET DIAGNOSTICS v_rejected = ROW_COUNT;

    -- Decisions, by reference.
    INSERT INTO @extschema@.decision (funder_id, reference)
    SELECT DISTINCT fo.id, s.reference_decision
      FROM pg_temp.pubfin_scdl_stage s
      JOIN pg_temp.pubfin_scdl_org fo ON fo.key = s.funder_key
     WHERE s.reasons = '{}' AND s.reference_decision IS NOT NULL
    ON CONFLICT (funder_id, reference) DO NOTHING;
    -- This file's funders' decisions, in a table of our own whose
    -- statistics are fresh: decision's may say "empty" (analyzed before
    -- the first load), which would make the subsidy insert rescan it for
    -- every record.
    CREATE TEMP TABLE pubfin_scdl_decision ON COMMIT DROP AS
    SELECT d.id, d.funder_id, d.reference
      FROM @extschema@.decision d
     WHERE d.funder_id IN (SELECT o.id FROM pg_temp.pubfin_scdl_org o);
    ANALYZE pg_temp.pubfin_scdl_decision;

    -- Subsidies.  A record already loaded or quarantined (same
    -- fingerprint), or a second copy in this file, is a duplicate; under the
    -- lock, no other load can insert one meanwhile.
    WITH repeated AS (
        SELECT s.fingerprint, min(s.line) AS first_line
          FROM pg_temp.pubfin_scdl_stage s
         GROUP BY s.fingerprint HAVING count(*) > 1),
    inserted AS (
        INSERT INTO @extschema@.subsidy
               (funder_id, beneficiary_id, decision_id, object, fiscal_year, amount, nature,
                convention_date, payment_terms, payment_period, aid_scheme, rae_id, eu_notified,
                pourcentage_subvention, award_amount, split_key, source, line, load_id,
                fingerprint, warnings, extra)
        SELECT fo.id, bo.id, d.id, s.objet, s.fiscal_year, s.montant, s.nature::@extschema@.aid_nature,
               s.convention_date, s.conditions,
               CASE WHEN (s.payment_first IS NOT NULL OR s.payment_last IS NOT NULL)
                         AND (s.payment_first IS NULL OR s.payment_last IS NULL
                              OR s.payment_first <= s.payment_last)
                    THEN daterange(s.payment_first, s.payment_last, '[]') END,
               s.dispositif, s.id_rae, s.notification, s.pourcentage,
               CASE WHEN s.pourcentage < 1 THEN s.award END,
               s.split_key,
               source, s.line, v_load, s.fingerprint,
               nullif(ARRAY(SELECT w FROM unnest(s.warnings) w WHERE w <> ALL (v_common)), '{}'), s.extra
          FROM pg_temp.pubfin_scdl_stage s
          JOIN pg_temp.pubfin_scdl_org fo ON fo.key = s.funder_key
          JOIN pg_temp.pubfin_scdl_org bo ON bo.key = s.beneficiary_key
          LEFT JOIN pg_temp.pubfin_scdl_decision d
                 ON d.funder_id = fo.id AND d.reference = s.reference_decision
          LEFT JOIN repeated r ON r.fingerprint = s.fingerprint
         WHERE s.reasons = '{}'
           AND (r.first_line IS NULL OR r.first_line = s.line)
           AND NOT EXISTS (SELECT 1 FROM @extschema@.subsidy x WHERE x.fingerprint = s.fingerprint)
           AND NOT EXISTS (SELECT 1 FROM @extschema@.scdl_reject j WHERE j.fingerprint = s.fingerprint)
        RETURNING warnings IS NOT NULL AS warned)
    SELECT count(*)::integer, count(*) FILTER (WHERE i.warned)::integer
      INTO v_accepted, v_warned FROM inserted i;

    DROP TABLE pg_temp.pubfin_scdl_stage;
    DROP TABLE pg_temp.pubfin_scdl_org;
    DROP TABLE pg_temp.pubfin_scdl_decision;

    UPDATE @extschema@.load_log l
       SET finished_at = clock_timestamp(), records_read = v_read, accepted = v_accepted,
           accepted_with_warnings = v_warned, rejected = v_rejected, blank = v_blank,
           duplicates = v_read - v_blank - v_accepted - v_rejected
     WHERE l.id = v_load;

    RETURN QUERY SELECT v_load, v_read, v_accepted, v_warned, v_rejected,
                        v_read - v_blank - v_accepted - v_rejected, v_blank,
                        clock_timestamp() - v_started, v_header_warnings;
END;
$load$;
COMMENT ON FUNCTION @extschema@.load_scdl(bytea, text, text, jsonb, @extschema@.organization_kind) IS 'Load an SCDL subventions CSV given as bytes: in the stated encoding, or with none each line read as UTF-8, else WIN1252. Columns matched by header name (SCDL names and titles, scdl_synonym, the columns mapping {header: field}); accepted records become organizations (funders of funder_kind when given, else a kind derived from SIREN ranges and names), decisions and subsidies, the others go to scdl_reject with every reason; records already loaded count as duplicates. Returns the summary, also kept in load_log';

-- ---------------------------------------------------------------------------
-- load_scdl(text)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_scdl(content text, source text, columns jsonb DEFAULT NULL,
                                      funder_kind @extschema@.organization_kind DEFAULT NULL)
    RETURNS TABLE(load_id bigint, records_read integer, accepted integer,
                  accepted_with_warnings integer, rejected integer, duplicates integer,
                  blank integer, elapsed interval, header_warnings text[])
    LANGUAGE sql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $load$
    SELECT * FROM @extschema@.load_scdl(convert_to(content, 'UTF8'), source, 'UTF8', columns, funder_kind)
$load$;
COMMENT ON FUNCTION @extschema@.load_scdl(text, text, jsonb, @extschema@.organization_kind) IS 'Load an SCDL subventions CSV given as text (see load_scdl(bytea, ...)): columns matched by header name or the columns mapping; accepted records become organizations, decisions and subsidies, the others go to scdl_reject with every reason; records already loaded count as duplicates. Returns the summary, also kept in load_log';

-- ---------------------------------------------------------------------------
-- scdl_export
-- ---------------------------------------------------------------------------
CREATE VIEW @extschema@.scdl_export_unguarded AS
SELECT f.name AS "nomAttribuant",
       coalesce(f.siret::text, f.siren::text) AS "idAttribuant",
       to_char(s.convention_date, 'YYYY-MM-DD') AS "dateConvention",
       d.reference AS "referenceDecision",
       b.name AS "nomBeneficiaire",
       coalesce(b.siret::text, b.siren::text) AS "idBeneficiaire",
       b.rna::text AS "rnaBeneficiaire",
       s.object AS "objet",
       coalesce(s.award_amount, s.amount)::text AS "montant",
       @extschema@.scdl_nature_text(s.nature) AS "nature",
       s.payment_terms AS "conditionsVersement",
       CASE WHEN NOT lower_inf(s.payment_period) AND NOT upper_inf(s.payment_period)
            THEN to_char(lower(s.payment_period), 'YYYY-MM-DD')
                 || CASE WHEN upper(s.payment_period) - 1 <> lower(s.payment_period)
                         THEN '/' || to_char(upper(s.payment_period) - 1, 'YYYY-MM-DD') ELSE '' END
            ELSE s.extra ->> 'datesPeriodeVersement' END AS "datesPeriodeVersement",
       s.rae_id AS "idRAE",
       CASE s.eu_notified WHEN true THEN 'oui' WHEN false THEN 'non' END AS "notificationUE",
       s.pourcentage_subvention::text AS "pourcentageSubvention",
       s.aid_scheme AS "dispositifAide"
  FROM @extschema@.subsidy s
  JOIN @extschema@.organization f ON f.id = s.funder_id
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id
  LEFT JOIN @extschema@.decision d ON d.id = s.decision_id;
COMMENT ON VIEW @extschema@.scdl_export_unguarded IS 'scdl_export with values as stored: a value starting with =, +, -, @, tab or CR is not neutralised (only for tools that never evaluate formulas)';

-- CSV formula guard (OWASP): a cell that a spreadsheet would take for a
-- formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe.
CREATE FUNCTION @extschema@.scdl_csv_guard(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT CASE WHEN left(value, 1) IN ('=', '+', '-', '@', E'\t', E'\r') THEN '''' || value ELSE value END $$;
COMMENT ON FUNCTION @extschema@.scdl_csv_guard(text) IS 'A text cell made safe for spreadsheets (OWASP CSV injection): a value starting with =, +, -, @, tab or CR gets a leading apostrophe';

CREATE VIEW @extschema@.scdl_export AS
SELECT @extschema@.scdl_csv_guard(u."nomAttribuant") AS "nomAttribuant",
       u."idAttribuant", u."dateConvention",
       @extschema@.scdl_csv_guard(u."referenceDecision") AS "referenceDecision",
       @extschema@.scdl_csv_guard(u."nomBeneficiaire") AS "nomBeneficiaire",
       u."idBeneficiaire", u."rnaBeneficiaire",
       @extschema@.scdl_csv_guard(u."objet") AS "objet",
       u."montant", u."nature",
       @extschema@.scdl_csv_guard(u."conditionsVersement") AS "conditionsVersement",
       @extschema@.scdl_csv_guard(u."datesPeriodeVersement") AS "datesPeriodeVersement",
       -- idRAE has at most 5 characters: a guarded value that would not fit is left out
       CASE WHEN @extschema@.scdl_csv_guard(u."idRAE") = u."idRAE" OR char_length(u."idRAE") < 5
            THEN @extschema@.scdl_csv_guard(u."idRAE") END AS "idRAE",
       u."notificationUE", u."pourcentageSubvention",
       @extschema@.scdl_csv_guard(u."dispositifAide") AS "dispositifAide"
  FROM @extschema@.scdl_export_unguarded u;
COMMENT ON VIEW @extschema@.scdl_export IS 'The subsidies as SCDL subventions 2.1.1: its 16 columns in order, as text formatted as the schema requires, one row per beneficiary of each subsidy, with values a spreadsheet would take for a formula neutralised by a leading apostrophe (scdl_export(false) or scdl_export_unguarded: without); COPY (SELECT * FROM pubfin.scdl_export) TO STDOUT (FORMAT csv, HEADER) writes a publishable file';
COMMENT ON COLUMN @extschema@.scdl_export."nomAttribuant" IS 'Name of the funder';
COMMENT ON COLUMN @extschema@.scdl_export."idAttribuant" IS 'SIRET of the funder (its SIREN when only that is known, which SCDL does not allow)';
COMMENT ON COLUMN @extschema@.scdl_export."dateConvention" IS 'Date of the convention, YYYY-MM-DD; empty when only a year is known';
COMMENT ON COLUMN @extschema@.scdl_export."referenceDecision" IS 'Reference of the decision';
COMMENT ON COLUMN @extschema@.scdl_export."nomBeneficiaire" IS 'Name of the beneficiary';
COMMENT ON COLUMN @extschema@.scdl_export."idBeneficiaire" IS 'SIRET of the beneficiary (its SIREN when only that is known, which SCDL does not allow)';
COMMENT ON COLUMN @extschema@.scdl_export."rnaBeneficiaire" IS 'RNA number of the beneficiary';
COMMENT ON COLUMN @extschema@.scdl_export."objet" IS 'Object of the subsidy';
COMMENT ON COLUMN @extschema@.scdl_export."montant" IS 'The whole subsidy before its split between beneficiaries (award_amount, else amount), dot decimals';
COMMENT ON COLUMN @extschema@.scdl_export."nature" IS 'aide en numéraire, aide en nature, or both joined by ";"';
COMMENT ON COLUMN @extschema@.scdl_export."conditionsVersement" IS 'Payment terms';
COMMENT ON COLUMN @extschema@.scdl_export."datesPeriodeVersement" IS 'Payment date, or first/last dates; as written in the source when no date range could be stored';
COMMENT ON COLUMN @extschema@.scdl_export."idRAE" IS 'Number in the Répertoire des Aides aux Entreprises';
COMMENT ON COLUMN @extschema@.scdl_export."notificationUE" IS 'oui or non';
COMMENT ON COLUMN @extschema@.scdl_export."pourcentageSubvention" IS 'This beneficiary''s part of the subsidy, between 0.01 and 1';
COMMENT ON COLUMN @extschema@.scdl_export."dispositifAide" IS 'Identifier of the aid scheme';

COMMENT ON COLUMN @extschema@.scdl_export_unguarded."nomAttribuant" IS 'Name of the funder (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."idAttribuant" IS 'SIRET of the funder (its SIREN when only that is known, which SCDL does not allow) (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."dateConvention" IS 'Date of the convention, YYYY-MM-DD; empty when only a year is known (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."referenceDecision" IS 'Reference of the decision (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."nomBeneficiaire" IS 'Name of the beneficiary (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."idBeneficiaire" IS 'SIRET of the beneficiary (its SIREN when only that is known, which SCDL does not allow) (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."rnaBeneficiaire" IS 'RNA number of the beneficiary (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."objet" IS 'Object of the subsidy (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."montant" IS 'The whole subsidy before its split between beneficiaries (award_amount, else amount), dot decimals (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."nature" IS 'aide en numéraire, aide en nature, or both joined by ";" (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."conditionsVersement" IS 'Payment terms (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."datesPeriodeVersement" IS 'Payment date, or first/last dates; as written in the source when no date range could be stored (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."idRAE" IS 'Number in the Répertoire des Aides aux Entreprises (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."notificationUE" IS 'oui or non (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."pourcentageSubvention" IS 'This beneficiary''s part of the subsidy, between 0.01 and 1 (as stored)';
COMMENT ON COLUMN @extschema@.scdl_export_unguarded."dispositifAide" IS 'Identifier of the aid scheme (as stored)';

CREATE FUNCTION @extschema@.scdl_export(formula_guard boolean DEFAULT true)
    RETURNS SETOF @extschema@.scdl_export
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT * FROM @extschema@.scdl_export WHERE formula_guard
          UNION ALL
          SELECT * FROM @extschema@.scdl_export_unguarded WHERE NOT formula_guard $$;
COMMENT ON FUNCTION @extschema@.scdl_export(boolean) IS 'The rows of scdl_export; with formula_guard false, values as stored (a value starting with =, +, -, @, tab or CR is not neutralised)';

-- from sql/install/77_scdl_typed.sql
-- ===========================================================================
-- scdl_typed: the SCDL subventions 2.1.1 records of scdl_export with their
-- values typed for analysis (numbers, dates, booleans) and the money each
-- row really stands for.  scdl_export stays the schema-exact text for
-- publication; this view is built on the tables, not on it.
--
-- A subsidy split between several beneficiaries (SCDL pourcentageSubvention
-- < 1) is one row per beneficiary, and every row repeats the whole subsidy
-- as montant: summing scdl_export.montant counts such an award once per
-- beneficiary.  Here amount is each beneficiary's part (the parts of an
-- award add up to it to the cent) and award_amount the whole: sum amount.
-- ===========================================================================

CREATE VIEW @extschema@.scdl_typed AS
SELECT s.id AS subsidy_id,
       s.funder_id,
       f.name AS funder_name,
       coalesce(f.siret::text, f.siren::text) AS funder_identifier,
       s.convention_date,
       d.reference AS decision_reference,
       d.decided_on AS decision_date,
       s.beneficiary_id,
       b.name AS beneficiary_name,
       coalesce(b.siret::text, b.siren::text) AS beneficiary_identifier,
       b.rna::text AS beneficiary_rna,
       s.object,
       s.fiscal_year,
       s.currency::text AS currency,
       s.amount::numeric(20,2) AS amount,
       coalesce(s.award_amount, s.amount)::numeric(20,2) AS award_amount,
       s.pourcentage_subvention::numeric(21,20) AS pourcentage_subvention,
       s.split_key,
       s.nature::text AS nature,
       s.section::text AS section,
       s.payment_terms,
       CASE WHEN lower_inf(s.payment_period) THEN NULL ELSE lower(s.payment_period) END AS payment_start,
       CASE WHEN upper_inf(s.payment_period) THEN NULL ELSE upper(s.payment_period) - 1 END AS payment_end,
       s.rae_id,
       s.eu_notified,
       s.aid_scheme
  FROM @extschema@.subsidy s
  JOIN @extschema@.organization f ON f.id = s.funder_id
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id
  LEFT JOIN @extschema@.decision d ON d.id = s.decision_id;
COMMENT ON VIEW @extschema@.scdl_typed IS 'The records of scdl_export typed for analysis, one row per beneficiary of each subsidy: sum amount (each beneficiary''s part), not award_amount, which repeats a split subsidy on each of its rows as scdl_export.montant does';
COMMENT ON COLUMN @extschema@.scdl_typed.subsidy_id IS 'The subsidy (pubfin.subsidy.id)';
COMMENT ON COLUMN @extschema@.scdl_typed.funder_id IS 'Funder';
COMMENT ON COLUMN @extschema@.scdl_typed.funder_name IS 'SCDL nomAttribuant';
COMMENT ON COLUMN @extschema@.scdl_typed.funder_identifier IS 'SCDL idAttribuant: the funder''s SIRET, else its SIREN';
COMMENT ON COLUMN @extschema@.scdl_typed.convention_date IS 'SCDL dateConvention, a date';
COMMENT ON COLUMN @extschema@.scdl_typed.decision_reference IS 'SCDL referenceDecision';
COMMENT ON COLUMN @extschema@.scdl_typed.decision_date IS 'Date the decision was taken, when recorded (not in SCDL)';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_name IS 'SCDL nomBeneficiaire';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_identifier IS 'SCDL idBeneficiaire: the beneficiary''s SIRET, else its SIREN';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_rna IS 'SCDL rnaBeneficiaire';
COMMENT ON COLUMN @extschema@.scdl_typed.object IS 'SCDL objet';
COMMENT ON COLUMN @extschema@.scdl_typed.fiscal_year IS 'Fiscal year the subsidy is charged to';
COMMENT ON COLUMN @extschema@.scdl_typed.currency IS 'Currency of the amounts (ISO 4217)';
COMMENT ON COLUMN @extschema@.scdl_typed.amount IS 'This beneficiary''s part, montant x pourcentageSubvention to the cent (the parts of a split subsidy add up to it): the column to sum';
COMMENT ON COLUMN @extschema@.scdl_typed.award_amount IS 'SCDL montant: the whole subsidy, repeated on each row of a split subsidy; summing it counts a split subsidy once per beneficiary';
COMMENT ON COLUMN @extschema@.scdl_typed.pourcentage_subvention IS 'SCDL pourcentageSubvention: this beneficiary''s part of the subsidy, in (0, 1]';
COMMENT ON COLUMN @extschema@.scdl_typed.split_key IS 'Common key of the rows of one split subsidy; NULL for a single beneficiary. count(DISTINCT coalesce(split_key, subsidy_id::text)) counts awards';
COMMENT ON COLUMN @extschema@.scdl_typed.nature IS 'SCDL nature: cash (aide en numéraire), in_kind (aide en nature), cash_and_in_kind';
COMMENT ON COLUMN @extschema@.scdl_typed.section IS 'Budget section (operating or investment), when known (not in SCDL)';
COMMENT ON COLUMN @extschema@.scdl_typed.payment_terms IS 'SCDL conditionsVersement';
COMMENT ON COLUMN @extschema@.scdl_typed.payment_start IS 'First day of SCDL datesPeriodeVersement; NULL when unknown or open';
COMMENT ON COLUMN @extschema@.scdl_typed.payment_end IS 'Last day of SCDL datesPeriodeVersement (the same day for a single date); NULL when unknown or open';
COMMENT ON COLUMN @extschema@.scdl_typed.rae_id IS 'SCDL idRAE';
COMMENT ON COLUMN @extschema@.scdl_typed.eu_notified IS 'SCDL notificationUE as a boolean (oui = true, non = false, NULL when not given)';
COMMENT ON COLUMN @extschema@.scdl_typed.aid_scheme IS 'SCDL dispositifAide';

-- from sql/install/80_budget_accounts.sql
-- ===========================================================================
-- budget charts of accounts: the DGFiP "planDeCompte" XML files (M14, M57,
-- M52, M4x, M71...) as reference data, and how the section and chapter of a
-- budget line are resolved from them.  Read with PostgreSQL's own XML
-- support (XMLTABLE, libxml2): no other dependency.
-- ===========================================================================

-- ---- reading an XML file given as bytes -------------------------------------

-- The text of an XML file given as bytes, decoded in the encoding its prolog declares.
CREATE FUNCTION @extschema@.budget_xml_text(content bytea, source text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_head  text := pg_catalog.encode(pg_catalog.substr(content, 1, 300), 'escape');
    v_enc   text;
    v_text  text;
BEGIN
    -- the prolog is ASCII in every encoding PostgreSQL can convert from
    v_enc := (pg_catalog.regexp_match(v_head,
                 '^(?:\\357\\273\\277)?\s*<\?xml[^>]*?encoding\s*=\s*["'']([A-Za-z0-9._:-]+)["'']'))[1];
    v_enc := CASE WHEN v_enc IS NULL THEN 'UTF8'
                  WHEN pg_catalog.upper(v_enc) IN ('US-ASCII', 'ASCII') THEN 'UTF8'
                  ELSE v_enc END;
    IF pg_catalog.pg_char_to_encoding(v_enc) < 0 THEN
        RAISE EXCEPTION 'XML file "%" declares the encoding "%", which PostgreSQL cannot read', source, v_enc
            USING ERRCODE = '22023',
                  DETAIL = 'The encoding is taken from the XML prolog, <?xml version="1.0" encoding="..."?>.',
                  HINT = 'Convert the file to UTF-8 (e.g. iconv -t UTF-8) and fix its prolog, then load it again.';
    END IF;
    BEGIN
        v_text := pg_catalog.convert_from(content, v_enc);
    EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
        RAISE EXCEPTION 'XML file "%" is not valid %', source, v_enc
            USING ERRCODE = '22021',
                  DETAIL = SQLERRM,
                  HINT = 'Its prolog must name the encoding it is written in (UTF-8 or ISO-8859-1 for TOTEM files): fix the prolog or convert the file.';
    END;
    RETURN pg_catalog.ltrim(v_text, pg_catalog.chr(65279));
END
$$;
COMMENT ON FUNCTION @extschema@.budget_xml_text(bytea, text) IS 'The text of an XML file given as bytes, decoded in the encoding its prolog declares (UTF-8 when none); raises 22023 for an encoding PostgreSQL cannot read and 22021 for bytes invalid in it, naming the file (source)';

-- An XML file given as bytes, parsed as a document.
CREATE FUNCTION @extschema@.budget_xml(content bytea, source text) RETURNS xml
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    RETURN XMLPARSE(DOCUMENT @extschema@.budget_xml_text(content, source));
EXCEPTION WHEN invalid_xml_document OR invalid_xml_content OR invalid_xml_comment
               OR invalid_xml_processing_instruction THEN
    RAISE EXCEPTION 'file "%" is not a well-formed XML document', source
        USING ERRCODE = '2200M', DETAIL = SQLERRM,
              HINT = 'Check that the whole file was sent (not truncated) and that it is XML, not an HTML error page.';
END
$$;
COMMENT ON FUNCTION @extschema@.budget_xml(bytea, text) IS 'An XML file given as bytes, decoded per its prolog (budget_xml_text) and parsed as a document; raises 2200M naming the file when it is not well-formed';

-- ---- tables ----------------------------------------------------------------

CREATE TABLE @extschema@.account_chart (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nomenclature    text NOT NULL CHECK (nomenclature ~ '^[A-Za-z0-9]+$'),
    variant         text NOT NULL CHECK (btrim(variant) <> ''),
    year            integer NOT NULL CHECK (year BETWEEN 1980 AND 2200),
    source          text NOT NULL,
    content_sha256  text NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_chart_key UNIQUE (nomenclature, variant, year)
);
COMMENT ON TABLE @extschema@.account_chart IS 'A chart of accounts (DGFiP plan de comptes) of one nomenclature, variant and year, loaded by load_accounts()';
COMMENT ON COLUMN @extschema@.account_chart.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_chart.nomenclature IS 'Budget and accounting instruction (attribute Norme): M14, M57, M52, M4, M71...';
COMMENT ON COLUMN @extschema@.account_chart.variant IS 'Variant of the instruction (attribute Declinaison), e.g. M14_COM_500_3500, M57_A, M43_D';
COMMENT ON COLUMN @extschema@.account_chart.year IS 'Fiscal year the chart applies to, as the file states it (attribute Exer)';
COMMENT ON COLUMN @extschema@.account_chart.source IS 'Name of the loaded file';
COMMENT ON COLUMN @extschema@.account_chart.content_sha256 IS 'SHA-256 of the loaded bytes (hex): loading the same file again changes nothing';
COMMENT ON COLUMN @extschema@.account_chart.loaded_at IS 'When the chart was loaded';

CREATE TABLE @extschema@.account_chapter (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chart_id        bigint NOT NULL REFERENCES @extschema@.account_chart (id) ON DELETE CASCADE,
    vote            text NOT NULL CHECK (vote IN ('nature', 'function')),
    code            text NOT NULL,
    label           text,
    section         @extschema@.budget_section,
    chapter_type    text,
    special         boolean,
    CONSTRAINT account_chapter_key UNIQUE (chart_id, vote, code)
);
COMMENT ON TABLE @extschema@.account_chapter IS 'Chapters of a chart of accounts: the level at which a budget is voted';
COMMENT ON COLUMN @extschema@.account_chapter.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_chapter.chart_id IS 'The chart';
COMMENT ON COLUMN @extschema@.account_chapter.vote IS 'nature (Nature/Chapitres: 011, 65, 040...) or function (Fonction/Chapitres: 90x, 93x...)';
COMMENT ON COLUMN @extschema@.account_chapter.code IS 'Chapter code as published, e.g. "65", "040", "016"';
COMMENT ON COLUMN @extschema@.account_chapter.label IS 'Label of the chapter (Libelle)';
COMMENT ON COLUMN @extschema@.account_chapter.section IS 'Section of the chapter (Section F: operating, I: investment); NULL when the chart states neither';
COMMENT ON COLUMN @extschema@.account_chapter.chapter_type IS 'Type of chapter as published (TypeChapitre: G global, L, S, O operation...)';
COMMENT ON COLUMN @extschema@.account_chapter.special IS 'Special chapter (Special="1"), e.g. the APA and RSA chapters 016/017 of départements';

CREATE TABLE @extschema@.account_code (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chart_id        bigint NOT NULL REFERENCES @extschema@.account_chart (id) ON DELETE CASCADE,
    code            text NOT NULL,
    label           text,
    parent_code     text,
    deleted         boolean NOT NULL DEFAULT false,
    chapter_dr      text,
    chapter_rr      text,
    chapter_does    text,
    chapter_roes    text,
    chapter_dois    text,
    chapter_rois    text,
    CONSTRAINT account_code_key UNIQUE (chart_id, code)
);
COMMENT ON TABLE @extschema@.account_code IS 'Accounts (comptes par nature) of a chart, with their parent and the chapter they fall in for each direction and kind of operation';
COMMENT ON COLUMN @extschema@.account_code.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_code.chart_id IS 'The chart';
COMMENT ON COLUMN @extschema@.account_code.code IS 'Account code, e.g. "6574", "65748", "001"';
COMMENT ON COLUMN @extschema@.account_code.label IS 'Label of the account (Libelle)';
COMMENT ON COLUMN @extschema@.account_code.parent_code IS 'The account one level up (the enclosing Compte), NULL at the top';
COMMENT ON COLUMN @extschema@.account_code.deleted IS 'Marked Supprime="1" in the chart: kept for reading older documents, not to be used';
COMMENT ON COLUMN @extschema@.account_code.chapter_dr IS 'Chapter of a real expense on this account (DR); NULL when the account takes none';
COMMENT ON COLUMN @extschema@.account_code.chapter_rr IS 'Chapter of a real receipt (RR)';
COMMENT ON COLUMN @extschema@.account_code.chapter_does IS 'Chapter of an order expense between sections (DOES: 040, 042, 023)';
COMMENT ON COLUMN @extschema@.account_code.chapter_roes IS 'Chapter of an order receipt between sections (ROES: 040, 042, 021)';
COMMENT ON COLUMN @extschema@.account_code.chapter_dois IS 'Chapter of an order expense within a section (DOIS: 041, 043)';
COMMENT ON COLUMN @extschema@.account_code.chapter_rois IS 'Chapter of an order receipt within a section (ROIS: 041, 043)';

CREATE TABLE @extschema@.account_function (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chart_id        bigint NOT NULL REFERENCES @extschema@.account_chart (id) ON DELETE CASCADE,
    code            text NOT NULL,
    label           text,
    parent_code     text,
    CONSTRAINT account_function_key UNIQUE (chart_id, code)
);
COMMENT ON TABLE @extschema@.account_function IS 'Functional codes of a chart (RefFonctionnelles: 0 services généraux, 024 aide aux associations...)';
COMMENT ON COLUMN @extschema@.account_function.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_function.chart_id IS 'The chart';
COMMENT ON COLUMN @extschema@.account_function.code IS 'Function code, e.g. "024"';
COMMENT ON COLUMN @extschema@.account_function.label IS 'Label of the function';
COMMENT ON COLUMN @extschema@.account_function.parent_code IS 'The function one level up, NULL at the top';

-- Loaded charts are user data: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_chart', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_chart', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_chapter', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_chapter', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_code', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_code', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_function', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_function', 'id'), '');

-- ---- load_accounts ---------------------------------------------------------

CREATE FUNCTION @extschema@.load_accounts(content bytea, source text)
    RETURNS TABLE(chart_id bigint, nomenclature text, variant text, year integer,
                  chapters integer, accounts integer, functions integer, status text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_doc   xml;
    v_sha   text;
    v_norme text;
    v_decl  text;
    v_exer  text;
    v_year  integer;
    v_id    bigint;
    v_old   text;
    v_status text := 'loaded';
BEGIN
    IF content IS NULL OR source IS NULL OR btrim(source) = '' THEN
        RAISE EXCEPTION 'chart of accounts % is %', CASE WHEN content IS NULL THEN 'content' ELSE 'source name' END,
                        CASE WHEN content IS NULL OR source IS NULL THEN 'NULL' ELSE 'empty' END
            USING ERRCODE = '22004',
                  HINT = 'Pass the file''s bytes and its name, e.g. bin/pubfin-load-budget --accounts planDeCompte.xml.';
    END IF;
    v_sha := pg_catalog.encode(pg_catalog.sha256(content), 'hex');
    v_doc := @extschema@.budget_xml(content, source);

    SELECT x.norme, x.decl, x.exer INTO v_norme, v_decl, v_exer
      FROM XMLTABLE('/Nomenclature' PASSING v_doc
                    COLUMNS norme text PATH '@Norme', decl text PATH '@Declinaison', exer text PATH '@Exer') x;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'file "%" is not a chart of accounts: its root element is not Nomenclature', source
            USING ERRCODE = '22023',
                  HINT = 'load_accounts reads the DGFiP planDeCompte.xml files (<Nomenclature Norme="M14" Declinaison="..." Exer="...">); budget documents go to load_budget.';
    END IF;
    IF coalesce(btrim(v_norme), '') = '' OR coalesce(btrim(v_decl), '') = '' OR v_exer !~ '^\s*\d{4}\s*$' THEN
        RAISE EXCEPTION 'chart of accounts "%" does not name its nomenclature, variant and year: Norme="%", Declinaison="%", Exer="%"',
                        source, coalesce(v_norme, ''), coalesce(v_decl, ''), coalesce(v_exer, '')
            USING ERRCODE = '22023',
                  HINT = 'The root element must carry Norme (e.g. M57), Declinaison (e.g. M57_A) and Exer (a four-digit year).';
    END IF;
    v_norme := btrim(v_norme);
    v_decl := btrim(v_decl);
    v_year := btrim(v_exer)::integer;

    PERFORM pg_catalog.pg_advisory_xact_lock('@extschema@.account_chart'::regclass::oid::integer, 0);
    SELECT c.id, c.content_sha256 INTO v_id, v_old
      FROM @extschema@.account_chart c
     WHERE c.nomenclature = v_norme AND c.variant = v_decl AND c.year = v_year;
    IF FOUND AND v_old = v_sha THEN
        v_status := 'unchanged';
    ELSE
        IF FOUND THEN
            RAISE NOTICE 'chart % / % / % replaced by the one in "%"', v_norme, v_decl, v_year, source;
            DELETE FROM @extschema@.account_chart c WHERE c.id = v_id;
            v_status := 'replaced';
        END IF;
        INSERT INTO @extschema@.account_chart (nomenclature, variant, year, source, content_sha256)
        VALUES (v_norme, v_decl, v_year, source, v_sha)
        RETURNING id INTO v_id;

        INSERT INTO @extschema@.account_chapter (chart_id, vote, code, label, section, chapter_type, special)
        SELECT DISTINCT ON (x.vote, btrim(x.code))
               v_id, CASE x.vote WHEN 'Nature' THEN 'nature' ELSE 'function' END, btrim(x.code), x.label,
               CASE upper(btrim(x.section)) WHEN 'F' THEN 'operating'::@extschema@.budget_section
                                            WHEN 'I' THEN 'investment'::@extschema@.budget_section END,
               nullif(btrim(x.typ), ''), CASE btrim(x.special) WHEN '1' THEN true WHEN '0' THEN false END
          FROM XMLTABLE('/Nomenclature/*[self::Nature or self::Fonction]/Chapitres/Chapitre' PASSING v_doc
                        COLUMNS vote text PATH 'local-name(../..)',
                                code text PATH '@Code', label text PATH '@Libelle', section text PATH '@Section',
                                typ text PATH '@TypeChapitre', special text PATH '@Special',
                                n FOR ORDINALITY) x
         WHERE btrim(x.code) <> ''
         ORDER BY x.vote, btrim(x.code), x.n;

        INSERT INTO @extschema@.account_code (chart_id, code, label, parent_code, deleted, chapter_dr, chapter_rr,
                                              chapter_does, chapter_roes, chapter_dois, chapter_rois)
        SELECT DISTINCT ON (btrim(x.code))
               v_id, btrim(x.code), x.label, nullif(btrim(x.parent), ''), coalesce(btrim(x.supprime) = '1', false),
               nullif(btrim(x.dr), ''), nullif(btrim(x.rr), ''), nullif(btrim(x.does), ''),
               nullif(btrim(x.roes), ''), nullif(btrim(x.dois), ''), nullif(btrim(x.rois), '')
          FROM XMLTABLE('/Nomenclature/Nature/Comptes//Compte' PASSING v_doc
                        COLUMNS code text PATH '@Code', label text PATH '@Libelle', parent text PATH '../@Code',
                                supprime text PATH '@Supprime', dr text PATH '@DR', rr text PATH '@RR',
                                does text PATH '@DOES', roes text PATH '@ROES', dois text PATH '@DOIS',
                                rois text PATH '@ROIS', n FOR ORDINALITY) x
         WHERE btrim(x.code) <> ''
         ORDER BY btrim(x.code), x.n;

        INSERT INTO @extschema@.account_function (chart_id, code, label, parent_code)
        SELECT DISTINCT ON (btrim(x.code)) v_id, btrim(x.code), x.label, nullif(btrim(x.parent), '')
          FROM XMLTABLE('/Nomenclature//RefFonctionnelles//RefFonc' PASSING v_doc
                        COLUMNS code text PATH '@Code', label text PATH '@Libelle', parent text PATH '../@Code',
                                n FOR ORDINALITY) x
         WHERE btrim(x.code) <> ''
         ORDER BY btrim(x.code), x.n;
    END IF;

    RETURN QUERY
    SELECT v_id, v_norme, v_decl, v_year,
           (SELECT count(*)::integer FROM @extschema@.account_chapter c WHERE c.chart_id = v_id),
           (SELECT count(*)::integer FROM @extschema@.account_code a WHERE a.chart_id = v_id),
           (SELECT count(*)::integer FROM @extschema@.account_function f WHERE f.chart_id = v_id),
           v_status;
END
$$;
COMMENT ON FUNCTION @extschema@.load_accounts(bytea, text) IS 'Load a DGFiP chart of accounts (planDeCompte XML: nomenclature, variant, year, chapters with their section, accounts with their parent and chapter per direction and kind, functions); the same file again changes nothing (status unchanged), another file for the same nomenclature, variant and year replaces it (status replaced)';

-- ---- resolution ------------------------------------------------------------

-- The chart that applies to a document: same nomenclature and variant, nearest year.
CREATE FUNCTION @extschema@.account_chart_for(nomenclature text, variant text, year integer) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT c.id
      FROM @extschema@.account_chart c
     WHERE c.nomenclature OPERATOR(pg_catalog.=) $1
       AND (c.variant OPERATOR(pg_catalog.=) $2 OR c.variant OPERATOR(pg_catalog.=) $1)
     ORDER BY c.variant OPERATOR(pg_catalog.=) $2 DESC,
              pg_catalog.abs(c.year OPERATOR(pg_catalog.-) $3),
              c.year DESC
     LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.account_chart_for(text, text, integer) IS 'The chart of accounts for a document: same nomenclature and variant (else the nomenclature''s base variant, e.g. M57 for M57_A), nearest year (the later one on a tie); NULL when none is loaded';

-- The section of an account by its class alone.
CREATE FUNCTION @extschema@.account_class_section(account text) RETURNS @extschema@.budget_section
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE
        WHEN $1 IN ('001', '020', '021', '024') THEN 'investment'::@extschema@.budget_section
        WHEN $1 IN ('002', '022', '023') THEN 'operating'::@extschema@.budget_section
        WHEN $1 ~ '^[12345]' THEN 'investment'::@extschema@.budget_section
        WHEN $1 ~ '^[67]' THEN 'operating'::@extschema@.budget_section
    END
$$;
COMMENT ON FUNCTION @extschema@.account_class_section(text) IS 'The section of an account by its class, when no chart of accounts resolves it: 001, 020, 021, 024 and classes 1 to 5 investment; 002, 022, 023 and classes 6 and 7 operating; NULL otherwise';

-- The chapter of an account in a chart for one direction and kind of operation.
CREATE FUNCTION @extschema@.account_chapter_of(chart_id bigint, account text, direction @extschema@.budget_direction,
                                               is_order boolean, within_section boolean)
    RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE WHEN NOT $4 AND $3 = 'expense' THEN a.chapter_dr
                WHEN NOT $4 THEN a.chapter_rr
                WHEN $3 = 'expense' AND $5 THEN a.chapter_dois
                WHEN $3 = 'expense' THEN a.chapter_does
                WHEN $5 THEN a.chapter_rois
                ELSE a.chapter_roes END
      FROM @extschema@.account_code a
     WHERE a.chart_id OPERATOR(pg_catalog.=) $1 AND a.code OPERATOR(pg_catalog.=) $2
$$;
COMMENT ON FUNCTION @extschema@.account_chapter_of(bigint, text, @extschema@.budget_direction, boolean, boolean) IS 'The chapter an account falls in, in a chart, for a direction and kind of operation: real (DR/RR), order between sections (DOES/ROES, TypOpBudg 2) or within a section (DOIS/ROIS, TypOpBudg 1); NULL when the chart does not hold the account';

-- from sql/install/81_budget_documents.sql
-- ===========================================================================
-- budget documents: the budgets and accounts of local authorities as they
-- publish them (TOTEM / DocumentBudgetaire XML, CompteFinancierUnique XML,
-- SCDL "budget" 0.8.3 CSV), every amount column kept as published; lines
-- that cannot be read go to budget_reject; the CONCOURS annex (subsidies
-- granted) becomes subsidies of the authority.
--
-- budget_line (50_schema.sql) stays what it is: appropriations typed in by a
-- funder, to which awards are charged (subsidy.budget_line_id, the
-- appropriation check).  A published document is a different thing: its
-- lines carry several amounts each (voted, open credits, realised, carried
-- over), order operations and carry-overs, and must be kept exactly as
-- published to be checked.  The two are not merged; budget_issues keeps
-- judging budget_line and budget_document_issues judges documents.
-- ===========================================================================

CREATE TABLE @extschema@.budget_document (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format          text NOT NULL CHECK (format IN ('totem', 'scdl')),
    authority_id    bigint REFERENCES @extschema@.organization (id),
    authority_siret @extschema@.siret NOT NULL,
    authority_name  text,
    budget_siret    @extschema@.siret NOT NULL,
    budget_name     text,
    budget_kind     text CHECK (budget_kind IN ('principal', 'annex')),
    year            integer NOT NULL CHECK (year BETWEEN 1980 AND 2200),
    stage           text NOT NULL CHECK (stage IN ('BP', 'BS', 'DM', 'CA', 'CFU')),
    dm_number       integer CHECK (dm_number > 0),
    nomenclature    text,
    variant         text,
    vote_date       date,
    chart_id        bigint REFERENCES @extschema@.account_chart (id) ON DELETE SET NULL,
    source          text NOT NULL,
    content_sha256  text NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    lines           integer NOT NULL DEFAULT 0 CHECK (lines >= 0),
    rejected        integer NOT NULL DEFAULT 0 CHECK (rejected >= 0),
    warnings        text[],
    CONSTRAINT budget_document_dm_number CHECK (dm_number IS NULL OR stage = 'DM')
);
CREATE INDEX budget_document_budget_idx ON @extschema@.budget_document (budget_siret, year);
CREATE INDEX budget_document_authority_idx ON @extschema@.budget_document (authority_id, year);
CREATE INDEX budget_document_sha_idx ON @extschema@.budget_document (content_sha256);
COMMENT ON TABLE @extschema@.budget_document IS 'A published budget document of a local authority (BP, BS, DM, CA, CFU), loaded by load_budget()';
COMMENT ON COLUMN @extschema@.budget_document.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.budget_document.format IS 'totem (DocumentBudgetaire or CompteFinancierUnique XML) or scdl (SCDL budget CSV)';
COMMENT ON COLUMN @extschema@.budget_document.authority_id IS 'The authority as an organization (found or created by its SIRET): the funder of the CONCOURS subsidies';
COMMENT ON COLUMN @extschema@.budget_document.authority_siret IS 'SIRET of the authority (TOTEM IdColl; SCDL BGT_SIRET)';
COMMENT ON COLUMN @extschema@.budget_document.authority_name IS 'Name of the authority as published (LibelleColl, BGT_NOM)';
COMMENT ON COLUMN @extschema@.budget_document.budget_siret IS 'SIRET of the budget itself (TOTEM IdEtab; SCDL BGT_SIRET): a budget annex has its own';
COMMENT ON COLUMN @extschema@.budget_document.budget_name IS 'Name of the budget (LibelleEtab), e.g. BUDGET PRINCIPAL, LOTISSEMENT LE BOCENO';
COMMENT ON COLUMN @extschema@.budget_document.budget_kind IS 'principal or annex (TOTEM CodTypBud P/A, CFU TypeBC BP/BA); NULL when the document does not say (SCDL)';
COMMENT ON COLUMN @extschema@.budget_document.year IS 'Fiscal year (Exer, BGT_ANNEE)';
COMMENT ON COLUMN @extschema@.budget_document.stage IS 'BP budget primitif, BS budget supplémentaire, DM décision modificative, CA compte administratif, CFU compte financier unique (TOTEM NatDec 01, 03, 02, 09, 10)';
COMMENT ON COLUMN @extschema@.budget_document.dm_number IS 'Number of a DM (NumDec); NULL when not stated (SCDL)';
COMMENT ON COLUMN @extschema@.budget_document.nomenclature IS 'Budget and accounting instruction, e.g. M14, M57 (first part of TOTEM Nomenclature); NULL when not stated (SCDL)';
COMMENT ON COLUMN @extschema@.budget_document.variant IS 'Its variant, e.g. M14_COM_500_3500, M57_A';
COMMENT ON COLUMN @extschema@.budget_document.vote_date IS 'Date of the vote (DteDec)';
COMMENT ON COLUMN @extschema@.budget_document.chart_id IS 'The chart of accounts that resolved sections and chapters (nomenclature, variant, nearest year); NULL when none was loaded';
COMMENT ON COLUMN @extschema@.budget_document.source IS 'Name of the loaded file';
COMMENT ON COLUMN @extschema@.budget_document.content_sha256 IS 'SHA-256 of the loaded bytes (hex): loading the same file again changes nothing';
COMMENT ON COLUMN @extschema@.budget_document.loaded_at IS 'When the document was loaded';
COMMENT ON COLUMN @extschema@.budget_document.lines IS 'Lines loaded into budget_document_line';
COMMENT ON COLUMN @extschema@.budget_document.rejected IS 'Lines sent to budget_reject';
COMMENT ON COLUMN @extschema@.budget_document.warnings IS 'What the loader had to assume for the whole document (e.g. no chart of accounts: sections from account classes)';

CREATE TABLE @extschema@.budget_document_line (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id     bigint NOT NULL REFERENCES @extschema@.budget_document (id) ON DELETE CASCADE,
    line_no         integer NOT NULL CHECK (line_no > 0),
    account         text NOT NULL,
    account_label   text,
    chapter         text,
    function_code   text,
    operation       text,
    section         @extschema@.budget_section NOT NULL,
    section_from    text NOT NULL CHECK (section_from IN ('document', 'chart', 'account class')),
    direction       @extschema@.budget_direction NOT NULL,
    is_order        boolean NOT NULL,
    order_kind      text CHECK (order_kind IN ('between_sections', 'within_section')),
    planned         @extschema@.amount,
    previous_budget @extschema@.amount,
    rar_previous    @extschema@.amount,
    proposed        @extschema@.amount,
    credits         @extschema@.amount,
    realised        @extschema@.amount,
    rar_year_end    @extschema@.amount,
    specific        text,
    extra           jsonb,
    warnings        text[],
    CONSTRAINT budget_document_line_key UNIQUE (document_id, line_no),
    CONSTRAINT budget_document_line_order_kind CHECK (order_kind IS NULL OR is_order)
);
CREATE INDEX budget_document_line_account_idx ON @extschema@.budget_document_line (account);
COMMENT ON TABLE @extschema@.budget_document_line IS 'The lines of a budget document (TOTEM LigneBudget, one SCDL budget row), each amount column as published (NULL: not published)';
COMMENT ON COLUMN @extschema@.budget_document_line.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.budget_document_line.document_id IS 'The document';
COMMENT ON COLUMN @extschema@.budget_document_line.line_no IS 'Position of the line: the LigneBudget''s rank in the XML, the CSV line number';
COMMENT ON COLUMN @extschema@.budget_document_line.account IS 'Account by nature (TOTEM Nature, SCDL BGT_NATURE), e.g. 6574, 001, 1068';
COMMENT ON COLUMN @extschema@.budget_document_line.account_label IS 'Label of the account as published (LibCpte, BGT_NATURE_LABEL)';
COMMENT ON COLUMN @extschema@.budget_document_line.chapter IS 'Chapter (TOTEM ContNat, SCDL BGT_CONTNAT), else the chart''s chapter of the account for the direction and kind; an operation number for lines of opérations d''équipement';
COMMENT ON COLUMN @extschema@.budget_document_line.function_code IS 'Function code (Fonction, BGT_FONCTION)';
COMMENT ON COLUMN @extschema@.budget_document_line.operation IS 'Equipment operation (Operation, BGT_OPERATION)';
COMMENT ON COLUMN @extschema@.budget_document_line.section IS 'operating or investment: as stated (SCDL BGT_SECTION), else from the chart of accounts, else from the account class';
COMMENT ON COLUMN @extschema@.budget_document_line.section_from IS 'Where the section came from: document, chart or account class';
COMMENT ON COLUMN @extschema@.budget_document_line.direction IS 'expense (CodRD D, dépense) or receipt (R, recette)';
COMMENT ON COLUMN @extschema@.budget_document_line.is_order IS 'Order operation (OpBudg 1, ordre) rather than a real one (OpBudg 0, réel)';
COMMENT ON COLUMN @extschema@.budget_document_line.order_kind IS 'For an order operation: between_sections (TypOpBudg 2: 040/042, 023/021) or within_section (TypOpBudg 1: 041/043); NULL when not stated';
COMMENT ON COLUMN @extschema@.budget_document_line.planned IS 'MtPrev / BGT_MTPREV: amount voted by this document (in a DM, the change)';
COMMENT ON COLUMN @extschema@.budget_document_line.previous_budget IS 'MtBudgPrec / BGT_MTBUDGPREC: the budget before this document';
COMMENT ON COLUMN @extschema@.budget_document_line.rar_previous IS 'MtRARPrec / BGT_MTRARPREC: restes à réaliser carried over from the previous year';
COMMENT ON COLUMN @extschema@.budget_document_line.proposed IS 'MtPropNouv / BGT_MTPROPNOUV: new proposals';
COMMENT ON COLUMN @extschema@.budget_document_line.credits IS 'CredOuv / BGT_CREDOUV: credits open (voted, including restes à réaliser)';
COMMENT ON COLUMN @extschema@.budget_document_line.realised IS 'MtReal / BGT_MTREAL: realised (CA, CFU)';
COMMENT ON COLUMN @extschema@.budget_document_line.rar_year_end IS 'MtRAR3112 / BGT_MTRAR3112: restes à réaliser at 31 December';
COMMENT ON COLUMN @extschema@.budget_document_line.specific IS 'Specialised article (ArtSpe, BGT_ARTSPE) as published';
COMMENT ON COLUMN @extschema@.budget_document_line.extra IS 'Other values of the line as published, keyed by element and code (TOTEM MtSup and CaracSup, e.g. "MtSup BudgetHorsRAR")';
COMMENT ON COLUMN @extschema@.budget_document_line.warnings IS 'What the loader assumed for this line (e.g. section from the account class)';

CREATE TABLE @extschema@.budget_reject (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id     bigint REFERENCES @extschema@.budget_document (id) ON DELETE CASCADE,
    source          text NOT NULL,
    content_sha256  text NOT NULL,
    line_no         integer NOT NULL CHECK (line_no > 0),
    fields          jsonb NOT NULL,
    reasons         text[] NOT NULL CHECK (cardinality(reasons) > 0),
    rejected_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_reject_document_idx ON @extschema@.budget_reject (document_id);
CREATE INDEX budget_reject_sha_idx ON @extschema@.budget_reject (content_sha256);
COMMENT ON TABLE @extschema@.budget_reject IS 'Lines of budget documents that could not be read: nothing is dropped';
COMMENT ON COLUMN @extschema@.budget_reject.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.budget_reject.document_id IS 'The document the line belongs to; NULL when the line does not say which document (SCDL row without a valid SIRET, year or stage)';
COMMENT ON COLUMN @extschema@.budget_reject.source IS 'File the line came from';
COMMENT ON COLUMN @extschema@.budget_reject.content_sha256 IS 'SHA-256 of the file, so that loading it again adds nothing';
COMMENT ON COLUMN @extschema@.budget_reject.line_no IS 'Position of the line (LigneBudget rank, CSV line number)';
COMMENT ON COLUMN @extschema@.budget_reject.fields IS 'The raw values of the line';
COMMENT ON COLUMN @extschema@.budget_reject.reasons IS 'Every reason the line was rejected';
COMMENT ON COLUMN @extschema@.budget_reject.rejected_at IS 'When the line was rejected';

CREATE TABLE @extschema@.budget_concours (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id     bigint NOT NULL REFERENCES @extschema@.budget_document (id) ON DELETE CASCADE,
    position        integer NOT NULL CHECK (position > 0),
    article         text,
    section_code    text,
    legal_nature    text,
    beneficiary     text,
    beneficiary_siren @extschema@.siren,
    amount          @extschema@.amount,
    service_label   text,
    number          text,
    object          text,
    subsidy_id      bigint REFERENCES @extschema@.subsidy (id) ON DELETE SET NULL,
    warnings        text[],
    CONSTRAINT budget_concours_key UNIQUE (document_id, position)
);
CREATE INDEX budget_concours_subsidy_idx ON @extschema@.budget_concours (subsidy_id);
COMMENT ON TABLE @extschema@.budget_concours IS 'The CONCOURS annex of a TOTEM document: subsidies the authority granted (concours attribués à des tiers), one row per entry as published';
COMMENT ON COLUMN @extschema@.budget_concours.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.budget_concours.document_id IS 'The document';
COMMENT ON COLUMN @extschema@.budget_concours.position IS 'Rank of the entry in the annex';
COMMENT ON COLUMN @extschema@.budget_concours.article IS 'Account charged (CodArticle), e.g. 6574; NULL when not published';
COMMENT ON COLUMN @extschema@.budget_concours.section_code IS 'CodInvFonc as published: F operating, I investment';
COMMENT ON COLUMN @extschema@.budget_concours.legal_nature IS 'Legal nature of the beneficiary as coded in the annex (CodNatJurBenefCA)';
COMMENT ON COLUMN @extschema@.budget_concours.beneficiary IS 'Name of the beneficiary (LibOrgaBenef)';
COMMENT ON COLUMN @extschema@.budget_concours.beneficiary_siren IS 'SIREN of the beneficiary when the annex gives a valid SIREN or SIRET';
COMMENT ON COLUMN @extschema@.budget_concours.amount IS 'Amount (MtSubv)';
COMMENT ON COLUMN @extschema@.budget_concours.service_label IS 'LibPrestaNat as published';
COMMENT ON COLUMN @extschema@.budget_concours.number IS 'DenomOuNumSubv as published';
COMMENT ON COLUMN @extschema@.budget_concours.object IS 'Object of the subsidy (ObjSubv)';
COMMENT ON COLUMN @extschema@.budget_concours.subsidy_id IS 'The subsidy row made from this entry (CA and CFU entries with a positive amount); NULL otherwise';
COMMENT ON COLUMN @extschema@.budget_concours.warnings IS 'What could not be read in the entry';

-- Loaded documents are user data: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget_document', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.budget_document', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget_document_line', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.budget_document_line', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget_reject', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.budget_reject', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget_concours', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.budget_concours', 'id'), '');

-- A CONCOURS entry removed (its document deleted or replaced) takes its subsidy with it.
CREATE FUNCTION @extschema@.budget_concours_drop_subsidy() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    IF OLD.subsidy_id IS NOT NULL THEN
        DELETE FROM @extschema@.subsidy s WHERE s.id = OLD.subsidy_id;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.budget_concours_drop_subsidy() IS 'Trigger function: deleting a CONCOURS entry (e.g. with its document) deletes the subsidy that was made from it';
CREATE TRIGGER budget_concours_drop_subsidy AFTER DELETE ON @extschema@.budget_concours
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_concours_drop_subsidy();
COMMENT ON TRIGGER budget_concours_drop_subsidy ON @extschema@.budget_concours IS 'Deletes the subsidy made from a CONCOURS entry when the entry is deleted';

-- ---- shared steps ------------------------------------------------------------

-- One line of a document as read from its file, before validation.
CREATE TYPE @extschema@.budget_raw_line AS (
    line_no         integer,
    account         text,
    account_label   text,
    chapter         text,
    function_code   text,
    operation       text,
    direction       text,
    kind            text,
    order_type      text,
    section         text,
    planned         text,
    previous_budget text,
    rar_previous    text,
    proposed        text,
    credits         text,
    realised        text,
    rar_year_end    text,
    specific        text,
    extra           jsonb
);
COMMENT ON TYPE @extschema@.budget_raw_line IS 'One line of a budget document as read from its file (every value as text), passed from the format readers to budget_store_lines';

-- The organization kind of a French public body, from its category or its SIREN.
CREATE FUNCTION @extschema@.budget_authority_kind(category text, siret @extschema@.siret)
    RETURNS @extschema@.organization_kind
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE
        WHEN @extschema@.unaccent_fold($1) ~ '^(commune|ville|mairie)' THEN 'municipality'
        WHEN @extschema@.unaccent_fold($1) ~ '^departement' THEN 'department'
        WHEN @extschema@.unaccent_fold($1) ~ '^region' THEN 'region'
        WHEN @extschema@.unaccent_fold($1) ~ '(intercommunal|communaute|metropole|syndicat|epci)' THEN 'intercommunal'
        WHEN $2::text ~ '^21' THEN 'municipality'
        WHEN $2::text ~ '^22' THEN 'department'
        WHEN $2::text ~ '^23' THEN 'region'
        WHEN $2::text ~ '^2[45]' THEN 'intercommunal'
        ELSE 'public_body' END::@extschema@.organization_kind
$$;
COMMENT ON FUNCTION @extschema@.budget_authority_kind(text, @extschema@.siret) IS 'Organization kind of a local authority: from its published category (TOTEM NatCEPL: Commune, Département, EPCI...), else from its SIREN (21 commune, 22 département, 23 région, 24/25 groupement), else public_body';

-- The authority of a document as an organization: found by SIRET, created when absent.
CREATE FUNCTION @extschema@.budget_authority(siret @extschema@.siret, name text, category text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT o.id INTO v_id FROM @extschema@.organization o WHERE o.siret = budget_authority.siret;
    IF NOT FOUND THEN
        INSERT INTO @extschema@.organization (name, kind, siret, siren)
        VALUES (coalesce(nullif(btrim(name), ''), budget_authority.siret::text),
                @extschema@.budget_authority_kind(category, budget_authority.siret),
                budget_authority.siret, @extschema@.siren(budget_authority.siret))
        ON CONFLICT DO NOTHING
        RETURNING id INTO v_id;
        IF v_id IS NULL THEN
            SELECT o.id INTO v_id FROM @extschema@.organization o WHERE o.siret = budget_authority.siret;
        END IF;
    END IF;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION @extschema@.budget_authority(@extschema@.siret, text, text) IS 'The organization with this SIRET, created (named as published, kind from budget_authority_kind) when there is none; used by load_budget for the authority of a document';

-- Validate, resolve and store the lines of one document; rejects go to budget_reject.
CREATE FUNCTION @extschema@.budget_store_lines(document_id bigint, rows @extschema@.budget_raw_line[])
    RETURNS TABLE(lines integer, rejected integer)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_doc   @extschema@.budget_document;
    v_lines integer;
    v_rej   integer;
    v_chart_name text;
BEGIN
    SELECT d.* INTO v_doc FROM @extschema@.budget_document d WHERE d.id = budget_store_lines.document_id;
    v_chart_name := CASE WHEN v_doc.nomenclature IS NULL THEN 'the document does not name its nomenclature'
                         ELSE format('no chart of accounts %s / %s is loaded', v_doc.nomenclature, v_doc.variant) END;
    WITH raw AS (
        SELECT r.*, nullif(btrim(r.account), '') AS acc,
               CASE WHEN upper(btrim(r.direction)) IN ('D', 'DEPENSE', 'DÉPENSE') OR unaccent_fold(r.direction) = 'depense' THEN 'expense'
                    WHEN upper(btrim(r.direction)) IN ('R', 'RECETTE') OR unaccent_fold(r.direction) = 'recette' THEN 'receipt' END AS dir,
               CASE WHEN btrim(r.kind) = '0' OR unaccent_fold(r.kind) IN ('reel', 'reelle') THEN false
                    WHEN btrim(r.kind) = '1' OR unaccent_fold(r.kind) = 'ordre' THEN true END AS is_order,
               CASE btrim(r.order_type) WHEN '1' THEN 'within_section' WHEN '2' THEN 'between_sections' END AS okind,
               CASE WHEN unaccent_fold(r.section) IN ('fonctionnement', 'f') THEN 'operating'
                    WHEN unaccent_fold(r.section) IN ('investissement', 'i') THEN 'investment' END AS stated_section,
               nullif(btrim(r.chapter), '') AS stated_chapter
          FROM unnest(budget_store_lines.rows) r
    ), amounts AS (
        SELECT raw.*,
               array_remove(ARRAY[
                   CASE WHEN raw.acc IS NULL THEN 'no account (Nature, BGT_NATURE)' END,
                   CASE WHEN raw.dir IS NULL THEN format('direction %s is neither expense (D, dépense) nor receipt (R, recette)', coalesce(quote_literal(raw.direction), 'missing')) END,
                   CASE WHEN raw.is_order IS NULL THEN format('kind of operation %s is neither real (0, réel) nor order (1, ordre)', coalesce(quote_literal(raw.kind), 'missing')) END,
                   CASE WHEN raw.section IS NOT NULL AND btrim(raw.section) <> '' AND raw.stated_section IS NULL
                        THEN format('section %s is neither fonctionnement nor investissement', quote_literal(raw.section)) END,
                   'planned (MtPrev): ' || amount_error(nullif(btrim(raw.planned), '')),
                   'previous budget (MtBudgPrec): ' || amount_error(nullif(btrim(raw.previous_budget), '')),
                   'restes à réaliser N-1 (MtRARPrec): ' || amount_error(nullif(btrim(raw.rar_previous), '')),
                   'proposed (MtPropNouv): ' || amount_error(nullif(btrim(raw.proposed), '')),
                   'credits (CredOuv): ' || amount_error(nullif(btrim(raw.credits), '')),
                   'realised (MtReal): ' || amount_error(nullif(btrim(raw.realised), '')),
                   'restes à réaliser 31/12 (MtRAR3112): ' || amount_error(nullif(btrim(raw.rar_year_end), ''))
               ], NULL) AS reasons
          FROM raw
    ), resolved AS (
        SELECT a.*, ch.chapter AS chart_chapter, cs.section AS chart_section
          FROM amounts a
          LEFT JOIN LATERAL (
              SELECT coalesce(a.stated_chapter,
                              account_chapter_of(v_doc.chart_id, a.acc, a.dir::budget_direction, a.is_order,
                                                 coalesce(a.okind = 'within_section', false)),
                              CASE WHEN a.is_order AND a.okind IS NULL
                                   THEN account_chapter_of(v_doc.chart_id, a.acc, a.dir::budget_direction, true, true) END) AS chapter
               WHERE v_doc.chart_id IS NOT NULL AND a.dir IS NOT NULL AND a.is_order IS NOT NULL
          ) ch ON true
          LEFT JOIN LATERAL (
              -- the chapter's section; an operation number as chapter: the section of the account's own chapter
              SELECT coalesce(
                  (SELECT c.section FROM account_chapter c
                    WHERE c.chart_id = v_doc.chart_id AND c.vote = 'nature' AND c.code = ch.chapter),
                  (SELECT c.section FROM account_chapter c
                    WHERE c.chart_id = v_doc.chart_id AND c.vote = 'nature'
                      AND c.code = account_chapter_of(v_doc.chart_id, a.acc, a.dir::budget_direction, a.is_order,
                                                      coalesce(a.okind = 'within_section', false)))) AS section
          ) cs ON ch.chapter IS NOT NULL
    ), final AS (
        SELECT r.*,
               coalesce(r.stated_section::budget_section, r.chart_section, account_class_section(r.acc)) AS sec,
               CASE WHEN r.stated_section IS NOT NULL THEN 'document'
                    WHEN r.chart_section IS NOT NULL THEN 'chart'
                    ELSE 'account class' END AS sec_from
          FROM resolved r
    ), checked AS (
        SELECT f.*,
               f.reasons || CASE WHEN f.sec IS NULL AND f.acc IS NOT NULL
                                 THEN ARRAY[format('the section of account %s is not stated and cannot be resolved (%s, and its class says nothing)',
                                                   f.acc, CASE WHEN v_doc.chart_id IS NULL THEN v_chart_name ELSE 'not in the chart' END)]
                                 ELSE '{}'::text[] END AS all_reasons
          FROM final f
    ), ins AS (
        INSERT INTO budget_document_line (document_id, line_no, account, account_label, chapter, function_code, operation,
                                          section, section_from, direction, is_order, order_kind,
                                          planned, previous_budget, rar_previous, proposed, credits, realised, rar_year_end,
                                          specific, extra, warnings)
        SELECT budget_store_lines.document_id, c.line_no, c.acc, nullif(btrim(c.account_label), ''),
               coalesce(c.stated_chapter, c.chart_chapter), nullif(btrim(c.function_code), ''), nullif(btrim(c.operation), ''),
               c.sec, c.sec_from, c.dir::budget_direction, c.is_order, c.okind,
               nullif(btrim(c.planned), '')::amount, nullif(btrim(c.previous_budget), '')::amount,
               nullif(btrim(c.rar_previous), '')::amount, nullif(btrim(c.proposed), '')::amount,
               nullif(btrim(c.credits), '')::amount, nullif(btrim(c.realised), '')::amount,
               nullif(btrim(c.rar_year_end), '')::amount,
               nullif(btrim(c.specific), ''), nullif(c.extra, '{}'::jsonb),
               CASE WHEN c.sec_from = 'account class'
                    THEN ARRAY[format('section %s taken from the class of account %s: %s',
                                      c.sec, c.acc, CASE WHEN v_doc.chart_id IS NULL THEN v_chart_name ELSE 'the account is not in the chart' END)] END
          FROM checked c
         WHERE cardinality(c.all_reasons) = 0
        RETURNING 1
    ), rej AS (
        INSERT INTO budget_reject (document_id, source, content_sha256, line_no, fields, reasons)
        SELECT budget_store_lines.document_id, v_doc.source, v_doc.content_sha256, c.line_no,
               jsonb_strip_nulls(to_jsonb(ROW(c.line_no, c.account, c.account_label, c.chapter, c.function_code, c.operation,
                                              c.direction, c.kind, c.order_type, c.section, c.planned, c.previous_budget,
                                              c.rar_previous, c.proposed, c.credits, c.realised, c.rar_year_end,
                                              c.specific, c.extra)::budget_raw_line)),
               c.all_reasons
          FROM checked c
         WHERE cardinality(c.all_reasons) > 0
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM rej) INTO v_lines, v_rej;

    UPDATE budget_document d SET lines = v_lines, rejected = v_rej,
           warnings = CASE WHEN EXISTS (SELECT 1 FROM budget_document_line l
                                         WHERE l.document_id = d.id AND l.section_from = 'account class')
                           THEN array_append(d.warnings, format('sections of some lines taken from their account class: %s', v_chart_name))
                           ELSE d.warnings END
     WHERE d.id = budget_store_lines.document_id;
    RETURN QUERY SELECT v_lines, v_rej;
END
$$;
COMMENT ON FUNCTION @extschema@.budget_store_lines(bigint, @extschema@.budget_raw_line[]) IS 'Validate the raw lines of one document (account, direction, kind, every amount), resolve chapter and section (stated, else the document''s chart of accounts, else the account class with a warning), insert them into budget_document_line and the unreadable ones, with every reason, into budget_reject';

-- ---- TOTEM -------------------------------------------------------------------

-- One node of a TOTEM document as read in a single pass: the document itself
-- (header), a LigneBudget, one of its MtSup/CaracSup, or a CONCOURS entry.
CREATE TYPE @extschema@.budget_totem_node AS (
    n           integer,
    kind        text,
    root        text,
    id_coll     text,
    lib_coll    text,
    nat_cepl    text,
    id_etab     text,
    lib_etab    text,
    nomenclature text,
    nat_dec     text,
    num_dec     text,
    exer        text,
    dte_dec     text,
    typ_bud     text,
    type_bc     text,
    calculated  text,
    nature      text,
    lib         text,
    contnat     text,
    fonction    text,
    operation   text,
    codrd       text,
    opbudg      text,
    typopbudg   text,
    mtprev      text,
    mtbudgprec  text,
    mtrarprec   text,
    mtpropnouv  text,
    credouv     text,
    mtreal      text,
    mtrar3112   text,
    artspe      text,
    code        text,
    v           text,
    article     text,
    invfonc     text,
    natjur      text,
    benef       text,
    mtsubv      text,
    presta      text,
    num         text,
    obj         text,
    ident       text
);
COMMENT ON TYPE @extschema@.budget_totem_node IS 'One node of a TOTEM document read by budget_load_totem in a single XMLTABLE pass: the DocumentBudgetaire (header values), a LigneBudget, an MtSup or CaracSup of a line, or a CONCOURS entry';

-- Load one TOTEM document (DocumentBudgetaire, or the one inside a CompteFinancierUnique).
CREATE FUNCTION @extschema@.budget_load_totem(doc xml, source text, content_sha256 text)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    h       budget_totem_node;
    v_nodes budget_totem_node[];
    v_siret siret;
    v_bsiret siret;
    v_year  integer;
    v_stage text;
    v_nomen text;
    v_var   text;
    v_date  date;
    v_doc   bigint;
    v_org   bigint;
    v_rows  budget_raw_line[];
BEGIN
    -- one pass over the document (the root, or the root's child in a CompteFinancierUnique):
    -- the libxml2 node-set of a union is in document order, so each MtSup/CaracSup follows
    -- the LigneBudget it belongs to
    SELECT array_agg(ROW(x.*)::budget_totem_node ORDER BY x.n) INTO v_nodes
      FROM XMLTABLE(XMLNAMESPACES('http://www.minefi.gouv.fr/cp/demat/docbudgetaire' AS db),
                    '/db:DocumentBudgetaire | /*/db:DocumentBudgetaire
                     | /db:DocumentBudgetaire/db:Budget[1]/db:LigneBudget
                     | /*/db:DocumentBudgetaire/db:Budget[1]/db:LigneBudget
                     | /db:DocumentBudgetaire/db:Budget[1]/db:LigneBudget/*[self::db:MtSup or self::db:CaracSup]
                     | /*/db:DocumentBudgetaire/db:Budget[1]/db:LigneBudget/*[self::db:MtSup or self::db:CaracSup]
                     | /db:DocumentBudgetaire/db:Budget[1]/db:Annexes/db:DATA_CONCOURS/db:CONCOURS
                     | /*/db:DocumentBudgetaire/db:Budget[1]/db:Annexes/db:DATA_CONCOURS/db:CONCOURS'
                    PASSING budget_load_totem.doc
                    COLUMNS n FOR ORDINALITY,
                            kind text PATH 'local-name()',
                            root text PATH 'local-name(/*)',
                            id_coll text PATH 'db:EnTeteDocBudgetaire/db:IdColl/@V',
                            lib_coll text PATH 'db:EnTeteDocBudgetaire/db:LibelleColl/@V',
                            nat_cepl text PATH 'db:EnTeteDocBudgetaire/db:NatCEPL/@V',
                            id_etab text PATH 'db:Budget[1]/db:EnTeteBudget/db:IdEtab/@V',
                            lib_etab text PATH 'db:Budget[1]/db:EnTeteBudget/db:LibelleEtab/@V',
                            nomenclature text PATH 'db:Budget[1]/db:EnTeteBudget/db:Nomenclature/@V',
                            nat_dec text PATH 'db:Budget[1]/db:BlocBudget/db:NatDec/@V',
                            num_dec text PATH 'db:Budget[1]/db:BlocBudget/db:NumDec/@V',
                            exer text PATH 'db:Budget[1]/db:BlocBudget/db:Exer/@V',
                            dte_dec text PATH 'db:Budget[1]/db:BlocBudget/db:DteDec/@V',
                            typ_bud text PATH 'db:Budget[1]/db:BlocBudget/db:CodTypBud/@V',
                            type_bc text PATH '(self::db:DocumentBudgetaire/../*[local-name() = "DocumentComptable"]/*[local-name() = "EnteteComptable"]/*[local-name() = "Infos"]/*[local-name() = "Collectivite"]/@TypeBC)[1]',
                            calculated text PATH '@calculated',
                            nature text PATH 'db:Nature/@V', lib text PATH 'db:LibCpte/@V',
                            contnat text PATH 'db:ContNat/@V', fonction text PATH 'db:Fonction/@V',
                            operation text PATH 'db:Operation/@V', codrd text PATH 'db:CodRD/@V',
                            opbudg text PATH 'db:OpBudg/@V', typopbudg text PATH 'db:TypOpBudg/@V',
                            mtprev text PATH 'db:MtPrev/@V', mtbudgprec text PATH 'db:MtBudgPrec/@V',
                            mtrarprec text PATH 'db:MtRARPrec/@V', mtpropnouv text PATH 'db:MtPropNouv/@V',
                            credouv text PATH 'db:CredOuv/@V', mtreal text PATH 'db:MtReal/@V',
                            mtrar3112 text PATH 'db:MtRAR3112/@V', artspe text PATH 'db:ArtSpe/@V',
                            code text PATH '@Code', v text PATH '@V',
                            article text PATH 'db:CodArticle/@V', invfonc text PATH 'db:CodInvFonc/@V',
                            natjur text PATH 'db:CodNatJurBenefCA/@V', benef text PATH 'db:LibOrgaBenef/@V',
                            mtsubv text PATH 'db:MtSubv/@V', presta text PATH 'db:LibPrestaNat/@V',
                            num text PATH 'db:DenomOuNumSubv/@V', obj text PATH 'db:ObjSubv/@V',
                            ident text PATH '(*[contains(translate(local-name(), "sirentSIRENT", "SIRENTSIRENT"), "SIREN")
                                                or contains(translate(local-name(), "sirentSIRENT", "SIRENTSIRENT"), "SIRET")]/@V)[1]') x;
    h := v_nodes[1];
    IF h.kind IS DISTINCT FROM 'DocumentBudgetaire' THEN
        h.root := (xpath('local-name(/*)', budget_load_totem.doc))[1]::text;
        RAISE EXCEPTION 'XML file "%" is not a budget document: its root element is %', source, h.root
            USING ERRCODE = '22023',
                  DETAIL = 'load_budget reads TOTEM files: a DocumentBudgetaire (or a CompteFinancierUnique holding one) in the namespace http://www.minefi.gouv.fr/cp/demat/docbudgetaire.',
                  HINT = CASE WHEN h.root = 'Nomenclature' THEN 'This is a chart of accounts: load it with load_accounts.'
                              ELSE 'Check that this is the budget document an authority transmits (BP, BS, DM, CA, CFU).' END;
    END IF;
    IF siret_error(btrim(h.id_coll)) IS NOT NULL THEN
        RAISE EXCEPTION 'TOTEM file "%": the authority''s SIRET (IdColl) "%" is invalid', source, coalesce(h.id_coll, '')
            USING ERRCODE = '22023', DETAIL = coalesce(siret_error(btrim(h.id_coll)), 'IdColl is missing.'),
                  HINT = 'EnTeteDocBudgetaire/IdColl must hold the 14-digit SIRET of the authority.';
    END IF;
    v_siret := btrim(h.id_coll)::siret;
    v_bsiret := CASE WHEN siret_error(btrim(h.id_etab)) IS NULL THEN btrim(h.id_etab)::siret ELSE v_siret END;
    IF coalesce(h.exer, '') !~ '^\s*\d{4}\s*$' THEN
        RAISE EXCEPTION 'TOTEM file "%": the fiscal year (Exer) "%" is not a year', source, coalesce(h.exer, '')
            USING ERRCODE = '22023', HINT = 'BlocBudget/Exer must hold a four-digit year.';
    END IF;
    v_year := btrim(h.exer)::integer;
    v_stage := CASE ltrim(btrim(h.nat_dec), '0') WHEN '1' THEN 'BP' WHEN '2' THEN 'DM' WHEN '3' THEN 'BS'
                                                 WHEN '9' THEN 'CA' WHEN '10' THEN 'CFU' END;
    IF v_stage IS NULL THEN
        RAISE EXCEPTION 'TOTEM file "%": the kind of document (NatDec) "%" is not one pubfin reads', source, coalesce(h.nat_dec, '')
            USING ERRCODE = '22023',
                  DETAIL = 'Known: 01 budget primitif, 02 décision modificative, 03 budget supplémentaire, 09 compte administratif, 10 compte financier unique.',
                  HINT = 'Check BlocBudget/NatDec.';
    END IF;
    -- "M14-M14_COM_500_3500": nomenclature M14, variant M14_COM_500_3500; "M57_A" alone: M57 / M57_A
    IF strpos(coalesce(h.nomenclature, ''), '-') > 0 THEN
        v_nomen := nullif(btrim(split_part(h.nomenclature, '-', 1)), '');
        v_var := coalesce(nullif(btrim(substr(h.nomenclature, strpos(h.nomenclature, '-') + 1)), ''), v_nomen);
    ELSE
        v_var := nullif(btrim(h.nomenclature), '');
        v_nomen := substring(v_var FROM '^(M[0-9]+)');
    END IF;
    v_date := CASE WHEN btrim(h.dte_dec) ~ '^\d{4}-\d{2}-\d{2}$' THEN btrim(h.dte_dec)::date END;
    v_org := budget_authority(v_siret, h.lib_coll, h.nat_cepl);

    INSERT INTO budget_document (format, authority_id, authority_siret, authority_name, budget_siret, budget_name,
                                 budget_kind, year, stage, dm_number, nomenclature, variant, vote_date, chart_id,
                                 source, content_sha256)
    VALUES ('totem', v_org, v_siret, nullif(btrim(h.lib_coll), ''), v_bsiret, nullif(btrim(h.lib_etab), ''),
            CASE WHEN upper(btrim(h.typ_bud)) = 'P' OR upper(btrim(h.type_bc)) = 'BP' THEN 'principal'
                 WHEN upper(btrim(h.typ_bud)) = 'A' OR upper(btrim(h.type_bc)) = 'BA' THEN 'annex' END,
            v_year, v_stage,
            CASE WHEN v_stage = 'DM' AND btrim(h.num_dec) ~ '^\d{1,6}$' AND btrim(h.num_dec)::integer > 0 THEN btrim(h.num_dec)::integer END,
            v_nomen, v_var, v_date, account_chart_for(v_nomen, v_var, v_year),
            budget_load_totem.source, budget_load_totem.content_sha256)
    RETURNING id INTO v_doc;

    -- the lines (rank among the LigneBudget), with their MtSup/CaracSup; those the publisher
    -- marks calculated (totals) are not lines of the budget
    WITH node AS (
        SELECT x.*, count(*) FILTER (WHERE x.kind = 'LigneBudget') OVER (ORDER BY x.n) AS line
          FROM unnest(v_nodes) x
         WHERE x.kind IN ('LigneBudget', 'MtSup', 'CaracSup')
    ), extra AS (
        SELECT e.line, jsonb_object_agg(e.kind || coalesce(' ' || e.code, ''), e.v) AS extra
          FROM node e WHERE e.kind <> 'LigneBudget' GROUP BY e.line
    )
    SELECT array_agg(ROW(l.line, l.nature, l.lib, l.contnat, l.fonction, l.operation, l.codrd, l.opbudg, l.typopbudg,
                         NULL, l.mtprev, l.mtbudgprec, l.mtrarprec, l.mtpropnouv, l.credouv, l.mtreal, l.mtrar3112,
                         l.artspe, e.extra)::budget_raw_line ORDER BY l.line)
      INTO v_rows
      FROM node l LEFT JOIN extra e ON e.line = l.line
     WHERE l.kind = 'LigneBudget' AND coalesce(lower(btrim(l.calculated)), '') <> 'true';
    PERFORM budget_store_lines(v_doc, coalesce(v_rows, '{}'));

    -- the CONCOURS annex
    INSERT INTO budget_concours (document_id, position, article, section_code, legal_nature, beneficiary,
                                 beneficiary_siren, amount, service_label, number, object, warnings)
    SELECT v_doc, row_number() OVER (ORDER BY x.n), nullif(btrim(x.article), ''), nullif(btrim(x.invfonc), ''),
           nullif(btrim(x.natjur), ''), nullif(btrim(x.benef), ''),
           CASE WHEN regexp_replace(x.ident, '\s', '', 'g') ~ '^(\d{9}|\d{14})$'
                 AND siren_error(left(regexp_replace(x.ident, '\s', '', 'g'), 9)) IS NULL
                THEN left(regexp_replace(x.ident, '\s', '', 'g'), 9)::siren END,
           CASE WHEN amount_error(nullif(btrim(x.mtsubv), '')) IS NULL THEN nullif(btrim(x.mtsubv), '')::amount END,
           nullif(btrim(x.presta), ''), nullif(btrim(x.num), ''), nullif(btrim(x.obj), ''),
           nullif(array_remove(ARRAY[
               CASE WHEN nullif(btrim(x.mtsubv), '') IS NULL THEN 'no amount (MtSubv)' END,
               'amount (MtSubv): ' || amount_error(nullif(btrim(x.mtsubv), '')),
               CASE WHEN nullif(btrim(x.ident), '') IS NOT NULL
                     AND NOT (regexp_replace(x.ident, '\s', '', 'g') ~ '^(\d{9}|\d{14})$'
                              AND siren_error(left(regexp_replace(x.ident, '\s', '', 'g'), 9)) IS NULL)
                    THEN format('beneficiary identifier %s is not a valid SIREN or SIRET: ignored', quote_literal(x.ident)) END
           ], NULL), '{}')
      FROM unnest(v_nodes) x
     WHERE x.kind = 'CONCOURS';
    RETURN v_doc;
END
$$;
COMMENT ON FUNCTION @extschema@.budget_load_totem(xml, text, text) IS 'Load one TOTEM document (header, LigneBudget lines except those marked calculated, with their MtSup and CaracSup, CONCOURS annex) from a parsed DocumentBudgetaire or CompteFinancierUnique, read in one XMLTABLE pass; returns the new document''s id; used by load_budget';

-- ---- CONCOURS -> subsidies ------------------------------------------------------

-- Make subsidies of the authority from the CONCOURS entries of a CA or CFU.
CREATE FUNCTION @extschema@.budget_concours_subsidies(document_id bigint) RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_doc budget_document;
    v_n   integer;
BEGIN
    SELECT d.* INTO v_doc FROM budget_document d WHERE d.id = budget_concours_subsidies.document_id;
    IF v_doc.stage NOT IN ('CA', 'CFU') OR v_doc.authority_id IS NULL THEN
        RETURN 0;
    END IF;
    -- beneficiaries: by SIREN, else by name (case-insensitive) among organizations without identifier
    WITH entry AS (
        SELECT c.position, c.beneficiary, c.beneficiary_siren,
               CASE WHEN c.beneficiary_siren IS NOT NULL
                    THEN (SELECT min(o.id) FROM organization o WHERE o.siren = c.beneficiary_siren)
                    ELSE (SELECT min(o.id) FROM organization o
                           WHERE lower(o.name) = lower(c.beneficiary) AND o.siret IS NULL AND o.siren IS NULL) END AS found
          FROM budget_concours c
         WHERE c.document_id = budget_concours_subsidies.document_id AND c.beneficiary IS NOT NULL AND c.amount > 0
    ), created AS (
        INSERT INTO organization (name, kind, siren)
        SELECT DISTINCT ON (coalesce('siren:' || e.beneficiary_siren::text, 'name:' || lower(e.beneficiary)))
               e.beneficiary, 'other', e.beneficiary_siren
          FROM entry e
         WHERE e.found IS NULL
         ORDER BY coalesce('siren:' || e.beneficiary_siren::text, 'name:' || lower(e.beneficiary)), e.position
        RETURNING id, coalesce('siren:' || siren::text, 'name:' || lower(name)) AS key
    ), resolved AS (
        SELECT e.position, coalesce(e.found, cr.id) AS beneficiary_id
          FROM entry e
          LEFT JOIN created cr ON cr.key = coalesce('siren:' || e.beneficiary_siren::text, 'name:' || lower(e.beneficiary))
    ), made AS (
        INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, section, source, line,
                             fingerprint, extra)
        SELECT v_doc.authority_id, r.beneficiary_id, coalesce(c.object, c.service_label), v_doc.year, c.amount,
               CASE upper(c.section_code) WHEN 'F' THEN 'operating'::budget_section WHEN 'I' THEN 'investment'::budget_section END,
               v_doc.source, c.position,
               substr(encode(sha256(convert_to(v_doc.content_sha256 || ':concours:' || c.position, 'UTF8')), 'hex'), 1, 32)::uuid,
               jsonb_strip_nulls(jsonb_build_object('budget_document_id', v_doc.id, 'article', c.article))
          FROM resolved r
          JOIN budget_concours c ON c.document_id = budget_concours_subsidies.document_id AND c.position = r.position
         WHERE r.beneficiary_id IS NOT NULL AND r.beneficiary_id <> v_doc.authority_id
        ON CONFLICT (fingerprint) DO NOTHING
        RETURNING id, line
    )
    UPDATE budget_concours c SET subsidy_id = m.id
      FROM made m
     WHERE c.document_id = budget_concours_subsidies.document_id AND c.position = m.line;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    RETURN v_n;
END
$$;
COMMENT ON FUNCTION @extschema@.budget_concours_subsidies(bigint) IS 'Record the CONCOURS entries of a CA or CFU (what was actually granted in the year) as subsidies: funder the authority, beneficiary found by SIREN or name (created, kind other, when absent), fiscal year of the document, amount, object, section from CodInvFonc; the entry keeps the link (budget_concours.subsidy_id). Entries of BP, BS and DM (forecasts) stay in budget_concours only';

-- ---- SCDL budget CSV ------------------------------------------------------------

-- Load the documents of an SCDL budget CSV (one per SIRET, year and stage it holds).
CREATE FUNCTION @extschema@.budget_load_scdl(content text, source text, content_sha256 text)
    RETURNS bigint[]
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_header text[];
    v_names  text[] := ARRAY['BGT_NATDEC', 'BGT_ANNEE', 'BGT_SIRET', 'BGT_NOM', 'BGT_CONTNAT', 'BGT_CONTNAT_LABEL',
                             'BGT_NATURE', 'BGT_NATURE_LABEL', 'BGT_FONCTION', 'BGT_FONCTION_LABEL', 'BGT_OPERATION',
                             'BGT_SECTION', 'BGT_OPBUDG', 'BGT_CODRD', 'BGT_MTREAL', 'BGT_MTBUDGPREC', 'BGT_MTRARPREC',
                             'BGT_MTPROPNOUV', 'BGT_MTPREV', 'BGT_CREDOUV', 'BGT_MTRAR3112', 'BGT_ARTSPE'];
    p        integer[];
    v_missing text[];
    v_docs   bigint[] := '{}';
    g        record;
    v_doc    bigint;
    v_rows   budget_raw_line[];
BEGIN
    SELECT r.fields INTO v_header FROM csv_records(budget_load_scdl.content) r WHERE r.error IS NULL ORDER BY r.line_no LIMIT 1;
    IF v_header IS NULL THEN
        RAISE EXCEPTION 'SCDL budget file "%" is empty', source
            USING ERRCODE = '22023', HINT = 'Send the whole CSV file, header line included.';
    END IF;
    -- position of each field by name (case and spaces ignored)
    SELECT array_agg((SELECT min(h.i) FROM unnest(v_header) WITH ORDINALITY h(name, i)
                       WHERE upper(btrim(h.name)) = n.name) ORDER BY n.i)
      INTO p FROM unnest(v_names) WITH ORDINALITY n(name, i);
    SELECT array_agg(v_names[i]) INTO v_missing
      FROM generate_subscripts(v_names, 1) i
     WHERE p[i] IS NULL AND v_names[i] IN ('BGT_NATDEC', 'BGT_ANNEE', 'BGT_SIRET', 'BGT_NATURE', 'BGT_CODRD', 'BGT_OPBUDG');
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'SCDL budget file "%" lacks the column%: %', source,
                        CASE WHEN cardinality(v_missing) > 1 THEN 's' ELSE '' END, array_to_string(v_missing, ', ')
            USING ERRCODE = '22023',
                  DETAIL = format('Its header is: %s', array_to_string(v_header, ', ')),
                  HINT = 'An SCDL budget 0.8.3 file starts with the header BGT_NATDEC,BGT_ANNEE,BGT_SIRET,... (schema.data.gouv.fr, scdl/budget).';
    END IF;

    -- the documents: one per SIRET, year and stage
    FOR g IN
        WITH rec AS (
            SELECT r.line_no, r.fields, r.error,
                   btrim(r.fields[p[3]]) AS siret_raw, btrim(r.fields[p[2]]) AS year_raw,
                   CASE unaccent_fold(r.fields[p[1]])
                        WHEN 'budget primitif' THEN 'BP' WHEN 'budget supplementaire' THEN 'BS'
                        WHEN 'decision modificative' THEN 'DM' WHEN 'compte administratif' THEN 'CA'
                        WHEN 'compte financier unique' THEN 'CFU' END AS stage
              FROM csv_records(budget_load_scdl.content) r
             WHERE r.line_no > 1
        )
        SELECT rec.siret_raw, rec.year_raw::integer AS year, rec.stage,
               (array_agg(btrim(rec.fields[p[4]]) ORDER BY rec.line_no))[1] AS name
          FROM rec
         WHERE rec.error IS NULL AND siret_error(rec.siret_raw) IS NULL AND rec.year_raw ~ '^\d{4}$'
           AND rec.year_raw::integer BETWEEN 1980 AND 2200 AND rec.stage IS NOT NULL
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3
    LOOP
        INSERT INTO budget_document (format, authority_id, authority_siret, authority_name, budget_siret, budget_name,
                                     year, stage, source, content_sha256, warnings)
        VALUES ('scdl', budget_authority(g.siret_raw::siret, g.name, NULL), g.siret_raw::siret, nullif(g.name, ''),
                g.siret_raw::siret, nullif(g.name, ''), g.year, g.stage, budget_load_scdl.source,
                budget_load_scdl.content_sha256,
                ARRAY['SCDL budget files do not state the nomenclature: sections not stated are taken from the account class'])
        RETURNING id INTO v_doc;
        v_docs := v_docs || v_doc;

        SELECT array_agg(ROW(r.line_no, r.fields[p[7]], r.fields[p[8]], r.fields[p[5]], r.fields[p[9]], r.fields[p[11]],
                             r.fields[p[14]], r.fields[p[13]], NULL, r.fields[p[12]],
                             r.fields[p[19]], r.fields[p[16]], r.fields[p[17]], r.fields[p[18]], r.fields[p[20]],
                             r.fields[p[15]], r.fields[p[21]], r.fields[p[22]],
                             jsonb_strip_nulls(jsonb_build_object('BGT_CONTNAT_LABEL', nullif(r.fields[p[6]], ''),
                                                                  'BGT_FONCTION_LABEL', nullif(r.fields[p[10]], ''))))::budget_raw_line
                         ORDER BY r.line_no)
          INTO v_rows
          FROM csv_records(budget_load_scdl.content) r
         WHERE r.line_no > 1 AND r.error IS NULL
           AND btrim(r.fields[p[3]]) = g.siret_raw AND btrim(r.fields[p[2]]) = g.year::text
           AND CASE unaccent_fold(r.fields[p[1]])
                    WHEN 'budget primitif' THEN 'BP' WHEN 'budget supplementaire' THEN 'BS'
                    WHEN 'decision modificative' THEN 'DM' WHEN 'compte administratif' THEN 'CA'
                    WHEN 'compte financier unique' THEN 'CFU' END = g.stage;
        PERFORM budget_store_lines(v_doc, coalesce(v_rows, '{}'));
    END LOOP;

    -- records that name no readable document, or that the CSV reader could not split
    INSERT INTO budget_reject (document_id, source, content_sha256, line_no, fields, reasons)
    SELECT NULL, budget_load_scdl.source, budget_load_scdl.content_sha256, r.line_no,
           coalesce((SELECT jsonb_object_agg(coalesce(v_header[i], 'column ' || i), r.fields[i])
                       FROM generate_subscripts(r.fields, 1) i), '{}'::jsonb),
           array_remove(ARRAY[
               'CSV: ' || r.error,
               CASE WHEN r.error IS NULL AND siret_error(btrim(r.fields[p[3]])) IS NOT NULL
                    THEN 'BGT_SIRET: ' || siret_error(btrim(r.fields[p[3]])) END,
               CASE WHEN r.error IS NULL AND NOT coalesce(btrim(r.fields[p[2]]) ~ '^\d{4}$' AND btrim(r.fields[p[2]])::integer BETWEEN 1980 AND 2200, false)
                    THEN format('BGT_ANNEE %s is not a year', coalesce(quote_literal(r.fields[p[2]]), 'missing')) END,
               CASE WHEN r.error IS NULL AND unaccent_fold(r.fields[p[1]]) IS DISTINCT FROM 'budget primitif'
                     AND unaccent_fold(r.fields[p[1]]) IS DISTINCT FROM 'budget supplementaire'
                     AND unaccent_fold(r.fields[p[1]]) IS DISTINCT FROM 'decision modificative'
                     AND unaccent_fold(r.fields[p[1]]) IS DISTINCT FROM 'compte administratif'
                     AND unaccent_fold(r.fields[p[1]]) IS DISTINCT FROM 'compte financier unique'
                    THEN format('BGT_NATDEC %s is not a kind of budget document (budget primitif, budget supplémentaire, décision modificative, compte administratif, compte financier unique)',
                                coalesce(quote_literal(r.fields[p[1]]), 'missing')) END
           ], NULL)
      FROM csv_records(budget_load_scdl.content) r
     WHERE r.line_no > 1
       AND (r.error IS NOT NULL OR siret_error(btrim(r.fields[p[3]])) IS NOT NULL
            OR NOT coalesce(btrim(r.fields[p[2]]) ~ '^\d{4}$' AND btrim(r.fields[p[2]])::integer BETWEEN 1980 AND 2200, false)
            OR coalesce(unaccent_fold(r.fields[p[1]]), '') NOT IN ('budget primitif', 'budget supplementaire',
                                                                  'decision modificative', 'compte administratif',
                                                                  'compte financier unique'));
    RETURN v_docs;
END
$$;
COMMENT ON FUNCTION @extschema@.budget_load_scdl(text, text, text) IS 'Load an SCDL budget 0.8.3 CSV as published (columns by name, stage names in any case, empty sections resolved from the account class, BGT_CONTNAT read as the chapter and BGT_NATURE as the account): one document per SIRET, year and stage; records naming no readable document go to budget_reject; returns the new documents'' ids; used by load_budget';

-- ---- load_budget -----------------------------------------------------------------

CREATE FUNCTION @extschema@.load_budget(content bytea, source text)
    RETURNS TABLE(document_id bigint, format text, budget_siret text, year integer, stage text, dm_number integer,
                  lines integer, rejected integer, concours integer, subsidies integer, status text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_sha   text;
    v_head  text;
    v_docs  bigint[];
    v_doc   xml;
    v_text  text;
    v_status text := 'loaded';
    d       bigint;
BEGIN
    IF content IS NULL OR source IS NULL OR btrim(source) = '' THEN
        RAISE EXCEPTION 'budget document % is %', CASE WHEN content IS NULL THEN 'content' ELSE 'source name' END,
                        CASE WHEN content IS NULL OR source IS NULL THEN 'NULL' ELSE 'empty' END
            USING ERRCODE = '22004',
                  HINT = 'Pass the file''s bytes and its name, e.g. bin/pubfin-load-budget FILE, or in psql: \set f `base64 -w0 < FILE` then load_budget(decode(:''f'', ''base64''), ''FILE'').';
    END IF;
    IF current_setting('transaction_isolation') NOT IN ('read committed', 'read uncommitted') THEN
        RAISE EXCEPTION 'load_budget cannot run at isolation level %', upper(current_setting('transaction_isolation'))
            USING ERRCODE = '25000',
                  DETAIL = 'A load that waited for another one would not see the documents and organizations it inserted.',
                  HINT = 'Call it in a READ COMMITTED transaction (the default).';
    END IF;
    v_sha := encode(sha256(content), 'hex');
    -- one load at a time, so that the same file loaded twice at once is loaded once
    PERFORM pg_advisory_xact_lock('@extschema@.budget_document'::regclass::oid::integer, 0);

    v_docs := ARRAY(SELECT b.id FROM budget_document b WHERE b.content_sha256 = v_sha ORDER BY b.id);
    IF cardinality(v_docs) > 0 OR EXISTS (SELECT 1 FROM budget_reject r WHERE r.content_sha256 = v_sha) THEN
        v_status := 'unchanged';
    ELSE
        v_head := encode(substr(content, 1, 300), 'escape');
        IF v_head ~ '^(\\357\\273\\277)?\s*<' THEN
            v_doc := budget_xml(content, source);
            v_docs := ARRAY[budget_load_totem(v_doc, source, v_sha)];
        ELSE
            BEGIN
                v_text := convert_from(content, 'UTF8');
            EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
                RAISE EXCEPTION 'SCDL budget file "%" is not valid UTF-8', source
                    USING ERRCODE = '22021', DETAIL = SQLERRM,
                          HINT = 'SCDL files are UTF-8: convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8.';
            END;
            v_docs := budget_load_scdl(v_text, source, v_sha);
        END IF;
        FOREACH d IN ARRAY v_docs LOOP
            PERFORM budget_concours_subsidies(d);
        END LOOP;
    END IF;

    RETURN QUERY
    SELECT b.id, b.format, b.budget_siret::text, b.year, b.stage, b.dm_number, b.lines, b.rejected,
           (SELECT count(*)::integer FROM budget_concours c WHERE c.document_id = b.id),
           (SELECT count(c.subsidy_id)::integer FROM budget_concours c WHERE c.document_id = b.id),
           v_status
      FROM budget_document b
     WHERE b.id = ANY (v_docs)
     ORDER BY b.id;
    IF cardinality(v_docs) = 0 THEN
        RAISE WARNING 'budget file "%" holds no readable document: every record is in budget_reject', source;
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.load_budget(bytea, text) IS 'Load a budget document as published: TOTEM DocumentBudgetaire or CompteFinancierUnique XML (encoding from the XML prolog) or SCDL budget 0.8.3 CSV (UTF-8), recognised from the content; lines that cannot be read go to budget_reject; the CONCOURS annex of a CA or CFU becomes subsidies of the authority; the same file loaded again changes nothing (status unchanged). One row per document';

-- from sql/install/82_budget_checks.sql
-- ===========================================================================
-- budget document checks: the sums a published budget must satisfy, as rules
-- with their legal sources (rows of pubfin.rule), reported by
-- budget_document_issues and, with every other issue, by issues.
-- ===========================================================================

-- ---- the amounts each check reads, one row per line -------------------------
CREATE VIEW @extschema@.budget_document_amounts AS
SELECT l.document_id,
       l.line_no,
       d.budget_siret::text AS budget_siret,
       d.year,
       d.stage::text AS stage,
       l.section::text AS section,
       l.direction::text AS direction,
       (CASE WHEN l.is_order THEN 'order' ELSE 'real' END)::text AS operation_kind,
       l.account,
       l.chapter,
       l.function_code,
       -- credits voted: CA and CFU open credits; a DM the budget after it; BP and BS the
       -- open credits, else the amount voted plus the restes à réaliser carried over
       (CASE WHEN d.stage IN ('CA', 'CFU') THEN coalesce(l.credits::numeric, 0)
             WHEN d.stage = 'DM' THEN coalesce(l.previous_budget::numeric, 0) + coalesce(l.planned::numeric, 0)
             ELSE coalesce(l.credits::numeric, coalesce(l.planned::numeric, 0) + coalesce(l.rar_previous::numeric, 0)) END
       )::numeric(20,2) AS voted,
       (CASE WHEN d.stage IN ('DM', 'BS') THEN coalesce(l.planned::numeric, 0) END)::numeric(20,2) AS change,
       (CASE WHEN d.stage IN ('CA', 'CFU') THEN coalesce(l.realised::numeric, 0) END)::numeric(20,2) AS realised,
       coalesce(l.rar_previous::numeric, 0)::numeric(20,2) AS rar_previous,
       coalesce(l.rar_year_end::numeric, 0)::numeric(20,2) AS rar_year_end
  FROM @extschema@.budget_document_line l
  JOIN @extschema@.budget_document d ON d.id = l.document_id;
COMMENT ON VIEW @extschema@.budget_document_amounts IS 'Each line of each budget document with the amounts the checks and the dashboards read, in standard types';
COMMENT ON COLUMN @extschema@.budget_document_amounts.document_id IS 'The document (budget_document.id)';
COMMENT ON COLUMN @extschema@.budget_document_amounts.line_no IS 'Position of the line in its file';
COMMENT ON COLUMN @extschema@.budget_document_amounts.budget_siret IS 'SIRET of the budget';
COMMENT ON COLUMN @extschema@.budget_document_amounts.year IS 'Fiscal year';
COMMENT ON COLUMN @extschema@.budget_document_amounts.stage IS 'BP, BS, DM, CA or CFU';
COMMENT ON COLUMN @extschema@.budget_document_amounts.section IS 'operating or investment';
COMMENT ON COLUMN @extschema@.budget_document_amounts.direction IS 'expense or receipt';
COMMENT ON COLUMN @extschema@.budget_document_amounts.operation_kind IS 'real or order';
COMMENT ON COLUMN @extschema@.budget_document_amounts.account IS 'Account by nature';
COMMENT ON COLUMN @extschema@.budget_document_amounts.chapter IS 'Chapter';
COMMENT ON COLUMN @extschema@.budget_document_amounts.function_code IS 'Function code';
COMMENT ON COLUMN @extschema@.budget_document_amounts.voted IS 'Credits voted: CA and CFU CredOuv; DM MtBudgPrec + MtPrev (the budget after the DM); BP and BS CredOuv, else MtPrev + MtRARPrec';
COMMENT ON COLUMN @extschema@.budget_document_amounts.change IS 'Change voted by a DM or BS (MtPrev); NULL for other stages';
COMMENT ON COLUMN @extschema@.budget_document_amounts.realised IS 'Realised (MtReal) in a CA or CFU; NULL for other stages';
COMMENT ON COLUMN @extschema@.budget_document_amounts.rar_previous IS 'Restes à réaliser carried over from the previous year (MtRARPrec)';
COMMENT ON COLUMN @extschema@.budget_document_amounts.rar_year_end IS 'Restes à réaliser at 31 December (MtRAR3112)';

-- ---- rules -------------------------------------------------------------------
INSERT INTO @extschema@.rule (code, kind, title, description, source_ref, source_text, source_url,
                              severity, enabled, valid_from, valid_to, threshold_amount,
                              min_ratio, max_ratio, years, funder_kinds, beneficiary_kinds, sections, aid_scheme, builtin)
VALUES
('budget_voted_balance', 'budget_balance',
 'Each section of a budget document is voted in balance',
 'In each section (operating, investment) of a budget document, the credits voted as receipts equal the credits voted as '
 'expenses, to the cent, counting real and order operations, the carry-overs 001, 002 and 1068 and the restes à réaliser. '
 'Credits voted: CA and CFU the open credits (CredOuv); a DM the budget after it (MtBudgPrec + MtPrev); BP and BS CredOuv, '
 'else MtPrev + MtRARPrec. Verified on every real document pubfin was tested with (13 TOTEM files, 10 SCDL files). '
 'Source as for section_balance (text of the article quoted by weka.fr and rjc.fr.eu.org).',
 'CGCT art. L1612-4',
 'Le budget de la collectivité territoriale est en équilibre réel lorsque la section de fonctionnement et la section '
 'd''investissement sont respectivement votées en équilibre, les recettes et les dépenses ayant été évaluées de façon sincère [...]',
 'https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006070633',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('budget_order_balance', 'budget_order_balance',
 'Order operations balance',
 'An order operation (opération d''ordre: 040/042 between sections, 041/043 within one, 023/021) is written once as an '
 'expense and once as a receipt of the same amount, so that in a document the order expenses equal the order receipts: '
 'on the credits voted, and on the realised amounts of a CA or CFU. Arithmetic of double entry; the instructions M14 and '
 'M57 (tome II) describe these operations; their wording was not re-read here.',
 'Instructions budgétaires et comptables M14 / M57, opérations d''ordre', NULL,
 'https://www.collectivites-locales.gouv.fr/finances-locales/instructions-budgetaires-et-comptables',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('budget_dm_net', 'budget_dm',
 'A DM''s changes keep each section in balance',
 'In each section, the changes a décision modificative votes (MtPrev) add up to the same amount in receipts as in '
 'expenses: receipts minus expenses nets to zero, so that the budget after the DM still balances (checked by '
 'budget_voted_balance on MtBudgPrec + MtPrev). Every budget decision is bound by the balance of L1612-4.',
 'CGCT art. L1612-4',
 'Le budget de la collectivité territoriale est en équilibre réel lorsque la section de fonctionnement et la section '
 'd''investissement sont respectivement votées en équilibre [...]',
 'https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006070633',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('budget_result_carryover', 'budget_carryover',
 'The result of a CA is carried into the next year''s budget',
 'The operating result of the CA of year N (realised receipts minus expenses) equals what the budget of N+1 takes over '
 'as 002 (result carried, receipt minus expense) plus 1068 (surplus capitalised); the investment result equals 001 '
 '(receipt minus expense). Judged when the N+1 document of the same budget (BP, else BS) holds a 001, 002 or 1068 line. '
 'A warning: an authority may take over its results in a later decision. The article was not re-read here; '
 'source_text is a paraphrase.',
 'CGCT art. L2311-5 (reprise des résultats); art. R2311-11 to R2311-13',
 '(paraphrase) Le résultat de l''exercice clos, cumulé avec le résultat antérieur reporté, est affecté par l''assemblée '
 'délibérante dans le budget de l''exercice suivant : en priorité à la couverture du besoin de financement de la section '
 'd''investissement (1068), le solde en report de fonctionnement (002) ; le solde d''exécution d''investissement est reporté (001).',
 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006390233',
 'warning', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('budget_rar_carryover', 'budget_rar_carryover',
 'Restes à réaliser of a CA are carried into the next year''s budget',
 'The restes à réaliser at 31 December of the CA of year N (MtRAR3112), as receipts and as expenses, equal the restes à '
 'réaliser the N+1 budget carries over (MtRARPrec). Judged when the N+1 document holds restes à réaliser or the CA has any. '
 'The article was not re-read here; source_text is a paraphrase.',
 'CGCT art. R2311-11',
 '(paraphrase) Les restes à réaliser de la section d''investissement arrêtés à la clôture de l''exercice sont repris dans '
 'le budget de l''exercice suivant.',
 'https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006070633',
 'warning', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('budget_concours_total', 'budget_subsidy_annex',
 'The subsidies annex adds up to the subsidy accounts',
 'In a CA or CFU, the entries of the annex listing the subsidies granted (CONCOURS) add up to the realised amount of the '
 'accounts of operating subsidies to private persons: 6574 (M14, M52, M71, M4x, M57 before 2018) or its sub-accounts '
 '65741, 65742, 65743, 65748 (M57 from 2018). Counted: the entries to private-law beneficiaries (legal nature code P..., or '
 'none stated) for the operating section (CodInvFonc F, or none) on those accounts (CodArticle, or none); entries to '
 'public-law bodies (codes U...: communes, CCAS, collèges) go to other accounts (6573x). Verified on Mohon''s CFU 2023 '
 '(65748 realised 17,165.00 = its 37 entries); the CAs 2021 of Crac''h and Montreuil do not reconcile this way. '
 'A warning: an annex may be incomplete or list what the accounts record elsewhere. The article was not re-read here; '
 'source_text is a paraphrase.',
 'CGCT art. L2313-1 (annexes aux documents budgétaires); L3313-1, L4313-2',
 '(paraphrase) Les documents budgétaires sont assortis en annexe de la liste des concours attribués à des tiers en nature '
 'ou en subventions.',
 'https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006070633',
 'warning', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true);

-- ---- the issue view ------------------------------------------------------------
CREATE VIEW @extschema@.budget_document_issues AS
WITH doc AS (
    SELECT d.id, d.budget_siret, d.year, d.stage, d.dm_number, d.format, d.authority_id, d.loaded_at,
           o.kind::text AS authority_kind,
           coalesce(d.vote_date, pg_catalog.make_date(d.year, 1, 1)) AS ref_date,
           d.stage || CASE WHEN d.dm_number IS NOT NULL THEN ' n°' || d.dm_number ELSE '' END
                   || ' ' || d.year || ' of budget ' || d.budget_siret::text AS label
      FROM @extschema@.budget_document d
      LEFT JOIN @extschema@.organization o ON o.id = d.authority_id
), sums AS (
    SELECT a.document_id, a.section,
           sum(a.voted) FILTER (WHERE a.direction = 'receipt') AS voted_r,
           sum(a.voted) FILTER (WHERE a.direction = 'expense') AS voted_d,
           sum(a.change) FILTER (WHERE a.direction = 'receipt') AS change_r,
           sum(a.change) FILTER (WHERE a.direction = 'expense') AS change_d,
           sum(a.realised) FILTER (WHERE a.direction = 'receipt') AS real_r,
           sum(a.realised) FILTER (WHERE a.direction = 'expense') AS real_d,
           sum(a.voted) FILTER (WHERE a.direction = 'receipt' AND a.operation_kind = 'order') AS ord_voted_r,
           sum(a.voted) FILTER (WHERE a.direction = 'expense' AND a.operation_kind = 'order') AS ord_voted_d,
           sum(a.realised) FILTER (WHERE a.direction = 'receipt' AND a.operation_kind = 'order') AS ord_real_r,
           sum(a.realised) FILTER (WHERE a.direction = 'expense' AND a.operation_kind = 'order') AS ord_real_d,
           sum(a.rar_year_end) FILTER (WHERE a.direction = 'receipt') AS rar_end_r,
           sum(a.rar_year_end) FILTER (WHERE a.direction = 'expense') AS rar_end_d,
           sum(a.rar_previous) FILTER (WHERE a.direction = 'receipt') AS rar_prev_r,
           sum(a.rar_previous) FILTER (WHERE a.direction = 'expense') AS rar_prev_d,
           sum(a.voted) FILTER (WHERE a.account = '002' AND a.direction = 'receipt') AS c002_r,
           sum(a.voted) FILTER (WHERE a.account = '002' AND a.direction = 'expense') AS c002_d,
           sum(a.voted) FILTER (WHERE a.account = '001' AND a.direction = 'receipt') AS c001_r,
           sum(a.voted) FILTER (WHERE a.account = '001' AND a.direction = 'expense') AS c001_d,
           sum(a.voted) FILTER (WHERE a.account = '1068' AND a.direction = 'receipt') AS c1068,
           count(*) FILTER (WHERE a.account IN ('001', '002', '1068')) AS carry_lines
      FROM @extschema@.budget_document_amounts a
     GROUP BY GROUPING SETS ((a.document_id, a.section), (a.document_id))
), per_doc AS (
    SELECT * FROM sums WHERE section IS NULL
), per_section AS (
    SELECT * FROM sums WHERE section IS NOT NULL
), chain AS (
    -- each CA or CFU with the next year's document of the same budget that takes over its results:
    -- one that holds 001/002/1068 lines first, then the same format, a BP before a BS, the latest loaded
    SELECT DISTINCT ON (ca.id) ca.id AS ca_id, nx.id AS next_id, nx.stage AS next_stage
      FROM @extschema@.budget_document ca
      JOIN @extschema@.budget_document nx
        ON nx.budget_siret = ca.budget_siret AND nx.year = ca.year + 1 AND nx.stage IN ('BP', 'BS')
      JOIN per_doc np ON np.document_id = nx.id
     WHERE ca.stage IN ('CA', 'CFU')
     ORDER BY ca.id, np.carry_lines > 0 DESC, nx.format = ca.format DESC, nx.stage = 'BP' DESC, nx.loaded_at DESC, nx.id DESC
), concours AS (
    -- entries to private-law beneficiaries (legal nature P..., or not stated), charged to an
    -- operating subsidy account or to no stated account; public-law ones (U...) go to 6573x/65736x
    SELECT c.document_id, count(*) AS all_entries,
           count(*) FILTER (WHERE c.counted) AS entries, coalesce(sum(c.amount::numeric) FILTER (WHERE c.counted), 0) AS total
      FROM (SELECT c.document_id, c.amount,
                   (c.legal_nature IS NULL OR upper(c.legal_nature) !~ '^U')
                   AND (c.article IS NULL OR c.article ~ '^6574[0-9]?$')
                   AND (c.section_code IS NULL OR upper(c.section_code) = 'F') AS counted
              FROM @extschema@.budget_concours c) c
     GROUP BY c.document_id
), subsidy_accounts AS (
    SELECT a.document_id,
           coalesce(sum(a.realised) FILTER (WHERE a.account ~ '^6574[0-9]?$' AND a.direction = 'expense'), 0) AS realised,
           string_agg(DISTINCT a.account, ', ' ORDER BY a.account)
               FILTER (WHERE a.account ~ '^6574[0-9]?$' AND a.direction = 'expense') AS accounts
      FROM @extschema@.budget_document_amounts a
     GROUP BY a.document_id
), found AS (
    -- voted balance of each section
    SELECT 'budget_balance'::text AS kind, d.id AS document_id, s.section,
           pg_catalog.format('%s, %s section: credits voted as receipts %s, as expenses %s (difference %s)',
                             d.label, s.section, s.voted_r, s.voted_d, coalesce(s.voted_r, 0) - coalesce(s.voted_d, 0)) AS message,
           coalesce(s.voted_r, 0) AS measured, coalesce(s.voted_d, 0) AS threshold
      FROM doc d JOIN per_section s ON s.document_id = d.id
     WHERE coalesce(s.voted_r, 0) <> coalesce(s.voted_d, 0)
    UNION ALL
    -- order operations, voted
    SELECT 'budget_order_balance', d.id, NULL,
           pg_catalog.format('%s: order operations voted as expenses %s, as receipts %s (difference %s)',
                             d.label, coalesce(p.ord_voted_d, 0), coalesce(p.ord_voted_r, 0),
                             coalesce(p.ord_voted_d, 0) - coalesce(p.ord_voted_r, 0)),
           coalesce(p.ord_voted_d, 0), coalesce(p.ord_voted_r, 0)
      FROM doc d JOIN per_doc p ON p.document_id = d.id
     WHERE d.stage <> 'DM' AND coalesce(p.ord_voted_d, 0) <> coalesce(p.ord_voted_r, 0)
    UNION ALL
    -- order operations, realised
    SELECT 'budget_order_balance', d.id, NULL,
           pg_catalog.format('%s: order operations realised as expenses %s, as receipts %s (difference %s)',
                             d.label, coalesce(p.ord_real_d, 0), coalesce(p.ord_real_r, 0),
                             coalesce(p.ord_real_d, 0) - coalesce(p.ord_real_r, 0)),
           coalesce(p.ord_real_d, 0), coalesce(p.ord_real_r, 0)
      FROM doc d JOIN per_doc p ON p.document_id = d.id
     WHERE d.stage IN ('CA', 'CFU') AND coalesce(p.ord_real_d, 0) <> coalesce(p.ord_real_r, 0)
    UNION ALL
    -- a DM's changes
    SELECT 'budget_dm', d.id, s.section,
           pg_catalog.format('%s, %s section: changes voted as receipts %s, as expenses %s: they do not net to zero (difference %s)',
                             d.label, s.section, coalesce(s.change_r, 0), coalesce(s.change_d, 0),
                             coalesce(s.change_r, 0) - coalesce(s.change_d, 0)),
           coalesce(s.change_r, 0) - coalesce(s.change_d, 0), 0
      FROM doc d JOIN per_section s ON s.document_id = d.id
     WHERE d.stage = 'DM' AND coalesce(s.change_r, 0) <> coalesce(s.change_d, 0)
    UNION ALL
    -- results carried into the next year
    SELECT 'budget_carryover', d.id, s.section,
           CASE WHEN s.section = 'operating'
                THEN pg_catalog.format('%s: operating result %s, but the %s %s takes over %s (002 %s + 1068 %s)',
                                       d.label, coalesce(s.real_r, 0) - coalesce(s.real_d, 0), n.stage, n.year,
                                       coalesce(np.c002_r, 0) - coalesce(np.c002_d, 0) + coalesce(np.c1068, 0),
                                       coalesce(np.c002_r, 0) - coalesce(np.c002_d, 0), coalesce(np.c1068, 0))
                ELSE pg_catalog.format('%s: investment result %s, but the %s %s takes over %s as 001',
                                       d.label, coalesce(s.real_r, 0) - coalesce(s.real_d, 0), n.stage, n.year,
                                       coalesce(np.c001_r, 0) - coalesce(np.c001_d, 0)) END,
           coalesce(s.real_r, 0) - coalesce(s.real_d, 0),
           CASE WHEN s.section = 'operating' THEN coalesce(np.c002_r, 0) - coalesce(np.c002_d, 0) + coalesce(np.c1068, 0)
                ELSE coalesce(np.c001_r, 0) - coalesce(np.c001_d, 0) END
      FROM doc d
      JOIN chain ch ON ch.ca_id = d.id
      JOIN @extschema@.budget_document n ON n.id = ch.next_id
      JOIN per_doc np ON np.document_id = n.id
      JOIN per_section s ON s.document_id = d.id
     WHERE np.carry_lines > 0
       AND coalesce(s.real_r, 0) - coalesce(s.real_d, 0)
           <> CASE WHEN s.section = 'operating' THEN coalesce(np.c002_r, 0) - coalesce(np.c002_d, 0) + coalesce(np.c1068, 0)
                   ELSE coalesce(np.c001_r, 0) - coalesce(np.c001_d, 0) END
    UNION ALL
    -- restes à réaliser carried into the next year
    SELECT 'budget_rar_carryover', d.id, NULL,
           pg_catalog.format('%s: restes à réaliser at 31/12 receipts %s, expenses %s; the %s %s carries over receipts %s, expenses %s',
                             d.label, coalesce(p.rar_end_r, 0), coalesce(p.rar_end_d, 0), n.stage, n.year,
                             coalesce(np.rar_prev_r, 0), coalesce(np.rar_prev_d, 0)),
           coalesce(p.rar_end_r, 0) + coalesce(p.rar_end_d, 0), coalesce(np.rar_prev_r, 0) + coalesce(np.rar_prev_d, 0)
      FROM doc d
      JOIN chain ch ON ch.ca_id = d.id
      JOIN @extschema@.budget_document n ON n.id = ch.next_id
      JOIN per_doc np ON np.document_id = n.id
      JOIN per_doc p ON p.document_id = d.id
     WHERE (np.rar_prev_r <> 0 OR np.rar_prev_d <> 0 OR p.rar_end_r <> 0 OR p.rar_end_d <> 0)
       AND (coalesce(p.rar_end_r, 0) <> coalesce(np.rar_prev_r, 0) OR coalesce(p.rar_end_d, 0) <> coalesce(np.rar_prev_d, 0))
    UNION ALL
    -- the CONCOURS annex against the subsidy accounts
    SELECT 'budget_subsidy_annex', d.id, 'operating',
           pg_catalog.format('%s: %s of the %s entries of the subsidies annex (private-law beneficiaries, operating) add up to %s, the subsidy accounts (%s) realised %s (difference %s)',
                             d.label, c.entries, c.all_entries, c.total, coalesce(sa.accounts, 'none'), sa.realised,
                             c.total - sa.realised),
           c.total, sa.realised
      FROM doc d
      JOIN concours c ON c.document_id = d.id
      JOIN subsidy_accounts sa ON sa.document_id = d.id
     WHERE d.stage IN ('CA', 'CFU') AND c.total <> sa.realised
)
SELECT 'budget_document'::text AS entity,
       f.document_id AS entity_id,
       f.document_id,
       d.budget_siret::text AS budget_siret,
       d.authority_id,
       d.year AS fiscal_year,
       d.stage::text AS stage,
       f.section::text AS section,
       d.ref_date AS reference_date,
       r.code AS rule_code,
       r.kind AS rule_kind,
       r.severity,
       f.message,
       f.measured::numeric(20,2) AS measured,
       f.threshold::numeric(20,2) AS threshold,
       r.source_ref,
       r.source_url
  FROM found f
  JOIN doc d ON d.id = f.document_id
  JOIN @extschema@.rule r
    ON r.kind = f.kind
   AND @extschema@.rule_in_force(r.enabled, r.valid_from, r.valid_to, d.ref_date)
   AND @extschema@.in_scope(r.funder_kinds, d.authority_kind)
   AND @extschema@.in_scope(r.sections, f.section);
COMMENT ON VIEW @extschema@.budget_document_issues IS 'Breaches of the enabled budget-document rules: sections not voted in balance, order operations out of balance, DM changes that do not net to zero, results and restes à réaliser not carried into the next year, subsidies annex against the subsidy accounts';
COMMENT ON COLUMN @extschema@.budget_document_issues.entity IS 'budget_document';
COMMENT ON COLUMN @extschema@.budget_document_issues.entity_id IS 'Id of the document (budget_document.id)';
COMMENT ON COLUMN @extschema@.budget_document_issues.document_id IS 'The document (as entity_id)';
COMMENT ON COLUMN @extschema@.budget_document_issues.budget_siret IS 'SIRET of the budget';
COMMENT ON COLUMN @extschema@.budget_document_issues.authority_id IS 'The authority (organization) whose document it is';
COMMENT ON COLUMN @extschema@.budget_document_issues.fiscal_year IS 'Fiscal year of the document';
COMMENT ON COLUMN @extschema@.budget_document_issues.stage IS 'BP, BS, DM, CA or CFU';
COMMENT ON COLUMN @extschema@.budget_document_issues.section IS 'operating or investment; NULL for a check of the whole document';
COMMENT ON COLUMN @extschema@.budget_document_issues.reference_date IS 'Date by which the rule''s validity was judged (the vote date, else 1 January of the fiscal year)';
COMMENT ON COLUMN @extschema@.budget_document_issues.rule_code IS 'The rule broken (pubfin.rule.code)';
COMMENT ON COLUMN @extschema@.budget_document_issues.rule_kind IS 'Kind of check (pubfin.rule.kind)';
COMMENT ON COLUMN @extschema@.budget_document_issues.severity IS 'error, warning or info';
COMMENT ON COLUMN @extschema@.budget_document_issues.message IS 'What is wrong, in plain English, with the figures';
COMMENT ON COLUMN @extschema@.budget_document_issues.measured IS 'The measured value (receipts, order expenses, net change, result, restes à réaliser, annex total)';
COMMENT ON COLUMN @extschema@.budget_document_issues.threshold IS 'The value it was held against (expenses, order receipts, zero, amount taken over, subsidy accounts)';
COMMENT ON COLUMN @extschema@.budget_document_issues.source_ref IS 'Legal reference of the rule';
COMMENT ON COLUMN @extschema@.budget_document_issues.source_url IS 'Where the legal text can be read';

-- ---- issues: every issue view in one list, budget documents included --------
CREATE VIEW @extschema@.issues AS
SELECT entity, entity_id, rule_code, rule_kind, severity, message, measured, threshold,
       fiscal_year, reference_date, beneficiary_id AS organization_id, source_ref, source_url
  FROM @extschema@.plan_issues
UNION ALL
SELECT entity, entity_id, rule_code, rule_kind, severity, message, measured, threshold,
       fiscal_year, reference_date, beneficiary_id, source_ref, source_url
  FROM @extschema@.subsidy_issues
UNION ALL
SELECT entity, entity_id, rule_code, rule_kind, severity, message, measured, threshold,
       fiscal_year, reference_date, funder_id, source_ref, source_url
  FROM @extschema@.budget_issues
UNION ALL
SELECT entity, entity_id, rule_code, rule_kind, severity, message,
       measured::numeric(40,19), threshold::numeric(40,19),
       fiscal_year, reference_date, authority_id, source_ref, source_url
  FROM @extschema@.budget_document_issues;
COMMENT ON VIEW @extschema@.issues IS 'Every breach of the enabled rules: plan_issues, subsidy_issues, budget_issues and budget_document_issues in one list';
COMMENT ON COLUMN @extschema@.issues.entity IS 'financing_plan, financing_line, subsidy, budget_line, budget_section or budget_document';
COMMENT ON COLUMN @extschema@.issues.entity_id IS 'Id of the entity (of the funder for a budget_section)';
COMMENT ON COLUMN @extschema@.issues.rule_code IS 'The rule broken (pubfin.rule.code)';
COMMENT ON COLUMN @extschema@.issues.rule_kind IS 'Kind of check (pubfin.rule.kind)';
COMMENT ON COLUMN @extschema@.issues.severity IS 'error, warning or info';
COMMENT ON COLUMN @extschema@.issues.message IS 'What is wrong, in plain English, with the figures';
COMMENT ON COLUMN @extschema@.issues.measured IS 'The measured value';
COMMENT ON COLUMN @extschema@.issues.threshold IS 'The value it was held against';
COMMENT ON COLUMN @extschema@.issues.fiscal_year IS 'Fiscal year of the entity';
COMMENT ON COLUMN @extschema@.issues.reference_date IS 'Date by which the rule''s validity was judged';
COMMENT ON COLUMN @extschema@.issues.organization_id IS 'The organization concerned: the beneficiary of a plan or subsidy, the funder of a budget, the authority of a budget document';
COMMENT ON COLUMN @extschema@.issues.source_ref IS 'Legal reference of the rule';
COMMENT ON COLUMN @extschema@.issues.source_url IS 'Where the legal text can be read';

-- from sql/install/83_budget_views.sql
-- ===========================================================================
-- budget document views for analysts and dashboards: standard types with
-- declared sizes only (numeric(20,2), integer, bigint, text, date).
-- ===========================================================================

CREATE VIEW @extschema@.budget_by_section AS
SELECT a.document_id,
       a.budget_siret,
       d.budget_name,
       a.year,
       a.stage,
       d.dm_number,
       a.section,
       a.direction,
       a.operation_kind,
       sum(a.voted)::numeric(20,2) AS voted,
       sum(a.realised)::numeric(20,2) AS realised,
       count(*)::integer AS lines
  FROM @extschema@.budget_document_amounts a
  JOIN @extschema@.budget_document d ON d.id = a.document_id
 GROUP BY a.document_id, a.budget_siret, d.budget_name, a.year, a.stage, d.dm_number, a.section, a.direction, a.operation_kind;
COMMENT ON VIEW @extschema@.budget_by_section IS 'Each budget document by section, direction and kind of operation (real, order): credits voted and realised';

CREATE VIEW @extschema@.budget_by_chapter AS
SELECT a.document_id,
       a.budget_siret,
       a.year,
       a.stage,
       a.section,
       a.direction,
       a.chapter,
       (SELECT c.label FROM @extschema@.account_chapter c
         WHERE c.chart_id = d.chart_id AND c.vote = 'nature' AND c.code = a.chapter) AS chapter_label,
       sum(a.voted)::numeric(20,2) AS voted,
       sum(a.realised)::numeric(20,2) AS realised,
       count(*)::integer AS lines
  FROM @extschema@.budget_document_amounts a
  JOIN @extschema@.budget_document d ON d.id = a.document_id
 GROUP BY a.document_id, a.budget_siret, a.year, a.stage, a.section, a.direction, a.chapter, d.chart_id;
COMMENT ON VIEW @extschema@.budget_by_chapter IS 'Each budget document by section, direction and chapter (label from its chart of accounts): credits voted and realised';

CREATE VIEW @extschema@.budget_by_function AS
SELECT a.document_id,
       a.budget_siret,
       a.year,
       a.stage,
       a.section,
       a.direction,
       a.function_code,
       (SELECT f.label FROM @extschema@.account_function f
         WHERE f.chart_id = d.chart_id AND f.code = a.function_code) AS function_label,
       sum(a.voted)::numeric(20,2) AS voted,
       sum(a.realised)::numeric(20,2) AS realised,
       count(*)::integer AS lines
  FROM @extschema@.budget_document_amounts a
  JOIN @extschema@.budget_document d ON d.id = a.document_id
 WHERE a.function_code IS NOT NULL
 GROUP BY a.document_id, a.budget_siret, a.year, a.stage, a.section, a.direction, a.function_code, d.chart_id;
COMMENT ON VIEW @extschema@.budget_by_function IS 'The lines of budget documents that carry a function code (functional presentation), by section, direction and function: credits voted and realised';

CREATE VIEW @extschema@.budget_result_chain AS
WITH sums AS (
    SELECT a.document_id,
           sum(a.realised) FILTER (WHERE a.section = 'operating' AND a.direction = 'receipt') AS f_r,
           sum(a.realised) FILTER (WHERE a.section = 'operating' AND a.direction = 'expense') AS f_d,
           sum(a.realised) FILTER (WHERE a.section = 'investment' AND a.direction = 'receipt') AS i_r,
           sum(a.realised) FILTER (WHERE a.section = 'investment' AND a.direction = 'expense') AS i_d,
           sum(a.rar_year_end) FILTER (WHERE a.direction = 'receipt') AS rar_end_r,
           sum(a.rar_year_end) FILTER (WHERE a.direction = 'expense') AS rar_end_d,
           sum(a.rar_previous) FILTER (WHERE a.direction = 'receipt') AS rar_prev_r,
           sum(a.rar_previous) FILTER (WHERE a.direction = 'expense') AS rar_prev_d,
           sum(a.voted) FILTER (WHERE a.account = '002' AND a.direction = 'receipt') AS c002_r,
           sum(a.voted) FILTER (WHERE a.account = '002' AND a.direction = 'expense') AS c002_d,
           sum(a.voted) FILTER (WHERE a.account = '1068' AND a.direction = 'receipt') AS c1068,
           sum(a.voted) FILTER (WHERE a.account = '001' AND a.direction = 'receipt') AS c001_r,
           sum(a.voted) FILTER (WHERE a.account = '001' AND a.direction = 'expense') AS c001_d,
           count(*) FILTER (WHERE a.account IN ('001', '002', '1068')) AS carry_lines
      FROM @extschema@.budget_document_amounts a
     GROUP BY a.document_id
), chain AS (
    -- the next year's document that takes over the results: as in budget_document_issues
    SELECT DISTINCT ON (ca.id) ca.id AS ca_id, nx.id AS next_id
      FROM @extschema@.budget_document ca
      LEFT JOIN @extschema@.budget_document nx
        ON nx.budget_siret = ca.budget_siret AND nx.year = ca.year + 1 AND nx.stage IN ('BP', 'BS')
      LEFT JOIN sums np ON np.document_id = nx.id
     WHERE ca.stage IN ('CA', 'CFU')
     ORDER BY ca.id, coalesce(np.carry_lines, 0) > 0 DESC, nx.format = ca.format DESC, nx.stage = 'BP' DESC,
              nx.loaded_at DESC, nx.id DESC
)
SELECT ca.budget_siret::text AS budget_siret,
       ca.budget_name,
       ca.year,
       ca.id AS document_id,
       ca.stage::text AS stage,
       (coalesce(s.f_r, 0) - coalesce(s.f_d, 0))::numeric(20,2) AS operating_result,
       (coalesce(s.i_r, 0) - coalesce(s.i_d, 0))::numeric(20,2) AS investment_result,
       coalesce(s.rar_end_r, 0)::numeric(20,2) AS rar_receipts,
       coalesce(s.rar_end_d, 0)::numeric(20,2) AS rar_expenses,
       nx.id AS next_document_id,
       nx.stage::text AS next_stage,
       (coalesce(n.c002_r, 0) - coalesce(n.c002_d, 0))::numeric(20,2) AS next_002,
       coalesce(n.c1068, 0)::numeric(20,2) AS next_1068,
       (coalesce(n.c001_r, 0) - coalesce(n.c001_d, 0))::numeric(20,2) AS next_001,
       coalesce(n.rar_prev_r, 0)::numeric(20,2) AS next_rar_receipts,
       coalesce(n.rar_prev_d, 0)::numeric(20,2) AS next_rar_expenses,
       ((coalesce(s.f_r, 0) - coalesce(s.f_d, 0))
        - (coalesce(n.c002_r, 0) - coalesce(n.c002_d, 0) + coalesce(n.c1068, 0)))::numeric(20,2) AS operating_gap,
       ((coalesce(s.i_r, 0) - coalesce(s.i_d, 0)) - (coalesce(n.c001_r, 0) - coalesce(n.c001_d, 0)))::numeric(20,2) AS investment_gap
  FROM @extschema@.budget_document ca
  JOIN chain ch ON ch.ca_id = ca.id
  JOIN sums s ON s.document_id = ca.id
  LEFT JOIN @extschema@.budget_document nx ON nx.id = ch.next_id
  LEFT JOIN sums n ON n.document_id = nx.id;
COMMENT ON VIEW @extschema@.budget_result_chain IS 'The results of each CA or CFU (realised receipts minus expenses per section, restes à réaliser at 31/12) against what the next year''s BP (else BS) of the same budget takes over: 002 + 1068 for operating, 001 for investment, restes à réaliser carried over; gaps are zero when the chain holds';

CREATE VIEW @extschema@.budget_subsidies AS
WITH concours AS (
    SELECT c.document_id, count(*) AS entries, sum(c.amount::numeric) AS total,
           count(c.subsidy_id) AS subsidies
      FROM @extschema@.budget_concours c
     GROUP BY c.document_id
), accounts AS (
    SELECT a.document_id,
           sum(a.voted) FILTER (WHERE a.account ~ '^6574[0-9]?$' AND a.direction = 'expense') AS voted,
           sum(a.realised) FILTER (WHERE a.account ~ '^6574[0-9]?$' AND a.direction = 'expense') AS realised
      FROM @extschema@.budget_document_amounts a
     GROUP BY a.document_id
)
SELECT d.id AS document_id,
       d.budget_siret::text AS budget_siret,
       d.authority_id,
       d.year,
       d.stage::text AS stage,
       coalesce(c.entries, 0)::integer AS annex_entries,
       coalesce(c.total, 0)::numeric(20,2) AS annex_total,
       coalesce(c.subsidies, 0)::integer AS annex_subsidies,
       coalesce(ac.voted, 0)::numeric(20,2) AS account_voted,
       ac.realised::numeric(20,2) AS account_realised
  FROM @extschema@.budget_document d
  LEFT JOIN concours c ON c.document_id = d.id
  LEFT JOIN accounts ac ON ac.document_id = d.id;
COMMENT ON VIEW @extschema@.budget_subsidies IS 'Each budget document''s subsidies: the CONCOURS annex (entries, total, how many became subsidies) against the operating subsidy accounts (6574, or 65741 to 65748 in M57), voted and realised';

CREATE VIEW @extschema@.budget_subsidy_reconciliation AS
WITH account AS (
    -- per authority and year, the latest loaded CA or CFU
    SELECT DISTINCT ON (d.authority_id, d.year)
           d.authority_id, d.year, d.id AS document_id, d.stage,
           (SELECT sum(a.realised) FROM @extschema@.budget_document_amounts a
             WHERE a.document_id = d.id AND a.account ~ '^6574[0-9]?$' AND a.direction = 'expense') AS realised,
           (SELECT sum(c.amount::numeric) FROM @extschema@.budget_concours c WHERE c.document_id = d.id) AS annex
      FROM @extschema@.budget_document d
     WHERE d.stage IN ('CA', 'CFU') AND d.authority_id IS NOT NULL
     ORDER BY d.authority_id, d.year, d.format = 'totem' DESC, d.loaded_at DESC, d.id DESC
), published AS (
    -- subsidies of the authority not made from a CONCOURS annex (SCDL files, typed in)
    SELECT s.funder_id, s.fiscal_year, count(*) AS awards, sum(s.amount::numeric) AS total
      FROM @extschema@.subsidy s
     WHERE NOT EXISTS (SELECT 1 FROM @extschema@.budget_concours c WHERE c.subsidy_id = s.id)
     GROUP BY s.funder_id, s.fiscal_year
)
SELECT a.authority_id,
       o.name AS authority_name,
       a.year,
       a.document_id,
       a.stage::text AS stage,
       coalesce(a.realised, 0)::numeric(20,2) AS account_realised,
       a.annex::numeric(20,2) AS annex_total,
       coalesce(p.awards, 0)::integer AS published_awards,
       coalesce(p.total, 0)::numeric(20,2) AS published_total,
       (coalesce(p.total, 0) - coalesce(a.realised, 0))::numeric(20,2) AS gap
  FROM account a
  JOIN @extschema@.organization o ON o.id = a.authority_id
  LEFT JOIN published p ON p.funder_id = a.authority_id AND p.fiscal_year = a.year;
COMMENT ON VIEW @extschema@.budget_subsidy_reconciliation IS 'For information: per authority and year, the subsidies it published (SCDL subventions and other subsidies recorded for it, not those made from its CONCOURS annex) against what its CA or CFU realised on the subsidy accounts (6574, or 6574x in M57); a gap is expected (not every subsidy is published, nor paid in its year)';

CREATE VIEW @extschema@.budget_year AS
WITH current AS (
    -- one document per budget, year and stage (the TOTEM file before the SCDL one, the latest loaded)
    SELECT DISTINCT ON (d.budget_siret, d.year, d.stage, coalesce(d.dm_number, 0)) d.*
      FROM @extschema@.budget_document d
     ORDER BY d.budget_siret, d.year, d.stage, coalesce(d.dm_number, 0), d.format = 'totem' DESC, d.loaded_at DESC, d.id DESC
), per AS (
    SELECT c.budget_siret, c.year, a.section, c.stage, c.dm_number, c.loaded_at,
           sum(a.voted) FILTER (WHERE a.direction = 'expense') AS voted_d,
           sum(a.realised) FILTER (WHERE a.direction = 'receipt') AS real_r,
           sum(a.realised) FILTER (WHERE a.direction = 'expense') AS real_d
      FROM current c
      JOIN @extschema@.budget_document_amounts a ON a.document_id = c.id
     GROUP BY c.budget_siret, c.year, a.section, c.stage, c.dm_number, c.loaded_at
)
SELECT p.budget_siret::text AS budget_siret,
       (SELECT d.budget_name FROM @extschema@.budget_document d
         WHERE d.budget_siret = p.budget_siret AND d.budget_name IS NOT NULL ORDER BY d.year DESC, d.id DESC LIMIT 1) AS budget_name,
       p.year,
       p.section::text AS section,
       count(*)::integer AS documents,
       max(p.voted_d) FILTER (WHERE p.stage = 'BP')::numeric(20,2) AS initial_budget,
       (array_agg(p.voted_d ORDER BY CASE p.stage WHEN 'CFU' THEN 5 WHEN 'CA' THEN 4 WHEN 'DM' THEN 3 WHEN 'BS' THEN 2 ELSE 1 END DESC,
                                     p.dm_number DESC NULLS LAST, p.loaded_at DESC))[1]::numeric(20,2) AS final_budget,
       max(p.real_r) FILTER (WHERE p.stage IN ('CA', 'CFU'))::numeric(20,2) AS realised_receipts,
       max(p.real_d) FILTER (WHERE p.stage IN ('CA', 'CFU'))::numeric(20,2) AS realised_expenses,
       (max(p.real_r) FILTER (WHERE p.stage IN ('CA', 'CFU'))
        - max(p.real_d) FILTER (WHERE p.stage IN ('CA', 'CFU')))::numeric(20,2) AS result
  FROM per p
 GROUP BY p.budget_siret, p.year, p.section;
COMMENT ON VIEW @extschema@.budget_year IS 'One row per budget, year and section: the initial budget (BP credits), the final one (CA/CFU open credits, else the last DM, BS or BP), realised receipts and expenses and the result of the CA or CFU; expenses side of the credits (receipts equal them in a balanced budget)';

-- Column comments shared by the budget views
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT a.attrelid::regclass AS v, a.attname AS col, t.text
          FROM pg_catalog.pg_attribute a
          JOIN (VALUES
            ('document_id', 'The budget document (budget_document.id)'),
            ('budget_siret', 'SIRET of the budget'),
            ('budget_name', 'Name of the budget as published'),
            ('authority_id', 'The authority (organization)'),
            ('authority_name', 'Name of the authority'),
            ('year', 'Fiscal year'),
            ('stage', 'BP, BS, DM, CA or CFU'),
            ('dm_number', 'Number of a DM, when stated'),
            ('section', 'operating or investment'),
            ('direction', 'expense or receipt'),
            ('operation_kind', 'real or order'),
            ('chapter', 'Chapter code'),
            ('chapter_label', 'Label of the chapter in the document''s chart of accounts'),
            ('function_code', 'Function code'),
            ('function_label', 'Label of the function in the document''s chart of accounts'),
            ('voted', 'Credits voted (see budget_document_amounts.voted)'),
            ('realised', 'Realised (CA, CFU); NULL for other stages'),
            ('lines', 'Number of lines'),
            ('documents', 'Number of documents of the year'),
            ('operating_result', 'Realised operating receipts minus expenses'),
            ('investment_result', 'Realised investment receipts minus expenses'),
            ('rar_receipts', 'Restes à réaliser at 31/12, receipts'),
            ('rar_expenses', 'Restes à réaliser at 31/12, expenses'),
            ('next_document_id', 'The next year''s BP (else BS) of the same budget; NULL when none is loaded'),
            ('next_stage', 'Its stage'),
            ('next_002', 'Operating result it takes over (002, receipt minus expense)'),
            ('next_1068', 'Surplus it capitalises (1068)'),
            ('next_001', 'Investment result it takes over (001, receipt minus expense)'),
            ('next_rar_receipts', 'Restes à réaliser it carries over, receipts'),
            ('next_rar_expenses', 'Restes à réaliser it carries over, expenses'),
            ('operating_gap', 'Operating result minus (002 + 1068): zero when the chain holds'),
            ('investment_gap', 'Investment result minus 001: zero when the chain holds'),
            ('annex_entries', 'Entries of the CONCOURS annex'),
            ('annex_total', 'Total of the CONCOURS annex'),
            ('annex_subsidies', 'Entries recorded as subsidies'),
            ('account_voted', 'Credits voted on the subsidy accounts (6574, 6574x)'),
            ('account_realised', 'Realised on the subsidy accounts (6574, 6574x)'),
            ('published_awards', 'Subsidies of the authority for the year not made from its annex (SCDL and others)'),
            ('published_total', 'Their total'),
            ('gap', 'Published minus realised on the subsidy accounts'),
            ('initial_budget', 'Credits of the BP'),
            ('final_budget', 'Credits of the last document of the year'),
            ('realised_receipts', 'Realised receipts (CA, CFU)'),
            ('realised_expenses', 'Realised expenses (CA, CFU)'),
            ('result', 'Realised receipts minus expenses')) AS t (col, text) ON t.col = a.attname
         WHERE a.attrelid IN ('@extschema@.budget_by_section'::regclass, '@extschema@.budget_by_chapter'::regclass,
                              '@extschema@.budget_by_function'::regclass, '@extschema@.budget_result_chain'::regclass,
                              '@extschema@.budget_subsidies'::regclass, '@extschema@.budget_subsidy_reconciliation'::regclass,
                              '@extschema@.budget_year'::regclass)
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', c.v, c.col, c.text);
    END LOOP;
END
$$;

-- from sql/install/90_owner.sql
-- ===========================================================================
-- The installer's privileges.  Installed as a trusted extension by a database
-- owner who is not a superuser, pubfin's objects belong to the bootstrap
-- superuser: without these grants the role that ran CREATE EXTENSION could
-- neither load its data (load_scdl) nor give its analysts SELECT on the
-- views.  It gets the data privileges on pubfin's tables, views and
-- sequences, and USAGE on the schema, each with the grant option; not
-- CREATE on the schema, nor ownership of anything (test/t_trusted.sh).
-- Installed by a superuser, this grants the superuser what it already has.
-- ===========================================================================
GRANT USAGE ON SCHEMA @extschema@ TO @extowner@ WITH GRANT OPTION;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON ALL TABLES IN SCHEMA @extschema@ TO @extowner@ WITH GRANT OPTION;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA @extschema@ TO @extowner@ WITH GRANT OPTION;
