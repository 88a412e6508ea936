#!/usr/bin/env bash
# The reference dashboard (dashboard/): installed with npm ci from its lockfile,
# built with `make dashboard` against a database holding the MEL–APES fixture,
# as a role given only grant_analyst,
# then every page rendered in headless Chromium (dashboard/test/render.js with
# puppeteer-core driving Debian's chromium): no console error, no uncaught
# exception, no request leaving the site (nothing from a CDN), and the key
# figures in the rendered page (753,091.00; 4.7 %; 100.0).
# Skipped (exit 0) only when node (18 or later)/npm or chromium is not
# installed, or the npm registry cannot be reached; under CI=true (.ci/run,
# which installs them) a skip is a failure.  A node or npm that is installed
# but does not run is a failure, never a skip.  PUBFIN_SKIP_DASHBOARD=1 skips
# it on purpose (.ci/run's sanitizer pass: the build and the rendering run
# node and Chromium, not pubfin's C, and the first pass has run them).
set -u
cd "$(dirname "$0")/.." || exit 2
name=t_dashboard
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
# skip REASON: exit 0, or 1 under CI
skip() {
  if [ "${CI:-}" = true ]; then echo "not ok - $name: cannot run in CI: $1"; exit 1; fi
  echo "# $name: skipped ($1)"; exit 0
}
if [ -n "${PUBFIN_SKIP_DASHBOARD:-}" ]; then
  echo "# $name: skipped (PUBFIN_SKIP_DASHBOARD is set)"; exit 0
fi
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  skip "no node/npm: apt-get install npm"
fi
if ! node_version=$(node --version 2>/dev/null); then
  echo "not ok - $name: node is installed but does not run: $(node --version 2>&1 | head -n 3)"; exit 1
fi
if ! npm_version=$(npm --version 2>/dev/null); then
  echo "not ok - $name: npm is installed but does not run: $(npm --version 2>&1 | head -n 3)"; exit 1
fi
node_major=${node_version#v}; node_major=${node_major%%.*}
if ! [ "$node_major" -ge 18 ] 2>/dev/null; then
  skip "node $node_version: Observable Framework needs node 18 or later"
fi
echo "# $name: node $node_version, npm $npm_version"
if [ -z "$chromium" ]; then
  skip "no chromium: apt-get install chromium"
fi
if [ ! -d dashboard/node_modules ] && ! npm ping >/dev/null 2>&1; then
  skip "the npm registry cannot be reached"
fi
db=pubfin_dashboard
# The site is built as an analyst role given grant_analyst (SELECT on the
# views, none on the tables), as doc/bi.md says one can: the session takes
# the role at connection (PGOPTIONS), so no password is needed.
analyst=pubfin_dashboard_analyst
cleanup() {
  dropdb --if-exists "$db" >/dev/null 2>&1
  psql -X -q -d postgres -c "DROP ROLE IF EXISTS $analyst" >/dev/null 2>&1
}
cleanup
createdb "$db" || exit 1
trap cleanup EXIT
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pubfin' \
  -f test/fixtures/mel_apes_2021.sql -c "CREATE ROLE $analyst" \
  -c "SELECT pubfin.grant_analyst('$analyst')" >/dev/null || exit 1
as_analyst="${PGOPTIONS:-} -c role=$analyst"
log=$(mktemp)
if ! PGDATABASE=$db PGOPTIONS=$as_analyst make -s dashboard > "$log" 2>&1; then
  sed "s/^/# $name: /" "$log" | tail -40
  echo "not ok - $name: make dashboard failed"
  rm -f "$log"; exit 1
fi
rm -f "$log"
# The built site names no CDN
if grep -rlE 'cdn\.jsdelivr\.net|fonts\.googleapis\.com|unpkg\.com' dashboard/dist >/dev/null; then
  echo "not ok - $name: the built site refers to a CDN:"
  grep -rlE 'cdn\.jsdelivr\.net|fonts\.googleapis\.com|unpkg\.com' dashboard/dist | head
  exit 1
fi
status=0
(cd dashboard && node test/render.js --chromium "$chromium" ${DASHBOARD_SCREENSHOT:+--screenshot "$DASHBOARD_SCREENSHOT"}) \
  | sed "s/^/# $name: /"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "not ok - $name: rendering without budgets"; status=1; }

# The views' column types as node pg reads them (the driver of the data loaders)
(cd dashboard && PGDATABASE=$db node test/types.js) | sed "s/^/# $name: /"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "not ok - $name: view column types through node pg"; status=1; }

# With a budget loaded, the budgets page shows it
psql -X -q -d "$db" -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || exit 1
INSERT INTO pubfin.budget_line (funder_id, fiscal_year, section, chapter, nature_code, label, amount)
SELECT id, 2021, 'operating', '65', '6574', 'Subventions aux associations', '1250000.00'
  FROM pubfin.organization WHERE name = 'Métropole Européenne de Lille';
UPDATE pubfin.subsidy SET budget_line_id = (SELECT max(id) FROM pubfin.budget_line);
SQL
if ! (cd dashboard && PGDATABASE=$db PGOPTIONS=$as_analyst npm run -s build) > /dev/null 2>&1; then
  echo "not ok - $name: build with a budget line"; exit 1
fi
(cd dashboard && EXPECT_BUDGETS="Subventions aux associations" PAGES=budgets node test/render.js --chromium "$chromium") \
  | sed "s/^/# $name: with a budget: /"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "not ok - $name: rendering with a budget"; status=1; }
exit $status
