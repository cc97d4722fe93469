// The CPU pipeline prefetches the next tile in the quantization sweep of a
// tile that is read twice (1x128 blocks: an amax sweep, then the
// quantization from the cache), and not in a tile read once (MX blocks of
// 32: one vector per block).
// RUN: quant-dyn-opt %s -quant-dyn-cpu-pipeline="num-threads=2" | FileCheck %s

// CHECK-LABEL: llvm.func @two_sweeps
// CHECK: "llvm.intr.prefetch"(%{{.*}}) <{cache = 1 : i32, hint = 3 : i32, rw = 0 : i32}>
// CHECK-LABEL: llvm.func @one_sweep
// CHECK-NOT: "llvm.intr.prefetch"
// CHECK: llvm.return
func.func @two_sweeps(%x: tensor<64x4096xbf16>) -> (tensor<64x4096xf8E4M3FN>, tensor<64x32xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, 128>}
      : (tensor<64x4096xbf16>) -> (tensor<64x4096xf8E4M3FN>, tensor<64x32xf32>)
  return %q, %s : tensor<64x4096xf8E4M3FN>, tensor<64x32xf32>
}

func.func @one_sweep(%x: tensor<64x4096xbf16>) -> (tensor<64x4096xf8E4M3FN>, tensor<64x128xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<64x4096xbf16>) -> (tensor<64x4096xf8E4M3FN>, tensor<64x128xf8E8M0FNU>)
  return %q, %s : tensor<64x4096xf8E4M3FN>, tensor<64x128xf8E8M0FNU>
}
