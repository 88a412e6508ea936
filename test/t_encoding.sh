#!/usr/bin/env bash
# pubfin needs a UTF8 database.  In a UTF8 database the install script's text
# (rule sources with accents) and pubfin's output (amounts with a narrow
# no-break space and the euro sign) come out intact, and load_scdl reads
# accented values; in a LATIN1 database CREATE EXTENSION refuses with a
# message that says why and what to do, and leaves nothing behind.
# Run by test/run.sh inside the throwaway cluster (PG* set, superuser).
set -u
utf8=pubfin_enc_utf8
latin1=pubfin_enc_latin1
fail() { echo "not ok - t_encoding: $*" >&2; cleanup; exit 1; }
cleanup() { dropdb --if-exists $utf8 >/dev/null 2>&1; dropdb --if-exists $latin1 >/dev/null 2>&1; }
cleanup
createdb -E UTF8 --locale=C -T template0 $utf8 || fail "createdb UTF8"
createdb -E LATIN1 --locale=C -T template0 $latin1 || fail "createdb LATIN1"

# UTF8: install, then read back accented text and formatted amounts byte for byte
out=$(PGCLIENTENCODING=UTF8 psql -X -q -At -v ON_ERROR_STOP=1 -d $utf8 2>&1 <<'SQL'
CREATE EXTENSION pubfin;
SELECT source_ref FROM pubfin.rule WHERE code = 'balanced_forecast';
SELECT pubfin.format_amount('1234.5', 'fr');
SELECT pubfin.parse_amount(E'1\u202f234,50\u00a0€', 'fr');
\o /dev/null
SELECT FROM pubfin.load_scdl(E'nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,notificationUE,pourcentageSubvention\nVille de Poitiers,21860194600013,2021-03-01,Les Amis du Jazz,52499120500013,Festival,1000,aide en numéraire,unique,2021-03-01,non,1\n', 'enc.csv');
\o
SELECT nature::text, pubfin.scdl_nature_text(nature) FROM pubfin.subsidy;
SQL
) || fail "UTF8 database: $out"
expected=$(printf '%s\n' 'Cerfa n° 12156 (demande de subvention), budget prévisionnel' $'1\u202f234,50\u00a0€' '1234.50' 'cash|aide en numéraire')
[ "$out" = "$expected" ] || fail "UTF8 database, unexpected text:
$out
expected:
$expected"
echo "# t_encoding: a UTF8 database holds pubfin's text intact"

# LATIN1: refused, with the reason and the remedy
out=$(psql -X -q -At -d $latin1 -c 'CREATE EXTENSION pubfin' 2>&1) && fail "CREATE EXTENSION succeeded in a LATIN1 database"
grep -q 'ERROR:  pubfin needs a UTF8 database: database pubfin_enc_latin1 uses encoding LATIN1' <<<"$out" \
  || fail "LATIN1 database: unexpected error: $out"
grep -q 'HINT:  Create a UTF8 database' <<<"$out" || fail "LATIN1 database: no hint: $out"
[ "$(psql -X -At -d $latin1 -c "SELECT count(*) FROM pg_extension WHERE extname = 'pubfin'")" = 0 ] \
  || fail "LATIN1 database: the extension was left behind"
echo "# t_encoding: a LATIN1 database is refused with a clear message"
cleanup
exit 0
