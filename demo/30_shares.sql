-- shares: the MEL 2021 co-financing plan, each share rounded on its own and
-- rounded so that the column adds up to 100; then a cent-exact split.
-- Runs on its own too (psql -f demo/30_shares.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
\echo
\echo '== shares: who pays what part of the 753,091.00 budget =='
CREATE TEMP TABLE demo_shares (n int, funder text, amount amount);
INSERT INTO demo_shares VALUES
  (1, 'Métropole Européenne de Lille', 35000), (2, 'État (DIRECCTE)', 284000),
  (3, 'Région Hauts-de-France', 240400), (4, 'Département du Pas-de-Calais', 25575),
  (5, 'Autres collectivités', 39350), (6, 'Fonds propres APES', 128766);
SELECT funder, amount,
       percent(amount, sum(amount) OVER ()) AS "% each rounded",
       percent_of_total(amount) OVER (ORDER BY n) AS "% adding up to 100"
  FROM demo_shares ORDER BY n;
SELECT (SELECT sum(percent(amount, 753091::amount)) FROM demo_shares) AS "each rounded: total",
       (SELECT sum(p) FROM unnest((SELECT round_percents(array_agg(amount ORDER BY n)) FROM demo_shares)) p)
         AS "largest remainder: total";
\echo 'A 1,000,000.01 grant split 60/20/20, and 0.05 split three ways: every cent accounted for'
SELECT allocate(1000000.01::amount, ARRAY[60, 20, 20]) AS "60/20/20",
       allocate(0.05::amount, ARRAY[1, 1, 1]) AS "three ways";
