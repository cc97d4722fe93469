//===- GPUExecutableTest.cpp - GPUExecutable on host tensors --------------===//
//
// GPUExecutable's host-tensor entry points need the host memory ABI: an
// entry compiled with host-buffers=false takes device memrefs and must be
// refused with a message, never called on host pointers. The kernels run
// emulated on the host, so no GPU is needed.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Execution/GPUExecutable.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

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

class GPUExecutableTest : public ::testing::Test {
protected:
  // Installs the host emulation of GPU kernels (test/lib).
  static void SetUpTestSuite() { test::registerTestPasses(); }

  std::unique_ptr<GPUExecutable> compile(bool hostBuffers) {
    OwningOpRef<ModuleOp> module =
        parseSourceString<ModuleOp>(kAdd, context.get());
    if (!module)
      return nullptr;
    GPUPipelineOptions options;
    options.emulate = true;
    options.hostBuffers = hostBuffers;
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

} // namespace
