// RUN: not quant-dyn-opt %s -convert-quant-dyn-to-linalg=nvvm-chip=sm90a 2>&1 | FileCheck %s
// RUN: not quant-dyn-opt %s -convert-quant-dyn-to-linalg=nvvm-chip=sm_100x 2>&1 | FileCheck %s --check-prefix=SUFFIX
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg=nvvm-chip=sm_100f | FileCheck %s --check-prefix=GOOD

// A typo in the chip is an error, not a silent fallback to the portable
// conversions.
// CHECK: error: nvvm-chip: unknown NVIDIA chip 'sm90a' (expected sm_<N>[a|f], e.g. sm_90a)
// SUFFIX: error: nvvm-chip: unknown NVIDIA chip 'sm_100x'
// GOOD: nvvm.convert.f32x2.to.f8x2
func.func @f(%x: tensor<4x32xf32>) -> (tensor<4x32xf8E4M3FN>, tensor<4x1xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<4x32xf32>) -> (tensor<4x32xf8E4M3FN>, tensor<4x1xf8E8M0FNU>)
  return %q, %s : tensor<4x32xf8E4M3FN>, tensor<4x1xf8E8M0FNU>
}
