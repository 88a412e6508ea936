-- Benchmark: history_agg against sum(amount) (the floor) and the plain-SQL
-- equivalent (GROUP BY ben, year then jsonb_object_agg), 10 million rows:
-- 1 million beneficiaries x 10 years, shuffled; jit off; medians of 3 runs
-- (one run for the slow plain-SQL form).
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET work_mem = '1GB';
SET search_path = public, pubfin;

\echo 'generating 10,000,000 rows (1,000,000 beneficiaries x 10 years, shuffled)...'
SELECT setseed(0.5);
CREATE UNLOGGED TABLE bench_history AS
SELECT ben, year, amount
  FROM (SELECT b AS ben, 2012 + y AS year, amount_from_cents((random() * 10000000)::bigint) AS amount, random() AS r
          FROM generate_series(1, 1000000) b, generate_series(0, 9) y) s
 ORDER BY r;
VACUUM ANALYZE bench_history;

-- the three forms must agree before anything is timed (checked on 1% of the beneficiaries)
SELECT count(*) = 10000 AS forms_agree
  FROM (SELECT ben, history_agg(year, amount) AS h FROM bench_history WHERE ben % 100 = 0 GROUP BY ben) a
  JOIN (SELECT ben, jsonb_object_agg(year, s) AS j
          FROM (SELECT ben, year, sum(amount)::numeric AS s FROM bench_history WHERE ben % 100 = 0 GROUP BY ben, year) y
         GROUP BY ben) b USING (ben)
  JOIN (SELECT ben, sum(amount) AS s FROM bench_history WHERE ben % 100 = 0 GROUP BY ben) c USING (ben)
 WHERE a.h::jsonb = b.j AND total(a.h) = c.s;

\echo 'one history per beneficiary, one core'
SELECT bench.time('history', 'sum(amount) GROUP BY ben',
  'SELECT count(s) FROM (SELECT ben, sum(amount) AS s FROM bench_history GROUP BY ben) x', 3);
SELECT bench.time('history', 'history_agg GROUP BY ben',
  'SELECT count(h) FROM (SELECT ben, history_agg(year, amount) AS h FROM bench_history GROUP BY ben) x', 3);
-- the plain-SQL form is slow: one timed run (the table is warm by now), to keep the script short
SELECT bench.time('history', 'plain SQL: GROUP BY ben, year + jsonb_object_agg',
  'SELECT count(j) FROM (SELECT ben, jsonb_object_agg(year, s) AS j
                           FROM (SELECT ben, year, sum(amount)::numeric AS s FROM bench_history GROUP BY ben, year) y
                          GROUP BY ben) x', 1, false);
SELECT * FROM bench.report('history', 'history_agg GROUP BY ben');

\echo 'parallel: 2 workers (2-core machine) against one core'
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET max_parallel_workers_per_gather = 2;
SELECT bench.time('history', 'history_agg GROUP BY ben, 2 workers',
  'SELECT count(h) FROM (SELECT ben, history_agg(year, amount) AS h FROM bench_history GROUP BY ben) x', 3, false);
SELECT bench.time('history', 'history_agg all rows, 2 workers', 'SELECT history_agg(year, amount) FROM bench_history', 3, false);
SET max_parallel_workers_per_gather = 0;
SELECT bench.time('history', 'history_agg all rows, 1 core', 'SELECT history_agg(year, amount) FROM bench_history', 3, false);

\echo 'memory per group (hash aggregate peak memory / 1,000,000 groups, no spill to disk)'
CREATE FUNCTION pg_temp.hash_memory(q text) RETURNS TABLE (peak_kb bigint, disk_kb bigint) LANGUAGE plpgsql AS $$
DECLARE
  plan jsonb;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || q INTO plan;
  peak_kb := (SELECT sum(v::bigint) FROM jsonb_path_query(plan, 'strict $.**."Peak Memory Usage"') v);
  disk_kb := coalesce((SELECT sum(v::bigint) FROM jsonb_path_query(plan, 'strict $.**."Disk Usage"') v), 0);
  RETURN NEXT;
END $$;
SELECT label, peak_kb, disk_kb, round(peak_kb * 1024.0 / 1000000) AS bytes_per_group
  FROM (VALUES
    ('sum(amount) GROUP BY ben', 'SELECT ben, sum(amount) FROM bench_history GROUP BY ben'),
    ('history_agg GROUP BY ben', 'SELECT ben, history_agg(year, amount) FROM bench_history GROUP BY ben')) q(label, query),
       LATERAL pg_temp.hash_memory(query);
SELECT round(avg(pg_column_size(h))) AS stored_bytes_per_history
  FROM (SELECT history_agg(year, amount) AS h FROM bench_history WHERE ben % 1000 = 0 GROUP BY ben) x;

\echo 'summary'
SELECT 'history_agg / sum(amount) (target <= 1.3)' AS ratio,
       round((SELECT median_ms FROM bench.result WHERE label = 'history_agg GROUP BY ben')
           / (SELECT median_ms FROM bench.result WHERE label = 'sum(amount) GROUP BY ben'), 2) AS value
UNION ALL
SELECT 'plain SQL / history_agg (target >= 2)',
       round((SELECT median_ms FROM bench.result WHERE label LIKE 'plain SQL%')
           / (SELECT median_ms FROM bench.result WHERE label = 'history_agg GROUP BY ben'), 2)
UNION ALL
SELECT 'speedup with 2 workers, GROUP BY ben',
       round((SELECT median_ms FROM bench.result WHERE label = 'history_agg GROUP BY ben')
           / (SELECT median_ms FROM bench.result WHERE label = 'history_agg GROUP BY ben, 2 workers'), 2)
UNION ALL
SELECT 'speedup with 2 workers, all rows into one history',
       round((SELECT median_ms FROM bench.result WHERE label = 'history_agg all rows, 1 core')
           / (SELECT median_ms FROM bench.result WHERE label = 'history_agg all rows, 2 workers'), 2);
DROP TABLE bench_history;
