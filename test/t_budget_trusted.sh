#!/usr/bin/env bash
# A database owner who is not a superuser installs the trusted extension and
# loads budget documents and a chart of accounts (bin/pubfin-load-budget and
# load_budget): the budget tables belong to the bootstrap superuser, and the
# install script grants the installer the data privileges on them.  Run by
# test/run.sh inside the throwaway cluster (PG* set, superuser).
set -u
cd "$(dirname "$0")/.."
db=pubfin_budget_trusted
role=pubfin_budget_owner
pw=${PGPASSWORD:-pubfin}
cleanup() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
}
fail() { echo "not ok - t_budget_trusted: $*" >&2; cleanup; exit 1; }
cleanup
psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL || fail "setup"
CREATE ROLE $role LOGIN PASSWORD '$pw' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE $db OWNER $role;
SQL
as() { PGUSER=$role PGPASSWORD=$pw "$@"; }
as psql -X -q -v ON_ERROR_STOP=1 -d $db -c 'CREATE EXTENSION pubfin' || fail "CREATE EXTENSION as the owner"
fx=test/fixtures/budget
as bin/pubfin-load-budget --accounts $fx/plan-M14_ESSAI-2021.xml -d $db >/dev/null || fail "load_accounts as the owner"
for f in $fx/essai-21990000800018_CA2021.totem.xml $fx/essai-21990000800018_BP2022.totem.xml $fx/essai-21990000800018_CA2021.scdl.csv; do
  as bin/pubfin-load-budget "$f" -d $db >/dev/null || fail "load_budget $f as the owner"
done
out=$(as psql -X -q -At -v ON_ERROR_STOP=1 -d $db <<'SQL'
SELECT count(*) FROM pubfin.budget_document;
SELECT count(*) FROM pubfin.subsidy;
SELECT count(*) FROM pubfin.budget_document_issues;
SELECT operating_gap || '|' || investment_gap FROM pubfin.budget_result_chain WHERE document_id = 1;
SELECT relowner::regrole::text <> current_user FROM pg_class WHERE oid = 'pubfin.budget_document'::regclass;
DELETE FROM pubfin.budget_document WHERE format = 'scdl';
SELECT count(*) FROM pubfin.budget_document;
SQL
) || fail "reading and deleting as the owner: $out"
[ "$out" = $'3\n2\n0\n0.00|0.00\nt\n2' ] || fail "unexpected results as the owner: $out"
echo "# t_budget_trusted: a non-superuser owner loaded budget documents and a chart into tables it does not own"
cleanup
