-- The siren, siret and rna types: French organization identifiers.
SET search_path = public, pubfin;

-- Valid input: digits, optionally grouped by single blanks (space, U+00A0,
-- U+202F), surrounding blanks ignored; output is the bare zero-padded digits
SELECT to_json(x) AS text, x::siret AS siret
  FROM unnest(ARRAY['35600000000048', '356 000 000 00048', '  35600000000048  ',
                    E'356\u00a0000\u00a0000\u00a000048', E'356\u202f000\u202f000\u202f00048',
                    '82 212 742 900 014', '21310458100011', '22440002800011',
                    E'\t55210055400013\r\n', '00572064400011']) AS x;
SELECT x AS text, x::siren AS siren
  FROM unnest(ARRAY['356000000', '356 000 000', '552100554', ' 224400028 ', '005720644']) AS x;
SELECT x AS text, x::rna AS rna
  FROM unnest(ARRAY['W595012345', 'w595012345', ' W751000001 ', 'W2A1000123', 'w2b2001234']) AS x;

-- La Poste (SIREN 356000000): the head office follows the Luhn key, its other
-- establishments need a digit sum that is a multiple of 5
-- (35600000000022 passes the Luhn key but is not the head office: refused)
SELECT x AS text, siret_error(x) IS NULL AS valid,
       (SELECT sum(substr(x, i, 1)::int) FROM generate_series(1, 14) i) AS digit_sum
  FROM unnest(ARRAY['35600000000048', '35600000049837', '35600000000010', '35600000000006',
                    '35600000000022', '35600000000049']) AS x;
SELECT '35600000049837'::siret AS la_poste, siren('35600000049837'::siret), nic('35600000049837'::siret);

-- Errors, SQLSTATE 22P02: each names the value and the reason
\set VERBOSITY default
SELECT ''::siret;
SELECT '   '::siren;
SELECT '3560000000004'::siret;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT '356000000000480'::siret;
SELECT '356000000'::siret;
SELECT '35600000000048'::siren;
SELECT '3560000'::siren;
SELECT '356-000-000-00048'::siret;
SELECT '35600000000048A'::siret;
SELECT 'é35600000000048'::siret;
SELECT E'356\t00000000048'::siret;
SELECT '7,86E+13'::siret;
SELECT '32402138500000.0'::siret;
SELECT '224 900 019 000 15'''::siret;
SELECT '356  000 000 00048'::siret;
SELECT E'356 \u00a0000 000 00048'::siret;
SELECT E'356\u202f 000'::siren;
SELECT '00000000000000'::siret;
SELECT '00000000000018'::siret;
SELECT '000000000'::siren;
SELECT '552100555'::siren;
SELECT '304865000'::siren;
SELECT '55210055400014'::siret;
SELECT '33 452 381 900 011'::siret;
SELECT '55210055500012'::siret;
SELECT '35600000000049'::siret;
SELECT '35600000012345'::siret;
SELECT ''::rna;
SELECT 'X595012345'::rna;
SELECT '595012345'::rna;
SELECT 'W59501234'::rna;
SELECT 'W5950123456'::rna;
SELECT 'WA95012345'::rna;
SELECT 'W5-5012345'::rna;
SELECT 'W59501234A'::rna;
SELECT 'W 595012345'::rna;
SELECT 'W000000000'::rna;
\set VERBOSITY terse
SELECT '552100555'::siren;
\set VERBOSITY default

-- The validators return the same message, or NULL, for quarantining bad rows
SELECT x AS text, siret_error(x) AS error
  FROM unnest(ARRAY['356 000 000 00048', '3560000000004', '7,86E+13', '35600000000049',
                    '55210055500012', '']) AS x;
SELECT x AS text, siren_error(x) AS error
  FROM unnest(ARRAY['552100554', '552100555', '35600000000048', '000000000']) AS x;
SELECT x AS text, rna_error(x) AS error
  FROM unnest(ARRAY['w595012345', 'W59501234', 'X595012345']) AS x;

-- Accessors and formatting
SELECT s AS siret, siren(s) AS siren, nic(s) AS nic, format_siret(s) AS formatted,
       format_siren(siren(s)) AS siren_formatted, s::siren AS cast_to_siren
  FROM (VALUES ('35600000000048'::siret), ('00572064400011'::siret), ('82212742900014'::siret)) v(s);

-- Casts with bigint: from bigint checked (on assignment), to bigint explicit
SELECT 35600000000048::bigint::siret AS siret, 552100554::bigint::siren AS siren,
       '00572064400011'::siret::bigint AS siret_number, '005720644'::siren::bigint AS siren_number;
CREATE TEMP TABLE assigned (s siret, n siren);
INSERT INTO assigned VALUES (35600000000048::bigint, 552100554::bigint);
SELECT * FROM assigned;
SELECT 35600000000049::bigint::siret;
SELECT 123::bigint::siren;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 0::bigint::siren;
SELECT (-1)::bigint::siren;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT 1000000000::bigint::siren;
SELECT 100000000000000::bigint::siret;
-- text casts are PostgreSQL's I/O casts
SELECT '35600000000048'::text::siret AS from_text, ('35600000000048'::siret)::text AS to_text,
       pg_typeof(('35600000000048'::siret)::text) AS type;

-- Comparisons follow the number (RNA: the text); all operators
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge
  FROM (VALUES ('35600000000048'::siret, '35600000000048'::siret),
               ('00572064400011'::siret, '35600000000048'::siret),
               ('82212742900014'::siret, '35600000000048'::siret)) v(a, b);
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge
  FROM (VALUES ('552100554'::siren, '356000000'::siren), ('356000000'::siren, '356000000'::siren)) v(a, b);
SELECT r FROM unnest(ARRAY['W9Z1234567', 'W2B1000123', 'W2A1000123', 'W751000001',
                           'W201000001', 'W595012345']::rna[]) r ORDER BY r;
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge
  FROM (VALUES ('W2A1000123'::rna, 'W291000123'::rna), ('W595012345'::rna, 'w595012345'::rna)) v(a, b);

-- Operator classes: valid, default, and used by indexes, merge and hash joins
SELECT c.opcname, a.amname, c.opcdefault, amvalidate(c.oid) AS valid
  FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
 WHERE c.opcnamespace = 'pubfin'::regnamespace AND c.opcname ~ '^(siren|siret|rna)_'
 ORDER BY 1;
CREATE TEMP TABLE est (s siret PRIMARY KEY, r rna);
INSERT INTO est VALUES ('35600000000048', 'W595012345'), ('55210055400013', 'W751000001'),
                       ('82212742900014', NULL);
CREATE INDEX est_r ON est USING hash (r);
ANALYZE est;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM est WHERE s = '55210055400013';
EXPLAIN (COSTS OFF) SELECT * FROM est WHERE r = 'W751000001';
SELECT * FROM est WHERE s >= '55210055400013' ORDER BY s;
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT * FROM est a JOIN est b USING (s);
SELECT count(*) FROM est a JOIN est b USING (s);
RESET enable_nestloop;
RESET enable_mergejoin;
SELECT siren(s), count(*) FROM est GROUP BY 1 ORDER BY 1;

-- Binary I/O is the int8; binary input is checked like text input
SELECT siret_send('35600000000048') = int8send(35600000000048) AS siret_wire,
       siren_send('552100554') = int8send(552100554) AS siren_wire;
CREATE TEMP TABLE wire (s siret, n siren, r rna);
INSERT INTO wire VALUES ('35600000000048', '552100554', 'W2B1000123');
COPY wire TO '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
CREATE TEMP TABLE wire_in (LIKE wire);
COPY wire_in FROM '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
SELECT * FROM wire_in;
CREATE TEMP TABLE wire_bad (s bigint, n bigint, r bigint);
INSERT INTO wire_bad VALUES (35600000000049, 552100554, 1);
COPY wire_bad TO '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
COPY wire_in FROM '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE wire_bad SET s = 35600000000048, n = 552100555;
COPY wire_bad TO '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
COPY wire_in FROM '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
UPDATE wire_bad SET n = 552100554, r = -5;
COPY wire_bad TO '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
COPY wire_in FROM '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
UPDATE wire_bad SET r = 0;
COPY wire_bad TO '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
COPY wire_in FROM '/tmp/pubfin_siret_regress.bin' (FORMAT binary);
SELECT count(*) AS rows_after_bad_copies FROM wire_in;
