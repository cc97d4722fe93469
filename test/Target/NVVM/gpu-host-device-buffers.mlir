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
