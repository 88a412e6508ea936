#!/usr/bin/env bash
# META.json is valid against the PGXN Meta Spec 1.0.0 (test/meta_validate.py),
# names the version of the Makefile's build, and the validator rejects broken
# copies of it (so the check can fail).  Needs no server.  Exit 0 = pass.
set -u
cd "$(dirname "$0")/.."
if ! command -v python3 >/dev/null; then
  # .ci/run's npm brings python3 (node-gyp): there, a skip is a failure
  [ "${CI:-}" = true ] && { echo "not ok - t_meta: cannot run in CI: no python3"; exit 1; }
  echo "# t_meta: skipped: no python3"; exit 0
fi
fail() { echo "not ok - t_meta: $*" >&2; exit 1; }
out=$(test/meta_validate.py META.json) || fail "$out"
echo "# t_meta: $out"
v=$(sed -n 's/^   "version": *"\([^"]*\)".*/\1/p' META.json)
python3 - "$v" <<'PY' || fail "META.json's provides do not name version $v and sql/pubfin--$v.sql"
import json, sys
m = json.load(open('META.json'))
p = m['provides']['pubfin']
sys.exit(0 if m['version'] == sys.argv[1] == p['version'] and p['file'] == 'sql/pubfin--%s.sql' % sys.argv[1] else 1)
PY
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0
while IFS='|' read -r what code; do
  python3 -c "import json,sys; m=json.load(open('META.json')); $code; json.dump(m, open('$tmp/m.json','w'))"
  if test/meta_validate.py "$tmp/m.json" >/dev/null; then fail "accepted a META.json with $what"; fi
  n=$((n + 1))
done <<'CASES'
no version|del m['version']
a version that is not semver|m['version'] = '0.2'
no provides file|del m['provides']['pubfin']['file']
a license outside the spec|m['license'] = 'PostgreSQL License'
an unknown prereq phase|m['prereqs']['install'] = {'requires': {'PostgreSQL': '13.0.0'}}
a bad version range|m['prereqs']['runtime']['requires']['PostgreSQL'] = '13+'
a bad release status|m['release_status'] = 'final'
a homepage that is not a URI|m['resources']['homepage'] = 'pgxn'
a meta-spec of another version|m['meta-spec']['version'] = '2.0.0'
CASES
echo "# t_meta: the validator rejects $n broken copies"
