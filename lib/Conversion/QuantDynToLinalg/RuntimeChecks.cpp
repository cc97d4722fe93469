//===- RuntimeChecks.cpp - Run-time shape checks of the lowering ----------===//
//
// See RuntimeChecks.h.
//
//===----------------------------------------------------------------------===//

#include "RuntimeChecks.h"

#include "BlockGeometry.h"
#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::quant_dyn;

namespace mlir::quant_dyn::detail {

FailureOr<FlatSymbolRefAttr>
getOrDeclareReportErrorFunction(RewriterBase &rewriter, Operation *op) {
  MLIRContext *ctx = op->getContext();
  auto name = StringAttr::get(ctx, QUANT_DYN_REPORT_ERROR_NAME);
  auto i64 = rewriter.getI64Type();
  // void quant_dyn_report_error(int32_t, int64_t, int64_t, int64_t).
  FunctionType type =
      rewriter.getFunctionType({rewriter.getI32Type(), i64, i64, i64}, {});
  auto module = op->getParentOfType<ModuleOp>();
  if (!module)
    return op->emitOpError()
           << "needs an enclosing module to declare the run-time error hook @"
           << name.getValue();

  Operation *existing = SymbolTable::lookupSymbolIn(module, name);
  if (!existing) {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(module.getBody());
    auto decl = func::FuncOp::create(rewriter, module.getLoc(),
                                     name.getValue(), type);
    decl.setPrivate();
  } else {
    auto func = dyn_cast<func::FuncOp>(existing);
    if (!func || func.getFunctionType() != type) {
      InFlightDiagnostic diag =
          op->emitOpError()
          << "needs the run-time error hook @" << name.getValue()
          << " of type " << type << ", but the module defines that symbol as '"
          << existing->getName() << "'";
      if (func)
        diag << " of type " << func.getFunctionType();
      diag.attachNote(existing->getLoc()) << "symbol defined here";
      return diag;
    }
  }
  return FlatSymbolRefAttr::get(name);
}

void RuntimeChecks::requireEqual(OpFoldResult actual, OpFoldResult expected,
                                 QuantDynErrorKind kind, int64_t dim) {
  auto a = getConstantIntValue(actual), e = getConstantIntValue(expected);
  if (a && e)
    return;
  Value av = toValue(rewriter, loc, actual);
  Value ev = toValue(rewriter, loc, expected);
  Value ok =
      arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq, av, ev);
  checks.push_back({ok, kind, dim, av, ev});
}

void RuntimeChecks::requireDivisible(OpFoldResult extent, int64_t divisor,
                                     QuantDynErrorKind kind, int64_t dim) {
  if (getConstantIntValue(extent) || divisor == 1)
    return;
  Value ev = toValue(rewriter, loc, extent);
  Value rem = arith::RemUIOp::create(rewriter, loc, ev,
                                     indexConst(rewriter, loc, divisor));
  Value ok = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq, rem,
                                   indexConst(rewriter, loc, 0));
  checks.push_back({ok, kind, dim, ev, indexConst(rewriter, loc, divisor)});
}

FailureOr<SmallVector<Value>> RuntimeChecks::guard(
    Operation *op, TypeRange resultTypes,
    ArrayRef<SmallVector<OpFoldResult>> fallbackDims,
    function_ref<SmallVector<Value>(OpBuilder &, Location)> compute) {
  if (checks.empty())
    return compute(rewriter, loc);
  FailureOr<FlatSymbolRefAttr> callee =
      getOrDeclareReportErrorFunction(rewriter, op);
  if (failed(callee))
    return failure();
  Value allOk = checks.front().ok;
  for (const Check &c : ArrayRef(checks).drop_front())
    allOk = arith::AndIOp::create(rewriter, loc, allOk, c.ok);
  auto ifOp = scf::IfOp::create(
      rewriter, loc, allOk,
      [&](OpBuilder &tb, Location l) {
        scf::YieldOp::create(tb, l, compute(tb, l));
      },
      [&](OpBuilder &eb, Location l) {
        for (const Check &c : checks) {
          Value failed = arith::XOrIOp::create(
              eb, l, c.ok,
              arith::ConstantIntOp::create(eb, l, eb.getI1Type(), 1));
          scf::IfOp::create(eb, l, failed, [&](OpBuilder &fb, Location fl) {
            auto i64 = fb.getI64Type();
            Value args[] = {
                arith::ConstantIntOp::create(fb, fl, fb.getI32Type(),
                                             static_cast<int32_t>(c.kind)),
                arith::ConstantIntOp::create(fb, fl, i64, c.dim),
                arith::IndexCastOp::create(fb, fl, i64, c.actual),
                arith::IndexCastOp::create(fb, fl, i64, c.expected)};
            func::CallOp::create(fb, fl, *callee, TypeRange(), args);
            scf::YieldOp::create(fb, fl);
          });
        }
        SmallVector<Value> empties;
        for (auto [type, dims] : llvm::zip_equal(resultTypes, fallbackDims)) {
          Value empty = emptyTensor(
              eb, l, dims, cast<RankedTensorType>(type).getElementType());
          empties.push_back(castTo(eb, l, empty, type));
        }
        scf::YieldOp::create(eb, l, empties);
      });
  return SmallVector<Value>(ifOp.getResults());
}

void requireValidBlocking(RuntimeChecks &checks, const BlockGeometry &g,
                          const ResolvedBlocking &blocking, bool isF4) {
  if (blocking.is1D)
    checks.requireDivisible(g.dims[blocking.axis],
                            blocking.blockPerDim[blocking.axis],
                            QUANT_DYN_ERROR_NOT_DIVISIBLE, blocking.axis);
  if (isF4)
    checks.requireDivisible(g.dims.back(), 2, QUANT_DYN_ERROR_ODD_F4_EXTENT,
                            g.rank - 1);
}

} // namespace mlir::quant_dyn::detail
