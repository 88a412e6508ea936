-- load_scdl: SCDL subsidy files into organizations, decisions and subsidies;
-- scdl_export: the subsidies back as SCDL 2.1.1.
SET search_path = public, pubfin;
SET datestyle = ISO;
BEGIN;
-- The summary leaves out load_id and elapsed, which vary from run to run.
CREATE TEMP VIEW h AS SELECT 'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide' || E'\n' AS header;

-- A clean record, one with normalised values, one split between two
-- beneficiaries, and one with many faults.
CREATE TEMP TABLE f AS SELECT header
  || E'Ville de Poitiers,21860194600013,2016-12-05,2016-0391,Les Amis du Jazz,52499120500013,W333216789,Festival,10000,aide en numéraire,unique,2016-12-05/2017-12-05,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,05/12/2016,2016-0391,Club Nautique,"380 335 901 00027",,Régates,"12 800,50",Aide en Numéraire,unique,2016-12-06_2017-06-30,,Non,1,\n'
  || E'Ville de Poitiers,21860194600013,2016-12-05,2016-0392,Théâtre A,44088714900027,,Tournée,9000.01,aide en nature,échelonné,2017-01-01/2017-06-30,,oui,0.5,\n'
  || E'Ville de Poitiers,21860194600013,2016-12-05,2016-0392,Théâtre B,,W123456789,Tournée,9000.01,aide en nature,échelonné,2017-01-01/2017-06-30,,oui,0.5,\n'
  || E',"7,86E+13",2016-13-45,,,44088714900000,W3222,Objet,1e3,subvention,unique,demain,123456,peut-être,100,\n'
  AS content FROM h;

SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT content FROM f), 'poitiers.csv');

-- Accepted: amount is montant x pourcentageSubvention, to the cent; a split
-- subsidy keeps its whole amount and a common split_key, and its shares add
-- up (9,000.01 x 0.5 twice: 4,500.01 and 4,500.00).
SELECT s.line, b.name, b.siret, b.rna, s.amount, s.award_amount, s.pourcentage_subvention AS pct,
       s.nature, s.fiscal_year, s.convention_date, s.payment_period, s.eu_notified,
       d.reference, s.split_key IS NOT NULL AS split
  FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id
  LEFT JOIN decision d ON d.id = s.decision_id
 WHERE s.source = 'poitiers.csv' ORDER BY s.line;
-- What was normalised: stored as codes (field:code:values), rendered by
-- scdl_message and by the view subsidy_warning.
SELECT line, unnest(warnings) AS stored FROM subsidy WHERE source = 'poitiers.csv' ORDER BY line;
SELECT line, field, code, message FROM subsidy_warning WHERE source = 'poitiers.csv' ORDER BY line, message;

-- Rejected: every reason (view scdl_reject_reason), and the raw fields keyed by header.
SELECT line, r AS stored, scdl_message(r) AS reason
  FROM scdl_reject, unnest(reasons) r WHERE source = 'poitiers.csv' ORDER BY line;
SELECT line, kind, field, code, message FROM scdl_reject_reason WHERE source = 'poitiers.csv' ORDER BY line, kind, message;
SELECT fields ->> 'idAttribuant' AS id, fields ->> 'montant' AS montant
  FROM scdl_reject WHERE source = 'poitiers.csv';

-- The funder and each beneficiary are organizations; the funder is a
-- municipality (its SIREN starts with 21), an organization with only an RNA
-- number is an association.
SELECT name, kind, siret, siren, rna FROM organization
 WHERE id IN (SELECT funder_id FROM subsidy WHERE source = 'poitiers.csv'
              UNION SELECT beneficiary_id FROM subsidy WHERE source = 'poitiers.csv')
 ORDER BY name;

-- The same file again, or its records under another name, with CRLF, or
-- with blanks around a value and a trailing delimiter (an empty column):
-- all duplicates.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT content FROM f), 'poitiers.csv');
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT replace(content, E'\n', E'\r\n') FROM f), 'copie.csv');
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT replace(replace(content, E'\n', E',\n'), ',Festival,', ',  Festival ,') FROM f), 'blancs.csv');
SELECT source, records_read, accepted, accepted_with_warnings, rejected, duplicates, finished_at >= started_at AS timed
  FROM load_log WHERE source IN ('poitiers.csv', 'copie.csv', 'blancs.csv') ORDER BY id;

-- Organizations are matched by SIRET, else SIREN, else RNA number, else
-- name without case or accents; a SIREN alone stays a SIREN, and a name
-- alone matches only an organization known by no identifier.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2017-03-01,,LES AMIS DU JAZZ,52499120500013,,Festival 2017,11000,aide en numéraire,unique,2017-03-01,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,,Jazz (autre nom),,W333216789,Festival 2017 bis,500,aide en numéraire,unique,2017-03-01,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,,Club Nautique,380335901,,Régates 2017,800,aide en numéraire,unique,2017-03-01,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,,THEATRE b,,,Tournée 2017,700,aide en numéraire,unique,2017-03-01,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,,Théâtre B,,,Tournée 2017 bis,600,aide en numéraire,unique,2017-03-01,,non,1,\n'
  FROM h), 'poitiers-2017.csv');
SELECT s.line, b.name AS matched, b.siret, b.siren, b.rna
  FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id
 WHERE s.source = 'poitiers-2017.csv' ORDER BY s.line;

-- Columns are found by name in any order, under SCDL 1.x names or the
-- arrêté's French titles; unknown columns go to extra; a year alone is kept
-- as the fiscal year.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl(E'Montant du prêt;Identification du bénéficiaire;Nom du bénéficiaire;Nom de l''attribuant;Identification de l''attribuant;Date de la convention de subvention;Objet de la subvention;Montant total de la subvention;Nature de la subvention;Conditions de versement de la subvention;Date ou période de versement;Aide d''Etat notifiée à la Commission Européenne;Pourcentage du montant total de la subvention attribuée au bénéficiaire\n'
  || E'120000;452474562;Club de plongée;Département de Loire-Atlantique;22440002800011;2014;;250.0;aide en numéraire;;2014;;1\n', 'la-extrait.csv');
SELECT fiscal_year, convention_date, payment_period, object, amount, extra, warnings
  FROM subsidy WHERE source = 'la-extrait.csv';
SELECT message FROM subsidy_warning WHERE source = 'la-extrait.csv' ORDER BY message;
SELECT unnest(header_warnings) AS header_warning FROM load_log WHERE source = 'la-extrait.csv';

-- A record with missing or extra fields (its one reason is the field
-- count), a funder paying itself (loaded, with a warning), and names with
-- no letter or digit.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2017-03-01\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,,Ville de Poitiers,21860194600013,,Auto,500,aide en numéraire,unique,2017-03-01,,non,1,,en trop\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,2017-AUTO,Mairie,21860194600013,,Auto,500,aide en numéraire,unique,2017-03-01,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,,---,,,Sans nom,500,aide en numéraire,unique,2017-03-01,,non,1,\n'
  || E'« »,,2017-03-01,,Club A,44088714900027,,Sans nom,500,aide en numéraire,unique,2017-03-01,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2017-03-01,,"Guillemets,"mal fermés",,,1,aide en numéraire,unique,2017-03-01,,non,1,\n'
  FROM h), 'abime.csv');
SELECT line, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'abime.csv' ORDER BY line;
SELECT line, w AS stored, scdl_message(w) AS warning FROM subsidy, unnest(warnings) w WHERE source = 'abime.csv';
SELECT count(*) AS auto_decisions FROM decision WHERE reference = '2017-AUTO';

-- Unknown columns: any number of them, each kept under its header; a
-- header used twice, or empty, is told apart by its column number.
SELECT 'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,notificationUE,pourcentageSubvention,'
       || (SELECT string_agg('x' || i, ',') FROM generate_series(1, 60) i) || E',note,note,,note (column 73)\n'
       || 'Ville de Poitiers,21860194600013,2018-01-10,Les Amis du Jazz,Festival 2018,8000,aide en numéraire,unique,2018,non,1,'
       || (SELECT string_agg(i::text, ',') FROM generate_series(1, 60) i) || E',première,seconde,dernière,note\n'
       || 'Ville de Poitiers,21860194600013,2018-01-10,Les Amis du Jazz,Festival 2018,8000,aide en numéraire,unique,2018,non,1,'
       || (SELECT string_agg(i::text, ',') FROM generate_series(1, 60) i) || E',première,autre,dernière,note\n' AS wide_file \gset
SELECT records_read, accepted, rejected, duplicates, header_warnings[60:64]
  FROM load_scdl(:'wide_file', 'large.csv');
SELECT line, (SELECT count(*) FROM jsonb_object_keys(extra)) AS extras, extra -> 'x60' AS x60,
       extra -> 'note' AS note, extra -> 'note (column 73)' AS note73, extra -> 'column 74' AS column74,
       extra -> 'note (column 73) (column 75)' AS note75
  FROM subsidy WHERE source = 'large.csv' ORDER BY line;

-- Open-ended payment periods are stored as ranges with no start or no end,
-- and exported as written; a period naming a day that does not exist (which
-- the schema's pattern lets through) has no range.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2018-02-01,,Club A,44088714900027,,Ouverte,700,aide en numéraire,unique,2018-02-01/fin de l\'action,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-02-01,,Club A,44088714900027,,Close,700,aide en numéraire,unique,NC/2018-06-30,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-02-01,,Club A,44088714900027,,Inconnue,700,aide en numéraire,unique,NC,,non,1,\n'
  || E'Ville de Poitiers,21860194600013,2018-02-01,,Club A,44088714900027,,Impossible,700,aide en numéraire,unique,2018-02-01/2018-02-30,,non,1,\n'
  FROM h), 'ouvert.csv');
SELECT s.line, s.payment_period, e."datesPeriodeVersement",
       (SELECT array_agg(scdl_message(w)) FROM unnest(s.warnings) w WHERE w LIKE 'datesPeriodeVersement:%') AS warnings
  FROM subsidy s JOIN scdl_export e ON e."objet" = s.object
 WHERE s.source = 'ouvert.csv' ORDER BY s.line;

-- A split award of one cent: its two halves cannot both have a cent.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2017-04-01,2017-0101,Club A,44088714900027,,Symbole,0.01,aide en numéraire,unique,2017-04-01,,non,0.5,\n'
  || E'Ville de Poitiers,21860194600013,2017-04-01,2017-0101,Club B,38033590100027,,Symbole,0.01,aide en numéraire,unique,2017-04-01,,non,0.5,\n'
  FROM h), 'centime.csv');
SELECT line, amount, award_amount FROM subsidy WHERE source = 'centime.csv';
SELECT line, unnest(reasons) AS stored, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'centime.csv';
-- Three shares of 0.2 of 0.03 get 0.01, 0.01 and 0.00: the third is
-- rejected, and the other two split again 0.03 x 0.4 = 0.01 (not the 0.02
-- the three had), which leaves the second with no cent: rejected too.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2017-04-05,2017-0105,Club A,44088714900027,,Goûter,0.03,aide en numéraire,unique,2017-04-05,,non,0.2,\n'
  || E'Ville de Poitiers,21860194600013,2017-04-05,2017-0105,Club B,38033590100027,,Goûter,0.03,aide en numéraire,unique,2017-04-05,,non,0.2,\n'
  || E'Ville de Poitiers,21860194600013,2017-04-05,2017-0105,Les Amis du Jazz,52499120500013,,Goûter,0.03,aide en numéraire,unique,2017-04-05,,non,0.2,\n'
  FROM h), 'gouter.csv');
SELECT line, amount, award_amount FROM subsidy WHERE source = 'gouter.csv' ORDER BY line;
SELECT line, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'gouter.csv';
-- A record once quarantined stays there: loaded again, even where it would
-- now be accepted, it is a duplicate.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2017-04-05,2017-0105,Les Amis du Jazz,52499120500013,,Goûter,0.03,aide en numéraire,unique,2017-04-05,,non,0.2,\n'
  || E'Ville de Poitiers,21860194600013,2017-04-05,2017-0105,Club C,,W123456789,Goûter,0.03,aide en numéraire,unique,2017-04-05,,non,0.9,\n'
  FROM h), 'gouter-2.csv');
-- Shares adding up to more than 1 are not one award: each is rounded on its own.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2017-04-02,2017-0102,Club A,44088714900027,,Stage,100.01,aide en numéraire,unique,2017-04-02,,non,0.75,\n'
  || E'Ville de Poitiers,21860194600013,2017-04-02,2017-0102,Club B,38033590100027,,Stage,100.01,aide en numéraire,unique,2017-04-02,,non,0.5,\n'
  FROM h), 'trop.csv');
SELECT line, amount, award_amount FROM subsidy WHERE source = 'trop.csv' ORDER BY line;
-- A second copy of a share in the same file is a duplicate, not a third share.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT header
  || E'Ville de Poitiers,21860194600013,2017-04-03,2017-0103,Club A,44088714900027,,Camp,9000.01,aide en numéraire,unique,2017-04-03,,non,0.5,\n'
  || E'Ville de Poitiers,21860194600013,2017-04-03,2017-0103,Club B,38033590100027,,Camp,9000.01,aide en numéraire,unique,2017-04-03,,non,0.5,\n'
  || E'Ville de Poitiers,21860194600013,2017-04-03,2017-0103,Club A,44088714900027,,Camp,9000.01,aide en numéraire,unique,2017-04-03,,non,0.5,\n'
  FROM h), 'camp.csv');
SELECT line, amount, award_amount FROM subsidy WHERE source = 'camp.csv' ORDER BY line;
-- A share loaded earlier keeps its amount; the new ones split what remains.
SELECT 'Ville de Poitiers,21860194600013,2017-04-04,2017-0104,Club A,44088714900027,,Colonie,9000.01,aide en numéraire,unique,2017-04-04,,non,0.5,' AS share_a,
       'Ville de Poitiers,21860194600013,2017-04-04,2017-0104,Club B,38033590100027,,Colonie,9000.01,aide en numéraire,unique,2017-04-04,,non,0.5,' AS share_b \gset
SELECT accepted FROM load_scdl((SELECT header || :'share_a' || E'\n' FROM h), 'colonie-a.csv');
SELECT accepted, duplicates FROM load_scdl((SELECT header || :'share_b' || E'\n' || :'share_a' || E'\n' FROM h), 'colonie-ab.csv');
SELECT source, amount, award_amount FROM subsidy WHERE object = 'Colonie' ORDER BY source;

-- A column absent from the header is read as empty in every record: the
-- file loads, and the header warnings say so once.  A second column naming
-- a field already found is kept in extra.
SAVEPOINT s;
SELECT records_read, accepted, rejected, unnest(header_warnings) AS header_warning
  FROM load_scdl(E'nomAttribuant,idAttribuant,montant\nX,21860194600013,1\n', 'colonnes.csv');
SELECT line, scdl_message(unnest(reasons)) AS reason FROM scdl_reject WHERE source = 'colonnes.csv';
SELECT records_read, unnest(header_warnings) AS header_warning
  FROM load_scdl(E'nomAttribuant,NOM_Attribuant\n', 'double.csv');
ROLLBACK TO SAVEPOINT s;

-- Whole-file refusals: no column is an SCDL field, no header at all.
SAVEPOINT s;
SELECT * FROM load_scdl(E'nom;montant du prêt\nX;1\n', 'inconnu.csv');
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
SELECT * FROM load_scdl('', 'vide.csv');
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
SELECT * FROM load_scdl(NULL::text, 'nul.csv');
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
SELECT * FROM load_scdl('a', ' ');
ROLLBACK TO SAVEPOINT s;

-- Bytes in an encoding: WIN1252 and LATIN1 are read when stated; bytes
-- invalid in the stated encoding are refused with the encoding that reads them.
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM load_scdl((SELECT convert_to(header || E'Ville de Poitiers,21860194600013,2018-01-10,,Œuvre des Écoles,44088714900035,,Goûters,300,aide en numéraire,unique,2018-01-10,,non,1,\n', 'WIN1252') FROM h),
                 'win.csv', 'WIN1252');
SELECT b.name FROM subsidy s JOIN organization b ON b.id = s.beneficiary_id WHERE s.source = 'win.csv';
-- With no encoding stated, bytes that are not UTF-8 are read as WIN1252,
-- said once in load_log.diagnostics (the record is the one above: a duplicate).
SELECT records_read, accepted, duplicates
  FROM load_scdl((SELECT convert_to(header || E'Ville de Poitiers,21860194600013,2018-01-10,,Œuvre des Écoles,44088714900035,,Goûters,300,aide en numéraire,unique,2018-01-10,,non,1,\n', 'WIN1252') FROM h),
                 'win-auto.csv');
SELECT unnest(diagnostics) AS diagnostic FROM load_log WHERE source = 'win-auto.csv';
SAVEPOINT s;
SELECT * FROM load_scdl('\x22ff'::bytea, 'latin.csv', 'UTF8');
ROLLBACK TO SAVEPOINT s;
SAVEPOINT s;
SELECT * FROM load_scdl('\x8d'::bytea, 'rien.csv', 'WIN1252');
ROLLBACK TO SAVEPOINT s;

-- The export: the 16 SCDL columns, formatted as the schema requires.
SELECT * FROM scdl_export WHERE "nomAttribuant" = 'Ville de Poitiers' AND "dateConvention" = '2016-12-05'
 ORDER BY "nomBeneficiaire";
SELECT "datesPeriodeVersement", "dateConvention", "objet", "notificationUE"
  FROM scdl_export WHERE "idBeneficiaire" = '452474562';
SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
 WHERE attrelid = 'pubfin.scdl_export'::regclass AND attnum > 0;

-- The working tables of a load (temporary) are kept to the end of the
-- transaction and reused by its next loads; a role that is not a member of
-- the role that made them cannot use them: it loads in another transaction.
CREATE ROLE regress_pubfin_loader;
GRANT USAGE ON SCHEMA pubfin TO regress_pubfin_loader;
GRANT SELECT, INSERT ON pubfin.organization, pubfin.decision, pubfin.subsidy, pubfin.scdl_reject, pubfin.load_log
   TO regress_pubfin_loader;
GRANT SELECT ON pubfin.scdl_synonym TO regress_pubfin_loader;
GRANT UPDATE ON pubfin.load_log TO regress_pubfin_loader;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA pubfin TO regress_pubfin_loader;
SELECT header || E'Ville de Poitiers,21860194600013,2019-02-01,,Les Amis du Jazz,52499120500013,,Festival 2019,12000,aide en numéraire,unique,2019-02-01,,non,1,\n' AS role_file
  FROM h \gset
SET ROLE regress_pubfin_loader;
SELECT records_read, accepted FROM load_scdl(:'role_file', 'role.csv');
ROLLBACK;

-- Loading needs no superuser: a role with these privileges loads.
BEGIN;
CREATE ROLE regress_pubfin_loader;
GRANT USAGE ON SCHEMA pubfin TO regress_pubfin_loader;
GRANT SELECT, INSERT ON pubfin.organization, pubfin.decision, pubfin.subsidy, pubfin.scdl_reject, pubfin.load_log
   TO regress_pubfin_loader;
GRANT SELECT ON pubfin.scdl_synonym TO regress_pubfin_loader;
GRANT UPDATE ON pubfin.load_log TO regress_pubfin_loader;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA pubfin TO regress_pubfin_loader;
SET ROLE regress_pubfin_loader;
SELECT records_read, accepted, accepted_with_warnings, rejected, duplicates
  FROM pubfin.load_scdl(:'role_file', 'role.csv');
SELECT loaded_by FROM pubfin.load_log WHERE source = 'role.csv';
RESET ROLE;
ROLLBACK;

-- Loads are serialised by a lock; a load waiting for another one must then
-- see its rows, which only READ COMMITTED does.
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM pubfin.load_scdl(E'nomAttribuant\n', 'isolation.csv');
ROLLBACK;

-- Values pubfin can do without do not reject a record: an unknown nature is
-- read as "aide en numéraire", an unreadable notificationUE left empty, an
-- idRAE longer than 5 characters left out, each with a warning and the
-- value kept in extra; a share written as a percentage without its sign
-- ("80") is read as one, a share with no digit ("NC") as 1 (the whole
-- amount); a share that is a number out of range still rejects the record.
SELECT records_read, accepted, accepted_with_warnings, rejected
  FROM load_scdl(E'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide\n'
  || E'Ville de Poitiers,21860194600013,2020-03-01,,Club A,44088714900027,,Tolérés 1,1000,subvention,unique,2020-03-01,123456,peut-être,80,\n'
  || E'Ville de Poitiers,21860194600013,2020-03-01,,Club A,44088714900027,,Tolérés 2,1000,aide en nature,unique,2020-03-01,,non,NC,\n'
  || E'Ville de Poitiers,21860194600013,2020-03-01,,Club A,44088714900027,,Tolérés 3,1000,aide en nature,unique,2020-03-01,,non,0.001,\n', 'tolerated.csv');
SELECT s.line, s.amount, s.pourcentage_subvention AS pct, s.nature, s.rae_id, s.eu_notified, s.extra, scdl_message(w) AS warning
  FROM subsidy s, unnest(s.warnings) w
 WHERE s.source = 'tolerated.csv' ORDER BY s.line, w;
SELECT line, reasons FROM scdl_reject WHERE source = 'tolerated.csv';

-- The reader's two passes, as load_scdl runs them: the fingerprints alone,
-- then the records of the lines to load, the organizations they name (the
-- role each first had) and the warnings all of them carry.
CREATE TEMP TABLE two_pass AS SELECT convert_to(E'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant\n'
  || E'Ville de Poitiers,21860194600013,2021-01-05,Club A,44088714900027,Saison,1000\n'
  || E'Ville de Poitiers,21860194600013,2021-01-05,Club B,,Saison,2000\n'
  || E'Ville de Poitiers,21860194600013,2021-01-05,Club A,44088714900027,Saison,1000\n', 'UTF8') AS b;
SELECT kind, line, fingerprint, nom_beneficiaire, warnings
  FROM scdl_read((SELECT b FROM two_pass), '{"pass": "fingerprints"}');
SELECT kind, line, nom_attribuant, nom_beneficiaire, funder_key, beneficiary_key, funder_kind, beneficiary_kind, warnings
  FROM scdl_read((SELECT b FROM two_pass), '{"lines": [2, 3]}');
SELECT count(*) FROM scdl_read((SELECT b FROM two_pass), '{"lines": [3, 2]}');
SELECT count(*) FROM scdl_read((SELECT b FROM two_pass), '{"lines": [[2, 3]]}');
SELECT count(*) FROM scdl_read((SELECT b FROM two_pass), '{"pass": "records"}');
DROP TABLE two_pass;

-- Messages: what load_scdl stores is field:code:values; scdl_message renders
-- it, nests a cause (%@), unescapes '\|' and '\\', explains an identifier
-- with the type's own check (and says so when that check accepts the value
-- now), and passes any other text through (the
-- sentences pubfin 0.2.0 stored, an unknown code).
SELECT e AS stored, scdl_message(e) AS message FROM unnest(ARRAY[
  'dateConvention:date_invalid:2016-13-45|no_month|13',
  'datesPeriodeVersement:period_invalid:2018/2019|period_year_start',
  'nomBeneficiaire:no_word:a\|b\\c',
  ':field_count:17|16',
  'idBeneficiaire:siret_check:44088714900000',
  'idBeneficiaire:siret_check:44088714900027',
  'idAttribuant:kept_empty:siret_check|44088714900027',
  'notificationUE:kept_empty:boolean_invalid|peut-être',
  'pourcentageSubvention:share_percent:80|0.80',
  'montant: "1 000,00" read as 1000.00',
  'montant:no_such_code:1',
  'montant:read_as',
  'no field at all']) e;
SELECT scdl_message(NULL) IS NULL AS strict;
SELECT (scdl_message_parts(e)).* FROM unnest(ARRAY[
  'nomBeneficiaire:self_funded:siret:21860194600013',
  ':no_year',
  'nomBeneficiaire:no_word:a\|b',
  'montant: "1 000,00" read as 1000.00',
  'the record has 17 fields, the header has 16']) e;
-- scdl_read gives sentences, or with {"messages": "codes"} what load_scdl stores.
SELECT kind, line, reasons, warnings FROM scdl_read(convert_to(E'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant\n'
  || E'Ville de Poitiers,21860194600013,05/01/2021,Club A,44088714900027,Saison,"1 000"\n', 'UTF8'), '{"messages": "codes"}')
 WHERE kind = 'record';
SELECT kind, line, reasons, warnings FROM scdl_read(convert_to(E'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant\n'
  || E'Ville de Poitiers,21860194600013,05/01/2021,Club A,44088714900027,Saison,"1 000"\n', 'UTF8'))
 WHERE kind = 'record';
SELECT count(*) FROM scdl_read(convert_to(E'a\n1\n', 'UTF8'), '{"messages": "sentences"}');
