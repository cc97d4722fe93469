// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(gpu.module(quant-dyn-gpu-noalias-kernel-args))" | FileCheck %s

// A kernel marked quant_dyn.noalias_args (after convert-gpu-to-nvvm) gets
// llvm.noalias on every pointer argument, not on the others, and loses the
// mark; unmarked kernels are left alone.
// CHECK-LABEL: gpu.module @kernels
// CHECK: llvm.func @marked(%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64, %{{.*}}: !llvm.ptr {llvm.noalias})
// CHECK-NOT: quant_dyn.noalias_args
// CHECK: llvm.func @unmarked(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: llvm.noalias
module attributes {gpu.container_module} {
  gpu.module @kernels {
    llvm.func @marked(%p: !llvm.ptr, %n: i64, %q: !llvm.ptr) attributes {gpu.kernel, quant_dyn.noalias_args} {
      llvm.return
    }
    llvm.func @unmarked(%p: !llvm.ptr, %q: !llvm.ptr) attributes {gpu.kernel} {
      llvm.return
    }
  }
}
