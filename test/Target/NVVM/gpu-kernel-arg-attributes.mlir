// RUN: quant-dyn-opt %s --quant-dyn-gpu-kernel-arg-attributes | FileCheck %s
// RUN: quant-dyn-opt %s --quant-dyn-gpu-kernel-arg-attributes=host-buffers=false | FileCheck %s --check-prefix=DEVICE

// Kernel @a gets 16-byte aligned, non-aliased buffers (two distinct device
// allocations); @b is launched with two views of one allocation, so it is
// aligned but not marked noalias; the host argument passed to @b is not a
// device buffer and gets nothing.
// CHECK: gpu.func @a(%{{.*}}: memref<16xf32> {llvm.align = 16 : i64}, %{{.*}}: memref<16xf32> {llvm.align = 16 : i64}) kernel attributes {quant_dyn.noalias_args}
// CHECK: gpu.func @b(%{{.*}}: memref<16xf32> {llvm.align = 16 : i64}, %{{.*}}: memref<4x4xf32> {llvm.align = 16 : i64}, %{{.*}}: memref<16xf32>) kernel {

// With host-buffers=false the function's arguments are device buffers too:
// @b's third argument is aligned as well (still not noalias: two of its
// arguments share an allocation).
// DEVICE: gpu.func @a({{.*}}) kernel attributes {quant_dyn.noalias_args}
// DEVICE: gpu.func @b(%{{.*}}: memref<16xf32> {llvm.align = 16 : i64}, %{{.*}}: memref<4x4xf32> {llvm.align = 16 : i64}, %{{.*}}: memref<16xf32> {llvm.align = 16 : i64}) kernel {
module attributes {gpu.container_module} {
  func.func @host(%h: memref<16xf32>) {
    %c1 = arith.constant 1 : index
    %x = gpu.alloc () : memref<16xf32>
    %y = gpu.alloc () : memref<16xf32>
    gpu.launch_func @kernels::@a blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%x : memref<16xf32>, %y : memref<16xf32>)
    %v = memref.expand_shape %x [[0, 1]] output_shape [4, 4] : memref<16xf32> into memref<4x4xf32>
    gpu.launch_func @kernels::@b blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%x : memref<16xf32>, %v : memref<4x4xf32>, %h : memref<16xf32>)
    return
  }
  gpu.module @kernels {
    gpu.func @a(%p: memref<16xf32>, %q: memref<16xf32>) kernel { gpu.return }
    gpu.func @b(%p: memref<16xf32>, %q: memref<4x4xf32>, %r: memref<16xf32>) kernel { gpu.return }
  }
}
