-- pgTAP: the schema's catalog contract (types of view columns, comments,
-- dump registration, indexes), dashboard-style queries over generated data
-- checked against plain SQL on the tables, and a read-only analyst role.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(49);

-- ---- catalog --------------------------------------------------------------
SELECT has_table('pubfin', t, 'table pubfin.' || t)
  FROM unnest(ARRAY['organization', 'decision', 'subsidy', 'financing_plan', 'financing_line',
                    'budget_line', 'load_log', 'scdl_reject']) AS t;
SELECT has_view('pubfin', v, 'view pubfin.' || v)
  FROM unnest(ARRAY['cofinancing', 'plan_summary', 'subsidy_history', 'beneficiary_history',
                    'budget_execution']) AS v;

CREATE TEMP VIEW schema_view_columns AS
SELECT c.relname AS view_name, a.attname AS column_name, a.atttypid::regtype::text AS type_name
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE n.nspname = 'pubfin' AND c.relkind IN ('v', 'm');

SELECT cmp_ok((SELECT count(*) FROM schema_view_columns WHERE view_name IN
                 ('cofinancing', 'plan_summary', 'subsidy_history', 'beneficiary_history',
                  'budget_execution')), '>=', 80::bigint,
              'the five dashboard views have their columns');
SELECT is_empty($$
    SELECT view_name, column_name, type_name FROM schema_view_columns
     WHERE type_name NOT IN ('numeric', 'integer', 'bigint', 'text', 'date', 'boolean', 'jsonb')
       AND type_name !~ '^numeric\(\d+,\d+\)$'
$$, 'every view column is numeric (or numeric(p,s)), integer, bigint, text, date, boolean or jsonb');

SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'pubfin' AND c.relkind IN ('r', 'v', 'm', 'p')
       AND obj_description(c.oid, 'pg_class') IS NULL
$$, 'every table and view has a comment');
SELECT is_empty($$
    SELECT c.relname, a.attname FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'pubfin' AND c.relkind IN ('r', 'v', 'm', 'p')
       AND col_description(c.oid, a.attnum) IS NULL
$$, 'every column of every table and view has a comment');

SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'pubfin' AND c.relkind IN ('r', 'p', 'S')
       AND c.oid <> ALL (SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'pubfin')
$$, 'every table and sequence of the schema is registered for pg_dump');
SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'pubfin' AND c.relname IN ('organization', 'decision', 'subsidy',
           'financing_plan', 'financing_line', 'budget_line', 'load_log', 'scdl_reject')
       AND NOT EXISTS (
           SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id'
              AND a.attidentity = 'a')
$$, 'every table of the schema has an identity id');

-- Indexes for the usual filters: funder, beneficiary, year.
SELECT ok(EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a
                    ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                   WHERE i.indrelid = 'pubfin.subsidy'::regclass AND a.attname = c),
          'an index on subsidy starts with ' || c)
  FROM unnest(ARRAY['funder_id', 'beneficiary_id', 'fiscal_year', 'budget_line_id']) AS c;
SELECT ok(EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a
                    ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                   WHERE i.indrelid = t::regclass AND a.attname = c),
          'an index on ' || t || ' starts with ' || c)
  FROM (VALUES ('pubfin.financing_line', 'plan_id'), ('pubfin.financing_line', 'funder_id'),
               ('pubfin.financing_plan', 'beneficiary_id'), ('pubfin.budget_line', 'funder_id')) AS x (t, c);

-- ---- generated data -------------------------------------------------------
SELECT setseed(0.6);
INSERT INTO organization (name, kind)
SELECT 'Funder ' || g,
       (ARRAY['eu', 'state', 'region', 'department', 'intercommunal', 'municipality',
              'public_body', 'foundation'])[1 + g % 8]::organization_kind
  FROM generate_series(1, 24) g;
INSERT INTO organization (name, kind)
SELECT 'Beneficiary ' || g, (ARRAY['association', 'company', 'municipality'])[1 + g % 3]::organization_kind
  FROM generate_series(1, 300) g;
CREATE TEMP TABLE funders AS SELECT id FROM organization WHERE name LIKE 'Funder %';
CREATE TEMP TABLE beneficiaries AS SELECT id FROM organization WHERE name LIKE 'Beneficiary %';

INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, currency)
SELECT (SELECT min(id) FROM funders) + floor(r1 * 24)::int,
       (SELECT min(id) FROM beneficiaries) + floor(r2 * 300)::int,
       'Generated ' || g, 2015 + floor(r3 * 8)::int,
       amount_from_cents(1 + (r4 * 5000000)::bigint),
       CASE WHEN r5 < 0.05 THEN 'CHF' ELSE 'EUR' END
  FROM (SELECT g, random() r1, random() r2, random() r3,
               random() r4, random() r5
          FROM generate_series(1, 6000) g) x;

INSERT INTO financing_plan (beneficiary_id, title, fiscal_year, total_cost, currency)
SELECT (SELECT min(id) FROM beneficiaries) + floor(random() * 300)::int, 'Plan ' || g, 2020,
       amount_from_cents(100000 + (random() * 10000000)::bigint),
       CASE WHEN g % 17 = 0 THEN 'CHF' ELSE 'EUR' END
  FROM generate_series(1, 400) g;
INSERT INTO financing_line (plan_id, funder_id, label, amount, kind, currency)
SELECT p.id,
       CASE WHEN random() < 0.2 THEN NULL
            ELSE (SELECT min(id) FROM funders) + floor(random() * 24)::int END,
       'Line ' || k,
       amount_from_cents(1 + (random() * cents(p.total_cost) / 3)::bigint),
       (ARRAY['public_grant', 'eu_funds', 'private', 'own_funds', 'revenue'])[1 + k % 5]::financing_kind,
       p.currency
  FROM financing_plan p, generate_series(1, 6) k
 WHERE k <= p.id % 7;

-- ---- properties of the views ----------------------------------------------
SELECT is_empty($$
    SELECT plan_id FROM cofinancing GROUP BY plan_id HAVING sum(percent_balanced) <> 100
$$, 'the balanced column adds up to exactly 100 in every plan');
SELECT is_empty($$
    SELECT c.plan_id FROM cofinancing c JOIN plan_summary s USING (plan_id)
     GROUP BY c.plan_id, s.total_cost, s.lines_total
    HAVING sum(c.amount) <> greatest(s.total_cost, s.lines_total)
$$, 'cofinancing rows add up to the total cost (or to the lines when over-funded)');
SELECT is_empty($$
    SELECT plan_id FROM cofinancing WHERE covered AND percent <> round(100 * share, 1)
$$, 'percent is the share rounded on its own to one decimal');
SELECT results_eq($$
    SELECT plan_id, unfunded_gap FROM plan_summary ORDER BY plan_id
$$, $$
    SELECT p.id, p.total_cost::numeric - COALESCE(sum(l.amount::numeric), 0)
      FROM financing_plan p LEFT JOIN financing_line l ON l.plan_id = p.id
     GROUP BY p.id ORDER BY p.id
$$, 'plan_summary.unfunded_gap is total cost minus the lines, for every plan');
SELECT results_eq($$
    SELECT plan_id, public_total, eu_total, own_funds FROM plan_summary ORDER BY plan_id
$$, $$
    SELECT p.id,
           COALESCE(sum(l.amount::numeric) FILTER (WHERE COALESCE(f.is_public, l.kind IN ('public_grant', 'eu_funds'))), 0),
           COALESCE(sum(l.amount::numeric) FILTER (WHERE f.kind = 'eu' OR l.kind = 'eu_funds'), 0),
           COALESCE(sum(l.amount::numeric) FILTER (WHERE l.kind = 'own_funds'), 0)
      FROM financing_plan p
      LEFT JOIN financing_line l ON l.plan_id = p.id
      LEFT JOIN organization f ON f.id = l.funder_id
     GROUP BY p.id ORDER BY p.id
$$, 'plan_summary public, EU and own-funds totals match plain SQL');
SELECT results_eq($$
    SELECT funder_id, beneficiary_id, currency, total, years_funded::bigint, n_subsidies
      FROM subsidy_history ORDER BY 1, 2, 3
$$, $$
    SELECT funder_id, beneficiary_id, currency::text, sum(amount::numeric),
           count(DISTINCT fiscal_year), count(*)::integer
      FROM subsidy GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
$$, 'subsidy_history totals by funder, beneficiary and currency match plain SQL');
SELECT results_eq($$
    SELECT beneficiary_id, currency, total, eu_total, state_total, local_total, n_funders
      FROM beneficiary_history ORDER BY 1, 2
$$, $$
    SELECT s.beneficiary_id, s.currency::text, sum(s.amount::numeric),
           COALESCE(sum(s.amount::numeric) FILTER (WHERE f.kind = 'eu'), 0)::numeric(20,2),
           COALESCE(sum(s.amount::numeric) FILTER (WHERE f.kind = 'state'), 0)::numeric(20,2),
           COALESCE(sum(s.amount::numeric) FILTER (WHERE f.kind IN ('intercommunal', 'municipality')), 0)::numeric(20,2),
           count(DISTINCT s.funder_id)::integer
      FROM subsidy s JOIN organization f ON f.id = s.funder_id
     GROUP BY 1, 2 ORDER BY 1, 2
$$, 'beneficiary_history totals by funder kind match plain SQL, one row per currency');
SELECT is_empty($$
    SELECT beneficiary_id FROM beneficiary_history
     WHERE total <> eu_total + state_total + region_total + department_total + local_total
                    + other_public_total + private_total
$$, 'the totals by funder kind add up to the total');

-- ---- dashboard-style queries: plain SQL on the views ----------------------
CREATE TEMP VIEW dash_top10 AS
SELECT beneficiary_name, sum(total) AS total
  FROM subsidy_history
 WHERE funder_id = (SELECT min(id) FROM funders) AND currency = 'EUR'
 GROUP BY beneficiary_name ORDER BY total DESC, beneficiary_name LIMIT 10;
CREATE TEMP VIEW dash_yearly AS
SELECT h.funder_kind, y.key::integer AS fiscal_year, h.currency, sum(y.value::numeric) AS total
  FROM subsidy_history h, jsonb_each(h.series) y
 GROUP BY 1, 2, 3;
CREATE TEMP VIEW dash_gaps AS
SELECT plan_id, title, beneficiary_name, total_cost, unfunded_gap, unfunded_percent
  FROM plan_summary WHERE unfunded_gap > 0 ORDER BY unfunded_gap DESC;

SELECT results_eq($$ SELECT * FROM dash_top10 $$, $$
    SELECT b.name, sum(s.amount::numeric) AS total
      FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id
     WHERE s.funder_id = (SELECT min(id) FROM funders) AND s.currency = 'EUR'
     GROUP BY b.name ORDER BY total DESC, b.name LIMIT 10
$$, 'dashboard: top 10 beneficiaries of a funder');
SELECT results_eq($$ SELECT * FROM dash_yearly ORDER BY 1, 2, 3 $$, $$
    SELECT f.kind::text, s.fiscal_year, s.currency::text, sum(s.amount::numeric)
      FROM subsidy s JOIN organization f ON f.id = s.funder_id
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
$$, 'dashboard: yearly totals by funder kind and currency');
SELECT results_eq($$ SELECT plan_id, unfunded_gap FROM dash_gaps ORDER BY plan_id $$, $$
    SELECT p.id, p.total_cost::numeric - COALESCE(sum(l.amount::numeric), 0)
      FROM financing_plan p LEFT JOIN financing_line l ON l.plan_id = p.id
     GROUP BY p.id HAVING p.total_cost::numeric > COALESCE(sum(l.amount::numeric), 0)
     ORDER BY p.id
$$, 'dashboard: plans with an unfunded gap');
SELECT cmp_ok((SELECT count(*) FROM dash_gaps), '>', 100::bigint, 'many plans have a gap');
SELECT is_empty($$
    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
     WHERE c.relname IN ('dash_top10', 'dash_yearly', 'dash_gaps')
       AND c.relnamespace = pg_my_temp_schema()
       AND a.atttypid::regtype::text NOT IN ('numeric', 'integer', 'bigint', 'text', 'date', 'boolean', 'jsonb')
$$, 'dashboard queries return no pubfin types');

-- ---- a read-only analyst role ---------------------------------------------
CREATE ROLE tap_pubfin_analyst;
GRANT USAGE ON SCHEMA pubfin TO tap_pubfin_analyst;
GRANT SELECT ON pubfin.cofinancing, pubfin.plan_summary, pubfin.subsidy_history,
                pubfin.beneficiary_history, pubfin.budget_execution TO tap_pubfin_analyst;
SET LOCAL ROLE tap_pubfin_analyst;
SELECT lives_ok('SELECT count(*) FROM pubfin.' || v, 'the analyst reads ' || v)
  FROM unnest(ARRAY['cofinancing', 'plan_summary', 'subsidy_history', 'beneficiary_history',
                    'budget_execution']) AS v;
SELECT throws_ok('SELECT count(*) FROM pubfin.subsidy', '42501', NULL,
                 'the analyst cannot read the tables');
SELECT throws_ok($$INSERT INTO pubfin.organization (name) VALUES ('x')$$, '42501', NULL,
                 'the analyst cannot insert');
SELECT throws_ok($$UPDATE pubfin.financing_plan SET complete = true$$, '42501', NULL,
                 'the analyst cannot update');
SELECT throws_ok($$DELETE FROM pubfin.subsidy$$, '42501', NULL, 'the analyst cannot delete');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
