// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file | FileCheck %s

// NVFP4: blocks of 16 along the last dim, packed f4 produced by a size-2
// reduction over the nibble pairs.
// CHECK-LABEL: func.func @nvfp4
// CHECK-SAME: (%[[X:.*]]: tensor<2x32xf32>, %[[GS:.*]]: tensor<f32>)
// CHECK: %[[G:.*]] = tensor.extract %[[GS]][]
// CHECK: %[[E:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1, 2, 3]] output_shape [2, 2, 8, 2] : tensor<2x32xf32> into tensor<2x2x8x2xf32>
// amax is the unsigned max of the magnitude bits (NaN / Inf sort above).
// CHECK: %[[AMAX:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction", "reduction"]{{.*}} ins(%[[E]] : tensor<2x2x8x2xf32>) outs(%{{.*}} : tensor<2x2xi32>)
// CHECK:   arith.andi %{{.*}}, %c2147483647_i32
// CHECK:   arith.maxui
// CHECK: %[[SC:.*]]:2 = linalg.generic {{.*}} ins(%[[AMAX]] : tensor<2x2xi32>) outs(%{{.*}}, %{{.*}} : tensor<2x2xf8E4M3FN>, tensor<2x2xf32>)
// CHECK:   arith.divf
// CHECK:   arith.divf %{{.*}}, %[[G]]
// CHECK: %[[Q:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} ins(%[[E]], %[[SC]]#1 : tensor<2x2x8x2xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<2x2x8xi8>)
// CHECK:   arith.divf
// CHECK:   arith.ori
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[Q]] {{\[\[}}0], [1, 2]] : tensor<2x2x8xi8> into tensor<2x16xi8>
// CHECK: %[[D:.*]] = quant_dyn.storage_cast %[[C]] : tensor<2x16xi8> to tensor<2x32xf4E2M1FN>
// CHECK: return %[[D]], %[[SC]]#0
func.func @nvfp4(%x: tensor<2x32xf32>, %gs: tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
    : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  return %q, %s : tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>
}

// -----

// Partial edge blocks: pad with zeros, expand, then slice the padding off.
// CHECK-LABEL: func.func @block_4x3
// CHECK: tensor.pad %{{.*}} low[0, 0] high[0, 1]
// CHECK: tensor.expand_shape {{.*}} output_shape [2, 4, 3, 3] : tensor<8x9xf32> into tensor<2x4x3x3xf32>
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "parallel", "reduction"]
// CHECK: tensor.extract_slice {{.*}}[0, 0] [8, 8] [1, 1] : tensor<8x9xf8E4M3FN> to tensor<8x8xf8E4M3FN>
func.func @block_4x3(%x: tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 4, 3>}
    : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
  return %q, %s : tensor<8x8xf8E4M3FN>, tensor<2x3xf32>
}

// -----

// A dynamic extent is checked at run time before any computation.
// CHECK-LABEL: func.func private @quant_dyn_report_error(i32, i64, i64, i64)
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[DIM:.*]] = tensor.dim
// CHECK: %[[REM:.*]] = arith.remui %[[DIM]], %c32
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[REM]], %c0
// CHECK: scf.if %[[OK]] -> (tensor<4x?xf8E5M2>, tensor<4x?xf8E8M0FNU>)
// CHECK:   linalg.generic
// CHECK: } else {
// CHECK:   func.call @quant_dyn_report_error
// CHECK:   tensor.empty
func.func @dynamic(%x: tensor<4x?xbf16>) -> (tensor<4x?xf8E5M2>, tensor<4x?xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = -1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>}
    : (tensor<4x?xbf16>) -> (tensor<4x?xf8E5M2>, tensor<4x?xf8E8M0FNU>)
  return %q, %s : tensor<4x?xf8E5M2>, tensor<4x?xf8E8M0FNU>
}
