// RUN: quant-dyn-opt %s --quant-dyn-out-params-in-place -split-input-file | FileCheck %s

// The tensor.empty a result is computed into is replaced by a view of the
// output memref (the dead empty is left to canonicalization), and the store
// into the output goes.
// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME:    %[[A:.*]]: tensor<4x8xf32>, %[[OUT:.*]]: memref<4x8xf32>)
// CHECK:         %[[VIEW:.*]] = bufferization.to_tensor %[[OUT]] restrict writable
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%[[VIEW]] : tensor<4x8xf32>)
// CHECK-NOT:     materialize_in_destination
// CHECK:         return
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @elementwise(%a: tensor<4x8xf32>, %out: memref<4x8xf32>) {
  %e = tensor.empty() : tensor<4x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id],
                       iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %x : f32
    linalg.yield %y : f32
  } -> tensor<4x8xf32>
  bufferization.materialize_in_destination %r in restrict writable %out
      : (tensor<4x8xf32>, memref<4x8xf32>) -> ()
  return
}

// -----

// A result that does not start at a tensor.empty (here: an argument) keeps
// its store, which bufferizes to a copy.
// CHECK-LABEL: func.func @copy_of_argument(
// CHECK:         bufferization.materialize_in_destination
func.func @copy_of_argument(%a: tensor<4x8xf32>, %out: memref<4x8xf32>) {
  bufferization.materialize_in_destination %a in restrict writable %out
      : (tensor<4x8xf32>, memref<4x8xf32>) -> ()
  return
}

// -----

// Slices inserted at static offsets (a peeled quantize's interior and edge
// strip): the destination chain starts at the output's one view, and each
// slice is computed into the same slice of the destination value it is
// inserted into, the second one after the first insert. A slice whose
// computation starts before its destination value exists (%late) keeps its
// own tensor.empty.
// CHECK-LABEL: func.func @inserted_slices(
// CHECK-SAME:    %[[A:.*]]: tensor<6x8xf32>, %[[B:.*]]: tensor<2x8xf32>, %[[OUT:.*]]: memref<?x?xf32>)
// CHECK:         %[[T:.*]] = bufferization.to_tensor %[[OUT]] restrict writable
// CHECK:         %[[LATE_INIT:.*]] = tensor.empty() : tensor<2x8xf32>
// CHECK:         %[[LATE:.*]] = linalg.generic {{.*}} outs(%[[LATE_INIT]] : tensor<2x8xf32>)
// CHECK:         %[[VIEW:.*]] = tensor.cast %[[T]] : tensor<?x?xf32> to tensor<8x8xf32>
// CHECK:         %[[S0:.*]] = tensor.extract_slice %[[VIEW]][0, 0] [6, 8] [1, 1]
// CHECK:         %[[R0:.*]] = linalg.generic {{.*}} outs(%[[S0]] : tensor<6x8xf32>)
// CHECK:         %[[I0:.*]] = tensor.insert_slice %[[R0]] into %[[VIEW]][0, 0] [6, 8] [1, 1]
// CHECK:         %[[S1:.*]] = tensor.extract_slice %[[I0]][6, 0] [2, 8] [1, 1]
// CHECK:         %[[R1:.*]] = linalg.generic {{.*}} outs(%[[S1]] : tensor<2x8xf32>)
// CHECK:         %[[I1:.*]] = tensor.insert_slice %[[R1]] into %[[I0]][6, 0] [2, 8] [1, 1]
// CHECK:         tensor.insert_slice %[[LATE]] into %[[I1]][0, 0] [2, 8] [1, 1]
// CHECK-NOT:     materialize_in_destination
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @inserted_slices(%a: tensor<6x8xf32>, %b: tensor<2x8xf32>,
                           %out: memref<?x?xf32>) {
  %e2 = tensor.empty() : tensor<2x8xf32>
  %late = linalg.generic {indexing_maps = [#id, #id],
                          iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<2x8xf32>) outs(%e2 : tensor<2x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.mulf %x, %x : f32
    linalg.yield %y : f32
  } -> tensor<2x8xf32>
  %full = tensor.empty() : tensor<8x8xf32>
  %e0 = tensor.empty() : tensor<6x8xf32>
  %r0 = linalg.generic {indexing_maps = [#id, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<6x8xf32>) outs(%e0 : tensor<6x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.addf %x, %x : f32
    linalg.yield %y : f32
  } -> tensor<6x8xf32>
  %i0 = tensor.insert_slice %r0 into %full[0, 0] [6, 8] [1, 1]
      : tensor<6x8xf32> into tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<2x8xf32>
  %r1 = linalg.generic {indexing_maps = [#id, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<2x8xf32>) outs(%e1 : tensor<2x8xf32>) {
  ^bb0(%x: f32, %o: f32):
    %y = arith.subf %x, %x : f32
    linalg.yield %y : f32
  } -> tensor<2x8xf32>
  %i1 = tensor.insert_slice %r1 into %i0[6, 0] [2, 8] [1, 1]
      : tensor<2x8xf32> into tensor<8x8xf32>
  %i2 = tensor.insert_slice %late into %i1[0, 0] [2, 8] [1, 1]
      : tensor<2x8xf32> into tensor<8x8xf32>
  %c = tensor.cast %i2 : tensor<8x8xf32> to tensor<?x?xf32>
  bufferization.materialize_in_destination %c in restrict writable %out
      : (tensor<?x?xf32>, memref<?x?xf32>) -> ()
  return
}
