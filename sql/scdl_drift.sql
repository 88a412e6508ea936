-- load_scdl on the drift real publishers produce: one small file per case.
SET search_path = public, pubfin;
SET datestyle = ISO;
BEGIN;
CREATE TEMP VIEW h AS SELECT 'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide' || E'\n' AS header;

-- 1. A column absent from the header is an empty value: the file loads,
-- the header warnings say so once, and the records carry no warning about it.
SELECT records_read, accepted, rejected, accepted_with_warnings
  FROM load_scdl(E'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,pourcentageSubvention\n'
              || E'Ville de Poitiers,21860194600013,2019-03-01,Club A,44088714900027,Stage,1000,aide en numéraire,unique,2019-03-01,1\n', 'd1.csv');
SELECT unnest(header_warnings) AS header_warning FROM load_log WHERE source = 'd1.csv';
-- Only a header with no SCDL column at all is refused.
SAVEPOINT s;
SELECT * FROM load_scdl(E'a;b\n1;2\n', 'd1-none.csv');
ROLLBACK TO SAVEPOINT s;

-- 2. Encodings.  A UTF-8 byte order mark followed by WIN1252 text; no
-- encoding stated: read as WIN1252, said once.
SELECT records_read, accepted FROM load_scdl(
    '\xefbbbf'::bytea || (SELECT convert_to(header || E'Ville de Poitiers,21860194600013,2019-03-02,,Œuvre des Écoles,44088714900035,,Goûter,300,aide en numéraire,unique,2019-03-02,,non,1,\n', 'WIN1252') FROM h),
    'd2-bom.csv');
SELECT unnest(diagnostics) AS diagnostic FROM load_log WHERE source = 'd2-bom.csv';
SELECT b.name FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id WHERE s.source = 'd2-bom.csv';
-- Lines in UTF-8 and lines in WIN1252 in one file: each read in the
-- encoding that reads it, a warning on the WIN1252 ones.
SELECT records_read, accepted FROM load_scdl(
    (SELECT convert_to(header || E'Ville de Poitiers,21860194600013,2019-03-03,,Théâtre A,44088714900027,,Tournée été,300,aide en numéraire,unique,2019-03-03,,non,1,\n', 'UTF8') FROM h)
    || convert_to(E'Ville de Poitiers,21860194600013,2019-03-03,,Théâtre B,38033590100027,,Tournée hiver,300,aide en numéraire,unique,2019-03-03,,non,1,\n', 'WIN1252'),
    'd2-mixed.csv');
SELECT s.line, b.name, s.object, ARRAY(SELECT scdl_message(w) FROM unnest(s.warnings) w) AS warnings FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id
 WHERE s.source = 'd2-mixed.csv' ORDER BY s.line;
SELECT unnest(diagnostics) AS diagnostic FROM load_log WHERE source = 'd2-mixed.csv';
-- Declared in the wrong encoding: UTF-8 read as LATIN1 (Ã©), WIN1252 read
-- as LATIN1 (U+0092): a load-level warning names the likely encoding (and
-- the mangled nature is read as "aide en numéraire", with a warning).
SELECT accepted, rejected FROM load_scdl((SELECT convert_to(header || E'Ville de Poitiers,21860194600013,2019-03-04,,Théâtre C,52499120500013,,Été,300,aide en numéraire,unique,2019-03-04,,non,1,\n', 'UTF8') FROM h),
                               'd2-utf8-as-latin1.csv', 'LATIN1');
SELECT unnest(diagnostics) AS diagnostic FROM load_log WHERE source = 'd2-utf8-as-latin1.csv';
SELECT accepted FROM load_scdl((SELECT convert_to(header || E'Ville de Poitiers,21860194600013,2019-03-05,,L’école,52499120500013,,Fête de l’école,300,aide en numéraire,unique,2019-03-05,,non,1,\n', 'WIN1252') FROM h),
                               'd2-win-as-latin1.csv', 'LATIN1');
SELECT unnest(diagnostics) AS diagnostic FROM load_log WHERE source = 'd2-win-as-latin1.csv';

-- 3. Long texts are kept whole, with a warning.
SELECT records_read, accepted, rejected FROM load_scdl((SELECT header
  || 'Ville de Poitiers,21860194600013,2019-04-01,,Club A,44088714900027,,' || repeat('Objet très long ', 20)
  || ',500,aide en numéraire,' || repeat('versé en trois fois ', 15) || E',2019-04-01,,non,1,\n' FROM h), 'd3.csv');
SELECT char_length(object) AS objet_length, char_length(payment_terms) AS conditions_length, unnest(warnings) AS stored, scdl_message(unnest(warnings)) AS warning
  FROM subsidy WHERE source = 'd3.csv';

-- 4. Dates and periods written year first with slashes, day first with
-- "-" or ".", with a time of day; periods "du ... au ...", "... - ...".
-- "a year alone cannot start a period" only where a year stands alone.  A
-- date or period that cannot be read is left empty, with a warning and the
-- value kept in extra, when the other gives the year; when neither does,
-- the record is rejected with both reasons.
SELECT records_read, accepted, rejected FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2018/04/14,,Club A,44088714900027,,Dates,500,aide en numéraire,unique,2018/05/07_2019/05/06,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018/04/15,,Club A,44088714900027,,Années,500,aide en numéraire,unique,2018/2019,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,16-04-2018 10:30,,Club A,44088714900027,,Du au,500,aide en numéraire,unique,du 01.05.2018 au 30.04.2019,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,demain,,Club A,44088714900027,,Tiret,500,aide en numéraire,unique,01/05/2018 - 30/04/2019,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,,,Club A,44088714900027,,Sans année,500,aide en numéraire,unique,2018/2019,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-13-01,,Club A,44088714900027,,Rien,500,aide en numéraire,unique,bientôt,,non,1,\n'
  FROM h), 'd4.csv');
SELECT line, convention_date, payment_period, scdl_message(unnest(warnings)) AS warning FROM subsidy WHERE source = 'd4.csv' ORDER BY line;
SELECT line, extra FROM subsidy WHERE source = 'd4.csv' AND extra IS NOT NULL ORDER BY line;
SELECT line, unnest(reasons) AS stored, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'd4.csv' ORDER BY line;

-- 5. Header titles as publishers write them: case, accents, punctuation,
-- a trailing "*", usual variants (scdl_synonym, which users extend), and
-- an explicit mapping for the rest; the header warnings say how each
-- column was matched.
INSERT INTO scdl_synonym (synonym, field, note) VALUES ('Organisme financeur', 'nomAttribuant', 'seen in a regional file');
SELECT records_read, accepted, rejected FROM load_scdl(
    E'Organisme financeur;SIRET ATTRIBUANT*;Date de convention;Nom attributaire;Identification du bénéficiaire;Objet de la convention;Somme versée;Nature;Conditions de versement;Date de versement;Aide notifiée à l''Europe;Pourcentage du montant de la subvention attribué au bénéficiaire\n'
 || E'Ville de Poitiers;21860194600013;2019-05-01;Club A;44088714900027;Titres;700;aide en numéraire;unique;2019-05-01;non;1\n',
    'd5.csv', columns => '{"Somme versée": "montant"}');
SELECT unnest(header_warnings) AS header_warning FROM load_log WHERE source = 'd5.csv';
SELECT amount, object FROM subsidy WHERE source = 'd5.csv';
SAVEPOINT s;
SELECT * FROM load_scdl(E'nomAttribuant\n', 'd5-bad.csv', columns => '{"Somme": "somme"}');
ROLLBACK TO SAVEPOINT s;

-- 5b. Amounts as spreadsheets and people write them: "1.000,50 €",
-- "1,000.50", "1.000.000", "2 500 euros"; marks that are not groups of
-- three digits still reject.
SELECT records_read, accepted, rejected FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2018-04-14,,Club A,44088714900027,,Points,"1.000,50 €",aide en numéraire,unique,2018-05-07,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-04-14,,Club A,44088714900027,,Virgules,"1,000.50",aide en numéraire,unique,2018-05-07,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-04-14,,Club A,44088714900027,,Million,1.000.000,aide en numéraire,unique,2018-05-07,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-04-14,,Club A,44088714900027,,Euros,2 500 euros,aide en numéraire,unique,2018-05-07,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-04-14,,Club A,44088714900027,,Faux,"1.00,00",aide en numéraire,unique,2018-05-07,,non,1,\n'
  FROM h), 'd4b.csv');
SELECT line, amount, scdl_message(unnest(warnings)) AS warning FROM subsidy WHERE source = 'd4b.csv' ORDER BY line;
SELECT line, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'd4b.csv';

-- 6. One field too many from an unquoted French decimal: joined when that
-- gives a valid amount and the right count; otherwise the field count is
-- the record's one reason.
SELECT records_read, accepted, rejected FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2019-06-01,,Club A,44088714900027,,Virgule,100 000,00,aide en numéraire,unique,2019-06-01,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2019-06-02,,Club A,44088714900027,,Décalé,1000,aide en numéraire,unique,2019-06-02,,non,1,,en trop\n'
  FROM h), 'd6.csv');
SELECT amount, scdl_message(unnest(warnings)) AS warning FROM subsidy WHERE source = 'd6.csv';
SELECT line, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'd6.csv';

-- 7. Rows made only of delimiters or blanks are skipped and counted.
SELECT records_read, accepted, rejected, duplicates, blank FROM load_scdl((SELECT header
  || E',,,,,,,,,,,,,,,\n'
  || E'Ville de Poitiers,21860194600013,2019-07-01,,Club A,44088714900027,,Blancs,100,aide en numéraire,unique,2019-07-01,,non,1,\n'
  || E'   \n'
  || E' , , ,,\n'
  FROM h), 'd7.csv');

-- 8. A funder that is its own beneficiary is loaded, with a warning.
SELECT records_read, accepted, rejected FROM load_scdl((SELECT header
  || E'Département de la Gironde,22330001300016,2019-08-01,,Département de la Gironde,22330001300016,,FSE géré par le département,50000,aide en numéraire,unique,2019-08-01,,oui,1,\n'
  FROM h), 'd8.csv');
SELECT s.funder_id = s.beneficiary_id AS itself, s.warnings AS stored, scdl_message(s.warnings[1]) AS warning FROM subsidy s WHERE s.source = 'd8.csv';

-- 9. RNA numbers are read by the rna type's parser: a Corsican W2A...
-- number is accepted, as the type accepts it.
SELECT records_read, accepted, rejected FROM load_scdl((SELECT header
  || E'Ville de Bastia,21200033500019,2019-09-01,,Club corse,,W2A1002345,Tournoi,800,aide en numéraire,unique,2019-09-01,,non,1,\n'
  || E'Ville de Bastia,21200033500019,2019-09-01,,Club sans numéro,,W2A10023,Tournoi bis,800,aide en numéraire,unique,2019-09-01,,non,1,\n'
  FROM h), 'd9.csv');
SELECT b.rna, 'W2A1002345'::rna = b.rna AS same_as_type FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id WHERE s.source = 'd9.csv';
SELECT line, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'd9.csv';

-- 10. Organization kinds: derived from SIREN ranges (21 commune, 22
-- département, 23 région, 24/25 groupings), names and RNA numbers; the
-- funder's kind can be given; and the convention rule reports awards whose
-- kind is unknown instead of skipping them.
SELECT records_read, accepted FROM load_scdl((SELECT header
  || E'Département de Loire-Atlantique,22440002800011,2019-10-01,,Commune de Vertou,,,Voirie,30000,aide en numéraire,unique,2019-10-01,,non,1,\n'
  || E'Département de Loire-Atlantique,22440002800011,,,Région Pays de la Loire,23440003400026,,Lycées,30000,aide en numéraire,unique,2019-10-01,,non,1,\n'
  || E'Département de Loire-Atlantique,22440002800011,,,Nantes Métropole,24440042000018,,Transports,30000,aide en numéraire,unique,2019-10-01,,non,1,\n'
  || E'Département de Loire-Atlantique,22440002800011,,,Les Amis du Jazz,,W442000123,Festival,30000,aide en numéraire,unique,2019-10-01,,non,1,\n'
  || E'Département de Loire-Atlantique,22440002800011,,,SARL Dupont,,,Commerce,30000,aide en numéraire,unique,2019-10-01,,non,1,\n'
  FROM h), 'd10.csv');
SELECT o.name, o.kind FROM organization o
 WHERE o.id IN (SELECT funder_id FROM subsidy WHERE source = 'd10.csv' UNION SELECT beneficiary_id FROM subsidy WHERE source = 'd10.csv')
 ORDER BY o.name;
SELECT records_read, accepted FROM load_scdl((SELECT header
  || E'Union européenne,13000527500016,2019-10-02,,Club B,38033590100027,,FEDER,5000,aide en numéraire,unique,2019-10-02,,oui,1,\n'
  FROM h), 'd10-eu.csv', funder_kind => 'eu');
SELECT f.name, f.kind FROM subsidy s JOIN organization f ON f.id = s.funder_id WHERE s.source = 'd10-eu.csv';
SELECT rule_code, message FROM subsidy_issues
 WHERE subsidy_id IN (SELECT id FROM subsidy WHERE source = 'd10.csv') ORDER BY message;

-- The export neutralises what a spreadsheet would take for a formula, and
-- stays SCDL (the values are text that starts with an apostrophe).
SELECT accepted FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2019-11-01,=1+1,@Club,44088714900027,,"=HYPERLINK(""http://x"",""y"")",400,aide en numéraire,-unique,2019-11-01,+1,non,1,\tdisp\n'
  FROM h), 'formules.csv');
SELECT "referenceDecision", "nomBeneficiaire", "objet", "conditionsVersement", "idRAE", "dispositifAide"
  FROM scdl_export WHERE "dateConvention" = '2019-11-01';
SELECT "referenceDecision", "nomBeneficiaire", "objet", "conditionsVersement", "idRAE", "dispositifAide"
  FROM scdl_export(false) WHERE "dateConvention" = '2019-11-01';

-- Loads are serialised by a lock on load_log: a role that cannot write
-- load_log cannot take it to hold every load up.
CREATE ROLE regress_pubfin_reader;
GRANT USAGE ON SCHEMA pubfin TO regress_pubfin_reader;
GRANT SELECT ON pubfin.load_log TO regress_pubfin_reader;
SET ROLE regress_pubfin_reader;
SAVEPOINT s;
LOCK TABLE pubfin.load_log IN SHARE ROW EXCLUSIVE MODE;
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
LOCK TABLE pubfin.load_log IN ROW EXCLUSIVE MODE;
ROLLBACK TO SAVEPOINT s;
RESET ROLE;
ROLLBACK;
