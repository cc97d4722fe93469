// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-host-device-buffers))" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: quant-dyn-opt %s --pass-pipeline="builtin.module(func.func(quant-dyn-gpu-host-device-buffers{host-buffers=false}))" -split-input-file | FileCheck %s --check-prefix=DEVICE

// The out-params ABI with host buffers: the output (marked quant_dyn.output
// by quant-dyn-results-to-out-params) gets a device buffer in the extent
// check's success branch, without a copy in (the result covers it); the
// kernel writes it; it is copied back into the caller's host output right
// after the kernel and freed. The failure branch copies nothing. The input
// is copied in at entry as usual and freed before the return.
// CHECK-LABEL: func.func @checked(
// CHECK-SAME:    %[[X:[^:]*]]: memref<64xf32>, %[[OUT:[^:]*]]: memref<?xf32> {quant_dyn.output})
// CHECK:         %[[DX:.*]] = gpu.alloc () : memref<64xf32>
// CHECK-NEXT:    gpu.memcpy %[[DX]], %[[X]]
// CHECK-NOT:     gpu.memcpy
// CHECK:         scf.if
// CHECK:           %[[N:.*]] = memref.dim %[[OUT]], %{{.*}} : memref<?xf32>
// CHECK-NEXT:      %[[DOUT:.*]] = gpu.alloc (%[[N]]) : memref<?xf32>
// CHECK-NOT:       gpu.memcpy
// CHECK:           gpu.launch
// CHECK:             memref.load %[[DX]]
// CHECK:             memref.store %{{.*}}, %[[DOUT]]
// CHECK:             gpu.terminator
// CHECK:           }
// CHECK-NEXT:      gpu.memcpy %[[OUT]], %[[DOUT]] : memref<?xf32>, memref<?xf32>
// CHECK-NEXT:      gpu.dealloc %[[DOUT]] : memref<?xf32>
// CHECK-NEXT:    } else {
// CHECK-NOT:       gpu.
// CHECK:           func.call @report
// CHECK-NOT:       gpu.
// CHECK:         }
// CHECK-NEXT:    gpu.dealloc %[[DX]]
// CHECK-NEXT:    return

// Device buffers: the output is device memory already; no copy at all.
// DEVICE-LABEL: func.func @checked(
// DEVICE-NOT:   gpu.memcpy
// DEVICE-NOT:   gpu.alloc
// DEVICE:       memref.store %{{.*}}, %arg1
// DEVICE-NOT:   gpu.memcpy
// DEVICE:       return
func.func private @report()
func.func @checked(%x: memref<64xf32>, %out: memref<?xf32> {quant_dyn.output}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %n = memref.dim %out, %c0 : memref<?xf32>
  %ok = arith.cmpi eq, %n, %c64 : index
  scf.if %ok {
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
               threads(%tx, %ty, %tz) in (%sx = %c64, %sy = %c1, %sz = %c1) {
      %v = memref.load %x[%tx] : memref<64xf32>
      %p = arith.addf %v, %v : f32
      memref.store %p, %out[%tx] : memref<?xf32>
      gpu.terminator
    }
  } else {
    func.call @report() : () -> ()
  }
  return
}

// -----

// Kernels in two branches of a check inside the success branch, and one in
// a host loop: one device buffer and one copy back per call, after the last
// of them, in the innermost block (of the function or an scf.if) that holds
// them all. A host store into the output runs as a one-thread kernel, so it
// writes the device buffer too.
// CHECK-LABEL: func.func @spread(
// CHECK-SAME:    %[[OUT:[^:]*]]: memref<8xf32> {quant_dyn.output}
// CHECK:         scf.if
// CHECK-NEXT:      %[[DOUT:.*]] = gpu.alloc () : memref<8xf32>
// CHECK-NEXT:      scf.if
// CHECK:             gpu.launch
// CHECK:               memref.store %{{.*}}, %[[DOUT]]
// CHECK:           } else {
// CHECK:             gpu.launch
// CHECK:               memref.store %{{.*}}, %[[DOUT]]
// CHECK:               gpu.terminator
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.for
// CHECK:             gpu.launch
// CHECK:               memref.store %{{.*}}, %[[DOUT]]
// CHECK:               gpu.terminator
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:      arith.constant 1 : index
// CHECK-NEXT:      gpu.launch
// CHECK:             memref.store %{{.*}}, %[[DOUT]][%{{.*}}] : memref<8xf32>
// CHECK:             gpu.terminator
// CHECK-NEXT:      }
// CHECK-NEXT:      gpu.memcpy %[[OUT]], %[[DOUT]] : memref<8xf32>, memref<8xf32>
// CHECK-NEXT:      gpu.dealloc %[[DOUT]] : memref<8xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return
// With device buffers the host store into the output is a one-thread
// kernel as well (the output is device memory), and nothing is copied.
// DEVICE-LABEL: func.func @spread(
// DEVICE-NOT:   gpu.memcpy
// DEVICE:       scf.for
// DEVICE:       arith.constant 1 : index
// DEVICE-NEXT:  gpu.launch
// DEVICE:         memref.store %{{.*}}, %arg2[%{{.*}}] : memref<8xf32>
// DEVICE-NEXT:    gpu.terminator
// DEVICE-NOT:   gpu.memcpy
// DEVICE:       return
func.func @spread(%ok: i1, %which: i1, %out: memref<8xf32> {quant_dyn.output}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %one = arith.constant 1.0 : f32
  scf.if %ok {
    scf.if %which {
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
                 threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
        memref.store %one, %out[%tx] : memref<8xf32>
        gpu.terminator
      }
    } else {
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
                 threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
        %zero = arith.constant 0.0 : f32
        memref.store %zero, %out[%tx] : memref<8xf32>
        gpu.terminator
      }
    }
    scf.for %i = %c0 to %c2 step %c1 {
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
                 threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
        memref.store %one, %out[%i] : memref<8xf32>
        gpu.terminator
      }
    }
    memref.store %one, %out[%c0] : memref<8xf32>
  }
  return
}

// -----

// A kernel under a branch inside a host loop: the buffer and the copy back
// go outside the loop (one per call, kept across the iterations).
// CHECK-LABEL: func.func @looped(
// CHECK-SAME:    %[[OUT:[^:]*]]: memref<8xf32> {quant_dyn.output}
// CHECK:         %[[DOUT:.*]] = gpu.alloc () : memref<8xf32>
// CHECK-NEXT:    scf.for
// CHECK-NEXT:      scf.if
// CHECK-NEXT:        gpu.launch
// CHECK:               memref.store %{{.*}}, %[[DOUT]]
// CHECK:               gpu.terminator
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    gpu.memcpy %[[OUT]], %[[DOUT]]
// CHECK-NEXT:    gpu.dealloc %[[DOUT]]
// CHECK-NEXT:    return
func.func @looped(%which: i1, %out: memref<8xf32> {quant_dyn.output}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c8 step %c1 {
    scf.if %which {
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
                 threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
        %one = arith.constant 1.0 : f32
        memref.store %one, %out[%i] : memref<8xf32>
        gpu.terminator
      }
    }
  }
  return
}

// -----

// Packed f4 comes back as bytes; an output no kernel writes (empty) gets
// no buffer and no copy.
// CHECK-LABEL: func.func @packed(
// CHECK-SAME:    %[[OUT:[^:]*]]: memref<4x32xf4E2M1FN> {quant_dyn.output}, %[[EMPTY:.*]]: memref<0xf32> {quant_dyn.output})
// CHECK:         %[[BYTES:.*]] = gpu.alloc () : memref<4x16xi8>
// CHECK-NEXT:    %[[DOUT:.*]] = quant_dyn.storage_cast %[[BYTES]] : memref<4x16xi8> to memref<4x32xf4E2M1FN>
// CHECK:         gpu.launch
// CHECK:           quant_dyn.storage_cast %[[DOUT]]
// CHECK:         }
// CHECK-NEXT:    %[[SRC:.*]] = quant_dyn.storage_cast %[[DOUT]] : memref<4x32xf4E2M1FN> to memref<4x16xi8>
// CHECK-NEXT:    %[[DST:.*]] = quant_dyn.storage_cast %[[OUT]] : memref<4x32xf4E2M1FN> to memref<4x16xi8>
// CHECK-NEXT:    gpu.memcpy %[[DST]], %[[SRC]] : memref<4x16xi8>, memref<4x16xi8>
// CHECK-NEXT:    gpu.dealloc %[[DOUT]]
// CHECK-NOT:     gpu.
// CHECK:         return
func.func @packed(%out: memref<4x32xf4E2M1FN> {quant_dyn.output}, %empty: memref<0xf32> {quant_dyn.output}) {
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c4, %sy = %c1, %sz = %c1) {
    %c0 = arith.constant 0 : index
    %c0_i8 = arith.constant 0 : i8
    %bytes = quant_dyn.storage_cast %out : memref<4x32xf4E2M1FN> to memref<4x16xi8>
    memref.store %c0_i8, %bytes[%tx, %c0] : memref<4x16xi8>
    gpu.terminator
  }
  return
}

// -----

// The host must not read an output the kernels write on the device.
func.func @host_reads(%out: memref<8xf32> {quant_dyn.output}) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %one = arith.constant 1.0 : f32
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1)
             threads(%tx, %ty, %tz) in (%sx = %c8, %sy = %c1, %sz = %c1) {
    memref.store %one, %out[%tx] : memref<8xf32>
    gpu.terminator
  }
  // expected-error @below {{'memref.load' op in host code uses output #0 of the out-params ABI, which kernels write on the device}}
  %v = memref.load %out[%c0] : memref<8xf32>
  return %v : f32
}
