//===- GPUCompiler.cpp - GPU pipeline, kernel images, GPUExecutable -------===//
//
// The NVVM half of the compiler-driver library: lowerForGPU runs the GPU
// pipeline, serializeGPUModules / emitGPUKernels turn its gpu.module into
// PTX or a cubin, and GPUExecutable JIT-compiles the host code (through
// CPUExecutable::compileLowered) with the mgpu* functions bound to the
// project's CUDA runtime.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/Target/NVVM/NVVMChip.h"

#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
#include "quant-dyn-c/CUDARuntime.h"
#endif

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

// The NVPTX target of the LLVM build (it is always built with MLIR's NVVM
// target support).
extern "C" void LLVMInitializeNVPTXTargetInfo();
extern "C" void LLVMInitializeNVPTXTargetMC();

using namespace mlir;
using namespace mlir::quant_dyn;

//===----------------------------------------------------------------------===//
// Pipeline and kernel images
//===----------------------------------------------------------------------===//

/// Checks that `chip` is a chip name (NVVMChip) that LLVM's NVPTX backend
/// knows, so a typo is one clear error rather than LLVM warnings and PTX for
/// a generic target.
static LogicalResult checkChip(StringRef chip, std::string &error) {
  if (failed(NVVMChip::parse(chip))) {
    error = "unknown NVIDIA GPU architecture '" + chip.str() +
            "' (expected sm_<N>[a|f], e.g. sm_90a)";
    return failure();
  }
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTargetMC();
  });
  llvm::Triple triple("nvptx64-nvidia-cuda");
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target) {
    error = "LLVM has no NVPTX target: " + lookupError;
    return failure();
  }
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));
  if (subtarget && subtarget->isCPUStringValid(chip))
    return success();
  SmallVector<StringRef> known;
  if (subtarget)
    for (const llvm::SubtargetSubTypeKV &kv :
         subtarget->getAllProcessorDescriptions())
      if (StringRef(kv.Key).starts_with("sm_8") ||
          StringRef(kv.Key).starts_with("sm_9") ||
          StringRef(kv.Key).starts_with("sm_1"))
        known.push_back(kv.Key);
  error = "unknown NVIDIA GPU architecture '" + chip.str() + "'";
  if (!known.empty())
    error += " (known from sm_80 on: " + llvm::join(known, ", ") + ")";
  return failure();
}

LogicalResult mlir::quant_dyn::lowerForGPU(ModuleOp module,
                                           const GPUPipelineOptions &options) {
  std::string error;
  if (failed(checkChip(options.chip, error)))
    return emitError(module.getLoc()) << error;
  std::string problem = verifyGPUPipelineOptions(options);
  if (!problem.empty())
    return emitError(module.getLoc()) << problem;
  if (failed(checkStaticShapeSizes(module, std::nullopt)))
    return failure();
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  (void)applyPassManagerCLOptions(pm);
  buildGPUPipeline(pm, options);
  return pm.run(module);
}

static StringRef getBinaryFormatName(GPUBinaryFormat format) {
  switch (format) {
  case GPUBinaryFormat::PTX:
    return "isa";
  case GPUBinaryFormat::Cubin:
    return "bin";
  case GPUBinaryFormat::Fatbin:
    return "fatbin";
  }
  return "isa";
}

LogicalResult mlir::quant_dyn::serializeGPUModules(ModuleOp module,
                                                   GPUBinaryFormat format) {
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  (void)applyPassManagerCLOptions(pm);
  GpuModuleToBinaryPassOptions options;
  options.compilationTarget = getBinaryFormatName(format).str();
  pm.addPass(createGpuModuleToBinaryPass(options));
  return pm.run(module);
}

LogicalResult mlir::quant_dyn::emitGPUKernels(ModuleOp module,
                                              GPUBinaryFormat format,
                                              llvm::raw_ostream &os,
                                              std::string &error) {
  if (module.getOps<gpu::GPUModuleOp>().empty() &&
      module.getOps<gpu::BinaryOp>().empty()) {
    error = "the module has no GPU kernels (nothing to compute on the GPU?)";
    return failure();
  }
  if (failed(serializeGPUModules(module, format))) {
    error = "serializing the GPU kernels failed";
    return failure();
  }
  unsigned images = 0;
  for (gpu::BinaryOp binary : module.getOps<gpu::BinaryOp>()) {
    for (Attribute attr : binary.getObjects()) {
      auto object = dyn_cast<gpu::ObjectAttr>(attr);
      if (!object)
        continue;
      StringRef bytes = object.getObject().getValue();
      if (format == GPUBinaryFormat::PTX) {
        // PTX is embedded NUL-terminated for the driver's loader.
        bytes = bytes.rtrim(StringRef("\0", 1));
        if (images > 0)
          os << "\n";
      } else if (images > 0) {
        error = "the module holds more than one kernel image; --emit=cubin "
                "writes one";
        return failure();
      }
      os << bytes;
      ++images;
    }
  }
  return success();
}

std::string mlir::quant_dyn::getChipForComputeCapability(int major, int minor) {
  return NVVMChip::fromComputeCapability(major, minor).str();
}

//===----------------------------------------------------------------------===//
// CUDA runtime binding
//===----------------------------------------------------------------------===//

bool mlir::quant_dyn::isCUDARuntimeAvailable() {
#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
  return true;
#else
  return false;
#endif
}

static constexpr const char *kNoCUDARuntime =
    "this build of quant_dyn has no CUDA runtime (cuda.h was not found at "
    "configure time; set QUANT_DYN_CUDA_TOOLKIT_DIR and reconfigure)";

LogicalResult mlir::quant_dyn::detectCUDADevice(std::string &chip,
                                                std::string &description,
                                                std::string &error) {
#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
  // Errors come back as messages: the runtime need not print them.
  quant_dyn_cuda_set_quiet(1);
  int32_t major = 0, minor = 0;
  char name[256] = {0};
  if (quant_dyn_cuda_init(0) != 0 ||
      quant_dyn_cuda_device_info(&major, &minor, name, sizeof(name)) != 0) {
    const char *message = quant_dyn_cuda_last_error();
    error = message ? message : "the CUDA driver could not be initialized";
    quant_dyn_cuda_clear_error();
    return failure();
  }
  chip = getChipForComputeCapability(major, minor);
  description = std::string(name) + " (compute capability " +
                std::to_string(major) + "." + std::to_string(minor) + ")";
  return success();
#else
  (void)chip;
  (void)description;
  error = kNoCUDARuntime;
  return failure();
#endif
}

#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
/// The functions lowered host code calls, bound into the JIT by address
/// (the tools link the runtime statically and export nothing).
static std::vector<CPUExecutable::ExternalSymbol> getCUDARuntimeSymbols() {
#define QD_SYMBOL(name)                                                        \
  { #name, reinterpret_cast < void *>(&name) }
  return {
      QD_SYMBOL(mgpuModuleLoad),       QD_SYMBOL(mgpuModuleLoadJIT),
      QD_SYMBOL(mgpuModuleUnload),     QD_SYMBOL(mgpuModuleGetFunction),
      QD_SYMBOL(mgpuLaunchKernel),     QD_SYMBOL(mgpuStreamCreate),
      QD_SYMBOL(mgpuStreamDestroy),    QD_SYMBOL(mgpuStreamSynchronize),
      QD_SYMBOL(mgpuStreamWaitEvent),  QD_SYMBOL(mgpuEventCreate),
      QD_SYMBOL(mgpuEventDestroy),     QD_SYMBOL(mgpuEventSynchronize),
      QD_SYMBOL(mgpuEventRecord),      QD_SYMBOL(mgpuMemAlloc),
      QD_SYMBOL(mgpuMemFree),          QD_SYMBOL(mgpuMemcpy),
      QD_SYMBOL(mgpuMemset32),         QD_SYMBOL(mgpuMemset16),
      QD_SYMBOL(mgpuMemHostRegister),  QD_SYMBOL(mgpuMemHostUnregister),
      QD_SYMBOL(mgpuSetDefaultDevice),
  };
#undef QD_SYMBOL
}
#endif

//===----------------------------------------------------------------------===//
// GPUExecutable
//===----------------------------------------------------------------------===//

GPUExecutable::GPUExecutable() = default;
GPUExecutable::~GPUExecutable() = default;

FailureOr<std::unique_ptr<GPUExecutable>>
GPUExecutable::compile(ModuleOp module, StringRef entryName,
                       const GPUPipelineOptions &options,
                       GPUBinaryFormat format, const CPUTargetOptions &host) {
  // Entries take and return host buffers: a static shape larger than this
  // machine's memory fails before anything is compiled or allocated.
  if (failed(checkStaticShapeSizes(module, getPhysicalMemorySize())))
    return failure();
  if (options.emulate) {
    // Kernels as host loops: plain host code, no CUDA runtime involved.
    FailureOr<FunctionSignature> signature =
        getEntrySignature(module, entryName);
    if (failed(signature) || failed(lowerForGPU(module, options)))
      return failure();
    FailureOr<std::unique_ptr<CPUExecutable>> hostExecutable =
        CPUExecutable::compileLowered(module, std::move(*signature), host);
    if (failed(hostExecutable))
      return failure();
    std::unique_ptr<GPUExecutable> executable(new GPUExecutable());
    executable->host = std::move(*hostExecutable);
    executable->emulated = true;
    return executable;
  }
#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
  FailureOr<FunctionSignature> signature = getEntrySignature(module, entryName);
  if (failed(signature))
    return failure();
  if (failed(lowerForGPU(module, options)) ||
      failed(serializeGPUModules(module, format)))
    return failure();

  quant_dyn_cuda_set_quiet(1);
  quant_dyn_cuda_clear_error();
  // The global constructors of the host code load the kernels (driver JIT
  // for PTX): CUDA errors surface here.
  FailureOr<std::unique_ptr<CPUExecutable>> hostExecutable =
      CPUExecutable::compileLowered(module, std::move(*signature), host,
                                    getCUDARuntimeSymbols());
  if (failed(hostExecutable))
    return failure();
  if (const char *message = quant_dyn_cuda_last_error()) {
    InFlightDiagnostic diag = emitError(UnknownLoc::get(module.getContext()))
                              << "loading the GPU kernels failed: " << message;
    quant_dyn_cuda_clear_error();
    return failure();
  }
  std::unique_ptr<GPUExecutable> executable(new GPUExecutable());
  executable->host = std::move(*hostExecutable);
  return executable;
#else
  (void)format;
  return emitError(UnknownLoc::get(module.getContext())) << kNoCUDARuntime;
#endif
}

const FunctionSignature &GPUExecutable::getSignature() const {
  return host->getSignature();
}

LogicalResult GPUExecutable::invoke(ArrayRef<HostTensor> inputs,
                                    std::vector<HostTensor> &outputs,
                                    std::string &error) {
  std::vector<double> millis;
  return invokeTimed(inputs, outputs, /*repeat=*/1, millis, error);
}

LogicalResult GPUExecutable::invokeTimed(ArrayRef<HostTensor> inputs,
                                         std::vector<HostTensor> &outputs,
                                         unsigned repeat,
                                         std::vector<double> &millis,
                                         std::string &error) {
  if (emulated)
    return host->invokeTimed(inputs, outputs, repeat, millis, error);
#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
  quant_dyn_cuda_clear_error();
  LogicalResult result =
      host->invokeTimed(inputs, outputs, repeat, millis, error);
  if (const char *message = quant_dyn_cuda_last_error()) {
    // The results of a call with a CUDA error are meaningless.
    error = "CUDA error in @" + getSignature().name + ": " + message;
    outputs.clear();
    quant_dyn_cuda_clear_error();
    return failure();
  }
  return result;
#else
  (void)inputs;
  (void)outputs;
  (void)repeat;
  (void)millis;
  error = kNoCUDARuntime;
  return failure();
#endif
}
