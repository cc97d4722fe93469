// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -canonicalize -cse \
// RUN:   -quant-dyn-tile-and-fuse-blocks="min-parallel-blocks=8 vectorize-min-lanes=8 version-zero-blocks=true" \
// RUN:   -canonicalize -cse | FileCheck %s
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -canonicalize -cse \
// RUN:   -quant-dyn-tile-and-fuse-blocks="min-parallel-blocks=8 vectorize-min-lanes=8" \
// RUN:   -canonicalize -cse | FileCheck %s --check-prefix=OFF

// A scale per column (split): the quantization is versioned on whether any
// parameter is NaN (a zeroed block). Only the version taken when one is
// zeroes codes (the compare of the parameters and the select).
// CHECK-LABEL: func.func @per_column(
// CHECK: %[[PARAMS:[0-9a-z_]+]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<1x64xf32>, tensor<1x64xf32>)
// CHECK: %[[ANY:.*]] = linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]} ins(%[[PARAMS]]#1 : tensor<1x64xf32>) outs(%{{.*}} : tensor<i1>)
// CHECK: arith.cmpf uno
// CHECK: arith.ori
// CHECK: %[[FLAG:.*]] = tensor.extract %[[ANY]][] : tensor<i1>
// CHECK: scf.if %[[FLAG]] -> (tensor<1x2048x64xf8E4M3FN>) {
// CHECK: scf.forall
// CHECK: arith.cmpf uno, %{{.*}}, %{{.*}} : vector<1x1x64xf32>
// CHECK: arith.select %{{.*}} : vector<1x1x64xi1>, vector<1x1x64xi32>
// CHECK: } else {
// CHECK: scf.forall
// CHECK-NOT: arith.cmpf uno
// CHECK: scf.forall.in_parallel
// CHECK: return
// OFF-LABEL: func.func @per_column(
// OFF-NOT: scf.if
// OFF: return
func.func @per_column(%x: tensor<2048x64xbf16>) -> (tensor<2048x64xf8E4M3FN>, tensor<1x64xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, 1>}
      : (tensor<2048x64xbf16>) -> (tensor<2048x64xf8E4M3FN>, tensor<1x64xf32>)
  return %q, %s : tensor<2048x64xf8E4M3FN>, tensor<1x64xf32>
}

// One parameter for the whole tensor: a broadcast value, nothing to gain.
// CHECK-LABEL: func.func @per_tensor(
// CHECK-NOT: scf.if
// CHECK: return
func.func @per_tensor(%x: tensor<2048x64xbf16>) -> (tensor<2048x64xf8E4M3FN>, tensor<1x1xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, -1>}
      : (tensor<2048x64xbf16>) -> (tensor<2048x64xf8E4M3FN>, tensor<1x1xf32>)
  return %q, %s : tensor<2048x64xf8E4M3FN>, tensor<1x1xf32>
}
