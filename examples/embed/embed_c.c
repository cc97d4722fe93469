/*===- embed_c.c - quant_dyn from C through the C API ---------------------===*\
|*                                                                            *|
|* The C counterpart of embed.cpp: register the dialects, parse IR holding a  *|
|* quant_dyn op, run the CPU pipeline with its options struct and write a     *|
|* host object file.                                                          *|
|*                                                                            *|
|* Usage: quant-dyn-embed-c OUT.o                                             *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "quant-dyn-c/Dialects.h"

#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"

#include <stdio.h>

/* MXFP8 quantization (OCP MX): blocks of 32, power-of-two scales. */
static const char *const kSource =
    "func.func @quantize_mxfp8(%x: tensor<8x64xbf16>)\n"
    "    -> (tensor<8x64xf8E4M3FN>, tensor<8x2xf8E8M0FNU>) {\n"
    "  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}\n"
    "      : (tensor<8x64xbf16>) -> (tensor<8x64xf8E4M3FN>, "
    "tensor<8x2xf8E8M0FNU>)\n"
    "  return %q, %s : tensor<8x64xf8E4M3FN>, tensor<8x2xf8E8M0FNU>\n"
    "}\n";

static void writeToFile(MlirStringRef chunk, void *userData) {
  fwrite(chunk.data, 1, chunk.length, (FILE *)userData);
}

static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  fputs("error: ", stderr);
  mlirDiagnosticPrint(diagnostic, writeToFile, stderr);
  fputc('\n', stderr);
  return mlirLogicalResultSuccess();
}

/* Parses, lowers and writes the object; 0 on success. */
static int compile(MlirContext ctx, const char *path) {
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kSource));
  if (mlirModuleIsNull(module))
    return 1; /* the diagnostic handler printed why */

  QuantDynCPUPipelineOptions options = quantDynCPUPipelineOptionsGetDefault();
  options.numThreads = 2;
  int status = 1;
  if (mlirLogicalResultIsSuccess(quantDynRunCPUPipeline(module, options))) {
    FILE *out = fopen(path, "wb");
    if (!out) {
      perror(path);
    } else {
      MlirLogicalResult emitted =
          quantDynEmitCPUCode(module, QuantDynCPUEmitObject, writeToFile, out);
      if (fclose(out) == 0 && mlirLogicalResultIsSuccess(emitted))
        status = 0;
    }
  }
  mlirModuleDestroy(module);
  return status;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUT.o\n", argv[0]);
    return 2;
  }

  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  quantDynRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);

  int status = compile(ctx, argv[1]);
  if (status == 0)
    printf("wrote %s\n", argv[1]);
  mlirContextDestroy(ctx);
  return status;
}
