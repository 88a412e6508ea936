#!/usr/bin/env bash
# The reference dashboard (dashboard/): installed with npm ci from its lockfile,
# built with `make dashboard` against a database holding the MEL–APES fixture,
# then every page rendered in headless Chromium (dashboard/test/render.js with
# puppeteer-core driving Debian's chromium): no console error, no uncaught
# exception, no request leaving the site (nothing from a CDN), and the key
# figures in the rendered page (753,091.00; 4.7 %; 100.0).
# Skipped (exit 0) only when node/npm or chromium is not installed, or the npm
# registry cannot be reached.
set -u
cd "$(dirname "$0")/.." || exit 2
name=t_dashboard
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "# $name: skipped (no node/npm: apt-get install npm)"; exit 0
fi
if [ -z "$chromium" ]; then
  echo "# $name: skipped (no chromium: apt-get install chromium)"; exit 0
fi
if [ ! -d dashboard/node_modules ] && ! npm ping >/dev/null 2>&1; then
  echo "# $name: skipped (the npm registry cannot be reached)"; exit 0
fi
db=pubfin_dashboard
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" || exit 1
trap 'dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pubfin' \
  -f test/fixtures/mel_apes_2021.sql >/dev/null || exit 1
log=$(mktemp)
if ! PGDATABASE=$db make -s dashboard > "$log" 2>&1; then
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
if ! (cd dashboard && PGDATABASE=$db npm run -s build) > /dev/null 2>&1; then
  echo "not ok - $name: build with a budget line"; exit 1
fi
(cd dashboard && EXPECT_BUDGETS="Subventions aux associations" PAGES=budgets node test/render.js --chromium "$chromium") \
  | sed "s/^/# $name: with a budget: /"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "not ok - $name: rendering with a budget"; status=1; }
exit $status
