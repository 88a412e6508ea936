-- Benchmark: the C CSV reader against COPY, on a 1-million-record file shaped
-- like the Loire-Atlantique SCDL file (18 columns, ';', CRLF, French titles,
-- some quoted names with doubled quotes).  Prints medians and ratios.
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET search_path = public, pubfin;
\set records 1000000

\ir _scdl_la.sql
CREATE UNLOGGED TABLE bench_csv_copy (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text,
                                      c10 text, c11 text, c12 text, c13 text, c14 text, c15 text, c16 text, c17 text, c18 text);
CREATE UNLOGGED TABLE bench_csv_rows (LIKE bench_csv_copy);

-- both readers must agree before anything is timed
TRUNCATE bench_csv_copy;
COPY bench_csv_copy FROM '/tmp/pubfin_bench_csv.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true);
INSERT INTO bench_csv_rows SELECT f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[16], f[17], f[18]
  FROM bench_csv_doc, LATERAL (SELECT fields AS f FROM csv_rows(content) WHERE line_no > 1) r;
SELECT (SELECT count(*) FROM bench_csv_copy) AS copy_records, (SELECT count(*) FROM bench_csv_rows) AS csv_rows_records,
       NOT EXISTS (SELECT c1, c2, c3, coalesce(c4, ''), c5, coalesce(c6, ''), coalesce(c8, ''), c9, c11, coalesce(c18, '') FROM bench_csv_copy
                   EXCEPT
                   SELECT c1, c2, c3, c4, c5, c6, c8, c9, c11, c18 FROM bench_csv_rows) AS same_values;

\echo 'reading 1 million records'
SELECT bench.time('csv', 'COPY into an all-text table',
                  $$TRUNCATE bench_csv_copy; COPY bench_csv_copy FROM '/tmp/pubfin_bench_csv.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)$$, 3, false);
SELECT bench.time('csv', 'csv_rows, count only',
                  $$SELECT count(r.fields) FROM bench_csv_doc, LATERAL csv_rows(content) r$$, 3, false);
SELECT bench.time('csv', 'csv_rows into an all-text table',
                  $$TRUNCATE bench_csv_rows; INSERT INTO bench_csv_rows SELECT f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[16], f[17], f[18]
                      FROM bench_csv_doc, LATERAL (SELECT fields AS f FROM csv_rows(content) WHERE line_no > 1) r$$, 3, false);
SELECT label, median_ms, ratio, round(:records / (median_ms / 1000)) AS records_per_s
  FROM bench.report('csv', 'COPY into an all-text table');

\! rm -f /tmp/pubfin_bench_csv.csv
DROP TABLE bench_csv_line, bench_csv_doc, bench_csv_copy, bench_csv_rows, bench_csv_lo;
