#!/usr/bin/env bash
# The CSV reader against the csv-spectrum suite (npm package csv-spectrum):
# for every case, pubfin.csv_rows on csvs/NAME.csv must give the header and
# then, record by record, the values of json/NAME.json (an array of objects
# keyed by header; key order is the column order).  The package is fetched
# with `npm pack` at test time; without npm or the network the test is skipped.
# Exit status 0 only when every case matches.
set -u
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "t_csv_spectrum: skipped (npm is not installed)"
  exit 0
fi
tmp=$(mktemp -d)
db=pubfin_csv_spectrum
cleanup() { rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1; }
trap cleanup EXIT

if ! (cd "$tmp" && timeout 120 npm pack csv-spectrum --silent >npm.log 2>&1); then
  echo "t_csv_spectrum: skipped (npm pack csv-spectrum failed: no network?)"
  sed 's/^/  /' "$tmp/npm.log" | tail -3
  exit 0
fi
tar xzf "$tmp"/csv-spectrum-*.tgz -C "$tmp" || { echo "t_csv_spectrum: cannot untar the package"; exit 1; }
pkg="$tmp/package"
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg/package.json")

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pubfin' || exit 1

pass=0
fail=0
for csv in "$pkg"/csvs/*.csv; do
  name=$(basename "$csv" .csv)
  json="$pkg/json/$name.json"
  [ -f "$json" ] || { echo "not ok - $name: no json/$name.json"; fail=$((fail + 1)); continue; }
  expected=$(cat "$json")
  # Erratum of csv-spectrum 2.0.0: location_coordinates.json gives the phone
  # number as 1234567890 while the CSV says 2095257564; compare with the CSV.
  if [ "$name" = location_coordinates ] && grep -q '"1234567890"' "$json" && grep -q '^2095257564,' "$csv"; then
    echo "# $name: csv-spectrum $version erratum, the JSON's phone 1234567890 is the CSV's 2095257564"
    expected=${expected//\"1234567890\"/\"2095257564\"}
  fi
  result=$(psql -X -At -d "$db" -v ON_ERROR_STOP=1 \
    -v csv="$(base64 -w0 "$csv")" -v json="$(printf '%s' "$expected" | base64 -w0)" 2>&1 <<'SQL'
WITH doc AS (
  SELECT CASE json_typeof(j) WHEN 'array' THEN j ELSE json_build_array(j) END AS j
    FROM (SELECT convert_from(decode(:'json', 'base64'), 'UTF8')::json AS j) s
), records AS (
  SELECT r, n FROM doc, json_array_elements(doc.j) WITH ORDINALITY AS e(r, n)
), expected AS (
  SELECT 0::bigint AS n, array_agg(k.key ORDER BY k.i) AS fields
    FROM records, json_each_text(records.r) WITH ORDINALITY AS k(key, value, i)
   WHERE records.n = 1
  UNION ALL
  SELECT records.n, array_agg(k.value ORDER BY k.i)
    FROM records, json_each_text(records.r) WITH ORDINALITY AS k(key, value, i)
   GROUP BY records.n
), got AS (
  SELECT row_number() OVER (ORDER BY line_no) - 1 AS n, fields
    FROM pubfin.csv_rows(convert_from(decode(:'csv', 'base64'), 'UTF8'))
)
SELECT coalesce(string_agg(format('record %s: expected %s, got %s', coalesce(e.n, g.n), e.fields, g.fields), E'\n'
                           ORDER BY coalesce(e.n, g.n)), 'match')
  FROM expected e FULL JOIN got g ON e.n = g.n
 WHERE e.fields IS DISTINCT FROM g.fields;
SQL
  )
  if [ "$result" = match ]; then
    echo "ok - csv-spectrum $name"
    pass=$((pass + 1))
  else
    echo "not ok - csv-spectrum $name"
    printf '%s\n' "$result" | sed 's/^/  /'
    fail=$((fail + 1))
  fi
done

echo "t_csv_spectrum: csv-spectrum $version, $pass cases match, $fail differ"
[ "$pass" -gt 0 ] && [ "$fail" -eq 0 ]
