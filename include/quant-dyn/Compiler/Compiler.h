//===- Compiler.h - quant_dyn compiler-driver library -----------*- C++ -*-===//
//
// The library behind quant-dyn-compile and quant-dyn-runner, for embedders
// too: parse a source file, lower it with the CPU pipeline, translate to
// LLVM IR and emit LLVM IR text / assembly / an object file for the host, or
// JIT-compile an entry function and call it on host tensors.
//
// The tools are thin mains over these functions (docs DESIGN "Tools are thin
// mains over a library"): what an embedder gets is exactly what the tools do.
//
// Error reporting: functions on MLIR IR (parse, lower, compile) report
// through the MLIRContext's diagnostics; functions that work on LLVM or host
// data return a message in a std::string.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_COMPILER_COMPILER_H
#define QUANT_DYN_COMPILER_COMPILER_H

#include "quant-dyn/Pipelines/Pipelines.h"
#include "quant-dyn/Support/ElementKind.h"
#include "quant-dyn/Support/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
namespace cl {
class OptionCategory;
} // namespace cl
class LLVMContext;
class Module;
class TargetMachine;
class raw_ostream;
class SourceMgr;
} // namespace llvm

namespace mlir {
class MLIRContext;
class ExecutionEngine;

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

/// The input limits parseSourceFile enforces before parsing, for drivers
/// that parse through upstream entry points (quant-dyn-opt's MlirOptMain):
/// `path` must not be a device, and its brackets must not nest more than
/// 1000 levels deep (the parser recurses once per level). Returns the
/// message ("FILE:LINE:COL: error: ..."), or std::nullopt when the file is
/// within the limits, is "-" (stdin is not read ahead), or cannot be read
/// (the parser reports that).
std::optional<std::string> checkSourceFileLimits(StringRef path);

/// Same, adding the file to `sourceMgr` and reporting through the context's
/// handlers: keep `sourceMgr` (with a SourceMgrDiagnosticHandler on it)
/// alive while the module is compiled, so later diagnostics (pipeline,
/// signature) show source lines as well.
FailureOr<OwningOpRef<ModuleOp>> parseSourceFile(StringRef path,
                                                 llvm::SourceMgr &sourceMgr,
                                                 MLIRContext &context);

/// Runs buildCPUPipeline on `module` in place: tensor-level quant_dyn /
/// linalg IR to the LLVM dialect, every public func with
/// llvm.emit_c_interface. Honours --mlir-print-ir-* and the other pass
/// manager options when the tool registered them (registerPassManager-
/// CLOptions). Fails first on options checkCPUPipelineOptions rejects and
/// on types checkStaticShapeSizes rejects. Diagnostics go to the context.
LogicalResult lowerForCPU(ModuleOp module, const CPUPipelineOptions &options);

/// The most OpenMP threads CPUPipelineOptions::numThreads may ask for: the
/// OpenMP runtime aborts the process when it cannot create them.
constexpr unsigned kMaxCPUThreads = 1024;

/// Checks the values of `options` (num-threads at most kMaxCPUThreads,
/// vector-width 0, 128, 256 or 512); `error` names the option otherwise.
LogicalResult checkCPUPipelineOptions(const CPUPipelineOptions &options,
                                      std::string &error);

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
/// objects link into PIE executables and shared libraries). Fails with a
/// message for an unknown CPU name or feature.
std::unique_ptr<llvm::TargetMachine>
createCPUTargetMachine(const CPUTargetOptions &options, std::string &error);

/// Translates an LLVM-dialect module to LLVM IR for `targetMachine` (triple
/// and data layout set) and optimizes it at `optLevel` (0: none).
std::unique_ptr<llvm::Module>
translateForCPU(ModuleOp module, llvm::LLVMContext &llvmContext,
                llvm::TargetMachine &targetMachine, unsigned optLevel,
                std::string &error);

enum class CPUEmitKind { LLVMIR, Assembly, Object };

/// Translates the LLVM-dialect `module` (the output of lowerForCPU),
/// optimizes it and writes textual LLVM IR, assembly or an ELF object for
/// the target of `options` to `os` (any stream: code is generated into a
/// buffer first, so pipes and stdout work for objects too).
LogicalResult emitCPUCode(ModuleOp module, CPUEmitKind kind,
                          const CPUTargetOptions &options,
                          llvm::raw_ostream &os, std::string &error);

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

/// Reads the signature of the public func.func `entryName` of a tensor-level
/// `module`: every argument and result must be a ranked tensor of an element
/// type of ElementKind. Emits a diagnostic and fails otherwise.
FailureOr<FunctionSignature> getEntrySignature(ModuleOp module,
                                               StringRef entryName);

//===----------------------------------------------------------------------===//
// CPUExecutable: JIT-compiled entry function on host tensors
//===----------------------------------------------------------------------===//

/// A tensor-level entry function compiled for the host by the CPU pipeline
/// and the MLIR ExecutionEngine, callable on HostTensors.
///
///   auto exe = CPUExecutable::compile(*module, "main", CPUPipelineOptions());
///   if (failed(exe)) return failure;           // diagnostics already out
///   std::vector<HostTensor> outs; std::string error;
///   if (failed((*exe)->invoke(ins, outs, error))) ... error ...
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
  /// is a failure with its message. `error` is set on failure.
  LogicalResult invoke(ArrayRef<HostTensor> inputs,
                       std::vector<HostTensor> &outputs, std::string &error);

  /// Like invoke, but calls the entry `repeat` (>= 1) times on fresh copies
  /// of the inputs and appends the duration of each call in milliseconds to
  /// `millis` (only the calls are timed: no checks, copies or frees).
  /// `outputs` holds the results of the last call.
  LogicalResult invokeTimed(ArrayRef<HostTensor> inputs,
                            std::vector<HostTensor> &outputs, unsigned repeat,
                            std::vector<double> &millis, std::string &error);

private:
  CPUExecutable();

  FunctionSignature signature;
  std::unique_ptr<ExecutionEngine> engine;
  /// The packed C-interface wrapper of the entry (`_mlir_ciface_<name>`).
  void (*packedEntry)(void **) = nullptr;
};

/// Path of the OpenMP runtime the JIT loads (first existing of a few
/// candidates: /usr/lib/llvm-22/lib/libomp.so, ...), or empty when none.
std::string findOpenMPRuntime();

//===----------------------------------------------------------------------===//
// GPU (NVVM): pipeline, kernel images, GPUExecutable
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
/// or a cubin / fatbin (the module is serialized in place).
LogicalResult emitGPUKernels(ModuleOp module, GPUBinaryFormat format,
                             llvm::raw_ostream &os, std::string &error);

/// The chip name of a CUDA device's compute capability: sm_90a for 9.0,
/// sm_100a for 10.0 (the arch-specific variants from 9.0 on), sm_89 for 8.9.
std::string getChipForComputeCapability(int major, int minor);

/// Whether this build has the CUDA runtime (cuda.h was found at configure
/// time); without it GPUExecutable::compile fails with a message.
bool isCUDARuntimeAvailable();

/// Initializes the CUDA driver for device 0 and returns its chip name
/// (getChipForComputeCapability) and description; fails with the driver's
/// message ("cannot load the NVIDIA CUDA driver ...", "no CUDA device ...").
LogicalResult detectCUDADevice(std::string &chip, std::string &description,
                               std::string &error);

/// A tensor-level entry function compiled by the GPU pipeline: its kernels
/// as a GPU image, its host code JIT-compiled for the host CPU and bound to
/// the project's CUDA runtime (quant-dyn-c/CUDARuntime.h). With
/// `options.hostBuffers` (required for invoke) the entry keeps the host
/// memory ABI: it copies its arguments to the device, launches the kernels
/// and copies its results back, all inside the call.
class GPUExecutable {
public:
  ~GPUExecutable();
  GPUExecutable(const GPUExecutable &) = delete;
  GPUExecutable &operator=(const GPUExecutable &) = delete;

  /// Reads the signature of `entryName`, lowers `module` IN PLACE with
  /// lowerForGPU, serializes the kernels as `format` and JIT-compiles the
  /// host code (loading the kernels runs the CUDA driver: a machine without
  /// a driver or GPU fails here, with the driver's message). With
  /// `options.emulate` the kernels run as host loops and no GPU is needed.
  static FailureOr<std::unique_ptr<GPUExecutable>>
  compile(ModuleOp module, StringRef entryName,
          const GPUPipelineOptions &options,
          GPUBinaryFormat format = GPUBinaryFormat::PTX,
          const CPUTargetOptions &host = CPUTargetOptions());

  const FunctionSignature &getSignature() const;

  /// As CPUExecutable::invoke / invokeTimed (the timed calls include the
  /// host <-> device copies the entry makes); a CUDA error during a call is
  /// a failure with the runtime's message.
  LogicalResult invoke(ArrayRef<HostTensor> inputs,
                       std::vector<HostTensor> &outputs, std::string &error);
  LogicalResult invokeTimed(ArrayRef<HostTensor> inputs,
                            std::vector<HostTensor> &outputs, unsigned repeat,
                            std::vector<double> &millis, std::string &error);

  /// The host code as a CPUExecutable: its packed entry takes device
  /// memref descriptors when the pipeline ran with host-buffers=false.
  CPUExecutable &getHost() { return *host; }

private:
  GPUExecutable();
  std::unique_ptr<CPUExecutable> host;
  /// Compiled with GPUPipelineOptions::emulate: no CUDA involved.
  bool emulated = false;
};

//===----------------------------------------------------------------------===//
// Command-line options shared by the tools
//===----------------------------------------------------------------------===//

/// Registers --vector-width, --num-threads, --parallel (pipeline) and
/// --mcpu, --mattr, --opt-level (code generation), so every tool spells
/// them alike. Call before llvm::cl::ParseCommandLineOptions.
void registerCPUCompilerCLOptions();

/// Copies the values of the options above into `options` (no-op for
/// options that were not registered).
void applyCPUPipelineCLOptions(CPUPipelineOptions &options);
CPUTargetOptions getCPUTargetCLOptions();

/// Checks the values of the options above right after parsing, so a bad
/// value is reported by flag name before any work: checkCPUPipelineOptions
/// and --opt-level at most 3.
LogicalResult checkCPUCompilerCLOptions(std::string &error);

/// Keeps --help short: shows only the options of `toolCategory` and the
/// CPU code generation options above; MLIR's --mlir-* debugging options
/// move to --help-hidden, LLVM's internal ones are hidden entirely (all
/// keep working).
void hideUnrelatedCLOptions(llvm::cl::OptionCategory &toolCategory);

} // namespace quant_dyn
} // namespace mlir

#endif // QUANT_DYN_COMPILER_COMPILER_H
