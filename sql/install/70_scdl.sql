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
