//===- QuantDynToLinalg.h - quant_dyn to linalg -----------------*- C++ -*-===//

#ifndef QUANT_DYN_CONVERSION_QUANTDYNTOLINALG_QUANTDYNTOLINALG_H
#define QUANT_DYN_CONVERSION_QUANTDYNTOLINALG_QUANTDYNTOLINALG_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
namespace affine { class AffineDialect; }
namespace arith { class ArithDialect; }
namespace func { class FuncDialect; }
namespace linalg { class LinalgDialect; }
namespace math { class MathDialect; }
namespace scf { class SCFDialect; }
namespace tensor { class TensorDialect; }

namespace NVVM { class NVVMDialect; }

namespace quant_dyn {
class NarrowFloatTarget;

#define GEN_PASS_DECL_CONVERTQUANTDYNTOLINALGPASS
#include "quant-dyn/Conversion/Passes.h.inc"

/// Patterns rewriting quant_dyn.quantize, dequantize, quantize_linear and
/// dequantize_linear into tensor-level linalg / tensor / arith / scf ops,
/// with the portable narrow float conversions.
void populateQuantDynToLinalgConversionPatterns(RewritePatternSet &patterns);

/// The same with the f32 -> narrow float conversions of `target` (which must
/// outlive the patterns), e.g. a chip's NVVM cvt ops.
void populateQuantDynToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target);

/// Name of the C function compiled code calls to report a run-time error.
inline constexpr const char *kReportErrorFunctionName =
    "quant_dyn_report_error";

/// Kinds passed to quant_dyn_report_error.
enum class RuntimeErrorKind : int32_t {
  NotDivisible = 1,   // extent `actual` of dim `dim` % block `expected` != 0
  OddF4Extent = 2,    // f4E2M1FN innermost extent `actual` is odd
  ScaleExtent = 3,    // scales dim `dim` is `actual`, expected `expected`
  ResultExtent = 4,   // dim `dim` is `actual`, the type requires `expected`
  ScalesCount = 5,    // scales hold `actual` elements, expected `expected`
  ZeroPointCount = 6, // zps hold `actual` elements, expected `expected`
};
} // namespace quant_dyn
} // namespace mlir

#endif
