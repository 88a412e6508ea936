-- pgTAP: the extension's objects are where the contract puts them.
BEGIN;
SELECT plan(3);
SELECT has_extension('pubfin', 'pubfin is installed');
SELECT has_schema('pubfin', 'schema pubfin exists');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'pubfin'), false,
          'pubfin is not relocatable');
SELECT * FROM finish();
ROLLBACK;
