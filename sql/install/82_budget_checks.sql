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
