-- pgTAP: every aggregate of the extension can run in parallel and distribute.
-- The aggregates are found in the catalog (pg_depend 'e' on pubfin), so an
-- aggregate added later is checked without editing this file.  For each one:
-- a combine function, a state type that is not a pseudo-type (never
-- internal), PARALLEL SAFE, and real partial states (built by the aggregate's
-- own transition function over generated rows) that survive text output and
-- input exactly, in bytes, and combine to the state and result of a serial run;
-- and a forced parallel plan that runs Partial Aggregate and gives the serial result.
-- A new argument type needs a generator in the table gen below.
BEGIN;
SET LOCAL search_path = public, pubfin;

CREATE TEMP TABLE pubfin_aggs ON COMMIT DROP AS
SELECT p.oid, format('%I.%s', n.nspname, p.oid::regprocedure::text) AS name
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                  AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pubfin'
 WHERE p.prokind = 'a'
 ORDER BY 2;

SELECT plan(1 + 7 * (SELECT count(*)::int FROM pubfin_aggs));

-- Row generators by argument type: an expression over i (the row number) and random().
CREATE TEMP TABLE gen (typ text PRIMARY KEY, expr text NOT NULL) ON COMMIT DROP;
INSERT INTO gen VALUES
  ('pubfin.amount',  $$round(((random() - 0.5) * 2000000)::numeric, 2)::pubfin.amount$$),
  ('pubfin.history', $$format('{%s:%s,%s:%s}', 2015 + i % 5, round((random() * 100000)::numeric, 2),
                              2020 + i % 4, round(((random() - 0.2) * 100000)::numeric, 2))::pubfin.history$$),
  ('pg_catalog.int4', $$2015 + (random() * 9)::int$$),
  ('pg_catalog.int2', $$(2015 + (random() * 9)::int)::int2$$),
  ('pg_catalog.int8', $$(random() * 1e12)::int8$$),
  ('pg_catalog.numeric', $$round(((random() - 0.5) * 1e6)::numeric, 4)$$),
  ('pg_catalog.float8', $$random()$$),
  ('pg_catalog.date', $$date '2015-01-01' + (random() * 3650)::int$$),
  ('pg_catalog.text', $$md5(i::text)$$),
  ('pg_catalog.bool', $$random() < 0.5$$);

-- Six checks on one aggregate; returns them in order as (passed, description, detail).
CREATE FUNCTION pg_temp.check_aggregate(agg oid)
RETURNS TABLE (passed boolean, description text, detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
    a record;
    label text := (SELECT name FROM pubfin_aggs WHERE oid = agg);
    tmp text := 'pubfin_partial_' || agg;
    stype text;
    argsig text[] := '{}';
    cols text[] := '{}';
    exprs text[] := '{}';
    finalextra text := '';
    g text;
    k int;
    ok_text boolean;
    ok_bytes boolean;
    serial_state text;
    combined_state text;
    serial_result text;
    combined_result text;
    parallel_plan text := '';
    parallel_result text;
    plan_line text;
    saved text[] := '{}';
    knob text;
    knobs text[] := ARRAY['parallel_setup_cost', 'parallel_tuple_cost', 'min_parallel_table_scan_size',
                          'max_parallel_workers_per_gather', 'parallel_leader_participation'];
    forced text[] := ARRAY['0', '0', '0', '2', 'off'];
    text_detail text;
    error_detail text;
    error_context text;
BEGIN
    SELECT ag.*, (SELECT array_agg(x ORDER BY o) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(x, o)) AS argtypes, p.proparallel, t.typtype, t.typsend,
           format('%I.%I', tn.nspname, t.typname) AS stype_name,
           (SELECT format('%I.%I', fn.nspname, f.proname) FROM pg_proc f
              JOIN pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = ag.aggtransfn) AS transfn_name
      INTO a
      FROM pg_aggregate ag
      JOIN pg_proc p ON p.oid = ag.aggfnoid
      JOIN pg_type t ON t.oid = ag.aggtranstype
      JOIN pg_namespace tn ON tn.oid = t.typnamespace
     WHERE ag.aggfnoid = agg;
    stype := a.stype_name;

    passed := a.aggcombinefn <> 0;
    description := label || ': has a combine function';
    detail := CASE WHEN NOT passed THEN 'no COMBINEFUNC: no parallel, partitionwise or Citus partial aggregation' END;
    RETURN NEXT;

    passed := a.typtype <> 'p';
    description := label || ': state type ' || stype || ' is a real type with text I/O';
    detail := CASE WHEN NOT passed THEN 'state type ' || stype || ' is a pseudo-type: Citus refuses it and it has no text form' END;
    RETURN NEXT;

    passed := a.proparallel = 's';
    description := label || ': is PARALLEL SAFE';
    detail := CASE WHEN NOT passed THEN 'proparallel = ' || a.proparallel::text END;
    RETURN NEXT;

    BEGIN
        IF a.typtype = 'p' THEN
            RAISE EXCEPTION 'state type % is a pseudo-type', stype;
        END IF;
        -- Argument columns from the generators; every 20th row is NULL.
        FOR k IN 1 .. coalesce(array_length(a.argtypes, 1), 0) LOOP
            SELECT format('%I.%I', n.nspname, t.typname) INTO g
              FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = a.argtypes[k];
            IF NOT EXISTS (SELECT 1 FROM gen WHERE typ = g) THEN
                RAISE EXCEPTION 'no row generator for argument type %: add one to test/aggregates.sql', g;
            END IF;
            argsig := argsig || g;
            cols := cols || ('a' || k);
            exprs := exprs || format('CASE WHEN i %% 20 = 0 THEN NULL ELSE %s END AS a%s',
                                     (SELECT expr FROM gen WHERE typ = g), k);
            finalextra := finalextra || format(', NULL::%s', g);
        END LOOP;
        PERFORM setseed(0.25);
        EXECUTE format('CREATE TEMP TABLE agg_rows ON COMMIT DROP AS SELECT i, %s FROM generate_series(1, 3000) i',
                       array_to_string(exprs, ', '));
        CREATE TABLE pubfin_agg_rows AS SELECT * FROM agg_rows;
        -- The same transition as the aggregate, without its final function: its result is a partial state.
        EXECUTE format('CREATE AGGREGATE pg_temp.%I(%s) (SFUNC = %s, STYPE = %s%s)',
                       tmp, array_to_string(argsig, ', '), a.transfn_name, stype,
                       CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END);
        EXECUTE format('CREATE TEMP TABLE agg_states ON COMMIT DROP AS
                          SELECT 1 AS part, pg_temp.%1$I(%2$s) AS s FROM agg_rows WHERE i <= 1000
                          UNION ALL SELECT 2, pg_temp.%1$I(%2$s) FROM agg_rows WHERE i > 1000 AND i <= 1700
                          UNION ALL SELECT 3, pg_temp.%1$I(%2$s) FROM agg_rows WHERE i > 1700
                          UNION ALL SELECT 0, pg_temp.%1$I(%2$s) FROM agg_rows',
                       tmp, array_to_string(cols, ', '));
        EXECUTE format('SELECT bool_and(s IS NOT NULL AND (s::text)::%1$s::text = s::text) FROM agg_states', stype)
           INTO ok_text;
        IF a.typsend <> 0 THEN
            EXECUTE format('SELECT bool_and(%1$s(s) = %1$s((s::text)::%2$s)) FROM agg_states', a.typsend::regproc, stype)
               INTO ok_bytes;
        ELSE
            ok_bytes := true;
        END IF;
        -- Combine the three partial states after a trip through text, as Citus does:
        -- through aggregates whose transition is the combine function, so that it
        -- runs in an aggregate context as in the executor's Finalize step.
        EXECUTE format('SELECT s::text FROM agg_states WHERE part = 0') INTO serial_state;
        EXECUTE format('CREATE AGGREGATE pg_temp.%I(%s) (SFUNC = %s, STYPE = %2$s)',
                       tmp || '_c', stype, a.aggcombinefn::regproc);
        EXECUTE format('SELECT pg_temp.%I((s::text)::%s ORDER BY part)::text FROM agg_states WHERE part > 0',
                       tmp || '_c', stype) INTO combined_state;
        EXECUTE format('SELECT %s(%s)::text FROM agg_rows', agg::regproc, array_to_string(cols, ', '))
           INTO serial_result;
        IF a.aggfinalfn = 0 THEN
            combined_result := combined_state;
        ELSIF a.aggfinalextra THEN
            EXECUTE format('SELECT %s(%L::%s%s)::text', a.aggfinalfn::regproc, combined_state, stype, finalextra)
               INTO combined_result;
        ELSE
            EXECUTE format('CREATE AGGREGATE pg_temp.%I(%s) (SFUNC = %3$s, STYPE = %2$s, FINALFUNC = %4$s)',
                           tmp || '_f', stype, a.aggcombinefn::regproc, a.aggfinalfn::regproc);
            EXECUTE format('SELECT pg_temp.%I((s::text)::%s ORDER BY part)::text FROM agg_states WHERE part > 0',
                           tmp || '_f', stype) INTO combined_result;
        END IF;

        EXECUTE format('DROP AGGREGATE pg_temp.%I(%s)', tmp, array_to_string(argsig, ', '));
        IF NOT ok_text THEN
            EXECUTE format('SELECT string_agg(format(''part %%s: %%s -> %%s'', part, s::text, (s::text)::%s::text), ''; '')
                              FROM agg_states', stype) INTO text_detail;
        END IF;
        DROP TABLE agg_rows;
        -- The real aggregate under a forced parallel plan, the leader only gathering
        -- (a plain table: parallel workers cannot read temporary ones).
        EXECUTE format('ALTER TABLE pubfin_agg_rows SET (parallel_workers = 2)');
        FOR k IN 1 .. array_length(knobs, 1) LOOP
            saved := saved || current_setting(knobs[k]);
            PERFORM set_config(knobs[k], forced[k], true);
        END LOOP;
        FOR plan_line IN EXECUTE format('EXPLAIN (COSTS OFF) SELECT %s(%s)::text FROM pubfin_agg_rows',
                                        agg::regproc, array_to_string(cols, ', ')) LOOP
            parallel_plan := parallel_plan || plan_line || E'\n';
        END LOOP;
        EXECUTE format('SELECT %s(%s)::text FROM pubfin_agg_rows', agg::regproc, array_to_string(cols, ', '))
           INTO parallel_result;
        FOR k IN 1 .. array_length(knobs, 1) LOOP
            PERFORM set_config(knobs[k], saved[k], true);
        END LOOP;
        DROP TABLE pubfin_agg_rows;
        DROP TABLE agg_states;
    EXCEPTION WHEN OTHERS THEN
        ok_text := false;
        ok_bytes := false;
        combined_state := NULL;
        serial_state := 'none';
        GET STACKED DIAGNOSTICS error_context = PG_EXCEPTION_CONTEXT;
        text_detail := SQLSTATE || ': ' || SQLERRM || E'\n' || error_context;
        error_detail := text_detail;
        parallel_plan := '';
    END;

    passed := ok_text;
    description := label || ': partial states round-trip through text exactly';
    detail := CASE WHEN NOT passed THEN text_detail END;
    RETURN NEXT;

    passed := ok_bytes;
    description := label || ': partial states keep the same bytes after text output and input'
                   || CASE WHEN a.typsend = 0 THEN ' (no binary I/O: skipped)' ELSE '' END;
    detail := CASE WHEN NOT passed THEN coalesce(error_detail, 'send() differs after a text round trip') END;
    RETURN NEXT;

    passed := combined_state IS NOT DISTINCT FROM serial_state
              AND combined_result IS NOT DISTINCT FROM serial_result;
    description := label || ': combining round-tripped partial states gives the serial state and result';
    detail := CASE WHEN NOT passed THEN
                  coalesce(error_detail, format('serial state %s, combined %s; serial result %s, combined %s',
                                                serial_state, combined_state, serial_result, combined_result)) END;
    RETURN NEXT;

    passed := parallel_plan LIKE '%Partial Aggregate%' AND parallel_result IS NOT DISTINCT FROM serial_result;
    description := label || ': a forced parallel plan (Partial Aggregate) gives the serial result';
    detail := CASE WHEN NOT passed THEN
                  coalesce(error_detail, format('serial %s, parallel %s, plan:', serial_result, parallel_result) || E'\n' || parallel_plan) END;
    RETURN NEXT;
END
$fn$;

SELECT cmp_ok((SELECT count(*)::int FROM pubfin_aggs), '>=', 4,
              'the catalog walk finds the extension''s aggregates (at least sum, avg, min, max)');

SELECT CASE WHEN c.passed THEN ok(true, c.description)
            ELSE ok(false, c.description) || E'\n' || diag(coalesce(c.detail, 'failed')) END
  FROM pubfin_aggs a, LATERAL pg_temp.check_aggregate(a.oid) c;

SELECT * FROM finish();
ROLLBACK;
