#!/usr/bin/env bash
# Builds every libFuzzer harness in test/fuzz/fuzz_*.c into test/fuzz/build/
# and runs each for FUZZ_SECONDS (default 60).  Exit status 0 when every
# harness ran its time without a finding; crash inputs are left in
# test/fuzz/build/artifacts/.
#
# A harness names the C files it needs in a line of its header comment:
#     fuzz-sources: src/amount_parse.c
# and may have a seed corpus in test/fuzz/corpus/<name>/ (fuzz_<name>.c) and
# a dictionary test/fuzz/<name>.dict (or the one its name starts with).
# A harness whose sources are not in this tree is skipped with a note, unless
# FUZZ_FROM_REF names a git ref to read them from (e.g. FUZZ_FROM_REF=siret
# builds the siret core from that branch without merging it).
#
# Environment: FUZZ_SECONDS, FUZZ_HARNESSES (names to run, default all),
# FUZZ_RUNS (stop after N executions instead of time), FUZZ_FROM_REF, CLANG.
set -u
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SECONDS:-60}
clang=${CLANG:-clang}
build=test/fuzz/build
mkdir -p "$build/artifacts" "$build/corpus"

if ! command -v "$clang" >/dev/null; then
  echo "fuzz: $clang not found (Debian: apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi

status=0
summary=""
for harness in test/fuzz/fuzz_*.c; do
  name=$(basename "$harness" .c); name=${name#fuzz_}
  if [ -n "${FUZZ_HARNESSES:-}" ] && ! grep -qw "$name" <<<"$FUZZ_HARNESSES"; then
    continue
  fi
  sources=$(sed -n 's/^.*fuzz-sources: *\(.*\)$/\1/p' "$harness" | head -1)
  incs="-Isrc"
  srcs=""
  missing=""
  for s in $sources; do
    if [ -f "$s" ]; then
      srcs="$srcs $s"
    elif [ -n "${FUZZ_FROM_REF:-}" ] && git cat-file -e "$FUZZ_FROM_REF:$s" 2>/dev/null; then
      ref_dir="$build/ref-$FUZZ_FROM_REF"
      mkdir -p "$ref_dir/$(dirname "$s")"
      git show "$FUZZ_FROM_REF:$s" > "$ref_dir/$s"
      # the headers of that branch that this tree lacks
      for h in $(git ls-tree --name-only "$FUZZ_FROM_REF" "$(dirname "$s")/" | grep '\.h$'); do
        [ -f "$h" ] || git show "$FUZZ_FROM_REF:$h" > "$ref_dir/$h"
      done
      srcs="$srcs $ref_dir/$s"
      incs="-I$ref_dir/$(dirname "$s") $incs"
    else
      missing="$missing $s"
    fi
  done
  if [ -n "$missing" ]; then
    echo "fuzz $name: skipped (not in this tree:$missing)"
    summary="$summary\n  $name: skipped"
    continue
  fi

  bin="$build/fuzz_$name"
  if ! "$clang" -g -O1 -fno-omit-frame-pointer \
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
       -Wall -Wextra -Werror $incs $srcs "$harness" -o "$bin"; then
    echo "fuzz $name: build failed" >&2
    status=1
    summary="$summary\n  $name: build failed"
    continue
  fi

  # New inputs go to build/corpus/<name>; the committed seeds are read only.
  work="$build/corpus/$name"
  mkdir -p "$work"
  seeds=""
  [ -d "test/fuzz/corpus/$name" ] && seeds="test/fuzz/corpus/$name"
  dict=""
  for d in "test/fuzz/$name.dict" "test/fuzz/${name%%_*}.dict"; do
    [ -f "$d" ] && { dict="-dict=$d"; break; }
  done
  limit="-max_total_time=$seconds"; what="$seconds s"
  [ -n "${FUZZ_RUNS:-}" ] && { limit="-runs=$FUZZ_RUNS"; what="$FUZZ_RUNS executions"; }
  log="$build/$name.log"
  echo "fuzz $name: running ($what)"
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
    "$bin" $limit -max_len=1024 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$name-" $dict "$work" $seeds > "$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "fuzz $name: FINDING (exit $rc), see $log and $build/artifacts/" >&2
    grep -E 'ERROR|runtime error|property failed|round trip failed|SUMMARY|Test unit written' "$log" | head -20 >&2
    summary="$summary\n  $name: FINDING after ${execs:-?} executions"
  else
    summary="$summary\n  $name: ${execs:-?} executions, no finding"
  fi
done
printf "fuzz summary:$summary\n"
exit $status
