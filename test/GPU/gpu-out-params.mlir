// RUN: quant-dyn-opt %s --quant-dyn-gpu-pipeline="results-to-out-params=true host-buffers=false" | FileCheck %s
// RUN: quant-dyn-opt %s --quant-dyn-gpu-pipeline="results-to-out-params=true" | FileCheck %s --check-prefix=HOST

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

// Host-buffer out-params: the descriptors hold host memory the caller
// allocated. The arguments are copied in at entry; once the extents are
// checked, each output gets a device buffer (not copied in) that the kernel
// writes, is copied back into the caller's output (D2H, the aligned pointer
// of the output descriptor) and freed; the failure branch copies nothing.
// No host result memory is allocated.
// HOST-NOT:    llvm.call @malloc
// HOST-LABEL:  llvm.func @nvfp4(
// HOST-SAME:     %[[X:[^:]*]]: !llvm.ptr, %[[XA:[^:]*]]: !llvm.ptr,
// HOST-SAME:     %[[D:[^:]*]]: !llvm.ptr, %[[DA:[^:]*]]: !llvm.ptr, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64,
// HOST-SAME:     %[[S:[^:]*]]: !llvm.ptr, %[[SA:[^:]*]]: !llvm.ptr, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64)
// HOST-COUNT-2: llvm.call @mgpuMemcpy(%{{.*}}, %arg{{[0-9]+}}, %{{.*}}, %{{.*}})
// HOST:         llvm.cond_br
// HOST-NOT:     llvm.call @mgpuMemcpy
// HOST:         %[[DD:.*]] = llvm.call @mgpuMemAlloc
// HOST-NOT:     llvm.call @mgpuMemcpy
// HOST:         %[[DS:.*]] = llvm.call @mgpuMemAlloc
// HOST-NOT:     llvm.call @mgpuMemcpy
// HOST:         gpu.launch_func
// HOST-NOT:     llvm.call @mgpu
// HOST:         llvm.call @mgpuMemcpy(%[[SA]], %[[DS]],
// HOST-NEXT:    llvm.call @mgpuMemFree(%[[DS]],
// HOST:         llvm.call @mgpuMemcpy(%[[DA]], %[[DD]],
// HOST-NEXT:    llvm.call @mgpuMemFree(%[[DD]],
// HOST-NEXT:    llvm.call @mgpuStreamSynchronize
// HOST-NOT:     llvm.call @mgpuMemcpy
// HOST:         llvm.call @quant_dyn_report_error
// HOST-NOT:     llvm.call @mgpuMemcpy
// HOST-COUNT-2: llvm.call @mgpuMemFree
// HOST:         llvm.return
func.func @nvfp4(%x: tensor<?x?xf32>, %gs: tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x?xf32>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>)
  return %q, %s : tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>
}
