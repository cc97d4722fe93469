//===- CommandLine.h - Flags shared by the quant_dyn tools ------*- C++ -*-===//
//
// The tool-support library of quant-dyn-compile and quant-dyn-runner: one
// definition of the pipeline and code-generation flags, registered on demand
// (the mlir::registerPassManagerCLOptions pattern), so the two tools cannot
// drift apart. The host pipeline flags are CPUPipelineOptions' own: their
// names, defaults and descriptions come from that struct.
//
// Errors follow the rule of quant-dyn/Compiler/Compiler.h (llvm::Error for
// flag values); unlike the libraries, these messages name the tools' flags.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TOOLS_COMMANDLINE_H
#define QUANT_DYN_TOOLS_COMMANDLINE_H

#include "quant-dyn/Compiler/Compiler.h"

#include "llvm/Support/Error.h"

namespace llvm::cl {
class OptionCategory;
} // namespace llvm::cl

namespace mlir::quant_dyn {

/// Registers the host pipeline flags --vector-width, --num-threads and
/// --parallel (CPUPipelineOptions), the host code generation flags --mcpu,
/// --mattr and --opt-level (CPUTargetOptions) and the GPU flag
/// --device-opt-level (GPUPipelineOptions::optLevel, the NVVM / PTX code
/// generation). Call before llvm::cl::ParseCommandLineOptions.
void registerCompilerCLOptions();

/// Copies the values of the host pipeline flags into `options` (no-op when
/// the flags were not registered).
void applyCPUPipelineCLOptions(CPUPipelineOptions &options);

/// The host code generation flags (defaults when not registered).
CPUTargetOptions getCPUTargetCLOptions();

/// The value of --results-to-out-params (false when the flags are not
/// registered).
bool getResultsToOutParamsCLOption();

/// Copies --device-opt-level into `options` (no-op when not registered).
void applyGPUPipelineCLOptions(GPUPipelineOptions &options);

/// What the tool compiles for, so that flags the target does not read are
/// refused rather than ignored.
enum class CompilerTarget { CPU, NVVM };

/// Checks the flags above right after parsing, so a bad value or a flag
/// the target ignores is reported by flag name before any work: the values
/// checkCPUPipelineOptions takes, optimization levels at most 3, no host
/// pipeline flag for NVVM and no --device-opt-level for the CPU.
llvm::Error checkCompilerCLOptions(CompilerTarget target);

/// Keeps --help short: shows only the options of `toolCategory` and the
/// code generation options above; MLIR's --mlir-* debugging options move
/// to --help-hidden, LLVM's internal ones are hidden entirely (all keep
/// working).
void hideUnrelatedCLOptions(llvm::cl::OptionCategory &toolCategory);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_TOOLS_COMMANDLINE_H
