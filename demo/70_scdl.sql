-- SCDL subsidy files: load (with every bad record quarantined), publish.
-- Runs on its own too (psql -f demo/70_scdl.sql): the extension and the search_path it needs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pubfin;
RESET client_min_messages;
SET search_path = public, pubfin;
\echo
\echo '== load_scdl: a file in the SCDL 2.1.1 format, with the drifts of real files'
SET datestyle = ISO;
\set scdl 'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide\nVille de Poitiers,21860194600013,2016-12-05,2016-0391,Les Amis du Jazz,52499120500013,W333216789,Festival,10000,aide en numéraire,unique,2016-12-05/2017-12-05,,non,1,\nVille de Poitiers,21860194600013,05/12/2016,2016-0391,Club Nautique,"380 335 901 00027",,Régates,"12 800,50",Aide en Numéraire,unique,2016-12-06_2017-06-30,,Non,1,\nVille de Poitiers,21860194600013,2016-12-05,2016-0392,Théâtre A,44088714900027,,Tournée,9000.01,aide en nature,échelonné,2017-01-01/2017-06-30,,oui,0.5,\nVille de Poitiers,21860194600013,2016-12-05,2016-0392,Théâtre B,,W123456789,Tournée,9000.01,aide en nature,échelonné,2017-01-01/2017-06-30,,oui,0.5,\nVille de Poitiers,"7,86E+13",2016-13-45,,,44088714900000,W3222,Objet,1e3,subvention,unique,demain,123456,peut-être,100,\n'
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl(E:'scdl', 'poitiers-2016.csv');

\echo
\echo '== accepted: amount = montant x pourcentageSubvention to the cent, the halves of a split award adding up; what was normalised'
SELECT s.line, b.name, s.amount, s.award_amount, s.nature, s.convention_date, s.payment_period,
       (SELECT string_agg(w.message, E'\n' ORDER BY w.message) FROM subsidy_warning w WHERE w.subsidy_id = s.id) AS warnings
  FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id
 WHERE s.source = 'poitiers-2016.csv' ORDER BY s.line;

\echo
\echo '== quarantined, with every reason'
SELECT line, string_agg(message, E'\n' ORDER BY message) AS reasons
  FROM scdl_reject_reason WHERE source = 'poitiers-2016.csv' AND kind = 'reason' GROUP BY line ORDER BY line;

\echo
\echo '== the same records again, under another name: nothing inserted'
SELECT records_read, accepted, rejected, duplicates
  FROM load_scdl(replace(E:'scdl', E'\n', E'\r\n'), 'poitiers-2016-copie.csv');

\echo
\echo '== scdl_export: the 16 columns of SCDL 2.1.1, as the schema writes them'
SELECT "nomBeneficiaire", "idBeneficiaire", "dateConvention", montant, nature, "datesPeriodeVersement",
       "notificationUE", "pourcentageSubvention"
  FROM scdl_export WHERE "idAttribuant" = '21860194600013' ORDER BY "referenceDecision", "nomBeneficiaire";
