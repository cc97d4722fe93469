// Static inputs of 64 Ki elements and more whose blocks do not tile them:
// the lowering peels them into an interior quantize and edge strips
// (bf16 260x300 with partial blocks along one or both dims; 300x544 with
// swizzled_128x4 scales, a partial row tile and S = 17 scale columns).
func.func @main(%x: tensor<260x300xbf16>, %w: tensor<300x544xbf16>)
    -> (tensor<260x300xf4E2M1FN>, tensor<260x19xbf16>, tensor<260x300xf4E2M1FN>, tensor<17x19xbf16>, tensor<260x300xf8E4M3FN>, tensor<9x10xf8E8M0FNU>, tensor<260x300xf8E4M3FN>, tensor<3x3xf32>, tensor<260x300xf8E5M2>, tensor<3x300xf32>, tensor<300x544xf8E4M3FN>, tensor<3x5x32x4x4xf8E8M0FNU>, tensor<300x544xf4E2M1FN>, tensor<3x5x32x4x4xf8E8M0FNU>) {
  %q0, %s0 = quant_dyn.quantize %x {block_shape = array<i64: 1, 16>}
      : (tensor<260x300xbf16>) -> (tensor<260x300xf4E2M1FN>, tensor<260x19xbf16>)
  %q1, %s1 = quant_dyn.quantize %x {block_shape = array<i64: 16, 16>}
      : (tensor<260x300xbf16>) -> (tensor<260x300xf4E2M1FN>, tensor<17x19xbf16>)
  %q2, %s2 = quant_dyn.quantize %x {block_shape = array<i64: 32, 32>}
      : (tensor<260x300xbf16>) -> (tensor<260x300xf8E4M3FN>, tensor<9x10xf8E8M0FNU>)
  %q3, %s3 = quant_dyn.quantize %x {block_shape = array<i64: 128, 128>}
      : (tensor<260x300xbf16>) -> (tensor<260x300xf8E4M3FN>, tensor<3x3xf32>)
  %q4, %s4 = quant_dyn.quantize %x {block_shape = array<i64: 128, 1>}
      : (tensor<260x300xbf16>) -> (tensor<260x300xf8E5M2>, tensor<3x300xf32>)
  %q5, %s5 = quant_dyn.quantize %w {axis = 1 : i64, block_size = 32 : i64,
                                    scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x544xbf16>) -> (tensor<300x544xf8E4M3FN>, tensor<3x5x32x4x4xf8E8M0FNU>)
  %q6, %s6 = quant_dyn.quantize %w {axis = 1 : i64, block_size = 32 : i64,
                                    scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x544xbf16>) -> (tensor<300x544xf4E2M1FN>, tensor<3x5x32x4x4xf8E8M0FNU>)
  return %q0, %s0, %q1, %s1, %q2, %s2, %q3, %s3, %q4, %s4, %q5, %s5, %q6, %s6
      : tensor<260x300xf4E2M1FN>, tensor<260x19xbf16>, tensor<260x300xf4E2M1FN>, tensor<17x19xbf16>, tensor<260x300xf8E4M3FN>, tensor<9x10xf8E8M0FNU>, tensor<260x300xf8E4M3FN>, tensor<3x3xf32>, tensor<260x300xf8E5M2>, tensor<3x300xf32>, tensor<300x544xf8E4M3FN>, tensor<3x5x32x4x4xf8E8M0FNU>, tensor<300x544xf4E2M1FN>, tensor<3x5x32x4x4xf8E8M0FNU>
}
