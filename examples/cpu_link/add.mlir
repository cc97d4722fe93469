// A tensor-level function compiled ahead of time and called from C (see
// README.md and main.c): y = a + 2 * b on 2x4 f32 tensors.
//
// Do not name an entry @main when you link the object into a program: the
// object defines the function under its own name next to its C interface
// `_mlir_ciface_<name>`.

#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @add_scaled(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %two = arith.constant 2.0 : f32
  %init = tensor.empty() : tensor<2x4xf32>
  %y = linalg.generic {indexing_maps = [#map, #map, #map],
                       iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<2x4xf32>, tensor<2x4xf32>) outs(%init : tensor<2x4xf32>) {
  ^bb0(%x: f32, %z: f32, %out: f32):
    %t = arith.mulf %z, %two : f32
    %s = arith.addf %x, %t : f32
    linalg.yield %s : f32
  } -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
