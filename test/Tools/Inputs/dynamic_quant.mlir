// Dynamic-shape quant_dyn entries whose blocking rules are checked at run
// time (docs/Semantics.md section 6); used by hostile-dynamic.test.
func.func @mx(%x: tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>)
  return %q, %s : tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>
}
func.func @nvfp4_axis0(%x: tensor<?x?xf32>, %gs: tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 0 : i64, block_size = 16 : i64}
    : (tensor<?x?xf32>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>)
  return %q, %s : tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>
}
func.func @deq(%q: tensor<?x?xf8E4M3FN>, %s: tensor<2x2xf32>) -> tensor<?x?xf32> {
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
    : (tensor<?x?xf8E4M3FN>, tensor<2x2xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
func.func @lin(%x: tensor<4x3xf32>, %sc: tensor<?xf32>, %zp: tensor<?xui8>) -> tensor<4x3xui8> {
  %q = quant_dyn.quantize_linear %x, %sc, %zp {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
    : (tensor<4x3xf32>, tensor<?xf32>, tensor<?xui8>) -> tensor<4x3xui8>
  return %q : tensor<4x3xui8>
}
