//===- TestPassRegistration.cpp - Register the testing aids ---------------===//

#include "TestPasses.h"

#include "quant-dyn/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::quant_dyn::test {
void registerTestPasses() {
  registerQuantDynNVVMTestPasses();
  // The GPU pipeline's `emulate` option runs the kernels as host loops.
  setGPUHostEmulationBuilder([](OpPassManager &funcPm) {
    funcPm.addPass(createGPUEmulateOnHostPass());
  });
}
} // namespace mlir::quant_dyn::test
