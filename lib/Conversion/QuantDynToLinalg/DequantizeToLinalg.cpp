//===- DequantizeToLinalg.cpp - quant_dyn.dequantize to linalg ------------===//
//
// Block dequantization as one tensor-level linalg.generic: the codes
// (unpacked from bytes for f4E2M1FN) are padded to whole blocks and expanded
// into (blocks, block) dimensions, and the generic reads each block's scale
// through an indexing map that broadcasts it over the block (for
// swizzled_128x4 scales, the swizzled position of each real row and block).
//
//===----------------------------------------------------------------------===//

#include "BlockGeometry.h"
#include "LoweringUtils.h"
#include "RuntimeChecks.h"

#include "quant-dyn/Utils/FloatConversions.h"
#include "quant-dyn/Conversion/QuantDynToLinalg/QuantDynToLinalg.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::quant_dyn;
using namespace mlir::quant_dyn::detail;

namespace {

struct DequantizeOpLowering : public OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value data = castToKnownSizes(adaptor.getData());
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
    bool swizzled = op.getScaleLayout() == ScaleLayout::swizzled_128x4;
    SmallVector<OpFoldResult> scaleDims =
        tensor::getMixedSizes(rewriter, loc, adaptor.getScales());
    SmallVector<OpFoldResult> expectedScaleDims =
        swizzled ? swizzledScaleDims(rewriter, loc, g.numBlocks) : g.numBlocks;
    for (auto [i, expected] : llvm::enumerate(expectedScaleDims))
      checks.requireEqual(scaleDims[i], expected, QUANT_DYN_ERROR_SCALES_EXTENT,
                          i);
    for (int64_t i = 0; i < g.rank; ++i) {
      if (!outputType.isDynamicDim(i))
        checks.requireEqual(g.dims[i],
                            rewriter.getIndexAttr(outputType.getDimSize(i)),
                            QUANT_DYN_ERROR_TENSOR_EXTENT, i);
    }
    Value gs;
    if (Value doubleQuantScale = adaptor.getDoubleQuantScale())
      gs = extractScalarF32(rewriter, loc, doubleQuantScale);
    Value scalesIn = adaptor.getScales();

    FailureOr<SmallVector<Value>> results = checks.guard(
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
          // Swizzled scales are read at the swizzled position of each real
          // (row, block): padding is never read.
          AffineMap scaleMap = projection(ctx, n, g.isScaleDim);
          if (swizzled)
            scaleMap = getSwizzledScaleMap(ctx, g.rank).compose(scaleMap);
          Value out =
              linalg::GenericOp::create(
                  b, l, init.getType(), ValueRange{expanded, scalesIn},
                  ValueRange{init}, {identity, scaleMap, identity},
                  SmallVector<utils::IteratorType>(
                      n, utils::IteratorType::parallel),
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
    if (failed(results))
      return failure();
    rewriter.replaceOp(op, *results);
    return success();
  }
};

} // namespace

void mlir::quant_dyn::populateDequantizeToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<DequantizeOpLowering>(patterns.getContext());
}
