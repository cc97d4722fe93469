#!/usr/bin/env bash
# Exhaustive check of the narrow-float conversions of the compiled code:
# builds quant-dyn-conversion-check (unless NO_BUILD=1) and runs it over all
# 2^32 f32 bit patterns (2^31 amax patterns for the e8m0 scale, every code
# for the widening conversions) on every format, with one thread per core.
# Prints patterns, mismatches and seconds per conversion, then the totals.
# Extra arguments go to the tool (e.g. --formats=f4E2M1FN,f8E8M0FNU,
# --threads=8); exits non-zero on any mismatch.
#
# About 20-30 minutes on 2 cores; the reference dominates the run time.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if [[ "${NO_BUILD:-0}" != 1 ]]; then
  cmake --build "$BUILD_DIR" --target quant-dyn-conversion-check || exit
fi
tool="$BUILD_DIR/bin/quant-dyn-conversion-check"
if [[ ! -x "$tool" ]]; then
  echo "error: $tool is missing (configure $BUILD_DIR with BUILD_TESTING=ON)" >&2
  exit 2
fi
start=$(date +%s)
"$tool" --stride=1 --threads="$(nproc)" "$@"
status=$?
echo "exhaustive conversion check: $([[ $status == 0 ]] && echo passed || echo FAILED)" \
     "(exit $status) in $(( $(date +%s) - start )) s wall"
exit "$status"
