# -*- Python -*-
import os
import shutil
import subprocess

import lit.formats
import lit.util
from lit.llvm import llvm_config

config.name = "QUANT_DYN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c", ".cpp"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.quant_dyn_obj_root, "test")
# test/lib holds the testing aids' sources, not tests.
config.excludes = ["Inputs", "lib", "lit.cfg.py", "lit.site.cfg.py",
                   "CMakeLists.txt"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(("%quant_dyn_src", config.quant_dyn_src_root))
config.substitutions.append(("%quant_dyn_obj", config.quant_dyn_obj_root))
config.substitutions.append(("%host_cxx", config.host_cxx))
config.substitutions.append(("%host_cc", config.host_cc))
config.substitutions.append(("%cmake_generator", config.cmake_generator))
config.substitutions.append(("%cmake_cxx_launcher",
                             config.cmake_cxx_compiler_launcher))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%mlir_dir", config.mlir_dir))
config.substitutions.append(("%llvm_lib_dir", config.llvm_lib_dir))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.quant_dyn_tools_dir, config.llvm_tools_dir]
tools = ["quant-dyn-opt", "quant-dyn-compile", "quant-dyn-runner",
         "quant-dyn-lsp-server", "quant-dyn-capi-test",
         "quant-dyn-conversion-check", "quant-dyn-cpu-bench",
         "quant-dyn-parse-fuzzer", "quant-dyn-pipeline-fuzzer", "mlir-opt",
         "mlir-translate", "llc", "llvm-nm"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
llvm_config.with_environment("PATH", config.quant_dyn_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

# ptxas: PTX produced by the GPU pipeline is checked with it when present.
ptxas = os.path.join(config.cuda_toolkit_dir or "/usr/local/cuda", "bin", "ptxas")
if os.path.exists(ptxas):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))

# cuda-runtime: the project's CUDA runtime library was built (cuda.h found).
if getattr(config, "quant_dyn_cuda_runtime", False):
    config.available_features.add("cuda-runtime")

# cuda-device: a GPU and a driver are present (nvidia-smi lists one).
nvidia_smi = shutil.which("nvidia-smi")
if nvidia_smi:
    try:
        out = subprocess.run([nvidia_smi, "-L"], capture_output=True, text=True,
                             timeout=30)
        if out.returncode == 0 and "GPU" in out.stdout:
            config.available_features.add("cuda-device")
    except Exception:
        pass

# test-aids: the tools register the test passes of test/lib and
# quant-dyn-conversion-check is built (QUANT_DYN_INCLUDE_TESTS).
if config.quant_dyn_include_tests:
    config.available_features.add("test-aids")

# libfuzzer: the fuzz targets link libFuzzer (QUANT_DYN_ENABLE_FUZZERS).
if config.quant_dyn_fuzzers:
    config.available_features.add("libfuzzer")

if config.quant_dyn_sanitizers:
    config.available_features.add("sanitizers")
    # libMLIR.so / libLLVM.so are not instrumented: LLVM's BumpPtrAllocator,
    # inlined into the instrumented project code, poisons slabs that the
    # uninstrumented copies in libMLIR then use. Manual poisoning off avoids
    # those false reports; real out-of-bounds accesses are still caught.
    config.environment["ASAN_OPTIONS"] = "allow_user_poisoning=0"
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1"
