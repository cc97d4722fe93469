// Ordinary tensor code around the quant_dyn ops: elementwise math / arith
// ops on tensors (exact ones: sqrt.rn on the GPU), a rank-0 fill,
// linalg.reduce to rank-0 tensors, scalar arith on the extracted values
// (ONNX DynamicQuantizeLinear written in MLIR: u8 with scale
// (max(0, max x) - min(0, min x)) / 255 and the rounded zero point), and a
// matmul feeding a per-tensor FP8 quantization.
func.func @main(%x: tensor<64x256xf32>, %w: tensor<256x32xf32>)
    -> (tensor<64x256xui8>, tensor<1xf32>, tensor<1xi8>, tensor<f32>,
        tensor<64x32xf8E4M3FN>, tensor<1x1xf32>) {
  %zero = arith.constant 0.0 : f32
  %a = math.absf %x : tensor<64x256xf32>
  %r = math.sqrt %a : tensor<64x256xf32>
  %t = arith.subf %r, %x : tensor<64x256xf32>
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %max = linalg.reduce ins(%t : tensor<64x256xf32>) outs(%init : tensor<f32>)
      dimensions = [0, 1]
      (%in: f32, %acc: f32) {
        %m = arith.maximumf %in, %acc : f32
        linalg.yield %m : f32
      }
  %min = linalg.reduce ins(%t : tensor<64x256xf32>) outs(%init : tensor<f32>)
      dimensions = [0, 1]
      (%in: f32, %acc: f32) {
        %m = arith.minimumf %in, %acc : f32
        linalg.yield %m : f32
      }
  %hi = tensor.extract %max[] : tensor<f32>
  %lo = tensor.extract %min[] : tensor<f32>
  %range = arith.subf %hi, %lo : f32
  %c255 = arith.constant 255.0 : f32
  %scale = arith.divf %range, %c255 : f32
  %neg = arith.negf %lo : f32
  %zf = arith.divf %neg, %scale : f32
  %zr = math.roundeven %zf : f32
  %zc = arith.minimumf %zr, %c255 : f32
  %zi = arith.fptoui %zc : f32 to i8
  %s = tensor.from_elements %scale : tensor<1xf32>
  %z = tensor.from_elements %zi : tensor<1xi8>
  %q = quant_dyn.quantize_linear %t, %s, %z {qtype = #quant_dyn.qtype<per_tensor>}
      : (tensor<64x256xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<64x256xui8>
  %ye = tensor.empty() : tensor<64x32xf32>
  %yz = linalg.fill ins(%zero : f32) outs(%ye : tensor<64x32xf32>) -> tensor<64x32xf32>
  %y = linalg.matmul ins(%x, %w : tensor<64x256xf32>, tensor<256x32xf32>)
      outs(%yz : tensor<64x32xf32>) -> tensor<64x32xf32>
  %yq, %ys = quant_dyn.quantize %y {block_shape = array<i64: -1, -1>}
      : (tensor<64x32xf32>) -> (tensor<64x32xf8E4M3FN>, tensor<1x1xf32>)
  return %q, %s, %z, %max, %yq, %ys
      : tensor<64x256xui8>, tensor<1xf32>, tensor<1xi8>, tensor<f32>,
        tensor<64x32xf8E4M3FN>, tensor<1x1xf32>
}
