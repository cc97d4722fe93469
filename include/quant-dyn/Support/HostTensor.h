//===- HostTensor.h - Host-side tensors of raw element codes ----*- C++ -*-===//
//
// A dense, row-major host tensor whose elements are held as raw codes (see
// ElementKind.h). It is the currency between the .npy reader / writer, the
// runner, the scalar reference and the tests. It is plain C++17 on purpose:
// no LLVM / MLIR headers, so tests and tools can use it without the compiler.
//
// Storage: `bytes` holds the elements in logical row-major order,
// hostByteWidth(kind) bytes per element, each code little-endian regardless
// of the host. f4E2M1FN codes are unpacked (one code 0..15 per byte); the
// packed layout of the compiled ABI (docs/Semantics.md section 5) is produced
// by packF4.
//
// Nothing here throws or asserts on bad data: shape problems surface as a
// negative numElements(), isValid() == false, or a false return plus message.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_SUPPORT_HOSTTENSOR_H
#define QUANT_DYN_SUPPORT_HOSTTENSOR_H

#include "quant-dyn/Support/ElementKind.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir::quant_dyn {

/// Product of `shape`, or std::nullopt when a dim is negative or the product
/// of the non-zero dims overflows int64_t (as in NumPy, so [0, 2^40, 2^40]
/// is rejected although it has no elements). Rank 0 has one element.
std::optional<int64_t> checkedNumElements(const std::vector<int64_t> &shape);

/// Bytes a host tensor of `kind` and `shape` occupies, or std::nullopt when
/// the shape is invalid or the byte count overflows int64_t / size_t.
std::optional<int64_t> checkedByteSize(ElementKind kind,
                                       const std::vector<int64_t> &shape);

/// Largest code value legal for `kind` (2^codeBitWidth - 1).
uint32_t maxCode(ElementKind kind);

/// Formats a shape as "[2, 3, 4]" ("[]" for rank 0), for messages.
std::string formatShape(const std::vector<int64_t> &shape);

struct HostTensor {
  ElementKind kind = ElementKind::F32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;

  HostTensor() = default;
  /// A zero-filled tensor. When `shape` is invalid (negative dim, overflow)
  /// `bytes` stays empty and isValid() is false; use checkedByteSize first
  /// when the shape comes from untrusted input.
  HostTensor(ElementKind kind, std::vector<int64_t> shape);

  /// A tensor filled from `codes` (one per element, row-major). Returns an
  /// invalid (empty-bytes) tensor when the count does not match the shape.
  static HostTensor fromCodes(ElementKind kind, std::vector<int64_t> shape,
                              const std::vector<uint32_t> &codes);

  /// Element count, or -1 when the shape is invalid or overflows.
  int64_t numElements() const;
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  unsigned elementByteWidth() const { return hostByteWidth(kind); }

  /// True when the shape is valid and `bytes` holds exactly numElements()
  /// elements of hostByteWidth(kind) bytes.
  bool isValid() const;

  /// Raw code of element `i` (row-major linear index), zero-extended.
  /// Precondition: 0 <= i < numElements() and isValid().
  uint32_t code(int64_t i) const;
  /// Stores the low hostByteWidth(kind) bytes of `value` as element `i`.
  /// Range checks against codeBitWidth(kind) are validateCodes' job.
  void setCode(int64_t i, uint32_t value);

  /// All codes in row-major order (handy in tests).
  std::vector<uint32_t> codes() const;

  /// Checks that every code fits codeBitWidth(kind): f4 codes < 16 and f6
  /// codes < 64 (other kinds use the full host width, so always pass).
  /// On failure names the first offending linear index and its value.
  bool validateCodes(std::string &error) const;

  /// Exact equality of kind, shape and bytes.
  bool operator==(const HostTensor &other) const {
    return kind == other.kind && shape == other.shape && bytes == other.bytes;
  }
  bool operator!=(const HostTensor &other) const { return !(*this == other); }
};

/// The first difference found by compareTensors.
struct TensorMismatch {
  /// Linear (row-major) index of the first differing element; -1 when the
  /// tensors already differ in kind, shape or validity.
  int64_t index = -1;
  /// Multi-dimensional coordinates of `index` (empty when index is -1).
  std::vector<int64_t> coords;
  uint32_t expectedCode = 0;
  uint32_t actualCode = 0;
  /// Total number of differing elements (0 when index is -1).
  int64_t numMismatches = 0;
};

/// Bit-exact comparison for tests. Returns true when equal. Otherwise fills
/// `mismatch` / `message` (when non-null) with the first difference, e.g.
/// "element 5 at [1, 2] differs: expected 0x7f, actual 0x7e (3 of 24
/// elements differ)", or a kind / shape difference.
bool compareTensors(const HostTensor &expected, const HostTensor &actual,
                    std::string *message = nullptr,
                    TensorMismatch *mismatch = nullptr);

/// Packs an f4E2M1FN host tensor into the compiled-ABI layout
/// (docs/Semantics.md section 5): element 2i in the low nibble of byte i, 2i+1
/// in the high nibble. Fails (with a message) unless `t` is a valid F4E2M1FN
/// tensor of rank >= 1 whose innermost extent is even and whose codes are all
/// < 16.
bool packF4(const HostTensor &t, std::vector<uint8_t> &packed,
            std::string &error);

/// Inverse of packF4: `packedSize` bytes at `packed` become an unpacked
/// F4E2M1FN tensor of `shape`. Fails unless the shape is valid with an even
/// innermost extent and packedSize == numElements / 2.
bool unpackF4(const uint8_t *packed, size_t packedSize,
              const std::vector<int64_t> &shape, HostTensor &out,
              std::string &error);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_SUPPORT_HOSTTENSOR_H
