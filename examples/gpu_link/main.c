/*===- main.c - Call a quant_dyn function compiled for the GPU ------------===*\
|*                                                                            *|
|* Links the object of                                                        *|
|*   quant-dyn-compile ../cpu_link/add.mlir --target=nvvm --chip=sm_90a \    *|
|*     --emit=obj -o add_gpu.o                                                *|
|* with libQuantDynCUDARuntime.a (and -ldl) and calls the same C interface as *|
|* the CPU example: the compiled function copies its host arguments to the    *|
|* GPU, runs its kernels and copies the result back into a malloc'ed buffer.  *|
|* The kernels are loaded when the program starts (a global constructor);     *|
|* without a GPU or driver the runtime records an error instead of crashing.  *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "quant-dyn-c/CUDARuntime.h"
#include "quant-dyn-c/Runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} MemRef2DF32;

void _mlir_ciface_add_scaled(MemRef2DF32 *result, MemRef2DF32 *a,
                             MemRef2DF32 *b);

static MemRef2DF32 wrap(float *data, int64_t rows, int64_t cols) {
  MemRef2DF32 m = {data, data, 0, {rows, cols}, {cols, 1}};
  return m;
}

int main(void) {
  float a[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  float b[8] = {0.5f, 1, 1.5f, 2, -1, -2, -3, -4};
  MemRef2DF32 ma = wrap(a, 2, 4), mb = wrap(b, 2, 4), result;

  /* Loading the kernels at start-up may already have failed. */
  if (quant_dyn_cuda_last_error()) {
    fprintf(stderr, "CUDA error: %s\n", quant_dyn_cuda_last_error());
    return 1;
  }
  quant_dyn_clear_error();
  _mlir_ciface_add_scaled(&result, &ma, &mb);
  if (quant_dyn_cuda_last_error() || quant_dyn_last_error()) {
    const char *message = quant_dyn_cuda_last_error();
    fprintf(stderr, "error: %s\n", message ? message : quant_dyn_last_error());
    return 1;
  }
  printf("shape %lldx%lld\n", (long long)result.sizes[0],
         (long long)result.sizes[1]);
  for (int64_t i = 0; i < result.sizes[0]; ++i) {
    for (int64_t j = 0; j < result.sizes[1]; ++j)
      printf("%s%g", j ? " " : "",
             result.aligned[result.offset + i * result.strides[0] +
                            j * result.strides[1]]);
    printf("\n");
  }
  free(result.allocated);
  return 0;
}
