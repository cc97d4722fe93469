//===- LinearToLinalg.cpp - quantize_linear / dequantize_linear to linalg -===//
//
// Per-tensor and per-channel linear (de)quantization as one elementwise
// linalg.generic: per-tensor parameters are extracted as scalars, and
// per-channel ones are read through an indexing map on the channel
// dimension.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "RuntimeChecks.h"

#include "quant-dyn/Utils/FloatConversions.h"
#include "quant-dyn/Conversion/QuantDynToLinalg/QuantDynToLinalg.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <type_traits>

using namespace mlir;
using namespace mlir::quant_dyn;
using namespace mlir::quant_dyn::detail;

namespace {

/// f32 value of a zero point element (si8 / i8 / ui8 / si32 / i32).
Value zeroPointToF32(OpBuilder &b, Location loc, Value zp, Type zpType) {
  if (zpType.isUnsignedInteger())
    return arith::UIToFPOp::create(b, loc, b.getF32Type(), zp);
  return arith::SIToFPOp::create(b, loc, b.getF32Type(), zp);
}

template <typename OpTy>
struct LinearOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    constexpr bool isQuantize = std::is_same_v<OpTy, QuantizeLinearOp>;
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto outputType = cast<RankedTensorType>(op.getOutput().getType());
    int64_t rank = inputType.getRank();
    std::optional<int64_t> axis = op.getNormalizedChannelAxis();
    SmallVector<OpFoldResult> dims = tensor::getMixedSizes(rewriter, loc, input);
    OpFoldResult expectedCount = axis ? dims[*axis] : rewriter.getIndexAttr(1);

    RuntimeChecks checks(rewriter, loc);
    checks.requireEqual(
        tensor::getMixedSize(rewriter, loc, adaptor.getScales(), 0),
        expectedCount, QUANT_DYN_ERROR_SCALES_COUNT, 0);
    if (adaptor.getZps())
      checks.requireEqual(
          tensor::getMixedSize(rewriter, loc, adaptor.getZps(), 0),
          expectedCount, QUANT_DYN_ERROR_ZPS_COUNT, 0);
    for (int64_t i = 0; i < rank; ++i)
      if (!outputType.isDynamicDim(i))
        checks.requireEqual(dims[i], rewriter.getIndexAttr(outputType.getDimSize(i)),
                            QUANT_DYN_ERROR_TENSOR_EXTENT, i);

    Type quantElt = isQuantize ? outputType.getElementType()
                               : inputType.getElementType();
    Type floatElt = isQuantize ? inputType.getElementType()
                               : outputType.getElementType();
    Type zpElt = op.getZps() ? cast<RankedTensorType>(op.getZps().getType())
                                   .getElementType()
                             : Type();

    FailureOr<SmallVector<Value>> results = checks.guard(
        op, op->getResultTypes(), {dims},
        [&](OpBuilder &b, Location l) -> SmallVector<Value> {
          Value scales = adaptor.getScales();
          Value zps = adaptor.getZps();
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
    if (failed(results))
      return failure();
    rewriter.replaceOp(op, *results);
    return success();
  }
};

} // namespace

void mlir::quant_dyn::populateLinearToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<LinearOpLowering<QuantizeLinearOp>,
               LinearOpLowering<DequantizeLinearOp>>(patterns.getContext());
}
