//===- GPUDistributeLoops.cpp - top-level loops to GPU blocks and threads -===//
//
// Bufferized linalg ops become loops, and every top-level scf.parallel of
// the function becomes one kernel:
// the loop is linearized and cut into blocks of `threads-per-block` threads,
// one iteration per thread, with the block / thread mapping attributes that
// convert-parallel-loops-to-gpu reads. Per-iteration temporaries become
// per-thread allocas; memref.copy becomes loops, so kernels call nothing.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/NVVM/Passes.h"

#include "quant-dyn/Target/Common/LinalgToLoops.h"

#include "GPUReductionKernels.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPUDISTRIBUTELOOPSPASS
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

bool isInsideParallelLoop(Operation *op) {
  return op->getParentOfType<scf::ParallelOp>() != nullptr;
}

/// Bufferized linalg ops and memref.copy -> loops: every parallel dimension
/// of a top-level op becomes one dimension of an scf.parallel (a kernel of
/// its own, all of its elements spread over threads), and top-level
/// reductions and rank-0 ops one flat scf.parallel as well
/// (lowerLinalgToKernelLoop); ops inside a loop become sequential loops
/// (one thread runs them).
LogicalResult lowerToLoops(RewriterBase &rewriter, func::FuncOp func) {
  // Kernels call nothing: copies are loops too.
  SmallVector<memref::CopyOp> copies;
  func.walk([&](memref::CopyOp op) { copies.push_back(op); });
  for (memref::CopyOp copy : copies) {
    rewriter.setInsertionPoint(copy);
    linalg::CopyOp::create(rewriter, copy.getLoc(), copy.getSource(),
                           copy.getTarget());
    rewriter.eraseOp(copy);
  }
  // Top-level reductions and rank-0 ops become flat kernels of their own;
  // every other op gets all its parallel dimensions as threads.
  SmallVector<linalg::LinalgOp> kernelOps;
  func.walk([&](linalg::LinalgOp op) {
    if (op.hasPureBufferSemantics() && !isInsideParallelLoop(op) &&
        !op->getParentOfType<scf::ForallOp>() &&
        quant_dyn::needsKernelLoop(op))
      kernelOps.push_back(op);
  });
  for (linalg::LinalgOp op : kernelOps) {
    rewriter.setInsertionPoint(op);
    if (failed(quant_dyn::lowerLinalgToKernelLoop(rewriter, op)))
      return failure();
  }
  return lowerLinalgToLoops(rewriter, func, LoopParallelism::All);
}

/// The allocations inside a loop must be static: they become per-thread
/// allocas once the loop is distributed.
LogicalResult checkLoopAllocations(scf::ParallelOp loop) {
  WalkResult result = loop.getBody()->walk([](memref::AllocOp alloc) {
    if (alloc.getType().hasStaticShape())
      return WalkResult::advance();
    alloc.emitOpError(
        "dynamic allocation inside a GPU kernel is not supported (a block "
        "of dynamic extent needs a static bound)");
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

/// Static allocations under `body` become allocas at `entry`, the start of
/// the kernel (so they land in its entry block, where LLVM's SROA turns
/// them into registers); their deallocations go away.
void promoteAllocations(RewriterBase &rewriter, Operation *body, Block *entry) {
  SmallVector<memref::AllocOp> allocs;
  body->walk([&](memref::AllocOp op) { allocs.push_back(op); });
  for (memref::AllocOp alloc : allocs) {
    for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
      if (isa<memref::DeallocOp>(user))
        rewriter.eraseOp(user);
    rewriter.setInsertionPointToStart(entry);
    auto alloca = memref::AllocaOp::create(
        rewriter, alloc.getLoc(), alloc.getType(), alloc.getAlignmentAttr());
    rewriter.replaceOp(alloc, alloca.getResult());
  }
}

/// Linearizes `loop` and splits it into a block loop and a thread loop with
/// GPU mapping attributes; the original body runs once per thread under an
/// in-bounds guard.
void distribute(RewriterBase &rewriter, scf::ParallelOp loop,
                int64_t threadsPerBlock, int64_t elementsPerThread) {
  Location loc = loop.getLoc();
  MLIRContext *ctx = rewriter.getContext();
  rewriter.setInsertionPoint(loop);
  auto cst = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(rewriter, loc, v);
  };

  // Elementwise loops (no inner loops) give each thread `vec` consecutive
  // elements of the innermost dimension when its static extent allows, so
  // a thread's loads and stores can merge into vector accesses.
  int64_t rank = loop.getNumLoops();
  int64_t vec = 1;
  {
    std::optional<int64_t> lb =
        getConstantIntValue(loop.getLowerBound().back());
    std::optional<int64_t> ub =
        getConstantIntValue(loop.getUpperBound().back());
    std::optional<int64_t> step = getConstantIntValue(loop.getStep().back());
    bool hasLoops = loop.getBody()
                        ->walk([](Operation *op) {
                          return isa<scf::ForOp, scf::WhileOp>(op)
                                     ? WalkResult::interrupt()
                                     : WalkResult::advance();
                        })
                        .wasInterrupted();
    if (elementsPerThread > 1 && !hasLoops && lb && ub && step && *step > 0) {
      int64_t count = llvm::divideCeil(*ub - *lb, *step);
      if (count > 0 && count % elementsPerThread == 0)
        vec = elementsPerThread;
    }
  }

  // Trip counts of each dimension (the innermost one in units of `vec`)
  // and of the whole loop.
  SmallVector<Value> counts;
  std::optional<int64_t> staticTotal = 1;
  Value total = cst(1);
  for (auto [lb, ub, step] : llvm::zip_equal(
           loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    // max(ub - lb, 0) ceildiv step, in ops the LLVM lowering takes as is.
    Value extent = arith::SubIOp::create(rewriter, loc, ub, lb);
    extent = arith::MaxSIOp::create(rewriter, loc, extent, cst(0));
    Value stepMinusOne = arith::SubIOp::create(rewriter, loc, step, cst(1));
    Value count = arith::DivUIOp::create(
        rewriter, loc,
        arith::AddIOp::create(rewriter, loc, extent, stepMinusOne), step);
    if (vec > 1 && counts.size() + 1 == static_cast<size_t>(rank))
      count = arith::DivUIOp::create(rewriter, loc, count, cst(vec));
    counts.push_back(count);
    total = arith::MulIOp::create(rewriter, loc, total, count);
  }
  // What is static decides the block size (small loops, small blocks).
  for (auto [lbValue, ubValue, stepValue] : llvm::zip_equal(
           loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    std::optional<int64_t> lb = getConstantIntValue(lbValue);
    std::optional<int64_t> ub = getConstantIntValue(ubValue);
    std::optional<int64_t> step = getConstantIntValue(stepValue);
    if (!lb || !ub || !step || *step <= 0) {
      staticTotal.reset();
      break;
    }
    *staticTotal *= std::max<int64_t>(0, llvm::divideCeil(*ub - *lb, *step));
  }
  if (staticTotal)
    *staticTotal /= vec;

  int64_t threads = threadsPerBlock;
  if (staticTotal && *staticTotal < threads)
    threads = std::max<int64_t>(*staticTotal, 1);

  // An empty grid is a launch error: skip empty loops at run time.
  if (staticTotal && *staticTotal == 0) {
    rewriter.eraseOp(loop);
    return;
  }
  if (!staticTotal) {
    Value nonEmpty = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::sgt, total, cst(0));
    auto guard = scf::IfOp::create(rewriter, loc, nonEmpty,
                                   /*withElseRegion=*/false);
    rewriter.setInsertionPoint(guard.thenBlock()->getTerminator());
  }

  Value threadsValue = cst(threads);
  Value numBlocks = arith::DivUIOp::create(
      rewriter, loc,
      arith::AddIOp::create(rewriter, loc, total, cst(threads - 1)),
      threadsValue);
  Value zero = cst(0), one = cst(1);
  auto blockLoop = scf::ParallelOp::create(
      rewriter, loc, ValueRange{zero}, ValueRange{numBlocks}, ValueRange{one});
  rewriter.setInsertionPointToStart(blockLoop.getBody());
  auto threadLoop =
      scf::ParallelOp::create(rewriter, loc, ValueRange{zero},
                              ValueRange{threadsValue}, ValueRange{one});
  rewriter.setInsertionPointToStart(threadLoop.getBody());
  Value linear = arith::AddIOp::create(
      rewriter, loc,
      arith::MulIOp::create(rewriter, loc, blockLoop.getInductionVars()[0],
                            threadsValue),
      threadLoop.getInductionVars()[0]);
  Value inBounds = arith::CmpIOp::create(
      rewriter, loc, arith::CmpIPredicate::slt, linear, total);
  auto inBoundsIf =
      scf::IfOp::create(rewriter, loc, inBounds, /*withElseRegion=*/false);
  rewriter.setInsertionPointToStart(inBoundsIf.thenBlock());

  // Delinearize, innermost dimension fastest (consecutive threads touch
  // consecutive elements of row-major buffers).
  SmallVector<Value> ivs(rank);
  Value vecIndex;
  Value rest = linear;
  for (int64_t d = rank - 1; d >= 0; --d) {
    Value index = d == 0
                      ? rest
                      : arith::RemUIOp::create(rewriter, loc, rest, counts[d])
                            .getResult();
    if (d > 0)
      rest = arith::DivUIOp::create(rewriter, loc, rest, counts[d]);
    if (d == rank - 1 && vec > 1) {
      // Element `k` of this thread's `vec` consecutive ones.
      Value first = arith::MulIOp::create(rewriter, loc, index, cst(vec));
      auto elementLoop =
          scf::ForOp::create(rewriter, loc, cst(0), cst(vec), cst(1));
      rewriter.setInsertionPointToStart(elementLoop.getBody());
      index = arith::AddIOp::create(rewriter, loc, first,
                                    elementLoop.getInductionVar());
      vecIndex = index;
    }
    Value scaled =
        arith::MulIOp::create(rewriter, loc, index, loop.getStep()[d]);
    ivs[d] =
        arith::AddIOp::create(rewriter, loc, loop.getLowerBound()[d], scaled);
  }

  // Move the body (without its scf.reduce terminator) under the guard.
  Block *body = loop.getBody();
  rewriter.eraseOp(body->getTerminator());
  Operation *bodyEnd = vecIndex ? vecIndex.getParentBlock()->getTerminator()
                                : inBoundsIf.thenBlock()->getTerminator();
  rewriter.inlineBlockBefore(body, bodyEnd, ivs);
  rewriter.eraseOp(loop);
  promoteAllocations(rewriter, inBoundsIf, threadLoop.getBody());

  AffineMap identity = AffineMap::getMultiDimIdentityMap(1, ctx);
  (void)gpu::setMappingAttr(
      blockLoop, {gpu::ParallelLoopDimMappingAttr::get(
                     ctx, gpu::Processor::BlockX, identity, identity)});
  (void)gpu::setMappingAttr(
      threadLoop, {gpu::ParallelLoopDimMappingAttr::get(
                      ctx, gpu::Processor::ThreadX, identity, identity)});
}

/// Fully unrolls the static scf.for loops under `root`, innermost first,
/// while the unrolled body of a loop stays within `budget` operations.
void unrollSmallLoops(Operation *root, int64_t budget) {
  if (budget <= 0)
    return;
  SmallVector<scf::ForOp> loops;
  root->walk<WalkOrder::PostOrder>(
      [&](scf::ForOp loop) { loops.push_back(loop); });
  for (scf::ForOp loop : loops) {
    std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
    std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
    std::optional<int64_t> step = getConstantIntValue(loop.getStep());
    if (!lb || !ub || !step || *step <= 0)
      continue;
    int64_t trips = std::max<int64_t>(0, llvm::divideCeil(*ub - *lb, *step));
    bool hasInnerLoop = false;
    int64_t bodyOps = 0;
    loop.getBody()->walk([&](Operation *op) {
      hasInnerLoop |= isa<scf::ForOp, scf::WhileOp>(op);
      ++bodyOps;
    });
    if (hasInnerLoop || trips * bodyOps > budget)
      continue;
    (void)loopUnrollFull(loop);
  }
}

struct GPUDistributeLoopsPass
    : public quant_dyn::impl::GPUDistributeLoopsPassBase<
          GPUDistributeLoopsPass> {
  using GPUDistributeLoopsPassBase::GPUDistributeLoopsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (threadsPerBlock < 1 || threadsPerBlock > 1024) {
      func.emitError("threads-per-block must be in [1, 1024], got ")
          << static_cast<int64_t>(threadsPerBlock);
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    if (failed(lowerToLoops(rewriter, func)))
      return signalPassFailure();

    SmallVector<scf::ParallelOp> loops;
    func.walk([&](scf::ParallelOp loop) {
      if (!isInsideParallelLoop(loop))
        loops.push_back(loop);
    });
    for (scf::ParallelOp loop : loops) {
      if (!loop.getInitVals().empty()) {
        loop.emitOpError("parallel loops with reductions are not distributed "
                         "on the GPU");
        return signalPassFailure();
      }
      if (loop.getBody()
              ->walk([](scf::ParallelOp) { return WalkResult::interrupt(); })
              .wasInterrupted()) {
        loop.emitOpError("nested parallel loops are not distributed on the "
                         "GPU (lower inner linalg ops to sequential loops)");
        return signalPassFailure();
      }
      if (failed(checkLoopAllocations(loop)))
        return signalPassFailure();
      distribute(rewriter, loop, threadsPerBlock, elementsPerThread);
    }
    // The distributed bodies: inside the thread loops.
    SmallVector<scf::ParallelOp> threadLoops;
    func.walk([&](scf::ParallelOp loop) {
      if (isInsideParallelLoop(loop))
        threadLoops.push_back(loop);
    });
    for (scf::ParallelOp loop : threadLoops)
      unrollSmallLoops(loop, unrollBudget);
  }
};

} // namespace
