//===- TileAndFuseBlocks.cpp - one parallel sweep over the blocks ---------===//

#include "quant-dyn/Target/Common/Passes.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_TILEANDFUSEBLOCKSPASS
#include "quant-dyn/Target/Common/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

/// Name of the unit attribute that marks the quantization generic of a
/// quant_dyn.quantize lowering (set by convert-quant-dyn-to-linalg).
static constexpr StringLiteral kBlockRootAttr =
    quant_dyn::QuantDynDialect::getBlockRootAttrName();

namespace {
struct TileAndFuseBlocksPass
    : public quant_dyn::impl::TileAndFuseBlocksPassBase<TileAndFuseBlocksPass> {
  using TileAndFuseBlocksPassBase::TileAndFuseBlocksPassBase;

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> roots;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kBlockRootAttr) && op.hasPureTensorSemantics())
        roots.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp root : roots)
      if (failed(tileAndFuse(rewriter, root)))
        return signalPassFailure();
    // Slices of full-size tensor.empty (the per-block amax and parameters)
    // become tile-size tensor.empty inside the loop: no full-size buffers.
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldTensorEmptyPatterns(patterns, /*foldSingleUseOnly=*/true);
    scf::ForallOp::getCanonicalizationPatterns(patterns, &getContext());
    tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }

  LogicalResult tileAndFuse(RewriterBase &rewriter, linalg::GenericOp root) {
    // Scale dimensions are the loops that index the per-block parameter
    // (the last input); block dimensions stay whole inside a tile.
    AffineMap paramMap = root.getMatchingIndexingMap(root.getDpsInputOperand(
        root.getNumDpsInputs() - 1));
    SmallVector<int64_t> loopRanges = root.getStaticLoopRanges();
    int64_t numLoops = root.getNumLoops();
    SmallVector<OpFoldResult> tileSizes(numLoops, rewriter.getIndexAttr(0));
    int64_t innermostScaleLoop = -1;
    // Only parallel loops are tiled: a reduction loop split over threads
    // would let two iterations write the same output element.
    SmallVector<utils::IteratorType> iteratorTypes = root.getIteratorTypesArray();
    for (AffineExpr expr : paramMap.getResults())
      if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
        if (iteratorTypes[dim.getPosition()] != utils::IteratorType::parallel)
          continue;
        tileSizes[dim.getPosition()] = rewriter.getIndexAttr(1);
        innermostScaleLoop = std::max<int64_t>(innermostScaleLoop, dim.getPosition());
      }
    if (innermostScaleLoop < 0)
      return success();
    // The largest tile of at most tileBlocks blocks that divides a static
    // extent (whole tiles keep the tile shapes static for vectorization).
    int64_t extent = loopRanges[innermostScaleLoop];
    if (tileBlocks > 1 && !ShapedType::isDynamic(extent) && extent > 0) {
      int64_t blocks = std::min<int64_t>(tileBlocks, extent);
      while (extent % blocks != 0)
        --blocks;
      tileSizes[innermostScaleLoop] = rewriter.getIndexAttr(blocks);
    }

    scf::SCFTilingOptions tilingOptions;
    tilingOptions.setTileSizes(tileSizes);
    tilingOptions.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    scf::SCFTileAndFuseOptions options;
    options.setTilingOptions(tilingOptions);
    // Producers whose results are also used elsewhere (the scales) are
    // yielded from the loop instead of being computed twice.
    options.setFusionControlFn(
        [](tensor::ExtractSliceOp, OpResult producer, bool)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          Operation *owner = producer.getOwner();
          bool usedElsewhere = llvm::any_of(owner->getResults(), [&](Value v) {
            return !v.hasOneUse();
          });
          return scf::SCFTileAndFuseOptions::ControlFnResult{usedElsewhere};
        });

    rewriter.setInsertionPoint(root);
    FailureOr<scf::SCFTileAndFuseResult> result =
        scf::tileConsumerAndFuseProducersUsingSCF(
            rewriter, cast<TilingInterface>(root.getOperation()), options);
    if (failed(result))
      return root.emitOpError("could not be tiled and fused");
    // Uses after the loop read the loop's results; the original producers
    // before it become dead.
    Operation *outerLoop = result->loops.front().getOperation();
    DominanceInfo dominance(outerLoop->getParentOp());
    for (auto [original, replacement] : result->replacements)
      rewriter.replaceUsesWithIf(original, replacement, [&](OpOperand &use) {
        return !outerLoop->isAncestor(use.getOwner()) &&
               dominance.properlyDominates(outerLoop, use.getOwner());
      });
    // Drop the marker from the tiled copies.
    outerLoop->walk([](linalg::GenericOp op) { op->removeAttr(kBlockRootAttr); });
    if (vectorizeMinLanes > 0)
      vectorizeTile(rewriter, outerLoop);
    return success();
  }

  /// Vectorizes the static-shaped linalg ops of a tile whose innermost loop
  /// is wide enough to fill vector lanes (narrow ones, such as the f4 pair
  /// dimension, are left to LLVM's vectorizers after lowering to loops).
  void vectorizeTile(RewriterBase &rewriter, Operation *loop) {
    // All or nothing: a vectorized producer feeding a scalar consumer would
    // only add transfers through memory. So every op must be wide enough and
    // pass linalg::vectorize's precondition before any is vectorized.
    SmallVector<linalg::LinalgOp> candidates;
    bool allWide = true;
    loop->walk([&](linalg::LinalgOp op) {
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
          ranges.empty() || ranges.back() < vectorizeMinLanes ||
          failed(linalg::vectorizeOpPrecondition(op)))
        allWide = false;
      candidates.push_back(op);
    });
    if (!allWide)
      return;
    for (linalg::LinalgOp op : candidates) {
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::VectorizationResult> result =
          linalg::vectorize(rewriter, op);
      if (succeeded(result))
        rewriter.replaceOp(op, result->replacements);
    }
  }
};
} // namespace
