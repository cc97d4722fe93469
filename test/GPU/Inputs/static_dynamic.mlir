// Static- and dynamic-shape quantizations in one function: NVFP4 with a
// global scale on a static tensor, and on a dynamic one 1x16 (fused),
// 128x128 (split) and GEMM-ready MX scales. Buffer deallocation then keeps
// its ownership bookkeeping (lists of buffer pointers and flags, stored by
// host code) next to the device buffers; that bookkeeping stays on the host.
func.func @main(%x: tensor<256x128xbf16>, %gs: tensor<f32>, %d: tensor<?x?xbf16>)
    -> (tensor<256x128xf4E2M1FN>, tensor<256x8xf8E4M3FN>,
        tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>,
        tensor<?x?xf8E4M3FN>, tensor<?x?xf32>,
        tensor<?x?xf8E4M3FN>, tensor<?x?x32x4x4xf8E8M0FNU>) {
  %q0, %s0 = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<256x128xbf16>, tensor<f32>) -> (tensor<256x128xf4E2M1FN>, tensor<256x8xf8E4M3FN>)
  %q1, %s1 = quant_dyn.quantize %d {block_shape = array<i64: 1, 16>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>)
  %q2, %s2 = quant_dyn.quantize %d {block_shape = array<i64: 128, 128>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf32>)
  %q3, %s3 = quant_dyn.quantize %d {axis = 1 : i64, block_size = 32 : i64,
                                    scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?x32x4x4xf8E8M0FNU>)
  return %q0, %s0, %q1, %s1, %q2, %s2, %q3, %s3
      : tensor<256x128xf4E2M1FN>, tensor<256x8xf8E4M3FN>,
        tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>,
        tensor<?x?xf8E4M3FN>, tensor<?x?xf32>,
        tensor<?x?xf8E4M3FN>, tensor<?x?x32x4x4xf8E8M0FNU>
}
