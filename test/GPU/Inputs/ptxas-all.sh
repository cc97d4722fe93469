#!/bin/bash
# Compiles each FILE.mlir for each target to PTX and assembles it with
# ptxas; prints "ok TARGET FILE" per success, stops at the first failure.
# A target is a chip, optionally with quant-dyn-compile flags after commas
# (sm_89,--ptx-features=+ptx81 or sm_100a,--hardware-cvt=false).
#   ptxas-all.sh PTXAS WORKDIR "TARGETS" FILE.mlir...
set -u
ptxas=$1; work=$2; targets=$3; shift 3
mkdir -p "$work" || exit 1
for target in $targets; do
  IFS=, read -r chip flags <<< "$target"
  for f in "$@"; do
    # shellcheck disable=SC2086
    quant-dyn-compile "$f" --target=nvvm --chip="$chip" ${flags//,/ } --emit=ptx -o "$work/k.ptx" || exit 1
    "$ptxas" -arch="$chip" "$work/k.ptx" -o "$work/k.cubin" || exit 1
    echo "ok $target $(basename "$f")"
  done
done
