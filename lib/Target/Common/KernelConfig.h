//===- KernelConfig.h - codegen strategy of a blocked quantization --------===//
//
// The one place that decides how the CPU code of a `quant_dyn.quantize`
// lowering is shaped, from the static facts of its quantization generic
// (the `quant_dyn.block_root` op): which strategy, how many blocks one
// thread handles at a time, and the register-size sub-tile of the per-block
// loops. TileAndFuseBlocks applies the decision; docs/CodegenStrategy.md
// explains it per block shape.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_LIB_TRANSFORMS_KERNELCONFIG_H
#define QUANT_DYN_LIB_TRANSFORMS_KERNELCONFIG_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::quant_dyn {

enum class BlockStrategy {
  /// Blocks of a tile are fused and the whole tile is one vector: small
  /// tiles only (the tuned NVFP4 / MX kernels).
  FusedVector,
  /// Blocks of a tile are fused; inside the tile the amax and the
  /// quantization are loops over register-size sub-tiles (a vector
  /// accumulator for the amax), so IR size does not depend on the block.
  SubTiled,
  /// Too few blocks to keep every thread busy (per-tensor): the amax is
  /// split across threads (partial amax per chunk, then combined: max is
  /// exact in any order) and the quantization runs elementwise in parallel.
  SplitReduction,
};

StringRef stringifyBlockStrategy(BlockStrategy strategy);

/// Tunables of the decision (pass options).
struct BlockKernelLimits {
  /// Most blocks one tile holds along the innermost scale dimension.
  int64_t tileBlocks = 16;
  /// Widest tile, in elements, that is vectorized as a whole.
  int64_t maxFusedVectorElements = 512;
  /// Most elements of one register-size sub-tile.
  int64_t subTileElements = 64;
  /// Fewest static blocks for which one thread per block tile is enough.
  int64_t minParallelBlocks = 64;
  /// Chunks the split amax uses (one partial amax each).
  int64_t splitChunks = 64;
  /// Narrowest innermost sub-tile extent worth vectorizing (0: never).
  int64_t vectorizeMinLanes = 8;
};

struct BlockKernelConfig {
  BlockStrategy strategy = BlockStrategy::FusedVector;
  /// Tile sizes of the root's loops for the parallel loop over blocks
  /// (FusedVector, SubTiled) or over chunks of elements (SplitReduction);
  /// 0 leaves a loop whole.
  SmallVector<int64_t> blockTile;
  /// SplitReduction: the amax loop split into chunks, and the chunk size.
  int64_t splitDim = -1;
  int64_t splitSize = 0;
  /// Sub-tiles are vectorized (MLIR vectors); otherwise the per-block ops
  /// stay scalar loops that LLVM vectorizes (dynamic or odd extents).
  bool vectorize = false;
};

/// Picks the strategy and tile sizes of the quantization generic `root`.
BlockKernelConfig computeBlockKernelConfig(linalg::GenericOp root,
                                           const BlockKernelLimits &limits);

/// Register-size sub-tile of a linalg op inside a block tile: 1 on outer
/// loops, the innermost loop (and the next one out when the innermost is
/// narrow) filled up to `maxElements` with divisors of their static extents;
/// a reduction whose innermost loop is not covered whole also spans a few
/// iterations of the parallel loop next to it (blocks side by side).
/// Returns an empty vector when the innermost extent is dynamic or too
/// narrow to vectorize (`minLanes`).
SmallVector<int64_t> computeSubTile(linalg::LinalgOp op, int64_t maxElements,
                                    int64_t minLanes);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_LIB_TRANSFORMS_KERNELCONFIG_H
