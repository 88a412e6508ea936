-- history: per-year series of amounts, built, read and spread
-- Runs on its own too (psql -f demo/40_history.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
\echo
\echo '== history: ten years of MEL support to APES (an example: 35,000 a year 2012-2021) =='
CREATE TEMP TABLE demo_awards (funder text, beneficiary text, year int, amount amount);
INSERT INTO demo_awards
SELECT 'MEL', 'APES', y, 35000 FROM generate_series(2012, 2021) y;
INSERT INTO demo_awards VALUES
  ('Région', 'APES', 2020, 240400), ('Région', 'APES', 2021, 240400),
  ('MEL', 'Ferme', 2019, 12000), ('MEL', 'Ferme', 2021, 8000.50);
SELECT beneficiary, history_agg(year, amount) AS history
  FROM demo_awards WHERE funder = 'MEL' AND beneficiary = 'APES' GROUP BY beneficiary;
SELECT beneficiary, first_year(h) AS since, streak(h), renewals(h), gaps(h),
       h -> 2021 AS "2021", total(h), sparkline(h)
  FROM (SELECT beneficiary, history_agg(year, amount) AS h FROM demo_awards WHERE funder = 'MEL' GROUP BY beneficiary) s
 ORDER BY beneficiary;
\echo 'Rollups: each subtotal is the year-by-year sum of its parts'
SELECT coalesce(funder, 'all') AS funder, coalesce(beneficiary, 'all') AS beneficiary,
       slice(history_agg(year, amount), 2019, 2021) AS "2019-2021"
  FROM demo_awards GROUP BY ROLLUP (funder, beneficiary) ORDER BY 1, 2;
\echo
\echo '== spread: a 90,000.00 convention from 2021-07-01 to 2024-06-30, pro rata temporis by days =='
SELECT spread(90000::amount, daterange('2021-07-01', '2024-06-30', '[]')) AS by_days,
       total(spread(90000::amount, daterange('2021-07-01', '2024-06-30', '[]'))) AS total;
SELECT * FROM unnest(spread(90000::amount, daterange('2021-07-01', '2024-06-30', '[]')));
\echo 'Malformed text is refused with its position:'
SELECT x AS text, history_error(x) AS error
  FROM unnest(ARRAY['{2019:35000,2019:1000}', '{2019:35000,50}']) AS x;
