-- pgTAP: exact sums give one answer per multiset, and the aggregate support
-- functions that SQL can call never build a state that text input refuses.
--  * sum(amount) raises 22003 only when the total is out of range, whatever
--    the order of the rows; a moving window frame agrees with the plain
--    aggregate over the same rows;
--  * amount_acc_accum/deaccum/combine check every step: a count never
--    passes int8 nor goes negative, removing from an empty state raises,
--    and every state they return reads back through text input;
--  * binary input refuses every state that text input refuses;
--  * history text input does not size its buffer by the number of ":" in
--    the input, and history_error() returns its message instead of raising.
BEGIN;
SET LOCAL search_path = public, pubfin;
SET LOCAL client_min_messages = warning;
SELECT plan(28);

-- binary input of a type from raw bytes: COPY a bytea out in binary, read it back as the type
CREATE FUNCTION pg_temp.binary_in(typ regtype, bytes bytea) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    path text := format('/tmp/pubfin_security_states_%s.bin', pg_backend_pid());
    result text;
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS st_bytes (b bytea);
    TRUNCATE st_bytes;
    INSERT INTO st_bytes VALUES (bytes);
    EXECUTE format('COPY st_bytes TO %L (FORMAT binary)', path);
    DROP TABLE IF EXISTS st_binary;
    EXECUTE format('CREATE TEMP TABLE st_binary (v %s)', typ);
    EXECUTE format('COPY st_binary FROM %L (FORMAT binary)', path);
    SELECT v::text INTO result FROM st_binary;
    RETURN result;
END $$;

-- the largest amount
CREATE TEMP TABLE lim ON COMMIT DROP AS
SELECT 92233720368547758.07::numeric AS max_total;

-- ---------------------------------------------------------------------------
-- 1. one multiset, one answer
-- ---------------------------------------------------------------------------
SELECT is((SELECT sum(x ORDER BY k) FROM (VALUES (1, '92233720368547758.07'::amount), (2, '0.01'), (3, '-0.01')) v(k, x)),
          '92233720368547758.07'::amount, 'sum over (max, 0.01, -0.01) is max');
SELECT is((SELECT sum(x ORDER BY k) FROM (VALUES (1, '92233720368547758.07'::amount), (2, '-0.01'), (3, '0.01')) v(k, x)),
          '92233720368547758.07'::amount, 'sum over (max, -0.01, 0.01) is max');
SELECT throws_ok($$SELECT sum(x) FROM (VALUES ('92233720368547758.07'::amount), ('0.01')) v(x)$$,
                 '22003', NULL, 'a total out of range raises 22003');

-- every order of many generated multisets: the numeric total when in range, else 22003
CREATE TEMP TABLE ms ON COMMIT DROP AS
SELECT m, k, (ARRAY['92233720368547758.07', '-92233720368547758.07', '92233720368547758.06', '0.01', '-0.01',
                    '0.00', '46116860184273879.04', '-46116860184273879.03', '1.00'])[1 + floor(random() * 9)::int]::amount AS x
  FROM generate_series(1, 300) m, generate_series(1, 2 + (m % 5)) k;
CREATE TEMP TABLE ms_result (m int, ord int, outcome text) ON COMMIT DROP;
DO $$
DECLARE
    r record;
    o int;
    got text;
BEGIN
    FOR r IN SELECT DISTINCT m FROM ms LOOP
        FOR o IN 1..4 LOOP
            BEGIN
                -- order 1 as generated, 2 reversed, 3 and 4 shuffled
                SELECT sum(x ORDER BY CASE o WHEN 1 THEN k WHEN 2 THEN -k ELSE hashint4(k * o) END)::text INTO got
                  FROM ms WHERE ms.m = r.m;
            EXCEPTION WHEN numeric_value_out_of_range THEN
                got := '22003';
            END;
            INSERT INTO ms_result VALUES (r.m, o, got);
        END LOOP;
    END LOOP;
END $$;
SELECT is((SELECT count(*) FROM (SELECT m FROM ms_result GROUP BY m HAVING count(DISTINCT outcome) > 1) d), 0::bigint,
          'sum(amount) gives the same outcome in four orders of each of 300 multisets');
SELECT is((SELECT count(*) FROM ms_result r
            JOIN (SELECT m, sum(x::numeric) AS total FROM ms GROUP BY m) t USING (m)
           WHERE r.outcome IS DISTINCT FROM
                 CASE WHEN abs(t.total) <= (SELECT max_total FROM lim) THEN t.total::text
                      ELSE '22003' END), 0::bigint,
          'the outcome is the exact total when it is in range, 22003 otherwise');
SELECT cmp_ok((SELECT count(DISTINCT m) FROM ms_result WHERE outcome = '22003'), '>', 0::bigint,
              'some generated multisets overflow (the property is not vacuous)');

-- a moving window frame agrees with the plain aggregate over the same rows
CREATE TEMP TABLE win ON COMMIT DROP AS
SELECT i, (ARRAY['92233720368547758.07', '-0.01', '0.01'])[1 + i % 3]::amount AS x
  FROM generate_series(1, 40) i;
SELECT is((SELECT count(*) FROM (
             SELECT i, sum(x) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving FROM win) w
            WHERE moving IS DISTINCT FROM (SELECT sum(x) FROM win w2 WHERE w2.i BETWEEN w.i - 2 AND w.i)), 0::bigint,
          'every moving frame of 3 rows equals sum() over the same rows');
SELECT is((SELECT sum(x) OVER (ORDER BY k ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)
             FROM (VALUES (1, '92233720368547758.07'::amount), (2, '0.01'), (3, '-0.01')) v(k, x) ORDER BY k LIMIT 1),
          '92233720368547758.07'::amount, 'a frame (max, 0.01, -0.01) sums to max');

-- ---------------------------------------------------------------------------
-- 2. the state type and its support functions
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT '1:1000000000000000000000000000000000000.00'::amount_acc$$, '22P02', NULL,
                 'text input refuses a sum that one amount cannot reach');
SELECT throws_ok($$SELECT '2:-170141183460469231731687303715884105.28'::amount_acc$$, '22P02', NULL,
                 'text input refuses a sum that two amounts cannot reach');
SELECT is('2:184467440737095516.14'::amount_acc::text, '2:184467440737095516.14', 'text input accepts a sum of two max amounts');
SELECT throws_ok($$SELECT '2:184467440737095516.15'::amount_acc$$, '22P02', NULL, '... and not a cent more');
SELECT throws_ok($$SELECT amount_acc_deaccum('0:0.00', '5')$$, '22023', NULL, 'removing from an empty state raises');
SELECT throws_ok($$SELECT amount_acc_deaccum('1:5.00', '7.00')$$, '22023', NULL, 'removing what the state cannot hold raises');
SELECT is(amount_acc_deaccum('2:12.00', '7.00')::text, '1:5.00', 'removing an amount the state holds');
-- the largest states combine up to the count limit, then raise
SELECT is(amount_acc_combine(s, s)::text::amount_acc::text,
          '9223372036854775806:' || to_char(9223372036854775806::numeric * 9223372036854775807 / 100, 'FM999999999999999999999999999999999999990.00'),
          'combining two states of 2^62-1 max amounts reads back')
  FROM (SELECT ('4611686018427387903:' || to_char(4611686018427387903::numeric * 9223372036854775807 / 100,
                                                  'FM999999999999999999999999999999999999990.00'))::amount_acc AS s) x;
SELECT throws_ok($$SELECT amount_acc_combine(s, s) FROM (SELECT ('4611686018427387904:0.00')::amount_acc AS s) x$$,
                 '22003', NULL, 'a combined count beyond int8 raises 22003');
SELECT throws_ok($$SELECT amount_acc_accum('9223372036854775807:0.00', '1')$$, '22003', NULL,
                 'a count beyond int8 raises 22003 in the transition');

-- random chains of accum, deaccum and combine: every state returned reads back through text input
CREATE TEMP TABLE chain_bad (state text, why text) ON COMMIT DROP;
DO $$
DECLARE
    s amount_acc := '0:0.00';
    t amount_acc;
    a amount;
    step int;
    amounts text[] := ARRAY['92233720368547758.07', '-92233720368547758.07', '0.01', '-0.01', '123456789.12'];
BEGIN
    FOR step IN 1..3000 LOOP
        a := amounts[1 + floor(random() * 5)::int]::amount;
        BEGIN
            CASE floor(random() * 3)::int
                WHEN 0 THEN s := amount_acc_accum(s, a);
                WHEN 1 THEN s := amount_acc_deaccum(s, a);
                ELSE t := s::text::amount_acc; s := amount_acc_combine(s, t);
            END CASE;
        EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
            NULL;   -- refused: the state is unchanged
        END;
        BEGIN
            PERFORM s::text::amount_acc;
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO chain_bad VALUES (s::text, SQLERRM);
        END;
    END LOOP;
END $$;
SELECT is((SELECT count(*) FROM chain_bad), 0::bigint, '3000 random steps return only states that text input accepts');

-- binary input refuses what text input refuses
SELECT is(pg_temp.binary_in('amount_acc', '\x000000000000000100000000000000000000000000000500'::bytea), '1:12.80',
          'binary input reads a valid state');
SELECT throws_ok($$SELECT pg_temp.binary_in('amount_acc', '\x000000000000000120000000000000000000000000000000'::bytea)$$,
                 '22P03', NULL, 'binary input refuses a sum of 2^125 for one amount');
SELECT throws_ok($$SELECT pg_temp.binary_in('amount_acc', '\xffffffffffffffff00000000000000000000000000000000'::bytea)$$,
                 '22P03', NULL, 'binary input refuses a negative count');
SELECT throws_ok($$SELECT pg_temp.binary_in('amount_acc', '\x000000000000000000000000000000000000000000000001'::bytea)$$,
                 '22P03', NULL, 'binary input refuses a sum in an empty state');

-- ---------------------------------------------------------------------------
-- 3. history text input and history_error
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT repeat(':', 45000000)::history$$, '22P02', NULL,
                 '45 MB of ":" is invalid input (22P02), not a failed allocation');
SELECT ok(history_error(repeat(':', 45000000)) LIKE 'invalid input syntax for type history: %',
          'history_error() of 45 MB of ":" returns the message');
SELECT cmp_ok(length(history_error(repeat(':', 45000000))), '<', 45000000 + 1000,
              'history_error() of 45 MB is the input quoted and one sentence');
SELECT ok(history_error('{' || string_agg(y || ':1', ',') || ',1:2}')
          LIKE 'invalid input syntax for type history: "{1:1,2:1,%,9999:1,1:2}". More than 9999 years at position % a history holds each year from 1 to 9999 at most once.',
          'a text of more than 9999 years says so')
  FROM generate_series(1, 9999) y;
SELECT ok((SELECT bool_and(history_error(t) IS NOT NULL)
             FROM (SELECT repeat(s, n) AS t
                     FROM unnest(ARRAY[':', '{', '{1:', '{1:1,', '"', '{1:"', ',', '}', E'\\']) s,
                          unnest(ARRAY[1, 1000, 100000, 3000000]) n) x),
          'history_error() returns a message for long runs of every delimiter');

SELECT * FROM finish();
ROLLBACK;
