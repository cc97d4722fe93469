//===- Compiler.h - quant_dyn compiler library ------------------*- C++ -*-===//
//
// The compiler half of the driver, for the tools and for embedders: parse a
// source file (within the input limits), lower it with the CPU or GPU
// pipeline, read an entry function's signature, and emit LLVM IR text,
// assembly or an object file for the host, or PTX / a cubin for the GPU.
//
// This library binds no run-time library: no JIT (it uses only upstream's
// LLVM optimization helper, mlir/ExecutionEngine/OptUtils.h, never the
// ExecutionEngine), no CPU run-time library, no CUDA runtime. Running compiled code is the execution library's
// (quant-dyn/Execution/CPUExecutable.h, GPUExecutable.h), as upstream keeps
// mlir/ExecutionEngine apart from the code that produces LLVM IR.
//
// Error reporting, one rule for the whole driver (compiler, execution and
// tool-support libraries):
//  - functions on MLIR IR or MLIR source (parse, source limits, lowering,
//    signatures, kernel serialization) report through the MLIRContext's
//    diagnostics and return LogicalResult or FailureOr<T>;
//  - functions on LLVM IR, the host or host data (options, target machines,
//    translation and code emission, calls of compiled code, the CUDA
//    driver) return llvm::Error or llvm::Expected<T> carrying the message.
// Library messages name options by their pipeline names (num-threads=...),
// never a tool's flags.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_COMPILER_COMPILER_H
#define QUANT_DYN_COMPILER_COMPILER_H

#include "quant-dyn/Pipelines/Pipelines.h"
#include "quant-dyn/Support/ElementKind.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
class raw_ostream;
class SourceMgr;
} // namespace llvm

namespace mlir {
class MLIRContext;

namespace quant_dyn {

//===----------------------------------------------------------------------===//
// Front end and CPU pipeline
//===----------------------------------------------------------------------===//

/// Creates a context with mlir::quant_dyn::registerAllDialects; the dialects
/// load lazily.
std::unique_ptr<MLIRContext> createContext();

/// Parses and verifies the MLIR file at `path` ("-" reads stdin).
/// Diagnostics (with the source line) go to stderr.
FailureOr<OwningOpRef<ModuleOp>> parseSourceFile(StringRef path,
                                                 MLIRContext &context);

/// Same, adding the file to `sourceMgr` and reporting through the context's
/// handlers: keep `sourceMgr` (with a SourceMgrDiagnosticHandler on it)
/// alive while the module is compiled, so later diagnostics (pipeline,
/// signature) show source lines as well.
FailureOr<OwningOpRef<ModuleOp>> parseSourceFile(StringRef path,
                                                 llvm::SourceMgr &sourceMgr,
                                                 MLIRContext &context);

/// The input limits parseSourceFile enforces before parsing, for drivers
/// that parse through upstream entry points (quant-dyn-opt's MlirOptMain):
/// `path` must not be a device, and its brackets must not nest more than
/// 1000 levels deep (the parser recurses once per level). Emits an error on
/// `context` (at the offending bracket) and fails otherwise. Succeeds when
/// `path` is "-" (stdin is not read ahead) or cannot be read (the parser
/// reports that).
LogicalResult checkSourceFileLimits(StringRef path, MLIRContext &context);

/// The most OpenMP threads CPUPipelineOptions::numThreads may ask for: the
/// OpenMP runtime aborts the process when it cannot create them.
constexpr unsigned kMaxCPUThreads = 1024;

/// Checks the values of `options` (num-threads at most kMaxCPUThreads,
/// vector-width 0, 128, 256 or 512); the message names the option by its
/// pipeline name ("num-threads=2000 is out of range ...").
llvm::Error checkCPUPipelineOptions(const CPUPipelineOptions &options);

/// Runs buildCPUPipeline on `module` in place: tensor-level quant_dyn /
/// linalg IR to the LLVM dialect, every public func with
/// llvm.emit_c_interface. Honours --mlir-print-ir-* and the other pass
/// manager options when the tool registered them (registerPassManager-
/// CLOptions). Fails first on options checkCPUPipelineOptions rejects and
/// on types checkStaticShapeSizes rejects. Diagnostics go to the context.
LogicalResult lowerForCPU(ModuleOp module, const CPUPipelineOptions &options);

/// Checks every statically shaped tensor, memref and vector type in `root`
/// (op results, block arguments, function signatures, type attributes such
/// as memref.global's): the byte size of its static dims must fit in
/// int64_t (the generated code computes sizes in i64, so a larger one
/// would wrap) and, when `memoryLimit` is given (the JIT: this machine's
/// memory), must not exceed it, so that a hostile shape fails before any
/// allocation instead of crashing the compiled code. Emits one error at
/// the first offending op.
LogicalResult checkStaticShapeSizes(Operation *root,
                                    std::optional<uint64_t> memoryLimit);

/// Physical memory of this machine in bytes (0 when unknown).
uint64_t getPhysicalMemorySize();

//===----------------------------------------------------------------------===//
// Host code generation
//===----------------------------------------------------------------------===//

/// The machine code is generated for. Empty `cpu` (or "native") means the
/// host CPU with all the host's features; any other `cpu` means that CPU
/// with its default features. `features` is an -mattr style list applied on
/// top ("+avx2,-avx512f"). The target is always the host's triple.
struct CPUTargetOptions {
  std::string cpu;
  std::string features;
  /// LLVM IR optimization (0-3), also the code generation level.
  unsigned optLevel = 3;
};

/// Creates the TargetMachine for `options` (position-independent code, so
/// objects link into PIE executables and shared libraries). Fails for an
/// unknown CPU name or feature, or an optimization level above 3.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createCPUTargetMachine(const CPUTargetOptions &options);

/// Optimizes `module` for `targetMachine` at `optLevel` (0: none) and then
/// makes the code generation choices of the CPU target that LLVM's own
/// optimizations would undo (see lowerWideByteTruncations in Compiler.cpp).
/// quant-dyn-compile and the JIT of quant-dyn-runner both go through it.
llvm::Error optimizeForCPU(llvm::Module &module,
                           llvm::TargetMachine &targetMachine,
                           unsigned optLevel);

/// Translates an LLVM-dialect module to LLVM IR for `targetMachine` (triple
/// and data layout set) and optimizes it with optimizeForCPU.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateForCPU(ModuleOp module, llvm::LLVMContext &llvmContext,
                llvm::TargetMachine &targetMachine, unsigned optLevel);

enum class CPUEmitKind { LLVMIR, Assembly, Object };

/// Translates the LLVM-dialect `module` (the output of lowerForCPU),
/// optimizes it and writes textual LLVM IR, assembly or an ELF object for
/// the target of `options` to `os` (any stream: code is generated into a
/// buffer first, so pipes and stdout work for objects too).
llvm::Error emitCPUCode(ModuleOp module, CPUEmitKind kind,
                        const CPUTargetOptions &options, llvm::raw_ostream &os);

//===----------------------------------------------------------------------===//
// Entry function signatures
//===----------------------------------------------------------------------===//

/// One tensor argument or result of an entry function, as declared.
struct TensorSignature {
  ElementKind kind = ElementKind::F32;
  /// Dims in order; ShapedType::kDynamic for a dynamic dim.
  std::vector<int64_t> shape;
  /// The declared type as MLIR prints it ("tensor<?x32xf32>"), for messages.
  std::string typeName;

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  static bool isDynamicDim(int64_t dim);
};

struct FunctionSignature {
  std::string name;
  std::vector<TensorSignature> arguments;
  std::vector<TensorSignature> results;
};

/// The ElementKind of a tensor element type, or std::nullopt for a type
/// without a host representation (index, f64, i1, ...).
std::optional<ElementKind> getElementKind(Type elementType);

/// Reads the signature of the public func.func `entryName` of a tensor-level
/// `module`: every argument and result must be a ranked tensor of an element
/// type of ElementKind. Emits a diagnostic and fails otherwise.
FailureOr<FunctionSignature> getEntrySignature(ModuleOp module,
                                               StringRef entryName);

//===----------------------------------------------------------------------===//
// GPU (NVVM): pipeline and kernel images
//===----------------------------------------------------------------------===//

/// Runs buildGPUPipeline on `module` in place: tensor-level quant_dyn /
/// linalg IR to kernels in a gpu.module (NVVM, #nvvm.target for
/// `options.chip`) and host code in the LLVM dialect. Honours the
/// --mlir-print-ir-* options like lowerForCPU. Diagnostics go to the context.
LogicalResult lowerForGPU(ModuleOp module, const GPUPipelineOptions &options);

/// How kernels are compiled and embedded.
enum class GPUBinaryFormat {
  PTX,   ///< PTX text; the driver JIT-compiles it when the module is loaded.
  Cubin, ///< Machine code for the chip, by ptxas (CUDA toolkit needed).
  Fatbin ///< A fat binary holding the cubin and the PTX (ptxas, fatbinary).
};

/// Serializes the gpu.modules of a module lowered by lowerForGPU in place
/// (gpu-module-to-binary): each becomes a gpu.binary that the host code's
/// LLVM IR embeds and loads from a global constructor (mgpuModuleLoad /
/// mgpuModuleLoadJIT). Diagnostics (e.g. ptxas errors) go to the context.
LogicalResult serializeGPUModules(ModuleOp module, GPUBinaryFormat format);

/// Writes the kernel image(s) of a module lowered by lowerForGPU: PTX text
/// (every image) or one cubin / fatbin (the module is serialized in place).
/// Diagnostics go to the context.
LogicalResult emitGPUKernels(ModuleOp module, GPUBinaryFormat format,
                             llvm::raw_ostream &os);

/// The chip name of a CUDA device's compute capability: sm_90a for 9.0,
/// sm_100a for 10.0 (the arch-specific variants from 9.0 on), sm_89 for 8.9.
std::string getChipForComputeCapability(int major, int minor);

} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_COMPILER_COMPILER_H
