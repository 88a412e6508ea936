-- Benchmark: the C CSV reader against COPY, on a 1-million-record file shaped
-- like the Loire-Atlantique SCDL file (18 columns, ';', CRLF, French titles,
-- some quoted names with doubled quotes).  Prints medians and ratios.
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET search_path = public, pubfin;
\set records 1000000

\echo 'generating' :records 'records...'
SELECT setseed(0.44);
CREATE UNLOGGED TABLE bench_csv_line AS
SELECT 0 AS i, 'Nom de l''attribuant;Identification de l''attribuant;Date de la convention de subvention;Référence de la décision;Nom du bénéficiaire;Identification du bénéficiaire;Objet de la subvention;Montant total de la subvention;Nature de la subvention;Conditions de versement de la subvention;Date ou période de versement;Identifiant RAE de l’aide au titre de laquelle la subvention est attribuée;Aide d''Etat notifiée à la Commission Européenne;Pourcentage du montant total de la subvention attribuée au bénéficiaire;Montant du prêt;Montant de la garantie;Détail des avantages en nature;Estimation des avantages en nature' AS line
UNION ALL
SELECT i, format('Département de Loire-Atlantique;22440002800011;%s;;%s;%s;;%s;%s;;%s;;;1;;;;',
                 y,
                 CASE WHEN i % 10 = 0 THEN format('"ASSOCIATION ""LES AMIS"" N°%s; SECTION %s"', i % 4049, i % 7)
                      ELSE format('ASSOCIATION SPORTIVE ET CULTURELLE N°%s', i % 4049) END,
                 CASE WHEN i % 200 = 0 THEN '' ELSE (400000000 + (i % 4049) * 12347)::text END,
                 (floor(random() * 50000) * 10 / 10.0)::numeric(12,1),
                 CASE WHEN i % 215 = 0 THEN '"aide en numéraire;aide en nature"' ELSE 'aide en numéraire' END,
                 y)
  FROM (SELECT i, 2008 + i % 11 AS y FROM generate_series(1, :records) AS i) s;
-- the file, byte for byte, with CRLF line ends (through a large object)
CREATE UNLOGGED TABLE bench_csv_doc (content text);
ALTER TABLE bench_csv_doc ALTER content SET STORAGE EXTERNAL;
INSERT INTO bench_csv_doc SELECT string_agg(line, E'\r\n' ORDER BY i) || E'\r\n' FROM bench_csv_line;
CREATE TEMP TABLE bench_csv_lo AS SELECT lo_from_bytea(0, convert_to(content, 'UTF8')) AS lo FROM bench_csv_doc;
SELECT lo_export(lo, '/tmp/pubfin_bench_csv.csv') = 1 AS file_written, lo_unlink(lo) = 1 AS unlinked FROM bench_csv_lo;
SELECT pg_size_pretty(octet_length(content)::bigint) AS file_size FROM bench_csv_doc;
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
