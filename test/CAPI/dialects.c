//===- dialects.c - Test of the quant_dyn C API ---------------------------===//
//
// Built by test/CAPI/CMakeLists.txt as quant-dyn-capi-test (C only, linked
// against QuantDynCAPI, MLIR's C API archive and libMLIR.so / libLLVM.so).
//
//===----------------------------------------------------------------------===//

// RUN: quant-dyn-capi-test 2>&1 | FileCheck %s

#include "quant-dyn-c/Dialects.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static void printToStream(MlirStringRef str, void *userData) {
  fwrite(str.data, 1, str.length, (FILE *)userData);
}

static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  fprintf(stderr, "diagnostic: ");
  mlirDiagnosticPrint(diagnostic, printToStream, stderr);
  fprintf(stderr, "\n");
  return mlirLogicalResultSuccess();
}

/// A growable byte buffer for quantDynEmitCPUCode.
typedef struct {
  char *data;
  size_t size;
} Buffer;

static void appendToBuffer(MlirStringRef str, void *userData) {
  Buffer *buffer = (Buffer *)userData;
  buffer->data = realloc(buffer->data, buffer->size + str.length + 1);
  memcpy(buffer->data + buffer->size, str.data, str.length);
  buffer->size += str.length;
  buffer->data[buffer->size] = '\0';
}

/// A context with the dialects of quantDynRegisterAllDialects and a
/// diagnostic handler printing to stderr.
static MlirContext createContext(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  quantDynRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);
  return ctx;
}

static const char *kNVFP4Module =
    "func.func @main(%x: tensor<2x32xf32>, %gs: tensor<f32>)\n"
    "    -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>) {\n"
    "  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : "
    "i64}\n"
    "      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, "
    "tensor<2x2xf8E4M3FN>)\n"
    "  return %q, %s : tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>\n"
    "}\n";

static const char *kLinearModule =
    "func.func @linear(%x: tensor<4x3xf32>, %s: tensor<3xf32>, %z: "
    "tensor<3xui8>) -> tensor<4x3xui8> {\n"
    "  %q = quant_dyn.quantize_linear %x, %s, %z {qtype = "
    "#quant_dyn.qtype<per_channel>, axis = 1 : i64}\n"
    "      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> "
    "tensor<4x3xui8>\n"
    "  return %q : tensor<4x3xui8>\n"
    "}\n";

//===----------------------------------------------------------------------===//
// Tests
//===----------------------------------------------------------------------===//

static void testDialectHandle(void) {
  fprintf(stderr, "@testDialectHandle\n");
  MlirContext ctx = mlirContextCreate();
  MlirDialectHandle handle = mlirGetDialectHandle__quant_dyn__();
  MlirStringRef ns = mlirDialectHandleGetNamespace(handle);
  fprintf(stderr, "namespace: %.*s\n", (int)ns.length, ns.data);
  MlirDialect dialect = mlirDialectHandleLoadDialect(handle, ctx);
  fprintf(stderr, "loaded: %d\n", !mlirDialectIsNull(dialect));
  mlirContextDestroy(ctx);
  // CHECK-LABEL: @testDialectHandle
  // CHECK-NEXT: namespace: quant_dyn
  // CHECK-NEXT: loaded: 1
}

static void testAttributes(void) {
  fprintf(stderr, "@testAttributes\n");
  MlirContext ctx = createContext();
  mlirContextGetOrLoadDialect(ctx, mlirStringRefCreateFromCString("quant_dyn"));

  MlirAttribute perChannel = quantDynQTypeAttrGet(ctx, true);
  MlirAttribute perTensor = quantDynQTypeAttrGet(ctx, false);
  mlirAttributeDump(perChannel);
  mlirAttributeDump(perTensor);
  fprintf(stderr, "qtype: isa %d %d, per_channel %d %d\n",
          quantDynAttributeIsAQTypeAttr(perChannel),
          quantDynAttributeIsAQTypeAttr(mlirUnitAttrGet(ctx)),
          quantDynQTypeAttrIsPerChannel(perChannel),
          quantDynQTypeAttrIsPerChannel(perTensor));

  MlirAttribute rceil = quantDynScaleRoundingAttrGet(ctx, true);
  mlirAttributeDump(rceil);
  mlirAttributeDump(quantDynScaleRoundingAttrGet(ctx, false));
  MlirAttribute parsed = mlirAttributeParseGet(
      ctx, mlirStringRefCreateFromCString("#quant_dyn.scale_rounding<rceil>"));
  fprintf(stderr, "scale_rounding: isa %d %d, rceil %d, parsed equal %d\n",
          quantDynAttributeIsAScaleRoundingAttr(rceil),
          quantDynAttributeIsAScaleRoundingAttr(perChannel),
          quantDynScaleRoundingAttrIsRceil(parsed),
          mlirAttributeEqual(parsed, rceil));

  MlirAttribute swizzled = quantDynScaleLayoutAttrGet(ctx, true);
  MlirAttribute linear = quantDynScaleLayoutAttrGet(ctx, false);
  mlirAttributeDump(swizzled);
  mlirAttributeDump(linear);
  MlirAttribute parsedLayout = mlirAttributeParseGet(
      ctx, mlirStringRefCreateFromCString(
               "#quant_dyn.scale_layout<swizzled_128x4>"));
  fprintf(stderr,
          "scale_layout: isa %d %d, swizzled %d %d, parsed equal %d\n",
          quantDynAttributeIsAScaleLayoutAttr(swizzled),
          quantDynAttributeIsAScaleLayoutAttr(rceil),
          quantDynScaleLayoutAttrIsSwizzled128x4(parsedLayout),
          quantDynScaleLayoutAttrIsSwizzled128x4(linear),
          mlirAttributeEqual(parsedLayout, swizzled));
  mlirContextDestroy(ctx);
  // CHECK-LABEL: @testAttributes
  // CHECK-NEXT: #quant_dyn.qtype<per_channel>
  // CHECK-NEXT: #quant_dyn.qtype<per_tensor>
  // CHECK-NEXT: qtype: isa 1 0, per_channel 1 0
  // CHECK-NEXT: #quant_dyn.scale_rounding<rceil>
  // CHECK-NEXT: #quant_dyn.scale_rounding<floor>
  // CHECK-NEXT: scale_rounding: isa 1 0, rceil 1, parsed equal 1
  // CHECK-NEXT: #quant_dyn.scale_layout<swizzled_128x4>
  // CHECK-NEXT: #quant_dyn.scale_layout<linear>
  // CHECK-NEXT: scale_layout: isa 1 0, swizzled 1 0, parsed equal 1
}

static void testVerifier(void) {
  fprintf(stderr, "@testVerifier\n");
  MlirContext ctx = createContext();
  // f8E4M3FN scales (NVFP4) need blocks of 16: the parser's verifier rejects
  // the module and reports through the diagnostic handler.
  const char *bad =
      "func.func @bad(%x: tensor<2x32xf32>, %gs: tensor<f32>) {\n"
      "  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 32 "
      ": i64}\n"
      "      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, "
      "tensor<2x1xf8E4M3FN>)\n"
      "  return\n"
      "}\n";
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(bad));
  fprintf(stderr, "rejected: %d\n", mlirModuleIsNull(module));
  mlirContextDestroy(ctx);
  // CHECK-LABEL: @testVerifier
  // CHECK-NEXT: diagnostic: 'quant_dyn.quantize' op {{.*}}16
  // CHECK: rejected: 1
}

static void testCPUPipeline(void) {
  fprintf(stderr, "@testCPUPipeline\n");
  MlirContext ctx = createContext();
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kNVFP4Module));
  if (mlirModuleIsNull(module)) {
    fprintf(stderr, "parse failed\n");
    exit(1);
  }
  MlirOperation op = mlirModuleGetOperation(module);
  fprintf(stderr, "verified: %d\n", mlirOperationVerify(op));
  mlirOperationDump(op);

  QuantDynCPUPipelineOptions options = quantDynCPUPipelineOptionsGetDefault();
  fprintf(stderr, "defaults: vector-width %u num-threads %u parallel %d\n",
          options.vectorWidth, options.numThreads, options.parallel);
  options.numThreads = 2;
  MlirLogicalResult lowered = quantDynRunCPUPipeline(module, options);
  fprintf(stderr, "lowered: %d\n", mlirLogicalResultIsSuccess(lowered));
  mlirOperationDump(op);

  Buffer ir = {NULL, 0};
  MlirLogicalResult emitted =
      quantDynEmitCPUCode(module, QuantDynCPUEmitLLVMIR, appendToBuffer, &ir);
  fprintf(stderr, "llvm ir: %d\n", mlirLogicalResultIsSuccess(emitted));
  // Only the definitions: the bodies depend on the host CPU.
  for (char *line = ir.data; line && *line;) {
    char *end = strchr(line, '\n');
    if (strncmp(line, "define ", 7) == 0)
      fprintf(stderr, "%.*s\n", end ? (int)(end - line) : (int)strlen(line),
              line);
    line = end ? end + 1 : NULL;
  }
  free(ir.data);

  Buffer object = {NULL, 0};
  emitted = quantDynEmitCPUCode(module, QuantDynCPUEmitObject, appendToBuffer,
                                &object);
  static const char elfMagic[4] = {0x7f, 'E', 'L', 'F'};
  fprintf(stderr, "object: %d, ELF %d\n", mlirLogicalResultIsSuccess(emitted),
          object.size > 4 && memcmp(object.data, elfMagic, 4) == 0);
  free(object.data);

  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  // CHECK-LABEL: @testCPUPipeline
  // CHECK-NEXT: verified: 1
  // CHECK: quant_dyn.quantize {{.*}}block_size = 16 : i64
  // CHECK: defaults: vector-width 0 num-threads 0 parallel 1
  // CHECK-NEXT: lowered: 1
  // CHECK-NOT: quant_dyn.quantize
  // CHECK: llvm.func @main(
  // CHECK: llvm.func @_mlir_ciface_main(
  // CHECK: llvm ir: 1
  // CHECK-DAG: define {{.*}} @main(
  // CHECK-DAG: define {{.*}} @_mlir_ciface_main(
  // CHECK: object: 1, ELF 1
}

static void testPassRegistration(void) {
  fprintf(stderr, "@testPassRegistration\n");
  quantDynRegisterAllPasses();
  quantDynRegisterAllPasses(); // a second call is harmless
  MlirContext ctx = createContext();
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kLinearModule));
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString(
          "builtin.module(convert-quant-dyn-to-linalg,canonicalize)"),
      printToStream, stderr);
  fprintf(stderr, "parsed: %d\n", mlirLogicalResultIsSuccess(parsed));
  MlirLogicalResult ran =
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));
  fprintf(stderr, "ran: %d\n", mlirLogicalResultIsSuccess(ran));
  mlirOperationDump(mlirModuleGetOperation(module));
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  // CHECK-LABEL: @testPassRegistration
  // CHECK-NEXT: parsed: 1
  // CHECK-NEXT: ran: 1
  // CHECK-NOT: quant_dyn.quantize_linear
  // CHECK: linalg.generic
}

int main(void) {
  testDialectHandle();
  testAttributes();
  testVerifier();
  testCPUPipeline();
  testPassRegistration();
  fprintf(stderr, "done\n");
  // CHECK: done
  return 0;
}
