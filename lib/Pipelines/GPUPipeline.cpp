//===- GPUPipeline.cpp - quant_dyn to NVVM kernels and host LLVM ----------===//
//
// The GPU pipeline starts from the same tensor-level linalg form as the CPU
// pipeline (and the same block tile-and-fuse), so both targets run the same
// arith on the same blocks and agree bit for bit. Stages, after upstream's
// gpu-lower-to-nvvm-pipeline (common / GPU module / host):
//
//   tensor:   convert-elementwise-to-linalg, convert-quant-dyn-to-linalg
//             (with the chip's cvt instructions),
//             quant-dyn-gpu-block-strategy (small blocks fused, one thread
//             each; big or few blocks split over threads),
//             quant-dyn-tile-and-fuse-blocks
//   buffers:  one-shot-bufferize (identity layouts), buffer deallocation
//   kernels:  scf.forall -> scf.parallel, quant-dyn-gpu-distribute-loops
//             (linalg -> loops, blocks x threads, mapping attributes),
//             convert-parallel-loops-to-gpu,
//             quant-dyn-gpu-host-device-buffers, gpu-kernel-outlining,
//             quant-dyn-gpu-merge-kernel-modules,
//             quant-dyn-gpu-kernel-arg-attributes
//   device:   nvvm-attach-target, convert-gpu-to-nvvm,
//             quant-dyn-gpu-noalias-kernel-args (inside gpu.module)
//   host:     gpu-async-region, gpu-to-llvm (runtime calls mgpu*)
//
// Serializing the gpu.module (gpu-module-to-binary) is left to the caller:
// the compile driver picks PTX or cubin.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Pipelines/Pipelines.h"

#include "quant-dyn/Conversion/Passes.h"
#include "quant-dyn/Target/Common/Passes.h"
#include "quant-dyn/Target/NVVM/NVVMChip.h"
#include "quant-dyn/Target/NVVM/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

static quant_dyn::GPUHostEmulationBuilder &getHostEmulationBuilder() {
  static quant_dyn::GPUHostEmulationBuilder builder;
  return builder;
}

void mlir::quant_dyn::setGPUHostEmulationBuilder(
    GPUHostEmulationBuilder builder) {
  getHostEmulationBuilder() = std::move(builder);
}

bool mlir::quant_dyn::hasGPUHostEmulation() {
  return static_cast<bool>(getHostEmulationBuilder());
}

std::string
mlir::quant_dyn::verifyGPUPipelineOptions(const GPUPipelineOptions &options) {
  if (failed(NVVMChip::parse(options.chip)))
    return "unknown NVIDIA chip '" + options.chip.getValue() +
           "' (expected sm_<N>[a|f], e.g. sm_90a)";
  if (options.emulate && !hasGPUHostEmulation())
    return "emulate: this build has no host emulation of GPU kernels (a "
           "testing aid; configure with QUANT_DYN_INCLUDE_TESTS=ON)";
  return "";
}

void mlir::quant_dyn::buildGPUPipeline(OpPassManager &pm,
                                       const GPUPipelineOptions &options) {
  //===--------------------------------------------------------------------===//
  // Tensor level: the form the CPU pipeline uses too.
  //===--------------------------------------------------------------------===//
  // Out-params ABI: results become caller-allocated memrefs, checked at
  // entry.
  if (options.resultsToOutParams)
    pm.addPass(quant_dyn::createResultsToOutParamsPass());
  // The chip's cvt instructions for the narrow float conversions; emulated
  // kernels run on the host, so they keep the portable builders.
  ConvertQuantDynToLinalgPassOptions toLinalgOptions;
  if (options.hardwareCvt && !options.emulate) {
    toLinalgOptions.nvvmChip = options.chip;
    toLinalgOptions.nvvmFeatures = options.features;
  }
  // Elementwise arith / math on tensors (math.tanh %t, ...) as linalg, so
  // they bufferize and become kernels like the rest.
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  pm.addPass(createConvertQuantDynToLinalgPass(toLinalgOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Small blocks: one thread each (fused); big or few blocks: split over
  // many threads (separate amax, scale and quantization kernels).
  pm.addNestedPass<func::FuncOp>(quant_dyn::createGPUBlockStrategyPass());
  pm.addNestedPass<func::FuncOp>(quant_dyn::createTileAndFuseBlocksPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Out-params ABI: the kernels compute into the caller's outputs.
  if (options.resultsToOutParams)
    pm.addNestedPass<func::FuncOp>(quant_dyn::createOutParamsInPlacePass());

  //===--------------------------------------------------------------------===//
  // Buffers: identity layouts at function boundaries (the memory ABI).
  //===--------------------------------------------------------------------===//
  quant_dyn::buildBufferizationStage(pm);

  //===--------------------------------------------------------------------===//
  // Kernels: every top-level parallel loop becomes one gpu.launch; the
  // per-block code inside it stays sequential (one thread per block).
  //===--------------------------------------------------------------------===//
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createForallToParallelLoopPass());
  quant_dyn::GPUDistributeLoopsPassOptions distributeOptions;
  distributeOptions.threadsPerBlock = options.threadsPerBlock;
  funcPm.addPass(quant_dyn::createGPUDistributeLoopsPass(distributeOptions));
  funcPm.addPass(createConvertParallelLoopToGpuPass());
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createCSEPass());
  // No canonicalization between sinking and outlining: it would hoist the
  // sunk constants out of the (not isolated) launch bodies again.
  quant_dyn::GPUHostDeviceBuffersPassOptions bufferOptions;
  bufferOptions.hostBuffers = options.hostBuffers;
  funcPm.addPass(quant_dyn::createGPUHostDeviceBuffersPass(bufferOptions));
  if (options.emulate) {
    // Testing aid: the kernels run as host loops, lowered like CPU code.
    // verifyGPUPipelineOptions rejects emulate without a host emulation.
    assert(hasGPUHostEmulation() && "emulate without a host emulation");
    getHostEmulationBuilder()(funcPm);
    pm.addPass(createCanonicalizerPass());
    buildHostToLLVMStage(pm);
    return;
  }
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(quant_dyn::createGPUMergeKernelModulesPass());
  quant_dyn::GPUKernelArgAttributesPassOptions argOptions;
  argOptions.hostBuffers = options.hostBuffers;
  pm.addPass(quant_dyn::createGPUKernelArgAttributesPass(argOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  //===--------------------------------------------------------------------===//
  // Device code: NVVM inside each gpu.module. No fast-math and no
  // flush-to-zero anywhere: f32 division stays div.rn.f32 and subnormals
  // survive, as on the CPU.
  //===--------------------------------------------------------------------===//
  GpuNVVMAttachTargetOptions targetOptions;
  targetOptions.chip = options.chip;
  targetOptions.features = options.features;
  targetOptions.optLevel = options.optLevel;
  targetOptions.fastFlag = false;
  targetOptions.ftzFlag = false;
  pm.addPass(createGpuNVVMAttachTarget(targetOptions));
  OpPassManager &gpuPm = pm.nest<gpu::GPUModuleOp>();
  gpuPm.addPass(memref::createExpandStridedMetadataPass());
  gpuPm.addPass(createLowerAffinePass());
  gpuPm.addPass(createSCFToControlFlowPass());
  ConvertGpuOpsToNVVMOpsOptions nvvmOptions;
  nvvmOptions.indexBitwidth = 64;
  gpuPm.addPass(createConvertGpuOpsToNVVMOps(nvvmOptions));
  // Exact libdevice calls (__nv_rintf for math.roundeven, ...) as LLVM
  // intrinsics (cvt.rni.f32.f32, ...): the kernels need no libdevice and
  // compile the same wherever the CUDA toolkit is (or is not).
  gpuPm.addPass(quant_dyn::createGPULibdeviceToIntrinsicsPass());
  gpuPm.addPass(quant_dyn::createGPUNoAliasKernelArgsPass());
  gpuPm.addPass(createCanonicalizerPass());
  gpuPm.addPass(createCSEPass());
  gpuPm.addPass(createReconcileUnrealizedCastsPass());

  //===--------------------------------------------------------------------===//
  // Host code: copies and launches ordered on a stream (gpu-async-region
  // gives each straight-line region one stream and waits at its end),
  // runtime calls (mgpu*), LLVM dialect.
  //===--------------------------------------------------------------------===//
  pm.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(quant_dyn::createRequestCInterfacePass());
  pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::quant_dyn::registerGPUPipeline() {
  // PassPipelineRegistration, plus the checks the builder cannot report.
  using Options = GPUPipelineOptions;
  registerPassPipeline(
      "quant-dyn-gpu-pipeline",
      "Lower tensor-level quant_dyn functions to NVVM kernels in gpu.modules "
      "and host code in the LLVM dialect that launches them through the "
      "mgpu* runtime functions (serialize with gpu-module-to-binary)",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        Options options;
        if (failed(options.parseFromString(text)))
          return failure();
        std::string problem = verifyGPUPipelineOptions(options);
        if (!problem.empty())
          return errorHandler("quant-dyn-gpu-pipeline: " + problem);
        buildGPUPipeline(pm, options);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optHandler) {
        optHandler(Options());
      });
}
