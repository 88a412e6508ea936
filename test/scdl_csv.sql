-- pgTAP: the CSV reader and the SCDL normalisers over generated cases.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(24);
SELECT setseed(0.42);

-- ---------------------------------------------------------------------------
-- 400 generated CSV texts: random delimiter, columns, rows, quoting, LF/CRLF,
-- line breaks and quotes inside values, a BOM or not, a final line break or not
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE gen_case ON COMMIT DROP AS
SELECT c,
       (ARRAY[',', ';', E'\t'])[1 + floor(random() * 3)::int] AS delim,
       1 + floor(random() * 5)::int AS ncols,
       floor(random() * 6)::int AS nrows,
       random() < 0.5 AS final_break,
       random() < 0.2 AS bom
  FROM generate_series(1, 400) AS c;

CREATE TEMP TABLE gen_cell ON COMMIT DROP AS
SELECT g.c, r, k, g.delim, g.ncols, v.value, random() < 0.3 AS force_quote
  FROM gen_case g, generate_series(0, g.nrows) AS r, generate_series(1, g.ncols) AS k,
       LATERAL (SELECT CASE WHEN r = 0 THEN 'h' || k
                       ELSE coalesce(string_agg((ARRAY['a', 'Z', 'é', '1', ' ', ',', ';', E'\t', '"', '""',
                                                       E'\n', E'\r\n', 'x y', '€'])[1 + floor(random() * 14)::int], ''), '')
                       END AS value
                  FROM generate_series(1, floor(random() * 6)::int + 0 * (r + k + g.c))) AS v;

CREATE TEMP TABLE gen_record ON COMMIT DROP AS
SELECT c, r, fields, line, eol,
       1 + coalesce(sum(length(line) - length(replace(line, E'\n', '')) + 1)
                    OVER (PARTITION BY c ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line_no
  FROM (SELECT c, r, array_agg(value ORDER BY k) AS fields,
               string_agg(CASE WHEN force_quote OR strpos(value, delim) > 0 OR value ~ E'["\r\n]'
                                    OR (ncols = 1 AND value = '')
                               THEN '"' || replace(value, '"', '""') || '"' ELSE value END, delim ORDER BY k) AS line,
               CASE WHEN random() < 0.5 THEN E'\n' ELSE E'\r\n' END AS eol
          FROM gen_cell GROUP BY c, r) s;

CREATE TEMP TABLE gen_doc ON COMMIT DROP AS
SELECT g.c, g.delim, g.ncols,
       CASE WHEN g.bom THEN E'\uFEFF' ELSE '' END
       || string_agg(rec.line || CASE WHEN rec.r < g.nrows OR g.final_break THEN rec.eol ELSE '' END, '' ORDER BY rec.r) AS content
  FROM gen_case g JOIN gen_record rec USING (c)
 GROUP BY g.c, g.delim, g.ncols, g.bom;

CREATE TEMP TABLE parsed ON COMMIT DROP AS
SELECT d.c, p.line_no, p.fields, row_number() OVER (PARTITION BY d.c ORDER BY p.line_no) - 1 AS r
  FROM gen_doc d, LATERAL csv_rows(d.content, d.delim) AS p;

SELECT is((SELECT count(*) FROM parsed), (SELECT count(*) FROM gen_record),
          'csv_rows returns as many records as were generated');
SELECT is((SELECT count(*) FROM gen_record g FULL JOIN parsed p USING (c, r) WHERE g.fields IS DISTINCT FROM p.fields),
          0::bigint, 'every generated record comes back with the same fields');
SELECT is((SELECT count(*) FROM gen_record g JOIN parsed p USING (c, r) WHERE g.line_no <> p.line_no),
          0::bigint, 'line_no is the line where each record starts (line breaks inside quotes counted)');
SELECT ok((SELECT count(*) FROM gen_record WHERE line ~ E'\n') > 50 AND (SELECT count(*) FROM gen_record WHERE line ~ '""') > 50,
          'the generated records include line breaks and doubled quotes inside fields');
SELECT is((SELECT count(*) FROM gen_doc WHERE ncols >= 2 AND csv_delimiter(content) <> delim),
          0::bigint, 'csv_delimiter finds the delimiter of every file with two columns or more');
SELECT is((SELECT count(*) FROM gen_doc d WHERE ncols >= 2 AND
                  (SELECT array_agg(fields ORDER BY line_no) FROM csv_rows(d.content)) IS DISTINCT FROM
                  (SELECT array_agg(fields ORDER BY line_no) FROM csv_rows(d.content, d.delim))),
          0::bigint, 'detecting the delimiter reads the same records as naming it');
SELECT is((SELECT count(*) FROM gen_doc d, csv_records(d.content, d.delim) r WHERE r.error IS NOT NULL),
          0::bigint, 'csv_records reports no error on well-formed files');

-- the same files with an unterminated quoted field, then with junk after a closing quote, appended
SELECT is((SELECT count(*) FROM gen_doc d, LATERAL (
             SELECT line_no, error FROM csv_records(d.content || E'\n"open' || d.delim || 'x', d.delim)
              ORDER BY line_no DESC LIMIT 1) r
            WHERE r.error IS DISTINCT FROM format('unterminated quoted field at line %s',
                                                  length(d.content) - length(replace(d.content, E'\n', '')) + 2)),
          0::bigint, 'an unterminated quoted field is reported at the line where it opens');
SELECT is((SELECT count(*) FROM gen_doc d, LATERAL (
             SELECT count(*) FILTER (WHERE error IS NOT NULL) AS errors,
                    max(line_no) FILTER (WHERE fields = ARRAY['after']) AS after_line
               FROM csv_records(d.content || E'\n"q"junk' || d.delim || E'z\nafter', d.delim)) r
            WHERE r.errors <> 1 OR r.after_line IS NULL),
          0::bigint, 'junk after a closing quote is one error, and reading resumes on the next line');
SELECT throws_ok($$SELECT * FROM csv_rows(E'a,b\n"x', ',')$$, '22P04',
                 'invalid CSV: unterminated quoted field at line 2', 'csv_rows raises 22P04 on an unterminated quote');
SELECT throws_ok($$SELECT * FROM csv_rows(E'a,b\n"x"y,z', ',')$$, '22P04',
                 'invalid CSV: unexpected "y,z" after a closing quote at line 2', 'csv_rows raises 22P04 on junk after a quote');
SELECT throws_ok($$SELECT * FROM csv_rows('a,b', '||')$$, '22023', 'invalid CSV delimiter: "||"',
                 'a delimiter of two characters is refused');
SELECT throws_ok($$SELECT csv_delimiter('a,b;c')$$, '22P04', 'cannot tell the CSV delimiter from the header line',
                 'a tie between candidate delimiters is refused');

-- ---------------------------------------------------------------------------
-- Header names: every field under many spellings
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM scdl_fields() f,
                  unnest(ARRAY[f.name, upper(f.name), lower(f.name), f.title, upper(f.title), unaccent_fold(f.title),
                               replace(f.title, ' ', '_'), regexp_replace(f.name, '([A-Z])', '_\1', 'g'),
                               ' ' || f.title || ' ', replace(f.title, '''', ' ')]) AS h
            WHERE scdl_column(h) IS DISTINCT FROM f.name),
          0::bigint, 'every field name and title maps back under case, accent, space and punctuation changes');
SELECT is((SELECT count(DISTINCT scdl_column(name)) FROM scdl_fields()), 16::bigint, 'the 16 fields map to 16 distinct names');
SELECT is((SELECT count(*) FROM (SELECT unaccent_fold(s) AS f FROM gen_cell, LATERAL (SELECT value || ' Ÿ Œ ß' AS s) x) y
            WHERE unaccent_fold(f) <> f OR f ~ '[A-Z]'),
          0::bigint, 'unaccent_fold is idempotent and leaves no upper-case letter');

-- ---------------------------------------------------------------------------
-- Normalisers: round trips over generated values
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE gen_date ON COMMIT DROP AS
SELECT d, d + floor(random() * 800)::int AS e
  FROM (SELECT date '1990-01-01' + floor(random() * 15000)::int AS d FROM generate_series(1, 1000)) s;

SELECT is((SELECT count(*) FROM gen_date, scdl_date(to_char(d, 'YYYY-MM-DD')) x
            WHERE x.value IS DISTINCT FROM d OR x.year <> extract(year FROM d) OR x.warning IS NOT NULL OR x.error IS NOT NULL),
          0::bigint, 'ISO dates read back exactly, without warning');
SELECT is((SELECT count(*) FROM gen_date, scdl_date(to_char(d, 'DD/MM/YYYY')) x
            WHERE x.value IS DISTINCT FROM d OR x.warning NOT LIKE 'day-first date%' OR x.error IS NOT NULL),
          0::bigint, 'day-first dates read back exactly, with a warning');
SELECT is((SELECT count(*) FROM gen_date, unnest(ARRAY['/', '_']) AS sep,
                  scdl_period(to_char(d, 'YYYY-MM-DD') || sep || to_char(e, 'YYYY-MM-DD')) x
            WHERE x.first IS DISTINCT FROM d OR x.last IS DISTINCT FROM e OR x.error IS NOT NULL
               OR (sep = '/') <> (x.warning IS NULL)),
          0::bigint, 'periods read back exactly; "_" as separator warns, "/" does not');

CREATE TEMP TABLE gen_cents ON COMMIT DROP AS
SELECT floor(random() * 10 ^ (1 + floor(random() * 12)))::bigint AS cents FROM generate_series(1, 1000);
SELECT is((SELECT count(*) FROM gen_cents,
                  LATERAL (SELECT (cents / 100)::text || '.' || lpad((cents % 100)::text, 2, '0') AS dot) t,
                  scdl_amount(t.dot) x, scdl_amount(replace(t.dot, '.', ',')) y
            WHERE x.value::text <> t.dot OR x.warning IS NOT NULL OR y.value::text <> t.dot OR y.warning IS NULL),
          0::bigint, 'amounts read back to the cent, dot without warning, comma with a warning');

SELECT is((SELECT count(*) FROM generate_series(1, 1000) i,
                  LATERAL (SELECT lpad((floor(random() * 1e14) + 0 * i)::bigint::text, 14, '0') AS siret) s,
                  LATERAL (SELECT regexp_replace(s.siret, '(...)', '\1 ', 'g') || '''' AS spaced) t,
                  scdl_identifier(t.spaced) x
            WHERE x.value <> s.siret OR x.kind <> 'siret' OR x.warning IS NULL),
          0::bigint, 'SIRETs written with spaces and a trailing apostrophe read back, with a warning');

-- never an exception, and an error means no value
CREATE TEMP TABLE garbage ON COMMIT DROP AS
SELECT (SELECT string_agg((ARRAY['1', '2', '0', '9', '-', '/', '_', '.', ',', 'E', '+', ' ', 'é', '%', '''', 'a', 'N', 'C',
                                 'o', 'u', 'i', 'n', '2017', '-06-', '/12/', E'\u00a0'])[1 + floor(random() * 26)::int], '')
          FROM generate_series(1, 1 + floor(random() * 14)::int + 0 * i)) AS s
  FROM generate_series(1, 3000) i;
SELECT lives_ok($$SELECT scdl_date(s), scdl_period(s), scdl_nature(s), scdl_boolean(s), scdl_amount(s),
                         scdl_share(s), scdl_identifier(s), scdl_column(s) FROM garbage$$,
                'the normalisers never raise on 3000 random strings');
SELECT is((SELECT count(*) FROM garbage, scdl_date(s) a, scdl_period(s) p, scdl_amount(s) m, scdl_identifier(s) i, scdl_share(s) h
            WHERE (a.error IS NOT NULL AND (a.value IS NOT NULL OR a.year IS NOT NULL OR a.warning IS NOT NULL))
               OR (p.error IS NOT NULL AND (p.first IS NOT NULL OR p.last IS NOT NULL OR p.year IS NOT NULL OR p.warning IS NOT NULL))
               OR (m.error IS NOT NULL AND m.value IS NOT NULL) OR (i.error IS NOT NULL AND i.value IS NOT NULL)
               OR (h.error IS NOT NULL AND h.value IS NOT NULL)),
          0::bigint, 'a row with an error carries no value and no warning');
SELECT is((SELECT count(*) FROM garbage, scdl_date(s) a, scdl_amount(s) m, scdl_identifier(s) i
            WHERE btrim(s, E' \u00a0') <> ''
              AND ((a.error IS NULL AND a.value IS NULL AND a.year IS NULL)
                OR (m.error IS NULL AND m.value IS NULL) OR (i.error IS NULL AND i.value IS NULL))),
          0::bigint, 'a non-blank cell gives either a value or an error');

SELECT * FROM finish();
ROLLBACK;
