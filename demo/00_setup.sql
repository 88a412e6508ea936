-- pubfin demo: runs in a throwaway cluster (make demo).
\pset footer off
\pset null '∅'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
SET search_path = public, pubfin;
\echo
\echo '== pubfin' `date +%Y-%m-%d` '=='
SELECT pubfin_version() AS "pubfin version";
