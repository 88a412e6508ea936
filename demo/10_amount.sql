-- amount: exact money, parsed from French-formatted text, summed and formatted back
-- Runs on its own too (psql -f demo/10_amount.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
\echo
\echo '== amount: the 2021 MEL-APES co-financing plan, as written in the decision =='
CREATE TEMP TABLE demo_plan (funder text, written text);
INSERT INTO demo_plan VALUES
  ('Métropole Européenne de Lille', '35 000 €'),
  ('État (DIRECCTE)', '284 000,00 €'),
  ('Région Hauts-de-France', '240 400 €'),
  ('Département du Pas-de-Calais', '25 575 €'),
  ('Autres collectivités', '39 350,00 €'),
  ('Fonds propres APES', '128 766 €');
SELECT funder, written AS "as written", written::amount AS amount FROM demo_plan;
SELECT sum(written::amount) AS total,
       format_amount(sum(written::amount), 'fr') AS "total (fr)",
       format_amount(sum(written::amount), 'en') AS "total (en)",
       sum(written::amount) = 753091 AS "equals the 753,091 budget"
  FROM demo_plan;
\echo 'Ambiguous text is refused, never guessed:'
SELECT x AS text, amount_error(x) AS error
  FROM unnest(ARRAY['1,234.56', '35 00', '12,345']) AS x;
