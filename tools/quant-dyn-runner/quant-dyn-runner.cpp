//===- quant-dyn-runner.cpp - Compile and run a quant_dyn entry function --===//
//
//   quant-dyn-runner FILE.mlir [--entry=main] --input=A.npy ...
//                    --output-dir=DIR [--target=cpu|nvvm] [--repeat=N] [--time]
//
// Compiles the entry function, calls it on the .npy inputs (one per
// argument, in order) and writes its results as DIR/out0.npy, out1.npy, ...
// (docs/Semantics.md section 7.3). --time prints one stdout line
// `time_ms min=<ms> median=<ms> runs=<N>` timing only the compiled calls.
// Every error is a message on stderr and exit code 1.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/Execution/GPUExecutable.h"
#include "quant-dyn/InitAll.h"
#include "quant-dyn/Support/Npy.h"
#include "quant-dyn/Target/NVVM/NVVMTuning.h"
#include "quant-dyn/Tools/CommandLine.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <vector>

using namespace mlir;
using namespace mlir::quant_dyn;
namespace cl = llvm::cl;

static cl::OptionCategory toolCategory("quant-dyn-runner options");

namespace {
enum class Target { CPU, NVVM };
} // namespace

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<input .mlir file>"),
                                          cl::Required, cl::cat(toolCategory));

static cl::opt<std::string> entryName("entry", cl::desc("The function to run"),
                                      cl::value_desc("name"), cl::init("main"),
                                      cl::cat(toolCategory));

static cl::list<std::string>
    inputFiles("input",
               cl::desc("A .npy file for the next argument of the entry "
                        "(repeat once per argument, in order)"),
               cl::value_desc("file.npy"), cl::cat(toolCategory));

static cl::opt<std::string>
    outputDir("output-dir",
              cl::desc("Directory for out0.npy, out1.npy, ... (created if "
                       "missing)"),
              cl::value_desc("dir"), cl::Required, cl::cat(toolCategory));

static cl::opt<Target>
    target("target", cl::desc("Where to run"), cl::init(Target::CPU),
           cl::values(clEnumValN(Target::CPU, "cpu", "The host CPU (JIT)"),
                      clEnumValN(Target::NVVM, "nvvm", "An NVIDIA GPU")),
           cl::cat(toolCategory));

static cl::opt<std::string>
    chip("chip",
         cl::desc("GPU architecture to compile for with --target=nvvm "
                  "(default: the one of device 0)"),
         cl::value_desc("sm_90a|sm_100a|..."), cl::init(""),
         cl::cat(toolCategory));

#ifdef QUANT_DYN_INCLUDE_TESTS
namespace mlir::quant_dyn::test {
void registerTestPasses();
} // namespace mlir::quant_dyn::test

// A testing aid (test/lib): only in builds with QUANT_DYN_INCLUDE_TESTS.
static cl::opt<bool> gpuEmulate(
    "gpu-emulate",
    cl::desc("With --target=nvvm: compile with the GPU pipeline but run the "
             "kernels as host loops, one thread after the other (checks the "
             "GPU path's distribution and copies without a GPU)"),
    cl::cat(toolCategory));
#else
static constexpr bool gpuEmulate = false;
#endif

static constexpr unsigned kMaxRepeat = 1000000;

static cl::opt<unsigned> repeat("repeat",
                                cl::desc("Call the compiled entry N times "
                                         "(1 to 1000000)"),
                                cl::value_desc("N"), cl::init(1),
                                cl::cat(toolCategory));

static cl::opt<bool>
    printTime("time",
              cl::desc("Print `time_ms min=<ms> median=<ms> runs=<N>` (calls "
                       "of the compiled function only)"),
              cl::cat(toolCategory));

static const char *toolName = "quant-dyn-runner";

static int reportError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), toolName) << message << "\n";
  return 1;
}

/// Reads one input per argument, with the element kind the argument
/// declares (the .npy dtype must match it).
static int readInputs(const FunctionSignature &signature,
                      std::vector<HostTensor> &inputs) {
  size_t expected = signature.arguments.size();
  if (inputFiles.size() != expected)
    return reportError(
        "@" + signature.name + " takes " + llvm::Twine(expected) +
        (expected == 1 ? " argument" : " arguments") + ", but " +
        llvm::Twine(inputFiles.size()) + " --input " +
        (inputFiles.size() == 1 ? "file was" : "files were") + " given");
  for (size_t i = 0; i < expected; ++i) {
    HostTensor tensor;
    std::string error;
    if (!readNpy(inputFiles[i], signature.arguments[i].kind, tensor, error))
      return reportError("input #" + llvm::Twine(i) + ": " + error);
    inputs.push_back(std::move(tensor));
  }
  return 0;
}

static int writeOutputs(const std::vector<HostTensor> &outputs) {
  if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
    return reportError("cannot create output directory '" + outputDir +
                       "': " + ec.message());
  // create_directories succeeds when the path exists, even as a file.
  if (!llvm::sys::fs::is_directory(outputDir))
    return reportError("cannot create output directory '" + outputDir +
                       "': a file of that name exists");
  for (size_t i = 0; i < outputs.size(); ++i) {
    llvm::SmallString<256> path(outputDir);
    llvm::sys::path::append(path, "out" + std::to_string(i) + ".npy");
    std::string error;
    if (!writeNpy(std::string(path), outputs[i], error))
      return reportError(error);
  }
  return 0;
}

static void printTimes(std::vector<double> millis) {
  std::sort(millis.begin(), millis.end());
  size_t n = millis.size();
  double median =
      n % 2 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
  llvm::outs() << "time_ms min=" << llvm::format("%.6f", millis.front())
               << " median=" << llvm::format("%.6f", median) << " runs=" << n
               << "\n";
  llvm::outs().flush();
}

/// Calls the compiled entry --repeat times (CPUExecutable or GPUExecutable),
/// writes the last call's results and, with --time, the timing line.
template <typename Executable>
static int invokeAndWrite(Executable &executable,
                          const std::vector<HostTensor> &inputs) {
  std::vector<HostTensor> outputs;
  std::vector<double> millis;
  if (llvm::Error error =
          executable.invokeTimed(inputs, outputs, repeat, millis))
    return reportError(llvm::toString(std::move(error)));
  if (int status = writeOutputs(outputs))
    return status;
  if (printTime)
    printTimes(millis);
  return 0;
}

/// Checks the results of the timed calls against those of the first call,
/// then writes them and, with --time, the timing line.
static int checkAndWrite(const std::vector<HostTensor> &outputs,
                         ArrayRef<HostTensor> timedOutputs,
                         const std::vector<double> &millis,
                         StringRef calls) {
  for (size_t i = 0; i < outputs.size(); ++i)
    if (timedOutputs[i].bytes != outputs[i].bytes)
      return reportError("result #" + llvm::Twine(i) + " of @" + entryName +
                         " differs between the " + calls +
                         " and the first call");
  if (int status = writeOutputs(timedOutputs))
    return status;
  if (printTime)
    printTimes(millis);
  return 0;
}

static int runOnCPU(ModuleOp module) {
  FailureOr<FunctionSignature> signature = getEntrySignature(module, entryName);
  if (failed(signature))
    return 1;
  // Inputs first: bad input files fail fast, before the JIT.
  std::vector<HostTensor> inputs;
  if (int status = readInputs(*signature, inputs))
    return status;

  CPUPipelineOptions pipelineOptions;
  applyCPUPipelineCLOptions(pipelineOptions);
  // Timed calls are made the way an embedder makes them: outputs allocated
  // once and passed in (the out-params ABI). A first call with the default
  // ABI gives the result shapes, and the results the timed calls must
  // reproduce.
  bool outParams =
      pipelineOptions.resultsToOutParams || printTime || repeat > 1;
  OwningOpRef<ModuleOp> outParamsModule;
  if (outParams)
    outParamsModule = module.clone();
  pipelineOptions.resultsToOutParams = false;
  FailureOr<std::unique_ptr<CPUExecutable>> executable = CPUExecutable::compile(
      module, entryName, pipelineOptions, getCPUTargetCLOptions());
  if (failed(executable))
    return reportError("cannot compile @" + entryName + " of '" +
                       inputFilename + "'");
  if (!outParams)
    return invokeAndWrite(**executable, inputs);

  std::vector<HostTensor> outputs;
  if (llvm::Error error = (*executable)->invoke(inputs, outputs))
    return reportError(llvm::toString(std::move(error)));
  executable->reset();
  pipelineOptions.resultsToOutParams = true;
  FailureOr<std::unique_ptr<CPUExecutable>> outParamsExecutable =
      CPUExecutable::compile(*outParamsModule, entryName, pipelineOptions,
                             getCPUTargetCLOptions());
  if (failed(outParamsExecutable))
    return reportError("cannot compile @" + entryName + " of '" +
                       inputFilename + "' with results-to-out-params");
  std::vector<HostTensor> timedOutputs;
  for (const HostTensor &output : outputs)
    timedOutputs.emplace_back(output.kind, output.shape);
  std::vector<double> millis;
  if (llvm::Error error =
          (*outParamsExecutable)
              ->invokeInto(inputs, timedOutputs, repeat, millis))
    return reportError(llvm::toString(std::move(error)));
  return checkAndWrite(outputs, timedOutputs, millis, "out-params calls");
}

/// --target=nvvm: needs the CUDA driver and a GPU, checked before anything
/// is compiled. A single untimed call uses the host memory ABI (the entry
/// copies its inputs to the device and its results back); with
/// --results-to-out-params, into host outputs allocated by the runner, the
/// results checked against those of a first call with the default ABI.
/// Timed or repeated calls (and --host-buffers=false) are made the way an
/// embedder makes them: the entry compiled again with host-buffers=false
/// and results-to-out-params, its inputs and outputs in device memory
/// allocated once, only the calls timed (up to the end of their device
/// work), the results copied back once and checked against those of a
/// first call with the host memory ABI.
static int runOnNVVM(ModuleOp module) {
  FailureOr<FunctionSignature> signature = getEntrySignature(module, entryName);
  if (failed(signature))
    return 1;
  std::vector<HostTensor> inputs;
  if (int status = readInputs(*signature, inputs))
    return status;

  CUDADeviceInfo device{nvvm::kDefaultChip, "host emulation"};
  if (!gpuEmulate) {
    llvm::Expected<CUDADeviceInfo> detected = detectCUDADevice();
    if (!detected)
      return reportError("--target=nvvm needs an NVIDIA GPU and its driver: " +
                         llvm::toString(detected.takeError()));
    device = std::move(*detected);
  }
  const std::string &description = device.description;
  GPUPipelineOptions pipelineOptions;
  pipelineOptions.emulate = gpuEmulate;
  pipelineOptions.chip = chip.empty() ? device.chip : chip.getValue();
  applyGPUPipelineCLOptions(pipelineOptions);
  bool deviceResident = printTime || repeat > 1 || !pipelineOptions.hostBuffers;
  bool hostOutParams = !deviceResident && pipelineOptions.resultsToOutParams;
  OwningOpRef<ModuleOp> outParamsModule;
  if (deviceResident || hostOutParams)
    outParamsModule = module.clone();
  pipelineOptions.resultsToOutParams = false;
  pipelineOptions.hostBuffers = true;
  auto compile = [&](ModuleOp toCompile, StringRef how)
      -> FailureOr<std::unique_ptr<GPUExecutable>> {
    FailureOr<std::unique_ptr<GPUExecutable>> executable =
        GPUExecutable::compile(toCompile, entryName, pipelineOptions,
                               GPUBinaryFormat::PTX, getCPUTargetCLOptions());
    if (failed(executable)) {
      reportError("cannot compile @" + entryName + " of '" + inputFilename +
                  "' for " + description + " as " +
                  pipelineOptions.chip.getValue() + how);
      return failure();
    }
    return executable;
  };
  FailureOr<std::unique_ptr<GPUExecutable>> executable = compile(module, "");
  if (failed(executable))
    return 1;
  if (!deviceResident && !hostOutParams)
    return invokeAndWrite(**executable, inputs);

  std::vector<HostTensor> outputs;
  if (llvm::Error error = (*executable)->invoke(inputs, outputs))
    return reportError(llvm::toString(std::move(error)));
  executable->reset();
  std::vector<HostTensor> timedOutputs;
  for (const HostTensor &output : outputs)
    timedOutputs.emplace_back(output.kind, output.shape);
  std::vector<double> millis;
  pipelineOptions.resultsToOutParams = true;
  if (hostOutParams) {
    FailureOr<std::unique_ptr<GPUExecutable>> outParamsExecutable =
        compile(*outParamsModule, " with results-to-out-params");
    if (failed(outParamsExecutable))
      return 1;
    if (llvm::Error error =
            (*outParamsExecutable)
                ->invokeInto(inputs, timedOutputs, repeat, millis))
      return reportError(llvm::toString(std::move(error)));
    return checkAndWrite(outputs, timedOutputs, millis, "out-params call");
  }
  pipelineOptions.hostBuffers = false;
  FailureOr<std::unique_ptr<GPUExecutable>> deviceExecutable = compile(
      *outParamsModule, " with host-buffers=false and results-to-out-params");
  if (failed(deviceExecutable))
    return 1;
  if (llvm::Error error = (*deviceExecutable)
                              ->invokeOnDevice(inputs, timedOutputs, repeat,
                                               millis))
    return reportError(llvm::toString(std::move(error)));
  return checkAndWrite(outputs, timedOutputs, millis, "device-resident calls");
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // Passes first: --mlir-print-ir-after=<pass> resolves pass names.
  registerAllPasses();
#ifdef QUANT_DYN_INCLUDE_TESTS
  test::registerTestPasses();
#endif
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerCompilerCLOptions();
  hideUnrelatedCLOptions(toolCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "quant_dyn runner: compile and run an entry "
                              "function on .npy inputs\n");
  if (repeat == 0)
    return reportError("--repeat must be at least 1");
  // Each call keeps its time: bounds that memory and the run time.
  if (repeat > kMaxRepeat)
    return reportError("--repeat=" + llvm::Twine(repeat.getValue()) +
                       " is too large (at most " + llvm::Twine(kMaxRepeat) +
                       ")");
  if (llvm::Error error = checkCompilerCLOptions(
          target == Target::NVVM ? CompilerTarget::NVVM : CompilerTarget::CPU))
    return reportError(llvm::toString(std::move(error)));
  if (target == Target::CPU) {
    std::vector<const cl::Option *> gpuFlags{&chip};
#ifdef QUANT_DYN_INCLUDE_TESTS
    gpuFlags.push_back(&gpuEmulate);
#endif
    for (const cl::Option *flag : gpuFlags)
      if (flag->getNumOccurrences())
        return reportError("--" + flag->ArgStr + " applies to --target=nvvm " +
                           "only");
  }
  // Fail before compiling and running when the results could not be kept.
  if (llvm::sys::fs::exists(outputDir) &&
      !llvm::sys::fs::is_directory(outputDir))
    return reportError("cannot create output directory '" + outputDir +
                       "': a file of that name exists");

  std::unique_ptr<MLIRContext> context = createContext();
  // Alive for the whole run: every diagnostic shows its source line.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnosticHandler(sourceMgr, context.get());
  FailureOr<OwningOpRef<ModuleOp>> module =
      parseSourceFile(inputFilename, sourceMgr, *context);
  if (failed(module))
    return 1;

  switch (target) {
  case Target::CPU:
    return runOnCPU(**module);
  case Target::NVVM:
    return runOnNVVM(**module);
  }
  return 1;
}
