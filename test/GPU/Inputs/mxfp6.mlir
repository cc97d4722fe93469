// MXFP6 (both f6 formats) from f32 in blocks of 32, e8m0 scales, and a bf16
// scale variant of f4 with a 3D block shape.
func.func @main(%x: tensor<2x64xf32>, %w: tensor<2x6x8xf32>)
    -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>,
        tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>,
        tensor<2x6x8xf4E2M1FN>, tensor<1x1x2xbf16>) {
  %q0, %s0 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf32>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
  %q1, %s1 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                    scale_rounding = #quant_dyn.scale_rounding<rceil>}
      : (tensor<2x64xf32>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
  %q2, %s2 = quant_dyn.quantize %w {block_shape = array<i64: -1, 6, 4>}
      : (tensor<2x6x8xf32>) -> (tensor<2x6x8xf4E2M1FN>, tensor<1x1x2xbf16>)
  return %q0, %s0, %q1, %s1, %q2, %s2
      : tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>, tensor<2x64xf6E3M2FN>,
        tensor<2x2xf8E8M0FNU>, tensor<2x6x8xf4E2M1FN>, tensor<1x1x2xbf16>
}
