#!/usr/bin/env bash
# The real budget files in ../shared/data/budget (see its SOURCES.md) through
# bin/pubfin-load-budget: every chart of accounts and every TOTEM and SCDL
# document loads without a reject, and reproduces, to the cent, the figures
# SOURCES.md gives: credits voted per section, realised amounts, order
# operations, the Crac'h CA 2021 -> BP 2022 result chain and Mohon's
# subsidies annex; no document breaks a balance rule; the sections resolved
# from the charts agree with the account classes; loading again changes
# nothing.  Skipped (exit 0) when the data directory is absent.
set -u
cd "$(dirname "$0")/.."
data=${BUDGET_DATA:-../shared/data/budget}
if [ ! -d "$data" ]; then
  echo "t_budget_files: skipped ($data is absent)"
  exit 0
fi
db=pubfin_budget_files
trap 'dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pubfin' || exit 1

fail=0
check() { # label expected actual
  if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1: expected [$2], got [$3]"; fail=$((fail + 1)); fi
}
q() { psql -X -q -At -d "$db" -v ON_ERROR_STOP=1 -c "SET search_path = public, pubfin" -c "$1"; }

# every chart of accounts, then every document, through the shell wrapper
for f in "$data"/plans-de-compte/*.xml; do
  out=$(bin/pubfin-load-budget --accounts "$f" -d "$db" 2>&1) || { echo "not ok - load $f: $out"; fail=$((fail + 1)); }
done
check "charts of accounts loaded" "$(ls "$data"/plans-de-compte/*.xml | wc -l | tr -d ' ')" "$(q 'SELECT count(*) FROM account_chart')"
check "M57_A 2023: 48 nature chapters, 1559 accounts" "48|1559" \
  "$(q "SELECT (SELECT count(*) FROM account_chapter h WHERE h.chart_id = c.id AND vote = 'nature'), (SELECT count(*) FROM account_code a WHERE a.chart_id = c.id) FROM account_chart c WHERE variant = 'M57_A' AND year = 2023")"
start=$(date +%s%N)
for f in "$data"/totem/*.xml "$data"/scdl/*.csv; do
  out=$(bin/pubfin-load-budget "$f" -d "$db" 2>&1) || { echo "not ok - load $f: $out"; fail=$((fail + 1)); }
done
echo "# loaded $(ls "$data"/totem/*.xml "$data"/scdl/*.csv | wc -l) documents in $(( ($(date +%s%N) - start) / 1000000 )) ms (one psql per file)"

# file | lines | voted F | voted I | realised F R | F D | I R | I D | order realised
while IFS='|' read -r file lines vf vi frr frd irr ird ord; do
  [ -f "$data/$file" ] || { echo "# $file: absent, skipped"; continue; }
  got=$(q "SELECT d.lines || '|' || d.rejected || '|' ||
                  coalesce(sum(a.voted) FILTER (WHERE a.section = 'operating' AND a.direction = 'receipt'), 0) || '|' ||
                  coalesce(sum(a.voted) FILTER (WHERE a.section = 'operating' AND a.direction = 'expense'), 0) || '|' ||
                  coalesce(sum(a.voted) FILTER (WHERE a.section = 'investment' AND a.direction = 'receipt'), 0) || '|' ||
                  coalesce(sum(a.voted) FILTER (WHERE a.section = 'investment' AND a.direction = 'expense'), 0) || '|' ||
                  coalesce(sum(a.realised) FILTER (WHERE a.section = 'operating' AND a.direction = 'receipt')::text, '') || '|' ||
                  coalesce(sum(a.realised) FILTER (WHERE a.section = 'operating' AND a.direction = 'expense')::text, '') || '|' ||
                  coalesce(sum(a.realised) FILTER (WHERE a.section = 'investment' AND a.direction = 'receipt')::text, '') || '|' ||
                  coalesce(sum(a.realised) FILTER (WHERE a.section = 'investment' AND a.direction = 'expense')::text, '') || '|' ||
                  coalesce(sum(a.realised) FILTER (WHERE a.operation_kind = 'order' AND a.direction = 'expense')::text, '') || '|' ||
                  coalesce(sum(a.realised) FILTER (WHERE a.operation_kind = 'order' AND a.direction = 'receipt')::text, '')
             FROM budget_document d JOIN budget_document_amounts a ON a.document_id = d.id
            WHERE d.source = '$(basename "$file")' GROUP BY d.id")
  check "$(basename "$file"): lines, rejects, voted F R=D, I R=D, realised, order D=R" \
        "$lines|0|$vf|$vf|$vi|$vi|$frr|$frd|$irr|$ird|$ord|$ord" "$got"
done <<'LIST'
totem/crach-21560046100010_BP2022_budget-principal.totem.xml|201|3552599.00|3648628.49||||||
totem/crach-21560046100010_CA2021_budget-principal.totem.xml|196|3855999.06|2547537.75|3890478.15|2379073.90|1237217.13|1054480.59|151563.97
totem/crach-21560046100010_DM2-2021_budget-principal.totem.xml|185|3855999.06|2547537.75||||||
totem/crach-21560046100010_DM3-2021_budget-principal.totem.xml|186|3855999.06|2547537.75||||||
totem/crach-21560046100085_BP2022_lotissement-boceno.totem.xml|21|560925.60|2562975.00||||||
totem/crach-21560046100085_CA2021_lotissement-boceno.totem.xml|20|1710288.70|2595000.00|1173197.82|1140494.23|2148068.48|0.00|943256.27
totem/crach-21560046100085_DM1-2022_lotissement-boceno.totem.xml|20|560925.60|2562975.00||||||
totem/mohon-21560134500014_CFU2023_budget-principal.totem.xml|163|1760461.02|1552241.01|1699824.83|714695.98|312286.77|267588.09|13837.92
totem/montreuil-21930048000015_CA2021_budget-principal.totem.xml|1450|230350000.00|103870000.00|237305005.53|216350483.69|43338847.43|52363183.68|13429842.37
totem/saint-malo-agglo-24350078200095_BP2022_budget-annexe-transport.totem.xml|123|12700095.00|1904175.00||||||
scdl/crach-21560046100010_BP2022_budget-principal.scdl.csv|201|3552599.00|3648628.49||||||
scdl/crach-21560046100010_CA2021_budget-principal.scdl.csv|196|3855999.06|2547537.75|3890478.15|2379073.90|1237217.13|1054480.59|151563.97
scdl/crach-21560046100010_DM2-2021_budget-principal.scdl.csv|185|3855999.06|2547537.75||||||
scdl/crach-21560046100010_DM3-2021_budget-principal.scdl.csv|186|3855999.06|2547537.75||||||
scdl/crach-21560046100085_BP2022_lotissement-boceno.scdl.csv|21|560925.60|2562975.00||||||
scdl/crach-21560046100085_CA2021_lotissement-boceno.scdl.csv|20|1710288.70|2595000.00|1173197.82|1140494.23|2148068.48|0.00|943256.27
scdl/crach-21560046100085_DM1-2022_lotissement-boceno.scdl.csv|20|560925.60|2562975.00||||||
scdl/mohon-21560134500014_CFU2023_budget-principal.scdl.csv|163|1760461.02|1552241.01|1699824.83|714695.98|312286.77|267588.09|13837.92
scdl/morbihan-22560001400016_CA2021_budget-principal.scdl.csv|1273|844616074.05|408889325.98|892140595.02|671016220.79|242411198.79|374507685.98|190916758.27
scdl/saint-malo-agglo-24350078200095_BP2022_budget-annexe-transport.scdl.csv|123|12700095.00|1904175.00||||||
LIST

# the result chain, from the TOTEM files and from the SCDL ones
check "Crac'h CA 2021 -> BP 2022 (TOTEM): 1511404.25 = 002 400000.00 + 1068 1111404.25; 182736.54 = 001; RAR 123839.60 / 385503.58" \
  "1511404.25|400000.00|1111404.25|182736.54|182736.54|123839.60|385503.58|123839.60|385503.58|0.00|0.00" \
  "$(q "SELECT operating_result || '|' || next_002 || '|' || next_1068 || '|' || investment_result || '|' || next_001 || '|' ||
             rar_receipts || '|' || rar_expenses || '|' || next_rar_receipts || '|' || next_rar_expenses || '|' ||
             operating_gap || '|' || investment_gap
        FROM budget_result_chain c JOIN budget_document d ON d.id = c.document_id
       WHERE d.format = 'totem' AND c.budget_siret = '21560046100010' AND c.year = 2021")"
check "Crac'h CA 2021 -> BP 2022 (SCDL): same chain" "0.00|0.00|2" \
  "$(q "SELECT max(operating_gap) || '|' || max(investment_gap) || '|' || count(*) FROM budget_result_chain
       WHERE budget_siret = '21560046100010' AND year = 2021 AND next_document_id IS NOT NULL")"
check "Boceno CA 2021 -> 2022: F 32703.59 = 002; I 2148068.48 = 001" "32703.59|32703.59|2148068.48|2148068.48" \
  "$(q "SELECT operating_result || '|' || next_002 || '|' || investment_result || '|' || next_001
        FROM budget_result_chain c JOIN budget_document d ON d.id = c.document_id
       WHERE d.format = 'totem' AND c.budget_siret = '21560046100085' AND c.year = 2021")"
# subsidy accounts and annexes
check "Mohon CFU 2023: 65748 realised 17165.00 = its 37 CONCOURS entries, 37 subsidies" "17165.00|37|17165.00|37" \
  "$(q "SELECT account_realised || '|' || annex_entries || '|' || annex_total || '|' || annex_subsidies
        FROM budget_subsidies s JOIN budget_document d ON d.id = s.document_id WHERE d.format = 'totem' AND s.budget_siret = '21560134500014'")"
check "subsidy accounts realised: Morbihan 65748 10166513.60, 65741 221350.00, 65742 0.00; Montreuil 6574 5242166.00; Crac'h 6574 44639.50" \
  "10166513.60|221350.00|0.00|5242166.00|44639.50" \
  "$(q "SELECT (SELECT sum(realised) FROM budget_document_amounts WHERE budget_siret = '22560001400016' AND account = '65748') || '|' ||
              (SELECT sum(realised) FROM budget_document_amounts WHERE budget_siret = '22560001400016' AND account = '65741') || '|' ||
              (SELECT sum(realised) FROM budget_document_amounts WHERE budget_siret = '22560001400016' AND account = '65742') || '|' ||
              (SELECT sum(a.realised) FROM budget_document_amounts a JOIN budget_document d ON d.id = a.document_id
                WHERE d.format = 'totem' AND a.budget_siret = '21930048000015' AND a.account = '6574') || '|' ||
              (SELECT sum(a.realised) FROM budget_document_amounts a JOIN budget_document d ON d.id = a.document_id
                WHERE d.format = 'totem' AND a.budget_siret = '21560046100010' AND d.year = 2021 AND a.account = '6574')")"
check "CONCOURS entries: Montreuil 300, Crac'h 31 to 36, Mohon 37" "300|31|36|37" \
  "$(q "SELECT (SELECT count(*) FROM budget_concours c JOIN budget_document d ON d.id = c.document_id WHERE d.budget_siret = '21930048000015') || '|' ||
              (SELECT min(n) FROM (SELECT count(*) n FROM budget_concours c JOIN budget_document d ON d.id = c.document_id WHERE d.budget_siret = '21560046100010' GROUP BY d.id) x) || '|' ||
              (SELECT max(n) FROM (SELECT count(*) n FROM budget_concours c JOIN budget_document d ON d.id = c.document_id WHERE d.budget_siret = '21560046100010' GROUP BY d.id) x) || '|' ||
              (SELECT count(*) FROM budget_concours c JOIN budget_document d ON d.id = c.document_id WHERE d.budget_siret = '21560134500014')")"
# no balance rule is broken by a real document; the annex warnings are listed
check "no real document breaks a balance, order, DM or carry-over rule" "0" \
  "$(q "SELECT count(*) FROM budget_document_issues WHERE rule_kind <> 'budget_subsidy_annex'")"
q "SELECT '# ' || message FROM budget_document_issues ORDER BY document_id"
# sections: every TOTEM line resolved by its chart, in agreement with its account class
check "TOTEM lines: sections from the chart, equal to the account class" "0|0" \
  "$(q "SELECT count(*) FILTER (WHERE l.section_from <> 'chart') || '|' ||
              count(*) FILTER (WHERE l.section IS DISTINCT FROM account_class_section(l.account))
         FROM budget_document_line l JOIN budget_document d ON d.id = l.document_id WHERE d.format = 'totem'")"
check "SCDL rows without BGT_SECTION: Crac'h 48-53 a file, Morbihan 57, Mohon 40, Saint-Malo 27" "48|53|57|40|27" \
  "$(q "WITH n AS (SELECT d.source, count(*) FILTER (WHERE l.section_from = 'account class') AS c
                 FROM budget_document d JOIN budget_document_line l ON l.document_id = d.id WHERE d.format = 'scdl' GROUP BY d.source)
        SELECT (SELECT min(c) FROM n WHERE source LIKE 'crach-21560046100010%') || '|' || (SELECT max(c) FROM n WHERE source LIKE 'crach-21560046100010%') || '|' ||
               (SELECT c FROM n WHERE source LIKE 'morbihan%') || '|' || (SELECT c FROM n WHERE source LIKE 'mohon%') || '|' ||
               (SELECT c FROM n WHERE source LIKE 'saint-malo%')")"
# loading everything again changes nothing
before=$(q "SELECT (SELECT count(*) FROM budget_document) || '|' || (SELECT count(*) FROM budget_document_line) || '|' || (SELECT count(*) FROM subsidy) || '|' || (SELECT count(*) FROM organization)")
for f in "$data"/totem/*.xml "$data"/scdl/*.csv; do
  bin/pubfin-load-budget "$f" -d "$db" 2>&1 | grep -q unchanged || { echo "not ok - reload $f is not unchanged"; fail=$((fail + 1)); }
done
check "loading every file again changes nothing" "$before" \
  "$(q "SELECT (SELECT count(*) FROM budget_document) || '|' || (SELECT count(*) FROM budget_document_line) || '|' || (SELECT count(*) FROM subsidy) || '|' || (SELECT count(*) FROM organization)")"

echo "t_budget_files: $fail failed"
[ "$fail" -eq 0 ]
