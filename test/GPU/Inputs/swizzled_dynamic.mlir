// GEMM-ready scales over dynamic B, M and K: MXFP8 with rceil scales in
// the swizzled_128x4 layout, and the round trip.
func.func @main(%x: tensor<?x?x?xbf16>)
    -> (tensor<?x?x?xf8E4M3FN>, tensor<?x?x?x32x4x4xf8E8M0FNU>, tensor<?x?x?xbf16>) {
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64,
                                  scale_rounding = #quant_dyn.scale_rounding<rceil>,
                                  scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x?x?xbf16>) -> (tensor<?x?x?xf8E4M3FN>, tensor<?x?x?x32x4x4xf8E8M0FNU>)
  %y = quant_dyn.dequantize %q, %s {axis = 2 : i64, block_size = 32 : i64,
                                   scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x?x?xf8E4M3FN>, tensor<?x?x?x32x4x4xf8E8M0FNU>) -> tensor<?x?x?xbf16>
  return %q, %s, %y : tensor<?x?x?xf8E4M3FN>, tensor<?x?x?x32x4x4xf8E8M0FNU>, tensor<?x?x?xbf16>
}
