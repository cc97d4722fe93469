//===- NVVMNarrowFloatTarget.h - f32 to narrow floats with cvt --*- C++ -*-===//
//
// The NarrowFloatTarget of NVIDIA chips: the chip's cvt instructions (NVVM
// conversion ops) where they exist, with the IR that makes their results
// equal the portable builders'.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TARGET_NVVM_NVVMNARROWFLOATTARGET_H
#define QUANT_DYN_TARGET_NVVM_NVVMNARROWFLOATTARGET_H

#include "quant-dyn/Target/Common/NarrowFloatTarget.h"
#include "quant-dyn/Target/NVVM/NVVMChip.h"

#include "llvm/ADT/StringRef.h"

#include <memory>

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mlir::quant_dyn {

/// The target for NVIDIA `chip` (sm_89, sm_90a, sm_100a, ...) with PTX
/// `features` (e.g. "+ptx81"; empty: the lowest PTX version LLVM allows for
/// the chip): NVVM conversion ops for the formats the chip converts in
/// hardware, the portable builders for the rest. A chip without any of
/// them (before sm_89, or sm_89 below PTX 8.1) gives the portable target.
std::unique_ptr<NarrowFloatTarget>
createNVVMNarrowFloatTarget(const NVVMChip &chip, llvm::StringRef features);

/// Declares the NVVM f32x2 -> f8x2 / f6x2 / f4x2 conversion ops free of
/// memory effects and speculatable (their LLVM intrinsics are
/// memory(none) speculatable; the ODS definitions say nothing), so the
/// tensor-level passes (bufferization, buffer deallocation, CSE) accept them
/// inside linalg bodies. convert-quant-dyn-to-linalg adds it to its
/// dependent dialects.
void registerNVVMConversionOpInterfaces(DialectRegistry &registry);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_TARGET_NVVM_NVVMNARROWFLOATTARGET_H
