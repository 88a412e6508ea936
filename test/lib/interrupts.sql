-- Helper for pgTAP suites that check that a long pubfin call can be
-- interrupted (statement_timeout, pg_cancel_backend: both raise 57014 at the
-- next CHECK_FOR_INTERRUPTS).  Include it with  \ir lib/interrupts.sql
-- inside the suite's transaction, then:
--
--   SET LOCAL statement_timeout = '300ms';
--   SELECT is(state, '57014', 'allocate over 10M weights stops on timeout'),
--          cmp_ok(ms, '<', 3000, '... within 3 s')
--     FROM pg_temp.run_interruptible($$ SELECT pubfin.allocate(...) $$);
--   SET LOCAL statement_timeout = 0;
--
-- statement_timeout is armed when the top-level statement starts, so it must
-- be set before the SELECT that calls the helper (and reset after it).
-- PL/pgSQL's WHEN OTHERS does not catch query_canceled, so pgTAP's throws_ok
-- cannot test this; the helper catches it by name.  It returns the SQLSTATE
-- ('00000' when the call finished) and the elapsed milliseconds.
CREATE FUNCTION pg_temp.run_interruptible(sql text, OUT state text, OUT ms int)
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    state := '00000';
    BEGIN
        EXECUTE sql;
    EXCEPTION
        WHEN query_canceled THEN state := SQLSTATE;
        WHEN OTHERS THEN state := SQLSTATE;
    END;
    ms := (extract(epoch FROM clock_timestamp() - t0) * 1000)::int;
END $$;
