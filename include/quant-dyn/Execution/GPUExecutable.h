//===- GPUExecutable.h - GPU entry functions on host tensors ----*- C++ -*-===//
//
// The GPU half of the execution library: an entry function compiled by the
// GPU pipeline (lowerForGPU), its kernels loaded through the project's CUDA
// runtime (quant-dyn-c/CUDARuntime.h) and its host code JIT-compiled by
// CPUExecutable. Errors follow the rule of quant-dyn/Compiler/Compiler.h.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_EXECUTION_GPUEXECUTABLE_H
#define QUANT_DYN_EXECUTION_GPUEXECUTABLE_H

#include "quant-dyn/Execution/CPUExecutable.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir::quant_dyn {

/// Whether this build has the CUDA runtime (cuda.h was found at configure
/// time); without it GPUExecutable::compile fails with a message.
bool isCUDARuntimeAvailable();

/// CUDA device 0 as detectCUDADevice finds it.
struct CUDADeviceInfo {
  /// getChipForComputeCapability of the device ("sm_90a").
  std::string chip;
  /// "<name> (compute capability <major>.<minor>)".
  std::string description;
};

/// Initializes the CUDA driver for device 0 and describes it; fails with
/// the driver's message ("cannot load the NVIDIA CUDA driver ...", "no CUDA
/// device ...").
llvm::Expected<CUDADeviceInfo> detectCUDADevice();

/// A tensor-level entry function compiled by the GPU pipeline: its kernels
/// as a GPU image, its host code JIT-compiled for the host CPU and bound to
/// the project's CUDA runtime. With `options.hostBuffers` (what invoke and
/// invokeTimed need) the entry keeps the host memory ABI: it copies its
/// arguments to the device, launches the kernels and copies its results
/// back, all inside the call. Without it the entry takes device memrefs:
/// call getHost().getPackedEntry() on device buffers.
class GPUExecutable {
public:
  ~GPUExecutable();
  GPUExecutable(const GPUExecutable &) = delete;
  GPUExecutable &operator=(const GPUExecutable &) = delete;

  /// Reads the signature of `entryName`, lowers `module` IN PLACE with
  /// lowerForGPU, serializes the kernels as `format` and JIT-compiles the
  /// host code (loading the kernels runs the CUDA driver: a machine without
  /// a driver or GPU fails here, with the driver's message). With
  /// `options.emulate` the kernels run as host loops and no GPU is needed.
  static FailureOr<std::unique_ptr<GPUExecutable>>
  compile(ModuleOp module, StringRef entryName,
          const GPUPipelineOptions &options,
          GPUBinaryFormat format = GPUBinaryFormat::PTX,
          const CPUTargetOptions &host = CPUTargetOptions());

  const FunctionSignature &getSignature() const;

  /// Whether the entry takes and returns host buffers (the pipeline's
  /// host-buffers option), as invoke and invokeTimed need.
  bool usesHostBuffers() const { return hostBuffers; }

  /// As CPUExecutable::invoke / invokeTimed (the timed calls include the
  /// host <-> device copies the entry makes); a CUDA error during a call is
  /// an error with the runtime's message. An executable compiled without
  /// host buffers is refused (its entry takes device memrefs), and so is one
  /// compiled with results-to-out-params (use invokeInto).
  llvm::Error invoke(ArrayRef<HostTensor> inputs,
                     std::vector<HostTensor> &outputs);
  llvm::Error invokeTimed(ArrayRef<HostTensor> inputs,
                          std::vector<HostTensor> &outputs, unsigned repeat,
                          std::vector<double> &millis);

  /// An entry compiled with results-to-out-params and host buffers, called
  /// as CPUExecutable::invokeInto calls it: inputs and outputs in host
  /// memory (outputs allocated once), each call copying its arguments to the
  /// device and its results back into the outputs (the copies are part of
  /// the timed span). A CUDA error during a call is an error with the
  /// runtime's message. Other executables are refused.
  llvm::Error invokeInto(ArrayRef<HostTensor> inputs,
                         MutableArrayRef<HostTensor> outputs, unsigned repeat,
                         std::vector<double> &millis);

  /// What an embedder of an entry compiled with host-buffers=false and
  /// results-to-out-params gets: as CPUExecutable::invokeInto, with the
  /// input and output buffers in device memory (allocated once through the
  /// project's CUDA runtime). The inputs are copied to the device before
  /// each call, outside its timed span; each call is timed up to the end of
  /// the device work it queued (context synchronisation); the results are
  /// copied back once, after the last call; every buffer is freed. With
  /// emulated kernels, device memory is host memory.
  llvm::Error invokeOnDevice(ArrayRef<HostTensor> inputs,
                             MutableArrayRef<HostTensor> outputs,
                             unsigned repeat, std::vector<double> &millis);

  /// The host code as a CPUExecutable: its packed entry takes device
  /// memref descriptors when the pipeline ran with host-buffers=false.
  CPUExecutable &getHost() { return *host; }

private:
  GPUExecutable();
  /// invokeInto (host outputs) and invokeOnDevice (deviceResident: the
  /// buffers the entry gets are device copies) after their mode checks.
  llvm::Error callOutParamsEntry(ArrayRef<HostTensor> inputs,
                                 MutableArrayRef<HostTensor> outputs,
                                 unsigned repeat, std::vector<double> &millis,
                                 bool deviceResident);
  std::unique_ptr<CPUExecutable> host;
  /// Compiled with GPUPipelineOptions::emulate: no CUDA involved.
  bool emulated = false;
  /// Compiled with GPUPipelineOptions::hostBuffers.
  bool hostBuffers = true;
};

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_EXECUTION_GPUEXECUTABLE_H
