//===- Passes.h - Passes every target uses ----------------------*- C++ -*-===//

#ifndef QUANT_DYN_TARGET_COMMON_PASSES_H
#define QUANT_DYN_TARGET_COMMON_PASSES_H

#include "quant-dyn/Target/Common/LinalgToLoops.h"

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace arith { class ArithDialect; }
namespace bufferization { class BufferizationDialect; }
namespace memref { class MemRefDialect; }
namespace scf { class SCFDialect; }
namespace tensor { class TensorDialect; }
namespace vector { class VectorDialect; }
namespace func { class FuncOp; }

namespace quant_dyn {
#define GEN_PASS_DECL
#include "quant-dyn/Target/Common/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "quant-dyn/Target/Common/Passes.h.inc"

/// Unit attribute quant-dyn-tile-and-fuse-blocks puts on a function whose
/// blocked quantizations became loops over vector sub-tiles (read by the CPU
/// pipeline's quant-dyn-set-vector-width, which removes it).
inline constexpr llvm::StringLiteral kVectorSubTilesAttrName =
    "quant_dyn.vector_sub_tiles";

/// Unit argument attribute quant-dyn-results-to-out-params puts on the
/// output memrefs it appends (read by the GPU pipeline's
/// quant-dyn-gpu-host-device-buffers, which removes it).
inline constexpr llvm::StringLiteral kOutputArgAttrName = "quant_dyn.output";

/// Function attribute quant-dyn-mark-read-only-arguments sets: the indices
/// (a DenseI64ArrayAttr) of the memref arguments the function never writes.
/// It survives the lowering to the LLVM dialect, where the executables read
/// it: they copy fresh inputs before each call only for the other arguments.
inline constexpr llvm::StringLiteral kReadOnlyArgumentsAttrName =
    "quant_dyn.read_only_arguments";
} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_TARGET_COMMON_PASSES_H
