#!/usr/bin/env bash
# The real SCDL files in ../shared/data/scdl (see its SOURCES.md) through the
# CSV reader, the header mapping and the value normalisers.  Checks, per file:
# the delimiter, the number of records (as in SOURCES.md), that every record
# has as many fields as the header, no malformed record, and exactly which
# headers are not SCDL 2.1.1 fields.  Checks a few facts SOURCES.md states
# about the values, and prints per column how many cells were read with a
# warning or refused, with the most frequent messages.
# Skipped (exit 0) when the data directory is absent.
set -u
cd "$(dirname "$0")/.."
data=${SCDL_DATA:-../shared/data/scdl}
if [ ! -d "$data" ]; then
  echo "t_scdl_files: skipped ($data is absent)"
  exit 0
fi
db=pubfin_scdl_files
trap 'dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pubfin' || exit 1

fail=0
check() { # label expected actual
  if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected [$2], got [$3]"; fail=$((fail + 1)); fi
}

# file | delimiter | records | headers that are not SCDL 2.1.1 fields
while IFS='|' read -r file delim records unmapped; do
  path="$data/$file"
  if [ ! -f "$path" ]; then echo "# $file: absent, skipped"; continue; fi
  echo "# $file"
  out=$(SCDL_FILE="$path" psql -X -At -d "$db" -v ON_ERROR_STOP=1 -F '|' 2>&1 <<'SQL'
SET search_path = public, pubfin;
\set content `cat "$SCDL_FILE"`
CREATE TEMP TABLE r AS SELECT * FROM csv_records(:'content');
SELECT 'delimiter', CASE csv_delimiter(:'content') WHEN E'\t' THEN 'tab' ELSE csv_delimiter(:'content') END;
SELECT 'records', count(*) - 1 FROM r;
SELECT 'ragged', count(*) FROM r WHERE cardinality(fields) <> (SELECT cardinality(fields) FROM r WHERE line_no = 1);
SELECT 'malformed', count(*) FROM r WHERE error IS NOT NULL;
SELECT 'unmapped', coalesce(string_agg(h, ',' ORDER BY i), '')
  FROM r, unnest(r.fields) WITH ORDINALITY AS u(h, i) WHERE line_no = 1 AND scdl_column(h) IS NULL;
SELECT 'header', i, h, coalesce(scdl_column(h), '(extra)')
  FROM r, unnest(r.fields) WITH ORDINALITY AS u(h, i) WHERE line_no = 1 ORDER BY i;
CREATE TEMP TABLE cells AS
SELECT r.line_no, m.field, r.fields[m.i] AS raw
  FROM r, (SELECT i, scdl_column(h) AS field FROM r, unnest(r.fields) WITH ORDINALITY AS u(h, i)
            WHERE line_no = 1) m
 WHERE r.line_no > 1 AND m.field IS NOT NULL;
CREATE TEMP TABLE norm AS
SELECT c.line_no, c.field, c.raw, n.kind, n.warning, n.error
  FROM cells c, LATERAL (
        SELECT NULL, warning, error FROM scdl_date(c.raw) WHERE c.field = 'dateConvention'
        UNION ALL SELECT NULL, warning, error FROM scdl_period(c.raw) WHERE c.field = 'datesPeriodeVersement'
        UNION ALL SELECT NULL, warning, error FROM scdl_nature(c.raw) WHERE c.field = 'nature'
        UNION ALL SELECT NULL, warning, error FROM scdl_boolean(c.raw) WHERE c.field = 'notificationUE'
        UNION ALL SELECT NULL, warning, error FROM scdl_amount(c.raw) WHERE c.field = 'montant'
        UNION ALL SELECT NULL, warning, error FROM scdl_share(c.raw) WHERE c.field = 'pourcentageSubvention'
        UNION ALL SELECT kind, warning, error FROM scdl_identifier(c.raw) WHERE c.field IN ('idAttribuant', 'idBeneficiaire')
       ) AS n(kind, warning, error);
SELECT 'column', field, count(*), count(*) FILTER (WHERE btrim(raw) = ''), count(warning), count(error),
       coalesce((SELECT string_agg(format('%s x %s', n, msg), ' / ') FROM (
                   SELECT coalesce(error, warning) AS msg, count(*) AS n FROM norm n2
                    WHERE n2.field = norm.field AND coalesce(error, warning) IS NOT NULL
                    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2) t), '')
  FROM norm GROUP BY field ORDER BY min(line_no), field;
SELECT 'fact', field || ':' || coalesce(kind, '') || ':' || CASE WHEN error IS NOT NULL THEN 'error' WHEN warning IS NOT NULL THEN 'warning' WHEN btrim(raw) = '' THEN 'empty' ELSE 'ok' END, count(*)
  FROM norm WHERE field IN ('idBeneficiaire', 'dateConvention', 'nature', 'datesPeriodeVersement')
 GROUP BY 2 ORDER BY 2;
SQL
  )
  if [ $? -ne 0 ]; then echo "not ok - $file: psql failed"; printf '%s\n' "$out" | head -5; fail=$((fail + 1)); continue; fi
  get() { printf '%s\n' "$out" | awk -F'|' -v k="$1" '$1 == k { sub(/^[^|]*\|/, ""); print; exit }'; }
  check "$file: delimiter" "$delim" "$(get delimiter)"
  check "$file: records" "$records" "$(get records)"
  check "$file: every record has the header's field count" 0 "$(get ragged)"
  check "$file: no malformed record" 0 "$(get malformed)"
  check "$file: headers outside SCDL 2.1.1" "$unmapped" "$(get unmapped)"
  printf '%s\n' "$out" | awk -F'|' '$1 == "header" { printf "#   %2s %-75s -> %s\n", $2, $3, $4 }'
  printf '%s\n' "$out" | awk -F'|' '$1 == "column" { printf "#   %-22s cells %5s, empty %5s, warnings %5s, errors %5s  %s\n", $2, $3, $4, $5, $6, $7 }'
  printf '%s\n' "$out" | awk -F'|' '$1 == "fact" { print "#   fact " $2 " = " $3 }'
  facts+=$(printf '%s\n' "$out" | awk -F'|' -v f="$file" '$1 == "fact" { print f "|" $2 "|" $3 }')$'\n'
done <<'FILES'
224400028_subventions-aux-associations-du-departement-de-loire-atlantique.csv|;|18148|Montant du prêt,Montant de la garantie,Détail des avantages en nature,Estimation des avantages en nature
224900019_conventions-de-subventions-du-departement-de-maine-et-loire.csv|;|75|natureDecision,Colonne1
SCDL_DEP_Haute Garonne_datalocale-subvention.csv|;|69|
exemple.csv|,|2|
exemple_valide.csv|,|29|
exemple_invalide_erreurs_cellules.csv|,|29|
exemple_invalide_erreurs_colonnes.csv|,|29|
FILES

# Facts stated in SOURCES.md about the values
fact() { # file-prefix key expected
  local got
  got=$(printf '%s' "${facts:-}" | awk -F'|' -v f="$1" -v k="$2" 'index($1, f) == 1 && $2 == k { print $3 }')
  [ -z "$got" ] && [ -z "${facts:-}" ] && return
  check "$1: $2" "$3" "${got:-0}"
}
fact 224400028 'idBeneficiaire:siren:ok' 18057
fact 224400028 'idBeneficiaire::empty' 91
fact 224400028 'dateConvention::warning' 18148
fact 224400028 'datesPeriodeVersement::warning' 18148
fact 224400028 'nature::ok' 18148
fact 224900019 'idBeneficiaire::error' 2
fact 224900019 'idBeneficiaire:siret:warning' 71
fact 224900019 'nature::warning' 75
fact SCDL_DEP 'nature::warning' 69
fact SCDL_DEP 'datesPeriodeVersement::warning' 40
fact SCDL_DEP 'datesPeriodeVersement::empty' 29

echo "t_scdl_files: $fail failed"
[ "$fail" -eq 0 ]
