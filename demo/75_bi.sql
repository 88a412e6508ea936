-- BI: rows per year for charts, and the SCDL records typed for analysis.
-- Runs on its own too (psql -f demo/75_bi.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
SELECT NOT EXISTS (SELECT FROM financing_plan WHERE title = 'APES : budget prévisionnel 2021') AS need_fixture \gset
\if :need_fixture
\set QUIET on
\i test/fixtures/mel_apes_2021.sql
\set QUIET off
\endif

\echo
\echo '== subsidy_by_year: one row per funder, beneficiary, year and currency (integer year, numeric(20,2) amount)'
SELECT funder_name, beneficiary_name, fiscal_year, currency, amount, n_subsidies
  FROM subsidy_by_year ORDER BY funder_name, beneficiary_name, fiscal_year;

\echo
\echo '== scdl_typed: the SCDL record typed (amount, dates, boolean); sum amount, not award_amount'
SELECT funder_name, beneficiary_name, fiscal_year, amount, award_amount, trim_scale(pourcentage_subvention) AS share,
       convention_date, decision_date, eu_notified
  FROM scdl_typed ORDER BY subsidy_id;

\echo
\echo '== split awards: summing scdl_export.montant counts each once per beneficiary; scdl_typed.amount adds up'
SELECT (SELECT sum(montant::numeric) FROM scdl_export) AS sum_of_montant,
       sum(amount) AS sum_of_amount,
       count(DISTINCT coalesce(split_key, subsidy_id::text)) AS awards, count(*) AS rows
  FROM scdl_typed;

\echo
\echo '== declared column types, as a BI tool reads them'
SELECT c.relname AS view, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.oid = 'pubfin.plan_summary'::regclass AND a.attname IN ('total_cost', 'public_share', 'public_percent', 'n_lines')
 ORDER BY a.attnum;
