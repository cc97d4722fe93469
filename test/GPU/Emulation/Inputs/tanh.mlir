// math.tanh on a tensor feeding a per-tensor FP8 quantization.
func.func @main(%x: tensor<64x256xf32>)
    -> (tensor<64x256xf32>, tensor<64x256xf8E4M3FN>, tensor<1x1xf32>) {
  %t = math.tanh %x : tensor<64x256xf32>
  %q, %s = quant_dyn.quantize %t {block_shape = array<i64: -1, -1>}
      : (tensor<64x256xf32>) -> (tensor<64x256xf8E4M3FN>, tensor<1x1xf32>)
  return %t, %q, %s : tensor<64x256xf32>, tensor<64x256xf8E4M3FN>, tensor<1x1xf32>
}
