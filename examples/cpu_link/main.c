/*===- main.c - Call a quant_dyn function compiled ahead of time ----------===*\
|*                                                                            *|
|* Links the object of                                                        *|
|*   quant-dyn-compile add.mlir --target=cpu --emit=obj -o add.o              *|
|* with libQuantDynRuntime.a and libomp, and calls its C interface            *|
|* `_mlir_ciface_add_scaled` (the memory ABI of docs/Semantics.md section 5). *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "quant-dyn-c/Runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The standard MLIR descriptor of a rank-2 memref: row-major, identity
   layout. Arguments are passed by pointer; the result is written through a
   pointer passed first. */
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

  quant_dyn_clear_error();
  _mlir_ciface_add_scaled(&result, &ma, &mb);
  if (quant_dyn_last_error()) {
    /* After a run-time error the result holds no data but is allocated. */
    fprintf(stderr, "error: %s\n", quant_dyn_last_error());
    free(result.allocated);
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
  /* The callee malloc'ed the result: free its allocated pointer. */
  free(result.allocated);

  /* The run-time error hook, as compiled code calls it when a dynamic
     extent breaks a shape rule. */
  quant_dyn_report_error(QUANT_DYN_ERROR_NOT_DIVISIBLE, 1, 30, 16);
  quant_dyn_report_error(QUANT_DYN_ERROR_ODD_F4_EXTENT, 1, 7, 0);
  printf("kind %d: %s\n", (int)quant_dyn_last_error_kind(),
         quant_dyn_last_error());
  quant_dyn_clear_error();
  printf("after clear: %s\n", quant_dyn_last_error() ? "error" : "none");
  return 0;
}
