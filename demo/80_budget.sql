-- Budget documents: the Crac'h CA 2021 -> BP 2022 chain (TOTEM XML) and the
-- Morbihan's CA 2021 (SCDL budget CSV), read from ../shared/data/budget when
-- it is present; the synthetic test fixture otherwise.  Runs on its own.
\pset footer off
\pset null '∅'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
SET search_path = public, pubfin;
SET datestyle = ISO;

\set has_data `test -f ../shared/data/budget/totem/crach-21560046100010_CA2021_budget-principal.totem.xml && echo true || echo false`
\if :has_data
\set plan `base64 -w0 < ../shared/data/budget/plans-de-compte/planDeCompte-M14_COM_500_3500-2021.xml`
\set plan2 `base64 -w0 < ../shared/data/budget/plans-de-compte/planDeCompte-M57-2021.xml`
\set ca `base64 -w0 < ../shared/data/budget/totem/crach-21560046100010_CA2021_budget-principal.totem.xml`
\set bp `base64 -w0 < ../shared/data/budget/totem/crach-21560046100010_BP2022_budget-principal.totem.xml`
\set dep `base64 -w0 < ../shared/data/budget/scdl/morbihan-22560001400016_CA2021_budget-principal.scdl.csv`
\set ca_name 'crach_CA2021.totem.xml'
\set bp_name 'crach_BP2022.totem.xml'
\set dep_name 'morbihan_CA2021.scdl.csv'
\else
\echo '(../shared/data/budget is absent: the demo reads the synthetic files of test/fixtures/budget)'
\set plan `base64 -w0 < test/fixtures/budget/plan-M14_ESSAI-2021.xml`
\set plan2 :plan
\set ca `base64 -w0 < test/fixtures/budget/essai-21990000800018_CA2021.totem.xml`
\set bp `base64 -w0 < test/fixtures/budget/essai-21990000800018_BP2022.totem.xml`
\set dep `base64 -w0 < test/fixtures/budget/essai-21990000800018_CA2021.scdl.csv`
\set ca_name 'essai_CA2021.totem.xml'
\set bp_name 'essai_BP2022.totem.xml'
\set dep_name 'essai_CA2021.scdl.csv'
\endif

\echo
\echo '== load_accounts: the DGFiP charts of accounts the documents are read with'
SELECT nomenclature, variant, year, chapters, accounts, functions, status
  FROM load_accounts(decode(:'plan', 'base64'), 'plan-1.xml');
SELECT nomenclature, variant, year, chapters, accounts, functions, status
  FROM load_accounts(decode(:'plan2', 'base64'), 'plan-2.xml');

\echo
\echo '== load_budget: a commune''s CA 2021 and BP 2022 (TOTEM XML, ISO-8859-1), a département''s CA 2021 (SCDL CSV)'
SELECT format, budget_siret, year, stage, lines, rejected, concours, subsidies, status
  FROM load_budget(decode(:'ca', 'base64'), :'ca_name');
SELECT format, budget_siret, year, stage, lines, rejected, concours, subsidies, status
  FROM load_budget(decode(:'bp', 'base64'), :'bp_name');
SELECT format, budget_siret, year, stage, lines, rejected, concours, subsidies, status
  FROM load_budget(decode(:'dep', 'base64'), :'dep_name');

\echo
\echo '== every section voted in balance, real and order operations together (budget_by_section)'
SELECT d.authority_name, s.year, s.stage, s.section, s.direction,
       sum(s.voted) AS voted, sum(s.realised) AS realised
  FROM budget_by_section s JOIN budget_document d ON d.id = s.document_id
 GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 4, 5;

\echo
\echo '== order operations: expenses = receipts'
SELECT d.authority_name, s.year, s.stage, s.direction, sum(s.voted) AS voted, sum(s.realised) AS realised
  FROM budget_by_section s JOIN budget_document d ON d.id = s.document_id
 WHERE s.operation_kind = 'order'
 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4;

\echo
\echo '== the result of the CA 2021 carried into the BP 2022 (budget_result_chain)'
SELECT budget_siret, year, operating_result, next_002, next_1068, investment_result, next_001,
       rar_receipts, rar_expenses, next_rar_receipts, next_rar_expenses, operating_gap, investment_gap
  FROM budget_result_chain WHERE next_document_id IS NOT NULL;

\echo
\echo '== the largest chapters of the département''s operating expenses (budget_by_chapter)'
SELECT c.chapter, c.voted, c.realised, c.lines
  FROM budget_by_chapter c JOIN budget_document d ON d.id = c.document_id
 WHERE d.format = 'scdl' AND c.section = 'operating' AND c.direction = 'expense'
 ORDER BY realised DESC NULLS LAST LIMIT 6;

\echo
\echo '== subsidies: the CONCOURS annex against the subsidy accounts (budget_subsidies), and the checks'
SELECT d.authority_name, s.year, s.stage, s.annex_entries, s.annex_total, s.annex_subsidies, s.account_voted, s.account_realised
  FROM budget_subsidies s JOIN budget_document d ON d.id = s.document_id ORDER BY s.document_id;
SELECT rule_code, severity, message FROM budget_document_issues ORDER BY document_id;

\echo
\echo '== per year (budget_year)'
SELECT budget_name, year, section, initial_budget, final_budget, realised_receipts, realised_expenses, result
  FROM budget_year ORDER BY budget_name, year, section;
