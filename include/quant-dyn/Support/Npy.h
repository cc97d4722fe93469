//===- Npy.h - NumPy .npy reader and writer for host tensors ----*- C++ -*-===//
//
// Reads and writes NumPy .npy files with the dtype conventions of the
// runner (docs/Semantics.md section 7.4):
//
//   f32 '<f4'   f16 '<f2'   i32 '<i4'   si8 '|i1'   ui8 '|u1'
//   bf16 as raw bits '<u2'
//   f8E4M3FN, f8E5M2, f8E8M0FNU, f6E2M3FN, f6E3M2FN, f4E2M1FN: the raw code,
//   one '|u1' per element (f4 codes 0..15, unpacked), in the logical shape.
//
// Reading accepts format versions 1.0, 2.0 and 3.0 and the equivalent
// spellings NumPy may produce ('<u1' / '=u1' for '|u1', '<i1' for '|i1', '='
// for '<' on a little-endian host); big-endian multi-byte data is rejected.
// Only C-order (fortran_order False) arrays are accepted. Files that are
// truncated, carry trailing bytes, or have a malformed header are errors.
// Writing produces version 1.0 (2.0 when the header does not fit 1.0).
//
// Every function returns false on failure and sets `error` to a message
// that starts with the file path ("in.npy: ..."); `out` is only assigned on
// success. Hostile input never crashes or reads out of bounds.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_SUPPORT_NPY_H
#define QUANT_DYN_SUPPORT_NPY_H

#include "quant-dyn/Support/ElementKind.h"
#include "quant-dyn/Support/HostTensor.h"

#include <optional>
#include <string>
#include <string_view>

namespace mlir::quant_dyn {

/// The canonical .npy dtype descr written for `kind` ("<f4", "|u1", ...).
std::string_view npyDescrForKind(ElementKind kind);

/// The element kind readNpyAny maps a dtype descr to: '<f4' F32, '<f2' F16,
/// '<u2' BF16 (raw bits), '<i4' I32, '|i1' SI8, '|u1' UI8, with the same
/// equivalent spellings readNpy accepts. std::nullopt for anything else.
std::optional<ElementKind> npyKindForDescr(std::string_view descr);

/// Reads `path` as a tensor of `expected` kind. The file's dtype must be
/// the one docs/Semantics.md gives for `expected` (or an equivalent spelling);
/// otherwise the error names both, e.g. "a.npy: expected dtype '<f4' (f32)
/// but file has '|u1'". f4E2M1FN codes must be < 16, f6 codes < 64.
bool readNpy(const std::string &path, ElementKind expected, HostTensor &out,
             std::string &error);

/// Reads `path` with whatever supported dtype it has (see npyKindForDescr):
/// for tools and tests that do not know the expected kind.
bool readNpyAny(const std::string &path, HostTensor &out, std::string &error);

/// Writes `t` to `path` with the dtype npyDescrForKind(t.kind). Fails when
/// `t` is not valid (storage / shape mismatch, f4 / f6 codes out of range)
/// or the file cannot be written.
bool writeNpy(const std::string &path, const HostTensor &t,
              std::string &error);

/// In-memory forms of the above (same checks and messages; `name` stands in
/// for the path in messages). `expected` == std::nullopt means "any".
bool parseNpy(std::string_view data, const std::string &name,
              std::optional<ElementKind> expected, HostTensor &out,
              std::string &error);
bool serializeNpy(const HostTensor &t, const std::string &name,
                  std::string &data, std::string &error);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_SUPPORT_NPY_H
