//===- quant-dyn-parse-fuzzer.cpp - Fuzz parsing and verification ---------===//
//
// libFuzzer target: arbitrary text is parsed with the quant_dyn dialect (and
// the func / arith / tensor dialects its programs use) and verified. A module
// that verifies must also survive a print / parse round trip in both the
// custom and the generic form, print identically afterwards, and verify
// again: parsers, printers, property (de)serialization and verifiers have
// to agree with each other.
//
//===----------------------------------------------------------------------===//

#include "FuzzerCommon.h"

#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

using namespace mlir;
using namespace mlir::quant_dyn::fuzz;

static std::string printModule(ModuleOp module, bool generic) {
  std::string text;
  llvm::raw_string_ostream os(text);
  OpPrintingFlags flags;
  if (generic)
    flags.printGenericOpForm();
  module->print(os, flags);
  return text;
}

/// Prints `module`, parses the text back into `context`, and checks that the
/// result verifies and prints to the same text.
static void checkRoundTrip(ModuleOp module, MLIRContext &context,
                           bool generic) {
  std::string text = printModule(module, generic);
  OwningOpRef<ModuleOp> reparsed = parseFuzzInput(
      reinterpret_cast<const uint8_t *>(text.data()), text.size(), context);
  if (!reparsed)
    reportBug(generic ? "generic form of a valid module does not parse"
                      : "custom form of a valid module does not parse",
              module);
  if (failed(verify(*reparsed)))
    reportBug("re-parsed module does not verify", module);
  if (printModule(*reparsed, generic) != text)
    reportBug(generic ? "generic form changes on a round trip"
                      : "custom form changes on a round trip",
              module);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::unique_ptr<MLIRContext> context = createFuzzContext(false);
  OwningOpRef<ModuleOp> module = parseFuzzInput(data, size, *context);
  if (!module || failed(verify(*module)))
    return 0;
  checkRoundTrip(*module, *context, /*generic=*/false);
  checkRoundTrip(*module, *context, /*generic=*/true);
  return 0;
}
