#!/usr/bin/env bash
# load_scdl and scdl_export on the real SCDL files of ../shared/data/scdl:
#  1. per file: records read, accepted, with warnings, rejected, the three
#     most frequent reasons; read = the CSV's records; and the arithmetic:
#     the file's total montant = accepted + rejected, to the cent;
#  2. the export of everything loaded, validated with the real Table Schema
#     validator (test/lib/scdl_validate.sh: npm tableschema + the schema's
#     custom checks): a row has an error only on a field the loader warned
#     about (Loire-Atlantique publishes no objet, years instead of dates...),
#     and rows loaded without a warning have none;
#  3. round trip: exemple_valide.csv loaded, exported, the export loaded into
#     a fresh database and exported again: identical subsidies and files;
#  4. the two invalid examples: every error the validator finds in them is
#     reported by the loader, as a reason, a warning or a header warning.
# Skipped when the data directory is absent; parts 2 and 4 are skipped when
# the validator cannot run (no node/npm).  Run by test/run.sh inside the
# throwaway cluster (PG* set).  Exit 0 = pass.
set -u
cd "$(dirname "$0")/.."
data=../shared/data/scdl
if [ ! -d "$data" ]; then
  echo "# t_scdl_load_files: skipped ($data is absent)"
  exit 0
fi
tmp=$(mktemp -d)
dbs="pubfin_files pubfin_rt1 pubfin_rt2 pubfin_inv"
status=0
cleanup() { rm -rf "$tmp"; for d in $dbs; do dropdb --if-exists "$d" >/dev/null 2>&1; done; }
trap cleanup EXIT
bad() { echo "not ok - t_scdl_load_files: $*" >&2; status=1; }
say() { echo "# t_scdl_load_files: $*"; }
newdb() { dropdb --if-exists "$1" >/dev/null 2>&1; createdb "$1" && psql -X -q -d "$1" -c 'CREATE EXTENSION pubfin'; }
# load DB FILE: load_scdl on the file's text, under its base name
load() {
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -v file="$2" -v source="$(basename "$2")" <<'SQL'
\set content `cat :'file'`
SELECT records_read FROM pubfin.load_scdl(:'content', :'source');
SQL
}
# export DB OUT: scdl_export as CSV, in subsidy order; OUT.ids gets the
# subsidy id of each row (the view's own definition, with the id in front)
export_csv() {
  psql -X -q -v ON_ERROR_STOP=1 -d "$1" <<SQL || return 1
CREATE TEMP VIEW export_with_id AS
$(psql -X -At -d "$1" -c "SELECT regexp_replace(pg_get_viewdef('pubfin.scdl_export_unguarded'::regclass), '^\s*SELECT', 'SELECT s.id AS subsidy_id,')" | sed '$ s/;$//');
\copy (SELECT "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide" FROM export_with_id ORDER BY subsidy_id) TO '$2' WITH (FORMAT csv, HEADER)
\copy (SELECT row_number() OVER (ORDER BY subsidy_id), subsidy_id FROM export_with_id ORDER BY subsidy_id) TO '$2.ids'
SQL
}

# tsv DB TABLE FILE: the validator's output (ROW, FIELD, CODE, MESSAGE) or a
# row-to-subsidy map into a fresh table
tsv() {
  local cols="row int, field text, code text, message text" opts="WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"
  [ "$2" = vid ] && cols="row int, subsidy_id bigint" && opts=""
  psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS $2" -c "CREATE TABLE $2 ($cols)" \
       -c "\\copy $2 FROM '$3' $opts"
}

la="$data/224400028_subventions-aux-associations-du-departement-de-loire-atlantique.csv"
ml="$data/224900019_conventions-de-subventions-du-departement-de-maine-et-loire.csv"
hg="$data/SCDL_DEP_Haute Garonne_datalocale-subvention.csv"
valid="$data/exemple_valide.csv"

# ---------------------------------------------------------------------------
# 1. figures and arithmetic
# ---------------------------------------------------------------------------
newdb pubfin_files || { bad "createdb"; exit 1; }
for f in "$la" "$ml" "$hg" "$valid"; do
  load pubfin_files "$f" >/dev/null || bad "loading $(basename "$f")"
  psql -X -q -At -v ON_ERROR_STOP=1 -d pubfin_files -v file="$f" -v source="$(basename "$f")" <<'SQL' || bad "checking $(basename "$f")"
\set content `cat :'file'`
SET search_path = pubfin, public;
-- The file read independently: its records, and its montant column parsed
-- by this test (dot decimals only, which all four files use).
CREATE TEMP TABLE raw AS
SELECT r.line_no AS line, r.fields[(SELECT k FROM csv_rows(:'content') h, generate_subscripts(h.fields, 1) k
                                     WHERE h.line_no = 1 AND scdl_column(h.fields[k]) = 'montant')] AS montant
  FROM csv_rows(:'content') r WHERE r.line_no > 1;
CREATE TEMP TABLE parsed AS
SELECT line, CASE WHEN btrim(montant) ~ '^-?[0-9]+(\.[0-9]+)?$' THEN btrim(montant)::numeric END AS montant FROM raw;
CREATE TEMP TABLE log AS SELECT * FROM load_log WHERE source = :'source' ORDER BY id DESC LIMIT 1;
DO $$
DECLARE
    l record;
    file_total numeric; accepted_total numeric; rejected_total numeric;
    unreadable_file int; unreadable_rejected int;
BEGIN
    SELECT * INTO l FROM log;
    IF l.records_read <> (SELECT count(*) FROM raw) THEN
        RAISE EXCEPTION '% records read, the file has %', l.records_read, (SELECT count(*) FROM raw);
    END IF;
    IF l.accepted + l.rejected + l.duplicates <> l.records_read THEN
        RAISE EXCEPTION 'accepted + rejected + duplicates <> read';
    END IF;
    IF l.duplicates <> 0 THEN
        RAISE EXCEPTION '% duplicates in a fresh database', l.duplicates;
    END IF;
    SELECT sum(montant), count(*) FILTER (WHERE montant IS NULL) INTO file_total, unreadable_file FROM parsed;
    SELECT coalesce(sum(coalesce(award_amount, amount)::numeric), 0) INTO accepted_total
      FROM subsidy WHERE load_id = l.id;
    SELECT coalesce(sum(p.montant), 0), count(*) FILTER (WHERE p.montant IS NULL) INTO rejected_total, unreadable_rejected
      FROM scdl_reject j JOIN parsed p ON p.line = j.line WHERE j.load_id = l.id;
    RAISE NOTICE 'arithmetic: file % = accepted % + rejected % (records without a readable montant: % in the file, % rejected)',
        to_char(file_total, 'FM999G999G999G990D00'), to_char(accepted_total, 'FM999G999G999G990D00'),
        to_char(rejected_total, 'FM999G999G999G990D00'), unreadable_file, unreadable_rejected;
    IF file_total <> accepted_total + rejected_total OR unreadable_file <> unreadable_rejected THEN
        RAISE EXCEPTION 'the amounts do not add up';
    END IF;
END $$;
\pset footer off
SELECT :'source' AS file, records_read AS read, accepted, accepted_with_warnings AS with_warnings, rejected FROM log;
SELECT count(*) AS rejects, regexp_replace(scdl_message(r), '"[^"]*"|\m[0-9]{9,14}\M', '…', 'g') AS reason
  FROM scdl_reject, unnest(reasons) r WHERE load_id = (SELECT id FROM log)
 GROUP BY 2 ORDER BY 1 DESC, 2 LIMIT 3;
SQL
done

# ---------------------------------------------------------------------------
# 2. the export, validated
# ---------------------------------------------------------------------------
validator=test/lib/scdl_validate.sh
export_csv pubfin_files "$tmp/export.csv" || bad "export"
bash "$validator" "$tmp/export.csv" > "$tmp/errors.tsv" 2> "$tmp/validator.err"
vstatus=$?
if [ $vstatus -eq 77 ]; then
  say "export and invalid examples not validated: $(head -1 "$tmp/validator.err")"
  validate=no
elif [ $vstatus -gt 1 ]; then
  bad "validator failed: $(cat "$tmp/validator.err")"
  validate=no
else
  validate=yes
  tsv pubfin_files verr "$tmp/errors.tsv" && tsv pubfin_files vid "$tmp/export.csv.ids" || bad "reading the validator's output"
  psql -X -q -At -v ON_ERROR_STOP=1 -d pubfin_files <<'SQL' || bad "the export has errors the loader did not warn about"
SET search_path = pubfin, public;
\pset footer off
-- per source: exported rows, rows with an error, and errors not explained
-- by a warning of the loader on the same field (on the record, or said once
-- for the whole file in load_log.diagnostics)
SELECT s.source, count(DISTINCT v.row) AS exported,
       count(DISTINCT e.row) AS rows_with_errors,
       count(e.*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM unnest(s.warnings || (SELECT l.diagnostics FROM load_log l WHERE l.id = s.load_id)) w WHERE w LIKE e.field || ':%')) AS unexplained
  FROM vid v JOIN subsidy s ON s.id = v.subsidy_id
  LEFT JOIN verr e ON e.row = v.row
 GROUP BY s.source ORDER BY s.source;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM verr WHERE row = 0) THEN
        RAISE EXCEPTION 'header error in the export: %', (SELECT string_agg(field || ' ' || code, ', ') FROM verr WHERE row = 0);
    END IF;
    IF EXISTS (SELECT 1 FROM verr e JOIN vid v ON v.row = e.row JOIN subsidy s ON s.id = v.subsidy_id
                WHERE NOT EXISTS (SELECT 1 FROM unnest(s.warnings || (SELECT l.diagnostics FROM load_log l WHERE l.id = s.load_id)) w WHERE w LIKE e.field || ':%')) THEN
        RAISE EXCEPTION 'export errors without a warning: %',
            (SELECT string_agg(format('row %s %s %s (%s)', e.row, e.field, e.code, e.message), '; ')
               FROM (SELECT e.* FROM verr e JOIN vid v ON v.row = e.row JOIN subsidy s ON s.id = v.subsidy_id
                      WHERE NOT EXISTS (SELECT 1 FROM unnest(s.warnings || (SELECT l.diagnostics FROM load_log l WHERE l.id = s.load_id)) w WHERE w LIKE e.field || ':%') LIMIT 5) e);
    END IF;
    IF EXISTS (SELECT 1 FROM verr e JOIN vid v ON v.row = e.row JOIN subsidy s ON s.id = v.subsidy_id
                WHERE s.warnings IS NULL
                  AND NOT EXISTS (SELECT 1 FROM load_log l, unnest(l.diagnostics) d
                                   WHERE l.id = s.load_id AND d LIKE e.field || ':%')) THEN
        RAISE EXCEPTION 'a row loaded without a warning exports with an error';
    END IF;
END $$;
SQL
fi

# ---------------------------------------------------------------------------
# 3. round trip
# ---------------------------------------------------------------------------
subsidies() {
  psql -X -q -At -d "$1" <<'SQL'
SELECT concat_ws('|', f.name, f.siret, f.siren, b.name, b.siret, b.siren, b.rna, d.reference, s.object, s.fiscal_year,
                 s.amount, s.award_amount, s.pourcentage_subvention, s.nature, s.convention_date, s.payment_terms,
                 s.payment_period, s.aid_scheme, s.rae_id, s.eu_notified, s.split_key IS NOT NULL, s.extra, s.warnings)
  FROM pubfin.subsidy s JOIN pubfin.organization f ON f.id = s.funder_id
  JOIN pubfin.organization b ON b.id = s.beneficiary_id LEFT JOIN pubfin.decision d ON d.id = s.decision_id
 ORDER BY 1;
SQL
}
newdb pubfin_rt1 && newdb pubfin_rt2 || bad "createdb"
load pubfin_rt1 "$valid" >/dev/null || bad "round trip: first load"
export_csv pubfin_rt1 "$tmp/rt1.csv" || bad "round trip: first export"
[ "$(load pubfin_rt2 "$tmp/rt1.csv")" = 29 ] || bad "round trip: second load"
export_csv pubfin_rt2 "$tmp/rt2.csv" || bad "round trip: second export"
[ "$(psql -X -At -d pubfin_rt2 -c 'SELECT accepted FROM pubfin.load_log')" = 29 ] || bad "round trip: not every record accepted"
subsidies pubfin_rt1 > "$tmp/rt1.txt"
subsidies pubfin_rt2 > "$tmp/rt2.txt"
if [ "$(wc -l < "$tmp/rt1.txt")" -ne 29 ] || ! cmp -s "$tmp/rt1.txt" "$tmp/rt2.txt"; then
  bad "round trip: the subsidies differ"; diff "$tmp/rt1.txt" "$tmp/rt2.txt" | head -5 >&2
fi
cmp -s "$tmp/rt1.csv" "$tmp/rt2.csv" || bad "round trip: the exports differ"
say "round trip of exemple_valide.csv: 29 subsidies, identical after export and reload"

# ---------------------------------------------------------------------------
# 4. the invalid examples: every error is reported
# ---------------------------------------------------------------------------
if [ "$validate" = yes ]; then
  for f in "$data/exemple_invalide_erreurs_cellules.csv" "$data/exemple_invalide_erreurs_colonnes.csv"; do
    newdb pubfin_inv || bad "createdb"
    load pubfin_inv "$f" >/dev/null || bad "loading $(basename "$f")"
    bash "$validator" "$f" > "$tmp/inv.tsv" 2>/dev/null
    [ $? -eq 1 ] || bad "the validator finds no error in $(basename "$f")"
    tsv pubfin_inv verr "$tmp/inv.tsv" || bad "reading the validator's output"
    psql -X -q -At -v ON_ERROR_STOP=1 -d pubfin_inv -v source="$(basename "$f")" <<'SQL' || bad "$(basename "$f"): errors the loader does not report"
SET search_path = pubfin, public;
-- what the loader said about each line: reasons, warnings, header warnings
CREATE TEMP TABLE said AS
SELECT line, r AS what FROM scdl_reject, unnest(reasons) r
UNION ALL SELECT line, w FROM subsidy, unnest(warnings) w
UNION ALL SELECT line, w FROM scdl_reject, unnest(warnings) w
UNION ALL SELECT 1, h FROM load_log, unnest(header_warnings) h
UNION ALL SELECT s.line, d FROM subsidy s JOIN load_log l ON l.id = s.load_id, unnest(l.diagnostics) d
UNION ALL SELECT j.line, d FROM scdl_reject j JOIN load_log l ON l.id = j.load_id, unnest(l.diagnostics) d;
\pset footer off
SELECT :'source' AS file, count(*) AS validator_errors,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM said s WHERE s.line = e.row + 1
                                      AND (s.what LIKE e.field || ':%' OR (e.row = 0 AND strpos(s.what, e.field) > 0)))) AS reported
  FROM verr e;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM verr e WHERE NOT EXISTS (
                   SELECT 1 FROM said s WHERE s.line = e.row + 1
                      AND (s.what LIKE e.field || ':%' OR (e.row = 0 AND strpos(s.what, e.field) > 0)))) THEN
        RAISE EXCEPTION 'not reported: %', (SELECT string_agg(format('row %s %s %s', e.row, e.field, e.code), '; ')
            FROM verr e WHERE NOT EXISTS (
                   SELECT 1 FROM said s WHERE s.line = e.row + 1
                      AND (s.what LIKE e.field || ':%' OR (e.row = 0 AND strpos(s.what, e.field) > 0))));
    END IF;
END $$;
SQL
  done
fi
exit $status
