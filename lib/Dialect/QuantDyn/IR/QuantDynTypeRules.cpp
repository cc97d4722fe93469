//===- QuantDynTypeRules.cpp - Shape and type rules of quant_dyn ----------===//
//
// See QuantDynTypeRules.h.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynTypeRules.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::quant_dyn;

int64_t mlir::quant_dyn::numBlocks(int64_t extent, int64_t block) {
  if (block == -1)
    return 1;
  if (ShapedType::isDynamic(extent))
    return ShapedType::kDynamic;
  // ceil(extent / block) without the overflow of (extent + block - 1).
  return extent / block + (extent % block != 0 ? 1 : 0);
}

FailureOr<ResolvedBlocking>
mlir::quant_dyn::resolveBlocking(const BlockingSpec &spec,
                                 ArrayRef<int64_t> shape,
                                 EmitErrorFn emitError) {
  int64_t rank = shape.size();
  bool has1D = spec.axis || spec.blockSize;
  if (has1D && spec.blockShape)
    return emitError() << "requires exactly one blocking mode, but both "
                          "'axis'/'block_size' and 'block_shape' are given";
  if (!has1D && !spec.blockShape)
    return emitError() << "requires exactly one blocking mode: 'axis' with "
                          "'block_size', or 'block_shape'";

  ResolvedBlocking result;
  if (has1D) {
    if (!spec.axis || !spec.blockSize)
      return emitError() << "1D blocking requires both 'axis' and "
                            "'block_size', but only '"
                         << (spec.axis ? "axis" : "block_size")
                         << "' is given";
    if (rank != 2 && rank != 3)
      return emitError() << "1D blocking requires an input of rank 2 or 3, "
                            "but the input has rank "
                         << rank;
    int64_t axis = *spec.axis;
    int64_t normalized = axis < 0 ? axis + rank : axis;
    if (normalized != rank - 1 && normalized != rank - 2)
      return emitError() << "'axis' must be the last or second-to-last "
                            "dimension (one of "
                         << rank - 2 << ", " << rank - 1 << ", -2, -1), but got "
                         << axis;
    int64_t blockSize = *spec.blockSize;
    if (blockSize <= 0)
      return emitError() << "'block_size' must be positive, but got "
                         << blockSize;
    int64_t extent = shape[normalized];
    if (!ShapedType::isDynamic(extent) && extent % blockSize != 0)
      return emitError() << "extent " << extent << " of dimension "
                         << normalized << " (the 'axis') is not divisible by "
                         << "'block_size' " << blockSize;
    result.is1D = true;
    result.axis = normalized;
    result.blockPerDim.assign(rank, 1);
    result.blockPerDim[normalized] = blockSize;
    return result;
  }

  ArrayRef<int64_t> blockShape = *spec.blockShape;
  if (rank < 2 || rank > 4)
    return emitError() << "'block_shape' blocking requires an input of rank "
                          "2, 3 or 4, but the input has rank "
                       << rank;
  if (static_cast<int64_t>(blockShape.size()) != rank)
    return emitError() << "'block_shape' must have one entry per input "
                          "dimension ("
                       << rank << "), but has " << blockShape.size();
  for (auto [i, entry] : llvm::enumerate(blockShape))
    if (entry <= 0 && entry != -1)
      return emitError() << "'block_shape' entry " << i
                         << " must be positive or -1 (whole extent), but got "
                         << entry;
  result.blockPerDim.assign(blockShape.begin(), blockShape.end());
  return result;
}

SmallVector<int64_t>
mlir::quant_dyn::inferScaleShape(ArrayRef<int64_t> shape,
                                 const ResolvedBlocking &blocking) {
  SmallVector<int64_t> scaleShape;
  for (auto [extent, block] : llvm::zip_equal(shape, blocking.blockPerDim)) {
    if (blocking.is1D && block == 1)
      scaleShape.push_back(extent);
    else if (blocking.is1D)
      scaleShape.push_back(ShapedType::isDynamic(extent) ? extent
                                                         : extent / block);
    else
      scaleShape.push_back(numBlocks(extent, block));
  }
  return scaleShape;
}

//===----------------------------------------------------------------------===//
// The swizzled_128x4 scale layout
//===----------------------------------------------------------------------===//

LogicalResult mlir::quant_dyn::verifyScaleLayout(
    ScaleLayout layout, const ResolvedBlocking &blocking, int64_t rank,
    Type scaleElementType, EmitErrorFn emitError) {
  if (layout == ScaleLayout::linear)
    return success();
  if (!blocking.is1D)
    return emitError() << "scale_layout swizzled_128x4 requires 1D blocking "
                          "('axis' and 'block_size'), but 'block_shape' is "
                          "given";
  if (blocking.axis != rank - 1)
    return emitError() << "scale_layout swizzled_128x4 requires 'axis' to be "
                          "the last dimension ("
                       << rank - 1 << " or -1), but it is dimension "
                       << blocking.axis;
  if (!isa<Float8E4M3FNType, Float8E8M0FNUType>(scaleElementType))
    return emitError() << "scale_layout swizzled_128x4 requires f8E4M3FN or "
                          "f8E8M0FNU scales, but the scales are "
                       << scaleElementType;
  return success();
}

SmallVector<int64_t>
mlir::quant_dyn::getPackedF4ByteShape(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> bytes(shape);
  if (!bytes.empty() && !ShapedType::isDynamic(bytes.back()))
    bytes.back() /= 2;
  return bytes;
}

SmallVector<int64_t>
mlir::quant_dyn::getSwizzledScaleShape(ArrayRef<int64_t> linearShape) {
  assert((linearShape.size() == 2 || linearShape.size() == 3) &&
         "swizzled scales come from rank-2 or rank-3 scales");
  SmallVector<int64_t> shape(linearShape.drop_back(2));
  shape.push_back(numBlocks(linearShape[linearShape.size() - 2],
                            kSwizzleTileRows));
  shape.push_back(numBlocks(linearShape.back(), kSwizzleTileCols));
  shape.append({kSwizzleRowsPerGroup, kSwizzleTileRows / kSwizzleRowsPerGroup,
                kSwizzleTileCols});
  return shape;
}

SmallVector<int64_t>
mlir::quant_dyn::inferScaleShape(ArrayRef<int64_t> shape,
                                 const ResolvedBlocking &blocking,
                                 ScaleLayout layout) {
  SmallVector<int64_t> linear = inferScaleShape(shape, blocking);
  // An illegal layout falls back to the linear shape; the verifier reports
  // it.
  int64_t rank = shape.size();
  if (layout == ScaleLayout::linear || !blocking.is1D ||
      blocking.axis != rank - 1)
    return linear;
  return getSwizzledScaleShape(linear);
}

AffineMap mlir::quant_dyn::getSwizzledScaleMap(MLIRContext *ctx,
                                               unsigned linearRank) {
  assert((linearRank == 2 || linearRank == 3) &&
         "swizzled scales come from rank-2 or rank-3 scales");
  SmallVector<AffineExpr> results;
  if (linearRank == 3)
    results.push_back(getAffineDimExpr(0, ctx));
  AffineExpr m = getAffineDimExpr(linearRank - 2, ctx);
  AffineExpr j = getAffineDimExpr(linearRank - 1, ctx);
  results.push_back(m.floorDiv(kSwizzleTileRows));
  results.push_back(j.floorDiv(kSwizzleTileCols));
  results.push_back(m % kSwizzleRowsPerGroup);
  results.push_back((m % kSwizzleTileRows).floorDiv(kSwizzleRowsPerGroup));
  results.push_back(j % kSwizzleTileCols);
  return AffineMap::get(linearRank, /*symbolCount=*/0, results, ctx);
}

LogicalResult mlir::quant_dyn::verifySwizzledScaleShape(
    ArrayRef<int64_t> inputShape, const ResolvedBlocking &blocking,
    ArrayRef<int64_t> actual, EmitErrorFn emitError) {
  int64_t inputRank = inputShape.size();
  int64_t wantRank = inputRank + 3;
  SmallVector<int64_t> inferred =
      getSwizzledScaleShape(inferScaleShape(inputShape, blocking));
  if (static_cast<int64_t>(actual.size()) != wantRank)
    return emitError() << "scales in the swizzled_128x4 layout must have rank "
                       << wantRank << " ("
                       << (inputRank == 3 ? "[B, " : "[")
                       << "ceil(M/128), ceil(S/4), 32, 4, 4]), but have rank "
                       << actual.size();
  // What each scale dim is and the input dim it derives from (-1: a tile
  // dim, always static).
  SmallVector<std::pair<StringRef, int64_t>> dims;
  if (inputRank == 3)
    dims.push_back({"the batch B", 0});
  dims.push_back({"row tiles ceil(M/128)", inputRank - 2});
  dims.push_back({"column tiles ceil(S/4)", inputRank - 1});
  dims.push_back({"rows m % 32 of a tile", -1});
  dims.push_back({"row groups (m % 128) / 32 of a tile", -1});
  dims.push_back({"columns j % 4 of a tile", -1});
  for (auto [i, want, got] : llvm::enumerate(inferred, actual)) {
    auto [what, source] = dims[i];
    if (ShapedType::isDynamic(got)) {
      if (source < 0)
        return emitError() << "swizzled_128x4 scales dimension " << i << " ("
                           << what << ") must be static " << want
                           << ", but is dynamic";
      if (!ShapedType::isDynamic(inputShape[source]))
        return emitError() << "swizzled_128x4 scales dimension " << i << " ("
                           << what << ") is dynamic, but the blocked "
                           << "tensor's dimension " << source
                           << " is static (" << inputShape[source]
                           << "): expected " << want;
      continue;
    }
    // A static scale extent over a dynamic input extent is checked at run
    // time.
    if (!ShapedType::isDynamic(want) && want != got)
      return emitError() << "swizzled_128x4 scales dimension " << i << " ("
                         << what << ") must be " << want << ", but got "
                         << got;
  }
  return success();
}

LogicalResult mlir::quant_dyn::verifyScaleShape(ArrayRef<int64_t> inputShape,
                                                ArrayRef<int64_t> inferred,
                                                ArrayRef<int64_t> actual,
                                                EmitErrorFn emitError) {
  if (actual.size() != inputShape.size())
    return emitError() << "scales must have the rank of the blocked tensor ("
                       << inputShape.size() << "), but have rank "
                       << actual.size();
  for (auto [i, want, got] : llvm::enumerate(inferred, actual)) {
    if (ShapedType::isDynamic(got)) {
      if (!ShapedType::isDynamic(inputShape[i]))
        return emitError() << "scales dimension " << i
                           << " is dynamic, but the blocked tensor's "
                              "dimension "
                           << i << " is static (" << inputShape[i]
                           << "): expected " << want;
      continue;
    }
    // A static scale extent over a dynamic input extent is checked at run
    // time.
    if (!ShapedType::isDynamic(want) && want != got)
      return emitError() << "scales dimension " << i << " must be " << want
                         << " (number of blocks along it), but got " << got;
  }
  return success();
}

LogicalResult mlir::quant_dyn::verifyCompatibleShapes(
    ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs, StringRef lhsName,
    StringRef rhsName, EmitErrorFn emitError) {
  if (lhs.size() != rhs.size())
    return emitError() << lhsName << " and " << rhsName
                       << " must have the same shape, but their ranks differ ("
                       << lhs.size() << " vs " << rhs.size() << ")";
  for (auto [i, a, b] : llvm::enumerate(lhs, rhs))
    if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b)
      return emitError() << lhsName << " and " << rhsName
                         << " must have the same shape, but dimension " << i
                         << " is " << a << " vs " << b;
  return success();
}

bool mlir::quant_dyn::isQuantizeInputType(Type type) {
  return type.isF16() || type.isBF16() || type.isF32();
}

bool mlir::quant_dyn::isBlockDataType(Type type) {
  return isa<Float4E2M1FNType, Float8E4M3FNType, Float8E5M2Type,
             Float6E2M3FNType, Float6E3M2FNType>(type) ||
         type.isSignedInteger(8);
}

bool mlir::quant_dyn::isBlockScaleType(Type type) {
  return isa<Float8E4M3FNType, Float8E8M0FNUType>(type) || type.isF32() ||
         type.isF16() || type.isBF16();
}

bool mlir::quant_dyn::isLinearQuantizedType(Type type) {
  return type.isUnsignedInteger(8) || type.isSignedInteger(8) ||
         type.isSignlessInteger(8);
}

bool mlir::quant_dyn::isZeroPointType(Type type) {
  return type.isInteger(8) || type.isSignedInteger(32) ||
         type.isSignlessInteger(32);
}

double mlir::quant_dyn::getQMax(Type dataType) {
  if (isa<Float4E2M1FNType>(dataType))
    return 6.0;
  if (isa<Float6E2M3FNType>(dataType))
    return 7.5;
  if (isa<Float6E3M2FNType>(dataType))
    return 28.0;
  if (isa<Float8E4M3FNType>(dataType))
    return 448.0;
  if (isa<Float8E5M2Type>(dataType))
    return 57344.0;
  assert(dataType.isSignedInteger(8) && "not a block data type");
  return 127.0;
}

int mlir::quant_dyn::getMXEmax(Type dataType) {
  if (isa<Float4E2M1FNType, Float6E2M3FNType>(dataType))
    return 2;
  if (isa<Float6E3M2FNType>(dataType))
    return 4;
  if (isa<Float8E4M3FNType>(dataType))
    return 8;
  assert(isa<Float8E5M2Type>(dataType) && "not an MX float data type");
  return 15;
}
