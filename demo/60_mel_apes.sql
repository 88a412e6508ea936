-- The 2021 MEL–APES decision, typed into the tables and read from the views.
-- Runs on its own too (psql -f demo/60_mel_apes.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
\echo
\echo '== The MEL–APES case: the Bureau of the Métropole Européenne de Lille grants 35,000.00 to APES for 2021 =='
\set QUIET on
\i test/fixtures/mel_apes_2021.sql
\set QUIET off

\echo
\echo '-- Co-financing of APES''s 2021 forecast budget (753,091.00), from the view cofinancing'
SELECT label AS "resource",
       format_amount(amount::amount, 'fr') AS "amount",
       percent AS "% own rounding",
       percent_balanced AS "% balanced",
       CASE WHEN is_public THEN 'yes' WHEN covered THEN 'no' ELSE '' END AS "public",
       COALESCE(status, '') AS "status"
  FROM cofinancing c
  JOIN plan_summary s USING (plan_id)
 WHERE s.title = 'APES : budget prévisionnel 2021'
 ORDER BY c.covered DESC, c.amount DESC;
SELECT sum(percent) AS "sum of own roundings", sum(percent_balanced) AS "sum of balanced"
  FROM cofinancing c JOIN plan_summary s USING (plan_id)
 WHERE s.title = 'APES : budget prévisionnel 2021';

\echo '-- The plan, from the view plan_summary'
SELECT format_amount(total_cost::amount, 'fr') AS "total cost",
       format_amount(public_total::amount, 'fr') AS "public funding",
       public_percent AS "public %",
       format_amount(unfunded_gap::amount, 'fr') AS "not covered",
       unfunded_percent AS "not covered %",
       n_funders AS "named funders"
  FROM plan_summary WHERE title = 'APES : budget prévisionnel 2021';

\echo '-- MEL''s awards to APES, from the view subsidy_history'
SELECT funder_name AS "funder", beneficiary_name AS "beneficiary", first_year, last_year,
       format_amount(total::amount, 'fr') AS "total", sparkline, series
  FROM subsidy_history;
