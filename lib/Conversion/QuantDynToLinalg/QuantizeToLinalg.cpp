//===- QuantizeToLinalg.cpp - quant_dyn.quantize to linalg ----------------===//
//
// Block quantization as tensor-level linalg: the input is padded to whole
// blocks and expanded into (blocks, block) dimensions, a reduction computes
// each block's amax, an elementwise generic its scale and quantization
// parameter, and a generic that broadcasts the parameter over the block
// computes the codes (packing f4E2M1FN pairs into bytes on the way).
// With swizzled_128x4 scales the blocks are viewed in 128x4 scale tiles and
// the scale generic writes each scale through a permutation straight to its
// swizzled position (docs/ScaleLayout.md).
//
//===----------------------------------------------------------------------===//

#include "BlockGeometry.h"
#include "LoweringUtils.h"
#include "RuntimeChecks.h"

#include "quant-dyn/Utils/FloatConversions.h"
#include "quant-dyn/Target/Common/NarrowFloatTarget.h"
#include "quant-dyn/Conversion/QuantDynToLinalg/QuantDynToLinalg.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace mlir::quant_dyn;
using namespace mlir::quant_dyn::detail;

/// Static inputs at least this large with partial edge blocks are peeled
/// (peelPartialBlocks); smaller ones are padded whole, which costs less
/// than a second kernel.
static constexpr int64_t kPeelMinElements = 1 << 16;

/// Splits a static quantize whose blocks do not tile the input (partial
/// edge blocks, or rows and scale columns that do not fill a swizzled
/// 128x4 tile) into quantizes of the whole-block interior and of the edge
/// strips, whose results are inserted into the full results. Only the edge
/// strips are padded: padding the whole input copied it into a fresh
/// buffer on every call, whose page faults made these shapes about 50
/// times slower than divisible ones. The pieces compute exactly what the
/// padded op computes: each block lies in one piece, and every scale
/// depends on its own block only.
static LogicalResult peelPartialBlocks(QuantizeOp op, Value input,
                                       Value doubleQuantScale,
                                       ConversionPatternRewriter &rewriter) {
  auto inputType = op.getInput().getType();
  if (!inputType.hasStaticShape() ||
      inputType.getNumElements() < kPeelMinElements)
    return failure();
  ResolvedBlocking blocking =
      resolveVerified(op.getBlocking(), inputType.getShape(), op);
  ArrayRef<int64_t> shape = inputType.getShape();
  int64_t rank = shape.size();
  bool swizzled = op.getScaleLayout() == ScaleLayout::swizzled_128x4;

  // The granularity a piece boundary must respect along each dim, which
  // is also what one index of the (linear or tile) scale dim covers: the
  // block, or for swizzled scales a 128-row / 4-block tile. Every extent is
  // > 0 here (the input has elements).
  SmallVector<int64_t> grain(rank);
  for (int64_t i = 0; i < rank; ++i) {
    int64_t block = blocking.blockPerDim[i];
    grain[i] = block < 0 ? shape[i] : block;
  }
  if (swizzled) {
    grain[rank - 2] = kSwizzleTileRows;
    grain[rank - 1] *= kSwizzleTileCols;
  }
  SmallVector<int64_t> partialDims, full(rank);
  for (int64_t i = 0; i < rank; ++i) {
    full[i] = shape[i] / grain[i] * grain[i];
    if (full[i] > 0 && full[i] < shape[i])
      partialDims.push_back(i);
  }
  if (partialDims.empty())
    return failure();
  // Packed f4 pieces need an even innermost extent.
  auto dataType = op.getData().getType();
  auto scaleType = op.getScales().getType();
  bool packed = isa<Float4E2M1FNType>(dataType.getElementType());
  if (packed && llvm::is_contained(partialDims, rank - 1) &&
      full[rank - 1] % 2 != 0)
    return failure();

  // Where a piece's scales start in the full scales tensor: one scale (or
  // swizzled tile) index per grain; the dims inside a tile start at 0.
  auto scaleOffsets = [&](ArrayRef<int64_t> offsets) {
    SmallVector<int64_t> result;
    for (int64_t i = 0; i < rank; ++i)
      result.push_back(offsets[i] / grain[i]);
    if (swizzled)
      result.append({0, 0, 0});
    return result;
  };

  Location loc = op.getLoc();
  auto folded = [&](ArrayRef<int64_t> values) {
    return getAsIndexOpFoldResult(rewriter.getContext(), values);
  };
  // Packed f4 pieces are inserted as their bytes: a copy of f4 buffers
  // (what an insert that is not in place becomes) would count the logical
  // elements as bytes.
  auto asStored = [&](ArrayRef<int64_t> extents) {
    return packed ? getPackedF4ByteShape(extents)
                  : SmallVector<int64_t>(extents);
  };
  Type storedElt =
      packed ? rewriter.getI8Type() : dataType.getElementType();
  Value data = tensor::EmptyOp::create(
      rewriter, loc, asStored(dataType.getShape()), storedElt);
  Value scales = tensor::EmptyOp::create(rewriter, loc, scaleType.getShape(),
                                         scaleType.getElementType());
  for (unsigned mask = 0; mask < (1u << partialDims.size()); ++mask) {
    SmallVector<int64_t> offsets(rank, 0), sizes(shape);
    for (auto [bit, dim] : llvm::enumerate(partialDims)) {
      bool edge = mask & (1u << bit);
      offsets[dim] = edge ? full[dim] : 0;
      sizes[dim] = edge ? shape[dim] - full[dim] : full[dim];
    }
    SmallVector<int64_t> ones(rank, 1);
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, input, folded(offsets), folded(sizes), folded(ones));
    auto pieceData = RankedTensorType::get(sizes, dataType.getElementType());
    SmallVector<int64_t> pieceScaleShape = inferScaleShape(
        sizes, blocking, op.getScaleLayout());
    auto pieceScales =
        RankedTensorType::get(pieceScaleShape, scaleType.getElementType());
    OperationState state(loc, QuantizeOp::getOperationName());
    state.addOperands(slice);
    if (doubleQuantScale)
      state.addOperands(doubleQuantScale);
    state.addTypes({pieceData, pieceScales});
    state.addAttributes(op->getAttrs());
    Operation *piece = rewriter.create(state);
    Value pieceValue = piece->getResult(0);
    if (packed)
      pieceValue = StorageCastOp::create(
          rewriter, loc, RankedTensorType::get(asStored(sizes), storedElt),
          pieceValue);
    data = tensor::InsertSliceOp::create(rewriter, loc, pieceValue, data,
                                         folded(asStored(offsets)),
                                         folded(asStored(sizes)), folded(ones));
    SmallVector<int64_t> scaleOnes(pieceScaleShape.size(), 1);
    scales = tensor::InsertSliceOp::create(
        rewriter, loc, piece->getResult(1), scales,
        folded(scaleOffsets(offsets)), folded(pieceScaleShape),
        folded(scaleOnes));
  }
  if (packed)
    data = StorageCastOp::create(rewriter, loc, dataType, data);
  rewriter.replaceOp(op, ValueRange{data, scales});
  return success();
}

namespace {

struct QuantizeOpLowering : public OpConversionPattern<QuantizeOp> {
  QuantizeOpLowering(MLIRContext *ctx, const NarrowFloatTarget &target,
                     const QuantizeLoweringOptions &options)
      : OpConversionPattern(ctx), target(target), options(options) {
    // peelPartialBlocks creates quantizes that this pattern lowers; they
    // have no partial blocks, so they are never peeled again.
    setHasBoundedRewriteRecursion();
  }

  /// Emits the narrow float conversions of the data and the scales.
  const NarrowFloatTarget &target;
  const QuantizeLoweringOptions options;

  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (succeeded(peelPartialBlocks(op, adaptor.getInput(),
                                    adaptor.getDoubleQuantScale(), rewriter)))
      return success();
    Location loc = op.getLoc();
    Value input = castToKnownSizes(adaptor.getInput());
    auto inputType = op.getInput().getType();
    Type floatElt = inputType.getElementType();
    Type dataElt = op.getData().getType().getElementType();
    Type scaleElt = op.getScales().getType().getElementType();
    bool isF4 = isa<Float4E2M1FNType>(dataElt);
    ResolvedBlocking blocking =
        resolveVerified(op.getBlocking(), inputType.getShape(), op);
    BlockGeometry g =
        op.getScaleLayout() == ScaleLayout::swizzled_128x4
            ? computeSwizzledGeometry(rewriter, loc, input,
                                      blocking.blockPerDim.back(), isF4)
            : computeGeometry(rewriter, loc, input, blocking, isF4);

    RuntimeChecks checks(rewriter, loc);
    requireValidBlocking(checks, g, blocking, isF4);
    auto dataType = op.getData().getType();
    auto scaleType = op.getScales().getType();
    for (int64_t i = 0; i < g.rank; ++i)
      if (!dataType.isDynamicDim(i))
        checks.requireEqual(g.dims[i], rewriter.getIndexAttr(dataType.getDimSize(i)),
                            QUANT_DYN_ERROR_TENSOR_EXTENT, i);
    ArrayRef<OpFoldResult> expectedScaleDims =
        g.isSwizzled() ? ArrayRef<OpFoldResult>(g.swizzledScaleDims)
                       : ArrayRef<OpFoldResult>(g.numBlocks);
    for (auto [i, expected] : llvm::enumerate(expectedScaleDims))
      if (!scaleType.isDynamicDim(i))
        checks.requireEqual(expected,
                            rewriter.getIndexAttr(scaleType.getDimSize(i)),
                            QUANT_DYN_ERROR_SCALES_EXTENT, i);

    Value gs;
    if (Value doubleQuantScale = adaptor.getDoubleQuantScale())
      gs = extractScalarF32(rewriter, loc, doubleQuantScale);

    std::optional<int64_t> chunk = innermostChunk(op, blocking);
    ScaleRounding rounding =
        op.getScaleRounding().value_or(ScaleRounding::floor);
    FailureOr<SmallVector<Value>> results = checks.guard(
        op, op->getResultTypes(), {g.dims, llvm::to_vector(expectedScaleDims)},
        [&](OpBuilder &b, Location l) -> SmallVector<Value> {
          auto [data, scales] =
              chunk ? buildInChunks(b, l, input, g, blocking, *chunk, floatElt,
                                    dataElt, scaleElt, gs, rounding)
                    : build(b, l, input, g, floatElt, dataElt, scaleElt, gs,
                            rounding);
          data = storageCast(b, l, data, dataElt, g.dims);
          return {castTo(b, l, data, dataType), castTo(b, l, scales, scaleType)};
        });
    if (failed(results))
      return failure();
    rewriter.replaceOp(op, *results);
    return success();
  }

  /// Elements of the chunks buildInChunks splits `op` into, if it applies:
  /// a dynamic innermost extent blocked by a static block (every other dim
  /// unblocked), with linear scales.
  std::optional<int64_t>
  innermostChunk(QuantizeOp op, const ResolvedBlocking &blocking) const {
    auto type = op.getInput().getType();
    int64_t rank = type.getRank();
    if (options.innermostChunkBlocks <= 0 || rank == 0 ||
        !type.isDynamicDim(rank - 1) ||
        op.getScaleLayout() != ScaleLayout::linear)
      return std::nullopt;
    ArrayRef<int64_t> block = blocking.blockPerDim;
    if (block.back() <= 1 ||
        llvm::any_of(block.drop_back(), [](int64_t b) { return b != 1; }))
      return std::nullopt;
    return block.back() * options.innermostChunkBlocks;
  }

  /// A dynamic innermost extent K in whole chunks and a tail: the prefix
  /// [.., K1] (K1 = K - K mod chunk) viewed as [.., K1 / chunk, chunk], and
  /// the tail [.., K - K1], each quantized on its own and inserted into the
  /// results (`g`: the whole input's geometry). The chunk is a static
  /// dimension, so the tiles of blocks have static shapes and are
  /// vectorized: with K dynamic every tile was dynamic, and f32 -> NVFP4
  /// 8192x8192 ran 31.9 ms against 15.5 ms for a static shape. Every block
  /// lies in one piece (the chunk is a multiple of the block). Returns the
  /// data in its storage type (bytes for f4), as build does.
  std::pair<Value, Value> buildInChunks(OpBuilder &b, Location loc, Value input,
                                        const BlockGeometry &g,
                                        const ResolvedBlocking &blocking,
                                        int64_t chunk, Type floatElt,
                                        Type dataElt, Type scaleElt, Value gs,
                                        ScaleRounding rounding) const {
    int64_t rank = g.rank, last = rank - 1;
    int64_t block = blocking.blockPerDim[last];
    bool isF4 = isa<Float4E2M1FNType>(dataElt);
    AffineExpr s0 = b.getAffineSymbolExpr(0);
    // Offsets and sizes first: the in-place passes compute a piece in its
    // slice of a result only where they dominate the piece.
    OpFoldResult extent = g.dims[last];
    OpFoldResult numChunks = floorDiv(b, loc, extent, chunk);
    OpFoldResult whole = mul(b, loc, numChunks, chunk);
    OpFoldResult tail = applyMap(b, loc, s0 % chunk, {extent});
    auto stored = [&](OpFoldResult elements) {
      return isF4 ? floorDiv(b, loc, elements, 2) : elements;
    };
    OpFoldResult wholeStored = stored(whole), tailStored = stored(tail);
    OpFoldResult wholeBlocks = floorDiv(b, loc, whole, block);
    OpFoldResult tailBlocks =
        applyMap(b, loc, s0 - b.getAffineSymbolExpr(1),
                 {g.numBlocks[last], wholeBlocks});
    SmallVector<OpFoldResult> storedDims(g.dims);
    storedDims.back() = stored(extent);
    Type storage = storageElementType(dataElt);
    Value data = emptyTensor(b, loc, storedDims, storage);
    Value scales = emptyTensor(b, loc, g.numBlocks, scaleElt);

    SmallVector<OpFoldResult> zeros(rank, b.getIndexAttr(0));
    SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
    auto insertPiece = [&](Value into, Value piece, OpFoldResult offset,
                           OpFoldResult size) {
      SmallVector<OpFoldResult> offsets(zeros), sizes(g.dims);
      offsets.back() = offset;
      sizes.back() = size;
      return tensor::InsertSliceOp::create(b, loc, piece, into, offsets, sizes,
                                           ones)
          .getResult();
    };

    // The whole chunks, the chunk a dimension of its own.
    SmallVector<OpFoldResult> sizes(g.dims);
    sizes.back() = whole;
    Value prefix =
        tensor::ExtractSliceOp::create(b, loc, input, zeros, sizes, ones);
    SmallVector<ReassociationIndices> reassociation;
    for (int64_t i = 0; i < last; ++i)
      reassociation.push_back({i});
    reassociation.push_back({last, last + 1});
    SmallVector<OpFoldResult> chunkedDims(g.dims.begin(), g.dims.end() - 1);
    chunkedDims.append({numChunks, b.getIndexAttr(chunk)});
    Value chunked = tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get(staticShape(chunkedDims), floatElt),
        prefix, reassociation, chunkedDims);
    ResolvedBlocking chunkBlocking;
    chunkBlocking.is1D = blocking.is1D;
    chunkBlocking.axis = blocking.is1D ? rank : -1;
    chunkBlocking.blockPerDim.assign(rank + 1, 1);
    chunkBlocking.blockPerDim.back() = block;
    BlockGeometry chunkGeometry =
        computeGeometry(b, loc, chunked, chunkBlocking, isF4);
    auto [chunkData, chunkScales] =
        build(b, loc, chunked, chunkGeometry, floatElt, dataElt, scaleElt, gs,
              rounding);
    chunkData =
        tensor::CollapseShapeOp::create(b, loc, chunkData, reassociation);
    chunkScales =
        tensor::CollapseShapeOp::create(b, loc, chunkScales, reassociation);
    data = insertPiece(data, chunkData, b.getIndexAttr(0), wholeStored);
    scales = insertPiece(scales, chunkScales, b.getIndexAttr(0), wholeBlocks);

    // The tail: fewer than a chunk of elements per row.
    SmallVector<OpFoldResult> tailOffsets(zeros);
    tailOffsets.back() = whole;
    sizes.back() = tail;
    Value rest =
        tensor::ExtractSliceOp::create(b, loc, input, tailOffsets, sizes, ones);
    BlockGeometry tailGeometry = computeGeometry(b, loc, rest, blocking, isF4);
    auto [tailData, tailScales] = build(b, loc, rest, tailGeometry, floatElt,
                                        dataElt, scaleElt, gs, rounding);
    data = insertPiece(data, tailData, wholeStored, tailStored);
    scales = insertPiece(scales, tailScales, wholeBlocks, tailBlocks);
    return {data, scales};
  }

  /// The data (in its storage type: bytes for f4) and the scales of `input`
  /// viewed as blocks by `g`.
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
    //    With narrow-amax, f16 / bf16 magnitudes are compared as their own 16
    //    bits (their order is the order of the values, NaN above Inf), twice
    //    the lanes per vector op; the scale generic extends the max to f32.
    bool amax16 = options.narrowAmax && floatElt.getIntOrFloatBitWidth() == 16;
    Type amaxElt = amax16 ? b.getI16Type() : b.getI32Type();
    Value amaxInit = filledTensor(b, loc, scaleDims, amaxElt,
                                  b.getIntegerAttr(amaxElt, 0));
    Value amax =
        linalg::GenericOp::create(
            b, loc, amaxInit.getType(), ValueRange{expanded},
            ValueRange{amaxInit}, {identity, toScale}, iterators(g.isScaleDim),
            [&](OpBuilder &nb, Location l, ValueRange args) {
              Value bits = arith::BitcastOp::create(
                  nb, l, amaxElt,
                  amax16 ? args[0] : extendToF32(nb, l, args[0]));
              Value magMask = arith::ConstantOp::create(
                  nb, l, nb.getIntegerAttr(amaxElt, amax16 ? 0x7FFF : 0x7FFFFFFF));
              Value mag = arith::AndIOp::create(nb, l, bits, magMask);
              linalg::YieldOp::create(
                  nb, l, arith::MaxUIOp::create(nb, l, args[1], mag).getResult());
            })
            .getResult(0);
    // The amax as f32.
    auto amaxToF32 = [&](OpBuilder &nb, Location l, Value bits) -> Value {
      if (!amax16)
        return arith::BitcastOp::create(nb, l, nb.getF32Type(), bits);
      return extendToF32(nb, l,
                         arith::BitcastOp::create(nb, l, floatElt, bits));
    };

    // 2. Scales and the per-block quantization parameter: the divisor, or
    //    for e8m0 the exact power-of-two multiplier; NaN marks a block whose
    //    data is all +0 (zero scale, or NaN / Inf in the block).
    //    Swizzled scales are written through a permutation of the
    //    scale-layout dims, each straight to its swizzled position; padding
    //    rows and blocks have amax 0, so their bytes get code 0x00.
    Value scalesInit = emptyTensor(
        b, loc, g.isSwizzled() ? g.swizzledScaleDims : scaleDims, scaleElt);
    Value paramInit = emptyTensor(b, loc, scaleDims, f32);
    AffineMap scaleIdentity =
        AffineMap::getMultiDimIdentityMap(scaleDims.size(), ctx);
    AffineMap scaleOutput = scaleIdentity;
    if (g.isSwizzled())
      scaleOutput =
          AffineMap::getPermutationMap(g.swizzledFromScaleLayout, ctx);
    auto scaleGeneric = linalg::GenericOp::create(
        b, loc, TypeRange{scalesInit.getType(), paramInit.getType()},
        ValueRange{amax}, ValueRange{scalesInit, paramInit},
        {scaleIdentity, scaleOutput, scaleIdentity},
        SmallVector<utils::IteratorType>(scaleDims.size(),
                                         utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location l, ValueRange args) {
          auto [scale, param] =
              buildScale(nb, l, amaxToF32(nb, l, args[0]), dataElt, scaleElt,
                         gs, rounding);
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
    // In a block that is not zeroed, x is finite and the parameter finite
    // and nonzero, so x / param is never NaN; only a double-quant divisor
    // f32(s) * gs can underflow to 0 (or be 0 with gs = 0), and 0 / 0 is NaN.
    bool quotientMayBeNaN = isa<Float8E4M3FNType>(scaleElt);
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
        code = target.buildTruncFromF32(nb, l, v, dataElt, /*satfinite=*/true,
                                        quotientMayBeNaN);
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
                   Value byte = target.buildF4PairFromF32(
                       nb, l, first, second, quotientMayBeNaN);
                   linalg::YieldOp::create(
                       nb, l, zeroIfZeroBlock(nb, l, byte, args[2]));
                 })
                 .getResult(0);
      data.getDefiningOp()->setAttr(QuantDynDialect::getBlockRootAttrName(),
                                   b.getUnitAttr());
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
      data.getDefiningOp()->setAttr(QuantDynDialect::getBlockRootAttrName(),
                                   b.getUnitAttr());
      data = collapseFromBlocks(b, loc, data, g, /*packedPairs=*/true);
    } else {
      Type storage = storageElementType(dataElt);
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
      data.getDefiningOp()->setAttr(QuantDynDialect::getBlockRootAttrName(),
                                   b.getUnitAttr());
      data = collapseFromBlocks(b, loc, data, g, /*packedPairs=*/false);
      if (isF4)
        data = packF4Codes(b, loc, data);
    }
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
                                            /*satfinite=*/true,
                                            /*mayBeNaN=*/true);
      code = arith::SelectOp::create(b, loc, bad, i32c(fmt.nanCode), code);
      scale = codeToStorage(b, loc, code, scaleElt);
      scaleF32 = buildExtToF32(b, loc, code, fmt);
    } else if (scaleElt.isF32()) {
      scaleF32 = arith::SelectOp::create(b, loc, bad, nan, v);
      scale = scaleF32;
    } else {
      NarrowFloatFormat fmt = *getNarrowFloatFormat(scaleElt);
      Value code = target.buildTruncFromF32(b, loc, v, scaleElt,
                                            /*satfinite=*/true,
                                            /*mayBeNaN=*/true);
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


} // namespace

void mlir::quant_dyn::populateQuantizeToLinalgConversionPatterns(
    RewritePatternSet &patterns, const NarrowFloatTarget &target,
    const QuantizeLoweringOptions &options) {
  patterns.add<QuantizeOpLowering>(patterns.getContext(), target, options);
}
