#!/usr/bin/env bash
# The SCDL validator itself (test/lib/scdl_validate.sh: npm tableschema + the
# schema's custom checks) on the official examples and on a small CSV written
# here whose errors are known:
#  1. exemple_valide.csv: exit 0, no output;
#  2. the two invalid examples: exit 1, well-formed output (ROW an integer,
#     4 tab-separated columns), a few known errors, the count per code;
#  3. the small CSV, as written (comma, LF) and again with a BOM, ';' and
#     CRLF: exactly the expected (ROW, FIELD, CODE), records counted across a
#     quoted newline, La Poste SIRETs by the sum-of-digits rule.
# Skipped when ../shared/data/scdl is absent or the validator cannot run
# (exit 77: no node/npm, npm install failed).  Exit 0 = pass.
set -u
cd "$(dirname "$0")/.." || exit 2
data=../shared/data/scdl
validator=test/lib/scdl_validate.sh
name=t_scdl_validate_examples
if [ ! -d "$data" ]; then
  echo "# $name: skipped ($data is absent)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# Reports a failure
bad() { echo "not ok - $name: $*"; status=1; }
# Prints an informational line
say() { echo "# $name: $*"; }

# Runs the validator on FILE into $tmp/out.tsv and $tmp/err; sets rc; exits
# the test with a skip line when the validator cannot run
validate() {
  bash "$validator" "$1" > "$tmp/out.tsv" 2> "$tmp/err"
  rc=$?
  if [ $rc -eq 77 ]; then
    say "skipped (validator cannot run: $(head -1 "$tmp/err"))"
    exit 0
  fi
}

# Checks that $tmp/out.tsv is what psql reads: 4 tab-separated columns, ROW
# an integer, non-empty CODE and MESSAGE
well_formed() {
  local badlines
  badlines=$(awk -F '\t' 'NF != 4 || $1 !~ /^[0-9]+$/ || $3 == "" || $4 == ""' "$tmp/out.tsv" | head -3)
  [ -z "$badlines" ] || bad "$1: malformed output lines: $badlines"
}

# Checks that $tmp/out.tsv has the error ROW FIELD CODE
has_error() {
  awk -F '\t' -v r="$2" -v f="$3" -v c="$4" '$1 == r && $2 == f && $3 == c { found = 1 } END { exit !found }' "$tmp/out.tsv" \
    || bad "$1: expected error ($2, $3, $4) not reported"
}

# ---------------------------------------------------------------------------
# 1. the valid example
# ---------------------------------------------------------------------------
start=$(date +%s%N)
validate "$data/exemple_valide.csv"
[ $rc -eq 0 ] || bad "exemple_valide.csv: exit $rc, expected 0 ($(head -3 "$tmp/err"))"
[ -s "$tmp/out.tsv" ] && bad "exemple_valide.csv: errors reported: $(head -3 "$tmp/out.tsv")"
say "exemple_valide.csv: exit $rc, $(wc -l < "$tmp/out.tsv") errors, $(( ($(date +%s%N) - start) / 1000000 )) ms (with the npm install on a first run)"

# ---------------------------------------------------------------------------
# 2. the invalid examples
# ---------------------------------------------------------------------------
for f in exemple_invalide_erreurs_cellules.csv exemple_invalide_erreurs_colonnes.csv; do
  validate "$data/$f"
  [ $rc -eq 1 ] || bad "$f: exit $rc, expected 1 ($(head -3 "$tmp/err"))"
  well_formed "$f"
  say "$f: exit $rc, $(wc -l < "$tmp/out.tsv") errors: $(cut -f3 "$tmp/out.tsv" | sort | uniq -c | sort -k1,1nr -k2 | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')"
  # a few errors every validator must see in both files
  has_error "$f" 4 dateConvention type                  # 05/12/2016
  has_error "$f" 4 rnaBeneficiaire pattern              # W3222
  has_error "$f" 5 montant type                         # 100000,1
  has_error "$f" 5 notificationUE type                  # no
  has_error "$f" 1 pourcentageSubvention maximum        # 100
  has_error "$f" 8 idBeneficiaire one-of-required
  has_error "$f" 15 nature enum                         # comma instead of semicolon
  has_error "$f" 0 dispositifAide missing-header
done
f=exemple_invalide_erreurs_colonnes.csv
has_error $f 0 NOM_Beneficiaire extra-header
has_error $f 0 nomBeneficiaire missing-header
has_error $f 0 idAttribuant header-mismatch
has_error $f 0 nomAttribuant header-mismatch

# ---------------------------------------------------------------------------
# 3. a small CSV with known errors
# ---------------------------------------------------------------------------
# La Poste (SIREN 356000000): 35600000049837 fails Luhn but its digits add up
# to 45, a multiple of 5: valid; 35600000000048 (head office) passes Luhn, its
# digits add up to 26: valid as an ordinary SIRET; 35600000000019 passes
# neither: invalid.  52499120500014 fails Luhn.
objet300=$(printf 'x%.0s' $(seq 300))
fields=(nomAttribuant idAttribuant dateConvention referenceDecision nomBeneficiaire idBeneficiaire rnaBeneficiaire
        objet montant nature conditionsVersement datesPeriodeVersement idRAE notificationUE pourcentageSubvention dispositifAide)
num='aide en numéraire'
# Writes the small CSV with delimiter $1 and line end $2
small_csv() {
  local d=$1 eol=$2
  # the header, then: row BENEFICIARY-ID RNA OBJET MONTANT NATURE NOTIFICATION POURCENTAGE [ATTRIBUANT-ID]
  (IFS=$d; printf '%s%s' "${fields[*]}" "$eol")
  # one record: the arguments in the columns they name, fixed values elsewhere
  row() {
    printf "ANTIBES$d%s${d}2015-07-07$d\"CONV N° 1, ; \"\"avance\"\"\"${d}Club$d%s$d%s$d%s$d%s$d%s${d}unique${d}2017-03-30/2017-05-24$d$d%s$d%s$d%s" \
      "${8:-21060004500392}" "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$eol"
  }
  row 35600000049837 '' Fonctionnement 1000 "$num" non 1                # 1 ok: La Poste, sum rule
  row 35600000000048 W333216789 '"Fête ""annuelle""
sur deux lignes"' 1000 "$num" non 0.5                                 # 2 ok: head office; quoted newline
  row 52499120500014 '' Fonctionnement 1000 "$num" non 1                # 3 Luhn failure
  row '' '' Fonctionnement 1000 "$num" non 1                            # 4 neither id nor RNA
  row 52499120500013 '' Fonctionnement abc "$num" non 1                 # 5 montant not a number
  row 52499120500013 '' Fonctionnement 1000 'Aide en numéraire' non 1   # 6 nature not in the enum
  row 52499120500013 '' "$objet300" 1000 "$num" non 1                   # 7 objet over 256 characters
  row 52499120500013 '' Fonctionnement 1000 "$num" non 1.5              # 8 pourcentage over 1
  row 35600000000019 '' Fonctionnement 1000 "$num" non 1                # 9 La Poste, bad sum
  row 52499120500013 W12 Fonctionnement '' "$num" peut-être 0           # 10 four errors
  row '' W333216789 '' 1000 "$num" non 1 2186019460000                  # 11 13-digit attribuant, no objet
}
small_csv , $'\n' > "$tmp/small.csv"
# the same with a BOM, ';' between fields and CRLF line ends
{ printf '\xef\xbb\xbf'; small_csv ';' $'\r\n'; } > "$tmp/small_semicolon.csv"
cat > "$tmp/expected" <<'EOF'
3	idBeneficiaire	french-siret-value
4	idBeneficiaire	one-of-required
5	montant	type
6	nature	enum
7	objet	maxLength
8	pourcentageSubvention	maximum
9	idBeneficiaire	french-siret-value
10	rnaBeneficiaire	pattern
10	montant	required
10	notificationUE	type
10	pourcentageSubvention	minimum
11	idAttribuant	pattern
11	idAttribuant	french-siret-value
11	objet	required
EOF
sort "$tmp/expected" > "$tmp/expected.sorted"
for f in small.csv small_semicolon.csv; do
  validate "$tmp/$f"
  [ $rc -eq 1 ] || bad "$f: exit $rc, expected 1 ($(head -3 "$tmp/err"))"
  well_formed "$f"
  cut -f1-3 "$tmp/out.tsv" | sort > "$tmp/got.sorted"
  if cmp -s "$tmp/expected.sorted" "$tmp/got.sorted"; then
    say "$f: the $(wc -l < "$tmp/expected") expected errors, no other"
  else
    bad "$f: errors differ from the expected ones (< expected, > reported): $(diff "$tmp/expected.sorted" "$tmp/got.sorted" | grep '^[<>]' | tr '\t\n' ' ')"
  fi
done
exit $status
