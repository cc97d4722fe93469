// The same quantization of a static tensor and of its tensor.cast to a
// dynamic type: the lowering sees the dynamic operand's folded static sizes.
func.func @main(%a: tensor<256x128xbf16>)
    -> (tensor<256x128xf4E2M1FN>, tensor<256x8xbf16>, tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>,
        tensor<256x128xf32>) {
  %qa, %sa = quant_dyn.quantize %a {block_shape = array<i64: 1, 16>}
      : (tensor<256x128xbf16>) -> (tensor<256x128xf4E2M1FN>, tensor<256x8xbf16>)
  %b = tensor.cast %a : tensor<256x128xbf16> to tensor<?x?xbf16>
  %qb, %sb = quant_dyn.quantize %b {block_shape = array<i64: 1, 16>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>)
  %qc = tensor.cast %qa : tensor<256x128xf4E2M1FN> to tensor<?x?xf4E2M1FN>
  %sc = tensor.cast %sa : tensor<256x8xbf16> to tensor<?x?xbf16>
  %y = quant_dyn.dequantize %qc, %sc {block_shape = array<i64: 1, 16>}
      : (tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>) -> tensor<256x128xf32>
  return %qa, %sa, %qb, %sb, %y : tensor<256x128xf4E2M1FN>, tensor<256x8xbf16>,
      tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>, tensor<256x128xf32>
}
