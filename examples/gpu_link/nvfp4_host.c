/*===- nvfp4_host.c - NVFP4 on the GPU into caller-owned host outputs -----===*\
|*                                                                            *|
|* Links the object of                                                        *|
|*   quant-dyn-compile examples/cpu_link/nvfp4.mlir --target=nvvm \           *|
|*     --chip=sm_90a --results-to-out-params --emit=obj -o nvfp4_host.o       *|
|* with libQuantDynCUDARuntime.a, libQuantDynRuntime.a and -ldl. Every        *|
|* descriptor holds host memory the program owns (host buffers, the          *|
|* default): a call copies the arguments to device scratch buffers, gives    *|
|* each output a device buffer, launches the kernels, copies each output     *|
|* back into the program's buffer (one copy per output) and frees all the    *|
|* scratch. The results equal those of examples/cpu_link/nvfp4_main.c bit    *|
|* for bit.                                                                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "quant-dyn-c/CUDARuntime.h"
#include "quant-dyn-c/Runtime.h"
#include "quant-dyn-c/Shapes.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} MemRef2D;

typedef struct {
  void *allocated;
  void *aligned;
  int64_t offset;
} MemRef0D;

void _mlir_ciface_nvfp4_quantize(MemRef2D *x, MemRef0D *gs, MemRef2D *data,
                                 MemRef2D *scales);

enum { M = 96, K = 160, CALLS = 3 };

static MemRef2D wrap2D(void *p, int64_t rows, int64_t cols) {
  MemRef2D m = {p, p, 0, {rows, cols}, {cols, 1}};
  return m;
}

static int failed(const char *what) {
  const char *message = quant_dyn_cuda_last_error();
  if (!message)
    message = quant_dyn_last_error();
  if (!message)
    return 0;
  fprintf(stderr, "%s: %s\n", what, message);
  return 1;
}

/* Whether every byte of `p` is still the fill byte 0xAB. */
static int untouched(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (p[i] != 0xAB)
      return 0;
  return 1;
}

int main(void) {
  /* The input of examples/cpu_link/nvfp4_main.c. */
  static float input[M * K];
  uint32_t state = 12345;
  for (int i = 0; i < M * K; ++i) {
    state = state * 1664525u + 1013904223u;
    float unit = (float)(state >> 8) / (float)(1u << 24) - 0.5f;
    input[i] = unit * (float)(1 << (i % 11));
  }
  float globalScale = 0.75f;
  int64_t shape[2] = {M, K}, scaleShape[2];
  quant_dyn_scale_shape_1d(2, shape, /*axis=*/1, /*block_size=*/16,
                           scaleShape);
  size_t dataBytes = (size_t)quant_dyn_f4_bytes(M * K);
  size_t scaleBytes = (size_t)quant_dyn_num_elements(2, scaleShape);

  /* Host buffers, owned by the program; the outputs are filled with 0xAB
     so that what a call writes shows. */
  uint8_t *data = malloc(dataBytes), *scales = malloc(scaleBytes);
  if (!data || !scales)
    return 1;
  MemRef2D x = wrap2D(input, M, K), d = wrap2D(data, M, K),
           s = wrap2D(scales, scaleShape[0], scaleShape[1]);
  MemRef0D gs = {&globalScale, &globalScale, 0};
  for (int call = 0; call < CALLS; ++call) {
    memset(data, 0xAB, dataBytes);
    memset(scales, 0xAB, scaleBytes);
    quant_dyn_clear_error();
    _mlir_ciface_nvfp4_quantize(&x, &gs, &d, &s);
    if (failed("call"))
      return 1;
  }
  printf("written: %s\n",
         !untouched(data, dataBytes) && !untouched(scales, scaleBytes) ? "yes"
                                                                        : "no");
  printf("row 0 codes:");
  for (int j = 0; j < 8; ++j)
    printf(" %d", (data[j / 2] >> (4 * (j % 2))) & 0xF);
  printf("\nrow 0 scales: 0x%02x 0x%02x\n", scales[0], scales[1]);

  /* A wrong output extent is checked before any launch: the outputs (the
     right one too) are not written. */
  memset(data, 0xAB, dataBytes);
  memset(scales, 0xAB, scaleBytes);
  MemRef2D wrong = wrap2D(scales, scaleShape[0], scaleShape[1] - 1);
  quant_dyn_clear_error();
  _mlir_ciface_nvfp4_quantize(&x, &gs, &d, &wrong);
  printf("kind %d: %s\n", (int)quant_dyn_last_error_kind(),
         quant_dyn_last_error());
  quant_dyn_clear_error();
  printf("untouched: %s\n",
         untouched(data, dataBytes) && untouched(scales, scaleBytes) ? "yes"
                                                                      : "no");
  free(data);
  free(scales);
  return failed("teardown");
}
