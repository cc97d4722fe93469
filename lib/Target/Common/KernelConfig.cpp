//===- KernelConfig.cpp - codegen strategy of a blocked quantization ------===//

#include "KernelConfig.h"

using namespace mlir;
using namespace mlir::quant_dyn;

StringRef mlir::quant_dyn::stringifyBlockStrategy(BlockStrategy strategy) {
  switch (strategy) {
  case BlockStrategy::FusedVector:
    return "fused-vector";
  case BlockStrategy::SubTiled:
    return "sub-tiled";
  case BlockStrategy::SplitReduction:
    return "split-reduction";
  }
  llvm_unreachable("unknown block strategy");
}

/// Blocks side by side that one amax sub-tile of wide blocks spans.
static constexpr int64_t kSideBySideBlocks = 4;

/// The largest divisor of `extent` that is at most `limit` (1 if none).
static int64_t largestDivisorAtMost(int64_t extent, int64_t limit) {
  for (int64_t d = std::min(extent, limit); d > 1; --d)
    if (extent % d == 0)
      return d;
  return 1;
}

/// The largest power of two that divides `extent` and is at most `limit`.
static int64_t largestPowerOfTwoDivisorAtMost(int64_t extent, int64_t limit) {
  int64_t d = 1;
  while (d * 2 <= limit && extent % (d * 2) == 0)
    d *= 2;
  return d;
}

/// The smallest divisor of `extent` that is at least `limit`.
static int64_t smallestDivisorAtLeast(int64_t extent, int64_t limit) {
  for (int64_t d = std::max<int64_t>(limit, 1); d < extent; ++d)
    if (extent % d == 0)
      return d;
  return extent;
}

BlockKernelConfig
mlir::quant_dyn::computeBlockKernelConfig(linalg::GenericOp root,
                                          const BlockKernelLimits &limits) {
  BlockKernelConfig config;
  int64_t numLoops = root.getNumLoops();
  SmallVector<int64_t> ranges = root.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = root.getIteratorTypesArray();
  config.blockTile.assign(numLoops, 0);

  // Scale dimensions index the per-block parameter (the last input); the
  // other dimensions run inside a block. Only parallel scale dimensions are
  // tiled: a reduction loop split over threads would let two iterations
  // write the same output element (the f4 pair).
  AffineMap paramMap = root.getMatchingIndexingMap(
      root.getDpsInputOperand(root.getNumDpsInputs() - 1));
  SmallVector<bool> isScale(numLoops, false);
  int64_t innermostScale = -1;
  for (AffineExpr expr : paramMap.getResults())
    if (auto dim = dyn_cast<AffineDimExpr>(expr))
      if (iterators[dim.getPosition()] == utils::IteratorType::parallel) {
        isScale[dim.getPosition()] = true;
        innermostScale = std::max<int64_t>(innermostScale, dim.getPosition());
      }
  if (innermostScale < 0)
    return config;

  std::optional<int64_t> numBlocks = 1, blockElements = 1;
  for (int64_t i = 0; i < numLoops; ++i) {
    std::optional<int64_t> &product = isScale[i] ? numBlocks : blockElements;
    if (product && !ShapedType::isDynamic(ranges[i]))
      *product *= ranges[i];
    else
      product = std::nullopt;
  }

  // Few blocks: split the work of a block across threads along its
  // outermost parallel block dimension (the rows of a per-tensor block).
  // Small tensors are not worth the threads. Tall column-like blocks (the
  // innermost loop is a scale dimension, the block spans many rows) are
  // split the same way: a tile of whole columns would not fit the caches.
  bool columnLike = innermostScale == numLoops - 1;
  bool large =
      !blockElements || !numBlocks || *numBlocks * *blockElements >= 65536;
  bool tallColumns = columnLike && limits.minParallelBlocks > 0 &&
                     (!blockElements || *blockElements > 1024);
  if (((numBlocks && *numBlocks < limits.minParallelBlocks) || tallColumns) &&
      large) {
    for (int64_t i = 0; i < numLoops; ++i) {
      if (isScale[i] || iterators[i] != utils::IteratorType::parallel)
        continue;
      int64_t extent = ranges[i];
      if (extent == 1)
        continue;
      config.strategy = BlockStrategy::SplitReduction;
      config.splitDim = i;
      // About splitChunks chunks; whole chunks where the extent is static.
      config.splitSize =
          ShapedType::isDynamic(extent)
              ? 16
              : smallestDivisorAtLeast(
                    extent, llvm::divideCeil(extent, limits.splitChunks));
      config.blockTile[i] = config.splitSize;
      config.vectorize = limits.vectorizeMinLanes > 0;
      return config;
    }
  }

  // One tile per thread iteration: every scale dimension tiled by 1 block,
  // the innermost one by several. Column-like blocks (the innermost loop is
  // a scale dimension) take 64 to 1024 columns, up to 64 Ki elements, so
  // each row of the tile is a few contiguous vectors; row-like blocks as
  // many as keep a large tile within 64 Ki elements (swept twice, from the
  // L2 cache: 4 blocks of 128x128, whose rows are then 4 blocks long).
  for (int64_t i = 0; i < numLoops; ++i)
    if (isScale[i])
      config.blockTile[i] = 1;
  int64_t extent = ranges[innermostScale];
  int64_t maxBlocks = limits.tileBlocks;
  // Blocks of a tile along a static scale dimension. Vectorized (CPU) tiles
  // take whole powers of two: the per-tile scale loops then have trip counts
  // LLVM vectorizes without a masked tail. LLVM 22's x86 backend turns a
  // one-lane masked store of a truncated i16 vector (a 9-block tile of bf16
  // scales) into a 4-byte store, writing past the scale.
  auto tileDivisor = [&](int64_t range, int64_t limit) {
    return limits.vectorizeMinLanes > 0
               ? largestPowerOfTwoDivisorAtMost(range, limit)
               : largestDivisorAtMost(range, limit);
  };
  // Vectorized row-like tiles too large for one vector per op (sub-tiled)
  // take as many blocks as fit 64 Ki elements: a band of 16 rows across
  // 256 blocks of 16x16, whose amax then walks the band row by row
  // (TileAndFuseBlocks.cpp). Without vectorization (the GPU pipeline: one
  // thread per tile) the tile stays at tile-blocks blocks, fewer for
  // blocks of more than 4 Ki elements.
  if (columnLike && limits.vectorizeMinLanes > 0)
    maxBlocks = std::clamp<int64_t>(65536 / blockElements.value_or(1024),
                                    std::max<int64_t>(maxBlocks, 64), 1024);
  else if (blockElements && limits.vectorizeMinLanes > 0 &&
           *blockElements * maxBlocks > limits.maxFusedVectorElements)
    maxBlocks = std::max<int64_t>(65536 / *blockElements, 1);
  else if (blockElements && *blockElements > limits.maxFusedVectorElements)
    maxBlocks = std::clamp<int64_t>(65536 / *blockElements, 1, maxBlocks);
  if (ShapedType::isDynamic(extent))
    config.blockTile[innermostScale] = columnLike ? maxBlocks : 1;
  else if (extent > 0)
    config.blockTile[innermostScale] = tileDivisor(extent, maxBlocks);

  // Row-like blocks whose innermost scale dimensions are short and wholly in
  // the tile (the 4 scale columns of a swizzled_128x4 tile, or a narrow
  // matrix) take more blocks from the scale dimensions further out, which
  // are contiguous in memory while the inner ones are whole.
  int64_t tileBlockCount = config.blockTile[innermostScale];
  for (int64_t inner = innermostScale, outer = inner - 1;
       !columnLike && outer >= 0 && isScale[outer] &&
       !ShapedType::isDynamic(ranges[inner]) &&
       !ShapedType::isDynamic(ranges[outer]) && ranges[outer] > 0 &&
       config.blockTile[inner] == ranges[inner] && tileBlockCount < maxBlocks;
       inner = outer--) {
    config.blockTile[outer] =
        tileDivisor(ranges[outer], maxBlocks / tileBlockCount);
    tileBlockCount *= config.blockTile[outer];
  }

  // One block along a dynamic extent is still a static tile.
  bool staticTile = blockElements && (!ShapedType::isDynamic(extent) ||
                                      config.blockTile[innermostScale] == 1);
  int64_t tileElements = staticTile ? *blockElements * tileBlockCount : 0;
  if (staticTile && tileElements <= limits.maxFusedVectorElements) {
    config.strategy = BlockStrategy::FusedVector;
    config.vectorize = limits.vectorizeMinLanes > 0;
  } else {
    config.strategy = BlockStrategy::SubTiled;
    config.vectorize = limits.vectorizeMinLanes > 0;
  }
  return config;
}

SmallVector<int64_t> mlir::quant_dyn::computeSubTile(linalg::LinalgOp op,
                                                     int64_t maxElements,
                                                     int64_t minLanes) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (minLanes <= 0 || ranges.empty() || op.hasDynamicShape())
    return {};
  int64_t n = ranges.size();
  SmallVector<int64_t> subTile(n, 1);
  int64_t inner = largestDivisorAtMost(ranges[n - 1], maxElements);
  if (inner < minLanes)
    return {};
  subTile[n - 1] = inner;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (n > 1 && inner == ranges[n - 1])
    subTile[n - 2] = largestDivisorAtMost(ranges[n - 2], maxElements / inner);
  else if (n > 1 && iterators[n - 1] == utils::IteratorType::reduction &&
           iterators[n - 2] == utils::IteratorType::parallel)
    // The amax of wide blocks side by side (128x128): each sub-tile takes
    // the same columns of a few blocks, so the loop reads a row of the
    // tile across the blocks before going down, instead of one block's
    // short row (256 bytes) per step down a 1 MiB stride of rows. Measured
    // 15-20% faster on 128x128; the accumulators (4 x 64 lanes) still fit
    // the registers.
    subTile[n - 2] = largestDivisorAtMost(ranges[n - 2], kSideBySideBlocks);
  return subTile;
}
