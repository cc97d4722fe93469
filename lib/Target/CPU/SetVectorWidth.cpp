//===- SetVectorWidth.cpp - Vector register width of the kernels ----------===//

#include "quant-dyn/Target/CPU/Passes.h"
#include "quant-dyn/Target/Common/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_SETVECTORWIDTHPASS
#include "quant-dyn/Target/CPU/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {
struct SetVectorWidthPass
    : public quant_dyn::impl::SetVectorWidthPassBase<SetVectorWidthPass> {
  using Base::Base;

  void runOnOperation() override {
    if (!quant_dyn::cpu::isSupportedVectorWidth(vectorWidth)) {
      getOperation().emitError()
          << "vector-width must be 0 (automatic), 128, 256 or 512, got "
          << static_cast<unsigned>(vectorWidth);
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<LLVM::LLVMFuncOp>()) {
      if (func.isExternal())
        continue;
      unsigned width = vectorWidth;
      bool subTiles = func->removeAttr(quant_dyn::kVectorSubTilesAttrName) !=
                      nullptr;
      // Automatic: the CPU's widest registers, except for code that divides
      // in the loops LLVM vectorizes. 512-bit division is no faster per
      // element than 256-bit on AVX-512 CPUs and costs clock speed: the
      // NVFP4 quantizer (f32 input, e4m3 scales) ran 0.80 -> 0.90 of memcpy
      // with ymm, while kernels without division (e8m0 scales: exact
      // multiplies) are faster with zmm. The vector sub-tile loops of the
      // larger blocks divide too, but their f8 conversion (integer ops, two
      // zmm ports against three ymm ones) outweighs the division: they ran
      // 25-35% faster with zmm. Without AVX-512, 256 is the widest anyway.
      if (width == 0 && !subTiles && divides(func))
        width = quant_dyn::cpu::kDividingVectorWidth;
      if (width != 0)
        setWidth(func, width);
    }
  }

  static bool divides(LLVM::LLVMFuncOp func) {
    return func.walk([](LLVM::FDivOp) { return WalkResult::interrupt(); })
        .wasInterrupted();
  }

  static void setWidth(LLVM::LLVMFuncOp func, unsigned width) {
    MLIRContext *context = func.getContext();
    std::string text = std::to_string(width);
    // prefer-vector-width steers the vectorizers; min-legal-vector-width is
    // what keeps the backend from using wider registers for the explicit
    // vector ops (without it x86 treats 512-bit types as legal).
    func.setPreferVectorWidth(text);
    SmallVector<Attribute> passthrough;
    if (std::optional<ArrayAttr> existing = func.getPassthrough())
      passthrough.append(existing->begin(), existing->end());
    passthrough.push_back(ArrayAttr::get(
        context, {StringAttr::get(context, "min-legal-vector-width"),
                  StringAttr::get(context, text)}));
    func.setPassthroughAttr(ArrayAttr::get(context, passthrough));
  }
};
} // namespace
