-- pgTAP: properties of percent_matches over many generated cases, and the
-- shape of the rule table.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(16);

-- 10^s as an exact integer, and the number D / 10^s written with exactly s decimals
CREATE FUNCTION pg_temp.ten(s int) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT ('1e' || s)::numeric $$;
CREATE FUNCTION pg_temp.dec(d numeric, s int) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT d * ('1e-' || s)::numeric $$;

SELECT setseed(0.7);
-- 20,000 (part, whole, scale) cases: amounts of every magnitude, both signs, 0 to 6 decimals
CREATE TEMP TABLE pm ON COMMIT DROP AS
SELECT i, p, w, s,
       -- the exact share scaled by 10^s, truncated towards zero; the remainder; the share's direction
       div(100 * p::numeric * pg_temp.ten(s), w::numeric) AS t,
       mod(100 * p::numeric * pg_temp.ten(s), w::numeric) AS r,
       CASE WHEN p::numeric * w < 0 THEN -1 ELSE 1 END AS dir
  FROM (SELECT i,
               (CASE WHEN random() < 0.2 THEN -1 ELSE 1 END)
                 * floor(random() * power(10, 1 + floor(random() * 15)))::bigint AS p,
               (CASE WHEN random() < 0.1 THEN -1 ELSE 1 END)
                 * (1 + floor(random() * power(10, 1 + floor(random() * 15))))::bigint AS w,
               floor(random() * 7)::int AS s
          FROM generate_series(1, 20000) i) g;
-- declared values written with exactly s decimals
CREATE TEMP TABLE pmd ON COMMIT DROP AS
SELECT i, p, w, s, t, r <> 0 AS inexact, dir,
       pg_temp.dec(t, s) AS truncated,
       pg_temp.dec(t + CASE WHEN r <> 0 THEN dir ELSE 0 END, s) AS away,
       pg_temp.dec(t + CASE WHEN 2 * abs(r) >= abs(w) THEN dir ELSE 0 END, s) AS half_away,
       pg_temp.dec(t + 2 * dir, s) AS too_far
  FROM pm;

SELECT is((SELECT count(*) FROM pmd
            WHERE NOT percent_matches(truncated, amount_from_cents(p), amount_from_cents(w))),
          0::bigint, 'the exact share truncated at the declared decimals is accepted');
SELECT is((SELECT count(*) FROM pmd
            WHERE NOT percent_matches(away, amount_from_cents(p), amount_from_cents(w))),
          0::bigint, 'the exact share rounded away from zero (up) is accepted');
SELECT is((SELECT count(*) FROM pmd
            WHERE NOT percent_matches(half_away, amount_from_cents(p), amount_from_cents(w))),
          0::bigint, 'the exact share rounded half away from zero is accepted');
SELECT is((SELECT count(*) FROM pmd
            WHERE percent_matches(too_far, amount_from_cents(p), amount_from_cents(w))),
          0::bigint, 'a value two units of the last decimal away (or more) is rejected');
SELECT is((SELECT count(*) FROM pmd
            WHERE NOT inexact
              AND (percent_matches(pg_temp.dec(t + 1, s), amount_from_cents(p), amount_from_cents(w))
                OR percent_matches(pg_temp.dec(t - 1, s), amount_from_cents(p), amount_from_cents(w)))),
          0::bigint, 'when the share is exact at the declared decimals, only that value is accepted');

-- against an independent reference: declared D/10^s is accepted iff D lies in {t, t +- 1 when inexact}
CREATE TEMP TABLE pmr ON COMMIT DROP AS
SELECT i, p, w, s, t, r <> 0 AS inexact, dir, t + k AS dd
  FROM pm, generate_series(-2, 2) k
 WHERE i <= 4000;
SELECT is((SELECT count(*) FROM pmr
            WHERE percent_matches(pg_temp.dec(dd, s), amount_from_cents(p), amount_from_cents(w))
                  IS DISTINCT FROM
                  (dd = t OR (inexact AND dd = t + dir))),
          0::bigint, 'agrees with the reference (truncation or the next value away from zero) on 20,000 declared values');

SELECT is((SELECT count(*) FROM pmd
            WHERE percent_matches(truncated, amount_from_cents(p), amount_from_cents(w))
                  IS DISTINCT FROM percent_matches(-truncated, amount_from_cents(-p), amount_from_cents(w))
               OR percent_matches(truncated, amount_from_cents(p), amount_from_cents(w))
                  IS DISTINCT FROM percent_matches(truncated, amount_from_cents(-p), amount_from_cents(-w))),
          0::bigint, 'symmetric in the signs of part and whole');

-- long declared values (20 to 30 decimals) take the numeric path; same answers
CREATE TEMP TABLE pml ON COMMIT DROP AS
SELECT i, p, w, s, dir, div(100 * p::numeric * pg_temp.ten(s), w::numeric) AS t
  FROM (SELECT i, p, w, dir, 20 + (i % 11) AS s FROM pm WHERE i <= 2000) x;
SELECT is((SELECT count(*) FROM pml
            WHERE NOT percent_matches(pg_temp.dec(t, s), amount_from_cents(p), amount_from_cents(w))
               OR percent_matches(pg_temp.dec(t + 2 * dir, s),
                                  amount_from_cents(p), amount_from_cents(w))),
          0::bigint, 'declared values with 20 to 30 decimals (numeric path): truncation accepted, two units away rejected');

-- the extremes of the amount range do not overflow
SELECT ok(percent_matches(100, '92233720368547758.07', '92233720368547758.07')
          AND percent_matches(-100, '-92233720368547758.07', '92233720368547758.07')
          AND percent_matches(0.0000000000000000108, '0.01', '92233720368547758.07')
          AND percent_matches(0.0000000000000000109, '0.01', '92233720368547758.07')
          AND NOT percent_matches(0.0000000000000000110, '0.01', '92233720368547758.07')
          AND NOT percent_matches(0.0000000000000000107, '0.01', '92233720368547758.07'),
          'amounts at the ends of the range are compared exactly');

-- the MEL-APES figures: 35,000.00 of 753,091.00 is 4.6475...%
SELECT ok(percent_matches(4.6, '35000', '753091') AND percent_matches(4.7, '35000', '753091')
          AND percent_matches(5, '35000', '753091') AND percent_matches(4, '35000', '753091')
          AND NOT percent_matches(4.5, '35000', '753091') AND NOT percent_matches(4.60, '35000', '753091')
          AND percent_matches(4.64, '35000', '753091') AND percent_matches(4.65, '35000', '753091'),
          'MEL-APES: 4.6 and 4.7 accepted, 4.5 rejected, 4.60 judged at two decimals');
SELECT is(percent_matches(1, '5', '0'), NULL, 'a share of a zero whole is NULL');
SELECT throws_ok($$SELECT percent_matches('NaN', '1', '2')$$, '22023',
                 'declared percentage must be a finite number: "NaN"', 'NaN is refused with 22023');
SELECT is(percent_matches(NULL, '1', '2'), NULL, 'STRICT: NULL in, NULL out');

-- the rule table
SELECT is((SELECT count(*) FROM rule WHERE builtin AND (source_ref IS NULL OR description = '')),
          0::bigint, 'every pre-filled rule names its source');
SELECT is((SELECT count(*) FROM rule WHERE builtin AND source_url IS NOT NULL AND source_url !~ '^https://'),
          0::bigint, 'source URLs are https');
SELECT is((SELECT count(*) FROM (SELECT kind FROM rule GROUP BY kind) k), 19::bigint,
          'every kind of check has a pre-filled rule');

SELECT * FROM finish();
ROLLBACK;
