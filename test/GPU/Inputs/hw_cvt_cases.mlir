// Every place the hardware conversions replace the portable code: f4 pairs
// (NVFP4), single f4 codes (an unblocked innermost dim), e4m3 / e5m2 /
// e2m3 / e3m2 data, e4m3 scales; and a double quantization scale of 0,
// which sends NaN (0 / 0) into the f4 data and e4m3 scale conversions.
func.func @main(%x: tensor<4x64xf32>, %gs: tensor<f32>, %b: tensor<4x64xbf16>)
    -> (tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>,
        tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>,
        tensor<4x64xf8E5M2>, tensor<4x2xf16>,
        tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>,
        tensor<4x64xf6E2M3FN>, tensor<4x2xf8E8M0FNU>,
        tensor<4x64xf6E3M2FN>, tensor<4x2xf8E8M0FNU>,
        tensor<4x64xf4E2M1FN>, tensor<2x64xbf16>) {
  %zero = arith.constant dense<0.0> : tensor<f32>
  %q0, %s0 = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x64xf32>, tensor<f32>) -> (tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>)
  %q1, %s1 = quant_dyn.quantize %x, %zero {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x64xf32>, tensor<f32>) -> (tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>)
  %q2, %s2 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<4x64xf32>) -> (tensor<4x64xf8E5M2>, tensor<4x2xf16>)
  %q3, %s3 = quant_dyn.quantize %b {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<4x64xbf16>) -> (tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>)
  %q4, %s4 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<4x64xf32>) -> (tensor<4x64xf6E2M3FN>, tensor<4x2xf8E8M0FNU>)
  %q5, %s5 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                    scale_rounding = #quant_dyn.scale_rounding<rceil>}
      : (tensor<4x64xf32>) -> (tensor<4x64xf6E3M2FN>, tensor<4x2xf8E8M0FNU>)
  %q6, %s6 = quant_dyn.quantize %x {axis = 0 : i64, block_size = 2 : i64}
      : (tensor<4x64xf32>) -> (tensor<4x64xf4E2M1FN>, tensor<2x64xbf16>)
  return %q0, %s0, %q1, %s1, %q2, %s2, %q3, %s3, %q4, %s4, %q5, %s5, %q6, %s6
      : tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>,
        tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>,
        tensor<4x64xf8E5M2>, tensor<4x2xf16>,
        tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>,
        tensor<4x64xf6E2M3FN>, tensor<4x2xf8E8M0FNU>,
        tensor<4x64xf6E3M2FN>, tensor<4x2xf8E8M0FNU>,
        tensor<4x64xf4E2M1FN>, tensor<2x64xbf16>
}
