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
/// with the portable narrow float conversions. They are conversion patterns:
/// apply them with a ConversionTarget that marks those ops illegal (the
/// quant_dyn.storage_cast ops they create stay legal).
void populateQuantDynToLinalgConversionPatterns(RewritePatternSet &patterns);

/// The same with the f32 -> narrow float conversions of `target` (which must
/// outlive the patterns), e.g. a chip's NVVM cvt ops. With `narrowAmax`, the
/// block amax of f16 / bf16 inputs is an i16 max (the pass's narrow-amax).
void populateQuantDynToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target,
    bool narrowAmax = false);

/// The patterns of each op family, as collected by the functions above.
void populateQuantizeToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target,
    bool narrowAmax = false);
void populateDequantizeToLinalgConversionPatterns(RewritePatternSet &patterns);
void populateLinearToLinalgConversionPatterns(RewritePatternSet &patterns);

} // namespace quant_dyn
} // namespace mlir

#endif
