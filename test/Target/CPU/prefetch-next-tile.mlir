// RUN: quant-dyn-opt %s --quant-dyn-prefetch-next-tile --split-input-file | FileCheck %s

// A tile read twice (an amax sweep, then a quantize sweep): the second
// sweep prefetches, before each read, the same 128 bytes (two cache lines)
// of the next iteration's tile; the last iteration prefetches its own.
// CHECK-LABEL: func.func @two_sweeps
// CHECK-SAME: (%[[X:[^:]*]]: memref<64x256xbf16>
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%[[C64]]) step (%[[C16]])
// CHECK: %[[FOLLOWING:.*]] = arith.addi %[[I]], %[[C16]]
// CHECK: %[[HAS_NEXT:.*]] = arith.cmpi slt, %[[FOLLOWING]], %[[C64]]
// CHECK: %[[NEXT:.*]] = arith.select %[[HAS_NEXT]], %[[FOLLOWING]], %[[I]]
// CHECK: %[[TILE:.*]] = memref.subview %[[X]][%[[I]], 0] [16, 256]
// CHECK: %[[NEXT_TILE:.*]] = memref.subview %[[X]][%[[NEXT]], 0] [16, 256]
// The amax sweep reads from memory: nothing to prefetch there.
// CHECK: scf.for
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_read %[[TILE]]
// CHECK: scf.for %[[R:.*]] =
// CHECK: scf.for %[[C:.*]] =
// CHECK: %[[ROW:.*]] = memref.subview %[[TILE]][%[[R]], %[[C]]] [1, 64]
// CHECK: %[[NEXT_ROW:.*]] = memref.subview %[[NEXT_TILE]][%[[R]], %[[C]]] [1, 64]
// CHECK: memref.prefetch %[[NEXT_ROW]][%[[Z:.*]], %[[Z]]], read, locality<3>, data
// CHECK: %[[SECOND_LINE:.*]] = arith.addi %[[Z]], %{{.*}} : index
// CHECK: memref.prefetch %[[NEXT_ROW]][%[[Z]], %[[SECOND_LINE]]], read, locality<3>, data
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_read %[[ROW]][%[[Z]], %[[Z]]]
func.func @two_sweeps(%x: memref<64x256xbf16>, %y: memref<64x256xbf16>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  %pad = ub.poison : bf16
  %zero = arith.constant dense<0.0> : vector<64xbf16>
  %acc = memref.alloca() : memref<vector<64xbf16>>
  scf.parallel (%i) = (%c0) to (%c64) step (%c16) {
    %tile = memref.subview %x[%i, 0] [16, 256] [1, 1]
        : memref<64x256xbf16> to memref<16x256xbf16, strided<[256, 1], offset: ?>>
    %m = scf.for %r = %c0 to %c16 step %c1 iter_args(%a = %zero) -> vector<64xbf16> {
      %v = vector.transfer_read %tile[%r, %c0], %pad {in_bounds = [true]}
          : memref<16x256xbf16, strided<[256, 1], offset: ?>>, vector<64xbf16>
      %b = arith.maximumf %a, %v : vector<64xbf16>
      scf.yield %b : vector<64xbf16>
    }
    scf.for %r = %c0 to %c16 step %c1 {
      scf.for %c = %c0 to %c256 step %c64 {
        %row = memref.subview %tile[%r, %c] [1, 64] [1, 1]
            : memref<16x256xbf16, strided<[256, 1], offset: ?>>
              to memref<1x64xbf16, strided<[256, 1], offset: ?>>
        %v = vector.transfer_read %row[%c0, %c0], %pad {in_bounds = [true]}
            : memref<1x64xbf16, strided<[256, 1], offset: ?>>, vector<64xbf16>
        %q = arith.divf %v, %m : vector<64xbf16>
        %out = memref.subview %y[%i, 0] [16, 256] [1, 1]
            : memref<64x256xbf16> to memref<16x256xbf16, strided<[256, 1], offset: ?>>
        vector.transfer_write %q, %out[%r, %c] {in_bounds = [true]}
            : vector<64xbf16>, memref<16x256xbf16, strided<[256, 1], offset: ?>>
      }
    }
    scf.reduce
  }
  return
}

// -----

// A tile read once streams from memory, which the hardware prefetchers
// follow: no prefetch.
// CHECK-LABEL: func.func @one_sweep
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @one_sweep(%x: memref<64x256xf32>, %y: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %pad = ub.poison : f32
  scf.parallel (%i) = (%c0) to (%c64) step (%c16) {
    %tile = memref.subview %x[%i, 0] [16, 256] [1, 1]
        : memref<64x256xf32> to memref<16x256xf32, strided<[256, 1], offset: ?>>
    scf.for %r = %c0 to %c16 step %c1 {
      %v = vector.transfer_read %tile[%r, %c0], %pad {in_bounds = [true]}
          : memref<16x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      vector.transfer_write %v, %y[%r, %c0] {in_bounds = [true]}
          : vector<16xf32>, memref<64x256xf32>
    }
    scf.reduce
  }
  return
}

// -----

// A 2-D loop of tiles: the next tile is along the innermost dimension, whose
// step is 32 columns here, computed through the tile offset's affine map.
// One 16-byte read is one prefetch.
// CHECK-LABEL: func.func @two_dims
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) =
// CHECK: %[[COL:.*]] = affine.apply #{{.*}}(%[[J]])
// CHECK: %[[FOLLOWING:.*]] = arith.addi %[[J]], %{{.*}}
// CHECK: %[[NEXT:.*]] = arith.select %{{.*}}, %[[FOLLOWING]], %[[J]]
// CHECK: %[[NEXT_COL:.*]] = affine.apply #{{.*}}(%[[NEXT]])
// CHECK: memref.subview %{{.*}}[%[[I]], %[[COL]]] [8, 64]
// CHECK: %[[NEXT_TILE:.*]] = memref.subview %{{.*}}[%[[I]], %[[NEXT_COL]]] [8, 64]
// CHECK: scf.for
// CHECK-NOT: memref.prefetch
// CHECK: scf.for
// CHECK-COUNT-1: memref.prefetch %[[NEXT_TILE]]
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @two_dims(%x: memref<64x256xf32>, %s: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %pad = ub.poison : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c64, %c128) step (%c8, %c32) {
    %col = affine.apply affine_map<(d0) -> (d0 * 2)>(%j)
    %tile = memref.subview %x[%i, %col] [8, 64] [1, 1]
        : memref<64x256xf32> to memref<8x64xf32, strided<[256, 1], offset: ?>>
    scf.for %r = %c0 to %c8 step %c1 {
      %v = vector.transfer_read %tile[%r, %c0], %pad {in_bounds = [true]}
          : memref<8x64xf32, strided<[256, 1], offset: ?>>, vector<4xf32>
      vector.transfer_write %v, %s[%r, %c0] {in_bounds = [true]}
          : vector<4xf32>, memref<64x256xf32>
    }
    scf.for %r = %c0 to %c8 step %c1 {
      %v = vector.transfer_read %tile[%r, %c0], %pad {in_bounds = [true]}
          : memref<8x64xf32, strided<[256, 1], offset: ?>>, vector<4xf32>
      vector.transfer_write %v, %s[%r, %c1] {in_bounds = [true]}
          : vector<4xf32>, memref<64x256xf32>
    }
    scf.reduce
  }
  return
}

// -----

// Left alone: a tile view of dynamic shape (the next tile may be smaller),
// reads that may run out of bounds, and a view that does not move with the
// innermost induction variable.
// CHECK-LABEL: func.func @not_tiles
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @not_tiles(%x: memref<64x256xf32>, %y: memref<64x256xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %pad = ub.poison : f32
  scf.parallel (%i) = (%c0) to (%c64) step (%c16) {
    %rows = affine.min affine_map<(d0)[s0] -> (16, s0 - d0)>(%i)[%n]
    %dynamic = memref.subview %x[%i, 0] [%rows, 256] [1, 1]
        : memref<64x256xf32> to memref<?x256xf32, strided<[256, 1], offset: ?>>
    %fixed = memref.subview %y[0, 0] [16, 256] [1, 1]
        : memref<64x256xf32> to memref<16x256xf32, strided<[256, 1]>>
    %moving = memref.subview %y[%i, 0] [16, 256] [1, 1]
        : memref<64x256xf32> to memref<16x256xf32, strided<[256, 1], offset: ?>>
    scf.for %r = %c0 to %c16 step %c1 {
      %a = vector.transfer_read %dynamic[%r, %c0], %pad {in_bounds = [true]}
          : memref<?x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %b = vector.transfer_read %fixed[%r, %c0], %pad {in_bounds = [true]}
          : memref<16x256xf32, strided<[256, 1]>>, vector<16xf32>
      %c = vector.transfer_read %moving[%r, %c0], %pad
          : memref<16x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %s = arith.addf %a, %b : vector<16xf32>
      %t = arith.addf %s, %c : vector<16xf32>
      vector.transfer_write %t, %y[%r, %c0] {in_bounds = [true]}
          : vector<16xf32>, memref<64x256xf32>
    }
    scf.for %r = %c0 to %c16 step %c1 {
      %a = vector.transfer_read %dynamic[%r, %c0], %pad {in_bounds = [true]}
          : memref<?x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %b = vector.transfer_read %fixed[%r, %c0], %pad {in_bounds = [true]}
          : memref<16x256xf32, strided<[256, 1]>>, vector<16xf32>
      %c = vector.transfer_read %moving[%r, %c0], %pad
          : memref<16x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %s = arith.addf %a, %b : vector<16xf32>
      %t = arith.addf %s, %c : vector<16xf32>
      vector.transfer_write %t, %y[%r, %c1] {in_bounds = [true]}
          : vector<16xf32>, memref<64x256xf32>
    }
    scf.reduce
  }
  return
}
