#!/usr/bin/env bash
# Compiles and runs the documented examples on the CPU with quant-dyn-runner
# and prints the dequantized values beside the documented ones (TensorRT's
# two IDynamicQuantizeLayer examples, within 0.006, and a oneDNN Graph
# DynamicQuantize / DynamicDequantize round trip). Exit 1 on a mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
RUNNER=$BUILD_DIR/bin/quant-dyn-runner
NPY="python3 scripts/npytool.py"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# TensorRT example 1: NVFP4 (f4E2M1FN data, blocks of 16, f8E4M3FN scales,
# double quantization scale 1.0).
$NPY make "$WORK/x1.npy" --dtype f4 --shape 2,32 --values "
  0.0 0.3 0.6 1.0 1.3 1.6 1.9 2.3 2.6 2.9 3.2 3.5 3.9 4.2 4.5 4.8
  5.2 5.5 5.8 6.1 6.5 6.8 7.1 7.4 7.7 8.1 8.4 8.7 9.0 9.4 9.7 10.0
  3.0 3.3 3.6 4.0 3.3 3.6 3.9 3.3 2.6 2.9 3.2 3.5 3.9 4.2 4.5 4.8
  -5.2 -5.5 -5.8 -6.1 -5.5 -5.8 5.1 5.4 5.7 5.1 5.4 5.7 6.0 6.4 4.7 6.0"
$NPY make "$WORK/gs.npy" --dtype f4 --shape "" --values "1.0"
"$RUNNER" examples/tensorrt_nvfp4.mlir --input="$WORK/x1.npy" --input="$WORK/gs.npy" \
  --output-dir="$WORK/out1"
$NPY compare "$WORK/out1/out0.npy" --label "TensorRT NVFP4 example (2x32, blocks of 16)" \
  --atol 0.006 --expected "
  0.00 0.41 0.41 0.81 1.22 1.62 1.62 2.44 2.44 3.25 3.25 3.25 3.25 4.87 4.87 4.87
  4.87 4.87 6.50 6.50 6.50 6.50 6.50 6.50 6.50 6.50 9.75 9.75 9.75 9.75 9.75 9.75
  3.25 3.25 3.25 3.25 3.25 3.25 3.25 3.25 2.44 3.25 3.25 3.25 3.25 4.87 4.87 4.87
  -4.50 -4.5 -6.75 -6.75 -4.5 -6.75 4.5 4.5 6.75 4.5 4.5 6.75 6.75 6.75 4.5 6.75"

# TensorRT example 2: 8x8 input in 4x3 blocks (partial edge blocks),
# f8E4M3FN data, f32 scales.
$NPY make "$WORK/x2.npy" --dtype f4 --shape 8,8 --values "
  0.0 0.3 0.6 1.0 1.3 1.6 1.9 2.3 2.6 2.9 3.2 3.5 3.9 4.2 4.5 4.8
  5.2 5.5 5.8 6.1 6.5 6.8 7.1 7.4 7.7 8.1 8.4 8.7 9.0 9.4 9.7 10.0
  3.0 3.3 3.6 4.0 3.3 3.6 3.9 3.3 2.6 2.9 3.2 3.5 3.9 4.2 4.5 4.8
  -5.2 -5.5 -5.8 -6.1 -5.5 -5.8 5.1 5.4 5.7 5.1 5.4 5.7 6.0 6.4 4.7 6.0"
"$RUNNER" examples/tensorrt_block_4x3.mlir --input="$WORK/x2.npy" --output-dir="$WORK/out2"
$NPY compare "$WORK/out2/out0.npy" --label "TensorRT 2D block example (8x8, blocks of 4x3)" \
  --atol 0.006 --expected "
  0. 0.3 0.6 1.01 1.26 1.68 1.96 2.32   2.7 3. 3.3 3.36 4.03 4.36 4.64 4.64
  5.4 5.4 6. 6.04 6.71 6.71 7.14 7.14   7.8 8.4 8.4 8.73 8.73 9.4 10. 10.
  2.9 3.31 3.73 4.11 3.2 3.66 3.86 3.21  2.69 2.9 3.11 3.43 4.11 4.11 4.29 4.71
  -5.39 -5.39 -5.8 -5.94 -5.49 -5.94 5.14 5.57  5.8 4.97 5.39 5.49 5.94 6.4 4.71 6."

# oneDNN Graph: per-channel u8 quantize_linear + dequantize_linear.
$NPY make "$WORK/x3.npy" --dtype f4 --shape 4,3 --values \
  "-1.0 0.5 2.0  0.0 1.25 -3.0  0.75 -0.5 4.0  1.5 5.0 -6.0"
$NPY make "$WORK/s3.npy" --dtype f4 --shape 3 --values "0.0125 0.025 0.05"
$NPY make "$WORK/z3.npy" --dtype u1 --shape 3 --values "128 64 100"
"$RUNNER" examples/onednn_quantize_linear.mlir --input="$WORK/x3.npy" \
  --input="$WORK/s3.npy" --input="$WORK/z3.npy" --output-dir="$WORK/out3"
$NPY compare "$WORK/out3/out0.npy" --label "oneDNN per-channel u8 round trip (4x3)" \
  --atol 1e-6 --expected "-1.0 0.5 2.0  0.0 1.25 -3.0  0.75 -0.5 4.0  1.5 4.775 -5.0"
