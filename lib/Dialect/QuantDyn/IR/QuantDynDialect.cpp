//===- QuantDynDialect.cpp - quant_dyn dialect ----------------------------===//

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::quant_dyn;

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynOpsDialect.cpp.inc"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynAttrs.cpp.inc"

void QuantDynDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynOps.cpp.inc"
      >();
}
