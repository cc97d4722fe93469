//===- CPUPipeline.cpp - quant_dyn to LLVM for the host CPU ---------------===//

#include "quant-dyn/Pipelines/Pipelines.h"

#include "quant-dyn/Conversion/Passes.h"
#include "quant-dyn/Target/CPU/Passes.h"
#include "quant-dyn/Target/Common/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include <thread>

using namespace mlir;

void mlir::quant_dyn::buildBufferizationStage(OpPassManager &pm) {
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  bufferizeOptions.unknownTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  bufferization::BufferDeallocationPipelineOptions deallocOptions;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOptions);
  pm.addPass(createConvertBufferizationToMemRefPass());
  // Which arguments are only read: repeated calls need not refresh them.
  pm.addNestedPass<func::FuncOp>(quant_dyn::createMarkReadOnlyArgumentsPass());
}

void mlir::quant_dyn::buildHostToLLVMStage(OpPassManager &pm) {
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(quant_dyn::createRequestCInterfacePass());
  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::quant_dyn::buildCPUPipeline(OpPassManager &pm,
                                       const CPUPipelineOptions &options) {
  // Out-params ABI: results become caller-allocated memrefs, checked at
  // entry; empty-tensor elimination below makes the kernels write into them.
  if (options.resultsToOutParams)
    pm.addPass(quant_dyn::createResultsToOutParamsPass());

  // Tensor level: quant_dyn -> linalg; the three ops of each block fused
  // into one parallel loop over blocks, so the input is read once.
  // Elementwise arith / math on tensors (math.tanh %t, ...) as linalg.
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  ConvertQuantDynToLinalgPassOptions toLinalgOptions;
  // f16 / bf16 amax in 16-bit lanes: a quarter of the ops of extending
  // every element to f32 first (the column families' amax spilled its
  // 32 accumulators of 16 lanes).
  toLinalgOptions.narrowAmax = true;
  // A dynamic innermost extent in chunks of one fused tile of blocks, so
  // the tiles are static (and vectorized) where the extent is not.
  toLinalgOptions.innermostChunkBlocks = cpu::kTileBlocks;
  pm.addPass(createConvertQuantDynToLinalgPass(toLinalgOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  quant_dyn::TileAndFuseBlocksPassOptions tileOptions;
  // The strategy per op (docs/CodegenStrategy.md): small tiles of blocks are
  // one vector, larger ones loops over register-size sub-tiles, and ops with
  // fewer blocks than a few per thread are split across threads.
  tileOptions.tileBlocks = cpu::kTileBlocks;
  tileOptions.vectorizeMinLanes = cpu::kVectorizeMinLanes;
  tileOptions.maxFusedVectorElements = cpu::kMaxFusedVectorElements;
  tileOptions.subTileElements = cpu::kSubTileElements;
  tileOptions.splitChunks = cpu::kSplitChunks;
  // A scale per column: the column quantization without the zero-block
  // select when no block is zeroed (8-12% of -1x1 in a C harness).
  tileOptions.versionZeroBlocks = true;
  unsigned threads = options.numThreads
                         ? options.numThreads
                         : std::max(1u, std::thread::hardware_concurrency());
  tileOptions.minParallelBlocks =
      options.parallel ? cpu::kMinBlocksPerThread * threads : 0;
  pm.addNestedPass<func::FuncOp>(
      quant_dyn::createTileAndFuseBlocksPass(tileOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Out-params ABI: the kernels compute into the caller's outputs.
  if (options.resultsToOutParams)
    pm.addNestedPass<func::FuncOp>(quant_dyn::createOutParamsInPlacePass());
  // Pieces inserted into a result (the chunks of a dynamic innermost
  // extent) are computed in their slices of it.
  pm.addNestedPass<func::FuncOp>(quant_dyn::createInsertSlicesInPlacePass());
  // Tiles write straight into the loop's output slices.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());

  // Buffers: identity layouts at function boundaries (the memory ABI).
  quant_dyn::buildBufferizationStage(pm);

  // Loops: the block loop and the top-level linalg ops are parallel
  // (OpenMP); the per-block ops inside it are sequential loops that LLVM
  // unrolls and vectorizes.
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createForallToParallelLoopPass());
  quant_dyn::LowerLinalgToLoopsPassOptions loopOptions;
  loopOptions.parallelDims = LoopParallelism::Outermost;
  funcPm.addPass(quant_dyn::createLowerLinalgToLoopsPass(loopOptions));
  // Vector ops of the vectorized tiles to 1-D vectors.
  funcPm.addPass(vector::createLowerVectorMultiReductionPass(
      vector::VectorMultiReductionLowering::InnerReduction));
  VectorTransferToSCFOptions vectorToSCF;
  vectorToSCF.enableFullUnroll();
  funcPm.addPass(createConvertVectorToSCFPass(vectorToSCF));
  funcPm.addPass(createCanonicalizerPass());
  // A tile's quantize sweep, reading the tile again from the cache,
  // prefetches the next tile: memory and ALUs work at the same time.
  funcPm.addPass(quant_dyn::createPrefetchNextTilePass());
  bufferization::PromoteBuffersToStackPassOptions stackOptions;
  stackOptions.maxAllocSizeInBytes = cpu::kMaxStackAllocBytes;
  stackOptions.maxRankOfAllocatedMemRef = cpu::kMaxStackAllocRank;
  funcPm.addPass(bufferization::createPromoteBuffersToStackPass(stackOptions));
  if (options.parallel) {
    ConvertSCFToOpenMPPassOptions ompOptions;
    ompOptions.numThreads = options.numThreads;
    pm.addPass(createConvertSCFToOpenMPPass(ompOptions));
  }

  // LLVM dialect. memref goes first: the alloca_scope that scf-to-openmp
  // wraps around loop bodies must be lowered while it has a single block.
  // Vector transfers become plain vector loads and stores first (the
  // generic convert-to-llvm does not lower transfers).
  pm.addPass(createConvertVectorToLLVMPass());
  buildHostToLLVMStage(pm);
  quant_dyn::SetVectorWidthPassOptions widthOptions;
  widthOptions.vectorWidth = options.vectorWidth;
  pm.addPass(quant_dyn::createSetVectorWidthPass(widthOptions));
}

void mlir::quant_dyn::registerQuantDynPipelines() {
  PassPipelineRegistration<CPUPipelineOptions>(
      "quant-dyn-cpu-pipeline",
      "Lower tensor-level quant_dyn functions to the LLVM dialect for the "
      "host CPU",
      buildCPUPipeline);
  registerGPUPipeline();
}
