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

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;

namespace quant_dyn {

struct CPUPipelineOptions : public PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<unsigned> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("Vector width in bits for the tiled kernels (0: the "
                     "host's widest, 512 with AVX-512, 256 with AVX2)"),
      llvm::cl::init(0)};
  PassOptions::Option<unsigned> numThreads{
      *this, "num-threads",
      llvm::cl::desc("OpenMP threads for the block loops (0: all cores)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Distribute the outer block loops over threads (OpenMP)"),
      llvm::cl::init(true)};
};

/// Tensor-level func (quant_dyn or its linalg form) to the LLVM dialect:
/// quant_dyn -> linalg, tiling and vectorization, one-shot bufferization
/// (identity-layout function boundaries), OpenMP, LLVM. Every public
/// function gets llvm.emit_c_interface.
void buildCPUPipeline(OpPassManager &pm, const CPUPipelineOptions &options);

/// Registers --quant-dyn-cpu-pipeline (and the GPU pipeline when built).
void registerQuantDynPipelines();

} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_PIPELINES_PIPELINES_H
