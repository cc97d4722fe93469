#!/usr/bin/env bash
# GPU benchmark: bf16 -> NVFP4, bf16 -> MXFP8 and f32 -> u8 per-channel
# quantize_linear on 8192 x 8192 beside a device-to-device copy, for the
# chip of device 0 (needs an NVIDIA GPU and its driver; exits 1 otherwise).
# Extra arguments go to the benchmark (--rows, --cols, --repeat, --chip,
# --cubin).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD_DIR:-build}
cmake --build "$BUILD" --target quant-dyn-gpu-bench >/dev/null
"$BUILD/bin/quant-dyn-gpu-bench" "$@"
