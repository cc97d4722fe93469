//===- CommandLine.cpp - Command-line options shared by the tools ---------===//
//
// One definition of the pipeline and code-generation flags, registered on
// demand (the mlir::registerPassManagerCLOptions pattern), so the compile
// driver and the runner cannot drift apart.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ManagedStatic.h"

using namespace mlir;
using namespace mlir::quant_dyn;
namespace cl = llvm::cl;

namespace {
cl::OptionCategory &getCategory() {
  static cl::OptionCategory category("quant_dyn CPU code generation options");
  return category;
}

struct CPUCompilerCLOptions {
  cl::OptionCategory &category = getCategory();

  cl::opt<unsigned> vectorWidth{
      "vector-width",
      cl::desc("Widest vector registers the kernels use, in bits: 0 (the "
               "CPU's widest, 256 for kernels that divide), 128, 256 or 512"),
      cl::init(0), cl::cat(category)};
  cl::opt<unsigned> numThreads{
      "num-threads",
      cl::desc("OpenMP threads for the block loops (0: all cores; at "
               "most 1024)"),
      cl::init(0), cl::cat(category)};
  cl::opt<bool> parallel{
      "parallel",
      cl::desc("Distribute the outer block loops over threads (OpenMP); "
               "--parallel=false for sequential code"),
      cl::init(true), cl::cat(category)};
  cl::opt<std::string> mcpu{
      "mcpu",
      cl::desc("Target CPU (default: the host CPU with its features; "
               "'native' is the same)"),
      cl::value_desc("cpu-name"), cl::init(""), cl::cat(category)};
  cl::opt<std::string> mattr{
      "mattr",
      cl::desc("CPU features to enable or disable on top of the CPU's, "
               "e.g. -avx512f,+avx2"),
      cl::value_desc("a1,+a2,-a3,..."), cl::init(""), cl::cat(category)};
  cl::opt<unsigned> optLevel{
      "opt-level", cl::desc("LLVM optimization level, 0-3 (default 3)"),
      cl::init(3), cl::cat(category)};
};
} // namespace

static llvm::ManagedStatic<CPUCompilerCLOptions> clOptions;

void mlir::quant_dyn::registerCPUCompilerCLOptions() {
  // Constructing the options registers them with the parser.
  (void)*clOptions;
}

void mlir::quant_dyn::applyCPUPipelineCLOptions(CPUPipelineOptions &options) {
  if (!clOptions.isConstructed())
    return;
  options.vectorWidth = clOptions->vectorWidth;
  options.numThreads = clOptions->numThreads;
  options.parallel = clOptions->parallel;
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

LogicalResult mlir::quant_dyn::checkCPUCompilerCLOptions(std::string &error) {
  if (!clOptions.isConstructed())
    return success();
  CPUPipelineOptions pipelineOptions;
  applyCPUPipelineCLOptions(pipelineOptions);
  if (failed(checkCPUPipelineOptions(pipelineOptions, error))) {
    error = "--" + error; // Names the flag: "--num-threads=... is ...".
    return failure();
  }
  if (clOptions->optLevel > 3) {
    error = "optimization level " + std::to_string(clOptions->optLevel) +
            " is out of range (0-3)";
    return failure();
  }
  return success();
}

void mlir::quant_dyn::hideUnrelatedCLOptions(cl::OptionCategory &toolCategory) {
  cl::HideUnrelatedOptions({&toolCategory, &getCategory()});
  for (auto &entry : cl::getRegisteredOptions())
    if (entry.first.starts_with("mlir-"))
      entry.second->setHiddenFlag(cl::Hidden);
}
