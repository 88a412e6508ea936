#!/usr/bin/env bash
# Two sessions load the same SCDL file at the same time: the database ends
# with one copy of each record, one session reporting them accepted and the
# other as duplicates.  Twice: once with the first load holding its
# transaction open while the second starts, once with both started at once.
# Run by test/run.sh inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -u
cd "$(dirname "$0")/.."
db=pubfin_concurrent
tmp=$(mktemp -d)
fail() { echo "not ok - t_scdl_concurrent: $*" >&2; cleanup; exit 1; }
cleanup() { rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1; }
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || fail "createdb"
psql -X -q -d "$db" -c 'CREATE EXTENSION pubfin' || fail "create extension"

header='nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide'
awk -v h="$header" 'BEGIN { print h; for (i = 1; i <= 5000; i++)
  printf "Ville de Poitiers,21860194600013,2017-03-01,D-%d,Association %d,,W%09d,Projet %d,%d.50,aide en numéraire,unique,2017-03-01,,non,1,\n", i % 50, i % 300, 1 + i % 300, i, i }' \
  > "$tmp/file.csv"

# load SOURCE SLEEP: load the file in one transaction held SLEEP seconds
load() {
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -v file="$tmp/file.csv" -v source="$1" -v pause="$2" <<'SQL'
\set content `cat :'file'`
BEGIN;
SELECT accepted || ' ' || duplicates FROM pubfin.load_scdl(:'content', :'source');
SELECT pg_sleep(:pause) \g /dev/null
COMMIT;
SQL
}

check() { # round: both outputs, one "5000 0", the other "0 5000"
  local a b
  a=$(cat "$tmp/$1.a") b=$(cat "$tmp/$1.b")
  case "$a|$b" in
    "5000 0|0 5000"|"0 5000|5000 0") ;;
    *) fail "$1: sessions reported \"$a\" and \"$b\"" ;;
  esac
}

# Round 1: A holds its transaction 2 s; B starts while A is still open.
load a1 2 > "$tmp/r1.a" 2>&1 &
pa=$!
sleep 0.5
load b1 0 > "$tmp/r1.b" 2>&1 &
pb=$!
wait $pa || fail "round 1, session A: $(cat "$tmp/r1.a")"
wait $pb || fail "round 1, session B: $(cat "$tmp/r1.b")"
check r1

# Round 2: both at once, into the same tables (all duplicates of round 1,
# so start from empty tables).
psql -X -q -d "$db" -c 'TRUNCATE pubfin.subsidy, pubfin.scdl_reject, pubfin.decision, pubfin.organization, pubfin.load_log CASCADE' \
  >/dev/null 2>&1 || fail "truncate"
load a2 0 > "$tmp/r2.a" 2>&1 &
pa=$!
load b2 0 > "$tmp/r2.b" 2>&1 &
pb=$!
wait $pa || fail "round 2, session A: $(cat "$tmp/r2.a")"
wait $pb || fail "round 2, session B: $(cat "$tmp/r2.b")"
check r2

counts=$(psql -X -At -d "$db" -c "SELECT (SELECT count(*) FROM pubfin.subsidy) || ' ' ||
  (SELECT count(DISTINCT fingerprint) FROM pubfin.subsidy) || ' ' ||
  (SELECT count(*) FROM pubfin.organization) || ' ' || (SELECT count(*) FROM pubfin.decision)")
[ "$counts" = "5000 5000 301 50" ] || fail "one copy expected (5000 subsidies, 301 organizations, 50 decisions), got $counts"
echo "# t_scdl_concurrent: two sessions, one copy: $counts"
cleanup
exit 0
