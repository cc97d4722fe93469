#!/usr/bin/env bash
# Fuzzes the quant_dyn fuzz targets with libFuzzer for a given time.
#
#   scripts/fuzz.sh [--time SECONDS] [--target parse|pipeline|all] [--no-build]
#
# Configures (once, scripts/configure-instrumented-build.sh) and builds the
# clang build with libFuzzer, ASan and UBSan
# in $BUILD_DIR (default build-san, shared with
# scripts/run-sanitizer-tests.sh), seeds each target's corpus from the
# lit tests and the kept crash regressions, and runs the targets side by
# side for SECONDS each (default 1800). --no-build runs the targets
# already built there. Crashes land in
# $BUILD_DIR/fuzz/<target>/artifacts; the corpus grows in
# $BUILD_DIR/fuzz/<target>/corpus. Prints each target's final libFuzzer
# statistics (execs, coverage) and exits non-zero if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=1800
targets="parse pipeline"
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --time) seconds="$2"; shift 2 ;;
    --time=*) seconds="${1#*=}"; shift ;;
    --target) [ "$2" = all ] || targets="$2"; shift 2 ;;
    --target=*) [ "${1#*=}" = all ] || targets="${1#*=}"; shift ;;
    --no-build) build=0; shift ;;
    *) echo "fuzz.sh: error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: error: --time takes seconds" >&2; exit 2 ;; esac
for t in $targets; do
  case "$t" in parse|pipeline) ;; *) echo "fuzz.sh: error: unknown target '$t' (parse, pipeline or all)" >&2; exit 2 ;; esac
done

BUILD_DIR=${BUILD_DIR:-build-san}
./scripts/configure-instrumented-build.sh "$BUILD_DIR"
bins=""
for t in $targets; do bins="$bins quant-dyn-$t-fuzzer"; done
if [ "$build" = 1 ]; then cmake --build "$BUILD_DIR" --target $bins; fi

# libMLIR.so and libLLVM.so are not instrumented: LLVM's BumpPtrAllocator,
# inlined into the instrumented project code, poisons slabs that the
# uninstrumented copies in libMLIR then use. Manual poisoning off avoids
# those false reports; every real out-of-bounds access is still caught.
export ASAN_OPTIONS="allow_user_poisoning=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

pids=""
for t in $targets; do
  dir="$BUILD_DIR/fuzz/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  python3 scripts/make-fuzz-corpus.py "$dir/seeds" test >/dev/null
  echo "fuzzing quant-dyn-$t-fuzzer for ${seconds}s (log: $dir/log.txt)"
  # -timeout: a module that takes a minute to compile is a bug as well.
  "$BUILD_DIR/bin/quant-dyn-$t-fuzzer" "$dir/corpus" "$dir/seeds" \
    test/Fuzz/Regressions/$t \
    -dict=tools/fuzzers/quant-dyn.dict -max_total_time="$seconds" \
    -timeout=60 -rss_limit_mb=4096 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/" >"$dir/log.txt" 2>&1 &
  pids="$pids $!"
done

status=0
for p in $pids; do wait "$p" || status=1; done
for t in $targets; do
  dir="$BUILD_DIR/fuzz/$t"
  echo "== quant-dyn-$t-fuzzer"
  grep -E '^#[0-9]+.*(DONE|cov:)' "$dir/log.txt" | tail -1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$dir/log.txt" || true
  ls "$dir/artifacts" | sed 's/^/artifact: /'
done
exit "$status"
