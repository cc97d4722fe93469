//===- ResultsToOutParams.cpp - Caller-allocated results ------------------===//
//
// The out-params ABI: public functions write their results into memrefs the
// caller passes after the arguments. Done on tensor IR, before lowering, so
// that the result extents can be derived from the arguments through the
// quant_dyn shape rules and checked before anything runs, and so that
// empty-tensor elimination can make the kernels write in place (upstream's
// buffer-results-to-out-params works after bufferization: it copies dynamic
// results from a temporary and has no extent check).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/Common/Passes.h"

#include "quant-dyn-c/Runtime.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_RESULTSTOOUTPARAMSPASS
#include "quant-dyn/Target/Common/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

/// Builds, at a fixed point at the top of a function body, the extents of
/// values of that body as index values computed from its arguments only.
class ExtentBuilder {
public:
  ExtentBuilder(OpBuilder &b, Location loc, Block &body)
      : b(b), loc(loc), body(body) {}

  /// Extent `d` of the ranked tensor `v`, or failure when it does not
  /// follow from the arguments.
  FailureOr<Value> extent(Value v, int64_t d);

private:
  Value constant(int64_t c) {
    return arith::ConstantIndexOp::create(b, loc, c);
  }
  Value ceilDiv(Value x, int64_t c) {
    if (c == 1)
      return x;
    return arith::CeilDivUIOp::create(b, loc, x, constant(c));
  }
  FailureOr<Value> quantizeScalesExtent(QuantizeOp op, int64_t d);
  FailureOr<Value> index(Value v);

  OpBuilder &b;
  Location loc;
  Block &body;
  IRMapping indexMapping;
};

} // namespace

FailureOr<Value> ExtentBuilder::extent(Value v, int64_t d) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type)
    return failure();
  if (!type.isDynamicDim(d))
    return constant(type.getDimSize(d));
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    if (arg.getOwner() != &body)
      return failure();
    return tensor::DimOp::create(b, loc, arg, d).getResult();
  }
  Operation *op = v.getDefiningOp();
  if (auto cast = dyn_cast<tensor::CastOp>(op))
    return extent(cast.getSource(), d);
  if (auto quantize = dyn_cast<QuantizeOp>(op)) {
    if (v == quantize.getData())
      return extent(quantize.getInput(), d);
    return quantizeScalesExtent(quantize, d);
  }
  if (auto dequantize = dyn_cast<DequantizeOp>(op))
    return extent(dequantize.getData(), d);
  if (auto linear = dyn_cast<QuantizeLinearOp>(op))
    return extent(linear.getInput(), d);
  if (auto linear = dyn_cast<DequantizeLinearOp>(op))
    return extent(linear.getInput(), d);
  if (auto cast = dyn_cast<StorageCastOp>(op)) {
    // Packed f4 halves or doubles the innermost extent; others keep it.
    auto srcType = dyn_cast<RankedTensorType>(cast.getSource().getType());
    if (!srcType || (d == type.getRank() - 1 &&
                     srcType.getElementType() != type.getElementType() &&
                     (isa<Float4E2M1FNType>(srcType.getElementType()) ||
                      isa<Float4E2M1FNType>(type.getElementType()))))
      return failure();
    return extent(cast.getSource(), d);
  }
  if (auto empty = dyn_cast<tensor::EmptyOp>(op))
    return index(empty.getDynamicSize(d));
  if (auto dps = dyn_cast<DestinationStyleOpInterface>(op))
    return extent(dps.getTiedOpOperand(cast<OpResult>(v))->get(), d);
  if (op->hasTrait<OpTrait::Elementwise>() ||
      op->hasTrait<OpTrait::SameOperandsAndResultShape>())
    for (Value operand : op->getOperands())
      if (auto t = dyn_cast<RankedTensorType>(operand.getType());
          t && t.getRank() == type.getRank())
        return extent(operand, d);
  return failure();
}

FailureOr<Value> ExtentBuilder::quantizeScalesExtent(QuantizeOp op, int64_t d) {
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  FailureOr<ResolvedBlocking> blocking = resolveBlocking(
      op.getBlocking(), inputType.getShape(), [&] { return op.emitOpError(); });
  if (failed(blocking))
    return failure();
  int64_t rank = inputType.getRank();
  if (op.getScaleLayout() == ScaleLayout::linear) {
    int64_t block = blocking->blockPerDim[d];
    if (block == -1)
      return constant(1);
    FailureOr<Value> x = extent(op.getInput(), d);
    if (failed(x))
      return failure();
    return ceilDiv(*x, block);
  }
  // swizzled_128x4: [(B,) ceil(M / 128), ceil(S / 4), 32, 4, 4] with
  // S = ceil(K / block_size); the tile dims are static.
  int64_t batch = rank - 2;
  if (d < batch)
    return extent(op.getInput(), d);
  if (d == batch) {
    FailureOr<Value> m = extent(op.getInput(), rank - 2);
    if (failed(m))
      return failure();
    return ceilDiv(*m, kSwizzleTileRows);
  }
  if (d == batch + 1) {
    FailureOr<Value> k = extent(op.getInput(), rank - 1);
    if (failed(k))
      return failure();
    return ceilDiv(ceilDiv(*k, blocking->blockPerDim[rank - 1]),
                   kSwizzleTileCols);
  }
  return failure();
}

FailureOr<Value> ExtentBuilder::index(Value v) {
  if (Value mapped = indexMapping.lookupOrNull(v))
    return mapped;
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    if (arg.getOwner() != &body)
      return failure();
    return v;
  }
  Operation *op = v.getDefiningOp();
  if (auto dim = dyn_cast<tensor::DimOp>(op)) {
    std::optional<int64_t> d = dim.getConstantIndex();
    if (!d)
      return failure();
    FailureOr<Value> e = extent(dim.getSource(), *d);
    if (succeeded(e))
      indexMapping.map(v, *e);
    return e;
  }
  // Pure scalar arithmetic on extents: clone it over mapped operands.
  if (op->getNumRegions() != 0 || op->getNumResults() != 1 || !isPure(op))
    return failure();
  for (Value operand : op->getOperands()) {
    if (!operand.getType().isIntOrIndex())
      return failure();
    if (failed(index(operand)))
      return failure();
  }
  Operation *clone = b.clone(*op, indexMapping);
  return clone->getResult(0);
}

/// The run-time error hook, declared in `module` if needed.
static FailureOr<FlatSymbolRefAttr> declareReportError(ModuleOp module) {
  OpBuilder b(module.getContext());
  auto name = b.getStringAttr(QUANT_DYN_REPORT_ERROR_NAME);
  auto i64 = b.getI64Type();
  FunctionType type = b.getFunctionType({b.getI32Type(), i64, i64, i64}, {});
  if (Operation *existing = SymbolTable::lookupSymbolIn(module, name)) {
    auto func = dyn_cast<func::FuncOp>(existing);
    if (!func || func.getFunctionType() != type)
      return existing->emitOpError() << "clashes with the run-time error hook @"
                                     << name.getValue() << " of type " << type;
    return FlatSymbolRefAttr::get(name);
  }
  b.setInsertionPointToStart(module.getBody());
  func::FuncOp::create(b, module.getLoc(), name.getValue(), type).setPrivate();
  return FlatSymbolRefAttr::get(name);
}

static LogicalResult convertFunction(func::FuncOp func,
                                     FlatSymbolRefAttr reportError) {
  if (!func.getBody().hasOneBlock())
    return func.emitOpError("results-to-out-params: expects a single-block "
                            "body");
  Block &body = func.front();
  auto ret = dyn_cast<func::ReturnOp>(body.getTerminator());
  if (!ret)
    return func.emitOpError("results-to-out-params: expects func.return");
  for (auto [i, type] : llvm::enumerate(func.getResultTypes()))
    if (!isa<RankedTensorType>(type))
      return func.emitOpError("results-to-out-params: result #")
             << i << " is not a ranked tensor";

  Location loc = func.getLoc();
  MLIRContext *ctx = func.getContext();
  Operation *firstOriginal = &body.front();

  // One output memref per result: every extent dynamic, so that the
  // descriptor's sizes are checked even where the result type is static.
  // The outputs are marked, so that later stages (the GPU's host-buffer
  // ABI) can tell them from the arguments.
  unsigned numArgs = func.getNumArguments();
  SmallVector<Value> outs;
  auto outputAttrs = DictionaryAttr::get(
      ctx, {NamedAttribute(StringAttr::get(ctx, kOutputArgAttrName),
                           UnitAttr::get(ctx))});
  for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
    auto tensorType = cast<RankedTensorType>(type);
    SmallVector<int64_t> shape(tensorType.getRank(), ShapedType::kDynamic);
    auto memrefType = MemRefType::get(shape, tensorType.getElementType());
    if (failed(func.insertArgument(numArgs + i, memrefType, outputAttrs, loc)))
      return failure();
    outs.push_back(func.getArgument(numArgs + i));
  }

  // Expected and actual extents, compared at entry.
  OpBuilder b(firstOriginal);
  ExtentBuilder extents(b, loc, body);
  struct Check {
    Value ok, actual, expected;
    int64_t dim;
  };
  SmallVector<Check> checks;
  for (auto [i, result] : llvm::enumerate(ret.getOperands())) {
    auto type = cast<RankedTensorType>(result.getType());
    for (int64_t d = 0; d < type.getRank(); ++d) {
      FailureOr<Value> expected = extents.extent(result, d);
      if (failed(expected))
        return func.emitOpError("results-to-out-params: the extent of "
                                "dimension ")
               << d << " of result #" << i
               << " cannot be derived from the arguments";
      Value actual = memref::DimOp::create(b, loc, outs[i], d);
      Value ok = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, actual,
                                       *expected);
      checks.push_back({ok, actual, *expected, d});
    }
  }
  Value allOk = arith::ConstantIntOp::create(b, loc, b.getI1Type(), 1);
  for (const Check &c : checks)
    allOk = arith::AndIOp::create(b, loc, allOk, c.ok);

  // The body runs only when every extent matches; the results are stored
  // into the outputs, in place once empty tensors are eliminated.
  auto ifOp = scf::IfOp::create(b, loc, allOk, /*withElseRegion=*/true);
  Block *thenBlock = ifOp.thenBlock();
  Operation *thenYield = thenBlock->getTerminator();
  for (Operation &op : llvm::make_early_inc_range(
           llvm::make_range(firstOriginal->getIterator(), ret->getIterator())))
    op.moveBefore(thenYield);
  for (auto [result, out] : llvm::zip_equal(ret.getOperands(), outs)) {
    auto type = cast<RankedTensorType>(result.getType());
    // The destination views come before the body, so the computations that
    // are redirected into them (quant-dyn-out-params-in-place) see them.
    b.setInsertionPoint(ifOp);
    Value dest = out;
    auto exact = MemRefType::get(type.getShape(), type.getElementType());
    if (exact != out.getType())
      dest = memref::CastOp::create(b, loc, exact, out);
    if (isa<Float4E2M1FNType>(type.getElementType())) {
      // Packed f4 is stored as its bytes: a copy of f4 memrefs (what the
      // store becomes when it is not eliminated) would count the logical
      // elements as bytes and write twice the buffer.
      SmallVector<int64_t> bytes = getPackedF4ByteShape(type.getShape());
      Type i8 = b.getI8Type();
      dest = StorageCastOp::create(b, loc, MemRefType::get(bytes, i8), dest);
      b.setInsertionPoint(thenYield);
      result = StorageCastOp::create(b, loc, RankedTensorType::get(bytes, i8),
                                     result);
    }
    b.setInsertionPoint(thenYield);
    auto store =
        bufferization::MaterializeInDestinationOp::create(b, loc, result, dest);
    store.setRestrict(true);
    store.setWritable(true);
  }

  b.setInsertionPoint(ifOp.elseBlock()->getTerminator());
  Value trueValue = arith::ConstantIntOp::create(b, loc, b.getI1Type(), 1);
  for (const Check &c : checks) {
    Value bad = arith::XOrIOp::create(b, loc, c.ok, trueValue);
    scf::IfOp::create(b, loc, bad, [&](OpBuilder &fb, Location fl) {
      auto i64 = fb.getI64Type();
      Value args[] = {
          arith::ConstantIntOp::create(fb, fl, fb.getI32Type(),
                                       QUANT_DYN_ERROR_OUTPUT_EXTENT),
          arith::ConstantIntOp::create(fb, fl, i64, c.dim),
          arith::IndexCastOp::create(fb, fl, i64, c.actual),
          arith::IndexCastOp::create(fb, fl, i64, c.expected)};
      func::CallOp::create(fb, fl, reportError, TypeRange(), args);
      scf::YieldOp::create(fb, fl);
    });
  }

  ret->setOperands({});
  llvm::BitVector allResults(func.getNumResults(), true);
  return func.eraseResults(allResults);
}

namespace {
struct ResultsToOutParamsPass
    : public quant_dyn::impl::ResultsToOutParamsPassBase<
          ResultsToOutParamsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> entries;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal() && func.getNumResults() != 0)
        entries.push_back(func);
    if (entries.empty())
      return;
    FailureOr<FlatSymbolRefAttr> reportError = declareReportError(module);
    if (failed(reportError))
      return signalPassFailure();
    for (func::FuncOp func : entries) {
      // Calls inside the module would need out-params too: entry points
      // only.
      if (!SymbolTable::symbolKnownUseEmpty(func, module)) {
        func.emitOpError("results-to-out-params: a public function with "
                         "results must not be called inside the module (make "
                         "the callee private)");
        return signalPassFailure();
      }
      if (failed(convertFunction(func, *reportError)))
        return signalPassFailure();
    }
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// quant-dyn-out-params-in-place
//===----------------------------------------------------------------------===//

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_OUTPARAMSINPLACEPASS
#define GEN_PASS_DEF_INSERTSLICESINPLACEPASS
#include "quant-dyn/Target/Common/Passes.h.inc"
} // namespace mlir::quant_dyn

namespace {

/// Builds, before the current insertion point, a tensor of `type` with
/// extents `sizes` that aliases the output memref; null where no such
/// tensor can be built there.
using DestBuilder = std::function<Value(OpBuilder &, Location, TensorType type,
                                        ArrayRef<OpFoldResult> sizes)>;

class InPlaceRewriter {
public:
  InPlaceRewriter(RewriterBase &rewriter, Operation *root)
      : rewriter(rewriter), dominance(root) {}

  /// Replaces the tensor.empty ops that `v` is computed into by views of
  /// the output; returns false when some path does not end at one (the
  /// store then stays, as a copy).
  bool redirect(Value v, const DestBuilder &dest);

  /// Computes the source of `insert` into the same slice of its
  /// destination, where the destination and the slice's dynamic operands
  /// dominate the tensor.empty ops replaced; returns whether every path of
  /// the source was redirected.
  bool redirectSource(tensor::InsertSliceOp insert);

  /// The op that reads the value being redirected (on the path).
  Operation *pathUser = nullptr;

private:
  RewriterBase &rewriter;
  DominanceInfo dominance;
};

} // namespace

bool InPlaceRewriter::redirect(Value v, const DestBuilder &dest) {
  Operation *op = v.getDefiningOp();
  if (!op)
    return false;
  Location loc = op->getLoc();
  if (auto empty = dyn_cast<tensor::EmptyOp>(op)) {
    // Only the use on the path reads the output: tiling leaves slices of
    // the original tensor.empty inside loops, which stay undefined tiles.
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(empty);
    Value view = dest(rewriter, loc, empty.getType(), empty.getMixedSizes());
    if (!view)
      return false;
    rewriter.replaceUsesWithIf(empty, view, [&](OpOperand &use) {
      return use.getOwner() == pathUser;
    });
    return true;
  }
  // A value read elsewhere could be overwritten in place by another op,
  // which bufferization would resolve with a copy: keep to single uses.
  if (!v.hasOneUse())
    return false;
  pathUser = op;
  if (auto cast = dyn_cast<tensor::CastOp>(op))
    return redirect(cast.getSource(),
                    [&](OpBuilder &b, Location l, TensorType type,
                        ArrayRef<OpFoldResult> sizes) -> Value {
                      Value outer = dest(b, l, cast.getType(), sizes);
                      if (!outer)
                        return {};
                      return tensor::CastOp::create(b, l, type, outer);
                    });
  if (auto cast = dyn_cast<StorageCastOp>(op)) {
    auto srcType = dyn_cast<RankedTensorType>(cast.getSource().getType());
    auto dstType = dyn_cast<RankedTensorType>(cast.getType());
    if (!srcType || !dstType)
      return false;
    bool fromF4 = isa<Float4E2M1FNType>(srcType.getElementType());
    bool toF4 = isa<Float4E2M1FNType>(dstType.getElementType());
    return redirect(
        cast.getSource(),
        [&](OpBuilder &b, Location l, TensorType type,
            ArrayRef<OpFoldResult> sizes) -> Value {
          SmallVector<OpFoldResult> outerSizes(sizes);
          if (fromF4 != toF4 && !outerSizes.empty()) {
            AffineExpr s0 = b.getAffineSymbolExpr(0);
            outerSizes.back() = affine::makeComposedFoldedAffineApply(
                b, l, toF4 ? s0 * 2 : s0.floorDiv(2), {outerSizes.back()});
          }
          Value outer = dest(b, l, dstType, outerSizes);
          if (!outer)
            return {};
          return StorageCastOp::create(b, l, type, outer);
        });
  }
  if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op))
    return redirect(
        collapse.getSrc(),
        [&](OpBuilder &b, Location l, TensorType type,
            ArrayRef<OpFoldResult> sizes) -> Value {
          SmallVector<OpFoldResult> outerSizes;
          for (const ReassociationIndices &group :
               collapse.getReassociationIndices()) {
            AffineExpr product = b.getAffineConstantExpr(1);
            SmallVector<OpFoldResult> operands;
            for (int64_t i : group) {
              product = product * b.getAffineSymbolExpr(operands.size());
              operands.push_back(sizes[i]);
            }
            outerSizes.push_back(
                affine::makeComposedFoldedAffineApply(b, l, product, operands));
          }
          Value outer = dest(b, l, collapse.getResultType(), outerSizes);
          if (!outer)
            return {};
          return tensor::ExpandShapeOp::create(
              b, l, type, outer, collapse.getReassociationIndices(), sizes);
        });
  // A slice inserted into a destination (the whole-block interior and the
  // edge strips of a peeled quantize, docs/Rationale.md "Blocks as shape";
  // the whole chunks and the tail of a dynamic innermost extent): the
  // destination path as for any destination-style op; the source is
  // computed straight into the same slice of the destination value, which
  // bufferization then sees as an in-place extract / insert pair (no
  // temporary, no copy). Where that value or the slice's dynamic offsets
  // and sizes do not dominate the tensor.empty to replace, the source keeps
  // its temporary.
  if (auto insert = dyn_cast<tensor::InsertSliceOp>(op)) {
    bool destDone = redirect(insert.getDest(), dest);
    (void)redirectSource(insert);
    return destDone;
  }
  auto result = cast<OpResult>(v);
  if (auto ifOp = dyn_cast<scf::IfOp>(op)) {
    unsigned k = result.getResultNumber();
    pathUser = ifOp.thenYield();
    bool thenDone = redirect(ifOp.thenYield().getOperand(k), dest);
    if (!ifOp.elseBlock())
      return false;
    pathUser = ifOp.elseYield();
    bool elseDone = redirect(ifOp.elseYield().getOperand(k), dest);
    return thenDone && elseDone;
  }
  if (auto forall = dyn_cast<scf::ForallOp>(op))
    return redirect(forall.getTiedOpOperand(result)->get(), dest);
  if (auto dps = dyn_cast<DestinationStyleOpInterface>(op))
    return redirect(dps.getTiedOpOperand(result)->get(), dest);
  return false;
}

bool InPlaceRewriter::redirectSource(tensor::InsertSliceOp insert) {
  pathUser = insert;
  return redirect(insert.getSource(),
                  [&](OpBuilder &b, Location l, TensorType type,
                      ArrayRef<OpFoldResult>) -> Value {
                    Operation *point = &*b.getInsertionPoint();
                    auto dominates = [&](Value v) {
                      return dominance.properlyDominates(v, point);
                    };
                    if (!dominates(insert.getDest()) ||
                        !llvm::all_of(insert.getOffsets(), dominates) ||
                        !llvm::all_of(insert.getSizes(), dominates) ||
                        !llvm::all_of(insert.getStrides(), dominates))
                      return {};
                    return tensor::ExtractSliceOp::create(
                        b, l, cast<RankedTensorType>(type), insert.getDest(),
                        insert.getMixedOffsets(), insert.getMixedSizes(),
                        insert.getMixedStrides());
                  });
}

namespace {
struct OutParamsInPlacePass
    : public quant_dyn::impl::OutParamsInPlacePassBase<OutParamsInPlacePass> {
  void runOnOperation() override {
    SmallVector<bufferization::MaterializeInDestinationOp> stores;
    getOperation().walk([&](bufferization::MaterializeInDestinationOp store) {
      if (isa<BaseMemRefType>(store.getDest().getType()) &&
          store.getRestrict() && store.getWritable())
        stores.push_back(store);
    });
    IRRewriter rewriter(&getContext());
    InPlaceRewriter inPlace(rewriter, getOperation());
    for (bufferization::MaterializeInDestinationOp store : stores) {
      // The output argument itself: the store's destination may be a cast
      // of it defined after the tensor.empty ops to replace.
      Value out = store.getDest();
      if (auto cast = out.getDefiningOp<memref::CastOp>())
        out = cast.getSource();
      // The tensor and its casts are created once each, right after the
      // output is defined (they dominate every tensor.empty they replace):
      // several paths into one output (the slices of a peeled quantize)
      // must share one value, or bufferization takes them for distinct
      // buffers and copies.
      DenseMap<Type, Value> outTensors;
      DestBuilder view = [&](OpBuilder &b, Location loc, TensorType type,
                             ArrayRef<OpFoldResult>) -> Value {
        if (Value tensor = outTensors.lookup(type))
          return tensor;
        OpBuilder::InsertionGuard guard(b);
        if (auto arg = dyn_cast<BlockArgument>(out))
          b.setInsertionPointToStart(arg.getOwner());
        else
          b.setInsertionPointAfter(out.getDefiningOp());
        auto memrefType = cast<MemRefType>(out.getType());
        auto tensorType = RankedTensorType::get(memrefType.getShape(),
                                                memrefType.getElementType());
        Value tensor = outTensors.lookup(tensorType);
        if (!tensor) {
          tensor = bufferization::ToTensorOp::create(
              b, loc, tensorType, out, /*restrict=*/true, /*writable=*/true);
          outTensors[tensorType] = tensor;
        }
        if (type == tensorType)
          return tensor;
        b.setInsertionPointAfterValue(tensor);
        Value cast = tensor::CastOp::create(b, loc, type, tensor);
        outTensors[type] = cast;
        return cast;
      };
      // The store reads the source: that is its one use on the path.
      inPlace.pathUser = store;
      if (inPlace.redirect(store.getSource(), view))
        rewriter.eraseOp(store);
    }
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// quant-dyn-insert-slices-in-place
//===----------------------------------------------------------------------===//

namespace {
struct InsertSlicesInPlacePass
    : public quant_dyn::impl::InsertSlicesInPlacePassBase<
          InsertSlicesInPlacePass> {
  void runOnOperation() override {
    // Sources and destinations read elsewhere are left alone: computing a
    // source into a destination that is still read would make
    // bufferization copy the slice.
    SmallVector<tensor::InsertSliceOp> inserts;
    getOperation().walk([&](tensor::InsertSliceOp insert) {
      if (insert.getSource().hasOneUse() && insert.getDest().hasOneUse())
        inserts.push_back(insert);
    });
    IRRewriter rewriter(&getContext());
    InPlaceRewriter inPlace(rewriter, getOperation());
    for (tensor::InsertSliceOp insert : inserts)
      (void)inPlace.redirectSource(insert);
  }
};
} // namespace
