//===- LinalgToLoops.h - Bufferized linalg to loops -------------*- C++ -*-===//
//
// The one lowering of bufferized linalg ops to loops that both targets use
// (quant-dyn-lower-linalg-to-loops for the CPU, the first step of
// quant-dyn-gpu-distribute-loops for the GPU). The targets differ only in
// which dimensions of a top-level op become parallel.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TARGET_COMMON_LINALGTOLOOPS_H
#define QUANT_DYN_TARGET_COMMON_LINALGTOLOOPS_H

#include "mlir/Support/LLVM.h"

namespace mlir {
class Operation;
class RewriterBase;

namespace quant_dyn {

/// Which loops of a linalg op outside any parallel loop become parallel.
enum class LoopParallelism {
  /// The outermost loop, when its dimension is parallel, as a 1-D
  /// scf.parallel; the inner loops stay sequential (CPU: one OpenMP loop,
  /// unit-stride inner loops for LLVM's vectorizers).
  Outermost,
  /// Every parallel dimension, as one multi-dimensional scf.parallel (GPU:
  /// all elements spread over threads).
  All,
};

/// Lowers every bufferized linalg op nested in `root` to loops. Ops inside
/// an scf.parallel or scf.forall become sequential scf.for loops (threads
/// are never nested); the others follow `parallelism`. Emits an error on
/// the op that cannot be lowered.
LogicalResult lowerLinalgToLoops(RewriterBase &rewriter, Operation *root,
                                 LoopParallelism parallelism);

} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_TARGET_COMMON_LINALGTOLOOPS_H
