//===- GPUMergeKernelModules.cpp - one gpu.module per compiled module -----===//

#include "quant-dyn/Target/NVVM/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPUMERGEKERNELMODULESPASS
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {

constexpr StringLiteral kMergedModuleName = "quant_dyn_kernels";

struct GPUMergeKernelModulesPass
    : public quant_dyn::impl::GPUMergeKernelModulesPassBase<
          GPUMergeKernelModulesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> kernelModules(
        module.getOps<gpu::GPUModuleOp>());
    if (kernelModules.size() < 2 &&
        (kernelModules.empty() ||
         kernelModules.front().getSymName() == kMergedModuleName))
      return;
    for (gpu::GPUModuleOp kernelModule : kernelModules)
      if (kernelModule.getTargetsAttr() ||
          kernelModule.getOffloadingHandlerAttr()) {
        kernelModule.emitError("kernel modules are merged before a target is "
                               "attached");
        return signalPassFailure();
      }

    OpBuilder builder(kernelModules.front());
    auto merged =
        gpu::GPUModuleOp::create(builder, module.getLoc(), kMergedModuleName);
    SymbolTable mergedSymbols(merged);
    SymbolTable moduleSymbols(module);
    // Old @module::@kernel -> new @quant_dyn_kernels::@kernel.
    DenseMap<Attribute, SymbolRefAttr> renamed;
    for (gpu::GPUModuleOp kernelModule : kernelModules) {
      StringRef moduleName = kernelModule.getSymName();
      for (Operation &op :
           llvm::make_early_inc_range(kernelModule.getBodyRegion().front())) {
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        if (!symbol)
          continue;
        StringAttr oldName = symbol.getNameAttr();
        op.remove();
        StringAttr newName = mergedSymbols.insert(&op);
        renamed[SymbolRefAttr::get(builder.getStringAttr(moduleName),
                                   {FlatSymbolRefAttr::get(oldName)})] =
            SymbolRefAttr::get(merged.getSymNameAttr(),
                               {FlatSymbolRefAttr::get(newName)});
      }
      kernelModule.erase();
    }
    // Inserted after the erase so the merged module keeps its name.
    if (merged.getSymName() != kMergedModuleName)
      (void)moduleSymbols.rename(merged, kMergedModuleName);

    WalkResult result = module.walk([&](gpu::LaunchFuncOp launch) {
      auto it = renamed.find(launch.getKernel());
      if (it == renamed.end()) {
        launch.emitOpError("launches a kernel that was not found in any "
                           "gpu.module");
        return WalkResult::interrupt();
      }
      launch.setKernelAttr(it->second);
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
