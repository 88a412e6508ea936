-- The public-finance schema: tables, constraints, and the dashboard views on
-- the 2021 MEL–APES case.
SET search_path = public, pubfin;
SET DateStyle = ISO;
TRUNCATE organization, decision, subsidy, financing_plan, financing_line, budget_line,
         load_log, scdl_reject, budget_document, budget_document_line, budget_concours, budget_reject RESTART IDENTITY;

\set QUIET on
\set ECHO none
\i test/fixtures/mel_apes_2021.sql
\set ECHO all
\set QUIET off

-- Who is who: is_public follows the kind.
SELECT id, name, kind, is_public, parent_id FROM organization ORDER BY id;

-- The co-financing table: MEL is 4.6 % rounded on its own, 4.7 in the
-- column balanced to 100.0; 128,766.00 (17.1 %) is not covered.
SELECT label, funder_kind, status, is_public, amount, percent, percent_balanced, declared_percent
  FROM cofinancing WHERE plan_id = 1 ORDER BY covered DESC, amount DESC;
SELECT sum(percent) AS own_rounding_total, sum(percent_balanced) AS balanced_total,
       sum(amount) AS amount_total
  FROM cofinancing WHERE plan_id = 1;
SELECT sum(percent_balanced) FILTER (WHERE is_public) AS public_balanced_percent
  FROM cofinancing WHERE plan_id = 1;

-- The plan: public total 624,325.00 = 82.9 %, gap 128,766.00 = 17.1 %.
SELECT title, total_cost, lines_total, public_total, public_share, public_percent,
       eu_total, own_funds, unfunded_gap, unfunded_percent, n_lines, n_funders, complete
  FROM plan_summary;

-- Histories.
SELECT funder_name, beneficiary_name, currency, first_year, last_year, years_funded, total,
       streak, renewals, gaps, gap_years, sparkline, series
  FROM subsidy_history;
SELECT beneficiary_name, currency, total, state_total, region_total, department_total,
       local_total, n_funders, series
  FROM beneficiary_history;

-- A multi-year history: MEL funded APES in 2018, 2019 and 2021 too
-- (illustrative amounts), and a CHF award lands on its own row.
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount)
VALUES (4, 5, 'Fonctionnement 2018', 2018, '35000.00'),
       (4, 5, 'Fonctionnement 2019', 2019, '35000.00'),
       (4, 5, 'Projet complémentaire 2021', 2021, '5000.00');
INSERT INTO organization (name, kind, country) VALUES ('Fondation suisse', 'foundation', 'CH');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, currency)
VALUES (7, 5, 'Échange transfrontalier', 2021, '1000.00', 'CHF');
SELECT funder_name, currency, first_year, last_year, years_funded, n_subsidies, total,
       streak, renewals, gaps, gap_years, sparkline, series
  FROM subsidy_history ORDER BY funder_id, currency;
SELECT beneficiary_name, currency, total, local_total, private_total, n_funders, n_subsidies,
       years_funded, streak, sparkline, series
  FROM beneficiary_history ORDER BY currency;

-- Budget execution: an illustrative appropriation of MEL's, charged with the award.
INSERT INTO budget_line (funder_id, fiscal_year, section, chapter, nature_code, function_code,
                         label, amount)
VALUES (4, 2021, 'operating', '65', '6574', '90', 'Subventions ESS (illustrative)', '100000.00');
UPDATE subsidy SET budget_line_id = 1 WHERE id IN (1, 4);
SELECT funder_name, fiscal_year, section, chapter, nature_code, label, currency,
       appropriation, awarded, remaining, percent_used, n_subsidies
  FROM budget_execution;

-- An over-funded plan: no "not covered" row, a negative gap, and the
-- balanced column still adds up to 100 (of the lines' total).
INSERT INTO financing_plan (beneficiary_id, title, fiscal_year, total_cost, complete)
VALUES (5, 'Over-funded event', 2022, '1000.00', true);
INSERT INTO financing_line (plan_id, funder_id, label, amount, kind)
VALUES (2, 2, 'Région', '700.00', 'public_grant'),
       (2, NULL, 'Ticket sales', '400.00', 'revenue'),
       (2, NULL, 'Own funds', '100.00', 'own_funds');
SELECT label, is_public, amount, percent, percent_balanced FROM cofinancing
 WHERE plan_id = 2 ORDER BY amount DESC;
SELECT lines_total, public_total, public_percent, own_funds, unfunded_gap, unfunded_percent,
       n_lines, n_funders
  FROM plan_summary WHERE plan_id = 2;

-- A plan without lines is 100 % not covered.
INSERT INTO financing_plan (beneficiary_id, title, period, total_cost)
VALUES (5, 'No resources yet', daterange('2022-01-01', '2023-12-31', '[]'), '500.00');
SELECT label, covered, amount, percent, percent_balanced FROM cofinancing WHERE plan_id = 3;
SELECT period_start, period_end, lines_total, unfunded_gap, unfunded_percent, n_lines
  FROM plan_summary WHERE plan_id = 3;

-- Constraints: every violation is an error naming its constraint.
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount)
VALUES (4, 5, 'zero', 2021, '0.00');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount)
VALUES (4, 5, 'negative', 2021, '-10.00');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, currency)
VALUES (4, 5, 'lower-case currency', 2021, '10.00', 'eur');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount)
VALUES (4, 4, 'to itself', 2021, '10.00');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, pourcentage_subvention)
VALUES (4, 5, 'split', 2021, '10.00', 1.5);
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, award_amount)
VALUES (4, 5, 'part above the whole', 2021, '10.00', '5.00');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount)
VALUES (4, 5, '   ', 2021, '10.00');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, line)
VALUES (4, 5, 'line without source', 2021, '10.00', 12);
-- the decision must be the funder's own
INSERT INTO subsidy (funder_id, beneficiary_id, decision_id, object, fiscal_year, amount)
VALUES (2, 5, 1, 'decision of another funder', 2021, '10.00');
-- the budget line must be the funder's, in the same currency
INSERT INTO subsidy (funder_id, beneficiary_id, budget_line_id, object, fiscal_year, amount)
VALUES (2, 5, 1, 'budget line of another funder', 2021, '10.00');
INSERT INTO subsidy (funder_id, beneficiary_id, budget_line_id, object, fiscal_year, amount, currency)
VALUES (4, 5, 1, 'budget line in another currency', 2021, '10.00', 'CHF');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, fingerprint)
VALUES (4, 5, 'first', 2021, '10.00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (4, 5, 'same record', 2021, '10.00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
-- a line is always in its plan's currency, so plan totals never mix currencies
INSERT INTO financing_line (plan_id, label, amount, kind, currency)
VALUES (1, 'in dollars', '10.00', 'private', 'USD');
INSERT INTO financing_line (plan_id, label, amount, kind)
VALUES (1, 'nothing', '0.00', 'private');
INSERT INTO financing_line (plan_id, label, amount, kind, declared_percent)
VALUES (1, 'impossible share', '10.00', 'private', 146);
INSERT INTO financing_plan (beneficiary_id, title, total_cost)
VALUES (5, 'neither year nor period', '10.00');
INSERT INTO financing_plan (beneficiary_id, title, fiscal_year, total_cost)
VALUES (5, 'no cost', 2021, '0.00');
INSERT INTO decision (funder_id, reference, decided_on, enforceable_on)
VALUES (4, 'B-2021-1', '2021-03-26', '2021-03-01');
INSERT INTO decision (funder_id, reference) VALUES (4, 'B-2021-2'), (4, 'B-2021-2');
INSERT INTO organization (name, kind, is_public) VALUES ('Pretend public', 'company', true);
INSERT INTO organization (name, country) VALUES ('Bad country', 'France');
INSERT INTO organization (name, siret) VALUES ('A', '73282932000074'), ('B', '73282932000074');
INSERT INTO organization (name, siret, siren) VALUES ('Mismatch', '73282932000074', '552100554');
INSERT INTO organization (name, siret, siren) VALUES ('Consistent', '73282932000074', '732829320');
UPDATE organization SET parent_id = id WHERE name = 'État';
INSERT INTO budget_line (funder_id, fiscal_year, section, label, amount)
VALUES (4, 2021, 'operating', 'negative appropriation', '-1.00');
DELETE FROM organization WHERE name = 'Métropole Européenne de Lille';
-- deleting a plan deletes its lines
DELETE FROM financing_plan WHERE id = 2;
SELECT count(*) FROM financing_line WHERE plan_id = 2;

-- A read-only analyst role: reads the views, cannot touch the tables.
CREATE ROLE regress_pubfin_analyst;
GRANT USAGE ON SCHEMA pubfin TO regress_pubfin_analyst;
GRANT SELECT ON pubfin.cofinancing, pubfin.plan_summary, pubfin.subsidy_history,
                pubfin.beneficiary_history, pubfin.budget_execution TO regress_pubfin_analyst;
SET ROLE regress_pubfin_analyst;
SELECT count(*) FROM pubfin.cofinancing;
SELECT public_percent FROM pubfin.plan_summary WHERE plan_id = 1;
SELECT count(*) FROM pubfin.subsidy_history;
SELECT count(*) FROM pubfin.beneficiary_history;
SELECT count(*) FROM pubfin.budget_execution;
SELECT count(*) FROM pubfin.subsidy;
INSERT INTO pubfin.subsidy (funder_id, beneficiary_id, object, fiscal_year, amount)
VALUES (4, 5, 'by the analyst', 2021, '1.00');
UPDATE pubfin.financing_plan SET total_cost = '1.00';
DELETE FROM pubfin.organization;
RESET ROLE;
REVOKE ALL ON SCHEMA pubfin FROM regress_pubfin_analyst;
DROP OWNED BY regress_pubfin_analyst;
DROP ROLE regress_pubfin_analyst;

TRUNCATE organization, decision, subsidy, financing_plan, financing_line, budget_line,
         load_log, scdl_reject, budget_document, budget_document_line, budget_concours, budget_reject RESTART IDENTITY;
