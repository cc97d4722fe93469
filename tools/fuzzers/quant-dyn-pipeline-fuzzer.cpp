//===- quant-dyn-pipeline-fuzzer.cpp - Fuzz the CPU pipeline --------------===//
//
// libFuzzer target: every module that parses and verifies, and is written
// in the dialects quant_dyn programs use (quant_dyn, func, arith, tensor),
// goes through the CPU pipeline (quant-dyn-cpu-pipeline, as quant-dyn-compile
// runs it) and, when that succeeds, the translation to optimized LLVM IR.
// Failing with a diagnostic is fine; crashing, or producing LLVM-dialect IR
// that does not verify or translate, is a bug.
//
//===----------------------------------------------------------------------===//

#include "FuzzerCommon.h"

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/Pipelines/Pipelines.h"

#include "mlir/IR/Verifier.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

using namespace mlir;
using namespace mlir::quant_dyn;
using namespace mlir::quant_dyn::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::unique_ptr<MLIRContext> context = createFuzzContext(true);
  OwningOpRef<ModuleOp> module = parseFuzzInput(data, size, *context);
  if (!module || !usesOnlyInputDialects(*module) || failed(verify(*module)))
    return 0;
  std::string input;
  {
    llvm::raw_string_ostream os(input);
    module->print(os, OpPrintingFlags().printGenericOpForm());
  }

  CPUPipelineOptions options;
  if (failed(lowerForCPU(*module, options)))
    return 0;
  if (failed(verify(*module)))
    reportBug("the CPU pipeline produced invalid IR", *module);

  CPUTargetOptions target;
  target.optLevel = 2;
  std::string llvmIR;
  llvm::raw_string_ostream os(llvmIR);
  if (llvm::Error error =
          emitCPUCode(*module, CPUEmitKind::LLVMIR, target, os)) {
    llvm::errs() << "input module:\n"
                 << input << "\nerror: " << llvm::toString(std::move(error))
                 << "\n";
    reportBug("a module the CPU pipeline accepted does not translate to LLVM "
              "IR",
              *module);
  }
  return 0;
}
