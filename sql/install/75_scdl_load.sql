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
-- load_scdl(text)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_scdl(content text, source text)
    RETURNS TABLE(load_id bigint, records_read integer, accepted integer,
                  accepted_with_warnings integer, rejected integer, duplicates integer,
                  elapsed interval, header_warnings text[])
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $load$
DECLARE
    v_started   timestamptz := clock_timestamp();
    v_load      bigint;
    v_headers   text[];
    v_header_line integer;
    v_pos       integer[] := array_fill(NULL::integer, ARRAY[16]);
    v_names     text[];
    v_required  boolean[];
    v_field     text;
    v_missing   text[] := '{}';
    v_labels    text[] := '{}';
    v_extra_keys text[] := '{}';
    v_extra_vals text[] := '{}';
    v_label     text;
    v_value     text;
    v_sql       text;
    v_read      integer;
    v_accepted  integer;
    v_warned    integer;
    v_rejected  integer;
    v_dups      integer;
    v_kind      text;
    v_zeros     integer;
    v_header_warnings text[];
    v_isolation text := current_setting('transaction_isolation');
    -- How an organization is matched: by SIRET, else SIREN, else RNA
    -- number, else name without case, accents or punctuation.  Arguments:
    -- the siret, siren, rna and name expressions.
    v_key       text := $k$CASE WHEN %1$s IS NOT NULL THEN 'siret:' || %1$s
                              WHEN %2$s IS NOT NULL THEN 'siren:' || %2$s
                              WHEN %3$s IS NOT NULL THEN 'rna:' || %3$s
                              ELSE 'name:' || @extschema@.unaccent_fold(%4$s) END$k$;
    i           integer;
BEGIN
    IF content IS NULL THEN
        RAISE EXCEPTION 'SCDL content is NULL'
            USING ERRCODE = '22004', HINT = 'Pass the whole file as text, e.g. psql''s \set f `cat file.csv` then :''f''.';
    END IF;
    IF source IS NULL OR btrim(source) = '' THEN
        RAISE EXCEPTION 'SCDL source name is %', CASE WHEN source IS NULL THEN 'NULL' ELSE 'empty' END
            USING ERRCODE = '22004', HINT = 'Name the file (e.g. its file name): every subsidy and reject records where it came from.';
    END IF;

    -- One load at a time: a second session waits here, then finds the first
    -- one's records and reports them as duplicates.  It can only see them
    -- with a snapshot taken after the wait, i.e. under READ COMMITTED.
    IF v_isolation NOT IN ('read committed', 'read uncommitted') THEN
        RAISE EXCEPTION 'load_scdl cannot run at isolation level %', upper(v_isolation)
            USING ERRCODE = '25000',
                  DETAIL = 'At that level, a load that waited for another one would not see the organizations and subsidies that one inserted.',
                  HINT = 'Call it in a READ COMMITTED transaction (the default), e.g. outside the BEGIN ISOLATION LEVEL ... block.';
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock('@extschema@.load_log'::regclass::oid::integer, 8);

    -- The header: the first record (read from the first line alone, unless
    -- a quoted header spans several lines).
    SELECT r.line_no, r.fields INTO v_header_line, v_headers
      FROM @extschema@.csv_records(split_part(content, E'\n', 1)) r
     WHERE r.error IS NULL LIMIT 1;
    IF v_headers IS NULL THEN
        SELECT r.line_no, r.fields INTO v_header_line, v_headers
          FROM @extschema@.csv_records(content) r LIMIT 1;
    END IF;
    IF v_headers IS NULL THEN
        RAISE EXCEPTION 'SCDL file "%" has no header line', source
            USING ERRCODE = '22P04', HINT = 'The first line must name the columns (nomAttribuant, idAttribuant, ...).';
    END IF;

    SELECT array_agg(f.name ORDER BY f.ordinal), array_agg(f.required ORDER BY f.ordinal)
      INTO v_names, v_required FROM @extschema@.scdl_fields() f;
    FOR i IN 1 .. cardinality(v_headers) LOOP
        -- Each column's label in scdl_reject.fields and subsidy.extra: its
        -- header, "column N" when empty, "header (column N)" when an
        -- earlier column has the same label.
        v_label := coalesce(nullif(btrim(v_headers[i]), ''), 'column ' || i);
        WHILE v_label = ANY (v_labels) LOOP
            v_label := format('%s (column %s)', v_label, i);
        END LOOP;
        v_labels := v_labels || v_label;
        v_field := @extschema@.scdl_column(v_headers[i]);
        IF v_field IS NULL THEN
            v_extra_keys := v_extra_keys || format('%L', v_label);
            v_extra_vals := v_extra_vals || format('nullif(btrim(c.fields[%s]), %L)', i, '');
            CONTINUE;
        END IF;
        IF v_pos[array_position(v_names, v_field)] IS NOT NULL THEN
            RAISE EXCEPTION 'SCDL file "%" names field % twice: columns % and %', source, v_field,
                    v_pos[array_position(v_names, v_field)], i
                USING ERRCODE = '22P04',
                      DETAIL = format('Headers "%s" and "%s" both name %s.', v_headers[v_pos[array_position(v_names, v_field)]], v_headers[i], v_field),
                      HINT = 'Remove or rename one of the two columns.';
        END IF;
        v_pos[array_position(v_names, v_field)] := i;
    END LOOP;
    FOR i IN 1 .. 16 LOOP
        IF v_pos[i] IS NULL AND v_required[i] THEN
            v_missing := v_missing || v_names[i];
        END IF;
    END LOOP;
    IF cardinality(v_missing) > 0 THEN
        RAISE EXCEPTION 'SCDL file "%" lacks % required column%: %', source, cardinality(v_missing),
                CASE WHEN cardinality(v_missing) > 1 THEN 's' ELSE '' END, array_to_string(v_missing, ', ')
            USING ERRCODE = '22P04',
                  DETAIL = format('Its header has: %s.', array_to_string(v_headers, ', ')),
                  HINT = 'Columns are matched by name (SCDL names, schema titles, the arrêté''s French titles), in any order; see pubfin.scdl_fields().';
    END IF;

    -- What the header does differently from SCDL 2.1.1.
    SELECT array_agg(w ORDER BY o, w) INTO v_header_warnings FROM (
        SELECT c AS o, CASE WHEN @extschema@.scdl_column(v_headers[c]) IS NULL
                            THEN format('column %s "%s" is not an SCDL field: kept in subsidy.extra', c, v_headers[c])
                                 || CASE WHEN v_labels[c] IS DISTINCT FROM btrim(v_headers[c])
                                         THEN format(' as "%s"', v_labels[c]) ELSE '' END
                            WHEN v_headers[c] <> @extschema@.scdl_column(v_headers[c])
                            THEN format('column %s "%s" read as %s', c, v_headers[c], @extschema@.scdl_column(v_headers[c])) END AS w
          FROM generate_subscripts(v_headers, 1) c
        UNION ALL
        SELECT 1000 + k, format('no column %s (optional)', v_names[k])
          FROM generate_series(1, 16) k WHERE v_pos[k] IS NULL
        UNION ALL
        SELECT 0, 'the columns are not in the order of SCDL 2.1.1: '
                  || string_agg(v_names[k], ', ' ORDER BY v_pos[k])
          FROM generate_series(1, 16) k
         WHERE v_pos[k] IS NOT NULL
        HAVING array_agg(k ORDER BY v_pos[k]) <> array_agg(k ORDER BY k)) h
     WHERE w IS NOT NULL;

    INSERT INTO @extschema@.load_log (source, content_fingerprint, started_at, header_warnings)
    VALUES (source, encode(sha256(convert_to(content, 'UTF8')), 'hex'), v_started, v_header_warnings)
    RETURNING id INTO v_load;

    -- Stage: one row per record, every field read by its normaliser.  The
    -- statement is built for this header: f[n] is the n-th field.
    v_sql := format($stage$
CREATE TEMP TABLE pubfin_scdl_stage ON COMMIT DROP AS
SELECT line, f, csv_error, fingerprint,
       CASE WHEN dp.error IS NULL AND r12 IS NOT NULL
                 AND (dp.first IS NULL OR dp.last IS NULL OR dp.first > dp.last)
            THEN coalesce(extra, '{}') || jsonb_build_object('datesPeriodeVersement', btrim(r12))
            ELSE extra END AS extra,
       nom_attribuant, id_attribuant, id_attribuant_kind,
       nom_beneficiaire, id_beneficiaire, id_beneficiaire_kind, rna_beneficiaire,
       reference_decision, objet, montant, award, pourcentage, conditions, id_rae, dispositif,
       convention_date, payment_first, payment_last, notification,
       nature, fiscal_year, NULL::text AS split_key,
       %5$s AS funder_key,
       %6$s AS beneficiary_key,
       array_remove(ARRAY[
           CASE WHEN csv_error IS NOT NULL THEN 'CSV: ' || csv_error END,
           CASE WHEN cardinality(f) <> %1$s
                THEN format('the record has %%s fields, the header has %1$s', cardinality(f)) END,
           CASE WHEN nom_attribuant IS NULL THEN 'nomAttribuant: missing'
                WHEN @extschema@.unaccent_fold(nom_attribuant) = ''
                THEN format('nomAttribuant: "%%s" has no letter or digit', nom_attribuant) END,
           CASE WHEN ia.value IS NULL AND ia.error IS NULL THEN 'idAttribuant: missing' END,
           'idAttribuant: ' || ia.error,
           CASE WHEN ia.kind = 'rna' THEN format('idAttribuant: %%s is an RNA number, a SIRET is required', ia.value) END,
           'idAttribuant: ' || CASE ia.kind WHEN 'siret' THEN @extschema@.siret_error(ia.value)
                                             WHEN 'siren' THEN @extschema@.siren_error(ia.value) END,
           'dateConvention: ' || dc.error,
           CASE WHEN nom_beneficiaire IS NULL THEN 'nomBeneficiaire: missing'
                WHEN @extschema@.unaccent_fold(nom_beneficiaire) = ''
                THEN format('nomBeneficiaire: "%%s" has no letter or digit', nom_beneficiaire) END,
           'idBeneficiaire: ' || ib.error,
           'idBeneficiaire: ' || CASE ib.kind WHEN 'siret' THEN @extschema@.siret_error(ib.value)
                                               WHEN 'siren' THEN @extschema@.siren_error(ib.value)
                                               WHEN 'rna' THEN @extschema@.rna_error(ib.value) END,
           CASE WHEN ib.kind = 'rna' AND rn.value IS NOT NULL AND rn.value <> ib.value
                THEN format('idBeneficiaire: %%s is an RNA number, and rnaBeneficiaire is another one (%%s)', ib.value, rn.value) END,
           'rnaBeneficiaire: ' || rn.error,
           CASE WHEN rn.kind IS NOT NULL AND rn.kind <> 'rna'
                THEN format('rnaBeneficiaire: %%s is not an RNA number (W and 9 digits)', rn.value) END,
           'rnaBeneficiaire: ' || CASE WHEN rn.kind = 'rna' THEN @extschema@.rna_error(rn.value) END,
           CASE WHEN char_length(objet) > 256 THEN format('objet: %%s characters, at most 256', char_length(objet)) END,
           CASE WHEN ma.value IS NULL AND ma.error IS NULL THEN 'montant: missing' END,
           'montant: ' || ma.error,
           CASE WHEN ma.value <= 0 THEN format('montant: %%s is not a positive amount', ma.value) END,
           CASE WHEN ma.value > 0 AND ps.value IS NOT NULL AND montant = 0
                THEN format('montant: %%s × %%s rounds to 0.00', ma.value, ps.value) END,
           CASE WHEN na.value IS NULL AND na.error IS NULL THEN 'nature: missing' END,
           'nature: ' || na.error,
           CASE WHEN char_length(conditions) > 256 THEN format('conditionsVersement: %%s characters, at most 256', char_length(conditions)) END,
           'datesPeriodeVersement: ' || dp.error,
           CASE WHEN char_length(id_rae) > 5 THEN format('idRAE: "%%s" has %%s characters, at most 5', id_rae, char_length(id_rae)) END,
           'notificationUE: ' || nu.error,
           CASE WHEN ps.value IS NULL AND ps.error IS NULL THEN 'pourcentageSubvention: missing' END,
           'pourcentageSubvention: ' || ps.error,
           CASE WHEN fiscal_year IS NULL AND dc.error IS NULL AND dp.error IS NULL
                THEN 'no year: neither dateConvention nor datesPeriodeVersement gives one' END
       ], NULL) AS reasons,
       array_remove(ARRAY[
           'idAttribuant: ' || ia.warning,
           CASE WHEN ia.kind = 'siren' THEN format('idAttribuant: %%s is a SIREN, a SIRET is due; the funder is identified by its SIREN', ia.value) END,
           CASE WHEN dc.year IS NULL AND dc.error IS NULL AND fiscal_year IS NOT NULL THEN 'dateConvention: missing (required by SCDL)' END,
           'dateConvention: ' || dc.warning,
           'idBeneficiaire: ' || ib.warning,
           CASE WHEN ib.kind = 'siren' THEN format('idBeneficiaire: %%s is a SIREN, a SIRET is due; the beneficiary is identified by its SIREN', ib.value) END,
           CASE WHEN ib.kind = 'rna' AND (rn.value IS NULL OR rn.value = ib.value)
                THEN format('idBeneficiaire: %%s is an RNA number, read as rnaBeneficiaire', ib.value) END,
           CASE WHEN ib.value IS NULL AND ib.error IS NULL AND rn.value IS NULL AND rn.error IS NULL THEN 'idBeneficiaire: missing, and rnaBeneficiaire too (one of them is required by SCDL)' END,
           'rnaBeneficiaire: ' || rn.warning,
           CASE WHEN objet IS NULL THEN 'objet: missing (required by SCDL)' END,
           'montant: ' || ma.warning,
           'nature: ' || na.warning,
           CASE WHEN conditions IS NULL THEN 'conditionsVersement: missing (required by SCDL)' END,
           CASE WHEN dp.year IS NULL AND dp.first IS NULL AND dp.last IS NULL AND dp.error IS NULL AND dp.warning IS NULL AND fiscal_year IS NOT NULL THEN 'datesPeriodeVersement: missing (required by SCDL)' END,
           CASE WHEN dp.first > dp.last
                THEN format('datesPeriodeVersement: "%%s" ends before it starts; kept as written, with no date range', btrim(r12))
                ELSE 'datesPeriodeVersement: ' || dp.warning END,
           CASE WHEN nu.value IS NULL AND nu.error IS NULL THEN 'notificationUE: missing (required by SCDL)' END,
           'notificationUE: ' || nu.warning,
           'pourcentageSubvention: ' || ps.warning,
           CASE WHEN id_rae IS NULL AND id_rae_raw IS NOT NULL
                THEN format('idRAE: "%%s" read as empty (no RAE number)', id_rae_raw) END
       ], NULL) AS warnings
FROM (
    SELECT c.line_no AS line, c.fields AS f, c.error AS csv_error,
           encode(substr(sha256(convert_to(ARRAY[%2$s]::text || jsonb_strip_nulls(x.extra)::text
                                                 || CASE WHEN cardinality(c.fields) <> %1$s THEN c.fields::text ELSE '' END, 'UTF8')), 1, 16), 'hex')::uuid AS fingerprint,
           nullif(jsonb_strip_nulls(x.extra), '{}') AS extra,
           %4$s
      FROM @extschema@.csv_records($1) c
     CROSS JOIN LATERAL (SELECT jsonb_object(ARRAY[%3$s]::text[], ARRAY[%7$s]::text[]) AS extra) x
     WHERE c.line_no > $2
) r
CROSS JOIN LATERAL (SELECT
       nullif(btrim(r1), '') AS nom_attribuant,
       nullif(btrim(r5), '') AS nom_beneficiaire,
       nullif(btrim(r4), '') AS reference_decision,
       nullif(btrim(r8), '') AS objet,
       nullif(btrim(r11), '') AS conditions,
       nullif(btrim(r13), '') AS id_rae_raw,
       nullif(btrim(r16), '') AS dispositif) t
LEFT JOIN LATERAL @extschema@.scdl_identifier(r2) ia ON true
LEFT JOIN LATERAL @extschema@.scdl_identifier(r6) ib ON true
LEFT JOIN LATERAL @extschema@.scdl_identifier(r7) rn ON true
LEFT JOIN LATERAL @extschema@.scdl_date(r3) dc ON true
LEFT JOIN LATERAL @extschema@.scdl_amount(r9) ma ON true
LEFT JOIN LATERAL @extschema@.scdl_nature(r10) na ON true
LEFT JOIN LATERAL @extschema@.scdl_period(r12) dp ON true
LEFT JOIN LATERAL @extschema@.scdl_boolean(r14) nu ON true
LEFT JOIN LATERAL @extschema@.scdl_share(r15) ps ON true
CROSS JOIN LATERAL (SELECT
       ia.value AS id_attribuant, ia.kind AS id_attribuant_kind,
       CASE WHEN @extschema@.unaccent_fold(id_rae_raw) IN ('sans objet', 'neant', 'non applicable', 'n a')
            THEN NULL ELSE id_rae_raw END AS id_rae,
       CASE WHEN ib.kind <> 'rna' THEN ib.value END AS id_beneficiaire,
       CASE WHEN ib.kind <> 'rna' THEN ib.kind END AS id_beneficiaire_kind,
       coalesce(CASE WHEN rn.kind = 'rna' THEN rn.value END, CASE WHEN ib.kind = 'rna' THEN ib.value END) AS rna_beneficiaire,
       ma.value * ps.value AS montant, ps.value AS pourcentage,
       dc.value AS convention_date, dp.first AS payment_first, dp.last AS payment_last,
       nu.value AS notification,
       CASE WHEN na.value IS NULL THEN NULL
            WHEN na.value = 'aide en numéraire' THEN 'cash'
            WHEN na.value = 'aide en nature' THEN 'in_kind'
            ELSE 'cash_and_in_kind' END::@extschema@.aid_nature AS nature,
       coalesce(dc.year, dp.year) AS fiscal_year,
       ma.value AS award) v
$stage$,
        cardinality(v_headers),
        (SELECT string_agg(CASE WHEN p IS NULL THEN 'NULL::text' ELSE format('nullif(btrim(c.fields[%s]), %L)', p, '') END, ', ' ORDER BY o)
           FROM unnest(v_pos) WITH ORDINALITY u(p, o)),
        array_to_string(v_extra_keys, ', '),
        (SELECT string_agg(CASE WHEN p IS NULL THEN format('NULL::text AS r%s', o)
                                ELSE format('nullif(c.fields[%s], %L) AS r%s', p, '', o) END, ', ' ORDER BY o)
           FROM unnest(v_pos) WITH ORDINALITY u(p, o)),
        format(v_key, $e$CASE WHEN id_attribuant_kind = 'siret' THEN id_attribuant END$e$,
                      $e$CASE WHEN id_attribuant_kind = 'siren' THEN id_attribuant END$e$,
                      'NULL::text', 'nom_attribuant'),
        format(v_key, $e$CASE WHEN id_beneficiaire_kind = 'siret' THEN id_beneficiaire END$e$,
                      $e$CASE WHEN id_beneficiaire_kind = 'siren' THEN id_beneficiaire END$e$,
                      'rna_beneficiaire', 'nom_beneficiaire'),
        array_to_string(v_extra_vals, ', '));
    EXECUTE v_sql USING content, v_header_line;
    ANALYZE pg_temp.pubfin_scdl_stage;

    -- Labels for the fields of records longer than the header (kept in
    -- scdl_reject.fields): "column N", unique as the header's are.
    FOR i IN cardinality(v_labels) + 1 .. (SELECT coalesce(max(cardinality(f)), 0) FROM pg_temp.pubfin_scdl_stage
                                             WHERE cardinality(f) > cardinality(v_labels)) LOOP
        v_label := 'column ' || i;
        WHILE v_label = ANY (v_labels) LOOP
            v_label := format('%s (column %s)', v_label, i);
        END LOOP;
        v_labels := v_labels || v_label;
    END LOOP;

    -- Organizations: the keys of this file's funders and beneficiaries, the
    -- existing organizations that have them, and the new ones.
    CREATE TEMP TABLE pubfin_scdl_org ON COMMIT DROP AS
    SELECT DISTINCT ON (k.key) k.key, k.name, k.siret, k.siren, k.rna, NULL::bigint AS id
      FROM pg_temp.pubfin_scdl_stage s,
           LATERAL (VALUES (s.funder_key, s.nom_attribuant,
                            CASE WHEN s.id_attribuant_kind = 'siret' THEN s.id_attribuant END,
                            CASE WHEN s.id_attribuant_kind = 'siren' THEN s.id_attribuant END,
                            NULL::text),
                           (s.beneficiary_key, s.nom_beneficiaire,
                            CASE WHEN s.id_beneficiaire_kind = 'siret' THEN s.id_beneficiaire END,
                            CASE WHEN s.id_beneficiaire_kind = 'siren' THEN s.id_beneficiaire END,
                            s.rna_beneficiaire)) k(key, name, siret, siren, rna)
     WHERE s.reasons = '{}'
     ORDER BY k.key, s.line;
    -- Kind by kind, so that a record naming only an RNA number finds the
    -- association another record of the same file created with its SIRET.
    FOREACH v_kind IN ARRAY ARRAY['siret', 'siren', 'rna', 'name'] LOOP
        EXECUTE format($match$
            UPDATE pg_temp.pubfin_scdl_org t SET id = o.id
              FROM (SELECT DISTINCT ON (t2.key) t2.key, og.id
                      FROM pg_temp.pubfin_scdl_org t2
                      JOIN @extschema@.organization og ON %s
                     WHERE t2.id IS NULL AND t2.key LIKE $1 || ':%%'
                     ORDER BY t2.key, og.id) o
             WHERE o.key = t.key$match$,
            CASE v_kind
            WHEN 'siret' THEN 'og.siret = t2.siret::@extschema@.siret'
            WHEN 'siren' THEN 'og.siren = t2.siren::@extschema@.siren AND og.siret IS NULL'
            WHEN 'rna' THEN 'og.rna = t2.rna::@extschema@.rna'
            ELSE $c$og.siret IS NULL AND og.siren IS NULL AND og.rna IS NULL
                    AND 'name:' || @extschema@.unaccent_fold(og.name) = t2.key$c$ END) USING v_kind;
        EXECUTE format($create$
            WITH created AS (
                INSERT INTO @extschema@.organization (name, kind, siret, siren, rna)
                SELECT t.name,
                       CASE WHEN left(coalesce(t.siret, t.siren), 1) IN ('1', '2') THEN 'public_body'
                            WHEN t.rna IS NOT NULL THEN 'association'
                            ELSE 'other' END::@extschema@.organization_kind,
                       t.siret::@extschema@.siret,
                       coalesce(t.siren, left(t.siret, 9))::@extschema@.siren,
                       t.rna::@extschema@.rna
                  FROM pg_temp.pubfin_scdl_org t
                 WHERE t.id IS NULL AND t.key LIKE $1 || ':%%'
                 ORDER BY t.key
                RETURNING id, %s AS key)
            UPDATE pg_temp.pubfin_scdl_org t SET id = c.id FROM created c WHERE c.key = t.key$create$,
            format(v_key, 'siret::text', 'siren::text', 'rna::text', 'name')) USING v_kind;
    END LOOP;
    ANALYZE pg_temp.pubfin_scdl_org;

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
      FROM pg_temp.pubfin_scdl_org fo, pg_temp.pubfin_scdl_org bo
     WHERE s.reasons = '{}' AND s.pourcentage < 1
       AND fo.key = s.funder_key AND bo.key = s.beneficiary_key AND fo.id <> bo.id;
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

    -- Rejects: every reason, the raw fields keyed by header.  A record
    -- already in quarantine (same fingerprint) is a duplicate.
    INSERT INTO @extschema@.scdl_reject (load_id, source, line, fields, reasons, warnings, fingerprint)
    SELECT v_load, source, s.line,
           (SELECT jsonb_object_agg(v_labels[k], s.f[k])
              FROM generate_subscripts(s.f, 1) k),
           CASE WHEN s.reasons = '{}'
                THEN ARRAY[format('nomBeneficiaire: the beneficiary is the funder itself (%s)', s.beneficiary_key)]
                ELSE s.reasons END,
           nullif(s.warnings, '{}'), s.fingerprint
      FROM pg_temp.pubfin_scdl_stage s
      LEFT JOIN pg_temp.pubfin_scdl_org fo ON fo.key = s.funder_key
      LEFT JOIN pg_temp.pubfin_scdl_org bo ON bo.key = s.beneficiary_key
     WHERE s.reasons <> '{}' OR fo.id = bo.id
     ORDER BY s.line
    ON CONFLICT (fingerprint) DO NOTHING;
    GET DIAGNOSTICS v_rejected = ROW_COUNT;

    -- Decisions, by reference.
    INSERT INTO @extschema@.decision (funder_id, reference)
    SELECT DISTINCT fo.id, s.reference_decision
      FROM pg_temp.pubfin_scdl_stage s
      JOIN pg_temp.pubfin_scdl_org fo ON fo.key = s.funder_key
      JOIN pg_temp.pubfin_scdl_org bo ON bo.key = s.beneficiary_key
     WHERE s.reasons = '{}' AND s.reference_decision IS NOT NULL AND fo.id <> bo.id
    ON CONFLICT (funder_id, reference) DO NOTHING;

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
        SELECT fo.id, bo.id, d.id, s.objet, s.fiscal_year, s.montant, s.nature,
               s.convention_date, s.conditions,
               CASE WHEN (s.payment_first IS NOT NULL OR s.payment_last IS NOT NULL)
                         AND (s.payment_first IS NULL OR s.payment_last IS NULL
                              OR s.payment_first <= s.payment_last)
                    THEN daterange(s.payment_first, s.payment_last, '[]') END,
               s.dispositif, s.id_rae, s.notification, s.pourcentage,
               CASE WHEN s.pourcentage < 1 THEN s.award END,
               s.split_key,
               source, s.line, v_load, s.fingerprint, nullif(s.warnings, '{}'), s.extra
          FROM pg_temp.pubfin_scdl_stage s
          JOIN pg_temp.pubfin_scdl_org fo ON fo.key = s.funder_key
          JOIN pg_temp.pubfin_scdl_org bo ON bo.key = s.beneficiary_key
          LEFT JOIN @extschema@.decision d
                 ON d.funder_id = fo.id AND d.reference = s.reference_decision
          LEFT JOIN repeated r ON r.fingerprint = s.fingerprint
         WHERE s.reasons = '{}' AND fo.id <> bo.id
           AND (r.first_line IS NULL OR r.first_line = s.line)
           AND NOT EXISTS (SELECT 1 FROM @extschema@.subsidy x WHERE x.fingerprint = s.fingerprint)
           AND NOT EXISTS (SELECT 1 FROM @extschema@.scdl_reject j WHERE j.fingerprint = s.fingerprint)
        RETURNING warnings IS NOT NULL AS warned)
    SELECT count(*)::integer, count(*) FILTER (WHERE i.warned)::integer
      INTO v_accepted, v_warned FROM inserted i;

    SELECT count(*)::integer INTO v_read FROM pg_temp.pubfin_scdl_stage;
    v_dups := v_read - v_accepted - v_rejected;
    DROP TABLE pg_temp.pubfin_scdl_stage;
    DROP TABLE pg_temp.pubfin_scdl_org;

    UPDATE @extschema@.load_log l
       SET finished_at = clock_timestamp(), records_read = v_read, accepted = v_accepted,
           accepted_with_warnings = v_warned, rejected = v_rejected, duplicates = v_dups
     WHERE l.id = v_load;

    RETURN QUERY SELECT v_load, v_read, v_accepted, v_warned, v_rejected, v_dups,
                        clock_timestamp() - v_started, v_header_warnings;
END;
$load$;
COMMENT ON FUNCTION @extschema@.load_scdl(text, text) IS 'Load an SCDL subventions CSV given as text: columns matched by header name, every record validated; accepted records become organizations, decisions and subsidies, the others go to scdl_reject with every reason; records already loaded count as duplicates. Returns the summary, also kept in load_log';

-- ---------------------------------------------------------------------------
-- load_scdl(bytea, encoding)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.load_scdl(content bytea, source text, encoding text DEFAULT 'UTF8')
    RETURNS TABLE(load_id bigint, records_read integer, accepted integer,
                  accepted_with_warnings integer, rejected integer, duplicates integer,
                  elapsed interval, header_warnings text[])
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $load$
DECLARE
    v_text      text;
    v_message   text;
    v_likely    text;
    v_try       text;
BEGIN
    IF content IS NULL OR encoding IS NULL THEN
        RAISE EXCEPTION 'SCDL % is NULL', CASE WHEN content IS NULL THEN 'content' ELSE 'encoding' END
            USING ERRCODE = '22004', HINT = 'Pass the file''s bytes and its encoding (UTF8, WIN1252 or LATIN1).';
    END IF;
    BEGIN
        v_text := convert_from(content, encoding);
    EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
        GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
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
                              THEN format('The file reads as %s: call load_scdl(content, %L, %L).', v_likely, source, v_likely)
                              ELSE 'No common encoding reads it (UTF8, WIN1252, LATIN1): is it a CSV file at all?' END;
    END;
    RETURN QUERY SELECT * FROM @extschema@.load_scdl(v_text, source);
END;
$load$;
COMMENT ON FUNCTION @extschema@.load_scdl(bytea, text, text) IS 'Load an SCDL subventions CSV given as bytes in the stated encoding (UTF8, WIN1252, LATIN1...); bytes invalid in it are refused with a hint naming the encoding that reads them';

-- ---------------------------------------------------------------------------
-- scdl_export
-- ---------------------------------------------------------------------------
CREATE VIEW @extschema@.scdl_export AS
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
COMMENT ON VIEW @extschema@.scdl_export IS 'The subsidies as SCDL subventions 2.1.1: its 16 columns in order, as text formatted as the schema requires, one row per beneficiary of each subsidy; COPY (SELECT * FROM pubfin.scdl_export) TO STDOUT (FORMAT csv, HEADER) writes a publishable file';
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
