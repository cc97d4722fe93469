//===- PrefetchNextTile.cpp - Prefetch the next tile while quantizing -----===//
//
// A fused tile of blocks reads its input twice: the amax sweep brings it in
// from memory, the quantize sweep reads it again from the cache. The first
// sweep waits on memory and the second on the ALUs, so each core does one
// thing at a time. Prefetching the next tile's input during the last sweep
// overlaps the two (docs/CodegenStrategy.md, "Prefetching the next tile").
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/CPU/Passes.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_PREFETCHNEXTTILEPASS
#include "quant-dyn/Target/CPU/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {
/// The tile view a read goes through: the chain of subviews from a tile
/// view (outermost first) down to the read's memref.
struct TileRead {
  vector::TransferReadOp read;
  SmallVector<memref::SubViewOp> chain;
};

/// The child of `body` that contains `op`.
Operation *childOf(Block *body, Operation *op) {
  return body->findAncestorOpInBlock(*op);
}

/// The ops of the loop body that `view`'s operands come from.
SetVector<Operation *> offsetComputation(scf::ParallelOp loop,
                                         memref::SubViewOp view) {
  SetVector<Operation *> slice;
  BackwardSliceOptions options;
  options.filter = [&](Operation *op) {
    return op->getBlock() == loop.getBody();
  };
  (void)getBackwardSlice(view.getOperation(), &slice, options);
  return slice;
}

/// A tile view: a static-shaped subview, directly in the loop body, of a
/// memref from outside the loop, whose offsets move with `iv`.
bool isTileView(scf::ParallelOp loop, memref::SubViewOp view, Value iv) {
  if (view->getParentOp() != loop || !view.getType().hasStaticShape() ||
      !loop.isDefinedOutsideOfLoop(view.getSource()))
    return false;
  SetVector<Operation *> slice = offsetComputation(loop, view);
  if (!llvm::all_of(slice, isMemoryEffectFree))
    return false;
  slice.insert(view);
  return llvm::any_of(slice, [&](Operation *op) {
    return llvm::is_contained(op->getOperands(), iv);
  });
}

/// The 1-D in-bounds reads along the contiguous dimension of a memref
/// derived from `view` through subviews.
SmallVector<TileRead> readsOf(scf::ParallelOp loop, memref::SubViewOp view) {
  SmallVector<TileRead> reads;
  loop.walk([&](vector::TransferReadOp read) {
    if (read.getVectorType().getRank() != 1 || read.hasOutOfBoundsDim() ||
        read.getMask() || !read.getPermutationMap().isMinorIdentity() ||
        !read.getVectorType().getElementType().isIntOrFloat())
      return;
    auto memrefType = dyn_cast<MemRefType>(read.getBase().getType());
    if (!memrefType || !memrefType.isLastDimUnitStride())
      return;
    TileRead tileRead{read, {}};
    Value memref = read.getBase();
    while (auto subview = memref.getDefiningOp<memref::SubViewOp>()) {
      tileRead.chain.push_back(subview);
      if (subview == view) {
        std::reverse(tileRead.chain.begin(), tileRead.chain.end());
        reads.push_back(std::move(tileRead));
        return;
      }
      memref = subview.getSource();
    }
  });
  return reads;
}

struct PrefetchNextTilePass
    : public quant_dyn::impl::PrefetchNextTilePassBase<PrefetchNextTilePass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<scf::ParallelOp> loops;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>())
        loops.push_back(loop);
    });
    for (scf::ParallelOp loop : loops)
      prefetchIn(loop);
  }

  void prefetchIn(scf::ParallelOp loop) {
    Block *body = loop.getBody();
    // Threads take contiguous runs of iterations (OpenMP's static
    // schedule), in which the innermost loop dimension moves fastest.
    unsigned dim = loop.getNumLoops() - 1;
    Value iv = loop.getInductionVars()[dim];
    SmallVector<memref::SubViewOp> views;
    for (auto view : body->getOps<memref::SubViewOp>())
      if (isTileView(loop, view, iv))
        views.push_back(view);
    for (memref::SubViewOp view : views) {
      SmallVector<TileRead> reads = readsOf(loop, view);
      if (reads.empty())
        continue;
      // Only a tile read more than once benefits: a single sweep streams
      // from memory, which the hardware prefetchers already follow.
      SmallPtrSet<Operation *, 4> sweeps;
      for (const TileRead &tileRead : reads)
        sweeps.insert(childOf(body, tileRead.read));
      if (sweeps.size() < 2)
        continue;
      Operation *lastSweep = childOf(body, reads.back().read);
      for (const TileRead &tileRead : reads)
        if (lastSweep->isBeforeInBlock(childOf(body, tileRead.read)))
          lastSweep = childOf(body, tileRead.read);
      prefetchSweep(loop, dim, view, reads, lastSweep);
    }
  }

  /// Before every read of `view` in `sweep`, prefetches the cache lines
  /// the same read makes in the next iteration's tile.
  void prefetchSweep(scf::ParallelOp loop, unsigned dim, memref::SubViewOp view,
                     ArrayRef<TileRead> reads, Operation *sweep) {
    Block *body = loop.getBody();
    Location loc = loop.getLoc();
    OpBuilder builder(view);
    // The next tile; the last one prefetches itself (in bounds, cached).
    Value iv = loop.getInductionVars()[dim];
    Value step = loop.getStep()[dim];
    Value following = arith::AddIOp::create(builder, loc, iv, step);
    Value hasNext =
        arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::slt,
                              following, loop.getUpperBound()[dim]);
    Value next = arith::SelectOp::create(builder, loc, hasNext, following, iv);

    // The view's offsets, computed again for the next iteration.
    IRMapping mapping;
    mapping.map(iv, next);
    for (Operation *op : offsetComputation(loop, view))
      builder.clone(*op, mapping);
    builder.setInsertionPointAfter(view);
    builder.clone(*view, mapping);

    for (const TileRead &tileRead : reads) {
      vector::TransferReadOp read = tileRead.read;
      if (childOf(body, read) != sweep)
        continue;
      // The subviews below the tile view, rooted at the next tile (each
      // cloned once, after its original).
      for (memref::SubViewOp subview : ArrayRef(tileRead.chain).drop_front()) {
        if (mapping.contains(subview.getResult()))
          continue;
        builder.setInsertionPointAfter(subview);
        builder.clone(*subview, mapping);
      }
      Value nextMemref = mapping.lookup(read.getBase());
      Type elementType = read.getVectorType().getElementType();
      int64_t elementBits = elementType.getIntOrFloatBitWidth();
      int64_t lineElements = std::max<int64_t>(
          1, quant_dyn::cpu::kCacheLineBytes * 8 / elementBits);
      int64_t elements = read.getVectorType().getNumElements();
      builder.setInsertionPoint(read);
      SmallVector<Value> indices(read.getIndices());
      Value first = indices.back();
      for (int64_t offset = 0; offset < elements; offset += lineElements) {
        if (offset != 0)
          indices.back() = arith::AddIOp::create(
              builder, loc, first,
              arith::ConstantIndexOp::create(builder, loc, offset));
        memref::PrefetchOp::create(builder, read.getLoc(), nextMemref, indices,
                                   /*isWrite=*/false,
                                   /*localityHint=*/3, /*isDataCache=*/true);
      }
    }
  }
};
} // namespace
