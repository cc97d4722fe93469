//===- Compiler.cpp - Parse, lower and emit host code ---------------------===//
//
// The front end (parse + verify), the CPU pipeline, the entry-signature
// reader and the ahead-of-time emitter (LLVM IR text, assembly, objects) of
// the compiler-driver library. CPUExecutable (the JIT) is in
// CPUExecutable.cpp.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"

#include "CPUTarget.h"

#include "quant-dyn/InitAll.h"

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
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <mutex>

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

FailureOr<OwningOpRef<ModuleOp>>
mlir::quant_dyn::parseSourceFile(StringRef path, llvm::SourceMgr &sourceMgr,
                                 MLIRContext &context) {
  std::string message;
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &message);
  if (!file) {
    // openInputFile's message names the file already.
    emitError(UnknownLoc::get(&context)) << message;
    return failure();
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
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

LogicalResult mlir::quant_dyn::lowerForCPU(ModuleOp module,
                                           const CPUPipelineOptions &options) {
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

void mlir::quant_dyn::detail::initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

llvm::CodeGenOptLevel
mlir::quant_dyn::detail::getCodeGenOptLevel(unsigned optLevel) {
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

bool mlir::quant_dyn::detail::resolveCPUTarget(const CPUTargetOptions &options,
                                               ResolvedCPUTarget &resolved,
                                               std::string &error) {
  initializeNativeTarget();
  if (options.optLevel > 3) {
    error = "optimization level " + std::to_string(options.optLevel) +
            " is out of range (0-3)";
    return false;
  }
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target) {
    error = "no LLVM target for the host triple '" + triple.str() +
            "': " + lookupError;
    return false;
  }

  bool isHost = options.cpu.empty() || options.cpu == "native";
  std::string cpu = isHost ? llvm::sys::getHostCPUName().str() : options.cpu;
  // The generic subtarget knows every CPU and feature name (creating one
  // for an unknown CPU would print LLVM's own warning first).
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!subtarget) {
    error = "cannot create subtarget information for '" + triple.str() + "'";
    return false;
  }
  if (!subtarget->isCPUStringValid(cpu)) {
    error = "unknown CPU '" + cpu + "' for target '" + triple.str() +
            "' (llc -mcpu=help lists the valid names)";
    return false;
  }

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
    if (item.front() != '+' && item.front() != '-') {
      error = "CPU feature '" + item.str() +
              "' must start with '+' (enable) or '-' (disable)";
      return false;
    }
    StringRef name = item.drop_front();
    bool known = llvm::any_of(
        subtarget->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return name == kv.Key; });
    if (!known) {
      error = "unknown CPU feature '" + name.str() + "' for target '" +
              triple.str() + "' (llc -mattr=help lists the valid names)";
      return false;
    }
    features.AddFeature(item);
  }

  resolved.triple = triple;
  resolved.cpu = cpu;
  resolved.features = features.getFeatures();
  return true;
}

std::unique_ptr<llvm::TargetMachine>
mlir::quant_dyn::createCPUTargetMachine(const CPUTargetOptions &options,
                                        std::string &error) {
  detail::ResolvedCPUTarget resolved;
  if (!detail::resolveCPUTarget(options, resolved, error))
    return nullptr;
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(resolved.triple, lookupError);
  if (!target) {
    error = lookupError;
    return nullptr;
  }
  std::string featureString = llvm::join(resolved.features, ",");
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      resolved.triple, resolved.cpu, featureString, llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt,
      detail::getCodeGenOptLevel(options.optLevel)));
  if (!machine)
    error =
        "cannot create a target machine for '" + resolved.triple.str() + "'";
  return machine;
}

//===----------------------------------------------------------------------===//
// Translation and emission
//===----------------------------------------------------------------------===//

std::unique_ptr<llvm::Module> mlir::quant_dyn::translateForCPU(
    ModuleOp module, llvm::LLVMContext &llvmContext,
    llvm::TargetMachine &targetMachine, unsigned optLevel, std::string &error) {
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "quant_dyn");
  if (!llvmModule) {
    error = "cannot translate the module to LLVM IR (is it fully lowered to "
            "the LLVM dialect?)";
    return nullptr;
  }
  llvmModule->setTargetTriple(targetMachine.getTargetTriple());
  llvmModule->setDataLayout(targetMachine.createDataLayout());
  if (optLevel > 0) {
    auto optimize = makeOptimizingTransformer(std::min(optLevel, 3u),
                                              /*sizeLevel=*/0, &targetMachine);
    if (llvm::Error err = optimize(llvmModule.get())) {
      error = "LLVM optimization failed: " + llvm::toString(std::move(err));
      return nullptr;
    }
  }
  return llvmModule;
}

LogicalResult mlir::quant_dyn::emitCPUCode(ModuleOp module, CPUEmitKind kind,
                                           const CPUTargetOptions &options,
                                           llvm::raw_ostream &os,
                                           std::string &error) {
  std::unique_ptr<llvm::TargetMachine> machine =
      createCPUTargetMachine(options, error);
  if (!machine)
    return failure();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateForCPU(module, llvmContext, *machine, options.optLevel, error);
  if (!llvmModule)
    return failure();

  if (kind == CPUEmitKind::LLVMIR) {
    llvmModule->print(os, /*AAW=*/nullptr);
    return success();
  }
  // Object emission needs a seekable stream: generate into memory.
  SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream bufferStream(buffer);
  llvm::legacy::PassManager codegen;
  auto fileType = kind == CPUEmitKind::Assembly
                      ? llvm::CodeGenFileType::AssemblyFile
                      : llvm::CodeGenFileType::ObjectFile;
  if (machine->addPassesToEmitFile(codegen, bufferStream, /*DwoOut=*/nullptr,
                                   fileType)) {
    error = "the target cannot emit this kind of file";
    return failure();
  }
  codegen.run(*llvmModule);
  os.write(buffer.data(), buffer.size());
  return success();
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
  std::string elementName = printType(tensorType.getElementType());
  std::optional<ElementKind> kind = parseElementKind(elementName);
  if (!kind) {
    return func.emitError()
           << what << " of @" << func.getSymName() << " has element type "
           << elementName
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
    InFlightDiagnostic diag = emitError(UnknownLoc::get(module.getContext()))
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
