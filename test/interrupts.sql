-- pgTAP: long-running pubfin calls stop on statement_timeout (57014), soon.
-- The amount aggregates run under the executor, which checks for interrupts
-- between rows; the C loops of pubfin (largest-remainder allocation, history
-- operations) call CHECK_FOR_INTERRUPTS themselves, and their suites use the
-- same helper (test/lib/interrupts.sql).  A statement that would run for
-- minutes must stop within 3 s of a 300 ms timeout.
BEGIN;
SET LOCAL search_path = public, pubfin;
\ir lib/interrupts.sql
SELECT plan(10);

SET LOCAL statement_timeout = '300ms';
CREATE TEMP TABLE run_sum ON COMMIT DROP AS SELECT * FROM pg_temp.run_interruptible($$
    SELECT pubfin.sum(i::pubfin.amount) FROM generate_series(1::bigint, 10000000000) i $$);
SET LOCAL statement_timeout = 0;
SELECT is(state, '57014', 'sum(amount) over 10^10 rows stops on statement_timeout') FROM run_sum;
SELECT cmp_ok(ms, '<', 3000, 'sum(amount) over 10^10 rows stops within 3 s') FROM run_sum;

SET LOCAL statement_timeout = '300ms';
CREATE TEMP TABLE run_avg ON COMMIT DROP AS SELECT * FROM pg_temp.run_interruptible($$
    SELECT pubfin.avg(amount_from_cents(i)) FROM generate_series(1::bigint, 10000000000) i $$);
SET LOCAL statement_timeout = 0;
SELECT is(state, '57014', 'avg(amount) over 10^10 rows stops on statement_timeout') FROM run_avg;
SELECT cmp_ok(ms, '<', 3000, 'avg(amount) over 10^10 rows stops within 3 s') FROM run_avg;

SET LOCAL statement_timeout = '300ms';
CREATE TEMP TABLE run_moving ON COMMIT DROP AS SELECT * FROM pg_temp.run_interruptible($$
    SELECT count(s) FROM (SELECT pubfin.sum(amount_from_cents(i)) OVER (ORDER BY i ROWS 1000 PRECEDING) s
                           FROM generate_series(1::bigint, 10000000000) i) w $$);
SET LOCAL statement_timeout = 0;
SELECT is(state, '57014', 'moving sum(amount) OVER a 1000-row frame stops on statement_timeout') FROM run_moving;
SELECT cmp_ok(ms, '<', 3000, 'moving sum(amount) OVER a 1000-row frame stops within 3 s') FROM run_moving;

SET LOCAL statement_timeout = '300ms';
CREATE TEMP TABLE run_parse ON COMMIT DROP AS SELECT * FROM pg_temp.run_interruptible($$
    SELECT count(pubfin.parse_amount(i::text || ',50', 'fr')) FROM generate_series(1::bigint, 10000000000) i $$);
SET LOCAL statement_timeout = 0;
SELECT is(state, '57014', 'parse_amount over 10^10 rows stops on statement_timeout') FROM run_parse;
SELECT cmp_ok(ms, '<', 3000, 'parse_amount over 10^10 rows stops within 3 s') FROM run_parse;

-- a single C call has no loop to interrupt but is linear: 10 MB of digits is
-- refused at once (the message quotes the value: most of the time goes into
-- writing it to the log and to the client)
CREATE TEMP TABLE run_big ON COMMIT DROP AS SELECT * FROM pg_temp.run_interruptible($$
    SELECT repeat('9', 10000000)::pubfin.amount $$);
SELECT is(state, '22003', 'a 10 MB amount is refused (out of range)') FROM run_big;
SELECT cmp_ok(ms, '<', 5000, 'a 10 MB amount is refused within 5 s') FROM run_big;

SELECT * FROM finish();
ROLLBACK;
