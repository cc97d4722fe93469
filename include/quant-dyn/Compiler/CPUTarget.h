//===- CPUTarget.h - Host target resolution ---------------------*- C++ -*-===//
//
// Shared by the ahead-of-time emitter (emitCPUCode) and the JIT of the
// execution library (CPUExecutable): both resolve CPUTargetOptions to the
// same triple, CPU name and feature string, so JIT-compiled and emitted
// code are the same machine code.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_COMPILER_CPUTARGET_H
#define QUANT_DYN_COMPILER_CPUTARGET_H

#include "quant-dyn/Compiler/Compiler.h"

#include "llvm/Support/CodeGen.h"
#include "llvm/Support/Error.h"
#include "llvm/TargetParser/Triple.h"

#include <string>
#include <vector>

namespace mlir::quant_dyn {

struct ResolvedCPUTarget {
  llvm::Triple triple;
  std::string cpu;
  /// Features in -mattr form, host features (when the CPU is the host)
  /// first, the user's overrides after them (later entries win).
  std::vector<std::string> features;
};

/// Initializes the native LLVM target, asm printer and parser (once).
void initializeNativeTarget();

/// Resolves `options` for the host triple; fails for an unknown CPU or
/// feature, or an optimization level above 3.
llvm::Expected<ResolvedCPUTarget>
resolveCPUTarget(const CPUTargetOptions &options);

/// LLVM code generation level for an optimization level 0-3.
llvm::CodeGenOptLevel getCodeGenOptLevel(unsigned optLevel);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_COMPILER_CPUTARGET_H
