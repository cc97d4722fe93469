//===- QuantDynOps.cpp - quant_dyn op verifiers and builders --------------===//
//
// Each verifier checks the rules of docs/Semantics.md section 3 in order and
// stops at the first violation, so a bad input gives one precise diagnostic.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/ErrorHandling.h"

using namespace mlir;
using namespace mlir::quant_dyn;

//===----------------------------------------------------------------------===//
// Shared block quantization rules
//===----------------------------------------------------------------------===//

namespace {
/// What quantize and dequantize have in common, seen from the verifier.
struct BlockOpView {
  Operation *op;
  BlockingSpec blocking;
  RankedTensorType floatType; // quantize input / dequantize result
  RankedTensorType dataType;
  RankedTensorType scaleType;
  Value doubleQuantScale; // may be null
  ScaleLayout scaleLayout;
  StringRef floatName; // "input" or "result"
  // Which of the two defines the blocks and the scale shape: the input for
  // quantize, the data for dequantize.
  bool blocksFromData;
};
} // namespace

static BlockingSpec makeBlocking(std::optional<int64_t> axis,
                                 std::optional<int64_t> blockSize,
                                 std::optional<ArrayRef<int64_t>> blockShape) {
  BlockingSpec spec;
  spec.axis = axis;
  spec.blockSize = blockSize;
  if (blockShape)
    spec.blockShape = SmallVector<int64_t>(*blockShape);
  return spec;
}

static LogicalResult verifyBlockOp(const BlockOpView &view) {
  Operation *op = view.op;
  auto emitError = [op]() { return op->emitOpError(); };
  Type floatElt = view.floatType.getElementType();
  Type dataElt = view.dataType.getElementType();
  Type scaleElt = view.scaleType.getElementType();
  ArrayRef<int64_t> shape = view.blocksFromData ? view.dataType.getShape()
                                                : view.floatType.getShape();

  // Blocking attributes first: when they are invalid, the shapes that depend
  // on them are not checked.
  FailureOr<ResolvedBlocking> resolved =
      resolveBlocking(view.blocking, shape, emitError);
  if (failed(resolved))
    return failure();

  // Element types.
  if (!isQuantizeInputType(floatElt))
    return op->emitOpError() << view.floatName
                             << " element type must be f16, bf16 or f32, but "
                                "got "
                             << floatElt;
  if (!isBlockDataType(dataElt))
    return op->emitOpError()
           << "data element type must be f4E2M1FN, f8E4M3FN, f8E5M2, "
              "f6E2M3FN, f6E3M2FN or si8, but got "
           << dataElt;
  if (!isBlockScaleType(scaleElt))
    return op->emitOpError() << "scale element type must be f8E4M3FN, "
                                "f8E8M0FNU, f32, f16 or bf16, but got "
                             << scaleElt;

  // Scale type and what it requires.
  bool hasGs = static_cast<bool>(view.doubleQuantScale);
  if (isa<Float8E4M3FNType>(scaleElt)) {
    if (!isa<Float4E2M1FNType>(dataElt))
      return op->emitOpError() << "f8E4M3FN scales (NVFP4) require "
                                  "f4E2M1FN data, but the data is "
                               << dataElt;
    if (resolved->is1D && *view.blocking.blockSize != 16)
      return op->emitOpError() << "f8E4M3FN scales (NVFP4) require "
                                  "'block_size' 16, but got "
                               << *view.blocking.blockSize;
    if (!hasGs)
      return op->emitOpError() << "f8E4M3FN scales (NVFP4) require the "
                                  "double_quant_scale operand";
  } else if (isa<Float8E8M0FNUType>(scaleElt)) {
    if (!isa<FloatType>(dataElt))
      return op->emitOpError() << "f8E8M0FNU scales (MX) require "
                                  "floating-point data, but the data is "
                               << dataElt;
    if (resolved->is1D && *view.blocking.blockSize != 32)
      return op->emitOpError() << "f8E8M0FNU scales (MX) require "
                                  "'block_size' 32, but got "
                               << *view.blocking.blockSize;
    if (hasGs)
      return op->emitOpError() << "f8E8M0FNU scales (MX) take no "
                                  "double_quant_scale operand";
  } else if (hasGs) {
    return op->emitOpError() << "a double_quant_scale operand is only "
                                "allowed with f8E4M3FN scales, but the "
                                "scales are "
                             << scaleElt;
  }

  if (hasGs) {
    auto gsType = cast<RankedTensorType>(view.doubleQuantScale.getType());
    bool oneElement =
        gsType.getRank() == 0 ||
        (gsType.getRank() == 1 && gsType.getDimSize(0) == 1);
    if (!oneElement)
      return op->emitOpError() << "double_quant_scale must hold one element "
                                  "(rank 0 or static shape [1]), but its "
                                  "type is "
                               << gsType;
    Type gsElt = gsType.getElementType();
    if (!gsElt.isF32() && gsElt != floatElt)
      return op->emitOpError()
             << "double_quant_scale element type must be f32 or the "
             << view.floatName << " element type " << floatElt << ", but got "
             << gsElt;
  }

  if (failed(verifyScaleLayout(view.scaleLayout, *resolved, shape.size(),
                               scaleElt, emitError)))
    return failure();

  // Data and the float tensor have the same shape.
  if (failed(verifyCompatibleShapes(view.floatType.getShape(),
                                    view.dataType.getShape(), view.floatName,
                                    "data", emitError)))
    return failure();

  // A static extent on either side is what the tensor holds at run time, so
  // the static rules apply to it even where the blocking side is dynamic.
  auto staticExtent = [&](int64_t dim) {
    int64_t extent = view.dataType.getDimSize(dim);
    return ShapedType::isDynamic(extent) ? view.floatType.getDimSize(dim)
                                         : extent;
  };
  if (resolved->is1D) {
    int64_t extent = staticExtent(resolved->axis);
    int64_t blockSize = *view.blocking.blockSize;
    if (!ShapedType::isDynamic(extent) && extent % blockSize != 0)
      return op->emitOpError()
             << "extent " << extent << " of dimension " << resolved->axis
             << " (the 'axis') is not divisible by 'block_size' " << blockSize;
  }

  // f4 data is packed two per byte.
  if (isa<Float4E2M1FNType>(dataElt)) {
    int64_t innerDim = view.dataType.getRank() - 1;
    int64_t inner = staticExtent(innerDim);
    if (!ShapedType::isDynamic(inner) && inner % 2 != 0)
      return op->emitOpError()
             << "f4E2M1FN data requires an even innermost extent (two values "
                "per byte), but dimension "
             << innerDim << " has extent " << inner;
  }

  // Scales.
  if (view.scaleLayout == ScaleLayout::swizzled_128x4)
    return verifySwizzledScaleShape(shape, *resolved,
                                    view.scaleType.getShape(), emitError);
  SmallVector<int64_t> inferred = inferScaleShape(shape, *resolved);
  return verifyScaleShape(shape, inferred, view.scaleType.getShape(),
                          emitError);
}

//===----------------------------------------------------------------------===//
// QuantizeOp
//===----------------------------------------------------------------------===//

BlockingSpec QuantizeOp::getBlocking() {
  return makeBlocking(getAxis(), getBlockSize(), getBlockShape());
}

LogicalResult QuantizeOp::verify() {
  // The input defines the blocks and the scale shape for quantize.
  BlockOpView view{getOperation(),
                   getBlocking(),
                   getInput().getType(),
                   getData().getType(),
                   getScales().getType(),
                   getDoubleQuantScale(),
                   getScaleLayout(),
                   "input",
                   /*blocksFromData=*/false};
  if (failed(verifyBlockOp(view)))
    return failure();
  if (getScaleRounding() &&
      !isa<Float8E8M0FNUType>(getScales().getType().getElementType()))
    return emitOpError() << "'scale_rounding' is only legal with f8E8M0FNU "
                            "scales, but the scales are "
                         << getScales().getType().getElementType();
  return success();
}

FailureOr<std::pair<RankedTensorType, RankedTensorType>>
QuantizeOp::inferResultTypes(Location loc, RankedTensorType inputType,
                             Type dataElementType, Type scaleElementType,
                             const BlockingSpec &spec, ScaleLayout layout) {
  auto emitErr = [&] { return mlir::emitError(loc); };
  FailureOr<ResolvedBlocking> resolved =
      resolveBlocking(spec, inputType.getShape(), emitErr);
  if (failed(resolved) ||
      failed(verifyScaleLayout(layout, *resolved, inputType.getRank(),
                               scaleElementType, emitErr)))
    return failure();
  return std::make_pair(
      RankedTensorType::get(inputType.getShape(), dataElementType),
      RankedTensorType::get(
          inferScaleShape(inputType.getShape(), *resolved, layout),
          scaleElementType));
}

/// The result types for the inferring builders, which cannot fail: a
/// blocking that does not fit is a bug of the caller, reported (after the
/// rule's error) instead of building an op that cannot verify.
static std::pair<RankedTensorType, RankedTensorType>
inferQuantizeResultTypesOrDie(Value input, Type dataElementType,
                              Type scaleElementType, const BlockingSpec &spec,
                              ScaleLayout layout = ScaleLayout::linear) {
  auto types = QuantizeOp::inferResultTypes(
      input.getLoc(), cast<RankedTensorType>(input.getType()), dataElementType,
      scaleElementType, spec, layout);
  if (failed(types))
    llvm::report_fatal_error(
        "quant_dyn.quantize: the blocking does not fit the input; check it "
        "with QuantizeOp::inferResultTypes before building");
  return *types;
}

void QuantizeOp::build(OpBuilder &builder, OperationState &state, Value input,
                       Value doubleQuantScale, Type dataElementType,
                       Type scaleElementType, int64_t axis, int64_t blockSize,
                       std::optional<ScaleRounding> rounding,
                       ScaleLayout layout) {
  BlockingSpec spec;
  spec.axis = axis;
  spec.blockSize = blockSize;
  auto [dataType, scaleType] =
      inferQuantizeResultTypesOrDie(input, dataElementType, scaleElementType,
                                    spec, layout);
  ScaleRoundingAttr roundingAttr =
      rounding ? ScaleRoundingAttr::get(builder.getContext(), *rounding)
               : ScaleRoundingAttr();
  build(builder, state, dataType, scaleType, input, doubleQuantScale,
        builder.getI64IntegerAttr(axis), builder.getI64IntegerAttr(blockSize),
        DenseI64ArrayAttr(), roundingAttr,
        ScaleLayoutAttr::get(builder.getContext(), layout));
}

void QuantizeOp::build(OpBuilder &builder, OperationState &state, Value input,
                       Value doubleQuantScale, Type dataElementType,
                       Type scaleElementType, ArrayRef<int64_t> blockShape,
                       std::optional<ScaleRounding> rounding) {
  BlockingSpec spec;
  spec.blockShape = SmallVector<int64_t>(blockShape);
  auto [dataType, scaleType] =
      inferQuantizeResultTypesOrDie(input, dataElementType, scaleElementType,
                                    spec);
  ScaleRoundingAttr roundingAttr =
      rounding ? ScaleRoundingAttr::get(builder.getContext(), *rounding)
               : ScaleRoundingAttr();
  build(builder, state, dataType, scaleType, input, doubleQuantScale,
        IntegerAttr(), IntegerAttr(), builder.getDenseI64ArrayAttr(blockShape),
        roundingAttr, ScaleLayoutAttr());
}

//===----------------------------------------------------------------------===//
// DequantizeOp
//===----------------------------------------------------------------------===//

BlockingSpec DequantizeOp::getBlocking() {
  return makeBlocking(getAxis(), getBlockSize(), getBlockShape());
}

LogicalResult DequantizeOp::verify() {
  if ((*this)->hasAttr("scale_rounding"))
    return emitOpError() << "'scale_rounding' is only legal on "
                            "quant_dyn.quantize";
  // The data defines the blocks and the scale shape for dequantize.
  BlockOpView view{getOperation(),        getBlocking(),
                   getOutput().getType(), getData().getType(),
                   getScales().getType(), getDoubleQuantScale(),
                   getScaleLayout(),      "result",
                   /*blocksFromData=*/true};
  return verifyBlockOp(view);
}

void DequantizeOp::build(OpBuilder &builder, OperationState &state,
                         Value data, Value scales, Value doubleQuantScale,
                         Type outputElementType, int64_t axis,
                         int64_t blockSize, ScaleLayout layout) {
  auto dataType = cast<RankedTensorType>(data.getType());
  build(builder, state,
        RankedTensorType::get(dataType.getShape(), outputElementType), data,
        scales, doubleQuantScale, builder.getI64IntegerAttr(axis),
        builder.getI64IntegerAttr(blockSize), DenseI64ArrayAttr(),
        ScaleLayoutAttr::get(builder.getContext(), layout));
}

void DequantizeOp::build(OpBuilder &builder, OperationState &state,
                         Value data, Value scales, Value doubleQuantScale,
                         Type outputElementType,
                         ArrayRef<int64_t> blockShape) {
  auto dataType = cast<RankedTensorType>(data.getType());
  build(builder, state,
        RankedTensorType::get(dataType.getShape(), outputElementType), data,
        scales, doubleQuantScale, IntegerAttr(), IntegerAttr(),
        builder.getDenseI64ArrayAttr(blockShape), ScaleLayoutAttr());
}

//===----------------------------------------------------------------------===//
// Linear ops
//===----------------------------------------------------------------------===//

static std::optional<int64_t> normalizeChannelAxis(QType qtype, int64_t axis,
                                                   int64_t rank) {
  if (qtype != QType::per_channel)
    return std::nullopt;
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

static LogicalResult verifyLinearOp(Operation *op, RankedTensorType floatType,
                                    RankedTensorType quantType,
                                    RankedTensorType scalesType, Value zps,
                                    QType qtype, int64_t axis) {
  auto emitError = [op]() { return op->emitOpError(); };
  if (!isQuantizeInputType(floatType.getElementType()))
    return op->emitOpError() << "float element type must be f32, f16 or "
                                "bf16, but got "
                             << floatType.getElementType();
  if (!isLinearQuantizedType(quantType.getElementType()))
    return op->emitOpError() << "quantized element type must be ui8, si8 or "
                                "i8, but got "
                             << quantType.getElementType();
  if (failed(verifyCompatibleShapes(quantType.getShape(), floatType.getShape(),
                                    "quantized tensor", "float tensor",
                                    emitError)))
    return failure();

  int64_t rank = floatType.getRank();
  std::optional<int64_t> channelAxis;
  if (qtype == QType::per_channel) {
    if (rank == 0)
      return op->emitOpError() << "per_channel quantization requires tensors "
                                  "of rank >= 1 (a channel 'axis'), but they "
                                  "have rank 0";
    channelAxis = normalizeChannelAxis(qtype, axis, rank);
    if (!channelAxis)
      return op->emitOpError() << "per_channel 'axis' must be in [" << -rank
                               << ", " << rank - 1 << "], but got " << axis;
  }

  if (scalesType.getRank() != 1)
    return op->emitOpError() << "scales must be a 1-D tensor, but have rank "
                             << scalesType.getRank();
  if (!isQuantizeInputType(scalesType.getElementType()))
    return op->emitOpError() << "scales element type must be f32, f16 or "
                                "bf16, but got "
                             << scalesType.getElementType();
  int64_t numScales = scalesType.getDimSize(0);
  if (!ShapedType::isDynamic(numScales)) {
    if (!channelAxis && numScales != 1)
      return op->emitOpError() << "per_tensor scales must hold exactly 1 "
                                  "element, but hold "
                               << numScales;
    if (channelAxis) {
      int64_t channels = floatType.getDimSize(*channelAxis);
      if (!ShapedType::isDynamic(channels) && channels != numScales)
        return op->emitOpError()
               << "per_channel scales must hold one element per index of "
                  "dimension "
               << *channelAxis << " (" << channels << "), but hold "
               << numScales;
    }
  }

  if (zps) {
    auto zpsType = cast<RankedTensorType>(zps.getType());
    if (zpsType.getRank() != 1)
      return op->emitOpError() << "zps must be a 1-D tensor, but have rank "
                               << zpsType.getRank();
    if (!isZeroPointType(zpsType.getElementType()))
      return op->emitOpError() << "zps element type must be si8, i8, ui8, "
                                  "si32 or i32, but got "
                               << zpsType.getElementType();
    int64_t numZps = zpsType.getDimSize(0);
    if (!ShapedType::isDynamic(numZps) && !ShapedType::isDynamic(numScales) &&
        numZps != numScales)
      return op->emitOpError() << "zps must have as many elements as scales ("
                               << numScales << "), but have " << numZps;
    // With dynamic scales, the zps count is checked against what the scales
    // must hold.
    if (!ShapedType::isDynamic(numZps) && ShapedType::isDynamic(numScales)) {
      if (!channelAxis && numZps != 1)
        return op->emitOpError() << "per_tensor zps must hold exactly 1 "
                                    "element, but hold "
                                 << numZps;
      if (channelAxis) {
        int64_t channels = floatType.getDimSize(*channelAxis);
        if (!ShapedType::isDynamic(channels) && numZps != channels)
          return op->emitOpError()
                 << "per_channel zps must hold one element per index of "
                    "dimension "
                 << *channelAxis << " (" << channels << "), but hold "
                 << numZps;
      }
    }
  }
  return success();
}

LogicalResult QuantizeLinearOp::verify() {
  return verifyLinearOp(getOperation(), getInput().getType(),
                        getOutput().getType(), getScales().getType(), getZps(),
                        getQtype(), getAxis());
}

LogicalResult DequantizeLinearOp::verify() {
  return verifyLinearOp(getOperation(), getOutput().getType(),
                        getInput().getType(), getScales().getType(), getZps(),
                        getQtype(), getAxis());
}

//===----------------------------------------------------------------------===//
// StorageCastOp
//===----------------------------------------------------------------------===//

LogicalResult StorageCastOp::verify() {
  auto source = cast<ShapedType>(getSource().getType());
  auto result = cast<ShapedType>(getResult().getType());
  if (isa<TensorType>(source) != isa<TensorType>(result))
    return emitOpError() << "source and result must both be tensors or both "
                            "be memrefs";
  for (auto type : {source, result})
    if (auto memref = dyn_cast<MemRefType>(type))
      if (!memref.getLayout().isIdentity())
        return emitOpError() << "memrefs must have the identity layout, but "
                                "got "
                             << memref;
  if (source.getRank() != result.getRank())
    return emitOpError() << "source and result must have the same rank, but "
                            "have rank "
                         << source.getRank() << " vs " << result.getRank();
  Type srcElt = source.getElementType(), dstElt = result.getElementType();
  // getIntOrFloatBitWidth below is only defined for these (index, complex,
  // ... would crash it).
  for (Type elt : {srcElt, dstElt})
    if (!elt.isIntOrFloat())
      return emitOpError() << "element types must be integer or floating-point "
                              "types, but got "
                           << elt;
  bool packedF4 = (isa<Float4E2M1FNType>(srcElt) && dstElt.isSignlessInteger(8)) ||
                  (isa<Float4E2M1FNType>(dstElt) && srcElt.isSignlessInteger(8));
  if (!packedF4 && srcElt.getIntOrFloatBitWidth() != dstElt.getIntOrFloatBitWidth())
    return emitOpError() << "element types must have the same bit width, or "
                            "be f4E2M1FN and i8 (packed pairs), but got "
                         << srcElt << " and " << dstElt;
  int64_t rank = source.getRank();
  if (packedF4 && rank == 0)
    return emitOpError() << "packed f4E2M1FN needs rank >= 1";
  for (int64_t i = 0; i < rank; ++i) {
    int64_t a = source.getDimSize(i), b = result.getDimSize(i);
    if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
      continue;
    if (packedF4 && i == rank - 1) {
      int64_t elements = isa<Float4E2M1FNType>(srcElt) ? a : b;
      int64_t bytes = isa<Float4E2M1FNType>(srcElt) ? b : a;
      // elements / 2 rather than 2 * bytes: no overflow on huge extents.
      if (elements % 2 != 0 || elements / 2 != bytes)
        return emitOpError() << "packed f4E2M1FN innermost extent " << elements
                             << " must be twice the i8 extent " << bytes;
    } else if (a != b) {
      return emitOpError() << "dimension " << i << " differs: " << a << " vs "
                           << b;
    }
  }
  return success();
}

OpFoldResult StorageCastOp::fold(FoldAdaptor) {
  if (getSource().getType() == getResult().getType())
    return getSource();
  // cast(cast(x)) with x of the result type is x.
  if (auto producer = getSource().getDefiningOp<StorageCastOp>())
    if (producer.getSource().getType() == getResult().getType())
      return producer.getSource();
  return {};
}

#define GET_OP_CLASSES
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynOps.cpp.inc"
