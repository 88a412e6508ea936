-- pgTAP: properties of the amount type over many generated values.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(26);

SELECT setseed(0.42);
-- 20,000 values spread over every magnitude, both signs, and the range limits
CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT i, amount_from_cents(c) AS a, c
  FROM (SELECT i, CASE WHEN i = 1 THEN 9223372036854775807
                       WHEN i = 2 THEN -9223372036854775807
                       WHEN i = 3 THEN 0
                       ELSE (CASE WHEN random() < 0.5 THEN -1 ELSE 1 END)
                            * floor(random() * power(10, 1 + floor(random() * 18)))::bigint
                  END AS c
          FROM generate_series(1, 20000) i) s;

SELECT is((SELECT count(*) FROM gen WHERE a::text::amount <> a), 0::bigint,
          'text output parses back to the same amount');
SELECT is((SELECT count(*) FROM gen WHERE a::numeric <> c::numeric * 0.01), 0::bigint,
          'amount::numeric is exactly cents / 100');
SELECT is((SELECT count(*) FROM gen WHERE (a::numeric)::amount <> a), 0::bigint,
          'numeric round trip is exact');
SELECT is((SELECT count(*) FROM gen, unnest(ARRAY['fr', 'en', 'de', 'ch']) l
            WHERE parse_amount(format_amount(a, l), l) <> a), 0::bigint,
          'parse_amount(format_amount(x, l), l) = x for every locale');
SELECT is((SELECT count(*) FROM gen WHERE amount_send(a) <> int8send(c)), 0::bigint,
          'binary output is the int8 count of cents');
SELECT is((SELECT count(*) FROM gen WHERE amount_error(a::text) IS NOT NULL
                                        OR amount_error(format_amount(a, 'fr')) IS NOT NULL), 0::bigint,
          'amount_error is NULL for canonical and French-formatted amounts');

-- binary COPY out and in
CREATE TEMP TABLE bin_out ON COMMIT DROP AS SELECT i, a FROM gen;
CREATE TEMP TABLE bin_in (i int, a amount) ON COMMIT DROP;
COPY bin_out TO '/tmp/pubfin_amount_test.bin' (FORMAT binary);
COPY bin_in FROM '/tmp/pubfin_amount_test.bin' (FORMAT binary);
SELECT is((SELECT count(*) FROM bin_out o JOIN bin_in n USING (i) WHERE o.a = n.a), 20000::bigint,
          'binary COPY round trip is exact');

-- arithmetic against numeric, the reference
CREATE TEMP TABLE pairs ON COMMIT DROP AS
SELECT g1.a AS x, g2.a AS y, (1 + floor(random() * 1000))::int AS k,
       round((random() * 20 - 10)::numeric, (floor(random() * 6))::int) AS f
  FROM gen g1 JOIN gen g2 ON g2.i = g1.i % 19999 + 1
 WHERE abs(g1.c) < 1e15 AND abs(g2.c) < 1e15;
SELECT cmp_ok((SELECT count(*) FROM pairs), '>', 10000::bigint, 'enough pairs generated');
SELECT is((SELECT count(*) FROM pairs WHERE (x + y)::numeric <> x::numeric + y::numeric
                                         OR (x - y)::numeric <> x::numeric - y::numeric), 0::bigint,
          '+ and - are exact');
SELECT is((SELECT count(*) FROM pairs WHERE (x * k)::numeric <> x::numeric * k
                                         OR (k * x)::numeric <> x::numeric * k), 0::bigint,
          'amount * integer is exact');
SELECT is((SELECT count(*) FROM pairs WHERE (x * f)::numeric <> round(x::numeric * f, 2)
                                         OR (f * x)::numeric <> round(x::numeric * f, 2)), 0::bigint,
          'amount * numeric rounds half away from zero to the cent');
SELECT is((SELECT count(*) FROM pairs WHERE (x / k)::numeric <> round(x::numeric(40,20) / k, 2)
                                         OR (x / (-k)::bigint)::numeric <> round(x::numeric(40,20) / -k, 2)), 0::bigint,
          'amount / integer rounds half away from zero to the cent');
SELECT is((SELECT count(*) FROM pairs WHERE f <> 0 AND (x / f)::numeric <> round(x::numeric(40,20) / f, 2)), 0::bigint,
          'amount / numeric rounds half away from zero to the cent');
SELECT is((SELECT count(*) FROM pairs WHERE y <> 0::amount
                                        AND abs(x / y - x::numeric / y::numeric) > 1e-15 * abs(x::numeric / y::numeric)),
          0::bigint, 'amount / amount is the ratio');
SELECT is((SELECT count(*) FROM pairs
            WHERE (x < y) <> (x::numeric < y::numeric) OR (x = y) <> (x::numeric = y::numeric)
               OR (x >= y) <> (x::numeric >= y::numeric)), 0::bigint,
          'comparisons follow numeric order');
SELECT is((SELECT count(*) FROM pairs
            WHERE (x < k) <> (x::numeric < k) OR (x = f) <> (x::numeric = f) OR (f <= x) <> (f <= x::numeric)
               OR (x > k::bigint) <> (x::numeric > k)), 0::bigint,
          'cross-type comparisons with integer, bigint and numeric are exact');
SELECT is((SELECT count(*) FROM pairs WHERE x::numeric::amount <> x OR (-x)::numeric <> -(x::numeric)
                                         OR abs(x)::numeric <> abs(x::numeric)), 0::bigint,
          'negation and abs');

-- aggregates against numeric
SELECT is((SELECT sum(x)::numeric FROM pairs), (SELECT sum(x::numeric) FROM pairs), 'sum = numeric sum');
SELECT is((SELECT avg(x)::numeric FROM pairs), (SELECT round(avg(x::numeric), 2) FROM pairs),
          'avg = numeric avg rounded half away from zero');
SELECT is((SELECT row(min(x), max(x))::text FROM pairs),
          (SELECT row(min(x::numeric)::amount, max(x::numeric)::amount)::text FROM pairs), 'min and max');
SELECT is((SELECT count(*) FROM (
             SELECT sum(x) OVER w AS s, sum(x::numeric) OVER w AS n,
                    avg(x) OVER w AS a, round(avg(x::numeric) OVER w, 2) AS an
               FROM pairs WINDOW w AS (ORDER BY x ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) s
            WHERE s::numeric <> n OR a::numeric <> an), 0::bigint,
          'moving sum and avg equal numeric windows');
SELECT is((SELECT amount_acc_out(amount_acc_in(amount_acc_out(
              amount_acc_accum(amount_acc_accum('0:0.00', x), y))))::text
             FROM pairs LIMIT 1),
          (SELECT '2:' || (x + y)::text FROM pairs LIMIT 1), 'amount_acc text round trip');

-- bad input: every class of error, with its SQLSTATE
SELECT throws_ok(format('SELECT %L::amount', v), '22P02', NULL, 'rejects ' || quote_literal(v))
  FROM unnest(ARRAY['1,234.56', '12abc']) v;
SELECT is((SELECT count(*) FROM unnest(ARRAY['', ' ', 'EUR', '€', '-', '+', '1,234.56', '1.234.567', '1.234',
                '12 34', '1234 567', '1 234''567', '.5', '5.', '5,', '12abc', '1e3', 'NaN', 'Infinity',
                '-Infinity', '€5€', E'1\t234', '1 234 ', '--5', '+-5', '5-', '(5)', '0x10', '١٢٣', '5 5',
                '1 2345', '12 345,678', '1__000', 'EUR EUR 5', '5 € EUR', '1.2.3', ',5', '5,,0',
                E'5\u00a0', 'EURO 5', '5 EURO', '$5', '£5', 'CHF 5']) v
           WHERE amount_error(v) IS NULL AND v NOT IN ('1 234 ', E'5\u00a0')), 0::bigint,
          'amount_error reports every malformed text');
SELECT is((SELECT count(*) FROM unnest(ARRAY['1 234 ', E'5\u00a0']) v WHERE amount_error(v) IS NOT NULL),
          0::bigint, 'trailing blanks, also no-break spaces, are ignored');

SELECT * FROM finish();
ROLLBACK;
