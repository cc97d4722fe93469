//===- GPULibdeviceToIntrinsics.cpp - exact libdevice calls as intrinsics -===//

#include "quant-dyn/Target/NVVM/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPULIBDEVICETOINTRINSICSPASS
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {

/// Creates the intrinsic equivalent to libdevice function `name`, or
/// returns null when there is none.
Value createIntrinsic(OpBuilder &b, Location loc, StringRef name,
                      ValueRange args) {
  auto unary = [&](auto tag) -> Value {
    using OpTy = decltype(tag);
    if (args.size() != 1)
      return nullptr;
    return OpTy::create(b, loc, args[0].getType(), args[0]);
  };
  StringRef base = name;
  // f32 variants end in 'f' (__nv_rintf), f64 ones do not (__nv_rint).
  if (base.ends_with("f") && args.size() >= 1 && args[0].getType().isF32())
    base = base.drop_back();
  else if (!(args.size() >= 1 && args[0].getType().isF64()))
    return nullptr;
  if (base == "__nv_rint")
    return unary(LLVM::RoundEvenOp());
  if (base == "__nv_floor")
    return unary(LLVM::FFloorOp());
  if (base == "__nv_ceil")
    return unary(LLVM::FCeilOp());
  if (base == "__nv_trunc")
    return unary(LLVM::FTruncOp());
  if (base == "__nv_fabs")
    return unary(LLVM::FAbsOp());
  if (base == "__nv_sqrt")
    return unary(LLVM::SqrtOp());
  if (base == "__nv_copysign" && args.size() == 2)
    return LLVM::CopySignOp::create(b, loc, args[0].getType(), args[0],
                                    args[1]);
  return nullptr;
}

struct GPULibdeviceToIntrinsicsPass
    : public quant_dyn::impl::GPULibdeviceToIntrinsicsPassBase<
          GPULibdeviceToIntrinsicsPass> {
  void runOnOperation() override {
    gpu::GPUModuleOp module = getOperation();
    SmallVector<LLVM::CallOp> calls;
    module.walk([&](LLVM::CallOp call) {
      std::optional<StringRef> callee = call.getCallee();
      if (callee && callee->starts_with("__nv_") && call.getNumResults() == 1)
        calls.push_back(call);
    });
    for (LLVM::CallOp call : calls) {
      OpBuilder b(call);
      Value replacement = createIntrinsic(b, call.getLoc(), *call.getCallee(),
                                          call.getArgOperands());
      if (!replacement || replacement.getType() != call.getResult().getType())
        continue;
      call.getResult().replaceAllUsesWith(replacement);
      call.erase();
    }
    for (LLVM::LLVMFuncOp func :
         llvm::make_early_inc_range(module.getOps<LLVM::LLVMFuncOp>()))
      if (func.isExternal() && func.getName().starts_with("__nv_") &&
          SymbolTable::symbolKnownUseEmpty(func, module))
        func.erase();
  }
};

} // namespace
