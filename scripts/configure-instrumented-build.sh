#!/usr/bin/env bash
# Configures (once) the instrumented build that scripts/run-sanitizer-tests.sh
# and scripts/fuzz.sh share: clang-22 with ASan + UBSan
# (QUANT_DYN_ENABLE_SANITIZERS) and libFuzzer (QUANT_DYN_ENABLE_FUZZERS).
#   scripts/configure-instrumented-build.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:?usage: configure-instrumented-build.sh BUILD_DIR}
[ -f "$BUILD_DIR/build.ninja" ] && exit 0
LAUNCHER=""
if command -v ccache >/dev/null; then LAUNCHER="-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"; fi
cmake -G Ninja -S . -B "$BUILD_DIR" \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir -DCMAKE_BUILD_TYPE=Release \
  -DLLVM_USE_LINKER=lld -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  -DQUANT_DYN_ENABLE_SANITIZERS=ON -DQUANT_DYN_ENABLE_FUZZERS=ON $LAUNCHER
