// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file | FileCheck %s

// quantize with swizzled_128x4 scales: the input (small, so not peeled) is
// padded with zeros to whole 128x4 scale tiles (300 -> 384 rows) and viewed as
// [M/128, 4, 32, S/4, 4, block]; the scale generic writes each scale
// through a permutation straight to [M/128, S/4, 32, 4, 4], and the
// quantization reads the parameters in the unpermuted order.
// CHECK-DAG: #[[AMAX_IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3, d4, d5, d6)>
// CHECK-DAG: #[[AMAX_OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[ID5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[SWIZZLE:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d2, d1, d4)>
// CHECK-LABEL: func.func @nvfp4_partial_tiles
// CHECK-SAME: (%[[X:.*]]: tensor<300x128xbf16>, %[[GS:.*]]: tensor<f32>)
// CHECK-NOT: quant_dyn.quantize
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0] high[84, 0]
// CHECK: tensor.yield %{{.*}} : bf16
// CHECK: } : tensor<300x128xbf16> to tensor<384x128xbf16>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[P]] {{\[\[}}0, 1, 2], [3, 4, 5, 6]] output_shape [3, 4, 32, 2, 4, 8, 2] : tensor<384x128xbf16> into tensor<3x4x32x2x4x8x2xbf16>
// CHECK: %[[AMAX:.*]] = linalg.generic {indexing_maps = [#[[AMAX_IN]], #[[AMAX_OUT]]], {{.*}} ins(%[[E]] : tensor<3x4x32x2x4x8x2xbf16>) outs(%{{.*}} : tensor<3x4x32x2x4xi32>)
// CHECK: %[[SINIT:.*]] = tensor.empty() : tensor<3x2x32x4x4xf8E4M3FN>
// CHECK: %[[PINIT:.*]] = tensor.empty() : tensor<3x4x32x2x4xf32>
// CHECK: %[[SC:.*]]:2 = linalg.generic {indexing_maps = [#[[ID5]], #[[SWIZZLE]], #[[ID5]]], {{.*}} ins(%[[AMAX]] : tensor<3x4x32x2x4xi32>) outs(%[[SINIT]], %[[PINIT]] : tensor<3x2x32x4x4xf8E4M3FN>, tensor<3x4x32x2x4xf32>)
// CHECK: %[[Q:.*]] = linalg.generic {{.*}} ins(%[[E]], %[[SC]]#1 : tensor<3x4x32x2x4x8x2xbf16>, tensor<3x4x32x2x4xf32>) outs(%{{.*}} : tensor<3x4x32x2x4x8xi8>) attrs = {quant_dyn.block_root}
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[Q]] {{\[\[}}0, 1, 2], [3, 4, 5]] : tensor<3x4x32x2x4x8xi8> into tensor<384x64xi8>
// CHECK: %[[SL:.*]] = tensor.extract_slice %[[C]][0, 0] [300, 64] [1, 1] : tensor<384x64xi8> to tensor<300x64xi8>
// CHECK: %[[D:.*]] = quant_dyn.storage_cast %[[SL]] : tensor<300x64xi8> to tensor<300x128xf4E2M1FN>
// CHECK: return %[[D]], %[[SC]]#0
func.func @nvfp4_partial_tiles(%x: tensor<300x128xbf16>, %gs: tensor<f32>) -> (tensor<300x128xf4E2M1FN>, tensor<3x2x32x4x4xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<300x128xbf16>, tensor<f32>) -> (tensor<300x128xf4E2M1FN>, tensor<3x2x32x4x4xf8E4M3FN>)
  return %q, %s : tensor<300x128xf4E2M1FN>, tensor<3x2x32x4x4xf8E4M3FN>
}

// -----

// Whole tiles need no padding.
// CHECK-LABEL: func.func @mxfp8_whole_tiles
// CHECK-SAME: (%[[X:.*]]: tensor<256x128xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[E:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1, 2], [3, 4, 5]] output_shape [2, 4, 32, 1, 4, 32] : tensor<256x128xf32> into tensor<2x4x32x1x4x32xf32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<2x1x32x4x4xf8E8M0FNU>, tensor<2x4x32x1x4xf32>)
// CHECK-NOT: tensor.extract_slice
// CHECK: return
func.func @mxfp8_whole_tiles(%x: tensor<256x128xf32>) -> (tensor<256x128xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<256x128xf32>) -> (tensor<256x128xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>)
  return %q, %s : tensor<256x128xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>
}

// -----

// Rank 3, dynamic B, M and K: the static scale dim 2 (ceil(M/128)) is
// checked at run time, B goes in front, and the padding is dynamic.
// CHECK-DAG: #[[ROWS:.*]] = affine_map<()[s0] -> (s0 ceildiv 128)>
// CHECK-DAG: #[[SWIZZLE:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3, d2, d5)>
// CHECK-LABEL: func.func @rank3_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x?xf32>)
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG: %[[M:.*]] = tensor.dim %[[X]], %c1
// CHECK-DAG: %[[TM:.*]] = affine.apply #[[ROWS]]()[%[[M]]]
// CHECK-DAG: arith.cmpi eq, %{{.*}}, %c2
// CHECK: scf.if
// CHECK: tensor.pad %[[X]] low[0, 0, 0] high[0, %{{.*}}, %{{.*}}]
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2, 3], [4, 5, 6]] output_shape [%[[B]], %{{.*}}, 4, 32, %{{.*}}, 4, 32]
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[SWIZZLE]], #{{.*}}]
// CHECK: } else {
// CHECK: func.call @quant_dyn_report_error
func.func @rank3_dynamic(%x: tensor<?x?x?xf32>) -> (tensor<?x?x?xf6E2M3FN>, tensor<?x2x?x32x4x4xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<?x?x?xf32>) -> (tensor<?x?x?xf6E2M3FN>, tensor<?x2x?x32x4x4xf8E8M0FNU>)
  return %q, %s : tensor<?x?x?xf6E2M3FN>, tensor<?x2x?x32x4x4xf8E8M0FNU>
}

// -----

// dequantize reads the scale of each real (row, block) through the
// swizzled map; no padding row or block is read (the data is not padded).
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[READ:.*]] = affine_map<(d0, d1, d2) -> (d0 floordiv 128, d1 floordiv 4, d0 mod 32, (d0 mod 128) floordiv 32, d1 mod 4)>
// CHECK-LABEL: func.func @dequantize_partial_tiles
// CHECK-SAME: (%[[Q:.*]]: tensor<300x96xf8E4M3FN>, %[[S:.*]]: tensor<3x1x32x4x4xf8E8M0FNU>)
// CHECK-NOT: tensor.pad
// CHECK: %[[E:.*]] = tensor.expand_shape %[[Q]] {{\[\[}}0], [1, 2]] output_shape [300, 3, 32]
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[READ]], #[[ID]]], {{.*}} ins(%[[E]], %[[S]] : tensor<300x3x32xf8E4M3FN>, tensor<3x1x32x4x4xf8E8M0FNU>) outs(%{{.*}} : tensor<300x3x32xf32>)
// CHECK: tensor.collapse_shape %[[Y]]
func.func @dequantize_partial_tiles(%q: tensor<300x96xf8E4M3FN>, %s: tensor<3x1x32x4x4xf8E8M0FNU>) -> tensor<300x96xf32> {
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<300x96xf8E4M3FN>, tensor<3x1x32x4x4xf8E8M0FNU>) -> tensor<300x96xf32>
  return %y : tensor<300x96xf32>
}

// -----

// Dynamic M and K: the scale dims, static or not, are compared with
// ceil(M/128) and ceil(K/32/4) at run time.
// CHECK-DAG: #[[ROWS:.*]] = affine_map<()[s0] -> (s0 ceildiv 128)>
// CHECK-DAG: #[[COLS:.*]] = affine_map<()[s0] -> ((s0 floordiv 32) ceildiv 4)>
// CHECK-LABEL: func.func @dequantize_dynamic
// CHECK-SAME: (%[[Q:.*]]: tensor<?x?xf8E4M3FN>, %[[S:.*]]: tensor<2x?x32x4x4xf8E8M0FNU>)
// CHECK-DAG: %[[M:.*]] = tensor.dim %[[Q]], %c0
// CHECK-DAG: %[[K:.*]] = tensor.dim %[[Q]], %c1
// CHECK-DAG: %[[SCOLS:.*]] = tensor.dim %[[S]], %c1
// CHECK-DAG: %[[TM:.*]] = affine.apply #[[ROWS]]()[%[[M]]]
// CHECK-DAG: %[[TS:.*]] = affine.apply #[[COLS]]()[%[[K]]]
// CHECK-DAG: arith.cmpi eq, %c2, %[[TM]]
// CHECK-DAG: arith.cmpi eq, %[[SCOLS]], %[[TS]]
// CHECK: scf.if
// CHECK: linalg.generic
// CHECK: } else {
// CHECK: func.call @quant_dyn_report_error
func.func @dequantize_dynamic(%q: tensor<?x?xf8E4M3FN>, %s: tensor<2x?x32x4x4xf8E8M0FNU>) -> tensor<?x?xf32> {
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<?x?xf8E4M3FN>, tensor<2x?x32x4x4xf8E8M0FNU>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
