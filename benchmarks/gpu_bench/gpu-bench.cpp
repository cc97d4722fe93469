//===- gpu-bench.cpp - GPU bandwidth of the quant_dyn kernels -------------===//
//
// Compiles three quantizations with the GPU pipeline for the device at hand
// (device-resident ABI: host-buffers=false, so no PCIe copies are timed),
// runs each on device buffers and prints its effective bandwidth (bytes
// read + bytes written per second) beside a device-to-device copy of the
// largest input measured in the same run:
//
//   bf16 [R, C] -> NVFP4 quantize (f4E2M1FN data, e4m3 scales per 16, gs)
//   bf16 [R, C] -> MXFP8 quantize (f8E4M3FN data, e8m0 scales per 32)
//   f32  [R, C] -> u8 per-channel quantize_linear (scales and zps per column)
//
// Each timed call is one call of the compiled entry: it creates a stream,
// allocates its results (stream-ordered), launches its kernel(s) and waits.
// That fixed cost is measured on a tiny input of the same op and reported;
// "corrected" subtracts it. Times come from CUDA events around the calls.
//
// Without a GPU or driver it exits 1 with the driver's message.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Execution/GPUExecutable.h"

#include "quant-dyn-c/CUDARuntime.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>

using namespace mlir;
using namespace mlir::quant_dyn;
namespace cl = llvm::cl;

static cl::opt<int64_t> rows("rows", cl::desc("Rows of the input"),
                             cl::init(8192));
static cl::opt<int64_t> cols("cols",
                             cl::desc("Columns of the input (multiple of 32)"),
                             cl::init(8192));
static cl::opt<unsigned> repeat("repeat", cl::desc("Timed calls per kernel"),
                                cl::init(20));
static cl::opt<std::string>
    chipOption("chip", cl::desc("GPU architecture (default: the device's)"),
               cl::init(""));
static cl::opt<bool> cubin("cubin",
                           cl::desc("Load a cubin (ptxas at compile time) "
                                    "instead of PTX JIT-compiled by the "
                                    "driver"),
                           cl::init(false));

namespace {

[[noreturn]] void fail(const llvm::Twine &message) {
  llvm::errs() << "quant-dyn-gpu-bench: error: " << message << "\n";
  const char *cuda = quant_dyn_cuda_last_error();
  if (cuda)
    llvm::errs() << "  CUDA: " << cuda << "\n";
  std::exit(1);
}

/// A device buffer (freed on destruction).
struct DeviceBuffer {
  void *ptr = nullptr;
  size_t bytes = 0;
  explicit DeviceBuffer(size_t n) : bytes(n) {
    ptr = quant_dyn_cuda_malloc(std::max<size_t>(n, 1));
    if (!ptr)
      fail("cannot allocate " + llvm::Twine(n) + " bytes on the device");
  }
  ~DeviceBuffer() { quant_dyn_cuda_free(ptr); }
  DeviceBuffer(const DeviceBuffer &) = delete;
  DeviceBuffer &operator=(const DeviceBuffer &) = delete;
};

/// Memref descriptor words for a row-major buffer.
std::vector<uint64_t> descriptor(void *data, std::vector<int64_t> shape) {
  int64_t rank = shape.size();
  std::vector<uint64_t> words(3 + 2 * rank, 0);
  words[0] = words[1] = reinterpret_cast<uintptr_t>(data);
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    words[3 + d] = shape[d];
    words[3 + rank + d] = stride;
    stride *= shape[d];
  }
  return words;
}

struct Argument {
  std::vector<int64_t> shape;
  size_t bytes;
  std::vector<uint8_t> host; // initial contents
};

struct Case {
  std::string name;
  std::string ir;
  std::vector<Argument> args;
  std::vector<int64_t> resultRanks;
  size_t bytesMoved; // read + written by the op
};

std::string shapeText(int64_t r, int64_t c) {
  return std::to_string(r) + "x" + std::to_string(c);
}

std::vector<uint8_t> randomBytes(size_t count, unsigned elementBytes,
                                 std::mt19937 &rng) {
  std::vector<uint8_t> out(count * elementBytes);
  std::normal_distribution<float> dist(0.0f, 3.0f);
  for (size_t i = 0; i < count; ++i) {
    float v = dist(rng);
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    if (elementBytes == 2) {
      uint16_t b16 = bits >> 16;
      std::memcpy(&out[i * 2], &b16, 2);
    } else {
      std::memcpy(&out[i * 4], &bits, 4);
    }
  }
  return out;
}

std::vector<uint8_t> filledF32(size_t count, float value) {
  std::vector<uint8_t> out(count * 4);
  for (size_t i = 0; i < count; ++i)
    std::memcpy(&out[i * 4], &value, 4);
  return out;
}

std::vector<Case> makeCases(int64_t r, int64_t c, std::mt19937 &rng) {
  std::string s = shapeText(r, c);
  std::string nb16 = shapeText(r, c / 16), nb32 = shapeText(r, c / 32);
  size_t n = static_cast<size_t>(r * c);
  std::vector<Case> cases;
  cases.push_back(
      {"bf16 -> NVFP4 quantize",
       "func.func @main(%x: tensor<" + s +
           "xbf16>, %gs: tensor<f32>) -> (tensor<" + s + "xf4E2M1FN>, tensor<" +
           nb16 +
           "xf8E4M3FN>) {\n"
           "  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size "
           "= 16 : i64}"
           " : (tensor<" +
           s + "xbf16>, tensor<f32>) -> (tensor<" + s + "xf4E2M1FN>, tensor<" +
           nb16 + "xf8E4M3FN>)\n  return %q, %s : tensor<" + s +
           "xf4E2M1FN>, tensor<" + nb16 + "xf8E4M3FN>\n}\n",
       {{{r, c}, n * 2, randomBytes(n, 2, rng)}, {{}, 4, filledF32(1, 1.0f)}},
       {2, 2},
       n * 2 + n / 2 + n / 16});
  cases.push_back({"bf16 -> MXFP8 quantize",
                   "func.func @main(%x: tensor<" + s + "xbf16>) -> (tensor<" +
                       s + "xf8E4M3FN>, tensor<" + nb32 +
                       "xf8E8M0FNU>) {\n"
                       "  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, "
                       "block_size = 32 : i64}"
                       " : (tensor<" +
                       s + "xbf16>) -> (tensor<" + s + "xf8E4M3FN>, tensor<" +
                       nb32 + "xf8E8M0FNU>)\n  return %q, %s : tensor<" + s +
                       "xf8E4M3FN>, tensor<" + nb32 + "xf8E8M0FNU>\n}\n",
                   {{{r, c}, n * 2, randomBytes(n, 2, rng)}},
                   {2, 2},
                   n * 2 + n + n / 32});
  std::vector<uint8_t> zps(c, 128);
  cases.push_back(
      {"f32 -> u8 quantize_linear (per channel)",
       "func.func @main(%x: tensor<" + s + "xf32>, %s: tensor<" +
           std::to_string(c) + "xf32>, %z: tensor<" + std::to_string(c) +
           "xui8>) -> tensor<" + s +
           "xui8> {\n  %q = quant_dyn.quantize_linear %x, %s, %z {qtype = "
           "#quant_dyn.qtype<per_channel>, axis = 1 : i64} : (tensor<" +
           s + "xf32>, tensor<" + std::to_string(c) + "xf32>, tensor<" +
           std::to_string(c) + "xui8>) -> tensor<" + s +
           "xui8>\n  return %q : tensor<" + s + "xui8>\n}\n",
       {{{r, c}, n * 4, randomBytes(n, 4, rng)},
        {{c}, static_cast<size_t>(c) * 4, filledF32(c, 0.05f)},
        {{c}, static_cast<size_t>(c), zps}},
       {2},
       n * 4 + n + static_cast<size_t>(c) * 5});
  return cases;
}

struct Timing {
  double minMs, medianMs;
};

Timing summarize(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms.front(), ms[ms.size() / 2]};
}

/// Compiles `c` for the device and times `calls` calls (after one warm-up).
Timing runCase(const Case &c, const std::string &chip, unsigned calls) {
  std::unique_ptr<MLIRContext> context = createContext();
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(c.ir, context.get());
  if (!module)
    fail("cannot parse the " + c.name + " kernel");
  GPUPipelineOptions options;
  options.chip = chip;
  options.hostBuffers = false;
  auto exe = GPUExecutable::compile(*module, "main", options,
                                    cubin ? GPUBinaryFormat::Cubin
                                          : GPUBinaryFormat::PTX);
  if (failed(exe))
    fail("cannot compile the " + c.name + " kernel for " + chip);

  // Device inputs, filled once.
  std::vector<std::unique_ptr<DeviceBuffer>> buffers;
  std::vector<std::vector<uint64_t>> argWords;
  for (const Argument &arg : c.args) {
    buffers.push_back(std::make_unique<DeviceBuffer>(arg.bytes));
    if (quant_dyn_cuda_memcpy(buffers.back()->ptr, arg.host.data(), arg.bytes))
      fail("cannot copy an input of " + c.name + " to the device");
    argWords.push_back(descriptor(buffers.back()->ptr, arg.shape));
  }
  size_t resultWords = 0;
  for (int64_t rank : c.resultRanks)
    resultWords += 3 + 2 * rank;
  std::vector<uint64_t> results(resultWords, 0);
  std::vector<void *> cifaceArgs{results.data()};
  for (auto &words : argWords)
    cifaceArgs.push_back(words.data());
  std::vector<void *> packed;
  for (void *&arg : cifaceArgs)
    packed.push_back(&arg);
  auto entry = (*exe)->getHost().getPackedEntry();

  auto freeResults = [&] {
    size_t offset = 0;
    for (int64_t rank : c.resultRanks) {
      quant_dyn_cuda_free(reinterpret_cast<void *>(results[offset]));
      offset += 3 + 2 * rank;
    }
  };

  void *start = quant_dyn_cuda_event_create();
  void *stop = quant_dyn_cuda_event_create();
  std::vector<double> ms;
  for (unsigned i = 0; i <= calls; ++i) {
    quant_dyn_cuda_event_record(start, nullptr);
    entry(packed.data());
    quant_dyn_cuda_event_record(stop, nullptr);
    float elapsed = quant_dyn_cuda_event_elapsed_ms(start, stop);
    if (quant_dyn_cuda_last_error() || elapsed < 0)
      fail("running the " + c.name + " kernel failed");
    freeResults();
    if (i > 0) // the first call warms up (module load, JIT, pools)
      ms.push_back(elapsed);
  }
  quant_dyn_cuda_event_destroy(start);
  quant_dyn_cuda_event_destroy(stop);
  return summarize(ms);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "quant_dyn GPU benchmark\n");
  if (rows <= 0 || cols <= 0 || cols % 32 != 0 || repeat == 0)
    fail("--rows and --cols must be positive, --cols a multiple of 32, "
         "--repeat >= 1");
  if (repeat > 1000000)
    fail("--repeat=" + llvm::Twine(repeat.getValue()) +
         " is too large (at most 1000000)");
  // Before anything is allocated: the host inputs of all the cases (about
  // 16 bytes per element) must fit in memory, and no size may overflow.
  constexpr int64_t kHostBytesPerElement = 16;
  if (rows > std::numeric_limits<int64_t>::max() / cols / kHostBytesPerElement)
    fail("--rows=" + llvm::Twine(rows.getValue()) +
         " x --cols=" + llvm::Twine(cols.getValue()) +
         " is too large: the byte size overflows a 64-bit integer");
  uint64_t memory = getPhysicalMemorySize();
  uint64_t needed = static_cast<uint64_t>(rows * cols * kHostBytesPerElement);
  if (memory && needed > memory)
    fail("--rows=" + llvm::Twine(rows.getValue()) +
         " x --cols=" + llvm::Twine(cols.getValue()) + " needs about " +
         llvm::Twine(needed >> 20) + " MiB of host memory, more than the " +
         llvm::Twine(memory >> 20) + " MiB of this machine");

  llvm::Expected<CUDADeviceInfo> device = detectCUDADevice();
  if (!device)
    fail("this benchmark needs an NVIDIA GPU and its driver: " +
         llvm::toString(device.takeError()));
  std::string chip = device->chip;
  const std::string &description = device->description;
  if (!chipOption.empty())
    chip = chipOption;

  std::mt19937 rng(42);
  std::vector<Case> cases = makeCases(rows, cols, rng);

  // Device-to-device copy of the largest input (f32), read + write counted.
  size_t copyBytes = static_cast<size_t>(rows * cols) * 4;
  Timing copy;
  {
    DeviceBuffer src(copyBytes), dst(copyBytes);
    void *start = quant_dyn_cuda_event_create();
    void *stop = quant_dyn_cuda_event_create();
    std::vector<double> ms;
    for (unsigned i = 0; i <= repeat; ++i) {
      quant_dyn_cuda_event_record(start, nullptr);
      quant_dyn_cuda_memcpy(dst.ptr, src.ptr, copyBytes);
      quant_dyn_cuda_event_record(stop, nullptr);
      float elapsed = quant_dyn_cuda_event_elapsed_ms(start, stop);
      if (quant_dyn_cuda_last_error() || elapsed < 0)
        fail("the device-to-device copy failed");
      if (i > 0)
        ms.push_back(elapsed);
    }
    quant_dyn_cuda_event_destroy(start);
    quant_dyn_cuda_event_destroy(stop);
    copy = summarize(ms);
  }
  double copyGBs = 2.0 * copyBytes / (copy.minMs * 1e6);

  llvm::outs() << "quant_dyn GPU benchmark on " << description << " as " << chip
               << ": " << rows << "x" << cols << ", best of " << repeat
               << " calls (" << (cubin ? "cubin" : "PTX") << ")\n";
  llvm::outs() << llvm::format("%-42s %9s %9s %11s %11s %9s\n", "kernel",
                               "min ms", "median ms", "GB/s", "corr. GB/s",
                               "vs copy");
  llvm::outs() << llvm::format("%-42s %9.3f %9.3f %11.1f %11s %9.2f\n",
                               "device-to-device copy (f32 input bytes)",
                               copy.minMs, copy.medianMs, copyGBs, "-", 1.0);
  std::vector<Case> tiny = makeCases(1, 32, rng);
  for (size_t i = 0; i < cases.size(); ++i) {
    Timing t = runCase(cases[i], chip, repeat);
    // Fixed cost of one call (stream, allocations, launch, wait).
    Timing overhead = runCase(tiny[i], chip, repeat);
    double gbs = cases[i].bytesMoved / (t.minMs * 1e6);
    double kernelMs = t.minMs - overhead.minMs;
    if (kernelMs > 0) {
      double corrected = cases[i].bytesMoved / (kernelMs * 1e6);
      llvm::outs() << llvm::format("%-42s %9.3f %9.3f %11.1f %11.1f %9.2f\n",
                                   cases[i].name.c_str(), t.minMs, t.medianMs,
                                   gbs, corrected, corrected / copyGBs);
    } else {
      // The call is all fixed cost: the input is too small to measure.
      llvm::outs() << llvm::format("%-42s %9.3f %9.3f %11.1f %11s %9.2f\n",
                                   cases[i].name.c_str(), t.minMs, t.medianMs,
                                   gbs, "n/a", gbs / copyGBs);
    }
    llvm::outs() << llvm::format("  (fixed cost of one call: %.3f ms)\n",
                                 overhead.minMs);
  }
  return 0;
}
