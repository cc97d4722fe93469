#!/usr/bin/env bash
# CPU benchmark through quant-dyn-runner --time, which calls the compiled
# entry the way an embedder does (outputs allocated once, out-params ABI):
# f32 -> NVFP4, bf16 -> MXFP8 and f32 -> u8 quantize_linear on ROWSxCOLS
# (default 8192x8192), all cores. memcpy of each kernel's input bytes is
# timed in the same run (before and after the kernels, best of both) and
# each kernel's ratio to it is printed (>= 1: faster than copying the
# input). Then the in-process benchmark (quant-dyn-cpu-bench, same ABI).
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
python3 - "$WORK" "$ROWS" "$COLS" <<'PY'
import random, struct, sys
work, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
n = rows * cols
random.seed(42)
m = min(n, 1 << 20)
vals = [random.gauss(0, 3) for _ in range(m)]
def npy(path, descr, shape, block, width):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header += ' ' * (63 - (10 + len(header)) % 64) + '\n'
    with open(path, 'wb') as f:
        f.write(b'\x93NUMPY\x01\x00' + struct.pack('<H', len(header)) + header.encode())
        count = 1
        for d in eval(shape) if shape != '()' else []:
            count *= d
        for _ in range(count // m):
            f.write(block)
        f.write(block[:width * (count % m)])
f32 = struct.pack('<%df' % m, *vals)
bf16 = struct.pack('<%dH' % m, *[struct.unpack('<I', struct.pack('<f', v))[0] >> 16 for v in vals])
npy(work + '/x_f32.npy', '<f4', '(%d, %d)' % (rows, cols), f32, 4)
npy(work + '/x_bf16.npy', '<u2', '(%d, %d)' % (rows, cols), bf16, 2)
npy(work + '/gs.npy', '<f4', '()', struct.pack('<f', 1.0), 4)
npy(work + '/s.npy', '<f4', '(1,)', struct.pack('<f', 0.05), 4)
npy(work + '/z.npy', '|u1', '(1,)', bytes([128]), 1)
PY

t="tensor<${ROWS}x${COLS}"
nb16="tensor<${ROWS}x$((COLS / 16))"
nb32="tensor<${ROWS}x$((COLS / 32))"
cat > "$WORK/nvfp4.mlir" <<MLIR
func.func @main(%x: ${t}xf32>, %gs: tensor<f32>) -> (${t}xf4E2M1FN>, ${nb16}xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (${t}xf32>, tensor<f32>) -> (${t}xf4E2M1FN>, ${nb16}xf8E4M3FN>)
  return %q, %s : ${t}xf4E2M1FN>, ${nb16}xf8E4M3FN>
}
MLIR
cat > "$WORK/mxfp8.mlir" <<MLIR
func.func @main(%x: ${t}xbf16>) -> (${t}xf8E4M3FN>, ${nb32}xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (${t}xbf16>) -> (${t}xf8E4M3FN>, ${nb32}xf8E8M0FNU>)
  return %q, %s : ${t}xf8E4M3FN>, ${nb32}xf8E8M0FNU>
}
MLIR
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
nvfp4=$(run nvfp4 --input="$WORK/x_f32.npy" --input="$WORK/gs.npy")
mxfp8=$(run mxfp8 --input="$WORK/x_bf16.npy")
u8=$(run u8 --input="$WORK/x_f32.npy" --input="$WORK/s.npy" --input="$WORK/z.npy")
f32_after=$(memcpy_ms "$F32"); bf16_after=$(memcpy_ms "$BF16")

echo "quant-dyn-runner --time, ${ROWS}x${COLS}, all cores, best of $REPEAT; load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$f32_before" "$f32_after" "$bf16_before" "$bf16_after" "$nvfp4" "$mxfp8" "$u8" <<'PY'
import sys
f32b, f32a, bf16b, bf16a, nvfp4, mxfp8, u8 = map(float, sys.argv[1:])
f32, bf16 = min(f32b, f32a), min(bf16b, bf16a)
print('%-28s %10s %10s' % ('kernel', 'min ms', 'vs memcpy'))
print('%-28s %10.2f %10.2f' % ('memcpy f32 input bytes', f32, 1))
print('%-28s %10.2f %10.2f' % ('memcpy bf16 input bytes', bf16, 1))
print('%-28s %10.2f %10.2f' % ('f32 -> NVFP4 quantize', nvfp4, f32 / nvfp4))
print('%-28s %10.2f %10.2f' % ('bf16 -> MXFP8 quantize', mxfp8, bf16 / mxfp8))
print('%-28s %10.2f %10.2f' % ('f32 -> u8 quantize_linear', u8, f32 / u8))
PY
if [ -z "${SKIP_IN_PROCESS:-}" ]; then
  echo
  "$BUILD/bin/quant-dyn-cpu-bench" --bench-rows="$ROWS" --bench-cols="$COLS"
fi
