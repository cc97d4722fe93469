// RUN: quant-dyn-opt %s --quant-dyn-gpu-merge-kernel-modules | FileCheck %s

// Both outlined kernels end up in one gpu.module and the launches follow;
// argument attributes are another pass's (no llvm.align here).
// CHECK: gpu.launch_func @quant_dyn_kernels::@a
// CHECK: gpu.launch_func @quant_dyn_kernels::@b
// CHECK: gpu.module @quant_dyn_kernels {
// CHECK: gpu.func @a(%{{.*}}: memref<16xf32>, %{{.*}}: memref<16xf32>) kernel {
// CHECK: gpu.func @b(%{{.*}}: memref<16xf32>, %{{.*}}: memref<4x4xf32>, %{{.*}}: memref<16xf32>) kernel {
// CHECK-NOT: gpu.module
module attributes {gpu.container_module} {
  func.func @host(%h: memref<16xf32>) {
    %c1 = arith.constant 1 : index
    %x = gpu.alloc () : memref<16xf32>
    %y = gpu.alloc () : memref<16xf32>
    gpu.launch_func @a::@a blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%x : memref<16xf32>, %y : memref<16xf32>)
    %v = memref.expand_shape %x [[0, 1]] output_shape [4, 4] : memref<16xf32> into memref<4x4xf32>
    gpu.launch_func @b::@b blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%x : memref<16xf32>, %v : memref<4x4xf32>, %h : memref<16xf32>)
    return
  }
  gpu.module @a {
    gpu.func @a(%p: memref<16xf32>, %q: memref<16xf32>) kernel { gpu.return }
  }
  gpu.module @b {
    gpu.func @b(%p: memref<16xf32>, %q: memref<4x4xf32>, %r: memref<16xf32>) kernel { gpu.return }
  }
}
