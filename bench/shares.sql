-- Benchmark: percent_of_total and allocate (C window functions) against the
-- best plain-SQL largest-remainder window queries, about 1 million lines in
-- 200,000 plans (1 to 9 lines each), one core, jit off.  Lines are stored plan
-- by plan with an index on (plan, id), as a financing_line table would be.
-- Every pair is checked to give identical results before it is timed; prints
-- medians and ratios.
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET work_mem = '256MB';
SET search_path = public, pubfin;
\set plans 200000

\echo 'generating about 1 million lines in' :plans 'plans...'
SELECT setseed(0.25);
CREATE UNLOGGED TABLE bench_line AS
SELECT (row_number() OVER (ORDER BY plan, k))::int AS id, plan, c AS cents, amount_from_cents(c) AS amt,
       w AS weight, amount_from_cents((w * 100)::bigint) AS weight_amt, (w * 100)::bigint AS weight_cents,
       -- the sum to split in each plan
       1000000 + plan * 7919 AS total_cents, amount_from_cents(1000000 + plan * 7919) AS total
  FROM (SELECT plan, k,
               -- a fifth of the lines share one round figure, so that ties happen
               CASE WHEN random() < 0.2 THEN 5000000 ELSE 1 + floor(random() * 100000000)::bigint END AS c,
               round((0.01 + random() * 1000)::numeric, 2) AS w
          FROM (SELECT plan, 1 + floor(random() * 9)::int AS n FROM generate_series(1, :plans) plan) p,
               generate_series(1, p.n) k) s;
CREATE INDEX ON bench_line (plan, id);
SELECT count(*) AS lines, count(DISTINCT plan) AS plans FROM bench_line;
VACUUM ANALYZE bench_line;

-- ---------------------------------------------------------------------------
-- percent_of_total: percentages to one decimal that add up to 100 per plan
-- ---------------------------------------------------------------------------
CREATE VIEW pct_c AS
SELECT id, percent_of_total(amt) OVER (PARTITION BY plan ORDER BY id) AS pct FROM bench_line;
-- plain SQL: floor in tenths of a percent, then hand the missing tenths to the
-- largest remainders (ties to the larger part, then the earlier line)
CREATE VIEW pct_sql AS
SELECT id, (fl + CASE WHEN rk <= 1000 - sum(fl) OVER (PARTITION BY plan) THEN 1 ELSE 0 END)::numeric * 0.1 AS pct
  FROM (SELECT id, plan, fl, row_number() OVER (PARTITION BY plan ORDER BY rem DESC, cents DESC, id) AS rk
          FROM (SELECT id, plan, cents, cents * 1000 / t AS fl, cents * 1000 % t AS rem
                  FROM (SELECT id, plan, cents, (sum(cents) OVER (PARTITION BY plan))::bigint AS t
                          FROM bench_line) a) b) c;

SELECT count(*) AS lines, count(*) FILTER (WHERE c.pct = s.pct) AS identical,
       sum(c.pct) = 100 * count(DISTINCT plan) AS "adds up to 100 per plan"
  FROM pct_c c JOIN pct_sql s USING (id) JOIN bench_line USING (id);

\echo 'plans: the C window function reads the index in order; plain SQL sorts again by remainder'
EXPLAIN (COSTS OFF) SELECT count(pct) FROM pct_c;
EXPLAIN (COSTS OFF) SELECT count(pct) FROM pct_sql;
\echo 'percent_of_total'
SELECT bench.time('percent', 'floor: row_number() OVER', 'SELECT count(x) FROM (SELECT row_number() OVER (PARTITION BY plan ORDER BY id) x FROM bench_line) s', 5);
SELECT bench.time('percent', 'percent_of_total OVER', 'SELECT count(pct) FROM pct_c', 5);
SELECT bench.time('percent', 'plain SQL largest remainder', 'SELECT count(pct) FROM pct_sql', 5);
SELECT * FROM bench.report('percent', 'percent_of_total OVER');

-- ---------------------------------------------------------------------------
-- allocate: split each plan's total over its lines in whole cents
-- ---------------------------------------------------------------------------
CREATE VIEW alloc_c_amount AS
SELECT id, cents(allocate(total, weight_amt) OVER (PARTITION BY plan ORDER BY id)) AS c FROM bench_line;
CREATE VIEW alloc_sql_bigint AS
SELECT id, fl + CASE WHEN rk <= t - sum(fl) OVER (PARTITION BY plan) THEN 1 ELSE 0 END AS c
  FROM (SELECT id, plan, t, fl, row_number() OVER (PARTITION BY plan ORDER BY rem DESC, w DESC, id) AS rk
          FROM (SELECT id, plan, t, w, t * w / ws AS fl, t * w % ws AS rem
                  FROM (SELECT id, plan, total_cents AS t, weight_cents AS w,
                               (sum(weight_cents) OVER (PARTITION BY plan))::bigint AS ws
                          FROM bench_line) a) b) c;
CREATE VIEW alloc_c_numeric AS
SELECT id, cents(allocate(total, weight) OVER (PARTITION BY plan ORDER BY id)) AS c FROM bench_line;
CREATE VIEW alloc_sql_numeric AS
SELECT id, (fl + CASE WHEN rk <= t - sum(fl) OVER (PARTITION BY plan) THEN 1 ELSE 0 END)::bigint AS c
  FROM (SELECT id, plan, t, fl, row_number() OVER (PARTITION BY plan ORDER BY rem DESC, w DESC, id) AS rk
          FROM (SELECT id, plan, t, w, div(t * w, ws) AS fl, mod(t * w, ws) AS rem
                  FROM (SELECT id, plan, total_cents::numeric AS t, weight AS w,
                               sum(weight) OVER (PARTITION BY plan) AS ws
                          FROM bench_line) a) b) c;

SELECT count(*) AS lines,
       count(*) FILTER (WHERE a.c = b.c AND a.c = n.c AND a.c = m.c) AS identical
  FROM alloc_c_amount a JOIN alloc_sql_bigint b USING (id)
  JOIN alloc_c_numeric n USING (id) JOIN alloc_sql_numeric m USING (id);
SELECT count(*) FILTER (WHERE s = t) AS plans_adding_up, count(*) AS plans
  FROM (SELECT plan, min(total_cents) t, sum(a.c) s FROM alloc_c_amount a JOIN bench_line USING (id) GROUP BY plan) x;

\echo 'allocate, amount weights'
SELECT bench.time('allocate', 'allocate(total, amount) OVER', 'SELECT count(c) FROM alloc_c_amount', 5);
SELECT bench.time('allocate', 'plain SQL, bigint weights', 'SELECT count(c) FROM alloc_sql_bigint', 5);
SELECT * FROM bench.report('allocate', 'allocate(total, amount) OVER');

\echo 'allocate, numeric weights'
SELECT bench.time('allocate_numeric', 'allocate(total, numeric) OVER', 'SELECT count(c) FROM alloc_c_numeric', 5);
SELECT bench.time('allocate_numeric', 'plain SQL, numeric weights', 'SELECT count(c) FROM alloc_sql_numeric', 5);
SELECT * FROM bench.report('allocate_numeric', 'allocate(total, numeric) OVER');

\echo 'summary (speedup > 1 means pubfin is faster)'
SELECT c.bench, c.label AS pubfin, c.median_ms AS pubfin_ms, s.label AS baseline, s.median_ms AS baseline_ms,
       round(s.median_ms / c.median_ms, 2) AS speedup
  FROM bench.result c JOIN bench.result s USING (bench)
 WHERE c.label LIKE '%OVER' AND c.label NOT LIKE 'floor%' AND s.label LIKE 'plain SQL%'
 ORDER BY c.at;
