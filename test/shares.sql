-- pgTAP: properties of round_percents, percent_of_total and allocate over
-- thousands of generated cases, and every kind of bad input.
BEGIN;
SET LOCAL search_path = public, pubfin;
SELECT plan(51);

SELECT setseed(0.2021);

-- ---------------------------------------------------------------------------
-- Percentages: 4,000 cases of 1 to 12 parts, magnitudes from 0.01 to 10^8,
-- some zero, some NULL, some all equal (ties), 0 to 3 decimals or 10.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE pline ON COMMIT DROP AS
SELECT c, k, CASE WHEN c % 50 = 0 THEN 10 ELSE c % 4 END AS d,
       CASE WHEN c % 9 = 0 THEN amount_from_cents(777)
            WHEN c % 97 = 0 THEN 0::amount
            WHEN r1 < 0.05 THEN NULL
            WHEN r1 < 0.12 THEN 0::amount
            ELSE amount_from_cents(1 + floor(r2 * power(10, 1 + floor(r3 * 10)))::bigint) END AS part,
       random() AS shuffle
  FROM (SELECT c, k, random() r1, random() r2, random() r3
          FROM generate_series(1, 4000) c, generate_series(1, 12) k
         WHERE k <= 1 + c % 12) s;
CREATE TEMP TABLE pcase ON COMMIT DROP AS
SELECT c, d, array_agg(part ORDER BY k) AS parts, coalesce(sum(cents(part)), 0)::numeric AS total
  FROM pline GROUP BY c, d;
CREATE TEMP TABLE pres ON COMMIT DROP AS
SELECT p.c, u.k, p.d, p.total, u.pct, l.part
  FROM pcase p
 CROSS JOIN LATERAL unnest(round_percents(p.parts, p.d)) WITH ORDINALITY u(pct, k)
  JOIN pline l ON l.c = p.c AND l.k = u.k;

SELECT is((SELECT count(*) FROM pres), (SELECT count(*) FROM pline),
          'round_percents returns one percentage per part');
SELECT is((SELECT count(*) FROM (SELECT c FROM pres WHERE total > 0 GROUP BY c
                                  HAVING sum(pct) <> 100) x), 0::bigint,
          'round_percents adds up to exactly 100 in every case with a positive total');
SELECT cmp_ok((SELECT count(DISTINCT c) FROM pres WHERE total > 0), '>', 3900::bigint,
              'thousands of cases with a positive total were checked');
SELECT is((SELECT count(*) FROM pres
            WHERE total > 0 AND part IS NOT NULL
              AND abs(pct * power(10::numeric, d) * total - 100 * power(10::numeric, d) * cents(part)) >= total),
          0::bigint, 'each percentage is within one unit of its last digit of the exact percentage');
SELECT is((SELECT count(*) FROM pres WHERE total > 0 AND (part IS NULL) <> (pct IS NULL)), 0::bigint,
          'NULL parts, and only they, give NULL percentages');
SELECT is((SELECT count(*) FROM pres WHERE total = 0 AND pct IS NOT NULL), 0::bigint,
          'a zero total gives NULL percentages');
SELECT cmp_ok((SELECT count(DISTINCT c) FROM pres WHERE total = 0), '>', 0::bigint,
              'zero-total cases were generated');
SELECT is((SELECT count(*) FROM pres WHERE pct IS NOT NULL AND scale(pct) <> d), 0::bigint,
          'percentages carry exactly digits decimals');

-- an independent plain-SQL largest remainder: ties to the larger part, then the earlier element
CREATE TEMP TABLE pref ON COMMIT DROP AS
SELECT c, k, (fl + CASE WHEN rk <= 100 * power(10::numeric, d) - sum(fl) OVER (PARTITION BY c) THEN 1 ELSE 0 END)
             / power(10::numeric, d) AS pct
  FROM (SELECT c, k, d, fl, row_number() OVER (PARTITION BY c ORDER BY rem DESC, cents DESC, k) AS rk
          FROM (SELECT c, k, d, coalesce(cents(part), 0) AS cents,
                       div(coalesce(cents(part), 0) * 100 * power(10::numeric, d), total) AS fl,
                       mod(coalesce(cents(part), 0) * 100 * power(10::numeric, d), total) AS rem
                  FROM pres WHERE total > 0) x) y;
SELECT is((SELECT count(*) FROM pres JOIN pref USING (c, k) WHERE pres.part IS NOT NULL AND pres.pct <> pref.pct),
          0::bigint, 'round_percents agrees with a plain-SQL largest-remainder reference');
SELECT is((SELECT round_percents('{1,1,1}'::amount[])), '{33.4,33.3,33.3}'::numeric[],
          'equal parts: the earlier element gets the unit');
SELECT is((SELECT round_percents('{1,7}'::amount[], 0)), '{12,88}'::numeric[],
          'equal remainders: the larger part gets the unit');

-- the window form
CREATE TEMP TABLE pwin ON COMMIT DROP AS
SELECT c, k, part,
       percent_of_total(part, d) OVER (PARTITION BY c ORDER BY k) AS by_k,
       percent_of_total(part, d) OVER (PARTITION BY c ORDER BY shuffle) AS by_shuffle,
       percent_of_total(part, d) OVER (PARTITION BY c ORDER BY k DESC) AS by_k_desc
  FROM pline;
SELECT is((SELECT count(*) FROM pwin JOIN pres USING (c, k) WHERE pwin.by_k IS DISTINCT FROM pres.pct),
          0::bigint, 'percent_of_total OVER (ORDER BY k) equals round_percents of the ordered array');
SELECT is((SELECT count(*) FROM ((SELECT c, part, by_k FROM pwin EXCEPT ALL SELECT c, part, by_shuffle FROM pwin)
                                 UNION ALL
                                 (SELECT c, part, by_shuffle FROM pwin EXCEPT ALL SELECT c, part, by_k FROM pwin)) x),
          0::bigint, 'percent_of_total gives the same (part, percent) pairs in shuffled row order');
SELECT is((SELECT count(*) FROM ((SELECT c, part, by_k FROM pwin EXCEPT ALL SELECT c, part, by_k_desc FROM pwin)
                                 UNION ALL
                                 (SELECT c, part, by_k_desc FROM pwin EXCEPT ALL SELECT c, part, by_k FROM pwin)) x),
          0::bigint, 'percent_of_total gives the same (part, percent) pairs in reversed row order');
SELECT is((SELECT count(*) FROM pwin WHERE by_k IS DISTINCT FROM by_shuffle
             AND part NOT IN (SELECT part FROM pwin p2 WHERE p2.c = pwin.c AND p2.k <> pwin.k AND p2.part IS NOT NULL)),
          0::bigint, 'a part that is unique in its partition gets the same percent in any row order');
SELECT is((SELECT count(*) FROM (SELECT c FROM pwin JOIN pcase USING (c) WHERE total > 0
                                  GROUP BY c HAVING sum(by_shuffle) <> 100) x), 0::bigint,
          'percent_of_total adds up to 100 in every partition with a positive total');

-- ---------------------------------------------------------------------------
-- allocate: 4,000 cases, totals of both signs up to 10^12 cents, weights with
-- 0 to 4 decimals, some zero, some all equal (ties).
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE aline ON COMMIT DROP AS
SELECT c, k, CASE WHEN c % 7 = 0 THEN 1::numeric
                  WHEN r1 < 0.1 AND k > 1 THEN 0::numeric
                  ELSE greatest(round((0.0001 + r2 * power(10, floor(r3 * 7)))::numeric, c % 5),
                                CASE WHEN k = 1 THEN 1 ELSE 0 END) END AS w,
       random() AS shuffle
  FROM (SELECT c, k, random() r1, random() r2, random() r3
          FROM generate_series(1, 4000) c, generate_series(1, 12) k
         WHERE k <= 1 + c % 12) s;
CREATE TEMP TABLE acase ON COMMIT DROP AS
SELECT c, amount_from_cents(((random() * 2 - 0.5) * power(10, floor(random() * 13)))::bigint) AS total,
       array_agg(w ORDER BY k) AS ws,
       array_agg(amount_from_cents((w * 10000)::bigint) ORDER BY k) AS ws_amount,
       sum(w) AS wsum
  FROM aline GROUP BY c;
CREATE TEMP TABLE ares ON COMMIT DROP AS
SELECT a.c, u.k, a.total, a.wsum, l.w, u.cents, v.cents AS cents_by_amount
  FROM acase a
 CROSS JOIN LATERAL unnest(allocate(a.total, a.ws)) WITH ORDINALITY u(cents, k)
 CROSS JOIN LATERAL unnest(allocate(a.total, a.ws_amount)) WITH ORDINALITY v(cents, k2)
  JOIN aline l ON l.c = a.c AND l.k = u.k
 WHERE v.k2 = u.k;

SELECT is((SELECT count(*) FROM ares), (SELECT count(*) FROM aline), 'allocate returns one amount per weight');
SELECT is((SELECT count(*) FROM (SELECT c FROM ares GROUP BY c, total HAVING sum(cents) <> total) x), 0::bigint,
          'allocate adds up to exactly the total in every case');
SELECT is((SELECT count(*) FROM ares WHERE abs(cents(cents) * wsum - cents(total) * w) >= wsum), 0::bigint,
          'each allocated amount is within one cent of the exact proportional value');
SELECT is((SELECT count(*) FROM ares WHERE cents IS DISTINCT FROM cents_by_amount), 0::bigint,
          'allocate over amount[] weights equals allocate over the same numeric weights');
CREATE TEMP TABLE aref ON COMMIT DROP AS
SELECT c, k, sign(t) * (fl + CASE WHEN rk <= abs(t) - sum(fl) OVER (PARTITION BY c) THEN 1 ELSE 0 END) AS cents
  FROM (SELECT c, k, t, fl, row_number() OVER (PARTITION BY c ORDER BY rem DESC, iw DESC, k) AS rk
          FROM (SELECT c, k, t, iw, div(abs(t) * iw, iwsum) AS fl, mod(abs(t) * iw, iwsum) AS rem
                  FROM (SELECT c, k, cents(total)::numeric AS t, w * 10000 AS iw,
                               sum(w * 10000) OVER (PARTITION BY c) AS iwsum FROM ares) x) y) z;
SELECT is((SELECT count(*) FROM ares JOIN aref USING (c, k) WHERE cents(ares.cents) <> aref.cents), 0::bigint,
          'allocate agrees with a plain-SQL largest-remainder reference');

CREATE TEMP TABLE awin ON COMMIT DROP AS
SELECT l.c, l.k, l.w,
       allocate(a.total, l.w) OVER (PARTITION BY l.c ORDER BY l.k) AS by_k,
       allocate(a.total, l.w) OVER (PARTITION BY l.c ORDER BY l.shuffle) AS by_shuffle,
       allocate(a.total, amount_from_cents((l.w * 10000)::bigint)) OVER (PARTITION BY l.c ORDER BY l.k) AS by_amount
  FROM aline l JOIN acase a USING (c);
SELECT is((SELECT count(*) FROM awin JOIN ares USING (c, k) WHERE awin.by_k <> ares.cents), 0::bigint,
          'allocate() OVER (ORDER BY k) equals allocate over the ordered array');
SELECT is((SELECT count(*) FROM awin WHERE by_amount <> by_k), 0::bigint,
          'the amount-weight window form equals the numeric-weight window form');
SELECT is((SELECT count(*) FROM ((SELECT c, w, by_k FROM awin EXCEPT ALL SELECT c, w, by_shuffle FROM awin)
                                 UNION ALL
                                 (SELECT c, w, by_shuffle FROM awin EXCEPT ALL SELECT c, w, by_k FROM awin)) x),
          0::bigint, 'allocate() OVER gives the same (weight, amount) pairs in shuffled row order');
SELECT is((SELECT count(*) FROM (SELECT c FROM awin JOIN acase USING (c) GROUP BY c, total
                                  HAVING sum(by_shuffle) <> total) x), 0::bigint,
          'allocate() OVER adds up to the total in every partition');

-- ---------------------------------------------------------------------------
-- Large inputs: 100,000 elements
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE big ON COMMIT DROP AS
SELECT i, amount_from_cents((random() * 1000000)::bigint) AS a FROM generate_series(1, 100000) i;
SELECT is((SELECT sum(p) FROM unnest(round_percents((SELECT array_agg(a ORDER BY i) FROM big))) p), 100.0,
          'round_percents of 100,000 parts adds up to 100.0');
SELECT is((SELECT sum(p) FROM unnest(round_percents((SELECT array_agg(a ORDER BY i) FROM big), 10)) p), 100.0000000000,
          'round_percents of 100,000 parts to 10 decimals adds up to 100');
SELECT is((SELECT sum(x) FROM unnest(allocate(1000000.01::amount, (SELECT array_agg(a::numeric ORDER BY i) FROM big))) x),
          1000000.01::amount, 'allocate over 100,000 weights adds up to the total');
SELECT is((SELECT sum(p) FROM (SELECT percent_of_total(a, 2) OVER () p FROM big) x), 100.00,
          'percent_of_total over a 100,000-row partition adds up to 100');
SELECT is((SELECT count(*) FROM unnest(round_percents(array_fill(NULL::amount, ARRAY[100000]))) p WHERE p IS NULL),
          100000::bigint, '100,000 NULL parts give 100,000 NULL percentages');

-- ---------------------------------------------------------------------------
-- Bad inputs: a clear error or the documented NULL, never a crash
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT round_percents('{1,-2}'::amount[])$$, '22023', 'part must not be negative: "-2.00"',
                 'round_percents: negative part');
SELECT throws_ok($$SELECT percent_of_total(v) OVER () FROM (VALUES (1::amount), (-1::amount)) t(v)$$, '22023',
                 'part must not be negative: "-1.00"', 'percent_of_total: negative part');
SELECT throws_ok($$SELECT allocate(1::amount, ARRAY[1, -1])$$, '22023', 'weight must not be negative: "-1"',
                 'allocate: negative numeric weight');
SELECT throws_ok($$SELECT allocate(1::amount, '{1,-1}'::amount[])$$, '22023', 'weight must not be negative: "-1.00"',
                 'allocate: negative amount weight');
SELECT throws_ok($$SELECT allocate(1::amount, ARRAY[0, 0])$$, '22012', 'total weight is zero',
                 'allocate: zero total weight');
SELECT throws_ok($$SELECT allocate(1::amount, '{}'::numeric[])$$, '22012', 'total weight is zero',
                 'allocate: empty weights');
SELECT throws_ok($$SELECT allocate(1::amount, v) OVER () FROM (VALUES (0::numeric), (NULL)) t(v)$$, '22012',
                 'total weight is zero', 'allocate() OVER: zero total weight');
SELECT throws_ok($$SELECT share(1::amount, -1::amount)$$, '22023', 'whole must not be negative: "-1.00"',
                 'share: negative whole');
SELECT throws_ok($$SELECT allocate(1::amount, ARRAY[1, 'NaN']::numeric[])$$, '22023',
                 'weight is not a finite number: "NaN"', 'allocate: NaN weight');
SELECT throws_ok($$SELECT allocate(1::amount, ARRAY[1e-15, 1e15])$$, '22003', NULL,
                 'allocate: weights too far apart to scale exactly');
SELECT throws_ok($$SELECT round_percents('{{1},{2}}'::amount[])$$, '2202E', NULL,
                 'round_percents: two-dimensional array');
CREATE FUNCTION pg_temp.raises_22023(d int) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    n int := 0;
BEGIN
    BEGIN PERFORM percent(1::amount, 3::amount, d);
    EXCEPTION WHEN invalid_parameter_value THEN n := n + 1; END;
    BEGIN PERFORM round_percents('{1,2}'::amount[], d);
    EXCEPTION WHEN invalid_parameter_value THEN n := n + 1; END;
    BEGIN PERFORM percent_of_total(v, d) OVER () FROM (VALUES (1::amount)) t(v);
    EXCEPTION WHEN invalid_parameter_value THEN n := n + 1; END;
    RETURN n = 3;
END $$;
SELECT is((SELECT array_agg(d ORDER BY d) FROM generate_series(-3, 14) d WHERE pg_temp.raises_22023(d)),
          ARRAY[-3, -2, -1, 11, 12, 13, 14],
          'digits outside 0..10, and only they, are refused by percent, round_percents and percent_of_total');
SELECT is((SELECT count(*) FROM generate_series(0, 10) d
            WHERE (SELECT sum(p) FROM unnest(round_percents('{1,1,1,1,1,1,1}'::amount[], d)) p) = 100),
          11::bigint, 'every digits from 0 to 10 adds up to 100');
SELECT is(share(NULL, 1::amount), NULL, 'share of NULL is NULL');
SELECT is(share(1::amount, 0::amount), NULL, 'share of a zero whole is NULL');
SELECT is(percent(1::amount, 0::amount), NULL, 'percent of a zero whole is NULL');
SELECT is(round_percents(NULL), NULL, 'round_percents(NULL) is NULL');
SELECT is(round_percents('{1}'::amount[], NULL), NULL, 'round_percents with NULL digits is NULL');
SELECT is(round_percents('{0,0,NULL}'::amount[]), '{NULL,NULL,NULL}'::numeric[], 'a zero total gives NULLs');
SELECT is(round_percents('{}'::amount[]), '{}'::numeric[], 'an empty array gives an empty array');
SELECT is(allocate(NULL, ARRAY[1]), NULL, 'allocate of a NULL total is NULL');

SELECT * FROM finish();
ROLLBACK;
