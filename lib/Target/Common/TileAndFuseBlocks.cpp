//===- TileAndFuseBlocks.cpp - one parallel sweep over the blocks ---------===//
//
// Applies the codegen strategy that KernelConfig picks for each blocked
// quantization: a parallel loop over tiles of blocks with the amax, scale
// and quantization fused into it, the per-block work as loops over
// register-size vector sub-tiles (or one vector for small tiles), or, with
// too few blocks for the threads, a split amax and a parallel quantization.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/Common/Passes.h"

#include "KernelConfig.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/SubsetOpInterfaceImpl.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

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
/// Whether linalg::vectorize applies to `op` and gives vectors that match
/// its tensors' memory.
bool isVectorizable(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape())
    return false;
  // Vectors of sub-byte elements (f6, f4 codes) are bit-packed in memory,
  // unlike their tensors' one-byte elements.
  for (OpOperand &operand : op->getOpOperands()) {
    Type element = getElementTypeOrSelf(operand.get().getType());
    if (element.isIntOrFloat() && element.getIntOrFloatBitWidth() % 8 != 0)
      return false;
  }
  return succeeded(linalg::vectorizeOpPrecondition(op));
}

/// Vectorizes a static-shaped linalg op in place; leaves it as it is (scalar
/// loops later) when the vectorizer does not apply.
void vectorizeOp(RewriterBase &rewriter, linalg::LinalgOp op) {
  if (!isVectorizable(op))
    return;
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::VectorizationResult> result =
      linalg::vectorize(rewriter, op);
  if (succeeded(result))
    rewriter.replaceOp(op, result->replacements);
}

/// Tiles `op` with scf.for loops of `tileSizes` and replaces it by the
/// tiled loops. `reductionDims` and `strategy` pick how reduction loops are
/// tiled (plain, or with a partial-reduction accumulator).
FailureOr<scf::SCFTilingResult>
tileWithForLoops(RewriterBase &rewriter, linalg::LinalgOp op,
                 ArrayRef<int64_t> tileSizes,
                 ArrayRef<unsigned> reductionDims = {},
                 ReductionTilingStrategy strategy =
                     ReductionTilingStrategy::FullReduction) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), tileSizes));
  options.setLoopType(scf::SCFTilingOptions::LoopType::ForOp);
  options.setReductionTilingStrategy(strategy);
  if (!reductionDims.empty())
    options.setReductionDims(reductionDims);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return op->emitOpError("could not be tiled into sub-tiles");
  rewriter.replaceOp(op, tiled->replacements);
  return tiled;
}

/// Tiles `op` into register-size sub-tiles with scf.for and vectorizes each
/// sub-tile. Reductions keep a vector accumulator of the sub-tile's shape
/// across the loop and reduce it once at the end (partial reduction), so
/// the loop body does no horizontal reduction. Ops without a vectorizable
/// sub-tile (dynamic or narrow) stay as they are.
LogicalResult subTileAndVectorize(RewriterBase &rewriter, linalg::LinalgOp op,
                                  const quant_dyn::BlockKernelLimits &limits) {
  SmallVector<int64_t> subTile = quant_dyn::computeSubTile(
      op, limits.subTileElements, limits.vectorizeMinLanes);
  if (subTile.empty())
    return success();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (subTile == ranges) {
    vectorizeOp(rewriter, op);
    return success();
  }
  SmallVector<unsigned> reductionDims;
  op.getReductionDims(reductionDims);
  // Column-like reduction (the innermost loop is parallel): walk down the
  // rows one at a time, each row a vector over many blocks' running amax,
  // which stays in the output tile (contiguous reads, no strided walk).
  if (!reductionDims.empty() &&
      op.getIteratorTypesArray().back() == utils::IteratorType::parallel) {
    for (unsigned dim : reductionDims)
      subTile[dim] = 1;
    FailureOr<scf::SCFTilingResult> tiled =
        tileWithForLoops(rewriter, op, subTile, reductionDims);
    if (failed(tiled))
      return failure();
    vectorizeOp(rewriter, cast<linalg::LinalgOp>(tiled->tiledOps.back()));
    return success();
  }

  // Row-like blocks whose rows fit a sub-tile, many side by side in a band
  // of rows (16x16 blocks: a band of 16 rows by 256 blocks): walk the band
  // row by row, each row in sub-tiles of a few blocks whose lane-wise
  // running amax stays in a band-wide accumulator (L1), and reduce the
  // lanes once at the end. Walked a few blocks at a time down all rows
  // (the order below), the band's rows are as many strided streams: 2
  // threads read 64 MiB in 1.5-1.8 ms that way, in 0.9-1.0 ms row by row.
  int64_t n = ranges.size();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  int64_t innerRun = n; // First dim of the innermost run of reductions.
  bool innerRunWhole = true;
  while (innerRun > 0 &&
         iterators[innerRun - 1] == utils::IteratorType::reduction) {
    --innerRun;
    innerRunWhole &= subTile[innerRun] == ranges[innerRun];
  }
  bool rowBand = innerRun >= 1 && innerRun < n && innerRunWhole &&
                 (int64_t)reductionDims.size() > n - innerRun &&
                 iterators[innerRun - 1] == utils::IteratorType::parallel &&
                 subTile[innerRun - 1] < ranges[innerRun - 1];
  if (rowBand) {
    // One row at a time (the outer reduction loops step by 1), the lanes of
    // the innermost run kept in the accumulator.
    SmallVector<int64_t> rowTile(n, 0);
    for (unsigned dim : reductionDims)
      rowTile[dim] = (int64_t)dim >= innerRun ? ranges[dim] : 1;
    FailureOr<scf::SCFTilingResult> rows = tileWithForLoops(
        rewriter, op, rowTile, reductionDims,
        ReductionTilingStrategy::PartialReductionOuterReduction);
    if (failed(rows))
      return failure();
    // The row step: an elementwise max into the accumulator, in sub-tiles.
    for (Operation *tiledOp : rows->tiledOps) {
      auto rowOp = dyn_cast<linalg::LinalgOp>(tiledOp);
      if (!rowOp)
        continue;
      SmallVector<int64_t> rowSubTile(subTile);
      for (unsigned dim : reductionDims)
        rowSubTile[dim] = rowTile[dim] == 1 ? 1 : 0;
      FailureOr<scf::SCFTilingResult> steps =
          tileWithForLoops(rewriter, rowOp, rowSubTile);
      if (failed(steps))
        return failure();
      vectorizeOp(rewriter, cast<linalg::LinalgOp>(steps->tiledOps.back()));
    }
    // The lanes of each block, reduced once (sub-tiled in turn).
    for (Operation *merge : rows->mergeOps)
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(merge))
        if (failed(subTileAndVectorize(rewriter, linalgOp, limits)))
          return failure();
    return success();
  }

  // Partial reduction tiling tiles reduction loops only: the parallel loops
  // of a reduction are stepped through first, each step a plain tile.
  SmallVector<int64_t> parallelTile(subTile), reductionTile(subTile.size(), 0);
  for (unsigned dim : reductionDims) {
    parallelTile[dim] = 0;
    reductionTile[dim] = subTile[dim];
  }
  bool tileParallel = false;
  for (auto [i, size] : llvm::enumerate(parallelTile))
    tileParallel |= size != 0 && size != ranges[i];
  if (reductionDims.empty() || tileParallel) {
    FailureOr<scf::SCFTilingResult> tiled =
        tileWithForLoops(rewriter, op, parallelTile);
    if (failed(tiled))
      return failure();
    op = cast<linalg::LinalgOp>(tiled->tiledOps.back());
  }
  if (reductionDims.empty()) {
    vectorizeOp(rewriter, op);
    return success();
  }
  // The reduction keeps a vector accumulator of the sub-tile's shape across
  // the loop and reduces it once at the end: no horizontal reduction in the
  // loop body.
  FailureOr<scf::SCFTilingResult> tiled = tileWithForLoops(
      rewriter, op, reductionTile, reductionDims,
      ReductionTilingStrategy::PartialReductionOuterReduction);
  if (failed(tiled))
    return failure();
  for (Value init : tiled->initialValues)
    if (auto fill = init.getDefiningOp<linalg::FillOp>())
      vectorizeOp(rewriter, fill);
  for (Operation *tiledOp : tiled->tiledOps)
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(tiledOp))
      vectorizeOp(rewriter, linalgOp);
  for (Operation *merge : tiled->mergeOps)
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(merge))
      vectorizeOp(rewriter, linalgOp);
  return success();
}

/// Runs an elementwise op on an n-D vector whose innermost dim is narrower
/// than `minLanes` but which has several non-unit dims (the 4 x 4 scales of
/// a swizzled_128x4 tile row) on the flattened 1-D vector instead: LLVM
/// lowers an n-D vector op as one op per innermost row, so the scale
/// computation of a swizzled tile ran as 4 ops of 4 lanes where a linear
/// tile runs one op of 16. Values only: the transfers keep their shapes,
/// and the shape_casts between fold away.
struct FlattenNarrowElementwise : public RewritePattern {
  FlattenNarrowElementwise(MLIRContext *ctx, int64_t minLanes)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx),
        minLanes(minLanes) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!OpTrait::hasElementwiseMappableTraits(op) || op->getNumResults() != 1)
      return failure();
    auto type = dyn_cast<VectorType>(op->getResult(0).getType());
    if (!type || type.isScalable() || type.getRank() < 2 ||
        type.getShape().back() >= minLanes ||
        llvm::count_if(type.getShape(), [](int64_t d) { return d != 1; }) < 2)
      return failure();
    auto flatten = [&](Type t) {
      return VectorType::get({type.getNumElements()}, getElementTypeOrSelf(t));
    };
    SmallVector<Value> operands;
    for (Value operand : op->getOperands())
      operands.push_back(isa<VectorType>(operand.getType())
                             ? vector::ShapeCastOp::create(
                                   rewriter, op->getLoc(),
                                   flatten(operand.getType()), operand)
                                   .getResult()
                             : operand);
    Operation *flat = rewriter.clone(*op);
    flat->setOperands(operands);
    flat->getResult(0).setType(flatten(type));
    rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(op, type,
                                                     flat->getResult(0));
    return success();
  }

  int64_t minLanes;
};

/// How many vector lanes an op of a tile fills: its innermost loop; for an
/// elementwise op whose innermost loop has at least 4, times all the loops
/// further out (the 4 x 4 scales of a swizzled_128x4 tile row); for a
/// reduction, times the loops further out of the innermost loop's kind
/// (the f4 amax reads a block of 16 as [8, 2] pairs: 16 lanes).
int64_t tileOpLanes(linalg::LinalgOp op) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ranges.empty())
    return 0;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  int64_t lanes = ranges.back();
  bool elementwise = op.getNumReductionLoops() == 0;
  if (lanes < 4 && elementwise)
    return lanes;
  for (int64_t i = ranges.size() - 2;
       i >= 0 && (elementwise || iterators[i] == iterators.back()); --i)
    lanes *= ranges[i];
  return lanes;
}

/// Whether `op` writes through a transposing map (the scales of a
/// swizzled_128x4 tile): as scalar loops it would run 4 wide.
bool writesTransposed(linalg::LinalgOp op) {
  return llvm::any_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
    AffineMap map = op.getMatchingIndexingMap(&init);
    return map.isPermutation() && !map.isIdentity();
  });
}

/// The maximal runs of two or more adjacent loops of one iterator type that
/// every indexing map of `op` keeps adjacent and in order: the loops that a
/// reshape of each operand merges into one.
SmallVector<ReassociationIndices> collapsibleLoopRuns(linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<ReassociationIndices> runs;
  int64_t n = iterators.size();
  for (int64_t i = 0; i < n;) {
    ReassociationIndices run{i};
    int64_t next = i + 1;
    for (; next < n && iterators[next] == iterators[i]; ++next) {
      ReassociationIndices longer(run);
      longer.push_back(next);
      if (!linalg::areDimSequencesPreserved(maps, {longer}))
        break;
      run = std::move(longer);
    }
    if (run.size() > 1)
      runs.push_back(run);
    i = next;
  }
  return runs;
}

/// Vectorizes the static-shaped linalg ops of a small tile, each op on its
/// own merits: those that fill at least `minLanes` lanes and those that
/// write transposed. Narrow ops (the f4 quantization's pair dimension, the
/// 4 scales of a 1x128 tile) are left to LLVM's loop vectorizer after
/// lowering to loops; a vectorized producer reaches them through a
/// tile-sized stack buffer. That costs less than leaving a wide producer to
/// LLVM: the f4 amax of 16 blocks, as scalar loops, became strided gathers
/// across the blocks that took half of NVFP4's time.
///
/// - A reduction (the amax) is one vector, its loops merged into runs
///   first, so that the amax of a swizzled_128x4 tile ([1, 1, 1, 4, 4, 8,
///   2]) is the same [16, 16] reduction as a linear tile's ([1, 16, 8, 2]):
///   in the 7-D form LLVM issued all 32 loads ahead of the maxes and
///   spilled them (f32 -> NVFP4 8192x8192, swizzled: 17.1 ms, merged 16.1,
///   linear 16.1).
/// - An elementwise computation larger than a sub-tile (the quantization of
///   16 MX blocks: 512 elements) is a loop over vector sub-tiles, as in the
///   sub-tiled strategy: as one vector of the whole tile, LLVM kept the
///   intermediates of all 32 registers' worth live at once and spilled
///   them (bf16 -> MXFP8 8192x8192: 7.7-8.1 ms against 6.2-6.5 sub-tiled).
///   Fills, scales written transposed and ops without a vector sub-tile
///   stay one vector.
LogicalResult vectorizeFusedTile(RewriterBase &rewriter, Operation *loop,
                                 const quant_dyn::BlockKernelLimits &limits) {
  int64_t minLanes = limits.vectorizeMinLanes;
  SmallVector<linalg::LinalgOp> selected;
  loop->walk([&](linalg::LinalgOp op) {
    if (isVectorizable(op) &&
        (tileOpLanes(op) >= minLanes || writesTransposed(op)))
      selected.push_back(op);
  });
  for (linalg::LinalgOp op : selected) {
    if (op.getNumReductionLoops() > 0) {
      SmallVector<ReassociationIndices> runs = collapsibleLoopRuns(op);
      rewriter.setInsertionPoint(op);
      if (!runs.empty())
        if (FailureOr<linalg::CollapseResult> collapsed =
                linalg::collapseOpIterationDims(op, runs, rewriter);
            succeeded(collapsed)) {
          rewriter.replaceOp(op, collapsed->results);
          op = collapsed->collapsedOp;
        }
    } else if (!isa<linalg::FillOp>(op) && !writesTransposed(op)) {
      SmallVector<int64_t> subTile =
          quant_dyn::computeSubTile(op, limits.subTileElements, minLanes);
      if (!subTile.empty() && subTile != op.getStaticLoopRanges()) {
        if (failed(subTileAndVectorize(rewriter, op, limits)))
          return failure();
        continue;
      }
    }
    vectorizeOp(rewriter, op);
  }
  RewritePatternSet patterns(loop->getContext());
  patterns.add<FlattenNarrowElementwise>(loop->getContext(), minLanes);
  vector::ShapeCastOp::getCanonicalizationPatterns(patterns,
                                                   loop->getContext());
  (void)applyPatternsGreedily(loop, std::move(patterns));
  return success();
}

/// The parameter operand of the quantization generic `root` (its last
/// input: the divisor or multiplier of each block).
OpOperand *getParameterOperand(linalg::GenericOp root) {
  return root.getDpsInputOperand(root.getNumDpsInputs() - 1);
}

/// Whether the parameter of `root` changes along its innermost loop, so
/// that a vector of codes takes a vector of parameters (a scale per column)
/// rather than one broadcast value.
bool hasLaneWiseParameter(linalg::GenericOp root) {
  unsigned numLoops = root.getNumLoops();
  return numLoops > 0 && root.getMatchingIndexingMap(getParameterOperand(root))
                             .isFunctionOfDim(numLoops - 1);
}

/// The selects of `root`'s body that give the code 0 where the parameter is
/// NaN (convert-quant-dyn-to-linalg's zeroing of a zero / NaN / Inf block):
/// `select(cmpf uno %p, %p, 0, code)`.
SmallVector<arith::SelectOp> findZeroBlockSelects(linalg::GenericOp root) {
  SmallVector<arith::SelectOp> selects;
  Value param = root.getMatchingBlockArgument(getParameterOperand(root));
  // The compare uses the parameter twice: visit each user once.
  SetVector<Operation *> users(llvm::from_range, param.getUsers());
  for (Operation *user : users) {
    auto isNaN = dyn_cast<arith::CmpFOp>(user);
    if (!isNaN || isNaN.getPredicate() != arith::CmpFPredicate::UNO ||
        isNaN.getLhs() != param || isNaN.getRhs() != param)
      continue;
    for (Operation *conditionUser : isNaN->getUsers()) {
      auto select = dyn_cast<arith::SelectOp>(conditionUser);
      if (select && select.getCondition() == isNaN.getResult() &&
          (matchPattern(select.getTrueValue(), m_Zero()) ||
           matchPattern(select.getTrueValue(), m_PosZeroFloat())))
        selects.push_back(select);
    }
  }
  return selects;
}

/// `scf.if (any parameter of root is NaN) {root} else {root without its
/// zero-block selects}`: without a zeroed block the selects keep every
/// code, so both give the same results. Returns the generics of both
/// branches, or just `root` when its body has no such select.
SmallVector<linalg::GenericOp> versionOnZeroBlocks(RewriterBase &rewriter,
                                                   linalg::GenericOp root) {
  if (findZeroBlockSelects(root).empty())
    return {root};
  Location loc = root.getLoc();
  MLIRContext *ctx = root.getContext();
  Value params = getParameterOperand(root)->get();
  int64_t rank = cast<RankedTensorType>(params.getType()).getRank();

  // Any NaN parameter: an or-reduction of the (few) parameters to an i1.
  rewriter.setInsertionPoint(root);
  Value noneYet = arith::ConstantOp::create(rewriter, loc,
                                            rewriter.getBoolAttr(false));
  Value flagInit = tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{},
                                           rewriter.getI1Type());
  Value flag = linalg::FillOp::create(rewriter, loc, noneYet, flagInit)
                   .getResult(0);
  auto anyNaN = linalg::GenericOp::create(
      rewriter, loc, TypeRange{flag.getType()}, ValueRange{params},
      ValueRange{flag},
      {AffineMap::getMultiDimIdentityMap(rank, ctx),
       AffineMap::get(rank, 0, {}, ctx)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::reduction),
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value isNaN = arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO,
                                            args[0], args[0]);
        linalg::YieldOp::create(
            b, l, arith::OrIOp::create(b, l, args[1], isNaN).getResult());
      });
  Value anyZeroed = tensor::ExtractOp::create(
      rewriter, loc, anyNaN.getResult(0), ValueRange{});

  auto branch = scf::IfOp::create(rewriter, loc, root->getResultTypes(),
                                  anyZeroed, /*addThenBlock=*/true,
                                  /*addElseBlock=*/true);
  auto cloneInto = [&](Block *block) {
    rewriter.setInsertionPointToStart(block);
    auto copy = cast<linalg::GenericOp>(rewriter.clone(*root));
    scf::YieldOp::create(rewriter, loc, copy->getResults());
    return copy;
  };
  linalg::GenericOp withZeroing = cloneInto(branch.thenBlock());
  linalg::GenericOp withoutZeroing = cloneInto(branch.elseBlock());
  for (arith::SelectOp select : findZeroBlockSelects(withoutZeroing))
    rewriter.replaceOp(select, select.getFalseValue());
  rewriter.replaceOp(root, branch.getResults());
  return {withZeroing, withoutZeroing};
}

/// The amax generic that feeds the scale generic that feeds `root`.
linalg::GenericOp findAmax(linalg::GenericOp root) {
  Value params = getParameterOperand(root)->get();
  auto scale = params.getDefiningOp<linalg::GenericOp>();
  if (!scale || scale.getNumDpsInputs() != 1)
    return {};
  return scale.getDpsInputOperand(0)->get().getDefiningOp<linalg::GenericOp>();
}

struct TileAndFuseBlocksPass
    : public quant_dyn::impl::TileAndFuseBlocksPassBase<TileAndFuseBlocksPass> {
  using TileAndFuseBlocksPassBase::TileAndFuseBlocksPassBase;

  void getDependentDialects(DialectRegistry &registry) const override {
    TileAndFuseBlocksPassBase::getDependentDialects(registry);
    // Subset hoisting of the accumulators matches transfer and slice pairs.
    tensor::registerSubsetOpInterfaceExternalModels(registry);
    vector::registerSubsetOpInterfaceExternalModels(registry);
  }

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> roots;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kBlockRootAttr) && op.hasPureTensorSemantics())
        roots.push_back(op);
    });
    quant_dyn::BlockKernelLimits limits;
    limits.tileBlocks = std::max<int64_t>(tileBlocks, 1);
    limits.maxFusedVectorElements = maxFusedVectorElements;
    limits.subTileElements = subTileElements;
    limits.minParallelBlocks = minParallelBlocks;
    limits.splitChunks = std::max<int64_t>(splitChunks, 1);
    limits.vectorizeMinLanes = vectorizeMinLanes;
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp root : roots) {
      quant_dyn::BlockKernelConfig config =
          quant_dyn::computeBlockKernelConfig(root, limits);
      if (printConfig)
        root.emitRemark() << "block strategy: "
                          << quant_dyn::stringifyBlockStrategy(config.strategy)
                          << ", tile [" << config.blockTile << "]";
      LogicalResult result =
          config.strategy == quant_dyn::BlockStrategy::SplitReduction
              ? splitBlocks(rewriter, root, config, limits)
              : tileAndFuse(rewriter, root, config, limits);
      if (failed(result))
        return signalPassFailure();
      if (config.vectorize &&
          config.strategy != quant_dyn::BlockStrategy::FusedVector)
        getOperation()->setAttr(quant_dyn::kVectorSubTilesAttrName,
                                rewriter.getUnitAttr());
    }
    // Slices of full-size tensor.empty (the per-block amax and parameters)
    // become tile-size tensor.empty inside the loop: no full-size buffers.
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldTensorEmptyPatterns(patterns,
                                            /*foldSingleUseOnly=*/true);
    scf::ForallOp::getCanonicalizationPatterns(patterns, &getContext());
    tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns,
                                                        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // A vectorized sub-tile loop reads its accumulator from the loop's
    // tensor iter_arg and writes it back at the same place every iteration:
    // after bufferization a load and a store per iteration, and a heap
    // buffer per block. Hoisting the read before the loop and the write
    // after it (now that the slices are folded) makes the accumulator a
    // vector iter_arg, which stays in registers. Innermost loops first.
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      hoistLoopInvariantSubsets(rewriter, loop);
  }

  /// One parallel loop over tiles of blocks with the amax and scale
  /// generics fused into it: each block is read from memory once.
  LogicalResult tileAndFuse(RewriterBase &rewriter, linalg::GenericOp root,
                            const quant_dyn::BlockKernelConfig &config,
                            const quant_dyn::BlockKernelLimits &limits) {
    if (llvm::all_of(config.blockTile, [](int64_t t) { return t == 0; }))
      return success();
    scf::SCFTilingOptions tilingOptions;
    tilingOptions.setTileSizes(
        getAsIndexOpFoldResult(&getContext(), config.blockTile));
    tilingOptions.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    scf::SCFTileAndFuseOptions options;
    options.setTilingOptions(tilingOptions);
    // Producers whose results are also used elsewhere (the scales) are
    // yielded from the loop instead of being computed twice.
    options.setFusionControlFn(
        [](tensor::ExtractSliceOp, OpResult producer,
           bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          Operation *owner = producer.getOwner();
          bool usedElsewhere = llvm::any_of(
              owner->getResults(), [&](Value v) { return !v.hasOneUse(); });
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
    outerLoop->walk(
        [](linalg::GenericOp op) { op->removeAttr(kBlockRootAttr); });
    if (!config.vectorize)
      return success();
    if (config.strategy == quant_dyn::BlockStrategy::FusedVector)
      return vectorizeFusedTile(rewriter, outerLoop, limits);
    SmallVector<linalg::LinalgOp> ops;
    outerLoop->walk([&](linalg::LinalgOp op) { ops.push_back(op); });
    for (linalg::LinalgOp op : ops)
      if (failed(subTileAndVectorize(rewriter, op, limits)))
        return failure();
    return success();
  }

  /// Few blocks: the amax is split into chunks along `config.splitDim`, one
  /// partial amax per chunk computed in parallel and combined after the
  /// loop (max is exact in any order), then the quantization runs over the
  /// same chunks in parallel.
  LogicalResult splitBlocks(RewriterBase &rewriter, linalg::GenericOp root,
                            const quant_dyn::BlockKernelConfig &config,
                            const quant_dyn::BlockKernelLimits &limits) {
    // The amax may already be split: quantizations of one input with
    // different scale rules share it after CSE.
    SmallVector<Operation *> amaxTiledOps;
    linalg::GenericOp amax = findAmax(root);
    if (amax && amax.getNumLoops() > static_cast<unsigned>(config.splitDim) &&
        amax.getIteratorTypesArray()[config.splitDim] ==
            utils::IteratorType::reduction) {
      FailureOr<linalg::LinalgOp> chunkAmax = splitAmax(rewriter, amax, config);
      if (failed(chunkAmax))
        return failure();
      amaxTiledOps.push_back(*chunkAmax);
    }

    SmallVector<linalg::GenericOp> versions{root};
    if (versionZeroBlocks && hasLaneWiseParameter(root))
      versions = versionOnZeroBlocks(rewriter, root);

    scf::SCFTilingOptions rootOptions;
    rootOptions.setTileSizes(
        getAsIndexOpFoldResult(&getContext(), config.blockTile));
    rootOptions.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    SmallVector<Operation *> tiledOps(amaxTiledOps);
    for (linalg::GenericOp version : versions) {
      rewriter.setInsertionPoint(version);
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
          rewriter, cast<TilingInterface>(version.getOperation()),
          rootOptions);
      if (failed(tiled))
        return version.emitOpError("could not be tiled across threads");
      rewriter.replaceOp(version, tiled->replacements);
      for (Operation *op : tiled->tiledOps) {
        op->removeAttr(kBlockRootAttr);
        tiledOps.push_back(op);
      }
    }

    if (!config.vectorize)
      return success();
    SmallVector<linalg::LinalgOp> ops;
    for (Operation *op : tiledOps)
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
        ops.push_back(linalgOp);
    for (linalg::LinalgOp op : ops)
      if (failed(subTileAndVectorize(rewriter, op, limits)))
        return failure();
    return success();
  }

  /// Partial amax per chunk of `config.splitDim` in a parallel loop, then
  /// the partials combined after it. Returns the amax of one chunk (inside
  /// the loop).
  ///
  /// The partials are laid out chunk-major, `[chunks, <amax shape>]`, so each
  /// chunk accumulates straight into its own contiguous slice of them, which
  /// bufferizes in place: no per-chunk buffer, no copy of a chunk's partial
  /// and no memset of the partials. (Upstream partial-reduction tiling puts
  /// the chunk innermost: a chunk's slice is strided, which cost a heap
  /// buffer, a copy in and a strided copy out per chunk; for a per-column
  /// amax, 16 KiB each.) The combination reads the partials contiguously.
  FailureOr<linalg::LinalgOp>
  splitAmax(RewriterBase &rewriter, linalg::GenericOp amax,
            const quant_dyn::BlockKernelConfig &config) {
    // One result whose combiner has a neutral element to start the chunks
    // from (the amax: maxui from 0).
    SmallVector<Operation *, 1> combinerOps;
    Value reduced =
        amax.getNumDpsInits() == 1
            ? matchReduction(amax.getRegionOutputArgs(), 0, combinerOps)
            : Value();
    std::optional<TypedAttr> neutral;
    if (reduced && combinerOps.size() == 1)
      neutral = arith::getNeutralElement(combinerOps.front());
    if (!neutral)
      return amax.emitOpError("could not be split across threads");
    Operation *combiner = combinerOps.front();

    Location loc = amax.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    rewriter.setInsertionPoint(amax);
    auto tileable = cast<TilingInterface>(amax.getOperation());
    SmallVector<Range> domain = tileable.getIterationDomain(rewriter);
    OpFoldResult extent = domain[config.splitDim].size;
    AffineExpr d0, s0;
    bindDims(ctx, d0);
    bindSymbols(ctx, s0);
    int64_t chunk = config.splitSize;
    OpFoldResult numChunks = affine::makeComposedFoldedAffineApply(
        rewriter, loc, s0.ceilDiv(chunk), {extent});

    Value init = amax.getDpsInitOperand(0)->get();
    auto initType = cast<RankedTensorType>(init.getType());
    SmallVector<OpFoldResult> accSizes =
        tensor::getMixedSizes(rewriter, loc, init);
    SmallVector<OpFoldResult> partialSizes{numChunks};
    llvm::append_range(partialSizes, accSizes);
    Value partialsInit = tensor::EmptyOp::create(
        rewriter, loc, partialSizes, initType.getElementType());
    auto forall = scf::ForallOp::create(rewriter, loc, {numChunks},
                                        ValueRange{partialsInit},
                                        /*mapping=*/std::nullopt);

    // One chunk: its slice of the partials, filled with the neutral element,
    // accumulates the chunk's rows.
    rewriter.setInsertionPointToStart(forall.getBody());
    Value index = forall.getInductionVar(0);
    Value partials = forall.getRegionIterArgs().front();
    SmallVector<OpFoldResult> offsets(domain.size()), sizes(domain.size());
    for (auto [i, range] : llvm::enumerate(domain)) {
      offsets[i] = range.offset;
      sizes[i] = range.size;
    }
    offsets[config.splitDim] = affine::makeComposedFoldedAffineApply(
        rewriter, loc, d0 * chunk, {OpFoldResult(index)});
    // Whole chunks where the extent is static (KernelConfig picks a
    // divisor), so the chunk's amax is static and vectorized; a dynamic
    // extent ends with a partial chunk.
    std::optional<int64_t> staticExtent = getConstantIntValue(extent);
    sizes[config.splitDim] =
        staticExtent && *staticExtent % chunk == 0
            ? rewriter.getIndexAttr(chunk)
            : affine::makeComposedFoldedAffineMin(
                  rewriter, loc,
                  AffineMap::get(1, 1,
                                 {getAffineConstantExpr(chunk, ctx),
                                  s0 - d0 * chunk},
                                 ctx),
                  {OpFoldResult(index), extent});
    SmallVector<OpFoldResult> accOffsets(accSizes.size() + 1,
                                         rewriter.getIndexAttr(0));
    accOffsets.front() = index;
    SmallVector<OpFoldResult> accSliceSizes{rewriter.getIndexAttr(1)};
    llvm::append_range(accSliceSizes, accSizes);
    SmallVector<OpFoldResult> unitStrides(accOffsets.size(),
                                          rewriter.getIndexAttr(1));
    Value accSlice = tensor::ExtractSliceOp::create(
        rewriter, loc, initType, partials, accOffsets, accSliceSizes,
        unitStrides);
    Value neutralValue = arith::ConstantOp::create(rewriter, loc, *neutral);
    Value acc = linalg::FillOp::create(rewriter, loc, neutralValue, accSlice)
                    .getResult(0);
    FailureOr<TilingResult> tiled =
        tileable.getTiledImplementation(rewriter, offsets, sizes);
    if (failed(tiled) || tiled->tiledOps.size() != 1)
      return amax.emitOpError("could not be split across threads");
    auto chunkAmax = cast<linalg::LinalgOp>(tiled->tiledOps.front());
    OpOperand *chunkInit = chunkAmax.getDpsInitOperand(0);
    if (chunkInit->get().getType() != initType)
      return amax.emitOpError("could not be split across threads");
    rewriter.modifyOpInPlace(chunkAmax, [&] { chunkInit->set(acc); });
    rewriter.setInsertionPointToStart(forall.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(rewriter, loc,
                                          chunkAmax->getResult(0), partials,
                                          accOffsets, accSliceSizes,
                                          unitStrides);

    // The partials combined with the amax's own combiner into its init.
    rewriter.setInsertionPointAfter(forall);
    auto combine = linalg::ReduceOp::create(
        rewriter, loc, forall.getResults(), ValueRange{init},
        /*dimensions=*/ArrayRef<int64_t>{0},
        [&](OpBuilder &b, Location loc, ValueRange args) {
          // The combiner's operands: the accumulator (the region's output
          // argument) and the reduced value.
          IRMapping mapping;
          for (Value operand : combiner->getOperands())
            mapping.map(operand, operand == amax.getRegionOutputArgs()[0]
                                     ? args[1]
                                     : args[0]);
          Operation *merged = b.clone(*combiner, mapping);
          linalg::YieldOp::create(b, loc, merged->getResults());
        });
    rewriter.replaceOp(amax, combine->getResults());
    return chunkAmax;
  }
};
} // namespace
