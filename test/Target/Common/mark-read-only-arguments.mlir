// RUN: quant-dyn-opt %s -split-input-file \
// RUN:   -pass-pipeline='builtin.module(func.func(quant-dyn-mark-read-only-arguments))' \
// RUN:   | FileCheck %s

// Read through linalg ins and memref.copy's source; written as outs / target.
// CHECK-LABEL: func.func @copy(
// CHECK-SAME: quant_dyn.read_only_arguments = array<i64: 0, 2>
func.func @copy(%x: memref<64xf32>, %y: memref<64xf32>, %z: memref<64xf32>,
                %w: memref<64xf32>) {
  linalg.copy ins(%x : memref<64xf32>) outs(%y : memref<64xf32>)
  memref.copy %z, %w : memref<64xf32> to memref<64xf32>
  return
}

// -----

// Reads through views (subview, expand_shape, cast, reinterpret_cast) and
// inside loops stay reads; a store through a view is a write of the argument.
// CHECK-LABEL: func.func @views(
// CHECK-SAME: quant_dyn.read_only_arguments = array<i64: 0>
func.func @views(%x: memref<8x16xf32>, %y: memref<8x16xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f0 = arith.constant 0.0 : f32
  %e = memref.expand_shape %x [[0], [1, 2]] output_shape [8, 4, 4]
      : memref<8x16xf32> into memref<8x4x4xf32>
  %c = memref.cast %e : memref<8x4x4xf32> to memref<?x4x4xf32>
  %r = memref.reinterpret_cast %x to offset: [0], sizes: [128], strides: [1]
      : memref<8x16xf32> to memref<128xf32>
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %f0) -> f32 {
    %a = memref.load %c[%i, %c0, %c1] : memref<?x4x4xf32>
    %v = vector.transfer_read %r[%i], %f0 : memref<128xf32>, vector<4xf32>
    %b = vector.reduction <add>, %v : vector<4xf32> into f32
    %ab = arith.addf %a, %b : f32
    %d = memref.dim %x, %c0 : memref<8x16xf32>
    %sum = arith.addf %acc, %ab : f32
    scf.yield %sum : f32
  }
  %sub = memref.subview %y[0, 4] [8, 4] [1, 1]
      : memref<8x16xf32> to memref<8x4xf32, strided<[16, 1], offset: 4>>
  memref.store %s, %sub[%c0, %c0] : memref<8x4xf32, strided<[16, 1], offset: 4>>
  return %s : f32
}

// -----

// Writes inside a parallel loop, through a vector transfer and by a fill.
// CHECK-LABEL: func.func @writes(
// CHECK-SAME: quant_dyn.read_only_arguments = array<i64>
func.func @writes(%x: memref<64xf32>, %y: memref<64xf32>, %v: vector<16xf32>) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %f = arith.constant 1.0 : f32
  scf.parallel (%i) = (%c0) to (%c64) step (%c16) {
    vector.transfer_write %v, %x[%i] : vector<16xf32>, memref<64xf32>
    scf.reduce
  }
  linalg.fill ins(%f : f32) outs(%y : memref<64xf32>)
  return
}

// -----

// A memref passed on where the walk cannot follow it counts as written: to a
// call, through arith.select, out of an scf.if, into a loop's iter_args.
// Returning one is not a write.
func.func private @consume(memref<4xf32>)

// CHECK-LABEL: func.func @escapes(
// CHECK-SAME: quant_dyn.read_only_arguments = array<i64: 4>
func.func @escapes(%a: memref<4xf32>, %b: memref<4xf32>, %c: memref<4xf32>,
                   %d: memref<4xf32>, %e: memref<4xf32>, %p: i1)
    -> (memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  func.call @consume(%a) : (memref<4xf32>) -> ()
  %s = arith.select %p, %b, %b : memref<4xf32>
  %i = scf.if %p -> memref<4xf32> {
    scf.yield %c : memref<4xf32>
  } else {
    scf.yield %c : memref<4xf32>
  }
  %l = scf.for %k = %c0 to %c1 step %c1 iter_args(%m = %d) -> memref<4xf32> {
    scf.yield %m : memref<4xf32>
  }
  return %s, %i, %l, %e : memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>
}

// -----

// Only memref arguments are listed; declarations get no attribute.
// CHECK-LABEL: func.func private @declared(
// CHECK-NOT: quant_dyn.read_only_arguments
// CHECK-LABEL: func.func @scalars(
// CHECK-SAME: quant_dyn.read_only_arguments = array<i64: 1>
func.func private @declared(memref<4xf32>)
func.func @scalars(%n: index, %x: memref<4xf32>) -> f32 {
  %v = memref.load %x[%n] : memref<4xf32>
  return %v : f32
}
