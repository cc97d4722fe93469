//===- TileAndFuseBlocks.cpp - one parallel sweep over the blocks ---------===//

#include "quant-dyn/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_TILEANDFUSEBLOCKSPASS
#include "quant-dyn/Transforms/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

/// Name of the unit attribute that marks the quantization generic of a
/// quant_dyn.quantize lowering (set by convert-quant-dyn-to-linalg).
static constexpr StringLiteral kBlockRootAttr = "quant_dyn.block_root";

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
    for (AffineExpr expr : paramMap.getResults())
      if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
        tileSizes[dim.getPosition()] = rewriter.getIndexAttr(1);
        innermostScaleLoop = std::max<int64_t>(innermostScaleLoop, dim.getPosition());
      }
    if (innermostScaleLoop < 0)
      return success();
    int64_t extent = loopRanges[innermostScaleLoop];
    if (tileBlocks > 1 && !ShapedType::isDynamic(extent) &&
        extent % tileBlocks == 0)
      tileSizes[innermostScaleLoop] = rewriter.getIndexAttr(tileBlocks);

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
    return success();
  }
};
} // namespace
