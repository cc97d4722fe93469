// TensorRT IDynamicQuantizeLayer, first documented example ("DynamicQuantize"):
// NVFP4 quantization of a 2x32 f32 tensor along axis 1 in blocks of 16, with
// f4E2M1FN data, f8E4M3FN block scales and a double quantization scale, then
// dequantization back to f32.
//
// Inputs (as in the TensorRT documentation):
//   %x : tensor<2x32xf32> =
//     [[0.0, 0.3, 0.6, 1.0, 1.3, 1.6, 1.9, 2.3, 2.6, 2.9, 3.2, 3.5, 3.9, 4.2, 4.5, 4.8,
//       5.2, 5.5, 5.8, 6.1, 6.5, 6.8, 7.1, 7.4, 7.7, 8.1, 8.4, 8.7, 9.0, 9.4, 9.7, 10.0],
//      [3.0, 3.3, 3.6, 4.0, 3.3, 3.6, 3.9, 3.3, 2.6, 2.9, 3.2, 3.5, 3.9, 4.2, 4.5, 4.8,
//       -5.2, -5.5, -5.8, -6.1, -5.5, -5.8, 5.1, 5.4, 5.7, 5.1, 5.4, 5.7, 6.0, 6.4, 4.7, 6.0]]
//   %double_quant_scale : tensor<f32> = 1.0
//     (TensorRT passes it as a shape-(1,) constant; tensor<1xf32> is legal too)
//
// Result under docs/Semantics.md section 4 (block scales 0.8125, 1.625 /
// 0.8125, 1.125), which agrees with TensorRT's documented output to its two
// decimals:
//   [[0.0, 0.40625, 0.40625, 0.8125, 1.21875, 1.625, 1.625, 2.4375, 2.4375, 3.25, 3.25, 3.25, 3.25, 4.875, 4.875, 4.875,
//     4.875, 4.875, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 9.75, 9.75, 9.75, 9.75, 9.75, 9.75],
//    [3.25, 3.25, 3.25, 3.25, 3.25, 3.25, 3.25, 3.25, 2.4375, 3.25, 3.25, 3.25, 3.25, 4.875, 4.875, 4.875,
//     -4.5, -4.5, -6.75, -6.75, -4.5, -6.75, 4.5, 4.5, 6.75, 4.5, 4.5, 6.75, 6.75, 6.75, 4.5, 6.75]]

func.func @main(%x: tensor<2x32xf32>, %double_quant_scale: tensor<f32>) -> tensor<2x32xf32> {
  %data, %scales = quant_dyn.quantize %x, %double_quant_scale {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  %y = quant_dyn.dequantize %data, %scales, %double_quant_scale {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
  return %y : tensor<2x32xf32>
}
