//===- quant-dyn-opt.cpp - quant_dyn optimizer driver ---------------------===//

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/InitAll.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "llvm/Support/SourceMgr.h"

#ifdef QUANT_DYN_INCLUDE_TESTS
namespace mlir::quant_dyn::test {
void registerTestPasses();
} // namespace mlir::quant_dyn::test
#endif

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::quant_dyn::registerAllDialects(registry);
  mlir::quant_dyn::registerAllPasses();
#ifdef QUANT_DYN_INCLUDE_TESTS
  mlir::quant_dyn::test::registerTestPasses();
#endif
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "quant_dyn optimizer driver\n", registry);
  // Refused before the upstream parser sees them: a device never ends and
  // thousands of nested brackets overflow the parser's stack. A context of
  // its own reports that, with the source line.
  {
    mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
    llvm::SourceMgr sourceMgr;
    mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    if (mlir::failed(
            mlir::quant_dyn::checkSourceFileLimits(inputFilename, context)))
      return 1;
  }
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));
}
