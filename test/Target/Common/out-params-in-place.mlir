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
