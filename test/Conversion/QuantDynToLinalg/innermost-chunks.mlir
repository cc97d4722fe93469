// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg="innermost-chunk-blocks=16" -split-input-file | FileCheck %s
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file | FileCheck %s --check-prefix=WHOLE

// With innermost-chunk-blocks, a dynamic innermost extent K blocked along
// itself is split after the run-time checks: the whole chunks of 16 blocks
// [.., K1] (K1 = K - K mod 512 here) viewed as [.., K1 / 512, 512], and the
// tail [.., K mod 512], each quantized and inserted into the results.
// CHECK-DAG: #[[CHUNKS:.*]] = affine_map<()[s0] -> (s0 floordiv 512)>
// CHECK-DAG: #[[PREFIX:.*]] = affine_map<()[s0] -> ((s0 floordiv 512) * 512)>
// CHECK-DAG: #[[TAILMAP:.*]] = affine_map<()[s0] -> (s0 mod 512)>
// CHECK-DAG: #[[BLOCKS:.*]] = affine_map<()[s0] -> ((s0 floordiv 512) * 16)>
// CHECK-LABEL: func.func @mxfp8(
// CHECK-SAME:    %[[X:.*]]: tensor<?x?xbf16>)
// CHECK:         %[[K:.*]] = tensor.dim %[[X]], %c1
// CHECK:         scf.if
// CHECK-DAG:       %[[N:.*]] = affine.apply #[[CHUNKS]]()[%[[K]]]
// CHECK-DAG:       %[[K1:.*]] = affine.apply #[[PREFIX]]()[%[[K]]]
// CHECK-DAG:       %[[TAIL:.*]] = affine.apply #[[TAILMAP]]()[%[[K]]]
// CHECK-DAG:       %[[S1:.*]] = affine.apply #[[BLOCKS]]()[%[[K]]]
// CHECK:           %[[Q:.*]] = tensor.empty({{.*}}) : tensor<?x?xf8E4M3FN>
// CHECK:           %[[S:.*]] = tensor.empty({{.*}}) : tensor<?x?xf8E8M0FNU>
// CHECK:           %[[P:.*]] = tensor.extract_slice %[[X]][0, 0] [%{{.*}}, %[[K1]]] [1, 1]
// CHECK:           tensor.expand_shape %[[P]] {{\[\[}}0], [1, 2]] output_shape [%{{.*}}, %[[N]], 512] : tensor<?x?xbf16> into tensor<?x?x512xbf16>
// CHECK:           linalg.generic {{.*}} ins(%{{.*}} : tensor<?x?x16x32xbf16>)
// CHECK:           %[[Q1:.*]] = tensor.insert_slice %{{.*}} into %[[Q]][0, 0] [%{{.*}}, %[[K1]]]
// CHECK:           %[[S1I:.*]] = tensor.insert_slice %{{.*}} into %[[S]][0, 0] [%{{.*}}, %[[S1]]]
// CHECK:           tensor.extract_slice %[[X]][0, %[[K1]]] [%{{.*}}, %[[TAIL]]] [1, 1]
// CHECK:           tensor.insert_slice %{{.*}} into %[[Q1]][0, %[[K1]]] [%{{.*}}, %[[TAIL]]]
// CHECK:           tensor.insert_slice %{{.*}} into %[[S1I]][0, %[[S1]]]
// WHOLE-LABEL: func.func @mxfp8(
// WHOLE-NOT:     tensor.insert_slice
// WHOLE:         return
func.func @mxfp8(%x: tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>)
  return %q, %s : tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>
}

// -----

// Blocks across the innermost dim, a static innermost extent, a whole-row
// block and swizzled scales are lowered whole.
// CHECK-LABEL: func.func @not_chunked(
// CHECK-NOT:     tensor.insert_slice
// CHECK:         return
func.func @not_chunked(%x: tensor<?x?xf32>, %y: tensor<?x256xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf32>, tensor<?x256xf8E4M3FN>, tensor<?x8xf32>, tensor<?x?xf8E4M3FN>, tensor<?x1xf32>, tensor<?x?xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>) {
  %q0, %s0 = quant_dyn.quantize %x {block_shape = array<i64: 16, 16>}
      : (tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf32>)
  %q1, %s1 = quant_dyn.quantize %y {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<?x256xf32>) -> (tensor<?x256xf8E4M3FN>, tensor<?x8xf32>)
  %q2, %s2 = quant_dyn.quantize %x {block_shape = array<i64: 1, -1>}
      : (tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x1xf32>)
  %gs = arith.constant dense<1.0> : tensor<f32>
  %q3, %s3 = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x?xf32>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>)
  return %q0, %s0, %q1, %s1, %q2, %s2, %q3, %s3 : tensor<?x?xf8E4M3FN>, tensor<?x?xf32>, tensor<?x256xf8E4M3FN>, tensor<?x8xf32>, tensor<?x?xf8E4M3FN>, tensor<?x1xf32>, tensor<?x?xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>
}
