// GEMM-ready scales (scale_layout = swizzled_128x4): NVFP4 over a partial
// 128-row tile with S = 5 scale columns (not a multiple of 4) and its round
// trip, and a dequantize of MX e8m0 scales given as raw codes, whose
// padding holds garbage that must not be read.
func.func @main(%x: tensor<300x80xf32>, %gs: tensor<f32>,
                %q: tensor<130x64xf8E4M3FN>, %s: tensor<2x1x32x4x4xf8E8M0FNU>)
    -> (tensor<300x80xf4E2M1FN>, tensor<3x2x32x4x4xf8E4M3FN>, tensor<300x80xf32>,
        tensor<130x64xbf16>) {
  %q4, %s4 = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64,
                                        scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x80xf32>, tensor<f32>) -> (tensor<300x80xf4E2M1FN>, tensor<3x2x32x4x4xf8E4M3FN>)
  %y4 = quant_dyn.dequantize %q4, %s4, %gs {axis = 1 : i64, block_size = 16 : i64,
                                           scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x80xf4E2M1FN>, tensor<3x2x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<300x80xf32>
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64,
                                   scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<130x64xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>) -> tensor<130x64xbf16>
  return %q4, %s4, %y4, %y
      : tensor<300x80xf4E2M1FN>, tensor<3x2x32x4x4xf8E4M3FN>, tensor<300x80xf32>,
        tensor<130x64xbf16>
}
