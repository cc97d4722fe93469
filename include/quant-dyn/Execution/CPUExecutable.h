//===- CPUExecutable.h - JIT-compiled entry functions -----------*- C++ -*-===//
//
// The execution library: runs what the compiler library
// (quant-dyn/Compiler/Compiler.h) produces, binding the project's run-time
// libraries. CPUExecutable JIT-compiles an entry function with the MLIR
// ExecutionEngine and calls it on HostTensors through memref descriptors
// (identity row-major layout; f4E2M1FN packed two per byte, with logical
// sizes and strides in the descriptor).
//
// Errors follow the rule of Compiler.h: compile* report through the module's
// context diagnostics (FailureOr), calls of compiled code return llvm::Error.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_EXECUTION_CPUEXECUTABLE_H
#define QUANT_DYN_EXECUTION_CPUEXECUTABLE_H

#include "quant-dyn/Compiler/Compiler.h"
#include "quant-dyn/Support/HostTensor.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;

namespace quant_dyn {
class JITCodeArena;

/// A tensor-level entry function compiled for the host by the CPU pipeline
/// and the MLIR ExecutionEngine, callable on HostTensors.
///
///   auto exe = CPUExecutable::compile(*module, "main", CPUPipelineOptions());
///   if (failed(exe)) return failure;           // diagnostics already out
///   std::vector<HostTensor> outs;
///   if (llvm::Error error = (*exe)->invoke(ins, outs)) ... message ...
///
/// Not thread-safe: one invocation at a time per executable.
class CPUExecutable {
public:
  ~CPUExecutable();
  CPUExecutable(const CPUExecutable &) = delete;
  CPUExecutable &operator=(const CPUExecutable &) = delete;

  /// Reads the signature of `entryName`, lowers `module` IN PLACE with
  /// lowerForCPU, and JIT-compiles it (LLVM -O`target.optLevel`, host CPU
  /// and features unless overridden, libomp loaded, quant_dyn_report_error
  /// bound to the run-time library). Diagnostics go to the module's context.
  static FailureOr<std::unique_ptr<CPUExecutable>>
  compile(ModuleOp module, StringRef entryName,
          const CPUPipelineOptions &options,
          const CPUTargetOptions &target = CPUTargetOptions());

  /// A function the JIT-compiled code calls, bound by address.
  struct ExternalSymbol {
    StringRef name;
    void *address;
  };

  /// JIT-compiles `module`, already lowered to the LLVM dialect (the CPU
  /// pipeline's output, or the host code of the GPU pipeline with its
  /// kernels serialized), whose entry `signature.name` has a C interface
  /// with the host memory ABI. `symbols` binds further external functions
  /// (the GPU runtime's mgpu* functions) besides quant_dyn_report_error.
  static FailureOr<std::unique_ptr<CPUExecutable>>
  compileLowered(ModuleOp module, FunctionSignature signature,
                 const CPUTargetOptions &target,
                 ArrayRef<ExternalSymbol> symbols = {});

  /// The entry's signature, read before lowering.
  const FunctionSignature &getSignature() const { return signature; }

  /// The packed C-interface wrapper of the entry (`_mlir_ciface_<name>`
  /// through the ExecutionEngine's packed calling convention): for callers
  /// that build memref descriptors themselves (benchmarks on device
  /// buffers).
  void (*getPackedEntry() const)(void **) { return packedEntry; }

  /// Checks `inputs` against the signature (count, element kind, rank and
  /// static dims; f4 inputs need an even innermost extent), calls the entry
  /// once and copies its results to `outputs` (f4 results unpacked). A
  /// run-time error reported by the compiled code (quant_dyn_report_error)
  /// is an error with its message.
  llvm::Error invoke(ArrayRef<HostTensor> inputs,
                     std::vector<HostTensor> &outputs);

  /// Like invoke, but calls the entry `repeat` (>= 1) times on fresh copies
  /// of the inputs (after the first call, of those it may write: see
  /// mayWriteArgument) and appends the duration of each call in
  /// milliseconds to `millis` (only the calls are timed: no checks, copies
  /// or frees).
  /// `outputs` holds the results of the last call.
  llvm::Error invokeTimed(ArrayRef<HostTensor> inputs,
                          std::vector<HostTensor> &outputs, unsigned repeat,
                          std::vector<double> &millis);

  /// Whether the entry may write the memory of its argument `index` (the
  /// inputs first, then the outputs of results-to-out-params). False only
  /// where the pipeline proved it (quant-dyn-mark-read-only-arguments):
  /// repeated calls copy fresh inputs into these arguments only.
  bool mayWriteArgument(unsigned index) const;

  /// Whether the entry was compiled with results-to-out-params (then
  /// invokeInto calls it; invoke and invokeTimed refuse it).
  bool usesOutParams() const { return outParams; }

  /// Where invokeInto places the argument and output buffers it passes:
  /// host memory unless one is given (GPUExecutable gives device memory to
  /// entries compiled with host-buffers=false). Failures go through the
  /// implementation's own channel (the CUDA runtime records them).
  class BufferMemory {
  public:
    virtual ~BufferMemory();
    /// A buffer of `bytes` (> 0) bytes, or null.
    virtual void *allocate(size_t bytes) = 0;
    virtual void release(void *buffer) = 0;
    virtual void copyIn(void *buffer, const void *host, size_t bytes) = 0;
    virtual void copyOut(void *host, const void *buffer, size_t bytes) = 0;
    /// Waits for the work a call queued; part of each call's timed span.
    virtual void synchronize() = 0;
  };

  /// Out-params ABI: calls the entry `repeat` (>= 1) times with outputs
  /// allocated once, the way an embedder calls it, and appends the duration
  /// of each call in milliseconds to `millis` (only the calls are timed).
  /// `outputs` gives the element kind and shape of each result on entry and
  /// holds the results of the last call on return. Needs an entry compiled
  /// with results-to-out-params. With `memory`, the buffers live there: the
  /// inputs are copied in before each call (untimed; after the first call
  /// only those the entry may write) and the results copied out once, after
  /// the last call.
  llvm::Error invokeInto(ArrayRef<HostTensor> inputs,
                         MutableArrayRef<HostTensor> outputs, unsigned repeat,
                         std::vector<double> &millis,
                         BufferMemory *memory = nullptr);

private:
  CPUExecutable();
  // Sets outParams on the host code it compiles.
  friend class GPUExecutable;

  bool outParams = false;

  FunctionSignature signature;
  /// Indexed by argument: proved never written by the entry.
  std::vector<bool> readOnlyArguments;
  /// Where the engine's code and data live; destroyed after the engine.
  std::unique_ptr<JITCodeArena> codeArena;
  std::unique_ptr<ExecutionEngine> engine;
  /// The packed C-interface wrapper of the entry (`_mlir_ciface_<name>`).
  void (*packedEntry)(void **) = nullptr;
};

/// Path of the OpenMP runtime the JIT loads (the one found in LLVM's
/// library directory when the project was configured), or empty when none
/// exists.
std::string findOpenMPRuntime();

} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_EXECUTION_CPUEXECUTABLE_H
