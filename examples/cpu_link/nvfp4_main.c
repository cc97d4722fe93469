/*===- nvfp4_main.c - NVFP4 into caller-owned outputs, from 8 threads -----===*\
|*                                                                            *|
|* Links the object of                                                        *|
|*   quant-dyn-compile nvfp4.mlir --target=cpu --results-to-out-params \      *|
|*     --emit=obj -o nvfp4.o                                                  *|
|* with libQuantDynRuntime.a, libomp and pthreads. The caller owns every      *|
|* buffer: it sizes the outputs from the input shape (quant-dyn-c/Shapes.h)   *|
|* and the callee allocates nothing.                                          *|
|*                                                                            *|
|* 8 threads call the function at once, each with its own outputs: the even   *|
|* ones with correct outputs (their results must equal a first call's, bit   *|
|* for bit), the odd ones with a scales output one column too wide (a         *|
|* reported run-time error on that thread only, with nothing written).        *|
|* With an output directory argument, also writes the input and the results   *|
|* as .npy files in quant-dyn-runner's conventions, to compare with it.       *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "quant-dyn-c/Runtime.h"
#include "quant-dyn-c/Shapes.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Memref descriptors (row-major, identity layout); f4 data keeps logical
   sizes and strides and packs two codes per byte. */
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

/* Arguments first, then one descriptor per result. */
void _mlir_ciface_nvfp4_quantize(MemRef2D *x, MemRef0D *gs, MemRef2D *data,
                                 MemRef2D *scales);

enum { M = 96, K = 160, CALLS = 20, THREADS = 8 };

static float input[M * K];
static float globalScale = 0.75f;

static MemRef2D wrap2D(void *p, int64_t rows, int64_t cols) {
  MemRef2D m = {p, p, 0, {rows, cols}, {cols, 1}};
  return m;
}

/* One call into caller-owned outputs; returns the error kind (0: none). */
static int32_t quantize(uint8_t *data, uint8_t *scales, int64_t scaleCols) {
  MemRef2D x = wrap2D(input, M, K);
  MemRef0D gs = {&globalScale, &globalScale, 0};
  MemRef2D d = wrap2D(data, M, K);
  MemRef2D s = wrap2D(scales, M, scaleCols);
  quant_dyn_clear_error();
  _mlir_ciface_nvfp4_quantize(&x, &gs, &d, &s);
  return quant_dyn_last_error_kind();
}

static int64_t scaleShape[2];
static uint8_t *refData, *refScales;

typedef struct {
  int index;
  int ok;
} Job;

static void *worker(void *arg) {
  Job *job = (Job *)arg;
  int wrongSize = job->index % 2;
  int64_t cols = scaleShape[1] + wrongSize;
  size_t dataBytes = (size_t)quant_dyn_f4_bytes(M * K);
  size_t scaleBytes = (size_t)(M * cols);
  uint8_t *data = malloc(dataBytes), *scales = malloc(scaleBytes);
  job->ok = data && scales;
  for (int call = 0; job->ok && call < CALLS; ++call) {
    memset(data, 0xAB, dataBytes);
    memset(scales, 0xAB, scaleBytes);
    int32_t kind = quantize(data, scales, cols);
    if (!wrongSize) {
      job->ok = kind == 0 && !memcmp(data, refData, dataBytes) &&
                !memcmp(scales, refScales, scaleBytes);
      continue;
    }
    /* The error is this thread's; nothing was written. */
    job->ok = kind == QUANT_DYN_ERROR_OUTPUT_EXTENT;
    for (size_t i = 0; job->ok && i < dataBytes; ++i)
      job->ok = data[i] == 0xAB;
    for (size_t i = 0; job->ok && i < scaleBytes; ++i)
      job->ok = scales[i] == 0xAB;
  }
  /* The next valid call on this thread starts clean. */
  quant_dyn_clear_error();
  job->ok = job->ok && quant_dyn_last_error() == NULL;
  free(data);
  free(scales);
  return NULL;
}

/* .npy (version 1.0) of `count` bytes or floats of shape [rows, cols]. */
static int writeNpy(const char *dir, const char *name, const char *descr,
                    const void *bytes, size_t size, int64_t rows,
                    int64_t cols) {
  char path[1024], header[128];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f)
    return 0;
  int n = snprintf(header, sizeof(header),
                   "{'descr': '%s', 'fortran_order': False, 'shape': (%lld, "
                   "%lld), }",
                   descr, (long long)rows, (long long)cols);
  int total = 10 + n + 1;
  int pad = (64 - total % 64) % 64;
  uint16_t len = (uint16_t)(n + pad + 1);
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  fputc(len & 0xFF, f);
  fputc(len >> 8, f);
  fwrite(header, 1, (size_t)n, f);
  for (int i = 0; i < pad; ++i)
    fputc(' ', f);
  fputc('\n', f);
  fwrite(bytes, 1, size, f);
  return fclose(f) == 0;
}

int main(int argc, char **argv) {
  /* A deterministic input with a wide dynamic range. */
  uint32_t state = 12345;
  for (int i = 0; i < M * K; ++i) {
    state = state * 1664525u + 1013904223u;
    float unit = (float)(state >> 8) / (float)(1u << 24) - 0.5f;
    input[i] = unit * (float)(1 << (i % 11));
  }

  int64_t shape[2] = {M, K};
  quant_dyn_scale_shape_1d(2, shape, /*axis=*/1, /*block_size=*/16,
                           scaleShape);
  printf("data %dx%d (%lld bytes), scales %lldx%lld\n", M, K,
         (long long)quant_dyn_f4_bytes(M * K), (long long)scaleShape[0],
         (long long)scaleShape[1]);

  refData = malloc((size_t)quant_dyn_f4_bytes(M * K));
  refScales = malloc((size_t)quant_dyn_num_elements(2, scaleShape));
  if (!refData || !refScales || quantize(refData, refScales, scaleShape[1])) {
    fprintf(stderr, "first call failed: %s\n", quant_dyn_last_error());
    return 1;
  }
  printf("row 0 codes:");
  for (int j = 0; j < 8; ++j)
    printf(" %d", (refData[j / 2] >> (4 * (j % 2))) & 0xF);
  printf("\nrow 0 scales: 0x%02x 0x%02x\n", refScales[0], refScales[1]);

  /* A wrong output extent on this thread: reported, nothing written. */
  uint8_t small[4] = {0xAB, 0xAB, 0xAB, 0xAB};
  MemRef2D x = wrap2D(input, M, K), d = wrap2D(small, 1, 8),
           s = wrap2D(small, 1, 1);
  MemRef0D gs = {&globalScale, &globalScale, 0};
  quant_dyn_clear_error();
  _mlir_ciface_nvfp4_quantize(&x, &gs, &d, &s);
  printf("kind %d: %s\n", (int)quant_dyn_last_error_kind(),
         quant_dyn_last_error());
  printf("untouched: %s\n",
         small[0] == 0xAB && small[3] == 0xAB ? "yes" : "no");
  quant_dyn_clear_error();

  pthread_t threads[THREADS];
  Job jobs[THREADS];
  for (int t = 0; t < THREADS; ++t) {
    jobs[t].index = t;
    jobs[t].ok = 0;
    if (pthread_create(&threads[t], NULL, worker, &jobs[t]))
      return 1;
  }
  int good = 0;
  for (int t = 0; t < THREADS; ++t) {
    pthread_join(threads[t], NULL);
    good += jobs[t].ok;
  }
  printf("threads ok: %d of %d\n", good, THREADS);

  if (argc > 1) {
    /* The runner's conventions: f4 codes unpacked, one byte each. */
    uint8_t *codes = malloc(M * K);
    if (!codes)
      return 1;
    for (int i = 0; i < M * K; ++i)
      codes[i] = (refData[i / 2] >> (4 * (i % 2))) & 0xF;
    float one = globalScale;
    int written =
        writeNpy(argv[1], "x.npy", "<f4", input, sizeof(input), M, K) &&
        writeNpy(argv[1], "data.npy", "|u1", codes, M * K, M, K) &&
        writeNpy(argv[1], "scales.npy", "|u1", refScales,
                 (size_t)quant_dyn_num_elements(2, scaleShape), scaleShape[0],
                 scaleShape[1]);
    /* The rank-0 global scale. */
    char path[1024];
    snprintf(path, sizeof(path), "%s/gs.npy", argv[1]);
    FILE *f = fopen(path, "wb");
    const char header[] = "{'descr': '<f4', 'fortran_order': False, "
                          "'shape': (), }";
    int total = 10 + (int)sizeof(header) - 1 + 1;
    int pad = (64 - total % 64) % 64;
    uint16_t len = (uint16_t)(sizeof(header) - 1 + pad + 1);
    if (!f)
      return 1;
    fwrite("\x93NUMPY\x01\x00", 1, 8, f);
    fputc(len & 0xFF, f);
    fputc(len >> 8, f);
    fwrite(header, 1, sizeof(header) - 1, f);
    for (int i = 0; i < pad; ++i)
      fputc(' ', f);
    fputc('\n', f);
    fwrite(&one, sizeof(one), 1, f);
    written = fclose(f) == 0 && written;
    free(codes);
    if (!written)
      return 1;
  }
  free(refData);
  free(refScales);
  return good == THREADS ? 0 : 1;
}
