// RUN: quant-dyn-opt %s -split-input-file -verify-diagnostics -convert-quant-dyn-to-linalg -canonicalize -cse -quant-dyn-tile-and-fuse-blocks="tile-blocks=16 vectorize-min-lanes=8 min-parallel-blocks=8 print-config" | FileCheck %s

// The strategy each block shape gets (docs/CodegenStrategy.md): small tiles
// are one vector, large blocks loops over vector sub-tiles, tall column
// blocks and single blocks are split across threads.

// CHECK-LABEL: func.func @mx_1x32
// CHECK-SAME: tensor<64x16xf32>) {
// CHECK: scf.forall
// CHECK: vector.multi_reduction <maxui>, {{.*}} : vector<16x32xi32> to vector<16xi32>
func.func @mx_1x32(%x: tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x16xf32>) {
  // expected-remark @+1 {{block strategy: fused-vector, tile [1, 16, 0]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, 32>}
      : (tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x16xf32>)
  return %q, %s : tensor<64x512xf8E4M3FN>, tensor<64x16xf32>
}

// -----

// A contiguous 1x128 group: a tile of up to 64 Ki elements (64 rows of
// the 8 groups of this matrix) in sub-tile loops, like any tile of more
// than 512 elements: the amax reads 64 columns of 4 groups of a row at a
// time into a register accumulator.
// CHECK-LABEL: func.func @groups_1x128
// CHECK-SAME: tensor<256x8xf32>) attributes {quant_dyn.vector_sub_tiles} {
// CHECK: scf.forall (%{{.*}}) = (0) to (256) step (64)
// CHECK: scf.for {{.*}} iter_args({{.*}}) -> (tensor<1x4x64xi32>, vector<1x4x64xi32>)
// CHECK: vector.multi_reduction <maxui>, {{.*}} [2] : vector<1x4x64xi32> to vector<1x4xi32>
func.func @groups_1x128(%x: tensor<256x1024xbf16>) -> (tensor<256x1024xf8E4M3FN>, tensor<256x8xf32>) {
  // expected-remark @+1 {{block strategy: sub-tiled, tile [64, 8, 0]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, 128>}
      : (tensor<256x1024xbf16>) -> (tensor<256x1024xf8E4M3FN>, tensor<256x8xf32>)
  return %q, %s : tensor<256x1024xf8E4M3FN>, tensor<256x8xf32>
}

// -----

// 16x16 blocks: a tile is a band of 16 rows across up to 64 Ki elements
// (here all 64 blocks of a block row). The amax walks the band row by row,
// 4 blocks (64 lanes) at a time, into a lane-wise accumulator of the whole
// band, and reduces each block's 16 lanes after the band; the quantization
// walks the band row by row too.
// CHECK-LABEL: func.func @blocks_16x16
// CHECK: scf.forall {{.*}} in (16)
// CHECK:   %[[ACC:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<1x64x1x16xi32>)
// CHECK:   scf.for %{{.*}} = %c0 to %c16 step %c1 iter_args(%{{.*}} = %[[ACC]])
// CHECK:     scf.for %{{.*}} = %c0 to %c64 step %c4
// CHECK:       vector.transfer_read {{.*}} : tensor<1x1x4x16xbf16>, vector<1x1x4x16xbf16>
// CHECK:       arith.maxui {{.*}} : vector<1x1x4x16xi32>
// CHECK:   vector.multi_reduction <maxui>, {{.*}} [2, 3] : vector<1x1x1x16xi32> to vector<1x1xi32>
// CHECK:   scf.for %{{.*}} = %c0 to %c16 step %c1
// CHECK:     scf.for %{{.*}} = %c0 to %c64 step %c4
// CHECK:       arith.divf {{.*}} : vector<1x1x4x16xf32>
func.func @blocks_16x16(%x: tensor<256x1024xbf16>) -> (tensor<256x1024xf8E4M3FN>, tensor<16x64xf32>) {
  // expected-remark @+1 {{block strategy: sub-tiled, tile [1, 0, 64, 0]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 16, 16>}
      : (tensor<256x1024xbf16>) -> (tensor<256x1024xf8E4M3FN>, tensor<16x64xf32>)
  return %q, %s : tensor<256x1024xf8E4M3FN>, tensor<16x64xf32>
}

// -----

// 128x128 blocks, 4 side by side per tile: the amax walks the tile in
// sub-tiles of the same 64 columns of the 4 blocks (a row of the tile read
// across its blocks) into a vector accumulator (a loop-carried vector: a
// register), reduced once per block; the quantization walks the tile again.
// The function is marked for the CPU's set-vector-width.
// CHECK-LABEL: func.func @weights_128x128
// CHECK-SAME: attributes {quant_dyn.vector_sub_tiles}
// CHECK: scf.forall
// CHECK:   scf.for {{.*}} -> ({{.*}}vector<1x1x4x64xi32>)
// CHECK:     scf.for {{.*}} -> ({{.*}}vector<1x1x4x64xi32>)
// CHECK:       vector.transfer_read {{.*}} : tensor<1x1x4x64xbf16>, vector<1x1x4x64xbf16>
// CHECK:       arith.maxui {{.*}} : vector<1x1x4x64xi32>
// CHECK:   vector.multi_reduction <maxui>, {{.*}} : vector<1x4x1x64xi32> to vector<1x4xi32>
// CHECK:   scf.for
// CHECK:     scf.for
// CHECK:       arith.divf {{.*}} : vector<1x1x1x64xf32>
func.func @weights_128x128(%x: tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<8x8xf32>) {
  // expected-remark @+1 {{block strategy: sub-tiled, tile [1, 0, 4, 0]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 128, 128>}
      : (tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<8x8xf32>)
  return %q, %s : tensor<1024x1024xf8E4M3FN>, tensor<8x8xf32>
}

// -----

// Column blocks: one vector holds the running amax of 64 columns while the
// loop walks down the rows of a tile of 512 columns.
// CHECK-LABEL: func.func @columns_128x1
// CHECK: scf.forall
// CHECK:   scf.for
// CHECK:     scf.for
// CHECK:       vector.transfer_read {{.*}} : tensor<1x1x64xbf16>, vector<1x1x64xbf16>
// CHECK:       vector.multi_reduction <maxui>, {{.*}} [1] : vector<1x1x64xi32> to vector<1x64xi32>
func.func @columns_128x1(%x: tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<8x1024xf32>) {
  // expected-remark @+1 {{block strategy: sub-tiled, tile [1, 0, 512]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 128, 1>}
      : (tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<8x1024xf32>)
  return %q, %s : tensor<1024x1024xf8E4M3FN>, tensor<8x1024xf32>
}

// -----

// Per-tensor: a partial amax per chunk of 16 rows in parallel, combined
// after the loop, then the quantization in parallel over the same chunks.
// CHECK-LABEL: func.func @per_tensor
// CHECK: %[[P:.*]] = scf.forall (%[[C:.*]]) in (64) shared_outs(%[[PS:.*]] = {{.*}}) -> (tensor<64x1x1xi32>)
// CHECK:   tensor.parallel_insert_slice {{.*}} into %[[PS]][%[[C]], 0, 0] [1, 1, 1]
// CHECK: linalg.reduce { arith.maxui } ins(%[[P]] : tensor<64x1x1xi32>) {{.*}} dimensions = [0]
// CHECK: linalg.generic
// CHECK: scf.forall {{.*}} -> (tensor<1x1024x1x1024xf8E4M3FN>)
func.func @per_tensor(%x: tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<1x1xf32>) {
  // expected-remark @+1 {{block strategy: split-reduction, tile [0, 16, 0, 0]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, -1>}
      : (tensor<1024x1024xbf16>) -> (tensor<1024x1024xf8E4M3FN>, tensor<1x1xf32>)
  return %q, %s : tensor<1024x1024xf8E4M3FN>, tensor<1x1xf32>
}

// -----

// Tall column blocks (one scale per column) take the split amax too. The
// partials are chunk-major: each chunk's amax accumulates in place into its
// own contiguous row of them (no per-chunk buffer, no strided copy), walking
// down the chunk's rows one row of 64 columns at a time.
// CHECK-LABEL: func.func @per_column
// CHECK: %[[P:.*]] = scf.forall (%[[C:.*]]) in (64) shared_outs(%[[PS:.*]] = {{.*}}) -> (tensor<64x1x1024xi32>)
// CHECK:   %[[ROW:.*]] = tensor.extract_slice %[[PS]][%[[C]], 0, 0] [1, 1, 1024] [1, 1, 1] : tensor<64x1x1024xi32> to tensor<1x1024xi32>
// CHECK:   %[[INIT:.*]] = linalg.fill ins(%c0_i32 : i32) outs(%[[ROW]] : tensor<1x1024xi32>)
// CHECK:   scf.for {{.*}} iter_args({{.*}} = %[[INIT]])
// CHECK:     scf.for
// CHECK:       vector.multi_reduction <maxui>, {{.*}} [1] : vector<1x1x64xi32> to vector<1x64xi32>
// CHECK:   tensor.parallel_insert_slice {{.*}} into %[[PS]][%[[C]], 0, 0] [1, 1, 1024]
// CHECK: linalg.reduce { arith.maxui } ins(%[[P]] : tensor<64x1x1024xi32>) {{.*}} dimensions = [0]
// CHECK: scf.forall {{.*}} -> (tensor<1x2048x1024xf8E4M3FN>)
func.func @per_column(%x: tensor<2048x1024xbf16>) -> (tensor<2048x1024xf8E4M3FN>, tensor<1x1024xf32>) {
  // expected-remark @+1 {{block strategy: split-reduction, tile [0, 32, 0]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, 1>}
      : (tensor<2048x1024xbf16>) -> (tensor<2048x1024xf8E4M3FN>, tensor<1x1024xf32>)
  return %q, %s : tensor<2048x1024xf8E4M3FN>, tensor<1x1024xf32>
}

// -----

// Dynamic shapes: the same strategies; sub-tiles with dynamic extents stay
// scalar loops (LLVM vectorizes them after lowering).
// CHECK-LABEL: func.func @dynamic_per_tensor
// CHECK: scf.forall
// CHECK: linalg.reduce
func.func @dynamic_per_tensor(%x: tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<1x1xf32>) {
  // expected-remark @+1 {{block strategy: split-reduction, tile [0, 16, 0, 0]}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, -1>}
      : (tensor<?x?xbf16>) -> (tensor<?x?xf8E4M3FN>, tensor<1x1xf32>)
  return %q, %s : tensor<?x?xf8E4M3FN>, tensor<1x1xf32>
}
