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
COMMENT ON FUNCTION @extschema@.scdl_read(bytea, jsonb) IS 'Read a whole SCDL subventions CSV in one pass: a "header" row (column labels in fields, how the header was read in warnings), one row per record ("record", or "blank" for a row of delimiters or blanks) with its typed values, reasons (why it cannot be loaded) and warnings, a "funder" or "beneficiary" row per organization the records without reasons name (first appearance, with that role''s columns), a "common" row (the warnings every record carries; line: how many records), and a "file" row (facts about the whole file). options: {"columns": {header: field or null}, "synonyms": {title: field}, "encoding": "auto", "pass": "fingerprints", "lines": [line, ...], "messages": "codes" or "text"} (auto: a line that is not UTF-8 is read as WIN1252; fingerprints: each record''s kind, line and fingerprint only; lines: read only the records that start on these lines, ascending; codes: reasons and warnings as load_scdl stores them, see scdl_message; text, the default: as sentences)';

-- ---------------------------------------------------------------------------
-- Messages: the per-record reasons and warnings, stored as codes
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.scdl_message(entry text) RETURNS text
    AS 'MODULE_PATHNAME', 'scdl_message' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_message(text) IS 'The sentence of a reason or warning stored by load_scdl ("field:code:value|value", e.g. montant:read_as:1 000,00|1000.00 gives montant: "1 000,00" read as 1000.00); any other text (a sentence stored by pubfin 0.2.0) is returned as it is';

CREATE FUNCTION @extschema@.scdl_message_parts(entry text, OUT field text, OUT code text, OUT args text[], OUT message text)
    RETURNS record
    AS 'MODULE_PATHNAME', 'scdl_message_parts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scdl_message_parts(text) IS 'A stored reason or warning taken apart: the SCDL field it is about (NULL for the record as a whole), its code, its arguments (the values it names; a nested message adds its own code, e.g. {2016-13-45,no_month,13}) and its sentence (scdl_message); a sentence stored by pubfin 0.2.0 has no code nor args';

CREATE VIEW @extschema@.subsidy_warning AS
SELECT s.id AS subsidy_id, s.load_id, s.source, s.line, m.field, m.code, m.message
  FROM @extschema@.subsidy s
 CROSS JOIN LATERAL pg_catalog.unnest(s.warnings) AS w(entry)
 CROSS JOIN LATERAL @extschema@.scdl_message_parts(w.entry) AS m;
COMMENT ON VIEW @extschema@.subsidy_warning IS 'One row per warning of a loaded subsidy (subsidy.warnings), rendered: what the loader normalised in the record';
COMMENT ON COLUMN @extschema@.subsidy_warning.subsidy_id IS 'The subsidy';
COMMENT ON COLUMN @extschema@.subsidy_warning.load_id IS 'The load that inserted it';
COMMENT ON COLUMN @extschema@.subsidy_warning.source IS 'File or feed the record came from';
COMMENT ON COLUMN @extschema@.subsidy_warning.line IS 'Line of the record in its source';
COMMENT ON COLUMN @extschema@.subsidy_warning.field IS 'The SCDL field the warning is about (NULL: the record as a whole)';
COMMENT ON COLUMN @extschema@.subsidy_warning.code IS 'The warning''s code (doc/scdl.md lists them); NULL for a warning stored by pubfin 0.2.0';
COMMENT ON COLUMN @extschema@.subsidy_warning.message IS 'The warning as a sentence';

CREATE VIEW @extschema@.scdl_reject_reason AS
SELECT r.id AS reject_id, r.load_id, r.source, r.line, x.kind, m.field, m.code, m.message
  FROM @extschema@.scdl_reject r
 CROSS JOIN LATERAL (SELECT 'reason'::text, e FROM pg_catalog.unnest(r.reasons) AS u(e)
                     UNION ALL
                     SELECT 'warning'::text, e FROM pg_catalog.unnest(r.warnings) AS u(e)) AS x(kind, entry)
 CROSS JOIN LATERAL @extschema@.scdl_message_parts(x.entry) AS m;
COMMENT ON VIEW @extschema@.scdl_reject_reason IS 'One row per reason (and warning) of a quarantined SCDL record (scdl_reject), rendered: what to fix in the record';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.reject_id IS 'The quarantined record (scdl_reject.id)';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.load_id IS 'The load that read it';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.source IS 'File or feed the record came from';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.line IS 'Line of the record in its source';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.kind IS 'reason (why the record was rejected) or warning (what would have been normalised)';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.field IS 'The SCDL field it is about (NULL: the record as a whole)';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.code IS 'The code (doc/scdl.md lists them); NULL for a message stored by pubfin 0.2.0';
COMMENT ON COLUMN @extschema@.scdl_reject_reason.message IS 'The reason or warning as a sentence';
