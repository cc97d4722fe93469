// RUN: quant-dyn-opt %s -convert-to-llvm -split-input-file | FileCheck %s

// quant_dyn.storage_cast on memrefs becomes a new descriptor over the same
// pointers (through the dialect's ConvertToLLVMPatternInterface, which
// convert-to-llvm picks up). Packed f4 -> bytes halves the offset, the
// innermost size and the outer strides; the innermost stride stays 1.
// CHECK-LABEL: llvm.func @to_bytes
// CHECK: %[[SRC:.*]] = llvm.insertvalue %{{.*}}[4, 1]
// CHECK: %[[DST:.*]] = llvm.mlir.poison
// CHECK: %[[ALLOC:.*]] = llvm.extractvalue %[[SRC]][0]
// CHECK: %[[D0:.*]] = llvm.insertvalue %[[ALLOC]], %[[DST]][0]
// CHECK: %[[ALIGNED:.*]] = llvm.extractvalue %[[SRC]][1]
// CHECK: %[[D1:.*]] = llvm.insertvalue %[[ALIGNED]], %[[D0]][1]
// CHECK: %[[OFF:.*]] = llvm.extractvalue %[[SRC]][2]
// CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : index) : i64
// CHECK: %[[HOFF:.*]] = llvm.lshr %[[OFF]], %[[ONE]] : i64
// CHECK: %[[D2:.*]] = llvm.insertvalue %[[HOFF]], %[[D1]][2]
// CHECK: %[[SIZE0:.*]] = llvm.extractvalue %[[SRC]][3, 0]
// CHECK: %[[STRIDE0:.*]] = llvm.extractvalue %[[SRC]][4, 0]
// CHECK: %[[D3:.*]] = llvm.insertvalue %[[SIZE0]], %[[D2]][3, 0]
// CHECK: %[[HSTRIDE0:.*]] = llvm.lshr %[[STRIDE0]], %{{.*}} : i64
// CHECK: %[[D4:.*]] = llvm.insertvalue %[[HSTRIDE0]], %[[D3]][4, 0]
// CHECK: %[[SIZE1:.*]] = llvm.extractvalue %[[SRC]][3, 1]
// CHECK: %[[STRIDE1:.*]] = llvm.extractvalue %[[SRC]][4, 1]
// CHECK: %[[HSIZE1:.*]] = llvm.lshr %[[SIZE1]], %{{.*}} : i64
// CHECK: %[[D5:.*]] = llvm.insertvalue %[[HSIZE1]], %[[D4]][3, 1]
// CHECK: %[[D6:.*]] = llvm.insertvalue %[[STRIDE1]], %[[D5]][4, 1]
// CHECK: llvm.return %[[D6]]
func.func @to_bytes(%m: memref<4x16xf4E2M1FN>) -> memref<4x8xi8> {
  %b = quant_dyn.storage_cast %m : memref<4x16xf4E2M1FN> to memref<4x8xi8>
  return %b : memref<4x8xi8>
}

// -----

// Bytes -> packed f4 doubles the same fields (dynamic sizes included).
// CHECK-LABEL: llvm.func @to_nibbles
// CHECK: %[[SRC:.*]] = llvm.insertvalue %{{.*}}[4, 1]
// CHECK: %[[OFF:.*]] = llvm.extractvalue %[[SRC]][2]
// CHECK: llvm.shl %[[OFF]], %{{.*}} : i64
// CHECK: %[[SIZE0:.*]] = llvm.extractvalue %[[SRC]][3, 0]
// CHECK: %[[STRIDE0:.*]] = llvm.extractvalue %[[SRC]][4, 0]
// CHECK: llvm.insertvalue %[[SIZE0]], %{{.*}}[3, 0]
// CHECK: llvm.shl %[[STRIDE0]], %{{.*}} : i64
// CHECK: %[[SIZE1:.*]] = llvm.extractvalue %[[SRC]][3, 1]
// CHECK: %[[STRIDE1:.*]] = llvm.extractvalue %[[SRC]][4, 1]
// CHECK: llvm.shl %[[SIZE1]], %{{.*}} : i64
// CHECK: %[[D:.*]] = llvm.insertvalue %[[STRIDE1]], %{{.*}}[4, 1]
// CHECK: llvm.return %[[D]]
func.func @to_nibbles(%m: memref<?x8xi8>) -> memref<?x16xf4E2M1FN> {
  %n = quant_dyn.storage_cast %m : memref<?x8xi8> to memref<?x16xf4E2M1FN>
  return %n : memref<?x16xf4E2M1FN>
}

// -----

// Casts between element types of one width copy the descriptor.
// CHECK-LABEL: llvm.func @same_width
// CHECK-NOT: llvm.lshr
// CHECK-NOT: llvm.shl
// CHECK-NOT: quant_dyn.storage_cast
// CHECK: llvm.return
func.func @same_width(%m: memref<4x8xsi8>) -> memref<4x8xi8> {
  %b = quant_dyn.storage_cast %m : memref<4x8xsi8> to memref<4x8xi8>
  return %b : memref<4x8xi8>
}
