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
