-- Benchmark of the issue views: 1 million subsidies, 100,000 plans with
-- 500,000 lines, 20,000 budget lines; about 1 % of each breaks a rule.
-- Baselines: one plain scan of the same tables.
SET jit = off;
SET search_path = public, pubfin;
SET client_min_messages = warning;
SELECT setseed(0.3);

-- 20,000 organizations: 2,000 public funders, 18,000 beneficiaries (a third are companies with a SIREN)
INSERT INTO organization (name, kind, siren)
SELECT 'org ' || i,
       (CASE WHEN i <= 2000 THEN (ARRAY['state', 'region', 'department', 'intercommunal', 'municipality'])[1 + i % 5]
             WHEN i % 3 = 0 THEN 'company' ELSE 'association' END)::organization_kind,
       CASE WHEN i > 2000 AND i % 3 = 0 THEN
            -- the one valid check digit after the 8 digits 10000000 + i
            (SELECT c::siren FROM generate_series(0, 9) k, LATERAL (SELECT ((10000000 + i) * 10 + k)::text AS c) x
              WHERE siren_error(c) IS NULL LIMIT 1)
       END
  FROM generate_series(1, 20000) i;
-- decision d and budget line j belong to funder 1 + (d - 1) % 2000
INSERT INTO decision (funder_id, reference, decided_on)
SELECT 1 + (i - 1) % 2000, 'D' || i, make_date(2014 + i % 11, 1 + i % 12, 1 + i % 28)
  FROM generate_series(1, 50000) i;
INSERT INTO budget_line (funder_id, fiscal_year, section, direction, chapter, label, amount)
SELECT 1 + (i - 1) % 2000, 2014 + i % 11, (ARRAY['operating', 'investment'])[1 + i % 2]::budget_section,
       (ARRAY['expense', 'receipt'])[1 + (i / 2000) % 2]::budget_direction, 'c' || i, 'line ' || i,
       (CASE WHEN i % 100 = 0 THEN 1000 ELSE 1000000 END)::amount
  FROM generate_series(1, 20000) i;
-- 1,000,000 subsidies; 10 % of those to companies are de minimis aid; 0.4 % are split in two
INSERT INTO subsidy (funder_id, beneficiary_id, decision_id, object, fiscal_year, amount, section, aid_scheme,
                     convention_date, pourcentage_subvention, split_key, budget_line_id)
SELECT f, b, CASE WHEN i % 2 = 0 THEN f + 2000 * ((i / 2) % 25) END, 'object ' || i, 2014 + i % 11,
       (1000 + (i::bigint * 7919) % 60000)::amount, (ARRAY['operating', 'investment'])[1 + i % 2]::budget_section,
       CASE WHEN b % 3 = 0 AND i % 10 = 0 THEN 'de minimis' END,
       CASE WHEN i % 97 <> 0 THEN make_date(2014 + i % 11, 3, 1) END,
       CASE WHEN i % 500 = 0 THEN 0.5 WHEN i % 500 = 1 THEN 0.4 ELSE 1 END,
       CASE WHEN i % 500 IN (0, 1) THEN 'split ' || (i / 500) END,
       CASE WHEN i % 50 = 0 THEN f + 2000 * ((i / 50) % 10) END
  FROM (SELECT i, 1 + i % 2000 AS f, 2001 + (i * 31) % 18000 AS b FROM generate_series(1, 1000000) i) g;
-- 100,000 plans with 5 lines each; 1 % with a gap, 1 % over-funded, 1 % with a wrong declared percentage
INSERT INTO financing_plan (beneficiary_id, title, fiscal_year, total_cost, complete, section)
SELECT 2001 + i % 18000, 'plan ' || i, 2014 + i % 11, '100000', i % 3 = 0,
       (ARRAY['operating', 'investment'])[1 + i % 2]::budget_section
  FROM generate_series(1, 100000) i;
INSERT INTO financing_line (plan_id, funder_id, label, amount, kind, status, declared_percent)
SELECT p, CASE WHEN k = 5 THEN NULL ELSE 1 + (p * k) % 2000 END, 'line ' || k,
       (CASE WHEN k < 5 THEN 20000 WHEN p % 100 = 1 THEN 19000 WHEN p % 100 = 2 THEN 21000 ELSE 20000 END)::amount,
       (CASE WHEN k = 5 THEN 'own_funds' ELSE 'public_grant' END)::financing_kind,
       (ARRAY['requested', 'voted', 'agreed', 'paid'])[k % 4 + 1]::funding_status,
       CASE WHEN k = 1 THEN CASE WHEN p % 100 = 3 THEN 19.9 ELSE 20 END END
  FROM generate_series(1, 100000) p, generate_series(1, 5) k;
ANALYZE;

SELECT (SELECT count(*) FROM subsidy) AS subsidies, (SELECT count(*) FROM financing_plan) AS plans,
       (SELECT count(*) FROM financing_line) AS lines, (SELECT count(*) FROM budget_line) AS budget_lines;

-- Baselines: read every subsidy (or plan line) once, with the same joins to organization
SELECT bench.time('rules', 'scan subsidies (baseline)',
  $q$ SELECT count(*), sum(s.amount::numeric), count(b.kind) FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id $q$, 3);
SELECT bench.time('rules', 'scan plans and lines (baseline)',
  $q$ SELECT count(*), sum(l.amount::numeric) FROM financing_line l JOIN financing_plan p ON p.id = l.plan_id $q$, 3);
-- The views, each row's message computed
SELECT bench.time('rules', 'subsidy_issues',
  $q$ SELECT count(*), sum(length(message)) FROM subsidy_issues $q$, 3);
SELECT bench.time('rules', 'plan_issues',
  $q$ SELECT count(*), sum(length(message)) FROM plan_issues $q$, 3);
SELECT bench.time('rules', 'budget_issues',
  $q$ SELECT count(*), sum(length(message)) FROM budget_issues $q$, 3);
SELECT bench.time('rules', 'issues (all)',
  $q$ SELECT count(*), sum(length(message)) FROM issues $q$, 3);
SELECT bench.time('rules', 'issues of one beneficiary',
  $q$ SELECT count(*), sum(length(message)) FROM issues WHERE organization_id = 2100 $q$, 3);

SELECT rule_code, severity, count(*) FROM issues GROUP BY 1, 2 ORDER BY 1;
SELECT * FROM bench.report('rules', 'scan subsidies (baseline)');
