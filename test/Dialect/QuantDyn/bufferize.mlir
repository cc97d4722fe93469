// RUN: quant-dyn-opt %s -one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" -split-input-file | FileCheck %s
// RUN: quant-dyn-opt %s -one-shot-bufferize="bufferize-function-boundaries" -split-input-file | FileCheck %s --check-prefix=STRIDED

// quant_dyn.storage_cast bufferizes to the same op on the source's buffer,
// with an identity-layout result, and neither reads nor writes memory.
// CHECK-LABEL: func.func @contiguous
// CHECK-SAME: (%[[X:.*]]: memref<4x16xf4E2M1FN>) -> memref<4x8xi8>
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: %[[B:.*]] = quant_dyn.storage_cast %[[X]] : memref<4x16xf4E2M1FN> to memref<4x8xi8>
// CHECK: return %[[B]]
// A source buffer with a non-identity layout is copied to a contiguous one
// first: the reinterpretation needs contiguous rows.
// STRIDED-LABEL: func.func @contiguous
// STRIDED-SAME: (%[[X:.*]]: memref<4x16xf4E2M1FN, strided<[?, ?], offset: ?>>) -> memref<4x8xi8>
// STRIDED: %[[A:.*]] = memref.alloc() {{.*}} : memref<4x16xf4E2M1FN>
// STRIDED: memref.copy %[[X]], %[[A]]
// STRIDED: %[[B:.*]] = quant_dyn.storage_cast %[[A]] : memref<4x16xf4E2M1FN> to memref<4x8xi8>
// STRIDED: return %[[B]]
func.func @contiguous(%x: tensor<4x16xf4E2M1FN>) -> tensor<4x8xi8> {
  %b = quant_dyn.storage_cast %x : tensor<4x16xf4E2M1FN> to tensor<4x8xi8>
  return %b : tensor<4x8xi8>
}

// -----

// A strided view (here a slice with a row stride) is copied before the cast.
// CHECK-LABEL: func.func @strided_source
// CHECK-SAME: (%[[X:.*]]: memref<8x16xi8>) -> memref<4x16xf4E2M1FN>
// CHECK: %[[V:.*]] = memref.subview %[[X]][0, 0] [4, 8] [2, 1] : memref<8x16xi8> to memref<4x8xi8, strided<[32, 1]>>
// CHECK: %[[A:.*]] = memref.alloc() {{.*}} : memref<4x8xi8>
// CHECK: memref.copy %[[V]], %[[A]] : memref<4x8xi8, strided<[32, 1]>> to memref<4x8xi8>
// CHECK: %[[N:.*]] = quant_dyn.storage_cast %[[A]] : memref<4x8xi8> to memref<4x16xf4E2M1FN>
// CHECK: return %[[N]]
// STRIDED-LABEL: func.func @strided_source
func.func @strided_source(%x: tensor<8x16xi8>) -> tensor<4x16xf4E2M1FN> {
  %s = tensor.extract_slice %x[0, 0] [4, 8] [2, 1] : tensor<8x16xi8> to tensor<4x8xi8>
  %n = quant_dyn.storage_cast %s : tensor<4x8xi8> to tensor<4x16xf4E2M1FN>
  return %n : tensor<4x16xf4E2M1FN>
}

// -----

// Dynamic extents: the copy of a strided source allocates with the source's
// dynamic sizes.
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[X:.*]]: memref<?x8xsi8>) -> memref<?x8xi8>
// CHECK-NOT: memref.alloc
// CHECK: %[[B:.*]] = quant_dyn.storage_cast %[[X]] : memref<?x8xsi8> to memref<?x8xi8>
// CHECK: return %[[B]]
// STRIDED-LABEL: func.func @dynamic
// STRIDED-SAME: (%[[X:.*]]: memref<?x8xsi8, strided<[?, ?], offset: ?>>)
// STRIDED: %[[D:.*]] = memref.dim %[[X]], %{{.*}} : memref<?x8xsi8, strided<[?, ?], offset: ?>>
// STRIDED: %[[A:.*]] = memref.alloc(%[[D]]) {{.*}} : memref<?x8xsi8>
// STRIDED: memref.copy %[[X]], %[[A]]
// STRIDED: %[[B:.*]] = quant_dyn.storage_cast %[[A]] : memref<?x8xsi8> to memref<?x8xi8>
// STRIDED: return %[[B]]
func.func @dynamic(%x: tensor<?x8xsi8>) -> tensor<?x8xi8> {
  %b = quant_dyn.storage_cast %x : tensor<?x8xsi8> to tensor<?x8xi8>
  return %b : tensor<?x8xi8>
}
