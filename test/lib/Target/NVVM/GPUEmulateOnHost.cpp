//===- GPUEmulateOnHost.cpp - run gpu.launch bodies as host loops ---------===//
//
// A testing aid for machines without a GPU: the launches of a host function
// (after quant-dyn-gpu-host-device-buffers) become sequential loops over
// blocks and threads, and the gpu memory ops their memref counterparts, so
// the GPU pipeline's distribution and copies run on the CPU.
//
//===----------------------------------------------------------------------===//

#include "TestPasses.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPUEMULATEONHOSTPASS
#include "TestPasses.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {

LogicalResult emulateLaunch(RewriterBase &rewriter, gpu::LaunchOp launch) {
  if (!launch.getAsyncDependencies().empty() || launch.getAsyncToken() ||
      launch.getDynamicSharedMemorySize() || launch.hasClusterSize())
    return launch.emitOpError("with async tokens, shared memory or clusters "
                              "cannot be emulated on the host");
  Region &body = launch.getBody();
  if (!body.hasOneBlock())
    return launch.emitOpError("with more than one block cannot be emulated");
  WalkResult unsupported = body.walk([](Operation *op) {
    if (isa<gpu::BarrierOp, gpu::ShuffleOp, gpu::AllReduceOp>(op))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  if (unsupported.wasInterrupted())
    return launch.emitOpError("synchronizes threads: cannot be emulated by "
                              "running them one after the other");

  Location loc = launch.getLoc();
  rewriter.setInsertionPoint(launch);
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  // Outermost first: block z, y, x, then thread z, y, x.
  SmallVector<Value> ubs = {launch.getGridSizeZ(),  launch.getGridSizeY(),
                            launch.getGridSizeX(),  launch.getBlockSizeZ(),
                            launch.getBlockSizeY(), launch.getBlockSizeX()};
  SmallVector<Value> ivs;
  for (Value ub : ubs) {
    auto loop = scf::ForOp::create(rewriter, loc, zero, ub, one);
    ivs.push_back(loop.getInductionVar());
    rewriter.setInsertionPointToStart(loop.getBody());
  }
  // Per-thread allocas are released after each thread.
  auto scope = memref::AllocaScopeOp::create(rewriter, loc, TypeRange());
  Block *scopeBlock = rewriter.createBlock(&scope.getBodyRegion());
  rewriter.setInsertionPointToEnd(scopeBlock);
  auto scopeEnd = memref::AllocaScopeReturnOp::create(rewriter, loc);

  Block &entry = body.front();
  rewriter.eraseOp(entry.getTerminator());
  gpu::KernelDim3 blockIds = launch.getBlockIds();
  gpu::KernelDim3 threadIds = launch.getThreadIds();
  gpu::KernelDim3 gridSize = launch.getGridSizeOperandValues();
  gpu::KernelDim3 blockSize = launch.getBlockSizeOperandValues();
  gpu::KernelDim3 gridArgs = launch.getGridSize();
  gpu::KernelDim3 blockArgs = launch.getBlockSize();
  SmallVector<Value> replacements(entry.getNumArguments());
  auto map = [&](gpu::KernelDim3 args, Value x, Value y, Value z) {
    for (auto [arg, value] : {std::pair{args.x, x}, {args.y, y}, {args.z, z}})
      replacements[cast<BlockArgument>(arg).getArgNumber()] = value;
  };
  map(blockIds, ivs[2], ivs[1], ivs[0]);
  map(threadIds, ivs[5], ivs[4], ivs[3]);
  map(gridArgs, gridSize.x, gridSize.y, gridSize.z);
  map(blockArgs, blockSize.x, blockSize.y, blockSize.z);
  rewriter.inlineBlockBefore(&entry, scopeEnd, replacements);
  // Ids queried through ops rather than the region arguments.
  WalkResult ids = scope.walk([&](Operation *op) {
    auto dimOf = [](gpu::Dimension d) { return static_cast<int>(d); };
    Value replacement;
    if (auto id = dyn_cast<gpu::BlockIdOp>(op))
      replacement = ivs[2 - dimOf(id.getDimension())];
    else if (auto id = dyn_cast<gpu::ThreadIdOp>(op))
      replacement = ivs[5 - dimOf(id.getDimension())];
    else if (isa<gpu::GridDimOp, gpu::BlockDimOp, gpu::GlobalIdOp>(op))
      return WalkResult::interrupt();
    if (replacement)
      rewriter.replaceOp(op, replacement);
    return WalkResult::advance();
  });
  if (ids.wasInterrupted())
    return launch.emitOpError("queries grid or block sizes inside the "
                              "body; cannot be emulated");
  rewriter.eraseOp(launch);
  return success();
}

struct GPUEmulateOnHostPass
    : public quant_dyn::impl::GPUEmulateOnHostPassBase<GPUEmulateOnHostPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<gpu::LaunchOp> launches;
    getOperation().walk([&](gpu::LaunchOp op) { launches.push_back(op); });
    for (gpu::LaunchOp launch : launches)
      if (failed(emulateLaunch(rewriter, launch)))
        return signalPassFailure();

    SmallVector<Operation *> memoryOps;
    getOperation().walk([&](Operation *op) {
      if (isa<gpu::AllocOp, gpu::DeallocOp, gpu::MemcpyOp, gpu::MemsetOp,
              gpu::WaitOp>(op))
        memoryOps.push_back(op);
    });
    for (Operation *op : memoryOps) {
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      if (op->getNumResults() > 0 &&
          isa<gpu::AsyncTokenType>(op->getResults().back().getType())) {
        op->emitOpError("async GPU ops cannot be emulated (run before "
                        "gpu-async-region)");
        return signalPassFailure();
      }
      if (auto alloc = dyn_cast<gpu::AllocOp>(op)) {
        auto hostAlloc = memref::AllocOp::create(
            rewriter, loc, alloc.getMemref().getType(), alloc.getDynamicSizes(),
            alloc.getSymbolOperands(), rewriter.getI64IntegerAttr(64));
        rewriter.replaceOp(alloc, hostAlloc.getResult());
      } else if (auto dealloc = dyn_cast<gpu::DeallocOp>(op)) {
        memref::DeallocOp::create(rewriter, loc, dealloc.getMemref());
        rewriter.eraseOp(dealloc);
      } else if (auto copy = dyn_cast<gpu::MemcpyOp>(op)) {
        memref::CopyOp::create(rewriter, loc, copy.getSrc(), copy.getDst());
        rewriter.eraseOp(copy);
      } else if (isa<gpu::WaitOp>(op)) {
        rewriter.eraseOp(op);
      } else {
        op->emitOpError("cannot be emulated on the host");
        return signalPassFailure();
      }
    }
  }
};

} // namespace
