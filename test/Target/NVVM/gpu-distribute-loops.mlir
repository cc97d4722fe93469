// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-distribute-loops{threads-per-block=128}))" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: not quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-distribute-loops{threads-per-block=-1}))" -split-input-file 2>&1 | FileCheck %s --check-prefix=BADTPB
// BADTPB: error: threads-per-block must be in [1, 1024], got -1
// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-distribute-loops{threads-per-block=128 unroll-budget=0}))" -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=SPLIT

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

// -----

// A block amax (integer max of magnitude bits) over few big blocks is split:
// every thread reads 8 consecutive elements (one 128-bit load) of 16 rows
// (row c * 16 + t of its column of threads), starts from the output's value
// and merges its partial with an atomic max. 2 x 16 x 64 = 2048 threads.
// SPLIT-LABEL: func.func @split_amax
// SPLIT-DAG: %[[C16:.*]] = arith.constant 16 : index
// SPLIT-DAG: %[[C8:.*]] = arith.constant 8 : index
// SPLIT: scf.parallel
// SPLIT: scf.parallel
// SPLIT: %[[START:.*]] = memref.load %[[OUT:.*]][
// SPLIT: %[[P:.*]] = scf.for %[[C:.*]] = %{{.*}} to %[[C16]] step %{{.*}} iter_args(%[[ACC:.*]] = %[[START]])
// SPLIT: arith.muli %[[C]], %[[C16]]
// SPLIT-NOT: scf.if
// SPLIT: scf.for {{.*}} to %[[C8]]
// SPLIT: memref.load %{{.*}} : memref<2x256x1x512xbf16>
// SPLIT: arith.maxui
// SPLIT: memref.atomic_rmw maxu %[[P]], %[[OUT]]
func.func @split_amax(%x: memref<2x256x1x512xbf16>, %out: memref<2x1xi32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d2)>], iterator_types = ["parallel", "reduction", "parallel", "reduction"]} ins(%x : memref<2x256x1x512xbf16>) outs(%out : memref<2x1xi32>) {
  ^bb0(%in: bf16, %acc: i32):
    %b = arith.bitcast %in : bf16 to i16
    %e = arith.extui %b : i16 to i32
    %m = arith.maxui %acc, %e : i32
    linalg.yield %m : i32
  }
  return
}

// -----

// A rank-0 fill and a float max reduction (no exact float atomic): one
// thread each, the reduction's loops sequential in order; both are kernels.
// SPLIT-LABEL: func.func @scalar_code
// SPLIT: scf.parallel
// SPLIT: scf.parallel
// SPLIT: memref.store %{{.*}}, %[[INIT:.*]][] : memref<f32>
// SPLIT: scf.parallel
// SPLIT: scf.parallel
// SPLIT: %[[A:.*]] = memref.load %[[INIT]][] : memref<f32>
// SPLIT: scf.for {{.*}} iter_args(%{{.*}} = %[[A]])
// SPLIT: scf.for
// SPLIT: arith.maximumf
// SPLIT-NOT: atomic
// SPLIT: memref.store %{{.*}}, %[[INIT]][] : memref<f32>
func.func @scalar_code(%x: memref<4x8xf32>, %out: memref<f32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%out : memref<f32>)
  linalg.reduce ins(%x : memref<4x8xf32>) outs(%out : memref<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    }
  return
}
