//===- GPUKernelArgAttributes.cpp - Aligned, non-aliased kernel args ------===//
//
// After gpu-kernel-outlining: kernel memref arguments that every launch
// passes a device allocation get llvm.align, and kernels whose launches pass
// distinct allocations are marked for llvm.noalias.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/NVVM/Passes.h"

#include "BufferRoots.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/MapVector.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPUKERNELARGATTRIBUTESPASS
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

//===----------------------------------------------------------------------===//

struct GPUKernelArgAttributesPass
    : public quant_dyn::impl::GPUKernelArgAttributesPassBase<
          GPUKernelArgAttributesPass> {
  using GPUKernelArgAttributesPassBase::GPUKernelArgAttributesPassBase;

  struct KernelFacts {
    SmallVector<bool> aligned; // per argument, at every launch
    bool distinct = true;      // memref arguments never share memory
  };

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTableCollection symbols;
    llvm::MapVector<gpu::GPUFuncOp, KernelFacts> facts;
    module.walk([&](gpu::LaunchFuncOp launch) {
      auto kernel = symbols.lookupNearestSymbolFrom<gpu::GPUFuncOp>(
          launch, launch.getKernel());
      if (!kernel)
        return;
      auto [it, inserted] = facts.try_emplace(kernel);
      KernelFacts &kf = it->second;
      if (inserted)
        kf.aligned.assign(kernel.getNumArguments(), true);
      DenseSet<Value> seenRoots;
      for (auto [index, operand] :
           llvm::enumerate(launch.getKernelOperands())) {
        if (index >= kf.aligned.size())
          break;
        auto type = dyn_cast<MemRefType>(operand.getType());
        if (!type) {
          kf.aligned[index] = false;
          continue;
        }
        bool device =
            classifyBufferRoots(operand, hostBuffers) == BufferRootKind::Device;
        kf.aligned[index] =
            kf.aligned[index] && device && type.getLayout().isIdentity();
        // Distinct allocations: each root seen once over all operands.
        SmallVector<Value> roots;
        DenseSet<Value> visited;
        collectBufferRoots(operand, roots, visited);
        if (!device)
          kf.distinct = false;
        for (Value root : roots)
          if (!seenRoots.insert(root).second)
            kf.distinct = false;
      }
    });
    MLIRContext *ctx = &getContext();
    auto alignAttr = IntegerAttr::get(IntegerType::get(ctx, 64),
                                      nvvm::kDeviceBufferAlignment);
    for (auto &[kernel, kf] : facts) {
      bool anyMemRef = false;
      for (auto [index, ok] : llvm::enumerate(kf.aligned)) {
        if (!isa<MemRefType>(kernel.getArgument(index).getType()))
          continue;
        anyMemRef = true;
        if (ok)
          kernel.setArgAttr(index, "llvm.align", alignAttr);
      }
      if (anyMemRef && kf.distinct)
        kernel->setAttr(kNoAliasArgsAttrName, UnitAttr::get(ctx));
    }
  }
};

} // namespace
