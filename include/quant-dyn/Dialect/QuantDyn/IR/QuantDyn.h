//===- QuantDyn.h - quant_dyn dialect ---------------------------*- C++ -*-===//
//
// The dialect, its attributes and its ops: include this one header.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_DIALECT_QUANTDYN_IR_QUANTDYN_H
#define QUANT_DYN_DIALECT_QUANTDYN_IR_QUANTDYN_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynOpsDialect.h.inc"
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynAttrs.h.inc"

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynTypeRules.h"

#define GET_OP_CLASSES
#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynOps.h.inc"

#endif // QUANT_DYN_DIALECT_QUANTDYN_IR_QUANTDYN_H
