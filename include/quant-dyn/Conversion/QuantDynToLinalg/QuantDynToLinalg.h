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

/// Codegen choices of the quantize lowering (the pass options of the same
/// names); the results are the same either way.
struct QuantizeLoweringOptions {
  /// narrow-amax: the block amax of f16 / bf16 inputs is an i16 max of
  /// their magnitude bits.
  bool narrowAmax = false;
  /// innermost-chunk-blocks: a dynamic innermost extent blocked along
  /// itself only is quantized as whole chunks of this many blocks (a static
  /// dimension) plus a tail; 0 keeps one dynamic extent.
  int64_t innermostChunkBlocks = 0;
};

/// The same with the f32 -> narrow float conversions of `target` (which must
/// outlive the patterns), e.g. a chip's NVVM cvt ops, and `options`.
void populateQuantDynToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target,
    const QuantizeLoweringOptions &options = {});

/// The patterns of each op family, as collected by the functions above.
void populateQuantizeToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target,
    const QuantizeLoweringOptions &options = {});
void populateDequantizeToLinalgConversionPatterns(RewritePatternSet &patterns);
void populateLinearToLinalgConversionPatterns(RewritePatternSet &patterns);

} // namespace quant_dyn
} // namespace mlir

#endif
