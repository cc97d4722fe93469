//===- QuantDynToLinalg.cpp - quant_dyn to tensor-level linalg ------------===//
//
// Lowers the quant_dyn ops to one tensor-level form shared by the CPU and GPU
// pipelines: tensor.pad / expand_shape to make blocks a dimension, a linalg
// reduction for the block amax, elementwise linalg for the scales and a
// broadcasting linalg.generic for the data. All numerics come from the
// FloatConversions builders (lib/Utils), so both targets compute bit-identical results.
//
// The patterns live with their op family (QuantizeToLinalg.cpp,
// DequantizeToLinalg.cpp, LinearToLinalg.cpp); this file only drives them.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Conversion/QuantDynToLinalg/QuantDynToLinalg.h"

#include "quant-dyn/Target/NVVM/NVVMNarrowFloatTarget.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_CONVERTQUANTDYNTOLINALGPASS
#include "quant-dyn/Conversion/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

struct ConvertQuantDynToLinalgPass
    : public quant_dyn::impl::ConvertQuantDynToLinalgPassBase<
          ConvertQuantDynToLinalgPass> {
  using ConvertQuantDynToLinalgPassBase::ConvertQuantDynToLinalgPassBase;

  void getDependentDialects(DialectRegistry &registry) const override {
    ConvertQuantDynToLinalgPassBase::getDependentDialects(registry);
    registerNVVMConversionOpInterfaces(registry);
  }

  void runOnOperation() override {
    // Without a chip: the portable builders (CPU, host emulation).
    std::unique_ptr<NarrowFloatTarget> nvvmTarget;
    if (!nvvmChip.empty()) {
      FailureOr<NVVMChip> chip = NVVMChip::parse(nvvmChip);
      if (failed(chip)) {
        getOperation().emitError("nvvm-chip: unknown NVIDIA chip '")
            << nvvmChip << "' (expected sm_<N>[a|f], e.g. sm_90a)";
        return signalPassFailure();
      }
      nvvmTarget = createNVVMNarrowFloatTarget(*chip, nvvmFeatures);
    }
    const NarrowFloatTarget &target =
        nvvmTarget ? *nvvmTarget : getPortableNarrowFloatTarget();
    RewritePatternSet patterns(&getContext());
    QuantizeLoweringOptions options;
    options.narrowAmax = narrowAmax;
    options.innermostChunkBlocks = innermostChunkBlocks;
    populateQuantDynToLinalgConversionPatterns(patterns, target, options);

    // The four computing ops must go; every other op, including the
    // quant_dyn.storage_cast ops the patterns create, is legal (the ops a
    // pattern creates must be, or the pattern is rolled back). An op that
    // cannot be lowered fails the pass with a diagnostic.
    ConversionTarget conversionTarget(getContext());
    conversionTarget.addIllegalOp<QuantizeOp, DequantizeOp, QuantizeLinearOp,
                                  DequantizeLinearOp>();
    conversionTarget.markUnknownOpDynamicallyLegal(
        [](Operation *) { return true; });
    // Each op is rewritten once; the IR around it is not folded or
    // canonicalized (that is left to the pipelines).
    ConversionConfig config;
    config.foldingMode = DialectConversionFoldingMode::Never;
    if (failed(applyPartialConversion(getOperation(), conversionTarget,
                                      std::move(patterns), config)))
      signalPassFailure();
  }
};

} // namespace

void mlir::quant_dyn::populateQuantDynToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  populateQuantDynToLinalgConversionPatterns(patterns,
                                             getPortableNarrowFloatTarget());
}

void mlir::quant_dyn::populateQuantDynToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target,
    const QuantizeLoweringOptions &options) {
  populateQuantizeToLinalgConversionPatterns(patterns, target, options);
  populateDequantizeToLinalgConversionPatterns(patterns);
  populateLinearToLinalgConversionPatterns(patterns);
}
