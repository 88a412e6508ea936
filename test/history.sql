-- pgTAP: properties of the history type and its aggregates over generated data.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(74);

SELECT setseed(0.17);
-- 30,000 rows: 400 beneficiaries, 8 funders, years 1990..2030, amounts of every size and sign
CREATE TABLE pubfin_tap_rows AS
SELECT i, (random() * 399)::int AS ben, (random() * 7)::int AS funder,
       1990 + (random() * 40)::int AS year,
       CASE WHEN random() < 0.03 THEN NULL
            ELSE amount_from_cents(((random() - 0.1) * power(10, 1 + floor(random() * 9)))::bigint) END AS amount
  FROM generate_series(1, 30000) i;
ANALYZE pubfin_tap_rows;

-- reference result in plain SQL: one jsonb per beneficiary
CREATE TEMP TABLE ref AS
SELECT ben, jsonb_object_agg(year, s ORDER BY year) AS j
  FROM (SELECT ben, year, sum(amount)::numeric AS s FROM pubfin_tap_rows
         WHERE amount IS NOT NULL GROUP BY ben, year) x
 GROUP BY ben;
CREATE TEMP TABLE by_ben AS
SELECT ben, history_agg(year, amount) AS h FROM pubfin_tap_rows GROUP BY ben;

SELECT is((SELECT count(*) FROM by_ben b JOIN ref r USING (ben) WHERE b.h::jsonb = r.j), (SELECT count(*) FROM ref),
          'history_agg equals the plain-SQL GROUP BY ben, year');
SELECT is((SELECT count(*) FROM by_ben b JOIN ref r USING (ben) WHERE b.h = r.j::history), (SELECT count(*) FROM ref),
          'jsonb::history reads the plain-SQL result back');
SELECT is((SELECT count(*) FROM by_ben WHERE total(h) <> (SELECT sum(amount) FROM pubfin_tap_rows r WHERE r.ben = by_ben.ben)),
          0::bigint, 'total(history_agg) = sum(amount) for every group');

-- history_sum of per-group histories = history_agg of the rows
SELECT is((SELECT history_sum(h) FROM by_ben), (SELECT history_agg(year, amount) FROM pubfin_tap_rows),
          'history_sum of per-beneficiary histories = history_agg of all rows');
SELECT is((SELECT history_sum(h) FROM (SELECT history_agg(year, amount) AS h FROM pubfin_tap_rows GROUP BY funder, ben) x),
          (SELECT history_agg(year, amount) FROM pubfin_tap_rows),
          'history_sum over (funder, ben) groups = history_agg of all rows');
SELECT is((SELECT count(*) FROM (
             SELECT funder, history_sum(h) AS h
               FROM (SELECT funder, ben, history_agg(year, amount) AS h FROM pubfin_tap_rows GROUP BY 1, 2) x
              GROUP BY funder) s
             JOIN (SELECT funder, history_agg(year, amount) AS h FROM pubfin_tap_rows GROUP BY funder) d USING (funder)
           WHERE s.h = d.h), 8::bigint,
          'per funder: history_sum of (funder, ben) histories = history_agg of the funder''s rows');
SELECT is((SELECT count(*) FROM (
             SELECT funder, ben, grouping(funder, ben) AS g, history_agg(year, amount) AS h
               FROM pubfin_tap_rows GROUP BY ROLLUP (funder, ben)) r
           WHERE g = 1 AND h <> (SELECT history_agg(year, amount) FROM pubfin_tap_rows t WHERE t.funder = r.funder)),
          0::bigint, 'ROLLUP subtotals equal the funder''s histories');
SELECT is((SELECT h FROM (SELECT grouping(funder, ben) AS g, history_agg(year, amount) AS h
                            FROM pubfin_tap_rows GROUP BY ROLLUP (funder, ben)) r WHERE g = 3),
          (SELECT history_sum(h) FROM by_ben), 'ROLLUP grand total = history_sum of the beneficiaries');
SELECT is((SELECT history_sum(h1 + h2) FROM (SELECT b1.h AS h1, b2.h AS h2 FROM by_ben b1 JOIN by_ben b2 ON b2.ben = b1.ben) x),
          (SELECT history_sum(h) + history_sum(h) FROM by_ben), '+ agrees with history_sum');

-- any row order
SELECT is((SELECT count(*) FROM by_ben b JOIN (
             SELECT ben, history_agg(year, amount) AS h FROM (SELECT * FROM pubfin_tap_rows ORDER BY random()) s GROUP BY ben) o USING (ben)
           WHERE o.h = b.h), (SELECT count(*) FROM by_ben), 'history_agg is independent of row order (shuffled)');
SELECT is((SELECT count(*) FROM by_ben b JOIN (
             SELECT ben, history_agg(year, amount ORDER BY year DESC, i) AS h FROM pubfin_tap_rows GROUP BY ben) o USING (ben)
           WHERE o.h = b.h), (SELECT count(*) FROM by_ben), 'history_agg is independent of row order (years descending)');

-- with and without parallel workers
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
CREATE TEMP TABLE plan_text (line text);
DO $$
DECLARE r record;
BEGIN
  FOR r IN EXPLAIN (COSTS OFF) SELECT ben, history_agg(year, amount) FROM pubfin_tap_rows GROUP BY ben LOOP
    INSERT INTO plan_text VALUES (r."QUERY PLAN");
  END LOOP;
END $$;
SELECT ok(EXISTS (SELECT FROM plan_text WHERE line ~ 'Partial (Hash|Group)Aggregate'), 'the grouped plan runs partial aggregates in workers');
SELECT is((SELECT count(*) FROM by_ben b JOIN (
             SELECT ben, history_agg(year, amount) AS h FROM pubfin_tap_rows GROUP BY ben) p USING (ben) WHERE p.h = b.h),
          (SELECT count(*) FROM by_ben), 'parallel GROUP BY gives the same histories');
SELECT is((SELECT history_agg(year, amount) FROM pubfin_tap_rows), (SELECT history_sum(h) FROM by_ben),
          'parallel plain aggregate gives the same history');
SELECT is((SELECT history_sum(h) FROM (SELECT history_agg(year, amount) AS h FROM pubfin_tap_rows GROUP BY funder, ben) x),
          (SELECT history_sum(h) FROM by_ben), 'parallel history_sum gives the same history');
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM by_ben b JOIN (
             SELECT ben, history_agg(year, amount) AS h FROM pubfin_tap_rows GROUP BY ben) p USING (ben) WHERE p.h = b.h),
          (SELECT count(*) FROM by_ben), 'parallel sorted GROUP BY gives the same histories');
RESET enable_hashagg;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT is((SELECT history_agg(year, amount) FROM pubfin_tap_rows), (SELECT history_sum(h) FROM by_ben),
          'serial plain aggregate gives the same history');

-- text and binary round trips
SELECT is((SELECT count(*) FROM by_ben WHERE h::text::history <> h OR h::text::history::text <> h::text), 0::bigint,
          'text round trip is exact');
SELECT is((SELECT count(*) FROM by_ben WHERE history_error(h::text) IS NOT NULL), 0::bigint,
          'history_error is NULL for every output');
SELECT is((SELECT count(*) FROM by_ben WHERE h::jsonb::history <> h), 0::bigint, 'jsonb round trip is exact');
SELECT is((SELECT count(*) FROM by_ben WHERE history(years(h), amounts(h)) <> h), 0::bigint,
          'history(years(h), amounts(h)) = h');
SELECT is((SELECT count(*) FROM by_ben WHERE (SELECT history_agg(year, amount) FROM unnest(h)) <> h AND h <> '{}'), 0::bigint,
          'history_agg over unnest(h) = h');
CREATE TEMP TABLE bin_out AS SELECT ben, h FROM by_ben;
CREATE TEMP TABLE bin_in (ben int, h history);
COPY bin_out TO '/tmp/pubfin_history_test.bin' (FORMAT binary);
COPY bin_in FROM '/tmp/pubfin_history_test.bin' (FORMAT binary);
SELECT is((SELECT count(*) FROM bin_out o JOIN bin_in n USING (ben) WHERE o.h = n.h AND o.h::text = n.h::text),
          (SELECT count(*) FROM bin_out), 'binary COPY round trip is exact');
SELECT is((SELECT count(*) FROM by_ben b1 JOIN by_ben b2 ON b1.h = b2.h), (SELECT count(*) FROM by_ben b1 JOIN by_ben b2 ON b1.h::text = b2.h::text),
          'equality agrees with text equality');
SELECT is((SELECT count(*) FROM by_ben b1 JOIN by_ben b2 ON b1.h = b2.h WHERE history_hash(b1.h) <> history_hash(b2.h)), 0::bigint,
          'equal histories hash equally');
SELECT is((SELECT count(DISTINCT h) FROM by_ben), (SELECT count(DISTINCT h::text) FROM by_ben), 'DISTINCT agrees with text');
SELECT is((SELECT count(*) FROM by_ben b1, by_ben b2 WHERE sign(history_cmp(b1.h, b2.h)) <> -sign(history_cmp(b2.h, b1.h))),
          0::bigint, 'comparison is antisymmetric');

-- spread: the parts add up to the total, and each is within a cent of its exact share
CREATE TEMP TABLE spreads AS
SELECT k, x, p, spread(x, p) AS h
  FROM (SELECT k, amount_from_cents(((random() - 0.2) * power(10, 1 + floor(random() * 15)))::bigint) AS x,
               daterange(d, d + (random() * 4000)::int, '[]') AS p
          FROM (SELECT k, date '1990-01-01' + (random() * 15000)::int AS d FROM generate_series(1, 3000) k) s) t;
SELECT is((SELECT count(*) FROM spreads WHERE total(h) <> x), 0::bigint, 'total(spread(x, p)) = x');
SELECT is((SELECT count(*) FROM spreads s, unnest(s.h) u
            WHERE abs(cents(u.amount)::numeric
                      - cents(s.x)::numeric * ((least(upper(s.p), make_date(u.year + 1, 1, 1)) - greatest(lower(s.p), make_date(u.year, 1, 1)))::numeric
                                                / (upper(s.p) - lower(s.p)))) >= 1), 0::bigint,
          'each part of spread is within a cent of its exact share of days');
SELECT is((SELECT count(*) FROM spreads WHERE first_year(h) <> extract(year FROM lower(p)) OR last_year(h) <> extract(year FROM upper(p) - 1)
                                         OR gaps(h) <> '{}'), 0::bigint, 'spread covers exactly the calendar years of the period');
SELECT is((SELECT count(*) FROM (SELECT x, (random() * 30)::int AS n, 1990 + (random() * 30)::int AS y FROM spreads) s
            WHERE total(spread(x, y, y + n)) <> x
               OR (SELECT max(cents(amount)) - min(cents(amount)) FROM unnest(spread(x, y, y + n))) > 1), 0::bigint,
          'spread(x, first, last): equal parts within a cent, adding up to x');

-- accessors against plain SQL
SELECT is((SELECT count(*) FROM by_ben WHERE h <> '{}' AND (
             first_year(h) <> (SELECT min(year) FROM unnest(h)) OR last_year(h) <> (SELECT max(year) FROM unnest(h))
          OR coalesce(array_length(gaps(h), 1), 0) <> last_year(h) - first_year(h) + 1 - array_length(years(h), 1)
          OR streak(h) > array_length(years(h), 1)
          OR char_length(sparkline(h)) <> last_year(h) - first_year(h) + 1
          OR rolling_total(h, last_year(h), last_year(h) - first_year(h) + 1) <> total(h)
          OR total(slice(h, 1, 2010)) + total(slice(h, 2011, 9999)) <> total(h)
          OR renewals(h) <> (SELECT count(*) FROM unnest(h) a JOIN unnest(h) b ON b.year = a.year - 1 AND b.amount = a.amount)
          OR deflate(h, spread(100 * (last_year(h) - first_year(h) + 1)::amount, first_year(h), last_year(h)), first_year(h)) <> h)),
          0::bigint, 'accessors agree with plain SQL over unnest');
SELECT is((SELECT count(*) FROM by_ben, generate_series(1991, 2030) y
            WHERE change(h, y) IS DISTINCT FROM (h -> y) - (h -> (y - 1))), 0::bigint, 'change(h, y) = h->y - h->(y-1)');

-- NULLs
SELECT is((SELECT history_agg(year, amount) FROM pubfin_tap_rows WHERE amount IS NULL), NULL, 'history_agg of only NULL amounts is NULL');
SELECT is((SELECT history_sum(h) FROM (VALUES (NULL::history), (NULL)) v(h)), NULL, 'history_sum of NULLs is NULL');
SELECT is((SELECT history_sum(h) FROM (VALUES (NULL::history), ('{2019:1}'), (NULL)) v(h)), '{2019:1}'::history, 'history_sum skips NULLs');
SELECT ok(total(NULL::history) IS NULL AND (NULL::history -> 2019) IS NULL AND spread(NULL::amount, 2019, 2020) IS NULL
          AND ('{2019:1}'::history + NULL) IS NULL AND history_error(NULL) IS NULL, 'functions are strict');

-- years 1, 9999, 0 and 10000; a history of all 9999 years
SELECT is('{1:1,9999:2}'::history::text, '{1:1.00,9999:2.00}', 'years 1 and 9999 are valid');
CREATE TEMP TABLE all_years AS
SELECT history_agg(y, amount_from_cents(y)) AS h FROM (SELECT y FROM generate_series(1, 9999) y ORDER BY random()) s;
SELECT is((SELECT array_length(years(h), 1) FROM all_years), 9999, 'a 9999-year history from shuffled rows');
SELECT is((SELECT total(h) FROM all_years), amount_from_cents(9999 * 10000 / 2), 'its total is right');
SELECT is((SELECT h::text::history = h AND h::jsonb::history = h FROM all_years), true, 'it round-trips through text and jsonb');
SELECT is((SELECT history_sum(h) FROM (SELECT h FROM all_years UNION ALL SELECT h FROM all_years) x), (SELECT h + h FROM all_years),
          'history_sum of two 9999-year histories');
SELECT is((SELECT history_sum(spread(1::amount, y, y)) FROM generate_series(9999, 1, -1) y), spread(9999::amount, 1, 9999),
          'history_sum builds a 9999-year history one year at a time');
SELECT is((SELECT streak(h) FROM all_years), 9999, 'streak of 9999 consecutive years');
SELECT throws_ok($$SELECT ('{' || string_agg(y || ':1', ',') || '}')::history FROM generate_series(1, 10000) y$$, '22P02',
                 NULL, 'a 10,000-year text history is out of range');
SELECT throws_ok($$SELECT ('{' || string_agg((y % 9999 + 1) || ':1', ',') || '}')::history FROM generate_series(1, 10000) y$$, '22P02',
                 NULL, '10,000 pairs within 1..9999 repeat a year');
SELECT throws_ok($$SELECT history(array_agg(y), array_agg(1::amount)) FROM generate_series(0, 9999) y$$, '22023',
                 NULL, 'history() with 10,000 years including 0');
SELECT throws_ok($$SELECT history_agg(y, 1::amount) FROM generate_series(1, 10000) y$$, '22023',
                 NULL, 'history_agg reaching year 10000');
SELECT throws_ok($$SELECT '{0:1}'::history$$, '22P02', NULL, 'year 0 in text');
SELECT throws_ok($$SELECT '{10000:1}'::history$$, '22P02', NULL, 'year 10000 in text');
SELECT throws_ok($$SELECT history_agg(0, 1::amount)$$, '22023', NULL, 'year 0 in history_agg');
SELECT throws_ok($$SELECT history(ARRAY[10000], ARRAY[1]::amount[])$$, '22023', NULL, 'year 10000 in history()');
SELECT throws_ok($$SELECT '{"0": 1}'::jsonb::history$$, '22023', NULL, 'year 0 in jsonb');
SELECT throws_ok($$SELECT spread(1::amount, 0, 1)$$, '22023', NULL, 'year 0 in spread');
SELECT throws_ok($$SELECT spread(1::amount, daterange('9999-06-01', '10000-06-01'))$$, '22023', NULL, 'year 10000 in spread');

-- overflow: 22003, never a wrap
SELECT throws_ok($$SELECT total('{1:92233720368547758.07,2:0.01}'::history)$$, '22003', NULL, 'total overflows');
SELECT throws_ok($$SELECT total('{1:-92233720368547758.07,2:-0.01}'::history)$$, '22003', NULL, 'total overflows below');
SELECT throws_ok($$SELECT '{1:92233720368547758.07}'::history + '{1:0.01}'$$, '22003', NULL, '+ overflows');
SELECT throws_ok($$SELECT history_agg(1, 46116860184273879.04::amount) FROM generate_series(1, 2)$$, '22003', NULL, 'history_agg overflows');
SELECT throws_ok($$SELECT history_sum('{5:92233720368547758.07}'::history) FROM generate_series(1, 2)$$, '22003', NULL, 'history_sum overflows');
SELECT throws_ok($$SELECT '{1:92233720368547758.08}'::history$$, '22003', NULL, 'text amount out of range');
SELECT throws_ok($$SELECT deflate('{1:92233720368547758.07}', '{1:1,2:3}', 2)$$, '22003', NULL, 'deflate overflows');
SELECT lives_ok($$SELECT total('{1:92233720368547758.07,2:-92233720368547758.07,3:5}'::history)$$,
                'total is exact when partial sums pass the range');

-- malformed text: every form gives 22P02 and a history_error message
CREATE TEMP TABLE malformed (t text);
INSERT INTO malformed VALUES
  (''), ('   '), ('2019:1'), ('[2019:1]'), ('(2019:1)'), ('{'), ('}'), ('{{}}'), ('{2019'), ('{2019:'),
  ('{2019:1'), ('{2019:1,'), ('{:1}'), ('{2019}'), ('{2019=1}'), ('{2019 1}'), ('{2019::1}'), ('{2019:}'),
  ('{2019:,2020:1}'), ('{2019:1,}'), ('{,2019:1}'), ('{2019:1,,2020:1}'), ('{0:1}'), ('{10000:1}'),
  ('{-1:1}'), ('{+2019:1}'), ('{2019.5:1}'), ('{20 19:1}'), ('{2019:1,2019:1}'), ('{2019:1,2020:1,2019:2}'),
  ('{2019:1.234}'), ('{2019:35000,50}'), ('{2019:abc}'), ('{2019:1e3}'), ('{2019:NaN}'), ('{2019:"1}'),
  ('{2019:""}'), ('{2019:"1"2}'), ('{2019:1}x'), ('{2019:1}}'), ('{2019:1};'), ('{2019:1,2,3}'),
  ('{2019:1 2020:2}'), ('{2019:--1}'), ('{2019:1,234.56}'), ('{2019:"1,234.56"}'), ('{2019:12 34}'),
  ('{"2019":1}'), ('{2019:€}'), ('{2019:.5}'), ('{2019:5.}'), ('{ab:1}'), ('{2019:1}{2020:1}'), (E'{2019:1\x01}'),
  ('null'), ('{}}'), ('{}x');
SELECT cmp_ok((SELECT count(*) FROM malformed), '>=', 40::bigint, 'at least 40 malformed forms');
SELECT is((SELECT count(*) FROM malformed WHERE history_error(t) IS NULL), 0::bigint, 'history_error reports every malformed form');
CREATE FUNCTION pg_temp.input_sqlstate(t text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM t::pubfin.history;
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END $$;
SELECT is((SELECT string_agg(t || ' -> ' || pg_temp.input_sqlstate(t), '; ') FROM malformed WHERE pg_temp.input_sqlstate(t) <> '22P02'),
          NULL, 'every malformed form raises 22P02');
SELECT is((SELECT count(*) FROM malformed WHERE history_error(t) NOT LIKE 'invalid input syntax for type history: "%'), 0::bigint,
          'every message names the type and the value');
SELECT is((SELECT count(*) FROM malformed WHERE t <> '' AND t !~ '^\s*$' AND history_error(t) !~ 'positions? [0-9]+'), 0::bigint,
          'every message names the position');
-- random mutations of valid text never crash: each is valid or a clean 22P02/22003
CREATE TEMP TABLE mutants AS
SELECT overlay(s.t PLACING substr('{}:,"0123456789 .-€x', 1 + (random() * 20)::int, 1) FROM 1 + (random() * (length(s.t) - 1))::int FOR (random() * 2)::int) AS t
  FROM (SELECT h::text AS t FROM by_ben WHERE h <> '{}' LIMIT 200) s, generate_series(1, 20);
SELECT is((SELECT count(*) FROM mutants WHERE pg_temp.input_sqlstate(t) NOT IN ('accepted', '22P02', '22003')), 0::bigint,
          '4,000 mutated texts: accepted or a clean error');
SELECT is((SELECT count(*) FROM mutants WHERE (pg_temp.input_sqlstate(t) = 'accepted') <> (history_error(t) IS NULL)), 0::bigint,
          'history_error agrees with the input function on every mutant');

-- tolerated forms
SELECT is(x::history, '{2019:35000,2020:35000.5}'::history, 'tolerated form ' || n)
  FROM unnest(ARRAY['{2020:35000.50,2019:35000}', E' {\t2019 : 35 000 ,\n2020: "35 000,50" } ', '{2019:"35000.00 €",2020:EUR 35000.5}',
                    '{02019:35000,2020:35000.50}']) WITH ORDINALITY AS t(x, n);

SELECT * FROM finish();
ROLLBACK;
