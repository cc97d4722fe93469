//===- GPUExecutable.cpp - GPU entry functions on host tensors ------------===//
//
// Binds the project's CUDA runtime to code the GPU pipeline produced:
// detectCUDADevice asks the driver for device 0, and GPUExecutable
// JIT-compiles the host code (through CPUExecutable::compileLowered) with
// the mgpu* functions bound to the runtime by address.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Execution/GPUExecutable.h"

#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
#include "quant-dyn-c/CUDARuntime.h"
#endif

#include "mlir/IR/Diagnostics.h"

#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace mlir::quant_dyn;

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

llvm::Expected<CUDADeviceInfo> mlir::quant_dyn::detectCUDADevice() {
#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
  // Errors come back as messages: the runtime need not print them.
  quant_dyn_cuda_set_quiet(1);
  int32_t major = 0, minor = 0;
  char name[256] = {0};
  if (quant_dyn_cuda_init(0) != 0 ||
      quant_dyn_cuda_device_info(&major, &minor, name, sizeof(name)) != 0) {
    const char *message = quant_dyn_cuda_last_error();
    std::string text =
        message ? message : "the CUDA driver could not be initialized";
    quant_dyn_cuda_clear_error();
    return llvm::createStringError(text);
  }
  CUDADeviceInfo info;
  info.chip = getChipForComputeCapability(major, minor);
  info.description = std::string(name) + " (compute capability " +
                     std::to_string(major) + "." + std::to_string(minor) + ")";
  return info;
#else
  return llvm::createStringError(kNoCUDARuntime);
#endif
}

#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
/// A CUDA error recorded during a call replaces the call's `error`: results
/// through a failed allocation, copy or launch are meaningless. Clears the
/// recorded error; `failedOnDevice` tells whether there was one.
static llvm::Error takeCUDAError(llvm::Error error, StringRef entry,
                                 bool &failedOnDevice) {
  const char *message = quant_dyn_cuda_last_error();
  failedOnDevice = message != nullptr;
  if (!message)
    return error;
  llvm::consumeError(std::move(error));
  std::string text = "CUDA error in @" + entry.str() + ": " + message;
  quant_dyn_cuda_clear_error();
  return llvm::createStringError(text);
}

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
    executable->host->outParams = options.resultsToOutParams;
    executable->emulated = true;
    executable->hostBuffers = options.hostBuffers;
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
  executable->host->outParams = options.resultsToOutParams;
  executable->hostBuffers = options.hostBuffers;
  return executable;
#else
  (void)format;
  return emitError(UnknownLoc::get(module.getContext())) << kNoCUDARuntime;
#endif
}

const FunctionSignature &GPUExecutable::getSignature() const {
  return host->getSignature();
}

llvm::Error GPUExecutable::invoke(ArrayRef<HostTensor> inputs,
                                  std::vector<HostTensor> &outputs) {
  std::vector<double> millis;
  return invokeTimed(inputs, outputs, /*repeat=*/1, millis);
}

llvm::Error GPUExecutable::invokeTimed(ArrayRef<HostTensor> inputs,
                                       std::vector<HostTensor> &outputs,
                                       unsigned repeat,
                                       std::vector<double> &millis) {
  // Host tensors as device memrefs would be dereferenced by the kernels.
  if (!hostBuffers)
    return llvm::createStringError(
        "@" + getSignature().name +
        " was compiled with host-buffers=false: its entry takes device "
        "memrefs, not host tensors (call getHost().getPackedEntry() on "
        "device buffers)");
  if (emulated)
    return host->invokeTimed(inputs, outputs, repeat, millis);
#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
  quant_dyn_cuda_clear_error();
  bool failedOnDevice = false;
  llvm::Error error =
      takeCUDAError(host->invokeTimed(inputs, outputs, repeat, millis),
                    getSignature().name, failedOnDevice);
  if (failedOnDevice)
    outputs.clear();
  return error;
#else
  (void)inputs;
  (void)outputs;
  (void)repeat;
  (void)millis;
  return llvm::createStringError(kNoCUDARuntime);
#endif
}

namespace {
/// Device memory of emulated kernels: host memory.
class EmulatedDeviceMemory final : public CPUExecutable::BufferMemory {
public:
  void *allocate(size_t bytes) override {
    return std::aligned_alloc(64, (bytes + 63) / 64 * 64);
  }
  void release(void *buffer) override { std::free(buffer); }
  void copyIn(void *buffer, const void *host, size_t bytes) override {
    std::memcpy(buffer, host, bytes);
  }
  void copyOut(void *host, const void *buffer, size_t bytes) override {
    std::memcpy(host, buffer, bytes);
  }
  void synchronize() override {}
};

#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
/// Device memory through the project's CUDA runtime: a failure is recorded
/// (quant_dyn_cuda_last_error) and makes later CUDA calls no-ops.
class CUDADeviceMemory final : public CPUExecutable::BufferMemory {
public:
  void *allocate(size_t bytes) override { return quant_dyn_cuda_malloc(bytes); }
  void release(void *buffer) override { quant_dyn_cuda_free(buffer); }
  void copyIn(void *buffer, const void *host, size_t bytes) override {
    quant_dyn_cuda_memcpy(buffer, host, bytes);
  }
  void copyOut(void *host, const void *buffer, size_t bytes) override {
    quant_dyn_cuda_memcpy(host, buffer, bytes);
  }
  void synchronize() override { quant_dyn_cuda_synchronize(); }
};
#endif
} // namespace

llvm::Error GPUExecutable::callOutParamsEntry(
    ArrayRef<HostTensor> inputs, MutableArrayRef<HostTensor> outputs,
    unsigned repeat, std::vector<double> &millis, bool deviceResident) {
  if (emulated) {
    EmulatedDeviceMemory memory;
    return host->invokeInto(inputs, outputs, repeat, millis,
                            deviceResident ? &memory : nullptr);
  }
#ifdef QUANT_DYN_HAS_CUDA_RUNTIME
  quant_dyn_cuda_clear_error();
  CUDADeviceMemory memory;
  bool failedOnDevice = false;
  return takeCUDAError(host->invokeInto(inputs, outputs, repeat, millis,
                                        deviceResident ? &memory : nullptr),
                       getSignature().name, failedOnDevice);
#else
  (void)inputs;
  (void)outputs;
  (void)repeat;
  (void)millis;
  (void)deviceResident;
  return llvm::createStringError(kNoCUDARuntime);
#endif
}

llvm::Error GPUExecutable::invokeInto(ArrayRef<HostTensor> inputs,
                                      MutableArrayRef<HostTensor> outputs,
                                      unsigned repeat,
                                      std::vector<double> &millis) {
  // Host outputs: the entry itself copies the results back into them.
  if (!hostBuffers || !host->usesOutParams())
    return llvm::createStringError(
        "@" + getSignature().name +
        " was not compiled with results-to-out-params and host buffers: it "
        "does not take host outputs" +
        (hostBuffers ? " (use invoke)" : " (use invokeOnDevice)"));
  return callOutParamsEntry(inputs, outputs, repeat, millis,
                            /*deviceResident=*/false);
}

llvm::Error GPUExecutable::invokeOnDevice(ArrayRef<HostTensor> inputs,
                                          MutableArrayRef<HostTensor> outputs,
                                          unsigned repeat,
                                          std::vector<double> &millis) {
  if (hostBuffers || !host->usesOutParams())
    return llvm::createStringError(
        "@" + getSignature().name +
        " was not compiled with host-buffers=false and "
        "results-to-out-params: it does not take device outputs" +
        (host->usesOutParams() ? " (use invokeInto)" : ""));
  return callOutParamsEntry(inputs, outputs, repeat, millis,
                            /*deviceResident=*/true);
}
