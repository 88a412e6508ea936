-- Rules as data and the issue views: every pre-filled rule with one case
-- that passes and one that fails, validity dates, scope, disabled rules and
-- a rule added by a user.
SET search_path = public, pubfin;
SET datestyle = ISO;

-- The pre-filled rules, their parameters and validity
SELECT code, kind, severity, enabled, valid_from, valid_to, threshold_amount AS amount,
       min_ratio, max_ratio, years, aid_scheme
  FROM rule ORDER BY kind, code;
SELECT code, source_ref FROM rule WHERE builtin ORDER BY code;

-- percent_matches: 35,000.00 of 753,091.00 is 4.6475... %
SELECT d AS declared, percent_matches(d, '35000', '753091') AS matches
  FROM unnest(ARRAY[4.6, 4.7, 4.5, 4.60, 4.64, 4.65, 4.66, 5, 4, 4.6475, 4.6476]) AS d;
SELECT percent_matches(50, '1', '2') AS exact, percent_matches(50.1, '1', '2') AS not_exact,
       percent_matches(-4.6, '-35000', '753091') AS negative, percent_matches(1, '1', '0') AS zero_whole;
SELECT percent_matches('NaN', '1', '2');

-- ---------------------------------------------------------------------------
-- The MEL-APES case: MEL's Bureau grants 35,000.00 to APES for 2021; APES's
-- forecast budget is 753,091.00; MEL's line states 4.6 %.
-- ---------------------------------------------------------------------------
INSERT INTO organization (name, kind) VALUES
  ('Métropole Européenne de Lille', 'intercommunal'),   -- 1
  ('APES', 'association'),                              -- 2
  ('État (DIRECCTE)', 'state'),                         -- 3
  ('Région Hauts-de-France', 'region'),                 -- 4
  ('Département du Pas-de-Calais', 'department'),       -- 5
  ('Valenciennes Métropole', 'intercommunal');          -- 6
INSERT INTO decision (funder_id, body, reference, title, decided_on, enforceable_on, vote_result)
VALUES (1, 'Bureau de la Métropole', '21-B-0100', 'Subvention APES 2021', '2021-03-26', '2021-04-02', 'unanimité');
INSERT INTO subsidy (funder_id, beneficiary_id, decision_id, object, fiscal_year, amount, section)
VALUES (1, 2, 1, 'Fonctionnement 2021', 2021, '35000', 'operating');
INSERT INTO financing_plan (beneficiary_id, title, fiscal_year, total_cost, section)
VALUES (2, 'APES budget prévisionnel 2021', 2021, '753091', 'operating');
INSERT INTO financing_line (plan_id, funder_id, label, amount, kind, status, declared_percent, subsidy_id) VALUES
  (1, 3, 'État (DIRECCTE)', '284000', 'public_grant', 'requested', NULL, NULL),
  (1, 4, 'Région Hauts-de-France', '240400', 'public_grant', 'requested', NULL, NULL),
  (1, 5, 'Département du Pas-de-Calais', '25575', 'public_grant', 'requested', NULL, NULL),
  (1, 1, 'MEL', '35000', 'public_grant', 'agreed', 4.6, 1),
  (1, 6, 'Autres collectivités', '39350', 'public_grant', 'requested', NULL, NULL);

-- No error; the unfunded gap is information; the convention is missing
SELECT entity, entity_id, rule_code, severity, message FROM issues ORDER BY rule_code;
-- MEL's declared 4.6 % is accepted, and rule 3 (owner's minimum share) is out of scope
SELECT count(*) FILTER (WHERE rule_code = 'declared_percent') AS declared_percent_issues,
       count(*) FILTER (WHERE rule_code = 'owner_min_share') AS owner_min_share_issues,
       count(*) FILTER (WHERE severity = 'error') AS errors
  FROM issues;
-- With a convention date recorded the 23,000 rule is satisfied
UPDATE subsidy SET convention_date = '2021-04-15' WHERE id = 1;
SELECT entity, entity_id, rule_code, severity, message FROM issues ORDER BY rule_code;
-- A user cap on public funding names the figures of the decision
INSERT INTO rule (code, kind, title, description, severity, max_ratio, funder_kinds)
VALUES ('public_cap_80', 'funding_cap', 'Public funding at most 80 % of the cost',
        'Example cap on public funding', 'warning', 0.80, public_kinds());
SELECT rule_code, severity, message, measured, threshold FROM plan_issues WHERE rule_code = 'public_cap_80';
DELETE FROM rule WHERE code = 'public_cap_80';

-- ---------------------------------------------------------------------------
-- Plans: one passing and one failing case per rule
-- ---------------------------------------------------------------------------
INSERT INTO organization (name, kind) VALUES
  ('Commune de Lens', 'municipality'),          -- 7
  ('Association Théâtre', 'association'),       -- 8
  ('Fondation Mécène', 'foundation'),           -- 9
  ('Union européenne (FEDER)', 'eu');           -- 10
INSERT INTO financing_plan (beneficiary_id, title, fiscal_year, total_cost, complete, section) VALUES
  (8, 'P2 complete and balanced', 2022, '100000', true, 'operating'),        -- 2
  (8, 'P3 complete, unbalanced', 2022, '100000', true, 'operating'),         -- 3
  (8, 'P4 incomplete, fully funded', 2022, '100000', false, 'operating'),    -- 4
  (8, 'P5 over-funded', 2022, '100000', false, 'operating'),                 -- 5
  (7, 'P6 school roof, owner pays 23 %', 2022, '130000', true, 'investment'),-- 6
  (7, 'P7 stadium, owner pays 10 %', 2022, '100000', true, 'investment'),    -- 7
  (7, 'P8 as P7, section unknown', 2022, '100000', true, NULL);              -- 8
INSERT INTO financing_line (plan_id, funder_id, label, amount, kind, status, declared_percent) VALUES
  (2, 4, 'Région', '60000', 'public_grant', 'voted', 60),
  (2, NULL, 'Fonds propres', '40000', 'own_funds', 'requested', 40.0),
  (3, 4, 'Région', '60000', 'public_grant', 'voted', 59.9),
  (3, NULL, 'Fonds propres', '30000', 'own_funds', 'requested', NULL),
  (4, 4, 'Région', '50000', 'public_grant', 'requested', NULL),
  (4, 9, 'Mécénat', '50000', 'private', 'requested', NULL),
  (5, 4, 'Région', '70000', 'public_grant', 'requested', NULL),
  (5, 9, 'Mécénat', '45000', 'private', 'requested', NULL),
  (6, 7, 'Autofinancement', '30000', 'own_funds', 'agreed', NULL),
  (6, 3, 'DETR', '100000', 'public_grant', 'agreed', NULL),
  (7, 7, 'Autofinancement', '10000', 'own_funds', 'agreed', NULL),
  (7, 4, 'Région', '90000', 'public_grant', 'agreed', NULL),
  (8, 7, 'Autofinancement', '10000', 'own_funds', 'agreed', NULL),
  (8, 4, 'Région', '90000', 'public_grant', 'agreed', NULL);
SELECT plan_id, line_id, rule_code, severity, message, measured, threshold
  FROM plan_issues WHERE plan_id > 1 ORDER BY plan_id, rule_code, line_id;

-- Funding path: an agreed line and its subsidy agree (plan 1, MEL) or differ
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, section)
VALUES (4, 7, 'Stade', 2022, '80000', 'investment');                            -- 2
UPDATE financing_line SET subsidy_id = 2 WHERE plan_id = 7 AND funder_id = 4;
SELECT plan_id, line_id, rule_code, severity, message, measured, threshold
  FROM plan_issues WHERE rule_code = 'funding_path';

-- ---------------------------------------------------------------------------
-- Subsidies: convention threshold, de minimis, SCDL shares
-- ---------------------------------------------------------------------------
INSERT INTO organization (name, kind, siren) VALUES
  ('Acme SAS', 'company', '732829320'),         -- 11
  ('Acme Nord SAS', 'company', '732829320');    -- 12 (same undertaking)
-- convention: 23,000.00 exactly is not above the threshold; 23,000.01 is; a State body is out of scope as a beneficiary
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount) VALUES
  (4, 8, 'Saison 2022', 2022, '23000'),              -- 3
  (4, 8, 'Festival 2022', 2022, '23000.01'),         -- 4
  (4, 7, 'Équipement', 2022, '500000');              -- 5
SELECT subsidy_id, rule_code, severity, message FROM subsidy_issues
 WHERE rule_code = 'convention_above_23000' AND subsidy_id > 2 ORDER BY subsidy_id;

-- de minimis: Acme received 100,000 (2021) and 50,000 (2022); an award of 100,000
-- for 2023 brings its three-year total to 250,000
INSERT INTO decision (funder_id, reference, decided_on) VALUES (5, 'CP-2023-12', '2023-12-15');  -- 2
INSERT INTO subsidy (funder_id, beneficiary_id, decision_id, object, fiscal_year, amount, aid_scheme, convention_date) VALUES
  (4, 11, NULL, 'Export', 2021, '100000', 'Règlement de minimis 1407/2013', '2021-05-01'),   -- 6
  (3, 12, NULL, 'Formation', 2022, '50000', 'De minimis', '2022-05-01'),                    -- 7
  (5, 11, 2, 'Innovation', 2023, '100000', 'Règlement (UE) 1407/2013 de minimis', '2024-02-01'); -- 8
-- decided in December 2023: judged under the 200,000 ceiling
SELECT subsidy_id, reference_date, rule_code, severity, message, measured, threshold
  FROM subsidy_issues WHERE rule_kind = 'de_minimis';
-- the same award decided in January 2024: judged under the 300,000 ceiling
UPDATE decision SET decided_on = '2024-01-10' WHERE id = 2;
SELECT subsidy_id, reference_date, rule_code, severity, message, measured, threshold
  FROM subsidy_issues WHERE rule_kind = 'de_minimis';
-- ... and a further 60,000 in 2024 (window 2022-2024: 210,000) stays under it
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, aid_scheme, convention_date)
VALUES (4, 11, 'Salon', 2024, '60000', 'de minimis', '2024-03-01');                          -- 9
SELECT count(*) AS de_minimis_issues FROM subsidy_issues WHERE rule_kind = 'de_minimis';

-- SCDL pourcentageSubvention: 0.005 is below 0.01; split S1 adds up to 1, split S2 does not
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, pourcentage_subvention, split_key, convention_date) VALUES
  (4, 8, 'Projet commun', 2022, '6000', 0.6, 'S1', '2022-01-10'),     -- 10
  (4, 9, 'Projet commun', 2022, '4000', 0.4, 'S1', '2022-01-10'),     -- 11
  (4, 8, 'Tournée', 2022, '5000', 0.5, 'S2', '2022-01-10'),           -- 12
  (4, 9, 'Tournée', 2022, '3000', 0.3, 'S2', '2022-01-10'),           -- 13
  (4, 8, 'Part infime', 2022, '50', 0.005, NULL, '2022-01-10');       -- 14
SELECT subsidy_id, rule_code, severity, message, measured, threshold
  FROM subsidy_issues WHERE rule_kind LIKE 'scdl%' ORDER BY subsidy_id, rule_code;

-- ---------------------------------------------------------------------------
-- Budgets: appropriations, hierarchy, section balance
-- ---------------------------------------------------------------------------
INSERT INTO organization (name, kind) VALUES
  ('Commune d''Arras', 'municipality'),         -- 13
  ('Commune de Béthune', 'municipality');       -- 14
INSERT INTO budget_line (funder_id, fiscal_year, section, direction, chapter, label, amount) VALUES
  (13, 2024, 'operating', 'expense', '65', '65 Subventions', '100000'),          -- 1
  (13, 2024, 'operating', 'expense', '011', '011 Charges générales', '50000'),   -- 2
  (13, 2024, 'operating', 'receipt', '74', '74 Dotations', '150000'),            -- 3
  (14, 2024, 'investment', 'expense', '204', '204 Subventions d''équipement', '1000000'),  -- 4
  (14, 2024, 'investment', 'receipt', '13', '13 Subventions reçues', '900000');            -- 5
INSERT INTO budget_line (funder_id, fiscal_year, section, direction, chapter, label, amount, parent_id) VALUES
  (13, 2024, 'operating', 'expense', '6574', '6574 Associations', '60000', 1),
  (13, 2024, 'operating', 'expense', '657362', '657362 CCAS', '40000', 1),
  (13, 2024, 'operating', 'expense', '60', '60 Achats', '30000', 2),
  (13, 2024, 'operating', 'expense', '61', '61 Services', '10000', 2);
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, budget_line_id, convention_date) VALUES
  (13, 8, 'Saison', 2024, '45000', 6, '2024-01-20'),
  (13, 9, 'Prix', 2024, '20000', 6, '2024-01-20'),
  (14, 8, 'Salle', 2024, '600000', 4, '2024-02-01');
SELECT entity, entity_id, rule_code, severity, message, measured, threshold
  FROM budget_issues ORDER BY entity, entity_id, rule_code;

-- ---------------------------------------------------------------------------
-- A disabled rule produces nothing
-- ---------------------------------------------------------------------------
SELECT count(*) AS gap_issues FROM issues WHERE rule_code = 'unfunded_gap';
UPDATE rule SET enabled = false WHERE code = 'unfunded_gap';
SELECT count(*) AS gap_issues FROM issues WHERE rule_code = 'unfunded_gap';
UPDATE rule SET enabled = true WHERE code = 'unfunded_gap';

-- ---------------------------------------------------------------------------
-- A user-defined rule with one INSERT: EU co-financing at most 85 % for FEDER lines
-- ---------------------------------------------------------------------------
INSERT INTO rule (code, kind, title, description, source_ref, severity, max_ratio, funder_kinds, aid_scheme)
VALUES ('feder_cap_85', 'funding_cap', 'FEDER co-financing at most 85 %',
        'Programme cap on the EU co-financing rate of a FEDER project', 'Programme FEDER 2021-2027, axe 1',
        'error', 0.85, '{eu}', 'FEDER');
INSERT INTO financing_plan (beneficiary_id, title, fiscal_year, total_cost, complete, section) VALUES
  (7, 'P9 FEDER at 90 %', 2023, '200000', true, 'investment'),     -- 9
  (7, 'P10 FEDER at 80 %', 2023, '200000', true, 'investment');    -- 10
INSERT INTO financing_line (plan_id, funder_id, label, amount, kind, status) VALUES
  (9, 10, 'FEDER 2021-2027', '180000', 'eu_funds', 'agreed'),
  (9, 7, 'Autofinancement', '20000', 'own_funds', 'agreed'),
  (10, 10, 'FEDER 2021-2027', '160000', 'eu_funds', 'agreed'),
  (10, 7, 'Autofinancement', '40000', 'own_funds', 'agreed');
SELECT plan_id, rule_code, severity, message, measured, threshold, source_ref
  FROM plan_issues WHERE plan_id IN (9, 10) ORDER BY plan_id, rule_code;

-- A rule of an unknown kind, or a cap without its ratio, is refused
INSERT INTO rule (code, kind, title, description, severity) VALUES ('x', 'no_such_kind', 't', 'd', 'error');
INSERT INTO rule (code, kind, title, description, severity) VALUES ('cap', 'funding_cap', 't', 'd', 'error');

-- ---------------------------------------------------------------------------
-- Everything in one list; only standard SQL types in the views
-- ---------------------------------------------------------------------------
SELECT severity, rule_code, count(*) FROM issues GROUP BY severity, rule_code ORDER BY severity, rule_code;
SELECT c.table_name, c.column_name, c.data_type
  FROM information_schema.columns c
 WHERE c.table_schema = 'pubfin'
   AND c.table_name IN ('plan_issues', 'subsidy_issues', 'budget_issues', 'issues')
   AND c.data_type NOT IN ('numeric', 'integer', 'bigint', 'text', 'date', 'boolean', 'jsonb');
