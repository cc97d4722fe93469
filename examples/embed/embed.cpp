//===- embed.cpp - quant_dyn inside an ML compiler ------------------------===//
//
// What an ML compiler does with quant_dyn through the C++ API:
//   1. registers the quant_dyn dialect (and what its pipelines need) in its
//      own DialectRegistry, next to its own dialects;
//   2. gets IR holding quant_dyn ops (parsed from text here; a real compiler
//      would build it while importing its graph);
//   3. lowers it with the CPU pipeline, configured through the
//      CPUPipelineOptions struct;
//   4. emits a host object file that its runtime links.
//
// Usage: quant-dyn-embed OUT.o
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/InitAll.h"
#include "quant-dyn/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

/// NVFP4 quantization of activations (TensorRT's add_dynamic_quantize): 1D
/// blocks of 16 along the last dimension, f4E2M1FN data, f8E4M3FN scales and
/// a double quantization scale.
static const char *const kSource = R"mlir(
func.func @quantize_nvfp4(%x: tensor<4x64xf32>, %gs: tensor<f32>)
    -> (tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x64xf32>, tensor<f32>) -> (tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>)
  return %q, %s : tensor<4x64xf4E2M1FN>, tensor<4x4xf8E4M3FN>
}
)mlir";

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: " << argv[0] << " OUT.o\n";
    return 2;
  }

  // 1. Registration: the embedder's registry gets quant_dyn and every
  // dialect, interface and translation the pipelines use. The passes are
  // registered too, so pipeline-printing and textual tools know them.
  DialectRegistry registry;
  quant_dyn::registerAllDialects(registry);
  quant_dyn::registerAllPasses();
  MLIRContext context(registry);
  llvm::outs() << "pipeline registered: "
               << (PassPipelineInfo::lookup("quant-dyn-cpu-pipeline") ? "yes"
                                                                      : "no")
               << "\n";

  // 2. IR with quant_dyn ops (verified by the parser).
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kSource, &context);
  if (!module)
    return 1;

  // 3. The CPU pipeline, configured from C++.
  quant_dyn::CPUPipelineOptions options;
  options.parallel = true; // distribute the block loops over threads...
  options.numThreads = 4;  // ...4 of them (0: all cores)
  PassManager pm(&context, ModuleOp::getOperationName());
  quant_dyn::buildCPUPipeline(pm, options);
  llvm::outs() << "pipeline: ";
  pm.printAsTextualPipeline(llvm::outs());
  llvm::outs() << "\n";
  if (failed(pm.run(*module)))
    return 1;

  // 4. An object file for the host (position-independent).
  std::error_code ec;
  llvm::raw_fd_ostream os(argv[1], ec, llvm::sys::fs::OF_None);
  if (ec) {
    llvm::errs() << "cannot open " << argv[1] << ": " << ec.message() << "\n";
    return 1;
  }
  quant_dyn::CPUTargetOptions target; // host CPU, -O3
  if (llvm::Error error = quant_dyn::emitCPUCode(
          *module, quant_dyn::CPUEmitKind::Object, target, os)) {
    llvm::errs() << "error: " << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  llvm::outs() << "wrote " << argv[1] << "\n";
  return 0;
}
