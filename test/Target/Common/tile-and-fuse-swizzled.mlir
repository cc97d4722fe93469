// RUN: quant-dyn-opt %s -split-input-file -verify-diagnostics -convert-quant-dyn-to-linalg -canonicalize -cse -quant-dyn-tile-and-fuse-blocks="tile-blocks=16 vectorize-min-lanes=8 min-parallel-blocks=8 print-config" | FileCheck %s

// swizzled_128x4 scales: a tile holds whole rows of the 4 scale columns of
// a tile and takes 4 of them (16 blocks, as a linear tile does); the whole
// tile is vectorized, the scales written through the transposing map
// straight into their swizzled slice. The scale computation runs on one
// flat vector of the 16 scales, as in a linear tile (not 4 vectors of 4),
// and so does the amax, its loops merged ([1, 1, 1, 4, 4, 32] -> [16, 32]);
// the quantization is a loop over sub-tiles of 2 blocks.
// CHECK-LABEL: func.func @mxfp8_swizzled
// CHECK: scf.forall {{.*}} = (0, 0, 0, 0) to (2, 4, 32, 8) step (1, 1, 1, 4)
// CHECK: vector.multi_reduction <maxui>, {{.*}} [1] : vector<16x32xi32> to vector<16xi32>
// CHECK: vector.shape_cast {{.*}} : vector<1x1x1x4x4xi32> to vector<16xi32>
// CHECK: arith.bitcast {{.*}} : vector<16xi32> to vector<16xf32>
// CHECK-NOT: arith.{{.*}} : vector<1x1x1x4x4x{{[if]}}
// CHECK: arith.trunci {{.*}} : vector<16xi32> to vector<16xi8>
// CHECK: vector.shape_cast {{.*}} : vector<16xf8E8M0FNU> to vector<1x1x1x4x4xf8E8M0FNU>
// CHECK: vector.transfer_write {{.*}} {in_bounds = [true, true, true, true, true], permutation_map = #{{.*}}} : vector<1x1x1x4x4xf8E8M0FNU>, tensor<1x4x1x1x4xf8E8M0FNU>
// CHECK: scf.for
// CHECK: vector.transfer_write {{.*}} : vector<1x1x1x1x2x32xf8E4M3FN>
func.func @mxfp8_swizzled(%x: tensor<256x1024xbf16>) -> (tensor<256x1024xf8E4M3FN>, tensor<2x8x32x4x4xf8E8M0FNU>) {
  // expected-remark @+1 {{block strategy: fused-vector, tile [1, 1, 1, 4, 4, 0]}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<256x1024xbf16>) -> (tensor<256x1024xf8E4M3FN>, tensor<2x8x32x4x4xf8E8M0FNU>)
  return %q, %s : tensor<256x1024xf8E4M3FN>, tensor<2x8x32x4x4xf8E8M0FNU>
}

// -----

// One 4-column tile per row of tiles (K = 4 blocks): the tile reaches
// through the whole column dims into 4 rows (contiguous in memory).
// CHECK-LABEL: func.func @mxfp8_swizzled_narrow
// CHECK: vector.multi_reduction <maxui>, {{.*}} : vector<16x32xi32> to vector<16xi32>
// CHECK: vector.shape_cast {{.*}} : vector<1x1x4x1x4xi32> to vector<16xi32>
func.func @mxfp8_swizzled_narrow(%x: tensor<256x128xbf16>) -> (tensor<256x128xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>) {
  // expected-remark @+1 {{block strategy: fused-vector, tile [1, 1, 4, 1, 4, 0]}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<256x128xbf16>) -> (tensor<256x128xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>)
  return %q, %s : tensor<256x128xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>
}

// -----

// The same rule for linear scales of a narrow matrix: 4 scale columns per
// row, so a tile takes 4 rows.
// CHECK-LABEL: func.func @mxfp8_linear_narrow
// CHECK: vector.multi_reduction <maxui>, {{.*}} : vector<16x32xi32> to vector<16xi32>
// CHECK: vector.shape_cast {{.*}} : vector<4x4xi32> to vector<16xi32>
func.func @mxfp8_linear_narrow(%x: tensor<256x128xbf16>) -> (tensor<256x128xf8E4M3FN>, tensor<256x4xf8E8M0FNU>) {
  // expected-remark @+1 {{block strategy: fused-vector, tile [4, 4, 0]}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<256x128xbf16>) -> (tensor<256x128xf8E4M3FN>, tensor<256x4xf8E8M0FNU>)
  return %q, %s : tensor<256x128xf8E4M3FN>, tensor<256x4xf8E8M0FNU>
}

// -----

// NVFP4: the f4 pair dimension keeps the tile's quantization scalar (LLVM
// vectorizes its loops), but the amax (16 elements per block as [8, 2]
// pairs) and the scale generic, which writes through the transposing map,
// are vectorized.
// CHECK-LABEL: func.func @nvfp4_swizzled
// CHECK: scf.forall
// CHECK: vector.multi_reduction <maxui>, {{.*}} [1] : vector<16x16xi32> to vector<16xi32>
// CHECK: vector.shape_cast {{.*}} : vector<1x1x1x4x4xi32> to vector<16xi32>
// CHECK: vector.transfer_write {{.*}}permutation_map = #{{.*}}} : vector<1x1x1x4x4xf8E4M3FN>, tensor<1x4x1x1x4xf8E4M3FN>
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}}outs(%{{.*}} : tensor<1x1x1x4x4x8xi8>)
func.func @nvfp4_swizzled(%x: tensor<256x1024xf32>, %gs: tensor<f32>) -> (tensor<256x1024xf4E2M1FN>, tensor<2x16x32x4x4xf8E4M3FN>) {
  // expected-remark @+1 {{block strategy: fused-vector, tile [1, 1, 1, 4, 4, 0, 0]}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
    : (tensor<256x1024xf32>, tensor<f32>) -> (tensor<256x1024xf4E2M1FN>, tensor<2x16x32x4x4xf8E4M3FN>)
  return %q, %s : tensor<256x1024xf4E2M1FN>, tensor<2x16x32x4x4xf8E4M3FN>
}
