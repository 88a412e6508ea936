#!/usr/bin/env bash
# The SCDL message codes (src/scdl_messages.c) are one list: every code the
# reader (scdl_read.c, scdl_values.c: SCDL_MSG, scdl_msg_nest, cell_keep) and
# load_scdl (75_scdl_load.sql) store is in the catalogue, and doc/scdl.md's
# table lists each code of the catalogue with its sentence, in order.  Needs no server.  Exit 0 = pass.
set -u
cd "$(dirname "$0")/.."
fail() { echo "not ok - t_scdl_codes: $*" >&2; exit 1; }
if ! command -v python3 >/dev/null; then
  [ "${CI:-}" = true ] && fail "cannot run in CI: no python3"
  echo "# t_scdl_codes: skipped: no python3"; exit 0
fi
python3 - <<'PY' || fail "see above"
import re, sys
src = open('src/scdl_messages.c').read()
src = re.sub(r'" EXPECTED_PERIOD', 'expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD"', src)
src = src.replace('EXPECTED_PERIOD,', '"expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD",')
cat = []
for m in re.finditer(r'\{"([a-z_0-9]+)", (NULL|"((?:[^"\\]|\\.)*)"), (-1|ORGID_\w+)\}', src):
    fmt = m.group(3)
    if fmt is not None:
        fmt = fmt.encode().decode('unicode_escape').encode('latin1').decode('utf8').replace('%%', '%')
    cat.append((m.group(1), fmt, m.group(4)))
codes = [c for c, _, _ in cat]
bad = []
if len(codes) < 60:
    bad.append('only %d codes read from the catalogue' % len(codes))
used = set()
for f in ('src/scdl_read.c', 'src/scdl_values.c'):
    used |= set(re.findall(r'(?:SCDL_MSG|scdl_msg_nest)\("([a-z_0-9]+)"', open(f).read()))
    used |= set(re.findall(r'cell_keep\([^,()]+, "([a-z_0-9]+)"\)', open(f).read()))
used |= set(re.findall(r"'[A-Za-z]*:([a-z_0-9]+):", open('sql/install/75_scdl_load.sql').read()))
for c in sorted(used - set(codes)):
    bad.append('code %s is stored but not in the catalogue' % c)
for c in sorted(set(codes) - used - {'no_day', 'no_month', 'year_range', 'period_expected', 'period_year_start', 'period_end', 'reversed',
                                     'rna_check', 'siren_check', 'siret_check', 'boolean_invalid', 'nature_invalid'}):
    bad.append('code %s is in the catalogue but nothing stores it' % c)
doc = re.findall(r'^\| `([a-z_0-9]+)` \| (.*) \|$', open('doc/scdl.md').read(), re.M)
want = []
for c, fmt, kind in cat:
    t = fmt if fmt is not None else "the %s type's own error for %%1 (check digit, length…)" % kind.split('_')[1].lower()
    want.append((c, t.replace('|', '\\|')))
if doc != want:
    for d, w in zip(doc + [None] * len(want), want + [None] * len(doc)):
        if d != w:
            bad.append('doc/scdl.md lists %r, the catalogue has %r' % (d, w))
            break
for b in bad:
    print('# t_scdl_codes:', b)
print('# t_scdl_codes: %d codes, %d stored by the reader and load_scdl, all in doc/scdl.md' % (len(codes), len(used)))
sys.exit(1 if bad else 0)
PY
echo "ok - t_scdl_codes"
