//===- TestPasses.h - Testing aids of the NVVM target -----------*- C++ -*-===//
//
// Passes that let the NVVM target be checked on machines without a GPU.
// They are not part of the product: only the tools built with
// QUANT_DYN_INCLUDE_TESTS register them (quant_dyn::test::registerTestPasses).
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_TEST_LIB_TARGET_NVVM_TESTPASSES_H
#define QUANT_DYN_TEST_LIB_TARGET_NVVM_TESTPASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace arith { class ArithDialect; }
namespace memref { class MemRefDialect; }
namespace scf { class SCFDialect; }
namespace func { class FuncOp; }

namespace quant_dyn {
#define GEN_PASS_DECL
#include "TestPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "TestPasses.h.inc"
} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_TEST_LIB_TARGET_NVVM_TESTPASSES_H
