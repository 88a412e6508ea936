#!/usr/bin/env bash
# bin/pubfin-load-scdl: loads a file through psql (no server-side file
# access), as a role that is not a superuser; prints the summary and the
# first rejects; reads WIN1252 when told or when no encoding is given, and
# refuses it stated as UTF8 with a hint naming --encoding; carries a 5 MB file (far beyond a command-line argument).
# Run by test/run.sh inside the throwaway cluster (PG* set, superuser).
# Exit 0 = pass.
set -u
cd "$(dirname "$0")/.."
db=pubfin_cli
pw=${PGPASSWORD:-pubfin}
tmp=$(mktemp -d)
cli=bin/pubfin-load-scdl
fail() { echo "not ok - t_scdl_cli: $*" >&2; cleanup; exit 1; }
cleanup() {
  rm -rf "$tmp"
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c 'DROP ROLE IF EXISTS pubfin_loader' >/dev/null 2>&1
}
cleanup
tmp=$(mktemp -d)
psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL || fail "setup"
CREATE ROLE pubfin_loader LOGIN PASSWORD '$pw' NOSUPERUSER;
CREATE DATABASE $db;
\c $db
CREATE EXTENSION pubfin;
GRANT USAGE ON SCHEMA pubfin TO pubfin_loader;
GRANT SELECT, INSERT ON pubfin.organization, pubfin.decision, pubfin.subsidy, pubfin.scdl_reject TO pubfin_loader;
GRANT SELECT, INSERT, UPDATE ON pubfin.load_log TO pubfin_loader;
GRANT SELECT ON pubfin.scdl_synonym TO pubfin_loader;
SQL

header='nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide'
{
  echo "$header"
  echo 'Ville de Poitiers,21860194600013,2016-12-05,2016-0391,Les Amis du Jazz,52499120500013,,Festival,10000,aide en numéraire,unique,2016-12-05,,non,1,'
  echo 'Ville de Poitiers,21860194600013,2016-12-05,2016-0391,Club Nautique,38033590100027,,Régates,2500.50,aide en numéraire,unique,2016-12-05,,non,1,'
  echo 'Ville de Poitiers,21860194600013,2016-12-05,2016-0391,Club Fautif,12345678901234,,Régates,abc,aide en numéraire,unique,2016-12-05,,non,1,'
} > "$tmp/poitiers.csv"

# 1. as a role that is not a superuser
out=$(PGUSER=pubfin_loader PGPASSWORD=$pw "$cli" "$tmp/poitiers.csv" -d $db 2>&1) || fail "load as pubfin_loader: $out"
echo "$out" | grep -Eq '^ poitiers\.csv +\| +3 +\| +2 +\| +0 +\| +1 +\| +0 +\|' || fail "summary: $out"
echo "$out" | grep -q 'idBeneficiaire: invalid input syntax for type siret: "12345678901234"' || fail "first rejects: $out"
echo "$out" | grep -q 'montant: invalid amount "abc"' || fail "every reason: $out"
[ "$(psql -X -At -d $db -c 'SELECT count(*) FROM pubfin.subsidy')" = 2 ] || fail "two subsidies expected"

# 2. again: duplicates only
out=$("$cli" "$tmp/poitiers.csv" -d $db 2>&1) || fail "second load: $out"
echo "$out" | grep -Eq '^ poitiers\.csv +\| +3 +\| +0 +\| +0 +\| +0 +\| +3 +\|' || fail "duplicates: $out"

# 3. WIN1252: refused with a hint naming --encoding when stated as UTF8,
#    read when stated, and read without --encoding (each line UTF-8, else WIN1252)
{ echo "$header"
  echo 'Ville de Poitiers,21860194600013,2018-01-10,,Œuvre des Écoles,44088714900035,,Goûters,300,aide en numéraire,unique,2018-01-10,,non,1,'
} | iconv -f UTF-8 -t WINDOWS-1252 > "$tmp/win.csv" || fail "iconv"
out=$("$cli" --encoding UTF8 "$tmp/win.csv" -d $db 2>&1); rc=$?
[ $rc -eq 3 ] || fail "WIN1252 read as UTF8 should fail with 3, got $rc: $out"
echo "$out" | grep -q 'try --encoding WIN1252' || fail "hint: $out"
"$cli" --encoding WIN1252 "$tmp/win.csv" -d $db >/dev/null 2>&1 || fail "--encoding WIN1252"
[ "$(psql -X -At -d $db -c "SELECT count(*) FROM pubfin.organization WHERE name = 'Œuvre des Écoles'")" = 1 ] \
  || fail "WIN1252 name not read"
cp "$tmp/win.csv" "$tmp/win-auto.csv"
out=$("$cli" "$tmp/win-auto.csv" -d $db 2>&1) || fail "WIN1252 without --encoding: $out"
echo "$out" | grep -q 'read as WIN1252' || fail "no encoding note: $out"
echo "$out" | grep -Eq '^ win-auto\.csv +\| +1 +\| +0 +\| +0 +\| +0 +\| +1 +\|' || fail "WIN1252 auto: $out"

# 4. usage errors
"$cli" "$tmp/absent.csv" -d $db >/dev/null 2>&1; [ $? -eq 1 ] || fail "missing file should exit 1"
"$cli" >/dev/null 2>&1; [ $? -eq 1 ] || fail "no argument should exit 1"
"$cli" "$tmp/win.csv" -d pubfin_no_such_database >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "no connection should exit 2, got $rc"

# 5. a 5 MB file, 30,000 records
awk -v h="$header" 'BEGIN { print h; for (i = 1; i <= 30000; i++)
  printf "Ville de Poitiers,21860194600013,2017-03-01,,Les Amis du Jazz,52499120500013,,Projet numéro %d pour la saison culturelle et sportive de la ville,%d.%02d,aide en numéraire,unique,2017-03-01,,non,1,\n", i, i, i % 100 }' \
  > "$tmp/big.csv"
size=$(wc -c < "$tmp/big.csv")
[ "$size" -gt 5000000 ] || fail "big file is only $size bytes"
out=$("$cli" "$tmp/big.csv" -d $db 2>&1) || fail "big file: $out"
echo "$out" | grep -Eq '^ big\.csv +\| +30000 +\| +30000 +\|' || fail "big file summary: $out"

echo "# t_scdl_cli: loaded as a non-superuser, duplicates, WIN1252, a $size-byte file"
cleanup
exit 0
