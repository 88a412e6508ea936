-- pgTAP: the per-year views and the typed twin of scdl_export over generated
-- data, checked against plain SQL on the tables and against the jsonb series
-- they unfold; split awards summed once.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(10);

SELECT setseed(0.17);
INSERT INTO organization (name, kind)
SELECT 'BI funder ' || g,
       (ARRAY['eu', 'state', 'region', 'department', 'intercommunal', 'municipality',
              'public_body', 'foundation'])[1 + g % 8]::organization_kind
  FROM generate_series(1, 16) g;
INSERT INTO organization (name, kind)
SELECT 'BI beneficiary ' || g, (ARRAY['association', 'company'])[1 + g % 2]::organization_kind
  FROM generate_series(1, 200) g;
CREATE TEMP TABLE bi_f AS SELECT min(id) AS lo FROM organization WHERE name LIKE 'BI funder %';
CREATE TEMP TABLE bi_b AS SELECT min(id) AS lo FROM organization WHERE name LIKE 'BI beneficiary %';

-- 5,000 awards over 12 years in two currencies, amounts up to 10^11 cents
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, currency, eu_notified)
SELECT (SELECT lo FROM bi_f) + floor(r1 * 16)::int,
       (SELECT lo FROM bi_b) + floor(r2 * 200)::int,
       'Generated ' || g, 2012 + floor(r3 * 12)::int,
       amount_from_cents(1 + (r4 ^ 3 * 1e11)::bigint),
       CASE WHEN r5 < 0.07 THEN 'CHF' ELSE 'EUR' END,
       CASE WHEN r5 < 0.3 THEN true WHEN r5 < 0.6 THEN false END
  FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5
          FROM generate_series(1, 5000) g) x;

-- 300 awards split between 2 to 4 beneficiaries, the parts allocated to the cent
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, award_amount,
                     pourcentage_subvention, split_key)
SELECT a.funder, (SELECT lo FROM bi_b) + ((a.g * 7 + k * 13) % 200),
       'Split ' || a.g, a.year, p.part, a.total, 1.0 / a.n, 'BI-S' || a.g
  FROM (SELECT g, (SELECT lo FROM bi_f) + g % 16 AS funder, 2015 + g % 5 AS year,
               2 + g % 3 AS n, amount_from_cents(100 + g * 9973) AS total
          FROM generate_series(1, 300) g) a
  CROSS JOIN LATERAL unnest(allocate(a.total, array_fill(1::numeric, ARRAY[a.n])))
        WITH ORDINALITY AS p (part, k);

SELECT results_eq($$
    SELECT funder_id, beneficiary_id, fiscal_year, currency, amount, n_subsidies
      FROM subsidy_by_year ORDER BY 1, 2, 3, 4
$$, $$
    SELECT funder_id, beneficiary_id, fiscal_year, currency::text, sum(amount::numeric)::numeric(20,2),
           count(*)::integer
      FROM subsidy GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
$$, 'subsidy_by_year: one row per funder, beneficiary, year and currency, sums as plain SQL');

SELECT is_empty($$
    SELECT h.funder_id, h.beneficiary_id, h.currency, e.key, e.value
      FROM subsidy_history h, jsonb_each_text(h.series) e
    EXCEPT
    SELECT funder_id, beneficiary_id, currency, fiscal_year::text, amount::text FROM subsidy_by_year
$$, 'every year of subsidy_history.series is a row of subsidy_by_year with the same amount');
SELECT is_empty($$
    SELECT funder_id, beneficiary_id, currency, fiscal_year FROM subsidy_by_year
    EXCEPT
    SELECT h.funder_id, h.beneficiary_id, h.currency, e.key::integer
      FROM subsidy_history h, jsonb_each_text(h.series) e
$$, 'every row of subsidy_by_year is a year of subsidy_history.series');

SELECT results_eq($$
    SELECT beneficiary_id, fiscal_year, currency, total, eu_total, state_total, private_total, n_funders, n_subsidies
      FROM beneficiary_by_year ORDER BY 1, 2, 3
$$, $$
    SELECT s.beneficiary_id, s.fiscal_year, s.currency::text, sum(s.amount::numeric)::numeric(20,2),
           COALESCE(sum(s.amount::numeric) FILTER (WHERE f.kind = 'eu'), 0)::numeric(20,2),
           COALESCE(sum(s.amount::numeric) FILTER (WHERE f.kind = 'state'), 0)::numeric(20,2),
           COALESCE(sum(s.amount::numeric) FILTER (WHERE NOT f.is_public), 0)::numeric(20,2),
           count(DISTINCT s.funder_id)::integer, count(*)::integer
      FROM subsidy s JOIN organization f ON f.id = s.funder_id
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
$$, 'beneficiary_by_year: totals by funder kind as plain SQL');
SELECT is_empty($$
    SELECT beneficiary_id, fiscal_year FROM beneficiary_by_year
     WHERE total <> eu_total + state_total + region_total + department_total + local_total
                    + other_public_total + private_total
$$, 'beneficiary_by_year: the totals by funder kind add up to the year''s total');
SELECT results_eq($$
    SELECT beneficiary_id, currency, sum(total) FROM beneficiary_by_year GROUP BY 1, 2 ORDER BY 1, 2
$$, $$
    SELECT beneficiary_id, currency, total FROM beneficiary_history ORDER BY 1, 2
$$, 'beneficiary_by_year adds up to beneficiary_history over the years');

SELECT results_eq($$
    SELECT currency, sum(amount) FROM scdl_typed GROUP BY 1 ORDER BY 1
$$, $$
    SELECT currency::text, sum(amount::numeric) FROM subsidy GROUP BY 1 ORDER BY 1
$$, 'scdl_typed: summing amount gives the money awarded');
SELECT results_eq($$
    SELECT sum(t.award_amount) - sum(t.amount)
      FROM scdl_typed t WHERE t.split_key LIKE 'BI-S%'
$$, $$
    SELECT sum(a.total::numeric * (2 + a.g % 3 - 1))
      FROM (SELECT g, amount_from_cents(100 + g * 9973) AS total FROM generate_series(1, 300) g) a
$$, 'scdl_typed: award_amount, like scdl_export.montant, counts an award split n ways n times');
SELECT is(
    (SELECT count(DISTINCT coalesce(split_key, subsidy_id::text)) FROM scdl_typed),
    (SELECT count(*) FROM subsidy WHERE split_key IS NULL) + 300,
    'scdl_typed: count(DISTINCT coalesce(split_key, subsidy_id)) counts awards');
SELECT is_empty($$
    SELECT subsidy_id FROM scdl_typed t JOIN subsidy s ON s.id = t.subsidy_id
     WHERE t.eu_notified IS DISTINCT FROM s.eu_notified
        OR t.payment_start IS DISTINCT FROM lower(s.payment_period)
        OR t.pourcentage_subvention <> s.pourcentage_subvention::numeric(21,20)
$$, 'scdl_typed: booleans, dates and shares as stored');

SELECT * FROM finish();
ROLLBACK;
