// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -canonicalize -cse -quant-dyn-tile-and-fuse-blocks="tile-blocks=4" -canonicalize -cse | FileCheck %s
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -canonicalize -cse -quant-dyn-tile-and-fuse-blocks="tile-blocks=8 vectorize-min-lanes=8" -canonicalize -cse | FileCheck %s --check-prefix=VEC

// The amax reduction and the scale computation of each block are fused into
// the loop over blocks that quantizes them: one sweep over the input. The
// scales are yielded from the loop.
// CHECK-LABEL: func.func @mxfp8
// CHECK: %[[E:.*]] = tensor.expand_shape
// CHECK: %[[R:.*]]:{{[0-9]+}} = scf.forall (%[[I:.*]], %[[J:.*]]) = (0, 0) to (4, 8) step (1, 4) shared_outs(
// CHECK:   %[[X:.*]] = tensor.extract_slice %[[E]][%[[I]], %[[J]], 0] [1, 4, 32] [1, 1, 1]
// CHECK:   linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[X]] : tensor<1x4x32xbf16>)
// CHECK:   linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK:   linalg.generic {{.*}} ins(%[[X]], %{{.*}} : tensor<1x4x32xbf16>, tensor<1x4xf32>)
// CHECK:   scf.forall.in_parallel
// CHECK-NOT: linalg.generic
// CHECK: return

// With vectors, the amax of the tile's 8 blocks is one reduction over its
// merged loops, and the quantization a loop over sub-tiles of 2 blocks (64
// elements): as one vector of the tile, LLVM spilled its intermediates.
// VEC-LABEL: func.func @mxfp8
// VEC: scf.forall
// VEC:   %[[BLOCKS:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<1x8x32xbf16> into tensor<8x32xbf16>
// VEC:   vector.transfer_read %[[BLOCKS]]{{.*}} : tensor<8x32xbf16>, vector<8x32xbf16>
// VEC:   vector.multi_reduction <maxui>, {{.*}} [1] : vector<8x32xi32> to vector<8xi32>
// VEC:   scf.for %{{.*}} = %c0 to %c8 step %c2
// VEC:     vector.transfer_read {{.*}} : tensor<1x2x32xbf16>, vector<1x2x32xbf16>
// VEC-NOT: linalg.generic
func.func @mxfp8(%x: tensor<4x256xbf16>) -> (tensor<4x256xf8E4M3FN>, tensor<4x8xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x256xbf16>) -> (tensor<4x256xf8E4M3FN>, tensor<4x8xf8E8M0FNU>)
  return %q, %s : tensor<4x256xf8E4M3FN>, tensor<4x8xf8E8M0FNU>
}
