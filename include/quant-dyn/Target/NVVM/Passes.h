//===- Passes.h - NVIDIA GPU passes -----------------------------*- C++ -*-===//

#ifndef QUANT_DYN_TARGET_NVVM_PASSES_H
#define QUANT_DYN_TARGET_NVVM_PASSES_H

#include "quant-dyn/Target/NVVM/NVVMTuning.h"

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace arith { class ArithDialect; }
namespace gpu { class GPUDialect; class GPUModuleOp; }
namespace linalg { class LinalgDialect; }
namespace memref { class MemRefDialect; }
namespace scf { class SCFDialect; }
namespace func { class FuncOp; }

namespace quant_dyn {
#define GEN_PASS_DECL
#include "quant-dyn/Target/NVVM/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "quant-dyn/Target/NVVM/Passes.h.inc"
} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_TARGET_NVVM_PASSES_H
