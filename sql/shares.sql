-- Co-financing shares: exact ratios, percentages that add up, cent-exact allocation.
SET search_path = public, pubfin;

-- The MEL 2021 case: a 753,091.00 budget and six co-financers.  The decision
-- writes MEL's share as "4,6 %".  Rounded one by one the column adds up to
-- 99.9; rounded by largest remainder it adds up to exactly 100.0.
CREATE TEMP TABLE mel (n int, funder text, amount amount);
INSERT INTO mel VALUES
  (1, 'MEL', 35000), (2, 'State', 284000), (3, 'Region', 240400),
  (4, 'Departement', 25575), (5, 'Other local authorities', 39350),
  (6, 'Association (own funds)', 128766);
SELECT funder, amount,
       share(amount, sum(amount) OVER ()) AS exact_share,
       percent(amount, sum(amount) OVER ()) AS "each rounded",
       percent_of_total(amount) OVER (ORDER BY n) AS "adds up to 100",
       percent_of_total(amount, 3) OVER (ORDER BY n) AS "3 decimals"
  FROM mel ORDER BY n;
SELECT sum(percent(amount, 753091::amount)) AS "each rounded: total",
       (SELECT sum(p) FROM (SELECT percent_of_total(amount) OVER () p FROM mel) x) AS "largest remainder: total"
  FROM mel;
SELECT round_percents(array_agg(amount ORDER BY n)) AS round_percents,
       round_percents(array_agg(amount ORDER BY n), 0) AS "0 decimals",
       round_percents(array_agg(amount ORDER BY n), 2) AS "2 decimals"
  FROM mel;

-- share and percent
SELECT share(1::amount, 3::amount), share(2::amount, 3::amount), share(35000::amount, 753091::amount),
       share(1::amount, 1::amount), share(0::amount, 5::amount), share(-1::amount, 4::amount),
       share(0.01::amount, 92233720368547758.07::amount) AS smallest;
SELECT share(5::amount, 0::amount) IS NULL AS "share of a zero whole is NULL",
       percent(5::amount, 0::amount) IS NULL AS "percent too";
SELECT percent(1::amount, 8::amount, 0) AS "12.5 -> 13", percent(1::amount, 8::amount, 1),
       percent(1::amount, 8::amount, 2), percent(1::amount, 3::amount, 10),
       percent(-1::amount, 8::amount, 0) AS "-12.5 -> -13", percent(1::amount, 400::amount) AS "0.25 -> 0.3",
       percent(1::amount, 1::amount, 0), percent(3::amount, 1::amount);
SELECT percent('92233720368547758.07', '0.01', 10) AS "largest ratio";

-- round_percents: ties go to the larger part, then to the earlier element
SELECT round_percents('{1,1,1}'::amount[]) AS "three equal: the first gets the unit",
       round_percents('{1,7}'::amount[], 0) AS "12.5 and 87.5: the larger part wins",
       round_percents('{1,2,2,1}'::amount[], 0) AS "largest remainders",
       round_percents('{5,NULL,5}'::amount[]) AS "NULL stays NULL",
       round_percents('{0,0}'::amount[]) AS "zero total: NULLs",
       round_percents('{}'::amount[]) AS "empty",
       round_percents('[0:2]={1,1,2}'::amount[]) AS "bounds kept",
       round_percents('{7}'::amount[], 10) AS "one part";
SELECT sum(p) AS sum_of_10000_percents, count(*) FILTER (WHERE p > 0) AS nonzero
  FROM unnest(round_percents(ARRAY(SELECT amount_from_cents(i) FROM generate_series(1, 10000) i), 3)) p;

-- allocate: cent-exact, adds up to the total
SELECT allocate(1000000.01::amount, ARRAY[60, 20, 20]) AS "1,000,000.01 over 60/20/20",
       allocate(0.05::amount, ARRAY[1, 1, 1]) AS "0.05 over three equal weights";
SELECT allocate(100::amount, ARRAY[1, 1, 1]), allocate(-100::amount, ARRAY[1, 1, 1]) AS negative_total,
       allocate(0::amount, ARRAY[1, 2]) AS zero_total,
       allocate(10::amount, ARRAY[0.1, 0.2, 0.7]), allocate(10::amount, ARRAY[1e-20, 2e-20]) AS tiny,
       allocate(10::amount, ARRAY[1e20, 3e20]) AS huge,
       allocate(10::amount, ARRAY[1, NULL, 1]) AS "NULL stays NULL",
       allocate(10::amount, ARRAY[0, 1]) AS zero_weight;
SELECT allocate(753091::amount, (SELECT array_agg(amount ORDER BY n) FROM mel)) AS "amount weights",
       allocate('92233720368547758.07'::amount, ARRAY[1, 1]) AS "largest total";
SELECT allocate(1::amount, '{3.000000000000000000000000000000,1.5}'::numeric[]) AS "trailing zeros do not count";

-- window forms: one result per row; ties between equal weights go to the
-- earlier row in the window's ORDER BY
SELECT funder, allocate(1000::amount, amount) OVER () AS "1000 by amounts",
       allocate(1000::amount, n::numeric) OVER () AS "1000 by n",
       allocate(0.05::amount, 1) OVER (ORDER BY n DESC) AS "0.05 by 1, rows reversed"
  FROM mel ORDER BY n;
SELECT g, v, percent_of_total(v) OVER (PARTITION BY g ORDER BY v NULLS LAST)
  FROM (VALUES (1, 1::amount), (1, 1::amount), (1, 1::amount), (2, 0::amount), (2, 0::amount), (3, 5::amount), (3, NULL)) t(g, v)
 ORDER BY g, v;
SELECT g, v, allocate(10::amount, v) OVER (PARTITION BY g ORDER BY v NULLS LAST)
  FROM (VALUES (1, 1::amount), (1, 1::amount), (1, 1::amount), (3, 5::amount), (3, NULL)) t(g, v)
 ORDER BY g, v;
SELECT percent_of_total(v, NULL) OVER () FROM (VALUES (1::amount), (2::amount)) t(v);
SELECT allocate(NULL::amount, v) OVER () FROM (VALUES (1::amount), (2::amount)) t(v);

-- Errors
SELECT share(1::amount, -1::amount);
SELECT percent(1::amount, -1::amount);
SELECT percent(1::amount, 3::amount, 11);
SELECT percent(1::amount, 3::amount, -1);
SELECT round_percents('{1,2}'::amount[], 11);
SELECT round_percents('{1,-2,3}'::amount[]);
SELECT round_percents('[5:6]={1,-2}'::amount[]);
SELECT round_percents('{{1,2},{3,4}}'::amount[]);
SELECT allocate(10::amount, ARRAY[0, 0]);
SELECT allocate(10::amount, '{}'::numeric[]);
SELECT allocate(10::amount, ARRAY[NULL, NULL]::numeric[]);
SELECT allocate(10::amount, ARRAY[1, -1]);
SELECT allocate(10::amount, ARRAY[1, 'NaN']::numeric[]);
SELECT allocate(10::amount, ARRAY[1, 'Infinity']::numeric[]);
SELECT allocate(10::amount, ARRAY[1, 12345678901234567890.1]);
SELECT allocate(10::amount, ARRAY[1e-10, 1e10]);
SELECT allocate(10::amount, '{1,-1}'::amount[]);
SELECT allocate(10::amount, '{0,0}'::amount[]);
SELECT percent_of_total(v) OVER () FROM (VALUES (1::amount), (-2::amount)) t(v);
SELECT percent_of_total(v, 11) OVER () FROM (VALUES (1::amount), (2::amount)) t(v);
SELECT percent_of_total(v, d) OVER (ORDER BY d) FROM (VALUES (1::amount, 1), (2::amount, 2)) t(v, d);
SELECT allocate(t, v) OVER (ORDER BY t) FROM (VALUES (10::amount, 1::amount), (20::amount, 2::amount)) x(t, v);
SELECT allocate(10::amount, v) OVER () FROM (VALUES (0::numeric), (0)) t(v);
SELECT allocate(10::amount, v) OVER () FROM (VALUES (1::numeric), (-1)) t(v);
SELECT allocate(10::amount, v) OVER () FROM (VALUES (1::amount), (-1::amount)) t(v);
SELECT allocate(10::amount, v) OVER () FROM (VALUES (1::numeric), ('NaN')) t(v);
SELECT allocate(10::amount, v) OVER () FROM (VALUES (1e-10), (1e10)) t(v);
SELECT percent_of_total(1::amount);
