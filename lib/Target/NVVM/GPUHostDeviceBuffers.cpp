//===- GPUHostDeviceBuffers.cpp - device buffers and host copies ----------===//
//
// After convert-parallel-loops-to-gpu the kernels (gpu.launch bodies) still
// read the function's memrefs, which live in host memory. This pass gives
// them device memory: scalars the kernels need are recomputed inside each
// launch, allocations become gpu.alloc, and (in the host-buffer ABI) the
// arguments are copied to the device at entry and the results back to new
// host buffers before the return; the caller's outputs of the out-params
// ABI get device buffers that are copied back into them after the kernels
// that write them.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/NVVM/Passes.h"

#include "BufferRoots.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"
#include "quant-dyn/Target/Common/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPUHOSTDEVICEBUFFERSPASS
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

bool isInsideLaunch(Operation *op) {
  return op->getParentOfType<gpu::LaunchOp>() != nullptr;
}

//===----------------------------------------------------------------------===//
// Sinking scalars into launches
//===----------------------------------------------------------------------===//

/// Ops that are recomputed inside a kernel rather than passed to it: cheap
/// side-effect-free ops and loads (the loaded memory is an input that no
/// kernel writes; the kernel reads its device copy).
bool isSinkable(Operation *op) {
  if (op->getNumRegions() != 0 || op->hasTrait<OpTrait::IsTerminator>())
    return false;
  if (isa<memref::LoadOp>(op))
    return true;
  if (isa<memref::AllocOp, memref::AllocaOp, gpu::AllocOp>(op))
    return false;
  return isMemoryEffectFree(op);
}

/// Clones the sinkable ops that (transitively) define values used inside
/// `launch` at the start of its body. Returns the ops that were cloned.
void sinkIntoLaunch(gpu::LaunchOp launch,
                    llvm::SetVector<Operation *> &allSunk) {
  llvm::SetVector<Value> used;
  getUsedValuesDefinedAbove(launch.getBody(), used);
  llvm::SetVector<Operation *> toSink;
  SmallVector<Value> worklist(used.begin(), used.end());
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    Operation *def = value.getDefiningOp();
    if (!def || toSink.contains(def) || !isSinkable(def))
      continue;
    toSink.insert(def);
    llvm::append_range(worklist, def->getOperands());
  }
  if (toSink.empty())
    return;

  // Operands before users.
  SmallVector<Operation *> order;
  DenseSet<Operation *> visited;
  std::function<void(Operation *)> visit = [&](Operation *op) {
    if (!visited.insert(op).second)
      return;
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp(); def && toSink.contains(def))
        visit(def);
    order.push_back(op);
  };
  for (Operation *op : toSink)
    visit(op);

  OpBuilder builder = OpBuilder::atBlockBegin(&launch.getBody().front());
  IRMapping mapping;
  for (Operation *op : order)
    builder.clone(*op, mapping);
  for (Operation *op : order)
    for (Value result : op->getResults())
      replaceAllUsesInRegionWith(result, mapping.lookup(result),
                                 launch.getBody());
  allSunk.insert(order.begin(), order.end());
}

//===----------------------------------------------------------------------===//
// Memory the device reaches
//===----------------------------------------------------------------------===//

/// Whether the memory of `alloc` is used by a kernel or returned, following
/// its aliases forward (views, storage casts, casts, values yielded from
/// scf.if).
bool reachesDevice(Value alloc) {
  SmallVector<Value> worklist = {alloc};
  DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!seen.insert(value).second)
      continue;
    for (OpOperand &use : value.getUses()) {
      Operation *owner = use.getOwner();
      if (isInsideLaunch(owner) || isa<func::ReturnOp>(owner))
        return true;
      if (auto yield = dyn_cast<scf::YieldOp>(owner)) {
        if (isa<scf::IfOp>(yield->getParentOp()))
          worklist.push_back(
              yield->getParentOp()->getResult(use.getOperandNumber()));
        continue;
      }
      // Views and casts alias their source.
      if (isa<ViewLikeOpInterface, StorageCastOp>(owner) ||
          (isMemoryEffectFree(owner) && owner->getNumRegions() == 0))
        for (Value result : owner->getResults())
          if (isa<MemRefType>(result.getType()))
            worklist.push_back(result);
    }
  }
  return false;
}

/// Whether host op `op`, a user of a memref, reads at most its extents:
/// memref.dim, or views and casts whose own users do no more.
bool onlyReadsExtents(Operation *op) {
  if (isa<memref::DimOp>(op))
    return true;
  if (!isa<ViewLikeOpInterface, StorageCastOp, memref::CastOp>(op))
    return false;
  return llvm::all_of(op->getUsers(), [](Operation *user) {
    return !isInsideLaunch(user) && onlyReadsExtents(user);
  });
}

/// Moves `op` into a new gpu.launch of one block of one thread at its place.
gpu::LaunchOp wrapInSingleThreadLaunch(Operation *op) {
  OpBuilder b(op);
  Location loc = op->getLoc();
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  auto launch = gpu::LaunchOp::create(b, loc, one, one, one, one, one, one);
  Block &body = launch.getBody().front();
  b.setInsertionPointToEnd(&body);
  auto terminator = gpu::TerminatorOp::create(b, loc);
  op->moveBefore(terminator);
  return launch;
}

//===----------------------------------------------------------------------===//
// Allocation and copies
//===----------------------------------------------------------------------===//

bool isPackedF4(MemRefType type) {
  return isa<Float4E2M1FNType>(type.getElementType());
}

/// Sizes of the dynamic dims of `value` (memref.dim ops at the builder).
SmallVector<Value> dynamicSizes(OpBuilder &b, Location loc, Value value) {
  auto type = cast<MemRefType>(value.getType());
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(memref::DimOp::create(b, loc, value, d));
  return sizes;
}

/// The byte view of a packed f4 memref (innermost extent halved), so copies
/// and allocations count bytes; other memrefs are returned as they are (the
/// LLVM lowering sizes them from their element type).
Value asBytes(OpBuilder &b, Location loc, Value value) {
  auto type = cast<MemRefType>(value.getType());
  if (!isPackedF4(type))
    return value;
  auto bytesType =
      MemRefType::get(getPackedF4ByteShape(type.getShape()), b.getI8Type());
  return StorageCastOp::create(b, loc, bytesType, value);
}

/// Allocates a buffer of `type` shaped like `like` with `allocate`
/// (memref.alloc or gpu.alloc); packed f4 is allocated as bytes.
template <typename AllocateFn>
Value allocateLike(OpBuilder &b, Location loc, MemRefType type, Value like,
                   AllocateFn allocate) {
  if (!isPackedF4(type))
    return allocate(type, dynamicSizes(b, loc, like));
  Value bytesLike = asBytes(b, loc, like);
  auto bytesType = cast<MemRefType>(bytesLike.getType());
  Value bytes = allocate(bytesType, dynamicSizes(b, loc, bytesLike));
  return StorageCastOp::create(b, loc, type, bytes);
}

Value deviceAlloc(OpBuilder &b, Location loc, MemRefType type,
                  ValueRange sizes) {
  return gpu::AllocOp::create(b, loc, type, /*asyncToken=*/Type(), ValueRange(),
                              sizes, ValueRange(),
                              /*hostShared=*/false)
      .getMemref();
}

void copy(OpBuilder &b, Location loc, Value dst, Value src) {
  // Named values: the IR order must not depend on the compiler's argument
  // evaluation order.
  Value srcBytes = asBytes(b, loc, src);
  Value dstBytes = asBytes(b, loc, dst);
  gpu::MemcpyOp::create(b, loc, /*asyncToken=*/Type(), ValueRange(), dstBytes,
                        srcBytes);
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct GPUHostDeviceBuffersPass
    : public quant_dyn::impl::GPUHostDeviceBuffersPassBase<
          GPUHostDeviceBuffersPass> {
  using GPUHostDeviceBuffersPassBase::GPUHostDeviceBuffersPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<gpu::LaunchOp> launches;
    func.walk([&](gpu::LaunchOp launch) { launches.push_back(launch); });
    if (launches.empty())
      return;
    if (!func.getBody().hasOneBlock()) {
      func.emitError("GPU host code must be structured (one block) before "
                     "device buffers are assigned");
      return signalPassFailure();
    }

    // 0. Host stores into memory a kernel reaches or that is returned (the
    //    scalars of tensor.from_elements, rank-0 inits) run as one-thread
    //    kernels, since that memory will live on the device; so do stores
    //    into the outputs of the out-params ABI, which kernels write on the
    //    device in both ABIs.
    DenseSet<Value> deviceAllocs;
    func.walk([&](memref::AllocOp alloc) {
      if (!isInsideLaunch(alloc) && reachesDevice(alloc.getResult()))
        deviceAllocs.insert(alloc.getResult());
    });
    DenseSet<Value> outputs;
    for (BlockArgument arg : func.getArguments())
      if (func.getArgAttr(arg.getArgNumber(), kOutputArgAttrName) &&
          isa<MemRefType>(arg.getType()))
        outputs.insert(arg);
    SmallVector<memref::StoreOp> hostStores;
    func.walk([&](memref::StoreOp store) {
      if (isInsideLaunch(store))
        return;
      SmallVector<Value> roots;
      DenseSet<Value> seen;
      collectBufferRoots(store.getMemref(), roots, seen);
      if (llvm::any_of(roots, [&](Value root) {
            return deviceAllocs.contains(root) || outputs.contains(root);
          }))
        hostStores.push_back(store);
    });
    for (memref::StoreOp store : hostStores)
      launches.push_back(wrapInSingleThreadLaunch(store));

    // 1. Scalars into the kernels; drop what the host no longer uses.
    llvm::SetVector<Operation *> sunk;
    for (gpu::LaunchOp launch : launches)
      sinkIntoLaunch(launch, sunk);
    for (Operation *op : llvm::reverse(sunk))
      if (op->use_empty())
        op->erase();

    // 2. Host-level allocations that a kernel reaches or that are returned
    //    are device memory; the others (the ownership bookkeeping of buffer
    //    deallocation, host-only scalars) stay on the host.
    OpBuilder b(&getContext());
    SmallVector<Operation *> toReplace;
    func.walk([&](Operation *op) {
      if (isInsideLaunch(op))
        return;
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        if (deviceAllocs.contains(alloc.getResult()))
          toReplace.push_back(op);
      } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
        SmallVector<Value> roots;
        DenseSet<Value> seen;
        collectBufferRoots(dealloc.getMemref(), roots, seen);
        if (llvm::any_of(roots, [&](Value root) {
              return deviceAllocs.contains(root);
            }))
          toReplace.push_back(op);
      }
    });
    for (Operation *op : toReplace) {
      b.setInsertionPoint(op);
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        if (!alloc.getSymbolOperands().empty()) {
          alloc.emitOpError("with symbol operands is not supported on the GPU");
          return signalPassFailure();
        }
        Value device = deviceAlloc(b, alloc.getLoc(), alloc.getType(),
                                   alloc.getDynamicSizes());
        alloc.replaceAllUsesWith(device);
      } else {
        auto dealloc = cast<memref::DeallocOp>(op);
        gpu::DeallocOp::create(b, dealloc.getLoc(), /*asyncToken=*/Type(),
                               ValueRange(), dealloc.getMemref());
      }
      op->erase();
    }

    // 3. Arguments the kernels read get device copies (host-buffer ABI);
    //    outputs get device buffers that are copied back (writeBackOutput).
    Block &entry = func.getBody().front();
    SmallVector<Value> argCopies;
    if (hostBuffers) {
      for (BlockArgument arg : func.getArguments()) {
        auto type = dyn_cast<MemRefType>(arg.getType());
        if (!type || outputs.contains(arg))
          continue;
        bool usedByKernel = llvm::any_of(arg.getUses(), [](OpOperand &use) {
          return isInsideLaunch(use.getOwner());
        });
        if (!usedByKernel)
          continue;
        b.setInsertionPointToStart(&entry);
        Location loc = arg.getLoc();
        Value device = allocateLike(b, loc, type, arg,
                                    [&](MemRefType t, ValueRange sizes) {
                                      return deviceAlloc(b, loc, t, sizes);
                                    });
        copy(b, loc, device, arg);
        arg.replaceUsesWithIf(device, [](OpOperand &use) {
          return isInsideLaunch(use.getOwner());
        });
        argCopies.push_back(device);
      }
      for (BlockArgument arg : func.getArguments())
        if (outputs.contains(arg) && failed(writeBackOutput(arg)))
          return signalPassFailure();
    }

    // 4. Results: device results are copied into new host buffers; once
    //    all are copied (two results may share an allocation), their device
    //    memory is freed (once per allocation); then the argument copies.
    auto returnOp = cast<func::ReturnOp>(entry.getTerminator());
    if (hostBuffers) {
      b.setInsertionPoint(returnOp);
      SmallVector<Value> copied;
      for (OpOperand &operand : returnOp->getOpOperands()) {
        Value result = operand.get();
        auto type = dyn_cast<MemRefType>(result.getType());
        if (!type)
          continue;
        BufferRootKind kind = classifyBufferRoots(result, /*hostBuffers=*/true);
        if (kind == BufferRootKind::Host)
          continue;
        if (kind == BufferRootKind::Unknown) {
          returnOp.emitOpError("result #")
              << operand.getOperandNumber()
              << " may point into host or device memory; cannot copy it back";
          return signalPassFailure();
        }
        Location loc = returnOp.getLoc();
        Value host = allocateLike(
            b, loc, type, result, [&](MemRefType t, ValueRange sizes) {
              return memref::AllocOp::create(b, loc, t, sizes,
                                             b.getI64IntegerAttr(64))
                  .getResult();
            });
        copy(b, loc, host, result);
        copied.push_back(result);
        operand.set(host);
      }
      SmallVector<Value> freed;
      for (Value result : copied) {
        freeUnlessAliased(b, returnOp.getLoc(), result, freed, argCopies);
        freed.push_back(result);
      }
      for (Value device : argCopies)
        gpu::DeallocOp::create(b, returnOp.getLoc(), /*asyncToken=*/Type(),
                               ValueRange(), device);
    }

    // 5. Host loads of device memory whose value the host itself uses (a
    //    branch on it, a scalar result) read a copy: a one-thread kernel
    //    stores the element into a device scalar, which is copied back.
    SmallVector<memref::LoadOp> hostLoads;
    func.walk([&](memref::LoadOp load) {
      if (!isInsideLaunch(load) &&
          classifyBufferRoots(load.getMemref(), hostBuffers) ==
              BufferRootKind::Device)
        hostLoads.push_back(load);
    });
    for (memref::LoadOp load : hostLoads)
      readThroughCopy(load);

    // 6. What is left on the host must not touch device memory.
    WalkResult check = func.walk([&](Operation *op) {
      Value memref;
      if (auto load = dyn_cast<memref::LoadOp>(op))
        memref = load.getMemref();
      else if (auto store = dyn_cast<memref::StoreOp>(op))
        memref = store.getMemref();
      else if (auto copyOp = dyn_cast<memref::CopyOp>(op))
        memref = copyOp.getTarget();
      if (!memref || isInsideLaunch(op))
        return WalkResult::advance();
      if (classifyBufferRoots(memref, hostBuffers) == BufferRootKind::Host)
        return WalkResult::advance();
      op->emitOpError("in host code would access device memory (only "
                      "kernels read and write device buffers)");
      return WalkResult::interrupt();
    });
    if (check.wasInterrupted())
      return signalPassFailure();
  }

  /// Out-params ABI with host buffers: the kernels that use the caller's
  /// output `arg` write a device buffer instead, which is copied into `arg`
  /// once they are done (one D2H copy per call) and then freed. Buffer and
  /// copy live in the innermost block (of the function or an scf.if) that
  /// holds all those kernels: the extent check's success branch, or a
  /// branch inside it, so a call that reports an error writes nothing. The
  /// buffer is not initialised from `arg`: the stored result covers the
  /// whole output, and copying it in would cost a second full copy per
  /// call.
  LogicalResult writeBackOutput(BlockArgument arg) {
    SmallVector<gpu::LaunchOp> users;
    for (OpOperand &use : arg.getUses()) {
      Operation *owner = use.getOwner();
      if (auto launch = owner->getParentOfType<gpu::LaunchOp>()) {
        if (!llvm::is_contained(users, launch))
          users.push_back(launch);
        continue;
      }
      // The host reads only the extents (the extent check); anything else
      // would see the output before the copy-back.
      if (!onlyReadsExtents(owner))
        return owner->emitOpError("in host code uses output #")
               << arg.getArgNumber()
               << " of the out-params ABI, which kernels write on the device";
    }
    // Nothing computed on the device (an empty result): nothing to copy.
    if (users.empty())
      return success();

    Block *block = users.front()->getBlock();
    auto holdsAll = [&](Block *candidate) {
      return llvm::all_of(users, [&](gpu::LaunchOp launch) {
        return candidate->findAncestorOpInBlock(*launch) != nullptr;
      });
    };
    // Out of loops too (only scf.if between the block and the function):
    // one buffer and one copy per call.
    auto inLoop = [](Block *candidate) {
      for (Operation *op = candidate->getParentOp(); !isa<func::FuncOp>(op);
           op = op->getParentOp())
        if (!isa<scf::IfOp>(op))
          return true;
      return false;
    };
    while (!holdsAll(block) || inLoop(block))
      block = block->getParentOp()->getBlock();
    Operation *first = nullptr, *last = nullptr;
    for (gpu::LaunchOp launch : users) {
      Operation *op = block->findAncestorOpInBlock(*launch);
      if (!first || op->isBeforeInBlock(first))
        first = op;
      if (!last || last->isBeforeInBlock(op))
        last = op;
    }

    OpBuilder b(first);
    Location loc = arg.getLoc();
    auto type = cast<MemRefType>(arg.getType());
    Value device =
        allocateLike(b, loc, type, arg, [&](MemRefType t, ValueRange sizes) {
          return deviceAlloc(b, loc, t, sizes);
        });
    arg.replaceUsesWithIf(
        device, [](OpOperand &use) { return isInsideLaunch(use.getOwner()); });
    b.setInsertionPointAfter(last);
    copy(b, loc, arg, device);
    gpu::DeallocOp::create(b, loc, /*asyncToken=*/Type(), ValueRange(), device);
    return success();
  }

  /// Replaces a host load of device memory by a load of a host copy of the
  /// element (the staging kernel's operands are sunk into it).
  void readThroughCopy(memref::LoadOp load) {
    OpBuilder b(load);
    Location loc = load.getLoc();
    auto scalarType = MemRefType::get({}, load.getType());
    Value stage = deviceAlloc(b, loc, scalarType, ValueRange());
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto launch = gpu::LaunchOp::create(b, loc, one, one, one, one, one, one);
    OpBuilder body = OpBuilder::atBlockEnd(&launch.getBody().front());
    Value value = memref::LoadOp::create(body, loc, load.getMemref(),
                                         load.getIndices());
    memref::StoreOp::create(body, loc, value, stage, ValueRange());
    gpu::TerminatorOp::create(body, loc);
    llvm::SetVector<Operation *> sunk;
    sinkIntoLaunch(launch, sunk);
    Value host = memref::AllocaOp::create(b, loc, scalarType);
    copy(b, loc, host, stage);
    Value read = memref::LoadOp::create(b, loc, host, ValueRange());
    gpu::DeallocOp::create(b, loc, /*asyncToken=*/Type(), ValueRange(), stage);
    load.replaceAllUsesWith(read);
    load.erase();
  }

  /// Frees `result`'s device allocation unless it is the allocation of an
  /// earlier result or of an argument copy (compared at run time: views of
  /// one allocation share its aligned pointer).
  void freeUnlessAliased(OpBuilder &b, Location loc, Value result,
                         ArrayRef<Value> freed, ArrayRef<Value> argCopies) {
    auto pointer = [&](Value v) -> Value {
      return memref::ExtractAlignedPointerAsIndexOp::create(b, loc, v);
    };
    Value mine = pointer(result);
    Value distinct;
    for (Value other : llvm::concat<const Value>(freed, argCopies)) {
      Value ne = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, mine,
                                       pointer(other));
      distinct = distinct ? arith::AndIOp::create(b, loc, distinct, ne) : ne;
    }
    if (!distinct) {
      gpu::DeallocOp::create(b, loc, /*asyncToken=*/Type(), ValueRange(),
                             result);
      return;
    }
    auto ifOp = scf::IfOp::create(b, loc, distinct, /*withElseRegion=*/false);
    OpBuilder thenBuilder = ifOp.getThenBodyBuilder();
    gpu::DeallocOp::create(thenBuilder, loc, /*asyncToken=*/Type(),
                           ValueRange(), result);
  }
};

} // namespace
