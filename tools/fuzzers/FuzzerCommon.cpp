//===- FuzzerCommon.cpp - Shared set-up of the quant_dyn fuzz targets -----===//

#include "FuzzerCommon.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"
#include "quant-dyn/InitAll.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;

std::unique_ptr<MLIRContext>
mlir::quant_dyn::fuzz::createFuzzContext(bool forPipeline) {
  DialectRegistry registry;
  if (forPipeline)
    quant_dyn::registerAllDialects(registry);
  else
    registry.insert<quant_dyn::QuantDynDialect, func::FuncDialect,
                    arith::ArithDialect, tensor::TensorDialect>();
  // A thread pool per input would dominate the run time.
  auto context = std::make_unique<MLIRContext>(
      registry, MLIRContext::Threading::DISABLED);
  context->getDiagEngine().registerHandler(
      [](Diagnostic &) { return success(); });
  return context;
}

OwningOpRef<ModuleOp>
mlir::quant_dyn::fuzz::parseFuzzInput(const uint8_t *data, size_t size,
                                      MLIRContext &context) {
  // The lexer relies on the buffer's terminating NUL: parse a copy.
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size),
          "fuzz-input"),
      llvm::SMLoc());
  ParserConfig config(&context, /*verifyAfterParse=*/false);
  return parseSourceFile<ModuleOp>(sourceMgr, config);
}

bool mlir::quant_dyn::fuzz::usesOnlyInputDialects(ModuleOp module) {
  WalkResult result = module->walk([](Operation *op) {
    llvm::StringRef ns = op->getName().getDialectNamespace();
    if (ns == "builtin" || ns == "func" || ns == "arith" || ns == "tensor" ||
        ns == "quant_dyn")
      return WalkResult::advance();
    return WalkResult::interrupt();
  });
  return !result.wasInterrupted();
}

void mlir::quant_dyn::fuzz::reportBug(const char *message, ModuleOp module) {
  llvm::errs() << "quant_dyn fuzz bug: " << message << "\n";
  module->print(llvm::errs(), OpPrintingFlags().printGenericOpForm());
  llvm::errs() << "\n";
  llvm::errs().flush();
  std::abort();
}
