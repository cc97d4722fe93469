//===- ExpandNVVMConversions.cpp - PTX cvt semantics as arith (testing) ---===//
//
// A model of cvt.rn.satfinite.<f8 / f6 / f4>x2.f32 per the PTX ISA, so the
// hardware-cvt lowering can run on a CPU and be compared with the portable
// one: non-NaN sources go through the portable builders (whose results are
// the documented RNE / satfinite ones), NaN sources give values quant_dyn
// does not (see TestPasses.td), and the first source lands in the upper half.
//
//===----------------------------------------------------------------------===//

#include "TestPasses.h"

#include "quant-dyn/Utils/FloatConversions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_EXPANDNVVMCONVERSIONSPASS
#include "TestPasses.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

/// The code of one f32 source as the PTX instruction is documented to give
/// it, in an i32 lane.
Value modelCode(OpBuilder &b, Location loc, Value x, Type format) {
  NarrowFloatFormat fmt = *getNarrowFloatFormat(format);
  Value code = buildTruncFromF32(b, loc, x, fmt, /*satfinite=*/true);
  Value isNaN = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  Value nanCode;
  if (fmt.nanCode != 0) {
    // A NaN of the format with the source's sign (0xFF for -NaN).
    Value bits = arith::BitcastOp::create(b, loc, b.getI32Type(), x);
    Value sign = arith::ShRUIOp::create(
        b, loc, bits, createI32Constant(b, loc, bits.getType(), 31));
    sign = arith::ShLIOp::create(
        b, loc, sign,
        createI32Constant(b, loc, bits.getType(), fmt.bitWidth - 1));
    nanCode = arith::OrIOp::create(
        b, loc, sign, createI32Constant(b, loc, bits.getType(), fmt.nanCode));
  } else {
    nanCode = createI32Constant(b, loc, code.getType(), fmt.maxFiniteCode);
  }
  return arith::SelectOp::create(b, loc, isNaN, nanCode, code);
}

/// (code(upper) << shift) | code(lower) truncated to `resultType`.
Value modelPair(OpBuilder &b, Location loc, Value upper, Value lower,
                Type format, unsigned shift, Type resultType) {
  Value hi = modelCode(b, loc, upper, format);
  Value lo = modelCode(b, loc, lower, format);
  hi = arith::ShLIOp::create(b, loc, hi,
                             createI32Constant(b, loc, hi.getType(), shift));
  Value packed = arith::OrIOp::create(b, loc, hi, lo);
  return arith::TruncIOp::create(b, loc, resultType, packed);
}

template <typename OpTy>
struct ExpandPairConversion : public OpRewritePattern<OpTy> {
  ExpandPairConversion(MLIRContext *ctx, unsigned shift)
      : OpRewritePattern<OpTy>(ctx), shift(shift) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!op.getType().isIntOrIndex() || op.getRelu())
      return rewriter.notifyMatchFailure(op, "only the packed integer form");
    if constexpr (std::is_same_v<OpTy, NVVM::ConvertF32x2ToF8x2Op>)
      if (op.getRnd() != NVVM::FPRoundingMode::RN ||
          op.getSat() != NVVM::SaturationMode::SATFINITE)
        return rewriter.notifyMatchFailure(op, "only rn.satfinite");
    rewriter.replaceOp(op,
                       modelPair(rewriter, op.getLoc(), op.getA(), op.getB(),
                                 op.getDstTy(), shift, op.getType()));
    return success();
  }

  unsigned shift;
};

struct ExpandNVVMConversionsPass
    : public quant_dyn::impl::ExpandNVVMConversionsPassBase<
          ExpandNVVMConversionsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<ExpandPairConversion<NVVM::ConvertF32x2ToF8x2Op>,
                 ExpandPairConversion<NVVM::ConvertF32x2ToF6x2Op>>(ctx, 8);
    patterns.add<ExpandPairConversion<NVVM::ConvertF32x2ToF4x2Op>>(ctx, 4);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    WalkResult left = getOperation()->walk([](Operation *op) {
      if (isa<NVVM::ConvertF32x2ToF8x2Op, NVVM::ConvertF32x2ToF6x2Op,
              NVVM::ConvertF32x2ToF4x2Op>(op)) {
        op->emitOpError("has no model");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
