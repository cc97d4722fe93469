// Results the out-params ABI cannot compute in place: an argument returned
// as it is, and one result returned twice. Both are copied into their
// outputs (copy kernels on the GPU).
func.func @main(%x: tensor<?x?xf32>, %gs: tensor<f32>) -> (tensor<?x?xf32>, tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>, tensor<?x?xf4E2M1FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x?xf32>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>)
  return %x, %q, %s, %q : tensor<?x?xf32>, tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>, tensor<?x?xf4E2M1FN>
}
