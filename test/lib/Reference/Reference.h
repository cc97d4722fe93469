//===- Reference.h - Scalar reference of the quant_dyn numerics -*- C++ -*-===//
//
// A plain C++17 implementation of docs/Semantics.md section 4, independent of
// MLIR and LLVM. It is written to be obviously correct, not fast: narrow floats
// are encoded by enumerating every code of the target format and picking the
// nearest value with exact double arithmetic, never by bit manipulation. Unit
// tests and the randomized differential tests of compiled code compare
// against it.
//
// All tensors are flat row-major arrays of raw codes (see ElementKind.h):
// f32 / f16 / bf16 as IEEE bits, narrow floats as their encoding (f4 codes
// unpacked, one per element), si8 as the byte 0..255, ui8 0..255, i32 as bits.
// Bad configurations are reported through Result, never by crashing.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_REFERENCE_REFERENCE_H
#define QUANT_DYN_REFERENCE_REFERENCE_H

#include "quant-dyn/Support/ElementKind.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlir::quant_dyn::ref {

/// A value or an error message. `ok()` tells which; `error` is empty on
/// success.
template <typename T>
struct Result {
  std::optional<T> value;
  std::string error;

  static Result success(T v) {
    Result r;
    r.value = std::move(v);
    return r;
  }
  static Result failure(std::string message) {
    Result r;
    r.error = std::move(message);
    return r;
  }
  bool ok() const { return value.has_value(); }
  explicit operator bool() const { return ok(); }
  T &operator*() { return *value; }
  const T &operator*() const { return *value; }
  T *operator->() { return &*value; }
  const T *operator->() const { return &*value; }
};

//===----------------------------------------------------------------------===//
// Element-level conversions
//===----------------------------------------------------------------------===//

/// True for F32, F16, BF16 and every narrow float (including F8E8M0FNU).
bool isFloatKind(ElementKind kind);
/// True for the formats that encode +-Inf: F32, F16, BF16, F8E5M2.
bool hasInf(ElementKind kind);
/// True for the formats that encode NaN (all float kinds but f4 / f6).
bool hasNaN(ElementKind kind);
/// The positive canonical quiet NaN code: f32 0x7FC00000, f16 0x7E00,
/// bf16 0x7FC0, f8E4M3FN 0x7F, f8E5M2 0x7F, f8E8M0FNU 0xFF; nullopt for
/// formats without NaN and for integer kinds.
std::optional<uint32_t> canonicalNaN(ElementKind kind);
/// Largest finite value of a float kind (0 for integer kinds).
double maxFinite(ElementKind kind);
/// True if `code` fits in codeBitWidth(kind) bits.
bool isValidCode(ElementKind kind, uint32_t code);

/// Exact value of a code. NaN codes give NaN, Inf codes +-Inf. Integer kinds
/// give their (signed for SI8 / I32) integer value. Out-of-range codes give
/// NaN.
double decode(ElementKind kind, uint32_t code);

/// decode() as an f32 value; NaN is the canonical 0x7FC00000. Every float
/// kind's values are exactly representable in f32; I32 values round to
/// nearest even.
float decodeF32(ElementKind kind, uint32_t code);

/// Rounds the f32 value `x` to the float kind `kind`, to nearest, ties to the
/// code with an even last bit. Signed zeros and subnormals are kept.
///  - NaN gives canonicalNaN(kind), or +0 for formats without NaN.
///  - Out of range (including +-Inf) with `satfinite`: +-maxFinite.
///  - Out of range without `satfinite`: +-Inf where the format has Inf, else
///    NaN where it has NaN (f8E4M3FN), else +-maxFinite (f4 / f6).
/// "Out of range" means the value rounds, with an unbounded exponent, beyond
/// maxFinite (IEEE overflow), e.g. f16 65520 -> Inf but 65519 -> 65504.
/// F8E8M0FNU and integer kinds are not supported: they return 0 (and
/// F8E8M0FNU its NaN code); quantize computes e8m0 scales by the exponent
/// rule instead.
uint32_t encode(ElementKind kind, float x, bool satfinite);

/// The si8 data conversion of quantize: round half to even, clamp to
/// [-127, 127] (NaN gives 0). Returns the two's complement byte.
uint32_t cvtSymmetricSI8(float x);

/// Round half to even of an f32 value, saturated to [lo, hi] (integers);
/// NaN gives 0. The rule of quantize_linear.
int64_t roundHalfEvenSaturate(float x, int64_t lo, int64_t hi);

/// qmax of a data kind (f4E2M1FN 6, f6E2M3FN 7.5, f6E3M2FN 28, f8E4M3FN 448,
/// f8E5M2 57344, si8 127); nullopt for kinds that are not data kinds.
std::optional<float> qmax(ElementKind data);

/// emax of the OCP MX exponent rule (f4E2M1FN 2, f6E2M3FN 2, f6E3M2FN 4,
/// f8E4M3FN 8, f8E5M2 15); nullopt otherwise (si8 has no MX rule).
std::optional<int> mxEmax(ElementKind data);

//===----------------------------------------------------------------------===//
// Block shapes
//===----------------------------------------------------------------------===//

/// The full per-dimension block shape of 1D mode: `blockSize` on `axis`
/// (negative counts from the end), 1 elsewhere. Returns an empty vector if
/// `axis` is out of [-rank, rank-1] (which quantize then rejects as a rank
/// mismatch, unless rank is 0).
std::vector<int64_t> blockShapeFor1D(int64_t rank, int64_t axis,
                                     int64_t blockSize);

/// Replaces each -1 entry by the whole extent of that dimension. A -1 over a
/// 0-size extent stays -1 (a block of 0 is not a valid block shape; quantize
/// accepts -1 directly and gives that dimension 1 scale, docs/Semantics.md
/// section 3). Other entries are copied unchanged. Rank mismatches are copied
/// as is.
std::vector<int64_t> resolveBlockShape(const std::vector<int64_t> &shape,
                                       const std::vector<int64_t> &blockShape);

/// Shape of the scales: ceil(extent / block) per dimension, 1 for a -1 entry.
/// Assumes a valid block shape (entries > 0 or -1, same rank).
std::vector<int64_t> scaleShapeFor(const std::vector<int64_t> &shape,
                                   const std::vector<int64_t> &blockShape);

/// Number of elements of a shape (1 for rank 0).
int64_t numElements(const std::vector<int64_t> &shape);

//===----------------------------------------------------------------------===//
// quantize / dequantize (block scaling)
//===----------------------------------------------------------------------===//

enum class ScaleRounding { Floor, RCeil };

/// How the scales are stored: row-major in scaleShapeFor()'s shape, or in
/// the swizzled 128x4 tiles of block-scaled GEMMs (see below).
enum class ScaleLayout { Linear, Swizzled128x4 };

/// The f8E8M0FNU scale code of an OCP MX block from its amax (max |x| over
/// the block; NaN or +-Inf when the block holds NaN / Inf) for the float data
/// kind `data`: 0xFF for a non-finite amax, 0 for amax = 0, otherwise e + 127
/// with e from the floor or rceil rule of docs/Semantics.md section 4.6,
/// clamped to [-127, 127]. Returns 0xFF for kinds without an MX rule.
uint32_t e8m0ScaleCode(float amax, ElementKind data, ScaleRounding rounding);

/// Describes one quantize op, or the dequantize op that inverts it.
struct BlockQuantizeConfig {
  /// Logical shape of the input (quantize) / of the data (dequantize).
  std::vector<int64_t> shape;
  /// T1: input kind of quantize, result kind of dequantize (F32/F16/BF16).
  ElementKind floatKind = ElementKind::F32;
  /// F4E2M1FN, F8E4M3FN, F8E5M2, F6E2M3FN, F6E3M2FN or SI8.
  ElementKind dataKind = ElementKind::F8E4M3FN;
  /// F32, F16, BF16, F8E4M3FN (needs F4E2M1FN data and a gs) or F8E8M0FNU.
  ElementKind scaleKind = ElementKind::F32;
  /// Kind of the double_quant_scale code: F32 or floatKind.
  ElementKind gsKind = ElementKind::F32;
  /// One entry per dimension, each > 0 or -1 (whole extent). 1D mode is
  /// blockShapeFor1D(rank, axis, blockSize).
  std::vector<int64_t> blockShape;
  /// Only F8E8M0FNU scales may use RCeil.
  ScaleRounding rounding = ScaleRounding::Floor;
  /// Swizzled128x4 needs rank 2 or 3, blocks along the last dimension only
  /// (dividing it) and F8E4M3FN or F8E8M0FNU scales.
  ScaleLayout scaleLayout = ScaleLayout::Linear;
};

struct BlockQuantizeResult {
  /// Data codes in the input's logical shape (f4 unpacked).
  std::vector<uint32_t> data;
  /// Scale codes, shape `scaleShape` (swizzled shape and zero padding for
  /// ScaleLayout::Swizzled128x4).
  std::vector<uint32_t> scales;
  std::vector<int64_t> scaleShape;
};

/// Checks a configuration; returns an error message or nullopt when valid.
/// `forDequantize` skips the quantize-only rules (rounding).
std::optional<std::string> verifyConfig(const BlockQuantizeConfig &config,
                                        bool hasGlobalScale,
                                        bool forDequantize = false);

/// quant_dyn.quantize. `gsCode` is the double_quant_scale code (kind
/// config.gsKind); required exactly when scaleKind is F8E4M3FN.
Result<BlockQuantizeResult> quantize(const BlockQuantizeConfig &config,
                                     const std::vector<uint32_t> &input,
                                     std::optional<uint32_t> gsCode = {});

/// quant_dyn.dequantize: result codes of kind config.floatKind in
/// config.shape. `scales` has shape scaleShapeFor(shape, blockShape), or its
/// swizzledScaleShape() for Swizzled128x4 (whose padding is never read).
Result<std::vector<uint32_t>>
dequantize(const BlockQuantizeConfig &config,
           const std::vector<uint32_t> &data,
           const std::vector<uint32_t> &scales,
           std::optional<uint32_t> gsCode = {});

//===----------------------------------------------------------------------===//
// The swizzled 128x4 scale layout (SwizzledScales.cpp)
//===----------------------------------------------------------------------===//
//
// Row-major scales [M, S] (or [B, M, S]) are cut into tiles of 128 rows by
// 4 columns, the last tiles padded; the layout has shape
// [ceil(M/128), ceil(S/4), 32, 4, 4] (B in front) and scale (m, j) sits at
// [m / 128, j / 4, m % 32, (m % 128) / 32, j % 4].

/// The swizzled shape of row-major scales of shape `linearShape` (rank 2 or
/// 3; empty for other ranks).
std::vector<int64_t> swizzledScaleShape(const std::vector<int64_t> &linearShape);

/// Row-major offset, in the swizzled layout of scales of shape
/// `linearShape`, of the scale at row-major index (b, m, j) (b = 0 for
/// rank 2).
int64_t swizzledScaleOffset(const std::vector<int64_t> &linearShape,
                            int64_t b, int64_t m, int64_t j);

/// Writes row-major `linear` scales of shape `linearShape` into the swizzled
/// layout; every padding entry is 0.
std::vector<uint32_t> swizzleScales(const std::vector<int64_t> &linearShape,
                                    const std::vector<uint32_t> &linear);

/// Reads the row-major scales of shape `linearShape` back from the swizzled
/// layout, touching only the positions of real scales.
std::vector<uint32_t> unswizzleScales(const std::vector<int64_t> &linearShape,
                                      const std::vector<uint32_t> &swizzled);

/// The configuration rules of config.scaleLayout; nullopt when they hold.
std::optional<std::string> verifyScaleLayout(const BlockQuantizeConfig &config);

//===----------------------------------------------------------------------===//
// quantize_linear / dequantize_linear (oneDNN Graph)
//===----------------------------------------------------------------------===//

enum class QType { PerTensor, PerChannel };

struct LinearQuantizeConfig {
  /// Shape of the float and of the quantized tensor.
  std::vector<int64_t> shape;
  /// F32, F16 or BF16.
  ElementKind floatKind = ElementKind::F32;
  /// SI8 or UI8.
  ElementKind quantKind = ElementKind::UI8;
  /// F32, F16 or BF16.
  ElementKind scaleKind = ElementKind::F32;
  /// SI8, UI8 or I32; nullopt means no zps operand (zp = 0).
  std::optional<ElementKind> zpKind;
  QType qtype = QType::PerTensor;
  /// Channel axis for PerChannel, in [-rank, rank-1]; ignored otherwise.
  int64_t axis = 1;
};

/// quant_dyn.quantize_linear: q = saturate(round_half_even(x / scale + zp)),
/// all in f32. `zps` must be empty when config.zpKind is nullopt.
Result<std::vector<uint32_t>>
quantizeLinear(const LinearQuantizeConfig &config,
               const std::vector<uint32_t> &input,
               const std::vector<uint32_t> &scales,
               const std::vector<uint32_t> &zps = {});

/// quant_dyn.dequantize_linear: y = (f32(q) - f32(zp)) * scale, then RNE to
/// config.floatKind (overflow gives Inf).
Result<std::vector<uint32_t>>
dequantizeLinear(const LinearQuantizeConfig &config,
                 const std::vector<uint32_t> &data,
                 const std::vector<uint32_t> &scales,
                 const std::vector<uint32_t> &zps = {});

} // namespace mlir::quant_dyn::ref

#endif // QUANT_DYN_REFERENCE_REFERENCE_H
