#!/usr/bin/env bash
# CPU benchmark through quant-dyn-runner --time, which calls the compiled
# entry the way an embedder does (outputs allocated once, out-params ABI):
# f32 -> NVFP4, bf16 -> MXFP8 (each with linear and with swizzled_128x4
# scales) and f32 -> u8 quantize_linear on ROWSxCOLS (default 8192x8192),
# all cores. memcpy of each kernel's input bytes is timed in the same run
# (before, between and after the kernels, best of the three) and each
# kernel's ratio to it
# is printed (>= 1: faster than copying the input); each swizzled kernel
# also its ratio to the linear one (>= 1: at least as fast). The linear and
# swizzled kernels run in two rounds, in opposite order, best of both, so
# that load from other processes falls on both alike. Then the in-process
# benchmark (quant-dyn-cpu-bench, same ABI).
# Usage: benchmarks/run_cpu_bench.sh [ROWS COLS REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
ROWS=${1:-8192}
COLS=${2:-8192}
REPEAT=${3:-20}
RUNNER=${RUNNER:-$BUILD/bin/quant-dyn-runner}
cmake --build "$BUILD" --target quant-dyn-runner quant-dyn-memcpy-time \
  quant-dyn-cpu-bench >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Normal values (sigma 3) as f32 and bf16; a 1 Mi-element pattern repeated.
NPY="python3 scripts/npytool.py"
$NPY normal "$WORK/x_f32.npy" --dtype f4 --shape "$ROWS,$COLS"
$NPY normal "$WORK/x_bf16.npy" --dtype bf16 --shape "$ROWS,$COLS"
$NPY make "$WORK/gs.npy" --dtype f4 --shape "" --values 1.0
$NPY make "$WORK/s.npy" --dtype f4 --shape 1 --values 0.05
$NPY make "$WORK/z.npy" --dtype u1 --shape 1 --values 128

t="tensor<${ROWS}x${COLS}"
# Scales of blocks of $1 along the columns, row-major ($2 empty) or in the
# swizzled_128x4 layout ($2 = swz).
scales() {
  if [ -z "$2" ]; then
    echo "tensor<${ROWS}x$((COLS / $1))"
  else
    echo "tensor<$(((ROWS + 127) / 128))x$(((COLS / $1 + 3) / 4))x32x4x4"
  fi
}
for layout in "" swz; do
  attr=""
  [ -n "$layout" ] && attr=", scale_layout = #quant_dyn.scale_layout<swizzled_128x4>"
  nb16=$(scales 16 "$layout")
  nb32=$(scales 32 "$layout")
  cat > "$WORK/nvfp4${layout:+_$layout}.mlir" <<MLIR
func.func @main(%x: ${t}xf32>, %gs: tensor<f32>) -> (${t}xf4E2M1FN>, ${nb16}xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64${attr}}
      : (${t}xf32>, tensor<f32>) -> (${t}xf4E2M1FN>, ${nb16}xf8E4M3FN>)
  return %q, %s : ${t}xf4E2M1FN>, ${nb16}xf8E4M3FN>
}
MLIR
  cat > "$WORK/mxfp8${layout:+_$layout}.mlir" <<MLIR
func.func @main(%x: ${t}xbf16>) -> (${t}xf8E4M3FN>, ${nb32}xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64${attr}}
      : (${t}xbf16>) -> (${t}xf8E4M3FN>, ${nb32}xf8E8M0FNU>)
  return %q, %s : ${t}xf8E4M3FN>, ${nb32}xf8E8M0FNU>
}
MLIR
done
cat > "$WORK/u8.mlir" <<MLIR
func.func @main(%x: ${t}xf32>, %s: tensor<1xf32>, %z: tensor<1xui8>) -> ${t}xui8> {
  %q = quant_dyn.quantize_linear %x, %s, %z
      : (${t}xf32>, tensor<1xf32>, tensor<1xui8>) -> ${t}xui8>
  return %q : ${t}xui8>
}
MLIR

ms_of() { sed -n 's/.*time_ms min=\([0-9.]*\).*/\1/p'; }
F32=$((ROWS * COLS * 4))
BF16=$((ROWS * COLS * 2))
memcpy_ms() { "$BUILD/bin/quant-dyn-memcpy-time" "$1" "$REPEAT" | ms_of; }
f32_before=$(memcpy_ms "$F32"); bf16_before=$(memcpy_ms "$BF16")
run() {
  "$RUNNER" --target=cpu "$WORK/$1.mlir" "${@:2}" --output-dir="$WORK/out" \
    --repeat="$REPEAT" --time | ms_of
}
min_ms() { python3 -c 'import sys; print(min(map(float, sys.argv[1:])))' "$@"; }
# Linear and swizzled: two rounds in opposite order, best of both.
NVFP4_IN=(--input="$WORK/x_f32.npy" --input="$WORK/gs.npy")
MXFP8_IN=(--input="$WORK/x_bf16.npy")
nvfp4_a=$(run nvfp4 "${NVFP4_IN[@]}"); nvfp4_swz_a=$(run nvfp4_swz "${NVFP4_IN[@]}")
nvfp4_swz_b=$(run nvfp4_swz "${NVFP4_IN[@]}"); nvfp4_b=$(run nvfp4 "${NVFP4_IN[@]}")
# memcpy between the kernels too: the machine's speed drifts within a run.
f32_mid=$(memcpy_ms "$F32"); bf16_mid=$(memcpy_ms "$BF16")
mxfp8_a=$(run mxfp8 "${MXFP8_IN[@]}"); mxfp8_swz_a=$(run mxfp8_swz "${MXFP8_IN[@]}")
mxfp8_swz_b=$(run mxfp8_swz "${MXFP8_IN[@]}"); mxfp8_b=$(run mxfp8 "${MXFP8_IN[@]}")
nvfp4=$(min_ms "$nvfp4_a" "$nvfp4_b"); nvfp4_swz=$(min_ms "$nvfp4_swz_a" "$nvfp4_swz_b")
mxfp8=$(min_ms "$mxfp8_a" "$mxfp8_b"); mxfp8_swz=$(min_ms "$mxfp8_swz_a" "$mxfp8_swz_b")
u8=$(run u8 --input="$WORK/x_f32.npy" --input="$WORK/s.npy" --input="$WORK/z.npy")
f32_after=$(memcpy_ms "$F32"); bf16_after=$(memcpy_ms "$BF16")

echo "quant-dyn-runner --time, ${ROWS}x${COLS}, all cores, best of $REPEAT; load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$f32_before" "$f32_mid" "$f32_after" "$bf16_before" "$bf16_mid" \
  "$bf16_after" "$nvfp4" "$nvfp4_swz" "$mxfp8" "$mxfp8_swz" "$u8" <<'PY'
import sys
(f32b, f32m, f32a, bf16b, bf16m, bf16a, nvfp4, nvfp4_swz, mxfp8, mxfp8_swz,
 u8) = map(float, sys.argv[1:])
f32, bf16 = min(f32b, f32m, f32a), min(bf16b, bf16m, bf16a)
print('%-34s %10s %10s %10s' % ('kernel', 'min ms', 'vs memcpy', 'vs linear'))
def row(name, ms, copy, linear=None):
    print('%-34s %10.2f %10.2f %10s' % (name, ms, copy / ms,
                                        '' if linear is None else '%.2f' % (linear / ms)))
row('memcpy f32 input bytes', f32, f32)
row('memcpy bf16 input bytes', bf16, bf16)
row('f32 -> NVFP4 quantize', nvfp4, f32)
row('f32 -> NVFP4 quantize (swizzled)', nvfp4_swz, f32, nvfp4)
row('bf16 -> MXFP8 quantize', mxfp8, bf16)
row('bf16 -> MXFP8 quantize (swizzled)', mxfp8_swz, bf16, mxfp8)
row('f32 -> u8 quantize_linear', u8, f32)
PY
if [ -z "${SKIP_IN_PROCESS:-}" ]; then
  echo
  "$BUILD/bin/quant-dyn-cpu-bench" --bench-rows="$ROWS" --bench-cols="$COLS"
fi
