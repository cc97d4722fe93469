//===- quant-dyn-lsp-server.cpp - MLIR language server for quant_dyn ------===//
//
// mlir-lsp-server with the dialects of quant-dyn-opt: diagnostics, hover,
// go-to-definition and completion for .mlir files using quant_dyn in editors
// (point the MLIR VS Code extension's "mlir.server_path" here).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-lsp-server/MlirLspServerMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::quant_dyn::registerAllDialects(registry);
  return mlir::failed(mlir::MlirLspServerMain(argc, argv, registry));
}
