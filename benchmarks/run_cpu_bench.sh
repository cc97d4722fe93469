#!/usr/bin/env bash
# CPU benchmark: f32->NVFP4, bf16->MXFP8, f32->u8 quantize_linear on 64 Mi
# elements beside memcpy, with all cores and then with one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BUILD_DIR:-build}/bin/quant-dyn-cpu-bench
cmake --build "${BUILD_DIR:-build}" --target quant-dyn-cpu-bench >/dev/null
"$BIN" "$@"
echo
"$BIN" --num-threads=1 "$@"
