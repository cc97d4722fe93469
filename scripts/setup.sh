#!/usr/bin/env bash
# Installs the build dependencies on Debian 12 (needs root), configures and
# builds quant_dyn into ./build. Idempotent: safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
PKGS="libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools libomp-22-dev clang-22 lld ninja-build cmake ccache g++ libgtest-dev file"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

BUILD_DIR=${BUILD_DIR:-build}
LAUNCHER=""
if command -v ccache >/dev/null; then
  LAUNCHER="-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
  # Paths relative to the checkout: clones elsewhere share the cache.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
fi
cmake -G Ninja -S . -B "$BUILD_DIR" \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  -DCMAKE_BUILD_TYPE=Release -DLLVM_USE_LINKER=lld $LAUNCHER ${CMAKE_EXTRA_ARGS:-}
cmake --build "$BUILD_DIR" -j "$(nproc)"
