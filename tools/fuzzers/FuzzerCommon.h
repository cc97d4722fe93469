//===- FuzzerCommon.h - Shared set-up of the quant_dyn fuzz targets -*- C++ -*-===//
//
// The fuzz targets take MLIR text. They parse it into a fresh context that
// knows the dialects quant_dyn programs are written in (quant_dyn, func,
// arith, tensor), with diagnostics swallowed: errors are expected, crashes
// and broken invariants are the bugs being looked for.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TOOLS_FUZZERS_FUZZERCOMMON_H
#define QUANT_DYN_TOOLS_FUZZERS_FUZZERCOMMON_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace mlir::quant_dyn::fuzz {

/// A single-threaded context with the input dialects registered (and, with
/// `forPipeline`, everything the CPU pipeline needs) and a handler that
/// drops every diagnostic.
std::unique_ptr<MLIRContext> createFuzzContext(bool forPipeline);

/// Parses `data` as a module; null when it does not parse. Does not verify.
OwningOpRef<ModuleOp> parseFuzzInput(const uint8_t *data, size_t size,
                                     MLIRContext &context);

/// True when every op of `module` is from builtin, func, arith, tensor or
/// quant_dyn: the programs quant_dyn's users hand to the pipelines.
bool usesOnlyInputDialects(ModuleOp module);

/// Prints `message` and the module text, then aborts: a found bug.
[[noreturn]] void reportBug(const char *message, ModuleOp module);

} // namespace mlir::quant_dyn::fuzz

#endif // QUANT_DYN_TOOLS_FUZZERS_FUZZERCOMMON_H
