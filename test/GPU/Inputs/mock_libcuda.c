/* A stand-in libcuda.so.1 for testing the GPU path's host side without a GPU.
 *
 * Device memory is host memory, zeroed when allocated; kernels are not run
 * (their outputs keep those zeros). Every call is checked: copies must stay inside a live
 * device allocation, frees must name one, launches need a positive grid and
 * block; at exit it prints one summary line on stderr:
 *   mock-cuda: launches=L copies=C allocs=A live=N modules=M streams=S bad=B
 * MOCK_CUDA_FAIL=<name> makes that driver function fail with
 * CUDA_ERROR_LAUNCH_FAILED (719).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
enum { OK = 0, FAILED = 719 };

static struct {
  char *ptr;
  size_t size;
  int live;
} allocs[65536];
static int numAllocs, live, launches, copies, modules, streams, bad;

static int failing(const char *name) {
  const char *f = getenv("MOCK_CUDA_FAIL");
  return f && strcmp(f, name) == 0;
}

static int find(const void *p, size_t n) {
  for (int i = numAllocs - 1; i >= 0; --i) {
    const char *c = (const char *)p;
    if (allocs[i].live && c >= allocs[i].ptr &&
        c < allocs[i].ptr + (allocs[i].size ? allocs[i].size : 1)) {
      if (c + n > allocs[i].ptr + allocs[i].size) {
        fprintf(stderr, "mock-cuda: BAD access of %zu bytes at offset %td of a "
                        "%zu-byte allocation\n",
                n, c - allocs[i].ptr, allocs[i].size);
        ++bad;
      }
      return i;
    }
  }
  return -1;
}

__attribute__((destructor)) static void summary(void) {
  fprintf(stderr,
          "mock-cuda: launches=%d copies=%d allocs=%d live=%d modules=%d "
          "streams=%d bad=%d\n",
          launches, copies, numAllocs, live, modules, streams, bad);
}

#define CHECK_FAIL(name)                                                       \
  if (failing(name))                                                           \
    return FAILED;

CUresult cuInit(unsigned flags) { (void)flags; CHECK_FAIL("cuInit"); return OK; }
CUresult cuDriverGetVersion(int *v) { *v = 13000; return OK; }
CUresult cuGetErrorName(CUresult r, const char **s) {
  *s = r == FAILED ? "CUDA_ERROR_LAUNCH_FAILED" : "CUDA_ERROR_UNKNOWN";
  return OK;
}
CUresult cuGetErrorString(CUresult r, const char **s) {
  *s = r == FAILED ? "unspecified launch failure (mock)" : "unknown (mock)";
  return OK;
}
CUresult cuDeviceGetCount(int *n) { *n = 1; return OK; }
CUresult cuDeviceGet(int *d, int ordinal) { *d = ordinal; return OK; }
CUresult cuDeviceGetName(char *name, int len, int d) {
  (void)d;
  snprintf(name, (size_t)len, "Mock GPU");
  return OK;
}
CUresult cuDeviceGetAttribute(int *v, int attr, int d) {
  (void)d;
  *v = attr == 75 ? 9 : 0; /* compute capability 9.0 (major = 75) */
  return OK;
}
static int context;
static void *current;
CUresult cuDevicePrimaryCtxRetain(void **ctx, int d) { (void)d; *ctx = &context; return OK; }
CUresult cuCtxGetCurrent(void **ctx) { *ctx = current; return OK; }
CUresult cuCtxSetCurrent(void *ctx) { current = ctx; return OK; }
CUresult cuCtxSynchronize(void) { return OK; }

CUresult cuModuleLoadData(void **m, const void *image) {
  CHECK_FAIL("cuModuleLoadData");
  if (!image) { ++bad; return FAILED; }
  ++modules;
  *m = malloc(1);
  return OK;
}
CUresult cuModuleLoadDataEx(void **m, const void *image, unsigned n,
                            void *options, void **values) {
  (void)n; (void)options; (void)values;
  CHECK_FAIL("cuModuleLoadDataEx");
  if (!image || strstr((const char *)image, ".entry") == NULL) {
    fprintf(stderr, "mock-cuda: BAD PTX image\n");
    ++bad;
    return FAILED;
  }
  ++modules;
  *m = malloc(1);
  return OK;
}
CUresult cuModuleUnload(void *m) { --modules; free(m); return OK; }
CUresult cuModuleGetFunction(void **f, void *m, const char *name) {
  if (!m || !name) { ++bad; return FAILED; }
  *f = (void *)name;
  return OK;
}
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned smem,
                        void *stream, void **params, void **extra) {
  (void)smem; (void)stream; (void)extra;
  CHECK_FAIL("cuLaunchKernel");
  if (!f || !params || !gx || !gy || !gz || !bx || !by || !bz ||
      bx * by * bz > 1024) {
    fprintf(stderr, "mock-cuda: BAD launch\n");
    ++bad;
    return FAILED;
  }
  ++launches;
  return OK;
}
CUresult cuStreamCreate(void **s, unsigned flags) { (void)flags; ++streams; *s = malloc(1); return OK; }
CUresult cuStreamDestroy_v2(void *s) { --streams; free(s); return OK; }
CUresult cuStreamSynchronize(void *s) { (void)s; CHECK_FAIL("cuStreamSynchronize"); return OK; }
CUresult cuStreamWaitEvent(void *s, void *e, unsigned f) { (void)s; (void)e; (void)f; return OK; }
CUresult cuEventCreate(void **e, unsigned f) { (void)f; *e = malloc(1); return OK; }
CUresult cuEventDestroy_v2(void *e) { free(e); return OK; }
CUresult cuEventSynchronize(void *e) { (void)e; return OK; }
CUresult cuEventRecord(void *e, void *s) { (void)e; (void)s; return OK; }
CUresult cuEventElapsedTime_v2(float *ms, void *a, void *b) { (void)a; (void)b; *ms = 1.0f; return OK; }

static CUresult alloc(uint64_t *p, size_t n) {
  CHECK_FAIL("cuMemAlloc");
  if (n == 0) { fprintf(stderr, "mock-cuda: BAD zero-byte allocation\n"); ++bad; return FAILED; }
  char *m = calloc(n, 1);
  allocs[numAllocs].ptr = m;
  allocs[numAllocs].size = n;
  allocs[numAllocs].live = 1;
  ++numAllocs;
  ++live;
  *p = (uint64_t)(uintptr_t)m;
  return OK;
}
static CUresult release(uint64_t p) {
  for (int i = 0; i < numAllocs; ++i)
    if (allocs[i].live && allocs[i].ptr == (char *)(uintptr_t)p) {
      allocs[i].live = 0;
      free(allocs[i].ptr);
      --live;
      return OK;
    }
  fprintf(stderr, "mock-cuda: BAD free of %p\n", (void *)(uintptr_t)p);
  ++bad;
  return FAILED;
}
CUresult cuMemAlloc_v2(uint64_t *p, size_t n) { return alloc(p, n); }
CUresult cuMemAllocAsync(uint64_t *p, size_t n, void *s) { (void)s; return alloc(p, n); }
CUresult cuMemAllocManaged(uint64_t *p, size_t n, unsigned f) { (void)f; return alloc(p, n); }
CUresult cuMemFree_v2(uint64_t p) { return release(p); }
CUresult cuMemFreeAsync(uint64_t p, void *s) { (void)s; return release(p); }

static CUresult copy(uint64_t dst, uint64_t src, size_t n) {
  void *d = (void *)(uintptr_t)dst, *s = (void *)(uintptr_t)src;
  if (find(d, n) < 0 && find(s, n) < 0) {
    fprintf(stderr, "mock-cuda: BAD copy between two host pointers\n");
    ++bad;
    return FAILED;
  }
  memmove(d, s, n);
  ++copies;
  return OK;
}
CUresult cuMemcpy(uint64_t dst, uint64_t src, size_t n) { return copy(dst, src, n); }
CUresult cuMemcpyAsync(uint64_t dst, uint64_t src, size_t n, void *s) { (void)s; return copy(dst, src, n); }
CUresult cuMemsetD32Async(uint64_t d, unsigned v, size_t n, void *s) {
  (void)s;
  if (find((void *)(uintptr_t)d, n * 4) < 0) { ++bad; return FAILED; }
  for (size_t i = 0; i < n; ++i) memcpy((char *)(uintptr_t)d + 4 * i, &v, 4);
  return OK;
}
CUresult cuMemsetD16Async(uint64_t d, unsigned short v, size_t n, void *s) {
  (void)s;
  if (find((void *)(uintptr_t)d, n * 2) < 0) { ++bad; return FAILED; }
  for (size_t i = 0; i < n; ++i) memcpy((char *)(uintptr_t)d + 2 * i, &v, 2);
  return OK;
}
CUresult cuMemHostRegister_v2(void *p, size_t n, unsigned f) { (void)p; (void)n; (void)f; return OK; }
CUresult cuMemHostUnregister(void *p) { (void)p; return OK; }
