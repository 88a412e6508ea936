-- Benchmark: siret against bigint (and text for reference), 1 million SIRETs, one core, jit off.
-- COPY from text into a siret column (every value parsed and checked) vs a bigint column,
-- and a hash join on siret vs on bigint.  Prints medians and ratios to bigint.
-- The machine may be shared: each comparison runs in two rounds in opposite
-- orders (bigint, siret, then siret, bigint) and the summary averages them.
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET search_path = public, pubfin;
\set rows 1000000

\echo 'generating' :rows 'valid SIRETs...'
SELECT setseed(0.25);
-- a valid SIREN (8 random digits + the key found by the validator), then a NIC (4 digits + key)
CREATE UNLOGGED TABLE bench_siren AS
SELECT i, (SELECT p || d FROM generate_series(0, 9) d WHERE siren_error(p || d) IS NULL LIMIT 1) AS siren
  FROM (SELECT i, lpad(floor(random() * 1e8)::bigint::text, 8, '0') AS p
          FROM generate_series(1, :rows) i) s;
CREATE UNLOGGED TABLE bench_ids AS
SELECT i, t::siret AS s, t::bigint AS b, t AS txt
  FROM (SELECT i, (SELECT q || d FROM generate_series(0, 9) d WHERE siret_error(q || d) IS NULL LIMIT 1) AS t
          FROM (SELECT i, siren || lpad(floor(random() * 1e4)::int::text, 4, '0') AS q
                  FROM bench_siren WHERE siren IS NOT NULL) s) s
 WHERE t IS NOT NULL;
SELECT count(*) AS sirets, count(DISTINCT s) AS distinct_sirets FROM bench_ids;
-- the organizations: one row in five, the side that is hashed
CREATE UNLOGGED TABLE bench_org AS SELECT s, b, txt FROM bench_ids WHERE i % 5 = 0;
VACUUM ANALYZE bench_ids;
VACUUM ANALYZE bench_org;
COPY (SELECT txt FROM bench_ids) TO '/tmp/pubfin_bench_siret.txt';
CREATE UNLOGGED TABLE copy_siret (s siret);
CREATE UNLOGGED TABLE copy_bigint (b bigint);
CREATE UNLOGGED TABLE copy_text (t text);

\echo 'COPY of 1 million SIRETs from text'
\set copy_bigint 'TRUNCATE copy_bigint; COPY copy_bigint FROM ''/tmp/pubfin_bench_siret.txt'''
\set copy_siret 'TRUNCATE copy_siret; COPY copy_siret FROM ''/tmp/pubfin_bench_siret.txt'''
SELECT bench.time('copy', 'COPY into bigint', :'copy_bigint', 5, false);
SELECT bench.time('copy', 'COPY into siret', :'copy_siret', 5, false);
SELECT bench.time('copy', 'COPY into siret', :'copy_siret', 5, false);
SELECT bench.time('copy', 'COPY into bigint', :'copy_bigint', 5, false);
SELECT bench.time('copy', 'COPY into text', $$TRUNCATE copy_text; COPY copy_text FROM '/tmp/pubfin_bench_siret.txt'$$, 5, false);
SELECT (SELECT count(*) FROM copy_siret) = (SELECT count(*) FROM copy_bigint)
   AND (SELECT sum(s::bigint) FROM copy_siret) = (SELECT sum(b) FROM copy_bigint) AS copies_agree;
SELECT * FROM bench.report('copy', 'COPY into bigint');

\echo 'hash join: 1 million rows against 200,000 organizations'
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.s = o.s;
SELECT bench.time('join', 'hash join on bigint', 'SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.b = o.b', 5);
SELECT bench.time('join', 'hash join on siret', 'SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.s = o.s', 5);
SELECT bench.time('join', 'hash join on siret', 'SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.s = o.s', 5);
SELECT bench.time('join', 'hash join on bigint', 'SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.b = o.b', 5);
SELECT bench.time('join', 'hash join on text', 'SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.txt = o.txt', 5);
SELECT (SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.s = o.s)
     = (SELECT count(*) FROM bench_ids x JOIN bench_org o ON x.b = o.b) AS joins_agree;
SELECT * FROM bench.report('join', 'hash join on bigint');
RESET enable_mergejoin;
RESET enable_nestloop;

\echo 'summary: siret against bigint, medians averaged over the two rounds (target: ratio <= 1.2)'
WITH m AS (SELECT bench, label, round(avg(median_ms), 1) AS ms FROM bench.result GROUP BY bench, label)
SELECT a.bench, a.label, a.ms AS median_ms, b.ms AS bigint_ms, round(a.ms / b.ms, 2) AS ratio
  FROM m a JOIN m b USING (bench)
 WHERE a.label IN ('COPY into siret', 'hash join on siret', 'COPY into text', 'hash join on text')
   AND b.label IN ('COPY into bigint', 'hash join on bigint')
 ORDER BY a.bench, a.label;
\! rm -f /tmp/pubfin_bench_siret.txt
DROP TABLE bench_siren, bench_ids, bench_org, copy_siret, copy_bigint, copy_text;
