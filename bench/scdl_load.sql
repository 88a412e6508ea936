-- Benchmark: load_scdl on a 1-million-record file shaped like the
-- Loire-Atlantique SCDL file (bench/_scdl_la.sql), against a plain COPY of the
-- same file into an all-text table in the same run.  Each timed load starts
-- from empty tables (the TRUNCATE is inside the timing: a few ms); the reload
-- reads the same file again into the loaded tables, where every record is a
-- duplicate.  Prints medians, ratios to COPY and records per second, and the
-- floor: the INSERT of the loaded rows into subsidy alone.
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET search_path = public, pubfin;
SET client_min_messages = warning;
\set records 1000000

\ir _scdl_la.sql
CREATE UNLOGGED TABLE bench_scdl_copy (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text,
                                       c10 text, c11 text, c12 text, c13 text, c14 text, c15 text, c16 text, c17 text, c18 text);

-- Empty the tables load_scdl fills.
CREATE FUNCTION bench.scdl_reset() RETURNS void LANGUAGE sql AS $$
    TRUNCATE pubfin.subsidy, pubfin.decision, pubfin.organization, pubfin.scdl_reject, pubfin.load_log RESTART IDENTITY CASCADE
$$;

\echo 'loading 1 million records'
SELECT bench.time('scdl_load', 'COPY into an all-text table',
                  $$TRUNCATE bench_scdl_copy; COPY bench_scdl_copy FROM '/tmp/pubfin_bench_csv.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)$$, 3, false);
SELECT bench.time('scdl_load', 'csv_rows into an all-text table',
                  $$TRUNCATE bench_scdl_copy; INSERT INTO bench_scdl_copy SELECT f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[16], f[17], f[18]
                      FROM bench_csv_doc, LATERAL (SELECT fields AS f FROM csv_rows(content) WHERE line_no > 1) r$$, 3, false);
SELECT bench.time('scdl_load', 'load_scdl into empty tables',
                  $$SELECT bench.scdl_reset(); SELECT * FROM load_scdl((SELECT content FROM bench_csv_doc), 'bench.csv')$$, 3, false);
-- what the last load did
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates, finished_at - started_at AS elapsed
  FROM load_log ORDER BY id DESC LIMIT 1;
SELECT count(*) AS organizations FROM organization;
SELECT bench.time('scdl_load', 'load_scdl again: every record a duplicate',
                  $$SELECT * FROM load_scdl((SELECT content FROM bench_csv_doc), 'bench-again.csv')$$, 3, false);
SELECT records_read, accepted, rejected, duplicates FROM load_log ORDER BY id DESC LIMIT 1;

-- The floor: writing the rows of that load into subsidy as it stands (its
-- 9 indexes, its 5 foreign keys checked row by row), from a table that
-- holds them ready; then the same into a copy of subsidy without its
-- foreign keys.  load_scdl cannot write its rows faster than the first.
CREATE TABLE bench_loaded AS SELECT * FROM subsidy;
CREATE TABLE bench_subsidy_nofk (LIKE pubfin.subsidy INCLUDING ALL);
SELECT bench.time('scdl_load', 'floor: INSERT of the loaded rows into subsidy',
                  $$TRUNCATE pubfin.subsidy CASCADE; INSERT INTO pubfin.subsidy OVERRIDING SYSTEM VALUE SELECT * FROM bench_loaded$$, 3, false);
SELECT bench.time('scdl_load', 'floor: the same, without foreign keys',
                  $$TRUNCATE bench_subsidy_nofk; INSERT INTO bench_subsidy_nofk OVERRIDING SYSTEM VALUE SELECT * FROM bench_loaded$$, 3, false);
DROP TABLE bench_loaded, bench_subsidy_nofk;

-- No plan hazard: the same load after ANALYZE of the empty tables (as
-- autovacuum may do), and a second file of a million new records (every
-- nature spelled differently: new fingerprints) into a table that already
-- holds a million rows (one run: a second run would find duplicates).
SELECT bench.time('scdl_load', 'load_scdl into empty tables after ANALYZE',
                  $$SELECT bench.scdl_reset(); ANALYZE pubfin.subsidy, pubfin.organization, pubfin.decision, pubfin.scdl_reject;
                    SELECT * FROM load_scdl((SELECT content FROM bench_csv_doc), 'bench.csv')$$, 3, false);
CREATE TABLE bench_csv_doc2 AS SELECT replace(content, 'aide en numéraire', 'Aide en numéraire') AS content FROM bench_csv_doc;
SELECT bench.time('scdl_load', 'load_scdl of a second file into 1M rows',
                  $$SELECT * FROM load_scdl((SELECT content FROM bench_csv_doc2), 'bench-2.csv')$$, 1, false);
SELECT records_read, accepted, rejected, duplicates, (SELECT count(*) FROM subsidy) AS subsidies FROM load_log ORDER BY id DESC LIMIT 1;

SELECT label, median_ms, ratio, round(:records / (median_ms / 1000)) AS records_per_s
  FROM bench.report('scdl_load', 'COPY into an all-text table');
SELECT round(l.median_ms / f.median_ms, 2) AS load_over_floor
  FROM bench.result l, bench.result f
 WHERE l.label = 'load_scdl into empty tables' AND f.label = 'floor: INSERT of the loaded rows into subsidy';

-- 1,000 small files (10 records each) loaded one after another: the
-- per-file overhead is the time per file beyond 10 records at the big
-- load's rate.
SELECT bench.scdl_reset();
CREATE TABLE bench_small AS
SELECT (l.i - 1) / 10 + 1 AS k,
       (SELECT line FROM bench_csv_line WHERE i = 0) || E'\r\n' || string_agg(l.line, E'\r\n' ORDER BY l.i) || E'\r\n' AS content
  FROM bench_csv_line l WHERE l.i BETWEEN 1 AND 10000
 GROUP BY 1;
CREATE FUNCTION bench.load_small() RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
    FOR r IN SELECT k, content FROM bench_small ORDER BY k LOOP
        PERFORM pubfin.load_scdl(r.content, 'small-' || r.k || '.csv');
    END LOOP;
END $$;
SELECT bench.time('scdl_small', '1,000 files of 10 records', $$SELECT bench.scdl_reset(); SELECT bench.load_small()$$, 3, false);
SELECT label, median_ms, round(median_ms / 1000, 2) AS ms_per_file
  FROM bench.report('scdl_small', '1,000 files of 10 records');
DROP TABLE bench_small, bench_csv_doc2;

\! rm -f /tmp/pubfin_bench_csv.csv
SELECT bench.scdl_reset();
DROP TABLE bench_csv_line, bench_csv_doc, bench_csv_lo, bench_scdl_copy;
