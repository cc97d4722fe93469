// RUN: quant-dyn-opt %s --quant-dyn-insert-slices-in-place -split-input-file | FileCheck %s

// A source inserted at dynamic offsets is computed into the same slice of
// the destination, through the collapse_shape between (an expand_shape of
// the slice): the whole chunks of a dynamic innermost extent.
// CHECK-LABEL: func.func @chunks(
// CHECK-SAME:    %[[A:.*]]: tensor<?x?x16xf32>, %[[N:.*]]: index, %[[K:.*]]: index)
// CHECK:         %[[DEST:.*]] = tensor.empty(%[[N]], %[[K]]) : tensor<?x?xf32>
// CHECK:         %[[SLICE:.*]] = tensor.extract_slice %[[DEST]][0, 0] [%{{.*}}, %{{.*}}] [1, 1]
// CHECK:         %[[VIEW:.*]] = tensor.expand_shape %[[SLICE]] {{\[\[}}0], [1, 2]]
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      outs(%[[VIEW]] : tensor<?x?x16xf32>)
// CHECK:         %[[C:.*]] = tensor.collapse_shape %[[R]]
// CHECK:         tensor.insert_slice %[[C]] into %[[DEST]]
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @chunks(%a: tensor<?x?x16xf32>, %n: index, %k: index) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %dest = tensor.empty(%n, %k) : tensor<?x?xf32>
  %d0 = tensor.dim %a, %c0 : tensor<?x?x16xf32>
  %d1 = tensor.dim %a, %c1 : tensor<?x?x16xf32>
  %w = affine.apply affine_map<()[s0] -> (s0 * 16)>()[%d1]
  %e = tensor.empty(%d0, %d1) : tensor<?x?x16xf32>
  %r = linalg.generic {indexing_maps = [#id, #id],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a : tensor<?x?x16xf32>) outs(%e : tensor<?x?x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %x : f32
    linalg.yield %y : f32
  } -> tensor<?x?x16xf32>
  %c = tensor.collapse_shape %r [[0], [1, 2]] : tensor<?x?x16xf32> into tensor<?x?xf32>
  %i = tensor.insert_slice %c into %dest[0, 0] [%d0, %w] [1, 1] : tensor<?x?xf32> into tensor<?x?xf32>
  return %i : tensor<?x?xf32>
}

// -----

// A slice size defined after the source's tensor.empty does not dominate
// it: the source keeps its temporary.
// CHECK-LABEL: func.func @size_after_source(
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK:         linalg.fill {{.*}} outs(%[[E]] : tensor<4x8xf32>)
func.func @size_after_source(%dest: tensor<?x8xf32>, %v: f32) -> tensor<?x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %f = linalg.fill ins(%v : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %o = arith.constant 2 : index
  %i = tensor.insert_slice %f into %dest[%o, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<?x8xf32>
  return %i : tensor<?x8xf32>
}

// -----

// A destination that is read again is left alone: computing into it would
// make bufferization copy the slice.
// CHECK-LABEL: func.func @destination_read_later(
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK:         linalg.fill {{.*}} outs(%[[E]] : tensor<4x8xf32>)
func.func @destination_read_later(%dest: tensor<8x8xf32>, %v: f32) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  %e = tensor.empty() : tensor<4x8xf32>
  %f = linalg.fill ins(%v : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %i = tensor.insert_slice %f into %dest[0, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<8x8xf32>
  return %i, %dest : tensor<8x8xf32>, tensor<8x8xf32>
}
