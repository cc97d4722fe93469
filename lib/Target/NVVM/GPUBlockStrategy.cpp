//===- GPUBlockStrategy.cpp - fused or split quantization blocks on GPUs --===//
//
// The GPU runs a quantization op in one of two ways, decided here per op
// from its block shape before quant-dyn-tile-and-fuse-blocks:
//
//  * fused: one thread per block (small blocks such as 1x16, 1x32, 1x128,
//    128x1, 16x16). The block loop of tile-and-fuse becomes the grid; a
//    thread loads its block once, computes the amax and the scale and
//    quantizes it from registers.
//  * split: big blocks (more than `max-fused-block-elements` elements, or a
//    dynamic extent: 32x32 and up, 1x-1, -1x1, per-tensor) and few blocks.
//    The amax, scale and quantization ops stay separate kernels: the amax
//    reduction is spread over many threads (each combines a chunk and
//    merges it with an atomic max, see quant-dyn-gpu-distribute-loops) and
//    the quantization is elementwise over all threads. The input is read
//    twice, but parallelism no longer depends on the number of blocks.
//
// The split ops are made invisible to tile-and-fuse by dropping their
// `quant_dyn.block_root` marker.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/NVVM/Passes.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include "llvm/ADT/SmallBitVector.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_GPUBLOCKSTRATEGYPASS
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;

namespace {

constexpr StringLiteral kBlockRootAttr =
    quant_dyn::QuantDynDialect::getBlockRootAttrName();

struct GPUBlockStrategyPass
    : public quant_dyn::impl::GPUBlockStrategyPassBase<GPUBlockStrategyPass> {
  using GPUBlockStrategyPassBase::GPUBlockStrategyPassBase;

  void runOnOperation() override {
    getOperation().walk([&](linalg::GenericOp root) {
      if (root->hasAttr(kBlockRootAttr) && shouldSplit(root))
        root->removeAttr(kBlockRootAttr);
    });
  }

  /// Block loops are those that do not index the per-block parameter (the
  /// root's last input); the others count blocks.
  bool shouldSplit(linalg::GenericOp root) {
    AffineMap paramMap = root.getMatchingIndexingMap(
        root.getDpsInputOperand(root.getNumDpsInputs() - 1));
    llvm::SmallBitVector isScaleLoop(root.getNumLoops());
    for (AffineExpr expr : paramMap.getResults())
      if (auto dim = dyn_cast<AffineDimExpr>(expr))
        isScaleLoop.set(dim.getPosition());
    std::optional<int64_t> blockElements = 1, numBlocks = 1;
    for (auto [loop, extent] : llvm::enumerate(root.getStaticLoopRanges())) {
      std::optional<int64_t> &count =
          isScaleLoop.test(loop) ? numBlocks : blockElements;
      if (ShapedType::isDynamic(extent))
        count.reset();
      else if (count)
        *count *= extent;
    }
    if (!blockElements || *blockElements > maxFusedBlockElements)
      return true;
    // Few blocks: a fused grid would leave most of the GPU idle.
    return numBlocks && *numBlocks < minFusedBlocks &&
           *blockElements >= minSplitBlockElements;
  }
};

} // namespace
