#!/usr/bin/env bash
# Checks the SIRET, SIREN and RNA numbers of the real SCDL files in
# ../shared/data/scdl (relative to the repository) against the siren, siret
# and rna types: every distinct identifier is classified by the C validators
# and by an independent plain-SQL implementation of INSEE's rule, and the two
# must agree.  Prints, per file and column, how many distinct identifiers
# there are, how many fail, and examples of the failures.
# Skips cleanly (exit 0) when the data directory is absent.
set -eu
cd "$(dirname "$0")/.."
dir=${PUBFIN_SCDL_DIR:-../shared/data/scdl}
if ! ls "$dir"/*.csv >/dev/null 2>&1; then
  echo "t_siret_scdl: skipped (no SCDL files in $dir)"
  exit 0
fi

db=pubfin_siret_scdl
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
run() { psql -X -q -d "$db" -v ON_ERROR_STOP=1 -P pager=off "$@"; }
run -c 'CREATE EXTENSION pubfin' \
    -c 'CREATE TABLE ident (file text, col text, raw text)'

# Load each file into a table of text columns and keep the identifier columns.
for f in "$dir"/*.csv; do
  header=$(head -n 1 "$f" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')
  case "$header" in *';'*) delim=';';; *) delim=',';; esac
  IFS="$delim" read -r -a names <<< "$header"
  cols=""
  for i in "${!names[@]}"; do cols="$cols${cols:+, }c$((i + 1)) text"; done
  base=$(basename "$f")
  run -c "DROP TABLE IF EXISTS raw; CREATE TABLE raw ($cols)" \
      -c "\\copy raw FROM '$f' WITH (FORMAT csv, HEADER true, DELIMITER '$delim')"
  for i in "${!names[@]}"; do
    name=${names[$i]}
    case "$name" in
      idAttribuant|"Identification de l'attribuant") col=idAttribuant;;
      idBeneficiaire|"Identification du bénéficiaire") col=idBeneficiaire;;
      rnaBeneficiaire) col=rnaBeneficiaire;;
      *) continue;;
    esac
    echo "INSERT INTO ident SELECT :'file', :'col', c$((i + 1)) FROM raw WHERE btrim(c$((i + 1))) <> ''" |
      run -v file="$base" -v col="$col"
  done
done

run <<'SQL'
SET search_path = public, pubfin;
-- Plain-SQL reference of INSEE's rule: Luhn key, La Poste's digit sum.
CREATE FUNCTION luhn_ok(d text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT sum(CASE WHEN (length(d) - i) % 2 = 1
                  THEN (substr(d, i, 1)::int * 2) / 10 + (substr(d, i, 1)::int * 2) % 10
                  ELSE substr(d, i, 1)::int END) % 10 = 0
    FROM generate_series(1, length(d)) i $$;
CREATE FUNCTION ref_siren_ok(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT t ~ '^[0-9]{9}$' AND t <> '000000000' AND luhn_ok(t) $$;
CREATE FUNCTION ref_siret_ok(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT t ~ '^[0-9]{14}$' AND ref_siren_ok(left(t, 9))
     AND CASE WHEN left(t, 9) = '356000000' AND t <> '35600000000048'
              THEN (SELECT sum(substr(t, i, 1)::int) FROM generate_series(1, 14) i) % 5 = 0
              ELSE luhn_ok(t) END $$;
-- Digits separated by single blanks, as the types accept them.
CREATE FUNCTION ref_digits(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN btrim(t, E' \t\r\n\u00a0\u202f') ~ E'^[0-9]+([ \u00a0\u202f][0-9]+)*$'
              THEN regexp_replace(t, E'[ \t\r\n\u00a0\u202f]', '', 'g') END $$;

CREATE TABLE checked AS
SELECT file, col, raw,
       CASE WHEN col = 'rnaBeneficiaire' THEN 'rna'
            WHEN length(ref_digits(raw)) = 9 THEN 'siren' ELSE 'siret' END AS kind
  FROM (SELECT DISTINCT file, col, raw FROM ident) d;
ALTER TABLE checked ADD error text, ADD ref_ok boolean;
UPDATE checked SET
  error = CASE kind WHEN 'rna' THEN rna_error(raw) WHEN 'siren' THEN siren_error(raw) ELSE siret_error(raw) END,
  ref_ok = CASE kind WHEN 'rna' THEN upper(btrim(raw)) ~ '^W[0-9][0-9A-Z]{2}[0-9]{6}$' AND upper(btrim(raw)) <> 'W000000000'
                     WHEN 'siren' THEN ref_siren_ok(ref_digits(raw))
                     ELSE coalesce(ref_siret_ok(ref_digits(raw)), false) END;

\echo '# distinct identifiers per file and column, and how many fail'
SELECT file, col, kind, count(*) AS distinct_ids, count(error) AS failing,
       (SELECT count(*) FROM ident i WHERE i.file = c.file AND i.col = c.col) AS rows
  FROM checked c GROUP BY file, col, kind ORDER BY file, col, kind;
\echo '# all files together'
SELECT kind, count(DISTINCT raw) AS distinct_ids, count(DISTINCT raw) FILTER (WHERE error IS NOT NULL) AS failing
  FROM checked GROUP BY kind ORDER BY kind;
\echo '# failures (up to 40)'
SELECT file, col, raw, error FROM checked WHERE error IS NOT NULL ORDER BY file, col, raw LIMIT 40;
\echo '# disagreements between the C validators and the SQL reference (must be none)'
SELECT file, col, kind, raw, error, ref_ok FROM checked WHERE (error IS NULL) <> ref_ok;
DO $$
BEGIN
  IF EXISTS (SELECT FROM checked WHERE (error IS NULL) <> ref_ok) THEN
    RAISE EXCEPTION 'the C validators and the SQL reference disagree';
  END IF;
  IF NOT EXISTS (SELECT FROM checked WHERE error IS NULL) THEN
    RAISE EXCEPTION 'no valid identifier found: the files were not read';
  END IF;
END $$;
-- Every accepted identifier goes into a typed column and prints back as its digits.
CREATE TABLE typed AS
SELECT kind, raw, CASE WHEN kind = 'siret' THEN raw::siret::text END AS siret,
       CASE WHEN kind = 'siren' THEN raw::siren::text END AS siren,
       CASE WHEN kind = 'rna' THEN raw::rna::text END AS rna
  FROM checked WHERE error IS NULL;
DO $$
BEGIN
  IF EXISTS (SELECT FROM typed WHERE coalesce(siret, siren, rna) <> upper(coalesce(ref_digits(raw), btrim(raw)))) THEN
    RAISE EXCEPTION 'a typed identifier does not print back as its digits';
  END IF;
END $$ ;
SQL
