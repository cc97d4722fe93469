//===- Dialects.cpp - C API of quant_dyn ----------------------------------===//
//
// Thin wrappers over the C++ API: registration (InitAll.h), the attribute
// builders, the CPU pipeline and the host code emitter of the compiler
// driver (Compiler.h), so C callers get exactly what the tools do.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn-c/Dialects.h"

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"
#include "quant-dyn/InitAll.h"
#include "quant-dyn/Pipelines/Pipelines.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/CAPI/Utils.h"
#include "mlir/IR/Diagnostics.h"

#include <mutex>

using namespace mlir;

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(QuantDyn, quant_dyn,
                                      mlir::quant_dyn::QuantDynDialect)

void quantDynRegisterAllDialects(MlirDialectRegistry registry) {
  quant_dyn::registerAllDialects(*unwrap(registry));
}

void quantDynRegisterAllPasses(void) {
  // Registering a pass name twice is a fatal error in the pass registry.
  static std::once_flag once;
  std::call_once(once, [] { quant_dyn::registerAllPasses(); });
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

MlirAttribute quantDynQTypeAttrGet(MlirContext ctx, bool perChannel) {
  return wrap(quant_dyn::QTypeAttr::get(
      unwrap(ctx), perChannel ? quant_dyn::QType::per_channel
                              : quant_dyn::QType::per_tensor));
}

bool quantDynAttributeIsAQTypeAttr(MlirAttribute attr) {
  return isa<quant_dyn::QTypeAttr>(unwrap(attr));
}

bool quantDynQTypeAttrIsPerChannel(MlirAttribute attr) {
  return cast<quant_dyn::QTypeAttr>(unwrap(attr)).getValue() ==
         quant_dyn::QType::per_channel;
}

MlirAttribute quantDynScaleRoundingAttrGet(MlirContext ctx, bool rceil) {
  return wrap(quant_dyn::ScaleRoundingAttr::get(
      unwrap(ctx), rceil ? quant_dyn::ScaleRounding::rceil
                         : quant_dyn::ScaleRounding::floor));
}

bool quantDynAttributeIsAScaleRoundingAttr(MlirAttribute attr) {
  return isa<quant_dyn::ScaleRoundingAttr>(unwrap(attr));
}

bool quantDynScaleRoundingAttrIsRceil(MlirAttribute attr) {
  return cast<quant_dyn::ScaleRoundingAttr>(unwrap(attr)).getValue() ==
         quant_dyn::ScaleRounding::rceil;
}

MlirAttribute quantDynScaleLayoutAttrGet(MlirContext ctx, bool swizzled) {
  return wrap(quant_dyn::ScaleLayoutAttr::get(
      unwrap(ctx), swizzled ? quant_dyn::ScaleLayout::swizzled_128x4
                            : quant_dyn::ScaleLayout::linear));
}

bool quantDynAttributeIsAScaleLayoutAttr(MlirAttribute attr) {
  return isa<quant_dyn::ScaleLayoutAttr>(unwrap(attr));
}

bool quantDynScaleLayoutAttrIsSwizzled128x4(MlirAttribute attr) {
  return cast<quant_dyn::ScaleLayoutAttr>(unwrap(attr)).getValue() ==
         quant_dyn::ScaleLayout::swizzled_128x4;
}

//===----------------------------------------------------------------------===//
// CPU pipeline and host code generation
//===----------------------------------------------------------------------===//

QuantDynCPUPipelineOptions quantDynCPUPipelineOptionsGetDefault(void) {
  quant_dyn::CPUPipelineOptions defaults;
  QuantDynCPUPipelineOptions options;
  options.vectorWidth = defaults.vectorWidth;
  options.numThreads = defaults.numThreads;
  options.parallel = defaults.parallel;
  options.resultsToOutParams = defaults.resultsToOutParams;
  return options;
}

MlirLogicalResult quantDynRunCPUPipeline(MlirModule module,
                                         QuantDynCPUPipelineOptions options) {
  quant_dyn::CPUPipelineOptions cppOptions;
  cppOptions.vectorWidth = options.vectorWidth;
  cppOptions.numThreads = options.numThreads;
  cppOptions.parallel = options.parallel;
  cppOptions.resultsToOutParams = options.resultsToOutParams;
  return wrap(quant_dyn::lowerForCPU(unwrap(module), cppOptions));
}

MlirLogicalResult quantDynEmitCPUCode(MlirModule module,
                                      QuantDynCPUEmitKind kind,
                                      MlirStringCallback callback,
                                      void *userData) {
  quant_dyn::CPUEmitKind cppKind = quant_dyn::CPUEmitKind::Object;
  switch (kind) {
  case QuantDynCPUEmitLLVMIR:
    cppKind = quant_dyn::CPUEmitKind::LLVMIR;
    break;
  case QuantDynCPUEmitAssembly:
    cppKind = quant_dyn::CPUEmitKind::Assembly;
    break;
  case QuantDynCPUEmitObject:
    cppKind = quant_dyn::CPUEmitKind::Object;
    break;
  }
  ModuleOp moduleOp = unwrap(module);
  mlir::detail::CallbackOstream stream(callback, userData);
  if (llvm::Error error = quant_dyn::emitCPUCode(
          moduleOp, cppKind, quant_dyn::CPUTargetOptions(), stream)) {
    emitError(moduleOp.getLoc()) << llvm::toString(std::move(error));
    return mlirLogicalResultFailure();
  }
  stream.flush();
  return mlirLogicalResultSuccess();
}
