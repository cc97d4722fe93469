//===- HostTensor.cpp - Host-side tensors of raw element codes ------------===//
//
// Shape arithmetic with overflow checks, code accessors, the bit-exact
// comparison used by tests and the f4E2M1FN pack / unpack of the ABI.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Support/HostTensor.h"

#include <cstdio>
#include <limits>

using namespace mlir::quant_dyn;

std::optional<int64_t>
mlir::quant_dyn::checkedNumElements(const std::vector<int64_t> &shape) {
  // Like NumPy, the product of the non-zero dims must fit even when a zero
  // dim makes the count 0: the result then does not depend on dim order.
  int64_t n = 1;
  bool sawZero = false;
  for (int64_t d : shape) {
    if (d < 0)
      return std::nullopt;
    if (d == 0) {
      sawZero = true;
      continue;
    }
    if (n > std::numeric_limits<int64_t>::max() / d)
      return std::nullopt;
    n *= d;
  }
  return sawZero ? 0 : n;
}

std::optional<int64_t>
mlir::quant_dyn::checkedByteSize(ElementKind kind,
                                 const std::vector<int64_t> &shape) {
  std::optional<int64_t> n = checkedNumElements(shape);
  if (!n)
    return std::nullopt;
  int64_t width = hostByteWidth(kind);
  if (*n > std::numeric_limits<int64_t>::max() / width)
    return std::nullopt;
  int64_t size = *n * width;
  if (static_cast<uint64_t>(size) > std::numeric_limits<size_t>::max())
    return std::nullopt;
  return size;
}

uint32_t mlir::quant_dyn::maxCode(ElementKind kind) {
  unsigned bits = codeBitWidth(kind);
  return bits >= 32 ? 0xFFFFFFFFu : ((1u << bits) - 1u);
}

std::string mlir::quant_dyn::formatShape(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  s += "]";
  return s;
}

HostTensor::HostTensor(ElementKind kind, std::vector<int64_t> shape)
    : kind(kind), shape(std::move(shape)) {
  if (std::optional<int64_t> size = checkedByteSize(this->kind, this->shape))
    bytes.assign(static_cast<size_t>(*size), 0);
}

HostTensor HostTensor::fromCodes(ElementKind kind, std::vector<int64_t> shape,
                                 const std::vector<uint32_t> &codes) {
  HostTensor t(kind, std::move(shape));
  if (!t.isValid() || static_cast<uint64_t>(t.numElements()) != codes.size()) {
    t.bytes.clear();
    return t;
  }
  for (size_t i = 0; i < codes.size(); ++i)
    t.setCode(static_cast<int64_t>(i), codes[i]);
  return t;
}

int64_t HostTensor::numElements() const {
  std::optional<int64_t> n = checkedNumElements(shape);
  return n ? *n : -1;
}

bool HostTensor::isValid() const {
  std::optional<int64_t> size = checkedByteSize(kind, shape);
  return size && static_cast<uint64_t>(*size) == bytes.size();
}

uint32_t HostTensor::code(int64_t i) const {
  unsigned width = hostByteWidth(kind);
  const uint8_t *p = bytes.data() + static_cast<size_t>(i) * width;
  uint32_t v = 0;
  for (unsigned b = 0; b < width; ++b)
    v |= static_cast<uint32_t>(p[b]) << (8 * b);
  return v;
}

void HostTensor::setCode(int64_t i, uint32_t value) {
  unsigned width = hostByteWidth(kind);
  uint8_t *p = bytes.data() + static_cast<size_t>(i) * width;
  for (unsigned b = 0; b < width; ++b)
    p[b] = static_cast<uint8_t>(value >> (8 * b));
}

std::vector<uint32_t> HostTensor::codes() const {
  std::vector<uint32_t> result;
  if (!isValid())
    return result;
  int64_t n = numElements();
  result.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    result.push_back(code(i));
  return result;
}

static std::string hexCode(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%x", v);
  return buf;
}

bool HostTensor::validateCodes(std::string &error) const {
  if (!isValid()) {
    error = "tensor of " + std::string(elementKindName(kind)) + " and shape " +
            formatShape(shape) + " holds " + std::to_string(bytes.size()) +
            " bytes, which does not match its shape";
    return false;
  }
  if (codeBitWidth(kind) >= 8 * hostByteWidth(kind))
    return true; // Every bit pattern of the host width is a legal code.
  uint32_t limit = maxCode(kind);
  int64_t n = numElements();
  for (int64_t i = 0; i < n; ++i) {
    uint32_t c = code(i);
    if (c > limit) {
      error = "element " + std::to_string(i) + " has code " + hexCode(c) +
              ", which is not a valid " + std::string(elementKindName(kind)) +
              " code (must be <= " + hexCode(limit) + ")";
      return false;
    }
  }
  return true;
}

/// Row-major coordinates of linear index `i` in `shape`.
static std::vector<int64_t> delinearize(int64_t i,
                                        const std::vector<int64_t> &shape) {
  std::vector<int64_t> coords(shape.size(), 0);
  for (size_t d = shape.size(); d-- > 0;) {
    if (shape[d] <= 0)
      return coords;
    coords[d] = i % shape[d];
    i /= shape[d];
  }
  return coords;
}

bool mlir::quant_dyn::compareTensors(const HostTensor &expected,
                                     const HostTensor &actual,
                                     std::string *message,
                                     TensorMismatch *mismatch) {
  auto fail = [&](std::string msg) {
    if (message)
      *message = std::move(msg);
    return false;
  };
  if (mismatch)
    *mismatch = TensorMismatch();
  if (expected.kind != actual.kind)
    return fail("element kind differs: expected " +
                std::string(elementKindName(expected.kind)) + ", actual " +
                std::string(elementKindName(actual.kind)));
  if (expected.shape != actual.shape)
    return fail("shape differs: expected " + formatShape(expected.shape) +
                ", actual " + formatShape(actual.shape));
  if (!expected.isValid() || !actual.isValid())
    return fail(std::string("tensor storage does not match its shape (") +
                (expected.isValid() ? "actual" : "expected") + ")");

  int64_t n = expected.numElements();
  int64_t first = -1, count = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (expected.code(i) == actual.code(i))
      continue;
    if (first < 0)
      first = i;
    ++count;
  }
  if (first < 0)
    return true;

  std::vector<int64_t> coords = delinearize(first, expected.shape);
  uint32_t e = expected.code(first), a = actual.code(first);
  if (mismatch) {
    mismatch->index = first;
    mismatch->coords = coords;
    mismatch->expectedCode = e;
    mismatch->actualCode = a;
    mismatch->numMismatches = count;
  }
  return fail("element " + std::to_string(first) + " at " +
              formatShape(coords) + " differs: expected " + hexCode(e) +
              ", actual " + hexCode(a) + " (" + std::to_string(count) +
              " of " + std::to_string(n) + " elements differ)");
}

/// Shared shape check of packF4 / unpackF4.
static bool checkF4Shape(const std::vector<int64_t> &shape, int64_t &n,
                         std::string &error) {
  std::optional<int64_t> count = checkedNumElements(shape);
  if (!count) {
    error = "invalid f4E2M1FN shape " + formatShape(shape) +
            " (negative dimension or element count overflow)";
    return false;
  }
  if (shape.empty()) {
    error = "cannot pack a rank-0 f4E2M1FN tensor: packing needs an even "
            "innermost extent";
    return false;
  }
  if (shape.back() % 2 != 0) {
    error = "f4E2M1FN packing needs an even innermost extent, but shape " +
            formatShape(shape) + " has " + std::to_string(shape.back());
    return false;
  }
  n = *count;
  return true;
}

bool mlir::quant_dyn::packF4(const HostTensor &t, std::vector<uint8_t> &packed,
                             std::string &error) {
  if (t.kind != ElementKind::F4E2M1FN) {
    error = "packF4 needs an f4E2M1FN tensor, got " +
            std::string(elementKindName(t.kind));
    return false;
  }
  int64_t n = 0;
  if (!checkF4Shape(t.shape, n, error))
    return false;
  if (!t.validateCodes(error))
    return false;
  // An even innermost extent makes every row (and so the total) even, so
  // pairs never straddle rows: the packed tensor is row-major too.
  packed.assign(static_cast<size_t>(n / 2), 0);
  for (int64_t i = 0; i < n / 2; ++i)
    packed[static_cast<size_t>(i)] =
        static_cast<uint8_t>(t.bytes[2 * i] | (t.bytes[2 * i + 1] << 4));
  return true;
}

bool mlir::quant_dyn::unpackF4(const uint8_t *packed, size_t packedSize,
                               const std::vector<int64_t> &shape,
                               HostTensor &out, std::string &error) {
  int64_t n = 0;
  if (!checkF4Shape(shape, n, error))
    return false;
  if (static_cast<uint64_t>(n / 2) != packedSize) {
    error = "packed f4E2M1FN buffer has " + std::to_string(packedSize) +
            " bytes, but shape " + formatShape(shape) + " needs " +
            std::to_string(n / 2);
    return false;
  }
  if (packedSize != 0 && !packed) {
    error = "packed f4E2M1FN buffer is null";
    return false;
  }
  HostTensor t(ElementKind::F4E2M1FN, shape);
  for (size_t i = 0; i < packedSize; ++i) {
    t.bytes[2 * i] = packed[i] & 0x0F;
    t.bytes[2 * i + 1] = packed[i] >> 4;
  }
  out = std::move(t);
  return true;
}
