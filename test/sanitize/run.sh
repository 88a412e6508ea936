#!/usr/bin/env bash
# make test-sanitize: the whole suite (pg_regress, pgTAP, test/t_*.sh) against
# pubfin built with AddressSanitizer and UndefinedBehaviorSanitizer, loaded
# into the stock PostgreSQL server; fails on any sanitizer report, then
# reinstalls the normal build.  See doc/reliability.md.
#
# How: the stock postgres is not instrumented, so the ASan runtime must be the
# first library of the server process.  The throwaway cluster of
# pg_virtualenv gets an 'environment' file (pg_createcluster --environment)
# that sets LD_PRELOAD=libasan for the postmaster and its backends only;
# psql, pg_regress and pg_prove run as usual.  Reports go to files
# (log_path), which this script reads after the suite.
#
# The build happens in a copy of the tree, so the working tree's objects are
# left alone.  Take the install lock: flock /tmp/pubfin-install.lock make test-sanitize
set -u
cd "$(dirname "$0")/../.."
top=$PWD
PG_MAJOR=${PG_MAJOR:-$(pg_config --version | sed 's/^PostgreSQL \([0-9]*\).*/\1/')}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
CC_SAN=${CC_SAN:-gcc}

libasan=$($CC_SAN -print-file-name=libasan.so)
libasan=$(readlink -f "$libasan")
if [ ! -f "$libasan" ]; then
  echo "test-sanitize: libasan not found for $CC_SAN (Debian: gcc brings libasan8)" >&2
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
san_flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
if ! make -s -C "$work/src" CC="$CC_SAN" COPT="$san_flags" >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "test-sanitize: sanitized build failed" >&2
  exit 1
fi
$SUDO make -s -C "$work/src" CC="$CC_SAN" COPT="$san_flags" install >/dev/null || exit 1
echo "test-sanitize: installed pubfin built with -fsanitize=address,undefined ($CC_SAN)"

# 2. the suite, in a throwaway cluster whose server preloads the ASan runtime
cat > "$work/environment" <<ENV
LD_PRELOAD = '$libasan'
ASAN_OPTIONS = 'detect_leaks=0:log_path=$reports/asan:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0:strict_string_checks=0:detect_odr_violation=0'
UBSAN_OPTIONS = 'print_stacktrace=1:log_path=$reports/ubsan:halt_on_error=1'
ENV
chmod 644 "$work/environment"
status=0
pg_virtualenv -v "$PG_MAJOR" -c "--environment=$work/environment" \
  test/sanitize/suite.sh \
  2>&1 | tee "$work/suite.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# 3. the reports: any file the runtimes wrote is a finding
found=$(find "$reports" -type f -size +0 | sort)
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
# the ASan runtime really was in the server (otherwise the run proves nothing)
if ! grep -q "ok\|passed" "$work/suite.log"; then
  echo "test-sanitize: the suite did not run" >&2
  status=1
fi

# 4. back to the normal build
make -s >/dev/null && $SUDO make -s install >/dev/null || status=1
echo "test-sanitize: normal build reinstalled"
tail -n 1 "$work/suite.log"
exit $status
