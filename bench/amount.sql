-- Benchmark: amount against bigint and numeric(18,2), 10 million rows, one core, jit off.
-- Prints the median of several runs per query and its ratio to the baseline.
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET search_path = public, pubfin;
\set rows 10000000

\echo 'generating' :rows 'rows...'
SELECT setseed(0.5);
CREATE UNLOGGED TABLE bench_amount AS
SELECT c AS cents, (c / 100.0)::numeric(18,2) AS num, amount_from_cents(c) AS amt, (i % 100000)::int AS g
  FROM (SELECT i, (random() * 10000000)::bigint - 2000000 AS c
          FROM generate_series(1, :rows) i) s;
VACUUM ANALYZE bench_amount;
COPY (SELECT amt FROM bench_amount) TO '/tmp/pubfin_bench_amount.txt';
CREATE UNLOGGED TABLE copy_amount (a amount);
CREATE UNLOGGED TABLE copy_numeric (a numeric(18,2));

-- the three sums must agree before anything is timed
SELECT sum(amt)::numeric = sum(num) AND sum(num) * 100 = sum(cents) AS sums_agree FROM bench_amount;

\echo 'sum'
SELECT bench.time('sum', 'sum(bigint)', 'SELECT sum(cents) FROM bench_amount', 5);
SELECT bench.time('sum', 'sum(amount)', 'SELECT sum(amt) FROM bench_amount', 5);
SELECT bench.time('sum', 'sum(numeric(18,2))', 'SELECT sum(num) FROM bench_amount', 5);
SELECT * FROM bench.report('sum', 'sum(amount)');

\echo 'avg'
SELECT bench.time('avg', 'avg(bigint)', 'SELECT avg(cents) FROM bench_amount', 5);
SELECT bench.time('avg', 'avg(amount)', 'SELECT avg(amt) FROM bench_amount', 5);
SELECT bench.time('avg', 'avg(numeric(18,2))', 'SELECT avg(num) FROM bench_amount', 5);
SELECT * FROM bench.report('avg', 'avg(amount)');

\echo 'grouped sum, 100,000 groups'
SELECT bench.time('group', 'sum(bigint) by group', 'SELECT count(s) FROM (SELECT g, sum(cents) s FROM bench_amount GROUP BY g) x', 3);
SELECT bench.time('group', 'sum(amount) by group', 'SELECT count(s) FROM (SELECT g, sum(amt) s FROM bench_amount GROUP BY g) x', 3);
SELECT bench.time('group', 'sum(numeric) by group', 'SELECT count(s) FROM (SELECT g, sum(num) s FROM bench_amount GROUP BY g) x', 3);
SELECT * FROM bench.report('group', 'sum(amount) by group');

\echo 'COPY of 10 million amounts from text'
SELECT bench.time('copy', 'COPY into amount', $$TRUNCATE copy_amount; COPY copy_amount FROM '/tmp/pubfin_bench_amount.txt'$$, 3, false);
SELECT bench.time('copy', 'COPY into numeric(18,2)', $$TRUNCATE copy_numeric; COPY copy_numeric FROM '/tmp/pubfin_bench_amount.txt'$$, 3, false);
SELECT (SELECT sum(a) FROM copy_amount)::numeric = (SELECT sum(a) FROM copy_numeric) AS copies_agree;
SELECT * FROM bench.report('copy', 'COPY into amount');

\echo 'summary: amount against the baselines (ratio > 1 means amount is faster)'
SELECT b.bench, b.label AS baseline, a.median_ms AS amount_ms, b.median_ms AS baseline_ms,
       round(b.median_ms / a.median_ms, 2) AS speedup
  FROM bench.result a JOIN bench.result b USING (bench)
 WHERE a.label IN ('sum(amount)', 'avg(amount)', 'sum(amount) by group', 'COPY into amount')
   AND b.label <> a.label
 ORDER BY b.bench, b.label;
\! rm -f /tmp/pubfin_bench_amount.txt
DROP TABLE bench_amount, copy_amount, copy_numeric;
