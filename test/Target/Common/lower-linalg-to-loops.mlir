// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-lower-linalg-to-loops))" | FileCheck %s --check-prefix=OUTER
// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-lower-linalg-to-loops{parallel-dims=all}))" | FileCheck %s --check-prefix=ALL

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A top-level elementwise op. outermost: only the outer dimension is
// parallel, the inner loop stays a sequential unit-stride scf.for. all:
// both dimensions in one scf.parallel.
// OUTER-LABEL: func.func @elementwise
// OUTER: scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// OUTER-NEXT: scf.for
// OUTER: arith.addf
// OUTER-NOT: linalg.generic
// ALL-LABEL: func.func @elementwise
// ALL: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}})
// ALL-NOT: scf.for
// ALL: arith.addf
func.func @elementwise(%a: memref<4x8xf32>, %b: memref<4x8xf32>) {
  linalg.generic {indexing_maps = [#id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x8xf32>) outs(%b : memref<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %x : f32
    linalg.yield %s : f32
  }
  return
}

// A row reduction: the parallel outer dimension is parallel under both
// rules, the reduction dimension always a sequential loop.
// OUTER-LABEL: func.func @reduction
// OUTER: scf.parallel
// OUTER: scf.for
// OUTER: arith.maximumf
// ALL-LABEL: func.func @reduction
// ALL: scf.parallel (%{{[^,]*}}) =
// ALL: scf.for
// ALL: arith.maximumf
func.func @reduction(%a: memref<4x8xf32>, %m: memref<4xf32>) {
  linalg.generic {indexing_maps = [#id, #row],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<4x8xf32>) outs(%m : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.maximumf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// Inside a parallel loop (a fused block): sequential loops only, under both
// rules, so threads are never nested.
// OUTER-LABEL: func.func @nested
// OUTER: scf.parallel
// OUTER-NOT: scf.parallel
// OUTER: scf.for
// OUTER: scf.for
// ALL-LABEL: func.func @nested
// ALL: scf.parallel
// ALL-NOT: scf.parallel
// ALL: scf.for
// ALL: scf.for
func.func @nested(%a: memref<2x4x8xf32>, %b: memref<2x4x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.parallel (%i) = (%c0) to (%c2) step (%c1) {
    %sa = memref.subview %a[%i, 0, 0] [1, 4, 8] [1, 1, 1]
        : memref<2x4x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    %sb = memref.subview %b[%i, 0, 0] [1, 4, 8] [1, 1, 1]
        : memref<2x4x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
    linalg.generic {indexing_maps = [#id, #id],
                    iterator_types = ["parallel", "parallel"]}
        ins(%sa : memref<4x8xf32, strided<[8, 1], offset: ?>>)
        outs(%sb : memref<4x8xf32, strided<[8, 1], offset: ?>>) {
    ^bb0(%x: f32, %y: f32):
      linalg.yield %x : f32
    }
    scf.reduce
  }
  return
}

// Tensor-level ops are left alone (the pass runs after bufferization).
// OUTER-LABEL: func.func @tensors
// OUTER: linalg.generic
// ALL-LABEL: func.func @tensors
// ALL: linalg.generic
func.func @tensors(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id],
                       iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x8xf32>) outs(%a : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
