// TensorRT's documented NVFP4 example, split into two entry functions so the
// f4E2M1FN data crosses the compiled ABI (docs/Semantics.md section 5: packed
// two per byte): the runner unpacks @quantize's data result and packs it again
// as @dequantize's argument.
func.func @quantize(%x: tensor<2x32xf32>, %gs: tensor<f32>)
    -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>) {
  %data, %scales = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  return %data, %scales : tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>
}

func.func @dequantize(%data: tensor<2x32xf4E2M1FN>, %scales: tensor<2x2xf8E4M3FN>,
                      %gs: tensor<f32>) -> tensor<2x32xf32> {
  %y = quant_dyn.dequantize %data, %scales, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
  return %y : tensor<2x32xf32>
}
