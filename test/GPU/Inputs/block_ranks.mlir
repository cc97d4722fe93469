// Big and few blocks on rank-3 and rank-4 tensors, with partial edge
// blocks: split over GPU threads (per-tensor, whole rows, 2D and 3D blocks).
func.func @main(%x: tensor<3x40x72xf32>, %y: tensor<2x3x20x36xbf16>)
    -> (tensor<3x40x72xf8E4M3FN>, tensor<1x1x1xf32>,
        tensor<3x40x72xf8E5M2>, tensor<3x2x3xf8E8M0FNU>,
        tensor<3x40x72xsi8>, tensor<1x40x1xf32>,
        tensor<2x3x20x36xf8E4M3FN>, tensor<1x1x1x1xf32>,
        tensor<2x3x20x36xf4E2M1FN>, tensor<2x1x2x3xbf16>,
        tensor<2x3x20x36xf8E4M3FN>, tensor<2x3x1x36xf32>) {
  %q0, %s0 = quant_dyn.quantize %x {block_shape = array<i64: -1, -1, -1>}
      : (tensor<3x40x72xf32>) -> (tensor<3x40x72xf8E4M3FN>, tensor<1x1x1xf32>)
  %q1, %s1 = quant_dyn.quantize %x {block_shape = array<i64: 1, 32, 32>}
      : (tensor<3x40x72xf32>) -> (tensor<3x40x72xf8E5M2>, tensor<3x2x3xf8E8M0FNU>)
  %q2, %s2 = quant_dyn.quantize %x {block_shape = array<i64: -1, 1, -1>}
      : (tensor<3x40x72xf32>) -> (tensor<3x40x72xsi8>, tensor<1x40x1xf32>)
  %q3, %s3 = quant_dyn.quantize %y {block_shape = array<i64: -1, -1, -1, -1>}
      : (tensor<2x3x20x36xbf16>) -> (tensor<2x3x20x36xf8E4M3FN>, tensor<1x1x1x1xf32>)
  %q4, %s4 = quant_dyn.quantize %y {block_shape = array<i64: 1, -1, 16, 16>}
      : (tensor<2x3x20x36xbf16>) -> (tensor<2x3x20x36xf4E2M1FN>, tensor<2x1x2x3xbf16>)
  %q5, %s5 = quant_dyn.quantize %y {block_shape = array<i64: 1, 1, -1, 1>}
      : (tensor<2x3x20x36xbf16>) -> (tensor<2x3x20x36xf8E4M3FN>, tensor<2x3x1x36xf32>)
  return %q0, %s0, %q1, %s1, %q2, %s2, %q3, %s3, %q4, %s4, %q5, %s5
      : tensor<3x40x72xf8E4M3FN>, tensor<1x1x1xf32>,
        tensor<3x40x72xf8E5M2>, tensor<3x2x3xf8E8M0FNU>,
        tensor<3x40x72xsi8>, tensor<1x40x1xf32>,
        tensor<2x3x20x36xf8E4M3FN>, tensor<1x1x1x1xf32>,
        tensor<2x3x20x36xf4E2M1FN>, tensor<2x1x2x3xbf16>,
        tensor<2x3x20x36xf8E4M3FN>, tensor<2x3x1x36xf32>
}
