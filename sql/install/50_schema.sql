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
COMMENT ON COLUMN @extschema@.scdl_reject.reasons IS 'Every reason the record was rejected, not just the first, as codes (field:code:values; scdl_message renders one, view scdl_reject_reason all)';
COMMENT ON COLUMN @extschema@.scdl_reject.warnings IS 'What the loader would have normalised in the record, had it been accepted, as codes (as subsidy.warnings)';
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
COMMENT ON COLUMN @extschema@.subsidy.warnings IS 'What the loader normalised in this record, as codes (e.g. montant:read_as:1 000,00|1000.00; scdl_message renders one, view subsidy_warning all)';
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
