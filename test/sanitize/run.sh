#!/usr/bin/env bash
# make test-sanitize: the whole suite (pg_regress, pgTAP, test/t_*.sh) against
# pubfin built with UndefinedBehaviorSanitizer, loaded into the stock
# PostgreSQL server; fails on any sanitizer report, then reinstalls the normal
# build.  See doc/reliability.md for why UBSan and not ASan here.
#
# How: gcc -fsanitize=undefined links pubfin.so against the shared UBSan
# runtime (libubsan.so.1), which, unlike ASan's, needs no preloading: the
# backend dlopen()s it with pubfin.so.  The runtime reads UBSAN_OPTIONS from
# /proc/self/environ, which the server overwrites with its process title, so
# the options (reports to files under $reports) are compiled into the
# sanitized build by test/sanitize/canary.c, built only here.  Its canary
# function shifts by 40 bits on purpose, so each run proves that reports
# from inside the server are caught.
#
# The build happens in a copy of the tree, so the working tree's objects are
# left alone.  Take the install lock: flock /tmp/pubfin-install.lock make test-sanitize
set -u
cd "$(dirname "$0")/../.."
top=$PWD
PG_MAJOR=${PG_MAJOR:-$(pg_config --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
CC_SAN=${CC_SAN:-gcc}

libubsan=$(readlink -f "$($CC_SAN -print-file-name=libubsan.so)")
if [ ! -f "$libubsan" ]; then
  echo "test-sanitize: libubsan not found for $CC_SAN (Debian: gcc brings libubsan1)" >&2
  exit 1
fi

work=$(mktemp -d -t pubfin-sanitize.XXXXXX)
reports="$work/reports"
mkdir -p "$reports" "$work/src"
chmod 1777 "$reports"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

# 1. sanitized build, from a copy of the tracked and new files
git ls-files -co --exclude-standard | grep -v '^test/fuzz/' | tar -cf - -T - | tar -xf - -C "$work/src"
cp test/sanitize/canary.c "$work/src/src/zz_sanitizer_canary.c"
# -fno-wrapv: PostgreSQL builds with -fwrapv, which makes signed overflow
# defined (it wraps) and so invisible to UBSan; pubfin never means to wrap,
# so here every signed overflow in its code is reported.
san_flags="-fsanitize=undefined,float-cast-overflow,bounds-strict -fno-wrapv -fno-omit-frame-pointer -g -O1"
log_define="-DPUBFIN_UBSAN_LOG='\"$reports/ubsan\"'"
if ! make -s -C "$work/src" CC="$CC_SAN" COPT="$san_flags $log_define" >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "test-sanitize: sanitized build failed" >&2
  exit 1
fi
$SUDO make -s -C "$work/src" CC="$CC_SAN" COPT="$san_flags $log_define" install >/dev/null || exit 1
echo "test-sanitize: installed pubfin built with $san_flags ($CC_SAN)"

# 2. the suite, in a throwaway cluster
status=0
pg_virtualenv -v "$PG_MAJOR" test/sanitize/suite.sh \
  2>&1 | tee "$work/suite.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# 3. the reports: the canary's must be there; any other is a finding
canary=$(grep -l 'canary.c' "$reports"/* 2>/dev/null)
if [ -z "$canary" ]; then
  echo "test-sanitize: the canary's report is missing: UBSan reports are not caught" >&2
  status=1
else
  echo "test-sanitize: canary report caught ($(grep -m1 'runtime error' $canary | sed 's/.*runtime error/runtime error/'))"
fi
found=$(find "$reports" -type f -size +0 | grep -vxF "${canary:-none}" | sort)
if [ -n "$found" ]; then
  echo "test-sanitize: sanitizer reports:" >&2
  for f in $found; do echo "=== $f"; head -60 "$f"; done >&2
  if grep -l 'pubfin\|/src/' $found >/dev/null; then
    echo "test-sanitize: reports from pubfin code" >&2
  fi
  status=1
else
  echo "test-sanitize: no sanitizer report"
fi
if ! grep -q " passed, 0 failed" "$work/suite.log"; then
  echo "test-sanitize: the suite did not run" >&2
  status=1
fi

# 4. back to the normal build
make -s >/dev/null && $SUDO make -s install >/dev/null || status=1
echo "test-sanitize: normal build reinstalled"

# 5. a subset under Valgrind, with the normal build (SANITIZE_VALGRIND=0 skips it)
if [ "${SANITIZE_VALGRIND:-1}" != 0 ]; then
  test/sanitize/valgrind.sh sql/amount.sql test/bad_inputs.sql || status=1
fi
tail -n 1 "$work/suite.log"
exit $status
