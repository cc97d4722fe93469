//===- QuantDynToLLVM.h - quant_dyn memref ops to LLVM ----------*- C++ -*-===//

#ifndef QUANT_DYN_CONVERSION_QUANTDYNTOLLVM_QUANTDYNTOLLVM_H
#define QUANT_DYN_CONVERSION_QUANTDYNTOLLVM_QUANTDYNTOLLVM_H

namespace mlir {
class DialectRegistry;
class LLVMTypeConverter;
class RewritePatternSet;

namespace quant_dyn {
/// quant_dyn.storage_cast on memrefs becomes a rebuilt memref descriptor.
void populateQuantDynToLLVMConversionPatterns(
    LLVMTypeConverter &typeConverter, RewritePatternSet &patterns);

/// Lets --convert-to-llvm lower the quant_dyn ops that remain after
/// bufferization.
void registerConvertQuantDynToLLVMInterface(DialectRegistry &registry);
} // namespace quant_dyn
} // namespace mlir

#endif
