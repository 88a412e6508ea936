-- pgTAP: properties of the siren, siret and rna types over generated values.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(35);
SELECT setseed(0.31);

-- A plain-SQL reference of the Luhn key, independent of the C code.
CREATE FUNCTION pg_temp.luhn_digit(p text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT (10 - sum(CASE WHEN (length(p) - i) % 2 = 0
                        THEN (substr(p, i, 1)::int * 2) / 10 + (substr(p, i, 1)::int * 2) % 10
                        ELSE substr(p, i, 1)::int END) % 10) % 10
    FROM generate_series(1, length(p)) i $$;
CREATE FUNCTION pg_temp.luhn_ok(d text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_temp.luhn_digit(left(d, -1)) = right(d, 1)::int $$;
CREATE FUNCTION pg_temp.digit_sum(d text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT sum(substr(d, i, 1)::int)::int FROM generate_series(1, length(d)) i $$;
CREATE FUNCTION pg_temp.ref_siret_ok(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT t ~ '^[0-9]{14}$' AND left(t, 9) <> '000000000' AND pg_temp.luhn_ok(left(t, 9))
     AND CASE WHEN left(t, 9) = '356000000' AND t <> '35600000000048'
              THEN pg_temp.digit_sum(t) % 5 = 0 ELSE pg_temp.luhn_ok(t) END $$;

-- 5,000 valid SIRENs: 8 random digits and their Luhn key
CREATE TEMP TABLE gsiren ON COMMIT DROP AS
SELECT i, p || pg_temp.luhn_digit(p) AS t
  FROM (SELECT i, lpad(floor(random() * 1e8)::bigint::text, 8, '0') AS p
          FROM generate_series(1, 5000) i) s
 WHERE p <> '00000000';
-- 5,000 valid SIRETs: a valid SIREN (not La Poste's), a 4-digit NIC and the key of the 14 digits
CREATE TEMP TABLE gsiret ON COMMIT DROP AS
SELECT i, p || pg_temp.luhn_digit(p) AS t
  FROM (SELECT i, t || lpad(floor(random() * 1e4)::int::text, 4, '0') AS p
          FROM gsiren WHERE t <> '356000000') s;

SELECT is((SELECT count(*) FROM gsiren WHERE siren_error(t) IS NOT NULL), 0::bigint,
          'generated SIRENs are valid');
SELECT is((SELECT count(*) FROM gsiren WHERE t::siren::text <> t), 0::bigint,
          'SIREN text round trip: output is the 9 zero-padded digits');
SELECT is((SELECT count(*) FROM gsiren WHERE format_siren(t::siren)::siren <> t::siren), 0::bigint,
          'format_siren output parses back');
SELECT is((SELECT count(*) FROM gsiren WHERE t::siren::bigint::siren <> t::siren
                                          OR t::siren::bigint <> t::bigint), 0::bigint,
          'SIREN bigint round trip');
SELECT is((SELECT count(*) FROM gsiret WHERE siret_error(t) IS NOT NULL), 0::bigint,
          'generated SIRETs are valid');
SELECT is((SELECT count(*) FROM gsiret WHERE t::siret::text <> t), 0::bigint,
          'SIRET text round trip: output is the 14 zero-padded digits');
SELECT is((SELECT count(*) FROM gsiret
            WHERE format_siret(t::siret)::siret <> t::siret
               OR replace(format_siret(t::siret), ' ', U&'\00A0')::siret <> t::siret
               OR replace(format_siret(t::siret), ' ', U&'\202F')::siret <> t::siret), 0::bigint,
          'format_siret output parses back, with spaces, U+00A0 or U+202F');
SELECT is((SELECT count(*) FROM gsiret WHERE t::siret::bigint::siret <> t::siret), 0::bigint,
          'SIRET bigint round trip');
SELECT is((SELECT count(*) FROM gsiret
            WHERE siren(t::siret)::text <> left(t, 9) OR nic(t::siret) <> right(t, 5)
               OR (t::siret)::siren <> left(t, 9)::siren), 0::bigint,
          'siren() and nic() split a SIRET into its first 9 and last 5 digits');

-- Every single-digit change of a valid number is rejected (the Luhn key catches all of them)
SELECT is((SELECT count(*) FROM gsiren g, generate_series(1, 9) pos, generate_series(0, 9) dig
            WHERE g.i <= 2000 AND substr(g.t, pos, 1)::int <> dig
              AND siren_error(overlay(g.t placing dig::text from pos for 1)) IS NULL), 0::bigint,
          'every single-digit change of 2,000 valid SIRENs is rejected (162,000 cases)');
SELECT is((SELECT count(*) FROM gsiret g, generate_series(1, 14) pos, generate_series(0, 9) dig
            WHERE g.i <= 1000 AND substr(g.t, pos, 1)::int <> dig
              AND siret_error(overlay(g.t placing dig::text from pos for 1)) IS NULL), 0::bigint,
          'every single-digit change of 1,000 valid SIRETs is rejected (126,000 cases)');
SELECT is((SELECT count(*) FROM gsiren g, generate_series(1, 9) pos, generate_series(0, 9) dig
            WHERE g.i <= 500 AND substr(g.t, pos, 1)::int <> dig
              AND siren_error(overlay(g.t placing dig::text from pos for 1)) NOT LIKE '%Check-digit failure%'),
          0::bigint, 'a changed digit is reported as a check-digit failure');
SELECT is((SELECT count(*) FROM gsiren g
            WHERE siren_error(left(g.t, 8) || ((right(g.t, 1)::int + 1) % 10))
                  NOT LIKE '%a last digit of ' || right(g.t, 1) || ' would make it valid.'), 0::bigint,
          'the SIREN error names the last digit that makes it valid');

-- La Poste: every NIC of SIREN 356000000
CREATE TEMP TABLE laposte ON COMMIT DROP AS
SELECT '356000000' || lpad(n::text, 5, '0') AS t FROM generate_series(0, 99999) n;
SELECT is((SELECT count(*) FROM laposte WHERE (siret_error(t) IS NULL) <> pg_temp.ref_siret_ok(t)),
          0::bigint, 'La Poste: the 100,000 NICs of SIREN 356000000 are judged by the digit sum modulo 5');
SELECT is((SELECT count(*) FROM laposte WHERE siret_error(t) IS NULL), 20001::bigint,
          'La Poste: 20,000 NICs pass the digit-sum rule, plus the head office 00048');
SELECT ok(siret_error('35600000000048') IS NULL AND pg_temp.digit_sum('35600000000048') % 5 <> 0,
          'La Poste head office 35600000000048 is valid by the Luhn key although its digit sum is 26');
SELECT ok(siret_error('35600000049837') IS NULL AND NOT pg_temp.luhn_ok('35600000049837'),
          'La Poste 35600000049837 is valid by its digit sum (45) although it fails the Luhn key');
SELECT ok(siret_error('35600000000022') IS NOT NULL AND pg_temp.luhn_ok('35600000000022'),
          'La Poste 35600000000022 passes the Luhn key but not the digit sum: refused');
SELECT is((SELECT count(*) FROM laposte l, generate_series(1, 14) pos, generate_series(0, 9) dig
            WHERE siret_error(l.t) IS NULL AND l.t <> '35600000000048'
              AND substr(l.t, pos, 1)::int <> dig
              AND siret_error(overlay(l.t placing dig::text from pos for 1)) IS NULL
              AND NOT (pos >= 10 AND abs(substr(l.t, pos, 1)::int - dig) = 5)
              AND overlay(l.t placing dig::text from pos for 1) <> '35600000000048'), 0::bigint,
          'La Poste: a single-digit change is caught unless it moves a NIC digit by 5 (the rule''s blind spot)');

-- The C validators agree with the SQL reference on random 14-digit strings (mostly invalid)
SELECT is((SELECT count(*) FROM (SELECT lpad(floor(random() * 1e14)::bigint::text, 14, '0') AS t
                                   FROM generate_series(1, 20000)) r
            WHERE (siret_error(t) IS NULL) <> pg_temp.ref_siret_ok(t)), 0::bigint,
          'siret_error agrees with the SQL reference on 20,000 random 14-digit strings');

-- Orders, hashes and binary form are int8's
SELECT is((SELECT count(*) FROM gsiret a JOIN gsiret b ON b.i = a.i + 1
            WHERE (a.t::siret < b.t::siret) <> (a.t::bigint < b.t::bigint)
               OR (a.t::siret = b.t::siret) <> (a.t = b.t)), 0::bigint,
          'siret order is the numeric order');
SELECT is((SELECT count(*) FROM gsiret WHERE siret_hash(t::siret) <> hashint8(t::bigint)
                                          OR siret_hash_extended(t::siret, 7) <> hashint8extended(t::bigint, 7)),
          0::bigint, 'siret hashes like bigint');
SELECT is((SELECT count(*) FROM gsiret WHERE siret_send(t::siret) <> int8send(t::bigint)), 0::bigint,
          'siret binary output is the int8');
CREATE TEMP TABLE bin_out ON COMMIT DROP AS
SELECT i, t::siret AS s, left(t, 9)::siren AS n FROM gsiret;
CREATE TEMP TABLE bin_in (i int, s siret, n siren) ON COMMIT DROP;
COPY bin_out TO '/tmp/pubfin_siret_tap.bin' (FORMAT binary);
COPY bin_in FROM '/tmp/pubfin_siret_tap.bin' (FORMAT binary);
SELECT is((SELECT count(*) FROM bin_out o JOIN bin_in n USING (i) WHERE o.s = n.s AND o.n = n.n),
          (SELECT count(*) FROM bin_out), 'binary COPY round trip of siret and siren');

-- RNA: generated numbers round-trip, upper-case, and sort like their text
CREATE TEMP TABLE grna ON COMMIT DROP AS
SELECT i, 'W' || floor(random() * 10)::int
          || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + floor(random() * 36)::int, 1)
          || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + floor(random() * 36)::int, 1)
          || lpad(floor(random() * 1e6)::int::text, 6, '0') AS t
  FROM generate_series(1, 5000) i;
DELETE FROM grna WHERE t = 'W000000000';
SELECT is((SELECT count(*) FROM grna WHERE rna_error(t) IS NOT NULL OR t::rna::text <> t
                                        OR lower(t)::rna <> t::rna), 0::bigint,
          'generated RNA numbers round-trip, lower case is upper-cased');
SELECT is((SELECT count(*) FROM grna a JOIN grna b ON b.i = a.i + 1
            WHERE (a.t::rna < b.t::rna) <> (a.t COLLATE "C" < b.t COLLATE "C")), 0::bigint,
          'rna order is the order of the text');
SELECT is((SELECT count(*) FROM grna g, generate_series(2, 10) pos
            WHERE rna_error(overlay(g.t placing '-' from pos for 1)) IS NULL
               OR rna_error(left(g.t, 9)) IS NULL OR rna_error(g.t || '0') IS NULL), 0::bigint,
          'RNA numbers with a bad character or the wrong length are rejected');
CREATE TEMP TABLE rbin_out ON COMMIT DROP AS SELECT i, t::rna AS r FROM grna;
CREATE TEMP TABLE rbin_in (i int, r rna) ON COMMIT DROP;
COPY rbin_out TO '/tmp/pubfin_siret_tap.bin' (FORMAT binary);
COPY rbin_in FROM '/tmp/pubfin_siret_tap.bin' (FORMAT binary);
SELECT is((SELECT count(*) FROM rbin_out o JOIN rbin_in n USING (i) WHERE o.r = n.r),
          (SELECT count(*) FROM rbin_out), 'binary COPY round trip of rna');

-- Errors are 22P02 and name the value
SELECT throws_ok(format('SELECT %L::%s', v, t), '22P02', NULL, format('%s %s is refused with 22P02', t, v))
  FROM (VALUES ('siret', '35600000000049'), ('siren', '552100555'), ('rna', 'W12')) x(t, v);
SELECT is((SELECT count(*) FROM unnest(ARRAY['1', '55210055400013 0', 'abc', '7,86E+13', '000000000']) v
            WHERE siren_error(v) NOT LIKE 'invalid input syntax for type siren: "' || v || '". %'), 0::bigint,
          'siren_error names the value');

-- Operator classes are valid; functions are labelled immutable and parallel safe
SELECT is((SELECT count(*) FROM pg_opclass WHERE opcnamespace = 'pubfin'::regnamespace
              AND opcname ~ '^(siren|siret|rna)_' AND amvalidate(oid)), 6::bigint,
          'the 6 btree and hash operator classes pass amvalidate');
SELECT is((SELECT count(*) FROM pg_proc p
            WHERE p.pronamespace = 'pubfin'::regnamespace
              AND (p.proname ~ '^(siren|siret|rna)' OR p.proname IN ('nic', 'format_siret', 'format_siren'))
              AND (p.provolatile <> 'i' OR p.proparallel <> 's' OR NOT p.proisstrict)), 0::bigint,
          'every siren, siret and rna function is IMMUTABLE STRICT PARALLEL SAFE');
SELECT is((SELECT count(*) FROM pg_proc p
            WHERE p.pronamespace = 'pubfin'::regnamespace
              AND (p.proname ~ '^(siren|siret|rna)' OR p.proname IN ('nic', 'format_siret', 'format_siren'))
              AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint,
          'every siren, siret and rna function has a comment');

SELECT * FROM finish();
ROLLBACK;
