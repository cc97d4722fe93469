//===- FloatConversions.cpp - Narrow float conversions as IR --------------===//
//
// f32 -> narrow: split sign and magnitude; normal results round the f32
// magnitude bits at the target's mantissa width with an integer add
// (round half to even), then rebias the exponent; subnormal results come
// from one exact f32 addition of a magic constant whose ulp is the target's
// subnormal spacing, so the FPU does the rounding. The code is clamped to
// the largest finite code (satfinite) or replaced by Inf.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Utils/FloatConversions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/bit.h"
#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::quant_dyn;

std::optional<NarrowFloatFormat>
mlir::quant_dyn::getNarrowFloatFormat(Type type) {
  if (type.isF16())
    return NarrowFloatFormat{16, 10, 15, true, 0x7BFF, 0x7E00, false};
  if (type.isBF16())
    return NarrowFloatFormat{16, 7, 127, true, 0x7F7F, 0x7FC0, false};
  if (isa<Float8E4M3FNType>(type))
    return NarrowFloatFormat{8, 3, 7, false, 0x7E, 0x7F, true};
  if (isa<Float8E5M2Type>(type))
    return NarrowFloatFormat{8, 2, 15, true, 0x7B, 0x7F, false};
  if (isa<Float6E2M3FNType>(type))
    return NarrowFloatFormat{6, 3, 1, false, 0x1F, 0, false};
  if (isa<Float6E3M2FNType>(type))
    return NarrowFloatFormat{6, 2, 3, false, 0x1F, 0, false};
  if (isa<Float4E2M1FNType>(type))
    return NarrowFloatFormat{4, 1, 1, false, 0x7, 0, false};
  return std::nullopt;
}

Type mlir::quant_dyn::getI32Like(Type like) {
  Type i32 = IntegerType::get(like.getContext(), 32);
  if (auto vec = dyn_cast<VectorType>(like))
    return vec.clone(i32);
  return i32;
}

Type mlir::quant_dyn::getF32Like(Type like) {
  Type f32 = Float32Type::get(like.getContext());
  if (auto vec = dyn_cast<VectorType>(like))
    return vec.clone(f32);
  return f32;
}

Value mlir::quant_dyn::createI32Constant(OpBuilder &b, Location loc, Type like,
                                         int64_t value) {
  Type type = getI32Like(like);
  Type i32 = getElementTypeOrSelf(type);
  TypedAttr attr = b.getIntegerAttr(i32, static_cast<int32_t>(value));
  if (auto vec = dyn_cast<VectorType>(type))
    attr = SplatElementsAttr::get(vec, attr);
  return arith::ConstantOp::create(b, loc, type, attr);
}

Value mlir::quant_dyn::createF32Constant(OpBuilder &b, Location loc, Type like,
                                         float value) {
  Type type = getF32Like(like);
  TypedAttr attr = b.getF32FloatAttr(value);
  if (auto vec = dyn_cast<VectorType>(type))
    attr = SplatElementsAttr::get(vec, attr);
  return arith::ConstantOp::create(b, loc, type, attr);
}

namespace {
/// Small helper so the bit manipulation reads like the algorithm.
struct Lanes {
  OpBuilder &b;
  Location loc;
  Type like;

  Value i32(int64_t v) { return createI32Constant(b, loc, like, v); }
  Value f32(float v) { return createF32Constant(b, loc, like, v); }
  Value f32FromBits(uint32_t bits) {
    return f32(llvm::bit_cast<float>(bits));
  }
  Value toBits(Value f) {
    return arith::BitcastOp::create(b, loc, getI32Like(like), f);
  }
  Value toFloat(Value i) {
    return arith::BitcastOp::create(b, loc, getF32Like(like), i);
  }
  Value and_(Value x, int64_t m) { return arith::AndIOp::create(b, loc, x, i32(m)); }
  Value or_(Value x, Value y) { return arith::OrIOp::create(b, loc, x, y); }
  Value shl(Value x, int64_t s) { return arith::ShLIOp::create(b, loc, x, i32(s)); }
  Value shr(Value x, int64_t s) { return arith::ShRUIOp::create(b, loc, x, i32(s)); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value add(Value x, int64_t y) { return add(x, i32(y)); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value sub(Value x, int64_t y) { return sub(x, i32(y)); }
  Value cmp(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  }
  Value cmp(arith::CmpIPredicate p, Value x, int64_t y) { return cmp(p, x, i32(y)); }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  Value umin(Value x, int64_t y) { return arith::MinUIOp::create(b, loc, x, i32(y)); }
};
} // namespace

Value mlir::quant_dyn::buildTruncFromF32(OpBuilder &b, Location loc,
                                         Value value,
                                         const NarrowFloatFormat &format,
                                         bool satfinite, bool mayBeNaN) {
  using P = arith::CmpIPredicate;
  Lanes L{b, loc, value.getType()};
  const int M = format.mantissaBits;
  const int shift = 23 - M;

  Value bits = L.toBits(value);
  Value abs = L.and_(bits, 0x7FFFFFFF);
  Value sign = L.shl(L.shr(bits, 31), format.bitWidth - 1);

  // Normal results: rebias, then round the magnitude bits at the target's
  // mantissa width (half to even). The rebias is subtracted before the
  // shift, folded into the rounding constant: one add less per element.
  // It wraps for magnitudes below the target's normal range, whose lanes
  // take the subnormal code below; for the others it cannot overflow (the
  // magnitude is below 2^31 and the rounding increment below 2^23).
  Value lsb = L.and_(L.shr(abs, shift), 1);
  int64_t rebias = int64_t(127 - format.bias) << 23;
  Value roundInc = L.add(lsb, (int64_t(1) << (shift - 1)) - 1 - rebias);
  Value normalCode = L.shr(L.add(abs, roundInc), shift);

  // Subnormal results: adding K, whose ulp is the target's subnormal spacing
  // 2^(1-bias-M), makes the FPU round |x| to that spacing (exact otherwise).
  uint32_t kBits = uint32_t(24 - format.bias - M + 127) << 23;
  Value absF = L.toFloat(abs);
  Value kF = L.f32FromBits(kBits);
  Value sum = arith::AddFOp::create(b, loc, absF, kF);
  Value subCode = L.sub(L.toBits(sum), int64_t(kBits));

  uint32_t minNormalBits = uint32_t(1 - format.bias + 127) << 23;
  Value isSub = L.cmp(P::ult, abs, int64_t(minNormalBits));
  Value code = L.select(isSub, subCode, normalCode);

  if (satfinite || !format.hasInf) {
    code = L.umin(code, format.maxFiniteCode);
  } else {
    Value overflow = L.cmp(P::ugt, code, int64_t(format.maxFiniteCode));
    code = L.select(overflow, L.i32(format.maxFiniteCode + 1), code);
  }
  code = L.or_(code, sign);
  if (!mayBeNaN)
    return code;

  Value isNaN = L.cmp(P::ugt, abs, 0x7F800000);
  return L.select(isNaN, L.i32(format.nanCode), code);
}

Value mlir::quant_dyn::buildExtToF32(OpBuilder &b, Location loc, Value code,
                                     const NarrowFloatFormat &format) {
  using P = arith::CmpIPredicate;
  Lanes L{b, loc, code.getType()};
  const int W = format.bitWidth;
  const int M = format.mantissaBits;
  const int E = W - 1 - M;
  Value sign = L.shl(L.and_(L.shr(code, W - 1), 1), 31);
  Value mag = L.and_(code, (int64_t(1) << (W - 1)) - 1);

  // Normal: place exponent and mantissa into f32 position and rebias.
  Value normalBits = L.add(L.shl(mag, 23 - M), int64_t(127 - format.bias) << 23);
  // Subnormal (exponent field 0): mantissa * 2^(1-bias-M), exact in f32.
  Value mant = L.and_(mag, (int64_t(1) << M) - 1);
  Value mantF = arith::UIToFPOp::create(b, loc, getF32Like(code.getType()), mant);
  Value subF = arith::MulFOp::create(
      b, loc, mantF, L.f32(std::ldexp(1.0f, 1 - format.bias - M)));
  Value isSub = L.cmp(P::ult, mag, int64_t(1) << M);
  Value magBits = L.select(isSub, L.toBits(subF), normalBits);

  Value isNaN;
  if (format.hasInf) {
    int64_t infMag = ((int64_t(1) << E) - 1) << M;
    magBits = L.select(L.cmp(P::eq, mag, infMag), L.i32(0x7F800000), magBits);
    isNaN = L.cmp(P::ugt, mag, infMag);
  } else if (format.nanIsAllOnes) {
    isNaN = L.cmp(P::eq, mag, (int64_t(1) << (W - 1)) - 1);
  }
  Value result = L.or_(magBits, sign);
  if (isNaN)
    result = L.select(isNaN, L.i32(0x7FC00000), result);
  return L.toFloat(result);
}

Value mlir::quant_dyn::buildCanonicalizeNaN(OpBuilder &b, Location loc,
                                            Value value) {
  Lanes L{b, loc, value.getType()};
  Value isNaN = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO,
                                      value, value);
  return L.select(isNaN, L.f32FromBits(0x7FC00000), value);
}

std::pair<Value, Value> mlir::quant_dyn::buildFloorLog2(OpBuilder &b,
                                                        Location loc,
                                                        Value value) {
  using P = arith::CmpIPredicate;
  Lanes L{b, loc, value.getType()};
  Value abs = L.and_(L.toBits(value), 0x7FFFFFFF);
  // Subnormals are scaled by 2^23 (exact) so their exponent field is valid.
  Value isSub = L.cmp(P::ult, abs, 0x00800000);
  Value scaled = arith::MulFOp::create(b, loc, L.toFloat(abs), L.f32(8388608.0f));
  Value normBits = L.select(isSub, L.toBits(scaled), abs);
  Value exp = L.sub(L.shr(normBits, 23), 127);
  exp = L.select(isSub, L.sub(exp, 23), exp);
  Value isPow2 = L.cmp(P::eq, L.and_(normBits, 0x7FFFFF), 0);
  return {exp, isPow2};
}

Value mlir::quant_dyn::buildExp2I32(OpBuilder &b, Location loc,
                                    Value exponent) {
  using P = arith::CmpIPredicate;
  Lanes L{b, loc, exponent.getType()};
  Value normal = L.shl(L.add(exponent, 127), 23);
  Value isSub = L.cmp(P::slt, exponent, -126);
  return L.toFloat(L.select(isSub, L.i32(0x00400000), normal));
}

E8M0Scale mlir::quant_dyn::buildE8M0Scale(OpBuilder &b, Location loc,
                                           Value amax, int emax, float qmax,
                                           bool rceil) {
  using FP = arith::CmpFPredicate;
  Lanes L{b, loc, amax.getType()};
  Value e;
  if (!rceil) {
    e = L.sub(buildFloorLog2(b, loc, amax).first, emax);
  } else {
    Value v = arith::DivFOp::create(b, loc, amax, L.f32(qmax));
    auto [fl, pow2] = buildFloorLog2(b, loc, v);
    e = L.select(pow2, fl, L.add(fl, 1));
    // amax / qmax underflows to 0 for tiny subnormal amax.
    Value isZero = arith::CmpFOp::create(b, loc, FP::OEQ, v, L.f32(0.0f));
    e = L.select(isZero, L.i32(-127), e);
  }
  e = arith::MaxSIOp::create(b, loc, e, L.i32(-127));
  e = arith::MinSIOp::create(b, loc, e, L.i32(127));
  Value code = L.add(e, 127);
  Value zero = arith::CmpFOp::create(b, loc, FP::OEQ, amax, L.f32(0.0f));
  code = L.select(zero, L.i32(0), code);
  // NaN or +Inf amax: the block holds NaN or Inf.
  Value bad = arith::CmpFOp::create(
      b, loc, FP::UGE, amax, L.f32(std::numeric_limits<float>::infinity()));
  code = L.select(bad, L.i32(0xFF), code);
  return {e, code};
}

Value mlir::quant_dyn::buildE8M0ToF32(OpBuilder &b, Location loc, Value code) {
  using P = arith::CmpIPredicate;
  Lanes L{b, loc, code.getType()};
  Value value = buildExp2I32(b, loc, L.sub(code, 127));
  Value isNaN = L.cmp(P::eq, code, 0xFF);
  return L.select(isNaN, L.f32FromBits(0x7FC00000), value);
}

Value mlir::quant_dyn::buildRoundClampToInt(OpBuilder &b, Location loc,
                                            Value value, int lo, int hi) {
  using P = arith::CmpFPredicate;
  Lanes L{b, loc, value.getType()};
  Value r = math::RoundEvenOp::create(b, loc, value);
  Value loF = L.f32(float(lo)), hiF = L.f32(float(hi));
  r = L.select(arith::CmpFOp::create(b, loc, P::OLT, r, loF), loF, r);
  r = L.select(arith::CmpFOp::create(b, loc, P::OGT, r, hiF), hiF, r);
  // fptosi of NaN is poison: NaN gives 0.
  r = L.select(arith::CmpFOp::create(b, loc, P::UNO, r, r), L.f32(0.0f), r);
  return arith::FPToSIOp::create(b, loc, getI32Like(value.getType()), r);
}
