// RUN: quant-dyn-opt %s --quant-dyn-expand-nvvm-conversions -split-input-file -verify-diagnostics | FileCheck %s

// f32x2 -> e4m3x2 (rn, satfinite): the first source's code in the upper
// byte, the second's in the lower one; a NaN source gives a NaN of the
// format that keeps its sign (the PTX model, not the lowering's 0x7F).
// CHECK-LABEL: func.func @f8
// CHECK-NOT: nvvm.convert
// CHECK-DAG: arith.constant 8 : i32
// CHECK-DAG: arith.cmpf uno
// CHECK-DAG: arith.shli
// CHECK-DAG: arith.ori
// CHECK: %[[R:.*]] = arith.trunci %{{.*}} : i32 to i16
// CHECK: return %[[R]] : i16
func.func @f8(%a: f32, %b: f32) -> i16 {
  %p = nvvm.convert.f32x2.to.f8x2 %a, %b {rnd = #nvvm.fp_rnd_mode<rn>, sat = #nvvm.sat_mode<satfinite>} : i16(f8E4M3FN)
  return %p : i16
}

// -----

// f32x2 -> e2m1x2: nibbles, the first source in the upper one; NaN gives
// +MAX_NORM (code 7), as CUDA's own emulation does.
// CHECK-LABEL: func.func @f4
// CHECK-NOT: nvvm.convert
// CHECK-DAG: arith.constant 7 : i32
// CHECK-DAG: arith.constant 4 : i32
// CHECK: %[[R:.*]] = arith.trunci %{{.*}} : i32 to i8
// CHECK: return %[[R]] : i8
func.func @f4(%a: f32, %b: f32) -> i8 {
  %p = nvvm.convert.f32x2.to.f4x2 %a, %b : i8(f4E2M1FN)
  return %p : i8
}

// -----

// The relu form is not modelled: the op is left alone, an error.
func.func @relu(%a: f32, %b: f32) -> i8 {
  // expected-error @+1 {{has no model}}
  %p = nvvm.convert.f32x2.to.f4x2 %a, %b {relu = true} : i8(f4E2M1FN)
  return %p : i8
}
