//===- QuantDynToLinalg.cpp - quant_dyn to tensor-level linalg ------------===//
//
// Lowers the quant_dyn ops to one tensor-level form shared by the CPU and GPU
// pipelines: tensor.pad / expand_shape to make blocks a dimension, a linalg
// reduction for the block amax, elementwise linalg for the scales and a
// broadcasting linalg.generic for the data. All numerics come from the
// LowPrecisionFloat builders, so both targets compute bit-identical results.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Conversion/QuantDynToLinalg/QuantDynToLinalg.h"

#include "quant-dyn/Utils/FloatConversions.h"
#include "quant-dyn/Target/NVVM/NVVMNarrowFloatTarget.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DEF_CONVERTQUANTDYNTOLINALGPASS
#include "quant-dyn/Conversion/Passes.h.inc"
} // namespace mlir::quant_dyn

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

//===----------------------------------------------------------------------===//
// Small IR helpers
//===----------------------------------------------------------------------===//

Value indexConst(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

Value toValue(OpBuilder &b, Location loc, OpFoldResult ofr) {
  return getValueOrCreateConstantIndexOp(b, loc, ofr);
}

OpFoldResult applyMap(OpBuilder &b, Location loc, AffineExpr expr,
                      ArrayRef<OpFoldResult> operands) {
  return affine::makeComposedFoldedAffineApply(
      b, loc, AffineMap::get(0, operands.size(), expr), operands);
}

OpFoldResult ceilDiv(OpBuilder &b, Location loc, OpFoldResult a, int64_t d) {
  return applyMap(b, loc, getAffineSymbolExpr(0, b.getContext()).ceilDiv(d),
                  {a});
}
OpFoldResult floorDiv(OpBuilder &b, Location loc, OpFoldResult a, int64_t d) {
  return applyMap(b, loc, getAffineSymbolExpr(0, b.getContext()).floorDiv(d),
                  {a});
}
OpFoldResult mul(OpBuilder &b, Location loc, OpFoldResult a, int64_t m) {
  return applyMap(b, loc, getAffineSymbolExpr(0, b.getContext()) * m, {a});
}

SmallVector<int64_t> staticShape(ArrayRef<OpFoldResult> dims) {
  SmallVector<int64_t> shape;
  for (OpFoldResult d : dims)
    shape.push_back(getConstantIntValue(d).value_or(ShapedType::kDynamic));
  return shape;
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                  Type elementType) {
  return tensor::EmptyOp::create(b, loc, dims, elementType);
}

Value filledTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                   Type elementType, TypedAttr value) {
  Value init = emptyTensor(b, loc, dims, elementType);
  Value cst = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, cst, init).getResult(0);
}

/// Reinterprets `value`'s storage with another element type (and, for
/// f4E2M1FN <-> i8, the packed innermost extent).
Value storageCast(OpBuilder &b, Location loc, Value value, Type elementType,
                  ArrayRef<OpFoldResult> dims) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getElementType() == elementType)
    return value;
  auto resultType = RankedTensorType::get(staticShape(dims), elementType);
  return StorageCastOp::create(b, loc, resultType, value);
}

Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

/// The element type the generics compute on for a tensor element type: arith
/// has no signed or unsigned integers, and f4E2M1FN is stored packed.
Type storageElementType(Type type) {
  if (auto intType = dyn_cast<IntegerType>(type))
    return IntegerType::get(type.getContext(), intType.getWidth());
  if (isa<Float4E2M1FNType>(type))
    return IntegerType::get(type.getContext(), 8);
  return type;
}

SmallVector<utils::IteratorType> iterators(ArrayRef<bool> isParallel) {
  SmallVector<utils::IteratorType> result;
  for (bool p : isParallel)
    result.push_back(p ? utils::IteratorType::parallel
                       : utils::IteratorType::reduction);
  return result;
}

AffineMap projection(MLIRContext *ctx, int64_t numDims, ArrayRef<bool> keep) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < numDims; ++i)
    if (keep[i])
      exprs.push_back(getAffineDimExpr(i, ctx));
  return AffineMap::get(numDims, 0, exprs, ctx);
}

//===----------------------------------------------------------------------===//
// Element conversions used inside the generic bodies
//===----------------------------------------------------------------------===//

Value i32Of(OpBuilder &b, Location loc, Value v) {
  auto i32 = b.getI32Type();
  if (v.getType() == i32)
    return v;
  if (!v.getType().isInteger())
    v = arith::BitcastOp::create(
        b, loc, b.getIntegerType(v.getType().getIntOrFloatBitWidth()), v);
  return arith::ExtUIOp::create(b, loc, i32, v);
}

Value extendToF32(OpBuilder &b, Location loc, Value v) {
  if (v.getType().isF32())
    return v;
  // bf16 is the upper half of an f32: a shift, which vectorizes everywhere
  // (LLVM scalarizes vector bfloat fpext on targets without native bf16).
  if (v.getType().isBF16()) {
    Value bits = arith::BitcastOp::create(b, loc, b.getI16Type(), v);
    Value wide = arith::ExtUIOp::create(b, loc, b.getI32Type(), bits);
    Value shifted = arith::ShLIOp::create(
        b, loc, wide, createI32Constant(b, loc, wide.getType(), 16));
    return arith::BitcastOp::create(b, loc, b.getF32Type(), shifted);
  }
  return arith::ExtFOp::create(b, loc, b.getF32Type(), v);
}

/// f32 -> T1 (f32, f16, bf16) with IEEE round to nearest even (overflow to
/// Inf) and canonical NaN.
Value f32ToFloatType(OpBuilder &b, Location loc, Value v, Type floatType) {
  if (floatType.isF32())
    return buildCanonicalizeNaN(b, loc, v);
  NarrowFloatFormat fmt = *getNarrowFloatFormat(floatType);
  Value code = buildTruncFromF32(b, loc, v, fmt, /*satfinite=*/false);
  Value i16 = arith::TruncIOp::create(b, loc, b.getI16Type(), code);
  return arith::BitcastOp::create(b, loc, floatType, i16);
}

/// Narrow-typed element (as stored) -> exact f32.
Value narrowToF32(OpBuilder &b, Location loc, Value v, Type logicalType) {
  if (logicalType.isF32())
    return v;
  if (isa<Float8E8M0FNUType>(logicalType))
    return buildE8M0ToF32(b, loc, i32Of(b, loc, v));
  return buildExtToF32(b, loc, i32Of(b, loc, v),
                       *getNarrowFloatFormat(logicalType));
}

/// i32 code -> the storage element type of a generic's output.
Value codeToStorage(OpBuilder &b, Location loc, Value code, Type storageType) {
  unsigned width = storageType.getIntOrFloatBitWidth();
  Value truncated =
      arith::TruncIOp::create(b, loc, b.getIntegerType(width), code);
  if (storageType.isInteger())
    return truncated;
  return arith::BitcastOp::create(b, loc, storageType, truncated);
}

//===----------------------------------------------------------------------===//
// Run-time checks
//===----------------------------------------------------------------------===//

struct RuntimeCheck {
  Value ok;
  RuntimeErrorKind kind;
  int64_t dim;
  Value actual, expected; // index values
};

class RuntimeChecks {
public:
  RuntimeChecks(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  /// actual == expected (skipped when both are constants: the verifier
  /// already compared them).
  void requireEqual(OpFoldResult actual, OpFoldResult expected,
                    RuntimeErrorKind kind, int64_t dim) {
    auto a = getConstantIntValue(actual), e = getConstantIntValue(expected);
    if (a && e)
      return;
    Value av = toValue(b, loc, actual), ev = toValue(b, loc, expected);
    Value ok = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, av, ev);
    checks.push_back({ok, kind, dim, av, ev});
  }

  /// extent % divisor == 0 for a dynamic extent.
  void requireDivisible(OpFoldResult extent, int64_t divisor,
                        RuntimeErrorKind kind, int64_t dim) {
    if (getConstantIntValue(extent) || divisor == 1)
      return;
    Value ev = toValue(b, loc, extent);
    Value rem = arith::RemUIOp::create(b, loc, ev, indexConst(b, loc, divisor));
    Value ok = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rem,
                                     indexConst(b, loc, 0));
    checks.push_back({ok, kind, dim, ev, indexConst(b, loc, divisor)});
  }

  /// Runs `compute` when every check holds; otherwise reports each failed
  /// check through quant_dyn_report_error and yields uninitialized tensors
  /// of `fallbackDims` (no computation, so no out-of-bounds access).
  SmallVector<Value>
  guard(Operation *op, TypeRange resultTypes,
        ArrayRef<SmallVector<OpFoldResult>> fallbackDims,
        function_ref<SmallVector<Value>(OpBuilder &, Location)> compute) {
    if (checks.empty())
      return compute(b, loc);
    FlatSymbolRefAttr callee = getReportFunction(op);
    Value allOk = checks.front().ok;
    for (const RuntimeCheck &c : ArrayRef(checks).drop_front())
      allOk = arith::AndIOp::create(b, loc, allOk, c.ok);
    auto ifOp = scf::IfOp::create(
        b, loc, allOk,
        [&](OpBuilder &tb, Location l) {
          scf::YieldOp::create(tb, l, compute(tb, l));
        },
        [&](OpBuilder &eb, Location l) {
          for (const RuntimeCheck &c : checks) {
            Value failed = arith::XOrIOp::create(
                eb, l, c.ok,
                arith::ConstantIntOp::create(eb, l, eb.getI1Type(), 1));
            scf::IfOp::create(eb, l, failed, [&](OpBuilder &fb, Location fl) {
              auto i64 = fb.getI64Type();
              Value args[] = {
                  arith::ConstantIntOp::create(fb, fl, fb.getI32Type(),
                                               static_cast<int32_t>(c.kind)),
                  arith::ConstantIntOp::create(fb, fl, i64, c.dim),
                  arith::IndexCastOp::create(fb, fl, i64, c.actual),
                  arith::IndexCastOp::create(fb, fl, i64, c.expected)};
              func::CallOp::create(fb, fl, callee, TypeRange(), args);
              scf::YieldOp::create(fb, fl);
            });
          }
          SmallVector<Value> empties;
          for (auto [type, dims] : llvm::zip_equal(resultTypes, fallbackDims)) {
            Value empty = emptyTensor(
                eb, l, dims, cast<RankedTensorType>(type).getElementType());
            empties.push_back(castTo(eb, l, empty, type));
          }
          scf::YieldOp::create(eb, l, empties);
        });
    return SmallVector<Value>(ifOp.getResults());
  }

private:
  FlatSymbolRefAttr getReportFunction(Operation *op) {
    auto module = op->getParentOfType<ModuleOp>();
    MLIRContext *ctx = op->getContext();
    if (!module.lookupSymbol<func::FuncOp>(kReportErrorFunctionName)) {
      OpBuilder mb = OpBuilder::atBlockBegin(module.getBody());
      auto i64 = mb.getI64Type();
      auto type = mb.getFunctionType({mb.getI32Type(), i64, i64, i64}, {});
      auto decl = func::FuncOp::create(mb, module.getLoc(),
                                       kReportErrorFunctionName, type);
      decl.setPrivate();
    }
    return FlatSymbolRefAttr::get(ctx, kReportErrorFunctionName);
  }

  OpBuilder &b;
  Location loc;
  SmallVector<RuntimeCheck> checks;
};

//===----------------------------------------------------------------------===//
// Block geometry
//===----------------------------------------------------------------------===//

/// How a tensor of the blocked shape is viewed as blocks: every logical
/// dimension becomes one or two expanded dimensions, each either a "scale"
/// dimension (indexes the scales) or a "block" dimension (inside a block).
struct BlockGeometry {
  int64_t rank = 0;
  SmallVector<OpFoldResult> dims;      // logical extents
  SmallVector<int64_t> block;          // 1: unblocked, -1: whole, >1: block
  SmallVector<OpFoldResult> numBlocks; // scale extents
  SmallVector<OpFoldResult> padded;    // extents rounded up to whole blocks
  bool needsPad = false;

  // Expanded view of the padded tensor.
  SmallVector<ReassociationIndices> reassociation;
  SmallVector<OpFoldResult> expandedDims;
  SmallVector<bool> isScaleDim;
  // With a pair split, the innermost expanded dim is the f4 pair (size 2).
  bool pairSplit = false;
  // How the scale-layout dims (isScaleDim, in order) collapse to the scales.
  SmallVector<ReassociationIndices> scaleReassociation;

  SmallVector<OpFoldResult> scaleLayoutDims() const {
    SmallVector<OpFoldResult> result;
    for (auto [d, s] : llvm::zip_equal(expandedDims, isScaleDim))
      if (s)
        result.push_back(d);
    return result;
  }
};

BlockGeometry computeGeometry(OpBuilder &b, Location loc, Value tensor,
                              const ResolvedBlocking &blocking,
                              bool wantPairSplit) {
  BlockGeometry g;
  auto type = cast<RankedTensorType>(tensor.getType());
  g.rank = type.getRank();
  g.dims = tensor::getMixedSizes(b, loc, tensor);
  for (int64_t i = 0; i < g.rank; ++i) {
    int64_t blk = blocking.blockPerDim[i];
    // A whole-extent block over a static extent of 1 or less is still -1.
    g.block.push_back(blk);
    if (blk == 1) {
      g.numBlocks.push_back(g.dims[i]);
      g.padded.push_back(g.dims[i]);
    } else if (blk == -1) {
      g.numBlocks.push_back(b.getIndexAttr(1));
      g.padded.push_back(g.dims[i]);
    } else if (blocking.is1D) {
      // Divisibility is verified (static) or checked at run time.
      g.numBlocks.push_back(floorDiv(b, loc, g.dims[i], blk));
      g.padded.push_back(g.dims[i]);
    } else {
      OpFoldResult nb = ceilDiv(b, loc, g.dims[i], blk);
      g.numBlocks.push_back(nb);
      OpFoldResult p = mul(b, loc, nb, blk);
      g.padded.push_back(p);
      auto pc = getConstantIntValue(p), dc = getConstantIntValue(g.dims[i]);
      if (!pc || !dc || *pc != *dc)
        g.needsPad = true;
    }
  }

  // Pair split for packed f4: the innermost expanded dimension must have an
  // even extent that lies within one block. An unblocked innermost dim
  // (block 1) is not split: its two elements of a byte belong to different
  // blocks, so the pair would be a scale dim that the quantization generic
  // reduces over, and the block loop (which tiles every scale dim in
  // parallel) would race on the byte. Such data is packed after the blocks
  // are collapsed, as for odd blocks.
  int64_t last = g.rank - 1;
  int64_t lastBlock = g.block[last];
  g.pairSplit = wantPairSplit && (lastBlock == -1 ||
                                  (lastBlock > 1 && lastBlock % 2 == 0));

  MLIRContext *ctx = b.getContext();
  (void)ctx;
  for (int64_t i = 0; i < g.rank; ++i) {
    ReassociationIndices group;
    auto push = [&](OpFoldResult extent, bool scale) {
      group.push_back(g.expandedDims.size());
      g.expandedDims.push_back(extent);
      g.isScaleDim.push_back(scale);
    };
    int64_t blk = g.block[i];
    bool split = g.pairSplit && i == last;
    if (blk == 1) {
      if (split) {
        push(floorDiv(b, loc, g.dims[i], 2), true);
        push(b.getIndexAttr(2), true);
      } else {
        push(g.dims[i], true);
      }
    } else {
      OpFoldResult inner = blk == -1 ? g.dims[i] : b.getIndexAttr(blk);
      push(blk == -1 ? b.getIndexAttr(1) : g.numBlocks[i], true);
      if (split) {
        push(blk == -1 ? floorDiv(b, loc, g.dims[i], 2)
                       : OpFoldResult(b.getIndexAttr(blk / 2)),
             false);
        push(b.getIndexAttr(2), false);
      } else {
        push(inner, false);
      }
    }
    g.reassociation.push_back(group);
  }

  // Scale layout -> scales: one scale-layout dim per scale dim (a split
  // unblocked innermost dim would have two).
  int64_t next = 0;
  for (int64_t i = 0; i < g.rank; ++i) {
    ReassociationIndices group{next++};
    if (i == last && g.pairSplit && lastBlock == 1)
      group.push_back(next++);
    g.scaleReassociation.push_back(group);
  }
  return g;
}

Value padToBlocks(OpBuilder &b, Location loc, Value tensor,
                  const BlockGeometry &g, TypedAttr zero) {
  if (!g.needsPad)
    return tensor;
  SmallVector<OpFoldResult> low(g.rank, b.getIndexAttr(0)), high;
  for (int64_t i = 0; i < g.rank; ++i)
    high.push_back(applyMap(b, loc,
                            getAffineSymbolExpr(0, b.getContext()) -
                                getAffineSymbolExpr(1, b.getContext()),
                            {g.padded[i], g.dims[i]}));
  auto type = cast<RankedTensorType>(tensor.getType());
  auto paddedType =
      RankedTensorType::get(staticShape(g.padded), type.getElementType());
  Value padValue = arith::ConstantOp::create(b, loc, zero);
  return tensor::PadOp::create(b, loc, paddedType, tensor, low, high, padValue,
                               /*nofold=*/false);
}

Value expandToBlocks(OpBuilder &b, Location loc, Value tensor,
                     const BlockGeometry &g) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto expandedType =
      RankedTensorType::get(staticShape(g.expandedDims), type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, expandedType, tensor,
                                       g.reassociation, g.expandedDims);
}

/// Collapses an expanded-layout tensor back to logical rank and slices off
/// the padding. `dropPair` drops the pair dimension (packed f4 bytes).
Value collapseFromBlocks(OpBuilder &b, Location loc, Value expanded,
                         const BlockGeometry &g, bool packedPairs) {
  SmallVector<ReassociationIndices> reassociation = g.reassociation;
  if (packedPairs)
    reassociation.back().pop_back();
  Value collapsed =
      tensor::CollapseShapeOp::create(b, loc, expanded, reassociation);
  if (!g.needsPad)
    return collapsed;
  SmallVector<OpFoldResult> offsets(g.rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(g.rank, b.getIndexAttr(1));
  SmallVector<OpFoldResult> sizes = g.dims;
  if (packedPairs)
    sizes.back() = floorDiv(b, loc, sizes.back(), 2);
  return tensor::ExtractSliceOp::create(b, loc, collapsed, offsets, sizes,
                                        strides);
}

/// Packs i8 codes 0..15 [.., n] into bytes [.., n/2] (element 2i low nibble).
Value packF4Codes(OpBuilder &b, Location loc, Value codes) {
  auto type = cast<RankedTensorType>(codes.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> dims = tensor::getMixedSizes(b, loc, codes);
  SmallVector<OpFoldResult> pairDims = dims;
  pairDims.back() = floorDiv(b, loc, dims.back(), 2);
  SmallVector<OpFoldResult> expandedDims = pairDims;
  expandedDims.push_back(b.getIndexAttr(2));
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0; i < rank; ++i)
    reassociation.push_back({i});
  reassociation.back().push_back(rank);
  Value expanded = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(staticShape(expandedDims), b.getI8Type()),
      codes, reassociation, expandedDims);
  Value init = filledTensor(b, loc, pairDims, b.getI8Type(), b.getI8IntegerAttr(0));
  SmallVector<bool> keep(rank + 1, true);
  keep.back() = false;
  SmallVector<bool> parallel = keep;
  MLIRContext *ctx = b.getContext();
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{expanded}, ValueRange{init},
      {AffineMap::getMultiDimIdentityMap(rank + 1, ctx),
       projection(ctx, rank + 1, keep)},
      iterators(parallel), [&](OpBuilder &nb, Location l, ValueRange args) {
        Value k = linalg::IndexOp::create(nb, l, rank);
        Value k8 = arith::IndexCastOp::create(nb, l, nb.getI8Type(), k);
        Value shift = arith::MulIOp::create(
            nb, l, k8, arith::ConstantIntOp::create(nb, l, nb.getI8Type(), 4));
        Value shifted = arith::ShLIOp::create(nb, l, args[0], shift);
        linalg::YieldOp::create(nb, l,
                                arith::OrIOp::create(nb, l, args[1], shifted).getResult());
      });
  return generic.getResult(0);
}

/// Unpacks bytes [.., n/2] into i8 codes 0..15 [.., n].
Value unpackF4Bytes(OpBuilder &b, Location loc, Value bytes,
                    ArrayRef<OpFoldResult> logicalDims) {
  auto type = cast<RankedTensorType>(bytes.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> dims = tensor::getMixedSizes(b, loc, bytes);
  dims.push_back(b.getIndexAttr(2));
  Value init = emptyTensor(b, loc, dims, b.getI8Type());
  SmallVector<bool> keep(rank + 1, true);
  keep.back() = false;
  MLIRContext *ctx = b.getContext();
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{bytes}, ValueRange{init},
      {projection(ctx, rank + 1, keep),
       AffineMap::getMultiDimIdentityMap(rank + 1, ctx)},
      SmallVector<utils::IteratorType>(rank + 1, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value k = linalg::IndexOp::create(nb, l, rank);
        Value k8 = arith::IndexCastOp::create(nb, l, nb.getI8Type(), k);
        Value shift = arith::MulIOp::create(
            nb, l, k8, arith::ConstantIntOp::create(nb, l, nb.getI8Type(), 4));
        Value v = arith::ShRUIOp::create(nb, l, args[0], shift);
        v = arith::AndIOp::create(
            nb, l, v, arith::ConstantIntOp::create(nb, l, nb.getI8Type(), 15));
        linalg::YieldOp::create(nb, l, v);
      });
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0; i < rank; ++i)
    reassociation.push_back({i});
  reassociation.back().push_back(rank);
  Value collapsed = tensor::CollapseShapeOp::create(b, loc, generic.getResult(0),
                                                    reassociation);
  return castTo(b, loc, collapsed,
                RankedTensorType::get(staticShape(logicalDims), b.getI8Type()));
}

/// The double quantization scale as an f32 scalar.
Value extractScalarF32(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<Value> indices(type.getRank(), indexConst(b, loc, 0));
  Value v = tensor::ExtractOp::create(b, loc, tensor, indices);
  return extendToF32(b, loc, v);
}

/// The run-time halves of the verifier's blocking rules, shared by quantize
/// and dequantize: a dynamic 1D-blocked extent must divide by the block size,
/// and a dynamic innermost f4 extent must be even.
void requireValidBlocking(RuntimeChecks &checks, const BlockGeometry &g,
                          const ResolvedBlocking &blocking, bool isF4) {
  if (blocking.is1D)
    checks.requireDivisible(g.dims[blocking.axis],
                            blocking.blockPerDim[blocking.axis],
                            RuntimeErrorKind::NotDivisible, blocking.axis);
  if (isF4)
    checks.requireDivisible(g.dims.back(), 2, RuntimeErrorKind::OddF4Extent,
                            g.rank - 1);
}

ResolvedBlocking resolveVerified(const BlockingSpec &spec,
                                 ArrayRef<int64_t> shape, Operation *op) {
  // The op verified, so this cannot fail; diagnostics would go nowhere.
  ScopedDiagnosticHandler silence(op->getContext(),
                                  [](Diagnostic &) { return success(); });
  return *resolveBlocking(spec, shape, [op] { return op->emitError(); });
}

//===----------------------------------------------------------------------===//
// quant_dyn.quantize
//===----------------------------------------------------------------------===//

struct QuantizeOpLowering : public OpRewritePattern<QuantizeOp> {
  QuantizeOpLowering(MLIRContext *ctx, const NarrowFloatTarget &target)
      : OpRewritePattern(ctx), target(target) {}

  /// Emits the narrow float conversions of the data and the scales.
  const NarrowFloatTarget &target;

  LogicalResult matchAndRewrite(QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inputType = op.getInput().getType();
    Type floatElt = inputType.getElementType();
    Type dataElt = op.getData().getType().getElementType();
    Type scaleElt = op.getScales().getType().getElementType();
    bool isF4 = isa<Float4E2M1FNType>(dataElt);
    ResolvedBlocking blocking =
        resolveVerified(op.getBlocking(), inputType.getShape(), op);
    BlockGeometry g = computeGeometry(rewriter, loc, input, blocking, isF4);

    RuntimeChecks checks(rewriter, loc);
    requireValidBlocking(checks, g, blocking, isF4);
    auto dataType = op.getData().getType();
    auto scaleType = op.getScales().getType();
    for (int64_t i = 0; i < g.rank; ++i) {
      if (!dataType.isDynamicDim(i))
        checks.requireEqual(g.dims[i], rewriter.getIndexAttr(dataType.getDimSize(i)),
                            RuntimeErrorKind::ResultExtent, i);
      if (!scaleType.isDynamicDim(i))
        checks.requireEqual(g.numBlocks[i],
                            rewriter.getIndexAttr(scaleType.getDimSize(i)),
                            RuntimeErrorKind::ScaleExtent, i);
    }

    Value gs;
    if (op.getDoubleQuantScale())
      gs = extractScalarF32(rewriter, loc, op.getDoubleQuantScale());

    SmallVector<Value> results = checks.guard(
        op, op->getResultTypes(), {g.dims, g.numBlocks},
        [&](OpBuilder &b, Location l) -> SmallVector<Value> {
          auto [data, scales] =
              build(b, l, input, g, floatElt, dataElt, scaleElt, gs,
                    op.getScaleRounding().value_or(ScaleRounding::floor));
          return {castTo(b, l, data, dataType), castTo(b, l, scales, scaleType)};
        });
    rewriter.replaceOp(op, results);
    return success();
  }

  std::pair<Value, Value> build(OpBuilder &b, Location loc, Value input,
                                const BlockGeometry &g, Type floatElt,
                                Type dataElt, Type scaleElt, Value gs,
                                ScaleRounding rounding) const {
    MLIRContext *ctx = b.getContext();
    Type f32 = b.getF32Type();
    bool isF4 = isa<Float4E2M1FNType>(dataElt);
    Value padded =
        padToBlocks(b, loc, input, g, cast<TypedAttr>(b.getZeroAttr(floatElt)));
    Value expanded = expandToBlocks(b, loc, padded, g);
    int64_t n = g.expandedDims.size();
    AffineMap identity = AffineMap::getMultiDimIdentityMap(n, ctx);
    AffineMap toScale = projection(ctx, n, g.isScaleDim);
    SmallVector<OpFoldResult> scaleDims = g.scaleLayoutDims();

    // 1. amax over each block, as the unsigned max of the magnitude bits:
    //    exact for finite values, and any NaN or Inf in the block gives bits
    //    >= 0x7F800000 (an integer max vectorizes better than maximumf).
    Type i32 = b.getI32Type();
    Value amaxInit = filledTensor(b, loc, scaleDims, i32, b.getI32IntegerAttr(0));
    Value amax =
        linalg::GenericOp::create(
            b, loc, amaxInit.getType(), ValueRange{expanded},
            ValueRange{amaxInit}, {identity, toScale}, iterators(g.isScaleDim),
            [&](OpBuilder &nb, Location l, ValueRange args) {
              Value bits = arith::BitcastOp::create(
                  nb, l, nb.getI32Type(), extendToF32(nb, l, args[0]));
              Value mag = arith::AndIOp::create(
                  nb, l, bits, createI32Constant(nb, l, bits.getType(), 0x7FFFFFFF));
              linalg::YieldOp::create(
                  nb, l, arith::MaxUIOp::create(nb, l, args[1], mag).getResult());
            })
            .getResult(0);

    // 2. Scales and the per-block quantization parameter: the divisor, or
    //    for e8m0 the exact power-of-two multiplier; NaN marks a block whose
    //    data is all +0 (zero scale, or NaN / Inf in the block).
    Value scalesInit = emptyTensor(b, loc, scaleDims, scaleElt);
    Value paramInit = emptyTensor(b, loc, scaleDims, f32);
    AffineMap scaleIdentity =
        AffineMap::getMultiDimIdentityMap(scaleDims.size(), ctx);
    auto scaleGeneric = linalg::GenericOp::create(
        b, loc, TypeRange{scalesInit.getType(), paramInit.getType()},
        ValueRange{amax}, ValueRange{scalesInit, paramInit},
        {scaleIdentity, scaleIdentity, scaleIdentity},
        SmallVector<utils::IteratorType>(scaleDims.size(),
                                         utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location l, ValueRange args) {
          auto [scale, param] =
              buildScale(nb, l,
                         arith::BitcastOp::create(nb, l, nb.getF32Type(), args[0]),
                         dataElt, scaleElt, gs, rounding);
          linalg::YieldOp::create(nb, l, ValueRange{scale, param});
        });
    Value scales = scaleGeneric.getResult(0);
    Value params = scaleGeneric.getResult(1);

    // 3. Quantize every element with its block's parameter.
    bool isE8M0 = isa<Float8E8M0FNUType>(scaleElt);
    auto scaleElement = [&](OpBuilder &nb, Location l, Value x,
                            Value param) -> Value {
      Value v = extendToF32(nb, l, x);
      return isE8M0 ? arith::MulFOp::create(nb, l, v, param).getResult()
                    : arith::DivFOp::create(nb, l, v, param).getResult();
    };
    // A NaN parameter marks a block whose codes are all +0.
    auto zeroIfZeroBlock = [&](OpBuilder &nb, Location l, Value code,
                               Value param) -> Value {
      Value zeroBlock = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::UNO,
                                              param, param);
      Value zero = arith::ConstantOp::create(
          nb, l, cast<TypedAttr>(nb.getZeroAttr(code.getType())));
      return arith::SelectOp::create(nb, l, zeroBlock, zero, code);
    };
    auto quantizeElement = [&](OpBuilder &nb, Location l, Value x,
                               Value param) -> Value {
      Value v = scaleElement(nb, l, x, param);
      Value code;
      if (dataElt.isSignedInteger(8))
        code = buildRoundClampToInt(nb, l, v, -127, 127);
      else
        code = target.buildTruncFromF32(nb, l, v, dataElt, /*satfinite=*/true);
      return zeroIfZeroBlock(nb, l, code, param);
    };

    Value data;
    if (isF4 && g.pairSplit && target.hasF4PairInstruction()) {
      // The target converts a pair with one instruction: each iteration
      // reads both elements of its byte (the pair dim indexed with the
      // constants 0 and 1) instead of reducing over the pair.
      int64_t m = n - 1;
      SmallVector<OpFoldResult> byteDims(g.expandedDims.begin(),
                                         g.expandedDims.end() - 1);
      SmallVector<AffineExpr> firstExprs, secondExprs;
      for (int64_t i = 0; i < m; ++i) {
        firstExprs.push_back(getAffineDimExpr(i, ctx));
        secondExprs.push_back(getAffineDimExpr(i, ctx));
      }
      firstExprs.push_back(getAffineConstantExpr(0, ctx));
      secondExprs.push_back(getAffineConstantExpr(1, ctx));
      SmallVector<bool> scaleDimsOfBytes(g.isScaleDim.begin(),
                                         g.isScaleDim.end() - 1);
      AffineMap byteIdentity = AffineMap::getMultiDimIdentityMap(m, ctx);
      Value init = emptyTensor(b, loc, byteDims, b.getI8Type());
      data = linalg::GenericOp::create(
                 b, loc, init.getType(), ValueRange{expanded, expanded, params},
                 ValueRange{init},
                 {AffineMap::get(m, 0, firstExprs, ctx),
                  AffineMap::get(m, 0, secondExprs, ctx),
                  projection(ctx, m, scaleDimsOfBytes), byteIdentity},
                 SmallVector<utils::IteratorType>(m, utils::IteratorType::parallel),
                 [&](OpBuilder &nb, Location l, ValueRange args) {
                   Value first = scaleElement(nb, l, args[0], args[2]);
                   Value second = scaleElement(nb, l, args[1], args[2]);
                   Value byte =
                       target.buildF4PairFromF32(nb, l, first, second);
                   linalg::YieldOp::create(
                       nb, l, zeroIfZeroBlock(nb, l, byte, args[2]));
                 })
                 .getResult(0);
      data.getDefiningOp()->setAttr("quant_dyn.block_root", b.getUnitAttr());
      data = collapseFromBlocks(b, loc, data, g, /*packedPairs=*/true);
    } else if (isF4 && g.pairSplit) {
      // Each output byte ORs the codes of its two elements (reduction over
      // the pair dim): element 2i in the low nibble.
      SmallVector<OpFoldResult> byteDims(g.expandedDims.begin(),
                                         g.expandedDims.end() - 1);
      Value init = filledTensor(b, loc, byteDims, b.getI8Type(), b.getI8IntegerAttr(0));
      SmallVector<bool> keep(n, true);
      keep.back() = false;
      data = linalg::GenericOp::create(
                 b, loc, init.getType(), ValueRange{expanded, params},
                 ValueRange{init}, {identity, toScale, projection(ctx, n, keep)},
                 iterators(keep),
                 [&](OpBuilder &nb, Location l, ValueRange args) {
                   Value code = quantizeElement(nb, l, args[0], args[1]);
                   Value k = linalg::IndexOp::create(nb, l, n - 1);
                   Value k32 = arith::IndexCastOp::create(nb, l, nb.getI32Type(), k);
                   Value shift = arith::MulIOp::create(
                       nb, l, k32, createI32Constant(nb, l, k32.getType(), 4));
                   Value shifted = arith::ShLIOp::create(nb, l, code, shift);
                   Value byte = arith::TruncIOp::create(nb, l, nb.getI8Type(), shifted);
                   linalg::YieldOp::create(
                       nb, l, arith::OrIOp::create(nb, l, args[2], byte).getResult());
                 })
                 .getResult(0);
      data.getDefiningOp()->setAttr("quant_dyn.block_root", b.getUnitAttr());
      data = collapseFromBlocks(b, loc, data, g, /*packedPairs=*/true);
    } else {
      Type storage = isF4 ? b.getI8Type() : storageElementType(dataElt);
      Value init = emptyTensor(b, loc, g.expandedDims, storage);
      data = linalg::GenericOp::create(
                 b, loc, init.getType(), ValueRange{expanded, params},
                 ValueRange{init}, {identity, toScale, identity},
                 SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel),
                 [&](OpBuilder &nb, Location l, ValueRange args) {
                   Value code = quantizeElement(nb, l, args[0], args[1]);
                   linalg::YieldOp::create(nb, l,
                                           codeToStorage(nb, l, code, storage));
                 })
                 .getResult(0);
      data.getDefiningOp()->setAttr("quant_dyn.block_root", b.getUnitAttr());
      data = collapseFromBlocks(b, loc, data, g, /*packedPairs=*/false);
      if (isF4)
        data = packF4Codes(b, loc, data);
    }
    data = storageCast(b, loc, data, dataElt, g.dims);

    if (g.scaleReassociation.size() != scaleDims.size())
      scales = tensor::CollapseShapeOp::create(b, loc, scales,
                                               g.scaleReassociation);
    return {data, scales};
  }

  /// Scale and quantization parameter of one block from its amax.
  std::pair<Value, Value> buildScale(OpBuilder &b, Location loc, Value amax,
                                     Type dataElt, Type scaleElt, Value gs,
                                     ScaleRounding rounding) const {
    using FP = arith::CmpFPredicate;
    Type f32 = b.getF32Type();
    auto f32c = [&](float v) { return createF32Constant(b, loc, f32, v); };
    auto i32c = [&](int64_t v) { return createI32Constant(b, loc, f32, v); };
    Value nan = arith::BitcastOp::create(b, loc, f32, i32c(0x7FC00000));
    // NaN or +Inf amax: the block holds NaN or Inf.
    Value bad = arith::CmpFOp::create(b, loc, FP::UGE, amax,
                                      f32c(std::numeric_limits<float>::infinity()));
    float qmax = static_cast<float>(getQMax(dataElt));
    Value v = arith::DivFOp::create(b, loc, amax, f32c(qmax));

    if (auto e8m0 = dyn_cast<Float8E8M0FNUType>(scaleElt)) {
      E8M0Scale mx = buildE8M0Scale(b, loc, amax, getMXEmax(dataElt), qmax,
                                    rounding == ScaleRounding::rceil);
      Value multiplier = buildExp2I32(
          b, loc, arith::SubIOp::create(b, loc, i32c(0), mx.exponent));
      Value zero = arith::CmpFOp::create(b, loc, FP::OEQ, amax, f32c(0));
      Value zeroOrBad = arith::OrIOp::create(b, loc, zero, bad);
      multiplier = arith::SelectOp::create(b, loc, zeroOrBad, nan, multiplier);
      return {codeToStorage(b, loc, mx.code, e8m0), multiplier};
    }

    Value scale, scaleF32;
    if (isa<Float8E4M3FNType>(scaleElt)) {
      Value w = arith::DivFOp::create(b, loc, v, gs);
      NarrowFloatFormat fmt = *getNarrowFloatFormat(scaleElt);
      Value code = target.buildTruncFromF32(b, loc, w, scaleElt,
                                            /*satfinite=*/true);
      code = arith::SelectOp::create(b, loc, bad, i32c(fmt.nanCode), code);
      scale = codeToStorage(b, loc, code, scaleElt);
      scaleF32 = buildExtToF32(b, loc, code, fmt);
    } else if (scaleElt.isF32()) {
      scaleF32 = arith::SelectOp::create(b, loc, bad, nan, v);
      scale = scaleF32;
    } else {
      NarrowFloatFormat fmt = *getNarrowFloatFormat(scaleElt);
      Value code = target.buildTruncFromF32(b, loc, v, scaleElt,
                                            /*satfinite=*/true);
      code = arith::SelectOp::create(b, loc, bad, i32c(fmt.nanCode), code);
      scale = codeToStorage(b, loc, code, scaleElt);
      scaleF32 = buildExtToF32(b, loc, code, fmt);
    }
    // A zero (or NaN) scale makes every q of the block +0.
    Value zeroOrNaN = arith::CmpFOp::create(b, loc, FP::UEQ, scaleF32, f32c(0));
    Value divisor = scaleF32;
    if (isa<Float8E4M3FNType>(scaleElt))
      divisor = arith::MulFOp::create(b, loc, scaleF32, gs);
    divisor = arith::SelectOp::create(b, loc, zeroOrNaN, nan, divisor);
    return {scale, divisor};
  }
};

//===----------------------------------------------------------------------===//
// quant_dyn.dequantize
//===----------------------------------------------------------------------===//

struct DequantizeOpLowering : public OpRewritePattern<DequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DequantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value data = op.getData();
    auto dataType = op.getData().getType();
    Type dataElt = dataType.getElementType();
    Type scaleElt = op.getScales().getType().getElementType();
    auto outputType = op.getOutput().getType();
    Type floatElt = outputType.getElementType();
    bool isF4 = isa<Float4E2M1FNType>(dataElt);
    ResolvedBlocking blocking =
        resolveVerified(op.getBlocking(), dataType.getShape(), op);
    BlockGeometry g = computeGeometry(rewriter, loc, data, blocking, false);

    RuntimeChecks checks(rewriter, loc);
    requireValidBlocking(checks, g, blocking, isF4);
    SmallVector<OpFoldResult> scaleDims =
        tensor::getMixedSizes(rewriter, loc, op.getScales());
    for (int64_t i = 0; i < g.rank; ++i) {
      checks.requireEqual(scaleDims[i], g.numBlocks[i],
                          RuntimeErrorKind::ScaleExtent, i);
      if (!outputType.isDynamicDim(i))
        checks.requireEqual(g.dims[i],
                            rewriter.getIndexAttr(outputType.getDimSize(i)),
                            RuntimeErrorKind::ResultExtent, i);
    }
    Value gs;
    if (op.getDoubleQuantScale())
      gs = extractScalarF32(rewriter, loc, op.getDoubleQuantScale());
    Value scalesIn = op.getScales();

    SmallVector<Value> results = checks.guard(
        op, op->getResultTypes(), {g.dims},
        [&](OpBuilder &b, Location l) -> SmallVector<Value> {
          // Codes in a type the generic can read.
          Value codes = data;
          Type codeElt = dataElt;
          if (isF4) {
            SmallVector<OpFoldResult> byteDims = g.dims;
            byteDims.back() = floorDiv(b, l, byteDims.back(), 2);
            Value bytes = storageCast(b, l, data, b.getI8Type(), byteDims);
            codes = unpackF4Bytes(b, l, bytes, g.dims);
          } else if (dataElt.isSignedInteger(8)) {
            codes = storageCast(b, l, data, b.getI8Type(), g.dims);
            codeElt = b.getI8Type();
          }
          Type storageCodeElt = cast<RankedTensorType>(codes.getType()).getElementType();
          Value padded = padToBlocks(
              b, l, codes, g, cast<TypedAttr>(b.getZeroAttr(storageCodeElt)));
          Value expanded = expandToBlocks(b, l, padded, g);
          int64_t n = g.expandedDims.size();
          AffineMap identity = AffineMap::getMultiDimIdentityMap(n, ctx);
          Value init = emptyTensor(b, l, g.expandedDims, floatElt);
          Value out =
              linalg::GenericOp::create(
                  b, l, init.getType(), ValueRange{expanded, scalesIn},
                  ValueRange{init},
                  {identity, projection(ctx, n, g.isScaleDim), identity},
                  SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel),
                  [&](OpBuilder &nb, Location bl, ValueRange args) {
                    Value q;
                    if (isF4)
                      q = buildExtToF32(nb, bl, i32Of(nb, bl, args[0]),
                                        *getNarrowFloatFormat(dataElt));
                    else if (codeElt.isInteger(8))
                      q = arith::SIToFPOp::create(nb, bl, nb.getF32Type(), args[0]);
                    else
                      q = narrowToF32(nb, bl, args[0], dataElt);
                    Value s = narrowToF32(nb, bl, args[1], scaleElt);
                    if (gs)
                      s = arith::MulFOp::create(nb, bl, s, gs);
                    Value y = arith::MulFOp::create(nb, bl, q, s);
                    linalg::YieldOp::create(nb, bl,
                                            f32ToFloatType(nb, bl, y, floatElt));
                  })
                  .getResult(0);
          out = collapseFromBlocks(b, l, out, g, false);
          return {castTo(b, l, out, outputType)};
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// quant_dyn.quantize_linear / dequantize_linear
//===----------------------------------------------------------------------===//

/// f32 value of a zero point element (si8 / i8 / ui8 / si32 / i32).
Value zeroPointToF32(OpBuilder &b, Location loc, Value zp, Type zpType) {
  if (zpType.isUnsignedInteger())
    return arith::UIToFPOp::create(b, loc, b.getF32Type(), zp);
  return arith::SIToFPOp::create(b, loc, b.getF32Type(), zp);
}

template <typename OpTy>
struct LinearOpLowering : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    constexpr bool isQuantize = std::is_same_v<OpTy, QuantizeLinearOp>;
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value input = op.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto outputType = cast<RankedTensorType>(op.getOutput().getType());
    int64_t rank = inputType.getRank();
    std::optional<int64_t> axis = op.getNormalizedChannelAxis();
    SmallVector<OpFoldResult> dims = tensor::getMixedSizes(rewriter, loc, input);
    OpFoldResult expectedCount = axis ? dims[*axis] : rewriter.getIndexAttr(1);

    RuntimeChecks checks(rewriter, loc);
    checks.requireEqual(tensor::getMixedSize(rewriter, loc, op.getScales(), 0),
                        expectedCount, RuntimeErrorKind::ScalesCount, 0);
    if (op.getZps())
      checks.requireEqual(tensor::getMixedSize(rewriter, loc, op.getZps(), 0),
                          expectedCount, RuntimeErrorKind::ZeroPointCount, 0);
    for (int64_t i = 0; i < rank; ++i)
      if (!outputType.isDynamicDim(i))
        checks.requireEqual(dims[i], rewriter.getIndexAttr(outputType.getDimSize(i)),
                            RuntimeErrorKind::ResultExtent, i);

    Type quantElt = isQuantize ? outputType.getElementType()
                               : inputType.getElementType();
    Type floatElt = isQuantize ? inputType.getElementType()
                               : outputType.getElementType();
    Type zpElt = op.getZps() ? cast<RankedTensorType>(op.getZps().getType())
                                   .getElementType()
                             : Type();

    SmallVector<Value> results = checks.guard(
        op, op->getResultTypes(), {dims},
        [&](OpBuilder &b, Location l) -> SmallVector<Value> {
          Value scales = op.getScales();
          Value zps = op.getZps();
          if (zps)
            zps = storageCast(b, l, zps, storageElementType(zpElt),
                              tensor::getMixedSizes(b, l, zps));
          Value in = input;
          if (!isQuantize)
            in = storageCast(b, l, in, b.getI8Type(), dims);

          // Per-tensor parameters are scalars; per-channel ones are read
          // with an indexing map on the channel dimension.
          SmallVector<Value> inputs{in};
          SmallVector<AffineMap> maps{AffineMap::getMultiDimIdentityMap(rank, ctx)};
          Value scaleScalar, zpScalar;
          if (axis) {
            AffineMap channel = AffineMap::get(
                rank, 0, getAffineDimExpr(*axis, ctx), ctx);
            inputs.push_back(scales);
            maps.push_back(channel);
            if (zps) {
              inputs.push_back(zps);
              maps.push_back(channel);
            }
          } else {
            Value zero = indexConst(b, l, 0);
            scaleScalar = tensor::ExtractOp::create(b, l, scales, zero);
            if (zps)
              zpScalar = tensor::ExtractOp::create(b, l, zps, zero);
          }
          Type outStorage = isQuantize ? b.getI8Type() : floatElt;
          Value init = emptyTensor(b, l, dims, outStorage);
          maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
          Value out =
              linalg::GenericOp::create(
                  b, l, init.getType(), inputs, ValueRange{init}, maps,
                  SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
                  [&](OpBuilder &nb, Location bl, ValueRange args) {
                    Value s = extendToF32(nb, bl, axis ? args[1] : scaleScalar);
                    Value zp;
                    if (zps)
                      zp = zeroPointToF32(nb, bl, axis ? args[2] : zpScalar, zpElt);
                    Value result;
                    if constexpr (isQuantize) {
                      Value t = arith::DivFOp::create(
                          nb, bl, extendToF32(nb, bl, args[0]), s);
                      if (zp)
                        t = arith::AddFOp::create(nb, bl, t, zp);
                      bool isUnsigned = quantElt.isUnsignedInteger();
                      Value code = buildRoundClampToInt(nb, bl, t,
                                                        isUnsigned ? 0 : -128,
                                                        isUnsigned ? 255 : 127);
                      result = arith::TruncIOp::create(nb, bl, nb.getI8Type(), code);
                    } else {
                      Value q = quantElt.isUnsignedInteger()
                                    ? arith::UIToFPOp::create(nb, bl, nb.getF32Type(),
                                                              args[0]).getResult()
                                    : arith::SIToFPOp::create(nb, bl, nb.getF32Type(),
                                                              args[0]).getResult();
                      if (zp)
                        q = arith::SubFOp::create(nb, bl, q, zp);
                      Value y = arith::MulFOp::create(nb, bl, q, s);
                      result = f32ToFloatType(nb, bl, y, floatElt);
                    }
                    linalg::YieldOp::create(nb, bl, result);
                  })
                  .getResult(0);
          if (isQuantize)
            out = storageCast(b, l, out, quantElt, dims);
          return {castTo(b, l, out, outputType)};
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct ConvertQuantDynToLinalgPass
    : public quant_dyn::impl::ConvertQuantDynToLinalgPassBase<
          ConvertQuantDynToLinalgPass> {
  using ConvertQuantDynToLinalgPassBase::ConvertQuantDynToLinalgPassBase;

  void getDependentDialects(DialectRegistry &registry) const override {
    ConvertQuantDynToLinalgPassBase::getDependentDialects(registry);
    registerNVVMConversionOpInterfaces(registry);
  }

  void runOnOperation() override {
    // Without a chip: the portable builders (CPU, host emulation).
    std::unique_ptr<NarrowFloatTarget> nvvmTarget;
    if (!nvvmChip.empty()) {
      FailureOr<NVVMChip> chip = NVVMChip::parse(nvvmChip);
      if (failed(chip)) {
        getOperation().emitError("nvvm-chip: unknown NVIDIA chip '")
            << nvvmChip << "' (expected sm_<N>[a|f], e.g. sm_90a)";
        return signalPassFailure();
      }
      nvvmTarget = createNVVMNarrowFloatTarget(*chip, nvvmFeatures);
    }
    const NarrowFloatTarget &target =
        nvvmTarget ? *nvvmTarget : getPortableNarrowFloatTarget();
    RewritePatternSet patterns(&getContext());
    populateQuantDynToLinalgConversionPatterns(patterns, target);
    // Walk-based application: each op is rewritten exactly once, with no
    // folding of the surrounding IR.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
    WalkResult left = getOperation()->walk([](Operation *op) {
      if (isa<QuantizeOp, DequantizeOp, QuantizeLinearOp, DequantizeLinearOp>(op)) {
        op->emitOpError("could not be lowered to linalg");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace

void mlir::quant_dyn::populateQuantDynToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  populateQuantDynToLinalgConversionPatterns(patterns,
                                             getPortableNarrowFloatTarget());
}

void mlir::quant_dyn::populateQuantDynToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target) {
  patterns.add<QuantizeOpLowering>(patterns.getContext(), target);
  patterns.add<DequantizeOpLowering, LinearOpLowering<QuantizeLinearOp>,
               LinearOpLowering<DequantizeLinearOp>>(patterns.getContext());
}
