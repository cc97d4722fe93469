//===- BufferizableOpInterfaceImpl.cpp - quant_dyn bufferization ----------===//

#include "quant-dyn/Dialect/QuantDyn/Transforms/BufferizableOpInterfaceImpl.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace mlir::quant_dyn;

namespace {
static MemRefType getIdentityBufferType(RankedTensorType type,
                                        Attribute memorySpace) {
  return MemRefType::get(type.getShape(), type.getElementType(),
                         MemRefLayoutAttrInterface(), memorySpace);
}

struct StorageCastOpInterface
    : public BufferizableOpInterface::ExternalModel<StorageCastOpInterface,
                                                    StorageCastOp> {
  bool bufferizesToMemoryRead(Operation *, OpOperand &,
                              const AnalysisState &) const {
    return false;
  }
  bool bufferizesToMemoryWrite(Operation *, OpOperand &,
                               const AnalysisState &) const {
    return false;
  }
  AliasingValueList getAliasingValues(Operation *op, OpOperand &,
                                      const AnalysisState &) const {
    return {{op->getOpResult(0), BufferRelation::Equivalent}};
  }

  FailureOr<BufferLikeType>
  getBufferType(Operation *op, Value value, const BufferizationOptions &options,
                const BufferizationState &state,
                SmallVector<Value> &invocationStack) const {
    auto castOp = cast<StorageCastOp>(op);
    FailureOr<BufferLikeType> srcType = bufferization::getBufferType(
        castOp.getSource(), options, state, invocationStack);
    if (failed(srcType))
      return failure();
    auto memorySpace = cast<BaseMemRefType>(*srcType).getMemorySpace();
    return cast<BufferLikeType>(getIdentityBufferType(
        cast<RankedTensorType>(castOp.getType()), memorySpace));
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto castOp = cast<StorageCastOp>(op);
    Location loc = op->getLoc();
    FailureOr<Value> source =
        getBuffer(rewriter, castOp.getSource(), options, state);
    if (failed(source))
      return failure();
    auto sourceType = cast<MemRefType>(source->getType());
    // The reinterpretation needs contiguous rows: copy a strided source.
    if (!sourceType.getLayout().isIdentity()) {
      auto identity = MemRefType::get(sourceType.getShape(),
                                      sourceType.getElementType(),
                                      MemRefLayoutAttrInterface(),
                                      sourceType.getMemorySpace());
      SmallVector<Value> dynamicSizes;
      for (int64_t i = 0; i < sourceType.getRank(); ++i)
        if (sourceType.isDynamicDim(i))
          dynamicSizes.push_back(memref::DimOp::create(rewriter, loc, *source, i));
      FailureOr<Value> alloc =
          options.createAlloc(rewriter, loc, identity, dynamicSizes);
      if (failed(alloc) ||
          failed(options.createMemCpy(rewriter, loc, *source, *alloc)))
        return failure();
      source = alloc;
    }
    MemRefType resultType = getIdentityBufferType(
        cast<RankedTensorType>(castOp.getType()), sourceType.getMemorySpace());
    Value result = StorageCastOp::create(rewriter, loc, resultType, *source);
    replaceOpWithBufferizedValues(rewriter, op, result);
    return success();
  }
};
} // namespace

void mlir::quant_dyn::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, QuantDynDialect *) {
    StorageCastOp::attachInterface<StorageCastOpInterface>(*ctx);
  });
}
