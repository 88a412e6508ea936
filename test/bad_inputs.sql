-- pgTAP: the bad-input corpus.  Every malformed value, for every type and
-- function, is refused with its SQLSTATE and a message that names the value;
-- nothing crashes, nothing is silently accepted.
--
-- Data-driven: a row of pg_temp.bad_input is one case:
--   kind      how the input is used: a row of pg_temp.bad_kind gives the SQL
--             template, where %L is the input as a literal (%s: as is)
--   input     the malformed value
--   sqlstate  the SQLSTATE it must raise
--   needle    text the message must contain (default: the input itself)
--   known_bug a known, reported defect: the case shows as a SKIP naming it
--             (remove the text when the fix lands, and the case runs)
-- Each row is one assertion.  For every text input that the type rejects,
-- the matching *_error() validator must also return a message naming the
-- value: pg_temp.bad_validator maps kinds to validators (one more assertion
-- per such row).
--
-- Adding a type: INSERT its kinds into pg_temp.bad_kind (and its validator
-- into pg_temp.bad_validator), guarded by to_regtype() while the type is not
-- on main, then its cases into pg_temp.bad_input in a block of its own, at
-- the end of the "cases" section (siren/siret/rna and history are there
-- already).  Cases whose kind is absent are dropped; the plan is counted
-- from the tables.
BEGIN;
SET LOCAL search_path = public, pubfin;

CREATE TEMP TABLE bad_kind (kind text PRIMARY KEY, template text NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE bad_validator (kind text PRIMARY KEY, template text NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE bad_input (
    id       serial,
    kind     text NOT NULL,
    input    text NOT NULL,
    sqlstate text NOT NULL,
    needle   text,
    known_bug text              -- set: the case is skipped and reported, until fixed
) ON COMMIT DROP;

-- Run sql; NULL when it raises sqlstate with a message containing needle,
-- otherwise what happened instead.
CREATE FUNCTION pg_temp.bad_outcome(sql text, want_state text, needle text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE sql INTO result;
    RETURN format('accepted, gave %s', left(coalesce(result, 'NULL'), 80));
EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE <> want_state THEN
        RETURN format('raised %s instead of %s: %s', SQLSTATE, want_state, left(SQLERRM, 200));
    END IF;
    IF needle IS NOT NULL AND strpos(SQLERRM, needle) = 0 THEN
        RETURN format('message does not name %s: %s', left(needle, 60), left(SQLERRM, 200));
    END IF;
    RETURN NULL;
END $$;

-- The validator's answer for input: NULL when it returns a message naming needle.
CREATE FUNCTION pg_temp.validator_outcome(sql text, needle text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    msg text;
BEGIN
    EXECUTE sql INTO msg;
    IF msg IS NULL THEN
        RETURN 'the validator returned NULL (valid)';
    END IF;
    IF strpos(msg, needle) = 0 THEN
        RETURN format('message does not name %s: %s', left(needle, 60), left(msg, 200));
    END IF;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN format('the validator raised %s: %s', SQLSTATE, left(SQLERRM, 200));
END $$;

-- The input as it appears in a test name: JSON-escaped (no raw control
-- characters in TAP output), cut at 40 characters.
CREATE FUNCTION pg_temp.label(input text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_json(left(input, 40))::text || CASE WHEN length(input) > 40 THEN '...' ELSE '' END
$$;

-- Binary input: the bytes of one field, read by COPY ... FORMAT binary into a
-- column of the given type (a bytea written by binary COPY is exactly a field
-- holding those bytes).
CREATE FUNCTION pg_temp.binary_in(typ regtype, bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    path text := format('/tmp/pubfin_bad_input_%s.bin', pg_backend_pid());
    result text;
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS bad_bytes (b bytea);
    TRUNCATE bad_bytes;
    INSERT INTO bad_bytes VALUES (bytes);
    EXECUTE format('COPY bad_bytes TO %L (FORMAT binary)', path);
    EXECUTE format('CREATE TEMP TABLE bad_binary (v %s)', typ);
    BEGIN
        EXECUTE format('COPY bad_binary FROM %L (FORMAT binary)', path);
        SELECT v::text INTO result FROM bad_binary;
    EXCEPTION WHEN OTHERS THEN
        DROP TABLE bad_binary;
        RAISE;
    END;
    DROP TABLE bad_binary;
    RETURN result;
END $$;

-- ---------------------------------------------------------------------------
-- kinds
-- ---------------------------------------------------------------------------
INSERT INTO bad_kind VALUES
    ('amount',        'SELECT %L::pubfin.amount::text'),
    ('parse_fr',      'SELECT pubfin.parse_amount(%L, ''fr'')::text'),
    ('parse_en',      'SELECT pubfin.parse_amount(%L, ''en'')::text'),
    ('parse_de',      'SELECT pubfin.parse_amount(%L, ''de'')::text'),
    ('parse_ch',      'SELECT pubfin.parse_amount(%L, ''ch'')::text'),
    ('locale_parse',  'SELECT pubfin.parse_amount(''1'', %L)::text'),
    ('locale_format', 'SELECT pubfin.format_amount(1::pubfin.amount, %L)'),
    ('locale_error',  'SELECT pubfin.parse_amount_error(''1'', %L)'),
    ('numeric',       'SELECT (%L::numeric)::pubfin.amount::text'),
    ('amount_acc',    'SELECT %L::pubfin.amount_acc::text'),
    ('binary_amount', 'SELECT pg_temp.binary_in(''pubfin.amount'', %L::bytea)'),
    ('binary_acc',    'SELECT pg_temp.binary_in(''pubfin.amount_acc'', %L::bytea)'),
    ('sql',           'SELECT %s');

INSERT INTO bad_validator VALUES
    ('amount',   'SELECT pubfin.amount_error(%L)'),
    ('parse_fr', 'SELECT pubfin.parse_amount_error(%L, ''fr'')'),
    ('parse_en', 'SELECT pubfin.parse_amount_error(%L, ''en'')'),
    ('parse_de', 'SELECT pubfin.parse_amount_error(%L, ''de'')'),
    ('parse_ch', 'SELECT pubfin.parse_amount_error(%L, ''ch'')');

-- ---------------------------------------------------------------------------
-- cases: amount text input (the type's own syntax)
-- ---------------------------------------------------------------------------
-- written by hand
INSERT INTO bad_input (kind, input, sqlstate) VALUES
    ('amount', '', '22P02'), ('amount', ' ', '22P02'), ('amount', '   ', '22P02'),
    ('amount', E'\t', '22P02'), ('amount', E'\n', '22P02'), ('amount', E' \t\r\n\f\v ', '22P02'),
    ('amount', E'\u00a0', '22P02'), ('amount', E'\u202f', '22P02'),
    ('amount', '-', '22P02'), ('amount', '+', '22P02'), ('amount', '--1', '22P02'),
    ('amount', '+-1', '22P02'), ('amount', '-+1', '22P02'), ('amount', '1-', '22P02'),
    ('amount', '1+', '22P02'), ('amount', '- 1', '22P02'), ('amount', '(1)', '22P02'),
    ('amount', '€', '22P02'), ('amount', 'EUR', '22P02'), ('amount', '-€', '22P02'),
    ('amount', '€€5', '22P02'), ('amount', '5 € €', '22P02'), ('amount', 'EUR5EUR', '22P02'),
    ('amount', '€5€', '22P02'), ('amount', '$5', '22P02'), ('amount', '£5', '22P02'),
    ('amount', 'CHF 5', '22P02'), ('amount', '5 USD', '22P02'), ('amount', 'EU 5', '22P02'),
    ('amount', '5 euros', '22P02'), ('amount', '5E', '22P02'),
    ('amount', '.', '22P02'), ('amount', ',', '22P02'), ('amount', '.5', '22P02'),
    ('amount', ',5', '22P02'), ('amount', '5.', '22P02'), ('amount', '5,', '22P02'),
    ('amount', '1.234', '22P02'), ('amount', '1,234', '22P02'), ('amount', '0.001', '22P02'),
    ('amount', '1.2.3', '22P02'), ('amount', '1,234.56', '22P02'), ('amount', '1.234,56', '22P02'),
    ('amount', '1..5', '22P02'), ('amount', '1,,5', '22P02'), ('amount', '1.,5', '22P02'),
    ('amount', '1 234.5 6', '22P02'), ('amount', '12 34', '22P02'), ('amount', '1 2345', '22P02'),
    ('amount', '1234 567', '22P02'), ('amount', ' 1  000', '22P02'), ('amount', '1 000 00', '22P02'),
    ('amount', '1''00', '22P02'), ('amount', '1''000 000', '22P02'), ('amount', '''1000', '22P02'),
    ('amount', '1000''', '22P02'), ('amount', E'1\t000', '22P02'), ('amount', E'1\n000', '22P02'),
    ('amount', '1.000.000', '22P02'), ('amount', '1_000', '22P02'), ('amount', '1e5', '22P02'),
    ('amount', '1E5', '22P02'), ('amount', '1e-2', '22P02'), ('amount', '0x10', '22P02'),
    ('amount', 'NaN', '22P02'), ('amount', 'nan', '22P02'), ('amount', 'Infinity', '22P02'),
    ('amount', '-Infinity', '22P02'), ('amount', 'inf', '22P02'), ('amount', 'null', '22P02'),
    ('amount', 'NULL', '22P02'), ('amount', 'true', '22P02'), ('amount', 'abc', '22P02'),
    ('amount', '12a', '22P02'), ('amount', 'a12', '22P02'), ('amount', '1 2 3', '22P02'),
    ('amount', '１２３', '22P02'), ('amount', '٣', '22P02'), ('amount', '1½', '22P02'),
    ('amount', '−5', '22P02'), ('amount', '–5', '22P02'), ('amount', '5%', '22P02'),
    ('amount', '5 %', '22P02'), ('amount', '#5', '22P02'), ('amount', '5;', '22P02'),
    ('amount', '"5"', '22P02'), ('amount', '''5''', '22P02'), ('amount', '5/2', '22P02'),
    ('amount', '5*2', '22P02'), ('amount', '1+1', '22P02'), ('amount', '0.5.', '22P02'),
    ('amount', '-0.', '22P02'), ('amount', '-.0', '22P02'), ('amount', '-0.000', '22P02'),
    ('amount', '--0', '22P02'), ('amount', '-0,001', '22P02'),
    ('amount', E'\\x00', '22P02'), ('amount', E'1\\x00', '22P02'), ('amount', E'\\0', '22P02'),
    ('amount', E'\\u0000', '22P02'), ('amount', '%00', '22P02'), ('amount', '&#0;', '22P02'),
    ('amount', E'\u2028' || '5', '22P02'), ('amount', E'\ufeff' || '5', '22P02'),
    ('amount', E'5\u200b', '22P02'), ('amount', E'1\u2009000', '22P02'),
    -- out of range: 22003
    ('amount', '92233720368547758.08', '22003'), ('amount', '-92233720368547758.08', '22003'),
    ('amount', '92233720368547759', '22003'), ('amount', '100000000000000000', '22003'),
    ('amount', '92 233 720 368 547 758,08', '22003'), ('amount', '9223372036854775808', '22003'),
    ('amount', '18446744073709551616', '22003'), ('amount', '-18446744073709551617', '22003'),
    ('amount', '99999999999999999999999999999999999999', '22003');

-- every control character chr(1)..chr(31) (those that are not blanks), alone and inside digits
INSERT INTO bad_input (kind, input, sqlstate, needle)
SELECT 'amount', s, '22P02', s
  FROM generate_series(1, 31) c,
       LATERAL (VALUES (chr(c)), ('1' || chr(c) || '2')) v(s)
 WHERE c NOT IN (9, 10, 11, 12, 13) OR s <> chr(c);
-- the blanks alone are "empty or blank": chr(9)..chr(13) are covered by the generated '1<c>2' rows

-- huge digit counts and a 1 MB string
INSERT INTO bad_input (kind, input, sqlstate)
SELECT 'amount', repeat('9', n), '22003' FROM unnest(ARRAY[18, 19, 20, 40, 100, 1000, 10000]) n
UNION ALL SELECT 'amount', '-' || repeat('9', 500), '22003'
UNION ALL SELECT 'amount', '1.' || repeat('0', 1000), '22P02'
UNION ALL SELECT 'amount', repeat('1 000 ', 1000), '22P02'
UNION ALL SELECT 'amount', repeat('x', 1048576), '22P02'
UNION ALL SELECT 'amount', repeat('9', 1048576), '22003'
UNION ALL SELECT 'amount', '1' || repeat(' ', 1048576) || '2', '22P02';

-- every separator in every wrong place: leading, doubled, in the decimals,
-- after the mark, before a short group, after a long group
INSERT INTO bad_input (kind, input, sqlstate, needle)
SELECT 'amount', replace(p, 'S', sep), '22P02', replace(p, 'S', sep)
  FROM unnest(ARRAY[' ', E'\u00a0', E'\u202f', '''', E'\u2019']) sep,
       unnest(ARRAY['1SS000', '1S00', '1S0000', '1234S567', '1S000S00', '1S000S0000',
                    '1.5S0', '1,S50', '1S.50', '-S1', '1S000.5S0', '€S-S1']) p
UNION ALL
-- apostrophes are not blanks: they are not trimmed either
SELECT 'amount', replace(p, 'S', sep), '22P02', replace(p, 'S', sep)
  FROM unnest(ARRAY['''', E'\u2019']) sep,
       unnest(ARRAY['S1000', '1000S', '1S000.5S', 'S']) p;

-- ---------------------------------------------------------------------------
-- cases: parse_amount in each locale
-- ---------------------------------------------------------------------------
INSERT INTO bad_input (kind, input, sqlstate)
SELECT k, s, '22P02'
  FROM unnest(ARRAY['parse_fr', 'parse_en', 'parse_de', 'parse_ch']) k,
       unnest(ARRAY['', ' ', '-', '+', '€', '.', ',', 'abc', '1.2345', '--5', '1 2', '5 5 5',
                    'NaN', '1e5', E'\\x00', E'1\u0001']) s;
-- the other locales' conventions, each wrong here
INSERT INTO bad_input (kind, input, sqlstate) VALUES
    ('parse_fr', '1,234.56', '22P02'), ('parse_fr', '1''234,56', '22P02'), ('parse_fr', '1234.5', '22P02'),
    ('parse_fr', '1,2,3', '22P02'), ('parse_fr', '1 234.567,89', '22P02'), ('parse_fr', '$5', '22P02'),
    ('parse_fr', '1.23,4', '22P02'), ('parse_fr', '12 34,5', '22P02'), ('parse_fr', '1,234', '22P02'),
    ('parse_en', '1.234,56', '22P02'), ('parse_en', '1 234.56', '22P02'), ('parse_en', '1''234.56', '22P02'),
    ('parse_en', '1234,5', '22P02'), ('parse_en', '1,23.4', '22P02'), ('parse_en', '1.2.3', '22P02'),
    ('parse_en', '12,34', '22P02'), ('parse_en', 'CHF 5', '22P02'), ('parse_en', '$$5', '22P02'),
    ('parse_de', '1,234.56', '22P02'), ('parse_de', '1 234,56', '22P02'), ('parse_de', '1234.5', '22P02'),
    ('parse_de', '1.23,4', '22P02'), ('parse_de', '1,2,3', '22P02'), ('parse_de', '$5', '22P02'),
    ('parse_de', '12.34', '22P02'), ('parse_de', '1.234.56', '22P02'), ('parse_de', '1,234', '22P02'),
    ('parse_ch', '1.234,56', '22P02'), ('parse_ch', '1 234.56', '22P02'), ('parse_ch', '1,234.56', '22P02'),
    ('parse_ch', '1234,5', '22P02'), ('parse_ch', '1''23.4', '22P02'), ('parse_ch', '12''34', '22P02'),
    ('parse_ch', '1.2.3', '22P02'), ('parse_ch', '$5', '22P02'), ('parse_ch', '''1000', '22P02');
INSERT INTO bad_input (kind, input, sqlstate)
SELECT k, s, '22003'
  FROM unnest(ARRAY['parse_fr', 'parse_en', 'parse_de', 'parse_ch']) k,
       unnest(ARRAY[repeat('9', 40), '92233720368547758' || CASE WHEN false THEN '' ELSE '9' END]) s;

-- unknown locales: 22023, naming the locale
INSERT INTO bad_input (kind, input, sqlstate)
SELECT k, l, '22023'
  FROM unnest(ARRAY['locale_parse', 'locale_format', 'locale_error']) k,
       unnest(ARRAY['', 'FR', 'fr_FR', 'en-US', 'fr ', 'xx', 'default', E'\\x00']) l;

-- ---------------------------------------------------------------------------
-- cases: casts from numeric, arithmetic, division by zero
-- ---------------------------------------------------------------------------
INSERT INTO bad_input (kind, input, sqlstate, needle) VALUES
    ('numeric', 'NaN', '0A000', 'NaN'),
    ('numeric', 'Infinity', '22003', 'infinity'),
    ('numeric', '-Infinity', '22003', 'infinity'),
    ('numeric', '92233720368547758.075', '22003', '92233720368547758.08'),
    ('numeric', '-92233720368547758.075', '22003', '-92233720368547758.08'),
    ('numeric', '1e18', '22003', '1000000000000000000'),
    ('numeric', '1e100', '22003', '1' || repeat('0', 100)),
    ('numeric', '-1e1000', '22003', '-1' || repeat('0', 1000)),
    ('numeric', '99999999999999999999.99', '22003', '99999999999999999999.99');
INSERT INTO bad_input (kind, input, sqlstate, needle) VALUES
    ('sql', '''92233720368547758.07''::pubfin.amount + ''0.01''::pubfin.amount', '22003', 'sum'),
    ('sql', '''-92233720368547758.07''::pubfin.amount - ''0.01''::pubfin.amount', '22003', 'difference'),
    ('sql', '''-92233720368547758.07''::pubfin.amount + ''-0.01''::pubfin.amount', '22003', 'sum'),
    ('sql', '''92233720368547758.07''::pubfin.amount - ''-0.01''::pubfin.amount', '22003', 'difference'),
    ('sql', '''92233720368547758.07''::pubfin.amount * 2', '22003', 'result'),
    ('sql', '''92233720368547758.07''::pubfin.amount * 2::int8', '22003', 'result'),
    ('sql', '''1''::pubfin.amount * 9223372036854775807::int8', '22003', 'result'),
    ('sql', '''-1''::pubfin.amount * (-9223372036854775807 - 1)::int8', '22003', 'result'),
    ('sql', '2 * ''92233720368547758.07''::pubfin.amount', '22003', 'result'),
    ('sql', '''92233720368547758.07''::pubfin.amount * 1.5', '22003', 'out of range'),
    ('sql', '''1''::pubfin.amount * 1e30', '22003', 'out of range'),
    ('sql', '''1''::pubfin.amount * ''NaN''::numeric', '0A000', 'NaN'),
    ('sql', '''1''::pubfin.amount * ''Infinity''::numeric', '22003', 'nfinity'),
    ('sql', '''92233720368547758.07''::pubfin.amount / 0.1', '22003', 'quotient'),
    ('sql', '''1''::pubfin.amount / 1e-30', '22003', 'quotient'),
    ('sql', '''1''::pubfin.amount / 0', '22012', 'division by zero'),
    ('sql', '''1''::pubfin.amount / 0::int8', '22012', 'division by zero'),
    ('sql', '''1''::pubfin.amount / 0.0', '22012', 'division by zero'),
    ('sql', '''1''::pubfin.amount / ''-0''::numeric', '22012', 'division by zero'),
    ('sql', '''1''::pubfin.amount / ''0''::pubfin.amount', '22012', 'division by zero'),
    ('sql', '''0''::pubfin.amount / ''0''::pubfin.amount', '22012', 'division by zero'),
    ('sql', '''1''::pubfin.amount / ''NaN''::numeric', '0A000', 'NaN'),
    ('sql', 'pubfin.amount_from_cents(-9223372036854775807 - 1)', '22003', '-9223372036854775808'),
    ('sql', '(9223372036854775807::int8)::pubfin.amount', '22003', '9223372036854775807'),
    ('sql', '(-9223372036854775807::int8)::pubfin.amount', '22003', '-9223372036854775807'),
    ('sql', '(92233720368547759::int8)::pubfin.amount', '22003', '92233720368547759'),
    ('sql', 'pubfin.sum(a) FROM (VALUES (''92233720368547758.07''::pubfin.amount), (''0.01'')) v(a)', '22003', 'out of range'),
    ('sql', 'pubfin.sum(a) FROM (VALUES (''-92233720368547758.07''::pubfin.amount), (''-0.01'')) v(a)', '22003', 'out of range'),
    ('sql', 'pubfin.sum(''92233720368547758.07''::pubfin.amount) FROM generate_series(1, 3)', '22003', 'out of range');

-- ---------------------------------------------------------------------------
-- cases: amount_acc (the state of avg and moving sum), text and binary
-- ---------------------------------------------------------------------------
INSERT INTO bad_input (kind, input, sqlstate) VALUES
    ('amount_acc', '', '22P02'), ('amount_acc', ' ', '22P02'), ('amount_acc', ':', '22P02'),
    ('amount_acc', '1', '22P02'), ('amount_acc', '1:', '22P02'), ('amount_acc', ':5.00', '22P02'),
    ('amount_acc', '-1:5.00', '22P02'), ('amount_acc', '1:5', '22P02'), ('amount_acc', '1:5.0', '22P02'),
    ('amount_acc', '1:5.000', '22P02'), ('amount_acc', '1:5,00', '22P02'), ('amount_acc', '1:.50', '22P02'),
    ('amount_acc', '1: 5.00', '22P02'), ('amount_acc', ' 1:5.00', '22P02'), ('amount_acc', '1:5.00 ', '22P02'),
    ('amount_acc', '1:+5.00', '22P02'), ('amount_acc', '1:--5.00', '22P02'), ('amount_acc', '1::5.00', '22P02'),
    ('amount_acc', '1;5.00', '22P02'), ('amount_acc', '0:5.00', '22P02'), ('amount_acc', '0:-0.01', '22P02'),
    ('amount_acc', 'a:5.00', '22P02'), ('amount_acc', '1:5.00:1', '22P02'), ('amount_acc', '1:5.0a', '22P02'),
    ('amount_acc', '1:NaN', '22P02'), ('amount_acc', E'1:5.00\\x00', '22P02'),
    ('amount_acc', repeat('9', 20) || ':5.00', '22P02'),
    ('amount_acc', '1:' || repeat('9', 40) || '.00', '22P02'),
    ('amount_acc', repeat('1', 1048576), '22P02');
-- binary: amount is 8 bytes of cents, INT64_MIN is refused; wrong lengths are refused
INSERT INTO bad_input (kind, input, sqlstate, needle) VALUES
    ('binary_amount', '\x8000000000000000', '22P03', '-9223372036854775808'),
    ('binary_amount', '\x00000000', '08P01', 'insufficient data'),
    ('binary_amount', '\x', '08P01', 'insufficient data'),
    ('binary_amount', '\x000000000000000000', '22P03', 'incorrect binary data format'),
    ('binary_acc', '\xffffffffffffffff00000000000000000000000000000000', '22P03', 'count -1'),
    ('binary_acc', '\x800000000000000000000000000000000000000000000000', '22P03', 'count -9223372036854775808'),
    ('binary_acc', '\x000000000000000000000000000000000000000000000001', '22P03', 'count 0'),
    ('binary_acc', '\x0000000000000001', '08P01', 'insufficient data'),
    ('binary_acc', '\x00000000000000010000000000000000000000000000000000', '22P03', 'incorrect binary data format');
-- a sum of -2^127 could not be negated by amount_acc_out: binary input refuses it
INSERT INTO bad_input (kind, input, sqlstate, needle) VALUES
    ('binary_acc', '\x000000000000000180000000000000000000000000000000', '22P03', 'amount_acc');

-- ---------------------------------------------------------------------------
-- cases: siren, siret, rna (their kinds exist once the types are installed)
-- ---------------------------------------------------------------------------
INSERT INTO bad_kind
SELECT k, format('SELECT %%L::pubfin.%s::text', k) FROM unnest(ARRAY['siren', 'siret', 'rna']) k
 WHERE to_regtype('pubfin.' || k) IS NOT NULL;
INSERT INTO bad_validator
SELECT k, format('SELECT pubfin.%s_error(%%L)', k) FROM unnest(ARRAY['siren', 'siret', 'rna']) k
 WHERE to_regtype('pubfin.' || k) IS NOT NULL;
INSERT INTO bad_input (kind, input, sqlstate)
SELECT k, s, '22P02'
  FROM unnest(ARRAY['siren', 'siret', 'rna']) k,
       unnest(ARRAY['', ' ', '-', 'abc', E'\\x00', E'1\u0001', repeat('1', 1000), repeat('x', 1048576),
                    '１２３４５６７８９', '0', '-732829320', '7.32829E+13']) s;
INSERT INTO bad_input (kind, input, sqlstate) VALUES
    ('siren', '732829321', '22P02'), ('siren', '73282932', '22P02'), ('siren', '7328293200', '22P02'),
    ('siren', '000000000', '22P02'), ('siren', '732  829 320', '22P02'),
    ('siren', '732-829-320', '22P02'), ('siren', '732.829.320', '22P02'), ('siren', ' 732829320x', '22P02'),
    ('siret', '73282932000075', '22P02'), ('siret', '7328293200007', '22P02'), ('siret', '732829320000740', '22P02'),
    ('siret', '00000000000000', '22P02'), ('siret', '732  829  320  00074', '22P02'), ('siret', E'732829320\t00074', '22P02'),
    ('siret', '35600000000049', '22P02'), ('siret', '35600000012347', '22P02'), ('siret', '73282932l00074', '22P02'),
    ('rna', 'W59501234', '22P02'), ('rna', 'W5950123456', '22P02'), ('rna', 'X595012345', '22P02'),
    ('rna', 'W595 012345', '22P02'), ('rna', 'W 595012345', '22P02'), ('rna', 'W59501234a', '22P02'),
    ('rna', '595012345', '22P02'), ('rna', 'WW95012345', '22P02');

-- ---------------------------------------------------------------------------
-- cases: history (its kind exists once the type is installed)
-- ---------------------------------------------------------------------------
INSERT INTO bad_kind
SELECT 'history', 'SELECT %L::pubfin.history::text' WHERE to_regtype('pubfin.history') IS NOT NULL;
INSERT INTO bad_validator
SELECT 'history', 'SELECT pubfin.history_error(%L)' WHERE to_regtype('pubfin.history') IS NOT NULL;
INSERT INTO bad_input (kind, input, sqlstate) VALUES
    ('history', '', '22P02'), ('history', ' ', '22P02'), ('history', '{', '22P02'), ('history', '}', '22P02'),
    ('history', '2019:1', '22P02'), ('history', '{2019}', '22P02'), ('history', '{2019:}', '22P02'),
    ('history', '{:1}', '22P02'), ('history', '{2019:1,}', '22P02'), ('history', '{,2019:1}', '22P02'),
    ('history', '{2019:1,,2020:1}', '22P02'), ('history', '{2019:1;2020:1}', '22P02'),
    ('history', '{2019:1}x', '22P02'), ('history', '{2019:1}}', '22P02'), ('history', '{{2019:1}', '22P02'),
    ('history', '{2019:1,2019:2}', '22P02'), ('history', '{0:1}', '22P02'), ('history', '{-1:1}', '22P02'),
    ('history', '{10000:1}', '22P02'), ('history', '{99999999999:1}', '22P02'), ('history', '{2019.5:1}', '22P02'),
    ('history', '{abc:1}', '22P02'), ('history', '{2019:abc}', '22P02'), ('history', '{2019:1.234}', '22P02'),
    ('history', '{2019:1,5}', '22P02'), ('history', '{2019:"1}', '22P02'), ('history', '{2019:"1,234.56"}', '22P02'),
    ('history', '{2019:NaN}', '22P02'), ('history', E'{2019:1\u0001}', '22P02'), ('history', E'\\x00', '22P02'),
    ('history', '{' || repeat('2019:1,', 100000) || '2019:1}', '22P02'),
    ('history', '{2019:' || repeat('x', 1048576) || '}', '22P02');
INSERT INTO bad_input (kind, input, sqlstate) VALUES
    ('history', '{2019:92233720368547758.08}', '22003'), ('history', '{2019:' || repeat('9', 30) || '}', '22003'),
    ('history', '{2019:' || repeat('9', 1048576) || '}', '22003');

-- the cases of types that are not installed are left out
DELETE FROM bad_input b WHERE NOT EXISTS (SELECT 1 FROM bad_kind k WHERE k.kind = b.kind);

-- ---------------------------------------------------------------------------
-- the assertions
-- ---------------------------------------------------------------------------
SELECT plan((SELECT count(*)::int FROM bad_input)
          + (SELECT count(*)::int FROM bad_input b JOIN bad_validator v USING (kind)
              WHERE b.sqlstate IN ('22P02', '22003') AND b.known_bug IS NULL)
          + 2);

SELECT CASE WHEN b.known_bug IS NOT NULL THEN skip('known bug: ' || b.known_bug, 1)
            ELSE is(pg_temp.bad_outcome(format(k.template, b.input), b.sqlstate, coalesce(b.needle, b.input)),
                    NULL,
                    format('%s %s: %s', b.kind, pg_temp.label(b.input),
                           b.sqlstate))
       END
  FROM bad_input b JOIN bad_kind k USING (kind)
 ORDER BY b.id;

SELECT is(pg_temp.validator_outcome(format(v.template, b.input), coalesce(b.needle, b.input)),
          NULL,
          format('%s validator names %s', b.kind, pg_temp.label(b.input)))
  FROM bad_input b JOIN bad_validator v USING (kind)
 WHERE b.sqlstate IN ('22P02', '22003') AND b.known_bug IS NULL
 ORDER BY b.id;

SELECT is((SELECT count(*) FROM bad_input b LEFT JOIN bad_kind k USING (kind) WHERE k.kind IS NULL),
          0::bigint, 'every case has a known kind');
SELECT cmp_ok((SELECT count(*) FROM bad_input), '>=', 300::bigint, 'at least 300 bad inputs');

SELECT * FROM finish();
ROLLBACK;
