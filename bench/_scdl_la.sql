-- Shared by bench/csv.sql and bench/scdl_load.sql: a file of :records records
-- shaped like the Loire-Atlantique SCDL file (18 columns, ';', CRLF, the
-- arrêté's French titles, years instead of dates, 9-digit SIRENs with a valid
-- check digit, 4,049 beneficiaries funded over 11 years, some quoted names
-- with doubled quotes, every 200th beneficiary without an identifier).
-- Leaves bench_csv_line, bench_csv_doc (the file as one text value) and
-- bench_csv_lo, and writes the file to /tmp/pubfin_bench_csv.csv.
-- A SIREN: the 8 digits of base and the check digit that siren_error accepts.
CREATE OR REPLACE FUNCTION bench.siren(base int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT base::text || d FROM generate_series(0, 9) d WHERE pubfin.siren_error(base::text || d) IS NULL
$$;
\echo 'generating' :records 'records...'
SELECT setseed(0.44);
CREATE UNLOGGED TABLE bench_csv_line AS
SELECT 0 AS i, 'Nom de l''attribuant;Identification de l''attribuant;Date de la convention de subvention;Référence de la décision;Nom du bénéficiaire;Identification du bénéficiaire;Objet de la subvention;Montant total de la subvention;Nature de la subvention;Conditions de versement de la subvention;Date ou période de versement;Identifiant RAE de l’aide au titre de laquelle la subvention est attribuée;Aide d''Etat notifiée à la Commission Européenne;Pourcentage du montant total de la subvention attribuée au bénéficiaire;Montant du prêt;Montant de la garantie;Détail des avantages en nature;Estimation des avantages en nature' AS line
UNION ALL
SELECT i, format('Département de Loire-Atlantique;22440002800011;%s;;%s;%s;;%s;%s;;%s;;;1;;;;',
                 y,
                 CASE WHEN i % 10 = 0 THEN format('"ASSOCIATION ""LES AMIS"" N°%s; SECTION %s"', i % 4049, i % 7)
                      ELSE format('ASSOCIATION SPORTIVE ET CULTURELLE N°%s', i % 4049) END,
                 CASE WHEN i % 200 = 0 THEN '' ELSE bench.siren(40000000 + (i % 4049) * 1237) END,
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
