-- Budget documents: charts of accounts, TOTEM and SCDL budget files, the
-- checks passing on a balanced document and failing on the same document
-- with one line changed.  Fixtures: test/fixtures/budget (synthetic files in
-- the layout of the real ones; the real files are tested by t_budget_files.sh).
SET search_path = public, pubfin;
SET DateStyle = ISO;
-- the bytes of a fixture file with one change: decode, replace, encode back
CREATE FUNCTION pg_temp.edit(content bytea, encoding text, pattern text, replacement text) RETURNS bytea
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT convert_to(regexp_replace(convert_from(content, encoding), pattern, replacement), encoding) $$;

-- ---------------------------------------------------------------------------
-- A chart of accounts; loaded again, nothing changes
-- ---------------------------------------------------------------------------
\set plan `base64 -w0 < test/fixtures/budget/plan-M14_ESSAI-2021.xml`
SELECT nomenclature, variant, year, chapters, accounts, functions, status
  FROM load_accounts(decode(:'plan', 'base64'), 'plan-M14_ESSAI-2021.xml');
SELECT nomenclature, variant, year, chapters, accounts, functions, status
  FROM load_accounts(decode(:'plan', 'base64'), 'plan-M14_ESSAI-2021.xml');
SELECT code, parent_code, chapter_dr, chapter_rr, chapter_does, chapter_roes, chapter_dois, chapter_rois
  FROM account_code WHERE code IN ('10222', '2183', '6811') ORDER BY code;
-- resolution: the nearest year of the same nomenclature and variant; the class otherwise
SELECT account_chart_for('M14', 'M14_ESSAI', 2023) IS NOT NULL AS chart_2023,
       account_chart_for('M14', 'M14_AUTRE', 2021) IS NULL AS other_variant,
       account_chapter_of(account_chart_for('M14', 'M14_ESSAI', 2021), '2183', 'expense', true, false) AS order_2183,
       account_class_section('1068') AS s1068, account_class_section('002') AS s002, account_class_section('6574') AS s6574;

-- ---------------------------------------------------------------------------
-- A CA 2021 (TOTEM, ISO-8859-1), the BP 2022 (UTF-8), a DM and the CA as SCDL CSV
-- ---------------------------------------------------------------------------
\set ca `base64 -w0 < test/fixtures/budget/essai-21990000800018_CA2021.totem.xml`
\set bp `base64 -w0 < test/fixtures/budget/essai-21990000800018_BP2022.totem.xml`
\set dm `base64 -w0 < test/fixtures/budget/essai-21990000800018_DM1-2022.totem.xml`
\set csv `base64 -w0 < test/fixtures/budget/essai-21990000800018_CA2021.scdl.csv`
SELECT format, budget_siret, year, stage, dm_number, lines, rejected, concours, subsidies, status
  FROM load_budget(decode(:'ca', 'base64'), 'essai_CA2021.totem.xml');
SELECT format, budget_siret, year, stage, dm_number, lines, rejected, concours, subsidies, status
  FROM load_budget(decode(:'bp', 'base64'), 'essai_BP2022.totem.xml');
SELECT format, budget_siret, year, stage, dm_number, lines, rejected, concours, subsidies, status
  FROM load_budget(decode(:'dm', 'base64'), 'essai_DM1-2022.totem.xml');
SELECT format, budget_siret, year, stage, dm_number, lines, rejected, concours, subsidies, status
  FROM load_budget(decode(:'csv', 'base64'), 'essai_CA2021.scdl.csv');
-- the document as published: the authority's name decoded from ISO-8859-1
SELECT id, format, authority_name, budget_kind, stage, dm_number, nomenclature, variant, vote_date,
       chart_id IS NOT NULL AS has_chart, warnings
  FROM budget_document ORDER BY id;
SELECT o.name, o.kind, o.siret FROM organization o JOIN budget_document d ON d.authority_id = o.id GROUP BY 1, 2, 3;
-- lines: chapter and section from the chart (TOTEM) or stated, else from the account class (SCDL)
SELECT document_id, line_no, account, chapter, section, section_from, direction, is_order, order_kind,
       planned, credits, realised, rar_year_end, warnings
  FROM budget_document_line WHERE document_id IN (1, 4) AND account IN ('002', '6811', '10222', '023') ORDER BY 1, 2;
-- the CONCOURS annex, and the subsidies made from it (CA only)
SELECT c.position, c.article, c.legal_nature, c.beneficiary, c.beneficiary_siren, c.amount,
       s.fiscal_year, s.amount AS subsidy, s.section, f.name AS funder, b.name AS beneficiary_org, b.siren
  FROM budget_concours c
  LEFT JOIN subsidy s ON s.id = c.subsidy_id
  LEFT JOIN organization f ON f.id = s.funder_id
  LEFT JOIN organization b ON b.id = s.beneficiary_id
 ORDER BY c.document_id, c.position;

-- Loading the same files again changes nothing
SELECT stage, status FROM load_budget(decode(:'ca', 'base64'), 'essai_CA2021.totem.xml');
SELECT stage, status FROM load_budget(decode(:'csv', 'base64'), 'essai_CA2021.scdl.csv');
SELECT (SELECT count(*) FROM budget_document) AS documents, (SELECT count(*) FROM budget_document_line) AS lines,
       (SELECT count(*) FROM budget_concours) AS concours, (SELECT count(*) FROM subsidy) AS subsidies,
       (SELECT count(*) FROM budget_reject) AS rejects;

-- ---------------------------------------------------------------------------
-- The views
-- ---------------------------------------------------------------------------
SELECT document_id, stage, section, direction, operation_kind, voted, realised, lines
  FROM budget_by_section WHERE document_id = 1 ORDER BY section, direction, operation_kind;
SELECT document_id, section, direction, chapter, chapter_label, voted, realised
  FROM budget_by_chapter WHERE document_id = 1 AND direction = 'expense' ORDER BY section, chapter;
SELECT budget_siret, year, document_id, operating_result, investment_result, rar_receipts, rar_expenses,
       next_document_id, next_002, next_1068, next_001, next_rar_expenses, operating_gap, investment_gap
  FROM budget_result_chain ORDER BY document_id;
SELECT document_id, stage, annex_entries, annex_total, annex_subsidies, account_voted, account_realised
  FROM budget_subsidies ORDER BY document_id;
SELECT budget_siret, year, section, documents, initial_budget, final_budget, realised_receipts, realised_expenses, result
  FROM budget_year ORDER BY year, section;
-- a published subsidy of the same authority and year, against the budget account
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount)
SELECT d.authority_id, o.id, 'published in SCDL', 2021, '300.00'
  FROM budget_document d, organization o WHERE d.id = 1 AND o.name = 'AMICALE LAÏQUE';
SELECT authority_name, year, stage, account_realised, annex_total, published_awards, published_total, gap
  FROM budget_subsidy_reconciliation;

-- ---------------------------------------------------------------------------
-- The checks: every document above passes; each one-line change below fails
-- ---------------------------------------------------------------------------
SELECT count(*) AS issues FROM budget_document_issues;
SELECT code, kind, severity, source_ref FROM rule WHERE kind ~ '^budget_' ORDER BY code;

-- one credit of the CA changed by one cent: the operating section is not voted in balance
SELECT stage, status FROM load_budget(
    pg_temp.edit(decode(:'ca', 'base64'), 'LATIN1',
                 '(<Nature V="7311"/>\s*<ContNat V="73"/>\s*<CodRD V="R"/>\s*<MtPrev V="1700.00"/>\s*<CredOuv V=")1700.00', '\11700.01'),
    'essai_CA2021_credit.totem.xml');
SELECT rule_code, severity, section, message, measured, threshold, source_ref
  FROM budget_document_issues ORDER BY rule_code, section;
DELETE FROM budget_document WHERE source = 'essai_CA2021_credit.totem.xml';

-- an order operation realised one cent more as an expense: order operations out of balance
-- (and the operating result is no longer the one carried into 2022)
SELECT stage, status FROM load_budget(
    pg_temp.edit(decode(:'ca', 'base64'), 'LATIN1',
                 '(<Nature V="6811"/>\s*<ContNat V="042"/>\s*<CodRD V="D"/>\s*<MtPrev V="200.00"/>\s*<CredOuv V="200.00"/>\s*<MtReal V=")200.00', '\1200.01'),
    'essai_CA2021_order.totem.xml');
SELECT document_id, rule_code, severity, section, message, measured, threshold
  FROM budget_document_issues ORDER BY rule_code, section, document_id;
DELETE FROM budget_document WHERE source = 'essai_CA2021_order.totem.xml';

-- a DM whose changes do not net to zero (and the budget after it no longer balances)
SELECT stage, dm_number, status FROM load_budget(
    pg_temp.edit(decode(:'dm', 'base64'), 'LATIN1', '(<Nature V="6063"/>\s*<ContNat V="011"/>\s*<CodRD V="D"/>\s*<MtBudgPrec V="1500.00"/>\s*<MtPrev V=")100.00', '\1100.01'),
    'essai_DM1-2022_net.totem.xml');
SELECT document_id, rule_code, severity, section, message, measured, threshold
  FROM budget_document_issues ORDER BY rule_code, section, document_id;
DELETE FROM budget_document WHERE source = 'essai_DM1-2022_net.totem.xml';

-- a BP 2022 that takes over 99.99 as 002 (balanced by one more cent of taxes): the result chain breaks
DELETE FROM budget_document WHERE format = 'totem' AND stage = 'BP';
SELECT stage, status FROM load_budget(
    pg_temp.edit(pg_temp.edit(decode(:'bp', 'base64'), 'UTF8',
                 '(<Nature V="002"/>\s*<CodRD V="R"/>\s*<MtPrev V=")100.00("/>\s*<CredOuv V=")100.00', '\199.99\299.99'),
                 'UTF8', '(<Nature V="7311"/>\s*<ContNat V="73"/>\s*<CodRD V="R"/>\s*<MtPrev V=")1900.00("/>\s*<CredOuv V=")1900.00', '\11900.01\21900.01'),
    'essai_BP2022_002.totem.xml');
SELECT document_id, rule_code, severity, section, message, measured, threshold
  FROM budget_document_issues ORDER BY rule_code, section, document_id;
DELETE FROM budget_document WHERE source = 'essai_BP2022_002.totem.xml';

-- a BP 2022 carrying over one cent more of restes à réaliser than the CA left
SELECT stage, status FROM load_budget(
    pg_temp.edit(decode(:'bp', 'base64'), 'UTF8', '(<Nature V="2183"/>\s*<ContNat V="21"/>\s*<CodRD V="D"/>\s*<MtRARPrec V=")100.00', '\1100.01'),
    'essai_BP2022_rar.totem.xml');
SELECT document_id, rule_code, severity, section, message, measured, threshold
  FROM budget_document_issues ORDER BY rule_code, section, document_id;
DELETE FROM budget_document WHERE source = 'essai_BP2022_rar.totem.xml';
SELECT stage, status FROM load_budget(decode(:'bp', 'base64'), 'essai_BP2022.totem.xml');

-- a CA whose subsidies annex lists one cent more than the subsidy account realised
SELECT stage, subsidies, status FROM load_budget(
    pg_temp.edit(decode(:'ca', 'base64'), 'LATIN1', '<MtSubv V="150.00"/>', '<MtSubv V="150.01"/>'),
    'essai_CA2021_annex.totem.xml');
SELECT document_id, rule_code, severity, section, message, measured, threshold
  FROM budget_document_issues ORDER BY rule_code, section, document_id;
-- every issue is also in the global list
SELECT entity, rule_code, rule_kind, severity, fiscal_year, measured, threshold
  FROM issues WHERE entity = 'budget_document';
-- deleting the document deletes the subsidies made from its annex
SELECT count(*) AS subsidies_before FROM subsidy;
DELETE FROM budget_document WHERE source = 'essai_CA2021_annex.totem.xml';
SELECT count(*) AS subsidies_after FROM subsidy;

-- the SCDL CSV with a row whose credit changed: the check reads it the same way
SELECT stage, status FROM load_budget(
    pg_temp.edit(decode(:'csv', 'base64'), 'UTF8', 'dépense,800.00,,,,1000.00,1000.00', 'dépense,800.00,,,,1000.00,1000.01'),
    'essai_CA2021_credit.scdl.csv');
SELECT rule_code, stage, section, message FROM budget_document_issues ORDER BY rule_code, section;
DELETE FROM budget_document WHERE source = 'essai_CA2021_credit.scdl.csv';
-- a rule disabled reports nothing (rolled back: an edited pre-filled rule stays the user's)
BEGIN;
UPDATE rule SET enabled = false WHERE code = 'budget_voted_balance';
SELECT stage, status FROM load_budget(
    pg_temp.edit(decode(:'csv', 'base64'), 'UTF8', 'dépense,800.00,,,,1000.00,1000.00', 'dépense,800.00,,,,1000.00,1000.01'),
    'essai_CA2021_credit.scdl.csv');
SELECT count(*) AS issues FROM budget_document_issues;
ROLLBACK;

-- ---------------------------------------------------------------------------
-- Lines that cannot be read go to budget_reject, with every reason
-- ---------------------------------------------------------------------------
SELECT stage, lines, rejected, status FROM load_budget(convert_to(
'BGT_NATDEC,BGT_ANNEE,BGT_SIRET,BGT_NOM,BGT_NATURE,BGT_SECTION,BGT_OPBUDG,BGT_CODRD,BGT_MTPREV,BGT_CREDOUV
BUDGET PRIMITIF,2023,21990000800018,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
Budget primitif,2023,21990000800018,ESSAI,,fonctionnement,réel,dépense,10.00,10.00
Budget primitif,2023,21990000800018,ESSAI,6063,fonctionement,réel,crédit,10.005,1e3
Budget primitif,2023,21990000800018,ESSAI,9999,,réel,dépense,1.00,1.00
Budget primitif,2023,21990000800019,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
Budget prévisionnel,2023,21990000800018,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
Budget primitif,23,21990000800018,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
"unterminated,2023
', 'UTF8'), 'bad.scdl.csv');
SELECT document_id IS NOT NULL AS in_document, line_no, reasons, fields->>'BGT_NATURE' AS nature
  FROM budget_reject ORDER BY line_no;
SELECT stage, status FROM load_budget(convert_to(
'BGT_NATDEC,BGT_ANNEE,BGT_SIRET,BGT_NOM,BGT_NATURE,BGT_SECTION,BGT_OPBUDG,BGT_CODRD,BGT_MTPREV,BGT_CREDOUV
BUDGET PRIMITIF,2023,21990000800018,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
Budget primitif,2023,21990000800018,ESSAI,,fonctionnement,réel,dépense,10.00,10.00
Budget primitif,2023,21990000800018,ESSAI,6063,fonctionement,réel,crédit,10.005,1e3
Budget primitif,2023,21990000800018,ESSAI,9999,,réel,dépense,1.00,1.00
Budget primitif,2023,21990000800019,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
Budget prévisionnel,2023,21990000800018,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
Budget primitif,23,21990000800018,ESSAI,6063,fonctionnement,réel,dépense,10.00,10.00
"unterminated,2023
', 'UTF8'), 'bad.scdl.csv');
SELECT count(*) AS rejects FROM budget_reject;

-- ---------------------------------------------------------------------------
-- Files that are not budget documents: clear errors
-- ---------------------------------------------------------------------------
\set VERBOSITY default
\set SHOW_CONTEXT never
SELECT * FROM load_budget(NULL, 'x.xml');
SELECT * FROM load_budget('\x3c613e'::bytea, '  ');
SELECT * FROM load_budget(convert_to('<html><body>502 Bad Gateway</body></html>', 'UTF8'), 'page.xml');
SELECT * FROM load_budget(convert_to('<?xml version="1.0"?><DocumentBudgetaire><Budget>', 'UTF8'), 'cut.xml');
SELECT * FROM load_budget(convert_to('<?xml version="1.0" encoding="EBCDIC-FR"?><a/>', 'UTF8'), 'ebcdic.xml');
SELECT * FROM load_budget('\x3c3f786d6c2076657273696f6e3d22312e302220656e636f64696e673d225554462d38223f3e3c613ee93c2f613e'::bytea, 'latin1-as-utf8.xml');
SELECT * FROM load_budget(decode(:'plan', 'base64'), 'plan.xml');
SELECT * FROM load_budget(pg_temp.edit(decode(:'ca', 'base64'), 'LATIN1', '<NatDec V="09"/>', '<NatDec V="07"/>'), 'natdec.xml');
SELECT * FROM load_budget(pg_temp.edit(decode(:'ca', 'base64'), 'LATIN1', '<IdColl V="21990000800018"/>', '<IdColl V="21990000800019"/>'), 'idcoll.xml');
SELECT * FROM load_budget(pg_temp.edit(decode(:'ca', 'base64'), 'LATIN1', '<Exer V="2021"/>', '<Exer V="21"/>'), 'exer.xml');
SELECT * FROM load_budget(convert_to('BGT_ANNEE,BGT_SIRET,BGT_NATURE
2021,21990000800018,6063
', 'UTF8'), 'columns.csv');
SELECT * FROM load_budget('\x424754e9'::bytea, 'latin1.csv');
SELECT * FROM load_accounts(decode(:'ca', 'base64'), 'ca.xml');
SELECT * FROM load_accounts(convert_to('<Nomenclature Norme="M14" Declinaison="" Exer="20x1"/>', 'UTF8'), 'bad-plan.xml');
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM load_budget(decode(:'ca', 'base64'), 'essai_CA2021.totem.xml');
ROLLBACK;
\set VERBOSITY terse

-- ---------------------------------------------------------------------------
-- Dashboard views expose standard types with declared sizes only
-- ---------------------------------------------------------------------------
SELECT c.table_name, c.column_name, c.data_type
  FROM information_schema.columns c
 WHERE c.table_schema = 'pubfin'
   AND c.table_name IN ('budget_document_amounts', 'budget_document_issues', 'budget_by_section', 'budget_by_chapter',
                        'budget_by_function', 'budget_result_chain', 'budget_subsidies', 'budget_subsidy_reconciliation',
                        'budget_year')
   AND (c.data_type NOT IN ('integer', 'bigint', 'text', 'character varying', 'numeric', 'date', 'boolean')
        OR (c.data_type = 'numeric' AND c.numeric_precision IS NULL)
        OR (c.data_type = 'character varying' AND c.character_maximum_length IS NULL));

-- Leave the tables empty for the tests that follow.
TRUNCATE organization, decision, subsidy, financing_plan, financing_line, budget_line,
         load_log, scdl_reject, budget_document, budget_document_line, budget_concours, budget_reject,
         account_chart RESTART IDENTITY CASCADE;
