//===- InitAll.h - Register quant_dyn and what it needs ---------*- C++ -*-===//
//
// The one registration entry point of the project. Every tool of the project
// and every embedder calls these, so tools never drift apart.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_INITALL_H
#define QUANT_DYN_INITALL_H

namespace mlir {
class DialectRegistry;

namespace quant_dyn {

/// Registers the quant_dyn dialect and every dialect, interface and
/// translation the project's pipelines use (not all of upstream MLIR).
void registerAllDialects(DialectRegistry &registry);

/// Registers the project's passes and pipelines, and the upstream passes
/// the pipelines are built from (so quant-dyn-opt can run each step).
void registerAllPasses();

} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_INITALL_H
