// Other mixes around dynamic quantizations: a per-tensor quantize_linear
// and its dequantize next to a dynamic NVFP4 quantize, and dynamic
// quantizations of ranks 2, 3 and 4 (fused 1x16 / 1x1x32 blocks and a
// split per-tensor block) in one function.
func.func @main(%x: tensor<?x?xf32>, %st: tensor<1xf32>, %zt: tensor<1xsi32>,
                %b: tensor<?x?xbf16>, %a: tensor<?x?x?xbf16>, %c: tensor<?x?x?x?xf32>)
    -> (tensor<?x?xsi8>, tensor<?x?xbf16>, tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>,
        tensor<?x?x?xf8E4M3FN>, tensor<?x?x?xf8E8M0FNU>,
        tensor<?x?x?x?xf8E4M3FN>, tensor<1x1x1x1xf32>) {
  %qt = quant_dyn.quantize_linear %x, %st, %zt {qtype = #quant_dyn.qtype<per_tensor>}
      : (tensor<?x?xf32>, tensor<1xf32>, tensor<1xsi32>) -> tensor<?x?xsi8>
  %y = quant_dyn.dequantize_linear %qt, %st, %zt {qtype = #quant_dyn.qtype<per_tensor>}
      : (tensor<?x?xsi8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<?x?xbf16>
  %qb, %sb = quant_dyn.quantize %b {block_shape = array<i64: 1, 16>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>)
  %qa, %sa = quant_dyn.quantize %a {block_shape = array<i64: 1, 1, 32>}
      : (tensor<?x?x?xbf16>) -> (tensor<?x?x?xf8E4M3FN>, tensor<?x?x?xf8E8M0FNU>)
  %qc, %sc = quant_dyn.quantize %c {block_shape = array<i64: -1, -1, -1, -1>}
      : (tensor<?x?x?x?xf32>) -> (tensor<?x?x?x?xf8E4M3FN>, tensor<1x1x1x1xf32>)
  return %qt, %y, %qb, %sb, %qa, %sa, %qc, %sc
      : tensor<?x?xsi8>, tensor<?x?xbf16>, tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>,
        tensor<?x?x?xf8E4M3FN>, tensor<?x?x?xf8E8M0FNU>,
        tensor<?x?x?x?xf8E4M3FN>, tensor<1x1x1x1xf32>
}
