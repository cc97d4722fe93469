//===- quant-dyn-conversion-check.cpp - Conversions vs the reference ------===//
//
// quant-dyn-conversion-check: checks the narrow-float conversions that the
// compiled code runs against the scalar reference (test/lib/Reference), bit
// for bit, over every f32 bit pattern (--stride=1) or a strided sample of
// them plus a fixed list of special values.
//
// Each conversion is built with the same FloatConversions.h builders, called
// the same way, as QuantDynToLinalg does (buildTruncFromF32 with the lowering's
// satfinite flag, buildE8M0Scale for the OCP MX scale of both rounding modes,
// buildExtToF32 / buildE8M0ToF32 for the widening), once in vector form (a
// loop over vector<16x...>) and once in scalar form (the tail path), lowered
// to LLVM, JIT-compiled and run on chunks of the pattern space by --threads
// threads. LLVM's own loop and SLP vectorizers are off, so the scalar form
// stays scalar code.
//
// Domains: f32 -> narrow conversions take every f32 pattern; the e8m0 scale
// takes an amax, so only the 2^31 patterns without the sign bit; the narrow
// -> f32 conversions take every code of their format (always exhaustive).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/Utils/FloatConversions.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynTypeRules.h"
#include "Reference/Reference.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/ExecutionEngine/CRunnerUtils.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using namespace mlir;
using namespace mlir::quant_dyn;
namespace R = mlir::quant_dyn::ref;
using EK = ElementKind;

namespace {

constexpr int64_t kLanes = 16;        // vector form: vector<16x...>
constexpr uint64_t kChunk = 1u << 16; // patterns per work item
constexpr uint64_t kF32Patterns = uint64_t(1) << 32;

//===----------------------------------------------------------------------===//
// The conversions
//===----------------------------------------------------------------------===//

enum class ConversionOp {
  Trunc,   // f32 -> narrow code: buildTruncFromF32
  MXScale, // f32 amax -> f8E8M0FNU code: buildE8M0Scale
  Ext,     // narrow code -> f32: buildExtToF32 / buildE8M0ToF32
};

struct Conversion {
  std::string name;   // as printed
  std::string format; // the --formats key that selects it
  std::string symbol; // kernel name prefix
  ConversionOp op;
  EK kind; // Trunc / Ext: the narrow format; MXScale: the data format
  bool satfinite = true;
  R::ScaleRounding rounding = R::ScaleRounding::Floor;
};

/// Every conversion the compiled code (QuantDynToLinalg) runs, with the
/// flags it uses: data cvt() and scale conversions are satfinite; f16 /
/// bf16 results of dequantize are IEEE (overflow to Inf).
std::vector<Conversion> allConversions() {
  std::vector<Conversion> list;
  auto trunc = [&](EK kind, bool satfinite) {
    std::string name(elementKindName(kind));
    list.push_back({"f32->" + name + (satfinite ? " satfinite" : " ieee"), name,
                    "trunc_" + name + (satfinite ? "_sat" : "_ieee"),
                    ConversionOp::Trunc, kind, satfinite});
  };
  for (EK k :
       {EK::F4E2M1FN, EK::F6E2M3FN, EK::F6E3M2FN, EK::F8E4M3FN, EK::F8E5M2})
    trunc(k, true);
  for (EK k : {EK::F16, EK::BF16}) {
    trunc(k, true);  // f16 / bf16 scales
    trunc(k, false); // the final cast of dequantize / dequantize_linear
  }
  for (EK data :
       {EK::F4E2M1FN, EK::F6E2M3FN, EK::F6E3M2FN, EK::F8E4M3FN, EK::F8E5M2}) {
    for (auto rounding : {R::ScaleRounding::Floor, R::ScaleRounding::RCeil}) {
      bool rceil = rounding == R::ScaleRounding::RCeil;
      std::string dataName(elementKindName(data));
      list.push_back(
          {std::string("amax->f8E8M0FNU ") + (rceil ? "rceil" : "floor") +
               " (" + dataName + " data)",
           "f8E8M0FNU",
           std::string("mx_") + (rceil ? "rceil_" : "floor_") + dataName,
           ConversionOp::MXScale, data, true, rounding});
    }
  }
  for (EK k : {EK::F4E2M1FN, EK::F6E2M3FN, EK::F6E3M2FN, EK::F8E4M3FN,
               EK::F8E5M2, EK::F16, EK::BF16, EK::F8E8M0FNU}) {
    std::string name(elementKindName(k));
    list.push_back({name + "->f32", name, "ext_" + name, ConversionOp::Ext, k});
  }
  return list;
}

const char *const kFormatKeys[] = {"f4E2M1FN", "f6E2M3FN", "f6E3M2FN",
                                   "f8E4M3FN", "f8E5M2",   "f8E8M0FNU",
                                   "f16",      "bf16"};

Type mlirType(MLIRContext *ctx, EK kind) {
  Builder b(ctx);
  switch (kind) {
  case EK::F16:
    return b.getF16Type();
  case EK::BF16:
    return b.getBF16Type();
  case EK::F8E4M3FN:
    return b.getType<Float8E4M3FNType>();
  case EK::F8E5M2:
    return b.getType<Float8E5M2Type>();
  case EK::F8E8M0FNU:
    return b.getType<Float8E8M0FNUType>();
  case EK::F6E2M3FN:
    return b.getType<Float6E2M3FNType>();
  case EK::F6E3M2FN:
    return b.getType<Float6E3M2FNType>();
  case EK::F4E2M1FN:
    return b.getType<Float4E2M1FNType>();
  default:
    return b.getF32Type();
  }
}

/// Number of input patterns of a conversion.
uint64_t domainSize(const Conversion &c) {
  switch (c.op) {
  case ConversionOp::Trunc:
    return kF32Patterns;
  case ConversionOp::MXScale:
    return kF32Patterns / 2; // an amax has no sign bit
  case ConversionOp::Ext:
    return uint64_t(1) << codeBitWidth(c.kind);
  }
  return 0;
}

/// The reference result for one input pattern.
uint32_t expected(const Conversion &c, uint32_t bits) {
  switch (c.op) {
  case ConversionOp::Trunc: {
    float x;
    std::memcpy(&x, &bits, sizeof(x));
    return R::encode(c.kind, x, c.satfinite);
  }
  case ConversionOp::MXScale: {
    float amax;
    std::memcpy(&amax, &bits, sizeof(amax));
    return R::e8m0ScaleCode(amax, c.kind, c.rounding);
  }
  case ConversionOp::Ext: {
    float y = R::decodeF32(c.kind, bits);
    uint32_t out;
    std::memcpy(&out, &y, sizeof(out));
    return out;
  }
  }
  return 0;
}

//===----------------------------------------------------------------------===//
// Kernels: IR, lowering, JIT
//===----------------------------------------------------------------------===//

/// func @name(%in: memref<?xIn>, %out: memref<?xOut>): out[i] = body(in[i])
/// for i in [0, dim(in)), `lanes` elements per step (1: scalar loads and
/// stores; otherwise vector loads and stores, and dim(in) % lanes == 0).
void buildKernel(OpBuilder &b, ModuleOp module, StringRef name, Type inElt,
                 Type outElt, int64_t lanes,
                 function_ref<Value(OpBuilder &, Location, Value)> body) {
  Location loc = module.getLoc();
  MLIRContext *ctx = b.getContext();
  auto inType = MemRefType::get({ShapedType::kDynamic}, inElt);
  auto outType = MemRefType::get({ShapedType::kDynamic}, outElt);
  b.setInsertionPointToEnd(module.getBody());
  auto func = func::FuncOp::create(b, loc, name,
                                   b.getFunctionType({inType, outType}, {}));
  func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                UnitAttr::get(ctx));
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);
  Value in = entry->getArgument(0), out = entry->getArgument(1);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value step = arith::ConstantIndexOp::create(b, loc, lanes);
  Value n = memref::DimOp::create(b, loc, in, zero);
  scf::ForOp::create(b, loc, zero, n, step, ValueRange{},
                     [&](OpBuilder &lb, Location l, Value i, ValueRange) {
                       Value x, y;
                       if (lanes == 1) {
                         x = memref::LoadOp::create(lb, l, in, i);
                         y = body(lb, l, x);
                         memref::StoreOp::create(lb, l, y, out, i);
                       } else {
                         x = vector::LoadOp::create(
                             lb, l, VectorType::get({lanes}, inElt), in, i);
                         y = body(lb, l, x);
                         vector::StoreOp::create(lb, l, y, out, i);
                       }
                       scf::YieldOp::create(lb, l);
                     });
  b.setInsertionPointToEnd(entry);
  func::ReturnOp::create(b, loc);
}

/// The conversion's IR on one lane value (scalar or vector), exactly as
/// QuantDynToLinalg calls the builders.
Value buildConversion(OpBuilder &b, Location loc, const Conversion &c,
                      Value x) {
  MLIRContext *ctx = b.getContext();
  switch (c.op) {
  case ConversionOp::Trunc:
    return buildTruncFromF32(
        b, loc, x, *getNarrowFloatFormat(mlirType(ctx, c.kind)), c.satfinite);
  case ConversionOp::MXScale: {
    Type data = mlirType(ctx, c.kind);
    return buildE8M0Scale(b, loc, x, getMXEmax(data),
                          static_cast<float>(getQMax(data)),
                          c.rounding == R::ScaleRounding::RCeil)
        .code;
  }
  case ConversionOp::Ext:
    if (c.kind == EK::F8E8M0FNU)
      return buildE8M0ToF32(b, loc, x);
    return buildExtToF32(b, loc, x,
                         *getNarrowFloatFormat(mlirType(ctx, c.kind)));
  }
  return x;
}

/// Lowers the kernels to the LLVM dialect: the CPU pipeline's cleanup and
/// LLVM conversion stages (upstream passes).
LogicalResult lowerToLLVM(ModuleOp module) {
  PassManager pm(module.getContext());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  return pm.run(module);
}

/// LLVM -O3 without the loop and SLP vectorizers: the vector form is vector
/// code because the IR says so, and the scalar form stays scalar.
std::function<llvm::Error(llvm::Module *)>
makeTransformer(llvm::TargetMachine *machine) {
  return [machine](llvm::Module *m) -> llvm::Error {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PipelineTuningOptions tuning;
    tuning.LoopVectorization = false;
    tuning.SLPVectorization = false;
    llvm::PassBuilder pb(machine, tuning);
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    llvm::ModulePassManager mpm =
        pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
    mpm.run(*m, mam);
    return llvm::Error::success();
  };
}

using Memref = StridedMemRefType<uint32_t, 1>;
using KernelFn = void (*)(Memref *, Memref *);

struct Kernels {
  KernelFn vector = nullptr;
  KernelFn scalar = nullptr;
};

Memref makeMemref(uint32_t *data, int64_t n) {
  Memref m;
  m.basePtr = data;
  m.data = data;
  m.offset = 0;
  m.sizes[0] = n;
  m.strides[0] = 1;
  return m;
}

//===----------------------------------------------------------------------===//
// Inputs
//===----------------------------------------------------------------------===//

uint32_t bitsOf(float x) {
  uint32_t b;
  std::memcpy(&b, &x, sizeof(b));
  return b;
}

/// f32 patterns worth checking whatever the stride: zeros, subnormal and
/// normal boundaries, Inf, NaNs with several payloads, every value of the
/// f4 / f6 / f8 formats with the ties between neighbours and beyond the
/// largest finite value, f16 / bf16 boundaries, and the powers of two (times
/// each qmax) where the e8m0 exponent changes; each with its f32 neighbours.
std::vector<uint32_t> specialPatterns() {
  std::set<uint32_t> out;
  auto addWithNeighbours = [&](double v) {
    if (!(std::fabs(v) <= FLT_MAX))
      return;
    float f = static_cast<float>(v);
    if (static_cast<double>(f) != v)
      return; // only values exact in f32
    uint32_t b = bitsOf(f) & 0x7FFFFFFFu;
    for (uint32_t c : {b, b + 1, b - 1}) {
      if (c > 0x7F800000u)
        continue; // the neighbours of Inf are NaNs, listed below
      out.insert(c);
      out.insert(c | 0x80000000u);
    }
  };
  for (uint32_t b :
       {0x00000000u, 0x00000001u, 0x007FFFFFu, 0x00800000u, 0x3F800000u,
        0x7F7FFFFFu, 0x7F800000u, 0x7F800001u, 0x7FA00000u, 0x7FBFFFFFu,
        0x7FC00000u, 0x7FC00001u, 0x7FD55555u, 0x7FFFFFFFu})
    for (uint32_t s : {0u, 0x80000000u})
      out.insert(b | s);

  // Every finite value, the midpoints between neighbours (ties) and the
  // overflow boundary of the small formats; f16 / bf16 only at their ends.
  for (EK kind : {EK::F4E2M1FN, EK::F6E2M3FN, EK::F6E3M2FN, EK::F8E4M3FN,
                  EK::F8E5M2, EK::F16, EK::BF16}) {
    unsigned bits = codeBitWidth(kind);
    std::vector<double> values;
    for (uint32_t code = 0; code < (1u << (bits - 1)); ++code) {
      double v = R::decode(kind, code);
      if (std::isfinite(v))
        values.push_back(v);
    }
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    double beyond = 2 * values[n - 1] - values[n - 2];
    values.push_back(beyond);
    bool small = bits <= 8;
    for (size_t i = 0; i + 1 < values.size(); ++i) {
      // f16 / bf16: the smallest and largest values, those around 1, and
      // the binade starts (where the spacing doubles).
      bool edge = i < 4 || i + 6 > values.size() || values[i + 1] == 1.0;
      bool binadeStart =
          i > 0 && values[i] - values[i - 1] != values[i + 1] - values[i];
      if (!small && !edge && !binadeStart)
        continue;
      addWithNeighbours(values[i]);
      addWithNeighbours((values[i] + values[i + 1]) / 2);
    }
    addWithNeighbours(beyond);
    addWithNeighbours(2 * values[n - 1]);
  }

  // e8m0: floor(log2(amax)) changes at powers of two, and rceil at
  // qmax * 2^k.
  for (int k = -149; k <= 127; ++k) {
    addWithNeighbours(std::ldexp(1.0, k));
    for (double qmax : {6.0, 7.5, 28.0, 448.0, 57344.0})
      addWithNeighbours(std::ldexp(qmax, k));
  }
  return std::vector<uint32_t>(out.begin(), out.end());
}

//===----------------------------------------------------------------------===//
// Checking
//===----------------------------------------------------------------------===//

struct Options {
  std::set<std::string> formats;
  uint64_t stride = 1;
  uint64_t start = 0;
  std::optional<uint64_t> count;
  unsigned threads = 1;
  unsigned show = 5;
};

struct Mismatch {
  uint32_t input;
  uint32_t got;
  uint32_t expected;
  bool vector;
  bool operator<(const Mismatch &o) const {
    return std::tie(input, vector) < std::tie(o.input, o.vector);
  }
};

struct CheckResult {
  uint64_t patterns = 0;
  uint64_t mismatches = 0; // patterns where either form is wrong
  uint64_t vectorMismatches = 0;
  uint64_t scalarMismatches = 0;
  std::vector<Mismatch> first; // the smallest inputs, at most Options::show
  double seconds = 0;
};

/// Keeps the `limit` smallest mismatches.
void keepSmallest(std::vector<Mismatch> &list, const Mismatch &m,
                  unsigned limit) {
  if (limit == 0)
    return;
  auto it = std::upper_bound(list.begin(), list.end(), m);
  if (list.size() >= limit) {
    if (it == list.end())
      return;
    list.pop_back();
  }
  list.insert(it, m);
}

/// Runs the kernels of `c` over its patterns on options.threads threads and
/// compares every result with the reference.
CheckResult check(const Conversion &c, const Kernels &kernels,
                  const Options &options,
                  const std::vector<uint32_t> &allSpecials) {
  const uint64_t domain = domainSize(c);
  // Strided part: start, start + stride, ... below end. Ext conversions are
  // tiny and always exhaustive.
  uint64_t start = 0, end = domain, stride = 1;
  if (c.op != ConversionOp::Ext) {
    start = std::min(options.start, domain);
    end = options.count ? std::min(domain, start + *options.count) : domain;
    stride = options.stride;
  }
  const uint64_t numStrided =
      end > start ? (end - start + stride - 1) / stride : 0;
  std::vector<uint32_t> specials;
  bool complete = start == 0 && end == domain && stride == 1;
  if (!complete)
    for (uint32_t s : allSpecials)
      if (s < domain)
        specials.push_back(s);
  const uint64_t total = numStrided + specials.size();
  const uint64_t numChunks = (total + kChunk - 1) / kChunk;

  CheckResult result;
  result.patterns = total;
  std::atomic<uint64_t> nextChunk{0};
  std::mutex mutex;
  auto begin = std::chrono::steady_clock::now();

  auto worker = [&] {
    std::vector<uint32_t> in(kChunk), outV(kChunk), outS(kChunk);
    uint64_t mismatches = 0, vectorBad = 0, scalarBad = 0;
    std::vector<Mismatch> first;
    for (;;) {
      uint64_t chunk = nextChunk.fetch_add(1);
      if (chunk >= numChunks)
        break;
      uint64_t lo = chunk * kChunk, hi = std::min(total, lo + kChunk);
      int64_t n = static_cast<int64_t>(hi - lo);
      for (uint64_t k = lo; k < hi; ++k)
        in[k - lo] = k < numStrided ? static_cast<uint32_t>(start + k * stride)
                                    : specials[k - numStrided];
      // The vector form needs whole vectors: pad with the first input.
      int64_t padded = (n + kLanes - 1) / kLanes * kLanes;
      std::fill(in.begin() + n, in.begin() + padded, in[0]);
      Memref inV = makeMemref(in.data(), padded);
      Memref vOut = makeMemref(outV.data(), padded);
      kernels.vector(&inV, &vOut);
      Memref inS = makeMemref(in.data(), n);
      Memref sOut = makeMemref(outS.data(), n);
      kernels.scalar(&inS, &sOut);
      for (int64_t i = 0; i < n; ++i) {
        uint32_t want = expected(c, in[i]);
        bool badV = outV[i] != want, badS = outS[i] != want;
        if (!badV && !badS)
          continue;
        ++mismatches;
        vectorBad += badV;
        scalarBad += badS;
        if (badV)
          keepSmallest(first, {in[i], outV[i], want, true}, options.show);
        if (badS)
          keepSmallest(first, {in[i], outS[i], want, false}, options.show);
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    result.mismatches += mismatches;
    result.vectorMismatches += vectorBad;
    result.scalarMismatches += scalarBad;
    for (const Mismatch &m : first)
      keepSmallest(result.first, m, options.show);
  };

  unsigned numThreads = static_cast<unsigned>(
      std::min<uint64_t>(options.threads, std::max<uint64_t>(numChunks, 1)));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < numThreads; ++t)
    threads.emplace_back(worker);
  worker();
  for (std::thread &t : threads)
    t.join();
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
          .count();
  return result;
}

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

const char kUsage[] = R"(usage: quant-dyn-conversion-check [options]

Checks the f32 <-> narrow float conversions of the compiled code (the
FloatConversions.h builders, vector and scalar form, JIT-compiled) against the
scalar reference, bit for bit.

  --formats=LIST   comma-separated formats to check (default: all):
                   f4E2M1FN, f6E2M3FN, f6E3M2FN, f8E4M3FN, f8E5M2,
                   f8E8M0FNU (the OCP MX scale exponent), f16, bf16
  --stride=N       check every N-th f32 pattern, plus a fixed list of
                   special values (default 1: every pattern)
  --start=N        first pattern (default 0; 0x... accepted)
  --count=N        number of patterns from --start (default: to the end)
  --threads=N      worker threads (default: hardware concurrency)
  --show=N         mismatches printed per conversion (default 5)
  --list           list the selected conversions and exit
  --help           this text

The e8m0 scale takes the 2^31 patterns without the sign bit (an amax); the
narrow -> f32 conversions always check every code. Exit status: 0 when
everything matches, 1 on a mismatch, 2 on a bad option, 3 when the kernels
cannot be compiled.
)";

/// Parses an unsigned number (decimal or 0x hex) into `value`.
bool parseNumber(StringRef text, uint64_t &value) {
  unsigned radix = 10;
  if (text.consume_front("0x") || text.consume_front("0X"))
    radix = 16;
  if (text.empty() || !llvm::all_of(text, llvm::isHexDigit))
    return false;
  unsigned long long v;
  if (text.getAsInteger(radix, v))
    return false;
  value = v;
  return true;
}

/// Returns 0 when the options parse, else the exit status (2: bad option;
/// -1: --help / --list done, exit 0).
int parseOptions(int argc, char **argv, Options &options, bool &list) {
  auto fail = [](const std::string &message) {
    std::fprintf(stderr, "quant-dyn-conversion-check: error: %s\n",
                 message.c_str());
    std::fprintf(stderr, "(run with --help for the options)\n");
    return 2;
  };
  unsigned hw = std::thread::hardware_concurrency();
  options.threads = hw ? hw : 1;
  for (const char *f : kFormatKeys)
    options.formats.insert(f);
  for (int i = 1; i < argc; ++i) {
    StringRef arg(argv[i]);
    if (arg == "--help" || arg == "-help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return -1;
    }
    if (arg == "--list") {
      list = true;
      continue;
    }
    if (!arg.starts_with("--"))
      return fail("unexpected argument '" + arg.str() + "'");
    auto [key, value] = arg.drop_front(2).split('=');
    if (!arg.contains('='))
      return fail("option '--" + key.str() + "' needs a value (--" + key.str() +
                  "=...)");
    if (key == "formats") {
      options.formats.clear();
      SmallVector<StringRef> items;
      value.split(items, ',', -1, /*KeepEmpty=*/false);
      for (StringRef item : items) {
        item = item.trim();
        if (item == "all") {
          for (const char *f : kFormatKeys)
            options.formats.insert(f);
          continue;
        }
        if (!llvm::is_contained(kFormatKeys, item))
          return fail("unknown format '" + item.str() +
                      "' in --formats (valid: f4E2M1FN, f6E2M3FN, f6E3M2FN, "
                      "f8E4M3FN, f8E5M2, f8E8M0FNU, f16, bf16, all)");
        options.formats.insert(item.str());
      }
      if (options.formats.empty())
        return fail("--formats lists no format");
      continue;
    }
    uint64_t number = 0;
    bool parsed = parseNumber(value, number);
    if (key == "stride") {
      if (!parsed || number == 0 || number > kF32Patterns)
        return fail("--stride must be a number in [1, 2^32], not '" +
                    value.str() + "'");
      options.stride = number;
    } else if (key == "start") {
      if (!parsed || number >= kF32Patterns)
        return fail("--start must be a pattern in [0, 0xFFFFFFFF], not '" +
                    value.str() + "'");
      options.start = number;
    } else if (key == "count") {
      if (!parsed || number == 0 || number > kF32Patterns)
        return fail("--count must be a number in [1, 2^32], not '" +
                    value.str() + "'");
      options.count = number;
    } else if (key == "threads") {
      if (!parsed || number == 0 || number > 1024)
        return fail("--threads must be a number in [1, 1024], not '" +
                    value.str() + "'");
      options.threads = static_cast<unsigned>(number);
    } else if (key == "show") {
      if (!parsed || number > 1000)
        return fail("--show must be a number in [0, 1000], not '" +
                    value.str() + "'");
      options.show = static_cast<unsigned>(number);
    } else {
      return fail("unknown option '--" + key.str() + "'");
    }
  }
  return 0;
}

std::string hex(uint32_t v, unsigned bits) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%0*" PRIX32, static_cast<int>(bits / 4),
                v);
  return buf;
}

unsigned outputBits(const Conversion &c) {
  if (c.op == ConversionOp::Ext)
    return 32;
  if (c.op == ConversionOp::MXScale)
    return 8;
  return codeBitWidth(c.kind) <= 8 ? 8 : 16;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  bool list = false;
  if (int status = parseOptions(argc, argv, options, list))
    return status < 0 ? 0 : status;

  std::vector<Conversion> conversions;
  for (Conversion &c : allConversions())
    if (options.formats.count(c.format))
      conversions.push_back(c);
  if (list) {
    for (const Conversion &c : conversions)
      std::printf("%s\n", c.name.c_str());
    return 0;
  }

  // Build the vector and scalar kernel of every selected conversion in one
  // module and JIT-compile it once.
  auto jitBegin = std::chrono::steady_clock::now();
  std::unique_ptr<MLIRContext> context = createContext();
  context->loadDialect<arith::ArithDialect, func::FuncDialect,
                       memref::MemRefDialect, scf::SCFDialect,
                       vector::VectorDialect, LLVM::LLVMDialect>();
  OpBuilder b(context.get());
  OwningOpRef<ModuleOp> module = ModuleOp::create(b.getUnknownLoc());
  Type f32 = b.getF32Type(), i32 = b.getI32Type();
  for (const Conversion &c : conversions) {
    Type inElt = c.op == ConversionOp::Ext ? i32 : f32;
    Type outElt = c.op == ConversionOp::Ext ? f32 : i32;
    for (int64_t lanes : {kLanes, int64_t(1)})
      buildKernel(b, *module, c.symbol + (lanes == 1 ? "_scalar" : "_vector"),
                  inElt, outElt, lanes,
                  [&](OpBuilder &nb, Location l, Value x) {
                    return buildConversion(nb, l, c, x);
                  });
  }
  if (failed(verify(*module)) || failed(lowerToLLVM(*module))) {
    std::fprintf(stderr, "quant-dyn-conversion-check: error: cannot lower "
                         "the conversion kernels to LLVM\n");
    return 3;
  }
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createdMachine =
      createCPUTargetMachine(CPUTargetOptions());
  if (!createdMachine) {
    std::fprintf(stderr, "quant-dyn-conversion-check: error: %s\n",
                 llvm::toString(createdMachine.takeError()).c_str());
    return 3;
  }
  std::unique_ptr<llvm::TargetMachine> machine = std::move(*createdMachine);
  std::string cpu = machine->getTargetCPU().str();
  ExecutionEngineOptions engineOptions;
  // ExecutionEngineOptions holds a function_ref: keep the callable alive.
  std::function<llvm::Error(llvm::Module *)> transformer =
      makeTransformer(machine.get());
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine =
      ExecutionEngine::create(*module, engineOptions, std::move(machine));
  if (!engine) {
    std::fprintf(stderr,
                 "quant-dyn-conversion-check: error: JIT compilation failed: "
                 "%s\n",
                 llvm::toString(engine.takeError()).c_str());
    return 3;
  }
  std::vector<Kernels> kernels;
  for (const Conversion &c : conversions) {
    Kernels k;
    for (bool vec : {true, false}) {
      std::string name =
          "_mlir_ciface_" + c.symbol + (vec ? "_vector" : "_scalar");
      auto address = (*engine)->lookup(name);
      if (!address) {
        std::fprintf(stderr,
                     "quant-dyn-conversion-check: error: no symbol %s: %s\n",
                     name.c_str(), llvm::toString(address.takeError()).c_str());
        return 3;
      }
      (vec ? k.vector : k.scalar) = reinterpret_cast<KernelFn>(*address);
    }
    kernels.push_back(k);
  }
  double jitSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - jitBegin)
          .count();

  std::printf("quant-dyn-conversion-check: %zu conversions, %u thread%s, "
              "stride %" PRIu64 ", start 0x%08" PRIX64,
              conversions.size(), options.threads,
              options.threads == 1 ? "" : "s", options.stride, options.start);
  if (options.count)
    std::printf(", count %" PRIu64, *options.count);
  std::printf("; JIT for %s in %.2f s\n", cpu.c_str(), jitSeconds);
  std::fflush(stdout);

  std::vector<uint32_t> specials = specialPatterns();
  uint64_t totalPatterns = 0, totalMismatches = 0;
  double totalSeconds = 0;
  for (size_t i = 0; i < conversions.size(); ++i) {
    const Conversion &c = conversions[i];
    CheckResult r = check(c, kernels[i], options, specials);
    std::printf("%s: %" PRIu64 " patterns, %" PRIu64
                " mismatches (vector %" PRIu64 ", scalar %" PRIu64
                "), %.2f s\n",
                c.name.c_str(), r.patterns, r.mismatches, r.vectorMismatches,
                r.scalarMismatches, r.seconds);
    unsigned inBits =
        c.op == ConversionOp::Ext ? std::max(8u, codeBitWidth(c.kind)) : 32;
    for (const Mismatch &m : r.first)
      std::printf("  mismatch [%s] input %s: got %s, expected %s\n",
                  m.vector ? "vector" : "scalar", hex(m.input, inBits).c_str(),
                  hex(m.got, outputBits(c)).c_str(),
                  hex(m.expected, outputBits(c)).c_str());
    std::fflush(stdout);
    totalPatterns += r.patterns;
    totalMismatches += r.mismatches;
    totalSeconds += r.seconds;
  }
  std::printf("total: %" PRIu64 " patterns, %" PRIu64 " mismatches, %.2f s\n",
              totalPatterns, totalMismatches, totalSeconds);
  return totalMismatches ? 1 : 0;
}
