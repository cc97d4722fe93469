//===- quant-dyn-compile.cpp - quant_dyn ahead-of-time compiler driver ----===//
//
//   quant-dyn-compile FILE.mlir --target=cpu|nvvm [--chip=sm_90a|sm_100a|...]
//                     --emit=mlir|llvm|asm|obj|ptx|cubin -o OUT
//
// The driver an ML compiler or a build system calls (docs/Semantics.md section
// 7.2). A thin main over the compiler library (QuantDynCompiler) and the tool
// flags (QuantDynToolSupport): one function per target.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/InitAll.h"
#include "quant-dyn/Target/NVVM/NVVMTuning.h"
#include "quant-dyn/Tools/CommandLine.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <initializer_list>

using namespace mlir;
using namespace mlir::quant_dyn;
namespace cl = llvm::cl;

static cl::OptionCategory toolCategory("quant-dyn-compile options");

namespace {
enum class Target { CPU, NVVM };
enum class EmitKind { MLIR, LLVMIR, Assembly, Object, PTX, Cubin };
} // namespace

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<input .mlir file>"),
                                          cl::Required, cl::cat(toolCategory));

static cl::opt<Target> target(
    "target", cl::desc("Code generation target"), cl::Required,
    cl::values(clEnumValN(Target::CPU, "cpu", "The host CPU"),
               clEnumValN(Target::NVVM, "nvvm", "NVIDIA GPUs (NVVM / PTX)")),
    cl::cat(toolCategory));

static cl::opt<std::string>
    chip("chip",
         cl::desc("GPU architecture for --target=nvvm"),
         cl::value_desc("sm_90a|sm_100a|..."), cl::init(nvvm::kDefaultChip),
         cl::cat(toolCategory));

static cl::opt<EmitKind> emitKind(
    "emit", cl::desc("What to write"), cl::Required,
    cl::values(
        clEnumValN(EmitKind::MLIR, "mlir",
                   "The module after the target's pipeline (LLVM dialect)"),
        clEnumValN(EmitKind::LLVMIR, "llvm", "Optimized LLVM IR (text)"),
        clEnumValN(EmitKind::Assembly, "asm", "Assembly"),
        clEnumValN(EmitKind::Object, "obj", "An object file (ELF)"),
        clEnumValN(EmitKind::PTX, "ptx", "PTX (--target=nvvm only)"),
        clEnumValN(EmitKind::Cubin, "cubin",
                   "A cubin for --chip (--target=nvvm only; runs ptxas)")),
    cl::cat(toolCategory));

static cl::opt<std::string> ptxFeatures(
    "ptx-features",
    cl::desc("PTX features for --target=nvvm, e.g. +ptx86 (default: the "
             "lowest PTX version that supports --chip)"),
    cl::init(""), cl::cat(toolCategory));

static cl::opt<bool> hardwareCvt(
    "hardware-cvt",
    cl::desc("--target=nvvm: convert f32 to f8 / f6 / f4 with the chip's cvt "
             "instructions where it has them (same results); "
             "--hardware-cvt=false uses the portable integer code"),
    cl::init(true), cl::cat(toolCategory));

namespace {
enum class GPUImage { PTX, Cubin, Fatbin };
} // namespace

static cl::opt<GPUImage> gpuImage(
    "gpu-image",
    cl::desc("How --target=nvvm embeds its kernels in --emit=llvm|asm|obj "
             "host code (refused with other targets and emits)"),
    cl::init(GPUImage::PTX),
    cl::values(clEnumValN(GPUImage::PTX, "ptx",
                          "PTX, JIT-compiled by the driver at load time"),
               clEnumValN(GPUImage::Cubin, "cubin", "A cubin for --chip"),
               clEnumValN(GPUImage::Fatbin, "fatbin", "cubin and PTX")),
    cl::cat(toolCategory));

static cl::opt<std::string> outputFilename("o",
                                           cl::desc("Output file ('-' "
                                                    "for stdout)"),
                                           cl::value_desc("filename"),
                                           cl::Required, cl::cat(toolCategory));

static const char *toolName = "quant-dyn-compile";

static int reportError(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), toolName) << message << "\n";
  return 1;
}

/// --target=cpu: the CPU pipeline, then the LLVM-dialect module, LLVM IR,
/// assembly or an object for the host (or --mcpu / --mattr).
static int compileForCPU(ModuleOp module, llvm::raw_ostream &os) {
  if (emitKind == EmitKind::PTX || emitKind == EmitKind::Cubin)
    return reportError("--emit=ptx and --emit=cubin need --target=nvvm");

  CPUPipelineOptions pipelineOptions;
  applyCPUPipelineCLOptions(pipelineOptions);
  if (failed(lowerForCPU(module, pipelineOptions)))
    return reportError("the CPU pipeline failed on '" + inputFilename + "'");
  if (emitKind == EmitKind::MLIR) {
    module.print(os);
    os << "\n";
    return 0;
  }

  CPUEmitKind kind = emitKind == EmitKind::LLVMIR     ? CPUEmitKind::LLVMIR
                     : emitKind == EmitKind::Assembly ? CPUEmitKind::Assembly
                                                      : CPUEmitKind::Object;
  if (llvm::Error error =
          emitCPUCode(module, kind, getCPUTargetCLOptions(), os))
    return reportError(llvm::toString(std::move(error)));
  return 0;
}

/// --target=nvvm: the GPU pipeline for --chip, then the module (host LLVM
/// dialect + NVVM gpu.module), the kernels as PTX or a cubin, or the host
/// code with its kernels embedded as LLVM IR, assembly or an object (link it
/// with libQuantDynCUDARuntime.a and -ldl).
static int compileForNVVM(ModuleOp module, llvm::raw_ostream &os) {
  GPUPipelineOptions pipelineOptions;
  pipelineOptions.chip = chip.getValue();
  pipelineOptions.features = ptxFeatures.getValue();
  pipelineOptions.hardwareCvt = hardwareCvt.getValue();
  applyGPUPipelineCLOptions(pipelineOptions);
  if (failed(lowerForGPU(module, pipelineOptions)))
    return reportError("the GPU pipeline failed on '" + inputFilename +
                       "' (chip '" + chip + "')");
  switch (emitKind) {
  case EmitKind::MLIR:
    module.print(os);
    os << "\n";
    return 0;
  case EmitKind::PTX:
  case EmitKind::Cubin:
    if (failed(emitGPUKernels(module,
                              emitKind == EmitKind::PTX ? GPUBinaryFormat::PTX
                                                        : GPUBinaryFormat::Cubin,
                              os)))
      return reportError("cannot write the GPU kernels of '" + inputFilename +
                         "'");
    return 0;
  case EmitKind::LLVMIR:
  case EmitKind::Assembly:
  case EmitKind::Object: {
    GPUBinaryFormat format = gpuImage == GPUImage::PTX ? GPUBinaryFormat::PTX
                             : gpuImage == GPUImage::Cubin
                                 ? GPUBinaryFormat::Cubin
                                 : GPUBinaryFormat::Fatbin;
    if (failed(serializeGPUModules(module, format)))
      return reportError("serializing the GPU kernels failed");
    CPUEmitKind kind = emitKind == EmitKind::LLVMIR     ? CPUEmitKind::LLVMIR
                       : emitKind == EmitKind::Assembly ? CPUEmitKind::Assembly
                                                        : CPUEmitKind::Object;
    if (llvm::Error error =
            emitCPUCode(module, kind, getCPUTargetCLOptions(), os))
      return reportError(llvm::toString(std::move(error)));
    return 0;
  }
  }
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // Passes first: --mlir-print-ir-after=<pass> resolves pass names.
  registerAllPasses();
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerCompilerCLOptions();
  hideUnrelatedCLOptions(toolCategory);
  cl::ParseCommandLineOptions(argc, argv, "quant_dyn compiler driver\n");
  if (llvm::Error error = checkCompilerCLOptions(
          target == Target::NVVM ? CompilerTarget::NVVM : CompilerTarget::CPU))
    return reportError(llvm::toString(std::move(error)));
  // --gpu-image only shapes NVVM host code: refused where it is ignored.
  bool embedsKernels = target == Target::NVVM &&
                       (emitKind == EmitKind::LLVMIR ||
                        emitKind == EmitKind::Assembly ||
                        emitKind == EmitKind::Object);
  if (gpuImage.getNumOccurrences() && !embedsKernels)
    return reportError("--gpu-image applies to --target=nvvm with "
                       "--emit=llvm, asm or obj only");
  if (target == Target::CPU)
    for (const cl::Option *flag : std::initializer_list<const cl::Option *>{
             &chip, &ptxFeatures, &hardwareCvt})
      if (flag->getNumOccurrences())
        return reportError("--" + flag->ArgStr + " applies to --target=nvvm " +
                           "only");

  std::unique_ptr<MLIRContext> context = createContext();
  // Alive for the whole run: every diagnostic shows its source line.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnosticHandler(sourceMgr, context.get());
  FailureOr<OwningOpRef<ModuleOp>> module =
      parseSourceFile(inputFilename, sourceMgr, *context);
  if (failed(module))
    return 1;

  std::string message;
  std::unique_ptr<llvm::ToolOutputFile> output =
      openOutputFile(outputFilename, &message);
  if (!output)
    return reportError(message); // Names the file already.

  int status = 1;
  switch (target) {
  case Target::CPU:
    status = compileForCPU(**module, output->os());
    break;
  case Target::NVVM:
    status = compileForNVVM(**module, output->os());
    break;
  }
  // On failure the ToolOutputFile removes the partial output.
  if (status == 0)
    output->keep();
  return status;
}
