// RUN: quant-dyn-opt %s -quant-dyn-cpu-pipeline | FileCheck %s
// RUN: quant-dyn-opt %s -quant-dyn-cpu-pipeline | FileCheck %s --check-prefix=HOOK
// RUN: quant-dyn-opt %s -quant-dyn-cpu-pipeline="parallel=false" | FileCheck %s --check-prefix=SEQ

// The pipeline ends in the LLVM dialect with a C interface wrapper per
// public function, OpenMP for the block loop, and vector code for the tiles.
// The run-time error hook stays a plain C function.
// CHECK-NOT: quant_dyn.
// CHECK-NOT: linalg.
// CHECK-DAG: llvm.func @quant_dyn_report_error(i32, i64, i64, i64)
// CHECK-DAG: llvm.func @mxfp8({{.*}} attributes {llvm.emit_c_interface, {{.*}}quant_dyn.read_only_arguments = array<i64: 0>}
// CHECK-DAG: llvm.func @_mlir_ciface_mxfp8(
// CHECK-DAG: omp.parallel
// CHECK-DAG: vector<32xi32>
// HOOK-NOT: _mlir_ciface_quant_dyn_report_error
// SEQ-NOT: omp.
// SEQ: llvm.func @_mlir_ciface_mxfp8(
func.func @mxfp8(%x: tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x16xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x16xf8E8M0FNU>)
  return %q, %s : tensor<64x512xf8E4M3FN>, tensor<64x16xf8E8M0FNU>
}

func.func @dynamic(%x: tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf32>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
    : (tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf32>)
  return %q, %s : tensor<?x?xf8E4M3FN>, tensor<?x?xf32>
}
