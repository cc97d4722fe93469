//===- NVVMChip.h - NVIDIA chip names ---------------------------*- C++ -*-===//
//
// The one parser of NVIDIA chip names (sm_89, sm_90a, sm_100f, ...), after
// upstream's amdgpu::Chipset: the compile driver, the GPU pipeline and the
// narrow float target all ask it, so a typo is one error everywhere instead
// of a silent fallback in one place.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TARGET_NVVM_NVVMCHIP_H
#define QUANT_DYN_TARGET_NVVM_NVVMCHIP_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::quant_dyn {

/// An NVIDIA GPU architecture: `sm_<N>` with an optional suffix, `a` for the
/// architecture-specific features of exactly that chip (sm_90a and later),
/// `f` for the family-specific ones (sm_100f and later).
struct NVVMChip {
  enum class Variant { Generic, ArchSpecific, FamilySpecific };

  constexpr NVVMChip(unsigned sm, Variant variant = Variant::Generic)
      : sm(sm), variant(variant) {}

  /// Parses `sm_<N>[a|f]` (N of two or three digits, no leading zero; `a`
  /// from sm_90 on, `f` from sm_100 on). Fails on anything else.
  static FailureOr<NVVMChip> parse(StringRef name);

  /// The chip of a CUDA device of compute capability `major`.`minor`: the
  /// architecture-specific variant from 9.0 on, whose features (wgmma,
  /// tcgen05, the e2m1 cvt) the generic targets lack.
  static NVVMChip fromComputeCapability(unsigned major, unsigned minor);

  /// The highest PTX ISA version `+ptxNN` in a comma-separated PTX feature
  /// list (e.g. "+ptx81" gives 81); 0 when there is none (LLVM then uses the
  /// lowest version that supports the chip).
  static unsigned getPTXVersion(StringRef features);

  /// The name this chip parses from (sm_90a, sm_100f, sm_89).
  std::string str() const;

  bool hasSpecificFeatures() const { return variant != Variant::Generic; }

  /// cvt.rn.satfinite.{e4m3x2,e5m2x2}.f32: sm_90 and later, or sm_89 with
  /// PTX 8.1 (`ptxVersion` as getPTXVersion gives it).
  bool hasF8x2Conversions(unsigned ptxVersion) const {
    return sm >= 90 || (sm == 89 && ptxVersion >= 81);
  }

  /// cvt.rn.satfinite.{e2m3x2,e3m2x2,e2m1x2}.f32: the arch- and
  /// family-specific chips of the sm_100, sm_110 and sm_120 families (where
  /// LLVM's NVPTX backend selects them and CUDA's headers use them).
  bool hasF6F4x2Conversions() const {
    return hasSpecificFeatures() && sm >= 100 && sm < 130;
  }

  bool operator==(const NVVMChip &other) const {
    return sm == other.sm && variant == other.variant;
  }

  unsigned sm; // 90 for sm_90a, 100 for sm_100f
  Variant variant;
};

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_TARGET_NVVM_NVVMCHIP_H
