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

CREATE TABLE @extschema@.rule (
    code              text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    kind              text NOT NULL CHECK (kind IN (
                          'plan_balance', 'plan_gap', 'funding_cap', 'owner_min_share',
                          'declared_percent', 'funding_path',
                          'convention_required', 'de_minimis',
                          'scdl_percentage_range', 'scdl_percentage_sum',
                          'appropriation', 'budget_hierarchy', 'section_balance')),
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
    min_ratio         numeric CHECK (min_ratio >= 0),
    max_ratio         numeric CHECK (max_ratio >= 0),
    years             integer CHECK (years > 0),
    funder_kinds      text[],
    beneficiary_kinds text[],
    natures           text[],
    aid_scheme        text,
    builtin           boolean NOT NULL DEFAULT false,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to),
    CHECK (min_ratio IS NULL OR max_ratio IS NULL OR min_ratio <= max_ratio),
    -- each kind names the parameters it reads
    CHECK (CASE kind
             WHEN 'funding_cap'           THEN max_ratio IS NOT NULL
             WHEN 'owner_min_share'       THEN min_ratio IS NOT NULL
             WHEN 'convention_required'   THEN threshold_amount IS NOT NULL
             WHEN 'de_minimis'            THEN threshold_amount IS NOT NULL AND years IS NOT NULL
             WHEN 'scdl_percentage_range' THEN min_ratio IS NOT NULL AND max_ratio IS NOT NULL
             ELSE true END)
);
COMMENT ON TABLE @extschema@.rule IS 'Thresholds and caps checked by the issue views, one row per rule and period of validity; pre-filled rows (builtin) cite their legal source; add your own rows of the same kinds';
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
COMMENT ON COLUMN @extschema@.rule.natures IS 'Scope: natures (operating, investment, in_kind) of the plans or subsidies the rule applies to; NULL: all';
COMMENT ON COLUMN @extschema@.rule.aid_scheme IS 'Scope: only subsidies or plan lines whose aid scheme or programme equals this text (case-insensitive); NULL: all';
COMMENT ON COLUMN @extschema@.rule.builtin IS 'Pre-filled by the install script; pg_dump keeps only the rows with builtin = false';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.rule', 'WHERE NOT builtin');

-- ---------------------------------------------------------------------------
-- Pre-filled rules.  Each description says what was verified, and where.
-- ---------------------------------------------------------------------------
INSERT INTO @extschema@.rule (code, kind, title, description, source_ref, source_text, source_url,
                              severity, enabled, valid_from, valid_to, threshold_amount,
                              min_ratio, max_ratio, years, funder_kinds, beneficiary_kinds, natures, builtin)
VALUES
('balanced_forecast', 'plan_balance',
 'A complete forecast budget balances',
 'A plan whose resource lines are declared complete must have resources equal to its total cost. '
 'Verified: the sentence is printed above the forecast budget tables of the Cerfa 12156 subsidy request form '
 '(read in copies of editions 12156*03 and later and in forms derived from it).',
 'Cerfa n° 12156 (demande de subvention), budget prévisionnel',
 'Le total des charges doit être égal au total des produits.',
 'https://www.formulaires.service-public.fr/gf/cerfa_12156.do',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('unfunded_gap', 'plan_gap',
 'Resources not yet found for a forecast',
 'A plan whose lines are not declared complete and whose lines add up to less than its total cost has an '
 'unfunded gap: reported for information. Source as for balanced_forecast.',
 'Cerfa n° 12156 (demande de subvention), budget prévisionnel',
 'Le total des charges doit être égal au total des produits.',
 'https://www.formulaires.service-public.fr/gf/cerfa_12156.do',
 'info', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('over_funding', 'funding_cap',
 'Funding above the total cost',
 'The lines of a plan (all funders, own funds included) add up to more than its total cost (ratio above max_ratio = 1). '
 'A balanced forecast (Cerfa 12156) cannot be funded above its cost. Narrow the scope with funder_kinds '
 '(e.g. public kinds only) in a rule of your own.',
 'Cerfa n° 12156 (demande de subvention), budget prévisionnel',
 'Le total des charges doit être égal au total des produits.',
 'https://www.formulaires.service-public.fr/gf/cerfa_12156.do',
 'error', true, NULL, NULL, NULL, NULL, 1, NULL, NULL, NULL, NULL, true),

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
 ARRAY['region', 'department', 'intercommunal', 'municipality'], ARRAY['investment'], true),

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
 ARRAY['association', 'company', 'foundation'], NULL, true),

('de_minimis_2013', 'de_minimis',
 'De minimis ceiling: 200,000 EUR over three fiscal years (Reg. 1407/2013)',
 'De minimis aid to one undertaking (all funders, by SIREN when known) over the fiscal year of the award and the two before '
 'must not exceed 200,000.00. Applies to subsidies marked as de minimis aid and decided from 2014-01-01 to 2023-12-31. '
 'Verified: recital (3) on EUR-Lex and the CJEU judgment C-608/19, which quotes "the EUR 200 000 ceiling laid down by '
 'Article 3(2) of Regulation No 1407/2013 ... over a period of three fiscal years"; end of validity 2023-12-31 on EUR-Lex. '
 'Not modelled: the 100,000 EUR ceiling for road freight transport.',
 'Commission Regulation (EU) No 1407/2013, art. 3(2)',
 'It is appropriate to maintain the ceiling of EUR 200 000 as the amount of de minimis aid that a single undertaking may '
 'receive per Member State over any period of three years. (recital 3)',
 'https://eur-lex.europa.eu/eli/reg/2013/1407/oj',
 'error', true, '2014-01-01', '2023-12-31', '200000.00', NULL, NULL, 3, NULL, NULL, NULL, true),

('de_minimis_2023', 'de_minimis',
 'De minimis ceiling: 300,000 EUR over three years (Reg. 2023/2831)',
 'De minimis aid to one undertaking (all funders, by SIREN when known) must not exceed 300,000.00 over any period of three '
 'years; pubfin approximates the rolling three years by the fiscal year of the award and the two before. Applies to '
 'subsidies marked as de minimis aid and decided from 2024-01-01 to 2030-12-31. Verified: ceiling and dates in the '
 'summaries of guichet.public.lu, dbfbruxelles.eu and mondaq.com, and the regulation''s header on EUR-Lex; the wording of '
 'art. 3(2) in the Official Journal was not read, so source_text is a paraphrase.',
 'Commission Regulation (EU) 2023/2831, art. 3(2)',
 '(paraphrase) De minimis aid granted per Member State to a single undertaking: at most EUR 300 000 over any period of three years.',
 'https://eur-lex.europa.eu/eli/reg/2023/2831/oj',
 'error', true, '2024-01-01', '2030-12-31', '300000.00', NULL, NULL, 3, NULL, NULL, NULL, true),

('declared_percent', 'declared_percent',
 'A percentage stated in a decision matches the figures',
 'Where a financing line records the percentage a decision states (declared_percent, e.g. 4.6), it must be the exact share '
 '100 * line / total cost truncated or rounded, up or down, at the number of decimals written (percent_matches). '
 'No legal threshold: the check compares the decision with its own figures.',
 'Arithmetic of the decision''s own figures', NULL, NULL,
 'warning', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('funding_path', 'funding_path',
 'An agreed or paid line matches the subsidy that realised it',
 'A financing line with status agreed or paid and a linked subsidy whose amount differs from the line is reported for '
 'information (the funder granted more or less than requested). No legal threshold.',
 'Consistency of the plan with the awards', NULL, NULL,
 'info', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('scdl_percentage_range', 'scdl_percentage_range',
 'SCDL pourcentageSubvention between 0.01 and 1',
 'The share of one subsidy paid to one of its beneficiaries (pourcentageSubvention) is a decimal between 0.01 and 1. '
 'Verified in schema.json of the SCDL subventions schema v2.1.1 (constraints minimum 0.01, maximum 1).',
 'SCDL subventions 2.1.1, field pourcentageSubvention',
 'Pourcentage exprimé sous la forme d''un nombre décimal. Dans le cas d''un bénéficiaire unique, le pourcentage est 100%, '
 'soit ''1.00'' en nombre décimal. (constraints: minimum 0.01, maximum 1)',
 'https://gitlab.com/opendatafrance/scdl/subventions/-/blob/v2.1.1/schema.json',
 'error', true, NULL, NULL, NULL, 0.01, 1, NULL, NULL, NULL, NULL, true),

('scdl_percentage_sum', 'scdl_percentage_sum',
 'The SCDL shares of one split subsidy add up to 1',
 'When one subsidy is split between several beneficiaries (same funder, decision, object, convention date and total '
 'amount), their pourcentageSubvention add up to exactly 1. Verified in schema.json of the SCDL subventions schema v2.1.1 '
 '(description of pourcentageSubvention).',
 'SCDL subventions 2.1.1, field pourcentageSubvention',
 'Dans le cas de bénéficiaires multiples, le pourcentage du montant attribué au bénéficiaire correspond à la part qui lui est versée.',
 'https://gitlab.com/opendatafrance/scdl/subventions/-/blob/v2.1.1/schema.json',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('appropriation', 'appropriation',
 'Awards charged to a budget line stay within its appropriation',
 'The subsidies charged to a budget line add up to no more than its appropriation. '
 'Verified: art. 30 of décret 2012-1246 (quoted in a departmental budget and accounting instruction, 123dok.net); it governs the State and its '
 'public bodies, and local authorities follow the same principle of limiting appropriations (not verified article by article).',
 'Décret n° 2012-1246 du 7 novembre 2012 (GBCP), art. 30',
 'L''engagement respecte l''objet et les limites de l''autorisation budgétaire.',
 'https://www.legifrance.gouv.fr/eli/decret/2012/11/7/2012-1246/jo/texte',
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

('budget_hierarchy', 'budget_hierarchy',
 'A parent budget line equals the sum of its children',
 'Where a budget holds lines at several levels (a chapter and its articles), each parent line equals the sum of its '
 'children. No legal threshold: arithmetic consistency of the budget document.',
 'Arithmetic consistency of the budget document', NULL, NULL,
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),

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
 'error', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true);
