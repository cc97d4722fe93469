// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-emulate-on-host))" | FileCheck %s

// A launch becomes loops over grid and block (z, y, x), each thread's body
// in an alloca scope; device memory ops become memref ops.
// CHECK-LABEL: func.func @f
// CHECK: %[[D:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
// CHECK: memref.copy %arg0, %[[D]]
// CHECK-COUNT-6: scf.for
// CHECK: memref.alloca_scope
// CHECK: memref.load %[[D]]
// CHECK: memref.copy %[[D]], %arg0
// CHECK: memref.dealloc %[[D]]
func.func @f(%h: memref<64xf32>) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c32 = arith.constant 32 : index
  %d = gpu.alloc () : memref<64xf32>
  gpu.memcpy %d, %h : memref<64xf32>, memref<64xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c2, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) {
    %i = arith.muli %bx, %c32 : index
    %j = arith.addi %i, %tx : index
    %v = memref.load %d[%j] : memref<64xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %d[%j] : memref<64xf32>
    gpu.terminator
  }
  gpu.memcpy %h, %d : memref<64xf32>, memref<64xf32>
  gpu.dealloc %d : memref<64xf32>
  return
}
