//===- GPUCompiler.cpp - GPU pipeline and kernel images -------------------===//
//
// The NVVM half of the compiler library: lowerForGPU runs the GPU pipeline,
// serializeGPUModules / emitGPUKernels turn its gpu.modules into PTX, a
// cubin or a fatbin. Binding the CUDA runtime is the execution library's
// (GPUExecutable).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/Target/NVVM/NVVMChip.h"

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
static llvm::Error checkChip(StringRef chip) {
  if (failed(NVVMChip::parse(chip)))
    return llvm::createStringError("unknown NVIDIA GPU architecture '" +
                                   chip.str() +
                                   "' (expected sm_<N>[a|f], e.g. sm_90a)");
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTargetMC();
  });
  llvm::Triple triple("nvptx64-nvidia-cuda");
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return llvm::createStringError("LLVM has no NVPTX target: " + lookupError);
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));
  if (subtarget && subtarget->isCPUStringValid(chip))
    return llvm::Error::success();
  SmallVector<StringRef> known;
  if (subtarget)
    for (const llvm::SubtargetSubTypeKV &kv :
         subtarget->getAllProcessorDescriptions())
      if (StringRef(kv.Key).starts_with("sm_8") ||
          StringRef(kv.Key).starts_with("sm_9") ||
          StringRef(kv.Key).starts_with("sm_1"))
        known.push_back(kv.Key);
  std::string message = "unknown NVIDIA GPU architecture '" + chip.str() + "'";
  if (!known.empty())
    message += " (known from sm_80 on: " + llvm::join(known, ", ") + ")";
  return llvm::createStringError(message);
}

LogicalResult mlir::quant_dyn::lowerForGPU(ModuleOp module,
                                           const GPUPipelineOptions &options) {
  if (llvm::Error error = checkChip(options.chip))
    return emitError(module.getLoc()) << llvm::toString(std::move(error));
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
                                              llvm::raw_ostream &os) {
  if (module.getOps<gpu::GPUModuleOp>().empty() &&
      module.getOps<gpu::BinaryOp>().empty())
    return emitError(module.getLoc())
           << "the module has no GPU kernels (nothing to compute on the GPU?)";
  // The pass reports what failed (e.g. ptxas's messages).
  if (failed(serializeGPUModules(module, format)))
    return failure();
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
        // Binary images cannot be concatenated into one file.
        return binary.emitError()
               << "the module holds more than one GPU kernel image; only PTX "
                  "images can be written together";
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
