//===- GPUNoAliasKernelArgs.cpp - llvm.noalias on marked kernels ----------===//
//
// After convert-gpu-to-nvvm (which drops llvm.noalias on memref arguments):
// the pointer arguments of kernels marked by
// quant-dyn-gpu-kernel-arg-attributes get llvm.noalias.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/NVVM/Passes.h"

#include "BufferRoots.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPUNOALIASKERNELARGSPASS
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

struct GPUNoAliasKernelArgsPass
    : public quant_dyn::impl::GPUNoAliasKernelArgsPassBase<
          GPUNoAliasKernelArgsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    getOperation().walk([&](LLVM::LLVMFuncOp func) {
      if (!func->removeAttr(kNoAliasArgsAttrName))
        return;
      for (auto [index, type] :
           llvm::enumerate(func.getFunctionType().getParams()))
        if (isa<LLVM::LLVMPointerType>(type))
          func.setArgAttr(index, LLVM::LLVMDialect::getNoAliasAttrName(),
                          UnitAttr::get(ctx));
    });
  }
};

} // namespace
