// TensorRT IDynamicQuantizeLayer, second documented example ("2D Block
// DynamicQuantize", add_dynamic_quantize_v2): an 8x8 f32 tensor in 4x3
// blocks (the last column of blocks is partial: 8 = 3 + 3 + 2), f8E4M3FN
// data and f32 block scales, then dequantization with the same block shape.
//
// Input (as in the TensorRT documentation, row-major):
//   %x : tensor<8x8xf32> =
//     [[ 0.0,  0.3,  0.6,  1.0,  1.3,  1.6,  1.9,  2.3],
//      [ 2.6,  2.9,  3.2,  3.5,  3.9,  4.2,  4.5,  4.8],
//      [ 5.2,  5.5,  5.8,  6.1,  6.5,  6.8,  7.1,  7.4],
//      [ 7.7,  8.1,  8.4,  8.7,  9.0,  9.4,  9.7, 10.0],
//      [ 3.0,  3.3,  3.6,  4.0,  3.3,  3.6,  3.9,  3.3],
//      [ 2.6,  2.9,  3.2,  3.5,  3.9,  4.2,  4.5,  4.8],
//      [-5.2, -5.5, -5.8, -6.1, -5.5, -5.8,  5.1,  5.4],
//      [ 5.7,  5.1,  5.4,  5.7,  6.0,  6.4,  4.7,  6.0]]
//
// Result under docs/Semantics.md section 4 (scales = amax / 448 per block;
// shown to 3 decimals), which agrees with TensorRT's documented output to its
// two decimals:
//     [[ 0.0,    0.3,    0.6,    1.007,  1.259,  1.679,  1.964,  2.321],
//      [ 2.7,    3.0,    3.3,    3.357,  4.029,  4.364,  4.643,  4.643],
//      [ 5.4,    5.4,    6.0,    6.043,  6.714,  6.714,  7.143,  7.143],
//      [ 7.8,    8.4,    8.4,    8.729,  8.729,  9.4,   10.0,   10.0  ],
//      [ 2.9,    3.314,  3.729,  4.114,  3.2,    3.657,  3.857,  3.214],
//      [ 2.693,  2.9,    3.107,  3.429,  4.114,  4.114,  4.286,  4.714],
//      [-5.386, -5.386, -5.8,   -5.943, -5.486, -5.943,  5.143,  5.571],
//      [ 5.8,    4.971,  5.386,  5.486,  5.943,  6.4,    4.714,  6.0  ]]

func.func @main(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %data, %scales = quant_dyn.quantize %x {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
  %y = quant_dyn.dequantize %data, %scales {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>) -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}
