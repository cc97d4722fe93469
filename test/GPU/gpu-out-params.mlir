// RUN: quant-dyn-opt %s --quant-dyn-gpu-pipeline="results-to-out-params=true host-buffers=false" | FileCheck %s
// RUN: not quant-dyn-opt %s --quant-dyn-gpu-pipeline="results-to-out-params=true" 2>&1 | FileCheck %s --check-prefix=HOST

// Device-resident out-params: the descriptors hold device memory the caller
// allocated; a call allocates nothing and copies nothing, it only launches
// the kernels on a stream and waits for them.
// CHECK-NOT:   mgpuMemAlloc
// CHECK-NOT:   mgpuMemcpy
// CHECK-NOT:   llvm.call @malloc
// CHECK-LABEL: llvm.func @_mlir_ciface_nvfp4(
// CHECK-SAME:    %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) attributes
// CHECK-NOT:   mgpuMemAlloc
// CHECK-NOT:   mgpuMemcpy

// HOST: quant-dyn-gpu-pipeline: results-to-out-params needs host-buffers=false
func.func @nvfp4(%x: tensor<?x?xf32>, %gs: tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x?xf32>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>)
  return %q, %s : tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>
}
