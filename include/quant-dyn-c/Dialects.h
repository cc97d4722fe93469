//===- quant-dyn-c/Dialects.h - C API of quant_dyn ----------------*- C -*-===//
//
// The C API of the quant_dyn dialect, in the style of MLIR's own C API
// (mlir-c/IR.h): the dialect handle, registration of the dialect and of
// everything the pipelines need, builders for the dialect's attributes, and
// task-level entry points (run the CPU pipeline, emit host code) for ML
// compilers and runtimes that drive MLIR from C.
//
// Link QuantDyn::QuantDynCAPI (CMake package QuantDyn), or by hand:
// libQuantDynCAPI.a, the project's libraries, libMLIRCAPIIR.a, libMLIR.so,
// libLLVM.so and the C++ runtime.
//
// Diagnostics (verifier errors, pipeline failures, code generation errors)
// are reported through the context's diagnostic handlers
// (mlirContextAttachDiagnosticHandler); functions returning MlirLogicalResult
// have emitted at least one error when they fail.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_C_DIALECTS_H
#define QUANT_DYN_C_DIALECTS_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

/// mlirGetDialectHandle__quant_dyn__(): the handle of the quant_dyn dialect
/// alone (use mlirDialectHandleInsertDialect / mlirDialectHandleLoadDialect).
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(QuantDyn, quant_dyn);

/// Inserts quant_dyn and every dialect, interface and LLVM IR translation the
/// project's pipelines need into `registry`
/// (mlir::quant_dyn::registerAllDialects).
MLIR_CAPI_EXPORTED void
quantDynRegisterAllDialects(MlirDialectRegistry registry);

/// Registers the project's passes and pipelines (--convert-quant-dyn-to-linalg,
/// --quant-dyn-cpu-pipeline, ...) and the upstream passes they are built from
/// in the global pass registry, so textual pipelines can name them
/// (mlir::quant_dyn::registerAllPasses). Safe to call more than once.
MLIR_CAPI_EXPORTED void quantDynRegisterAllPasses(void);

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

/// #quant_dyn.qtype<per_channel> if `perChannel`, else
/// #quant_dyn.qtype<per_tensor> (the `qtype` of quantize_linear /
/// dequantize_linear).
MLIR_CAPI_EXPORTED MlirAttribute quantDynQTypeAttrGet(MlirContext ctx,
                                                      bool perChannel);

/// Whether `attr` is a #quant_dyn.qtype attribute.
MLIR_CAPI_EXPORTED bool quantDynAttributeIsAQTypeAttr(MlirAttribute attr);

/// Whether the #quant_dyn.qtype attribute `attr` is per_channel.
MLIR_CAPI_EXPORTED bool quantDynQTypeAttrIsPerChannel(MlirAttribute attr);

/// #quant_dyn.scale_rounding<rceil> if `rceil`, else
/// #quant_dyn.scale_rounding<floor> (the `scale_rounding` of quantize with
/// f8E8M0FNU scales).
MLIR_CAPI_EXPORTED MlirAttribute quantDynScaleRoundingAttrGet(MlirContext ctx,
                                                              bool rceil);

/// Whether `attr` is a #quant_dyn.scale_rounding attribute.
MLIR_CAPI_EXPORTED bool
quantDynAttributeIsAScaleRoundingAttr(MlirAttribute attr);

/// Whether the #quant_dyn.scale_rounding attribute `attr` is rceil.
MLIR_CAPI_EXPORTED bool quantDynScaleRoundingAttrIsRceil(MlirAttribute attr);

/// #quant_dyn.scale_layout<swizzled_128x4> if `swizzled`, else
/// #quant_dyn.scale_layout<linear> (the `scale_layout` of quantize and
/// dequantize; see docs/ScaleLayout.md).
MLIR_CAPI_EXPORTED MlirAttribute quantDynScaleLayoutAttrGet(MlirContext ctx,
                                                            bool swizzled);

/// Whether `attr` is a #quant_dyn.scale_layout attribute.
MLIR_CAPI_EXPORTED bool quantDynAttributeIsAScaleLayoutAttr(MlirAttribute attr);

/// Whether the #quant_dyn.scale_layout attribute `attr` is swizzled_128x4.
MLIR_CAPI_EXPORTED bool
quantDynScaleLayoutAttrIsSwizzled128x4(MlirAttribute attr);

//===----------------------------------------------------------------------===//
// CPU pipeline and host code generation
//===----------------------------------------------------------------------===//

/// Options of the CPU pipeline (mlir::quant_dyn::CPUPipelineOptions). Start
/// from quantDynCPUPipelineOptionsGetDefault() and change what you need.
typedef struct QuantDynCPUPipelineOptions {
  /// Vector width in bits of the tiled kernels (0: the host's widest).
  unsigned vectorWidth;
  /// OpenMP threads for the block loops (0: all cores).
  unsigned numThreads;
  /// Distribute the outer block loops over threads (OpenMP).
  bool parallel;
  /// Out-params ABI: results become caller-allocated output descriptors
  /// after the arguments (docs/Semantics.md section 5).
  bool resultsToOutParams;
} QuantDynCPUPipelineOptions;

/// The defaults of --quant-dyn-cpu-pipeline.
MLIR_CAPI_EXPORTED QuantDynCPUPipelineOptions
quantDynCPUPipelineOptionsGetDefault(void);

/// Runs the CPU pipeline on `module` in place: tensor-level quant_dyn /
/// linalg functions become LLVM-dialect functions, each public function with
/// a `_mlir_ciface_` wrapper (docs/Semantics.md section 5). The context must
/// hold the dialects of quantDynRegisterAllDialects.
MLIR_CAPI_EXPORTED MlirLogicalResult
quantDynRunCPUPipeline(MlirModule module, QuantDynCPUPipelineOptions options);

/// What quantDynEmitCPUCode produces.
typedef enum QuantDynCPUEmitKind {
  QuantDynCPUEmitLLVMIR = 0,   ///< textual LLVM IR
  QuantDynCPUEmitAssembly = 1, ///< host assembly
  QuantDynCPUEmitObject = 2    ///< ELF relocatable object (binary)
} QuantDynCPUEmitKind;

/// Translates the LLVM-dialect `module` (the result of quantDynRunCPUPipeline)
/// to LLVM IR, optimizes it at -O3 for the host CPU and passes the LLVM IR,
/// assembly or object file to `callback` (possibly in several pieces; object
/// files are binary, use the lengths). Position-independent code.
MLIR_CAPI_EXPORTED MlirLogicalResult
quantDynEmitCPUCode(MlirModule module, QuantDynCPUEmitKind kind,
                    MlirStringCallback callback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // QUANT_DYN_C_DIALECTS_H
