//===- LowerLinalgToLoops.cpp - linalg to (parallel) loops ----------------===//

#include "quant-dyn/Target/Common/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_LOWERLINALGTOLOOPSPASS
#include "quant-dyn/Target/Common/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {
struct LowerLinalgToLoopsPass
    : public quant_dyn::impl::LowerLinalgToLoopsPassBase<
          LowerLinalgToLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    if (failed(quant_dyn::lowerLinalgToLoops(rewriter, getOperation(),
                                             parallelDims)))
      signalPassFailure();
  }
};
} // namespace
