//===- MarkReadOnlyArguments.cpp - arguments a function never writes ------===//
//
// After bufferization, records the memref arguments whose memory a function
// provably does not write, so that callers which re-run it (the executables'
// repeated and timed calls) need not copy fresh inputs into them.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/Common/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_MARKREADONLYARGUMENTSPASS
#include "quant-dyn/Target/Common/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

/// Whether `user`, a user of the memref `value`, may write memory through
/// it. Views of it are the caller's business (their results are followed).
static bool mayWriteThrough(Operation *user, Value value) {
  if (isa<func::ReturnOp>(user))
    return false;
  auto effects = dyn_cast<MemoryEffectOpInterface>(user);
  if (!effects)
    return true;
  // A pure op that passes the memref on (arith.select, a terminator that
  // yields it) makes an alias this walk would not see.
  if (llvm::any_of(user->getResultTypes(), llvm::IsaPred<BaseMemRefType>) ||
      user->hasTrait<OpTrait::IsTerminator>())
    return true;
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  return llvm::any_of(instances, [&](const MemoryEffects::EffectInstance &e) {
    if (!isa<MemoryEffects::Write, MemoryEffects::Free>(e.getEffect()))
      return false;
    // A write to no particular value may be to this one.
    Value written = e.getValue();
    return !written || written == value;
  });
}

/// Whether the memory of the memref `root` may be written, through it or
/// through any view of it.
static bool mayBeWritten(Value root) {
  SmallVector<Value> worklist{root};
  llvm::SmallPtrSet<Value, 8> seen;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!seen.insert(value).second)
      continue;
    for (Operation *user : value.getUsers()) {
      auto view = dyn_cast<ViewLikeOpInterface>(user);
      if (view && view.getViewSource() == value) {
        for (Value result : user->getResults())
          if (isa<BaseMemRefType>(result.getType()))
            worklist.push_back(result);
        continue;
      }
      if (mayWriteThrough(user, value))
        return true;
    }
  }
  return false;
}

namespace {
struct MarkReadOnlyArgumentsPass
    : public quant_dyn::impl::MarkReadOnlyArgumentsPassBase<
          MarkReadOnlyArgumentsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    SmallVector<int64_t> readOnly;
    for (BlockArgument arg : func.getArguments())
      if (isa<BaseMemRefType>(arg.getType()) && !mayBeWritten(arg))
        readOnly.push_back(arg.getArgNumber());
    func->setAttr(quant_dyn::kReadOnlyArgumentsAttrName,
                  DenseI64ArrayAttr::get(&getContext(), readOnly));
  }
};
} // namespace
