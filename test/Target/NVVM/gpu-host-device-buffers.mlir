// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-host-device-buffers))" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-host-device-buffers{host-buffers=false}))" -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=DEVICE

// The argument a kernel reads is copied to a device buffer, the scalar the
// kernel needs is loaded inside the kernel (never on the host), the result
// is allocated on the device and copied back into a new host buffer, then
// every device buffer is freed.
// CHECK-LABEL: func.func @scale
// CHECK-SAME: (%[[X:.*]]: memref<64xf32>, %[[S:.*]]: memref<f32>)
// CHECK-DAG: %[[DS:.*]] = gpu.alloc () : memref<f32>
// CHECK-DAG: gpu.memcpy %[[DS]], %[[S]]
// CHECK-DAG: %[[DX:.*]] = gpu.alloc () : memref<64xf32>
// CHECK-DAG: gpu.memcpy %[[DX]], %[[X]]
// CHECK: %[[OUT:.*]] = gpu.alloc () : memref<64xf32>
// CHECK: gpu.launch
// CHECK: memref.load %[[DS]][]
// CHECK: memref.load %[[DX]]
// CHECK: memref.store {{.*}}, %[[OUT]]
// CHECK: gpu.terminator
// CHECK: %[[HOST:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
// CHECK: gpu.memcpy %[[HOST]], %[[OUT]]
// CHECK: scf.if
// CHECK-NEXT: gpu.dealloc %[[OUT]]
// CHECK-DAG: gpu.dealloc %[[DX]]
// CHECK-DAG: gpu.dealloc %[[DS]]
// CHECK: return %[[HOST]]

// DEVICE-LABEL: func.func @scale
// DEVICE-SAME: (%[[X:.*]]: memref<64xf32>, %[[S:.*]]: memref<f32>)
// DEVICE-NOT: gpu.memcpy
// DEVICE: %[[OUT:.*]] = gpu.alloc () : memref<64xf32>
// DEVICE: gpu.launch
// DEVICE: memref.load %[[S]][]
// DEVICE: return %[[OUT]]
func.func @scale(%x: memref<64xf32>, %s: memref<f32>) -> memref<64xf32> {
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %scale = memref.load %s[] : memref<f32>
  %out = memref.alloc() : memref<64xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
    %v = memref.load %x[%tx] : memref<64xf32>
    %p = arith.mulf %v, %scale : f32
    memref.store %p, %out[%tx] : memref<64xf32>
    gpu.terminator
  }
  return %out : memref<64xf32>
}

// -----

// Packed f4 crosses as bytes: the copies and allocations use an i8 view
// with half the innermost extent.
// CHECK-LABEL: func.func @packed
// CHECK: %[[BYTES:.*]] = gpu.alloc () : memref<4x16xi8>
// CHECK: %[[DEV:.*]] = quant_dyn.storage_cast %[[BYTES]] : memref<4x16xi8> to memref<4x32xf4E2M1FN>
// CHECK: %[[ARGBYTES:.*]] = quant_dyn.storage_cast %arg0 : memref<4x32xf4E2M1FN> to memref<4x16xi8>
// CHECK: %[[DEVBYTES:.*]] = quant_dyn.storage_cast %[[DEV]] : memref<4x32xf4E2M1FN> to memref<4x16xi8>
// CHECK: gpu.memcpy %[[DEVBYTES]], %[[ARGBYTES]] : memref<4x16xi8>, memref<4x16xi8>
// CHECK: gpu.launch
// CHECK: quant_dyn.storage_cast %[[DEV]] : memref<4x32xf4E2M1FN> to memref<4x16xi8>
func.func @packed(%q: memref<4x32xf4E2M1FN>) -> memref<4x16xi8> {
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %bytes = quant_dyn.storage_cast %q : memref<4x32xf4E2M1FN> to memref<4x16xi8>
  %out = memref.alloc() : memref<4x16xi8>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
    %c0 = arith.constant 0 : index
    %v = memref.load %bytes[%tx, %c0] : memref<4x16xi8>
    memref.store %v, %out[%tx, %c0] : memref<4x16xi8>
    gpu.terminator
  }
  return %out : memref<4x16xi8>
}

// -----

// Host code reading what a kernel wrote reads a host copy: a one-thread
// kernel stores the element into a device scalar, which is copied back.
// CHECK-LABEL: func.func @host_reads_device
// CHECK: gpu.launch
// CHECK: memref.store %{{.*}}, %[[OUT:.*]][
// CHECK: %[[STAGE:.*]] = gpu.alloc () : memref<f32>
// CHECK: gpu.launch
// CHECK: %[[V:.*]] = memref.load %[[OUT]][
// CHECK: memref.store %[[V]], %[[STAGE]][]
// CHECK: %[[HOST:.*]] = memref.alloca() : memref<f32>
// CHECK: gpu.memcpy %[[HOST]], %[[STAGE]]
// CHECK: %[[R:.*]] = memref.load %[[HOST]][]
// CHECK: gpu.dealloc %[[STAGE]]
// CHECK: return %[[R]]
func.func @host_reads_device(%x: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %out = memref.alloc() : memref<4xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
    %v = memref.load %x[%tx] : memref<4xf32>
    memref.store %v, %out[%tx] : memref<4xf32>
    gpu.terminator
  }
  %r = arith.constant 0 : index
  %first = memref.load %out[%r] : memref<4xf32>
  memref.dealloc %out : memref<4xf32>
  return %first : f32
}

// -----

// A scalar stored on the host into a buffer that a kernel reads (the
// tensor.from_elements of a computed scale) is stored by a one-thread
// kernel, since the buffer lives on the device; a buffer only host code
// uses (buffer deallocation's ownership bookkeeping) stays on the host.
// CHECK-LABEL: func.func @host_scalar
// CHECK: %[[S:.*]] = gpu.alloc () : memref<1xf32>
// CHECK: %[[ONE:.*]] = arith.constant 1 : index
// CHECK: gpu.launch {{.*}} in (%{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]]) threads({{.*}}) in (%{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]])
// CHECK: memref.store %{{.*}}, %[[S]]
// CHECK: gpu.terminator
// CHECK: gpu.launch
// CHECK: memref.load %[[S]]
// CHECK: %[[BOOK:.*]] = memref.alloc() : memref<2xindex>
// CHECK: memref.store %{{.*}}, %[[BOOK]]
// CHECK: memref.dealloc %[[BOOK]]
// CHECK: gpu.dealloc %[[S]]
func.func @host_scalar(%x: memref<64xf32>, %v: f32, %i: index) -> memref<64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %s = memref.alloc() : memref<1xf32>
  memref.store %v, %s[%c0] : memref<1xf32>
  %out = memref.alloc() : memref<64xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
    %a = memref.load %x[%tx] : memref<64xf32>
    %b = memref.load %s[%c0] : memref<1xf32>
    %p = arith.mulf %a, %b : f32
    memref.store %p, %out[%tx] : memref<64xf32>
    gpu.terminator
  }
  %book = memref.alloc() : memref<2xindex>
  memref.store %i, %book[%c0] : memref<2xindex>
  memref.dealloc %book : memref<2xindex>
  memref.dealloc %s : memref<1xf32>
  return %out : memref<64xf32>
}

// -----

// A function with both static- and dynamic-shape buffers: buffer
// deallocation's generic lowering collects the buffers' pointers and
// ownership flags in host lists, stored by host code and read by a helper,
// and frees each buffer under a flag. The lists stay host memory (their
// stores stay host code); the kernel buffers become device memory and are
// freed with gpu.dealloc under the same flags.
// CHECK-LABEL: func.func @ownership_lists
// CHECK: gpu.memcpy
// CHECK: %[[A:.*]] = gpu.alloc () : memref<64xf32>
// CHECK: %[[T:.*]] = gpu.alloc () : memref<64xf32>
// CHECK: scf.if
// CHECK: gpu.alloc (%{{.*}}) : memref<?xf32>
// CHECK: gpu.alloc (%{{.*}}) : memref<?xf32>
// CHECK: gpu.launch
// CHECK: gpu.terminator
// CHECK: %[[PTRS:.*]] = memref.alloc() : memref<2xindex>
// CHECK: %[[FLAGS:.*]] = memref.alloc() : memref<2xi1>
// CHECK-NOT: gpu.launch
// CHECK: memref.store %{{.*}}, %[[PTRS]][%{{.*}}] : memref<2xindex>
// CHECK: memref.store %{{.*}}, %[[PTRS]][%{{.*}}] : memref<2xindex>
// CHECK: memref.store %{{.*}}, %[[FLAGS]][%{{.*}}] : memref<2xi1>
// CHECK: %[[FREE:.*]] = memref.alloc() : memref<2xi1>
// CHECK: call @helper
// CHECK: %[[F0:.*]] = memref.load %[[FREE]]
// CHECK: scf.if %[[F0]] {
// CHECK-NEXT: gpu.dealloc %[[T]] : memref<64xf32>
// CHECK: memref.dealloc %[[PTRS]] : memref<2xindex>
// CHECK: memref.dealloc %[[FLAGS]] : memref<2xi1>
// CHECK: memref.dealloc %[[FREE]] : memref<2xi1>
// CHECK: gpu.memcpy %{{.*}}, %[[A]]
func.func private @helper(memref<?xindex>, memref<?xi1>, memref<?xi1>)
func.func @ownership_lists(%x: memref<64xf32>, %n: index, %big: i1)
    -> (memref<64xf32>, memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %true = arith.constant true
  %a = memref.alloc() : memref<64xf32>
  %t = memref.alloc() : memref<64xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
    %v = memref.load %x[%tx] : memref<64xf32>
    memref.store %v, %t[%tx] : memref<64xf32>
    memref.store %v, %a[%tx] : memref<64xf32>
    gpu.terminator
  }
  %d, %owned = scf.if %big -> (memref<?xf32>, i1) {
    %m = memref.alloc(%n) : memref<?xf32>
    scf.yield %m, %true : memref<?xf32>, i1
  } else {
    %m = memref.alloc(%c64) : memref<?xf32>
    scf.yield %m, %true : memref<?xf32>, i1
  }
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
    %v = memref.load %t[%tx] : memref<64xf32>
    memref.store %v, %d[%tx] : memref<?xf32>
    gpu.terminator
  }
  %ptrs = memref.alloc() : memref<2xindex>
  %flags = memref.alloc() : memref<2xi1>
  %pt = memref.extract_aligned_pointer_as_index %t : memref<64xf32> -> index
  %pd = memref.extract_aligned_pointer_as_index %d : memref<?xf32> -> index
  memref.store %pt, %ptrs[%c0] : memref<2xindex>
  memref.store %pd, %ptrs[%c1] : memref<2xindex>
  memref.store %owned, %flags[%c0] : memref<2xi1>
  %ptrsDyn = memref.cast %ptrs : memref<2xindex> to memref<?xindex>
  %flagsDyn = memref.cast %flags : memref<2xi1> to memref<?xi1>
  %free = memref.alloc() : memref<2xi1>
  %freeDyn = memref.cast %free : memref<2xi1> to memref<?xi1>
  call @helper(%ptrsDyn, %flagsDyn, %freeDyn)
      : (memref<?xindex>, memref<?xi1>, memref<?xi1>) -> ()
  %f0 = memref.load %free[%c0] : memref<2xi1>
  scf.if %f0 {
    memref.dealloc %t : memref<64xf32>
  }
  memref.dealloc %ptrs : memref<2xindex>
  memref.dealloc %flags : memref<2xi1>
  memref.dealloc %free : memref<2xi1>
  return %a, %d : memref<64xf32>, memref<?xf32>
}

// -----

// One device result returned twice: both host copies are made before its
// device memory is freed (freeing it after the first copy made the second
// read freed memory), and it is freed once (the second free is guarded by
// comparing its pointer with the first's).
// CHECK-LABEL: func.func @returned_twice
// CHECK: %[[OUT:.*]] = gpu.alloc () : memref<64xf32>
// CHECK: gpu.launch
// CHECK: %[[H0:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
// CHECK-NEXT: gpu.memcpy %[[H0]], %[[OUT]]
// CHECK-NOT: gpu.dealloc
// CHECK: %[[H1:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
// CHECK-NEXT: gpu.memcpy %[[H1]], %[[OUT]]
// CHECK: gpu.dealloc %[[OUT]]
// CHECK: %[[P1:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK: %[[P2:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK: arith.cmpi ne, %[[P1]], %[[P2]]
// CHECK: return %[[H0]], %[[H1]]
func.func @returned_twice(%x: memref<64xf32>) -> (memref<64xf32>, memref<64xf32>) {
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %out = memref.alloc() : memref<64xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
    %v = memref.load %x[%tx] : memref<64xf32>
    memref.store %v, %out[%tx] : memref<64xf32>
    gpu.terminator
  }
  return %out, %out : memref<64xf32>, memref<64xf32>
}
