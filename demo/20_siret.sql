-- siren, siret, rna: French organization identifiers, checked on the way in
-- Runs on its own too (psql -f demo/20_siret.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
\echo
\echo '== siret: beneficiaries as the Maine-et-Loire file writes them (SCDL, 2017-2018) =='
CREATE TEMP TABLE demo_ids (beneficiary text, written text);
INSERT INTO demo_ids VALUES
  ('ACCORDANCE EN 2LA', '82 212 742 900 014'),
  ('LA VAILLANTE SPORT ANGERS - TENNIS DE TABLE', '45 297 781 200 018'),
  ('(funder) Département de Maine-et-Loire', '224 900 019 000 15'''),
  ('(turned into scientific notation)', '7,86E+13'),
  ('(a mistyped digit)', '33 452 381 900 011');
SELECT beneficiary, written AS "as written", siret_error(written) IS NULL AS valid FROM demo_ids;
\echo 'Valid values become 8-byte siret values; the others are kept aside with the reason:'
SELECT written::siret AS siret, siren(written::siret) AS siren, nic(written::siret) AS nic,
       format_siret(written::siret) AS formatted
  FROM demo_ids WHERE siret_error(written) IS NULL;
SELECT written AS rejected, siret_error(written) AS reason FROM demo_ids WHERE siret_error(written) IS NOT NULL;
\echo 'A SIREN error says which last digit would make it valid; La Poste follows its own rule:'
SELECT siren_error('552100555') AS siren_error,
       '35600000049837'::siret AS "La Poste establishment (digit sum 45)";
\echo 'RNA numbers of associations are upper-cased and checked for shape:'
SELECT 'w595012345'::rna AS rna, rna_error('W59501234') AS error;
