-- BI: the per-year views, the typed twin of scdl_export, declared column
-- types, and grant_analyst.
SET search_path = public, pubfin;
SET DateStyle = ISO;
TRUNCATE organization, decision, subsidy, financing_plan, financing_line, budget_line,
         load_log, scdl_reject RESTART IDENTITY CASCADE;

\set QUIET on
\set ECHO none
\i test/fixtures/mel_apes_2021.sql
\set ECHO all
\set QUIET off

-- A few more years and funders for APES (5), a split award between APES and a
-- second association (7), and an award in another currency.
INSERT INTO organization (name, kind) VALUES ('Maison des associations', 'association');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, eu_notified) VALUES
  (4, 5, 'Fonctionnement 2019', 2019, '30000.00', false),
  (4, 5, 'Fonctionnement 2020', 2020, '30000.00', NULL),
  (4, 5, 'Projet 2020', 2020, '2500.50', NULL),
  (2, 5, 'Emploi 2021', 2021, '12000.00', NULL),
  (2, 5, 'Emploi CHF', 2021, '900.00', NULL);
UPDATE subsidy SET currency = 'CHF' WHERE object = 'Emploi CHF';
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, award_amount,
                     pourcentage_subvention, split_key, payment_period, eu_notified) VALUES
  (4, 5, 'Forum 2022', 2022, '6666.67', '10000.01', 0.666666666667, 'F22', '[2022-03-01,2022-07-01)', true),
  (4, 7, 'Forum 2022', 2022, '3333.34', '10000.01', 0.333333333333, 'F22', '[2022-03-01,2022-07-01)', true);

-- One row per funder, beneficiary, year and currency; the years are integers.
SELECT funder_name, beneficiary_name, fiscal_year, currency, amount, n_subsidies
  FROM subsidy_by_year ORDER BY beneficiary_id, funder_id, fiscal_year, currency;
-- Its rows are the series of subsidy_history, to the cent.
SELECT h.funder_id, h.beneficiary_id, h.currency, h.total, sum(y.amount) AS sum_of_years,
       h.n_subsidies, sum(y.n_subsidies) AS subsidies_of_years
  FROM subsidy_history h
  JOIN subsidy_by_year y USING (funder_id, beneficiary_id, currency)
 GROUP BY 1, 2, 3, 4, 6 ORDER BY 1, 2, 3;
SELECT count(*) AS series_rows_missing
  FROM subsidy_history h, jsonb_each_text(h.series) e
 WHERE NOT EXISTS (SELECT FROM subsidy_by_year y
                    WHERE (y.funder_id, y.beneficiary_id, y.currency) = (h.funder_id, h.beneficiary_id, h.currency)
                      AND y.fiscal_year = e.key::integer AND y.amount = e.value::numeric);

-- Across funders, by year, with the split by funder kind.
SELECT beneficiary_name, fiscal_year, currency, total, state_total, region_total, local_total,
       n_funders, n_subsidies
  FROM beneficiary_by_year ORDER BY beneficiary_id, fiscal_year, currency;

-- The typed twin of scdl_export: summing montant counts the split award of
-- 10,000.01 twice (20,000.02); amount adds up to what was awarded.
SELECT sum(montant::numeric) AS sum_of_montant FROM scdl_export WHERE objet = 'Forum 2022';
SELECT sum(amount) AS sum_of_amount, sum(award_amount) AS sum_of_award_amount,
       count(DISTINCT coalesce(split_key, subsidy_id::text)) AS awards
  FROM scdl_typed WHERE object = 'Forum 2022';
SELECT beneficiary_name, amount, award_amount, pourcentage_subvention, split_key,
       payment_start, payment_end, eu_notified, nature
  FROM scdl_typed WHERE fiscal_year >= 2021 ORDER BY subsidy_id;
-- The same rows as scdl_export, value for value.
SELECT count(*) AS rows_differing
  FROM (SELECT "nomBeneficiaire", montant::numeric AS m, "notificationUE", "pourcentageSubvention"::numeric AS p
          FROM scdl_export
        EXCEPT
        SELECT beneficiary_name, award_amount,
               CASE eu_notified WHEN true THEN 'oui' WHEN false THEN 'non' END, pourcentage_subvention
          FROM scdl_typed) d;

-- Every column of every view has a declared type: no unconstrained numeric,
-- no bigint but identifiers, no pubfin type.
SELECT c.relname AS view, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
 WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
   AND (format_type(a.atttypid, a.atttypmod) = 'numeric'
        OR (a.atttypid = 'bigint'::regtype AND a.attname !~ '(^|_)id$')
        OR (SELECT t.typnamespace FROM pg_type t WHERE t.oid = a.atttypid) = 'pubfin'::regnamespace)
 ORDER BY 1, 2;
-- The largest amount and the most negative one fit numeric(20,2).
SELECT '92233720368547758.07'::amount::numeric(20,2) AS largest,
       '-92233720368547758.07'::amount::numeric(20,2) AS smallest;

-- grant_analyst: USAGE on the schema and SELECT on every view, not on the tables.
CREATE ROLE regress_bi_analyst;
CREATE ROLE "regress bi ""quoted""";
SELECT grant_analyst('regress_bi_analyst') = (SELECT count(*) FROM pg_class
        WHERE relnamespace = 'pubfin'::regnamespace AND relkind = 'v') AS every_view;
SELECT grant_analyst('"regress bi ""quoted"""') > 0 AS quoted_name;
SELECT count(*) FILTER (WHERE has_table_privilege('regress_bi_analyst', c.oid, 'SELECT')) = count(*)
       AS every_view_readable
  FROM pg_class c WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind = 'v';
SELECT count(*) AS readable_tables
  FROM pg_class c WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind = 'r'
   AND has_table_privilege('regress_bi_analyst', c.oid, 'SELECT');
SET ROLE regress_bi_analyst;
SELECT fiscal_year, amount FROM pubfin.subsidy_by_year WHERE funder_id = 4 AND beneficiary_id = 5 ORDER BY 1;
SELECT count(*) FROM pubfin.subsidy;
-- A role without the grant option cannot use it to grant anything.
SELECT pubfin.grant_analyst('"regress bi ""quoted"""');
RESET ROLE;
-- Nor one holding the grant option on the schema and only some views; nothing is granted.
CREATE ROLE regress_bi_partial;
GRANT USAGE ON SCHEMA pubfin TO regress_bi_partial WITH GRANT OPTION;
GRANT SELECT ON pubfin.cofinancing, pubfin.plan_summary TO regress_bi_partial WITH GRANT OPTION;
CREATE ROLE regress_bi_other;
SET ROLE regress_bi_partial;
SELECT pubfin.grant_analyst('regress_bi_other');
RESET ROLE;
SELECT has_schema_privilege('regress_bi_other', 'pubfin', 'USAGE') AS other_usage,
       has_table_privilege('regress_bi_other', 'pubfin.cofinancing', 'SELECT') AS other_cofinancing;
REVOKE ALL ON SCHEMA pubfin FROM regress_bi_partial CASCADE;
REVOKE ALL ON pubfin.cofinancing, pubfin.plan_summary FROM regress_bi_partial CASCADE;
DROP ROLE regress_bi_partial, regress_bi_other;
SELECT grant_analyst(NULL) IS NULL AS strict;
SELECT grant_analyst('regress_no_such_role');
REVOKE ALL ON SCHEMA pubfin FROM regress_bi_analyst, "regress bi ""quoted""";
DROP OWNED BY regress_bi_analyst, "regress bi ""quoted""";
DROP ROLE regress_bi_analyst, "regress bi ""quoted""";
-- Leave the tables empty for the tests that follow.
TRUNCATE organization, decision, subsidy, financing_plan, financing_line, budget_line,
         load_log, scdl_reject RESTART IDENTITY CASCADE;
