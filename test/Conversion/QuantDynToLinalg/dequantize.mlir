// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file | FileCheck %s

// 1D blocks: the blocked dim becomes (blocks, block) and one elementwise
// generic reads each block's scale through a map that drops the block dim.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[SCALE:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @one_d
// CHECK-SAME: (%[[Q:.*]]: tensor<4x64xf8E4M3FN>, %[[S:.*]]: tensor<4x2xf8E8M0FNU>)
// CHECK-NOT: quant_dyn.
// CHECK: %[[E:.*]] = tensor.expand_shape %[[Q]] {{\[\[}}0], [1, 2]] output_shape [4, 2, 32] : tensor<4x64xf8E4M3FN> into tensor<4x2x32xf8E4M3FN>
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4x2x32xbf16>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[SCALE]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[E]], %[[S]] : tensor<4x2x32xf8E4M3FN>, tensor<4x2xf8E8M0FNU>) outs(%[[INIT]] : tensor<4x2x32xbf16>)
// CHECK: ^bb0(%[[IN:.*]]: f8E4M3FN, %[[SIN:.*]]: f8E8M0FNU, %{{.*}}: bf16):
// The codes and the e8m0 scale are decoded with integer ops, then multiplied.
// CHECK:   arith.bitcast %[[IN]] : f8E4M3FN to i8
// CHECK:   arith.bitcast %[[SIN]] : f8E8M0FNU to i8
// CHECK:   %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} : f32
// f32 -> bf16 rounds to nearest even in integer arithmetic.
// CHECK:   %[[B:.*]] = arith.bitcast %[[P]] : f32 to i32
// CHECK:   %[[T:.*]] = arith.trunci %{{.*}} : i32 to i16
// CHECK:   %[[R:.*]] = arith.bitcast %[[T]] : i16 to bf16
// CHECK:   linalg.yield %[[R]] : bf16
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[Y]] {{\[\[}}0], [1, 2]] : tensor<4x2x32xbf16> into tensor<4x64xbf16>
// CHECK: return %[[C]]
func.func @one_d(%q: tensor<4x64xf8E4M3FN>, %s: tensor<4x2xf8E8M0FNU>) -> tensor<4x64xbf16> {
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>) -> tensor<4x64xbf16>
  return %y : tensor<4x64xbf16>
}

// -----

// block_shape with partial edge blocks: si8 codes are read as i8, padded
// with zeros to whole blocks, and the padding is sliced off the result.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[SCALE:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
// CHECK-LABEL: func.func @block_shape_partial
// CHECK-SAME: (%[[Q:.*]]: tensor<8x8xsi8>, %[[S:.*]]: tensor<2x3xf16>)
// CHECK: %[[I8:.*]] = quant_dyn.storage_cast %[[Q]] : tensor<8x8xsi8> to tensor<8x8xi8>
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK: %[[PAD:.*]] = tensor.pad %[[I8]] low[0, 0] high[0, 1]
// CHECK:   tensor.yield %[[ZERO]] : i8
// CHECK: } : tensor<8x8xi8> to tensor<8x9xi8>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[PAD]] {{\[\[}}0, 1], [2, 3]] output_shape [2, 4, 3, 3] : tensor<8x9xi8> into tensor<2x4x3x3xi8>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[SCALE]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[E]], %[[S]] : tensor<2x4x3x3xi8>, tensor<2x3xf16>) outs(%{{.*}} : tensor<2x4x3x3xf32>)
// CHECK:   %[[QF:.*]] = arith.sitofp %{{.*}} : i8 to f32
// CHECK:   %[[SF:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK:   %[[P:.*]] = arith.mulf %[[QF]], %[[SF]] : f32
// f32 results canonicalize NaN.
// CHECK:   arith.cmpf uno, %[[P]], %[[P]] : f32
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[Y]] {{\[\[}}0, 1], [2, 3]] : tensor<2x4x3x3xf32> into tensor<8x9xf32>
// CHECK: %[[SL:.*]] = tensor.extract_slice %[[C]][0, 0] [8, 8] [1, 1] : tensor<8x9xf32> to tensor<8x8xf32>
// CHECK: return %[[SL]]
func.func @block_shape_partial(%q: tensor<8x8xsi8>, %s: tensor<2x3xf16>) -> tensor<8x8xf32> {
  %y = quant_dyn.dequantize %q, %s {block_shape = array<i64: 4, 3>}
    : (tensor<8x8xsi8>, tensor<2x3xf16>) -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}

// -----

// NVFP4: the packed bytes are unpacked into one code per element (element
// 2i from the low nibble), and the e4m3 scale is multiplied by the double
// quantization scale.
// CHECK-DAG: #[[BYTE:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @nvfp4
// CHECK-SAME: (%[[Q:.*]]: tensor<2x32xf4E2M1FN>, %[[S:.*]]: tensor<2x2xf8E4M3FN>, %[[GS:.*]]: tensor<f32>)
// CHECK: %[[G:.*]] = tensor.extract %[[GS]][] : tensor<f32>
// CHECK: %[[BYTES:.*]] = quant_dyn.storage_cast %[[Q]] : tensor<2x32xf4E2M1FN> to tensor<2x16xi8>
// CHECK: %[[PAIRS:.*]] = linalg.generic {indexing_maps = [#[[BYTE]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[BYTES]] : tensor<2x16xi8>) outs(%{{.*}} : tensor<2x16x2xi8>)
// CHECK:   %[[K:.*]] = linalg.index 2 : index
// CHECK:   %[[K8:.*]] = arith.index_cast %[[K]] : index to i8
// CHECK:   %[[SHIFT:.*]] = arith.muli %[[K8]], %{{.*}} : i8
// CHECK:   %[[V:.*]] = arith.shrui %{{.*}}, %[[SHIFT]] : i8
// CHECK:   %[[N:.*]] = arith.andi %[[V]], %{{.*}} : i8
// CHECK:   linalg.yield %[[N]] : i8
// CHECK: %[[CODES:.*]] = tensor.collapse_shape %[[PAIRS]] {{\[\[}}0], [1, 2]] : tensor<2x16x2xi8> into tensor<2x32xi8>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[CODES]] {{\[\[}}0], [1, 2]] output_shape [2, 2, 16] : tensor<2x32xi8> into tensor<2x2x16xi8>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[BYTE]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[E]], %[[S]] : tensor<2x2x16xi8>, tensor<2x2xf8E4M3FN>) outs(%{{.*}} : tensor<2x2x16xf16>)
// CHECK:   %[[SG:.*]] = arith.mulf %{{.*}}, %[[G]] : f32
// CHECK:   arith.mulf %{{.*}}, %[[SG]] : f32
// CHECK:   linalg.yield %{{.*}} : f16
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[Y]] {{\[\[}}0], [1, 2]] : tensor<2x2x16xf16> into tensor<2x32xf16>
// CHECK: return %[[C]]
func.func @nvfp4(%q: tensor<2x32xf4E2M1FN>, %s: tensor<2x2xf8E4M3FN>, %gs: tensor<f32>) -> tensor<2x32xf16> {
  %y = quant_dyn.dequantize %q, %s, %gs {axis = -1 : i64, block_size = 16 : i64}
    : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf16>
  return %y : tensor<2x32xf16>
}

// -----

// Dynamic extents: the scales' extent is compared with the number of blocks
// at run time (kind 3 of quant-dyn-c/Runtime.h: QUANT_DYN_ERROR_SCALES_EXTENT)
// before anything is computed.
// CHECK-LABEL: func.func private @quant_dyn_report_error(i32, i64, i64, i64)
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[Q:.*]]: tensor<?x32xf8E5M2>, %[[S:.*]]: tensor<?x1xf32>)
// CHECK: %[[ROWS:.*]] = tensor.dim %[[Q]], %{{.*}} : tensor<?x32xf8E5M2>
// CHECK: %[[SROWS:.*]] = tensor.dim %[[S]], %{{.*}} : tensor<?x1xf32>
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[SROWS]], %[[ROWS]] : index
// CHECK: %[[R:.*]] = scf.if %[[OK]] -> (tensor<?x32xf32>) {
// CHECK:   tensor.expand_shape %[[Q]] {{\[\[}}0], [1, 2]] output_shape [%[[ROWS]], 1, 32]
// CHECK:   linalg.generic
// CHECK:   scf.yield %{{.*}} : tensor<?x32xf32>
// CHECK: } else {
// CHECK:   %[[BAD:.*]] = arith.xori %[[OK]], %{{.*}} : i1
// CHECK:   scf.if %[[BAD]] {
// CHECK:     %[[KIND:.*]] = arith.constant 3 : i32
// CHECK:     %[[DIM:.*]] = arith.constant 0 : i64
// CHECK:     %[[ACTUAL:.*]] = arith.index_cast %[[SROWS]] : index to i64
// CHECK:     %[[EXPECTED:.*]] = arith.index_cast %[[ROWS]] : index to i64
// CHECK:     func.call @quant_dyn_report_error(%[[KIND]], %[[DIM]], %[[ACTUAL]], %[[EXPECTED]])
// CHECK:   }
// CHECK:   %[[EMPTY:.*]] = tensor.empty(%[[ROWS]]) : tensor<?x32xf32>
// CHECK:   scf.yield %[[EMPTY]] : tensor<?x32xf32>
// CHECK: }
// CHECK: return %[[R]]
func.func @dynamic(%q: tensor<?x32xf8E5M2>, %s: tensor<?x1xf32>) -> tensor<?x32xf32> {
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<?x32xf8E5M2>, tensor<?x1xf32>) -> tensor<?x32xf32>
  return %y : tensor<?x32xf32>
}

// -----

// The conversion rewrites the quant_dyn ops and nothing else: foldable IR
// around them is not folded.
// CHECK-LABEL: func.func @no_folding
// CHECK: %[[A:.*]] = arith.constant 1 : index
// CHECK: %[[B:.*]] = arith.constant 2 : index
// CHECK: %[[SUM:.*]] = arith.addi %[[A]], %[[B]] : index
// CHECK: linalg.generic
// CHECK: return %{{.*}}, %[[SUM]]
func.func @no_folding(%q: tensor<4x32xf8E4M3FN>, %s: tensor<4x1xf32>) -> (tensor<4x32xf32>, index) {
  %a = arith.constant 1 : index
  %b = arith.constant 2 : index
  %sum = arith.addi %a, %b : index
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x32xf8E4M3FN>, tensor<4x1xf32>) -> tensor<4x32xf32>
  return %y, %sum : tensor<4x32xf32>, index
}
