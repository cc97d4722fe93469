// RUN: quant-dyn-opt %s --quant-dyn-cpu-pipeline="results-to-out-params=true" | FileCheck %s
// RUN: quant-dyn-opt %s --quant-dyn-cpu-pipeline | FileCheck %s --check-prefix=DEFAULT

// The out-params ABI: the C interface takes the arguments, then one
// descriptor per result, returns nothing, and the callee allocates no
// memory: the kernels write the caller's outputs in place (no copy from a
// temporary).
// CHECK-NOT:   llvm.call @malloc
// CHECK-NOT:   llvm.call @free
// CHECK-LABEL: llvm.func @_mlir_ciface_nvfp4(
// CHECK-SAME:    %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) attributes
// CHECK-NOT:   llvm.call @malloc

// The default ABI returns results the callee allocated.
// DEFAULT:       llvm.call @malloc
// DEFAULT-LABEL: llvm.func @_mlir_ciface_nvfp4(
// DEFAULT-SAME:    %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) attributes
func.func @nvfp4(%x: tensor<?x?xf32>, %gs: tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x?xf32>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>)
  return %q, %s : tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>
}
