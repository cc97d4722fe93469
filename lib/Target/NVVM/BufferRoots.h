//===- BufferRoots.h - Where a memref's memory comes from -------*- C++ -*-===//
//
// Internal to the NVVM target passes: which allocations (or function
// arguments) a memref in GPU host code may point into.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_LIB_TARGET_NVVM_BUFFERROOTS_H
#define QUANT_DYN_LIB_TARGET_NVVM_BUFFERROOTS_H

#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::quant_dyn {

/// The unit attribute quant-dyn-gpu-kernel-arg-attributes puts on kernels
/// whose memref arguments never alias and quant-dyn-gpu-noalias-kernel-args
/// turns into llvm.noalias.
inline constexpr llvm::StringLiteral kNoAliasArgsAttrName =
    "quant_dyn.noalias_args";

enum class BufferRootKind { Host, Device, Unknown };

/// Follows views, storage casts and structured control flow back to the
/// allocations (or arguments) `value` may point into.
void collectBufferRoots(Value value, SmallVectorImpl<Value> &roots,
                        DenseSet<Value> &seen);

/// Host: every root is an argument of the function (host-buffer ABI).
/// Device: every root is a gpu.alloc (or an argument, device-buffer ABI).
BufferRootKind classifyBufferRoots(Value value, bool hostBuffers);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_LIB_TARGET_NVVM_BUFFERROOTS_H
