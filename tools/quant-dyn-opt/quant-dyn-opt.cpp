//===- quant-dyn-opt.cpp - quant_dyn optimizer driver ---------------------===//

#include "quant-dyn/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::quant_dyn::registerAllDialects(registry);
  mlir::quant_dyn::registerAllPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "quant_dyn optimizer driver\n", registry));
}
