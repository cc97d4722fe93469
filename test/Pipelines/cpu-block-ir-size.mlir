// The IR the CPU pipeline emits for a blocked quantization must not grow with
// the block: large blocks are loops over register-size sub-tiles, not one
// unrolled vector per block. One sub-tile quantizes with one vector division,
// so the module holds a handful of divisions whatever the block's size (a
// whole-block vector gives one division per vector row: thousands here).
// RUN: sed 's/BLOCK/16, 16/;s/SCALES/64x64/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/32, 32/;s/SCALES/32x32/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/64, 64/;s/SCALES/16x16/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/128, 128/;s/SCALES/8x8/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/1024, 1024/;s/SCALES/1x1/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/1, 128/;s/SCALES/1024x8/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/128, 1/;s/SCALES/8x1024/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/1, -1/;s/SCALES/1024x1/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/-1, 1/;s/SCALES/1x1024/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s
// RUN: sed 's/BLOCK/-1, -1/;s/SCALES/1x1/g' %s | quant-dyn-opt -quant-dyn-cpu-pipeline="num-threads=2" -print-op-stats -o /dev/null 2>&1 | FileCheck %s

// CHECK: Operations encountered:
// CHECK: llvm.fdiv {{ *}}, {{[1-9]$}}
// CHECK: llvm.store {{ *}}, {{[1-9]|1[0-9]$}}

func.func @main(%x: tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<SCALESxf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: BLOCK>}
      : (tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<SCALESxf32>)
  return %q, %s : tensor<1024x1024xf8E4M3FN>, tensor<SCALESxf32>
}
