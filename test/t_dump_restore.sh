#!/usr/bin/env bash
# pg_dump a database holding pubfin data, restore it into a fresh database, and
# compare every table's rows and every sequence's position exactly, the rule
# set included (pre-filled rules edited, taken over and deleted, rules of the
# user's added and deleted).
# Runs inside the throwaway cluster of test/run.sh (PG* variables set).
set -eu
cd "$(dirname "$0")/.."

src=pubfin_dump_src
dst=pubfin_dump_dst
dump=$(mktemp)
trap 'rm -f "$dump" "$dump".a "$dump".b; dropdb --if-exists "$src" >/dev/null 2>&1; dropdb --if-exists "$dst" >/dev/null 2>&1' EXIT
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

dropdb --if-exists "$src" >/dev/null 2>&1
dropdb --if-exists "$dst" >/dev/null 2>&1
createdb "$src"
q -d "$src" -c 'CREATE EXTENSION pubfin'
q -d "$src" -f test/fixtures/mel_apes_2021.sql
# More rows, of every table and of the awkward types: CHF, ranges, arrays, jsonb, NULLs.
q -d "$src" <<'SQL'
SET search_path = public, pubfin;
INSERT INTO organization (name, kind, siret, siren, rna, country)
VALUES ('Association test', 'association', '73282932000074', '732829320', 'W595012345', 'FR'),
       ('Fondation suisse', 'foundation', NULL, NULL, NULL, 'CH');
INSERT INTO budget_line (funder_id, fiscal_year, section, chapter, nature_code, function_code, label, amount)
VALUES (4, 2021, 'operating', '65', '6574', '90', 'Subventions', '100000.00');
INSERT INTO budget_line (funder_id, fiscal_year, section, chapter, nature_code, label, amount, parent_id)
VALUES (4, 2021, 'operating', '65', '65741', 'Subventions ESS', '40000.00', 1);
INSERT INTO load_log (source, records_read, accepted, rejected, finished_at)
VALUES ('exemple.csv', 3, 2, 1, now());
INSERT INTO scdl_reject (load_id, source, line, fields, reasons, fingerprint)
VALUES (1, 'exemple.csv', 3, '{"montant": "abc", "objet": "Test; \"quoted\""}',
        ARRAY['montant: invalid amount "abc"', 'idAttribuant: missing'], 'f00df00d-0000-4000-8000-000000000001');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, currency, nature,
                     section, convention_date, convention_period, payment_terms, payment_period,
                     aid_scheme, rae_id, eu_notified, pourcentage_subvention, award_amount,
                     split_key, budget_line_id, source, line, load_id, fingerprint, warnings, extra)
VALUES (4, 7, 'Projet partagé', 2021, '600.50', 'EUR', 'cash_and_in_kind', 'investment',
        '2021-05-01', '[2021-05-01,2022-04-30]', 'échelonné', '[2021-06-01,2021-12-31]',
        'ESS-2021', '12345', false, 0.45, '1334.44', 'k1', 2, 'exemple.csv', 2, 1, 'beefbeef-0000-4000-8000-000000000002',
        ARRAY['nature: case and accents'], '{"extra column": "x"}');
INSERT INTO subsidy (funder_id, beneficiary_id, object, fiscal_year, amount, currency)
SELECT 8, 5, 'Échange ' || g, 2015 + g, (g * 1000 + 0.01)::amount, 'CHF'
  FROM generate_series(1, 5) g;
INSERT INTO financing_plan (beneficiary_id, title, period, total_cost, currency, complete)
VALUES (7, 'Projet partagé', '[2021-05-01,2022-04-30]', '2000.00', 'EUR', true);
INSERT INTO financing_line (plan_id, funder_id, label, amount, kind, status, subsidy_id)
VALUES (2, 4, 'MEL', '600.50', 'public_grant', 'paid', 2),
       (2, NULL, 'Fonds propres', '1399.50', 'own_funds', 'agreed', NULL);
SQL
# The user's rule set: an edited pre-filled rule, one taken over the old way
# (builtin = false), deleted pre-filled rules (one of them added back as the
# user's own), the user's own rules (one of them deleted).
q -d "$src" <<'SQL'
SET search_path = public, pubfin;
UPDATE rule SET severity = 'error', threshold_amount = '30000.00' WHERE code = 'convention_above_23000';
UPDATE rule SET builtin = false WHERE code = 'over_funding';
DELETE FROM rule WHERE code IN ('unfunded_gap', 'funding_path', 'section_balance');
INSERT INTO rule (code, kind, title, description, severity, max_ratio, funder_kinds, aid_scheme)
VALUES ('public_cap_80', 'funding_cap', 'Public funding at most 80 %', 'Mine', 'warning', 0.8,
        ARRAY['state', 'region'], 'FEDER|région'),
       ('scratch', 'plan_gap', 'Scratch', 'Deleted below', 'info', NULL, NULL, NULL),
       ('section_balance', 'section_balance', 'My section balance', 'Mine', 'warning', NULL, NULL, NULL);
DELETE FROM rule WHERE code = 'scratch';
SQL
rules="SELECT code, id, severity, threshold_amount, max_ratio, builtin, title FROM pubfin.rule ORDER BY code"
deleted="SELECT code FROM pubfin.rule_deleted ORDER BY code"
[ "$(q -d "$src" -At -c "SELECT count(*) FROM pubfin.rule WHERE NOT builtin")" -ge 4 ] \
  || { echo "dump/restore: the rule edits did not take" >&2; exit 1; }
# Budget documents and a chart of accounts (test/fixtures/budget), and a rejected budget line.
bin/pubfin-load-budget --accounts test/fixtures/budget/plan-M14_ESSAI-2021.xml -d "$src" >/dev/null
for f in test/fixtures/budget/essai-21990000800018_CA2021.totem.xml test/fixtures/budget/essai-21990000800018_CA2021.scdl.csv; do
  bin/pubfin-load-budget "$f" -d "$src" >/dev/null
done
q -d "$src" -c "SELECT count(*) FROM pubfin.load_budget(convert_to(E'BGT_NATDEC,BGT_ANNEE,BGT_SIRET,BGT_NATURE,BGT_CODRD,BGT_OPBUDG,BGT_MTPREV\\nBudget primitif,2023,21990000800018,,D,0,1.00\\n', 'UTF8'), 'rejects.csv')" >/dev/null

pg_dump -Fc -d "$src" -f "$dump"
createdb "$dst"
pg_restore --exit-on-error -d "$dst" "$dump"

tables=$(q -d "$src" -At -c "
  SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'pubfin' AND c.relkind = 'r' ORDER BY 1")
status=0
n=0
for t in $tables; do
  q -d "$src" -c "COPY (SELECT * FROM pubfin.$t ORDER BY 1) TO STDOUT" > "$dump".a
  q -d "$dst" -c "COPY (SELECT * FROM pubfin.$t ORDER BY 1) TO STDOUT" > "$dump".b
  rows=$(wc -l < "$dump".a)
  if [ "$rows" -eq 0 ]; then
    echo "dump/restore: no rows in $t to compare" >&2; status=1
  elif ! cmp -s "$dump".a "$dump".b; then
    echo "dump/restore: $t differs:" >&2; diff "$dump".a "$dump".b | head -20 >&2; status=1
  fi
  n=$((n + 1))
done
[ "$n" -ge 8 ] || { echo "dump/restore: only $n tables found" >&2; status=1; }

# Sequences: the next generated id is the same in both databases.
seqs="SELECT c.relname || ' ' || pg_sequence_last_value(c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'pubfin' AND c.relkind = 'S' ORDER BY 1"
if [ "$(q -d "$src" -At -c "$seqs")" != "$(q -d "$dst" -At -c "$seqs")" ]; then
  echo "dump/restore: sequence positions differ" >&2; status=1
fi
# The rule set is exactly the user's: edits, takeovers, deletions, additions.
if [ "$(q -d "$src" -At -c "$rules")" != "$(q -d "$dst" -At -c "$rules")" ] \
   || [ "$(q -d "$src" -At -c "$deleted")" != "$(q -d "$dst" -At -c "$deleted")" ]; then
  echo "dump/restore: the rule set differs:" >&2
  diff <(q -d "$src" -At -c "$rules") <(q -d "$dst" -At -c "$rules") >&2; status=1
fi
# The views answer the same.
views="SELECT public_total, public_percent, unfunded_gap FROM pubfin.plan_summary ORDER BY plan_id"
[ "$(q -d "$src" -At -c "$views")" = "$(q -d "$dst" -At -c "$views")" ] || { echo "dump/restore: views differ" >&2; status=1; }
[ "$status" -eq 0 ] && echo "dump/restore: $n tables identical after pg_dump/pg_restore"
exit "$status"
