#!/usr/bin/env bash
# CPU benchmark of the block_shape families through quant-dyn-runner --time:
# bf16 -> f8E4M3FN with f32 scales in blocks of 1x128, 16x16, 128x128, 128x1,
# 1x-1, -1x1 and -1x-1 on bf16 ROWSxCOLS (default 8192x4096), all cores.
# Generates the input and prints each kernel's ratio to memcpy of the input
# bytes timed in the same run. The kernels and memcpy alternate over ROUNDS
# rounds (default 3; each kernel and memcpy once per round, best of REPEAT
# calls each time) and each figure is the best over the rounds, so that the
# machine's slow and fast phases fall on the kernels and on memcpy alike.
# Usage: benchmarks/run_block_bench.sh [ROWS COLS REPEAT ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
ROWS=${1:-8192}
COLS=${2:-4096}
REPEAT=${3:-20}
ROUNDS=${4:-3}
RUNNER=${RUNNER:-$BUILD/bin/quant-dyn-runner} # another build to compare
cmake --build "$BUILD" --target quant-dyn-runner quant-dyn-memcpy-time >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Normal values (sigma 3) as bf16 codes; a 1 Mi-element pattern repeated.
python3 scripts/npytool.py normal "$WORK/x.npy" --dtype bf16 --shape "$ROWS,$COLS"

BYTES=$((ROWS * COLS * 2))
ms_of() { sed -n 's/.*time_ms min=\([0-9.]*\).*/\1/p'; }
nblocks() { if [ "$2" = -1 ]; then echo 1; else echo $((($1 + $2 - 1) / $2)); fi; }
declare -A best
keep_best() { best[$1]=$(python3 -c "print(min(${best[$1]:-1e9}, $2))"); }
shapes=(${SHAPES:-1x128 16x16 128x128 128x1 1x-1 -1x1 -1x-1})
for shape in "${shapes[@]}"; do
  br=${shape%x*}; bc=${shape#*x}
  scales="$(nblocks "$ROWS" "$br")x$(nblocks "$COLS" "$bc")"
  t="tensor<${ROWS}x${COLS}"
  cat > "$WORK/k$shape.mlir" <<MLIR
func.func @main(%x: ${t}xbf16>) -> (${t}xf8E4M3FN>, tensor<${scales}xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: ${br}, ${bc}>}
      : (${t}xbf16>) -> (${t}xf8E4M3FN>, tensor<${scales}xf32>)
  return %q, %s : ${t}xf8E4M3FN>, tensor<${scales}xf32>
}
MLIR
done
for round in $(seq "$ROUNDS"); do
  keep_best memcpy "$("$BUILD/bin/quant-dyn-memcpy-time" "$BYTES" "$REPEAT" | ms_of)"
  for shape in "${shapes[@]}"; do
    keep_best "$shape" "$("$RUNNER" --target=cpu "$WORK/k$shape.mlir" \
         --input="$WORK/x.npy" --output-dir="$WORK/out" --repeat="$REPEAT" \
         --time | ms_of)"
  done
done
copy=${best[memcpy]}
printf '%-12s %10s %10s\n' "block_shape" "min ms" "vs memcpy"
printf '%-12s %10.2f %10.2f\n' "memcpy" "$copy" 1
for shape in "${shapes[@]}"; do
  printf '%-12s %10.2f %10.2f\n' "$shape" "${best[$shape]}" \
    "$(python3 -c "print($copy / ${best[$shape]})")"
done
echo "best of $ROUNDS alternating rounds of $REPEAT calls (memcpy: ${BYTES} bytes); load: $(cut -d' ' -f1-3 /proc/loadavg)"
