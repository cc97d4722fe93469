// TensorRT 2D blocks with partial edge blocks: f32 [8, 8] in 4x3 blocks,
// e4m3 data, f32 scales, and the round trip.
func.func @main(%x: tensor<8x8xf32>)
    -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>, tensor<8x8xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
  %y = quant_dyn.dequantize %q, %s {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>) -> tensor<8x8xf32>
  return %q, %s, %y : tensor<8x8xf8E4M3FN>, tensor<2x3xf32>, tensor<8x8xf32>
}
