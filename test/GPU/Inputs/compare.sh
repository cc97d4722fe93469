#!/bin/bash
# Runs FILE.mlir with quant-dyn-runner --target=cpu and with the given
# runner arguments (e.g. --target=nvvm) on the same generated inputs and
# compares every output file byte for byte.
#
#   compare.sh "RUNNER ARGS" FILE.mlir WORKDIR SPEC...
#
# SPEC is dtype:shape:kind:seed for gen_input.py (shape "" is rank 0).
# Prints "MATCH <n> outputs" on success; otherwise names the first output
# that differs and exits 1.
set -u
args=$1; file=$2; work=$3; shift 3
here=$(dirname "$0")
rm -rf "$work" && mkdir -p "$work/in" || exit 1
inputs=()
i=0
for spec in "$@"; do
  IFS=: read -r dtype shape kind seed <<< "$spec"
  python3 "$here/gen_input.py" "$work/in/in$i.npy" --dtype "$dtype" \
    --shape "$shape" --kind "${kind:-data}" --seed "${seed:-$((i + 1))}" || exit 1
  inputs+=("--input=$work/in/in$i.npy")
  i=$((i + 1))
done
quant-dyn-runner "$file" --target=cpu "${inputs[@]}" --output-dir="$work/cpu" || exit 1
# shellcheck disable=SC2086
quant-dyn-runner "$file" $args "${inputs[@]}" --output-dir="$work/other" || exit 1
n=0
for out in "$work"/cpu/out*.npy; do
  name=$(basename "$out")
  if ! cmp "$out" "$work/other/$name"; then
    echo "MISMATCH $name"
    exit 1
  fi
  n=$((n + 1))
done
if [ "$(ls "$work"/other/out*.npy | wc -l)" != "$n" ]; then
  echo "MISMATCH output count"
  exit 1
fi
echo "MATCH $n outputs"
