//===- Reference.cpp - Scalar reference of the quant_dyn numerics ---------===//
//
// Implements docs/Semantics.md section 4 with plain scalar code. Narrow-float
// encoding does not use the bit tricks a compiler would: every format's finite
// values are enumerated by decoding every code, and a value is rounded by
// searching that sorted table and comparing against the exact midpoint of its
// two neighbours in double arithmetic.
//
// Every step of the op formulas is an f32 operation in its own statement, so
// that it rounds to f32 exactly as docs/Semantics.md says. This file must be
// compiled without floating-point contraction (-ffp-contract=off, set by
// test/lib/Reference/CMakeLists.txt; clang also honours the pragma below), without
// -ffast-math and without x87 excess precision (checked below).
//
//===----------------------------------------------------------------------===//

#include "Reference/Reference.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>

#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#ifdef __FAST_MATH__
#error "Reference.cpp must not be compiled with -ffast-math"
#endif
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0
#error "Reference.cpp needs f32 arithmetic without excess precision"
#endif

using namespace mlir::quant_dyn;
using namespace mlir::quant_dyn::ref;

namespace {

//===----------------------------------------------------------------------===//
// Format descriptions and decoding
//===----------------------------------------------------------------------===//

/// How a format spends its all-ones exponent.
enum class NonFinite {
  IEEE,        // exponent all ones: mantissa 0 is Inf, otherwise NaN
  AllOnesNaN,  // only S.1111.111 is NaN, no Inf (f8E4M3FN)
  FiniteOnly,  // every code is a finite value (f4 / f6)
};

/// A signed binary format with a sign bit, `expBits` exponent bits and
/// `manBits` mantissa bits, subnormals at exponent field 0.
struct FloatFormat {
  unsigned expBits;
  unsigned manBits;
  int bias;
  NonFinite nonFinite;
};

std::optional<FloatFormat> formatOf(ElementKind kind) {
  switch (kind) {
  case ElementKind::F16:
    return FloatFormat{5, 10, 15, NonFinite::IEEE};
  case ElementKind::BF16:
    return FloatFormat{8, 7, 127, NonFinite::IEEE};
  case ElementKind::F8E5M2:
    return FloatFormat{5, 2, 15, NonFinite::IEEE};
  case ElementKind::F8E4M3FN:
    return FloatFormat{4, 3, 7, NonFinite::AllOnesNaN};
  case ElementKind::F6E2M3FN:
    return FloatFormat{2, 3, 1, NonFinite::FiniteOnly};
  case ElementKind::F6E3M2FN:
    return FloatFormat{3, 2, 3, NonFinite::FiniteOnly};
  case ElementKind::F4E2M1FN:
    return FloatFormat{2, 1, 1, NonFinite::FiniteOnly};
  default:
    return std::nullopt;
  }
}

/// The textbook definition: (-1)^S * M * 2^(1 - bias - m) for subnormals,
/// (-1)^S * (2^m + M) * 2^(E - bias - m) otherwise. ldexp is exact here.
double decodeFormat(const FloatFormat &f, uint32_t code) {
  uint32_t manMask = (1u << f.manBits) - 1;
  uint32_t expMask = (1u << f.expBits) - 1;
  uint32_t man = code & manMask;
  uint32_t exp = (code >> f.manBits) & expMask;
  bool negative = ((code >> (f.manBits + f.expBits)) & 1) != 0;
  double magnitude;
  if (f.nonFinite == NonFinite::IEEE && exp == expMask) {
    magnitude = man == 0 ? std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::quiet_NaN();
  } else if (f.nonFinite == NonFinite::AllOnesNaN && exp == expMask &&
             man == manMask) {
    magnitude = std::numeric_limits<double>::quiet_NaN();
  } else if (exp == 0) {
    magnitude = std::ldexp(static_cast<double>(man),
                           1 - f.bias - static_cast<int>(f.manBits));
  } else {
    magnitude = std::ldexp(static_cast<double>((1u << f.manBits) + man),
                           static_cast<int>(exp) - f.bias -
                               static_cast<int>(f.manBits));
  }
  if (std::isnan(magnitude))
    return magnitude;
  return negative ? -magnitude : magnitude;
}

uint32_t floatBits(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof(bits));
  return bits;
}

float bitsToFloat(uint32_t bits) {
  float x;
  std::memcpy(&x, &bits, sizeof(x));
  return x;
}

//===----------------------------------------------------------------------===//
// Encoding tables
//===----------------------------------------------------------------------===//

/// The non-negative finite values of a format, ascending, with their codes.
struct EncodeTable {
  std::vector<double> values;
  std::vector<uint32_t> codes;
  uint32_t signMask = 0;
  /// The value the code after the largest finite one would have with an
  /// unbounded exponent (max + its ulp): the upper neighbour for overflow
  /// rounding.
  double beyondMax = 0;
};

EncodeTable buildTable(const FloatFormat &f) {
  EncodeTable t;
  unsigned magnitudeBits = f.expBits + f.manBits;
  t.signMask = 1u << magnitudeBits;
  std::vector<std::pair<double, uint32_t>> entries;
  for (uint32_t code = 0; code < t.signMask; ++code) {
    double v = decodeFormat(f, code);
    if (std::isfinite(v))
      entries.push_back({v, code});
  }
  // Positive codes are monotone in every format here, but sorting keeps the
  // search independent of that fact.
  std::sort(entries.begin(), entries.end());
  for (auto &[v, code] : entries) {
    t.values.push_back(v);
    t.codes.push_back(code);
  }
  size_t n = t.values.size();
  t.beyondMax = t.values[n - 1] + (t.values[n - 1] - t.values[n - 2]);
  return t;
}

const EncodeTable &tableFor(ElementKind kind) {
  // Built once, lazily; static local initialization is thread-safe.
  static const EncodeTable f16 = buildTable(*formatOf(ElementKind::F16));
  static const EncodeTable bf16 = buildTable(*formatOf(ElementKind::BF16));
  static const EncodeTable e5m2 = buildTable(*formatOf(ElementKind::F8E5M2));
  static const EncodeTable e4m3 = buildTable(*formatOf(ElementKind::F8E4M3FN));
  static const EncodeTable e2m3 = buildTable(*formatOf(ElementKind::F6E2M3FN));
  static const EncodeTable e3m2 = buildTable(*formatOf(ElementKind::F6E3M2FN));
  static const EncodeTable e2m1 = buildTable(*formatOf(ElementKind::F4E2M1FN));
  switch (kind) {
  case ElementKind::F16:
    return f16;
  case ElementKind::BF16:
    return bf16;
  case ElementKind::F8E5M2:
    return e5m2;
  case ElementKind::F8E4M3FN:
    return e4m3;
  case ElementKind::F6E2M3FN:
    return e2m3;
  case ElementKind::F6E3M2FN:
    return e3m2;
  default:
    return e2m1;
  }
}

/// Rounds a non-negative finite magnitude to the table, to nearest, ties to
/// the even code. Returns nullopt when it rounds beyond the largest finite
/// value (IEEE overflow).
std::optional<uint32_t> roundMagnitude(const EncodeTable &t, double a) {
  const double maxValue = t.values.back();
  if (a > maxValue) {
    // Neighbours are max and the (unrepresentable) value beyond it; the
    // midpoint of two values of these formats is exact in double.
    double mid = (maxValue + t.beyondMax) / 2;
    uint32_t maxCode = t.codes.back();
    if (a < mid || (a == mid && maxCode % 2 == 0))
      return maxCode;
    return std::nullopt;
  }
  // First value > a; the one before it is <= a (values[0] is +0 <= a).
  auto it = std::upper_bound(t.values.begin(), t.values.end(), a);
  size_t lo = static_cast<size_t>(it - t.values.begin()) - 1;
  if (t.values[lo] == a)
    return t.codes[lo];
  size_t hi = lo + 1;
  double mid = (t.values[lo] + t.values[hi]) / 2;
  if (a < mid)
    return t.codes[lo];
  if (a > mid)
    return t.codes[hi];
  return t.codes[lo] % 2 == 0 ? t.codes[lo] : t.codes[hi];
}

/// Largest e with 2^e <= a, for finite a > 0; by its definition, not by
/// reading the exponent field: a binary search over the exact powers of two
/// of double (fast enough for the exhaustive conversion check).
int floorLog2(double a) {
  constexpr int kMinExp = -1074, kMaxExp = 1023;
  static const std::vector<double> powers = [] {
    std::vector<double> p;
    for (int e = kMinExp; e <= kMaxExp; ++e)
      p.push_back(std::ldexp(1.0, e));
    return p;
  }();
  // First power > a; the one before it is the largest <= a.
  auto it = std::upper_bound(powers.begin(), powers.end(), a);
  return kMinExp + static_cast<int>(it - powers.begin()) - 1;
}

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

constexpr int64_t kMaxElements = int64_t(1) << 40;

bool isT1(ElementKind k) {
  return k == ElementKind::F32 || k == ElementKind::F16 ||
         k == ElementKind::BF16;
}

bool isDataKind(ElementKind k) {
  switch (k) {
  case ElementKind::F4E2M1FN:
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2:
  case ElementKind::F6E2M3FN:
  case ElementKind::F6E3M2FN:
  case ElementKind::SI8:
    return true;
  default:
    return false;
  }
}

std::string kindName(ElementKind k) { return std::string(elementKindName(k)); }

/// Checks dims >= 0 and a sane element count.
std::optional<std::string> checkShape(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return std::string("negative dimension in shape");
    if (d != 0 && n > kMaxElements / d)
      return std::string("shape has too many elements");
    n *= d;
  }
  return std::nullopt;
}

std::optional<std::string> checkCodes(const std::vector<uint32_t> &codes,
                                      ElementKind kind, const char *what) {
  for (uint32_t c : codes)
    if (!isValidCode(kind, c))
      return std::string(what) + " holds a code out of range for " +
             kindName(kind);
  return std::nullopt;
}

/// For every element of `shape` (row-major), the row-major index of the
/// block that holds it in the scale tensor of shape `scaleShape`.
std::vector<int64_t> blockOfElements(const std::vector<int64_t> &shape,
                                     const std::vector<int64_t> &blockShape,
                                     const std::vector<int64_t> &scaleShape) {
  int64_t n = numElements(shape);
  size_t rank = shape.size();
  std::vector<int64_t> result(static_cast<size_t>(n));
  std::vector<int64_t> index(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t b = 0;
    for (size_t d = 0; d < rank; ++d) {
      int64_t blockIndex = blockShape[d] == -1 ? 0 : index[d] / blockShape[d];
      b = b * scaleShape[d] + blockIndex;
    }
    result[static_cast<size_t>(i)] = b;
    // Advance the row-major multi-index.
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return result;
}

/// The data conversion cvt() of quantize.
uint32_t convertData(ElementKind dataKind, float t) {
  if (dataKind == ElementKind::SI8)
    return cvtSymmetricSI8(t);
  return encode(dataKind, t, /*satfinite=*/true);
}

} // namespace

//===----------------------------------------------------------------------===//
// Element-level conversions
//===----------------------------------------------------------------------===//

bool ref::isFloatKind(ElementKind kind) {
  return isT1(kind) || kind == ElementKind::F8E8M0FNU || formatOf(kind);
}

bool ref::hasInf(ElementKind kind) {
  return isT1(kind) || kind == ElementKind::F8E5M2;
}

bool ref::hasNaN(ElementKind kind) { return canonicalNaN(kind).has_value(); }

std::optional<uint32_t> ref::canonicalNaN(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return 0x7FC00000u;
  case ElementKind::F16:
    return 0x7E00u;
  case ElementKind::BF16:
    return 0x7FC0u;
  case ElementKind::F8E4M3FN:
    return 0x7Fu;
  case ElementKind::F8E5M2:
    return 0x7Fu;
  case ElementKind::F8E8M0FNU:
    return 0xFFu;
  default:
    return std::nullopt;
  }
}

double ref::maxFinite(ElementKind kind) {
  if (kind == ElementKind::F32)
    return static_cast<double>(FLT_MAX);
  if (kind == ElementKind::F8E8M0FNU)
    return std::ldexp(1.0, 127);
  if (formatOf(kind))
    return tableFor(kind).values.back();
  return 0;
}

bool ref::isValidCode(ElementKind kind, uint32_t code) {
  unsigned bits = codeBitWidth(kind);
  return bits >= 32 || code < (1u << bits);
}

double ref::decode(ElementKind kind, uint32_t code) {
  if (!isValidCode(kind, code))
    return std::numeric_limits<double>::quiet_NaN();
  switch (kind) {
  case ElementKind::F32:
    return static_cast<double>(bitsToFloat(code));
  case ElementKind::F8E8M0FNU:
    if (code == 0xFF)
      return std::numeric_limits<double>::quiet_NaN();
    return std::ldexp(1.0, static_cast<int>(code) - 127);
  case ElementKind::SI8:
    return code >= 128 ? static_cast<double>(code) - 256
                       : static_cast<double>(code);
  case ElementKind::UI8:
    return static_cast<double>(code);
  case ElementKind::I32: {
    int64_t v = code >= 0x80000000u ? int64_t(code) - (int64_t(1) << 32)
                                     : int64_t(code);
    return static_cast<double>(v);
  }
  default:
    return decodeFormat(*formatOf(kind), code);
  }
}

float ref::decodeF32(ElementKind kind, uint32_t code) {
  double v = decode(kind, code);
  if (std::isnan(v))
    return bitsToFloat(0x7FC00000u);
  // Exact for every float kind (all are subsets of f32); I32 rounds RNE.
  return static_cast<float>(v);
}

uint32_t ref::encode(ElementKind kind, float x, bool satfinite) {
  if (kind == ElementKind::F32) {
    if (std::isnan(x))
      return 0x7FC00000u;
    if (std::isinf(x) && satfinite)
      return floatBits(std::signbit(x) ? -FLT_MAX : FLT_MAX);
    return floatBits(x);
  }
  if (kind == ElementKind::F8E8M0FNU)
    return 0xFFu;
  if (!formatOf(kind))
    return 0;

  const EncodeTable &t = tableFor(kind);
  if (std::isnan(x))
    return canonicalNaN(kind).value_or(0u);
  uint32_t sign = std::signbit(x) ? t.signMask : 0u;
  double a = std::fabs(static_cast<double>(x));
  std::optional<uint32_t> magnitude;
  if (!std::isinf(a))
    magnitude = roundMagnitude(t, a);
  if (magnitude)
    return sign | *magnitude;

  // Overflow (or +-Inf input).
  if (satfinite)
    return sign | t.codes.back();
  if (hasInf(kind)) {
    // The code after the largest finite one is Inf in IEEE-like formats.
    return sign | (t.codes.back() + 1);
  }
  if (std::optional<uint32_t> nan = canonicalNaN(kind))
    return *nan;
  return sign | t.codes.back();
}

int64_t ref::roundHalfEvenSaturate(float x, int64_t lo, int64_t hi) {
  if (std::isnan(x))
    return 0;
  double d = static_cast<double>(x);
  if (d <= static_cast<double>(lo))
    return lo;
  if (d >= static_cast<double>(hi))
    return hi;
  // |d| is small here, so floor and floor + 0.5 are exact; only comparisons
  // touch d itself.
  double fl = std::floor(d);
  double mid = fl + 0.5;
  double r;
  if (d < mid)
    r = fl;
  else if (d > mid)
    r = fl + 1;
  else
    r = std::fmod(fl, 2.0) == 0 ? fl : fl + 1;
  return static_cast<int64_t>(r);
}

uint32_t ref::cvtSymmetricSI8(float x) {
  int64_t q = roundHalfEvenSaturate(x, -127, 127);
  return static_cast<uint32_t>(q) & 0xFFu;
}

std::optional<float> ref::qmax(ElementKind data) {
  switch (data) {
  case ElementKind::F4E2M1FN:
    return 6.0f;
  case ElementKind::F6E2M3FN:
    return 7.5f;
  case ElementKind::F6E3M2FN:
    return 28.0f;
  case ElementKind::F8E4M3FN:
    return 448.0f;
  case ElementKind::F8E5M2:
    return 57344.0f;
  case ElementKind::SI8:
    return 127.0f;
  default:
    return std::nullopt;
  }
}

std::optional<int> ref::mxEmax(ElementKind data) {
  switch (data) {
  case ElementKind::F4E2M1FN:
  case ElementKind::F6E2M3FN:
    return 2;
  case ElementKind::F6E3M2FN:
    return 4;
  case ElementKind::F8E4M3FN:
    return 8;
  case ElementKind::F8E5M2:
    return 15;
  default:
    return std::nullopt;
  }
}

uint32_t ref::e8m0ScaleCode(float amax, ElementKind data,
                            ScaleRounding rounding) {
  std::optional<int> emax = mxEmax(data);
  if (!std::isfinite(amax) || !emax)
    return 0xFFu;
  if (amax == 0.0f)
    return 0;
  int e;
  if (rounding == ScaleRounding::Floor) {
    e = floorLog2(std::fabs(static_cast<double>(amax))) - *emax;
  } else {
    float v = std::fabs(amax) / *qmax(data);
    if (v == 0.0f) {
      e = -127;
    } else {
      int fl = floorLog2(static_cast<double>(v));
      e = std::ldexp(1.0, fl) == static_cast<double>(v) ? fl : fl + 1;
    }
  }
  e = std::clamp(e, -127, 127);
  return static_cast<uint32_t>(e + 127);
}

//===----------------------------------------------------------------------===//
// Block shapes
//===----------------------------------------------------------------------===//

std::vector<int64_t> ref::blockShapeFor1D(int64_t rank, int64_t axis,
                                          int64_t blockSize) {
  if (rank <= 0 || axis < -rank || axis >= rank)
    return {};
  if (axis < 0)
    axis += rank;
  std::vector<int64_t> block(static_cast<size_t>(rank), 1);
  block[static_cast<size_t>(axis)] = blockSize;
  return block;
}

std::vector<int64_t> ref::resolveBlockShape(
    const std::vector<int64_t> &shape, const std::vector<int64_t> &blockShape) {
  std::vector<int64_t> result = blockShape;
  if (shape.size() != blockShape.size())
    return result;
  for (size_t d = 0; d < shape.size(); ++d)
    if (result[d] == -1 && shape[d] > 0)
      result[d] = shape[d];
  return result;
}

std::vector<int64_t> ref::scaleShapeFor(const std::vector<int64_t> &shape,
                                        const std::vector<int64_t> &blockShape) {
  std::vector<int64_t> result(shape.size(), 1);
  for (size_t d = 0; d < shape.size() && d < blockShape.size(); ++d) {
    if (blockShape[d] > 0)
      result[d] = (shape[d] + blockShape[d] - 1) / blockShape[d];
  }
  return result;
}

int64_t ref::numElements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

//===----------------------------------------------------------------------===//
// quantize / dequantize
//===----------------------------------------------------------------------===//

std::optional<std::string> ref::verifyConfig(const BlockQuantizeConfig &c,
                                             bool hasGlobalScale,
                                             bool forDequantize) {
  if (auto err = checkShape(c.shape))
    return err;
  if (!isT1(c.floatKind))
    return "float type must be f32, f16 or bf16, not " + kindName(c.floatKind);
  if (!isDataKind(c.dataKind))
    return "data type must be f4E2M1FN, f8E4M3FN, f8E5M2, f6E2M3FN, "
           "f6E3M2FN or si8, not " +
           kindName(c.dataKind);
  switch (c.scaleKind) {
  case ElementKind::F32:
  case ElementKind::F16:
  case ElementKind::BF16:
    if (hasGlobalScale)
      return std::string("f32/f16/bf16 scales take no double_quant_scale");
    break;
  case ElementKind::F8E4M3FN:
    if (c.dataKind != ElementKind::F4E2M1FN)
      return std::string("f8E4M3FN scales need f4E2M1FN data");
    if (!hasGlobalScale)
      return std::string("f8E4M3FN scales need a double_quant_scale");
    if (c.gsKind != ElementKind::F32 && c.gsKind != c.floatKind)
      return std::string("double_quant_scale must be f32 or the float type");
    break;
  case ElementKind::F8E8M0FNU:
    if (c.dataKind == ElementKind::SI8)
      return std::string("f8E8M0FNU scales need float data");
    if (hasGlobalScale)
      return std::string("f8E8M0FNU scales take no double_quant_scale");
    break;
  default:
    return "scale type must be f32, f16, bf16, f8E4M3FN or f8E8M0FNU, not " +
           kindName(c.scaleKind);
  }
  if (!forDequantize && c.rounding == ScaleRounding::RCeil &&
      c.scaleKind != ElementKind::F8E8M0FNU)
    return std::string("scale_rounding is legal only with f8E8M0FNU scales");
  if (c.blockShape.size() != c.shape.size())
    return std::string("block shape must have the input's rank");
  for (int64_t b : c.blockShape)
    if (b <= 0 && b != -1)
      return std::string("block shape entries must be > 0 or -1");
  return verifyScaleLayout(c);
}

Result<BlockQuantizeResult> ref::quantize(const BlockQuantizeConfig &c,
                                          const std::vector<uint32_t> &input,
                                          std::optional<uint32_t> gsCode) {
  using R = Result<BlockQuantizeResult>;
  if (auto err = verifyConfig(c, gsCode.has_value()))
    return R::failure(*err);
  int64_t n = numElements(c.shape);
  if (static_cast<int64_t>(input.size()) != n)
    return R::failure("input has " + std::to_string(input.size()) +
                      " codes, shape needs " + std::to_string(n));
  if (auto err = checkCodes(input, c.floatKind, "input"))
    return R::failure(*err);
  if (gsCode && !isValidCode(c.gsKind, *gsCode))
    return R::failure("double_quant_scale code out of range");

  BlockQuantizeResult result;
  result.scaleShape = scaleShapeFor(c.shape, c.blockShape);
  int64_t numBlocks = numElements(result.scaleShape);
  result.data.assign(static_cast<size_t>(n), 0u);
  result.scales.assign(static_cast<size_t>(numBlocks), 0u);

  // Group element indices by block.
  std::vector<int64_t> blockOf =
      blockOfElements(c.shape, c.blockShape, result.scaleShape);
  std::vector<std::vector<size_t>> members(static_cast<size_t>(numBlocks));
  for (size_t i = 0; i < blockOf.size(); ++i)
    members[static_cast<size_t>(blockOf[i])].push_back(i);

  std::vector<float> x(static_cast<size_t>(n));
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = decodeF32(c.floatKind, input[i]);
  const float gs = gsCode ? decodeF32(c.gsKind, *gsCode) : 1.0f;
  const float qm = *qmax(c.dataKind);

  for (size_t b = 0; b < members.size(); ++b) {
    const std::vector<size_t> &elems = members[b];
    uint32_t &scaleCode = result.scales[b];
    // Every q starts as +0 (code 0): that is the answer for NaN / Inf blocks
    // and for blocks whose scale is 0.
    bool nonFinite = false;
    float amax = 0.0f;
    for (size_t i : elems) {
      if (!std::isfinite(x[i]))
        nonFinite = true;
      else
        amax = std::max(amax, std::fabs(x[i]));
    }
    if (nonFinite) {
      scaleCode = *canonicalNaN(c.scaleKind);
      continue;
    }

    switch (c.scaleKind) {
    case ElementKind::F8E8M0FNU: {
      scaleCode = e8m0ScaleCode(amax, c.dataKind, c.rounding);
      if (amax == 0.0f)
        continue;
      int e = static_cast<int>(scaleCode) - 127;
      // 2^e is exact in f32 for e in [-127, 127] (2^-127 is subnormal).
      const float p = static_cast<float>(std::ldexp(1.0, e));
      for (size_t i : elems) {
        float t = x[i] / p;
        result.data[i] = convertData(c.dataKind, t);
      }
      break;
    }
    case ElementKind::F8E4M3FN: {
      float v = amax / qm;
      float w = v / gs;
      scaleCode = encode(ElementKind::F8E4M3FN, w, /*satfinite=*/true);
      float s = decodeF32(ElementKind::F8E4M3FN, scaleCode);
      if (s == 0.0f)
        continue;
      float denom = s * gs;
      for (size_t i : elems) {
        float t = x[i] / denom;
        result.data[i] = convertData(c.dataKind, t);
      }
      break;
    }
    default: { // f32 / f16 / bf16 scales
      float v = amax / qm;
      scaleCode = encode(c.scaleKind, v, /*satfinite=*/true);
      float s = decodeF32(c.scaleKind, scaleCode);
      if (s == 0.0f)
        continue;
      for (size_t i : elems) {
        float t = x[i] / s;
        result.data[i] = convertData(c.dataKind, t);
      }
      break;
    }
    }
  }
  if (c.scaleLayout == ScaleLayout::Swizzled128x4) {
    result.scales = swizzleScales(result.scaleShape, result.scales);
    result.scaleShape = swizzledScaleShape(result.scaleShape);
  }
  return R::success(std::move(result));
}

Result<std::vector<uint32_t>>
ref::dequantize(const BlockQuantizeConfig &c, const std::vector<uint32_t> &data,
                const std::vector<uint32_t> &scales,
                std::optional<uint32_t> gsCode) {
  using R = Result<std::vector<uint32_t>>;
  if (auto err = verifyConfig(c, gsCode.has_value(), /*forDequantize=*/true))
    return R::failure(*err);
  int64_t n = numElements(c.shape);
  if (static_cast<int64_t>(data.size()) != n)
    return R::failure("data has " + std::to_string(data.size()) +
                      " codes, shape needs " + std::to_string(n));
  std::vector<int64_t> scaleShape = scaleShapeFor(c.shape, c.blockShape);
  bool swizzled = c.scaleLayout == ScaleLayout::Swizzled128x4;
  int64_t numScales =
      numElements(swizzled ? swizzledScaleShape(scaleShape) : scaleShape);
  if (static_cast<int64_t>(scales.size()) != numScales)
    return R::failure("scales have " + std::to_string(scales.size()) +
                      " codes, expected " + std::to_string(numScales));
  // Only real scales are read (and checked): padding may hold anything.
  const std::vector<uint32_t> &linearScales =
      swizzled ? unswizzleScales(scaleShape, scales) : scales;
  if (auto err = checkCodes(data, c.dataKind, "data"))
    return R::failure(*err);
  if (auto err = checkCodes(linearScales, c.scaleKind, "scales"))
    return R::failure(*err);
  if (gsCode && !isValidCode(c.gsKind, *gsCode))
    return R::failure("double_quant_scale code out of range");

  const float gs = gsCode ? decodeF32(c.gsKind, *gsCode) : 1.0f;
  std::vector<int64_t> blockOf = blockOfElements(c.shape, c.blockShape,
                                                 scaleShape);
  std::vector<uint32_t> out(static_cast<size_t>(n));
  for (size_t i = 0; i < out.size(); ++i) {
    float q = decodeF32(c.dataKind, data[i]);
    // For e8m0 this is exactly 2^(code - 127), NaN for 0xFF.
    float s =
        decodeF32(c.scaleKind, linearScales[static_cast<size_t>(blockOf[i])]);
    float y;
    if (c.scaleKind == ElementKind::F8E4M3FN) {
      float factor = s * gs;
      y = q * factor;
    } else {
      y = q * s;
    }
    out[i] = encode(c.floatKind, y, /*satfinite=*/false);
  }
  return R::success(std::move(out));
}

//===----------------------------------------------------------------------===//
// quantize_linear / dequantize_linear
//===----------------------------------------------------------------------===//

namespace {

/// Validates a linear configuration and computes, for each element, the
/// index of its scale / zero point.
Result<std::vector<size_t>>
linearChannels(const LinearQuantizeConfig &c, size_t numCodes,
               const std::vector<uint32_t> &scales,
               const std::vector<uint32_t> &zps) {
  using R = Result<std::vector<size_t>>;
  if (auto err = checkShape(c.shape))
    return R::failure(*err);
  if (!isT1(c.floatKind))
    return R::failure("float type must be f32, f16 or bf16");
  if (c.quantKind != ElementKind::SI8 && c.quantKind != ElementKind::UI8)
    return R::failure("quantized type must be si8 or ui8");
  if (!isT1(c.scaleKind))
    return R::failure("scales must be f32, f16 or bf16");
  if (c.zpKind && *c.zpKind != ElementKind::SI8 &&
      *c.zpKind != ElementKind::UI8 && *c.zpKind != ElementKind::I32)
    return R::failure("zps must be si8, ui8 or i32");
  if (!c.zpKind && !zps.empty())
    return R::failure("zps given without a zp type");

  int64_t n = numElements(c.shape);
  if (static_cast<int64_t>(numCodes) != n)
    return R::failure("tensor has " + std::to_string(numCodes) +
                      " codes, shape needs " + std::to_string(n));
  int64_t rank = static_cast<int64_t>(c.shape.size());
  int64_t channels = 1, stride = 1;
  int64_t axis = c.axis;
  if (c.qtype == QType::PerChannel) {
    if (axis < -rank || axis >= rank)
      return R::failure("axis out of range for per_channel");
    if (axis < 0)
      axis += rank;
    channels = c.shape[static_cast<size_t>(axis)];
    for (int64_t d = axis + 1; d < rank; ++d)
      stride *= c.shape[static_cast<size_t>(d)];
  }
  if (static_cast<int64_t>(scales.size()) != channels)
    return R::failure("expected " + std::to_string(channels) +
                      " scales, got " + std::to_string(scales.size()));
  if (c.zpKind && static_cast<int64_t>(zps.size()) != channels)
    return R::failure("expected " + std::to_string(channels) + " zps, got " +
                      std::to_string(zps.size()));
  if (auto err = checkCodes(scales, c.scaleKind, "scales"))
    return R::failure(*err);
  if (c.zpKind)
    if (auto err = checkCodes(zps, *c.zpKind, "zps"))
      return R::failure(*err);

  std::vector<size_t> channelOf(static_cast<size_t>(n), 0);
  if (c.qtype == QType::PerChannel)
    for (int64_t i = 0; i < n; ++i)
      channelOf[static_cast<size_t>(i)] =
          static_cast<size_t>((i / stride) % channels);
  return R::success(std::move(channelOf));
}

} // namespace

Result<std::vector<uint32_t>>
ref::quantizeLinear(const LinearQuantizeConfig &c,
                    const std::vector<uint32_t> &input,
                    const std::vector<uint32_t> &scales,
                    const std::vector<uint32_t> &zps) {
  using R = Result<std::vector<uint32_t>>;
  auto channelOf = linearChannels(c, input.size(), scales, zps);
  if (!channelOf)
    return R::failure(channelOf.error);
  if (auto err = checkCodes(input, c.floatKind, "input"))
    return R::failure(*err);
  const bool isSigned = c.quantKind == ElementKind::SI8;
  const int64_t lo = isSigned ? -128 : 0, hi = isSigned ? 127 : 255;
  std::vector<uint32_t> out(input.size());
  for (size_t i = 0; i < input.size(); ++i) {
    size_t ch = (*channelOf)[i];
    float x = decodeF32(c.floatKind, input[i]);
    float scale = decodeF32(c.scaleKind, scales[ch]);
    float zp = c.zpKind ? decodeF32(*c.zpKind, zps[ch]) : 0.0f;
    float t = x / scale;
    float u = t + zp; // oneDNN: zp is added before rounding.
    int64_t q = roundHalfEvenSaturate(u, lo, hi);
    out[i] = static_cast<uint32_t>(q) & 0xFFu;
  }
  return R::success(std::move(out));
}

Result<std::vector<uint32_t>>
ref::dequantizeLinear(const LinearQuantizeConfig &c,
                      const std::vector<uint32_t> &data,
                      const std::vector<uint32_t> &scales,
                      const std::vector<uint32_t> &zps) {
  using R = Result<std::vector<uint32_t>>;
  auto channelOf = linearChannels(c, data.size(), scales, zps);
  if (!channelOf)
    return R::failure(channelOf.error);
  if (auto err = checkCodes(data, c.quantKind, "data"))
    return R::failure(*err);
  std::vector<uint32_t> out(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    size_t ch = (*channelOf)[i];
    float q = decodeF32(c.quantKind, data[i]);
    float scale = decodeF32(c.scaleKind, scales[ch]);
    float zp = c.zpKind ? decodeF32(*c.zpKind, zps[ch]) : 0.0f;
    float centered = q - zp;
    float y = centered * scale;
    out[i] = encode(c.floatKind, y, /*satfinite=*/false);
  }
  return R::success(std::move(out));
}
