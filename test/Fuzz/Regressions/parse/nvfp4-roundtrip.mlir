func.func @main(%x: tensor<2x32xf32>, %gs: tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  return %q, %s : tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>
}
