// RUN: quant-dyn-opt %s --convert-quant-dyn-to-linalg --quant-dyn-gpu-block-strategy -split-input-file | FileCheck %s

// Small blocks, many of them, keep the tile-and-fuse marker (one GPU
// thread per block).
// CHECK-LABEL: func.func @small
// CHECK-COUNT-3: quant_dyn.block_root
func.func @small(%x: tensor<512x512xbf16>) -> (tensor<512x512xf8E4M3FN>, tensor<512x4xf32>,
    tensor<512x512xf8E4M3FN>, tensor<32x32xf32>, tensor<512x512xf8E4M3FN>, tensor<8x512xf32>) {
  %q0, %s0 = quant_dyn.quantize %x {block_shape = array<i64: 1, 128>}
      : (tensor<512x512xbf16>) -> (tensor<512x512xf8E4M3FN>, tensor<512x4xf32>)
  %q1, %s1 = quant_dyn.quantize %x {block_shape = array<i64: 16, 16>}
      : (tensor<512x512xbf16>) -> (tensor<512x512xf8E4M3FN>, tensor<32x32xf32>)
  %q2, %s2 = quant_dyn.quantize %x {block_shape = array<i64: 64, 1>}
      : (tensor<512x512xbf16>) -> (tensor<512x512xf8E4M3FN>, tensor<8x512xf32>)
  return %q0, %s0, %q1, %s1, %q2, %s2 : tensor<512x512xf8E4M3FN>, tensor<512x4xf32>,
    tensor<512x512xf8E4M3FN>, tensor<32x32xf32>, tensor<512x512xf8E4M3FN>, tensor<8x512xf32>
}

// -----

// Big blocks (more than 256 elements), dynamic block extents (per-tensor,
// whole columns) and few blocks of 64 elements or more lose it: their ops
// stay separate kernels, the amax split over threads.
// CHECK-LABEL: func.func @split
// CHECK-NOT: quant_dyn.block_root
func.func @split(%x: tensor<64x256xbf16>, %d: tensor<?x?xbf16>)
    -> (tensor<64x256xf8E4M3FN>, tensor<2x8xf32>, tensor<?x?xf8E4M3FN>, tensor<1x1xf32>,
        tensor<?x?xf8E4M3FN>, tensor<1x?xf32>, tensor<64x256xf8E4M3FN>, tensor<64x4xf32>) {
  %q0, %s0 = quant_dyn.quantize %x {block_shape = array<i64: 32, 32>}
      : (tensor<64x256xbf16>) -> (tensor<64x256xf8E4M3FN>, tensor<2x8xf32>)
  %q1, %s1 = quant_dyn.quantize %d {block_shape = array<i64: -1, -1>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<1x1xf32>)
  %q2, %s2 = quant_dyn.quantize %d {block_shape = array<i64: -1, 1>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<1x?xf32>)
  %q3, %s3 = quant_dyn.quantize %x {block_shape = array<i64: 1, 64>}
      : (tensor<64x256xbf16>) -> (tensor<64x256xf8E4M3FN>, tensor<64x4xf32>)
  return %q0, %s0, %q1, %s1, %q2, %s2, %q3, %s3
      : tensor<64x256xf8E4M3FN>, tensor<2x8xf32>, tensor<?x?xf8E4M3FN>, tensor<1x1xf32>,
        tensor<?x?xf8E4M3FN>, tensor<1x?xf32>, tensor<64x256xf8E4M3FN>, tensor<64x4xf32>
}
