// RUN: quant-dyn-opt %s --split-input-file --convert-quant-dyn-to-linalg | FileCheck %s

// A static input of 64 Ki elements or more whose blocks do not tile it is
// peeled: the whole-block interior (rows 0..255, columns 0..287) and the
// edge strips are quantized separately, and only the strips are padded
// (never the whole input).
// CHECK-LABEL: func.func @peel_both_dims
// CHECK-NOT: tensor.pad %arg0
// CHECK-DAG: %[[DATA:.*]] = tensor.empty() : tensor<260x300xf8E4M3FN>
// CHECK-DAG: %[[SCALES:.*]] = tensor.empty() : tensor<17x19xf32>
// CHECK: tensor.extract_slice %arg0[0, 0] [256, 288] [1, 1]
// CHECK-NOT: tensor.pad
// CHECK: tensor.insert_slice %{{.*}} into %[[DATA]][0, 0] [256, 288] [1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[SCALES]][0, 0] [16, 18] [1, 1]
// CHECK: tensor.extract_slice %arg0[256, 0] [4, 288] [1, 1]
// CHECK: tensor.pad
// CHECK: [256, 0] [4, 288]
// CHECK: [16, 0] [1, 18]
// CHECK: tensor.extract_slice %arg0[0, 288] [256, 12] [1, 1]
// CHECK: [0, 288] [256, 12]
// CHECK: [0, 18] [16, 1]
// CHECK: tensor.extract_slice %arg0[256, 288] [4, 12] [1, 1]
// CHECK: [256, 288] [4, 12]
// CHECK: [16, 18] [1, 1]
// CHECK-NOT: quant_dyn.quantize
func.func @peel_both_dims(%x: tensor<260x300xbf16>) -> (tensor<260x300xf8E4M3FN>, tensor<17x19xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 16, 16>}
      : (tensor<260x300xbf16>) -> (tensor<260x300xf8E4M3FN>, tensor<17x19xf32>)
  return %q, %s : tensor<260x300xf8E4M3FN>, tensor<17x19xf32>
}

// -----

// Swizzled scales (S = 17): the whole 128x4 tiles, the partial row tile
// and the partial scale-column tile; each piece's scales start at its
// first row tile and column tile. Packed f4 pieces are inserted as bytes.
// CHECK-LABEL: func.func @peel_swizzled
// CHECK: tensor.empty() : tensor<300x272xi8>
// CHECK: tensor.extract_slice %arg0[0, 0] [256, 512] [1, 1]
// CHECK: quant_dyn.storage_cast {{.*}} : tensor<256x512xf4E2M1FN> to tensor<256x256xi8>
// CHECK: tensor.insert_slice {{.*}}[0, 0] [256, 256] [1, 1] : tensor<256x256xi8> into tensor<300x272xi8>
// CHECK: tensor.insert_slice {{.*}}[0, 0, 0, 0, 0] [2, 4, 32, 4, 4] [1, 1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg0[256, 0] [44, 512] [1, 1]
// CHECK: tensor.insert_slice {{.*}}[256, 0] [44, 256] [1, 1]
// CHECK: tensor.insert_slice {{.*}}[2, 0, 0, 0, 0] [1, 4, 32, 4, 4] [1, 1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg0[0, 512] [256, 32] [1, 1]
// CHECK: tensor.insert_slice {{.*}}[0, 256] [256, 16] [1, 1]
// CHECK: tensor.insert_slice {{.*}}[0, 4, 0, 0, 0] [2, 1, 32, 4, 4] [1, 1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg0[256, 512] [44, 32] [1, 1]
// CHECK: tensor.insert_slice {{.*}}[256, 256] [44, 16] [1, 1]
// CHECK: tensor.insert_slice {{.*}}[2, 4, 0, 0, 0] [1, 1, 32, 4, 4] [1, 1, 1, 1, 1]
// CHECK: quant_dyn.storage_cast {{.*}} : tensor<300x272xi8> to tensor<300x544xf4E2M1FN>
func.func @peel_swizzled(%x: tensor<300x544xbf16>) -> (tensor<300x544xf4E2M1FN>, tensor<3x5x32x4x4xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                  scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x544xbf16>) -> (tensor<300x544xf4E2M1FN>, tensor<3x5x32x4x4xf8E8M0FNU>)
  return %q, %s : tensor<300x544xf4E2M1FN>, tensor<3x5x32x4x4xf8E8M0FNU>
}

// -----

// Small inputs are padded whole (one kernel is cheaper than several).
// CHECK-LABEL: func.func @small_is_padded
// CHECK: tensor.pad %arg0 low[0, 0] high[12, 4]
// CHECK-NOT: tensor.insert_slice
func.func @small_is_padded(%x: tensor<20x12xbf16>) -> (tensor<20x12xf8E4M3FN>, tensor<2x2xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 16, 8>}
      : (tensor<20x12xbf16>) -> (tensor<20x12xf8E4M3FN>, tensor<2x2xf32>)
  return %q, %s : tensor<20x12xf8E4M3FN>, tensor<2x2xf32>
}
