// NVFP4 (TensorRT): f32 [64, 128] in blocks of 16 along the last dim, e4m3
// scales with a double quantization scale, and the round trip.
func.func @main(%x: tensor<64x128xf32>, %gs: tensor<f32>)
    -> (tensor<64x128xf4E2M1FN>, tensor<64x8xf8E4M3FN>, tensor<64x128xf32>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<64x128xf32>, tensor<f32>) -> (tensor<64x128xf4E2M1FN>, tensor<64x8xf8E4M3FN>)
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<64x128xf4E2M1FN>, tensor<64x8xf8E4M3FN>, tensor<f32>) -> tensor<64x128xf32>
  return %q, %s, %y : tensor<64x128xf4E2M1FN>, tensor<64x8xf8E4M3FN>, tensor<64x128xf32>
}
