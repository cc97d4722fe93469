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
      FailureOr<linalg::LinalgLoops> loops =
          nested ? linalg::linalgOpToLoops(rewriter, op)
                 : linalg::linalgOpToParallelLoops(rewriter, op);
      if (failed(loops)) {
        op->emitOpError("could not be lowered to loops");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
