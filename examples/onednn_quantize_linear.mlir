// oneDNN Graph DynamicQuantize / DynamicDequantize: per-channel (axis 1)
// asymmetric u8 quantization of a 4x3 f32 tensor with run-time scales and
// zero points, then dequantization back to f32.
//
// Inputs:
//   %x      : tensor<4x3xf32> = [[-1.0,  0.5,  2.0],
//                                [ 0.0,  1.25, -3.0],
//                                [ 0.75, -0.5,  4.0],
//                                [ 1.5,  5.0, -6.0]]
//   %scales : tensor<3xf32>   = [0.0125, 0.025, 0.05]
//   %zps    : tensor<3xui8>   = [128, 64, 100]
//
// Under docs/Semantics.md section 4.9,
// q = saturate(round_half_even(x / scale + zp)):
//   q = [[48, 84, 140], [128, 114, 40], [188, 44, 180], [248, 255, 0]]
// (5.0 and -6.0 saturate to 255 and 0), and the result is
//   [[-1.0, 0.5, 2.0], [0.0, 1.25, -3.0], [0.75, -0.5, 4.0], [1.5, 4.775, -5.0]].

func.func @main(%x: tensor<4x3xf32>, %scales: tensor<3xf32>, %zps: tensor<3xui8>) -> tensor<4x3xf32> {
  %q = quant_dyn.quantize_linear %x, %scales, %zps {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
  %y = quant_dyn.dequantize_linear %q, %scales, %zps {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
      : (tensor<4x3xui8>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
