-- The schema pubfin is created by CREATE EXTENSION (pubfin.control: schema = pubfin).
COMMENT ON SCHEMA @extschema@ IS 'pubfin: public-finance analytics (exact money, French identifiers, co-financing shares, subsidy histories)';

CREATE FUNCTION @extschema@.pubfin_version() RETURNS text
    AS 'MODULE_PATHNAME', 'pubfin_version'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pubfin_version() IS 'Version of the pubfin shared library';
