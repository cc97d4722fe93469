//===- QuantDynToLLVM.cpp - quant_dyn memref ops to LLVM ------------------===//

#include "quant-dyn/Conversion/QuantDynToLLVM/QuantDynToLLVM.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Conversion/ConvertToLLVM/ToLLVMInterface.h"
#include "mlir/Conversion/LLVMCommon/MemRefBuilder.h"
#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {
/// The descriptor keeps its pointers; for packed f4 the innermost size, the
/// outer strides and the offset are scaled by 2 (bytes <-> nibbles).
struct StorageCastOpLowering : public ConvertOpToLLVMPattern<StorageCastOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;

  LogicalResult
  matchAndRewrite(StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto srcType = dyn_cast<MemRefType>(op.getSource().getType());
    auto dstType = dyn_cast<MemRefType>(op.getType());
    if (!srcType || !dstType)
      return rewriter.notifyMatchFailure(op, "tensor form is not lowered");
    Type llvmDstType = getTypeConverter()->convertType(dstType);
    if (!llvmDstType)
      return failure();
    Location loc = op.getLoc();
    MemRefDescriptor src(adaptor.getSource());
    auto dst = MemRefDescriptor::poison(rewriter, loc, llvmDstType);
    dst.setAllocatedPtr(rewriter, loc, src.allocatedPtr(rewriter, loc));
    dst.setAlignedPtr(rewriter, loc, src.alignedPtr(rewriter, loc));

    bool toBytes = isa<Float4E2M1FNType>(srcType.getElementType()) &&
                   !isa<Float4E2M1FNType>(dstType.getElementType());
    bool toNibbles = isa<Float4E2M1FNType>(dstType.getElementType()) &&
                     !isa<Float4E2M1FNType>(srcType.getElementType());
    Type indexType = getIndexType();
    auto scale = [&](Value v) -> Value {
      if (!toBytes && !toNibbles)
        return v;
      Value one = LLVM::ConstantOp::create(rewriter, loc, indexType,
                                           rewriter.getIndexAttr(1));
      if (toBytes)
        return LLVM::LShrOp::create(rewriter, loc, v, one);
      return LLVM::ShlOp::create(rewriter, loc, v, one);
    };
    int64_t rank = dstType.getRank();
    dst.setOffset(rewriter, loc, scale(src.offset(rewriter, loc)));
    for (int64_t i = 0; i < rank; ++i) {
      Value size = src.size(rewriter, loc, i);
      Value stride = src.stride(rewriter, loc, i);
      bool inner = i == rank - 1;
      dst.setSize(rewriter, loc, i, inner ? scale(size) : size);
      dst.setStride(rewriter, loc, i, inner ? stride : scale(stride));
    }
    rewriter.replaceOp(op, {static_cast<Value>(dst)});
    return success();
  }
};

struct QuantDynToLLVMDialectInterface : public ConvertToLLVMPatternInterface {
  using ConvertToLLVMPatternInterface::ConvertToLLVMPatternInterface;
  void populateConvertToLLVMConversionPatterns(
      ConversionTarget &target, LLVMTypeConverter &typeConverter,
      RewritePatternSet &patterns) const final {
    populateQuantDynToLLVMConversionPatterns(typeConverter, patterns);
  }
};
} // namespace

void mlir::quant_dyn::populateQuantDynToLLVMConversionPatterns(
    LLVMTypeConverter &typeConverter, RewritePatternSet &patterns) {
  patterns.add<StorageCastOpLowering>(typeConverter);
}

void mlir::quant_dyn::registerConvertQuantDynToLLVMInterface(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, QuantDynDialect *dialect) {
    dialect->addInterfaces<QuantDynToLLVMDialectInterface>();
  });
}
