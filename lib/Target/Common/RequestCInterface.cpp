//===- RequestCInterface.cpp - C wrappers for public definitions ----------===//

#include "quant-dyn/Target/Common/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_REQUESTCINTERFACEPASS
#include "quant-dyn/Target/Common/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {
struct RequestCInterfacePass
    : public quant_dyn::impl::RequestCInterfacePassBase<RequestCInterfacePass> {
  void runOnOperation() override {
    StringRef name = LLVM::LLVMDialect::getEmitCWrapperAttrName();
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isPublic() && !func.isExternal())
        func->setAttr(name, UnitAttr::get(&getContext()));
      // The signature is final: the output markers have been read, and LLVM
      // has no parameter attribute for them.
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        func.removeArgAttr(i, quant_dyn::kOutputArgAttrName);
    }
  }
};
} // namespace
