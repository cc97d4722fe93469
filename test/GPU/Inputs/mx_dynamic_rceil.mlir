// A dynamic innermost extent, f8E5M2 data, e8m0 scales with rceil rounding.
func.func @main(%x: tensor<4x?xbf16>) -> (tensor<4x?xf8E5M2>, tensor<4x?xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = -1 : i64, block_size = 32 : i64,
                                  scale_rounding = #quant_dyn.scale_rounding<rceil>}
      : (tensor<4x?xbf16>) -> (tensor<4x?xf8E5M2>, tensor<4x?xf8E8M0FNU>)
  return %q, %s : tensor<4x?xf8E5M2>, tensor<4x?xf8E8M0FNU>
}
