//===- CPUTarget.h - Host target resolution (private) -----------*- C++ -*-===//
//
// Shared by the ahead-of-time emitter and the JIT of CPUExecutable: both
// resolve CPUTargetOptions to the same triple, CPU name and feature string.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_LIB_COMPILER_CPUTARGET_H
#define QUANT_DYN_LIB_COMPILER_CPUTARGET_H

#include "quant-dyn/Compiler/Compiler.h"

#include "llvm/Support/CodeGen.h"
#include "llvm/TargetParser/Triple.h"

#include <string>
#include <vector>

namespace mlir::quant_dyn::detail {

struct ResolvedCPUTarget {
  llvm::Triple triple;
  std::string cpu;
  /// Features in -mattr form, host features (when the CPU is the host)
  /// first, the user's overrides after them (later entries win).
  std::vector<std::string> features;
};

/// Initializes the native LLVM target, asm printer and parser (once).
void initializeNativeTarget();

/// Resolves `options` for the host triple; fails with a message for an
/// unknown CPU or feature.
bool resolveCPUTarget(const CPUTargetOptions &options,
                      ResolvedCPUTarget &resolved, std::string &error);

/// LLVM code generation level for an optimization level 0-3.
llvm::CodeGenOptLevel getCodeGenOptLevel(unsigned optLevel);

} // namespace mlir::quant_dyn::detail

#endif // QUANT_DYN_LIB_COMPILER_CPUTARGET_H
