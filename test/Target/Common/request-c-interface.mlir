// RUN: quant-dyn-opt %s --quant-dyn-request-c-interface | FileCheck %s

// Public definitions get llvm.emit_c_interface; private functions and
// external declarations (the run-time error hook is a plain C function) do
// not.
// CHECK-LABEL: func.func @entry
// CHECK-SAME: attributes {llvm.emit_c_interface}
func.func @entry(%a: memref<4xf32>) {
  return
}

// The output markers of the out-params ABI are dropped (LLVM has no such
// parameter attribute); other argument attributes stay.
// CHECK-LABEL: func.func @outputs(
// CHECK-SAME:    %{{.*}}: memref<4xf32> {llvm.noalias},
// CHECK-SAME:    %{{.*}}: memref<?xf32>) attributes {llvm.emit_c_interface}
func.func @outputs(%a: memref<4xf32> {llvm.noalias},
                   %out: memref<?xf32> {quant_dyn.output}) {
  return
}

// CHECK-LABEL: func.func private @helper
// CHECK-NOT: llvm.emit_c_interface
// CHECK-SAME: {
func.func private @helper(%a: memref<4xf32>) {
  return
}

// CHECK: func.func private @quant_dyn_report_error(i32, i64, i64, i64){{$}}
func.func private @quant_dyn_report_error(i32, i64, i64, i64)
