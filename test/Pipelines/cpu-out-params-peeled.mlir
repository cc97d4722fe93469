// RUN: quant-dyn-opt %s --quant-dyn-results-to-out-params \
// RUN:   --convert-quant-dyn-to-linalg --canonicalize --cse \
// RUN:   --quant-dyn-tile-and-fuse-blocks="tile-blocks=16 vectorize-min-lanes=8" \
// RUN:   --canonicalize --cse --quant-dyn-out-params-in-place \
// RUN:   --eliminate-empty-tensors \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map unknown-type-conversion=identity-layout-map" \
// RUN:   --canonicalize \
// RUN:   | FileCheck %s

// A large static quantize with partial edge blocks is peeled into a
// whole-block interior and edge strips (docs/Rationale.md "Blocks as
// shape"). With the out-params ABI the interior is computed straight into
// the caller's outputs: the only buffers are the padded copies of the
// strips and the 16 amax and parameters of one tile (64 bytes each, on the
// stack after the pipeline's promotion). Before, the interior went through
// a temporary as large as the output and a copy (swizzled MXFP8 at
// 8100x8192: 141 ms instead of 8).

// CHECK-LABEL: func.func @mxfp8_swizzled(
// CHECK-NOT:     memref.alloc() {{.*}} : memref<{{(1000x|896x|7x4x32x|7x8x32x|8x8x32x)}}
// CHECK:         memref.alloc() {{.*}} : memref<1x1x1x4x4xf32>
// CHECK-NOT:     memref.alloc() {{.*}} : memref<{{(1000x|896x|7x4x32x|7x8x32x|8x8x32x)}}
// CHECK:         memref.alloc() {{.*}} : memref<128x1024xbf16>
// CHECK:         memref.alloc() {{.*}} : memref<1x4x32x8x4x32xf8E4M3FN>
// CHECK-NOT:     memref.alloc() {{.*}} : memref<{{(1000x|896x|7x4x32x|7x8x32x|8x8x32x)}}
// CHECK:         return
func.func @mxfp8_swizzled(%x: tensor<1000x1024xbf16>) -> (tensor<1000x1024xf8E4M3FN>, tensor<8x8x32x4x4xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<1000x1024xbf16>) -> (tensor<1000x1024xf8E4M3FN>, tensor<8x8x32x4x4xf8E8M0FNU>)
  return %q, %s : tensor<1000x1024xf8E4M3FN>, tensor<8x8x32x4x4xf8E8M0FNU>
}

// CHECK-LABEL: func.func @block_16x16(
// CHECK-NOT:     memref.alloc() {{.*}} : memref<62x16x62x16xf8E4M3FN>
// CHECK-NOT:     memref.alloc() {{.*}} : memref<62x62xf32>
// CHECK:         memref.alloc() {{.*}} : memref<16x992xbf16>
// CHECK-NOT:     memref.alloc() {{.*}} : memref<62x16x62x16xf8E4M3FN>
// CHECK-NOT:     memref.alloc() {{.*}} : memref<62x62xf32>
// CHECK:         return
func.func @block_16x16(%x: tensor<1000x1000xbf16>) -> (tensor<1000x1000xf8E4M3FN>, tensor<63x63xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 16, 16>}
      : (tensor<1000x1000xbf16>) -> (tensor<1000x1000xf8E4M3FN>, tensor<63x63xf32>)
  return %q, %s : tensor<1000x1000xf8E4M3FN>, tensor<63x63xf32>
}
