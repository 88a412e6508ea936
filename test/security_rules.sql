-- pgTAP: the rule table refuses rows that would break the issue views, and
-- keeps the bookkeeping that lets a user's rule set survive pg_dump and
-- pg_restore (test/t_dump_restore.sh restores it for real).
--  * an aid_scheme that is no regular expression is refused on INSERT and
--    UPDATE with 2201B and a message naming the rule; a CHECK constraint
--    refuses it even with the validating trigger disabled;
--  * 300 generated rule rows (nasty patterns, extreme ratios and years, every
--    kind): after each one the table accepts, every issue view still answers;
--  * editing a pre-filled row takes it over (builtin = false); a pre-filled
--    row's id is derived from its code; a row inserted with the code of an
--    untouched pre-filled row replaces it; a deletion is recorded.
BEGIN;
SET LOCAL search_path = public, pubfin;
SET LOCAL client_min_messages = warning;
SELECT plan(20);

\i test/fixtures/mel_apes_2021.sql
-- subsidies and plan lines that the patterns are matched against
INSERT INTO pubfin.subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, currency, aid_scheme)
SELECT f.id, b.id, 'Aide ' || g, 2019 + g % 4, (g * 1000)::numeric::amount, 'EUR',
       (ARRAY['de minimis', 'FEDER (axe 1)', 'régime [SA.40453]', NULL, 'minimis*'])[1 + g % 5]
  FROM generate_series(1, 25) g,
       (SELECT id FROM pubfin.organization WHERE kind = 'intercommunal' LIMIT 1) f,
       (SELECT id FROM pubfin.organization WHERE kind = 'association' LIMIT 1) b;

-- ---------------------------------------------------------------------------
-- 1. a bad pattern is refused with a clear error
-- ---------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO rule (code, kind, title, description, severity, max_ratio, aid_scheme)
                   VALUES ('bad_regex', 'funding_cap', 'Bad', 'Bad pattern', 'warning', 0.8, 'FEDER (axe 1')$$,
                 '2201B', 'invalid aid_scheme for rule bad_regex: "FEDER (axe 1" is not a regular expression',
                 'INSERT of an aid_scheme that does not compile: 2201B naming the rule and the pattern');
SELECT throws_ok($$UPDATE rule SET aid_scheme = '[minimis' WHERE code = 'de_minimis_2023'$$,
                 '2201B', 'invalid aid_scheme for rule de_minimis_2023: "[minimis" is not a regular expression',
                 'UPDATE to such an aid_scheme: 2201B');
SELECT is(regex_error('a{2,1}') IS NOT NULL AND regex_error('minimis') IS NULL AND regex_error('(') IS NOT NULL, true,
          'regex_error() tells a bad pattern from a good one without raising');
ALTER TABLE rule DISABLE TRIGGER rule_before_write;
SELECT throws_ok($$INSERT INTO rule (code, kind, title, description, severity, max_ratio, aid_scheme)
                   VALUES ('bad_regex', 'funding_cap', 'Bad', 'Bad pattern', 'warning', 0.8, '*')$$,
                 '23514', NULL, 'with the trigger disabled, the CHECK constraint still refuses it');
ALTER TABLE rule ENABLE TRIGGER rule_before_write;
SELECT lives_ok($$SELECT count(*) FROM issues$$, 'the issue views answer');

-- ---------------------------------------------------------------------------
-- 2. no row the table accepts breaks a view
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE gen_outcome (n int, accepted boolean, view_error text);
DO $$
DECLARE
    kinds text[] := ARRAY['plan_balance', 'plan_gap', 'funding_cap', 'owner_min_share', 'declared_percent',
                          'funding_path', 'convention_required', 'de_minimis', 'scdl_percentage_range',
                          'scdl_percentage_sum', 'appropriation', 'budget_hierarchy', 'section_balance'];
    patterns text[] := ARRAY['minimis', '(', ')', '[', '*', '+', '?', 'a{2,1}', '\', 'a**', '(?', '[[:foo:]]',
                             '(a)\2', 'x{1000}', '((((((((((a))))))))))', '^$', '', '.*', 'FEDER \(axe 1\)',
                             '[SA.40453]', 'é', '(?i)x', '***', 'a{,', '\m\M', NULL];
    ratios numeric[] := ARRAY[0, 0.01, 1, 1000, 1001, 1e300, -1, NULL, 0.5, 0.2];
    n int;
    v text;
    ok boolean;
BEGIN
    FOR n IN 1..300 LOOP
        ok := true;
        BEGIN
            INSERT INTO pubfin.rule (code, kind, title, description, severity, threshold_amount, min_ratio, max_ratio,
                                     years, aid_scheme, funder_kinds, valid_from, valid_to)
            VALUES ('gen_' || n, kinds[1 + n % 13], 'Generated', 'Generated rule', 'info',
                    (ARRAY['0', '0.01', '-92233720368547758.07', '92233720368547758.07'])[1 + n % 4]::pubfin.amount,
                    ratios[1 + (n * 7) % 10], ratios[1 + (n * 3) % 10], (ARRAY[1, 3, 100, 101, 2147483647, 3])[1 + n % 6],
                    patterns[1 + (n * 11) % 26], CASE WHEN n % 3 = 0 THEN ARRAY['intercommunal', NULL] END,
                    CASE WHEN n % 4 = 0 THEN DATE '2020-01-01' END, CASE WHEN n % 6 = 0 THEN DATE '2021-12-31' END);
        EXCEPTION WHEN check_violation OR not_null_violation OR invalid_regular_expression THEN
            ok := false;
        END;
        v := NULL;
        IF ok THEN
            BEGIN
                PERFORM count(*) FROM pubfin.issues;
            EXCEPTION WHEN OTHERS THEN
                v := SQLSTATE || ': ' || SQLERRM;
            END;
        END IF;
        INSERT INTO gen_outcome VALUES (n, ok, v);
    END LOOP;
END $$;
SELECT is((SELECT string_agg(n || ' ' || view_error, '; ') FROM gen_outcome WHERE view_error IS NOT NULL), NULL,
          'after each of 300 generated rows the table accepted, the issue views answer');
SELECT cmp_ok((SELECT count(*) FROM gen_outcome WHERE accepted), '>', 20::bigint, 'many generated rows were accepted');
SELECT cmp_ok((SELECT count(*) FROM gen_outcome WHERE NOT accepted), '>', 50::bigint, 'many generated rows were refused');
SELECT cmp_ok((SELECT count(*) FROM issues WHERE rule_code LIKE 'gen_%'), '>', 0::bigint,
              'generated rules do report issues (the views read them)');
DELETE FROM rule WHERE code LIKE 'gen_%';
DELETE FROM rule_deleted WHERE code LIKE 'gen_%';

-- ---------------------------------------------------------------------------
-- 3. the bookkeeping that pg_dump relies on
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM rule WHERE builtin AND id >= 0), 0::bigint, 'pre-filled rows have negative ids');
SELECT is((SELECT id FROM rule WHERE code = 'funding_path'),
          -(hashtextextended('funding_path', 0) & 9223372036854775807) - 1,
          'a pre-filled row''s id is derived from its code');
SELECT is((SELECT count(*) FROM rule WHERE builtin AND id <> -(hashtextextended(code, 0) & 9223372036854775807) - 1), 0::bigint,
          'every pre-filled row''s id is derived from its code');
UPDATE rule SET severity = 'error' WHERE code = 'funding_path';
SELECT is((SELECT builtin FROM rule WHERE code = 'funding_path'), false, 'an edit takes a pre-filled row over (builtin = false)');
UPDATE rule SET severity = severity WHERE code = 'declared_percent';
SELECT is((SELECT builtin FROM rule WHERE code = 'declared_percent'), true, 'an UPDATE that changes nothing leaves it pre-filled');
SELECT throws_ok($$UPDATE rule SET builtin = true WHERE code = 'funding_path'$$, '23514',
                 'rule funding_path: builtin cannot be set back to true', 'builtin cannot be set back to true');
INSERT INTO rule (code, kind, title, description, severity)
VALUES ('budget_hierarchy', 'budget_hierarchy', 'My hierarchy rule', 'Mine', 'warning');
SELECT is((SELECT array_agg(title || '/' || builtin || '/' || (id > 0)) FROM rule WHERE code = 'budget_hierarchy'),
          ARRAY['My hierarchy rule/false/true'], 'a row with the code of an untouched pre-filled row replaces it');
SELECT throws_ok($$INSERT INTO rule (code, kind, title, description, severity)
                   VALUES ('funding_path', 'funding_path', 'Again', 'Again', 'info')$$,
                 '23505', NULL, 'a row with the code of an edited rule is a duplicate');
DELETE FROM rule WHERE code IN ('section_balance', 'budget_hierarchy');
SELECT is((SELECT array_agg(code ORDER BY code) FROM rule_deleted), ARRAY['budget_hierarchy', 'section_balance'],
          'deleting rules records their codes');
INSERT INTO rule (code, kind, title, description, severity)
VALUES ('section_balance', 'section_balance', 'Back', 'Back', 'info');
SELECT is((SELECT array_agg(code ORDER BY code) FROM rule_deleted), ARRAY['budget_hierarchy'],
          'inserting a rule of a deleted code removes the record');
-- what a restore does: the install script re-creates the pre-filled rows, then the dump's rows come back
DELETE FROM rule_deleted;
INSERT INTO rule_deleted (code) VALUES ('unfunded_gap');
SELECT is((SELECT count(*) FROM rule WHERE code = 'unfunded_gap'), 0::bigint,
          'a restored deletion deletes the re-created pre-filled row');

SELECT * FROM finish();
ROLLBACK;
