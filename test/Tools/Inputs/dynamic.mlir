// Dynamic shapes, several results (one rank 0) and a run-time check that
// reports through quant_dyn_report_error (kind 1: the extent must be even).
#map = affine_map<(d0) -> (d0)>
func.func private @quant_dyn_report_error(i32, i64, i64, i64)

func.func @main(%a: tensor<?xf32>) -> (tensor<?xf32>, tensor<f32>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %n = tensor.dim %a, %c0 : tensor<?xf32>
  %rem = arith.remui %n, %c2 : index
  %odd = arith.cmpi ne, %rem, %c0 : index
  scf.if %odd {
    %kind = arith.constant 1 : i32
    %dim = arith.constant 0 : i64
    %actual = arith.index_cast %n : index to i64
    %block = arith.constant 2 : i64
    func.call @quant_dyn_report_error(%kind, %dim, %actual, %block)
        : (i32, i64, i64, i64) -> ()
  }
  %init = tensor.empty(%n) : tensor<?xf32>
  %twice = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]}
      ins(%a : tensor<?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%x: f32, %out: f32):
    %s = arith.addf %x, %x : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  %zero = arith.constant 0.0 : f32
  %acc = tensor.from_elements %zero : tensor<f32>
  %sum = linalg.reduce ins(%a : tensor<?xf32>) outs(%acc : tensor<f32>) dimensions = [0]
    (%x: f32, %y: f32) {
      %t = arith.addf %x, %y : f32
      linalg.yield %t : f32
    }
  return %twice, %sum : tensor<?xf32>, tensor<f32>
}
