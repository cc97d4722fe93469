//===- BufferizableOpInterfaceImpl.h - quant_dyn bufferization --*- C++ -*-===//

#ifndef QUANT_DYN_DIALECT_QUANTDYN_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H
#define QUANT_DYN_DIALECT_QUANTDYN_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H

namespace mlir {
class DialectRegistry;
namespace quant_dyn {
/// Lets one-shot bufferization turn quant_dyn.storage_cast on tensors into
/// the same op on memrefs (a view: no copy unless the source has a
/// non-identity layout).
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);
} // namespace quant_dyn
} // namespace mlir

#endif
