//===- FloatConversions.h - Narrow float conversions as IR ------*- C++ -*-===//
//
// IR builders for conversions between f32 and the narrow formats quant_dyn
// uses (f16, bf16, f8E4M3FN, f8E5M2, f6E2M3FN, f6E3M2FN, f4E2M1FN,
// f8E8M0FNU). They emit only arith ops on i32 / f32 lanes (bit casts,
// shifts, masks, integer rounding, one exact f32 add for subnormals), so
// they work on scalars and on vectors alike and vectorize on any target;
// results are bit exact (round to nearest even, signed zero, subnormals,
// canonical NaN) on CPU and GPU.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_UTILS_FLOATCONVERSIONS_H
#define QUANT_DYN_UTILS_FLOATCONVERSIONS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include <optional>

namespace mlir::quant_dyn {

/// Encoding parameters of a sign / exponent / mantissa float format.
struct NarrowFloatFormat {
  unsigned bitWidth;      // total bits including the sign
  unsigned mantissaBits;  // explicit mantissa bits
  int bias;               // exponent bias
  bool hasInf;            // IEEE-style Inf / NaN at the all-ones exponent
  uint32_t maxFiniteCode; // magnitude code of the largest finite value
  uint32_t nanCode;       // canonical NaN code (0 for formats without NaN)
  bool nanIsAllOnes;      // FN formats: only the all-ones magnitude is NaN
};

/// The format of f16, bf16, f8E4M3FN, f8E5M2, f6E2M3FN, f6E3M2FN or
/// f4E2M1FN; std::nullopt for any other type.
std::optional<NarrowFloatFormat> getNarrowFloatFormat(Type type);

/// Makes a constant of i32 / f32 (or a splat vector when `like` is a vector).
Value createI32Constant(OpBuilder &b, Location loc, Type like, int64_t value);
Value createF32Constant(OpBuilder &b, Location loc, Type like, float value);

/// i32 or vector<...xi32> with the shape of `like` (f32 / i32, scalar / vector).
Type getI32Like(Type like);
Type getF32Like(Type like);

/// Rounds f32 `value` to nearest even in `format` and returns the code in the
/// low bits of an i32 lane. With `satfinite`, out-of-range values (and Inf)
/// go to the largest finite value of the same sign; without it, to Inf
/// (formats with Inf only). NaN gives the canonical NaN code (+0 for formats
/// that have no NaN); `mayBeNaN` = false, for callers that prove `value` is
/// never NaN, leaves that check out.
Value buildTruncFromF32(OpBuilder &b, Location loc, Value value,
                        const NarrowFloatFormat &format, bool satfinite,
                        bool mayBeNaN = true);

/// Exact f32 value of the code in the low bits of i32 `code`; NaN codes give
/// the canonical f32 NaN.
Value buildExtToF32(OpBuilder &b, Location loc, Value code,
                    const NarrowFloatFormat &format);

/// Replaces every NaN of an f32 value by the canonical quiet NaN 0x7FC00000.
Value buildCanonicalizeNaN(OpBuilder &b, Location loc, Value value);

/// floor(log2(|value|)) of a finite, non-zero f32 (subnormals included), and
/// whether |value| is a power of two. Zero gives -150 (below any clamp).
std::pair<Value, Value> buildFloorLog2(OpBuilder &b, Location loc, Value value);

/// 2^e as f32 for an i32 exponent e in [-127, 127] (2^-127 is subnormal).
Value buildExp2I32(OpBuilder &b, Location loc, Value exponent);

/// The f8E8M0FNU scale of an OCP MX block (docs/Semantics.md section 4.6).
struct E8M0Scale {
  Value exponent; // i32 lane: e in [-127, 127]
  Value code;     // i32 lane: 0..255
};

/// The E8M0Scale of a block from its f32 `amax` (>= 0; NaN or +Inf when the
/// block holds NaN / Inf), for a data format with MX exponent `emax` and
/// largest value `qmax`: e is floor(log2(amax)) minus emax, or with `rceil`
/// ceil(log2(amax / qmax)) (-127 when the quotient underflows to 0), clamped
/// to [-127, 127]; the code is e + 127, but 0 for amax = 0 and 0xFF for NaN /
/// Inf. The lowering and quant-dyn-conversion-check both call this, so the
/// check runs the lowering's IR.
E8M0Scale buildE8M0Scale(OpBuilder &b, Location loc, Value amax, int emax,
                         float qmax, bool rceil);

/// f8E8M0FNU code (i32 lane) to f32: 2^(code - 127), 0xFF gives NaN.
Value buildE8M0ToF32(OpBuilder &b, Location loc, Value code);

/// Round half to even and clamp to [lo, hi] of an f32 value; NaN gives 0.
/// Returns an i32 lane.
Value buildRoundClampToInt(OpBuilder &b, Location loc, Value value, int lo,
                           int hi);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_UTILS_FLOATCONVERSIONS_H
