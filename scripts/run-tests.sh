#!/usr/bin/env bash
# Runs every test (lit tests and the GoogleTest unit tests, through lit) and
# prints a closing summary line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
log=$(mktemp)
cmake --build "$BUILD_DIR" -j "$(nproc)" --target check-quant-dyn 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -E '^\s*Passed\s*:' "$log" | awk -F: '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s*(Failed|Unresolved|Timed Out)\s*:' "$log" | awk -F: '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
