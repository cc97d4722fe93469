#!/bin/bash
# Compiles each FILE.mlir for each chip to PTX and assembles it with ptxas;
# prints "ok CHIP FILE" per success, stops at the first failure.
#   ptxas-all.sh PTXAS WORKDIR "CHIPS" FILE.mlir...
set -u
ptxas=$1; work=$2; chips=$3; shift 3
mkdir -p "$work" || exit 1
for chip in $chips; do
  for f in "$@"; do
    quant-dyn-compile "$f" --target=nvvm --chip="$chip" --emit=ptx -o "$work/k.ptx" || exit 1
    "$ptxas" -arch="$chip" "$work/k.ptx" -o "$work/k.cubin" || exit 1
    echo "ok $chip $(basename "$f")"
  done
done
