-- pubfin 0.2.0 -> 0.2.1: ALTER EXTENSION pubfin UPDATE TO '0.2.1'
\echo Use "ALTER EXTENSION pubfin UPDATE TO '0.2.1'" to load this file. \quit

-- load_scdl reads a file in two passes: the fingerprints first, to find the
-- duplicates, then the new records whole; scdl_read gained the options
-- "pass" and "lines" and the rows "funder", "beneficiary" and "common".
-- The reasons and warnings of each record are stored as codes
-- (field:code:values) that scdl_message renders; the views subsidy_warning
-- and scdl_reject_reason show them as sentences.  Rows loaded by 0.2.0 keep
-- their sentences: scdl_message and the views pass them through.
COMMENT ON FUNCTION @extschema@.scdl_read(bytea, jsonb) IS 'Read a whole SCDL subventions CSV in one pass: a "header" row (column labels in fields, how the header was read in warnings), one row per record ("record", or "blank" for a row of delimiters or blanks) with its typed values, reasons (why it cannot be loaded) and warnings, a "funder" or "beneficiary" row per organization the records without reasons name (first appearance, with that role''s columns), a "common" row (the warnings every record carries; line: how many records), and a "file" row (facts about the whole file). options: {"columns": {header: field or null}, "synonyms": {title: field}, "encoding": "auto", "pass": "fingerprints", "lines": [line, ...], "messages": "codes" or "text"} (auto: a line that is not UTF-8 is read as WIN1252; fingerprints: each record''s kind, line and fingerprint only; lines: read only the records that start on these lines, ascending; codes: reasons and warnings as load_scdl stores them, see scdl_message; text, the default: as sentences)';

COMMENT ON COLUMN @extschema@.scdl_reject.reasons IS 'Every reason the record was rejected, not just the first, as codes (field:code:values; scdl_message renders one, view scdl_reject_reason all)';
COMMENT ON COLUMN @extschema@.scdl_reject.warnings IS 'What the loader would have normalised in the record, had it been accepted, as codes (as subsidy.warnings)';
COMMENT ON COLUMN @extschema@.subsidy.warnings IS 'What the loader normalised in this record, as codes (e.g. montant:read_as:1 000,00|1000.00; scdl_message renders one, view subsidy_warning all)';

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
-- the installer's privileges on the new views, as 90_owner.sql gives them on every table
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES
    ON @extschema@.subsidy_warning, @extschema@.scdl_reject_reason TO @extowner@ WITH GRANT OPTION;

CREATE OR REPLACE FUNCTION @extschema@.load_scdl(content bytea, source text, encoding text DEFAULT NULL,
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
    v_bytes     bytea;              -- the content converted to UTF-8, when it was not
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
    v_attempt   integer;
    v_new       integer;
    v_whole     integer;
    v_lines     jsonb;
    v_isolation text := current_setting('transaction_isolation');
    v_work_mem  text := current_setting('work_mem');
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

    -- The load's working tables, temporary, made once per transaction and
    -- emptied at the end of each load: a transaction that loads a thousand
    -- files holds the locks of five tables, not of five thousand.  Their
    -- statistics are gathered when the file has more than 1,000 records
    -- (below that, the planner's estimates from their size serve).
    IF to_regclass('pg_temp.pubfin_scdl_stage') IS NOT NULL
       AND NOT pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = to_regclass('pg_temp.pubfin_scdl_stage')), 'USAGE') THEN
        RAISE EXCEPTION 'load_scdl cannot run as % in this transaction', current_user
            USING ERRCODE = '55000',
                  DETAIL = 'An earlier load of this transaction ran as another role, whose working tables it keeps to the end of the transaction.',
                  HINT = 'Commit before loading as another role.';
    END IF;
    IF to_regclass('pg_temp.pubfin_scdl_seen') IS NULL THEN
        CREATE TEMP TABLE pubfin_scdl_seen (kind text, line integer, fingerprint uuid, warnings text[]) ON COMMIT DROP;
    END IF;
    IF to_regclass('pg_temp.pubfin_scdl_new') IS NULL THEN
        CREATE TEMP TABLE pubfin_scdl_new (line integer) ON COMMIT DROP;
    END IF;
    IF to_regclass('pg_temp.pubfin_scdl_stage') IS NULL THEN
        CREATE TEMP TABLE pubfin_scdl_stage ON COMMIT DROP AS
        SELECT r.*, NULL::text AS split_key FROM @extschema@.scdl_read('\x'::bytea) r WITH NO DATA;
    END IF;
    IF to_regclass('pg_temp.pubfin_scdl_org') IS NULL THEN
        CREATE TEMP TABLE pubfin_scdl_org (role text, line integer, warnings text[], key text, name text, siret text,
                                           siren text, rna text, kind text, id bigint) ON COMMIT DROP;
    END IF;
    IF to_regclass('pg_temp.pubfin_scdl_decision') IS NULL THEN
        CREATE TEMP TABLE pubfin_scdl_decision (id bigint, funder_id bigint, reference text) ON COMMIT DROP;
    END IF;
    -- The fingerprints of a large file are matched in memory: work_mem is
    -- at least 64MB during the load (the caller's setting is put back).
    IF pg_size_bytes(v_work_mem) < 64 * 1024 * 1024 THEN
        PERFORM set_config('work_mem', '64MB', true);
    END IF;

    -- Decode: a stated encoding must read every byte; none stated, each
    -- line is read as UTF-8, else as WIN1252 (the reader says so).  UTF-8
    -- is checked by the reader itself; on a failure, the check below says
    -- which encoding reads the file.
    FOR v_attempt IN 1..2 LOOP
        IF encoding IS NOT NULL AND (v_attempt = 2 OR upper(replace(encoding, '-', '')) <> 'UTF8') THEN
            v_message := NULL;
            BEGIN
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
            'messages', 'codes',
            'encoding', CASE WHEN encoding IS NULL THEN 'auto' ELSE 'utf8' END,
            'synonyms', (SELECT jsonb_object_agg(y.synonym, y.field) FROM @extschema@.scdl_synonym y));

        -- First pass: each record's line and fingerprint (scdl_read, in C).
        -- A file the reader refuses is named in the error.
        BEGIN
            INSERT INTO pg_temp.pubfin_scdl_seen
            SELECT r.kind, r.line, r.fingerprint, r.warnings
              FROM @extschema@.scdl_read(coalesce(v_bytes, content), v_options || '{"pass": "fingerprints"}') r;
            EXIT;
        EXCEPTION WHEN bad_copy_file_format OR character_not_in_repertoire OR invalid_parameter_value THEN
            GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL,
                                    v_hint = PG_EXCEPTION_HINT, v_state = RETURNED_SQLSTATE;
            -- bytes that are not UTF-8: the check above says which encoding reads them
            CONTINUE WHEN v_state = '22021' AND encoding IS NOT NULL AND v_attempt = 1;
            IF v_detail = '' THEN
                RAISE EXCEPTION 'SCDL file "%": %', source, v_message USING ERRCODE = v_state, HINT = v_hint;
            END IF;
            RAISE EXCEPTION 'SCDL file "%": %', source, v_message
                USING ERRCODE = v_state, DETAIL = v_detail, HINT = v_hint;
        END;
    END LOOP;
    SELECT max(s.warnings) FILTER (WHERE s.kind = 'header'),
           max(s.warnings) FILTER (WHERE s.kind = 'file'),
           count(*) FILTER (WHERE s.kind IN ('record', 'blank')), count(*) FILTER (WHERE s.kind = 'blank')
      INTO v_header_warnings, v_notes, v_read, v_blank
      FROM pg_temp.pubfin_scdl_seen s;

    -- The records to read: the first of each fingerprint that is neither
    -- loaded nor quarantined; the others are duplicates.
    IF v_read > 1000 THEN
        ANALYZE pg_temp.pubfin_scdl_seen;
    END IF;
    INSERT INTO pg_temp.pubfin_scdl_new
    SELECT min(s.line)
      FROM pg_temp.pubfin_scdl_seen s
     WHERE s.kind = 'record'
       AND NOT EXISTS (SELECT 1 FROM @extschema@.subsidy x WHERE x.fingerprint = s.fingerprint)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.scdl_reject j WHERE j.fingerprint = s.fingerprint)
     GROUP BY s.fingerprint;
    SELECT count(*) INTO v_new FROM pg_temp.pubfin_scdl_new;
    IF v_new < v_read - v_blank THEN
        SELECT coalesce(jsonb_agg(n.line ORDER BY n.line), '[]') INTO v_lines FROM pg_temp.pubfin_scdl_new n;
    END IF;
    TRUNCATE pg_temp.pubfin_scdl_seen, pg_temp.pubfin_scdl_new;

    -- Second pass: those records read whole, one row each with every value
    -- typed, its reasons and warnings; then the organizations they name
    -- ("funder" and "beneficiary" rows) and the warnings all of them carry
    -- (a "common" row).
    INSERT INTO pg_temp.pubfin_scdl_stage
    SELECT r.*, NULL::text
      FROM @extschema@.scdl_read(coalesce(v_bytes, content), v_options || jsonb_build_object('lines', v_lines)) r
     WHERE v_new > 0;

    -- Organizations: the keys of this file's funders and beneficiaries, as
    -- the first record that names one gives its name and kind (and, in the
    -- same scan, the "common" row).  The other rows of the stage that are
    -- not records have no reasons (NULL): the steps below, which all ask
    -- for reasons = '{}' or <> '{}', pass them by.
    INSERT INTO pg_temp.pubfin_scdl_org
    SELECT s.kind AS role, s.line, s.warnings,
           CASE s.kind WHEN 'funder' THEN s.funder_key ELSE s.beneficiary_key END AS key,
           CASE s.kind WHEN 'funder' THEN s.nom_attribuant ELSE s.nom_beneficiaire END AS name,
           CASE WHEN s.id_attribuant_kind = 'siret' THEN s.id_attribuant
                WHEN s.id_beneficiaire_kind = 'siret' THEN s.id_beneficiaire END AS siret,
           CASE WHEN s.id_attribuant_kind = 'siren' THEN s.id_attribuant
                WHEN s.id_beneficiaire_kind = 'siren' THEN s.id_beneficiaire END AS siren,
           s.rna_beneficiaire AS rna,
           CASE s.kind WHEN 'funder' THEN coalesce(load_scdl.funder_kind::text, s.funder_kind) ELSE s.beneficiary_kind END AS kind,
           NULL::bigint AS id
      FROM pg_temp.pubfin_scdl_stage s
     WHERE s.kind IN ('funder', 'beneficiary', 'common');

    -- File-wide facts: a warning that every record carries is said once,
    -- in load_log.diagnostics, with the count, and left out of the records.
    DELETE FROM pg_temp.pubfin_scdl_org o WHERE o.role = 'common' RETURNING o.warnings, o.line INTO v_common, v_whole;
    IF v_common IS NOT NULL THEN
        v_notes := v_notes || ARRAY(SELECT format('%s (in all %s records)', @extschema@.scdl_message(w), v_whole)
                                      FROM unnest(v_common) w ORDER BY 1);
    ELSE
        v_common := '{}';
    END IF;
    IF v_read > 1000 THEN
        ANALYZE pg_temp.pubfin_scdl_stage;
        ANALYZE pg_temp.pubfin_scdl_org;
    END IF;

    INSERT INTO @extschema@.load_log (source, content_fingerprint, started_at, header_warnings, diagnostics)
    VALUES (source, encode(sha256(coalesce(v_bytes, content)), 'hex'), v_started, v_header_warnings, nullif(v_notes, '{}'))
    RETURNING id INTO v_load;

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
    IF v_read > 1000 THEN
        ANALYZE pg_temp.pubfin_scdl_org;
    END IF;

    -- A funder that is its own beneficiary (e.g. EU funds a département
    -- manages) is loaded, with a warning (its code, the key an argument:
    -- '|' and '\' escaped, as scdl_messages.c does).
    UPDATE pg_temp.pubfin_scdl_stage s
       SET warnings = s.warnings || ('nomBeneficiaire:self_funded:' || replace(replace(s.beneficiary_key, E'\\', E'\\\\'), '|', E'\\|'))
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
    GET DIAGNOSTICS v_zeros = ROW_COUNT;
    WHILE v_zeros > 0 LOOP
    WITH allocated AS (
    UPDATE pg_temp.pubfin_scdl_stage s
       SET montant = a.montant,
           reasons = CASE WHEN a.montant = '0'::@extschema@.amount
                          THEN s.reasons || format('montant:split_zero:%s|%s', s.pourcentage, s.award)
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
                     WHERE n.split_key IS NOT NULL AND n.reasons = '{}'
                    WINDOW w AS (PARTITION BY n.split_key)) g
             WHERE g.shares <= 1 AND g.remaining >= '0'::@extschema@.amount) a
     WHERE a.line = s.line AND a.montant <> s.montant
    RETURNING s.montant = '0'::@extschema@.amount AS zero)
    SELECT count(*) FILTER (WHERE zero) INTO v_zeros FROM allocated;
    END LOOP;

    -- Quarantine: every reason, the raw fields keyed by header.
    INSERT INTO @extschema@.scdl_reject (load_id, source, line, fields, reasons, warnings, fingerprint)
    SELECT v_load, source, s.line, s.fields, s.reasons,
           CASE WHEN v_common = '{}' THEN nullif(s.warnings, '{}')
                ELSE nullif(ARRAY(SELECT w FROM unnest(s.warnings) w WHERE w <> ALL (v_common)), '{}') END,
           s.fingerprint
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
    INSERT INTO pg_temp.pubfin_scdl_decision
    SELECT d.id, d.funder_id, d.reference
      FROM @extschema@.decision d
     WHERE d.funder_id IN (SELECT o.id FROM pg_temp.pubfin_scdl_org o);
    IF v_read > 1000 THEN
        ANALYZE pg_temp.pubfin_scdl_decision;
    END IF;

    -- Subsidies: the stage holds no duplicate (first pass), and under the
    -- lock no other load can insert one meanwhile.
    WITH inserted AS (
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
               CASE WHEN v_common = '{}' THEN nullif(s.warnings, '{}')
                    ELSE nullif(ARRAY(SELECT w FROM unnest(s.warnings) w WHERE w <> ALL (v_common)), '{}') END,
               s.extra
          FROM pg_temp.pubfin_scdl_stage s
          JOIN pg_temp.pubfin_scdl_org fo ON fo.key = s.funder_key
          JOIN pg_temp.pubfin_scdl_org bo ON bo.key = s.beneficiary_key
          LEFT JOIN pg_temp.pubfin_scdl_decision d
                 ON d.funder_id = fo.id AND d.reference = s.reference_decision
         WHERE s.reasons = '{}'
        RETURNING warnings IS NOT NULL AS warned)
    SELECT count(*)::integer, count(*) FILTER (WHERE i.warned)::integer
      INTO v_accepted, v_warned FROM inserted i;

    TRUNCATE pg_temp.pubfin_scdl_stage, pg_temp.pubfin_scdl_org, pg_temp.pubfin_scdl_decision;

    UPDATE @extschema@.load_log l
       SET finished_at = clock_timestamp(), records_read = v_read, accepted = v_accepted,
           accepted_with_warnings = v_warned, rejected = v_rejected, blank = v_blank,
           duplicates = v_read - v_blank - v_accepted - v_rejected
     WHERE l.id = v_load;

    PERFORM set_config('work_mem', v_work_mem, true);
    RETURN QUERY SELECT v_load, v_read, v_accepted, v_warned, v_rejected,
                        v_read - v_blank - v_accepted - v_rejected, v_blank,
                        clock_timestamp() - v_started, v_header_warnings;
END;
$load$;
COMMENT ON FUNCTION @extschema@.load_scdl(bytea, text, text, jsonb, @extschema@.organization_kind) IS 'Load an SCDL subventions CSV given as bytes: in the stated encoding, or with none each line read as UTF-8, else WIN1252. Columns matched by header name (SCDL names and titles, scdl_synonym, the columns mapping {header: field}); accepted records become organizations (funders of funder_kind when given, else a kind derived from SIREN ranges and names), decisions and subsidies, the others go to scdl_reject with every reason; records already loaded count as duplicates. Returns the summary, also kept in load_log';
