#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer (and
# libFuzzer, so the short fuzz runs of test/Fuzz run too) with clang-22 in
# $BUILD_DIR (default build-san), then runs the whole test suite there and
# prints "tests: N passed, N failed". Any sanitizer report fails its test.
# The few tests that link a separate program against the instrumented
# static libraries are UNSUPPORTED in this configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-san}
./scripts/configure-instrumented-build.sh "$BUILD_DIR"
BUILD_DIR="$BUILD_DIR" exec ./scripts/run-tests.sh
