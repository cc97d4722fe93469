//===- Passes.h - Host CPU passes -------------------------------*- C++ -*-===//

#ifndef QUANT_DYN_TARGET_CPU_PASSES_H
#define QUANT_DYN_TARGET_CPU_PASSES_H

#include "quant-dyn/Target/CPU/CPUTuning.h"

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace arith {
class ArithDialect;
}
namespace memref {
class MemRefDialect;
}
namespace func {
class FuncOp;
}

namespace quant_dyn {
#define GEN_PASS_DECL
#include "quant-dyn/Target/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "quant-dyn/Target/CPU/Passes.h.inc"
} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_TARGET_CPU_PASSES_H
