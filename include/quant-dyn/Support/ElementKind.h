//===- ElementKind.h - Element types of host-side tensors -------*- C++ -*-===//
//
// The element types that cross the boundary between host code (the runner,
// the .npy files, the scalar reference, the tests) and compiled quant_dyn
// functions. Values are always held as raw codes: f32 / f16 / bf16 as their
// IEEE bit patterns, narrow floats as their encoding, integers as two's
// complement bits.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_SUPPORT_ELEMENTKIND_H
#define QUANT_DYN_SUPPORT_ELEMENTKIND_H

#include <cstdint>
#include <optional>
#include <string_view>

namespace mlir::quant_dyn {

enum class ElementKind : uint8_t {
  F32,
  F16,
  BF16,
  F8E4M3FN,
  F8E5M2,
  F8E8M0FNU,
  F6E2M3FN,
  F6E3M2FN,
  F4E2M1FN,
  SI8, // also signless i8 where the op accepts it (zero points)
  UI8,
  I32, // si32 / i32 zero points
};

/// Bytes one element occupies in a host tensor (f4 codes are unpacked: one
/// byte per element on the host; packing happens at the compiled ABI only).
inline unsigned hostByteWidth(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
  case ElementKind::I32:
    return 4;
  case ElementKind::F16:
  case ElementKind::BF16:
    return 2;
  default:
    return 1;
  }
}

/// Number of significant bits of one element's code.
inline unsigned codeBitWidth(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
  case ElementKind::I32:
    return 32;
  case ElementKind::F16:
  case ElementKind::BF16:
    return 16;
  case ElementKind::F6E2M3FN:
  case ElementKind::F6E3M2FN:
    return 6;
  case ElementKind::F4E2M1FN:
    return 4;
  default:
    return 8;
  }
}

/// The MLIR spelling of the element type ("f32", "f8E4M3FN", "si8", ...).
inline std::string_view elementKindName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32: return "f32";
  case ElementKind::F16: return "f16";
  case ElementKind::BF16: return "bf16";
  case ElementKind::F8E4M3FN: return "f8E4M3FN";
  case ElementKind::F8E5M2: return "f8E5M2";
  case ElementKind::F8E8M0FNU: return "f8E8M0FNU";
  case ElementKind::F6E2M3FN: return "f6E2M3FN";
  case ElementKind::F6E3M2FN: return "f6E3M2FN";
  case ElementKind::F4E2M1FN: return "f4E2M1FN";
  case ElementKind::SI8: return "si8";
  case ElementKind::UI8: return "ui8";
  case ElementKind::I32: return "i32";
  }
  return "?";
}

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_SUPPORT_ELEMENTKIND_H
