// MXFP8 (OCP MX): bf16 [4, 8, 64] in blocks of 32, e8m0 scales (floor), and
// the round trip to bf16.
func.func @main(%x: tensor<4x8x64xbf16>)
    -> (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>, tensor<4x8x64xbf16>) {
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64}
      : (tensor<4x8x64xbf16>) -> (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>)
  %y = quant_dyn.dequantize %q, %s {axis = 2 : i64, block_size = 32 : i64}
      : (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>) -> tensor<4x8x64xbf16>
  return %q, %s, %y : tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>, tensor<4x8x64xbf16>
}
