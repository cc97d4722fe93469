//===- BufferRoots.cpp - Where a memref's memory comes from ---------------===//
//
// Shared by quant-dyn-gpu-host-device-buffers and
// quant-dyn-gpu-kernel-arg-attributes.
//
//===----------------------------------------------------------------------===//

#include "BufferRoots.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::quant_dyn;

void mlir::quant_dyn::collectBufferRoots(Value value,
                                         SmallVectorImpl<Value> &roots,
                                         DenseSet<Value> &seen) {
  if (!seen.insert(value).second)
    return;
  Operation *def = value.getDefiningOp();
  if (!def) {
    roots.push_back(value);
    return;
  }
  if (auto view = dyn_cast<ViewLikeOpInterface>(def)) {
    collectBufferRoots(view.getViewSource(), roots, seen);
    return;
  }
  if (auto cast = dyn_cast<StorageCastOp>(def)) {
    collectBufferRoots(cast.getSource(), roots, seen);
    return;
  }
  if (auto ifOp = dyn_cast<scf::IfOp>(def)) {
    unsigned index = cast<OpResult>(value).getResultNumber();
    for (Region *region : {&ifOp.getThenRegion(), &ifOp.getElseRegion()})
      if (!region->empty())
        collectBufferRoots(cast<scf::YieldOp>(region->front().getTerminator())
                               .getOperand(index),
                           roots, seen);
    return;
  }
  roots.push_back(value);
}

BufferRootKind mlir::quant_dyn::classifyBufferRoots(Value value,
                                                    bool hostBuffers) {
  SmallVector<Value> roots;
  DenseSet<Value> seen;
  collectBufferRoots(value, roots, seen);
  bool anyHost = false, anyDevice = false;
  for (Value root : roots) {
    if (isa<BlockArgument>(root) &&
        isa<func::FuncOp>(root.getParentRegion()->getParentOp())) {
      (hostBuffers ? anyHost : anyDevice) = true;
    } else if (root.getDefiningOp<gpu::AllocOp>()) {
      anyDevice = true;
    } else if (root.getDefiningOp<memref::AllocOp>() ||
               root.getDefiningOp<memref::AllocaOp>()) {
      anyHost = true; // left on the host: no kernel reaches it
    } else {
      return BufferRootKind::Unknown;
    }
  }
  if (anyHost == anyDevice)
    return BufferRootKind::Unknown;
  return anyHost ? BufferRootKind::Host : BufferRootKind::Device;
}
