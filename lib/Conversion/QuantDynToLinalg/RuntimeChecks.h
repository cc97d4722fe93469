//===- RuntimeChecks.h - Run-time shape checks of the lowering --*- C++ -*-===//
//
// The run-time halves of the verifier's shape rules: comparisons of dynamic
// extents that guard the computation of a lowered op, and the calls to the
// run-time error hook of quant-dyn-c/Runtime.h when one fails. Private to
// the conversion.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_RUNTIMECHECKS_H
#define QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_RUNTIMECHECKS_H

#include "quant-dyn-c/Runtime.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynTypeRules.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::quant_dyn::detail {

struct BlockGeometry;

/// Declares the run-time error hook in `op`'s module (once, through
/// `rewriter`) and returns a reference to it. Fails with an error on `op`
/// when the module already has a symbol of that name that is not a function
/// of the hook's type.
FailureOr<FlatSymbolRefAttr>
getOrDeclareReportErrorFunction(RewriterBase &rewriter, Operation *op);

/// Collects the checks of one op, then builds its computation behind them.
class RuntimeChecks {
public:
  RuntimeChecks(RewriterBase &rewriter, Location loc)
      : rewriter(rewriter), loc(loc) {}

  /// actual == expected (skipped when both are constants: the verifier
  /// already compared them).
  void requireEqual(OpFoldResult actual, OpFoldResult expected,
                    QuantDynErrorKind kind, int64_t dim);

  /// extent % divisor == 0 for a dynamic extent.
  void requireDivisible(OpFoldResult extent, int64_t divisor,
                        QuantDynErrorKind kind, int64_t dim);

  /// Runs `compute` when every check holds; otherwise reports each failed
  /// check through the error hook and yields uninitialized tensors of
  /// `fallbackDims` (no computation, so no out-of-bounds access). Fails, with
  /// an error on `op`, when the hook cannot be declared.
  FailureOr<SmallVector<Value>>
  guard(Operation *op, TypeRange resultTypes,
        ArrayRef<SmallVector<OpFoldResult>> fallbackDims,
        function_ref<SmallVector<Value>(OpBuilder &, Location)> compute);

private:
  struct Check {
    Value ok;
    QuantDynErrorKind kind;
    int64_t dim;
    Value actual, expected; // index values
  };

  RewriterBase &rewriter;
  Location loc;
  SmallVector<Check> checks;
};

/// The run-time blocking rules shared by quantize and dequantize: a dynamic
/// 1D-blocked extent must divide by the block size, and a dynamic innermost
/// f4 extent must be even.
void requireValidBlocking(RuntimeChecks &checks, const BlockGeometry &g,
                          const ResolvedBlocking &blocking, bool isF4);

} // namespace mlir::quant_dyn::detail

#endif // QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_RUNTIMECHECKS_H
