//===- LoweringUtils.cpp - IR helpers of the quant_dyn lowering -----------===//
//
// See LoweringUtils.h.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "quant-dyn/Utils/FloatConversions.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::quant_dyn;

namespace mlir::quant_dyn::detail {

//===----------------------------------------------------------------------===//
// Index arithmetic and tensors
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

Value castToKnownSizes(Value tensor) {
  auto cast = tensor.getDefiningOp<tensor::CastOp>();
  if (cast && tensor::preservesStaticInformation(tensor.getType(),
                                                 cast.getSource().getType()))
    return cast.getSource();
  return tensor;
}

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

ResolvedBlocking resolveVerified(const BlockingSpec &spec,
                                 ArrayRef<int64_t> shape, Operation *op) {
  // The op verified, so this cannot fail; diagnostics would go nowhere.
  ScopedDiagnosticHandler silence(op->getContext(),
                                  [](Diagnostic &) { return success(); });
  return *resolveBlocking(spec, shape, [op] { return op->emitError(); });
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

Value f32ToFloatType(OpBuilder &b, Location loc, Value v, Type floatType) {
  if (floatType.isF32())
    return buildCanonicalizeNaN(b, loc, v);
  NarrowFloatFormat fmt = *getNarrowFloatFormat(floatType);
  Value code = buildTruncFromF32(b, loc, v, fmt, /*satfinite=*/false);
  Value i16 = arith::TruncIOp::create(b, loc, b.getI16Type(), code);
  return arith::BitcastOp::create(b, loc, floatType, i16);
}

Value narrowToF32(OpBuilder &b, Location loc, Value v, Type logicalType) {
  if (logicalType.isF32())
    return v;
  if (isa<Float8E8M0FNUType>(logicalType))
    return buildE8M0ToF32(b, loc, i32Of(b, loc, v));
  return buildExtToF32(b, loc, i32Of(b, loc, v),
                       *getNarrowFloatFormat(logicalType));
}

Value codeToStorage(OpBuilder &b, Location loc, Value code, Type storageType) {
  unsigned width = storageType.getIntOrFloatBitWidth();
  Value truncated =
      arith::TruncIOp::create(b, loc, b.getIntegerType(width), code);
  if (storageType.isInteger())
    return truncated;
  return arith::BitcastOp::create(b, loc, storageType, truncated);
}

Value extractScalarF32(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<Value> indices(type.getRank(), indexConst(b, loc, 0));
  Value v = tensor::ExtractOp::create(b, loc, tensor, indices);
  return extendToF32(b, loc, v);
}

} // namespace mlir::quant_dyn::detail
