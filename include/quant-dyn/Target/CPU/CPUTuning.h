//===- CPUTuning.h - Tuning constants of the host CPU target ----*- C++ -*-===//
//
// The one place for the numbers the CPU pipeline and its passes are tuned
// with. They change speed only, never results.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TARGET_CPU_CPUTUNING_H
#define QUANT_DYN_TARGET_CPU_CPUTUNING_H

#include <cstdint>

namespace mlir::quant_dyn::cpu {

/// Blocks per iteration of the fused block loop along the innermost scale
/// dimension (quant-dyn-tile-and-fuse-blocks tile-blocks): one vector of
/// scales per iteration.
inline constexpr int64_t kTileBlocks = 16;

/// Vectorize a fused tile whose innermost loop has at least this many
/// iterations (quant-dyn-tile-and-fuse-blocks vectorize-min-lanes).
inline constexpr int64_t kVectorizeMinLanes = 8;

/// Largest static tile (elements) vectorized as one vector per op; larger
/// tiles loop over sub-tiles of kSubTileElements (docs/CodegenStrategy.md).
inline constexpr int64_t kMaxFusedVectorElements = 512;
inline constexpr int64_t kSubTileElements = 64;

/// An op with fewer static blocks than this many per thread splits each
/// block's amax across threads (kSplitChunks partial amax values).
inline constexpr int64_t kMinBlocksPerThread = 4;
inline constexpr int64_t kSplitChunks = 64;

/// Per-block temporaries up to this size and rank are promoted to the stack
/// (promote-buffers-to-stack), where LLVM keeps the small ones in registers.
/// 16 KiB holds the lane-wise amax accumulator of a row band of 16x16
/// blocks (docs/CodegenStrategy.md); on the heap, its malloc, page faults
/// and memset per tile made the kernel 5x slower.
inline constexpr unsigned kMaxStackAllocBytes = 16384;
inline constexpr unsigned kMaxStackAllocRank = 4;

/// The cache line quant-dyn-prefetch-next-tile prefetches in (x86 and
/// most AArch64 cores).
inline constexpr int64_t kCacheLineBytes = 64;

/// The vector width (bits) quant-dyn-set-vector-width gives functions that
/// divide when the width is automatic (0): on AVX-512 CPUs 512-bit
/// division is no faster per element than 256-bit and lowers the clock.
inline constexpr unsigned kDividingVectorWidth = 256;

/// The vector-width values quant-dyn-set-vector-width (and the CPU
/// pipeline's option) take: 0 (automatic), 128, 256 or 512.
inline bool isSupportedVectorWidth(unsigned width) {
  return width == 0 || width == 128 || width == 256 || width == 512;
}

} // namespace mlir::quant_dyn::cpu

#endif // QUANT_DYN_TARGET_CPU_CPUTUNING_H
