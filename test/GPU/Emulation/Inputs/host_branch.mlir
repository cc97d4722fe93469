// Host code that branches on a value computed on the device: the
// per-tensor scale picks which of two tensors is returned.
func.func @main(%x: tensor<64x32xf32>)
    -> (tensor<64x32xf8E4M3FN>, tensor<1x1xf32>, tensor<2xf32>) {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.0 : f32
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, -1>}
      : (tensor<64x32xf32>) -> (tensor<64x32xf8E4M3FN>, tensor<1x1xf32>)
  %v = tensor.extract %s[%c0, %c0] : tensor<1x1xf32>
  %big = arith.cmpf ogt, %v, %one : f32
  %r = scf.if %big -> tensor<2xf32> {
    %t = tensor.from_elements %v, %one : tensor<2xf32>
    scf.yield %t : tensor<2xf32>
  } else {
    %t = tensor.from_elements %one, %v : tensor<2xf32>
    scf.yield %t : tensor<2xf32>
  }
  return %q, %s, %r : tensor<64x32xf8E4M3FN>, tensor<1x1xf32>, tensor<2xf32>
}
