//===- cpu-bench.cpp - CPU bandwidth of the quant_dyn kernels -------------===//
//
// Compiles five kernels through the CPU pipeline in one process, runs each
// on the same number of elements, and prints the input bandwidth (bytes of
// input consumed per second) beside memcpy of the same input bytes measured
// in the same run:
//   f32 -> NVFP4 quantize (blocks of 16, e4m3 scales, double quant)
//   bf16 -> MXFP8 quantize (blocks of 32, e8m0 scales)
//   each also with scale_layout = swizzled_128x4 (GEMM-ready scales)
//   f32 -> u8 per-tensor quantize_linear
// The timed calls go round-robin over memcpy and the kernels (one timed call
// of each per round), so load from other processes falls on all of them
// alike.
// With --block-shapes, the block_shape families instead: bf16 -> f8E4M3FN
// with f32 scales in blocks of 1x128, 16x16, 128x128, 128x1, 1x-1, -1x1 and
// -1x-1 (per-tensor), beside memcpy of the bf16 input bytes.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Execution/CPUExecutable.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <thread>

using namespace mlir;
using namespace mlir::quant_dyn;

static llvm::cl::opt<int64_t> rows("bench-rows", llvm::cl::desc("Rows of the input"),
                                   llvm::cl::init(8192));
static llvm::cl::opt<int64_t> cols("bench-cols", llvm::cl::desc("Columns of the input"),
                                   llvm::cl::init(8192));
static llvm::cl::opt<unsigned> repeat("bench-repeat", llvm::cl::desc("Timed runs per kernel"),
                                      llvm::cl::init(10));
static llvm::cl::opt<unsigned> threads(
    "num-threads", llvm::cl::desc("Threads for the kernels (0: all cores)"),
    llvm::cl::init(0));
static llvm::cl::opt<unsigned> vectorWidth(
    "vector-width",
    llvm::cl::desc("Widest vector registers of the kernels, in bits (0: "
                   "automatic, 128, 256 or 512)"),
    llvm::cl::init(0));

static llvm::cl::opt<bool> blockShapes(
    "block-shapes",
    llvm::cl::desc("Benchmark the block_shape families (bf16 -> f8E4M3FN, "
                   "f32 scales) instead of the NVFP4 / MXFP8 / linear kernels"),
    llvm::cl::init(false));

static llvm::cl::list<std::string> onlyShapes(
    "shapes",
    llvm::cl::desc("With --block-shapes: only these block shapes (e.g. "
                   "--shapes=1x128,-1x-1)"),
    llvm::cl::CommaSeparated);

namespace {
struct Kernel {
  std::string name;
  std::string ir;
  std::vector<HostTensor> inputs;
};

struct Stats {
  double minMs, medianMs;
};

Stats summarize(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms.front(), ms[ms.size() / 2]};
}

std::string shapeText() {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

HostTensor randomTensor(ElementKind kind, std::vector<int64_t> shape,
                        std::mt19937 &rng) {
  HostTensor t(kind, shape);
  std::normal_distribution<float> dist(0.0f, 3.0f);
  for (int64_t i = 0, e = t.numElements(); i < e; ++i) {
    float v = dist(rng);
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    t.setCode(i, kind == ElementKind::BF16 ? bits >> 16 : bits);
  }
  return t;
}

/// Host buffers that are kept when released and handed out again for a
/// request of the same size: a kernel called once per round gets its
/// already faulted-in buffers back.
class ReusedHostMemory : public CPUExecutable::BufferMemory {
public:
  ~ReusedHostMemory() override {
    for (auto &[bytes, buffers] : free)
      for (void *buffer : buffers)
        std::free(buffer);
  }
  void *allocate(size_t bytes) override {
    std::vector<void *> &buffers = free[bytes];
    if (!buffers.empty()) {
      void *buffer = buffers.back();
      buffers.pop_back();
      return buffer;
    }
    void *buffer = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (buffer) {
      std::memset(buffer, 0, bytes);
      sizes[buffer] = bytes;
    }
    return buffer;
  }
  void release(void *buffer) override { free[sizes.at(buffer)].push_back(buffer); }
  void copyIn(void *buffer, const void *host, size_t bytes) override {
    std::memcpy(buffer, host, bytes);
  }
  void copyOut(void *host, const void *buffer, size_t bytes) override {
    std::memcpy(host, buffer, bytes);
  }
  void synchronize() override {}

private:
  std::map<size_t, std::vector<void *>> free;
  std::map<void *, size_t> sizes;
};

HostTensor scalarF32(float v, std::vector<int64_t> shape) {
  HostTensor t(ElementKind::F32, shape);
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  t.setCode(0, bits);
  return t;
}
} // namespace

static int fail(const llvm::Twine &message) {
  llvm::errs() << "quant-dyn-cpu-bench: error: " << message << "\n";
  return 1;
}

/// Peak host bytes per input element: the f32, bf16 and f32 inputs (10),
/// the memcpy destination (4), a kernel's prepared and working copies of
/// its input (8) and its results (at most 2).
constexpr int64_t kBytesPerElement = 24;

int main(int argc, char **argv) {
  llvm::cl::ParseCommandLineOptions(argc, argv, "quant_dyn CPU benchmark\n");
  if (rows <= 0 || cols <= 0 || cols % 32 != 0 || repeat == 0)
    return fail("--bench-rows and --bench-cols must be positive, "
                "--bench-cols a multiple of 32, --bench-repeat >= 1");
  // Each timed run keeps its time.
  if (repeat > 1000000)
    return fail("--bench-repeat=" + llvm::Twine(repeat.getValue()) +
                " is too large (at most 1000000)");
  // Sizes are checked before anything is allocated: an overflowing or
  // absurd shape is an error, not a wrapped size or std::bad_alloc.
  uint64_t memory = getPhysicalMemorySize();
  if (rows > std::numeric_limits<int64_t>::max() / cols / kBytesPerElement)
    return fail("--bench-rows=" + llvm::Twine(rows.getValue()) +
                " x --bench-cols=" + llvm::Twine(cols.getValue()) +
                " is too large: the byte size overflows a 64-bit integer");
  uint64_t needed = static_cast<uint64_t>(rows * cols * kBytesPerElement);
  if (memory && needed > memory)
    return fail("--bench-rows=" + llvm::Twine(rows.getValue()) +
                " x --bench-cols=" + llvm::Twine(cols.getValue()) +
                " needs about " + llvm::Twine(needed >> 20) +
                " MiB of memory, more than the " + llvm::Twine(memory >> 20) +
                " MiB of this machine");
  CPUPipelineOptions checkedOptions;
  checkedOptions.numThreads = threads;
  checkedOptions.vectorWidth = vectorWidth;
  if (llvm::Error error = checkCPUPipelineOptions(checkedOptions))
    return fail("--" + llvm::toString(std::move(error)));

  std::mt19937 rng(42);
  std::string s = shapeText();
  std::vector<Kernel> kernels;
  if (blockShapes) {
    HostTensor x = randomTensor(ElementKind::BF16, {rows, cols}, rng);
    for (auto [br, bc] : std::vector<std::pair<int64_t, int64_t>>{
             {1, 128}, {16, 16}, {128, 128}, {128, 1}, {1, -1}, {-1, 1},
             {-1, -1}}) {
      auto numBlocks = [](int64_t extent, int64_t block) {
        return block == -1 ? 1 : (extent + block - 1) / block;
      };
      std::string shape = std::to_string(br) + "x" + std::to_string(bc);
      if (!onlyShapes.empty() && !llvm::is_contained(onlyShapes, shape))
        continue;
      std::string scales = std::to_string(numBlocks(rows, br)) + "x" +
                           std::to_string(numBlocks(cols, bc));
      kernels.push_back(
          {"bf16 -> f8 blocks " + shape,
           "func.func @main(%x: tensor<" + s + "xbf16>) -> (tensor<" + s +
               "xf8E4M3FN>, tensor<" + scales + "xf32>) {\n"
               "  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: " +
               std::to_string(br) + ", " + std::to_string(bc) +
               ">} : (tensor<" + s + "xbf16>) -> (tensor<" + s +
               "xf8E4M3FN>, tensor<" + scales + "xf32>)\n  return %q, %s : "
               "tensor<" + s + "xf8E4M3FN>, tensor<" + scales + "xf32>\n}\n",
           {x}});
    }
  }
  // Scales of blocks of `block` along the columns, row-major or in the
  // swizzled_128x4 layout.
  auto scaleShape = [&](int64_t block, bool swizzled) {
    int64_t numCols = cols / block;
    if (!swizzled)
      return std::to_string(rows) + "x" + std::to_string(numCols);
    return std::to_string((rows + 127) / 128) + "x" +
           std::to_string((numCols + 3) / 4) + "x32x4x4";
  };
  if (!blockShapes) {
    HostTensor nvfp4Input = randomTensor(ElementKind::F32, {rows, cols}, rng);
    HostTensor mxfp8Input = randomTensor(ElementKind::BF16, {rows, cols}, rng);
    auto layoutOf = [](bool swizzled) -> std::string {
      return swizzled ? ", scale_layout = #quant_dyn.scale_layout<swizzled_128x4>"
                      : "";
    };
    // Each swizzled kernel right after its linear one.
    for (bool swizzled : {false, true}) {
      std::string layout = layoutOf(swizzled);
      std::string nb16 = scaleShape(16, swizzled);
      kernels.push_back(
          {"f32 -> NVFP4 quantize" + std::string(swizzled ? " (swizzled)" : ""),
           "func.func @main(%x: tensor<" + s + "xf32>, %gs: tensor<f32>) -> (tensor<" + s +
               "xf4E2M1FN>, tensor<" + nb16 + "xf8E4M3FN>) {\n"
               "  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64" +
               layout + "} : (tensor<" + s + "xf32>, tensor<f32>) -> (tensor<" + s +
               "xf4E2M1FN>, tensor<" + nb16 + "xf8E4M3FN>)\n  return %q, %s : tensor<" + s +
               "xf4E2M1FN>, tensor<" + nb16 + "xf8E4M3FN>\n}\n",
           {nvfp4Input, scalarF32(1.0f, {})}});
    }
    for (bool swizzled : {false, true}) {
      std::string layout = layoutOf(swizzled);
      std::string nb32 = scaleShape(32, swizzled);
      kernels.push_back(
          {"bf16 -> MXFP8 quantize" + std::string(swizzled ? " (swizzled)" : ""),
           "func.func @main(%x: tensor<" + s + "xbf16>) -> (tensor<" + s +
               "xf8E4M3FN>, tensor<" + nb32 + "xf8E8M0FNU>) {\n"
               "  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64" +
               layout + "} : (tensor<" + s + "xbf16>) -> (tensor<" + s + "xf8E4M3FN>, tensor<" +
               nb32 + "xf8E8M0FNU>)\n  return %q, %s : tensor<" + s + "xf8E4M3FN>, tensor<" +
               nb32 + "xf8E8M0FNU>\n}\n",
           {mxfp8Input}});
    }
    HostTensor zp(ElementKind::UI8, {1});
    zp.setCode(0, 128);
    kernels.push_back(
        {"f32 -> u8 quantize_linear",
         "func.func @main(%x: tensor<" + s + "xf32>, %s: tensor<1xf32>, %z: tensor<1xui8>)"
             " -> tensor<" + s + "xui8> {\n"
             "  %q = quant_dyn.quantize_linear %x, %s, %z : (tensor<" + s +
             "xf32>, tensor<1xf32>, tensor<1xui8>) -> tensor<" + s + "xui8>\n"
             "  return %q : tensor<" + s + "xui8>\n}\n",
         {randomTensor(ElementKind::F32, {rows, cols}, rng), scalarF32(0.05f, {1}), zp}});
  }

  if (kernels.empty())
    return fail("--shapes selects none of the block shapes");
  // memcpy of the largest input's bytes, timed in the same rounds as the
  // kernels and like them: the second of two calls.
  size_t f32Bytes = kernels[0].inputs[0].bytes.size();
  std::vector<uint8_t> dst(f32Bytes);
  std::memcpy(dst.data(), kernels[0].inputs[0].bytes.data(), f32Bytes);
  std::vector<double> copyMs;
  auto timeCopy = [&] {
    std::memcpy(dst.data(), kernels[0].inputs[0].bytes.data(), f32Bytes);
    auto t0 = std::chrono::steady_clock::now();
    std::memcpy(dst.data(), kernels[0].inputs[0].bytes.data(), f32Bytes);
    auto t1 = std::chrono::steady_clock::now();
    copyMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  };

  // Every kernel is compiled first; then the timed calls go round-robin
  // over memcpy and the kernels (one timed call of each per round), so that
  // load from other processes and the machine's slow phases fall on all of
  // them alike and rows compare within one run (the swizzled kernels with
  // the linear ones, every kernel with memcpy).
  struct Compiled {
    Kernel *kernel;
    std::unique_ptr<CPUExecutable> exe;
    std::vector<HostTensor> outputs;
    std::vector<double> ms;
  };
  std::vector<Compiled> compiled;
  for (Kernel &k : kernels) {
    auto context = createContext();
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(k.ir, context.get());
    if (!module)
      return fail("cannot parse the " + k.name + " kernel");
    CPUPipelineOptions options;
    options.numThreads = threads;
    options.vectorWidth = vectorWidth;
    // What an embedder gets: outputs allocated once by the caller (the
    // out-params ABI), as quant-dyn-runner --time measures.
    options.resultsToOutParams = true;
    auto exe = CPUExecutable::compile(*module, "main", options);
    if (failed(exe))
      return fail("cannot compile the " + k.name + " kernel");
    Compiled c{&k, std::move(*exe), {}, {}};
    for (const TensorSignature &result : c.exe->getSignature().results)
      c.outputs.emplace_back(result.kind, result.shape);
    compiled.push_back(std::move(c));
  }
  // The buffers of each call come from a pool that keeps them between
  // calls, so no call faults its pages in inside the timed span.
  ReusedHostMemory buffers;
  int status = 0;
  std::vector<bool> failedKernel(compiled.size(), false);
  // Each round calls every kernel twice and times the second call: on the
  // development VM the first call after the other kernels ran was up to 2x
  // slower (for every kernel alike: sleeping OpenMP workers, cold caches),
  // which a caller that quantizes in a loop does not see. One round for
  // warm-up (it faults the buffers in), then the timed ones.
  for (unsigned round = 0; round <= repeat; ++round) {
    if (round > 0)
      timeCopy();
    for (auto [i, c] : llvm::enumerate(compiled)) {
      if (failedKernel[i])
        continue;
      std::vector<double> ms;
      if (llvm::Error error =
              c.exe->invokeInto(c.kernel->inputs, c.outputs, /*repeat=*/2,
                                ms, &buffers)) {
        fail(c.kernel->name + ": " + llvm::toString(std::move(error)));
        failedKernel[i] = true;
        status = 1;
        continue;
      }
      if (round > 0)
        c.ms.push_back(ms.back());
    }
  }
  Stats copy = summarize(copyMs);
  double copyGBs = f32Bytes / (copy.minMs * 1e6);

  unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  llvm::outs() << "quant_dyn CPU benchmark: " << rows << "x" << cols << " = "
               << rows * cols << " elements, best of " << repeat
               << " runs, threads=" << (threads ? threads : hw) << "\n";
  llvm::outs() << llvm::format("%-34s %10s %10s %12s %10s\n", "kernel", "min ms",
                               "median ms", "input GB/s", "vs memcpy");
  llvm::outs() << llvm::format("%-34s %10.2f %10.2f %12.2f %10.2f\n",
                               blockShapes ? "memcpy (bf16 input bytes)"
                                           : "memcpy (f32 input bytes)",
                               copy.minMs,
                               copy.medianMs, copyGBs, 1.0);
  for (auto [i, c] : llvm::enumerate(compiled)) {
    if (failedKernel[i])
      continue;
    Stats st = summarize(c.ms);
    size_t inBytes = c.kernel->inputs[0].bytes.size();
    double gbs = inBytes / (st.minMs * 1e6);
    llvm::outs() << llvm::format("%-34s %10.2f %10.2f %12.2f %10.2f\n",
                                 c.kernel->name.c_str(), st.minMs, st.medianMs,
                                 gbs, gbs / copyGBs);
  }
  return status;
}
