// RUN: quant-dyn-opt %s -canonicalize -split-input-file | FileCheck %s

// A cast to the source's own type folds away.
// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xi8>)
// CHECK-NOT: quant_dyn.storage_cast
// CHECK: return %[[X]]
func.func @identity(%x: tensor<4x8xi8>) -> tensor<4x8xi8> {
  %0 = quant_dyn.storage_cast %x : tensor<4x8xi8> to tensor<4x8xi8>
  return %0 : tensor<4x8xi8>
}

// -----

// A round trip folds to the original value.
// CHECK-LABEL: func.func @round_trip
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf4E2M1FN>)
// CHECK-NOT: quant_dyn.storage_cast
// CHECK: return %[[X]]
func.func @round_trip(%x: tensor<4x16xf4E2M1FN>) -> tensor<4x16xf4E2M1FN> {
  %b = quant_dyn.storage_cast %x : tensor<4x16xf4E2M1FN> to tensor<4x8xi8>
  %n = quant_dyn.storage_cast %b : tensor<4x8xi8> to tensor<4x16xf4E2M1FN>
  return %n : tensor<4x16xf4E2M1FN>
}

// -----

// The round trip folds while the intermediate cast stays for its other use.
// CHECK-LABEL: func.func @round_trip_other_use
// CHECK-SAME: (%[[X:.*]]: tensor<4x16xf4E2M1FN>)
// CHECK: %[[B:.*]] = quant_dyn.storage_cast %[[X]] : tensor<4x16xf4E2M1FN> to tensor<4x8xi8>
// CHECK-NOT: quant_dyn.storage_cast
// CHECK: return %[[X]], %[[B]]
func.func @round_trip_other_use(%x: tensor<4x16xf4E2M1FN>) -> (tensor<4x16xf4E2M1FN>, tensor<4x8xi8>) {
  %b = quant_dyn.storage_cast %x : tensor<4x16xf4E2M1FN> to tensor<4x8xi8>
  %n = quant_dyn.storage_cast %b : tensor<4x8xi8> to tensor<4x16xf4E2M1FN>
  return %n, %b : tensor<4x16xf4E2M1FN>, tensor<4x8xi8>
}

// -----

// Two casts that do not return to the source type are kept: the fold does
// not compose them.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xsi8>)
// CHECK: %[[I:.*]] = quant_dyn.storage_cast %[[X]] : tensor<4x8xsi8> to tensor<4x8xi8>
// CHECK: %[[U:.*]] = quant_dyn.storage_cast %[[I]] : tensor<4x8xi8> to tensor<4x8xui8>
// CHECK: return %[[U]]
func.func @chain(%x: tensor<4x8xsi8>) -> tensor<4x8xui8> {
  %i = quant_dyn.storage_cast %x : tensor<4x8xsi8> to tensor<4x8xi8>
  %u = quant_dyn.storage_cast %i : tensor<4x8xi8> to tensor<4x8xui8>
  return %u : tensor<4x8xui8>
}

// -----

// The memref form folds the same way.
// CHECK-LABEL: func.func @memref_round_trip
// CHECK-SAME: (%[[M:.*]]: memref<2x8xi8>)
// CHECK-NOT: quant_dyn.storage_cast
// CHECK: return %[[M]]
func.func @memref_round_trip(%m: memref<2x8xi8>) -> memref<2x8xi8> {
  %n = quant_dyn.storage_cast %m : memref<2x8xi8> to memref<2x16xf4E2M1FN>
  %b = quant_dyn.storage_cast %n : memref<2x16xf4E2M1FN> to memref<2x8xi8>
  return %b : memref<2x8xi8>
}
