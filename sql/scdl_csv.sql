-- Reading SCDL CSV files: the CSV reader, header names, value normalisers.
SET search_path = public, pubfin;
SET datestyle = 'ISO, YMD';

-- ---------------------------------------------------------------------------
-- csv_rows: RFC 4180 and its usual variants
-- ---------------------------------------------------------------------------
-- quoted fields, doubled quotes, delimiters and line breaks inside quotes
SELECT * FROM csv_rows(E'a,b,c\n"x,1","say ""hi""",3\n"multi\nline",,"CRLF\r\ninside"\nlast,row,here');
-- CRLF records, a final line without a line break
SELECT * FROM csv_rows(E'a;b\r\n1;2\r\n3;4');
-- a final line break adds no record; blank lines (LF, CRLF, lone CR) are skipped
SELECT * FROM csv_rows(E'a,b\n\n1,2\r\n\r\n\r3,4\n\n');
-- empty fields, quoted empty fields, a trailing delimiter, spaces kept as they are
SELECT line_no, fields, cardinality(fields) FROM csv_rows(E'a,b,c\n,,\n"","",""\n x , y ,\n');
-- a one-column file: an empty quoted field is a record, an empty line is not
SELECT * FROM csv_rows(E'only\n""\n\nvalue', ',');
-- a UTF-8 byte order mark is skipped
SELECT * FROM csv_rows(E'\uFEFFnom;montant\nÉcole;12,50');
-- a quote inside an unquoted field is an ordinary character (37"N)
SELECT * FROM csv_rows(E'pos,city\n37°36''37.8"N 121°2''17.9"W,Modesto');
-- explicit delimiters, including tab and one that the header does not use
SELECT * FROM csv_rows(E'a\tb\n1\t"2\t3"', E'\t');
SELECT * FROM csv_rows(E'a;b,c\n1;2,3', ',');
-- nothing to read
SELECT count(*) FROM csv_rows('');
SELECT count(*) FROM csv_rows(E'\n\r\n');
SELECT count(*) FROM csv_rows(NULL);
-- a quoted field may end the input without a line break
SELECT * FROM csv_rows(E'a,b\n1,"2"');

-- malformed input: the line number of the problem is in the message
SELECT * FROM csv_rows(E'a,b\n1,2\n3,"open\nstill open');
SELECT * FROM csv_rows(E'a,b\n1,"closed"junk\n3,4');
SELECT * FROM csv_rows(E'a;b\n"x" ;y', ';');
-- bad delimiters
SELECT * FROM csv_rows('a,b', ';;');
SELECT * FROM csv_rows('a,b', '"');
SELECT * FROM csv_rows('a,b', E'\n');
SELECT * FROM csv_rows('a,b', '');
SELECT * FROM csv_rows('a,b', '€');

-- csv_records keeps going: a malformed record comes with its reason
SELECT * FROM csv_records(E'a,b\n1,"x"y\n2,3\n"4,5\n6,7');

-- ---------------------------------------------------------------------------
-- csv_delimiter: the most frequent of , ; tab outside quotes in the header
-- ---------------------------------------------------------------------------
SELECT c AS content, csv_delimiter(c) = E'\t' AS is_tab, csv_delimiter(c)
  FROM unnest(ARRAY[E'a,b,c\n1;2;3;4', E'a;b;c\n', E'a\tb\tc', E'"a;b",c,d;e', 'single',
                    E'\uFEFFnomAttribuant;idAttribuant', E'\n\na;b', '"x,y;z";"q"']) AS c;
SELECT csv_delimiter('a;b,c');
SELECT csv_delimiter(E'a\tb;c');
SELECT * FROM csv_rows('a;b,c');

-- ---------------------------------------------------------------------------
-- unaccent_fold and scdl_column
-- ---------------------------------------------------------------------------
SELECT t, unaccent_fold(t)
  FROM unnest(ARRAY['Département de Loire-Atlantique', 'ŒUVRES SOCIALES  d''ÉTÉ', 'Straße Æsop',
                    E'Aide d\u2019État\u00a0notifiée', E'Cafe\u0301 (NFD)', '  ', 'Ñandú – 12 € ÷ 3']) AS t;

-- the 16 fields of SCDL 2.1.1, and every name and title maps back to its field
SELECT * FROM scdl_fields();
SELECT count(*) AS fields, count(*) FILTER (WHERE scdl_column(name) = name) AS names_map,
       count(*) FILTER (WHERE scdl_column(title) = name) AS titles_map,
       count(*) FILTER (WHERE scdl_column(upper(unaccent_fold(title))) = name) AS folded_titles_map
  FROM scdl_fields();
SELECT *, scdl_column(alias) = field AS maps FROM scdl_column_aliases();

-- the headers of the real files (copied from /work/shared/data/scdl; test/t_scdl_files.sh checks them against the files)
-- Loire-Atlantique: the arrêté's French titles and 4 extra columns
SELECT h AS header, scdl_column(h)
  FROM unnest(string_to_array('Nom de l''attribuant;Identification de l''attribuant;Date de la convention de subvention;Référence de la décision;Nom du bénéficiaire;Identification du bénéficiaire;Objet de la subvention;Montant total de la subvention;Nature de la subvention;Conditions de versement de la subvention;Date ou période de versement;Identifiant RAE de l’aide au titre de laquelle la subvention est attribuée;Aide d''Etat notifiée à la Commission Européenne;Pourcentage du montant total de la subvention attribuée au bénéficiaire;Montant du prêt;Montant de la garantie;Détail des avantages en nature;Estimation des avantages en nature', ';')) AS h;
-- Maine-et-Loire: SCDL names plus natureDecision and an empty Colonne1
SELECT h AS header, scdl_column(h)
  FROM unnest(string_to_array('nomAttribuant;idAttribuant;dateConvention;natureDecision;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention;Colonne1', ';')) AS h;
-- Haute-Garonne (SCDL 1.x names, idBeneficiaire before nomBeneficiaire) and the invalid-columns example
SELECT h AS header, scdl_column(h)
  FROM unnest(string_to_array('nomAttribuant;idAttribuant;dateConvention;referenceDecision;idBeneficiaire;nomBeneficiaire;objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention;NOM_Beneficiaire', ';')) AS h;
-- spelling variants; unknown headers give NULL
SELECT h AS header, scdl_column(h)
  FROM unnest(ARRAY['NOMATTRIBUANT', 'nom_attribuant', 'Nom-Attribuant', ' idRae ', E'\uFEFFnomAttribuant',
                    'Date ou periode de versement', 'DATE OU PÉRIODE DE VERSEMENT', 'Identification SIRET du beneficiaire',
                    'montant total', 'Colonne1', '', 'nom']) AS h;

-- ---------------------------------------------------------------------------
-- Value normalisers: (value ..., warning, error), never an exception
-- ---------------------------------------------------------------------------
-- Periods the schema's pattern accepts (YYYY-MM-DD/YYYY-MM-DD) but that are
-- reversed or name a day that does not exist only warn: the schema's own
-- exemple_valide.csv has such values.  Other forms with the same faults fail.
SELECT r AS raw, d.*
  FROM unnest(ARRAY['2017-06-10', '  2017-06-10 ', '10/06/2017', '1/6/2017', '2014', '2016-02-29',
                    '2017-06-10T00:00:00', '2017-06-10 00:00', '', '2017-02-29', '2017-13-01', '2017-00-10',
                    '42917', '2017-06-10 12:00', '0217-06-10', '1850', '2017/06/10', '10-06-2017', 'NC']) AS r,
       scdl_date(r) AS d;
SELECT r AS raw, p.*
  FROM unnest(ARRAY['2017-10-06/2018-06-30', '2017-06-10', '2017-01-01_2017-12-31', '2017-01-01 / 2017-12-31',
                    '2018-11-20/fin de l''action', '2017-12-12/fin-action', 'NC/2019-06-30', '01/01/2019',
                    '01/01/2019/31/12/2019', '2014', 'NC', '',
                    '2018-03-12/versement subvention', '2018-11-28/accomplissement de l''ensemble des obligations',
                    '2018-06-30/2017-01-01', '2017-03-02/2017-30-05', '2018-06-30_2017-01-01',
                    '31/12/2019/01/01/2019', '2017-02-30_2017-12-31', '2014/2015', '2017-01-01-2017-12-31', '2017-02-30/2017-12-31',
                    '2017-01-01/2017-12-32', '2017-02-30', '2017-02-30/2018-01-05', '2250-01-01',
                    'bientôt']) AS r,
       scdl_period(r) AS p;
SELECT r AS raw, n.*
  FROM unnest(ARRAY['aide en numéraire', 'aide en nature', 'aide en numéraire;aide en nature',
                    'aide en nature;aide en numéraire', 'en numéraire', 'Aide en numéraire', 'AIDE EN NUMERAIRE',
                    'aide en nature ; aide en numeraire', 'aide en nature;aide en nature', 'aide en numéraire;',
                    'subvention', 'aide en numéraire;prêt', ';']) AS r,
       scdl_nature(r) AS n;
SELECT r AS raw, b.*
  FROM unnest(ARRAY['oui', 'non', 'Non', 'OUI', ' non ', 'true', 'False', '1', '0', 'vrai', 'peut-être', '']) AS r,
       scdl_boolean(r) AS b;
SELECT r AS raw, a.*
  FROM unnest(ARRAY['250.0', '24000', '27346.88', '-5', '99786.5700', '0.500', '24 000,50', '1050,35', '€ 12',
                    '12 000 EUR', '1.000', '250.000', '1.005', '12 345,678', '7,86E+13', '1e3', 'abc',
                    '1,234.56', '99999999999999999999', '']) AS r,
       scdl_amount(r) AS a;
SELECT r AS raw, s.*
  FROM unnest(ARRAY['1', '1.0', '1.00', '0.45', '0.01', '0,45', '80 %', '100%', '100', '80', '0', '0.001',
                    '1.5', '-0.5', '1.', '.5', '5E-1', 'x', '']) AS r,
       scdl_share(r) AS s;
SELECT r AS raw, x.*
  FROM unnest(ARRAY['21310458100011', '452474562', '224 900 019 000 15''', '82 212 742 900 014',
                    '''22440002800011', '22440002800011.0', 'W380475558', 'w380475558', '7,86E+13',
                    '7,22009E+12', '123', '2244000280001', 'W12345678', 'SIRET 21310458100011', '']) AS r,
       scdl_identifier(r) AS x;
-- NULL in, NULL out (the functions are strict)
SELECT scdl_date(NULL) IS NULL AS date_null, scdl_period(NULL) IS NULL AS period_null,
       scdl_nature(NULL) IS NULL AS nature_null, scdl_amount(NULL) IS NULL AS amount_null;
