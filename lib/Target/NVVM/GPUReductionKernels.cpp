//===- GPUReductionKernels.cpp - reductions as GPU kernel loops -----------===//
//
// Upstream's linalgOpToParallelLoops gives a reduction such as the block
// amax `(par, red, par, red)` nested scf.parallel loops (which one kernel
// cannot hold) and gives a rank-0 op no loop at all (host code writing
// device memory). Here every such op becomes one flat scf.parallel: a
// kernel. Idempotent integer combiners (max, min, and, or) are exact in any order
// and under repetition, so their reductions are split over threads: each
// thread starts from the output's current value, combines a chunk, and
// merges the partial with an atomic. The atomic max on the amax's magnitude
// bits is exactly the sequential one: the bits of NaN order above those of
// Inf, which order above every finite magnitude.
//
//===----------------------------------------------------------------------===//

#include "GPUReductionKernels.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace {

/// Elements a thread of a split reduction combines (its chunk): enough work
/// to amortize the atomic, few enough that big reductions still fill the GPU.
constexpr int64_t kChunkElements = 128;
/// Threads a split reduction aims for: more chunks per thread beyond this
/// (decided at compile time for static extents, at run time otherwise), so
/// a single output sees few atomics.
constexpr int64_t kTargetThreads = 32768;

/// The atomic kind that merges a partial into the output for an idempotent
/// integer combiner op. (Float max / min reductions run one thread per
/// output: LLVM's float atomics do not have maximumf's NaN semantics.)
std::optional<arith::AtomicRMWKind> integerAtomicKind(Operation *combiner) {
  using Kind = arith::AtomicRMWKind;
  return llvm::TypeSwitch<Operation *, std::optional<Kind>>(combiner)
      .Case([](arith::MaxUIOp) { return Kind::maxu; })
      .Case([](arith::MaxSIOp) { return Kind::maxs; })
      .Case([](arith::MinUIOp) { return Kind::minu; })
      .Case([](arith::MinSIOp) { return Kind::mins; })
      .Case([](arith::AndIOp) { return Kind::andi; })
      .Case([](arith::OrIOp) { return Kind::ori; })
      .Default([](Operation *) { return std::nullopt; });
}

/// The combiner of a single-output reduction: the op that yields
/// `combine(x, out)`, where `out` (the output's block argument) has no
/// other use. Null when the body has another shape.
Operation *getSplittableCombiner(linalg::LinalgOp op) {
  if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0)
    return nullptr;
  Block *body = op.getBlock();
  BlockArgument out = op.getRegionOutputArgs().front();
  Value yielded = body->getTerminator()->getOperand(0);
  Operation *combiner = yielded.getDefiningOp();
  if (!combiner || combiner->getBlock() != body ||
      combiner->getNumOperands() != 2 || !integerAtomicKind(combiner) ||
      !out.hasOneUse() || out.getUses().begin()->getOwner() != combiner)
    return nullptr;
  return combiner;
}

/// Indices of the operand with indexing map `map` at the loop point `ivs`.
SmallVector<Value> indicesAt(OpBuilder &b, Location loc, AffineMap map,
                             ValueRange ivs) {
  SmallVector<Value> indices;
  for (AffineExpr expr : map.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      indices.push_back(ivs[dim.getPosition()]);
    } else if (auto cst = dyn_cast<AffineConstantExpr>(expr)) {
      indices.push_back(
          arith::ConstantIndexOp::create(b, loc, cst.getValue()));
    } else {
      AffineMap single = AffineMap::get(map.getNumDims(), 0, expr);
      indices.push_back(affine::AffineApplyOp::create(b, loc, single, ivs));
    }
  }
  return indices;
}

/// Loads of the inputs at `ivs` mapped onto the body's input arguments;
/// linalg.index ops read `ivs`.
void mapInputsAt(OpBuilder &b, Location loc, linalg::LinalgOp op,
                 ValueRange ivs, IRMapping &mapping) {
  for (OpOperand *input : op.getDpsInputOperands()) {
    BlockArgument arg = op.getMatchingBlockArgument(input);
    if (arg.use_empty())
      continue;
    Value value = input->get();
    if (isa<MemRefType>(value.getType()))
      value = memref::LoadOp::create(
          b, loc, value,
          indicesAt(b, loc, op.getMatchingIndexingMap(input), ivs));
    mapping.map(arg, value);
  }
  op.getBlock()->walk([&](linalg::IndexOp index) {
    mapping.map(index.getResult(), ivs[index.getDim()]);
  });
}

/// Clones the body at the loop point (operands mapped) and returns the
/// yielded values.
SmallVector<Value> cloneBody(OpBuilder &b, linalg::LinalgOp op,
                             IRMapping &mapping) {
  Block *body = op.getBlock();
  for (Operation &nested : body->without_terminator())
    if (!isa<linalg::IndexOp>(nested))
      b.clone(nested, mapping);
  SmallVector<Value> yielded;
  for (Value v : body->getTerminator()->getOperands())
    yielded.push_back(mapping.lookupOrDefault(v));
  return yielded;
}

Value cst(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// One thread per point of the parallel loops; reduction loops sequential,
/// in order, accumulating in registers from the output's value.
void buildSequentialReduction(RewriterBase &rewriter, linalg::LinalgOp op,
                              ArrayRef<Value> sizes) {
  Location loc = op.getLoc();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<Value> parUbs;
  for (auto [size, it] : llvm::zip_equal(sizes, iterators))
    if (it == utils::IteratorType::parallel)
      parUbs.push_back(size);
  if (parUbs.empty())
    parUbs.push_back(cst(rewriter, loc, 1));
  SmallVector<Value> zeros(parUbs.size(), cst(rewriter, loc, 0));
  SmallVector<Value> ones(parUbs.size(), cst(rewriter, loc, 1));
  auto loop = scf::ParallelOp::create(rewriter, loc, zeros, parUbs, ones);
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(loop.getBody());

  // Loop point with the reduction loops' ivs to fill in.
  int64_t numLoops = op.getNumLoops();
  SmallVector<Value> ivs(numLoops);
  for (int64_t d = 0, p = 0; d < numLoops; ++d)
    if (iterators[d] == utils::IteratorType::parallel)
      ivs[d] = loop.getInductionVars()[p++];

  // The outputs' indices depend on the parallel loops only. Reductions
  // accumulate every output (linalg gives each one the old value).
  SmallVector<SmallVector<Value>> outIndices;
  SmallVector<Value> accs;
  Value zero = cst(rewriter, loc, 0), one = cst(rewriter, loc, 1);
  bool hasReduction = op.getNumReductionLoops() != 0;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    SmallVector<Value> probe(ivs);
    for (Value &iv : probe)
      iv = iv ? iv : zero;
    outIndices.push_back(
        indicesAt(rewriter, loc, op.getMatchingIndexingMap(&init), probe));
    bool used = hasReduction || !op.getMatchingBlockArgument(&init).use_empty();
    accs.push_back(used ? memref::LoadOp::create(rewriter, loc, init.get(),
                                                 outIndices.back())
                              .getResult()
                        : Value());
  }

  // Reduction loops outermost first, carrying the accumulators.
  std::function<SmallVector<Value>(int64_t, ValueRange)> nest =
      [&](int64_t d, ValueRange current) -> SmallVector<Value> {
    while (d < numLoops && iterators[d] == utils::IteratorType::parallel)
      ++d;
    if (d == numLoops) {
      IRMapping mapping;
      mapInputsAt(rewriter, loc, op, ivs, mapping);
      for (auto [arg, acc] :
           llvm::zip_equal(op.getRegionOutputArgs(), current))
        if (acc)
          mapping.map(arg, acc);
      return cloneBody(rewriter, op, mapping);
    }
    auto forOp =
        scf::ForOp::create(rewriter, loc, zero, sizes[d], one, current);
    OpBuilder::InsertionGuard g(rewriter);
    rewriter.setInsertionPointToStart(forOp.getBody());
    ivs[d] = forOp.getInductionVar();
    scf::YieldOp::create(rewriter, loc,
                         nest(d + 1, forOp.getRegionIterArgs()));
    return SmallVector<Value>(forOp.getResults());
  };
  SmallVector<Value> results = nest(0, accs);
  for (auto [init, value, indices] :
       llvm::zip_equal(op.getDpsInitsMutable(), results, outIndices))
    memref::StoreOp::create(rewriter, loc, value, init.get(), indices);
}

/// Splits a reduction with an idempotent combiner over threads (see the
/// header). `s` is the reduction loop whose chunks are combined by one
/// thread, interleaved (chunk c of thread t is index c * T + t, so that
/// threads next to each other read rows next to each other); when the
/// innermost loop is a reduction with a static extent, each thread also
/// reads `vec` consecutive elements of it (one 128-bit load).
void buildSplitReduction(RewriterBase &rewriter, linalg::LinalgOp op,
                         Operation *combiner, ArrayRef<Value> sizes) {
  Location loc = op.getLoc();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t numLoops = op.getNumLoops();
  int64_t inner = numLoops - 1;
  auto isRed = [&](int64_t d) {
    return iterators[d] == utils::IteratorType::reduction;
  };
  auto extentOrLarge = [&](int64_t d) {
    return ShapedType::isDynamic(ranges[d]) ? INT64_MAX : ranges[d];
  };

  // Vector width along a reduction innermost loop: 16 bytes of the first
  // input's elements.
  int64_t vec = 1;
  if (isRed(inner) && !ShapedType::isDynamic(ranges[inner])) {
    Type elt = getElementTypeOrSelf(op.getDpsInputOperand(0)->get());
    unsigned bits = elt.isIntOrFloat() ? elt.getIntOrFloatBitWidth() : 0;
    if (bits >= 8 && bits <= 32) {
      vec = 128 / bits;
      while (vec > 1 && ranges[inner] % vec != 0)
        vec /= 2;
    }
  }
  // The chunked loop: the largest outer reduction loop, else the innermost.
  int64_t s = -1;
  for (int64_t d = 0; d < inner; ++d)
    if (isRed(d) && ranges[d] != 1 &&
        (s < 0 || extentOrLarge(d) > extentOrLarge(s)))
      s = d;
  if (s < 0)
    s = inner;
  int64_t sVec = s == inner ? vec : 1; // loop s counted in vectors

  // Chunk size: kChunkElements per thread, more when static extents would
  // give more than kTargetThreads threads.
  int64_t chunk = std::max<int64_t>(1, kChunkElements / vec);
  bool allStatic = true;
  {
    int64_t total = 1;
    for (int64_t r : ranges) {
      allStatic &= !ShapedType::isDynamic(r);
      total = allStatic ? total * std::max<int64_t>(r, 1) : total;
    }
    if (allStatic) {
      int64_t threads = total / vec / chunk;
      if (threads > kTargetThreads)
        chunk *= llvm::divideCeil(threads, kTargetThreads);
    }
    if (!ShapedType::isDynamic(ranges[s]))
      chunk = std::max<int64_t>(
          1, std::min<int64_t>(chunk, ranges[s] / sVec));
  }

  // Thread loops: every loop; `s` counts threads (T = ceil(n / chunk)),
  // the vectorized innermost loop counts vectors.
  Value zero = cst(rewriter, loc, 0), one = cst(rewriter, loc, 1);
  Value chunkValue = cst(rewriter, loc, chunk);
  Value vecValue = cst(rewriter, loc, vec);
  auto ceilDiv = [&](Value a, Value b) {
    Value bMinusOne = rewriter.createOrFold<arith::SubIOp>(loc, b, one);
    return rewriter.createOrFold<arith::DivUIOp>(
        loc, rewriter.createOrFold<arith::AddIOp>(loc, a, bMinusOne), b);
  };
  // Folded: static bounds stay constants (distribute sizes blocks by them).
  Value sCount = sizes[s];
  if (sVec > 1)
    sCount = rewriter.createOrFold<arith::DivUIOp>(loc, sCount, vecValue);
  SmallVector<Value> ubs(sizes);
  if (vec > 1 && s != inner)
    ubs[inner] =
        rewriter.createOrFold<arith::DivUIOp>(loc, sizes[inner], vecValue);
  Value threadsAlongS;
  if (!allStatic) {
    // The same bound on the thread count, at run time. The chunk is a power
    // of two so that the kernel divides by shifting (a 64-bit division
    // costs registers).
    Type i64 = rewriter.getI64Type();
    auto asI64 = [&](Value v) {
      return arith::IndexCastUIOp::create(rewriter, loc, i64, v).getResult();
    };
    auto i64Cst = [&](int64_t v) {
      return arith::ConstantIntOp::create(rewriter, loc, i64, v).getResult();
    };
    // ceil(log2(n)) for n >= 1 (0 for n = 0).
    auto ceilLog2 = [&](Value n) {
      Value m = arith::SubIOp::create(
          rewriter, loc, arith::MaxUIOp::create(rewriter, loc, n, one), one);
      Value zeros = math::CountLeadingZerosOp::create(rewriter, loc, asI64(m));
      return arith::SubIOp::create(rewriter, loc, i64Cst(64), zeros)
          .getResult();
    };
    Value threads = sCount;
    for (int64_t d = 0; d < numLoops; ++d)
      if (d != s)
        threads = arith::MulIOp::create(rewriter, loc, threads, ubs[d]);
    Value perThread = ceilDiv(threads, cst(rewriter, loc, kTargetThreads));
    Value shift = arith::MaxUIOp::create(rewriter, loc,
                                         i64Cst(llvm::Log2_64(chunk)),
                                         ceilLog2(perThread));
    // No longer than the loop.
    shift = arith::MinUIOp::create(rewriter, loc, shift, ceilLog2(sCount));
    chunkValue = arith::IndexCastUIOp::create(
        rewriter, loc, rewriter.getIndexType(),
        arith::ShLIOp::create(rewriter, loc, i64Cst(1), shift));
    Value rounded = arith::AddIOp::create(
        rewriter, loc, asI64(sCount),
        arith::SubIOp::create(rewriter, loc, asI64(chunkValue), i64Cst(1)));
    threadsAlongS = arith::IndexCastUIOp::create(
        rewriter, loc, rewriter.getIndexType(),
        arith::ShRUIOp::create(rewriter, loc, rounded, shift));
  } else {
    threadsAlongS = ceilDiv(sCount, chunkValue);
  }
  ubs[s] = threadsAlongS;
  SmallVector<Value> zeros(numLoops, zero), ones(numLoops, one);
  auto loop = scf::ParallelOp::create(rewriter, loc, zeros, ubs, ones);
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPointToStart(loop.getBody());
  SmallVector<Value> tids(loop.getInductionVars());

  OpOperand &init = op.getDpsInitsMutable()[0];
  SmallVector<Value> outIndices =
      indicesAt(rewriter, loc, op.getMatchingIndexingMap(&init), tids);
  Value start = memref::LoadOp::create(rewriter, loc, init.get(), outIndices);

  // for c < chunk: i_s = c * T + t_s (guarded), then the vector elements.
  auto chunkLoop = scf::ForOp::create(rewriter, loc, zero, chunkValue, one,
                                      ValueRange{start});
  rewriter.setInsertionPointToStart(chunkLoop.getBody());
  Value acc = chunkLoop.getRegionIterArgs()[0];
  Value position = arith::AddIOp::create(
      rewriter, loc,
      arith::MulIOp::create(rewriter, loc, chunkLoop.getInductionVar(),
                            threadsAlongS),
      tids[s]);
  // Chunks that tile the loop exactly need no bounds check.
  bool exact = allStatic && (ranges[s] / sVec) % chunk == 0;
  scf::IfOp ifOp;
  if (!exact) {
    Value inRange = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::ult, position, sCount);
    ifOp = scf::IfOp::create(rewriter, loc, TypeRange{acc.getType()}, inRange,
                             /*withElseRegion=*/true);
    rewriter.setInsertionPointToStart(ifOp.elseBlock());
    scf::YieldOp::create(rewriter, loc, acc);
    rewriter.setInsertionPointToStart(ifOp.thenBlock());
  }
  SmallVector<Value> ivs(tids);
  ivs[s] = position;
  Value partial = acc;
  if (vec > 1) {
    Value first = arith::MulIOp::create(
        rewriter, loc, s == inner ? position : tids[inner], vecValue);
    auto vecLoop = scf::ForOp::create(rewriter, loc, zero, vecValue, one,
                                      ValueRange{acc});
    rewriter.setInsertionPointToStart(vecLoop.getBody());
    ivs[inner] =
        arith::AddIOp::create(rewriter, loc, first, vecLoop.getInductionVar());
    IRMapping mapping;
    mapInputsAt(rewriter, loc, op, ivs, mapping);
    mapping.map(op.getRegionOutputArgs()[0], vecLoop.getRegionIterArgs()[0]);
    scf::YieldOp::create(rewriter, loc, cloneBody(rewriter, op, mapping));
    rewriter.setInsertionPointAfter(vecLoop);
    partial = vecLoop.getResult(0);
  } else {
    IRMapping mapping;
    mapInputsAt(rewriter, loc, op, ivs, mapping);
    mapping.map(op.getRegionOutputArgs()[0], acc);
    partial = cloneBody(rewriter, op, mapping).front();
  }
  if (ifOp) {
    scf::YieldOp::create(rewriter, loc, partial);
    rewriter.setInsertionPointAfter(ifOp);
    partial = ifOp.getResult(0);
  }
  scf::YieldOp::create(rewriter, loc, partial);
  rewriter.setInsertionPointAfter(chunkLoop);
  Value threadPartial = chunkLoop.getResult(0);

  // Merge into the output.
  memref::AtomicRMWOp::create(rewriter, loc, *integerAtomicKind(combiner),
                              threadPartial, init.get(), outIndices);
}

} // namespace

bool mlir::quant_dyn::needsKernelLoop(linalg::LinalgOp op) {
  return op.getNumLoops() == 0 || op.getNumReductionLoops() != 0;
}

LogicalResult mlir::quant_dyn::lowerLinalgToKernelLoop(RewriterBase &rewriter,
                                                      linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics())
    return op->emitOpError("must be bufferized before becoming a kernel");
  for (OpOperand &init : op.getDpsInitsMutable())
    for (AffineExpr expr : op.getMatchingIndexingMap(&init).getResults())
      if (auto dim = dyn_cast<AffineDimExpr>(expr);
          !dim && !isa<AffineConstantExpr>(expr))
        return op->emitOpError("has an output indexed by a non-trivial "
                               "expression; not lowered for the GPU");
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  SmallVector<Value> sizes;
  for (Range range : op.createLoopRanges(rewriter, loc))
    sizes.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, range.size));
  if (Operation *combiner = getSplittableCombiner(op))
    buildSplitReduction(rewriter, op, combiner, sizes);
  else
    buildSequentialReduction(rewriter, op, sizes);
  rewriter.eraseOp(op);
  return success();
}
