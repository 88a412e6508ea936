-- Installs pubfin into the regression database; every other test uses it.
SET client_min_messages = warning;
CREATE EXTENSION pubfin;
RESET client_min_messages;
SELECT extname, extversion, extrelocatable, nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'pubfin';
SELECT pubfin.pubfin_version() = extversion AS library_matches_script
  FROM pg_extension WHERE extname = 'pubfin';
