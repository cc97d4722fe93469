// RUN: quant-dyn-opt %s --quant-dyn-results-to-out-params -split-input-file -verify-diagnostics --allow-unregistered-dialect | FileCheck %s

// Results become trailing output memrefs (every extent dynamic, marked
// quant_dyn.output); the extents are derived from the arguments and checked
// at entry, before anything runs.
// CHECK-LABEL: func.func @nvfp4(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<?x64xf32>, %[[GS:[^:]*]]: tensor<f32>,
// CHECK-SAME:    %[[D:[^:]*]]: memref<?x?xf4E2M1FN> {quant_dyn.output},
// CHECK-SAME:    %[[S:[^:]*]]: memref<?x?xf8E4M3FN> {quant_dyn.output}) {
// CHECK-DAG:   %[[M:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG:   %[[DM:.*]] = memref.dim %[[D]], %c0
// CHECK-DAG:   arith.cmpi eq, %[[DM]], %[[M]]
// CHECK-DAG:   %[[DK:.*]] = memref.dim %[[D]], %c1
// CHECK-DAG:   arith.cmpi eq, %[[DK]], %c64
// CHECK-DAG:   %[[SK:.*]] = memref.dim %[[S]], %c1
// CHECK-DAG:   arith.cmpi eq, %[[SK]], %c4
// The destinations are views made before the body; packed f4 is stored as
// its bytes (a copy of f4 memrefs would count logical elements as bytes).
// CHECK:       %[[DC:.*]] = memref.cast %[[D]] : memref<?x?xf4E2M1FN> to memref<?x64xf4E2M1FN>
// CHECK:       %[[DB:.*]] = quant_dyn.storage_cast %[[DC]] : memref<?x64xf4E2M1FN> to memref<?x32xi8>
// CHECK:       %[[SC:.*]] = memref.cast %[[S]] : memref<?x?xf8E4M3FN> to memref<?x4xf8E4M3FN>
// CHECK:       scf.if
// CHECK-NEXT:    %[[Q0:.*]], %[[Q1:.*]] = quant_dyn.quantize %[[X]], %[[GS]]
// CHECK-NEXT:    %[[QB:.*]] = quant_dyn.storage_cast %[[Q0]] : tensor<?x64xf4E2M1FN> to tensor<?x32xi8>
// CHECK-NEXT:    bufferization.materialize_in_destination %[[QB]] in restrict writable %[[DB]]
// CHECK-NEXT:    bufferization.materialize_in_destination %[[Q1]] in restrict writable %[[SC]]
// CHECK:       } else {
// CHECK:         %[[KIND:.*]] = arith.constant 7 : i32
// CHECK:         func.call @quant_dyn_report_error(%[[KIND]],
// CHECK:       return{{$}}
func.func @nvfp4(%x: tensor<?x64xf32>, %gs: tensor<f32>) -> (tensor<?x64xf4E2M1FN>, tensor<?x4xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x64xf32>, tensor<f32>) -> (tensor<?x64xf4E2M1FN>, tensor<?x4xf8E4M3FN>)
  return %q, %s : tensor<?x64xf4E2M1FN>, tensor<?x4xf8E4M3FN>
}

// -----

// A dynamic scale extent: ceil(K / block_size).
// CHECK-LABEL: func.func @scales_extent(
// CHECK:         %[[K:.*]] = tensor.dim %{{.*}}, %c1
// CHECK:         arith.ceildivui %[[K]], %c32
func.func @scales_extent(%x: tensor<4x?xf32>) -> tensor<4x?xf8E8M0FNU> {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<4x?xf32>) -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf8E8M0FNU>)
  return %s : tensor<4x?xf8E8M0FNU>
}

// -----

// Private functions and functions without results keep their signature.
// CHECK-LABEL: func.func private @helper(%{{.*}}: tensor<4xf32>) -> tensor<4xf32>
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// expected-error @below {{results-to-out-params: the extent of dimension 0 of result #0 cannot be derived from the arguments}}
func.func @unknown(%n: index) -> tensor<?xf32> {
  %t = "test.opaque"(%n) : (index) -> tensor<?xf32>
  return %t : tensor<?xf32>
}

// -----

// expected-error @below {{results-to-out-params: a public function with results must not be called inside the module (make the callee private)}}
func.func @callee(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func @caller(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = func.call @callee(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
