-- Rules as data: thresholds with their legal sources, and the breaches they find.
-- Runs on its own too (psql -f demo/60_rules.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
\echo
\echo '== rules: thresholds as data, each with its source'
SELECT code, severity, COALESCE(threshold_amount::text, concat_ws(' to ', min_ratio, max_ratio)) AS threshold,
       COALESCE(valid_from::text, '') AS "from", COALESCE(valid_to::text, '') AS "to", source_ref
  FROM rule ORDER BY kind, code;

\echo
\echo '== percent_matches: is "4,6 %" a correct rounding of 35,000.00 / 753,091.00?'
SELECT d AS declared, percent_matches(d, '35000', '753091') AS correct
  FROM unnest(ARRAY[4.6, 4.7, 4.5]) AS d;

\echo
\echo '== issues: every breach in the data loaded so far'
SELECT severity, rule_code, entity, entity_id, message FROM issues ORDER BY severity, rule_code, entity_id;
