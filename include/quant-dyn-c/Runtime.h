/*===- quant-dyn-c/Runtime.h - CPU run-time of compiled code ------*- C -*-===*\
|*                                                                            *|
|* The functions compiled quant_dyn code calls, and the ones its caller uses  *|
|* to read what happened. Usable from C and C++. Link                         *|
|* libQuantDynRuntime.a next to an object produced by                         *|
|*   quant-dyn-compile FILE.mlir --target=cpu --emit=obj -o FILE.o            *|
|* (the library needs only the C library: no C++ runtime, no MLIR).           *|
|*                                                                            *|
|* Two ABIs (docs/Semantics.md section 5):                                    *|
|*  - default: _mlir_ciface_F(D_res*, D_arg0*, ...); the callee mallocs every *|
|*    result, the caller frees each result's `allocated` pointer;             *|
|*  - --results-to-out-params: _mlir_ciface_F(D_arg0*, ..., D_res0*, ...);    *|
|*    the caller allocates and owns every output (shapes: Shapes.h), the      *|
|*    callee writes them in place and allocates no result memory. On the      *|
|*    GPU (--target=nvvm) with host buffers (the default) the outputs are     *|
|*    host memory too: the callee allocates and frees its device scratch      *|
|*    and copies each output back once per call, only when the call           *|
|*    succeeds; with --host-buffers=false every descriptor holds device       *|
|*    memory and a call copies nothing.                                       *|
|* Arguments stay the caller's in both.                                       *|
|*                                                                            *|
|* Run-time checks (dynamic extents that break a shape rule, or an output     *|
|* descriptor of the wrong size) do not abort: the compiled function calls    *|
|* quant_dyn_report_error and returns without computing. Default ABI: its     *|
|* results are then allocated but hold no data: do not read them, free them  *|
|* as after a successful call. Out-params ABI: the outputs hold no new data.  *|
|* The first error reported on a thread is kept until quant_dyn_clear_error;  *|
|* the state is per thread, so concurrent callers do not see each other's.    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QUANT_DYN_C_RUNTIME_H
#define QUANT_DYN_C_RUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Kinds of run-time errors (the `kind` argument of quant_dyn_report_error).
   The one definition of these values: the compiler's lowering emits them and
   the run-time formats them. */
typedef enum QuantDynErrorKind {
  /* Extent `actual` of dimension `dim` is not divisible by the block size
     `expected`. */
  QUANT_DYN_ERROR_NOT_DIVISIBLE = 1,
  /* f4E2M1FN data: innermost extent `actual` (dimension `dim`) is odd. */
  QUANT_DYN_ERROR_ODD_F4_EXTENT = 2,
  /* Scales dimension `dim` has extent `actual`, expected `expected`. */
  QUANT_DYN_ERROR_SCALES_EXTENT = 3,
  /* Tensor dimension `dim` has extent `actual`, the declared type requires
     `expected`. */
  QUANT_DYN_ERROR_TENSOR_EXTENT = 4,
  /* Scales hold `actual` elements, expected `expected`. */
  QUANT_DYN_ERROR_SCALES_COUNT = 5,
  /* Zero points hold `actual` elements, expected `expected`. */
  QUANT_DYN_ERROR_ZPS_COUNT = 6,
  /* Out-params ABI: dimension `dim` of an output descriptor has extent
     `actual`, the result needs `expected`. Nothing was written. */
  QUANT_DYN_ERROR_OUTPUT_EXTENT = 7
} QuantDynErrorKind;

/* The symbol name of the hook below, as compiled code calls it. */
#define QUANT_DYN_REPORT_ERROR_NAME "quant_dyn_report_error"

/* Called by compiled code when a run-time shape rule fails. Records the
   first error of the calling thread (later ones are ignored until
   quant_dyn_clear_error) with a message formatted per kind. */
void quant_dyn_report_error(int32_t kind, int64_t dim, int64_t actual,
                            int64_t expected);

/* The message of the first error recorded on this thread since the last
   quant_dyn_clear_error, or NULL when none. The string stays valid until the
   next quant_dyn_clear_error on this thread. */
const char *quant_dyn_last_error(void);

/* The kind of that error (QUANT_DYN_ERROR_*), or 0 when none. */
int32_t quant_dyn_last_error_kind(void);

/* Forgets the recorded error of this thread. Call before each invocation of
   a compiled function whose status you check afterwards. */
void quant_dyn_clear_error(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* QUANT_DYN_C_RUNTIME_H */
