-- Benchmark helpers: bench.time() runs a statement several times and keeps
-- the median; bench.report() prints medians and ratios against a baseline.
SET client_min_messages = warning;
CREATE SCHEMA bench;
CREATE TABLE bench.result (
    bench text, label text, median_ms numeric, runs int,
    at timestamptz DEFAULT clock_timestamp()
);

-- Run query `runs` times (after one warm-up run unless warmup is false); record and return the median in ms.
CREATE FUNCTION bench.time(bench text, label text, query text, runs int DEFAULT 5, warmup boolean DEFAULT true)
RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    times numeric[] := '{}';
    med numeric;
BEGIN
    IF warmup THEN EXECUTE query; END IF;
    FOR i IN 1..runs LOOP
        t0 := clock_timestamp();
        EXECUTE query;
        times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::numeric;
    END LOOP;
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) INTO med FROM unnest(times) x;
    INSERT INTO bench.result (bench, label, median_ms, runs) VALUES (bench, label, round(med, 1), runs);
    RETURN med;
END $$;

-- Medians of one benchmark, each with its ratio to the baseline label.
CREATE FUNCTION bench.report(p_bench text, p_baseline text)
RETURNS TABLE (label text, median_ms numeric, ratio numeric) LANGUAGE sql AS $$
    SELECT r.label, r.median_ms,
           round(r.median_ms / nullif((SELECT b.median_ms FROM bench.result b
                                       WHERE b.bench = p_bench AND b.label = p_baseline
                                       ORDER BY b.at DESC LIMIT 1), 0), 2)
    FROM bench.result r WHERE r.bench = p_bench ORDER BY r.at
$$;
