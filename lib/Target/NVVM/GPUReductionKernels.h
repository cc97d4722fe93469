//===- GPUReductionKernels.h - reductions as GPU kernel loops ---*- C++ -*-===//
//
// Internal to QuantDynTransforms: used by quant-dyn-gpu-distribute-loops.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_LIB_TRANSFORMS_GPUREDUCTIONKERNELS_H
#define QUANT_DYN_LIB_TRANSFORMS_GPUREDUCTIONKERNELS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::quant_dyn {

/// Whether a top-level bufferized linalg op needs lowerLinalgToKernelLoop
/// (it has reduction loops or no loops at all) rather than upstream's
/// linalgOpToParallelLoops (which would nest parallel loops between the
/// reduction loops, or leave rank-0 ops as host code).
bool needsKernelLoop(linalg::LinalgOp op);

/// Replaces `op` (buffer semantics) by one top-level scf.parallel whose
/// iterations become GPU threads:
///  * a reduction into one output whose combiner is an idempotent integer
///    max / min / and / or (such as the block amax) is split: each thread combines a
///    chunk of the reduction and merges its partial into the output with an
///    atomic read-modify-write, so even a single output (a per-tensor
///    amax) spreads over many threads, and consecutive threads read
///    consecutive addresses;
///  * any other op runs one thread per point of its parallel loops (one
///    thread for ops without any), with its reduction loops sequential in
///    order, so results match the CPU bit for bit.
LogicalResult lowerLinalgToKernelLoop(RewriterBase &rewriter,
                                      linalg::LinalgOp op);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_LIB_TRANSFORMS_GPUREDUCTIONKERNELS_H
