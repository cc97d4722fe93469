// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file -verify-diagnostics | FileCheck %s

// The run-time error hook is declared once per module, however many ops
// need it, and an existing declaration of the right type is reused.
// CHECK-LABEL: module
// CHECK-COUNT-1: func.func private @quant_dyn_report_error(i32, i64, i64, i64)
// CHECK-NOT: @quant_dyn_report_error(i32, i64, i64, i64)
// CHECK-LABEL: func.func @two_checked_ops
// CHECK: call @quant_dyn_report_error
// CHECK: call @quant_dyn_report_error
func.func private @quant_dyn_report_error(i32, i64, i64, i64)

func.func @two_checked_ops(%x: tensor<4x?xf32>, %q: tensor<?xsi8>, %s: tensor<?xf32>)
    -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf32>, tensor<?xf32>) {
  %d, %ds = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x?xf32>) -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf32>)
  %y = quant_dyn.dequantize_linear %q, %s {qtype = #quant_dyn.qtype<per_channel>, axis = 0 : i64}
    : (tensor<?xsi8>, tensor<?xf32>) -> tensor<?xf32>
  return %d, %ds, %y : tensor<4x?xf8E4M3FN>, tensor<4x?xf32>, tensor<?xf32>
}

// -----

// CHECK-LABEL: module
// CHECK-COUNT-1: func.func private @quant_dyn_report_error(i32, i64, i64, i64)
// CHECK-NOT: @quant_dyn_report_error(i32, i64, i64, i64)
// CHECK-LABEL: func.func @declared_by_the_lowering
func.func @declared_by_the_lowering(%x: tensor<4x?xf32>, %q: tensor<?xsi8>, %s: tensor<?xf32>)
    -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf32>, tensor<?xf32>) {
  %d, %ds = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x?xf32>) -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf32>)
  %y = quant_dyn.dequantize_linear %q, %s {qtype = #quant_dyn.qtype<per_channel>, axis = 0 : i64}
    : (tensor<?xsi8>, tensor<?xf32>) -> tensor<?xf32>
  return %d, %ds, %y : tensor<4x?xf8E4M3FN>, tensor<4x?xf32>, tensor<?xf32>
}

// -----

// A symbol of the hook's name that is not a function is an error, not a
// reason to declare a second symbol of that name.
// expected-note @below {{symbol defined here}}
memref.global "private" @quant_dyn_report_error : memref<i32>

func.func @global_named_like_the_hook(%x: tensor<4x?xf32>) -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf32>) {
  // expected-error @below {{'quant_dyn.quantize' op needs the run-time error hook @quant_dyn_report_error of type '(i32, i64, i64, i64) -> ()', but the module defines that symbol as 'memref.global'}}
  // expected-error @below {{failed to legalize operation 'quant_dyn.quantize' that was explicitly marked illegal}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x?xf32>) -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf32>)
  return %q, %s : tensor<4x?xf8E4M3FN>, tensor<4x?xf32>
}

// -----

// So is a function of another type.
// expected-note @below {{symbol defined here}}
func.func private @quant_dyn_report_error(i32, i64)

func.func @hook_of_another_type(%y: tensor<?xsi8>, %s: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @below {{'quant_dyn.dequantize_linear' op needs the run-time error hook @quant_dyn_report_error of type '(i32, i64, i64, i64) -> ()', but the module defines that symbol as 'func.func' of type '(i32, i64) -> ()'}}
  // expected-error @below {{failed to legalize operation 'quant_dyn.dequantize_linear' that was explicitly marked illegal}}
  %x = quant_dyn.dequantize_linear %y, %s {qtype = #quant_dyn.qtype<per_channel>, axis = 0 : i64}
    : (tensor<?xsi8>, tensor<?xf32>) -> tensor<?xf32>
  return %x : tensor<?xf32>
}
