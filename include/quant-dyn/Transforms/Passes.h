//===- Passes.h - quant_dyn transformation passes ---------------*- C++ -*-===//

#ifndef QUANT_DYN_TRANSFORMS_PASSES_H
#define QUANT_DYN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace affine { class AffineDialect; }
namespace memref { class MemRefDialect; }
namespace scf { class SCFDialect; }
namespace tensor { class TensorDialect; }
namespace vector { class VectorDialect; }
namespace func { class FuncOp; }

namespace quant_dyn {
#define GEN_PASS_DECL
#include "quant-dyn/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "quant-dyn/Transforms/Passes.h.inc"

/// The vector-width values quant-dyn-set-vector-width (and the CPU
/// pipeline's option) take: 0 (automatic), 128, 256 or 512.
inline bool isSupportedVectorWidth(unsigned width) {
  return width == 0 || width == 128 || width == 256 || width == 512;
}
} // namespace quant_dyn
} // namespace mlir

#endif
