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
