//===- NVVMTuning.h - Tuning constants of the NVIDIA GPU target -*- C++ -*-===//
//
// The one place for the defaults the GPU pipeline and its passes are tuned
// with. They change speed only, never results.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TARGET_NVVM_NVVMTUNING_H
#define QUANT_DYN_TARGET_NVVM_NVVMTUNING_H

#include <cstdint>

namespace mlir::quant_dyn::nvvm {

/// The chip compiled for when none is named (and no device is detected).
inline constexpr const char *kDefaultChip = "sm_90a";

/// Optimization level of the NVVM / PTX code generation.
inline constexpr unsigned kOptLevel = 3;

/// Threads per GPU block; each owns one iteration of a distributed loop
/// (one quantization block of the fused ops).
inline constexpr int64_t kThreadsPerBlock = 256;

/// Consecutive innermost elements per thread for elementwise loops, so a
/// thread's loads and stores can merge into vector accesses.
inline constexpr int64_t kElementsPerThread = 4;

/// A static inner loop of a thread is unrolled fully while its unrolled body
/// has at most this many operations (a block's elements stay in registers).
inline constexpr int64_t kUnrollBudget = 4096;

/// The alignment (bytes) kernels may assume for device buffers: cuMemAlloc
/// returns 256-byte aligned memory; 16 allows 128-bit accesses.
inline constexpr int64_t kDeviceBufferAlignment = 16;

} // namespace mlir::quant_dyn::nvvm

#endif // QUANT_DYN_TARGET_NVVM_NVVMTUNING_H
