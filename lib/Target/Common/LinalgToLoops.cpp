//===- LinalgToLoops.cpp - Bufferized linalg to (parallel) loops ----------===//
//
// The lowering both targets share; see LinalgToLoops.h.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/Common/LinalgToLoops.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {
/// Rewrites an scf.for without loop-carried values into a 1-D scf.parallel.
void makeParallel(RewriterBase &rewriter, scf::ForOp loop) {
  if (loop.getNumRegionIterArgs() != 0)
    return;
  rewriter.setInsertionPoint(loop);
  auto parallel = scf::ParallelOp::create(
      rewriter, loop.getLoc(), ValueRange{loop.getLowerBound()},
      ValueRange{loop.getUpperBound()}, ValueRange{loop.getStep()});
  Block *body = parallel.getBody();
  rewriter.eraseOp(body->getTerminator());
  Block *forBody = loop.getBody();
  rewriter.eraseOp(forBody->getTerminator());
  rewriter.inlineBlockBefore(forBody, body, body->end(),
                             {parallel.getInductionVars()[0]});
  rewriter.setInsertionPointToEnd(body);
  scf::ReduceOp::create(rewriter, loop.getLoc());
  rewriter.eraseOp(loop);
}

/// Lowers `op` (outside any parallel loop) with the parallel loops that
/// `parallelism` asks for.
FailureOr<linalg::LinalgLoops> lowerTopLevel(RewriterBase &rewriter,
                                             linalg::LinalgOp op,
                                             LoopParallelism parallelism) {
  if (parallelism == LoopParallelism::All)
    return linalg::linalgOpToParallelLoops(rewriter, op);
  FailureOr<linalg::LinalgLoops> loops = linalg::linalgOpToLoops(rewriter, op);
  // Only the outermost loop is distributed over threads; the inner ones
  // stay sequential with unit stride, which LLVM vectorizes.
  if (succeeded(loops) && !loops->empty() &&
      op.getIteratorTypesArray().front() == utils::IteratorType::parallel)
    if (auto outer = dyn_cast<scf::ForOp>(loops->front()))
      makeParallel(rewriter, outer);
  return loops;
}
} // namespace

LogicalResult mlir::quant_dyn::lowerLinalgToLoops(RewriterBase &rewriter,
                                                  Operation *root,
                                                  LoopParallelism parallelism) {
  SmallVector<linalg::LinalgOp> ops;
  root->walk([&](linalg::LinalgOp op) {
    if (op.hasPureBufferSemantics())
      ops.push_back(op);
  });
  for (linalg::LinalgOp op : ops) {
    rewriter.setInsertionPoint(op);
    bool nested = op->getParentOfType<scf::ParallelOp>() ||
                  op->getParentOfType<scf::ForallOp>();
    FailureOr<linalg::LinalgLoops> loops =
        nested ? linalg::linalgOpToLoops(rewriter, op)
               : lowerTopLevel(rewriter, op, parallelism);
    if (failed(loops))
      return op->emitOpError("could not be lowered to loops");
    rewriter.eraseOp(op);
  }
  return success();
}
