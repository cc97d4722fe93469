//===- QuantDynRuntime.cpp - CPU run-time support of compiled code --------===//
//
// Error reporting for the run-time shape checks of compiled quant_dyn
// functions (see quant-dyn-c/Runtime.h). Programs that link an object from
// `quant-dyn-compile --emit=obj` link this library; the JIT of the runner
// registers quant_dyn_report_error with its ExecutionEngine.
//
// Deliberately uses only the C library (snprintf, thread-local storage of
// trivial types, no exceptions, no allocation), so a C program can link the
// static archive with a C compiler driver and no C++ runtime.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn-c/Runtime.h"

#include <cinttypes>
#include <cstdio>

namespace {

struct ErrorSlot {
  int32_t kind; // 0: no error recorded.
  char message[256];
};

// Compiled functions run their checks on the calling thread, at entry,
// before any parallel region: a thread-local slot keeps concurrent callers
// on different threads apart.
thread_local ErrorSlot errorSlot = {0, {0}};

void formatMessage(char *buffer, size_t size, int32_t kind, int64_t dim,
                   int64_t actual, int64_t expected) {
  switch (kind) {
  case QUANT_DYN_ERROR_NOT_DIVISIBLE:
    std::snprintf(buffer, size,
                  "dimension %" PRId64 " has extent %" PRId64
                  ", which is not divisible by the block size %" PRId64,
                  dim, actual, expected);
    return;
  case QUANT_DYN_ERROR_ODD_F4_EXTENT:
    std::snprintf(buffer, size,
                  "f4E2M1FN data needs an even innermost extent, but "
                  "dimension %" PRId64 " has extent %" PRId64,
                  dim, actual);
    return;
  case QUANT_DYN_ERROR_SCALES_EXTENT:
    std::snprintf(buffer, size,
                  "scales dimension %" PRId64 " has extent %" PRId64
                  ", expected %" PRId64,
                  dim, actual, expected);
    return;
  case QUANT_DYN_ERROR_TENSOR_EXTENT:
    std::snprintf(buffer, size,
                  "tensor dimension %" PRId64 " has extent %" PRId64
                  ", but the declared type requires %" PRId64,
                  dim, actual, expected);
    return;
  case QUANT_DYN_ERROR_SCALES_COUNT:
    std::snprintf(buffer, size,
                  "scales hold %" PRId64 " elements, expected %" PRId64, actual,
                  expected);
    return;
  case QUANT_DYN_ERROR_ZPS_COUNT:
    std::snprintf(buffer, size,
                  "zero points hold %" PRId64 " elements, expected %" PRId64,
                  actual, expected);
    return;
  case QUANT_DYN_ERROR_OUTPUT_EXTENT:
    std::snprintf(buffer, size,
                  "output dimension %" PRId64 " has extent %" PRId64
                  ", but the result needs %" PRId64 " (nothing was written)",
                  dim, actual, expected);
    return;
  default:
    std::snprintf(buffer, size,
                  "unknown run-time error kind %" PRId32 " (dim %" PRId64
                  ", actual %" PRId64 ", expected %" PRId64 ")",
                  kind, dim, actual, expected);
    return;
  }
}

} // namespace

extern "C" void quant_dyn_report_error(int32_t kind, int64_t dim,
                                       int64_t actual, int64_t expected) {
  ErrorSlot &slot = errorSlot;
  if (slot.kind != 0)
    return; // Keep the first error.
  // Kind 0 would read as "no error": record it as an unknown kind.
  slot.kind = kind != 0 ? kind : -1;
  formatMessage(slot.message, sizeof(slot.message), kind, dim, actual,
                expected);
}

extern "C" const char *quant_dyn_last_error(void) {
  ErrorSlot &slot = errorSlot;
  return slot.kind != 0 ? slot.message : nullptr;
}

extern "C" int32_t quant_dyn_last_error_kind(void) { return errorSlot.kind; }

extern "C" void quant_dyn_clear_error(void) {
  errorSlot.kind = 0;
  errorSlot.message[0] = '\0';
}
