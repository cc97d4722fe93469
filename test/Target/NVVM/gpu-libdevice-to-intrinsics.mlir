// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(gpu.module(quant-dyn-gpu-libdevice-to-intrinsics))" | FileCheck %s

// Exact libdevice functions become intrinsics; others stay calls.
// CHECK-NOT: llvm.func @__nv_rintf
// CHECK-NOT: llvm.func @__nv_sqrt(
// CHECK: llvm.func @__nv_expf
// CHECK-LABEL: llvm.func @k
// CHECK: llvm.intr.roundeven(%{{.*}}) : (f32) -> f32
// CHECK: llvm.intr.sqrt(%{{.*}}) : (f64) -> f64
// CHECK: llvm.call @__nv_expf
module attributes {gpu.container_module} {
  gpu.module @m {
    llvm.func @__nv_rintf(f32) -> f32
    llvm.func @__nv_sqrt(f64) -> f64
    llvm.func @__nv_expf(f32) -> f32
    llvm.func @k(%x: f32, %y: f64) -> f32 {
      %r = llvm.call @__nv_rintf(%x) : (f32) -> f32
      %s = llvm.call @__nv_sqrt(%y) : (f64) -> f64
      %e = llvm.call @__nv_expf(%r) : (f32) -> f32
      llvm.return %e : f32
    }
  }
}
