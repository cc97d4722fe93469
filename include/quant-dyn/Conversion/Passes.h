//===- Passes.h - quant_dyn conversion passes -------------------*- C++ -*-===//

#ifndef QUANT_DYN_CONVERSION_PASSES_H
#define QUANT_DYN_CONVERSION_PASSES_H

#include "quant-dyn/Conversion/QuantDynToLinalg/QuantDynToLinalg.h"

namespace mlir::quant_dyn {
#define GEN_PASS_DECL_EXPANDNVVMCONVERSIONSPASS
#include "quant-dyn/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "quant-dyn/Conversion/Passes.h.inc"
} // namespace mlir::quant_dyn

#endif
