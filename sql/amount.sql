-- The amount type: exact money as a count of cents.
SET search_path = public, pubfin;

-- Valid text input, as published in French decisions and SCDL files
SELECT x AS text, x::amount AS amount
  FROM unnest(ARRAY['35000', '35 000', '35 000,00 €', '753 091 €', '-0,5', 'EUR 1 234.56',
                    '  12.3  ', E'1\u00a0234,56', E'1\u202f234\u202f567,89', '1''234''567.50',
                    '€-5', '-€ 5', '5EUR', '5 eur', '+3', '0', '-0', '-0.00', '007',
                    '92233720368547758.07', '-92233720368547758.07']) AS x;

-- Output is canonical: no grouping, two decimals
SELECT '-1234.5'::amount, '0.1'::amount, '1e0'::text;

-- Errors: each names the value, says why, and hints at the fix
SELECT ''::amount;
SELECT '   '::amount;
SELECT 'EUR'::amount;
SELECT '-'::amount;
SELECT '1,234.56'::amount;
SELECT '1.234.567'::amount;
SELECT '1.234'::amount;
SELECT '12 34'::amount;
SELECT '1234 567'::amount;
SELECT '1 234''567'::amount;
SELECT '12,34 5'::amount;
SELECT '.5'::amount;
SELECT '5.'::amount;
SELECT '12abc'::amount;
SELECT '1e3'::amount;
SELECT 'NaN'::amount;
SELECT 'Infinity'::amount;
SELECT '€5€'::amount;
SELECT E'1\t234'::amount;
SELECT '92233720368547758.08'::amount;
SELECT '-92233720368547758.08'::amount;
SELECT '100000000000000000000'::amount;

-- amount_error() returns the same message as text, or NULL, for quarantining bad rows
SELECT x AS text, amount_error(x) AS error
  FROM unnest(ARRAY['35 000,00 €', '1,234.56', '12abc', '']) AS x;

-- Locales: parse_amount reads, format_amount writes
SELECT parse_amount('753 091,50', 'fr') AS fr, parse_amount('753.091,50 €', 'fr') AS fr_dots,
       parse_amount('753.091,50', 'de') AS de, parse_amount('$753,091.50', 'en') AS en_dollar,
       parse_amount('£753,091.50', 'en') AS en_pound, parse_amount('753''091.50', 'ch') AS ch;
SELECT l AS locale, format_amount('-753091.5'::amount, l) AS formatted,
       parse_amount(format_amount('-753091.5'::amount, l), l) AS parsed_back
  FROM unnest(ARRAY['fr', 'en', 'de', 'ch']) AS l;
SELECT format_amount('35000'::amount) AS default_is_fr,
       encode(convert_to(format_amount('1234'::amount, 'fr'), 'UTF8'), 'hex') AS fr_bytes;
SELECT parse_amount('753,091.50', 'fr');
SELECT parse_amount('753 091,50', 'en');
SELECT parse_amount('1.5', 'de');
SELECT parse_amount('753.091,50', 'ch');
SELECT parse_amount('5', 'it');
SELECT parse_amount_error('753,091.50', 'de') AS de_error, parse_amount_error('753,091.50', 'en') AS en_ok;

-- Binary I/O is the int8 count of cents
SELECT amount_send('-1234.50') AS wire, amount_recv_roundtrip
  FROM (SELECT amount_send('-1234.50') = int8send(-123450) AS amount_recv_roundtrip) s;

-- Arithmetic
SELECT '35000'::amount + '0.01'::amount AS plus, '35000'::amount - '35000.01'::amount AS minus,
       -'12.5'::amount AS neg, abs('-12.5'::amount) AS abs;
SELECT '35000'::amount * 2 AS times_int, 3 * '0.35'::amount AS int_times,
       '35000'::amount * 3000000000::bigint AS times_bigint,
       '10.00'::amount * 0.125 AS times_numeric, 1.005 * '1.00'::amount AS numeric_times;
-- Rounding is half away from zero, to the cent, in both directions
SELECT '0.05'::amount / 2 AS half_up, '-0.05'::amount / 2 AS half_down,
       '0.05'::amount / 3 AS third, '-0.05'::amount / 3 AS neg_third,
       '1.00'::amount / 3.0 AS by_numeric, '-0.05'::amount / -2.0 AS both_negative,
       '0.01'::amount * 0.5 AS half_cent, '-0.01'::amount * 0.5 AS neg_half_cent;
SELECT '35000'::amount / '753091'::amount AS ratio, '1'::amount / '4'::amount AS exact_ratio,
       '-1'::amount / '3'::amount AS negative_ratio;
SELECT '1'::amount / 0;
SELECT '1'::amount / 0::bigint;
SELECT '1'::amount / 0.0;
SELECT '1'::amount / '0'::amount;
SELECT '1'::amount / 'NaN'::numeric;
SELECT '92233720368547758.07'::amount + '0.01'::amount;
SELECT '-92233720368547758.07'::amount - '0.01'::amount;
SELECT '92233720368547758.07'::amount * 2;
SELECT '92233720368547758.07'::amount * 1.5;
SELECT '1'::amount / 0.000000000000000001;

-- Casts: integers and numeric on assignment (numeric rounds to the cent), amount to numeric explicitly
SELECT 35000::amount AS from_int, 3000000000::bigint::amount AS from_bigint,
       2.345::amount AS rounds_up, (-2.345)::amount AS rounds_down, 2.3449::amount AS rounds_to_nearest,
       '35000.5'::amount::numeric AS to_numeric, to_numeric('1.10') AS to_numeric_fn,
       cents('35000.5') AS cents, amount_from_cents(3500050) AS from_cents;
SELECT 92233720368547758::bigint::amount;
SELECT 92233720368547758.075::numeric::amount;
SELECT 'NaN'::numeric::amount;
SELECT 'Infinity'::numeric::amount;
SELECT amount_from_cents(-9223372036854775808);
CREATE TEMP TABLE assign (a amount);
INSERT INTO assign VALUES (35000), (12.345), (3000000000::bigint);
SELECT a FROM assign ORDER BY a;
-- no implicit cast: an amount does not silently turn into another type
SELECT '1'::amount + 1;

-- Every common expression resolves, without ambiguity, to the documented type
SELECT pg_typeof(a + a) AS "a + a", pg_typeof(a * 1.5) AS "a * 1.5", pg_typeof(a * 2) AS "a * 2",
       pg_typeof(a / 3) AS "a / 3", pg_typeof(a / a) AS "a / a",
       pg_typeof(round(a::numeric, 0)) AS "round(a::numeric, 0)",
       pg_typeof(a > 0) AS "a > 0", pg_typeof(a = 35000) AS "a = 35000"
  FROM (VALUES ('35000'::amount)) AS v(a);
SELECT pg_typeof(sum(a) / count(*)) AS "sum(a) / count(*)", sum(a) / count(*) AS value
  FROM (VALUES ('35000'::amount), ('10000'::amount)) AS v(a);
SELECT a = 35000 AS eq_int, a = 35000.00 AS eq_numeric, a > 34999.995 AS gt_numeric,
       a < 3000000000::bigint AS lt_bigint, 35000 = a AS int_eq, 0 < a AS int_lt
  FROM (VALUES ('35000'::amount)) AS v(a);

-- Comparison, sorting, indexes, hashing, DISTINCT and GROUP BY
CREATE TEMP TABLE money (id int, a amount);
INSERT INTO money SELECT i, (i % 7 - 3) * 1000.25 FROM generate_series(1, 70) i;
SELECT a, count(*) FROM money GROUP BY a ORDER BY a;
SELECT DISTINCT a FROM money ORDER BY a DESC LIMIT 3;
CREATE INDEX ON money (a);
CREATE INDEX ON money USING hash (a);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM money WHERE a = '1000.25'::amount;
SELECT count(*) FROM money WHERE a = '1000.25'::amount;
RESET enable_seqscan;
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM money m1 JOIN money m2 USING (a);
SELECT count(*) FROM money m1 JOIN money m2 USING (a);
RESET enable_mergejoin; RESET enable_nestloop;
SELECT amname, opcname, amvalidate(c.oid)
  FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
 WHERE opcintype = 'amount'::regtype ORDER BY amname;

-- Aggregates
SELECT sum(a), avg(a), min(a), max(a), count(a) FROM money;
SELECT sum(a), avg(a), min(a), max(a) FROM money WHERE false;
SELECT avg(x) FROM (VALUES ('0.01'::amount), ('0.02'::amount)) v(x);
SELECT avg(x) FROM (VALUES ('-0.01'::amount), ('-0.02'::amount)) v(x);
SELECT sum(x), avg(x) FROM (VALUES ('1'::amount), (NULL), ('2'::amount)) v(x);
-- a sum raises only when the total is out of range: later rows may bring a partial sum back
SELECT sum(x) FROM (VALUES ('92233720368547758.07'::amount), ('1'::amount), ('-1'::amount)) v(x);
-- avg accumulates in 128 bits, so it does not overflow
SELECT avg(x) FROM (VALUES ('92233720368547758.07'::amount), ('92233720368547758.07'::amount)) v(x);

-- Moving-aggregate mode: sliding windows use the inverse transition function
SELECT y, a, sum(a) OVER w AS sum3, avg(a) OVER w AS avg3
  FROM (VALUES (2017, '30000'::amount), (2018, NULL), (2019, '35000'), (2020, '35000'),
               (2021, '35000'), (2022, NULL), (2023, NULL)) v(y, a)
WINDOW w AS (ORDER BY y ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) ORDER BY y;

-- The partial state of avg and moving sum is a real type with text I/O
SELECT '3:105000.00'::amount_acc, '0:0.00'::amount_acc, '2:-0.05'::amount_acc,
       '2:184467440737095516.14'::amount_acc;
SELECT 'x'::amount_acc;
SELECT '3:1.5'::amount_acc;
SELECT '0:1.00'::amount_acc;

-- Parallel query: partial aggregates, identical results
CREATE TABLE par AS SELECT i, (i * 7919 % 100003 - 50000) * 1.01 AS n,
                           ((i * 7919 % 100003 - 50000) * 1.01)::amount AS a
  FROM generate_series(1, 100000) i;
ANALYZE par;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT sum(a), avg(a), min(a), max(a) FROM par;
CREATE TEMP TABLE parallel_result AS SELECT sum(a), avg(a), min(a), max(a) FROM par;
SET max_parallel_workers_per_gather = 0;
SELECT (SELECT row(sum(a), avg(a), min(a), max(a))::text FROM par) AS serial,
       (SELECT row(sum, avg, min, max)::text FROM parallel_result) AS parallel,
       (SELECT row(sum(n)::amount, round(avg(n), 2)::amount, min(n)::amount, max(n)::amount)::text FROM par) AS numeric;
RESET ALL;
SET search_path = public, pubfin;
DROP TABLE par;
