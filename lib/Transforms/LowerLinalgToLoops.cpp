//===- LowerLinalgToLoops.cpp - linalg to (parallel) loops ----------------===//

#include "quant-dyn/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_LOWERLINALGTOLOOPSPASS
#include "quant-dyn/Transforms/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

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

struct LowerLinalgToLoopsPass
    : public quant_dyn::impl::LowerLinalgToLoopsPassBase<
          LowerLinalgToLoopsPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      rewriter.setInsertionPoint(op);
      bool nested = op->getParentOfType<scf::ParallelOp>() ||
                    op->getParentOfType<scf::ForallOp>();
      FailureOr<linalg::LinalgLoops> loops = linalg::linalgOpToLoops(rewriter, op);
      if (failed(loops)) {
        op->emitOpError("could not be lowered to loops");
        return signalPassFailure();
      }
      // Only the outermost loop is distributed over threads; the inner ones
      // stay sequential with unit stride, which LLVM vectorizes.
      if (!nested && !loops->empty() &&
          op.getIteratorTypesArray().front() == utils::IteratorType::parallel)
        if (auto outer = dyn_cast<scf::ForOp>(loops->front()))
          makeParallel(rewriter, outer);
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
