//===- Compiler.cpp - Parse, lower and emit host code ---------------------===//
//
// The front end (parse + verify), the CPU pipeline, the entry-signature
// reader and the ahead-of-time emitter (LLVM IR text, assembly, objects) of
// the compiler library. Running compiled code (the JIT) is the execution
// library's (lib/Execution).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"

#include "quant-dyn/Compiler/CPUTarget.h"

#include "quant-dyn/InitAll.h"
#include "quant-dyn/Target/CPU/CPUTuning.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <functional>
#include <limits>
#include <mutex>

#include <unistd.h>

using namespace mlir;
using namespace mlir::quant_dyn;

//===----------------------------------------------------------------------===//
// Front end and CPU pipeline
//===----------------------------------------------------------------------===//

std::unique_ptr<MLIRContext> mlir::quant_dyn::createContext() {
  DialectRegistry registry;
  registerAllDialects(registry);
  return std::make_unique<MLIRContext>(registry);
}

/// Deeper nesting than any real module has. The MLIR parser, verifier and
/// walks recurse once per level, so a hostile file of a few kB of '{' or
/// '<' would overflow the stack (SIGSEGV) long before any other limit.
constexpr unsigned kMaxNestingDepth = 1000;

/// Offset of the first bracket in `text` nested deeper than `limit`, if any.
/// A lexical over-approximation: '(', '[', '{' and '<' open and their pairs
/// close, except in strings, comments, '->' and '>='.
static std::optional<size_t> findExcessiveNesting(StringRef text,
                                                  unsigned limit) {
  unsigned depth = 0;
  for (size_t i = 0, e = text.size(); i < e; ++i) {
    char c = text[i];
    char next = i + 1 < e ? text[i + 1] : '\0';
    switch (c) {
    case '"': // String literal, with backslash escapes.
      for (++i; i < e && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\')
          ++i;
      break;
    case '/':
      if (next == '/')
        while (i < e && text[i] != '\n')
          ++i;
      break;
    case '-':
      if (next == '>')
        ++i; // '->' is an arrow, not a bracket.
      break;
    case '(':
    case '[':
    case '{':
    case '<':
      if (++depth > limit)
        return i;
      break;
    case '>':
      if (next == '=') {
        ++i; // '>=' of an affine constraint.
        break;
      }
      [[fallthrough]];
    case ')':
    case ']':
    case '}':
      if (depth > 0) // Unbalanced input is the parser's to report.
        --depth;
      break;
    default:
      break;
    }
  }
  return std::nullopt;
}

/// A device such as /dev/zero never ends: reading it would exhaust memory.
/// Pipes stay fine ('-' is stdin).
static bool isDevice(StringRef path) {
  llvm::sys::fs::file_status status;
  return path != "-" && !llvm::sys::fs::status(path, status) &&
         (status.type() == llvm::sys::fs::file_type::character_file ||
          status.type() == llvm::sys::fs::file_type::block_file);
}

static std::string deviceMessage(StringRef path) {
  return "cannot read input file '" + path.str() +
         "': a device is not a source file (use '-' for stdin)";
}

static std::string nestingMessage() {
  return "brackets nest more than " + std::to_string(kMaxNestingDepth) +
         " levels deep; such deeply nested IR is not supported";
}

/// Emits an error at the first bracket of `text` (the contents of the file
/// `name`) that nests too deeply, if any.
static LogicalResult checkNesting(StringRef name, StringRef text,
                                  MLIRContext &context) {
  std::optional<size_t> offset = findExcessiveNesting(text, kMaxNestingDepth);
  if (!offset)
    return success();
  StringRef before = text.take_front(*offset);
  unsigned line = before.count('\n') + 1;
  // rfind yields npos (+1 = 0) on the first line.
  unsigned column = *offset - (before.rfind('\n') + 1) + 1;
  return emitError(FileLineColLoc::get(&context, name, line, column))
         << nestingMessage();
}

LogicalResult mlir::quant_dyn::checkSourceFileLimits(StringRef path,
                                                     MLIRContext &context) {
  if (path == "-")
    return success();
  if (isDevice(path))
    return emitError(UnknownLoc::get(&context)) << deviceMessage(path);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path);
  if (!file)
    return success();
  return checkNesting(path, (*file)->getBuffer(), context);
}

FailureOr<OwningOpRef<ModuleOp>>
mlir::quant_dyn::parseSourceFile(StringRef path, llvm::SourceMgr &sourceMgr,
                                 MLIRContext &context) {
  if (isDevice(path))
    return emitError(UnknownLoc::get(&context)) << deviceMessage(path);
  std::string message;
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &message);
  if (!file) {
    // openInputFile's message names the file already.
    emitError(UnknownLoc::get(&context)) << message;
    return failure();
  }
  unsigned bufferId =
      sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  const llvm::MemoryBuffer *buffer = sourceMgr.getMemoryBuffer(bufferId);
  if (failed(checkNesting(buffer->getBufferIdentifier(), buffer->getBuffer(),
                          context)))
    return failure();
  OwningOpRef<ModuleOp> module =
      mlir::parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  if (!module)
    return failure();
  return module;
}

FailureOr<OwningOpRef<ModuleOp>>
mlir::quant_dyn::parseSourceFile(StringRef path, MLIRContext &context) {
  llvm::SourceMgr sourceMgr;
  // Prints parse and verifier errors with the offending source line.
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  return parseSourceFile(path, sourceMgr, context);
}

llvm::Error
mlir::quant_dyn::checkCPUPipelineOptions(const CPUPipelineOptions &options) {
  unsigned threads = options.numThreads;
  if (threads > kMaxCPUThreads)
    return llvm::createStringError(
        "num-threads=" + std::to_string(threads) + " is out of range (0 to " +
        std::to_string(kMaxCPUThreads) + "; 0 uses all cores)");
  // The values the set-vector-width pass of the pipeline takes.
  unsigned width = options.vectorWidth;
  if (!cpu::isSupportedVectorWidth(width))
    return llvm::createStringError(
        "vector-width=" + std::to_string(width) +
        " is not supported (0: automatic, 128, 256 or 512)");
  return llvm::Error::success();
}

uint64_t mlir::quant_dyn::getPhysicalMemorySize() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long pageSize = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || pageSize <= 0)
    return 0;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize);
}

/// Byte size of the static dims of `type` (dynamic dims count as 1), or
/// nullopt when it overflows int64_t. Like HostTensor, the non-zero dims
/// must fit even when a zero dim makes the size 0.
static std::optional<uint64_t> getStaticByteSize(ShapedType type) {
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  uint64_t count = 1;
  bool sawZero = false;
  for (int64_t dim : type.getShape()) {
    if (ShapedType::isDynamic(dim) || dim == 1)
      continue;
    if (dim == 0) {
      sawZero = true;
      continue;
    }
    if (count > kMax / static_cast<uint64_t>(dim))
      return std::nullopt;
    count *= static_cast<uint64_t>(dim);
  }
  Type element = type.getElementType();
  uint64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth()
                  : element.isIndex()    ? 64
                                         : 8;
  // Sub-byte elements (f4) are packed: bytes = ceil(count * bits / 8).
  if (bits != 0 && count > kMax / bits)
    return std::nullopt;
  uint64_t bytes = (count * bits + 7) / 8;
  return sawZero ? 0 : bytes;
}

static std::string formatBytes(uint64_t bytes) {
  std::string text = std::to_string(bytes) + " bytes";
  if (bytes >= (uint64_t(1) << 30))
    text += " (" + std::to_string(bytes >> 30) + " GiB)";
  return text;
}

LogicalResult
mlir::quant_dyn::checkStaticShapeSizes(Operation *root,
                                       std::optional<uint64_t> memoryLimit) {
  // Returns the message for the first bad type nested in `type`, if any.
  std::function<std::optional<std::string>(Type)> checkType =
      [&](Type type) -> std::optional<std::string> {
    if (auto function = dyn_cast<FunctionType>(type)) {
      for (Type nested : llvm::concat<const Type>(function.getInputs(),
                                                  function.getResults()))
        if (std::optional<std::string> message = checkType(nested))
          return message;
      return std::nullopt;
    }
    auto shaped = dyn_cast<ShapedType>(type);
    if (!shaped || !shaped.hasRank())
      return std::nullopt;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "type '" << type << "' ";
    std::optional<uint64_t> bytes = getStaticByteSize(shaped);
    if (!bytes)
      return text + "is too large: its byte size overflows a 64-bit integer";
    if (memoryLimit && *memoryLimit && *bytes > *memoryLimit)
      return text + "needs " + formatBytes(*bytes) + ", more than the " +
             formatBytes(*memoryLimit) + " of memory of this machine";
    return std::nullopt;
  };

  WalkResult walk = root->walk([&](Operation *op) {
    auto fail = [&](const std::string &message) {
      // At the op's location, without the op dump Operation::emitError adds.
      emitError(op->getLoc()) << message;
      return WalkResult::interrupt();
    };
    for (Type type : op->getResultTypes())
      if (std::optional<std::string> message = checkType(type))
        return fail(*message);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument argument : block.getArguments())
          if (std::optional<std::string> message =
                  checkType(argument.getType()))
            return fail(*message);
    // Function signatures of declarations, memref.global types, ...
    for (NamedAttribute attribute : op->getAttrs())
      if (auto typeAttr = dyn_cast<TypeAttr>(attribute.getValue()))
        if (std::optional<std::string> message = checkType(typeAttr.getValue()))
          return fail(*message);
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

LogicalResult mlir::quant_dyn::lowerForCPU(ModuleOp module,
                                           const CPUPipelineOptions &options) {
  if (llvm::Error error = checkCPUPipelineOptions(options))
    return emitError(module.getLoc()) << llvm::toString(std::move(error));
  if (failed(checkStaticShapeSizes(module, std::nullopt)))
    return failure();
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  // Picks up --mlir-print-ir-*, --mlir-pass-statistics, ... when the tool
  // registered the pass-manager options; a no-op (failure) otherwise.
  (void)applyPassManagerCLOptions(pm);
  buildCPUPipeline(pm, options);
  return pm.run(module);
}

//===----------------------------------------------------------------------===//
// Host target
//===----------------------------------------------------------------------===//

void mlir::quant_dyn::initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

llvm::CodeGenOptLevel mlir::quant_dyn::getCodeGenOptLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return llvm::CodeGenOptLevel::None;
  case 1:
    return llvm::CodeGenOptLevel::Less;
  case 2:
    return llvm::CodeGenOptLevel::Default;
  default:
    return llvm::CodeGenOptLevel::Aggressive;
  }
}

llvm::Expected<ResolvedCPUTarget>
mlir::quant_dyn::resolveCPUTarget(const CPUTargetOptions &options) {
  initializeNativeTarget();
  if (options.optLevel > 3)
    return llvm::createStringError("optimization level " +
                                   std::to_string(options.optLevel) +
                                   " is out of range (0-3)");
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target)
    return llvm::createStringError("no LLVM target for the host triple '" +
                                   triple.str() + "': " + lookupError);

  bool isHost = options.cpu.empty() || options.cpu == "native";
  std::string cpu = isHost ? llvm::sys::getHostCPUName().str() : options.cpu;
  // The generic subtarget knows every CPU and feature name (creating one
  // for an unknown CPU would print LLVM's own warning first).
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!subtarget)
    return llvm::createStringError(
        "cannot create subtarget information for '" + triple.str() + "'");
  if (!subtarget->isCPUStringValid(cpu))
    return llvm::createStringError(
        "unknown CPU '" + cpu + "' for target '" + triple.str() +
        "' (llc -mcpu=help lists the valid names)");

  llvm::SubtargetFeatures features;
  if (isHost) {
    // Sorted, so the feature string (and the emitted code) is deterministic.
    llvm::StringMap<bool> hostFeatures = llvm::sys::getHostCPUFeatures();
    SmallVector<StringRef> names;
    for (const auto &entry : hostFeatures)
      names.push_back(entry.getKey());
    llvm::sort(names);
    for (StringRef name : names)
      features.AddFeature(name, hostFeatures.lookup(name));
  }
  SmallVector<StringRef> requested;
  StringRef(options.features)
      .split(requested, ',', /*MaxSplit=*/-1,
             /*KeepEmpty=*/false);
  for (StringRef item : requested) {
    item = item.trim();
    if (item.empty())
      continue;
    if (item.front() != '+' && item.front() != '-')
      return llvm::createStringError(
          "CPU feature '" + item.str() +
          "' must start with '+' (enable) or '-' (disable)");
    StringRef name = item.drop_front();
    bool known = llvm::any_of(
        subtarget->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return name == kv.Key; });
    if (!known)
      return llvm::createStringError(
          "unknown CPU feature '" + name.str() + "' for target '" +
          triple.str() + "' (llc -mattr=help lists the valid names)");
    features.AddFeature(item);
  }

  ResolvedCPUTarget resolved;
  resolved.triple = triple;
  resolved.cpu = cpu;
  resolved.features = features.getFeatures();
  return resolved;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
mlir::quant_dyn::createCPUTargetMachine(const CPUTargetOptions &options) {
  llvm::Expected<ResolvedCPUTarget> resolved = resolveCPUTarget(options);
  if (!resolved)
    return resolved.takeError();
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(resolved->triple, lookupError);
  if (!target)
    return llvm::createStringError(lookupError);
  std::string featureString = llvm::join(resolved->features, ",");
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      resolved->triple, resolved->cpu, featureString, llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt, getCodeGenOptLevel(options.optLevel)));
  if (!machine)
    return llvm::createStringError("cannot create a target machine for '" +
                                   resolved->triple.str() + "'");
  return machine;
}

//===----------------------------------------------------------------------===//
// Translation and emission
//===----------------------------------------------------------------------===//

/// Rewrites each truncation of 32 or more i32 lanes to bytes into a byte
/// shuffle of the same bits, on little-endian x86 targets with AVX-512 VBMI.
/// The quantizers' codes are such truncations: 64 codes from four 512-bit
/// registers. x86 truncates each register on its own (vpmovdb) and joins
/// the pieces with three inserts, seven shuffles; the byte shuffle is two
/// vpermt2b (bytes from two registers each) and one join. In a C harness
/// alternating the objects with and without it, bit-identical: bf16 -> f8
/// with 1x128 blocks 2.42 -> 2.33 ms, bf16 -> MXFP8 6.51 -> 6.00 ms.
/// InstCombine folds such a shuffle back into the truncation, so this runs
/// after the optimization pipeline.
static void lowerWideByteTruncations(llvm::Module &module,
                                     llvm::TargetMachine &targetMachine) {
  if (!targetMachine.getTargetTriple().isX86() ||
      !module.getDataLayout().isLittleEndian() ||
      !targetMachine.getMCSubtargetInfo()->checkFeatures("+avx512vbmi"))
    return;
  llvm::Type *i8 = llvm::Type::getInt8Ty(module.getContext());
  llvm::Type *i32 = llvm::Type::getInt32Ty(module.getContext());
  for (llvm::Function &function : module)
    for (llvm::Instruction &inst :
         llvm::make_early_inc_range(llvm::instructions(function))) {
      auto *trunc = dyn_cast<llvm::TruncInst>(&inst);
      if (!trunc)
        continue;
      auto *from = dyn_cast<llvm::FixedVectorType>(trunc->getSrcTy());
      auto *to = dyn_cast<llvm::FixedVectorType>(trunc->getDestTy());
      if (!from || !to || from->getElementType() != i32 ||
          to->getElementType() != i8 || from->getNumElements() < 32)
        continue;
      unsigned lanes = from->getNumElements();
      llvm::IRBuilder<> builder(trunc);
      llvm::Value *bytes = builder.CreateBitCast(
          trunc->getOperand(0), llvm::FixedVectorType::get(i8, 4 * lanes));
      // Little-endian: the low byte of lane i is byte 4 * i.
      SmallVector<int> lowBytes;
      for (unsigned lane = 0; lane < lanes; ++lane)
        lowBytes.push_back(4 * lane);
      llvm::Value *shuffle = builder.CreateShuffleVector(bytes, lowBytes);
      trunc->replaceAllUsesWith(shuffle);
      trunc->eraseFromParent();
    }
}

llvm::Error mlir::quant_dyn::optimizeForCPU(llvm::Module &module,
                                            llvm::TargetMachine &targetMachine,
                                            unsigned optLevel) {
  if (optLevel == 0)
    return llvm::Error::success();
  auto optimize = makeOptimizingTransformer(std::min(optLevel, 3u),
                                            /*sizeLevel=*/0, &targetMachine);
  if (llvm::Error err = optimize(&module))
    return err;
  lowerWideByteTruncations(module, targetMachine);
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<llvm::Module>>
mlir::quant_dyn::translateForCPU(ModuleOp module,
                                 llvm::LLVMContext &llvmContext,
                                 llvm::TargetMachine &targetMachine,
                                 unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "quant_dyn");
  if (!llvmModule)
    return llvm::createStringError(
        "cannot translate the module to LLVM IR (is it fully lowered to the "
        "LLVM dialect?)");
  llvmModule->setTargetTriple(targetMachine.getTargetTriple());
  llvmModule->setDataLayout(targetMachine.createDataLayout());
  if (llvm::Error err = optimizeForCPU(*llvmModule, targetMachine, optLevel))
    return llvm::createStringError("LLVM optimization failed: " +
                                   llvm::toString(std::move(err)));
  return llvmModule;
}

llvm::Error mlir::quant_dyn::emitCPUCode(ModuleOp module, CPUEmitKind kind,
                                         const CPUTargetOptions &options,
                                         llvm::raw_ostream &os) {
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> machine =
      createCPUTargetMachine(options);
  if (!machine)
    return machine.takeError();
  llvm::LLVMContext llvmContext;
  llvm::Expected<std::unique_ptr<llvm::Module>> llvmModule =
      translateForCPU(module, llvmContext, **machine, options.optLevel);
  if (!llvmModule)
    return llvmModule.takeError();

  if (kind == CPUEmitKind::LLVMIR) {
    (*llvmModule)->print(os, /*AAW=*/nullptr);
    return llvm::Error::success();
  }
  // Object emission needs a seekable stream: generate into memory.
  SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream bufferStream(buffer);
  llvm::legacy::PassManager codegen;
  auto fileType = kind == CPUEmitKind::Assembly
                      ? llvm::CodeGenFileType::AssemblyFile
                      : llvm::CodeGenFileType::ObjectFile;
  if ((*machine)->addPassesToEmitFile(codegen, bufferStream,
                                      /*DwoOut=*/nullptr, fileType))
    return llvm::createStringError("the target cannot emit this kind of file");
  codegen.run(**llvmModule);
  os.write(buffer.data(), buffer.size());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Entry function signatures
//===----------------------------------------------------------------------===//

bool TensorSignature::isDynamicDim(int64_t dim) {
  return ShapedType::isDynamic(dim);
}

static std::string printType(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

std::optional<ElementKind> mlir::quant_dyn::getElementKind(Type type) {
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF16())
    return ElementKind::F16;
  if (type.isBF16())
    return ElementKind::BF16;
  if (isa<Float8E4M3FNType>(type))
    return ElementKind::F8E4M3FN;
  if (isa<Float8E5M2Type>(type))
    return ElementKind::F8E5M2;
  if (isa<Float8E8M0FNUType>(type))
    return ElementKind::F8E8M0FNU;
  if (isa<Float6E2M3FNType>(type))
    return ElementKind::F6E2M3FN;
  if (isa<Float6E3M2FNType>(type))
    return ElementKind::F6E3M2FN;
  if (isa<Float4E2M1FNType>(type))
    return ElementKind::F4E2M1FN;
  // Signless integers are signed, as in the quant_dyn ops.
  if (type.isSignlessInteger(8) || type.isSignedInteger(8))
    return ElementKind::SI8;
  if (type.isUnsignedInteger(8))
    return ElementKind::UI8;
  if (type.isSignlessInteger(32) || type.isSignedInteger(32))
    return ElementKind::I32;
  return std::nullopt;
}

/// Reads one argument / result type; `what` is "argument #0" etc.
static FailureOr<TensorSignature> readTensorType(func::FuncOp func, Type type,
                                                 const llvm::Twine &what) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType) {
    return func.emitError()
           << what << " of @" << func.getSymName() << " has type " << type
           << ", but entry functions take and return ranked tensors only";
  }
  if (tensorType.getEncoding()) {
    return func.emitError()
           << what << " of @" << func.getSymName() << " has type " << type
           << ": tensor encodings are not supported";
  }
  std::optional<ElementKind> kind = getElementKind(tensorType.getElementType());
  if (!kind) {
    return func.emitError()
           << what << " of @" << func.getSymName() << " has element type "
           << tensorType.getElementType()
           << ", which has no host representation (supported: f32, f16, "
              "bf16, f8E4M3FN, f8E5M2, f8E8M0FNU, f6E2M3FN, f6E3M2FN, "
              "f4E2M1FN, si8/i8, ui8, i32/si32)";
  }
  TensorSignature signature;
  signature.kind = *kind;
  signature.shape.assign(tensorType.getShape().begin(),
                         tensorType.getShape().end());
  signature.typeName = printType(tensorType);
  return signature;
}

FailureOr<FunctionSignature>
mlir::quant_dyn::getEntrySignature(ModuleOp module, StringRef entryName) {
  auto func = module.lookupSymbol<func::FuncOp>(entryName);
  if (!func) {
    InFlightDiagnostic diag = emitError(module.getLoc())
                              << "entry function @" << entryName
                              << " not found";
    SmallVector<StringRef> publicFuncs;
    for (auto candidate : module.getOps<func::FuncOp>())
      if (candidate.isPublic() && !candidate.isExternal())
        publicFuncs.push_back(candidate.getSymName());
    if (!publicFuncs.empty()) {
      diag << " (the module defines";
      for (StringRef name : publicFuncs)
        diag << " @" << name;
      diag << ")";
    }
    return failure();
  }
  if (func.isExternal())
    return func.emitError() << "entry function @" << entryName
                            << " is a declaration without a body";
  if (!func.isPublic())
    return func.emitError()
           << "entry function @" << entryName
           << " must be public (private functions get no C interface)";

  FunctionSignature signature;
  signature.name = entryName.str();
  FunctionType type = func.getFunctionType();
  for (auto [index, input] : llvm::enumerate(type.getInputs())) {
    FailureOr<TensorSignature> arg =
        readTensorType(func, input, "argument #" + llvm::Twine(index));
    if (failed(arg))
      return failure();
    signature.arguments.push_back(std::move(*arg));
  }
  for (auto [index, result] : llvm::enumerate(type.getResults())) {
    FailureOr<TensorSignature> res =
        readTensorType(func, result, "result #" + llvm::Twine(index));
    if (failed(res))
      return failure();
    signature.results.push_back(std::move(*res));
  }
  return signature;
}
