-- Forced parallel plans: the aggregates over amount and the history aggregates run as Partial Aggregate
-- in the workers and Finalize Aggregate in the leader (through their combine
-- functions), and give exactly the results of a serial plan.
-- (test/aggregates.sql runs the same comparison for every aggregate of the
-- extension, found in the catalog.)
SET search_path = public, pubfin;
SELECT setseed(0.5);
CREATE TABLE par_amounts AS
SELECT i, i % 7 AS grp,
       CASE WHEN i % 50 = 0 THEN NULL
            ELSE round(((random() - 0.5) * 2000000)::numeric, 2)::amount END AS a
  FROM generate_series(1, 200000) i;
ALTER TABLE par_amounts SET (parallel_workers = 2);
ANALYZE par_amounts;

-- Serial results first.
SET max_parallel_workers_per_gather = 0;
EXPLAIN (COSTS OFF) SELECT sum(a), avg(a), min(a), max(a), count(a) FROM par_amounts;
CREATE TABLE par_serial_total AS
SELECT sum(a), avg(a), min(a), max(a), count(a) FROM par_amounts;
CREATE TABLE par_serial_grouped AS
SELECT grp, sum(a), avg(a), min(a), max(a), count(a) FROM par_amounts GROUP BY grp;

-- Forced parallel plans; the leader only gathers, so every partial state
-- comes from a worker and goes through the combine function.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
-- CREATE TABLE AS keeps the results for the comparison below; it runs the same parallel plan.
EXPLAIN (COSTS OFF) CREATE TABLE par_parallel_total AS
SELECT sum(a), avg(a), min(a), max(a), count(a) FROM par_amounts;
EXPLAIN (COSTS OFF) CREATE TABLE par_parallel_grouped AS
SELECT grp, sum(a), avg(a), min(a), max(a), count(a) FROM par_amounts GROUP BY grp;
CREATE TABLE par_parallel_total AS
SELECT sum(a), avg(a), min(a), max(a), count(a) FROM par_amounts;
CREATE TABLE par_parallel_grouped AS
SELECT grp, sum(a), avg(a), min(a), max(a), count(a) FROM par_amounts GROUP BY grp;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

-- The results: identical, and equal to the exact numeric computation.
SELECT * FROM par_parallel_total;
SELECT (SELECT p FROM par_parallel_total p) IS NOT DISTINCT FROM (SELECT s FROM par_serial_total s)
       AS total_identical;
SELECT * FROM par_parallel_grouped ORDER BY grp;
SELECT count(*) AS grouped_differences
  FROM ((SELECT * FROM par_parallel_grouped EXCEPT ALL SELECT * FROM par_serial_grouped)
        UNION ALL
        (SELECT * FROM par_serial_grouped EXCEPT ALL SELECT * FROM par_parallel_grouped)) d;
SELECT sum::numeric = (SELECT sum(a::numeric) FROM par_amounts) AS sum_exact,
       avg::numeric = (SELECT round(avg(a::numeric), 2) FROM par_amounts) AS avg_exact,
       min::numeric = (SELECT min(a::numeric) FROM par_amounts) AS min_exact,
       max::numeric = (SELECT max(a::numeric) FROM par_amounts) AS max_exact
  FROM par_parallel_total;
SELECT count(*) AS grouped_not_exact
  FROM par_parallel_grouped g
  JOIN (SELECT grp, sum(a::numeric) s, round(avg(a::numeric), 2) v, min(a::numeric) lo, max(a::numeric) hi
          FROM par_amounts GROUP BY grp) n USING (grp)
 WHERE (g.sum::numeric, g.avg::numeric, g.min::numeric, g.max::numeric) IS DISTINCT FROM (n.s, n.v, n.lo, n.hi);

-- history_agg and history_sum: the per-year history of every group and of
-- everything, and the history of the group histories, serial and parallel.
ALTER TABLE par_amounts ADD COLUMN year int;
UPDATE par_amounts SET year = 2015 + i % 9;
VACUUM ANALYZE par_amounts;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE par_serial_hist AS
SELECT grp, history_agg(year, a) AS h FROM par_amounts GROUP BY grp;
CREATE TABLE par_serial_hist_total AS
SELECT history_agg(year, a) AS h FROM par_amounts;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) CREATE TABLE par_parallel_hist AS
SELECT grp, history_agg(year, a) AS h FROM par_amounts GROUP BY grp;
CREATE TABLE par_parallel_hist AS
SELECT grp, history_agg(year, a) AS h FROM par_amounts GROUP BY grp;
EXPLAIN (COSTS OFF) SELECT history_agg(year, a) FROM par_amounts;
SELECT history_agg(year, a) FROM par_amounts;
SELECT history_agg(year, a) = (SELECT h FROM par_serial_hist_total) AS total_identical FROM par_amounts;
SELECT count(*) AS grouped_differences
  FROM par_serial_hist s FULL JOIN par_parallel_hist p USING (grp)
 WHERE s.h IS DISTINCT FROM p.h;
-- history_sum over many small histories (one per row) in parallel
CREATE TABLE par_row_hist AS SELECT i, ('{' || year || ':' || coalesce(a::text, '0.00') || '}')::history AS h FROM par_amounts;
ALTER TABLE par_row_hist SET (parallel_workers = 2);
ANALYZE par_row_hist;
EXPLAIN (COSTS OFF) SELECT history_sum(h) FROM par_row_hist;
SELECT history_sum(h) = (SELECT h FROM par_serial_hist_total) AS history_sum_identical FROM par_row_hist;
-- each year of the total equals the exact numeric sum of that year
SELECT count(*) AS years_not_exact
  FROM (SELECT year, sum(a::numeric) AS s FROM par_amounts GROUP BY year) n
 WHERE ((SELECT h FROM par_serial_hist_total) -> n.year)::numeric IS DISTINCT FROM n.s;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

-- A sum that overflows in a worker's partial state or in the combine step
-- raises 22003, as in a serial plan (CONTEXT hidden: it names a parallel
-- worker only when the overflow happens there).
CREATE TABLE par_big AS
SELECT '50000000000000.00'::amount AS a FROM generate_series(1, 2000);
ALTER TABLE par_big SET (parallel_workers = 2);
ANALYZE par_big;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT sum(a) FROM par_big;
\set SHOW_CONTEXT never
SELECT sum(a) FROM par_big;
\set SHOW_CONTEXT errors
RESET ALL;

DROP TABLE par_amounts, par_serial_total, par_serial_grouped, par_parallel_total, par_parallel_grouped, par_big,
           par_serial_hist, par_serial_hist_total, par_parallel_hist, par_row_hist;
