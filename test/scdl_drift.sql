-- pgTAP: load_scdl over generated variants of the drift real publishers
-- produce (the ten patterns of sql/scdl_drift.sql), checked as properties.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(28);
SELECT setseed(0.42);

-- Valid SIRETs: random SIREN bases and NICs, both Luhn digits found among
-- ten candidates each.  pfx: the first two digits (21 communes, 22
-- départements, 23 régions, others).
CREATE TEMP TABLE gen_base ON COMMIT DROP AS
SELECT i, (ARRAY['21', '22', '23', '24', '44', '52', '38', '79'])[1 + (i % 8)] AS pfx,
       lpad((floor(random() * 1e6))::bigint::text, 6, '0') AS b,
       lpad((floor(random() * 1e4))::bigint::text, 4, '0') AS nic
  FROM generate_series(1, 160) i;
CREATE TEMP TABLE gen_siret ON COMMIT DROP AS
SELECT DISTINCT ON (g.i) g.i AS n, g.pfx, g.pfx || g.b || d1 || g.nic || d2 AS siret
  FROM gen_base g, generate_series(0, 9) d1, generate_series(0, 9) d2
 WHERE siren_error(g.pfx || g.b || d1) IS NULL AND siret_error(g.pfx || g.b || d1 || g.nic || d2) IS NULL
 ORDER BY g.i, d1, d2;

-- 200 clean records: funder among the first 10 SIRETs, beneficiary among the others.
CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT r, 'Financeur ' || (1 + r % 10) AS funder, (SELECT siret FROM gen_siret WHERE n = 1 + r % 10) AS funder_id,
       'Bénéficiaire n° ' || r AS name, (SELECT siret FROM gen_siret WHERE n = 11 + r % 140) AS id,
       make_date(2015 + floor(random() * 8)::int, 1 + floor(random() * 12)::int, 1 + floor(random() * 28)::int) AS signed,
       'Objet été ' || r AS objet,
       ((floor(random() * 50000000) + 100) / 100.0)::numeric(12,2) AS montant
  FROM generate_series(1, 200) r;

CREATE FUNCTION pg_temp.header(cols text[]) RETURNS text LANGUAGE sql AS
$$ SELECT array_to_string(cols, ',') || E'\n' $$;
-- A record as a CSV line for the given columns (values quoted).
CREATE FUNCTION pg_temp.line(g gen, cols text[], objet text DEFAULT NULL, signed text DEFAULT NULL, montant text DEFAULT NULL)
RETURNS text LANGUAGE sql AS $$
SELECT string_agg(CASE c
    WHEN 'nomAttribuant' THEN g.funder WHEN 'idAttribuant' THEN g.funder_id
    WHEN 'dateConvention' THEN coalesce(signed, g.signed::text) WHEN 'referenceDecision' THEN 'D-' || g.r
    WHEN 'nomBeneficiaire' THEN g.name WHEN 'idBeneficiaire' THEN g.id WHEN 'rnaBeneficiaire' THEN ''
    WHEN 'objet' THEN '"' || replace(coalesce(objet, g.objet), '"', '""') || '"'
    WHEN 'montant' THEN coalesce(montant, g.montant::text) WHEN 'nature' THEN 'aide en numéraire'
    WHEN 'conditionsVersement' THEN 'unique' WHEN 'datesPeriodeVersement' THEN g.signed::text
    WHEN 'idRAE' THEN '' WHEN 'notificationUE' THEN 'non' WHEN 'pourcentageSubvention' THEN '1'
    WHEN 'dispositifAide' THEN '' END, ',' ORDER BY o) || E'\n'
  FROM unnest(cols) WITH ORDINALITY u(c, o) $$;
CREATE FUNCTION pg_temp.cols() RETURNS text[] LANGUAGE sql AS $$ SELECT array_agg(name ORDER BY ordinal) FROM pubfin.scdl_fields() $$;

-- 1. Absent columns: 20 files, each without a random set of the columns a
-- record can do without; every record is accepted, and no record carries a
-- warning about a column the file does not have.
CREATE TEMP TABLE v1 ON COMMIT DROP AS
SELECT k, (SELECT array_agg(c ORDER BY o) FROM unnest(pg_temp.cols()) WITH ORDINALITY u(c, o)
            WHERE c NOT IN ('referenceDecision', 'rnaBeneficiaire', 'idRAE', 'notificationUE', 'dispositifAide',
                            'conditionsVersement', 'objet', 'nature', 'pourcentageSubvention', 'dateConvention')
               OR random() < 0.5 + 0 * k) AS cols
  FROM generate_series(1, 20) k;
CREATE TEMP TABLE v1_loads ON COMMIT DROP AS
SELECT k, v.cols, l.*
  FROM v1 v, LATERAL load_scdl((SELECT pg_temp.header(v.cols) || string_agg(pg_temp.line(g, v.cols), '' ORDER BY g.r)
                                  FROM gen g WHERE g.r % 20 = v.k - 1), 'v1-' || k || '.csv') l;
SELECT is((SELECT count(*) FROM v1_loads WHERE accepted <> records_read), 0::bigint,
          'a file without some of the columns a record can do without loads every record');
SELECT is((SELECT count(*) FROM v1_loads v JOIN subsidy s ON s.load_id = v.load_id, unnest(s.warnings) w
            WHERE split_part(w, ':', 1) <> ALL (v.cols)), 0::bigint,
          'no record carries a warning about a column its file does not have');

-- 2. Encodings: the same records in WIN1252 with no encoding stated, with
-- or without a byte order mark, and with UTF-8 and WIN1252 lines mixed,
-- are the records loaded from UTF-8 (all duplicates).
SELECT is((SELECT accepted FROM load_scdl((SELECT pg_temp.header(pg_temp.cols()) || string_agg(pg_temp.line(g, pg_temp.cols()), '' ORDER BY g.r)
                                             FROM gen g), 'v2-utf8.csv')), 200,
          'the generated records load from UTF-8');
SELECT is((SELECT duplicates FROM load_scdl(
              (SELECT CASE WHEN random() < 0.5 THEN '\xefbbbf'::bytea ELSE ''::bytea END
                      || convert_to(pg_temp.header(pg_temp.cols()), 'UTF8')
                      || string_agg(convert_to(pg_temp.line(g, pg_temp.cols()), CASE WHEN random() < 0.5 THEN 'WIN1252' ELSE 'UTF8' END), ''::bytea ORDER BY g.r)
                 FROM gen g), 'v2-mixed.csv')), 200,
          'WIN1252 and UTF-8 lines mixed, with or without a BOM, read as the same records');

-- 3. Long texts: 50 objets of 257 to 3,000 characters are kept whole.
CREATE TEMP TABLE v3 ON COMMIT DROP AS
SELECT g.r, repeat('x', 257 + floor(random() * 2743)::int) AS objet FROM gen g WHERE g.r <= 50;
SELECT is((SELECT accepted FROM load_scdl((SELECT pg_temp.header(pg_temp.cols()) || string_agg(pg_temp.line(g, pg_temp.cols(), v.objet), '' ORDER BY g.r)
                                             FROM gen g JOIN v3 v USING (r)), 'v3.csv')), 50,
          'records with an objet longer than 256 characters are accepted');
SELECT is((SELECT count(*) FROM subsidy s JOIN v3 v ON v.r + 1 = s.line WHERE s.source = 'v3.csv' AND s.object = v.objet), 50::bigint,
          'the long objets are stored whole');

-- 4. Dates written year first with slashes read as the same dates.
SELECT is((SELECT count(*) FROM gen g,
                  LATERAL scdl_read(convert_to(pg_temp.header(pg_temp.cols()) || pg_temp.line(g, pg_temp.cols(), NULL, to_char(g.signed, 'YYYY/MM/DD')), 'UTF8')) x
            WHERE x.kind = 'record' AND (x.convention_date IS DISTINCT FROM g.signed OR x.reasons <> '{}')), 0::bigint,
          'YYYY/MM/DD dates are read as the dates they write');

-- 5. Header titles: every SCDL name and title, and every builtin synonym,
-- under case, accents, a trailing "*" and punctuation changes, is read as
-- its field.
CREATE TEMP TABLE v5 ON COMMIT DROP AS
SELECT t.field, v.h
  FROM (SELECT name AS field, name AS title FROM scdl_fields() UNION ALL SELECT name, title FROM scdl_fields()
        UNION ALL SELECT field, synonym FROM scdl_synonym) t,
       LATERAL unnest(ARRAY[upper(t.title), lower(t.title), unaccent_fold(t.title), t.title || ' *',
                            replace(t.title, ' ', '_'), ' ' || t.title || '.']) v(h);
SELECT is((SELECT count(*) FROM v5,
                  LATERAL scdl_read(convert_to('"' || replace(v5.h, '"', '""') || E'"\n', 'UTF8'),
                                    jsonb_build_object('synonyms', (SELECT jsonb_object_agg(synonym, field) FROM scdl_synonym))) x
            WHERE x.kind = 'header'
              AND EXISTS (SELECT 1 FROM unnest(coalesce(x.warnings, '{}')) w
                           WHERE w LIKE 'no column ' || v5.field || ' %' OR w LIKE '%is not an SCDL field%')), 0::bigint,
          'every name, title and synonym is matched under case, accents, a trailing "*" and punctuation');

-- 6. Unquoted French decimals: 100 amounts written "12 345,67" without
-- quotes in a comma file load as the amounts they write.
SELECT is((SELECT count(*) FROM gen g,
                  LATERAL scdl_read(convert_to(pg_temp.header(pg_temp.cols())
                                               || pg_temp.line(g, pg_temp.cols(), NULL, NULL, replace(to_char(trunc(g.montant), 'FM999,999,990'), ',', ' ') || ',' || lpad(((g.montant * 100)::bigint % 100)::text, 2, '0')), 'UTF8')) x
            WHERE g.r <= 100 AND x.kind = 'record' AND (x.award IS DISTINCT FROM g.montant::text::amount OR x.reasons <> '{}')), 0::bigint,
          'an unquoted decimal comma splitting montant is joined back to the amount written');

-- 7. Blank rows among the records: skipped and counted, nothing lost.
CREATE TEMP TABLE v7 ON COMMIT DROP AS
SELECT l.* FROM load_scdl((SELECT pg_temp.header(pg_temp.cols()) || string_agg(
                                      CASE WHEN random() < 0.3 THEN repeat(',', floor(random() * 20)::int) || E'\n' ELSE '' END
                                      || pg_temp.line(g, pg_temp.cols()), '' ORDER BY g.r)
                             FROM gen g), 'v7.csv') l;
SELECT ok((SELECT blank > 0 AND duplicates = 200 AND records_read = accepted + rejected + duplicates + blank FROM v7),
          'rows of delimiters are counted as blank and the counts add up');

-- 8. A funder paying itself: accepted with a warning.
SELECT is((SELECT accepted FROM load_scdl((SELECT pg_temp.header(pg_temp.cols()) || string_agg(
                  pg_temp.line((g.r, g.funder, g.funder_id, g.funder, g.funder_id, g.signed, 'Fonds gérés ' || g.r, g.montant)::gen, pg_temp.cols()), '')
                  FROM gen g WHERE g.r <= 30), 'v8.csv')), 30,
          'records whose funder is the beneficiary are accepted');

-- 9. RNA numbers: W, a digit, two digits or letters, six digits; the
-- loader accepts exactly what the rna type accepts.
CREATE TEMP TABLE v9 ON COMMIT DROP AS
SELECT k, 'W' || (ARRAY['9', '2', '7', 'A'])[1 + floor(random() * 4)::int]
             || (ARRAY['A', 'B', '0', '7'])[1 + floor(random() * 4)::int]
             || (ARRAY['1', 'Z', '5', '0'])[1 + floor(random() * 4)::int]
             || lpad(floor(random() * 1e6)::int::text, 6, '0') AS rna
  FROM generate_series(1, 100) k;
SELECT is((SELECT count(*) FROM v9 JOIN gen g ON g.r = v9.k,
                  LATERAL scdl_read(convert_to(pg_temp.header(pg_temp.cols()) || replace(pg_temp.line(g, pg_temp.cols()), ',' || g.id || ',,', ',,' || v9.rna || ','), 'UTF8')) x
            WHERE x.kind = 'record' AND ((x.reasons = '{}') IS DISTINCT FROM (rna_error(v9.rna) IS NULL))), 0::bigint,
          'an RNA number is accepted exactly when the rna type accepts it');

-- 10. Kinds from SIREN ranges.
SELECT is((SELECT count(DISTINCT pfx) FROM gen_siret), 8::bigint, 'valid SIRETs were generated in every range');
SELECT is((SELECT count(*) FROM gen_siret s CROSS JOIN (SELECT * FROM gen WHERE r = 1) g,
                  LATERAL scdl_read(convert_to(pg_temp.header(pg_temp.cols())
                     || replace(pg_temp.line(g, pg_temp.cols()), ',' || g.id || ',', ',' || s.siret || ','), 'UTF8')) x
            WHERE x.kind = 'record'
              AND x.beneficiary_kind IS DISTINCT FROM CASE s.pfx WHEN '21' THEN 'municipality' WHEN '22' THEN 'department'
                                                                 WHEN '23' THEN 'region' WHEN '24' THEN 'intercommunal' ELSE 'other' END),
          0::bigint, 'the kind follows the SIREN range (21 commune, 22 département, 23 région, 24 grouping)');

-- 11. Values pubfin can do without: a nature or notificationUE that cannot
-- be read, an idRAE longer than 5 characters: the record has no reason,
-- the value is left out (nature: cash) and kept whole in extra.
CREATE TEMP TABLE v11 ON COMMIT DROP AS
SELECT g.r, 'nat ' || md5(g.r::text) AS nature, 'notif ' || left(md5('n' || g.r), 3) AS notif,
       left(md5('rae' || g.r), 6 + g.r % 7) AS rae
  FROM gen g WHERE g.r <= 100;
SELECT is((SELECT count(*) FROM v11, gen g,
                  LATERAL scdl_read(convert_to(pg_temp.header(pg_temp.cols())
                     || replace(replace(replace(pg_temp.line(g, pg_temp.cols()), ',aide en numéraire,', ',' || v11.nature || ','),
                                        ',non,1,', ',' || v11.notif || ',1,'), ',,' || v11.notif, ',' || v11.rae || ',' || v11.notif), 'UTF8')) x
            WHERE g.r = v11.r AND x.kind = 'record'
              AND x.reasons = '{}' AND x.nature = 'cash' AND x.notification IS NULL AND x.id_rae IS NULL
              AND x.extra = jsonb_build_object('nature', v11.nature, 'notificationUE', v11.notif, 'idRAE', v11.rae)),
          100::bigint, 'an unreadable nature or notificationUE and a long idRAE are left out with a warning and kept in extra');

-- 12. Shares: a number from 2 to 100 without its sign is a percentage; a
-- share with no digit is the whole amount; another number out of range
-- rejects the record.
CREATE TEMP TABLE v12 ON COMMIT DROP AS
SELECT g.r, CASE g.r % 3 WHEN 0 THEN (2 + floor(random() * 99))::int::text
                         WHEN 1 THEN (ARRAY['NC', 'sans objet', 'N/A', '-', 'néant'])[1 + g.r % 5]
                         ELSE (ARRAY['0', '0.001', '101', '250', '-0.5', '1e2'])[1 + g.r % 6] END AS share
  FROM gen g WHERE g.r <= 120;
CREATE TEMP TABLE v12_read ON COMMIT DROP AS
SELECT v12.r, v12.share, g.montant, x.reasons, x.pourcentage, x.award, x.extra
  FROM v12, gen g,
       LATERAL scdl_read(convert_to(pg_temp.header(pg_temp.cols()) || replace(pg_temp.line(g, pg_temp.cols()), ',non,1,', ',non,' || v12.share || ','), 'UTF8')) x
 WHERE g.r = v12.r AND x.kind = 'record';
SELECT is((SELECT count(*) FROM v12_read WHERE r % 3 = 0 AND reasons = '{}' AND pourcentage = share::numeric / 100), 40::bigint,
          'a share from 2 to 100 without its sign is read as a percentage');
SELECT is((SELECT count(*) FROM v12_read WHERE r % 3 = 1 AND reasons = '{}' AND pourcentage = 1
                                          AND extra = jsonb_build_object('pourcentageSubvention', share)), 40::bigint,
          'a share with no digit is read as 1 (the whole amount) and kept in extra');
SELECT is((SELECT count(*) FROM v12_read WHERE r % 3 = 2 AND reasons <> '{}'), 40::bigint,
          'a share that is a number out of range rejects the record');

-- 13. Two passes: a file whose records were partly loaded before, with
-- copies of some lines, blank rows in between, loads exactly the new
-- records; nothing is lost and a reload finds only duplicates.
CREATE TEMP TABLE v13 ON COMMIT DROP AS
SELECT g.r, pg_temp.line(g, pg_temp.cols(), 'Deux passes ' || g.r) AS line, g.montant FROM gen g;
CREATE TEMP TABLE v13_loads ON COMMIT DROP AS
SELECT 'first' AS pass, l.* FROM load_scdl((SELECT pg_temp.header(pg_temp.cols()) || string_agg(line, '' ORDER BY r) FROM v13 WHERE r % 3 <> 0), 'v13-a.csv') l
UNION ALL
SELECT 'second', l.* FROM load_scdl((SELECT pg_temp.header(pg_temp.cols())
                                            || string_agg(line || CASE WHEN r % 7 = 0 THEN line ELSE '' END
                                                               || CASE WHEN r % 11 = 0 THEN E',,,\n' ELSE '' END, '' ORDER BY md5(r::text))
                                       FROM v13), 'v13-b.csv') l;
SELECT results_eq($$SELECT accepted, duplicates, blank, accepted + rejected + duplicates + blank = records_read FROM v13_loads WHERE pass = 'second'$$,
                  $$SELECT (SELECT count(*)::int FROM v13 WHERE r % 3 = 0), (SELECT count(*)::int FROM v13 WHERE r % 3 <> 0) + (SELECT count(*)::int FROM v13 WHERE r % 7 = 0),
                           (SELECT count(*)::int FROM v13 WHERE r % 11 = 0), true$$,
                  'a second file loads exactly the records not loaded before; copies and earlier records are duplicates');
SELECT is((SELECT sum(s.amount)::numeric FROM subsidy s WHERE s.source = 'v13-b.csv'),
          (SELECT sum(montant) FROM v13 WHERE r % 3 = 0),
          'the new records of the second file carry their amounts, to the cent');

-- 14. Messages stored as codes: 300 records of cells drawn from the drift
-- above (day-first dates, spaced amounts, bad identifiers, periods, names
-- of punctuation with '|' and '\'), read twice: the sentences the reader
-- gives are exactly its codes rendered by scdl_message, in order; every
-- message a load stored is a code; a name made of '|', '\' and other
-- punctuation comes back whole in its reason.
CREATE TEMP TABLE v14 ON COMMIT DROP AS
SELECT r, (ARRAY['Club A', '---', '|\|', E'\\|', '« »', 'Club | B'])[1 + floor(random() * 6)::int] AS name,
       (ARRAY['44088714900027', '44088714900000', '7,86E+13', 'W2A10023', '452474562', '380 335 901 00027', ''])[1 + floor(random() * 7)::int] AS id,
       (ARRAY['2018-04-14', '14/04/2018', '2018/04/14', '2018', '2018-13-45', '43000', 'demain', '2018-04-14T00:00:00'])[1 + floor(random() * 8)::int] AS signed,
       (ARRAY['1000', '"1 000,50"', '0', '1e3', '"1.000,5"', '-5', ''])[1 + floor(random() * 7)::int] AS montant,
       (ARRAY['2018-05-07/2019-05-06', '2018/05/07_2019/05/06', 'NC', 'NC/2018-06-30', '2018/2019', '2018-02-01/2018-02-30', '2019-01-01/2018-01-01', '2018-02-01/fin de l''action', ''])[1 + floor(random() * 9)::int] AS period,
       (ARRAY['aide en numéraire', 'Numéraire', 'subvention', ''])[1 + floor(random() * 4)::int] AS nature,
       (ARRAY['oui', 'Non', 'peut-être', ''])[1 + floor(random() * 4)::int] AS notif,
       (ARRAY['1', '0.5', '80', 'NC', '0,25', '150', ''])[1 + floor(random() * 7)::int] AS share
  FROM generate_series(1, 300) r;
CREATE TEMP TABLE v14_file ON COMMIT DROP AS
SELECT convert_to('nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,nature,datesPeriodeVersement,notificationUE,pourcentageSubvention' || E'\n'
       || string_agg(concat_ws(',', 'Ville de Poitiers', '21860194600013', v.signed, '"' || replace(v.name, '"', '""') || '"', v.id,
                               'Objet ' || v.r, v.montant, v.nature, v.period, v.notif, v.share), E'\n' ORDER BY v.r) || E'\n', 'UTF8') AS b
  FROM v14 v;
SELECT is((SELECT count(*) FROM scdl_read((SELECT b FROM v14_file)) t
             JOIN scdl_read((SELECT b FROM v14_file), '{"messages": "codes"}') c USING (kind, line)
            WHERE t.kind = 'record'
              AND (t.reasons IS DISTINCT FROM ARRAY(SELECT scdl_message(e) FROM unnest(c.reasons) WITH ORDINALITY u(e, o) ORDER BY o)
                   OR t.warnings IS DISTINCT FROM ARRAY(SELECT scdl_message(e) FROM unnest(c.warnings) WITH ORDINALITY u(e, o) ORDER BY o))),
          0::bigint, 'the reader''s sentences are its codes rendered, in order, for every record');
SELECT cmp_ok((SELECT count(DISTINCT m.code) FROM scdl_read((SELECT b FROM v14_file), '{"messages": "codes"}') c,
                      unnest(c.reasons || c.warnings) e, scdl_message_parts(e) m), '>=', 25::bigint,
              'the generated records reach many codes');
SELECT is((SELECT count(*) FROM (SELECT code FROM subsidy_warning UNION ALL SELECT code FROM scdl_reject_reason
                                  UNION ALL SELECT m.code FROM load_scdl((SELECT b FROM v14_file), 'v14.csv') l,
                                            scdl_reject j, unnest(j.reasons) e, scdl_message_parts(e) m
                                   WHERE j.load_id = l.load_id) x WHERE x.code IS NULL),
          0::bigint, 'every reason and warning the loads stored is a code of the catalogue');
SELECT is((SELECT count(*) FROM scdl_reject j, v14 v
            WHERE j.source = 'v14.csv' AND j.line = v.r + 1 AND v.name IN ('---', '|\|', E'\\|', '« »')
              AND NOT ('nomBeneficiaire: "' || v.name || '" has no letter or digit' = ANY (ARRAY(SELECT scdl_message(e) FROM unnest(j.reasons) e)))),
          0::bigint, 'a name of punctuation, "|" and "\" comes back whole in its rendered reason');

-- 15. Dates, periods and amounts as people write them, over generated
-- values: day first with "/", "-" or ".", padded or not, with a time of
-- day; periods with "/", "_", "-", " - ", " au ", "du ... au ..."; amounts
-- with "." or "," groups and the other decimal mark, or "euros".
CREATE TEMP TABLE v15 ON COMMIT DROP AS
SELECT k, d, d + (1 + floor(random() * 400))::int AS e,
       (ARRAY['/', '-', '.'])[1 + floor(random() * 3)::int] AS mark,
       random() < 0.5 AS padded, random() < 0.3 AS timed,
       (ARRAY['/', '_', '-', ' - ', ' au '])[1 + floor(random() * 5)::int] AS sep, random() < 0.3 AS du,
       ((floor(random() * 1e11) + 1) / 100.0)::numeric(14,2) AS amount,
       (ARRAY['.', ',', ' euros'])[1 + floor(random() * 3)::int] AS style
  FROM (SELECT k, make_date(1990 + floor(random() * 40)::int, 1 + floor(random() * 12)::int, 1 + floor(random() * 28)::int) AS d
          FROM generate_series(1, 300) k) g;
CREATE FUNCTION pg_temp.dmy(d date, mark text, padded boolean) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN padded THEN to_char(d, 'DD') ELSE extract(day FROM d)::text END || mark
          || CASE WHEN padded THEN to_char(d, 'MM') ELSE extract(month FROM d)::text END || mark || to_char(d, 'YYYY') $$;
-- 1234567.89 written with groups of three marked g, then the decimal mark m
CREATE FUNCTION pg_temp.grouped(a numeric, g text, m text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT regexp_replace(trunc(a)::text, '(\d)(?=(\d{3})+$)', '\1' || g, 'g') || m || lpad(((a - trunc(a)) * 100)::int::text, 2, '0') $$;
SELECT is((SELECT count(*) FROM v15, scdl_date(pg_temp.dmy(v15.d, v15.mark, v15.padded) || CASE WHEN v15.timed THEN ' 14:35' ELSE '' END) x
            WHERE x.value IS DISTINCT FROM v15.d OR x.error IS NOT NULL OR x.warning NOT LIKE 'day-first date %'
               OR (x.warning LIKE '%time of day dropped%') IS DISTINCT FROM v15.timed),
          0::bigint, 'a day-first date with "/", "-" or ".", padded or not, with a time of day, is read as that date');
SELECT is((SELECT count(*) FROM v15, scdl_period(CASE WHEN v15.du THEN 'du ' ELSE '' END || pg_temp.dmy(v15.d, v15.mark, true)
                                                 || CASE WHEN v15.du THEN ' au ' ELSE v15.sep END || to_char(v15.e, 'YYYY-MM-DD')) x
            WHERE (x.first, x.last) IS DISTINCT FROM (v15.d, v15.e) OR x.error IS NOT NULL
               OR ((x.warning LIKE '%read as the period separator%') IS DISTINCT FROM (v15.du OR v15.sep <> '/'))),
          0::bigint, 'a period with "/", "_", "-", " - ", " au " or "du ... au ..." between its dates is read as those dates');
SELECT is((SELECT count(*) FROM v15, scdl_amount(CASE v15.style WHEN '.' THEN pg_temp.grouped(v15.amount, '.', ',')
                                                                WHEN ',' THEN pg_temp.grouped(v15.amount, ',', '.')
                                                                ELSE pg_temp.grouped(v15.amount, ' ', ',') || ' euros' END) x
            WHERE x.value IS DISTINCT FROM v15.amount::text::amount OR x.error IS NOT NULL),
          0::bigint, 'an amount with "." or "," groups and the other decimal mark, or followed by "euros", is read to the cent');
-- A dateConvention that cannot be read: left empty when the period gives
-- the year (kept in extra, with a warning), a reason when nothing does.
CREATE TEMP TABLE v15_loads ON COMMIT DROP AS
SELECT l.* FROM load_scdl((SELECT pg_temp.header(pg_temp.cols()) || string_agg(
                   pg_temp.line(g, pg_temp.cols(), 'Date illisible ' || g.r, CASE WHEN g.r % 2 = 0 THEN '31/02/' || (2015 + g.r % 5) ELSE 'NC' END),
                   '' ORDER BY g.r) FROM gen g WHERE g.r <= 60), 'v15.csv') l;
SELECT is((SELECT accepted || ' accepted, ' || (SELECT count(*) FROM subsidy s JOIN gen g ON g.r + 1 = s.line
            WHERE s.source = 'v15.csv' AND (s.convention_date IS NOT NULL OR s.fiscal_year <> extract(year FROM g.signed)
                                             OR s.extra ->> 'dateConvention' IS NULL
                                             OR NOT EXISTS (SELECT 1 FROM unnest(s.warnings) w WHERE w LIKE 'dateConvention:kept_empty:%')))
                    || ' wrong' FROM v15_loads),
          '60 accepted, 0 wrong', 'an unreadable dateConvention is left empty, kept in extra and warned about; the year comes from the period');

SELECT * FROM finish();
ROLLBACK;
