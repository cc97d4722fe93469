//===- CommandLine.cpp - Flags shared by the quant_dyn tools --------------===//
//
// One definition of the pipeline and code-generation flags of
// quant-dyn-compile and quant-dyn-runner. The host pipeline flags take their
// defaults and descriptions from CPUPipelineOptions, the one owner of those
// options (quant-dyn-opt spells the same options as
// --quant-dyn-cpu-pipeline=vector-width=...).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Tools/CommandLine.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ManagedStatic.h"

using namespace mlir;
using namespace mlir::quant_dyn;
namespace cl = llvm::cl;

namespace {
cl::OptionCategory &getCategory() {
  static cl::OptionCategory category("quant_dyn code generation options");
  return category;
}

/// A tool flag for the pipeline option `option`: same name, default and
/// description.
template <typename T, typename PipelineOption>
cl::opt<T> makePipelineFlag(const PipelineOption &option) {
  return cl::opt<T>(option.ArgStr, cl::desc(option.HelpStr),
                    cl::init(option.getValue()), cl::cat(getCategory()));
}

struct CompilerCLOptions {
  /// The owner of the host pipeline flags' names, defaults and
  /// descriptions.
  CPUPipelineOptions cpuDefaults;
  GPUPipelineOptions gpuDefaults;

  cl::opt<unsigned> vectorWidth =
      makePipelineFlag<unsigned>(cpuDefaults.vectorWidth);
  cl::opt<unsigned> numThreads =
      makePipelineFlag<unsigned>(cpuDefaults.numThreads);
  cl::opt<bool> parallel = makePipelineFlag<bool>(cpuDefaults.parallel);
  cl::opt<bool> resultsToOutParams =
      makePipelineFlag<bool>(cpuDefaults.resultsToOutParams);
  cl::opt<bool> hostBuffers = makePipelineFlag<bool>(gpuDefaults.hostBuffers);

  cl::opt<std::string> mcpu{
      "mcpu",
      cl::desc("Target CPU (default: the host CPU with its features; "
               "'native' is the same)"),
      cl::value_desc("cpu-name"), cl::init(""), cl::cat(getCategory())};
  cl::opt<std::string> mattr{
      "mattr",
      cl::desc("CPU features to enable or disable on top of the CPU's, "
               "e.g. -avx512f,+avx2"),
      cl::value_desc("a1,+a2,-a3,..."), cl::init(""), cl::cat(getCategory())};
  cl::opt<unsigned> optLevel{
      "opt-level",
      cl::desc("LLVM optimization level of the host code, 0-3 (default 3)"),
      cl::init(CPUTargetOptions().optLevel), cl::cat(getCategory())};
  cl::opt<unsigned> deviceOptLevel{
      "device-opt-level",
      cl::desc("Optimization level of the GPU kernels (NVVM / PTX code "
               "generation) with --target=nvvm, 0-3 (default 3)"),
      cl::init(gpuDefaults.optLevel.getValue()), cl::cat(getCategory())};
};
} // namespace

static llvm::ManagedStatic<CompilerCLOptions> clOptions;

void mlir::quant_dyn::registerCompilerCLOptions() {
  // Constructing the options registers them with the parser.
  (void)*clOptions;
}

void mlir::quant_dyn::applyCPUPipelineCLOptions(CPUPipelineOptions &options) {
  if (!clOptions.isConstructed())
    return;
  options.vectorWidth = clOptions->vectorWidth;
  options.numThreads = clOptions->numThreads;
  options.parallel = clOptions->parallel;
  options.resultsToOutParams = clOptions->resultsToOutParams;
}

bool mlir::quant_dyn::getResultsToOutParamsCLOption() {
  return clOptions.isConstructed() && clOptions->resultsToOutParams;
}

CPUTargetOptions mlir::quant_dyn::getCPUTargetCLOptions() {
  CPUTargetOptions options;
  if (!clOptions.isConstructed())
    return options;
  options.cpu = clOptions->mcpu;
  options.features = clOptions->mattr;
  options.optLevel = clOptions->optLevel;
  return options;
}

void mlir::quant_dyn::applyGPUPipelineCLOptions(GPUPipelineOptions &options) {
  if (!clOptions.isConstructed())
    return;
  options.optLevel = clOptions->deviceOptLevel;
  options.hostBuffers = clOptions->hostBuffers;
  options.resultsToOutParams = clOptions->resultsToOutParams;
}

static llvm::Error checkOptLevel(const cl::opt<unsigned> &flag) {
  if (flag <= 3)
    return llvm::Error::success();
  return llvm::createStringError("optimization level " +
                                 std::to_string(flag.getValue()) +
                                 " is out of range (0-3) for --" +
                                 flag.ArgStr.str());
}

llvm::Error mlir::quant_dyn::checkCompilerCLOptions(CompilerTarget target) {
  if (!clOptions.isConstructed())
    return llvm::Error::success();
  CPUPipelineOptions pipelineOptions;
  applyCPUPipelineCLOptions(pipelineOptions);
  if (llvm::Error error = checkCPUPipelineOptions(pipelineOptions))
    // Names the flag: "--num-threads=... is ...".
    return llvm::createStringError("--" + llvm::toString(std::move(error)));
  if (llvm::Error error = checkOptLevel(clOptions->optLevel))
    return error;
  if (llvm::Error error = checkOptLevel(clOptions->deviceOptLevel))
    return error;

  // Flags the target's pipeline does not read are refused, not ignored.
  auto refuse = [](const cl::Option &flag, StringRef why) {
    return llvm::createStringError("--" + flag.ArgStr.str() + " " + why.str());
  };
  switch (target) {
  case CompilerTarget::NVVM:
    for (const cl::Option *flag :
         {static_cast<const cl::Option *>(&clOptions->vectorWidth),
          static_cast<const cl::Option *>(&clOptions->numThreads),
          static_cast<const cl::Option *>(&clOptions->parallel)})
      if (flag->getNumOccurrences())
        return refuse(*flag, "applies to --target=cpu only (the GPU pipeline "
                             "does not read it)");
    break;
  case CompilerTarget::CPU:
    if (clOptions->deviceOptLevel.getNumOccurrences())
      return refuse(clOptions->deviceOptLevel,
                    "applies to --target=nvvm only (use --opt-level for the "
                    "host code)");
    if (clOptions->hostBuffers.getNumOccurrences())
      return refuse(clOptions->hostBuffers, "applies to --target=nvvm only");
    break;
  }
  return llvm::Error::success();
}

void mlir::quant_dyn::hideUnrelatedCLOptions(cl::OptionCategory &toolCategory) {
  cl::HideUnrelatedOptions({&toolCategory, &getCategory()});
  for (auto &entry : cl::getRegisteredOptions())
    if (entry.first.starts_with("mlir-"))
      entry.second->setHiddenFlag(cl::Hidden);
}
