//===- CPUExecutable.cpp - JIT-compiled entry functions on host tensors ---===//
//
// Lowers a tensor-level module with the CPU pipeline, JIT-compiles it with
// the MLIR ExecutionEngine and calls the entry's C interface
// (`_mlir_ciface_<name>`) on memref descriptors built from HostTensors
// (docs/Semantics.md section 5: identity row-major layout, f4E2M1FN packed two
// per byte with logical sizes and strides in the descriptor).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Execution/CPUExecutable.h"

#include "quant-dyn/Compiler/CPUTarget.h"
#include "quant-dyn/Target/Common/Passes.h"

#include "quant-dyn-c/Runtime.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/Diagnostics.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/ExecutionEngine/SectionMemoryManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Memory.h"
#include "llvm/Support/Process.h"
#include "llvm/Target/TargetMachine.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <set>

using namespace mlir;
using namespace mlir::quant_dyn;

static_assert(sizeof(void *) == sizeof(int64_t),
              "memref descriptors are built for 64-bit hosts");

// LLVM's library directory and the OpenMP runtime found there, from the
// build configuration (lib/Execution/CMakeLists.txt).
#ifndef QUANT_DYN_LLVM_LIBRARY_DIR
#error "QUANT_DYN_LLVM_LIBRARY_DIR must name LLVM's library directory"
#endif
#ifndef QUANT_DYN_OPENMP_RUNTIME
#define QUANT_DYN_OPENMP_RUNTIME ""
#endif

/// The first of `candidates` that exists, or empty.
static std::string findFirstExisting(ArrayRef<std::string> candidates) {
  for (const std::string &path : candidates)
    if (!path.empty() && llvm::sys::fs::exists(path))
      return path;
  return "";
}

std::string mlir::quant_dyn::findOpenMPRuntime() {
  std::string libraryDir = QUANT_DYN_LLVM_LIBRARY_DIR;
  return findFirstExisting({QUANT_DYN_OPENMP_RUNTIME,
                            libraryDir + "/libomp.so",
                            libraryDir + "/libomp.so.5"});
}

/// The MLIR C runner utilities (memrefCopy for copies between non-identity
/// layouts), in case the pipeline leaves such a copy; optional.
static std::string findCRunnerUtils() {
  return findFirstExisting(
      {std::string(QUANT_DYN_LLVM_LIBRARY_DIR) + "/libmlir_c_runner_utils.so"});
}

//===----------------------------------------------------------------------===//
// Compilation
//===----------------------------------------------------------------------===//

/// The address range the JIT puts every section of a module in.
///
/// The kernels are compiled for the small code model, as quant-dyn-compile's
/// objects are. LLVM's default for a JIT is the large model, in which every
/// constant and call takes a 64-bit absolute address (movabs): that made
/// the swizzled NVFP4 quantizer 9% slower (17.46 against 15.94 ms, the same
/// IR compiled both ways into one C harness) and put it 11% behind the
/// linear one through the runner. The small model reaches the module's
/// constants and functions with 32-bit PC-relative offsets, which needs all
/// its sections within 2 GiB of each other; SectionMemoryManager maps code
/// and data separately, so this mapper carves them out of one reserved
/// range. Calls to symbols outside the module go through RuntimeDyld's
/// stubs.
class mlir::quant_dyn::JITCodeArena final
    : public llvm::SectionMemoryManager::MemoryMapper {
public:
  ~JITCodeArena() override {
    if (reserved.base())
      (void)llvm::sys::Memory::releaseMappedMemory(reserved);
  }

  llvm::sys::MemoryBlock
  allocateMappedMemory(llvm::SectionMemoryManager::AllocationPurpose,
                       size_t numBytes, const llvm::sys::MemoryBlock *,
                       unsigned flags, std::error_code &ec) override {
    // Address space, read-only (so Linux charges no commit for it) until a
    // section takes a piece of it.
    if (!reserved.base()) {
      reserved = llvm::sys::Memory::allocateMappedMemory(
          kReservedBytes, nullptr, llvm::sys::Memory::MF_READ, ec);
      if (ec)
        return {};
    }
    size_t size =
        llvm::alignTo(numBytes, llvm::sys::Process::getPageSizeEstimate());
    if (size > reserved.allocatedSize() - used) {
      ec = std::make_error_code(std::errc::not_enough_memory);
      return {};
    }
    llvm::sys::MemoryBlock block(static_cast<char *>(reserved.base()) + used,
                                 size);
    if ((ec = llvm::sys::Memory::protectMappedMemory(block, flags)))
      return {};
    used += size;
    return block;
  }

  std::error_code protectMappedMemory(const llvm::sys::MemoryBlock &block,
                                      unsigned flags) override {
    return llvm::sys::Memory::protectMappedMemory(block, flags);
  }

  // Pieces go back with the whole range, when the executable is destroyed.
  std::error_code releaseMappedMemory(llvm::sys::MemoryBlock &) override {
    return {};
  }

private:
  static constexpr size_t kReservedBytes = size_t(1) << 30;
  llvm::sys::MemoryBlock reserved;
  size_t used = 0;
};

CPUExecutable::CPUExecutable() = default;
CPUExecutable::~CPUExecutable() = default;

FailureOr<std::unique_ptr<CPUExecutable>>
CPUExecutable::compile(ModuleOp module, StringRef entryName,
                       const CPUPipelineOptions &options,
                       const CPUTargetOptions &target) {
  FailureOr<FunctionSignature> signature = getEntrySignature(module, entryName);
  if (failed(signature))
    return failure();
  // The compiled code runs here: a static shape larger than this machine's
  // memory fails now rather than as a null malloc in the compiled code.
  if (failed(checkStaticShapeSizes(module, getPhysicalMemorySize())))
    return failure();
  if (failed(lowerForCPU(module, options)))
    return failure();
  auto executable = compileLowered(module, std::move(*signature), target);
  if (succeeded(executable))
    (*executable)->outParams = options.resultsToOutParams;
  return executable;
}

FailureOr<std::unique_ptr<CPUExecutable>> CPUExecutable::compileLowered(
    ModuleOp module, FunctionSignature signature,
    const CPUTargetOptions &target, ArrayRef<ExternalSymbol> symbols) {
  StringRef entryName = signature.name;
  std::string cifaceName = ("_mlir_ciface_" + entryName).str();
  if (!module.lookupSymbol<LLVM::LLVMFuncOp>(cifaceName))
    return emitError(UnknownLoc::get(module.getContext()))
           << "the lowered module has no C interface '" << cifaceName
           << "' (the CPU pipeline must put llvm.emit_c_interface on @"
           << entryName << ")";

  llvm::Expected<ResolvedCPUTarget> resolved = resolveCPUTarget(target);
  if (!resolved)
    return emitError(UnknownLoc::get(module.getContext()))
           << llvm::toString(resolved.takeError());
  llvm::orc::JITTargetMachineBuilder machineBuilder(resolved->triple);
  machineBuilder.setCPU(resolved->cpu);
  machineBuilder.addFeatures(resolved->features);
  machineBuilder.setCodeGenOptLevel(getCodeGenOptLevel(target.optLevel));
  // The small code model, PC-relative like quant-dyn-compile's objects (see
  // JITCodeArena).
  machineBuilder.setCodeModel(llvm::CodeModel::Small);
  machineBuilder.setRelocationModel(llvm::Reloc::PIC_);
  auto machine = machineBuilder.createTargetMachine();
  if (!machine)
    return emitError(UnknownLoc::get(module.getContext()))
           << "cannot create the JIT target machine: "
           << llvm::toString(machine.takeError());

  // The pipeline parallelizes block loops with OpenMP: the JIT resolves
  // __kmpc_* from libomp.
  std::vector<std::string> libraries;
  if (std::string omp = findOpenMPRuntime(); !omp.empty())
    libraries.push_back(omp);
  if (std::string utils = findCRunnerUtils(); !utils.empty())
    libraries.push_back(utils);
  SmallVector<StringRef> libraryRefs(libraries.begin(), libraries.end());

  llvm::TargetMachine *targetMachine = machine->get();
  unsigned optLevel = target.optLevel;
  // engineOptions.transformer only refers to this (a function_ref).
  auto optimize = [targetMachine, optLevel](llvm::Module *m) {
    return optimizeForCPU(*m, *targetMachine, optLevel);
  };
  auto codeArena = std::make_unique<JITCodeArena>();
  ExecutionEngineOptions engineOptions;
  engineOptions.sectionMemoryMapper = codeArena.get();
  engineOptions.transformer = optimize;
  engineOptions.jitCodeGenOptLevel = getCodeGenOptLevel(target.optLevel);
  engineOptions.sharedLibPaths = libraryRefs;
  auto engine =
      ExecutionEngine::create(module, engineOptions, std::move(*machine));
  if (!engine)
    return emitError(UnknownLoc::get(module.getContext()))
           << "JIT compilation failed: " << llvm::toString(engine.takeError());

  // The executable is statically linked into the tool, whose symbols are
  // not exported: bind the run-time error hook explicitly.
  (*engine)->registerSymbols([&](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbolMap;
    symbolMap[interner(QUANT_DYN_REPORT_ERROR_NAME)] = {
        llvm::orc::ExecutorAddr::fromPtr(&quant_dyn_report_error),
        llvm::JITSymbolFlags::Exported};
    for (const ExternalSymbol &symbol : symbols)
      symbolMap[interner(symbol.name)] = {
          llvm::orc::ExecutorAddr::fromPtr(symbol.address),
          llvm::JITSymbolFlags::Exported};
    return symbolMap;
  });

  // Looking the entry up materializes (compiles and links) the module, so
  // unresolved symbols surface here as an error rather than at the call.
  auto packed = (*engine)->lookupPacked(cifaceName);
  if (!packed) {
    std::string message = llvm::toString(packed.takeError());
    InFlightDiagnostic diag = emitError(UnknownLoc::get(module.getContext()))
                              << "JIT linking failed: " << message;
    if (StringRef(message).contains("__kmpc") && libraries.empty())
      diag << " (libomp was not found; install libomp-22-dev)";
    return failure();
  }
  (*engine)->initialize();

  std::unique_ptr<CPUExecutable> executable(new CPUExecutable());
  if (auto entry = module.lookupSymbol<LLVM::LLVMFuncOp>(entryName))
    if (auto readOnly = entry->getAttrOfType<DenseI64ArrayAttr>(
            kReadOnlyArgumentsAttrName))
      for (int64_t index : readOnly.asArrayRef()) {
        if (index < 0)
          continue;
        if (executable->readOnlyArguments.size() <= size_t(index))
          executable->readOnlyArguments.resize(index + 1, false);
        executable->readOnlyArguments[index] = true;
      }
  executable->signature = std::move(signature);
  executable->codeArena = std::move(codeArena);
  executable->engine = std::move(*engine);
  executable->packedEntry = *packed;
  return executable;
}

//===----------------------------------------------------------------------===//
// Argument and result marshalling
//===----------------------------------------------------------------------===//

namespace {

/// A 64-byte aligned heap buffer (never empty, so its address is unique and
/// non-null even for tensors without elements).
class AlignedBuffer {
public:
  explicit AlignedBuffer(size_t size) : size(size) {
    size_t rounded = std::max<size_t>((size + 63) / 64 * 64, 64);
    data = static_cast<uint8_t *>(std::aligned_alloc(64, rounded));
    capacity = data ? rounded : 0;
  }
  ~AlignedBuffer() { std::free(data); }
  AlignedBuffer(AlignedBuffer &&other) noexcept
      : data(other.data), size(other.size), capacity(other.capacity) {
    other.data = nullptr;
  }
  AlignedBuffer(const AlignedBuffer &) = delete;
  AlignedBuffer &operator=(const AlignedBuffer &) = delete;
  AlignedBuffer &operator=(AlignedBuffer &&) = delete;

  bool contains(const void *ptr) const {
    auto *p = static_cast<const uint8_t *>(ptr);
    return data && p >= data && p < data + capacity;
  }

  uint8_t *data;
  size_t size;
  size_t capacity;
};

/// Memref descriptor words: allocated, aligned, offset, sizes[r], strides[r]
/// (all 8 bytes on a 64-bit host, so no padding in or between them).
size_t descriptorWords(int64_t rank) { return 3 + 2 * rank; }

uint64_t pointerWord(const void *ptr) {
  return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(ptr));
}
void *wordPointer(uint64_t word) {
  return reinterpret_cast<void *>(static_cast<uintptr_t>(word));
}

/// MLIR's memref.get_global lowering marks the allocated pointer of a view
/// of a global with this value: never free it.
constexpr uintptr_t kDeadBeef = 0xdeadbeef;

/// Inputs checked against the signature, in their ABI layout (f4 packed).
struct PreparedInputs {
  std::vector<std::vector<uint8_t>> abiBytes;
  std::vector<std::vector<int64_t>> shapes;
};

std::string argumentLabel(const FunctionSignature &signature, size_t index) {
  return "input #" + std::to_string(index) + " of @" + signature.name;
}

llvm::Error prepareInputs(const FunctionSignature &signature,
                          ArrayRef<HostTensor> inputs,
                          PreparedInputs &prepared) {
  std::string error;
  auto fail = [&] { return llvm::createStringError(error); };
  size_t expected = signature.arguments.size();
  if (inputs.size() != expected) {
    error = "@" + signature.name + " takes " + std::to_string(expected) +
            (expected == 1 ? " argument" : " arguments") + ", but " +
            std::to_string(inputs.size()) +
            (inputs.size() == 1 ? " input was" : " inputs were") + " given";
    return fail();
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const HostTensor &input = inputs[i];
    const TensorSignature &arg = signature.arguments[i];
    std::string label = argumentLabel(signature, i);
    if (!input.isValid()) {
      error = label +
              ": the host tensor is invalid (its storage does not "
              "match its shape " +
              formatShape(input.shape) + ")";
      return fail();
    }
    if (input.kind != arg.kind) {
      error = label + ": expected element type " +
              std::string(elementKindName(arg.kind)) + " (" + arg.typeName +
              "), got " + std::string(elementKindName(input.kind));
      return fail();
    }
    if (input.rank() != arg.rank()) {
      error = label + ": expected rank " + std::to_string(arg.rank()) + " (" +
              arg.typeName + "), got rank " + std::to_string(input.rank()) +
              " with shape " + formatShape(input.shape);
      return fail();
    }
    for (int64_t d = 0; d < arg.rank(); ++d) {
      if (TensorSignature::isDynamicDim(arg.shape[d]) ||
          arg.shape[d] == input.shape[d])
        continue;
      error = label + ": expected shape compatible with " + arg.typeName +
              ", got " + formatShape(input.shape) + " (dimension " +
              std::to_string(d) + " is " + std::to_string(input.shape[d]) +
              ", expected " + std::to_string(arg.shape[d]) + ")";
      return fail();
    }
    if (!input.validateCodes(error)) {
      error = label + ": " + error;
      return fail();
    }
    std::vector<uint8_t> bytes;
    if (input.kind == ElementKind::F4E2M1FN) {
      if (input.rank() == 0) {
        error = label + ": rank-0 f4E2M1FN tensors cannot be packed "
                        "(the innermost extent must be even)";
        return fail();
      }
      if (!packF4(input, bytes, error)) {
        error = label + ": " + error;
        return fail();
      }
    } else {
      bytes = input.bytes;
    }
    prepared.abiBytes.push_back(std::move(bytes));
    prepared.shapes.push_back(input.shape);
  }
  return llvm::Error::success();
}

/// Descriptor words for a row-major identity-layout buffer of `shape`.
std::vector<uint64_t> makeDescriptor(void *data,
                                     const std::vector<int64_t> &shape) {
  int64_t rank = static_cast<int64_t>(shape.size());
  std::vector<uint64_t> words(descriptorWords(rank), 0);
  words[0] = pointerWord(data);
  words[1] = pointerWord(data);
  words[2] = 0;
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    words[3 + d] = static_cast<uint64_t>(shape[d]);
    words[3 + rank + d] = static_cast<uint64_t>(stride);
    stride *= std::max<int64_t>(shape[d], 1);
  }
  return words;
}

/// Working copies of the prepared inputs (the compiled code may write its
/// arguments in place: bufferization treats function arguments as
/// writable) and their descriptors.
llvm::Error allocateArguments(const FunctionSignature &signature,
                              const PreparedInputs &prepared,
                              std::vector<AlignedBuffer> &buffers,
                              std::vector<std::vector<uint64_t>> &descriptors) {
  for (size_t i = 0; i < prepared.abiBytes.size(); ++i) {
    buffers.emplace_back(prepared.abiBytes[i].size());
    if (!buffers.back().data)
      return llvm::createStringError(argumentLabel(signature, i) +
                                     ": out of memory");
    descriptors.push_back(
        makeDescriptor(buffers.back().data, prepared.shapes[i]));
  }
  return llvm::Error::success();
}

/// A result memref as the callee returned it.
struct ResultView {
  void *allocated;
  void *aligned;
  int64_t offset;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
};

ResultView readResult(const uint64_t *words, int64_t rank) {
  ResultView view;
  view.allocated = wordPointer(words[0]);
  view.aligned = wordPointer(words[1]);
  view.offset = static_cast<int64_t>(words[2]);
  for (int64_t d = 0; d < rank; ++d) {
    view.sizes.push_back(static_cast<int64_t>(words[3 + d]));
    view.strides.push_back(static_cast<int64_t>(words[3 + rank + d]));
  }
  return view;
}

/// Copies a (possibly strided) result memref into a host tensor; f4 data is
/// addressed by nibble (element e in the low nibble of byte e / 2 when e is
/// even, the high nibble when odd).
llvm::Error copyResult(const ResultView &view, const TensorSignature &res,
                       const std::string &label, HostTensor &out) {
  std::string error;
  auto fail = [&] { return llvm::createStringError(error); };
  int64_t rank = res.rank();
  for (int64_t d = 0; d < rank; ++d) {
    if (view.sizes[d] < 0 || (!TensorSignature::isDynamicDim(res.shape[d]) &&
                              view.sizes[d] != res.shape[d])) {
      error = label + ": the compiled code returned shape " +
              formatShape(view.sizes) + ", not compatible with " + res.typeName;
      return fail();
    }
  }
  if (!checkedByteSize(res.kind, view.sizes)) {
    error = label + ": the compiled code returned an oversized shape " +
            formatShape(view.sizes);
    return fail();
  }
  // Before allocating the copy: a failed allocation in the compiled code
  // shows as a null buffer.
  int64_t count = *checkedNumElements(view.sizes);
  if (count > 0 && !view.aligned) {
    error = label + ": the compiled code returned a null buffer";
    return fail();
  }
  HostTensor tensor(res.kind, view.sizes);
  const auto *base = static_cast<const uint8_t *>(view.aligned);
  bool isF4 = res.kind == ElementKind::F4E2M1FN;
  unsigned width = hostByteWidth(res.kind);

  bool contiguous = true;
  int64_t expectedStride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    if (view.sizes[d] != 1 && view.strides[d] != expectedStride)
      contiguous = false;
    expectedStride *= view.sizes[d];
  }
  if (count > 0 && contiguous && (!isF4 || view.offset % 2 == 0)) {
    if (isF4) {
      if (unpackF4(base + view.offset / 2, static_cast<size_t>(count / 2),
                   view.sizes, out, error))
        return llvm::Error::success();
      error = label + ": " + error;
      return fail();
    }
    std::memcpy(tensor.bytes.data(), base + view.offset * width,
                static_cast<size_t>(count) * width);
    out = std::move(tensor);
    return llvm::Error::success();
  }

  // General strided copy, one element at a time.
  std::vector<int64_t> index(rank, 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    int64_t position = view.offset;
    for (int64_t d = 0; d < rank; ++d)
      position += index[d] * view.strides[d];
    if (isF4) {
      uint8_t byte = base[position >> 1];
      tensor.bytes[linear] = (position & 1) ? (byte >> 4) : (byte & 0xF);
    } else {
      std::memcpy(tensor.bytes.data() + linear * width, base + position * width,
                  width);
    }
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < view.sizes[d])
        break;
      index[d] = 0;
    }
  }
  out = std::move(tensor);
  return llvm::Error::success();
}

} // namespace

//===----------------------------------------------------------------------===//
// Invocation
//===----------------------------------------------------------------------===//

bool CPUExecutable::mayWriteArgument(unsigned index) const {
  return index >= readOnlyArguments.size() || !readOnlyArguments[index];
}

llvm::Error CPUExecutable::invoke(ArrayRef<HostTensor> inputs,
                                  std::vector<HostTensor> &outputs) {
  std::vector<double> millis;
  return invokeTimed(inputs, outputs, /*repeat=*/1, millis);
}

CPUExecutable::BufferMemory::~BufferMemory() = default;

namespace {
/// The buffers invokeInto allocated in a BufferMemory, released on return.
struct MemoryBuffers {
  explicit MemoryBuffers(CPUExecutable::BufferMemory &memory)
      : memory(memory) {}
  ~MemoryBuffers() {
    for (void *buffer : buffers)
      if (buffer)
        memory.release(buffer);
  }
  CPUExecutable::BufferMemory &memory;
  std::vector<void *> buffers;
};
} // namespace

llvm::Error CPUExecutable::invokeInto(ArrayRef<HostTensor> inputs,
                                      MutableArrayRef<HostTensor> outputs,
                                      unsigned repeat,
                                      std::vector<double> &millis,
                                      BufferMemory *memory) {
  if (!outParams)
    return llvm::createStringError(
        "@" + signature.name +
        " was compiled without results-to-out-params: it returns its "
        "results (use invoke)");
  if (repeat == 0)
    return llvm::createStringError("the repeat count must be at least 1");
  if (outputs.size() != signature.results.size())
    return llvm::createStringError(
        "@" + signature.name + " has " +
        std::to_string(signature.results.size()) + " results, but " +
        std::to_string(outputs.size()) + " outputs were given");
  PreparedInputs prepared;
  if (llvm::Error error = prepareInputs(signature, inputs, prepared))
    return error;

  // Host buffers, or buffers in `memory` (none for an empty tensor).
  std::vector<AlignedBuffer> hostBuffers;
  std::optional<MemoryBuffers> memoryBuffers;
  if (memory)
    memoryBuffers.emplace(*memory);
  auto allocate = [&](size_t bytes) -> std::pair<void *, bool> {
    if (!memory) {
      hostBuffers.emplace_back(bytes);
      return {hostBuffers.back().data, hostBuffers.back().data != nullptr};
    }
    void *buffer = bytes ? memory->allocate(bytes) : nullptr;
    memoryBuffers->buffers.push_back(buffer);
    return {buffer, !bytes || buffer};
  };
  std::vector<void *> data;
  std::vector<size_t> sizes;
  std::vector<std::vector<uint64_t>> descriptors;
  for (size_t i = 0; i < prepared.abiBytes.size(); ++i) {
    auto [buffer, ok] = allocate(prepared.abiBytes[i].size());
    if (!ok)
      return llvm::createStringError(argumentLabel(signature, i) +
                                     ": out of memory");
    data.push_back(buffer);
    descriptors.push_back(makeDescriptor(buffer, prepared.shapes[i]));
  }
  // The outputs: allocated once, as an embedder does; the compiled code
  // checks their extents.
  for (size_t r = 0; r < outputs.size(); ++r) {
    const HostTensor &out = outputs[r];
    std::optional<int64_t> count = checkedNumElements(out.shape);
    if (out.kind != signature.results[r].kind || !count ||
        !checkedByteSize(out.kind, out.shape))
      return llvm::createStringError("output #" + std::to_string(r) + " of @" +
                                     signature.name +
                                     ": wrong element type or shape");
    size_t bytes = out.kind == ElementKind::F4E2M1FN
                       ? static_cast<size_t>((*count + 1) / 2)
                       : static_cast<size_t>(*count) * hostByteWidth(out.kind);
    auto [buffer, ok] = allocate(bytes);
    if (!ok)
      return llvm::createStringError("output #" + std::to_string(r) + " of @" +
                                     signature.name + ": out of memory");
    data.push_back(buffer);
    sizes.push_back(bytes);
    descriptors.push_back(makeDescriptor(buffer, out.shape));
  }

  // _mlir_ciface_<name>(arg0*, ..., out0*, ...) through the packed wrapper.
  std::vector<void *> cifaceArgs;
  for (auto &descriptor : descriptors)
    cifaceArgs.push_back(descriptor.data());
  std::vector<void *> packedArgs;
  for (void *&arg : cifaceArgs)
    packedArgs.push_back(&arg);

  for (unsigned call = 0; call < repeat; ++call) {
    // Fresh inputs where the compiled code may have written them in place.
    for (size_t i = 0; i < prepared.abiBytes.size(); ++i) {
      const std::vector<uint8_t> &bytes = prepared.abiBytes[i];
      if (bytes.empty() || (call && !mayWriteArgument(i)))
        continue;
      if (memory)
        memory->copyIn(data[i], bytes.data(), bytes.size());
      else
        std::memcpy(data[i], bytes.data(), bytes.size());
    }
    if (memory)
      memory->synchronize();
    quant_dyn_clear_error();
    auto start = std::chrono::steady_clock::now();
    packedEntry(packedArgs.data());
    if (memory)
      memory->synchronize();
    auto stop = std::chrono::steady_clock::now();
    millis.push_back(
        std::chrono::duration<double, std::milli>(stop - start).count());
    if (const char *message = quant_dyn_last_error()) {
      std::string reported =
          "run-time error in @" + signature.name + ": " + message;
      quant_dyn_clear_error();
      return llvm::createStringError(reported);
    }
  }
  size_t numInputs = prepared.abiBytes.size();
  for (size_t r = 0; r < outputs.size(); ++r) {
    std::vector<uint64_t> words = descriptors[numInputs + r];
    // Results in `memory` come back once, to host buffers read in place of
    // theirs.
    std::optional<AlignedBuffer> staged;
    if (memory && sizes[r]) {
      staged.emplace(sizes[r]);
      if (!staged->data)
        return llvm::createStringError("result #" + std::to_string(r) +
                                       " of @" + signature.name +
                                       ": out of memory");
      memory->copyOut(staged->data, data[numInputs + r], sizes[r]);
      words[0] = words[1] = pointerWord(staged->data);
    }
    std::string label =
        "result #" + std::to_string(r) + " of @" + signature.name;
    HostTensor tensor;
    if (llvm::Error error =
            copyResult(readResult(words.data(), outputs[r].rank()),
                       signature.results[r], label, tensor))
      return error;
    outputs[r] = std::move(tensor);
  }
  return llvm::Error::success();
}

llvm::Error CPUExecutable::invokeTimed(ArrayRef<HostTensor> inputs,
                                       std::vector<HostTensor> &outputs,
                                       unsigned repeat,
                                       std::vector<double> &millis) {
  if (repeat == 0)
    return llvm::createStringError("the repeat count must be at least 1");
  if (outParams)
    return llvm::createStringError(
        "@" + signature.name +
        " was compiled with results-to-out-params: it takes caller-allocated "
        "outputs (use invokeInto)");
  PreparedInputs prepared;
  if (llvm::Error error = prepareInputs(signature, inputs, prepared))
    return error;

  // Every call gets fresh copies of the inputs it may write.
  std::vector<AlignedBuffer> buffers;
  std::vector<std::vector<uint64_t>> argDescriptors;
  if (llvm::Error error =
          allocateArguments(signature, prepared, buffers, argDescriptors))
    return error;

  size_t resultWords = 0;
  for (const TensorSignature &res : signature.results)
    resultWords += descriptorWords(res.rank());
  std::vector<uint64_t> resultStorage(std::max<size_t>(resultWords, 1), 0);

  // _mlir_ciface_<name>(results*, arg0*, arg1*, ...); the packed wrapper
  // takes the address of each of those pointers.
  std::vector<void *> cifaceArgs;
  if (!signature.results.empty())
    cifaceArgs.push_back(resultStorage.data());
  for (auto &descriptor : argDescriptors)
    cifaceArgs.push_back(descriptor.data());
  std::vector<void *> packedArgs;
  for (void *&arg : cifaceArgs)
    packedArgs.push_back(&arg);

  std::vector<HostTensor> results;
  for (unsigned call = 0; call < repeat; ++call) {
    for (size_t i = 0; i < buffers.size(); ++i)
      if (!prepared.abiBytes[i].empty() && (!call || mayWriteArgument(i)))
        std::memcpy(buffers[i].data, prepared.abiBytes[i].data(),
                    prepared.abiBytes[i].size());
    std::fill(resultStorage.begin(), resultStorage.end(), 0);
    quant_dyn_clear_error();

    auto start = std::chrono::steady_clock::now();
    packedEntry(packedArgs.data());
    auto stop = std::chrono::steady_clock::now();
    millis.push_back(
        std::chrono::duration<double, std::milli>(stop - start).count());

    std::vector<ResultView> views;
    size_t offset = 0;
    for (const TensorSignature &res : signature.results) {
      views.push_back(readResult(resultStorage.data() + offset, res.rank()));
      offset += descriptorWords(res.rank());
    }

    // After a reported error the results hold no data, but they are still
    // the callee's allocations: free them without reading them.
    std::optional<std::string> reported;
    if (const char *message = quant_dyn_last_error())
      reported = "run-time error in @" + signature.name + ": " + message;
    quant_dyn_clear_error();

    // Copy the results out of the last call first (results may share a
    // buffer), then free what the callee allocated: once per allocation,
    // never an input buffer or a global.
    bool lastCall = call + 1 == repeat;
    llvm::Error copyError = reported ? llvm::createStringError(*reported)
                                     : llvm::Error::success();
    results.clear();
    for (size_t r = 0; lastCall && !copyError && r < views.size(); ++r) {
      HostTensor tensor;
      std::string label =
          "result #" + std::to_string(r) + " of @" + signature.name;
      copyError = copyResult(views[r], signature.results[r], label, tensor);
      if (!copyError)
        results.push_back(std::move(tensor));
    }
    std::set<void *> freed;
    for (const ResultView &view : views) {
      void *allocated = view.allocated;
      if (!allocated || reinterpret_cast<uintptr_t>(allocated) == kDeadBeef ||
          freed.count(allocated))
        continue;
      bool isInput = llvm::any_of(buffers, [&](const AlignedBuffer &buffer) {
        return buffer.contains(allocated) || buffer.contains(view.aligned);
      });
      if (isInput)
        continue;
      freed.insert(allocated);
      std::free(allocated);
    }
    if (copyError)
      return copyError;
  }
  outputs = std::move(results);
  return llvm::Error::success();
}
