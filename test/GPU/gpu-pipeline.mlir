// REQUIRES: test-aids
// RUN: quant-dyn-opt %s --quant-dyn-gpu-pipeline="chip=sm_100a" | FileCheck %s
// RUN: quant-dyn-opt %s --quant-dyn-gpu-pipeline="chip=sm_90a host-buffers=false" | FileCheck %s --check-prefix=DEVICE
// RUN: quant-dyn-opt %s --quant-dyn-gpu-pipeline="chip=sm_100a hardware-cvt=false" | FileCheck %s --check-prefix=PORTABLE --implicit-check-not=nvvm.convert
// RUN: quant-dyn-opt %s --quant-dyn-gpu-pipeline="chip=sm_100a emulate=true" | FileCheck %s --check-prefix=EMULATE --implicit-check-not=nvvm.convert

// The pipeline's output: host code in the LLVM dialect that copies the
// inputs to device buffers, launches the kernels of one gpu.module on one
// stream and copies the results back into host buffers; the kernels in NVVM
// for the chip, with aligned, non-aliased buffer pointers.

// CHECK-LABEL: llvm.func @main(
// CHECK: %[[STREAM:.*]] = llvm.call @mgpuStreamCreate()
// CHECK: %[[X:.*]] = llvm.call @mgpuMemAlloc({{.*}}, %[[STREAM]], {{.*}})
// CHECK: llvm.call @mgpuMemcpy(%[[X]], {{.*}}, %[[STREAM]])
// CHECK: gpu.launch_func <%[[STREAM]] : !llvm.ptr> @quant_dyn_kernels::@main_kernel blocks in
// CHECK: llvm.call @mgpuStreamSynchronize(%[[STREAM]])
// CHECK: %[[HOST:.*]] = llvm.call @malloc
// CHECK: llvm.call @mgpuMemcpy({{.*}}, {{.*}}, {{.*}}, {{.*}})
// CHECK: llvm.call @mgpuMemFree(%[[X]],
// CHECK: llvm.func @_mlir_ciface_main({{.*}}) attributes {llvm.emit_c_interface, quant_dyn.read_only_arguments = array<i64: 0>}
// CHECK: gpu.module @quant_dyn_kernels [#nvvm.target<O = 3, chip = "sm_100a">] {
// CHECK: llvm.func @main_kernel(%{{.*}}: !llvm.ptr {llvm.align = 16 : i64, llvm.noalias}
// CHECK-SAME: attributes {gpu.kernel, {{.*}}nvvm.kernel
// CHECK: nvvm.read.ptx.sreg.tid.x
// The e4m3 codes come from the chip's cvt instruction (hardware-cvt, the
// default), the portable integer code with hardware-cvt=false or emulate.
// CHECK: nvvm.convert.f32x2.to.f8x2 {{.*}} : i16(f8E4M3FN)
// PORTABLE: gpu.module @quant_dyn_kernels [#nvvm.target<O = 3, chip = "sm_100a">]
// EMULATE-LABEL: llvm.func @main(

// With host-buffers=false the entry takes and returns device buffers: no
// copies.
// DEVICE-LABEL: llvm.func @main(
// DEVICE-NOT: llvm.call @mgpuMemcpy
// DEVICE: gpu.launch_func
// DEVICE-NOT: llvm.call @mgpuMemcpy
// DEVICE: llvm.func @_mlir_ciface_main
// DEVICE: gpu.module @quant_dyn_kernels [#nvvm.target<O = 3, chip = "sm_90a">]

func.func @main(%x: tensor<4x8x64xbf16>) -> (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64}
      : (tensor<4x8x64xbf16>) -> (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>)
  return %q, %s : tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>
}
