//===- GPUExecutableTest.cpp - GPUExecutable on host tensors --------------===//
//
// GPUExecutable's host-tensor entry points need the host memory ABI: an
// entry compiled with host-buffers=false takes device memrefs and must be
// refused with a message, never called on host pointers. An entry compiled
// with results-to-out-params and host buffers writes host outputs the
// caller owns, and nothing when a run-time check fails. The kernels run
// emulated on the host, so no GPU is needed.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Execution/GPUExecutable.h"

#include "quant-dyn-c/Runtime.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <cstring>

using namespace mlir;
using namespace mlir::quant_dyn;

namespace mlir::quant_dyn::test {
void registerTestPasses();
} // namespace mlir::quant_dyn::test

namespace {

::testing::AssertionResult hasMessage(llvm::Error error, StringRef expected) {
  if (!error)
    return ::testing::AssertionFailure() << "no error";
  std::string message = llvm::toString(std::move(error));
  if (StringRef(message).contains(expected))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "the message is: " << message;
}

constexpr const char *kAdd = R"mlir(
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @main(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %init = tensor.empty() : tensor<2x3xf32>
  %sum = linalg.generic {indexing_maps = [#map, #map, #map],
                         iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<2x3xf32>, tensor<2x3xf32>)
      outs(%init : tensor<2x3xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}
)mlir";

// A dynamic extent checked inside the body: MX blocks of 32.
constexpr const char *kMX = R"mlir(
func.func @main(%x: tensor<4x?xbf16>) -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<4x?xbf16>) -> (tensor<4x?xf8E4M3FN>, tensor<4x?xf8E8M0FNU>)
  return %q, %s : tensor<4x?xf8E4M3FN>, tensor<4x?xf8E8M0FNU>
}
)mlir";

/// A rank-2 memref descriptor (identity layout) on host memory.
struct MemRef2D {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
};

MemRef2D wrap2D(void *data, int64_t rows, int64_t cols) {
  return {data, data, 0, {rows, cols}, {cols, 1}};
}

/// Calls the C interface of `executable`'s entry on `descriptors` (arguments
/// then outputs); returns the kind of the run-time error it reported (0:
/// none).
int32_t callEntry(GPUExecutable &executable,
                  std::vector<MemRef2D *> descriptors) {
  std::vector<void *> args(descriptors.begin(), descriptors.end());
  std::vector<void *> packed;
  for (void *&arg : args)
    packed.push_back(&arg);
  quant_dyn_clear_error();
  executable.getHost().getPackedEntry()(packed.data());
  int32_t kind = quant_dyn_last_error_kind();
  quant_dyn_clear_error();
  return kind;
}

bool allBytesAre(const std::vector<uint8_t> &bytes, uint8_t value) {
  return llvm::all_of(bytes, [&](uint8_t b) { return b == value; });
}

class GPUExecutableTest : public ::testing::Test {
protected:
  // Installs the host emulation of GPU kernels (test/lib).
  static void SetUpTestSuite() { test::registerTestPasses(); }

  std::unique_ptr<GPUExecutable> compile(bool hostBuffers,
                                         bool outParams = false,
                                         const char *source = kAdd) {
    OwningOpRef<ModuleOp> module =
        parseSourceString<ModuleOp>(source, context.get());
    if (!module)
      return nullptr;
    GPUPipelineOptions options;
    options.emulate = true;
    options.hostBuffers = hostBuffers;
    options.resultsToOutParams = outParams;
    FailureOr<std::unique_ptr<GPUExecutable>> executable =
        GPUExecutable::compile(*module, "main", options);
    if (failed(executable))
      return nullptr;
    return std::move(*executable);
  }

  std::vector<HostTensor> inputs() const {
    // 1.0f, 2.0f, ... as f32 bit patterns.
    std::vector<uint32_t> codes = {0x3f800000, 0x40000000, 0x40400000,
                                   0x40800000, 0x40a00000, 0x40c00000};
    HostTensor tensor = HostTensor::fromCodes(ElementKind::F32, {2, 3}, codes);
    return {tensor, tensor};
  }

  std::unique_ptr<MLIRContext> context = createContext();
};

TEST_F(GPUExecutableTest, HostBuffersRunOnHostTensors) {
  std::unique_ptr<GPUExecutable> executable = compile(/*hostBuffers=*/true);
  ASSERT_TRUE(executable);
  EXPECT_TRUE(executable->usesHostBuffers());
  std::vector<HostTensor> outputs;
  llvm::Error error = executable->invoke(inputs(), outputs);
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  ASSERT_EQ(outputs.size(), 1u);
  // 2.0f, 4.0f, ... : each element added to itself.
  EXPECT_EQ(outputs[0].codes(),
            (std::vector<uint32_t>{0x40000000, 0x40800000, 0x40c00000,
                                   0x41000000, 0x41200000, 0x41400000}));
}

TEST_F(GPUExecutableTest, DeviceBuffersRefuseHostTensors) {
  std::unique_ptr<GPUExecutable> executable = compile(/*hostBuffers=*/false);
  ASSERT_TRUE(executable);
  EXPECT_FALSE(executable->usesHostBuffers());

  std::vector<HostTensor> outputs;
  EXPECT_TRUE(hasMessage(executable->invoke(inputs(), outputs),
                         "@main was compiled with host-buffers=false: its "
                         "entry takes device memrefs, not host tensors"));
  EXPECT_TRUE(outputs.empty());

  std::vector<double> millis;
  EXPECT_TRUE(hasMessage(
      executable->invokeTimed(inputs(), outputs, /*repeat=*/3, millis),
      "host-buffers=false"));
  EXPECT_TRUE(millis.empty());
}

TEST_F(GPUExecutableTest, HostOutParamsWriteHostOutputs) {
  std::unique_ptr<GPUExecutable> executable =
      compile(/*hostBuffers=*/true, /*outParams=*/true);
  ASSERT_TRUE(executable);
  EXPECT_TRUE(executable->usesHostBuffers());
  std::vector<HostTensor> outputs;
  EXPECT_TRUE(
      hasMessage(executable->invoke(inputs(), outputs), "use invokeInto"));
  std::vector<double> millis;
  std::vector<HostTensor> deviceOutputs = {
      HostTensor(ElementKind::F32, {2, 3})};
  EXPECT_TRUE(hasMessage(
      executable->invokeOnDevice(inputs(), deviceOutputs, 1, millis),
      "does not take device outputs (use invokeInto)"));

  std::vector<HostTensor> hostOutputs = {HostTensor(ElementKind::F32, {2, 3})};
  llvm::Error error =
      executable->invokeInto(inputs(), hostOutputs, /*repeat=*/2, millis);
  ASSERT_FALSE(error) << llvm::toString(std::move(error));
  EXPECT_EQ(millis.size(), 2u);
  EXPECT_EQ(hostOutputs[0].codes(),
            (std::vector<uint32_t>{0x40000000, 0x40800000, 0x40c00000,
                                   0x41000000, 0x41200000, 0x41400000}));

  // The C interface on caller-owned host buffers: a wrong output extent is
  // reported and the output keeps its bytes; the right one is written.
  std::vector<float> a = {1, 2, 3, 4, 5, 6};
  std::vector<uint8_t> out(2 * 4 * sizeof(float), 0xAB);
  MemRef2D da = wrap2D(a.data(), 2, 3), db = da;
  MemRef2D wrong = wrap2D(out.data(), 2, 4);
  EXPECT_EQ(callEntry(*executable, {&da, &db, &wrong}),
            QUANT_DYN_ERROR_OUTPUT_EXTENT);
  EXPECT_TRUE(allBytesAre(out, 0xAB));
  MemRef2D right = wrap2D(out.data(), 2, 3);
  EXPECT_EQ(callEntry(*executable, {&da, &db, &right}), 0);
  std::vector<float> sums(6);
  std::memcpy(sums.data(), out.data(), sizeof(float) * 6);
  EXPECT_EQ(sums, (std::vector<float>{2, 4, 6, 8, 10, 12}));
  // Exactly the output's 6 elements: the bytes after it are untouched.
  EXPECT_TRUE(allBytesAre(
      std::vector<uint8_t>(out.begin() + 6 * sizeof(float), out.end()),
      0xAB));
}

TEST_F(GPUExecutableTest, HostOutParamsFailedCheckWritesNothing) {
  std::unique_ptr<GPUExecutable> executable =
      compile(/*hostBuffers=*/true, /*outParams=*/true, kMX);
  ASSERT_TRUE(executable);
  // bf16 1.0 everywhere.
  std::vector<uint16_t> x(4 * 96, 0x3f80);
  std::vector<uint8_t> data(4 * 96, 0xAB), scales(4 * 3, 0xAB);
  // 95 columns: the outputs have the extents the shape rules give (so the
  // extent check passes), but the block rule fails inside the body.
  MemRef2D dx = wrap2D(x.data(), 4, 95), dd = wrap2D(data.data(), 4, 95),
           ds = wrap2D(scales.data(), 4, 3);
  EXPECT_EQ(callEntry(*executable, {&dx, &dd, &ds}),
            QUANT_DYN_ERROR_NOT_DIVISIBLE);
  EXPECT_TRUE(allBytesAre(data, 0xAB));
  EXPECT_TRUE(allBytesAre(scales, 0xAB));
  // A wrong scales extent: neither output is written.
  dx = wrap2D(x.data(), 4, 96);
  dd = wrap2D(data.data(), 4, 96);
  ds = wrap2D(scales.data(), 4, 2);
  EXPECT_EQ(callEntry(*executable, {&dx, &dd, &ds}),
            QUANT_DYN_ERROR_OUTPUT_EXTENT);
  EXPECT_TRUE(allBytesAre(data, 0xAB));
  EXPECT_TRUE(allBytesAre(scales, 0xAB));
  // 96 columns: both written.
  ds = wrap2D(scales.data(), 4, 3);
  EXPECT_EQ(callEntry(*executable, {&dx, &dd, &ds}), 0);
  EXPECT_FALSE(allBytesAre(data, 0xAB));
  EXPECT_FALSE(allBytesAre(scales, 0xAB));
}

} // namespace
