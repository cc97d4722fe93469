// Symmetric int8 from f16 in blocks of 32 along the second-to-last dim, f16
// scales, and the round trip.
func.func @main(%x: tensor<64x6xf16>)
    -> (tensor<64x6xsi8>, tensor<2x6xf16>, tensor<64x6xf16>) {
  %q, %s = quant_dyn.quantize %x {axis = -2 : i64, block_size = 32 : i64}
      : (tensor<64x6xf16>) -> (tensor<64x6xsi8>, tensor<2x6xf16>)
  %y = quant_dyn.dequantize %q, %s {axis = -2 : i64, block_size = 32 : i64}
      : (tensor<64x6xsi8>, tensor<2x6xf16>) -> tensor<64x6xf16>
  return %q, %s, %y : tensor<64x6xsi8>, tensor<2x6xf16>, tensor<64x6xf16>
}
