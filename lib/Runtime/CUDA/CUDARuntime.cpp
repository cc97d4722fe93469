//===- CUDARuntime.cpp - CUDA driver-API runtime of compiled code ---------===//
//
// The mgpu* functions upstream's gpu-to-llvm lowering calls, plus helpers
// for runners and benchmarks (quant-dyn-c/CUDARuntime.h).
//
// The driver is opened with dlopen("libcuda.so.1") on first use and every
// entry point is looked up by the versioned name cuda.h maps it to
// (cuMemAlloc -> cuMemAlloc_v2, ...), so nothing links against libcuda and
// a machine without the driver gets an error message, not a loader failure.
// Errors never abort: the first one is kept (call, CUDA error name and
// description) and later calls do nothing until it is cleared.
//
// No exceptions, no RTTI, no C++ runtime allocation: C programs can link
// the archive (with -ldl).
//
//===----------------------------------------------------------------------===//

#include "quant-dyn-c/CUDARuntime.h"

#include <cuda.h>

#include <dlfcn.h>

#include <cinttypes>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace {

//===----------------------------------------------------------------------===//
// Error state
//===----------------------------------------------------------------------===//

struct ErrorState {
  bool set = false;
  bool quiet = false;
  char message[1024] = {0};
};
ErrorState errorState;

void recordError(const char *format, ...) {
  if (errorState.set)
    return;
  errorState.set = true;
  va_list args;
  va_start(args, format);
  std::vsnprintf(errorState.message, sizeof(errorState.message), format, args);
  va_end(args);
  if (!errorState.quiet)
    std::fprintf(stderr, "quant_dyn CUDA runtime: error: %s\n",
                 errorState.message);
}

//===----------------------------------------------------------------------===//
// The driver, loaded on first use
//===----------------------------------------------------------------------===//

#define QD_STRINGIFY_IMPL(x) #x
// Expands cuda.h's versioning macros first: "cuMemAlloc_v2".
#define QD_STRINGIFY(x) QD_STRINGIFY_IMPL(x)

#define QD_DRIVER_FUNCTIONS(X)                                                 \
  X(cuInit)                                                                    \
  X(cuDriverGetVersion)                                                        \
  X(cuGetErrorName)                                                            \
  X(cuGetErrorString)                                                          \
  X(cuDeviceGetCount)                                                          \
  X(cuDeviceGet)                                                               \
  X(cuDeviceGetName)                                                           \
  X(cuDeviceGetAttribute)                                                      \
  X(cuDevicePrimaryCtxRetain)                                                  \
  X(cuCtxGetCurrent)                                                           \
  X(cuCtxSetCurrent)                                                           \
  X(cuCtxSynchronize)                                                          \
  X(cuModuleLoadData)                                                          \
  X(cuModuleLoadDataEx)                                                        \
  X(cuModuleUnload)                                                            \
  X(cuModuleGetFunction)                                                       \
  X(cuLaunchKernel)                                                            \
  X(cuStreamCreate)                                                            \
  X(cuStreamDestroy)                                                           \
  X(cuStreamSynchronize)                                                       \
  X(cuStreamWaitEvent)                                                         \
  X(cuEventCreate)                                                             \
  X(cuEventDestroy)                                                            \
  X(cuEventSynchronize)                                                        \
  X(cuEventRecord)                                                             \
  X(cuMemAlloc)                                                                \
  X(cuMemAllocManaged)                                                         \
  X(cuMemFree)                                                                 \
  X(cuMemcpy)                                                                  \
  X(cuMemcpyAsync)                                                             \
  X(cuMemsetD32Async)                                                          \
  X(cuMemsetD16Async)                                                          \
  X(cuMemHostRegister)                                                         \
  X(cuMemHostUnregister)

// Present in newer drivers only: used when found.
#define QD_OPTIONAL_DRIVER_FUNCTIONS(X)                                        \
  X(cuMemAllocAsync)                                                           \
  X(cuMemFreeAsync)

struct Driver {
#define QD_DECLARE(name) decltype(&::name) name = nullptr;
  QD_DRIVER_FUNCTIONS(QD_DECLARE)
  QD_OPTIONAL_DRIVER_FUNCTIONS(QD_DECLARE)
#undef QD_DECLARE
  // cuEventElapsedTime_v2 (CUDA 12.8+) or the original.
  CUresult (*cuEventElapsedTime)(float *, CUevent, CUevent) = nullptr;

  void *library = nullptr;
  bool loaded = false;
  bool failed = false;
  bool initialized = false;
  int32_t ordinal = 0;
  int32_t initializedOrdinal = -1;
  CUdevice device = 0;
  CUcontext context = nullptr;
};
Driver driver;

const char *errorName(CUresult result) {
  const char *name = nullptr;
  if (driver.cuGetErrorName)
    driver.cuGetErrorName(result, &name);
  return name ? name : "unknown CUDA error";
}

const char *errorDescription(CUresult result) {
  const char *text = nullptr;
  if (driver.cuGetErrorString)
    driver.cuGetErrorString(result, &text);
  return text ? text : "no description";
}

/// Records a failed driver call; returns true when `result` is success.
bool check(CUresult result, const char *call, const char *context) {
  if (result == CUDA_SUCCESS)
    return true;
  // `call` may be the whole call expression: name the function only.
  int nameLength = static_cast<int>(std::strcspn(call, "( "));
  recordError("%.*s failed in %s: %s (%s)", nameLength, call, context,
              errorName(result), errorDescription(result));
  return false;
}

#define QD_CHECK(call, context) check(driver.call, #call, context)

bool loadDriver() {
  if (driver.loaded)
    return true;
  if (driver.failed)
    return false;
  const char *candidates[] = {"libcuda.so.1", "libcuda.so"};
  // The message of the first (the versioned, canonical) name.
  char firstError[512] = "not found";
  for (const char *candidate : candidates) {
    driver.library = dlopen(candidate, RTLD_NOW | RTLD_LOCAL);
    if (driver.library)
      break;
    if (candidate == candidates[0])
      if (const char *message = dlerror())
        std::snprintf(firstError, sizeof(firstError), "%s", message);
  }
  if (!driver.library) {
    driver.failed = true;
    recordError("cannot load the NVIDIA CUDA driver (libcuda.so.1): %s; a "
                "GPU with its driver is needed to run code compiled for NVVM",
                firstError);
    return false;
  }
  const char *missing = nullptr;
#define QD_LOAD(name)                                                          \
  driver.name = reinterpret_cast<decltype(driver.name)>(                       \
      dlsym(driver.library, QD_STRINGIFY(name)));                              \
  if (!driver.name && !missing)                                                \
    missing = QD_STRINGIFY(name);
  QD_DRIVER_FUNCTIONS(QD_LOAD)
#undef QD_LOAD
#define QD_LOAD_OPTIONAL(name)                                                 \
  driver.name = reinterpret_cast<decltype(driver.name)>(                       \
      dlsym(driver.library, QD_STRINGIFY(name)));
  QD_OPTIONAL_DRIVER_FUNCTIONS(QD_LOAD_OPTIONAL)
#undef QD_LOAD_OPTIONAL
  driver.cuEventElapsedTime =
      reinterpret_cast<decltype(driver.cuEventElapsedTime)>(
          dlsym(driver.library, "cuEventElapsedTime_v2"));
  if (!driver.cuEventElapsedTime)
    driver.cuEventElapsedTime =
        reinterpret_cast<decltype(driver.cuEventElapsedTime)>(
            dlsym(driver.library, "cuEventElapsedTime"));
  if (missing || !driver.cuEventElapsedTime) {
    driver.failed = true;
    recordError("the CUDA driver library has no %s (driver too old?)",
                missing ? missing : "cuEventElapsedTime");
    return false;
  }
  driver.loaded = true;
  return true;
}

/// Loads and initializes the driver once and makes the primary context of
/// the default device current on this thread.
bool ensureContext(const char *context) {
  if (errorState.set)
    return false;
  if (!loadDriver())
    return false;
  if (!driver.initialized || driver.initializedOrdinal != driver.ordinal) {
    if (!QD_CHECK(cuInit(0), context))
      return false;
    int count = 0;
    if (!QD_CHECK(cuDeviceGetCount(&count), context))
      return false;
    if (count == 0) {
      recordError("no CUDA device found (%s)", context);
      return false;
    }
    if (driver.ordinal < 0 || driver.ordinal >= count) {
      recordError("CUDA device %" PRId32 " does not exist (%d device%s)",
                  driver.ordinal, count, count == 1 ? "" : "s");
      return false;
    }
    if (!QD_CHECK(cuDeviceGet(&driver.device, driver.ordinal), context) ||
        !QD_CHECK(cuDevicePrimaryCtxRetain(&driver.context, driver.device),
                  context))
      return false;
    driver.initialized = true;
    driver.initializedOrdinal = driver.ordinal;
  }
  CUcontext current = nullptr;
  if (!QD_CHECK(cuCtxGetCurrent(&current), context))
    return false;
  if (current != driver.context &&
      !QD_CHECK(cuCtxSetCurrent(driver.context), context))
    return false;
  return true;
}

CUdeviceptr devicePtr(const void *ptr) {
  return static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(ptr));
}

bool fitsUnsigned(intptr_t value) {
  return value > 0 && static_cast<uintmax_t>(value) <= UINT_MAX;
}

} // namespace

//===----------------------------------------------------------------------===//
// Status, devices, errors
//===----------------------------------------------------------------------===//

extern "C" int32_t quant_dyn_cuda_init(int32_t ordinal) {
  driver.ordinal = ordinal;
  return ensureContext("quant_dyn_cuda_init") ? 0 : 1;
}

extern "C" int32_t quant_dyn_cuda_device_info(int32_t *major, int32_t *minor,
                                              char *name, size_t nameSize) {
  if (!ensureContext("quant_dyn_cuda_device_info"))
    return 1;
  int value = 0;
  if (major) {
    if (!QD_CHECK(cuDeviceGetAttribute(
                      &value, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                      driver.device),
                  "quant_dyn_cuda_device_info"))
      return 1;
    *major = value;
  }
  if (minor) {
    if (!QD_CHECK(cuDeviceGetAttribute(
                      &value, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                      driver.device),
                  "quant_dyn_cuda_device_info"))
      return 1;
    *minor = value;
  }
  if (name && nameSize > 0 &&
      !QD_CHECK(
          cuDeviceGetName(name, static_cast<int>(nameSize), driver.device),
          "quant_dyn_cuda_device_info"))
    return 1;
  return 0;
}

extern "C" const char *quant_dyn_cuda_last_error(void) {
  return errorState.set ? errorState.message : nullptr;
}

extern "C" void quant_dyn_cuda_clear_error(void) {
  errorState.set = false;
  errorState.message[0] = '\0';
}

extern "C" void quant_dyn_cuda_set_quiet(int32_t quiet) {
  errorState.quiet = quiet != 0;
}

//===----------------------------------------------------------------------===//
// Memory, copies, timing
//===----------------------------------------------------------------------===//

extern "C" void *quant_dyn_cuda_malloc(size_t bytes) {
  return mgpuMemAlloc(bytes, nullptr, false);
}

extern "C" void quant_dyn_cuda_free(void *ptr) { mgpuMemFree(ptr, nullptr); }

extern "C" int32_t quant_dyn_cuda_memcpy(void *dst, const void *src,
                                         size_t bytes) {
  if (!ensureContext("quant_dyn_cuda_memcpy"))
    return 1;
  if (bytes == 0)
    return 0;
  return QD_CHECK(cuMemcpy(devicePtr(dst), devicePtr(src), bytes),
                  "quant_dyn_cuda_memcpy")
             ? 0
             : 1;
}

extern "C" int32_t quant_dyn_cuda_synchronize(void) {
  if (!ensureContext("quant_dyn_cuda_synchronize"))
    return 1;
  return QD_CHECK(cuCtxSynchronize(), "quant_dyn_cuda_synchronize") ? 0 : 1;
}

extern "C" void *quant_dyn_cuda_event_create(void) {
  if (!ensureContext("quant_dyn_cuda_event_create"))
    return nullptr;
  CUevent event = nullptr;
  if (!QD_CHECK(cuEventCreate(&event, CU_EVENT_DEFAULT),
                "quant_dyn_cuda_event_create"))
    return nullptr;
  return event;
}

extern "C" void quant_dyn_cuda_event_destroy(void *event) {
  mgpuEventDestroy(event);
}

extern "C" int32_t quant_dyn_cuda_event_record(void *event, void *stream) {
  if (!ensureContext("quant_dyn_cuda_event_record") || !event)
    return 1;
  return QD_CHECK(cuEventRecord(static_cast<CUevent>(event),
                                static_cast<CUstream>(stream)),
                  "quant_dyn_cuda_event_record")
             ? 0
             : 1;
}

extern "C" float quant_dyn_cuda_event_elapsed_ms(void *start, void *end) {
  if (!ensureContext("quant_dyn_cuda_event_elapsed_ms") || !start || !end)
    return -1.0f;
  if (!QD_CHECK(cuEventSynchronize(static_cast<CUevent>(end)),
                "quant_dyn_cuda_event_elapsed_ms"))
    return -1.0f;
  float ms = 0.0f;
  if (!check(driver.cuEventElapsedTime(&ms, static_cast<CUevent>(start),
                                       static_cast<CUevent>(end)),
             "cuEventElapsedTime", "quant_dyn_cuda_event_elapsed_ms"))
    return -1.0f;
  return ms;
}

//===----------------------------------------------------------------------===//
// Modules and launches
//===----------------------------------------------------------------------===//

extern "C" void *mgpuModuleLoad(void *data, size_t gpuBlobSize) {
  (void)gpuBlobSize;
  if (!ensureContext("mgpuModuleLoad"))
    return nullptr;
  CUmodule module = nullptr;
  if (!QD_CHECK(cuModuleLoadData(&module, data),
                "mgpuModuleLoad (loading the kernels' cubin)"))
    return nullptr;
  return module;
}

extern "C" void *mgpuModuleLoadJIT(void *data, int optLevel) {
  if (!ensureContext("mgpuModuleLoadJIT"))
    return nullptr;
  // The driver's PTX JIT reports why it rejects a module in its log.
  static char log[4096];
  log[0] = '\0';
  CUjit_option options[] = {CU_JIT_OPTIMIZATION_LEVEL, CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {
      reinterpret_cast<void *>(static_cast<intptr_t>(optLevel < 0 ? 0
                                                     : optLevel > 4
                                                         ? 4
                                                         : optLevel)),
      log, reinterpret_cast<void *>(static_cast<uintptr_t>(sizeof(log)))};
  CUmodule module = nullptr;
  CUresult result =
      driver.cuModuleLoadDataEx(&module, data, 3, options, values);
  if (result != CUDA_SUCCESS) {
    recordError("cuModuleLoadDataEx failed in mgpuModuleLoadJIT (JIT "
                "compilation of the kernels' PTX): %s (%s)%s%s",
                errorName(result), errorDescription(result), log[0] ? ": " : "",
                log);
    return nullptr;
  }
  return module;
}

extern "C" void mgpuModuleUnload(void *module) {
  // Also after an error: modules are unloaded by global destructors.
  if (!module || !driver.loaded)
    return;
  CUresult result = driver.cuModuleUnload(static_cast<CUmodule>(module));
  if (!errorState.set)
    check(result, "cuModuleUnload", "mgpuModuleUnload");
}

extern "C" void *mgpuModuleGetFunction(void *module, const char *name) {
  if (!ensureContext("mgpuModuleGetFunction"))
    return nullptr;
  if (!module) {
    recordError("mgpuModuleGetFunction: the kernel module for '%s' was not "
                "loaded",
                name ? name : "?");
    return nullptr;
  }
  CUfunction function = nullptr;
  if (!QD_CHECK(
          cuModuleGetFunction(&function, static_cast<CUmodule>(module), name),
          "mgpuModuleGetFunction"))
    return nullptr;
  return function;
}

extern "C" void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                                 intptr_t gridZ, intptr_t blockX,
                                 intptr_t blockY, intptr_t blockZ, int32_t smem,
                                 void *stream, void **params, void **extra,
                                 size_t paramsCount) {
  (void)paramsCount;
  if (!ensureContext("mgpuLaunchKernel"))
    return;
  if (!function) {
    recordError("mgpuLaunchKernel: no kernel function to launch");
    return;
  }
  if (!fitsUnsigned(gridX) || !fitsUnsigned(gridY) || !fitsUnsigned(gridZ) ||
      !fitsUnsigned(blockX) || !fitsUnsigned(blockY) || !fitsUnsigned(blockZ)) {
    recordError("mgpuLaunchKernel: invalid launch configuration grid "
                "(%" PRIdPTR ", %" PRIdPTR ", %" PRIdPTR ") block (%" PRIdPTR
                ", %" PRIdPTR ", %" PRIdPTR ")",
                gridX, gridY, gridZ, blockX, blockY, blockZ);
    return;
  }
  QD_CHECK(cuLaunchKernel(
               static_cast<CUfunction>(function), static_cast<unsigned>(gridX),
               static_cast<unsigned>(gridY), static_cast<unsigned>(gridZ),
               static_cast<unsigned>(blockX), static_cast<unsigned>(blockY),
               static_cast<unsigned>(blockZ), static_cast<unsigned>(smem),
               static_cast<CUstream>(stream), params, extra),
           "mgpuLaunchKernel");
}

//===----------------------------------------------------------------------===//
// Streams and events
//===----------------------------------------------------------------------===//

extern "C" void *mgpuStreamCreate(void) {
  if (!ensureContext("mgpuStreamCreate"))
    return nullptr;
  CUstream stream = nullptr;
  if (!QD_CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING),
                "mgpuStreamCreate"))
    return nullptr;
  return stream;
}

extern "C" void mgpuStreamDestroy(void *stream) {
  // Also after an error, so a failed call does not leak its stream.
  if (!stream || !driver.loaded)
    return;
  CUresult result = driver.cuStreamDestroy(static_cast<CUstream>(stream));
  if (!errorState.set)
    check(result, "cuStreamDestroy", "mgpuStreamDestroy");
}

extern "C" void mgpuStreamSynchronize(void *stream) {
  if (!ensureContext("mgpuStreamSynchronize"))
    return;
  QD_CHECK(cuStreamSynchronize(static_cast<CUstream>(stream)),
           "mgpuStreamSynchronize (a kernel or copy on the stream failed)");
}

extern "C" void mgpuStreamWaitEvent(void *stream, void *event) {
  if (!ensureContext("mgpuStreamWaitEvent") || !event)
    return;
  QD_CHECK(cuStreamWaitEvent(static_cast<CUstream>(stream),
                             static_cast<CUevent>(event), 0),
           "mgpuStreamWaitEvent");
}

extern "C" void *mgpuEventCreate(void) {
  if (!ensureContext("mgpuEventCreate"))
    return nullptr;
  CUevent event = nullptr;
  if (!QD_CHECK(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING),
                "mgpuEventCreate"))
    return nullptr;
  return event;
}

extern "C" void mgpuEventDestroy(void *event) {
  if (!event || !driver.loaded)
    return;
  CUresult result = driver.cuEventDestroy(static_cast<CUevent>(event));
  if (!errorState.set)
    check(result, "cuEventDestroy", "mgpuEventDestroy");
}

extern "C" void mgpuEventSynchronize(void *event) {
  if (!ensureContext("mgpuEventSynchronize") || !event)
    return;
  QD_CHECK(cuEventSynchronize(static_cast<CUevent>(event)),
           "mgpuEventSynchronize");
}

extern "C" void mgpuEventRecord(void *event, void *stream) {
  if (!ensureContext("mgpuEventRecord") || !event)
    return;
  QD_CHECK(
      cuEventRecord(static_cast<CUevent>(event), static_cast<CUstream>(stream)),
      "mgpuEventRecord");
}

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

extern "C" void *mgpuMemAlloc(uint64_t sizeBytes, void *stream,
                              bool isHostShared) {
  if (!ensureContext("mgpuMemAlloc"))
    return nullptr;
  size_t size = sizeBytes == 0 ? 1 : static_cast<size_t>(sizeBytes);
  // Name the size: running out of memory is the usual cause.
  char context[96];
  std::snprintf(context, sizeof(context), "mgpuMemAlloc of %" PRIu64 " bytes",
                sizeBytes);
  CUdeviceptr ptr = 0;
  CUresult result;
  if (isHostShared)
    result = driver.cuMemAllocManaged(&ptr, size, CU_MEM_ATTACH_GLOBAL);
  else if (stream && driver.cuMemAllocAsync)
    result = driver.cuMemAllocAsync(&ptr, size, static_cast<CUstream>(stream));
  else
    result = driver.cuMemAlloc(&ptr, size);
  if (!check(result, "cuMemAlloc", context))
    return nullptr;
  return reinterpret_cast<void *>(static_cast<uintptr_t>(ptr));
}

extern "C" void mgpuMemFree(void *ptr, void *stream) {
  // Also after an error: the lowered code frees what it allocated.
  if (!ptr || !driver.loaded || !driver.initialized)
    return;
  CUresult result =
      stream && driver.cuMemFreeAsync
          ? driver.cuMemFreeAsync(devicePtr(ptr), static_cast<CUstream>(stream))
          : driver.cuMemFree(devicePtr(ptr));
  if (!errorState.set)
    check(result, "cuMemFree", "mgpuMemFree");
}

extern "C" void mgpuMemcpy(void *dst, void *src, size_t sizeBytes,
                           void *stream) {
  if (!ensureContext("mgpuMemcpy") || sizeBytes == 0)
    return;
  QD_CHECK(cuMemcpyAsync(devicePtr(dst), devicePtr(src), sizeBytes,
                         static_cast<CUstream>(stream)),
           "mgpuMemcpy");
}

extern "C" void mgpuMemset32(void *dst, uint32_t value, size_t count,
                             void *stream) {
  if (!ensureContext("mgpuMemset32") || count == 0)
    return;
  QD_CHECK(cuMemsetD32Async(devicePtr(dst), value, count,
                            static_cast<CUstream>(stream)),
           "mgpuMemset32");
}

extern "C" void mgpuMemset16(void *dst, uint16_t value, size_t count,
                             void *stream) {
  if (!ensureContext("mgpuMemset16") || count == 0)
    return;
  QD_CHECK(cuMemsetD16Async(devicePtr(dst), value, count,
                            static_cast<CUstream>(stream)),
           "mgpuMemset16");
}

extern "C" void mgpuMemHostRegister(void *ptr, uint64_t sizeBytes) {
  if (!ensureContext("mgpuMemHostRegister"))
    return;
  QD_CHECK(cuMemHostRegister(ptr, sizeBytes, 0), "mgpuMemHostRegister");
}

extern "C" void mgpuMemHostUnregister(void *ptr) {
  if (!ensureContext("mgpuMemHostUnregister"))
    return;
  QD_CHECK(cuMemHostUnregister(ptr), "mgpuMemHostUnregister");
}

extern "C" void mgpuSetDefaultDevice(int32_t device) {
  driver.ordinal = device;
}
