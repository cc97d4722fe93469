/*===- quant-dyn-c/CUDARuntime.h - CUDA run-time of compiled code -*- C -*-===*\
|*                                                                            *|
|* The CUDA driver-API runtime of the GPU path. Two parts:                    *|
|*                                                                            *|
|*  - the mgpu* functions that host code lowered by upstream's gpu-to-llvm    *|
|*    calls (module load, kernel launch, streams, events, device memory),     *|
|*    with the signatures LLVM 22 emits;                                      *|
|*  - quant_dyn_cuda_* helpers for runners and benchmarks: driver / device    *|
|*    status, device memory, copies, event timing, and the error state.       *|
|*                                                                            *|
|* The driver (libcuda.so.1) is opened with dlopen on first use, so programs  *|
|* linking this library start and run their CPU paths on machines without an  *|
|* NVIDIA driver; the GPU functions then fail with a message.                 *|
|*                                                                            *|
|* Errors never abort. The first CUDA error is recorded with a message naming *|
|* the driver call, the CUDA error name and its description; every later     *|
|* mgpu* call is then a no-op (returns NULL where it returns a pointer) until *|
|* quant_dyn_cuda_clear_error. Callers check quant_dyn_cuda_last_error after  *|
|* calling compiled code. Unless quant_dyn_cuda_set_quiet(1) was called, the  *|
|* first error is also printed to stderr.                                     *|
|*                                                                            *|
|* All functions use the primary context of one device (ordinal 0, or the one *|
|* set with mgpuSetDefaultDevice / quant_dyn_cuda_init) and are meant for one *|
|* host thread at a time.                                                     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QUANT_DYN_C_CUDARUNTIME_H
#define QUANT_DYN_C_CUDARUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*===----------------------------------------------------------------------===*
 * Status, devices, errors
 *===----------------------------------------------------------------------===*/

/* Loads the driver, initializes it and makes the primary context of device
   `ordinal` current. Returns 0 on success; otherwise records an error (no
   driver, no device, ...) and returns non-zero. Idempotent for one ordinal. */
int32_t quant_dyn_cuda_init(int32_t ordinal);

/* Compute capability and name of the initialized device (calls
   quant_dyn_cuda_init(0) first if needed). `name` may be NULL. Returns 0 on
   success. */
int32_t quant_dyn_cuda_device_info(int32_t *major, int32_t *minor, char *name,
                                   size_t nameSize);

/* The first recorded error, or NULL. Valid until quant_dyn_cuda_clear_error. */
const char *quant_dyn_cuda_last_error(void);
void quant_dyn_cuda_clear_error(void);

/* Non-zero: do not print errors to stderr (the caller reports them). */
void quant_dyn_cuda_set_quiet(int32_t quiet);

/*===----------------------------------------------------------------------===*
 * Memory, copies and timing (for runners and benchmarks; synchronous unless
 * a stream is given)
 *===----------------------------------------------------------------------===*/

void *quant_dyn_cuda_malloc(size_t bytes);
void quant_dyn_cuda_free(void *devicePtr);
/* Copies between any two of host / device memory (unified addressing). */
int32_t quant_dyn_cuda_memcpy(void *dst, const void *src, size_t bytes);
/* Waits for all work on the device. */
int32_t quant_dyn_cuda_synchronize(void);

/* Events with timing, recorded on `stream` (NULL: the default stream). */
void *quant_dyn_cuda_event_create(void);
void quant_dyn_cuda_event_destroy(void *event);
int32_t quant_dyn_cuda_event_record(void *event, void *stream);
/* Milliseconds between two recorded events (waits for `end`); < 0 on error. */
float quant_dyn_cuda_event_elapsed_ms(void *start, void *end);

/*===----------------------------------------------------------------------===*
 * Functions called by lowered host code (gpu-to-llvm, LLVM 22)
 *===----------------------------------------------------------------------===*/

/* gpu.binary with a cubin / fatbin object (format=bin / fatbin). */
void *mgpuModuleLoad(void *data, size_t gpuBlobSize);
/* gpu.binary with PTX (format=isa): JIT-compiled by the driver. */
void *mgpuModuleLoadJIT(void *data, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *stream,
                      void **params, void **extra, size_t paramsCount);

void *mgpuStreamCreate(void);
void mgpuStreamDestroy(void *stream);
void mgpuStreamSynchronize(void *stream);
void mgpuStreamWaitEvent(void *stream, void *event);

void *mgpuEventCreate(void);
void mgpuEventDestroy(void *event);
void mgpuEventSynchronize(void *event);
void mgpuEventRecord(void *event, void *stream);

/* Stream-ordered when the driver supports it (cuMemAllocAsync). A size of 0
   allocates one byte, so every allocation has a unique non-null address. */
void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, bool isHostShared);
void mgpuMemFree(void *ptr, void *stream);
void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream);
void mgpuMemset32(void *dst, uint32_t value, size_t count, void *stream);
void mgpuMemset16(void *dst, uint16_t value, size_t count, void *stream);

void mgpuMemHostRegister(void *ptr, uint64_t sizeBytes);
void mgpuMemHostUnregister(void *ptr);
void mgpuSetDefaultDevice(int32_t device);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* QUANT_DYN_C_CUDARUNTIME_H */
