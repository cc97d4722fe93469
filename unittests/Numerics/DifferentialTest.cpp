//===- DifferentialTest.cpp - Compiled CPU code vs the scalar reference ---===//
//
// Randomized differential tests of the numerics (docs/Semantics.md section 4):
// each test writes quant_dyn IR for one configuration (func @main holding the
// op(s)), compiles it once with CPUExecutable, calls it on many generated
// inputs and compares every output code with the scalar reference
// (test/lib/Reference), bit for bit.
//
// Inputs are drawn from a fixed-seed PRNG, block by block, from a mix of
// styles: normal values of a per-block magnitude, exact ties of the data
// format (the block's amax is pinned to qmax * 2^k so the scale is exact
// and midpoints between codes stay midpoints after scaling), zeros, -0.0,
// f32 subnormals, values near the input format's largest finite value,
// saturating values, random bit patterns, NaN (several payloads) and +-Inf
// in some blocks only, all-zero and all -0.0 blocks. Dequantize is fed the
// reference's own quantized codes and random codes (NaN codes included).
//
// JIT compilation dominates the run time, so one executable serves many
// inputs, and functions with dynamic dims serve many shapes.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Execution/CPUExecutable.h"
#include "Reference/Reference.h"
#include "quant-dyn/Support/HostTensor.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::quant_dyn;
namespace R = mlir::quant_dyn::ref;
using EK = ElementKind;

namespace {

constexpr int64_t kDyn = -1; // a dynamic dim in a type shape

//===----------------------------------------------------------------------===//
// Statistics, printed at the end of the run
//===----------------------------------------------------------------------===//

struct Stats {
  int64_t comparedElements = 0;
  int64_t invocations = 0;
  int64_t compiles = 0;
  double compileSeconds = 0;
  // Coverage of the quantize inputs (from the reference's point of view).
  int64_t ties = 0;           // x / scale exactly halfway between two codes
  int64_t saturated = 0;      // |x / scale| beyond the largest finite code
  int64_t subnormalInputs = 0;
  int64_t nonFiniteBlocks = 0; // NaN / Inf in the block: NaN scale
  int64_t zeroScaleBlocks = 0; // scale 0 (amax 0 or underflow)
  int64_t blocks = 0;
};

Stats &stats() {
  static Stats s;
  return s;
}

class StatsPrinter : public ::testing::Environment {
public:
  void TearDown() override {
    std::printf("[ numerics ] %lld output elements compared bit for bit in "
                "%lld invocations of %lld compiled functions (JIT: %.1f s)\n",
                static_cast<long long>(stats().comparedElements),
                static_cast<long long>(stats().invocations),
                static_cast<long long>(stats().compiles),
                stats().compileSeconds);
    std::printf("[ numerics ] quantize coverage: %lld blocks (%lld with "
                "NaN/Inf, %lld with scale 0), %lld exact ties, %lld "
                "saturated elements, %lld subnormal inputs\n",
                static_cast<long long>(stats().blocks),
                static_cast<long long>(stats().nonFiniteBlocks),
                static_cast<long long>(stats().zeroScaleBlocks),
                static_cast<long long>(stats().ties),
                static_cast<long long>(stats().saturated),
                static_cast<long long>(stats().subnormalInputs));
  }
};

[[maybe_unused]] ::testing::Environment *const statsEnvironment =
    ::testing::AddGlobalTestEnvironment(new StatsPrinter);

//===----------------------------------------------------------------------===//
// Deterministic PRNG (std distributions are not portable across libraries)
//===----------------------------------------------------------------------===//

class Rng {
public:
  explicit Rng(uint64_t seed) : engine(seed) {}
  uint64_t next() { return engine(); }
  /// Uniform integer in [lo, hi].
  int64_t uniform(int64_t lo, int64_t hi) {
    uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(next() % span);
  }
  double real() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return real() < p; }
  template <typename T> const T &pick(const std::vector<T> &v) {
    return v[static_cast<size_t>(uniform(0, static_cast<int64_t>(v.size()) - 1))];
  }

private:
  std::mt19937_64 engine;
};

uint64_t seedFor(const std::string &name) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (char c : name)
    h = (h ^ static_cast<uint8_t>(c)) * 0x100000001B3ull;
  return h;
}

//===----------------------------------------------------------------------===//
// Bits and codes
//===----------------------------------------------------------------------===//

uint32_t bitsOf(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}
float floatOf(uint32_t b) {
  float x;
  std::memcpy(&x, &b, 4);
  return x;
}

std::string hex(uint32_t code) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "0x%x", code);
  return buffer;
}

/// "0x3f800000 (1)" for messages.
std::string describe(EK kind, uint32_t code) {
  std::ostringstream os;
  os << hex(code);
  if (R::isFloatKind(kind) || kind == EK::SI8 || kind == EK::UI8 ||
      kind == EK::I32)
    os << " (" << R::decode(kind, code) << ")";
  return os.str();
}

/// Code of the float kind T1 (f32 / f16 / bf16) nearest to `x` (IEEE RNE,
/// overflow to Inf; f32 keeps NaN payloads).
uint32_t toT1(EK kind, float x) {
  if (kind == EK::F32)
    return bitsOf(x);
  return R::encode(kind, x, /*satfinite=*/false);
}

/// A NaN code of a float kind with a random payload and sign.
uint32_t randomNaN(EK kind, Rng &rng) {
  switch (kind) {
  case EK::F32: {
    uint32_t payload = static_cast<uint32_t>(rng.uniform(1, 0x7FFFFF));
    return (rng.chance(0.5) ? 0x80000000u : 0u) | 0x7F800000u | payload;
  }
  case EK::F16:
    return (rng.chance(0.5) ? 0x8000u : 0u) | 0x7C00u |
           static_cast<uint32_t>(rng.uniform(1, 0x3FF));
  case EK::BF16:
    return (rng.chance(0.5) ? 0x8000u : 0u) | 0x7F80u |
           static_cast<uint32_t>(rng.uniform(1, 0x7F));
  default:
    return *R::canonicalNaN(kind);
  }
}

uint32_t infCode(EK kind, bool negative) {
  switch (kind) {
  case EK::F32:
    return negative ? 0xFF800000u : 0x7F800000u;
  case EK::F16:
    return negative ? 0xFC00u : 0x7C00u;
  default:
    return negative ? 0xFF80u : 0x7F80u;
  }
}

uint32_t negZeroCode(EK kind) {
  return kind == EK::F32 ? 0x80000000u : 0x8000u;
}

/// A random code of any kind, all bit patterns equally likely.
uint32_t randomCode(EK kind, Rng &rng) {
  unsigned bits = codeBitWidth(kind);
  uint64_t r = rng.next();
  return bits >= 32 ? static_cast<uint32_t>(r)
                    : static_cast<uint32_t>(r & ((1u << bits) - 1));
}

/// The non-negative finite values of a narrow float data format, ascending.
std::vector<double> formatValues(EK kind) {
  std::vector<double> values;
  uint32_t n = 1u << codeBitWidth(kind);
  for (uint32_t c = 0; c < n / 2; ++c) {
    double v = R::decode(kind, c);
    if (std::isfinite(v))
      values.push_back(v);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

/// Values of the data format and the midpoints between neighbours (the ties
/// of round to nearest even), plus the point half an ulp above max.
std::vector<double> gridAndMidpoints(EK data) {
  std::vector<double> result;
  if (data == EK::SI8) {
    for (int k = 0; k <= 254; ++k)
      result.push_back(k / 2.0);
    return result;
  }
  std::vector<double> v = formatValues(data);
  for (size_t i = 0; i < v.size(); ++i) {
    result.push_back(v[i]);
    if (i + 1 < v.size())
      result.push_back((v[i] + v[i + 1]) / 2);
  }
  result.push_back(v.back() + (v.back() - v[v.size() - 2]) / 2);
  return result;
}

int floorLog2Int(double a) {
  int e = 0;
  std::frexp(a, &e);
  return e - 1;
}

//===----------------------------------------------------------------------===//
// Types and IR text
//===----------------------------------------------------------------------===//

std::string typeStr(const std::vector<int64_t> &dims, const std::string &elt) {
  std::string s = "tensor<";
  for (int64_t d : dims)
    s += (d == kDyn ? std::string("?") : std::to_string(d)) + "x";
  return s + elt + ">";
}

std::string kindStr(EK kind) { return std::string(elementKindName(kind)); }

//===----------------------------------------------------------------------===//
// Compilation
//===----------------------------------------------------------------------===//

struct Kernel {
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<CPUExecutable> executable;
  std::string ir;
  std::string diagnostics;
};

/// Parses and compiles `ir` (entry @main). Records a test failure with the
/// IR and the diagnostics when that fails.
std::unique_ptr<Kernel> compileKernel(const std::string &ir) {
  auto kernel = std::make_unique<Kernel>();
  kernel->ir = ir;
  kernel->context = createContext();
  MLIRContext &context = *kernel->context;
  std::string &diags = kernel->diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    diags += d.str() + "\n";
    return success();
  });
  auto start = std::chrono::steady_clock::now();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(ir, &context);
  if (!module) {
    ADD_FAILURE() << "cannot parse the generated IR:\n" << diags << ir;
    return nullptr;
  }
  auto executable = CPUExecutable::compile(*module, "main", CPUPipelineOptions());
  stats().compileSeconds += std::chrono::duration<double>(
                                std::chrono::steady_clock::now() - start)
                                .count();
  ++stats().compiles;
  if (failed(executable)) {
    ADD_FAILURE() << "cannot compile the generated IR:\n" << diags << ir;
    return nullptr;
  }
  kernel->executable = std::move(*executable);
  return kernel;
}

bool invoke(Kernel &kernel, const std::vector<HostTensor> &inputs,
            std::vector<HostTensor> &outputs, std::string &error) {
  ++stats().invocations;
  if (llvm::Error failure = kernel.executable->invoke(inputs, outputs)) {
    error = llvm::toString(std::move(failure));
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Comparison
//===----------------------------------------------------------------------===//

constexpr int kMaxReportedMismatches = 4;

/// Compares `actual` with the expected codes; on mismatch reports the first
/// few differences with `context(i)` describing the inputs of element i.
/// Returns the number of differing elements.
int64_t compareCodes(const std::string &what, const HostTensor &actual,
                     EK kind, const std::vector<int64_t> &shape,
                     const std::vector<uint32_t> &expected,
                     const std::function<std::string(int64_t)> &context) {
  if (actual.kind != kind || actual.shape != shape ||
      actual.numElements() != static_cast<int64_t>(expected.size())) {
    ADD_FAILURE() << what << ": expected " << kindStr(kind) << " "
                  << formatShape(shape) << ", got "
                  << kindStr(actual.kind) << " " << formatShape(actual.shape);
    return 1;
  }
  stats().comparedElements += static_cast<int64_t>(expected.size());
  int64_t mismatches = 0;
  std::ostringstream report;
  for (int64_t i = 0; i < static_cast<int64_t>(expected.size()); ++i) {
    uint32_t got = actual.code(i);
    if (got == expected[static_cast<size_t>(i)])
      continue;
    if (mismatches < kMaxReportedMismatches)
      report << "\n  element " << i << ": expected "
             << describe(kind, expected[static_cast<size_t>(i)]) << ", got "
             << describe(kind, got) << (context ? "; " + context(i) : "");
    ++mismatches;
  }
  if (mismatches)
    ADD_FAILURE() << what << ": " << mismatches << " of " << expected.size()
                  << " elements differ" << report.str();
  return mismatches;
}

//===----------------------------------------------------------------------===//
// Block geometry (independent of the reference's)
//===----------------------------------------------------------------------===//

/// Row-major index of the block of every element; `block` entries are > 0
/// or -1 (whole extent).
std::vector<int64_t> blockIndexOf(const std::vector<int64_t> &shape,
                                  const std::vector<int64_t> &block,
                                  std::vector<int64_t> &scaleShape) {
  size_t rank = shape.size();
  scaleShape.assign(rank, 1);
  for (size_t d = 0; d < rank; ++d)
    if (block[d] > 0)
      scaleShape[d] = (shape[d] + block[d] - 1) / block[d];
  int64_t n = R::numElements(shape);
  std::vector<int64_t> result(static_cast<size_t>(n));
  std::vector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t b = 0;
    for (size_t d = 0; d < rank; ++d)
      b = b * scaleShape[d] + (block[d] > 0 ? idx[d] / block[d] : 0);
    result[static_cast<size_t>(i)] = b;
    for (size_t d = rank; d-- > 0;) {
      if (++idx[d] < shape[d])
        break;
      idx[d] = 0;
    }
  }
  return result;
}

std::string coordsOf(const std::vector<int64_t> &shape, int64_t linear) {
  std::vector<int64_t> c(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    int64_t e = std::max<int64_t>(shape[d], 1);
    c[d] = linear % e;
    linear /= e;
  }
  return formatShape(c);
}

//===----------------------------------------------------------------------===//
// Block quantize / dequantize cases
//===----------------------------------------------------------------------===//

enum class GsForm { None, F32Rank0, F32Rank1, T1Rank0, T1Rank1 };

struct BlockCase {
  EK floatKind = EK::F32;
  EK dataKind = EK::F8E4M3FN;
  EK scaleKind = EK::F32;
  GsForm gs = GsForm::None;
  /// Values of the double quantization scale to try (converted to its kind).
  std::vector<float> gsValues = {1.0f};
  // Blocking: 1D (axis, blockSize) or blockShape.
  bool is1D = true;
  int64_t axis = -1;
  int64_t blockSize = 32;
  std::vector<int64_t> blockShape;
  std::optional<R::ScaleRounding> rounding; // attribute written when set
  /// Swizzled128x4 writes scale_layout on both ops.
  R::ScaleLayout layout = R::ScaleLayout::Linear;
  /// Type dims of the input (kDyn = dynamic).
  std::vector<int64_t> typeDims;
  /// Scale type dims where an input dim is dynamic: kDyn, or a static value
  /// (checked at run time). Empty: all dynamic. With the swizzled layout:
  /// the whole swizzled scale type shape.
  std::vector<int64_t> scaleTypeOverride;
  /// Runtime shapes to run (must match the static dims).
  std::vector<std::vector<int64_t>> shapes;
  int trialsPerShape = 4;
  bool withDequantize = true;
  /// Dequantize the quantize results in the same function (a fake-quant
  /// round trip) instead of separate %qd / %sd arguments.
  bool chained = false;
};

int64_t rankOf(const BlockCase &c) {
  return static_cast<int64_t>(c.typeDims.size());
}

/// Per-dimension block of the case (1D: block_size on axis, 1 elsewhere).
std::vector<int64_t> blockOf(const BlockCase &c) {
  if (!c.is1D)
    return c.blockShape;
  return R::blockShapeFor1D(rankOf(c), c.axis, c.blockSize);
}

bool isSwizzled(const BlockCase &c) {
  return c.layout == R::ScaleLayout::Swizzled128x4;
}

std::vector<int64_t> scaleTypeDims(const BlockCase &c) {
  std::vector<int64_t> block = blockOf(c);
  std::vector<int64_t> dims;
  if (isSwizzled(c) && !c.scaleTypeOverride.empty())
    return c.scaleTypeOverride;
  for (size_t d = 0; d < c.typeDims.size(); ++d) {
    int64_t e = c.typeDims[d];
    if (e == kDyn) {
      dims.push_back(c.scaleTypeOverride.empty() || isSwizzled(c)
                         ? kDyn
                         : c.scaleTypeOverride[d]);
      continue;
    }
    if (block[d] == -1)
      dims.push_back(1);
    else if (c.is1D)
      dims.push_back(e / block[d]);
    else
      dims.push_back((e + block[d] - 1) / block[d]);
  }
  if (!isSwizzled(c))
    return dims;
  // Written out here, independently of R::swizzledScaleShape.
  size_t rank = dims.size();
  std::vector<int64_t> swizzled(dims.begin(), dims.end() - 2);
  for (auto [extent, tile] : {std::pair{dims[rank - 2], int64_t{128}},
                              std::pair{dims[rank - 1], int64_t{4}}})
    swizzled.push_back(extent == kDyn ? kDyn : (extent + tile - 1) / tile);
  swizzled.insert(swizzled.end(), {32, 4, 4});
  return swizzled;
}

EK gsKindOf(const BlockCase &c) {
  return (c.gs == GsForm::T1Rank0 || c.gs == GsForm::T1Rank1) ? c.floatKind
                                                              : EK::F32;
}

std::vector<int64_t> gsShapeOf(const BlockCase &c) {
  if (c.gs == GsForm::F32Rank1 || c.gs == GsForm::T1Rank1)
    return {1};
  return {};
}

std::string blockingAttrs(const BlockCase &c) {
  std::ostringstream os;
  if (c.is1D) {
    os << "axis = " << c.axis << " : i64, block_size = " << c.blockSize
       << " : i64";
  } else {
    os << "block_shape = array<i64: ";
    for (size_t i = 0; i < c.blockShape.size(); ++i)
      os << (i ? ", " : "") << c.blockShape[i];
    os << ">";
  }
  return os.str();
}

std::string blockCaseIR(const BlockCase &c) {
  std::string x = typeStr(c.typeDims, kindStr(c.floatKind));
  std::string d = typeStr(c.typeDims, kindStr(c.dataKind));
  std::string s = typeStr(scaleTypeDims(c), kindStr(c.scaleKind));
  bool hasGs = c.gs != GsForm::None;
  std::string g = hasGs ? typeStr(gsShapeOf(c), kindStr(gsKindOf(c))) : "";
  std::string attrs = blockingAttrs(c);
  std::string qattrs = attrs;
  if (c.rounding)
    qattrs += std::string(", scale_rounding = #quant_dyn.scale_rounding<") +
              (*c.rounding == R::ScaleRounding::Floor ? "floor" : "rceil") +
              ">";
  if (isSwizzled(c)) {
    attrs += ", scale_layout = #quant_dyn.scale_layout<swizzled_128x4>";
    qattrs += ", scale_layout = #quant_dyn.scale_layout<swizzled_128x4>";
  }
  std::ostringstream os;
  os << "func.func @main(%x: " << x;
  if (hasGs)
    os << ", %gs: " << g;
  if (c.withDequantize && !c.chained)
    os << ", %qd: " << d << ", %sd: " << s;
  os << ") -> (" << d << ", " << s;
  if (c.withDequantize)
    os << ", " << x;
  os << ") {\n";
  os << "  %q, %s = quant_dyn.quantize %x" << (hasGs ? ", %gs" : "") << " {"
     << qattrs << "} : (" << x << (hasGs ? ", " + g : "") << ") -> (" << d
     << ", " << s << ")\n";
  if (c.withDequantize)
    os << "  %y = quant_dyn.dequantize " << (c.chained ? "%q, %s" : "%qd, %sd")
       << (hasGs ? ", %gs" : "")
       << " {" << attrs << "} : (" << d << ", " << s
       << (hasGs ? ", " + g : "") << ") -> " << x << "\n";
  os << "  return %q, %s" << (c.withDequantize ? ", %y" : "") << " : " << d
     << ", " << s << (c.withDequantize ? ", " + x : "") << "\n}\n";
  return os.str();
}

R::BlockQuantizeConfig refConfig(const BlockCase &c,
                                 const std::vector<int64_t> &shape) {
  R::BlockQuantizeConfig rc;
  rc.shape = shape;
  rc.floatKind = c.floatKind;
  rc.dataKind = c.dataKind;
  rc.scaleKind = c.scaleKind;
  rc.gsKind = gsKindOf(c);
  rc.blockShape = blockOf(c);
  rc.rounding = c.rounding.value_or(R::ScaleRounding::Floor);
  rc.scaleLayout = c.layout;
  return rc;
}

/// Largest finite value of a T1 kind.
double t1Max(EK kind) { return R::maxFinite(kind); }

/// Exponent range [lo, hi] of "comfortable" normal magnitudes of T1 values.
std::pair<int, int> t1ExponentRange(EK kind) {
  if (kind == EK::F16)
    return {-14, 15};
  return {-126, 127};
}

/// Generates quantize inputs block by block (codes of c.floatKind).
class BlockInputGenerator {
public:
  BlockInputGenerator(const BlockCase &c, Rng &rng) : c(c), rng(rng) {
    grid = gridAndMidpoints(c.dataKind);
    qmax = *R::qmax(c.dataKind);
  }

  std::vector<uint32_t> generate(const std::vector<int64_t> &shape,
                                 float gs) {
    std::vector<int64_t> scaleShape;
    std::vector<int64_t> blockIdx =
        blockIndexOf(shape, R::resolveBlockShape(shape, blockOf(c)), scaleShape);
    int64_t numBlocks = R::numElements(scaleShape);
    std::vector<std::vector<size_t>> members(static_cast<size_t>(numBlocks));
    for (size_t i = 0; i < blockIdx.size(); ++i)
      members[static_cast<size_t>(blockIdx[i])].push_back(i);
    std::vector<uint32_t> codes(blockIdx.size(), 0);
    for (auto &elems : members)
      fillBlock(elems, codes, gs);
    return codes;
  }

private:
  uint32_t t1(float x) { return toT1(c.floatKind, x); }

  /// A random normal value of magnitude ~2^e (random mantissa and sign).
  float randomNormal(int e) {
    float m = 1.0f + static_cast<float>(rng.real());
    float v = std::ldexp(m, e);
    return rng.chance(0.5) ? -v : v;
  }

  /// A power-of-two block scale 2^k that keeps the block's values and the
  /// scale itself exact in every type involved.
  int pickTieExponent(float gs) {
    int qe = floorLog2Int(qmax);
    auto [lo, hi] = t1ExponentRange(c.floatKind);
    // amax = qmax * 2^k must be a normal value of T1 (below its max).
    int kLo = lo - qe + (c.floatKind == EK::F16 ? 4 : 2);
    int kHi = hi - qe - 1;
    if (c.scaleKind == EK::F16) {
      kLo = std::max(kLo, -24);
      kHi = std::min(kHi, 15);
    } else if (c.scaleKind == EK::F8E4M3FN) {
      // s = 2^k / gs must be an e4m3 value: exact for power-of-two gs.
      int g = floorLog2Int(gs);
      kLo = std::max(kLo, g - 9);
      kHi = std::min(kHi, g + 8);
    }
    if (kLo > kHi)
      return kHi;
    // Small exponents are more interesting (f32 subnormal data values).
    if (rng.chance(0.2))
      return kLo + static_cast<int>(rng.uniform(0, 3));
    return static_cast<int>(rng.uniform(kLo, kHi));
  }

  void fillBlock(const std::vector<size_t> &elems, std::vector<uint32_t> &out,
                 float gs) {
    if (elems.empty())
      return;
    int style = static_cast<int>(rng.uniform(0, 13));
    auto [lo, hi] = t1ExponentRange(c.floatKind);
    switch (style) {
    case 0:
    case 1:
    case 2: { // normal values of one magnitude, a few zeros / -0 / tiny
      int eb = static_cast<int>(rng.uniform(lo + 8, hi - 1));
      for (size_t i : elems) {
        double r = rng.real();
        if (r < 0.04)
          out[i] = 0;
        else if (r < 0.08)
          out[i] = negZeroCode(c.floatKind);
        else if (r < 0.1)
          out[i] = t1(randomNormal(lo - 6));
        else
          out[i] = t1(randomNormal(eb - static_cast<int>(rng.uniform(0, 12))));
      }
      break;
    }
    case 3:
    case 4:
    case 5: { // exact ties: amax = qmax * 2^k, the rest grid values/midpoints
      int k = pickTieExponent(gs);
      for (size_t i : elems) {
        double g = rng.pick(grid);
        if (rng.chance(0.3))
          g = grid[static_cast<size_t>(rng.uniform(0, 12)) % grid.size()];
        float v = static_cast<float>(std::ldexp(g, k));
        if (rng.chance(0.5))
          v = -v;
        out[i] = t1(v);
      }
      size_t pin = elems[static_cast<size_t>(
          rng.uniform(0, static_cast<int64_t>(elems.size()) - 1))];
      float a = static_cast<float>(std::ldexp(static_cast<double>(qmax), k));
      out[pin] = t1(rng.chance(0.5) ? -a : a);
      break;
    }
    case 6: // all +0
      for (size_t i : elems)
        out[i] = 0;
      break;
    case 7: // all -0.0
      for (size_t i : elems)
        out[i] = negZeroCode(c.floatKind);
      break;
    case 8: { // subnormals of f32 (and of f16 for f16 input), zeros
      for (size_t i : elems) {
        double r = rng.real();
        if (r < 0.1) {
          out[i] = rng.chance(0.5) ? 0 : negZeroCode(c.floatKind);
        } else if (c.floatKind == EK::F16) {
          out[i] = static_cast<uint32_t>(rng.uniform(1, 0x3FF)) |
                   (rng.chance(0.5) ? 0x8000u : 0u);
        } else {
          uint32_t m = static_cast<uint32_t>(rng.uniform(1, 0x7FFFFF));
          if (rng.chance(0.3))
            m = static_cast<uint32_t>(rng.uniform(1, 16));
          out[i] = t1(floatOf(m | (rng.chance(0.5) ? 0x80000000u : 0u)));
          if (c.floatKind == EK::BF16 && (out[i] & 0x7FFF) == 0)
            out[i] |= 1; // keep it a subnormal
        }
      }
      break;
    }
    case 9: { // near the largest finite value of T1, both sides
      double mx = t1Max(c.floatKind);
      uint32_t maxCode = t1(static_cast<float>(mx));
      for (size_t i : elems) {
        uint32_t code = maxCode - static_cast<uint32_t>(rng.uniform(0, 3));
        if (rng.chance(0.3))
          code = t1(randomNormal(hi - static_cast<int>(rng.uniform(0, 20))) );
        uint32_t sign = c.floatKind == EK::F32 ? 0x80000000u : 0x8000u;
        if (rng.chance(0.5))
          code |= sign;
        out[i] = code;
      }
      break;
    }
    case 10: { // saturation: values just below / above qmax * 2^k
      int k = pickTieExponent(gs);
      double top = grid.back(); // half an ulp above max
      double mx = grid[grid.size() - 2];
      for (size_t i : elems) {
        double g = mx + (top - mx) * 2 * rng.real();
        if (rng.chance(0.3))
          g = mx * (1 - 0x1.0p-20 * static_cast<double>(rng.uniform(0, 3)));
        float v = static_cast<float>(std::ldexp(g, k));
        out[i] = t1(rng.chance(0.5) ? -v : v);
      }
      break;
    }
    case 11: { // NaN / Inf somewhere in an otherwise normal block
      int eb = static_cast<int>(rng.uniform(lo + 8, hi - 1));
      for (size_t i : elems)
        out[i] = t1(randomNormal(eb - static_cast<int>(rng.uniform(0, 8))));
      int64_t count = rng.uniform(1, 2);
      for (int64_t j = 0; j < count; ++j) {
        size_t i = elems[static_cast<size_t>(
            rng.uniform(0, static_cast<int64_t>(elems.size()) - 1))];
        int kind = static_cast<int>(rng.uniform(0, 2));
        out[i] = kind == 0   ? randomNaN(c.floatKind, rng)
                 : kind == 1 ? infCode(c.floatKind, false)
                             : infCode(c.floatKind, true);
      }
      break;
    }
    case 12: { // random bit patterns of T1
      for (size_t i : elems)
        out[i] = randomCode(c.floatKind, rng);
      break;
    }
    default: { // one outlier, the rest far smaller (underflow in the data)
      int eb = static_cast<int>(rng.uniform(lo + 40 > hi ? lo + 8 : lo + 40,
                                            hi - 1));
      for (size_t i : elems)
        out[i] = t1(randomNormal(eb - static_cast<int>(rng.uniform(5, 30))));
      size_t pin = elems[static_cast<size_t>(
          rng.uniform(0, static_cast<int64_t>(elems.size()) - 1))];
      out[pin] = t1(randomNormal(eb));
      break;
    }
    }
  }

  const BlockCase &c;
  Rng &rng;
  std::vector<double> grid;
  float qmax;
};

/// Random scale codes for dequantize: every code of narrow formats, mostly
/// moderate magnitudes with some specials for f32 / f16 / bf16.
uint32_t randomScaleCode(EK kind, Rng &rng) {
  if (kind != EK::F32 && kind != EK::F16 && kind != EK::BF16)
    return randomCode(kind, rng);
  double r = rng.real();
  if (r < 0.05)
    return randomNaN(kind, rng);
  if (r < 0.08)
    return infCode(kind, rng.chance(0.5));
  if (r < 0.12)
    return rng.chance(0.5) ? 0 : negZeroCode(kind);
  if (r < 0.3)
    return randomCode(kind, rng);
  float v = std::ldexp(1.0f + static_cast<float>(rng.real()),
                       static_cast<int>(rng.uniform(-20, 12)));
  return toT1(kind, rng.chance(0.1) ? -v : v);
}

/// Records what the inputs of one quantize call exercise (ties, saturation,
/// special blocks), recomputing x / scale as docs/Semantics.md section 4 does.
void recordCoverage(const BlockCase &c, const std::vector<uint32_t> &x,
                    const std::vector<int64_t> &blockIdx,
                    const std::vector<uint32_t> &scales, float gs) {
  static const auto midpointsOf = [](EK data) {
    std::vector<double> grid = gridAndMidpoints(data), mids;
    for (size_t i = 1; i < grid.size(); i += 2)
      mids.push_back(grid[i]);
    return mids;
  };
  std::vector<double> mids = midpointsOf(c.dataKind);
  double maxValue = c.dataKind == EK::SI8 ? 127.0 : R::maxFinite(c.dataKind);
  std::vector<char> seen(scales.size(), 0);
  for (size_t i = 0; i < x.size(); ++i) {
    size_t b = static_cast<size_t>(blockIdx[i]);
    uint32_t sc = scales[b];
    float xf = R::decodeF32(c.floatKind, x[i]);
    if (std::fpclassify(xf) == FP_SUBNORMAL)
      ++stats().subnormalInputs;
    float s = c.scaleKind == EK::F8E8M0FNU
                  ? (sc == 0xFF ? NAN
                                : static_cast<float>(std::ldexp(
                                      1.0, static_cast<int>(sc) - 127)))
                  : R::decodeF32(c.scaleKind, sc);
    bool zeroBlock = c.scaleKind == EK::F8E8M0FNU ? sc == 0 : s == 0.0f;
    if (!seen[b]) {
      seen[b] = 1;
      ++stats().blocks;
      if (std::isnan(s))
        ++stats().nonFiniteBlocks;
      else if (zeroBlock)
        ++stats().zeroScaleBlocks;
    }
    if (std::isnan(s) || zeroBlock || !std::isfinite(xf))
      continue;
    float denom = s;
    if (c.scaleKind == EK::F8E4M3FN)
      denom = s * gs;
    double t = std::fabs(static_cast<double>(xf / denom));
    if (t > maxValue)
      ++stats().saturated;
    else if (std::binary_search(mids.begin(), mids.end(), t))
      ++stats().ties;
  }
}

void runBlockCase(const BlockCase &c, uint64_t seed) {
  std::string ir = blockCaseIR(c);
  SCOPED_TRACE(ir);
  std::unique_ptr<Kernel> kernel = compileKernel(ir);
  if (!kernel)
    return;
  Rng rng(seed);
  BlockInputGenerator gen(c, rng);
  bool hasGs = c.gs != GsForm::None;
  EK gsKind = gsKindOf(c);
  int64_t failures = 0;
  for (const std::vector<int64_t> &shape : c.shapes) {
    R::BlockQuantizeConfig rc = refConfig(c, shape);
    std::vector<int64_t> linearScaleShape = R::scaleShapeFor(shape, blockOf(c));
    std::vector<int64_t> scaleShape =
        isSwizzled(c) ? R::swizzledScaleShape(linearScaleShape)
                      : linearScaleShape;
    // Row-major scales of a result in either layout (for the messages).
    auto linearOf = [&](const std::vector<uint32_t> &scales) {
      return isSwizzled(c) ? R::unswizzleScales(linearScaleShape, scales)
                           : scales;
    };
    // Positions of the swizzled layout's padding.
    std::vector<char> isPadding;
    if (isSwizzled(c)) {
      isPadding.assign(static_cast<size_t>(R::numElements(scaleShape)), 1);
      int64_t rows = linearScaleShape[linearScaleShape.size() - 2];
      int64_t cols = linearScaleShape.back();
      int64_t batch = linearScaleShape.size() == 3 ? linearScaleShape[0] : 1;
      for (int64_t b = 0; b < batch; ++b)
        for (int64_t m = 0; m < rows; ++m)
          for (int64_t j = 0; j < cols; ++j)
            isPadding[static_cast<size_t>(R::swizzledScaleOffset(
                linearScaleShape, b, m, j))] = 0;
    }
    for (int trial = 0; trial < c.trialsPerShape; ++trial) {
      float gsValue = c.gsValues[static_cast<size_t>(trial) % c.gsValues.size()];
      uint32_t gsCode = toT1(gsKind, gsValue);
      std::optional<uint32_t> gsOpt;
      if (hasGs)
        gsOpt = gsCode;
      std::vector<uint32_t> x = gen.generate(shape, floatOf(bitsOf(gsValue)));
      auto q = R::quantize(rc, x, gsOpt);
      ASSERT_TRUE(q.ok()) << q.error;

      // Dequantize inputs: the reference's codes, random codes, or the
      // reference's codes with some scales replaced by specials.
      std::vector<uint32_t> dq = q->data, ds = q->scales;
      int mode = c.chained ? 0 : trial % 3;
      if (mode == 1) {
        for (auto &code : dq)
          code = randomCode(c.dataKind, rng);
        for (auto &code : ds)
          code = randomScaleCode(c.scaleKind, rng);
      } else if (mode == 2) {
        for (auto &code : ds)
          if (rng.chance(0.2))
            code = randomScaleCode(c.scaleKind, rng);
        for (auto &code : dq)
          if (rng.chance(0.05))
            code = randomCode(c.dataKind, rng);
      }
      // Garbage (NaN codes among it) in the padding of swizzled scales:
      // dequantize must not read it.
      if (!c.chained)
        for (size_t i = 0; i < isPadding.size(); ++i)
          if (isPadding[i])
            ds[i] = rng.chance(0.5) ? 0xFFu : randomCode(c.scaleKind, rng);
      std::vector<uint32_t> expectedY;
      if (c.withDequantize) {
        auto y = R::dequantize(rc, dq, ds, gsOpt);
        ASSERT_TRUE(y.ok()) << y.error;
        expectedY = *y;
      }

      std::vector<HostTensor> inputs;
      inputs.push_back(HostTensor::fromCodes(c.floatKind, shape, x));
      if (hasGs)
        inputs.push_back(
            HostTensor::fromCodes(gsKind, gsShapeOf(c), {gsCode}));
      if (c.withDequantize && !c.chained) {
        inputs.push_back(HostTensor::fromCodes(c.dataKind, shape, dq));
        inputs.push_back(HostTensor::fromCodes(c.scaleKind, scaleShape, ds));
      }
      std::vector<HostTensor> outputs;
      std::string error;
      if (!invoke(*kernel, inputs, outputs, error)) {
        ADD_FAILURE() << "invoke failed for shape " << formatShape(shape)
                      << ": " << error;
        return;
      }
      ASSERT_EQ(outputs.size(), c.withDequantize ? 3u : 2u);

      std::vector<int64_t> resolvedBlock =
          R::resolveBlockShape(shape, blockOf(c));
      std::vector<int64_t> dummy;
      std::vector<int64_t> blockIdx = blockIndexOf(shape, resolvedBlock, dummy);
      std::vector<uint32_t> qScales = linearOf(q->scales);
      std::vector<uint32_t> dScales = linearOf(ds);
      recordCoverage(c, x, blockIdx, qScales,
                     hasGs ? R::decodeF32(gsKind, gsCode) : 1.0f);
      auto blockContext = [&](int64_t b) {
        std::ostringstream os;
        os << "block " << b << " inputs [";
        int shown = 0;
        for (size_t i = 0; i < blockIdx.size() && shown < 40; ++i)
          if (blockIdx[i] == b) {
            os << (shown++ ? " " : "") << hex(x[i]);
          }
        os << "]";
        if (hasGs)
          os << " gs " << describe(gsKind, gsCode);
        return os.str();
      };
      std::string where = " (shape " + formatShape(shape) + ", trial " +
                          std::to_string(trial) + ")";
      failures += compareCodes(
          "quantize data" + where, outputs[0], c.dataKind, shape, q->data,
          [&](int64_t i) {
            return "x " + describe(c.floatKind, x[static_cast<size_t>(i)]) +
                   " at " + coordsOf(shape, i) + ", scale " +
                   describe(c.scaleKind,
                            qScales[static_cast<size_t>(blockIdx[i])]) +
                   ", " + blockContext(blockIdx[static_cast<size_t>(i)]);
          });
      failures += compareCodes("quantize scales" + where, outputs[1],
                               c.scaleKind, scaleShape, q->scales,
                               [&](int64_t b) {
                                 return isSwizzled(c) ? std::string()
                                                      : blockContext(b);
                               });
      if (c.withDequantize)
        failures += compareCodes(
            "dequantize" + where, outputs[2], c.floatKind, shape, expectedY,
            [&](int64_t i) {
              return "q " + describe(c.dataKind, dq[static_cast<size_t>(i)]) +
                     " scale " +
                     describe(c.scaleKind,
                              dScales[static_cast<size_t>(blockIdx[i])]) +
                     (hasGs ? " gs " + describe(gsKind, gsCode) : "");
            });
      if (failures > 20)
        return; // enough to diagnose; do not flood the log
    }
  }
}

//===----------------------------------------------------------------------===//
// quantize_linear / dequantize_linear cases
//===----------------------------------------------------------------------===//

struct LinearCase {
  EK floatKind = EK::F32;
  std::string quantType = "ui8"; // ui8, si8 or i8
  EK scaleKind = EK::F32;
  std::string zpType; // empty: no zps; si8, i8, ui8, si32, i32
  bool perChannel = false;
  int64_t axis = 1;
  bool writeAxis = true; // per_tensor: write an (ignored) axis anyway
  std::vector<int64_t> typeDims;
  bool dynamicScales = false; // tensor<?x..> for scales / zps
  std::vector<std::vector<int64_t>> shapes;
  int trialsPerShape = 4;
};

EK quantKindOf(const LinearCase &c) {
  return c.quantType == "ui8" ? EK::UI8 : EK::SI8;
}

std::optional<EK> zpKindOf(const LinearCase &c) {
  if (c.zpType.empty())
    return std::nullopt;
  if (c.zpType == "ui8")
    return EK::UI8;
  if (c.zpType == "si32" || c.zpType == "i32")
    return EK::I32;
  return EK::SI8;
}

int64_t channelAxis(const LinearCase &c, int64_t rank) {
  return c.axis < 0 ? c.axis + rank : c.axis;
}

std::string linearCaseIR(const LinearCase &c) {
  int64_t rank = static_cast<int64_t>(c.typeDims.size());
  std::string x = typeStr(c.typeDims, kindStr(c.floatKind));
  std::string q = typeStr(c.typeDims, c.quantType);
  int64_t count = 1;
  if (c.perChannel)
    count = c.typeDims[static_cast<size_t>(channelAxis(c, rank))];
  if (c.dynamicScales)
    count = kDyn;
  std::string s = typeStr({count}, kindStr(c.scaleKind));
  bool hasZp = !c.zpType.empty();
  std::string z = hasZp ? typeStr({count}, c.zpType) : "";
  std::string attrs =
      c.perChannel ? "qtype = #quant_dyn.qtype<per_channel>, axis = " +
                         std::to_string(c.axis) + " : i64"
                   : (c.writeAxis ? "qtype = #quant_dyn.qtype<per_tensor>, "
                                    "axis = " +
                                        std::to_string(c.axis) + " : i64"
                                  : "");
  std::ostringstream os;
  os << "func.func @main(%x: " << x << ", %s: " << s
     << (hasZp ? ", %zp: " + z : "") << ", %qd: " << q << ") -> (" << q
     << ", " << x << ") {\n";
  os << "  %q = quant_dyn.quantize_linear %x, %s" << (hasZp ? ", %zp" : "")
     << " {" << attrs << "} : (" << x << ", " << s << (hasZp ? ", " + z : "")
     << ") -> " << q << "\n";
  os << "  %y = quant_dyn.dequantize_linear %qd, %s" << (hasZp ? ", %zp" : "")
     << " {" << attrs << "} : (" << q << ", " << s << (hasZp ? ", " + z : "")
     << ") -> " << x << "\n";
  os << "  return %q, %y : " << q << ", " << x << "\n}\n";
  return os.str();
}

/// A scale of the linear ops: mostly positive moderate values (powers of
/// two, so ties survive), sometimes tiny, huge, zero, negative or NaN.
uint32_t randomLinearScale(EK kind, Rng &rng) {
  double r = rng.real();
  float v;
  if (r < 0.4)
    v = std::ldexp(1.0f, static_cast<int>(rng.uniform(-10, 4)));
  else if (r < 0.8)
    v = std::ldexp(1.0f + static_cast<float>(rng.real()),
                   static_cast<int>(rng.uniform(-12, 6)));
  else if (r < 0.85)
    v = std::ldexp(1.0f, static_cast<int>(rng.uniform(-40, -14))); // tiny
  else if (r < 0.88)
    v = rng.chance(0.5) ? 0.0f : -0.0f;
  else if (r < 0.92)
    v = -std::ldexp(1.0f + static_cast<float>(rng.real()),
                    static_cast<int>(rng.uniform(-6, 2)));
  else if (r < 0.94)
    return randomNaN(kind, rng);
  else if (r < 0.96)
    return infCode(kind, rng.chance(0.5));
  else
    return randomCode(kind, rng);
  return toT1(kind, v);
}

uint32_t randomZeroPoint(EK kind, Rng &rng) {
  if (kind == EK::I32) {
    double r = rng.real();
    if (r < 0.6)
      return static_cast<uint32_t>(static_cast<int32_t>(rng.uniform(-300, 300)));
    if (r < 0.8) // large: f32(zp) rounds
      return static_cast<uint32_t>(static_cast<int32_t>(
          rng.uniform(-(int64_t(1) << 31), (int64_t(1) << 31) - 1)));
    return static_cast<uint32_t>(static_cast<int32_t>(
        rng.uniform(16777215, 16777219) * (rng.chance(0.5) ? 1 : -1)));
  }
  return randomCode(kind, rng);
}

void runLinearCase(const LinearCase &c, uint64_t seed) {
  std::string ir = linearCaseIR(c);
  SCOPED_TRACE(ir);
  std::unique_ptr<Kernel> kernel = compileKernel(ir);
  if (!kernel)
    return;
  Rng rng(seed);
  EK quantKind = quantKindOf(c);
  std::optional<EK> zpKind = zpKindOf(c);
  int64_t failures = 0;
  for (const std::vector<int64_t> &shape : c.shapes) {
    int64_t rank = static_cast<int64_t>(shape.size());
    R::LinearQuantizeConfig rc;
    rc.shape = shape;
    rc.floatKind = c.floatKind;
    rc.quantKind = quantKind;
    rc.scaleKind = c.scaleKind;
    rc.zpKind = zpKind;
    rc.qtype = c.perChannel ? R::QType::PerChannel : R::QType::PerTensor;
    rc.axis = c.axis;
    int64_t channels =
        c.perChannel ? shape[static_cast<size_t>(channelAxis(c, rank))] : 1;
    int64_t stride = 1;
    if (c.perChannel)
      for (int64_t d = channelAxis(c, rank) + 1; d < rank; ++d)
        stride *= shape[static_cast<size_t>(d)];
    int64_t n = R::numElements(shape);
    for (int trial = 0; trial < c.trialsPerShape; ++trial) {
      std::vector<uint32_t> scales(static_cast<size_t>(channels)), zps;
      for (auto &s : scales)
        s = randomLinearScale(c.scaleKind, rng);
      if (zpKind) {
        zps.resize(static_cast<size_t>(channels));
        for (auto &z : zps)
          z = randomZeroPoint(*zpKind, rng);
      }
      std::vector<uint32_t> x(static_cast<size_t>(n)), qd(static_cast<size_t>(n));
      // One input code: ties after scaling, values in and beyond the
      // integer range, wide magnitudes, zeros, NaN, Inf, values that
      // overflow x / scale, random bit patterns.
      auto inputCode = [&](float s, float zp) -> uint32_t {
        double r = rng.real();
        if (r < 0.35) { // (k + 0.5 - zp) * s: a tie when s is a power of 2
          double k = static_cast<double>(rng.uniform(-140, 270)) + 0.5;
          return toT1(c.floatKind,
                      static_cast<float>((k - static_cast<double>(zp)) *
                                         static_cast<double>(s)));
        }
        if (r < 0.55)
          return toT1(c.floatKind,
                      static_cast<float>((static_cast<double>(
                                              rng.uniform(-300, 300)) +
                                          rng.real()) *
                                         static_cast<double>(s)));
        if (r < 0.7) {
          float v = std::ldexp(1.0f + static_cast<float>(rng.real()),
                               static_cast<int>(rng.uniform(-30, 30)));
          return toT1(c.floatKind, rng.chance(0.5) ? -v : v);
        }
        if (r < 0.75)
          return rng.chance(0.5) ? 0u : negZeroCode(c.floatKind);
        if (r < 0.8)
          return randomNaN(c.floatKind, rng);
        if (r < 0.85)
          return infCode(c.floatKind, rng.chance(0.5));
        if (r < 0.9) { // the largest finite value: x / s overflows
          uint32_t code = toT1(c.floatKind,
                               static_cast<float>(R::maxFinite(c.floatKind)));
          return rng.chance(0.5) ? code | negZeroCode(c.floatKind) : code;
        }
        return randomCode(c.floatKind, rng);
      };
      for (int64_t i = 0; i < n; ++i) {
        size_t ch = static_cast<size_t>((i / stride) % channels);
        x[static_cast<size_t>(i)] =
            inputCode(R::decodeF32(c.scaleKind, scales[ch]),
                      zpKind ? R::decodeF32(*zpKind, zps[ch]) : 0.0f);
        qd[static_cast<size_t>(i)] = randomCode(quantKind, rng);
      }
      auto q = R::quantizeLinear(rc, x, scales, zps);
      ASSERT_TRUE(q.ok()) << q.error;
      // Dequantize half of the time the codes quantize produced.
      if (trial % 2 == 0)
        qd = *q;
      auto y = R::dequantizeLinear(rc, qd, scales, zps);
      ASSERT_TRUE(y.ok()) << y.error;

      std::vector<HostTensor> inputs;
      inputs.push_back(HostTensor::fromCodes(c.floatKind, shape, x));
      inputs.push_back(HostTensor::fromCodes(c.scaleKind, {channels}, scales));
      if (zpKind)
        inputs.push_back(HostTensor::fromCodes(*zpKind, {channels}, zps));
      inputs.push_back(HostTensor::fromCodes(quantKind, shape, qd));
      std::vector<HostTensor> outputs;
      std::string error;
      if (!invoke(*kernel, inputs, outputs, error)) {
        ADD_FAILURE() << "invoke failed for shape " << formatShape(shape)
                      << ": " << error;
        return;
      }
      ASSERT_EQ(outputs.size(), 2u);
      auto channelOf = [&](int64_t i) {
        return static_cast<size_t>((i / stride) % channels);
      };
      std::string where = " (shape " + formatShape(shape) + ", trial " +
                          std::to_string(trial) + ")";
      failures += compareCodes(
          "quantize_linear" + where, outputs[0], quantKind, shape, *q,
          [&](int64_t i) {
            size_t ch = channelOf(i);
            return "x " + describe(c.floatKind, x[static_cast<size_t>(i)]) +
                   " scale " + describe(c.scaleKind, scales[ch]) +
                   (zpKind ? " zp " + describe(*zpKind, zps[ch]) : "");
          });
      failures += compareCodes(
          "dequantize_linear" + where, outputs[1], c.floatKind, shape, *y,
          [&](int64_t i) {
            size_t ch = channelOf(i);
            return "q " + describe(quantKind, qd[static_cast<size_t>(i)]) +
                   " scale " + describe(c.scaleKind, scales[ch]) +
                   (zpKind ? " zp " + describe(*zpKind, zps[ch]) : "");
          });
      if (failures > 20)
        return;
    }
  }
}

std::string currentTestName() {
  const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string(info->test_suite_name()) + "." + info->name();
}

uint64_t testSeed() { return seedFor(currentTestName()); }

} // namespace

//===----------------------------------------------------------------------===//
// Tests
//===----------------------------------------------------------------------===//

namespace {

const std::vector<EK> kT1Kinds = {EK::F32, EK::F16, EK::BF16};
const std::vector<EK> kMXDataKinds = {EK::F4E2M1FN, EK::F6E2M3FN,
                                      EK::F6E3M2FN, EK::F8E4M3FN, EK::F8E5M2};
const std::vector<EK> kDataKinds = {EK::F4E2M1FN, EK::F6E2M3FN, EK::F6E3M2FN,
                                    EK::F8E4M3FN, EK::F8E5M2, EK::SI8};

/// Typical NVFP4 global scales: 1, powers of two, amax / (448 * 6) style
/// values that are not powers of two, and very small / large ones.
const std::vector<float> kGsValues = {1.0f,          0.5f,  3.0f,
                                      1.0f / 2688.0f, 0.0123f, 0x1p-10f,
                                      96.0f,         1.7f};

/// One blocking configuration of the float-scale cross product.
BlockCase floatScaleLayout(int index, bool isF4) {
  BlockCase c;
  switch (index % 12) {
  case 0: // 1D, odd block size along the last axis
    c.axis = -1, c.blockSize = 7, c.typeDims = {3, 14}, c.shapes = {{3, 14}};
    break;
  case 1: // 1D along rows, dynamic rows
    c.axis = -2, c.blockSize = 5, c.typeDims = {kDyn, 6};
    c.shapes = {{5, 6}, {15, 6}, {35, 6}};
    break;
  case 2: // rank 3, dynamic middle dim
    c.axis = -1, c.blockSize = 12, c.typeDims = {2, kDyn, 36};
    c.shapes = {{2, 1, 36}, {2, 5, 36}, {2, 9, 36}};
    break;
  case 3: // block_shape with -1 and partial edge blocks
    c.is1D = false, c.blockShape = {3, -1}, c.typeDims = {7, 10};
    c.shapes = {{7, 10}};
    break;
  case 4: // block_shape rank 3, fully dynamic
    c.is1D = false, c.blockShape = {2, 3, 4};
    c.typeDims = {kDyn, kDyn, kDyn};
    c.shapes = {{3, 7, 10}, {4, 6, 8}, {1, 1, 2}, {5, 2, 14}};
    break;
  case 5: // block size 1 (every element its own block)
    c.axis = -1, c.blockSize = 1, c.typeDims = {4, 6}, c.shapes = {{4, 6}};
    break;
  case 6: // large odd block size, dynamic rows
    c.axis = 1, c.blockSize = 33, c.typeDims = {kDyn, 66};
    c.shapes = {{1, 66}, {7, 66}};
    break;
  case 7: // block_shape rank 4 with -1
    c.is1D = false, c.blockShape = {1, 2, -1, 3};
    c.typeDims = {2, 3, 4, 6}, c.shapes = {{2, 3, 4, 6}};
    break;
  case 8: // rank 3, axis -2
    c.axis = 1, c.blockSize = 16, c.typeDims = {2, 32, 4};
    c.shapes = {{2, 32, 4}};
    break;
  case 9: // odd innermost extent (not for f4), blocks along rows
    if (isF4)
      return floatScaleLayout(index + 1, isF4);
    c.axis = -2, c.blockSize = 4, c.typeDims = {8, 7}, c.shapes = {{8, 7}};
    break;
  case 10: // block_shape, odd everything (not for f4)
    if (isF4)
      return floatScaleLayout(index + 1, isF4);
    c.is1D = false, c.blockShape = {2, 5};
    c.typeDims = {kDyn, kDyn}, c.shapes = {{5, 13}, {1, 1}, {9, 5}};
    break;
  default: // bigger tensor: vector loops, tails and threads
    c.axis = -1, c.blockSize = 24, c.typeDims = {kDyn, 96};
    c.shapes = {{37, 96}};
    c.trialsPerShape = 2;
    break;
  }
  return c;
}

std::string caseName(const BlockCase &c) {
  std::string s = kindStr(c.floatKind) + " -> " + kindStr(c.dataKind) + " / " +
                  kindStr(c.scaleKind) + " scales";
  return s;
}

} // namespace

//===----------------------------------------------------------------------===//
// NVFP4: f4E2M1FN data, f8E4M3FN scales, double quantization scale
//===----------------------------------------------------------------------===//

static BlockCase nvfp4Case(EK floatKind, GsForm gs) {
  BlockCase c;
  c.floatKind = floatKind;
  c.dataKind = EK::F4E2M1FN;
  c.scaleKind = EK::F8E4M3FN;
  c.gs = gs;
  c.gsValues = kGsValues;
  c.blockSize = 16;
  c.trialsPerShape = 8;
  return c;
}

TEST(NVFP4, F32InputGsF32Rank0) {
  BlockCase c = nvfp4Case(EK::F32, GsForm::F32Rank0);
  c.axis = 1, c.typeDims = {6, 64}, c.shapes = {{6, 64}};
  c.trialsPerShape = 16;
  runBlockCase(c, testSeed());
}

TEST(NVFP4, F16InputGsF16Rank1Dynamic) {
  BlockCase c = nvfp4Case(EK::F16, GsForm::T1Rank1);
  c.axis = -1, c.typeDims = {kDyn, kDyn};
  c.shapes = {{1, 16}, {3, 48}, {5, 32}, {2, 160}, {9, 16}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, BF16InputGsBF16Rank0Rank3) {
  BlockCase c = nvfp4Case(EK::BF16, GsForm::T1Rank0);
  c.axis = 2, c.typeDims = {3, 5, 32}, c.shapes = {{3, 5, 32}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, F32InputGsF32Rank1AxisMinus2Rank3) {
  BlockCase c = nvfp4Case(EK::F32, GsForm::F32Rank1);
  c.axis = -2, c.typeDims = {2, 32, 6}, c.shapes = {{2, 32, 6}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, F16InputGsF32Rank0AxisMinus2Dynamic) {
  BlockCase c = nvfp4Case(EK::F16, GsForm::F32Rank0);
  c.axis = 0, c.typeDims = {kDyn, kDyn};
  c.shapes = {{16, 2}, {48, 6}, {32, 10}, {16, 34}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, BF16InputGsF32Rank1Dynamic3D) {
  BlockCase c = nvfp4Case(EK::BF16, GsForm::F32Rank1);
  c.axis = -1, c.typeDims = {kDyn, 3, kDyn};
  c.shapes = {{2, 3, 16}, {1, 3, 64}, {3, 3, 32}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, F32InputGsF32Rank0Dynamic3DAxisMinus2) {
  BlockCase c = nvfp4Case(EK::F32, GsForm::T1Rank0);
  c.axis = -2, c.typeDims = {kDyn, kDyn, kDyn};
  c.shapes = {{1, 16, 2}, {2, 32, 4}, {3, 16, 10}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, BlockShape16x16WeightBlocks) {
  BlockCase c = nvfp4Case(EK::F32, GsForm::F32Rank0);
  c.is1D = false, c.blockShape = {16, 16};
  c.typeDims = {40, 48}, c.shapes = {{40, 48}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, BlockShapeOddBlocksDynamic) {
  // Odd innermost block: f4 codes are packed after the blocks are collapsed.
  BlockCase c = nvfp4Case(EK::F16, GsForm::T1Rank1);
  c.is1D = false, c.blockShape = {2, 3};
  c.typeDims = {kDyn, kDyn};
  c.shapes = {{5, 8}, {1, 2}, {4, 12}, {7, 14}};
  runBlockCase(c, testSeed());
}

TEST(NVFP4, BlockShapeRank4) {
  BlockCase c = nvfp4Case(EK::BF16, GsForm::F32Rank1);
  c.is1D = false, c.blockShape = {1, 2, -1, 4};
  c.typeDims = {2, 3, 5, 10}, c.shapes = {{2, 3, 5, 10}};
  runBlockCase(c, testSeed());
  BlockCase d = nvfp4Case(EK::F32, GsForm::F32Rank0);
  d.is1D = false, d.blockShape = {2, -1, 3, 5};
  d.typeDims = {kDyn, kDyn, kDyn, kDyn};
  d.shapes = {{3, 2, 4, 10}, {1, 1, 1, 2}, {2, 3, 7, 6}};
  runBlockCase(d, testSeed() + 1);
}

//===----------------------------------------------------------------------===//
// OCP MX: f8E8M0FNU scales, every float data type, floor and rceil
//===----------------------------------------------------------------------===//

static std::string roundingName(int index) {
  return index == 0 ? "floor" : "rceil";
}

class MXTest : public ::testing::TestWithParam<std::tuple<EK, int, EK>> {};

TEST_P(MXTest, Block32) {
  auto [data, roundingIndex, floatKind] = GetParam();
  BlockCase c;
  c.floatKind = floatKind;
  c.dataKind = data;
  c.scaleKind = EK::F8E8M0FNU;
  // 0: floor (f32 input: the explicit attribute; f16 / bf16 input: no
  // attribute, floor by default), 2: rceil.
  if (roundingIndex == 0 && floatKind == EK::F32)
    c.rounding = R::ScaleRounding::Floor;
  else if (roundingIndex == 2)
    c.rounding = R::ScaleRounding::RCeil;
  c.blockSize = 32;
  int layout = static_cast<int>(data) + roundingIndex + static_cast<int>(floatKind);
  switch (layout % 5) {
  case 0:
    c.axis = -1, c.typeDims = {4, 64}, c.shapes = {{4, 64}};
    c.trialsPerShape = 8;
    break;
  case 1:
    c.axis = 1, c.typeDims = {kDyn, kDyn};
    c.shapes = {{1, 32}, {3, 96}, {6, 64}};
    break;
  case 2:
    c.axis = -2, c.typeDims = {2, 64, 4}, c.shapes = {{2, 64, 4}};
    c.trialsPerShape = 6;
    break;
  case 3:
    c.axis = -2, c.typeDims = {kDyn, kDyn, kDyn};
    c.shapes = {{1, 32, 2}, {3, 64, 6}, {2, 32, 10}};
    break;
  default:
    c.axis = 2, c.typeDims = {kDyn, 3, 128};
    c.shapes = {{2, 3, 128}, {5, 3, 128}};
    break;
  }
  SCOPED_TRACE(caseName(c));
  runBlockCase(c, testSeed());
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, MXTest,
    ::testing::Combine(::testing::ValuesIn(kMXDataKinds),
                       ::testing::Values(0, 2),
                       ::testing::ValuesIn(kT1Kinds)),
    [](const auto &info) {
      return kindStr(std::get<0>(info.param)) + "_" +
             roundingName(std::get<1>(info.param)) + "_" +
             kindStr(std::get<2>(info.param));
    });

TEST(MX, BlockShapeModes) {
  // Any block shape is legal with f8E8M0FNU scales in block_shape mode.
  struct Layout {
    EK data;
    std::optional<R::ScaleRounding> rounding;
    EK floatKind;
    std::vector<int64_t> block, typeDims;
    std::vector<std::vector<int64_t>> shapes;
  };
  std::vector<Layout> layouts = {
      {EK::F4E2M1FN, R::ScaleRounding::RCeil, EK::F32, {4, 8}, {10, 16}, {{10, 16}}},
      {EK::F8E4M3FN, std::nullopt, EK::BF16, {3, -1}, {kDyn, kDyn}, {{7, 5}, {3, 33}}},
      {EK::F6E3M2FN, R::ScaleRounding::Floor, EK::F16, {2, 3, 5}, {3, 4, 11}, {{3, 4, 11}}},
      {EK::F8E5M2, R::ScaleRounding::RCeil, EK::F32, {1, -1, 2, 7}, {kDyn, 2, kDyn, kDyn}, {{2, 2, 3, 9}, {1, 2, 1, 1}}},
      {EK::F6E2M3FN, R::ScaleRounding::RCeil, EK::BF16, {32, 1}, {64, 3}, {{64, 3}}},
  };
  uint64_t seed = testSeed();
  for (const Layout &l : layouts) {
    BlockCase c;
    c.floatKind = l.floatKind;
    c.dataKind = l.data;
    c.scaleKind = EK::F8E8M0FNU;
    c.rounding = l.rounding;
    c.is1D = false;
    c.blockShape = l.block;
    c.typeDims = l.typeDims;
    c.shapes = l.shapes;
    runBlockCase(c, seed++);
  }
}

//===----------------------------------------------------------------------===//
// f32 / f16 / bf16 scales with every data type (si8 included), odd block
// sizes, 1D and block_shape modes
//===----------------------------------------------------------------------===//

class FloatScaleTest : public ::testing::TestWithParam<std::tuple<EK, EK, EK>> {};

TEST_P(FloatScaleTest, Layouts) {
  auto [scale, data, floatKind] = GetParam();
  int index = static_cast<int>(scale) * 7 + static_cast<int>(data) * 3 +
              static_cast<int>(floatKind);
  BlockCase c = floatScaleLayout(index, data == EK::F4E2M1FN);
  c.floatKind = floatKind;
  c.dataKind = data;
  c.scaleKind = scale;
  SCOPED_TRACE(caseName(c));
  runBlockCase(c, testSeed());
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, FloatScaleTest,
    ::testing::Combine(::testing::ValuesIn(kT1Kinds),
                       ::testing::ValuesIn(kDataKinds),
                       ::testing::ValuesIn(kT1Kinds)),
    [](const auto &info) {
      return kindStr(std::get<0>(info.param)) + "scales_" +
             kindStr(std::get<1>(info.param)) + "_" +
             kindStr(std::get<2>(info.param));
    });

//===----------------------------------------------------------------------===//
// block_shape mode: ranks 2 / 3 / 4, -1 entries, partial edge blocks,
// dynamic dims (also a static scale dim over a dynamic input dim)
//===----------------------------------------------------------------------===//

TEST(BlockShape, Rank2SpecExample) {
  BlockCase c;
  c.dataKind = EK::F8E4M3FN, c.scaleKind = EK::F32;
  c.is1D = false, c.blockShape = {4, 3};
  c.typeDims = {8, 8}, c.shapes = {{8, 8}};
  c.trialsPerShape = 12;
  runBlockCase(c, testSeed());
}

TEST(BlockShape, Rank2MinusOneStaticScaleOverDynamic) {
  // A -1 entry over a dynamic dim gives a static scale dim of 1.
  BlockCase c;
  c.floatKind = EK::BF16, c.dataKind = EK::SI8, c.scaleKind = EK::F32;
  c.is1D = false, c.blockShape = {4, -1};
  c.typeDims = {kDyn, kDyn}, c.scaleTypeOverride = {kDyn, 1};
  c.shapes = {{8, 8}, {9, 3}, {1, 17}, {13, 40}};
  runBlockCase(c, testSeed());
}

TEST(BlockShape, Rank3PartialEdges) {
  BlockCase c;
  c.floatKind = EK::F16, c.dataKind = EK::F8E5M2, c.scaleKind = EK::BF16;
  c.is1D = false, c.blockShape = {2, -1, 4};
  c.typeDims = {5, 7, 9}, c.shapes = {{5, 7, 9}};
  c.trialsPerShape = 8;
  runBlockCase(c, testSeed());
}

TEST(BlockShape, Rank4Dynamic) {
  BlockCase c;
  c.floatKind = EK::F32, c.dataKind = EK::F6E2M3FN, c.scaleKind = EK::F16;
  c.is1D = false, c.blockShape = {2, 2, 3, 2};
  c.typeDims = {kDyn, kDyn, kDyn, kDyn};
  c.shapes = {{3, 3, 4, 5}, {2, 2, 3, 2}, {1, 5, 7, 3}};
  runBlockCase(c, testSeed());
}

TEST(BlockShape, BlockLargerThanExtent) {
  BlockCase c;
  c.floatKind = EK::BF16, c.dataKind = EK::F6E3M2FN, c.scaleKind = EK::F32;
  c.is1D = false, c.blockShape = {8, 16};
  c.typeDims = {3, 5}, c.shapes = {{3, 5}};
  c.trialsPerShape = 12;
  runBlockCase(c, testSeed());
}

TEST(BlockShape, Rank3StaticScaleDimsOverDynamicInput) {
  BlockCase c;
  c.floatKind = EK::F32, c.dataKind = EK::F8E4M3FN, c.scaleKind = EK::F32;
  c.is1D = false, c.blockShape = {2, 3, -1};
  c.typeDims = {kDyn, kDyn, kDyn}, c.scaleTypeOverride = {kDyn, 3, 1};
  c.shapes = {{4, 7, 5}, {3, 9, 2}, {1, 8, 1}};
  runBlockCase(c, testSeed());
}

//===----------------------------------------------------------------------===//
// Block shapes of every codegen strategy (fused vector, register-size
// sub-tiles, column blocks, blocks split across threads): large enough that
// the CPU pipeline picks each one, with partial edge blocks, static and
// dynamic shapes, ranks 3 and 4, every data and scale type across the cases
//===----------------------------------------------------------------------===//

namespace {
struct StrategyLayout {
  const char *name;
  std::vector<int64_t> block, shape;
};

const std::vector<StrategyLayout> kStrategyLayouts = {
    {"b1x16", {1, 16}, {33, 160}},
    {"b1x32", {1, 32}, {33, 288}},
    {"b1x128", {1, 128}, {40, 300}},
    {"b16x16", {16, 16}, {50, 70}},
    {"b32x32", {32, 32}, {70, 100}},
    {"b64x64", {64, 64}, {130, 140}},
    {"b128x128", {128, 128}, {260, 300}},
    {"b128x1", {128, 1}, {300, 129}},
    {"b1xAll", {1, -1}, {9, 4100}},
    {"bAllx1", {-1, 1}, {1100, 70}},    // tall columns: split across threads
    {"bAllxAll", {-1, -1}, {300, 260}}, // per-tensor: split across threads
    {"b2x64x64", {2, 64, 64}, {3, 130, 70}},
    {"b1x1xAllx128", {1, 1, -1, 128}, {2, 3, 40, 130}},
    {"b1x2xAllx1", {1, 2, -1, 1}, {2, 3, 500, 40}},
    // Static inputs of 64 Ki elements and more with partial edge blocks are
    // peeled into an interior quantize and edge-strip quantizes.
    {"b16x16_peeled", {16, 16}, {270, 250}},
    {"b2x16x16_peeled", {2, 16, 16}, {3, 150, 154}},
    {"b1x128_peeled", {1, 128}, {520, 300}},
};

/// Data and scale types by index, so every one appears across the layouts.
std::pair<EK, EK> strategyTypes(size_t index) {
  static const std::vector<EK> scales = {EK::F32, EK::BF16, EK::F16,
                                         EK::F8E8M0FNU};
  EK data = kDataKinds[index % kDataKinds.size()];
  EK scale = scales[index % scales.size()];
  if (scale == EK::F8E8M0FNU && data == EK::SI8)
    scale = EK::F32; // si8 data takes float scales
  return {data, scale};
}
} // namespace

class BlockStrategyTest
    : public ::testing::TestWithParam<std::tuple<size_t, bool>> {};

TEST_P(BlockStrategyTest, MatchesReference) {
  auto [index, dynamic] = GetParam();
  const StrategyLayout &l = kStrategyLayouts[index];
  BlockCase c;
  c.floatKind = kT1Kinds[(index + dynamic) % kT1Kinds.size()];
  std::tie(c.dataKind, c.scaleKind) = strategyTypes(index + 2 * dynamic);
  c.is1D = false;
  c.blockShape = l.block;
  c.shapes = {l.shape};
  c.typeDims = dynamic ? std::vector<int64_t>(l.shape.size(), kDyn) : l.shape;
  if (dynamic) {
    // A second runtime shape with other partial edges.
    std::vector<int64_t> other = l.shape;
    for (int64_t &e : other)
      e = e > 8 ? e - 6 : e; // keeps even innermost extents even (f4)
    c.shapes.push_back(other);
  }
  // One block per trial kind (NaN / Inf / zero / ...) for single blocks.
  c.trialsPerShape = l.block == std::vector<int64_t>{-1, -1} ? 14 : 2;
  c.withDequantize = false;
  SCOPED_TRACE(caseName(c));
  runBlockCase(c, testSeed());
}

INSTANTIATE_TEST_SUITE_P(
    Strategies, BlockStrategyTest,
    ::testing::Combine(::testing::Range<size_t>(0, kStrategyLayouts.size()),
                       ::testing::Bool()),
    [](const auto &info) {
      return std::string(kStrategyLayouts[std::get<0>(info.param)].name) +
             (std::get<1>(info.param) ? "_dynamic" : "_static");
    });

//===----------------------------------------------------------------------===//
// 1D mode with dynamic shapes and static scale dims over dynamic input dims
//===----------------------------------------------------------------------===//

// A dynamic innermost extent is quantized as whole chunks of 16 blocks (a
// static dim) plus a tail (the CPU pipeline's innermost-chunk-blocks):
// extents with both pieces, with only whole chunks and with only a tail.
TEST(Dynamic1D, InnermostChunksAndTail) {
  BlockCase mx;
  mx.floatKind = EK::BF16, mx.dataKind = EK::F8E4M3FN;
  mx.scaleKind = EK::F8E8M0FNU;
  mx.axis = -1, mx.blockSize = 32;
  mx.typeDims = {kDyn, kDyn};
  mx.shapes = {{5, 608}, {2, 1024}, {3, 96}, {1, 1568}};
  mx.trialsPerShape = 3;
  runBlockCase(mx, testSeed());

  BlockCase nv = nvfp4Case(EK::F32, GsForm::F32Rank0);
  nv.axis = -1, nv.typeDims = {kDyn, 3, kDyn};
  nv.shapes = {{2, 3, 560}, {1, 3, 256}, {3, 3, 528}};
  nv.trialsPerShape = 3;
  runBlockCase(nv, testSeed() + 1);

  // block_shape 1x128 with a partial last block in the tail.
  BlockCase row;
  row.floatKind = EK::F16, row.dataKind = EK::F8E5M2, row.scaleKind = EK::F32;
  row.is1D = false, row.blockShape = {1, 128};
  row.typeDims = {kDyn, kDyn};
  row.shapes = {{4, 2348}, {2, 2048}, {3, 4100}};
  row.trialsPerShape = 2;
  runBlockCase(row, testSeed() + 2);
}

TEST(Dynamic1D, StaticScaleDimOverDynamicAxis) {
  BlockCase c;
  c.floatKind = EK::F16, c.dataKind = EK::F8E5M2, c.scaleKind = EK::F8E8M0FNU;
  c.rounding = R::ScaleRounding::RCeil;
  c.axis = -1, c.blockSize = 32;
  c.typeDims = {kDyn, kDyn}, c.scaleTypeOverride = {kDyn, 2};
  c.shapes = {{1, 64}, {5, 64}, {11, 64}};
  runBlockCase(c, testSeed());
}

TEST(Dynamic1D, Rank3AllDynamicManyShapes) {
  BlockCase c;
  c.floatKind = EK::F32, c.dataKind = EK::SI8, c.scaleKind = EK::F16;
  c.axis = -2, c.blockSize = 3;
  c.typeDims = {kDyn, kDyn, kDyn};
  c.shapes = {{1, 3, 1}, {2, 9, 7}, {3, 6, 13}, {1, 30, 33}, {4, 3, 2}};
  runBlockCase(c, testSeed());
}

TEST(Dynamic1D, LargeShapesTailsAndThreads) {
  BlockCase c;
  c.floatKind = EK::BF16, c.dataKind = EK::F4E2M1FN, c.scaleKind = EK::F8E8M0FNU;
  c.axis = -1, c.blockSize = 32;
  c.typeDims = {kDyn, kDyn};
  c.shapes = {{129, 96}, {3, 1024}, {257, 32}};
  c.trialsPerShape = 2;
  runBlockCase(c, testSeed());
  BlockCase d;
  d.floatKind = EK::F32, d.dataKind = EK::F8E4M3FN, d.scaleKind = EK::F32;
  d.axis = -2, d.blockSize = 17;
  d.typeDims = {kDyn, kDyn};
  d.shapes = {{34, 131}, {17, 1001}, {85, 3}};
  d.trialsPerShape = 2;
  runBlockCase(d, testSeed() + 1);
}

//===----------------------------------------------------------------------===//
// GEMM-ready scales: the swizzled_128x4 layout (zero padding on quantize,
// garbage padding never read by dequantize)
//===----------------------------------------------------------------------===//

namespace {
/// Shapes of the swizzled cases: full and partial 128-row tiles, S a
/// multiple of 4 or not, rank 3, dynamic M and K.
void setSwizzledShapes(BlockCase &c, int variant) {
  int64_t bs = c.blockSize;
  switch (variant % 4) {
  case 0: // partial row tile, S = 4 * 4
    c.typeDims = {300, 16 * bs}, c.shapes = {{300, 16 * bs}};
    c.trialsPerShape = 3;
    break;
  case 1: // dynamic M and K: whole tiles, partial tiles, S % 4 != 0
    c.typeDims = {kDyn, kDyn};
    c.shapes = {{128, 4 * bs}, {1, bs}, {129, 5 * bs}, {257, 3 * bs}};
    c.trialsPerShape = 3;
    break;
  case 2: // rank 3, S = 3
    c.typeDims = {2, 130, 3 * bs}, c.shapes = {{2, 130, 3 * bs}};
    c.trialsPerShape = 3;
    break;
  default: // rank 3, dynamic B, M and K
    c.typeDims = {kDyn, kDyn, kDyn};
    c.shapes = {{3, 40, 6 * bs}, {1, 128, 8 * bs}, {2, 200, bs}};
    c.trialsPerShape = 2;
    break;
  }
}
} // namespace

class SwizzledNVFP4Test : public ::testing::TestWithParam<std::tuple<EK, int>> {
};

TEST_P(SwizzledNVFP4Test, MatchesReference) {
  auto [floatKind, variant] = GetParam();
  BlockCase c = nvfp4Case(floatKind, variant % 2 ? GsForm::T1Rank1
                                                 : GsForm::F32Rank0);
  c.layout = R::ScaleLayout::Swizzled128x4;
  c.axis = -1;
  setSwizzledShapes(c, variant);
  runBlockCase(c, testSeed());
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, SwizzledNVFP4Test,
    ::testing::Combine(::testing::ValuesIn(kT1Kinds),
                       ::testing::Values(0, 1, 2, 3)),
    [](const auto &info) {
      return kindStr(std::get<0>(info.param)) + "_" +
             std::to_string(std::get<1>(info.param));
    });

class SwizzledMXTest : public ::testing::TestWithParam<std::tuple<EK, int>> {};

/// MXFP8 (f8E4M3FN, f8E5M2), MXFP6 and MXFP4 data, floor and rceil.
TEST_P(SwizzledMXTest, MatchesReference) {
  auto [data, roundingIndex] = GetParam();
  BlockCase c;
  c.dataKind = data;
  c.scaleKind = EK::F8E8M0FNU;
  c.rounding = roundingIndex ? R::ScaleRounding::RCeil : R::ScaleRounding::Floor;
  c.blockSize = 32;
  c.layout = R::ScaleLayout::Swizzled128x4;
  c.axis = roundingIndex ? 1 : -1;
  int variant = static_cast<int>(data) + roundingIndex;
  c.floatKind = kT1Kinds[static_cast<size_t>(variant) % kT1Kinds.size()];
  setSwizzledShapes(c, variant);
  if (rankOf(c) == 3)
    c.axis = 2;
  SCOPED_TRACE(caseName(c));
  runBlockCase(c, testSeed());
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, SwizzledMXTest,
    ::testing::Combine(::testing::Values(EK::F8E4M3FN, EK::F8E5M2,
                                         EK::F6E2M3FN, EK::F6E3M2FN,
                                         EK::F4E2M1FN),
                       ::testing::Values(0, 1)),
    [](const auto &info) {
      return kindStr(std::get<0>(info.param)) + "_" +
             roundingName(2 * std::get<1>(info.param));
    });

TEST(Swizzled, PeeledPartialTiles) {
  // Static inputs of 64 Ki elements and more: the whole 128x4 tiles and the
  // partial row tile / partial scale-column tile are separate quantizes.
  uint64_t seed = testSeed();
  BlockCase mx;
  mx.floatKind = EK::BF16, mx.dataKind = EK::F8E4M3FN;
  mx.scaleKind = EK::F8E8M0FNU, mx.blockSize = 32;
  mx.layout = R::ScaleLayout::Swizzled128x4;
  mx.axis = 2;
  mx.typeDims = {2, 300, 13 * 32}, mx.shapes = {mx.typeDims};
  mx.trialsPerShape = 2;
  SCOPED_TRACE(caseName(mx));
  runBlockCase(mx, seed++);
  BlockCase nv = nvfp4Case(EK::F32, GsForm::F32Rank0);
  nv.layout = R::ScaleLayout::Swizzled128x4;
  nv.axis = -1;
  nv.typeDims = {257, 22 * 16}, nv.shapes = {nv.typeDims};
  nv.trialsPerShape = 2;
  SCOPED_TRACE(caseName(nv));
  runBlockCase(nv, seed);
}

TEST(Swizzled, EveryFormatEveryShape) {
  // Each data format with each shape variant, f32 input (the parameterized
  // tests above cover one variant per format).
  uint64_t seed = testSeed();
  for (EK data : {EK::F8E4M3FN, EK::F4E2M1FN, EK::F6E3M2FN})
    for (int variant = 0; variant < 4; ++variant) {
      BlockCase c;
      c.dataKind = data, c.scaleKind = EK::F8E8M0FNU, c.blockSize = 32;
      c.rounding = variant % 2 ? R::ScaleRounding::RCeil
                               : R::ScaleRounding::Floor;
      c.layout = R::ScaleLayout::Swizzled128x4;
      setSwizzledShapes(c, variant);
      c.axis = rankOf(c) - 1;
      c.trialsPerShape = 1;
      SCOPED_TRACE(caseName(c) + " variant " + std::to_string(variant));
      runBlockCase(c, seed++);
    }
}

TEST(Swizzled, StaticScaleDimsOverDynamicInput) {
  // Static swizzled scale dims over dynamic M, K and B, checked at run time.
  BlockCase c = nvfp4Case(EK::BF16, GsForm::F32Rank0);
  c.layout = R::ScaleLayout::Swizzled128x4;
  c.axis = -1, c.typeDims = {kDyn, kDyn, kDyn};
  c.scaleTypeOverride = {2, 2, kDyn, 32, 4, 4};
  c.shapes = {{2, 130, 64}, {2, 256, 128}, {2, 200, 16}};
  c.trialsPerShape = 2;
  runBlockCase(c, testSeed());
}

TEST(Swizzled, QuantizeDequantizeRoundTrip) {
  std::vector<BlockCase> cases(3);
  cases[0] = nvfp4Case(EK::F32, GsForm::F32Rank0);
  cases[0].typeDims = {kDyn, kDyn};
  cases[0].shapes = {{300, 64}, {128, 16}, {5, 112}};
  cases[1].floatKind = EK::BF16, cases[1].dataKind = EK::F8E4M3FN;
  cases[1].scaleKind = EK::F8E8M0FNU, cases[1].blockSize = 32;
  cases[1].rounding = R::ScaleRounding::RCeil;
  cases[1].typeDims = {2, 129, 96}, cases[1].shapes = {{2, 129, 96}};
  cases[2].floatKind = EK::F16, cases[2].dataKind = EK::F4E2M1FN;
  cases[2].scaleKind = EK::F8E8M0FNU, cases[2].blockSize = 32;
  cases[2].typeDims = {256, 512}, cases[2].shapes = {{256, 512}};
  uint64_t seed = testSeed();
  for (BlockCase &c : cases) {
    c.layout = R::ScaleLayout::Swizzled128x4;
    c.axis = -1;
    c.chained = true;
    c.trialsPerShape = 3;
    runBlockCase(c, seed++);
  }
}

//===----------------------------------------------------------------------===//
// Several ops in one function: fake-quant round trips (dequantize of the
// quantize results) and two quantize ops sharing one input, so that block
// fusion across ops is exercised too
//===----------------------------------------------------------------------===//

TEST(Fused, QuantizeDequantizeRoundTrip) {
  std::vector<BlockCase> cases(5);
  cases[0] = nvfp4Case(EK::F32, GsForm::F32Rank0);
  cases[0].axis = -1, cases[0].typeDims = {4, 64}, cases[0].shapes = {{4, 64}};
  cases[1].floatKind = EK::BF16, cases[1].dataKind = EK::F4E2M1FN;
  cases[1].scaleKind = EK::F8E8M0FNU, cases[1].rounding = R::ScaleRounding::RCeil;
  cases[1].axis = -2, cases[1].blockSize = 32, cases[1].typeDims = {kDyn, kDyn};
  cases[1].shapes = {{32, 6}, {64, 2}};
  cases[2].floatKind = EK::F16, cases[2].dataKind = EK::F8E5M2;
  cases[2].scaleKind = EK::BF16, cases[2].is1D = false;
  cases[2].blockShape = {3, -1, 5}, cases[2].typeDims = {7, 2, 11};
  cases[2].shapes = {{7, 2, 11}};
  cases[3].floatKind = EK::F32, cases[3].dataKind = EK::SI8;
  cases[3].scaleKind = EK::F16, cases[3].axis = 1, cases[3].blockSize = 9;
  cases[3].typeDims = {kDyn, kDyn}, cases[3].shapes = {{5, 27}, {1, 9}};
  cases[4].floatKind = EK::F32, cases[4].dataKind = EK::F8E4M3FN;
  cases[4].scaleKind = EK::F8E8M0FNU, cases[4].axis = -1, cases[4].blockSize = 32;
  cases[4].typeDims = {16, 256}, cases[4].shapes = {{16, 256}};
  uint64_t seed = testSeed();
  for (BlockCase &c : cases) {
    c.chained = true;
    c.trialsPerShape = 6;
    runBlockCase(c, seed++);
  }
}

TEST(Fused, TwoQuantizeOpsShareInput) {
  // MXFP8 (1D, rceil) and NVFP4 (16x16 blocks) of the same bf16 input, and
  // the NVFP4 result dequantized in the same function.
  auto kernel = compileKernel(R"(
func.func @main(%x: tensor<?x64xbf16>, %gs: tensor<f32>) -> (tensor<?x64xf8E4M3FN>, tensor<?x2xf8E8M0FNU>, tensor<?x64xf4E2M1FN>, tensor<?x4xf8E4M3FN>, tensor<?x64xf32>) {
  %q0, %s0 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>} : (tensor<?x64xbf16>) -> (tensor<?x64xf8E4M3FN>, tensor<?x2xf8E8M0FNU>)
  %q1, %s1 = quant_dyn.quantize %x, %gs {block_shape = array<i64: 16, 16>} : (tensor<?x64xbf16>, tensor<f32>) -> (tensor<?x64xf4E2M1FN>, tensor<?x4xf8E4M3FN>)
  %y = quant_dyn.dequantize %q1, %s1, %gs {block_shape = array<i64: 16, 16>} : (tensor<?x64xf4E2M1FN>, tensor<?x4xf8E4M3FN>, tensor<f32>) -> tensor<?x64xf32>
  return %q0, %s0, %q1, %s1, %y : tensor<?x64xf8E4M3FN>, tensor<?x2xf8E8M0FNU>, tensor<?x64xf4E2M1FN>, tensor<?x4xf8E4M3FN>, tensor<?x64xf32>
}
)");
  ASSERT_TRUE(kernel);
  Rng rng(testSeed());
  BlockCase mx;
  mx.floatKind = EK::BF16, mx.dataKind = EK::F8E4M3FN;
  mx.scaleKind = EK::F8E8M0FNU, mx.rounding = R::ScaleRounding::RCeil;
  mx.axis = 1, mx.blockSize = 32, mx.typeDims = {kDyn, 64};
  BlockCase nv = nvfp4Case(EK::BF16, GsForm::F32Rank0);
  nv.is1D = false, nv.blockShape = {16, 16}, nv.typeDims = {kDyn, 64};
  BlockInputGenerator genMX(mx, rng), genNV(nv, rng);
  for (int64_t rows : {16, 5, 33, 1}) {
    std::vector<int64_t> shape = {rows, 64};
    for (int trial = 0; trial < 4; ++trial) {
      float gs = kGsValues[static_cast<size_t>(trial)];
      std::vector<uint32_t> x = trial % 2 ? genMX.generate(shape, gs)
                                          : genNV.generate(shape, gs);
      auto q0 = R::quantize(refConfig(mx, shape), x);
      auto q1 = R::quantize(refConfig(nv, shape), x, bitsOf(gs));
      ASSERT_TRUE(q0.ok() && q1.ok()) << q0.error << q1.error;
      R::BlockQuantizeConfig dc = refConfig(nv, shape);
      dc.floatKind = EK::F32;
      auto y = R::dequantize(dc, q1->data, q1->scales, bitsOf(gs));
      ASSERT_TRUE(y.ok()) << y.error;
      std::vector<HostTensor> outputs;
      std::string error;
      ASSERT_TRUE(invoke(*kernel,
                         {HostTensor::fromCodes(EK::BF16, shape, x),
                          HostTensor::fromCodes(EK::F32, {}, {bitsOf(gs)})},
                         outputs, error))
          << error;
      ASSERT_EQ(outputs.size(), 5u);
      std::string where = " (rows " + std::to_string(rows) + ", trial " +
                          std::to_string(trial) + ")";
      compareCodes("mxfp8 data" + where, outputs[0], EK::F8E4M3FN, shape,
                   q0->data, nullptr);
      compareCodes("mxfp8 scales" + where, outputs[1], EK::F8E8M0FNU,
                   q0->scaleShape, q0->scales, nullptr);
      compareCodes("nvfp4 data" + where, outputs[2], EK::F4E2M1FN, shape,
                   q1->data, nullptr);
      compareCodes("nvfp4 scales" + where, outputs[3], EK::F8E4M3FN,
                   q1->scaleShape, q1->scales, nullptr);
      compareCodes("nvfp4 round trip" + where, outputs[4], EK::F32, shape, *y,
                   nullptr);
    }
  }
}

//===----------------------------------------------------------------------===//
// quantize_linear / dequantize_linear
//===----------------------------------------------------------------------===//

TEST(Linear, PerTensorAllZeroPointTypes) {
  std::vector<std::string> zps = {"", "si8", "i8", "ui8", "si32", "i32"};
  std::vector<std::string> quants = {"ui8", "si8", "i8"};
  uint64_t seed = testSeed();
  int i = 0;
  for (const std::string &zp : zps) {
    for (const std::string &quant : quants) {
      LinearCase c;
      c.floatKind = kT1Kinds[static_cast<size_t>(i % 3)];
      c.scaleKind = kT1Kinds[static_cast<size_t>((i / 3 + i) % 3)];
      c.quantType = quant;
      c.zpType = zp;
      c.perChannel = false;
      c.writeAxis = i % 2 == 0;
      c.axis = i % 4 == 0 ? 7 : 1; // ignored for per_tensor
      if (i % 3 == 0) {
        c.typeDims = {5, 7}, c.shapes = {{5, 7}};
      } else if (i % 3 == 1) {
        c.typeDims = {kDyn, kDyn}, c.dynamicScales = true;
        c.shapes = {{1, 1}, {3, 33}, {17, 5}};
      } else {
        c.typeDims = {2, kDyn, 3, kDyn}, c.shapes = {{2, 4, 3, 9}};
      }
      SCOPED_TRACE("zp " + (zp.empty() ? std::string("none") : zp) + ", q " +
                   quant);
      runLinearCase(c, seed + static_cast<uint64_t>(i));
      ++i;
    }
  }
}

TEST(Linear, PerChannelAxesAndTypes) {
  struct Layout {
    std::vector<int64_t> typeDims;
    int64_t axis;
    bool dynamicScales;
    std::vector<std::vector<int64_t>> shapes;
  };
  std::vector<Layout> layouts = {
      {{4, 3}, 1, false, {{4, 3}}},
      {{4, 3}, -1, false, {{4, 3}}},
      {{6, 5}, 0, false, {{6, 5}}},
      {{6, 5}, -2, false, {{6, 5}}},
      {{kDyn, kDyn, kDyn}, -2, true, {{2, 3, 5}, {1, 7, 1}, {3, 1, 9}}},
      {{kDyn, 8, kDyn}, 1, false, {{3, 8, 5}, {1, 8, 33}}},
      {{2, 3, 4, 5}, -4, false, {{2, 3, 4, 5}}},
      {{kDyn}, 0, true, {{1}, {17}, {100}}},
      {{kDyn, kDyn}, 1, true, {{3, 37}, {64, 5}}},
  };
  std::vector<std::string> zps = {"", "si8", "i8", "ui8", "si32", "i32"};
  std::vector<std::string> quants = {"ui8", "si8", "i8"};
  uint64_t seed = testSeed();
  int i = 0;
  for (const Layout &l : layouts) {
    for (int variant = 0; variant < 2; ++variant, ++i) {
      LinearCase c;
      c.floatKind = kT1Kinds[static_cast<size_t>(i % 3)];
      c.scaleKind = kT1Kinds[static_cast<size_t>((i / 3) % 3)];
      c.quantType = quants[static_cast<size_t>((i + i / 3) % 3)];
      c.zpType = zps[static_cast<size_t>(i % 6)];
      c.perChannel = true;
      c.axis = l.axis;
      c.typeDims = l.typeDims;
      c.dynamicScales = l.dynamicScales;
      c.shapes = l.shapes;
      runLinearCase(c, seed + static_cast<uint64_t>(i));
    }
  }
}

TEST(Linear, LargeTensors) {
  LinearCase c;
  c.floatKind = EK::F32, c.scaleKind = EK::F32, c.quantType = "ui8";
  c.zpType = "ui8", c.perChannel = true, c.axis = -1;
  c.typeDims = {kDyn, kDyn}, c.dynamicScales = true;
  c.shapes = {{67, 129}, {1, 4099}};
  c.trialsPerShape = 2;
  runLinearCase(c, testSeed());
  LinearCase d;
  d.floatKind = EK::BF16, d.scaleKind = EK::F16, d.quantType = "si8";
  d.zpType = "si32", d.perChannel = false;
  d.typeDims = {kDyn, kDyn, kDyn};
  d.shapes = {{3, 33, 65}};
  d.trialsPerShape = 2;
  runLinearCase(d, testSeed() + 1);
}

//===----------------------------------------------------------------------===//
// Run-time errors of dynamic shapes: reported, no computation, no memory
// corruption (a valid call right after gives the reference's results)
//===----------------------------------------------------------------------===//

namespace {

/// Calls `kernel` on `inputs`, expects a failure whose message contains
/// `message`.
void expectRunTimeError(Kernel &kernel, const std::vector<HostTensor> &inputs,
                        const std::string &message) {
  std::vector<HostTensor> outputs;
  std::string error;
  EXPECT_FALSE(invoke(kernel, inputs, outputs, error))
      << "expected a run-time error containing '" << message << "'";
  EXPECT_NE(error.find(message), std::string::npos)
      << "error '" << error << "' does not contain '" << message << "'";
}

/// Random f32 codes of moderate magnitude.
std::vector<uint32_t> randomF32(Rng &rng, int64_t n) {
  std::vector<uint32_t> v(static_cast<size_t>(n));
  for (auto &code : v)
    code = bitsOf(std::ldexp(static_cast<float>(rng.real() * 2 - 1),
                             static_cast<int>(rng.uniform(-8, 8))));
  return v;
}

/// Invokes a quantize kernel (inputs: x) on a valid shape and compares with
/// the reference.
void checkValidQuantize(Kernel &kernel, const R::BlockQuantizeConfig &rc,
                        Rng &rng) {
  std::vector<uint32_t> x = randomF32(rng, R::numElements(rc.shape));
  auto q = R::quantize(rc, x);
  ASSERT_TRUE(q.ok()) << q.error;
  std::vector<HostTensor> outputs;
  std::string error;
  ASSERT_TRUE(invoke(kernel, {HostTensor::fromCodes(EK::F32, rc.shape, x)},
                     outputs, error))
      << error;
  ASSERT_EQ(outputs.size(), 2u);
  compareCodes("quantize data", outputs[0], rc.dataKind, rc.shape, q->data,
               nullptr);
  compareCodes("quantize scales", outputs[1], rc.scaleKind, q->scaleShape,
               q->scales, nullptr);
}

} // namespace

TEST(RunTimeErrors, DynamicExtentNotDivisible) {
  auto kernel = compileKernel(R"(
func.func @main(%x: tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64} : (tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>)
  return %q, %s : tensor<?x?xf8E4M3FN>, tensor<?x?xf8E8M0FNU>
}
)");
  ASSERT_TRUE(kernel);
  Rng rng(testSeed());
  R::BlockQuantizeConfig rc;
  rc.dataKind = EK::F8E4M3FN, rc.scaleKind = EK::F8E8M0FNU;
  rc.blockShape = {1, 32};
  for (int round = 0; round < 8; ++round) {
    std::vector<int64_t> bad = {3 + round, 33 + 7 * round};
    expectRunTimeError(
        *kernel,
        {HostTensor::fromCodes(EK::F32, bad,
                               randomF32(rng, R::numElements(bad)))},
        "dimension 1 has extent " + std::to_string(bad[1]) +
            ", which is not divisible by the block size 32");
    rc.shape = {2 + round, 32 * (round + 1)};
    checkValidQuantize(*kernel, rc, rng);
  }

  // The same for dequantize (data extent checked before any access).
  auto deq = compileKernel(R"(
func.func @main(%q: tensor<?x?xf8E5M2>, %s: tensor<?x?xf32>) -> tensor<?x?xbf16> {
  %y = quant_dyn.dequantize %q, %s {axis = -2 : i64, block_size = 8 : i64} : (tensor<?x?xf8E5M2>, tensor<?x?xf32>) -> tensor<?x?xbf16>
  return %y : tensor<?x?xbf16>
}
)");
  ASSERT_TRUE(deq);
  std::vector<uint32_t> codes(12 * 3, 0x3C), scales(2 * 3, bitsOf(2.0f));
  expectRunTimeError(*deq,
                     {HostTensor::fromCodes(EK::F8E5M2, {12, 3}, codes),
                      HostTensor::fromCodes(EK::F32, {2, 3}, scales)},
                     "dimension 0 has extent 12, which is not divisible by "
                     "the block size 8");
  // Scales of the wrong runtime shape.
  std::vector<uint32_t> codes16(16 * 3, 0x3C);
  expectRunTimeError(*deq,
                     {HostTensor::fromCodes(EK::F8E5M2, {16, 3}, codes16),
                      HostTensor::fromCodes(EK::F32, {3, 3},
                                            std::vector<uint32_t>(9, 0))},
                     "scales dimension 0 has extent 3, expected 2");
  std::vector<HostTensor> outputs;
  std::string error;
  ASSERT_TRUE(invoke(*deq,
                     {HostTensor::fromCodes(EK::F8E5M2, {16, 3}, codes16),
                      HostTensor::fromCodes(EK::F32, {2, 3}, scales)},
                     outputs, error))
      << error;
  // 0x3C is 1.0 in f8E5M2; times 2 is 2.0 (bf16 0x4000).
  compareCodes("dequantize", outputs[0], EK::BF16, {16, 3},
               std::vector<uint32_t>(48, 0x4000), nullptr);
}

TEST(RunTimeErrors, OddF4DynamicExtent) {
  // Blocks along rows, so only the f4 packing rule constrains the columns.
  auto kernel = compileKernel(R"(
func.func @main(%x: tensor<?x?xf32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf32>) {
  %q, %s = quant_dyn.quantize %x {axis = 0 : i64, block_size = 16 : i64} : (tensor<?x?xf32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf32>)
  return %q, %s : tensor<?x?xf4E2M1FN>, tensor<?x?xf32>
}
)");
  ASSERT_TRUE(kernel);
  Rng rng(testSeed());
  R::BlockQuantizeConfig rc;
  rc.dataKind = EK::F4E2M1FN, rc.scaleKind = EK::F32;
  rc.blockShape = {16, 1};
  for (int round = 0; round < 3; ++round) {
    std::vector<int64_t> bad = {16 * (round + 1), 2 * round + 1};
    expectRunTimeError(
        *kernel,
        {HostTensor::fromCodes(EK::F32, bad,
                               randomF32(rng, R::numElements(bad)))},
        "f4E2M1FN data needs an even innermost extent, but dimension 1 has "
        "extent " +
            std::to_string(bad[1]));
    rc.shape = {16 * (round + 1), 2 * round + 2};
    checkValidQuantize(*kernel, rc, rng);
  }
  // The same extent on the NVFP4 1D layout along rows.
  auto nvfp4 = compileKernel(R"(
func.func @main(%x: tensor<32x?xbf16>, %gs: tensor<1xf32>) -> (tensor<32x?xf4E2M1FN>, tensor<2x?xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = -2 : i64, block_size = 16 : i64} : (tensor<32x?xbf16>, tensor<1xf32>) -> (tensor<32x?xf4E2M1FN>, tensor<2x?xf8E4M3FN>)
  return %q, %s : tensor<32x?xf4E2M1FN>, tensor<2x?xf8E4M3FN>
}
)");
  ASSERT_TRUE(nvfp4);
  expectRunTimeError(
      *nvfp4,
      {HostTensor::fromCodes(EK::BF16, {32, 5},
                             std::vector<uint32_t>(160, 0x3F80)),
       HostTensor::fromCodes(EK::F32, {1}, {bitsOf(1.0f)})},
      "f4E2M1FN data needs an even innermost extent, but dimension 1 has "
      "extent 5");
  std::vector<HostTensor> outputs;
  std::string error;
  ASSERT_TRUE(invoke(*nvfp4,
                     {HostTensor::fromCodes(EK::BF16, {32, 4},
                                            std::vector<uint32_t>(128, 0x3F80)),
                      HostTensor::fromCodes(EK::F32, {1}, {bitsOf(1.0f)})},
                     outputs, error))
      << error;
  // amax 1: scale cvt_e4m3(1/6) = 0x23 (0.171875 = 11/64); 1 / 0.171875 =
  // 5.8181... rounds to 6 (f4 code 7).
  compareCodes("nvfp4 data", outputs[0], EK::F4E2M1FN, {32, 4},
               std::vector<uint32_t>(128, 0x7), nullptr);
  compareCodes("nvfp4 scales", outputs[1], EK::F8E4M3FN, {2, 4},
               std::vector<uint32_t>(8, 0x23), nullptr);
  // An f4 argument with an odd innermost extent cannot be packed: the call
  // is refused before the compiled code runs.
  auto deq = compileKernel(R"(
func.func @main(%q: tensor<?x?xf4E2M1FN>, %s: tensor<?x?xf16>) -> tensor<?x?xf32> {
  %y = quant_dyn.dequantize %q, %s {axis = 0 : i64, block_size = 2 : i64} : (tensor<?x?xf4E2M1FN>, tensor<?x?xf16>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
)");
  ASSERT_TRUE(deq);
  expectRunTimeError(*deq,
                     {HostTensor::fromCodes(EK::F4E2M1FN, {2, 3},
                                            std::vector<uint32_t>(6, 2)),
                      HostTensor::fromCodes(EK::F16, {1, 3},
                                            std::vector<uint32_t>(3, 0x3C00))},
                     "even");
}

TEST(RunTimeErrors, StaticScaleDimOverDynamicInputDim) {
  auto kernel = compileKernel(R"(
func.func @main(%x: tensor<4x?xf32>) -> (tensor<4x?xf6E2M3FN>, tensor<4x2xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>} : (tensor<4x?xf32>) -> (tensor<4x?xf6E2M3FN>, tensor<4x2xf8E8M0FNU>)
  return %q, %s : tensor<4x?xf6E2M3FN>, tensor<4x2xf8E8M0FNU>
}
)");
  ASSERT_TRUE(kernel);
  Rng rng(testSeed());
  R::BlockQuantizeConfig rc;
  rc.dataKind = EK::F6E2M3FN, rc.scaleKind = EK::F8E8M0FNU;
  rc.rounding = R::ScaleRounding::RCeil;
  rc.blockShape = {1, 32};
  rc.shape = {4, 64};
  for (int64_t extent : {96, 32, 160}) {
    std::vector<int64_t> bad = {4, extent};
    expectRunTimeError(
        *kernel,
        {HostTensor::fromCodes(EK::F32, bad,
                               randomF32(rng, R::numElements(bad)))},
        "scales dimension 1 has extent " + std::to_string(extent / 32) +
            ", expected 2");
    checkValidQuantize(*kernel, rc, rng);
  }
}

TEST(RunTimeErrors, SwizzledScaleDimsOverDynamicInputDims) {
  // Static swizzled scale dims over dynamic M and K: ceil(M/128) and
  // ceil(K/32/4) are checked at run time, on quantize and on dequantize
  // (whose dynamic scale dims are compared with the data's too).
  auto kernel = compileKernel(R"(
func.func @main(%x: tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>)
  return %q, %s : tensor<?x?xf8E4M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>
}
)");
  ASSERT_TRUE(kernel);
  Rng rng(testSeed());
  R::BlockQuantizeConfig rc;
  rc.dataKind = EK::F8E4M3FN, rc.scaleKind = EK::F8E8M0FNU;
  rc.blockShape = {1, 32};
  rc.scaleLayout = R::ScaleLayout::Swizzled128x4;
  for (auto [m, k, message] :
       {std::tuple{int64_t{300}, int64_t{64}, "scales dimension 0 has extent 3, expected 2"},
        std::tuple{int64_t{128}, int64_t{64}, "scales dimension 0 has extent 1, expected 2"},
        std::tuple{int64_t{200}, int64_t{160}, "scales dimension 1 has extent 2, expected 1"}}) {
    std::vector<int64_t> bad = {m, k};
    expectRunTimeError(
        *kernel,
        {HostTensor::fromCodes(EK::F32, bad, randomF32(rng, R::numElements(bad)))},
        message);
  }
  for (std::vector<int64_t> good : {std::vector<int64_t>{129, 128},
                                    std::vector<int64_t>{256, 32}}) {
    rc.shape = good;
    checkValidQuantize(*kernel, rc, rng);
  }

  auto dequantize = compileKernel(R"(
func.func @main(%q: tensor<?x?xf8E4M3FN>, %s: tensor<?x?x32x4x4xf8E8M0FNU>) -> tensor<?x?xf32> {
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<?x?xf8E4M3FN>, tensor<?x?x32x4x4xf8E8M0FNU>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
)");
  ASSERT_TRUE(dequantize);
  auto codes = [](EK kind, const std::vector<int64_t> &shape) {
    return HostTensor::fromCodes(
        kind, shape,
        std::vector<uint32_t>(static_cast<size_t>(R::numElements(shape)), 0x38));
  };
  expectRunTimeError(*dequantize,
                     {codes(EK::F8E4M3FN, {130, 64}),
                      codes(EK::F8E8M0FNU, {1, 1, 32, 4, 4})},
                     "scales dimension 0 has extent 1, expected 2");
  expectRunTimeError(*dequantize,
                     {codes(EK::F8E4M3FN, {130, 160}),
                      codes(EK::F8E8M0FNU, {2, 1, 32, 4, 4})},
                     "scales dimension 1 has extent 1, expected 2");
}

TEST(RunTimeErrors, StaticResultDimOverDynamicInputDim) {
  // Static result dims over dynamic operand dims are checked at run time.
  auto kernel = compileKernel(R"(
func.func @main(%x: tensor<?x?xf32>, %q: tensor<?x32xsi8>, %s: tensor<?x4xf16>) -> (tensor<4x32xsi8>, tensor<?x4xf16>, tensor<3x?xf32>) {
  %q0, %s0 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 8 : i64} : (tensor<?x?xf32>) -> (tensor<4x32xsi8>, tensor<?x4xf16>)
  %y = quant_dyn.dequantize %q, %s {axis = -1 : i64, block_size = 8 : i64} : (tensor<?x32xsi8>, tensor<?x4xf16>) -> tensor<3x?xf32>
  return %q0, %s0, %y : tensor<4x32xsi8>, tensor<?x4xf16>, tensor<3x?xf32>
}
)");
  ASSERT_TRUE(kernel);
  Rng rng(testSeed());
  R::BlockQuantizeConfig rc;
  rc.dataKind = EK::SI8, rc.scaleKind = EK::F16;
  rc.blockShape = {1, 8};
  for (int round = 0; round < 3; ++round) {
    std::vector<uint32_t> qd(3 * 32), sd(3 * 4);
    for (auto &code : qd)
      code = randomCode(EK::SI8, rng);
    for (auto &code : sd)
      code = randomScaleCode(EK::F16, rng);
    std::vector<int64_t> badX = {5, 32};
    expectRunTimeError(
        *kernel,
        {HostTensor::fromCodes(EK::F32, badX, randomF32(rng, 5 * 32)),
         HostTensor::fromCodes(EK::SI8, {3, 32}, qd),
         HostTensor::fromCodes(EK::F16, {3, 4}, sd)},
        "tensor dimension 0 has extent 5, but the declared type requires 4");
    expectRunTimeError(
        *kernel,
        {HostTensor::fromCodes(EK::F32, {4, 32}, randomF32(rng, 4 * 32)),
         HostTensor::fromCodes(EK::SI8, {2, 32},
                               std::vector<uint32_t>(qd.begin(), qd.begin() + 64)),
         HostTensor::fromCodes(EK::F16, {2, 4},
                               std::vector<uint32_t>(sd.begin(), sd.begin() + 8))},
        "tensor dimension 0 has extent 2, but the declared type requires 3");
    rc.shape = {4, 32};
    std::vector<uint32_t> x = randomF32(rng, 4 * 32);
    auto q = R::quantize(rc, x);
    ASSERT_TRUE(q.ok()) << q.error;
    R::BlockQuantizeConfig dc = rc;
    dc.floatKind = EK::F32;
    dc.shape = {3, 32};
    auto y = R::dequantize(dc, qd, sd);
    ASSERT_TRUE(y.ok()) << y.error;
    std::vector<HostTensor> outputs;
    std::string error;
    ASSERT_TRUE(invoke(*kernel,
                       {HostTensor::fromCodes(EK::F32, {4, 32}, x),
                        HostTensor::fromCodes(EK::SI8, {3, 32}, qd),
                        HostTensor::fromCodes(EK::F16, {3, 4}, sd)},
                       outputs, error))
        << error;
    ASSERT_EQ(outputs.size(), 3u);
    compareCodes("quantize data", outputs[0], EK::SI8, {4, 32}, q->data,
                 nullptr);
    compareCodes("quantize scales", outputs[1], EK::F16, {4, 4}, q->scales,
                 nullptr);
    compareCodes("dequantize", outputs[2], EK::F32, {3, 32}, *y, nullptr);
  }
}

TEST(RunTimeErrors, LinearWrongScalesCount) {
  auto kernel = compileKernel(R"(
func.func @main(%x: tensor<?x?xf32>, %s: tensor<?xf32>, %zp: tensor<?xui8>) -> tensor<?x?xui8> {
  %q = quant_dyn.quantize_linear %x, %s, %zp {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64} : (tensor<?x?xf32>, tensor<?xf32>, tensor<?xui8>) -> tensor<?x?xui8>
  return %q : tensor<?x?xui8>
}
)");
  ASSERT_TRUE(kernel);
  auto perTensor = compileKernel(R"(
func.func @main(%x: tensor<?x?xf16>, %s: tensor<?xf32>) -> tensor<?x?xsi8> {
  %q = quant_dyn.quantize_linear %x, %s {qtype = #quant_dyn.qtype<per_tensor>} : (tensor<?x?xf16>, tensor<?xf32>) -> tensor<?x?xsi8>
  return %q : tensor<?x?xsi8>
}
)");
  ASSERT_TRUE(perTensor);
  Rng rng(testSeed());
  for (int round = 0; round < 3; ++round) {
    int64_t rows = 2 + round, cols = 3 + 2 * round;
    std::vector<uint32_t> x = randomF32(rng, rows * cols);
    auto scalesOf = [&](int64_t n) {
      std::vector<uint32_t> s(static_cast<size_t>(n));
      for (auto &code : s)
        code = bitsOf(std::ldexp(1.0f, static_cast<int>(rng.uniform(-9, -2))));
      return s;
    };
    auto zpsOf = [&](int64_t n) {
      std::vector<uint32_t> z(static_cast<size_t>(n));
      for (auto &code : z)
        code = static_cast<uint32_t>(rng.uniform(0, 255));
      return z;
    };
    // Too few and too many scales; zero points of the wrong count.
    expectRunTimeError(*kernel,
                       {HostTensor::fromCodes(EK::F32, {rows, cols}, x),
                        HostTensor::fromCodes(EK::F32, {cols - 1}, scalesOf(cols - 1)),
                        HostTensor::fromCodes(EK::UI8, {cols}, zpsOf(cols))},
                       "scales hold " + std::to_string(cols - 1) +
                           " elements, expected " + std::to_string(cols));
    expectRunTimeError(*kernel,
                       {HostTensor::fromCodes(EK::F32, {rows, cols}, x),
                        HostTensor::fromCodes(EK::F32, {cols + 3}, scalesOf(cols + 3)),
                        HostTensor::fromCodes(EK::UI8, {cols}, zpsOf(cols))},
                       "scales hold " + std::to_string(cols + 3) +
                           " elements, expected " + std::to_string(cols));
    expectRunTimeError(*kernel,
                       {HostTensor::fromCodes(EK::F32, {rows, cols}, x),
                        HostTensor::fromCodes(EK::F32, {cols}, scalesOf(cols)),
                        HostTensor::fromCodes(EK::UI8, {1}, zpsOf(1))},
                       "zero points hold 1 elements, expected " +
                           std::to_string(cols));
    // A valid call right after.
    std::vector<uint32_t> s = scalesOf(cols), z = zpsOf(cols);
    R::LinearQuantizeConfig rc;
    rc.shape = {rows, cols};
    rc.quantKind = EK::UI8;
    rc.zpKind = EK::UI8;
    rc.qtype = R::QType::PerChannel;
    rc.axis = 1;
    auto q = R::quantizeLinear(rc, x, s, z);
    ASSERT_TRUE(q.ok()) << q.error;
    std::vector<HostTensor> outputs;
    std::string error;
    ASSERT_TRUE(invoke(*kernel,
                       {HostTensor::fromCodes(EK::F32, {rows, cols}, x),
                        HostTensor::fromCodes(EK::F32, {cols}, s),
                        HostTensor::fromCodes(EK::UI8, {cols}, z)},
                       outputs, error))
        << error;
    compareCodes("quantize_linear", outputs[0], EK::UI8, {rows, cols}, *q,
                 nullptr);

    // per_tensor needs exactly one scale.
    std::vector<uint32_t> xh(static_cast<size_t>(rows * cols), 0x3C00);
    expectRunTimeError(*perTensor,
                       {HostTensor::fromCodes(EK::F16, {rows, cols}, xh),
                        HostTensor::fromCodes(EK::F32, {2}, scalesOf(2))},
                       "scales hold 2 elements, expected 1");
    expectRunTimeError(*perTensor,
                       {HostTensor::fromCodes(EK::F16, {rows, cols}, xh),
                        HostTensor::fromCodes(EK::F32, {0}, {})},
                       "scales hold 0 elements, expected 1");
    ASSERT_TRUE(invoke(*perTensor,
                       {HostTensor::fromCodes(EK::F16, {rows, cols}, xh),
                        HostTensor::fromCodes(EK::F32, {1}, {bitsOf(0.25f)})},
                       outputs, error))
        << error;
    compareCodes("quantize_linear per_tensor", outputs[0], EK::SI8,
                 {rows, cols}, std::vector<uint32_t>(xh.size(), 4), nullptr);
  }
}

//===----------------------------------------------------------------------===//
// Zero-size extents (dynamic dims at run time)
//===----------------------------------------------------------------------===//

TEST(ZeroSize, BlockModes) {
  BlockCase c;
  c.floatKind = EK::F32, c.dataKind = EK::F4E2M1FN, c.scaleKind = EK::F8E8M0FNU;
  c.axis = -1, c.blockSize = 32, c.typeDims = {kDyn, kDyn};
  c.shapes = {{0, 32}, {3, 0}, {0, 0}, {2, 32}};
  c.trialsPerShape = 1;
  runBlockCase(c, testSeed());
  BlockCase d;
  d.floatKind = EK::BF16, d.dataKind = EK::SI8, d.scaleKind = EK::F32;
  d.is1D = false, d.blockShape = {4, -1}, d.typeDims = {kDyn, kDyn};
  d.shapes = {{0, 5}, {3, 0}, {0, 0}, {5, 3}};
  d.trialsPerShape = 1;
  runBlockCase(d, testSeed() + 1);
}

TEST(ZeroSize, Linear) {
  LinearCase c;
  c.floatKind = EK::F16, c.scaleKind = EK::F32, c.quantType = "si8";
  c.zpType = "i32", c.perChannel = true, c.axis = 0;
  c.typeDims = {kDyn, kDyn}, c.dynamicScales = true;
  c.shapes = {{0, 4}, {3, 0}, {2, 2}};
  c.trialsPerShape = 1;
  runLinearCase(c, testSeed());
}
