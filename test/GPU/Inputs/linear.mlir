// oneDNN Graph DynamicQuantize / DynamicDequantize: f32 -> u8 per channel
// with u8 zero points, per-tensor s8 with s32 zero points, and both back.
func.func @main(%x: tensor<64x48xf32>, %s: tensor<48xf32>, %z: tensor<48xui8>,
                %st: tensor<1xf32>, %zt: tensor<1xsi32>)
    -> (tensor<64x48xui8>, tensor<64x48xf32>, tensor<64x48xsi8>, tensor<64x48xbf16>) {
  %q = quant_dyn.quantize_linear %x, %s, %z {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
      : (tensor<64x48xf32>, tensor<48xf32>, tensor<48xui8>) -> tensor<64x48xui8>
  %y = quant_dyn.dequantize_linear %q, %s, %z {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
      : (tensor<64x48xui8>, tensor<48xf32>, tensor<48xui8>) -> tensor<64x48xf32>
  %qt = quant_dyn.quantize_linear %x, %st, %zt {qtype = #quant_dyn.qtype<per_tensor>}
      : (tensor<64x48xf32>, tensor<1xf32>, tensor<1xsi32>) -> tensor<64x48xsi8>
  %yt = quant_dyn.dequantize_linear %qt, %st, %zt {qtype = #quant_dyn.qtype<per_tensor>}
      : (tensor<64x48xsi8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<64x48xbf16>
  return %q, %y, %qt, %yt : tensor<64x48xui8>, tensor<64x48xf32>, tensor<64x48xsi8>, tensor<64x48xbf16>
}
