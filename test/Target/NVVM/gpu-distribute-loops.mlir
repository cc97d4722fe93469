// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-distribute-loops{threads-per-block=128}))" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: not quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-distribute-loops{threads-per-block=-1}))" -split-input-file 2>&1 | FileCheck %s --check-prefix=BADTPB
// BADTPB: error: threads-per-block must be in [1, 1024], got -1

// A 2-D block loop: linearized over 64 x 4 = 256 iterations, cut into blocks
// of 128 threads, guarded, delinearized innermost first; the per-block
// temporary becomes a per-thread alloca at the start of the thread body and
// its inner loop is unrolled.
// CHECK-LABEL: func.func @blocks
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK: scf.parallel (%[[B:.*]]) = ({{.*}}) to ({{.*}}) step
// CHECK-NEXT: scf.parallel (%[[T:.*]]) = ({{.*}}) to (%[[C128]]) step
// CHECK-NEXT: %[[A:.*]] = memref.alloca() : memref<4xf32>
// CHECK: %[[LIN:.*]] = arith.addi {{.*}}, %[[T]]
// CHECK: %[[IN:.*]] = arith.cmpi slt, %[[LIN]]
// CHECK: scf.if %[[IN]]
// CHECK: arith.remui %[[LIN]]
// CHECK: arith.divui %[[LIN]]
// CHECK-NOT: scf.for
// CHECK-COUNT-4: memref.store {{.*}}, %[[A]]
// CHECK-NOT: memref.dealloc
// CHECK: mapping = [#gpu.loop_dim_map<processor = thread_x
// CHECK: mapping = [#gpu.loop_dim_map<processor = block_x
func.func @blocks(%out: memref<64x4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %cst = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c64, %c4) step (%c1, %c1) {
    %tmp = memref.alloc() : memref<4xf32>
    scf.for %k = %c0 to %c4 step %c1 {
      memref.store %cst, %tmp[%k] : memref<4xf32>
    }
    scf.for %k = %c0 to %c4 step %c1 {
      %v = memref.load %tmp[%k] : memref<4xf32>
      memref.store %v, %out[%i, %j, %k] : memref<64x4x4xf32>
    }
    memref.dealloc %tmp : memref<4xf32>
    scf.reduce
  }
  return
}

// -----

// Top-level linalg: a parallel loop over every element, four consecutive
// elements per thread; a dynamic extent is guarded against an empty grid.
// CHECK-LABEL: func.func @elementwise
// CHECK: %[[N:.*]] = memref.dim
// CHECK: %[[NONEMPTY:.*]] = arith.cmpi sgt
// CHECK: scf.if %[[NONEMPTY]]
// CHECK: scf.parallel
// CHECK: scf.parallel
// CHECK: scf.if
// CHECK: arith.addf
// CHECK: mapping = [#gpu.loop_dim_map<processor = thread_x
func.func @elementwise(%a: memref<?xf32>, %b: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xf32>) outs(%b : memref<?xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %x : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// memref.copy becomes a kernel of its own.
// CHECK-LABEL: func.func @copy
// CHECK-NOT: memref.copy
// CHECK: scf.parallel
// CHECK: memref.load
// CHECK: memref.store
func.func @copy(%a: memref<8x8xi8>, %b: memref<8x8xi8>) {
  memref.copy %a, %b : memref<8x8xi8> to memref<8x8xi8>
  return
}

// -----

// Static inner loops only: a dynamic allocation per thread is an error.
func.func @dynamic_alloc(%n: index, %out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    // expected-error @+1 {{dynamic allocation inside a GPU kernel is not supported}}
    %tmp = memref.alloc(%n) : memref<?xf32>
    scf.reduce
  }
  return
}
