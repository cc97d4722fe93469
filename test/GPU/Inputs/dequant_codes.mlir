// Dequantize from raw codes: NVFP4 with double quantization and MX e4m3
// with e8m0 scales (one of them NaN) to f16.
func.func @main(%q: tensor<4x32xf4E2M1FN>, %s: tensor<4x2xf8E4M3FN>, %gs: tensor<1xf32>,
                %q8: tensor<2x64xf8E4M3FN>, %s8: tensor<2x2xf8E8M0FNU>)
    -> (tensor<4x32xf32>, tensor<2x64xf16>) {
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf32>) -> tensor<4x32xf32>
  %y8 = quant_dyn.dequantize %q8, %s8 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
  return %y, %y8 : tensor<4x32xf32>, tensor<2x64xf16>
}
