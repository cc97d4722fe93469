//===- Pipelines.h - quant_dyn lowering pipelines ---------------*- C++ -*-===//
//
// The pass pipelines from tensor-level quant_dyn IR to the LLVM dialect (CPU)
// or to gpu.module + NVVM with host LLVM (GPU). Embedders call the builders
// with an options struct; quant-dyn-opt exposes them as
// --quant-dyn-cpu-pipeline / --quant-dyn-gpu-pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_PIPELINES_PIPELINES_H
#define QUANT_DYN_PIPELINES_PIPELINES_H

#include "quant-dyn/Target/NVVM/NVVMTuning.h"

#include "mlir/Pass/PassOptions.h"

#include <functional>

namespace mlir {
class OpPassManager;

namespace quant_dyn {

struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<unsigned> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("Widest vector registers the kernels use, in bits: 0 "
                     "(automatic: the target CPU's widest, but 256 for "
                     "kernels that divide), 128, 256 or 512"),
      llvm::cl::init(0)};
  PassOptions::Option<unsigned> numThreads{
      *this, "num-threads",
      llvm::cl::desc("OpenMP threads for the block loops (0: all cores)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Distribute the outer block loops over threads (OpenMP)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> resultsToOutParams{
      *this, "results-to-out-params",
      llvm::cl::desc("Out-params ABI: public functions take one "
                     "caller-allocated output memref per result after their "
                     "arguments and return nothing"),
      llvm::cl::init(false)};
};

/// The bufferization stage both pipelines share: one-shot bufferization with
/// identity layouts at function boundaries (the memory ABI), ownership-based
/// deallocation, the lowering of the bufferization ops to memref, and the
/// record of which arguments each function only reads.
void buildBufferizationStage(OpPassManager &pm);

/// The lowering of host code (memref, affine, scf, func, arith, vector
/// already lowered) to the LLVM dialect that the CPU pipeline and the GPU
/// pipeline's host emulation share; public functions get
/// llvm.emit_c_interface.
void buildHostToLLVMStage(OpPassManager &pm);

/// Tensor-level func (quant_dyn or its linalg form) to the LLVM dialect:
/// quant_dyn -> linalg, tiling and vectorization, one-shot bufferization
/// (identity-layout function boundaries), OpenMP, LLVM. Every public
/// function gets llvm.emit_c_interface.
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

struct GPUPipelineOptions : public PassPipelineOptions<GPUPipelineOptions> {
  PassOptions::Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("NVIDIA GPU architecture of the kernels (sm_90a, "
                     "sm_100a, ...)"),
      llvm::cl::init(nvvm::kDefaultChip)};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features, e.g. +ptx86 (empty: the lowest PTX "
                     "version that supports the chip)"),
      llvm::cl::init("")};
  PassOptions::Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("Optimization level of the NVVM / PTX code generation "
                     "(0-3)"),
      llvm::cl::init(nvvm::kOptLevel)};
  PassOptions::Option<int64_t> threadsPerBlock{
      *this, "threads-per-block",
      llvm::cl::desc("Threads per GPU block; each thread owns one loop "
                     "iteration (one quantization block of the fused ops)"),
      llvm::cl::init(nvvm::kThreadsPerBlock)};
  PassOptions::Option<bool> hostBuffers{
      *this, "host-buffers",
      llvm::cl::desc("Entry functions take and return host memrefs and copy "
                     "them to and from the device (the memory ABI); false: "
                     "they take and return device memrefs"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> resultsToOutParams{
      *this, "results-to-out-params",
      llvm::cl::desc("Out-params ABI: public functions take one "
                     "caller-allocated output memref per result after their "
                     "arguments and return nothing"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> hardwareCvt{
      *this, "hardware-cvt",
      llvm::cl::desc("Convert f32 to f8 / f6 / f4 with the chip's cvt "
                     "instructions where it has them (same results as the "
                     "portable integer builders); false: the builders on "
                     "every chip. Ignored with emulate"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> emulate{
      *this, "emulate",
      llvm::cl::desc("Testing aid for machines without a GPU: run the "
                     "kernels as sequential host loops and lower everything "
                     "like CPU code (no gpu.module, no CUDA runtime calls). "
                     "Only in builds with the test aids "
                     "(QUANT_DYN_INCLUDE_TESTS)"),
      llvm::cl::init(false)};
};

/// Adds the passes that turn a host function's gpu.launch ops (after
/// quant-dyn-gpu-host-device-buffers) into host loops; the GPU pipeline's
/// `emulate` option runs them, then lowers everything like CPU code.
using GPUHostEmulationBuilder = std::function<void(OpPassManager &)>;

/// Installs the host emulation of the GPU pipeline. The emulation is a
/// testing aid that lives in test/lib; the tools built with the test aids
/// install it at start-up (quant_dyn::test::registerTestPasses). Without it,
/// `emulate` is an error.
void setGPUHostEmulationBuilder(GPUHostEmulationBuilder builder);

/// Whether setGPUHostEmulationBuilder was called.
bool hasGPUHostEmulation();

/// Checks what buildGPUPipeline cannot report: the chip name (NVVMChip) and
/// that `emulate` has a host emulation. Returns the problem, or an empty
/// string.
std::string verifyGPUPipelineOptions(const GPUPipelineOptions &options);

/// Tensor-level func (quant_dyn or its linalg form) to kernels in
/// gpu.module ops (NVVM dialect, #nvvm.target for `chip`) and host
/// functions in the LLVM dialect that launch them through the mgpu*
/// functions of the project's CUDA runtime. Same tensor-level form and
/// block fusion as the CPU pipeline for small, numerous blocks (one thread
/// per block); big or few blocks are split over many threads
/// (quant-dyn-gpu-block-strategy, docs/GPU.md). With
/// host-buffers (default) public functions keep the host memory ABI and get
/// llvm.emit_c_interface. Serializing the gpu.modules (gpu-module-to-binary)
/// is left to the caller. Call verifyGPUPipelineOptions first.
void buildGPUPipeline(OpPassManager &pm, const GPUPipelineOptions &options);

/// Registers --quant-dyn-gpu-pipeline (called by registerQuantDynPipelines).
void registerGPUPipeline();

/// Registers --quant-dyn-cpu-pipeline and --quant-dyn-gpu-pipeline.
void registerQuantDynPipelines();

} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_PIPELINES_PIPELINES_H
