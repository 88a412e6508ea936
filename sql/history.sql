-- history: a per-year series of amounts
SET search_path = public, pubfin;

-- ---------------------------------------------------------------------------
-- Text input and output
-- ---------------------------------------------------------------------------
SELECT x AS text, x::history AS history
  FROM unnest(ARRAY[
    '{2019:35000.00,2020:35000.00,2021:35000.00}',
    '{}',
    '  {  }  ',
    '{ 2021 : 35000 , 2019 : 35000 , 2020 : 35000 }',
    '{2019:"35 000,00 €",2020:"35 000,50"}',
    '{2019:35 000 €,2020:-0.5}',
    E'{\n  2019: 1,\n  2020: 2\n}',
    '{1:0.01,9999:-92233720368547758.07}']) AS x;

-- ---------------------------------------------------------------------------
-- An example series: the Métropole Européenne de Lille (MEL) supporting the
-- APES network.  The 2021 decision grants 35,000.00, the same amount as in
-- 2020, in a support that began in 2012.  The yearly amounts 2012-2020 are
-- illustrative (35,000 each): the real earlier amounts are not in our sources.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE mel_apes AS
SELECT 'Métropole Européenne de Lille'::text AS funder, 'APES'::text AS beneficiary,
       y AS year, 35000::amount AS amount
  FROM generate_series(2012, 2021) y;
CREATE TEMP TABLE h_apes AS SELECT history_agg(year, amount) AS h FROM mel_apes;
SELECT h FROM h_apes;
SELECT total(h), first_year(h), last_year(h), years(h), gaps(h), streak(h), renewals(h),
       renewed(h, 2021) AS renewed_2021, renewed(h, 2012) AS renewed_2012
  FROM h_apes;
SELECT amounts(h) FROM h_apes;
SELECT * FROM unnest((SELECT h FROM h_apes)) WHERE year >= 2019;
SELECT h -> 2021 AS "2021", h -> 2011 AS "2011", change(h, 2021), growth(h, 2021), cagr(h),
       rolling_total(h, 2021, 3) AS last_3_years, sparkline(h)
  FROM h_apes;
SELECT slice(h, 2019, 2030) AS since_2019, slice(h, 2000, 2005) AS before FROM h_apes;
SELECT h::jsonb FROM h_apes;
-- constant 2012 euros with an illustrative price index
SELECT deflate(h, spread(1000::amount, 2012, 2021) + history(ARRAY[2019, 2020, 2021], ARRAY[3, 4, 8]::amount[]), 2012)
  FROM h_apes;

-- a history with gaps, changes and a fall
SELECT h, gaps(h), streak(h), renewals(h), change(h, 2016) AS change_2016, growth(h, 2016) AS growth_2016,
       change(h, 2015) AS change_2015, growth(h, 2015) AS growth_2015, cagr(h), sparkline(h)
  FROM (SELECT '{2012:10000,2013:10000,2015:12000,2016:9000,2017:9000,2018:15000}'::history AS h) s;
SELECT cagr('{2019:100}'), cagr('{2019:0,2020:100}'), cagr('{2019:100,2020:-1}'), cagr('{2019:100,2021:0}'),
       cagr('{2010:100,2020:200}'), growth('{2019:0,2020:5}', 2020), change('{2019:5,2021:6}', 2021);
SELECT sparkline('{2019:-5,2020:0,2021:1,2023:80,2024:100}'), sparkline('{2019:0}'), sparkline('{}');
SELECT total('{}'::history), first_year('{}'), last_year('{}'), years('{}'), amounts('{}'), gaps('{}'),
       streak('{}'), renewals('{}'), '{}'::history -> 2020 AS get;

-- ---------------------------------------------------------------------------
-- spread: a convention of 90,000.00 for 2021-07-01..2024-06-30, split by days
-- (184 + 365 + 365 + 182 = 1096 days), cent-exact
-- ---------------------------------------------------------------------------
SELECT spread(90000::amount, daterange('2021-07-01', '2024-06-30', '[]')) AS by_days,
       total(spread(90000::amount, daterange('2021-07-01', '2024-06-30', '[]')));
SELECT spread(90000::amount, '[2021-07-01,2024-07-01)'::daterange) = spread(90000::amount, '(2021-06-30,2024-06-30]'::daterange) AS same_period;
SELECT spread(100::amount, 2020, 2022) AS equal_parts, spread(-100::amount, 2020, 2022) AS negative,
       spread(0.02::amount, 2020, 2022) AS two_cents, spread(5::amount, '[2020-03-01,2020-03-02)'::daterange) AS one_day;

-- ---------------------------------------------------------------------------
-- Operators, comparison, constructors, jsonb
-- ---------------------------------------------------------------------------
SELECT '{2019:1}'::history + '{2018:2,2019:3,2021:4}' AS sum, '{}'::history + '{2020:1}' AS with_empty;
SELECT history(ARRAY[2021, 2019, 2020], ARRAY[3, 1, 2]::amount[]), history('{}'::int[], '{}'::amount[]);
SELECT '{2019:1,2020:2}'::history = '{2020:2.00,2019:1}' AS eq, '{2019:1}'::history < '{2019:2}' AS lt_amount,
       '{2019:9}'::history < '{2020:1}' AS lt_year, '{2019:1}'::history < '{2019:1,2020:1}' AS prefix,
       '{}'::history < '{1:0}' AS empty_first, '{2019:1}'::history <> '{2019:1}' AS ne;
SELECT h FROM unnest(ARRAY['{2020:1}', '{2019:1,2020:1}', '{}', '{2019:1}', '{2019:1}']::history[]) h
 GROUP BY h ORDER BY h;
SELECT count(DISTINCT h) FROM unnest(ARRAY['{2020:1}', '{2020:1.00}', '{}', '{}']::history[]) h;
SELECT amvalidate(oid) FROM pg_opclass WHERE opcname IN ('history_ops', 'history_hash_ops') ORDER BY opcname;
SELECT history_hash('{2019:1}') = history_hash('{2019:1.00}') AS hash_eq,
       history_hash_extended('{2019:1}', 7) = history_hash_extended('{2019:1.00}', 7) AS hash_ext_eq;
SELECT '{2019:35000.00,2020:0.5}'::history::jsonb, '{}'::history::jsonb;
SELECT '{"2019": 35000, "2020": 0.5, "2021": "35 000,50 €"}'::jsonb::history, '{}'::jsonb::history;
SELECT history_send('{2019:1.00}'), history_error('{2019:1}') IS NULL AS valid;

-- ---------------------------------------------------------------------------
-- Aggregates
-- ---------------------------------------------------------------------------
SELECT history_agg(y, a) FROM (VALUES (2020, 5::amount), (2019, 3::amount), (2020, 7::amount), (2018, NULL)) v(y, a);
SELECT history_agg(y, a) IS NULL AS no_rows FROM (VALUES (2020, 5::amount)) v(y, a) WHERE false;
SELECT history_agg(y, a) IS NULL AS only_nulls FROM (VALUES (2020, NULL::amount)) v(y, a);
SELECT history_sum(h) FROM (VALUES ('{2019:1}'::history), (NULL), ('{2018:2,2019:3,2021:4}')) v(h);
-- a state that grows past its first room (15 years), in reverse order
SELECT history_agg(y, 1::amount) FROM generate_series(2030, 2001, -1) y;

-- a small ledger: two funders, three beneficiaries
CREATE TEMP TABLE ledger (funder text, beneficiary text, year int, amount amount);
INSERT INTO ledger VALUES
  ('MEL', 'APES', 2019, 35000), ('MEL', 'APES', 2020, 35000), ('MEL', 'APES', 2021, 35000),
  ('MEL', 'Ferme', 2020, 12000), ('MEL', 'Ferme', 2021, 8000.50),
  ('Région', 'APES', 2020, 240400), ('Région', 'APES', 2021, 240400),
  ('Région', 'Atelier', 2019, 5000), ('Région', 'Atelier', 2019, 2500), ('Région', 'Atelier', 2022, 1000);
SELECT funder, beneficiary, history_agg(year, amount) AS h
  FROM ledger GROUP BY ROLLUP (funder, beneficiary) ORDER BY funder NULLS LAST, beneficiary NULLS LAST;
-- every rollup row equals the history_sum of the rows below it, and the sum of their totals
WITH r AS (
  SELECT funder, beneficiary, grouping(funder, beneficiary) AS g, history_agg(year, amount) AS h
    FROM ledger GROUP BY ROLLUP (funder, beneficiary))
SELECT p.funder, p.g,
       p.h = (SELECT history_sum(c.h) FROM r c WHERE c.g = 0 AND (p.funder IS NULL OR c.funder = p.funder)) AS equals_parts,
       total(p.h) = (SELECT sum(amount) FROM ledger l WHERE p.funder IS NULL OR l.funder = p.funder) AS equals_total
  FROM r p WHERE p.g > 0 ORDER BY p.g, p.funder;
SELECT history_sum(h) = (SELECT history_agg(year, amount) FROM ledger) AS rollup_of_rollups
  FROM (SELECT funder, history_sum(h) AS h
          FROM (SELECT funder, beneficiary, history_agg(year, amount) AS h FROM ledger GROUP BY 1, 2) b
         GROUP BY funder) f;

-- forced parallel plan: partial aggregates in workers, same result
CREATE TEMP TABLE big AS
SELECT (i % 50) AS ben, 2000 + (i * 7) % 23 AS year, ((i % 1000) * 100 + 1)::amount AS amount
  FROM generate_series(1, 20000) i;
CREATE TABLE big_p AS SELECT * FROM big;
ANALYZE big_p;
CREATE TEMP TABLE serial_result AS
SELECT ben, history_agg(year, amount) AS h FROM big_p GROUP BY ben;
CREATE TEMP TABLE serial_sum AS SELECT history_sum(h) AS h FROM serial_result;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT ben, history_agg(year, amount) FROM big_p GROUP BY ben;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.h = p.h) AS identical
  FROM serial_result s JOIN (SELECT ben, history_agg(year, amount) AS h FROM big_p GROUP BY ben) p USING (ben);
EXPLAIN (COSTS OFF) SELECT history_agg(year, amount) FROM big_p;
SELECT history_agg(year, amount) = (SELECT h FROM serial_sum) AS identical FROM big_p;
SELECT history_sum(h) = (SELECT h FROM serial_sum) AS identical
  FROM (SELECT history_agg(year, amount) AS h FROM big_p GROUP BY ben) x;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
RESET enable_hashagg;
DROP TABLE big_p;

-- ---------------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------------
\set VERBOSITY default
SELECT ''::history;
SELECT '2019:1'::history;
SELECT '{'::history;
SELECT '{2019'::history;
SELECT '{2019:'::history;
SELECT '{2019:1'::history;
SELECT '{:1}'::history;
SELECT '{-2019:1}'::history;
SELECT '{2019}'::history;
SELECT '{2019=1}'::history;
SELECT '{2019:}'::history;
SELECT '{2019:1,}'::history;
SELECT '{2019:1,,2020:1}'::history;
SELECT '{0:1}'::history;
SELECT '{10000:1}'::history;
SELECT '{2019:1,2020:2,2019:3}'::history;
SELECT '{2019:1.234}'::history;
SELECT '{2019:35000,50}'::history;
SELECT '{2019:abc}'::history;
SELECT '{2019:"1}'::history;
SELECT '{2019:"1"x}'::history;
SELECT '{2019:1}x'::history;
SELECT '{2019:1}}'::history;
SELECT '{2019:92233720368547758.08}'::history;
SELECT history_error('{2019:1,2019:2}'), history_error('{2019:92233720368547758.08}');
-- binary input is checked like text input: raw bytes go through COPY (FORMAT binary)
CREATE TEMP TABLE bin_bytes (b bytea);
CREATE TEMP TABLE bin_hist (h history);
CREATE FUNCTION pg_temp.recv(bytes bytea) RETURNS history LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE bin_bytes, bin_hist;
  INSERT INTO bin_bytes VALUES (bytes);
  COPY bin_bytes TO '/tmp/pubfin_history_regress.bin' (FORMAT binary);
  COPY bin_hist FROM '/tmp/pubfin_history_regress.bin' (FORMAT binary);
  RETURN (SELECT h FROM bin_hist);
END $$;
SELECT pg_temp.recv(history_send('{2019:35000,2020:-0.01}')) AS round_trip,
       pg_temp.recv('\x0100000002000007e4000000000000000a000007e30000000000000014') AS unsorted_is_sorted,
       pg_temp.recv('\x0100000000') AS empty;
\set SHOW_CONTEXT never
SELECT pg_temp.recv('\x0200000000');
SELECT pg_temp.recv('\x01ffffffff');
SELECT pg_temp.recv('\x0100000002000007e30000000000000064');
SELECT pg_temp.recv('\x0100000001000000000000000000000064');
SELECT pg_temp.recv('\x0100000001000027100000000000000064');
SELECT pg_temp.recv('\x0100000002000007e30000000000000064000007e30000000000000064');
SELECT pg_temp.recv('\x0100000001000007e38000000000000000');
\set SHOW_CONTEXT errors
\! rm -f /tmp/pubfin_history_regress.bin
-- overflow
SELECT total('{2019:92233720368547758.07,2020:0.01}'::history);
SELECT '{2019:92233720368547758.07}'::history + '{2019:0.01}';
SELECT history_agg(y, 92233720368547758.07::amount) FROM (VALUES (2019), (2019)) v(y);
SELECT history_sum(h) FROM (VALUES ('{2019:92233720368547758.07}'::history), ('{2019:1}')) v(h);
SELECT rolling_total('{2019:92233720368547758.07,2020:1}', 2020, 2);
SELECT change('{2019:-92233720368547758.07,2020:1}', 2020);
SELECT deflate('{2019:92233720368547758.07}', '{2019:1,2020:2}', 2020);
-- bad arguments
SELECT history_agg(y, a) FROM (VALUES (0, 1::amount)) v(y, a);
SELECT history_agg(y, a) FROM (VALUES (10000, 1::amount)) v(y, a);
SELECT history_agg(y, a) FROM (VALUES (NULL::int, 1::amount)) v(y, a);
SELECT history(ARRAY[2019, 2019], ARRAY[1, 2]::amount[]);
SELECT history(ARRAY[2019, 0], ARRAY[1, 2]::amount[]);
SELECT history(ARRAY[2019], ARRAY[1, 2]::amount[]);
SELECT history(ARRAY[2019, NULL], ARRAY[1, 2]::amount[]);
SELECT history(ARRAY[[2019]], ARRAY[[1]]::amount[]);
SELECT '[1, 2]'::jsonb::history;
SELECT '{"twenty": 1}'::jsonb::history;
SELECT '{"10000": 1}'::jsonb::history;
SELECT '{"2019": true}'::jsonb::history;
SELECT '{"2019": null}'::jsonb::history;
SELECT '{"2019": 1.234}'::jsonb::history;
SELECT '{"2019": "1,234.5"}'::jsonb::history;
SELECT '{"2019": 1, "02019": 2}'::jsonb::history;
SELECT slice('{2019:1}', 2020, 2019);
SELECT rolling_total('{2019:1}', 2019, 0);
SELECT deflate('{2019:100,2020:100}', '{2019:100}', 2019);
SELECT deflate('{2019:100}', '{2020:100}', 2019);
SELECT deflate('{2019:100}', '{2019:0}', 2019);
SELECT spread(1::amount, 'empty'::daterange);
SELECT spread(1::amount, '[2020-01-01,)'::daterange);
SELECT spread(1::amount, '[2020-01-01,infinity)'::daterange);
SELECT spread(1::amount, '[9999-12-01,10000-01-02)'::daterange);
SELECT spread(1::amount, 2022, 2020);
SELECT spread(1::amount, 0, 2020);
SELECT spread(1::amount, 2020, 10000);
SELECT history_agg_trans(NULL, 2019, 1::amount);
SELECT history_combine('{}', '{}');
