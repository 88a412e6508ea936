-- pgTAP: load_scdl and scdl_export over generated SCDL files.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(32);
SELECT setseed(0.17);

-- ---------------------------------------------------------------------------
-- 60 valid SIRETs (both Luhn digits, of the SIREN and of the SIRET, chosen
-- among ten candidates each), 12 funders among them
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE gen_base ON COMMIT DROP AS
SELECT i, lpad((floor(random() * 1e8))::bigint::text, 8, '0') AS b,
       lpad((floor(random() * 1e4))::bigint::text, 4, '0') AS nic
  FROM generate_series(1, 60) i;
CREATE TEMP TABLE gen_siret ON COMMIT DROP AS
SELECT g.i AS n, g.b || d1 || g.nic || d2 AS siret
  FROM gen_base g, generate_series(0, 9) d1, generate_series(0, 9) d2
 WHERE siren_error(g.b || d1) IS NULL AND siret_error(g.b || d1 || g.nic || d2) IS NULL;

-- ---------------------------------------------------------------------------
-- 600 records; about one in four carries one or two faults, each with the
-- field the loader must name in a reason (or, for a value pubfin can do
-- without, in a warning)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE gen_record ON COMMIT DROP AS
SELECT r,
       'Financeur ' || f AS funder_name,
       (SELECT siret FROM gen_siret WHERE n = f) AS funder_id,
       'Bénéficiaire ' || b AS name,
       (SELECT siret FROM gen_siret WHERE n = 12 + b) AS id,
       make_date(2015 + floor(random() * 8)::int, 1 + floor(random() * 12)::int, 1 + floor(random() * 28)::int) AS signed,
       'Objet ' || r AS objet,
       ((floor(random() * 5000000) + 1) / 100.0)::numeric(12,2) AS montant,
       (ARRAY[1, 1, 1, 0.5, 0.25, 0.33, 0.01]::numeric[])[1 + floor(random() * 7)::int] AS pct,
       (ARRAY['aide en numéraire', 'aide en nature', 'aide en numéraire;aide en nature'])[1 + floor(random() * 3)::int] AS nature,
       CASE WHEN random() < 0.25 THEN 1 + floor(random() * 8)::int END AS fault1,
       CASE WHEN random() < 0.08 THEN 1 + floor(random() * 8)::int END AS fault2
  FROM generate_series(1, 600) r,
       LATERAL (SELECT 1 + floor(random() * 12)::int + 0 * r AS f, 1 + floor(random() * 48)::int AS b) p;

-- The faults: (field, bad value, whether it rejects the record)
CREATE TEMP TABLE gen_fault (k int, field text, bad text, rejects boolean) ON COMMIT DROP;
INSERT INTO gen_fault VALUES
  (1, 'idBeneficiaire', '12345678901234', true),        -- fails the Luhn key
  (2, 'montant', '1,5E+04', true),                      -- scientific notation
  (3, 'dateConvention', '2019-02-30', false),           -- no such day: left out (the period gives the year)
  (4, 'nature', 'subvention', false),                   -- not an enum value: read as cash
  (5, 'pourcentageSubvention', '0.001', true),          -- out of bounds
  (6, 'idRAE', 'ABCDEFG', false),                       -- longer than 5: left out
  (7, 'notificationUE', 'peut-être', false),            -- not a boolean: left out
  (8, 'montant', '-100', true);                         -- not positive

CREATE TEMP TABLE gen_line ON COMMIT DROP AS
SELECT g.r,
       array_remove(ARRAY[CASE WHEN f1.rejects THEN f1.field END, CASE WHEN f2.rejects THEN f2.field END], NULL) AS faulty,
       array_remove(ARRAY[CASE WHEN NOT f1.rejects THEN f1.field END, CASE WHEN NOT f2.rejects THEN f2.field END], NULL) AS tolerated,
       ARRAY[g.funder_name, g.funder_id, coalesce(CASE 3 WHEN g.fault1 THEN f1.bad WHEN g.fault2 THEN f2.bad END, g.signed::text),
             'D-' || (g.r % 40), g.name,
             coalesce(CASE 1 WHEN g.fault1 THEN f1.bad WHEN g.fault2 THEN f2.bad END, g.id),
             '', g.objet,
             coalesce(CASE WHEN g.fault1 IN (2, 8) THEN f1.bad WHEN g.fault2 IN (2, 8) THEN f2.bad END, g.montant::text),
             coalesce(CASE 4 WHEN g.fault1 THEN f1.bad WHEN g.fault2 THEN f2.bad END, g.nature),
             'unique', g.signed::text || '/' || (g.signed + 90)::text,
             coalesce(CASE 6 WHEN g.fault1 THEN f1.bad WHEN g.fault2 THEN f2.bad END, ''),
             coalesce(CASE 7 WHEN g.fault1 THEN f1.bad WHEN g.fault2 THEN f2.bad END, 'non'),
             coalesce(CASE 5 WHEN g.fault1 THEN f1.bad WHEN g.fault2 THEN f2.bad END, g.pct::text),
             ''] AS fields,
       g.montant, g.pct
  FROM gen_record g
  LEFT JOIN gen_fault f1 ON f1.k = g.fault1
  LEFT JOIN gen_fault f2 ON f2.k = g.fault2;

-- One CSV line: each field quoted when it needs to be, NULL as empty.
CREATE FUNCTION pg_temp.csv_line(v text[]) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT string_agg(CASE WHEN x ~ '[",\r\n]' THEN '"' || replace(x, '"', '""') || '"'
                                 ELSE coalesce(x, '') END, ',' ORDER BY o)
            FROM unnest(v) WITH ORDINALITY u(x, o) $$;

CREATE TEMP TABLE gen_file ON COMMIT DROP AS
SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
       || string_agg(pg_temp.csv_line(l.fields), E'\n' ORDER BY l.r) || E'\n' AS content
  FROM gen_line l;

CREATE TEMP TABLE first_load ON COMMIT DROP AS
SELECT * FROM load_scdl((SELECT content FROM gen_file), 'generated.csv');

SELECT is((SELECT records_read FROM first_load), 600, 'every record is read');
SELECT is((SELECT accepted + rejected + duplicates FROM first_load), 600,
          'read = accepted + rejected + duplicates');
SELECT is((SELECT accepted FROM first_load), (SELECT count(*)::int FROM gen_line WHERE faulty = '{}'),
          'exactly the records without a fault are accepted');
SELECT is((SELECT rejected FROM first_load), (SELECT count(*)::int FROM gen_line WHERE faulty <> '{}'),
          'exactly the records with a fault are rejected');
SELECT is((SELECT count(*)::int FROM scdl_reject WHERE source = 'generated.csv'), (SELECT rejected FROM first_load),
          'every rejected record is in scdl_reject');

-- Every fault is named, not just the first; and no reason names a field
-- that was not spoilt.
SELECT is((SELECT count(*)::int FROM gen_line l JOIN scdl_reject j ON j.source = 'generated.csv' AND j.line = l.r + 1,
                  unnest(l.faulty) f
            WHERE NOT EXISTS (SELECT 1 FROM unnest(j.reasons) x WHERE x LIKE f || ':%')), 0,
          'each spoilt field has a reason in scdl_reject');
SELECT is((SELECT count(*)::int FROM gen_line l JOIN scdl_reject j ON j.source = 'generated.csv' AND j.line = l.r + 1,
                  unnest(j.reasons) x
            WHERE split_part(x, ':', 1) <> ALL (l.faulty)), 0,
          'no reason names a field that was not spoilt');

-- A value pubfin can do without is named in a warning of the accepted
-- record, and kept as written in extra.
SELECT is((SELECT count(*)::int FROM gen_line l JOIN subsidy s ON s.source = 'generated.csv' AND s.line = l.r + 1,
                  unnest(l.tolerated) f
            WHERE NOT EXISTS (SELECT 1 FROM unnest(s.warnings) w WHERE w LIKE f || ':%')
               OR s.extra ->> f IS DISTINCT FROM l.fields[(SELECT ordinal FROM scdl_fields() WHERE name = f)]), 0,
          'each value left out has a warning and is kept in extra');

-- Amounts: montant x pourcentageSubvention rounded half away from zero to
-- the cent (numeric round does the same), record by record, and in total.
SELECT is((SELECT count(*)::int FROM gen_line l JOIN subsidy s ON s.source = 'generated.csv' AND s.line = l.r + 1
            WHERE s.amount::numeric <> round(l.montant * l.pct, 2)), 0,
          'each amount is montant x pourcentageSubvention to the cent');
SELECT is((SELECT sum(amount)::numeric FROM subsidy WHERE source = 'generated.csv'),
          (SELECT sum(round(montant * pct, 2)) FROM gen_line WHERE faulty = '{}'),
          'the total accepted is the total of the clean records');
SELECT is((SELECT count(*)::int FROM subsidy WHERE source = 'generated.csv'
            AND (pourcentage_subvention < 1) <> (award_amount IS NOT NULL OR split_key IS NOT NULL)), 0,
          'split subsidies, and only they, keep the whole amount and a split key');
SELECT is((SELECT count(DISTINCT funder_id)::int FROM subsidy WHERE source = 'generated.csv'),
          (SELECT count(DISTINCT funder_id)::int FROM gen_record r JOIN gen_line l USING (r) WHERE l.faulty = '{}'),
          'one organization per funder SIRET');

-- Loading again, or the same records with the columns in another order and
-- under French titles, adds nothing.
SELECT is((SELECT duplicates FROM load_scdl((SELECT content FROM gen_file), 'generated-again.csv')), 600,
          'the same file again: 600 duplicates');
SELECT is((SELECT duplicates FROM load_scdl(
              (SELECT 'Objet de la subvention,' || string_agg(name, ',' ORDER BY ordinal) FILTER (WHERE name <> 'objet') || E'\n'
                      || (SELECT string_agg(pg_temp.csv_line(ARRAY[l.fields[8]] || l.fields[1:7] || l.fields[9:16]), E'\n' ORDER BY l.r)
                            FROM gen_line l WHERE l.faulty = '{}') || E'\n'
                 FROM scdl_fields()),
              'reordered.csv')),
          (SELECT count(*)::int FROM gen_line WHERE faulty = '{}'),
          'the same records in another column order: all duplicates');
SELECT is((SELECT count(*)::int FROM subsidy WHERE source <> 'generated.csv' AND line IS NOT NULL), 0,
          'no second copy of any subsidy');

-- Round trip: the export of what was loaded, loaded into empty tables,
-- exports the same.
CREATE TEMP TABLE export1 ON COMMIT DROP AS SELECT * FROM scdl_export;
CREATE TEMP TABLE export_file ON COMMIT DROP AS
SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
       || string_agg(pg_temp.csv_line(ARRAY["nomAttribuant", "idAttribuant", "dateConvention",
                       "referenceDecision", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire", "objet",
                       "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE",
                       "notificationUE", "pourcentageSubvention", "dispositifAide"]), E'\n') || E'\n' AS content
  FROM export1;
SET LOCAL client_min_messages = warning;
TRUNCATE subsidy, scdl_reject, decision, organization, load_log CASCADE;
SELECT is((SELECT rejected FROM load_scdl((SELECT content FROM export_file), 'export.csv')), 0,
          'the export loads without a reject');
SELECT set_eq('SELECT * FROM scdl_export', 'SELECT * FROM export1',
              'the export of the export is the export');

-- Split awards: 150 awards, each shared by 2 to 4 beneficiaries whose
-- shares add up to 1.  The amounts of an award add up to its montant, to
-- the cent, each within a cent of montant x share; rounding each share on
-- its own would not add up for some of them.
CREATE TEMP TABLE gen_split ON COMMIT DROP AS
SELECT a, ((floor(random() * 5000000) + 1) / 100.0)::numeric(12,2) AS montant,
       (ARRAY['{0.5,0.5}', '{0.33,0.33,0.34}', '{0.25,0.25,0.5}', '{0.01,0.99}', '{0.2,0.3,0.5}',
              '{0.15,0.15,0.35,0.35}'])[1 + floor(random() * 6)::int]::numeric[] AS shares
  FROM generate_series(1, 150) a;
CREATE TEMP TABLE split_load ON COMMIT DROP AS
SELECT * FROM load_scdl((
    SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
           || string_agg(pg_temp.csv_line(ARRAY['Financeur 1', (SELECT siret FROM gen_siret WHERE n = 1), '2022-03-01',
                                                'S-' || g.a, 'Bénéficiaire ' || k, (SELECT siret FROM gen_siret WHERE n = 12 + k),
                                                '', 'Projet partagé ' || g.a, g.montant::text, 'aide en numéraire', 'unique',
                                                '2022-03-01', '', 'non', g.shares[k]::text, '']), E'\n' ORDER BY g.a, c, k) || E'\n'
      FROM gen_split g, generate_subscripts(g.shares, 1) k,
           -- one share in four appears twice, the copy anywhere in its award
           LATERAL generate_series(1, CASE WHEN random() < 0.25 THEN 2 ELSE 1 END) c), 'split.csv');
SELECT is((SELECT accepted FROM split_load), (SELECT sum(cardinality(shares))::int FROM gen_split),
          'every share of a split award is accepted');
SELECT is((SELECT duplicates FROM split_load), (SELECT records_read - sum(cardinality(shares))::int FROM gen_split, split_load
                                                 GROUP BY records_read),
          'a second copy of a share is a duplicate, not another share');
SELECT is((SELECT count(*)::int FROM (SELECT split_key FROM subsidy WHERE source = 'split.csv'
                                       GROUP BY split_key HAVING sum(amount) <> min(award_amount)) x), 0,
          'the amounts of a split award add up to its montant, to the cent');
SELECT is((SELECT count(*)::int FROM subsidy WHERE source = 'split.csv'
            AND abs(amount::numeric - award_amount::numeric * pourcentage_subvention) >= 0.01), 0,
          'each share of a split award is within a cent of montant x share');
SELECT cmp_ok((SELECT count(*)::int FROM gen_split
                WHERE (SELECT sum(round(montant * x, 2)) FROM unnest(shares) x) <> montant), '>', 10,
              'the awards include some whose shares rounded each on its own do not add up');

-- The same awards (under another funder) loaded in two files: first some of
-- the shares, then the others, with some of the first ones again.  The
-- shares loaded first keep their amounts, the others split what remains:
-- each award still adds up.
CREATE TEMP TABLE gen_split_line ON COMMIT DROP AS
SELECT g.a, k, random() < 0.4 AS early, random() < 0.5 AS again,
       pg_temp.csv_line(ARRAY['Financeur 4', (SELECT siret FROM gen_siret WHERE n = 4), '2022-03-01',
                              'S-' || g.a, 'Bénéficiaire ' || k, (SELECT siret FROM gen_siret WHERE n = 12 + k),
                              '', 'Projet partagé ' || g.a, g.montant::text, 'aide en numéraire', 'unique',
                              '2022-03-01', '', 'non', g.shares[k]::text, '']) AS line
  FROM gen_split g, generate_subscripts(g.shares, 1) k;
CREATE TEMP TABLE split_early ON COMMIT DROP AS
SELECT * FROM load_scdl((SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
                                || string_agg(line, E'\n' ORDER BY a, k) || E'\n'
                           FROM gen_split_line WHERE early), 'split-early.csv');
CREATE TEMP TABLE split_all ON COMMIT DROP AS
SELECT * FROM load_scdl((SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
                                || string_agg(line, E'\n' ORDER BY a, k DESC) || E'\n'
                           FROM gen_split_line WHERE NOT early OR again), 'split-all.csv');
SELECT is((SELECT accepted FROM split_all), (SELECT count(*)::int FROM gen_split_line WHERE NOT early),
          'the second file adds the shares the first one did not have');
SELECT is((SELECT duplicates FROM split_all), (SELECT count(*)::int FROM gen_split_line WHERE early AND again),
          'the shares it repeats from the first file are duplicates');
SELECT is((SELECT count(*)::int FROM gen_split g
            WHERE g.montant <> (SELECT sum(s.amount)::numeric FROM subsidy s
                                 WHERE s.source IN ('split-early.csv', 'split-all.csv')
                                   AND s.object = 'Projet partagé ' || g.a)), 0,
          'an award loaded over two files adds up to its montant, to the cent');

-- Awards of a few cents, shared by 2 to 5 beneficiaries, loaded over two
-- files: shares that get no cent are rejected, and the stored shares of
-- each award add up to montant x their shares, to the cent.
CREATE TEMP TABLE gen_tiny ON COMMIT DROP AS
SELECT a, k, m, ((1 + floor(random() * 20)) / 100.0)::numeric(3,2) AS share, random() < 0.5 AS early
  FROM generate_series(1, 200) a,
       LATERAL (SELECT ((1 + floor(random() * 10)) / 100.0)::numeric(4,2) + 0 * a AS m) x,
       LATERAL generate_series(1, 2 + (a % 4)) k;
CREATE TEMP TABLE tiny_load ON COMMIT DROP AS
SELECT * FROM load_scdl((SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
    || string_agg(pg_temp.csv_line(ARRAY['Financeur 5', (SELECT siret FROM gen_siret WHERE n = 5), '2023-01-01',
                                         'T-' || a, 'Bénéficiaire ' || k, (SELECT siret FROM gen_siret WHERE n = 12 + k),
                                         '', 'Goûter ' || a, m::text, 'aide en numéraire', 'unique', '2023-01-01', '',
                                         'non', share::text, '']), E'\n' ORDER BY a, k) || E'\n'
      FROM gen_tiny WHERE early), 'tiny-early.csv')
UNION ALL
SELECT * FROM load_scdl((SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
    || string_agg(pg_temp.csv_line(ARRAY['Financeur 5', (SELECT siret FROM gen_siret WHERE n = 5), '2023-01-01',
                                         'T-' || a, 'Bénéficiaire ' || k, (SELECT siret FROM gen_siret WHERE n = 12 + k),
                                         '', 'Goûter ' || a, m::text, 'aide en numéraire', 'unique', '2023-01-01', '',
                                         'non', share::text, '']), E'\n' ORDER BY a, k DESC) || E'\n'
      FROM gen_tiny WHERE NOT early), 'tiny-late.csv');
SELECT is((SELECT count(*)::int FROM (SELECT split_key FROM subsidy WHERE source IN ('tiny-early.csv', 'tiny-late.csv')
                                       GROUP BY split_key
                                      HAVING sum(pourcentage_subvention) <= 1
                                         AND sum(amount)::numeric <> round(min(award_amount)::numeric * sum(pourcentage_subvention), 2)) x), 0,
          'the shares of an award of a few cents add up to montant x their shares, over two loads');
SELECT is((SELECT sum(accepted + rejected)::int FROM tiny_load), (SELECT count(*)::int FROM gen_tiny),
          'each of their records is accepted or rejected, none is 0.00 or lost')
  WHERE NOT EXISTS (SELECT 1 FROM subsidy WHERE source IN ('tiny-early.csv', 'tiny-late.csv') AND amount = '0')
UNION ALL SELECT fail('a share of 0.00 was stored')
  WHERE EXISTS (SELECT 1 FROM subsidy WHERE source IN ('tiny-early.csv', 'tiny-late.csv') AND amount = '0');

-- Payment periods in every form: a range, one date, open at the start or
-- at the end, not communicated, naming a day that does not exist.  The
-- stored range has the dates written, and is open only where the file says.
CREATE TEMP TABLE gen_period ON COMMIT DROP AS
SELECT p, d1, d1 + floor(random() * 400)::int AS d2, 1 + floor(random() * 6)::int AS form
  FROM generate_series(1, 200) p,
       LATERAL (SELECT make_date(2016 + floor(random() * 6)::int, 1 + floor(random() * 12)::int,
                                 1 + floor(random() * 28)::int) + 0 * p AS d1) d;
CREATE TEMP TABLE period_load ON COMMIT DROP AS
SELECT * FROM load_scdl((
    SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || E'\n'
           || string_agg(pg_temp.csv_line(ARRAY['Financeur 2', (SELECT siret FROM gen_siret WHERE n = 2), g.d1::text,
                                                '', 'Bénéficiaire 1', (SELECT siret FROM gen_siret WHERE n = 13),
                                                '', 'Période ' || g.p, '1000', 'aide en numéraire', 'unique',
                                                CASE g.form WHEN 1 THEN g.d1 || '/' || g.d2 WHEN 2 THEN g.d1::text
                                                            WHEN 3 THEN 'NC/' || g.d2 WHEN 4 THEN g.d1 || '/fin de l''action'
                                                            WHEN 5 THEN 'NC' ELSE g.d1 || '/' || to_char(g.d2, 'YYYY') || '-02-30' END,
                                                '', 'non', '1', '']), E'\n' ORDER BY g.p) || E'\n'
      FROM gen_period g), 'periods.csv');
SELECT is((SELECT accepted FROM period_load), 200, 'a record with a period in any of these forms is accepted');
SELECT is((SELECT count(*)::int FROM gen_period g JOIN subsidy s ON s.source = 'periods.csv' AND s.line = g.p + 1
            WHERE s.payment_period IS NOT DISTINCT FROM CASE g.form WHEN 1 THEN daterange(g.d1, g.d2, '[]')
                                                                    WHEN 2 THEN daterange(g.d1, g.d1, '[]')
                                                                    WHEN 3 THEN daterange(NULL, g.d2, '[]')
                                                                    WHEN 4 THEN daterange(g.d1, NULL, '[]') END), 200,
          'the stored period has the dates written, and no bound where none is written');
SELECT is((SELECT count(*)::int FROM gen_period g JOIN subsidy s ON s.source = 'periods.csv' AND s.line = g.p + 1
             JOIN scdl_export e ON e."objet" = s.object
            WHERE e."datesPeriodeVersement" IS DISTINCT FROM
                  CASE g.form WHEN 1 THEN g.d1 || '/' || g.d2 WHEN 2 THEN g.d1::text
                              WHEN 3 THEN 'NC/' || g.d2 WHEN 4 THEN g.d1 || '/fin de l''action'
                              WHEN 5 THEN 'NC' ELSE g.d1 || '/' || to_char(g.d2, 'YYYY') || '-02-30' END), 0,
          'the export writes each period as the file did');

-- Unknown columns: 150 of them whose headers repeat among 8 names, and 40
-- records that differ only in one of them.  Every value is kept, under
-- its header or "header (column N)", and no record is taken for another.
CREATE TEMP TABLE gen_wide ON COMMIT DROP AS
SELECT c, 16 + c AS col, 'note ' || floor(random() * 8)::int AS header FROM generate_series(1, 150) c;
CREATE TEMP TABLE gen_wide_value ON COMMIT DROP AS
SELECT r, c, CASE WHEN c = 1 + r * 37 % 150 THEN 'v' || r ELSE 'same ' || c END AS value
  FROM generate_series(1, 40) r, generate_series(1, 150) c;
CREATE TEMP TABLE wide_load ON COMMIT DROP AS
SELECT * FROM load_scdl((
    SELECT (SELECT string_agg(name, ',' ORDER BY ordinal) FROM scdl_fields()) || ','
           || (SELECT string_agg(header, ',' ORDER BY c) FROM gen_wide) || E'\n'
           || (SELECT string_agg('Financeur 3,' || (SELECT siret FROM gen_siret WHERE n = 3)
                                 || ',2021-05-01,,Bénéficiaire 2,' || (SELECT siret FROM gen_siret WHERE n = 14)
                                 || ',,Large,1000,aide en numéraire,unique,2021-05-01,,non,1,,'
                                 || (SELECT string_agg(v.value, ',' ORDER BY v.c) FROM gen_wide_value v WHERE v.r = r.r),
                                 E'\n' ORDER BY r.r)
                 FROM generate_series(1, 40) r) || E'\n'), 'wide.csv');
SELECT is((SELECT accepted FROM wide_load), 40, 'records differing in one repeated unknown column are all accepted');
SELECT is((SELECT count(*)::int FROM gen_wide_value v JOIN gen_wide w USING (c)
             JOIN subsidy s ON s.source = 'wide.csv' AND s.line = v.r + 1
            WHERE s.extra ->> CASE WHEN w.header IN (SELECT header FROM gen_wide e WHERE e.c < w.c)
                                   THEN format('%s (column %s)', w.header, w.col) ELSE w.header END = v.value), 40 * 150,
          'every unknown value is kept under its header, or its header and column number');

SELECT * FROM finish();
ROLLBACK;
