//===- NarrowFloatTarget.h - f32 to narrow floats per target ---*- C++ -*-===//
//
// The one place that decides how f32 -> narrow float conversions are
// emitted for a target (the Triton TargetInfo pattern): the portable
// integer builders of FloatConversions.h (CPU, host emulation, chips
// without conversion instructions), or the NVVM conversion ops of an NVIDIA
// chip that has them (NVVMNarrowFloatTarget.h). A hardware instruction is
// used only where its documented semantics equal docs/Semantics.md section
// 4.3 (round to nearest even, satfinite, signed zero, subnormals); where PTX
// differs (NaN results, the nibble order of e2m1x2) the emitted IR corrects
// it, so every target
// produces the same bits.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TARGET_COMMON_NARROWFLOATTARGET_H
#define QUANT_DYN_TARGET_COMMON_NARROWFLOATTARGET_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include <memory>

namespace mlir::quant_dyn {

/// Emits f32 -> narrow float conversions for one target. The base class is
/// the portable implementation (the FloatConversions.h builders).
class NarrowFloatTarget {
public:
  virtual ~NarrowFloatTarget();

  /// Same contract as buildTruncFromF32: `value` (f32, scalar or vector)
  /// rounded to nearest even in `format` (f16, bf16, f8E4M3FN, f8E5M2,
  /// f6E2M3FN, f6E3M2FN or f4E2M1FN), its code in the low bits of an i32
  /// lane; NaN gives the canonical NaN code (+0 for formats without NaN).
  /// `mayBeNaN` = false promises that `value` is never NaN.
  virtual Value buildTruncFromF32(OpBuilder &b, Location loc, Value value,
                                  Type format, bool satfinite,
                                  bool mayBeNaN) const;

  /// Whether buildF4PairFromF32 converts a pair with one instruction; the
  /// lowering then reads both elements of a packed byte in one generic
  /// iteration instead of reducing over the pair.
  virtual bool hasF4PairInstruction() const { return false; }

  /// The satfinite f4E2M1FN codes of two f32 scalars packed into an i8,
  /// `first` in the low nibble (docs/Semantics.md section 5).
  virtual Value buildF4PairFromF32(OpBuilder &b, Location loc, Value first,
                                   Value second, bool mayBeNaN) const;
};

/// The portable target (a process-wide instance).
const NarrowFloatTarget &getPortableNarrowFloatTarget();

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_TARGET_COMMON_NARROWFLOATTARGET_H
