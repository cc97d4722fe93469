//===- ReferenceTest.cpp - Tests of the scalar reference numerics ---------===//
//
// Hand-checked values for every conversion rule of docs/Semantics.md section 4,
// the two TensorRT IDynamicQuantizeLayer documentation examples, oneDNN-style
// quantize_linear examples, special-value blocks, and a brute-force check of
// the table-based rounding against a linear scan over all codes.
//
//===----------------------------------------------------------------------===//

#include "Reference/Reference.h"

#include "gtest/gtest.h"

#include <cfloat>
#include <cmath>
#include <algorithm>
#include <cstring>
#include <random>

using namespace mlir::quant_dyn;
using namespace mlir::quant_dyn::ref;

namespace {

using K = ElementKind;

uint32_t f32Bits(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  return b;
}

float bitsF32(uint32_t b) {
  float x;
  std::memcpy(&x, &b, 4);
  return x;
}

std::vector<uint32_t> f32Codes(const std::vector<float> &xs) {
  std::vector<uint32_t> out;
  for (float x : xs)
    out.push_back(f32Bits(x));
  return out;
}

std::vector<float> f32Values(const std::vector<uint32_t> &codes) {
  std::vector<float> out;
  for (uint32_t c : codes)
    out.push_back(bitsF32(c));
  return out;
}

uint32_t encSat(K k, float x) { return encode(k, x, /*satfinite=*/true); }
uint32_t encRne(K k, float x) { return encode(k, x, /*satfinite=*/false); }

const float kInf = std::numeric_limits<float>::infinity();
const float kNaN = std::numeric_limits<float>::quiet_NaN();

const K kNarrow[] = {K::F16,      K::BF16,     K::F8E4M3FN, K::F8E5M2,
                     K::F6E2M3FN, K::F6E3M2FN, K::F4E2M1FN};

//===----------------------------------------------------------------------===//
// Decoding
//===----------------------------------------------------------------------===//

TEST(Decode, F4E2M1FNAllCodes) {
  const double values[8] = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
  for (uint32_t c = 0; c < 16; ++c) {
    double expected = (c & 8) ? -values[c & 7] : values[c & 7];
    EXPECT_EQ(decode(K::F4E2M1FN, c), expected) << "code " << c;
    EXPECT_EQ(std::signbit(decode(K::F4E2M1FN, c)), (c & 8) != 0);
  }
  EXPECT_TRUE(std::isnan(decode(K::F4E2M1FN, 16))); // out of range code
}

TEST(Decode, F6Formats) {
  // e2m3, bias 1: subnormal step 1/8, 1.0 = 0b001000, max 0b011111 = 7.5.
  EXPECT_EQ(decode(K::F6E2M3FN, 0x01), 0.125);
  EXPECT_EQ(decode(K::F6E2M3FN, 0x07), 0.875);
  EXPECT_EQ(decode(K::F6E2M3FN, 0x08), 1.0);
  EXPECT_EQ(decode(K::F6E2M3FN, 0x1F), 7.5);
  EXPECT_EQ(decode(K::F6E2M3FN, 0x3F), -7.5);
  EXPECT_EQ(decode(K::F6E2M3FN, 0x20), 0.0);
  EXPECT_TRUE(std::signbit(decode(K::F6E2M3FN, 0x20)));
  // e3m2, bias 3: subnormal step 1/16, 1.0 = 0b001100, max 0b011111 = 28.
  EXPECT_EQ(decode(K::F6E3M2FN, 0x01), 0.0625);
  EXPECT_EQ(decode(K::F6E3M2FN, 0x03), 0.1875);
  EXPECT_EQ(decode(K::F6E3M2FN, 0x04), 0.25);
  EXPECT_EQ(decode(K::F6E3M2FN, 0x0C), 1.0);
  EXPECT_EQ(decode(K::F6E3M2FN, 0x1F), 28.0);
  EXPECT_EQ(decode(K::F6E3M2FN, 0x3F), -28.0);
  EXPECT_EQ(maxFinite(K::F6E2M3FN), 7.5);
  EXPECT_EQ(maxFinite(K::F6E3M2FN), 28.0);
  EXPECT_EQ(maxFinite(K::F4E2M1FN), 6.0);
}

TEST(Decode, F8E4M3FN) {
  EXPECT_EQ(decode(K::F8E4M3FN, 0x00), 0.0);
  EXPECT_EQ(decode(K::F8E4M3FN, 0x01), std::ldexp(1.0, -9));
  EXPECT_EQ(decode(K::F8E4M3FN, 0x07), 7 * std::ldexp(1.0, -9));
  EXPECT_EQ(decode(K::F8E4M3FN, 0x08), std::ldexp(1.0, -6));
  EXPECT_EQ(decode(K::F8E4M3FN, 0x38), 1.0);
  EXPECT_EQ(decode(K::F8E4M3FN, 0x7E), 448.0);
  EXPECT_EQ(decode(K::F8E4M3FN, 0x78), 256.0); // exponent 15 is finite
  EXPECT_EQ(decode(K::F8E4M3FN, 0xFE), -448.0);
  EXPECT_TRUE(std::isnan(decode(K::F8E4M3FN, 0x7F)));
  EXPECT_TRUE(std::isnan(decode(K::F8E4M3FN, 0xFF)));
  EXPECT_EQ(maxFinite(K::F8E4M3FN), 448.0);
}

TEST(Decode, F8E5M2) {
  EXPECT_EQ(decode(K::F8E5M2, 0x01), std::ldexp(1.0, -16));
  EXPECT_EQ(decode(K::F8E5M2, 0x04), std::ldexp(1.0, -14));
  EXPECT_EQ(decode(K::F8E5M2, 0x3C), 1.0);
  EXPECT_EQ(decode(K::F8E5M2, 0x7B), 57344.0);
  EXPECT_EQ(decode(K::F8E5M2, 0x7C), HUGE_VAL);
  EXPECT_EQ(decode(K::F8E5M2, 0xFC), -HUGE_VAL);
  for (uint32_t c : {0x7Du, 0x7Eu, 0x7Fu, 0xFDu, 0xFEu, 0xFFu})
    EXPECT_TRUE(std::isnan(decode(K::F8E5M2, c)));
}

TEST(Decode, F8E8M0FNU) {
  EXPECT_EQ(decode(K::F8E8M0FNU, 127), 1.0);
  EXPECT_EQ(decode(K::F8E8M0FNU, 0), std::ldexp(1.0, -127));
  EXPECT_EQ(decode(K::F8E8M0FNU, 0xFE), std::ldexp(1.0, 127));
  EXPECT_EQ(decode(K::F8E8M0FNU, 130), 8.0);
  EXPECT_TRUE(std::isnan(decode(K::F8E8M0FNU, 0xFF)));
  // 2^-127 is an f32 subnormal, still exact.
  EXPECT_EQ(decodeF32(K::F8E8M0FNU, 0), std::ldexp(1.0f, -127));
}

TEST(Decode, F16AndBF16) {
  EXPECT_EQ(decode(K::F16, 0x3C00), 1.0);
  EXPECT_EQ(decode(K::F16, 0x7BFF), 65504.0);
  EXPECT_EQ(decode(K::F16, 0x0001), std::ldexp(1.0, -24));
  EXPECT_EQ(decode(K::F16, 0x0400), std::ldexp(1.0, -14));
  EXPECT_EQ(decode(K::F16, 0x7C00), HUGE_VAL);
  EXPECT_EQ(decode(K::F16, 0xC000), -2.0);
  EXPECT_TRUE(std::isnan(decode(K::F16, 0x7E00)));
  EXPECT_EQ(decode(K::BF16, 0x3F80), 1.0);
  EXPECT_EQ(decode(K::BF16, 0x7F7F), (2 - std::ldexp(1.0, -7)) *
                                         std::ldexp(1.0, 127));
  EXPECT_EQ(decode(K::BF16, 0x0001), std::ldexp(1.0, -133));
  EXPECT_EQ(decode(K::BF16, 0xFF80), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(decode(K::BF16, 0x7FC0)));
  // bf16 is the top half of f32.
  for (uint32_t c : {0x3F80u, 0x4049u, 0x0001u, 0x8123u, 0x7F7Fu})
    EXPECT_EQ(decodeF32(K::BF16, c), bitsF32(c << 16));
}

TEST(Decode, IntegersAndF32) {
  EXPECT_EQ(decode(K::SI8, 0xFF), -1.0);
  EXPECT_EQ(decode(K::SI8, 0x80), -128.0);
  EXPECT_EQ(decode(K::SI8, 0x7F), 127.0);
  EXPECT_EQ(decode(K::UI8, 0xFF), 255.0);
  EXPECT_EQ(decode(K::I32, 0xFFFFFFFFu), -1.0);
  EXPECT_EQ(decode(K::I32, 0x80000000u), -2147483648.0);
  EXPECT_EQ(decode(K::F32, f32Bits(1.5f)), 1.5);
  // NaN payloads are canonicalized by decodeF32.
  EXPECT_EQ(f32Bits(decodeF32(K::F32, 0xFFC00001u)), 0x7FC00000u);
  EXPECT_EQ(f32Bits(decodeF32(K::F8E4M3FN, 0xFF)), 0x7FC00000u);
  EXPECT_EQ(f32Bits(decodeF32(K::F8E8M0FNU, 0xFF)), 0x7FC00000u);
}

//===----------------------------------------------------------------------===//
// Encoding
//===----------------------------------------------------------------------===//

TEST(Encode, EveryCodeRoundTrips) {
  for (K k : kNarrow) {
    uint32_t numCodes = 1u << codeBitWidth(k);
    for (uint32_t c = 0; c < numCodes; ++c) {
      double v = decode(k, c);
      float x = static_cast<float>(v);
      if (std::isnan(v)) {
        EXPECT_EQ(encRne(k, x), *canonicalNaN(k));
        continue;
      }
      ASSERT_EQ(static_cast<double>(x), v) << "not exact in f32";
      EXPECT_EQ(encRne(k, x), c) << elementKindName(k) << " code " << c;
      if (!std::isinf(v)) {
        EXPECT_EQ(encSat(k, x), c) << elementKindName(k) << " code " << c;
      }
    }
  }
}

TEST(Encode, F4E2M1FN) {
  auto e = [](float x) { return encSat(K::F4E2M1FN, x); };
  EXPECT_EQ(e(0.25f), 0u);  // tie between 0 and 0.5 -> 0 (even code)
  EXPECT_EQ(e(0.2500001f), 1u);
  EXPECT_EQ(e(0.75f), 2u);  // tie 0.5 / 1.0 -> 1.0
  EXPECT_EQ(e(1.25f), 2u);  // tie 1.0 / 1.5 -> 1.0
  EXPECT_EQ(e(1.75f), 4u);  // tie 1.5 / 2.0 -> 2.0
  EXPECT_EQ(e(2.5f), 4u);   // tie 2 / 3 -> 2
  EXPECT_EQ(e(3.5f), 6u);   // tie 3 / 4 -> 4
  EXPECT_EQ(e(5.0f), 6u);   // tie 4 / 6 -> 4
  EXPECT_EQ(e(5.0001f), 7u);
  EXPECT_EQ(e(6.0f), 7u);
  EXPECT_EQ(e(7.0f), 7u);   // saturates
  EXPECT_EQ(e(1e30f), 7u);
  EXPECT_EQ(e(kInf), 7u);
  EXPECT_EQ(e(-kInf), 15u);
  EXPECT_EQ(e(-5.0f), 14u); // -4
  EXPECT_EQ(e(-0.0f), 8u);  // -0 keeps its sign
  EXPECT_EQ(e(-0.1f), 8u);  // rounds to -0
  EXPECT_EQ(e(kNaN), 0u);   // no NaN in the format: +0
  EXPECT_EQ(e(-kNaN), 0u);
  // Without satfinite, a format with neither Inf nor NaN still saturates.
  EXPECT_EQ(encRne(K::F4E2M1FN, 100.0f), 7u);
}

TEST(Encode, F6Formats) {
  EXPECT_EQ(encSat(K::F6E2M3FN, 0.0625f), 0x00u); // tie 0 / 1/8
  EXPECT_EQ(encSat(K::F6E2M3FN, 0.1875f), 0x02u); // tie 1/8 / 2/8
  EXPECT_EQ(encSat(K::F6E2M3FN, 7.75f), 0x1Fu);   // tie 7.5 / 8 -> sat
  EXPECT_EQ(encSat(K::F6E2M3FN, 100.0f), 0x1Fu);
  EXPECT_EQ(encSat(K::F6E2M3FN, -100.0f), 0x3Fu);
  EXPECT_EQ(encSat(K::F6E2M3FN, 1.0625f), 0x08u); // tie 1 / 1.125 -> 1
  EXPECT_EQ(encSat(K::F6E3M2FN, 0.03125f), 0x00u);
  EXPECT_EQ(encSat(K::F6E3M2FN, 0.09375f), 0x02u); // tie 1/16 / 2/16
  EXPECT_EQ(encSat(K::F6E3M2FN, 26.0f), 0x1Eu);    // tie 24 / 28 -> 24
  EXPECT_EQ(encSat(K::F6E3M2FN, 27.0f), 0x1Fu);
  EXPECT_EQ(encSat(K::F6E3M2FN, 1000.0f), 0x1Fu);
  EXPECT_EQ(encSat(K::F6E3M2FN, kNaN), 0x00u);
  EXPECT_EQ(encSat(K::F6E3M2FN, -0.0f), 0x20u);
}

TEST(Encode, F8E4M3FN) {
  EXPECT_EQ(encSat(K::F8E4M3FN, 448.0f), 0x7Eu);
  EXPECT_EQ(encSat(K::F8E4M3FN, 464.0f), 0x7Eu);
  EXPECT_EQ(encSat(K::F8E4M3FN, 465.0f), 0x7Eu);
  EXPECT_EQ(encSat(K::F8E4M3FN, 1e30f), 0x7Eu);
  EXPECT_EQ(encSat(K::F8E4M3FN, kInf), 0x7Eu);
  EXPECT_EQ(encSat(K::F8E4M3FN, -kInf), 0xFEu);
  // Without satfinite: 464 is the midpoint 448 / 480 and 448's code 0x7E is
  // even, so it stays 448; anything above overflows to NaN (no Inf).
  EXPECT_EQ(encRne(K::F8E4M3FN, 464.0f), 0x7Eu);
  EXPECT_EQ(encRne(K::F8E4M3FN, 465.0f), 0x7Fu);
  EXPECT_EQ(encRne(K::F8E4M3FN, -kInf), 0x7Fu);
  EXPECT_EQ(encSat(K::F8E4M3FN, 432.0f), 0x7Eu); // tie 416 / 448 -> 448
  EXPECT_EQ(encSat(K::F8E4M3FN, 0.3f), 0x2Au);   // 0.3125
  // Subnormals: step 2^-9.
  EXPECT_EQ(encSat(K::F8E4M3FN, std::ldexp(1.0f, -9)), 0x01u);
  EXPECT_EQ(encSat(K::F8E4M3FN, std::ldexp(1.0f, -10)), 0x00u); // tie
  EXPECT_EQ(encSat(K::F8E4M3FN, std::ldexp(1.0001f, -10)), 0x01u);
  EXPECT_EQ(encSat(K::F8E4M3FN, std::ldexp(3.0f, -10)), 0x02u); // tie
  EXPECT_EQ(encSat(K::F8E4M3FN, std::ldexp(5.0f, -10)), 0x02u); // tie
  EXPECT_EQ(encSat(K::F8E4M3FN, std::ldexp(7.0f, -9)), 0x07u);
  EXPECT_EQ(encSat(K::F8E4M3FN, std::ldexp(1.0f, -6)), 0x08u);
  EXPECT_EQ(encSat(K::F8E4M3FN, -std::ldexp(1.0f, -11)), 0x80u);
  EXPECT_EQ(encSat(K::F8E4M3FN, -0.0f), 0x80u);
  EXPECT_EQ(encSat(K::F8E4M3FN, kNaN), 0x7Fu);
  EXPECT_EQ(encSat(K::F8E4M3FN, -kNaN), 0x7Fu);
}

TEST(Encode, F8E5M2) {
  EXPECT_EQ(encSat(K::F8E5M2, 57344.0f), 0x7Bu);
  EXPECT_EQ(encSat(K::F8E5M2, 61440.0f), 0x7Bu);
  EXPECT_EQ(encSat(K::F8E5M2, 1e9f), 0x7Bu);
  EXPECT_EQ(encSat(K::F8E5M2, kInf), 0x7Bu);
  EXPECT_EQ(encSat(K::F8E5M2, -kInf), 0xFBu);
  // Without satfinite: midpoint 61440 between 57344 (odd code) and 65536
  // goes up, i.e. to Inf.
  EXPECT_EQ(encRne(K::F8E5M2, 61439.996f), 0x7Bu);
  EXPECT_EQ(encRne(K::F8E5M2, 61440.0f), 0x7Cu);
  EXPECT_EQ(encRne(K::F8E5M2, -1e6f), 0xFCu);
  EXPECT_EQ(encRne(K::F8E5M2, kInf), 0x7Cu);
  EXPECT_EQ(encRne(K::F8E5M2, kNaN), 0x7Fu);
  EXPECT_EQ(encSat(K::F8E5M2, std::ldexp(1.0f, -16)), 0x01u);
  EXPECT_EQ(encSat(K::F8E5M2, std::ldexp(1.0f, -17)), 0x00u);       // tie
  EXPECT_EQ(encSat(K::F8E5M2, std::ldexp(3.0f, -17)), 0x02u);       // tie
  EXPECT_EQ(encSat(K::F8E5M2, std::ldexp(1.0f, -14)), 0x04u);
  EXPECT_EQ(encSat(K::F8E5M2, 1.125f), 0x3Cu); // tie 1 / 1.25 -> 1
  EXPECT_EQ(encSat(K::F8E5M2, 1.375f), 0x3Eu); // tie 1.25 / 1.5 -> 1.5
  EXPECT_EQ(encSat(K::F8E5M2, -0.0f), 0x80u);
}

TEST(Encode, F16) {
  EXPECT_EQ(encRne(K::F16, 65504.0f), 0x7BFFu);
  EXPECT_EQ(encRne(K::F16, 65519.996f), 0x7BFFu);
  EXPECT_EQ(encRne(K::F16, 65520.0f), 0x7C00u); // overflow to Inf
  EXPECT_EQ(encSat(K::F16, 65520.0f), 0x7BFFu);
  EXPECT_EQ(encSat(K::F16, kInf), 0x7BFFu);
  EXPECT_EQ(encRne(K::F16, -kInf), 0xFC00u);
  EXPECT_EQ(encRne(K::F16, -65520.0f), 0xFC00u);
  EXPECT_EQ(encRne(K::F16, std::ldexp(1.0f, -24)), 0x0001u);
  EXPECT_EQ(encRne(K::F16, std::ldexp(1.0f, -25)), 0x0000u); // tie
  EXPECT_EQ(encRne(K::F16, std::ldexp(1.5f, -25)), 0x0001u);
  EXPECT_EQ(encRne(K::F16, std::ldexp(3.0f, -25)), 0x0002u); // tie
  EXPECT_EQ(encRne(K::F16, std::ldexp(1.0f, -14)), 0x0400u);
  EXPECT_EQ(encRne(K::F16, 1.0f + std::ldexp(1.0f, -11)), 0x3C00u);
  EXPECT_EQ(encRne(K::F16, 1.0f + std::ldexp(3.0f, -11)), 0x3C02u);
  EXPECT_EQ(encRne(K::F16, 1.0f + std::ldexp(1.0f, -11) +
                               std::ldexp(1.0f, -20)),
            0x3C01u);
  EXPECT_EQ(encRne(K::F16, 0.1f), 0x2E66u);
  EXPECT_EQ(encRne(K::F16, -0.0f), 0x8000u);
  EXPECT_EQ(encRne(K::F16, -std::ldexp(1.0f, -30)), 0x8000u);
  EXPECT_EQ(encRne(K::F16, kNaN), 0x7E00u);
}

TEST(Encode, BF16) {
  EXPECT_EQ(encRne(K::BF16, 1.0f), 0x3F80u);
  EXPECT_EQ(encRne(K::BF16, bitsF32(0x3F808000u)), 0x3F80u); // tie -> even
  EXPECT_EQ(encRne(K::BF16, bitsF32(0x3F818000u)), 0x3F82u); // tie -> even
  EXPECT_EQ(encRne(K::BF16, bitsF32(0x3F808001u)), 0x3F81u);
  EXPECT_EQ(encRne(K::BF16, bitsF32(0x3F807FFFu)), 0x3F80u);
  EXPECT_EQ(encRne(K::BF16, 3.14159265f), 0x4049u);
  EXPECT_EQ(encRne(K::BF16, FLT_MAX), 0x7F80u); // rounds past bf16 max
  EXPECT_EQ(encSat(K::BF16, FLT_MAX), 0x7F7Fu);
  EXPECT_EQ(encRne(K::BF16, bitsF32(0x7F7F7FFFu)), 0x7F7Fu);
  EXPECT_EQ(encRne(K::BF16, std::ldexp(1.0f, -133)), 0x0001u);
  EXPECT_EQ(encRne(K::BF16, std::ldexp(1.0f, -149)), 0x0000u);
  EXPECT_EQ(encRne(K::BF16, -std::ldexp(1.0f, -149)), 0x8000u);
  EXPECT_EQ(encRne(K::BF16, kNaN), 0x7FC0u);
  EXPECT_EQ(encRne(K::BF16, bitsF32(0xFF800001u)), 0x7FC0u); // -sNaN
}

TEST(Encode, F32) {
  EXPECT_EQ(encRne(K::F32, 1.5f), f32Bits(1.5f));
  EXPECT_EQ(encRne(K::F32, -0.0f), 0x80000000u);
  EXPECT_EQ(encRne(K::F32, bitsF32(0xFFC00123u)), 0x7FC00000u);
  EXPECT_EQ(encRne(K::F32, kInf), 0x7F800000u);
  EXPECT_EQ(encSat(K::F32, -kInf), f32Bits(-FLT_MAX));
  EXPECT_EQ(encRne(K::F32, std::ldexp(1.0f, -149)), 1u);
}

#ifdef __FLT16_MAX__
// The compiler's own f32 -> _Float16 conversion as an independent check.
TEST(Encode, F16MatchesCompilerConversion) {
  std::mt19937 rng(1234);
  for (int i = 0; i < 200000; ++i) {
    float x = bitsF32(rng());
    if (std::isnan(x))
      continue;
    _Float16 h = static_cast<_Float16>(x);
    uint16_t bits;
    std::memcpy(&bits, &h, 2);
    ASSERT_EQ(encRne(K::F16, x), bits) << x;
  }
}
#endif

// The classic bit formula for f32 -> bf16 RNE as an independent check (the
// reference itself does not use it).
TEST(Encode, BF16MatchesBitFormula) {
  std::mt19937 rng(99);
  for (int i = 0; i < 200000; ++i) {
    uint32_t bits = rng();
    if (std::isnan(bitsF32(bits)))
      continue;
    uint32_t lsb = (bits >> 16) & 1;
    uint32_t expected = (bits + 0x7FFFu + lsb) >> 16;
    ASSERT_EQ(encRne(K::BF16, bitsF32(bits)), expected) << std::hex << bits;
  }
}

/// Brute force: the nearest finite value over a linear scan of all codes,
/// ties to the even code. Independent of the sorted table and its search.
uint32_t bruteForceNearest(K k, double a) {
  uint32_t best = 0;
  double bestDist = HUGE_VAL;
  uint32_t numCodes = 1u << codeBitWidth(k);
  for (uint32_t c = 0; c < numCodes; ++c) {
    double v = decode(k, c);
    if (!std::isfinite(v) || std::signbit(v))
      continue;
    double dist = std::fabs(v - a);
    if (dist < bestDist || (dist == bestDist && c % 2 == 0)) {
      best = c;
      bestDist = dist;
    }
  }
  return best;
}

TEST(Encode, MatchesBruteForceNearest) {
  std::mt19937 rng(42);
  for (K k : {K::F8E4M3FN, K::F8E5M2, K::F6E2M3FN, K::F6E3M2FN,
              K::F4E2M1FN}) {
    double maxV = maxFinite(k);
    std::vector<float> samples;
    // Every value, midpoint and their f32 neighbours.
    uint32_t numCodes = 1u << codeBitWidth(k);
    std::vector<double> values;
    for (uint32_t c = 0; c < numCodes; ++c) {
      double v = decode(k, c);
      if (std::isfinite(v) && !std::signbit(v))
        values.push_back(v);
    }
    std::sort(values.begin(), values.end());
    for (size_t i = 0; i + 1 < values.size(); ++i) {
      float mid = static_cast<float>((values[i] + values[i + 1]) / 2);
      for (float x : {static_cast<float>(values[i]), mid})
        for (float y : {std::nextafter(x, -1.0f), x, std::nextafter(x, 1e9f)})
          samples.push_back(y);
    }
    for (int i = 0; i < 20000; ++i) {
      std::uniform_real_distribution<float> dist(0.0f, static_cast<float>(maxV));
      samples.push_back(dist(rng));
    }
    for (float x : samples) {
      if (x < 0 || x > maxV)
        continue;
      uint32_t expected = bruteForceNearest(k, x);
      ASSERT_EQ(encSat(k, x), expected) << elementKindName(k) << " " << x;
      uint32_t signMask = 1u << (codeBitWidth(k) - 1);
      ASSERT_EQ(encSat(k, -x), expected | signMask);
    }
  }
}

TEST(Encode, SymmetricSI8) {
  EXPECT_EQ(cvtSymmetricSI8(0.5f), 0u);
  EXPECT_EQ(cvtSymmetricSI8(1.5f), 2u);
  EXPECT_EQ(cvtSymmetricSI8(2.5f), 2u);
  EXPECT_EQ(cvtSymmetricSI8(2.5000002f), 3u);
  EXPECT_EQ(cvtSymmetricSI8(-0.5f), 0u);
  EXPECT_EQ(cvtSymmetricSI8(-1.5f), 0xFEu);
  EXPECT_EQ(cvtSymmetricSI8(-2.5f), 0xFEu);
  EXPECT_EQ(cvtSymmetricSI8(126.5f), 126u);
  EXPECT_EQ(cvtSymmetricSI8(127.5f), 127u);
  EXPECT_EQ(cvtSymmetricSI8(1e10f), 127u);
  EXPECT_EQ(cvtSymmetricSI8(-128.0f), 0x81u); // -127, not -128
  EXPECT_EQ(cvtSymmetricSI8(-kInf), 0x81u);
  EXPECT_EQ(cvtSymmetricSI8(kNaN), 0u);
  EXPECT_EQ(roundHalfEvenSaturate(0.49999997f, -128, 127), 0);
  EXPECT_EQ(roundHalfEvenSaturate(-0.49999997f, -128, 127), 0);
  EXPECT_EQ(roundHalfEvenSaturate(-std::ldexp(1.0f, -140), 0, 255), 0);
  EXPECT_EQ(roundHalfEvenSaturate(254.5f, 0, 255), 254);
  EXPECT_EQ(roundHalfEvenSaturate(255.5f, 0, 255), 255);
  EXPECT_EQ(roundHalfEvenSaturate(-3.5f, -128, 127), -4);
}

TEST(Constants, QmaxEmaxNaN) {
  EXPECT_EQ(*qmax(K::F4E2M1FN), 6.0f);
  EXPECT_EQ(*qmax(K::F6E2M3FN), 7.5f);
  EXPECT_EQ(*qmax(K::F6E3M2FN), 28.0f);
  EXPECT_EQ(*qmax(K::F8E4M3FN), 448.0f);
  EXPECT_EQ(*qmax(K::F8E5M2), 57344.0f);
  EXPECT_EQ(*qmax(K::SI8), 127.0f);
  EXPECT_FALSE(qmax(K::UI8).has_value());
  EXPECT_EQ(*mxEmax(K::F4E2M1FN), 2);
  EXPECT_EQ(*mxEmax(K::F6E2M3FN), 2);
  EXPECT_EQ(*mxEmax(K::F6E3M2FN), 4);
  EXPECT_EQ(*mxEmax(K::F8E4M3FN), 8);
  EXPECT_EQ(*mxEmax(K::F8E5M2), 15);
  EXPECT_FALSE(mxEmax(K::SI8).has_value());
  // emax is the exponent of qmax.
  for (K k : {K::F4E2M1FN, K::F6E2M3FN, K::F6E3M2FN, K::F8E4M3FN, K::F8E5M2})
    EXPECT_EQ(std::floor(std::log2(*qmax(k))), *mxEmax(k));
  EXPECT_EQ(*canonicalNaN(K::F32), 0x7FC00000u);
  EXPECT_EQ(*canonicalNaN(K::F16), 0x7E00u);
  EXPECT_EQ(*canonicalNaN(K::BF16), 0x7FC0u);
  EXPECT_EQ(*canonicalNaN(K::F8E4M3FN), 0x7Fu);
  EXPECT_EQ(*canonicalNaN(K::F8E8M0FNU), 0xFFu);
  EXPECT_FALSE(canonicalNaN(K::F4E2M1FN).has_value());
}

//===----------------------------------------------------------------------===//
// Block shapes
//===----------------------------------------------------------------------===//

TEST(BlockShape, Helpers) {
  using V = std::vector<int64_t>;
  EXPECT_EQ(blockShapeFor1D(3, -1, 32), (V{1, 1, 32}));
  EXPECT_EQ(blockShapeFor1D(3, 1, 16), (V{1, 16, 1}));
  EXPECT_EQ(blockShapeFor1D(2, -2, 16), (V{16, 1}));
  EXPECT_EQ(blockShapeFor1D(2, 2, 16), V{});
  EXPECT_EQ(blockShapeFor1D(2, -3, 16), V{});
  EXPECT_EQ(resolveBlockShape({8, 8}, {-1, 3}), (V{8, 3}));
  EXPECT_EQ(resolveBlockShape({0, 8}, {-1, 3}), (V{-1, 3}));
  EXPECT_EQ(scaleShapeFor({8, 8}, {4, 3}), (V{2, 3}));
  EXPECT_EQ(scaleShapeFor({8, 8}, {-1, 3}), (V{1, 3}));
  EXPECT_EQ(scaleShapeFor({0, 8}, {-1, 3}), (V{1, 3}));
  EXPECT_EQ(scaleShapeFor({0, 8}, {2, 3}), (V{0, 3}));
  EXPECT_EQ(scaleShapeFor({2, 3, 64}, {1, 1, 32}), (V{2, 3, 2}));
  EXPECT_EQ(numElements({}), 1);
  EXPECT_EQ(numElements({2, 0, 4}), 0);
}

//===----------------------------------------------------------------------===//
// TensorRT documentation examples
//===----------------------------------------------------------------------===//

void expectNear(const std::vector<float> &actual,
                const std::vector<double> &expected, double tol) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_NEAR(actual[i], expected[i], tol) << "element " << i;
}

const std::vector<double> kTrtInput = {
    0.0, 0.3, 0.6, 1.0, 1.3, 1.6, 1.9, 2.3, 2.6, 2.9, 3.2, 3.5, 3.9, 4.2, 4.5,
    4.8, 5.2, 5.5, 5.8, 6.1, 6.5, 6.8, 7.1, 7.4, 7.7, 8.1, 8.4, 8.7, 9.,  9.4,
    9.7, 10.0,
    3.0, 3.3, 3.6, 4.0, 3.3, 3.6, 3.9, 3.3, 2.6, 2.9, 3.2, 3.5, 3.9, 4.2, 4.5,
    4.8, -5.2, -5.5, -5.8, -6.1, -5.5, -5.8, 5.1, 5.4, 5.7, 5.1, 5.4, 5.7, 6.,
    6.4, 4.7, 6.0};

std::vector<uint32_t> trtInputCodes() {
  std::vector<uint32_t> codes;
  for (double v : kTrtInput)
    codes.push_back(f32Bits(static_cast<float>(v))); // trt.float32 input
  return codes;
}

TEST(TensorRT, NVFP4Example1D) {
  BlockQuantizeConfig c;
  c.shape = {2, 32};
  c.floatKind = K::F32;
  c.dataKind = K::F4E2M1FN;
  c.scaleKind = K::F8E4M3FN;
  c.gsKind = K::F32;
  c.blockShape = blockShapeFor1D(2, 1, 16);
  uint32_t gs = f32Bits(1.0f);
  auto q = quantize(c, trtInputCodes(), gs);
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scaleShape, (std::vector<int64_t>{2, 2}));
  // amax 4.8 / 6 = 0.8 -> 0.8125; 10 / 6 -> 1.625; 6.4 / 6 -> 1.125.
  EXPECT_EQ(q->scales, (std::vector<uint32_t>{0x35, 0x3D, 0x35, 0x39}));
  for (uint32_t d : q->data)
    EXPECT_LT(d, 16u);
  auto y = dequantize(c, q->data, q->scales, gs);
  ASSERT_TRUE(y.ok()) << y.error;
  const std::vector<double> expected = {
      0.00, 0.41, 0.41, 0.81, 1.22, 1.62, 1.62, 2.44, 2.44, 3.25, 3.25,
      3.25, 3.25, 4.87, 4.87, 4.87, 4.87, 4.87, 6.50, 6.50, 6.50, 6.50,
      6.50, 6.50, 6.50, 6.50, 9.75, 9.75, 9.75, 9.75, 9.75, 9.75,
      3.25, 3.25, 3.25, 3.25, 3.25, 3.25, 3.25, 3.25, 2.44, 3.25, 3.25,
      3.25, 3.25, 4.87, 4.87, 4.87, -4.50, -4.5, -6.75, -6.75, -4.5, -6.75,
      4.5,  4.5,  6.75, 4.5,  4.5,  6.75, 6.75, 6.75, 4.5,  6.75};
  expectNear(f32Values(*y), expected, 0.006);
  // The same with the gs given in the input type (f32 here anyway) and in
  // a bf16 network: gs 1.0 as bf16.
  BlockQuantizeConfig cb = c;
  cb.floatKind = K::BF16;
  cb.gsKind = K::BF16;
  std::vector<uint32_t> bf16In;
  for (double v : kTrtInput)
    bf16In.push_back(encRne(K::BF16, static_cast<float>(v)));
  auto qb = quantize(cb, bf16In, 0x3F80u);
  ASSERT_TRUE(qb.ok()) << qb.error;
  auto yb = dequantize(cb, qb->data, qb->scales, 0x3F80u);
  ASSERT_TRUE(yb.ok()) << yb.error;
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(decode(K::BF16, (*yb)[i]), expected[i], 0.03) << i;
}

TEST(TensorRT, FP8BlockShapeExample2D) {
  // The documented input is one row of 64 values reshaped to 8x8.
  BlockQuantizeConfig c;
  c.shape = {8, 8};
  c.floatKind = K::F32;
  c.dataKind = K::F8E4M3FN;
  c.scaleKind = K::F32;
  c.blockShape = resolveBlockShape(c.shape, {4, 3});
  auto q = quantize(c, trtInputCodes());
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scaleShape, (std::vector<int64_t>{2, 3}));
  // Block (0, 0) holds rows 0..3, cols 0..2: amax 8.4.
  EXPECT_EQ(bitsF32(q->scales[0]), 8.4f / 448.0f);
  // Block (0, 2) is a partial 4x2 edge block (cols 6, 7): amax 10.
  EXPECT_EQ(bitsF32(q->scales[2]), 10.0f / 448.0f);
  // Block (1, 0): rows 4..7, cols 0..2: amax 5.8.
  EXPECT_EQ(bitsF32(q->scales[3]), 5.8f / 448.0f);
  auto y = dequantize(c, q->data, q->scales);
  ASSERT_TRUE(y.ok()) << y.error;
  const std::vector<double> expected = {
      0.,    0.3,   0.6,   1.01,  1.26,  1.68,  1.96,  2.32,
      2.7,   3.,    3.3,   3.36,  4.03,  4.36,  4.64,  4.64,
      5.4,   5.4,   6.,    6.04,  6.71,  6.71,  7.14,  7.14,
      7.8,   8.4,   8.4,   8.73,  8.73,  9.4,   10.,   10.,
      2.9,   3.31,  3.73,  4.11,  3.2,   3.66,  3.86,  3.21,
      2.69,  2.9,   3.11,  3.43,  4.11,  4.11,  4.29,  4.71,
      -5.39, -5.39, -5.8,  -5.94, -5.49, -5.94, 5.14,  5.57,
      5.8,   4.97,  5.39,  5.49,  5.94,  6.4,   4.71,  6.};
  expectNear(f32Values(*y), expected, 0.006);
}

//===----------------------------------------------------------------------===//
// quantize: special blocks and scale rules
//===----------------------------------------------------------------------===//

BlockQuantizeConfig config1D(std::vector<int64_t> shape, K floatKind,
                             K dataKind, K scaleKind, int64_t blockSize) {
  BlockQuantizeConfig c;
  c.shape = shape;
  c.floatKind = floatKind;
  c.dataKind = dataKind;
  c.scaleKind = scaleKind;
  c.blockShape = blockShapeFor1D(static_cast<int64_t>(shape.size()), -1,
                                 blockSize);
  return c;
}

TEST(Quantize, SpecialBlocksFloatScales) {
  // Four blocks of 2: zero, -0 only, NaN, normal; then Inf, -Inf, normal.
  std::vector<float> x = {0.0f,  0.0f, -0.0f, -0.0f, 1.0f, kNaN, 2.0f, -4.0f,
                          kInf, 1.0f, -kInf, 0.0f, 448.0f, 224.0f};
  for (K scaleKind : {K::F32, K::F16, K::BF16}) {
    auto c = config1D({1, 14}, K::F32, K::F8E4M3FN, scaleKind, 2);
    auto q = quantize(c, f32Codes(x));
    ASSERT_TRUE(q.ok()) << q.error;
    uint32_t nan = *canonicalNaN(scaleKind);
    uint32_t one = encRne(scaleKind, 1.0f);
    uint32_t s2 = encRne(scaleKind, 4.0f / 448.0f);
    EXPECT_EQ(q->scales,
              (std::vector<uint32_t>{0, 0, nan, s2, nan, nan, one}));
    float s2f = decodeF32(scaleKind, s2);
    uint32_t q2a = encSat(K::F8E4M3FN, 2.0f / s2f);
    uint32_t q2b = encSat(K::F8E4M3FN, -4.0f / s2f);
    EXPECT_EQ(q->data, (std::vector<uint32_t>{0, 0, 0, 0, 0, 0, q2a, q2b, 0,
                                              0, 0, 0, 0x7E, 0x76}));
    // f32 scale: -4 / (4/448) is -448 exactly.
    if (scaleKind == K::F32) {
      EXPECT_EQ(q2b, 0xFEu);
    }
    auto y = dequantize(c, q->data, q->scales);
    ASSERT_TRUE(y.ok());
    std::vector<float> yf = f32Values(*y);
    EXPECT_EQ((*y)[0], 0u);
    EXPECT_EQ((*y)[2], 0u); // +0: the -0 block's q are +0
    EXPECT_EQ((*y)[4], 0x7FC00000u); // 0 * NaN scale = canonical NaN
    EXPECT_EQ((*y)[8], 0x7FC00000u);
    EXPECT_EQ(yf[12], 448.0f);
    EXPECT_EQ(yf[13], 224.0f);
  }
}

TEST(Quantize, ScaleUnderflowAndSaturation) {
  // amax 1e-30: amax / 448 underflows in f16 and bf16? bf16 keeps it (f32
  // exponent range), f16 flushes to 0 -> zero block.
  std::vector<float> x = {1e-30f, -1e-30f};
  auto c = config1D({1, 2}, K::F32, K::F8E4M3FN, K::F16, 2);
  auto q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0u);
  EXPECT_EQ(q->data, (std::vector<uint32_t>{0, 0}));
  c.scaleKind = K::BF16;
  q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok());
  EXPECT_NE(q->scales[0], 0u);
  // f16 scale saturates: amax 3e38 / 127 is far above 65504.
  auto ci = config1D({1, 2}, K::F32, K::SI8, K::F16, 2);
  q = quantize(ci, f32Codes({3e38f, -1.0f}));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0x7BFFu);
  EXPECT_EQ(q->data[0], 127u); // 3e38 / 65504 clamps to 127
  EXPECT_EQ(q->data[1], 0u);   // -1 / 65504 rounds to 0
  // f32 scale underflow: amax an f32 subnormal, / 127 gives 0.
  ci.scaleKind = K::F32;
  q = quantize(ci, f32Codes({std::ldexp(1.0f, -149), 0.0f}));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0u);
  EXPECT_EQ(q->data, (std::vector<uint32_t>{0, 0}));
}

TEST(Quantize, SI8Data) {
  // amax 127 gives scale exactly 1, so q = round_half_even(x).
  auto c = config1D({1, 6}, K::F32, K::SI8, K::F32, 6);
  auto q = quantize(c, f32Codes({0.5f, 1.5f, 2.5f, -127.0f, -0.5f, -2.5f}));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(bitsF32(q->scales[0]), 1.0f);
  EXPECT_EQ(q->data, (std::vector<uint32_t>{0, 2, 2, 0x81, 0, 0xFE}));
  auto y = dequantize(c, q->data, q->scales);
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(f32Values(*y),
            (std::vector<float>{0, 2, 2, -127, 0, -2}));
}

TEST(Quantize, NVFP4SpecialBlocks) {
  // Blocks of 16 along the last axis; gs 2.
  std::vector<float> x(64, 0.0f);
  for (int i = 0; i < 16; ++i)
    x[16 + i] = 0.5f * i; // amax 7.5
  x[32 + 3] = kNaN;
  x[32 + 4] = 1.0f;
  for (int i = 0; i < 16; ++i)
    x[48 + i] = -1e-6f; // scale underflows in e4m3 -> zero block
  auto c = config1D({1, 64}, K::F32, K::F4E2M1FN, K::F8E4M3FN, 16);
  uint32_t gs = f32Bits(2.0f);
  auto q = quantize(c, f32Codes(x), gs);
  ASSERT_TRUE(q.ok()) << q.error;
  // 7.5 / 6 = 1.25, / 2 = 0.625 -> e4m3 0.625 (0x32).
  EXPECT_EQ(q->scales, (std::vector<uint32_t>{0x00, 0x32, 0x7F, 0x00}));
  // q = x / (0.625 * 2) = x / 1.25.
  for (int i = 0; i < 16; ++i) {
    EXPECT_EQ(q->data[i], 0u);
    EXPECT_EQ(q->data[16 + i], encSat(K::F4E2M1FN, 0.5f * i / 1.25f));
    EXPECT_EQ(q->data[32 + i], 0u);
    EXPECT_EQ(q->data[48 + i], 0u);
  }
  EXPECT_EQ(q->data[16 + 15], 7u); // 7.5 / 1.25 = 6
  auto y = dequantize(c, q->data, q->scales, gs);
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(bitsF32((*y)[31]), 7.5f);
  EXPECT_EQ((*y)[35], 0x7FC00000u);
  // Missing gs is an error, not a crash.
  EXPECT_FALSE(quantize(c, f32Codes(x)).ok());
}

TEST(Quantize, MXScalesFloorAndRCeil) {
  auto c = config1D({1, 32}, K::F32, K::F4E2M1FN, K::F8E8M0FNU, 32);
  std::vector<float> x(32, 0.0f);
  x[0] = 7.0f;
  x[1] = -3.0f;
  x[2] = 0.2f;
  // floor: e = floor(log2 7) - 2 = 0; 7 saturates to 6.
  auto q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scales[0], 127u);
  EXPECT_EQ(q->data[0], 7u);
  EXPECT_EQ(q->data[1], 13u);
  EXPECT_EQ(q->data[2], 0u); // 0.2 -> 0
  EXPECT_EQ(q->data[3], 0u);
  // rceil: v = 7 / 6 -> e = 1, q = 3.5 -> 4 (tie to even), -1.5, 0.1 -> 0.
  c.rounding = ScaleRounding::RCeil;
  q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scales[0], 128u);
  EXPECT_EQ(q->data[0], 6u);
  EXPECT_EQ(q->data[1], 11u);
  EXPECT_EQ(q->data[2], 0u);
  auto y = dequantize(c, q->data, q->scales);
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(bitsF32((*y)[0]), 8.0f);
  EXPECT_EQ(bitsF32((*y)[1]), -3.0f);
  // rceil with v an exact power of two: amax 6 -> v = 1 -> e = 0.
  x[0] = 6.0f;
  q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 127u);
  EXPECT_EQ(q->data[0], 7u);
}

TEST(Quantize, MXScalesExtremes) {
  auto c = config1D({1, 32}, K::F32, K::F8E4M3FN, K::F8E8M0FNU, 32);
  std::vector<float> x(32, 0.0f);
  // Zero block: code 0, q +0, even for -0 inputs.
  x[5] = -0.0f;
  auto q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0u);
  EXPECT_EQ(q->data, std::vector<uint32_t>(32, 0u));
  // Subnormal amax 2^-140: floor(log2) - 8 = -148, clamped to -127.
  x[5] = std::ldexp(1.0f, -140);
  x[6] = -std::ldexp(1.0f, -149);
  q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0u);
  EXPECT_EQ(q->data[5], encSat(K::F8E4M3FN, std::ldexp(1.0f, -13))); // 2^-13
  EXPECT_EQ(q->data[5], 0x00u); // below half the smallest subnormal 2^-9
  EXPECT_EQ(q->data[6], 0x80u); // -2^-22 -> -0
  // Subnormal amax with a small emax: exact floor(log2) of a subnormal.
  auto c4 = config1D({1, 32}, K::F32, K::F4E2M1FN, K::F8E8M0FNU, 32);
  std::vector<float> y(32, 0.0f);
  y[0] = std::ldexp(1.5f, -126); // normal; floor(log2) = -126 -> e = -128
  q = quantize(c4, f32Codes(y));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0u); // clamped to -127
  EXPECT_EQ(q->data[0], 5u);   // 1.5 * 2^-126 / 2^-127 = 3
  // rceil with v underflowing to 0: e = -127.
  c4.rounding = ScaleRounding::RCeil;
  y[0] = std::ldexp(1.0f, -149);
  q = quantize(c4, f32Codes(y));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0u);
  EXPECT_EQ(q->data[0], 0u);
  // Large amax with e5m2 data: floor(log2(1.5 * 2^127)) - 15 = 112.
  auto c5 = config1D({1, 32}, K::F32, K::F8E5M2, K::F8E8M0FNU, 32);
  std::vector<float> z(32, 1.0f);
  z[0] = std::ldexp(1.5f, 127);
  q = quantize(c5, f32Codes(z));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 112u + 127u);
  EXPECT_EQ(q->data[0], encSat(K::F8E5M2, 1.5f * 32768.0f)); // 49152
  EXPECT_EQ(q->data[1], 0u); // 2^-112 underflows
  // NaN and Inf blocks: 0xFF, every q +0.
  z[3] = -kInf;
  q = quantize(c5, f32Codes(z));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 0xFFu);
  EXPECT_EQ(q->data, std::vector<uint32_t>(32, 0u));
  auto d = dequantize(c5, q->data, q->scales);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)[0], 0x7FC00000u);
}

TEST(Quantize, MXFloorRuleMatchesIlogb) {
  // e = floor(log2(amax)) - emax for amax over the whole f32 range,
  // subnormals included; std::ilogb is exact for them.
  auto c = config1D({1, 32}, K::F32, K::F8E5M2, K::F8E8M0FNU, 32);
  std::mt19937 rng(5);
  for (int i = 0; i < 3000; ++i) {
    float amax;
    do
      amax = std::fabs(bitsF32(rng()));
    while (!std::isfinite(amax) || amax == 0.0f);
    std::vector<float> x(32, 0.0f);
    x[i % 32] = (i % 2) ? amax : -amax;
    auto q = quantize(c, f32Codes(x));
    ASSERT_TRUE(q.ok());
    int e = std::clamp(std::ilogb(amax) - 15, -127, 127);
    ASSERT_EQ(q->scales[0], static_cast<uint32_t>(e + 127)) << amax;
  }
}

TEST(Quantize, MXFP6RoundTrip) {
  // Values exactly representable after scaling by 2^e come back unchanged.
  auto c = config1D({2, 32}, K::F16, K::F6E2M3FN, K::F8E8M0FNU, 32);
  std::vector<uint32_t> x;
  for (int i = 0; i < 64; ++i)
    x.push_back(encRne(K::F16, (i % 2 ? -1.0f : 1.0f) * 0.125f * (i % 16)));
  auto q = quantize(c, x);
  ASSERT_TRUE(q.ok()) << q.error;
  // amax 1.875: floor(log2) - 2 = -2.
  EXPECT_EQ(q->scales, (std::vector<uint32_t>{125, 125}));
  auto y = dequantize(c, q->data, q->scales);
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(*y, x);
  // f6E3M2FN: amax 1.875 -> e = 0 - 4 = -4, q = x * 16 = up to 30 -> 28.
  c.dataKind = K::F6E3M2FN;
  q = quantize(c, x);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->scales[0], 123u);
  EXPECT_EQ(q->data[15], 0x3Fu); // -1.875 * 16 = -30 saturates to -28
}

TEST(Quantize, MXFP8ThreeDimensional) {
  // 2x2x64 bf16, axis 2, blocks of 32: every dequantized value is within
  // e4m3 precision (relative 2^-4) of the input.
  auto c = config1D({2, 2, 64}, K::BF16, K::F8E4M3FN, K::F8E8M0FNU, 32);
  std::mt19937 rng(7);
  std::normal_distribution<float> dist(0.0f, 3.0f);
  std::vector<uint32_t> x;
  for (int i = 0; i < 256; ++i)
    x.push_back(encRne(K::BF16, dist(rng)));
  auto q = quantize(c, x);
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scaleShape, (std::vector<int64_t>{2, 2, 2}));
  auto y = dequantize(c, q->data, q->scales);
  ASSERT_TRUE(y.ok());
  for (size_t i = 0; i < x.size(); ++i) {
    double a = decode(K::BF16, x[i]), b = decode(K::BF16, (*y)[i]);
    double scale = decode(K::F8E8M0FNU,
                          q->scales[i / 32]); // blocks follow row-major
    if (std::fabs(a) / scale >= 464) { // beyond e4m3 range: saturates
      EXPECT_EQ(std::fabs(b), 448 * scale) << i;
    } else {
      EXPECT_LE(std::fabs(a - b), std::max(std::fabs(a) / 16, scale / 1024))
          << i;
    }
  }
}

TEST(Quantize, PartialEdgeBlocksAndMinusOne) {
  // 3x5 with block {2, -1}: blocks rows {0,1} and {2}, whole rows.
  BlockQuantizeConfig c;
  c.shape = {3, 5};
  c.floatKind = K::F32;
  c.dataKind = K::SI8;
  c.scaleKind = K::F32;
  c.blockShape = {2, -1};
  std::vector<float> x = {1, 2, 3, 4, 5, -6, 7, 8, 9, 10,
                          0, 0, 0, 0, -127};
  auto q = quantize(c, f32Codes(x));
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scaleShape, (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(bitsF32(q->scales[0]), 10.0f / 127.0f);
  EXPECT_EQ(bitsF32(q->scales[1]), 1.0f);
  EXPECT_EQ(q->data[14], 0x81u);
  EXPECT_EQ(q->data[9], 127u);
  // Zero-size extent with a -1 entry: one (empty) block per column block.
  c.shape = {0, 5};
  c.blockShape = {-1, 2};
  q = quantize(c, {});
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scaleShape, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(q->scales, (std::vector<uint32_t>{0, 0, 0}));
}

TEST(Dequantize, OverflowToInf) {
  // 448 * 1000 = 448000 overflows f16 -> Inf (no saturation in the cast).
  BlockQuantizeConfig c = config1D({1, 2}, K::F16, K::F8E4M3FN, K::F32, 2);
  auto y = dequantize(c, {0x7E, 0xFE}, {f32Bits(1000.0f)});
  ASSERT_TRUE(y.ok()) << y.error;
  EXPECT_EQ(*y, (std::vector<uint32_t>{0x7C00, 0xFC00}));
  c.floatKind = K::BF16;
  y = dequantize(c, {0x7E, 0x7F}, {f32Bits(1000.0f)});
  ASSERT_TRUE(y.ok());
  EXPECT_EQ((*y)[0], encRne(K::BF16, 448000.0f));
  EXPECT_EQ((*y)[1], 0x7FC0u); // e4m3 NaN data -> canonical bf16 NaN
  // e5m2 Inf data stays Inf.
  c.dataKind = K::F8E5M2;
  c.floatKind = K::F32;
  y = dequantize(c, {0x7C, 0xFC}, {f32Bits(0.5f)});
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(*y, (std::vector<uint32_t>{0x7F800000u, 0xFF800000u}));
}

//===----------------------------------------------------------------------===//
// quantize_linear / dequantize_linear (oneDNN Graph)
//===----------------------------------------------------------------------===//

TEST(Linear, PerTensorU8WithZp) {
  LinearQuantizeConfig c;
  c.shape = {3, 3};
  c.floatKind = K::F32;
  c.quantKind = K::UI8;
  c.zpKind = K::UI8;
  std::vector<float> x = {-64.5f, -1.0f, 0.25f, 0.75f, 63.5f,
                          100.0f, kNaN,  kInf,  -kInf};
  auto q = quantizeLinear(c, f32Codes(x), {f32Bits(0.5f)}, {128});
  ASSERT_TRUE(q.ok()) << q.error;
  // x / 0.5 + 128: -1 -> 0, 126, 128.5 -> 128, 129.5 -> 130, 255, 328 -> 255,
  // NaN -> 0, Inf -> 255, -Inf -> 0.
  EXPECT_EQ(*q, (std::vector<uint32_t>{0, 126, 128, 130, 255, 255, 0, 255, 0}));
  auto y = dequantizeLinear(c, *q, {f32Bits(0.5f)}, {128});
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(f32Values(*y), (std::vector<float>{-64, -1, 0, 1, 63.5f, 63.5f,
                                               -64, 63.5f, -64}));
}

TEST(Linear, PerTensorS8Symmetric) {
  LinearQuantizeConfig c;
  c.shape = {7};
  c.floatKind = K::F32;
  c.quantKind = K::SI8;
  std::vector<float> x = {0.125f, 0.375f, -0.375f, 31.75f, 32.0f, -32.0f,
                          -40.0f};
  auto q = quantizeLinear(c, f32Codes(x), {f32Bits(0.25f)});
  ASSERT_TRUE(q.ok()) << q.error;
  // 0.5 -> 0, 1.5 -> 2, -1.5 -> -2, 127, 128 -> 127, -128, -160 -> -128.
  EXPECT_EQ(*q, (std::vector<uint32_t>{0, 2, 0xFE, 127, 127, 0x80, 0x80}));
  auto y = dequantizeLinear(c, *q, {f32Bits(0.25f)});
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(f32Values(*y), (std::vector<float>{0, 0.5f, -0.5f, 31.75f, 31.75f,
                                               -32, -32}));
}

TEST(Linear, PerChannel) {
  // 4x3, axis 1, u8 with ui8 zps {0, 10, 128}, scales {1, 0.5, 2}.
  LinearQuantizeConfig c;
  c.shape = {4, 3};
  c.floatKind = K::F32;
  c.quantKind = K::UI8;
  c.zpKind = K::UI8;
  c.qtype = QType::PerChannel;
  c.axis = 1;
  std::vector<uint32_t> scales = f32Codes({1.0f, 0.5f, 2.0f});
  std::vector<uint32_t> zps = {0, 10, 128};
  std::vector<float> x = {0.5f,  1.0f,  3.0f,  // 0, 12, 129.5 -> 130
                          1.5f,  -5.0f, -1.0f, // 2, 0, 127.5 -> 128
                          -3.0f, 2.25f, 300.0f, // 0, 14.5 -> 14, 278 -> 255
                          255.0f, 0.0f, -300.0f}; // 255, 10, 0
  auto q = quantizeLinear(c, f32Codes(x), scales, zps);
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(*q, (std::vector<uint32_t>{0, 12, 130, 2, 0, 128, 0, 14, 255, 255,
                                       10, 0}));
  auto y = dequantizeLinear(c, *q, scales, zps);
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(f32Values(*y), (std::vector<float>{0, 1, 4, 2, -5, 0, 0, 2, 254,
                                               255, 0, -256}));
  // Axis 0 / -2 with s8 data and i32 zps {-1, 0, 1, 1000}, f16 scales.
  LinearQuantizeConfig c0 = c;
  c0.quantKind = K::SI8;
  c0.zpKind = K::I32;
  c0.scaleKind = K::F16;
  c0.axis = -2;
  std::vector<uint32_t> scales0 = {encRne(K::F16, 1.0f), encRne(K::F16, 0.5f),
                                   encRne(K::F16, 0.25f),
                                   encRne(K::F16, 1.0f)};
  std::vector<uint32_t> zps0 = {0xFFFFFFFFu, 0, 1, 1000};
  q = quantizeLinear(c0, f32Codes(x), scales0, zps0);
  ASSERT_TRUE(q.ok()) << q.error;
  // row 0: x - 1: -0.5 -> 0 (half to even, -0), 0, 2
  // row 1: 2x: 3, -10, -2
  // row 2: 4x + 1: -11, 10, 1201 -> 127
  // row 3: x + 1000: 1255 -> 127, 1000 -> 127, 700 -> 127
  EXPECT_EQ(*q, (std::vector<uint32_t>{0, 0, 2, 3, 0xF6, 0xFE, 0xF5, 10, 127,
                                       127, 127, 127}));
  c0.axis = 2;
  EXPECT_FALSE(quantizeLinear(c0, f32Codes(x), scales0, zps0).ok());
}

TEST(Linear, DequantizeCastsAndZeroPoints) {
  LinearQuantizeConfig c;
  c.shape = {4};
  c.floatKind = K::F16;
  c.quantKind = K::SI8;
  c.zpKind = K::SI8;
  // (q - zp) * scale with zp -128: q 127 -> 255 * 1000 = 255000 -> f16 Inf.
  auto y = dequantizeLinear(c, {127, 0x80, 0, 1}, {f32Bits(1000.0f)}, {0x80});
  ASSERT_TRUE(y.ok()) << y.error;
  EXPECT_EQ(*y, (std::vector<uint32_t>{0x7C00, 0x0000, encRne(K::F16, 128000),
                                       encRne(K::F16, 129000)}));
  EXPECT_EQ((*y)[2], 0x7C00u);
  // bf16 output with ui8 data and a bf16 scale.
  c.floatKind = K::BF16;
  c.quantKind = K::UI8;
  c.zpKind = std::nullopt;
  c.scaleKind = K::BF16;
  y = dequantizeLinear(c, {0, 1, 3, 255}, {encRne(K::BF16, 0.1f)});
  ASSERT_TRUE(y.ok()) << y.error;
  float s = decodeF32(K::BF16, encRne(K::BF16, 0.1f));
  EXPECT_EQ(*y, (std::vector<uint32_t>{0, encRne(K::BF16, s),
                                       encRne(K::BF16, 3 * s),
                                       encRne(K::BF16, 255 * s)}));
  // f16 input to quantize_linear.
  LinearQuantizeConfig cq;
  cq.shape = {3};
  cq.floatKind = K::F16;
  cq.quantKind = K::SI8;
  auto q = quantizeLinear(cq, {0x3C00, 0xC100, 0x7E00}, {f32Bits(0.5f)});
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(*q, (std::vector<uint32_t>{2, 0xFB, 0})); // 1 -> 2, -2.5 -> -5, NaN
}

//===----------------------------------------------------------------------===//
// Errors are reported, never crashes
//===----------------------------------------------------------------------===//

TEST(Errors, BadConfigurations) {
  auto good = config1D({2, 32}, K::F32, K::F4E2M1FN, K::F8E4M3FN, 16);
  std::vector<uint32_t> x(64, 0);
  uint32_t gs = f32Bits(1.0f);
  ASSERT_TRUE(quantize(good, x, gs).ok());

  auto c = good;
  c.dataKind = K::UI8;
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  c.dataKind = K::F8E4M3FN; // e4m3 scales need f4 data
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  EXPECT_FALSE(quantize(c, x).ok()); // missing gs
  c.scaleKind = K::F32;
  EXPECT_FALSE(quantize(c, x, gs).ok()); // gs with f32 scales
  c = good;
  c.gsKind = K::F16; // neither f32 nor the input type
  EXPECT_FALSE(quantize(c, x, 0x3C00).ok());
  c = good;
  c.rounding = ScaleRounding::RCeil;
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  c.floatKind = K::F8E4M3FN;
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  c.blockShape = {1, 0};
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c.blockShape = {1, -2};
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c.blockShape = blockShapeFor1D(2, 5, 16); // bad axis -> empty
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  c.scaleKind = K::F8E8M0FNU;
  c.dataKind = K::SI8;
  EXPECT_FALSE(quantize(c, x).ok());
  c.scaleKind = K::UI8;
  EXPECT_FALSE(quantize(c, x).ok());
  c = good;
  c.shape = {2, -32};
  EXPECT_FALSE(quantize(c, x, gs).ok());
  EXPECT_FALSE(quantize(good, std::vector<uint32_t>(63, 0), gs).ok());
  // Out-of-range codes.
  auto bad16 = config1D({1, 2}, K::F16, K::F8E4M3FN, K::F32, 2);
  EXPECT_FALSE(quantize(bad16, {0x10000, 0}).ok());
  EXPECT_FALSE(dequantize(good, std::vector<uint32_t>(64, 16), {0, 0, 0, 0},
                          gs)
                   .ok());
  EXPECT_FALSE(dequantize(good, x, {0, 0, 0}, gs).ok()); // scale count
  EXPECT_TRUE(dequantize(good, x, {0, 0, 0, 0}, gs).ok());

  LinearQuantizeConfig l;
  l.shape = {2, 2};
  EXPECT_TRUE(quantizeLinear(l, {0, 0, 0, 0}, {f32Bits(1.0f)}).ok());
  EXPECT_FALSE(quantizeLinear(l, {0, 0, 0}, {f32Bits(1.0f)}).ok());
  EXPECT_FALSE(quantizeLinear(l, {0, 0, 0, 0}, {}).ok());
  EXPECT_FALSE(quantizeLinear(l, {0, 0, 0, 0}, {f32Bits(1.0f)}, {0}).ok());
  l.zpKind = K::F32;
  EXPECT_FALSE(quantizeLinear(l, {0, 0, 0, 0}, {f32Bits(1.0f)}, {0}).ok());
  l.zpKind = K::UI8;
  EXPECT_FALSE(quantizeLinear(l, {0, 0, 0, 0}, {f32Bits(1.0f)}, {256}).ok());
  l.quantKind = K::I32;
  EXPECT_FALSE(quantizeLinear(l, {0, 0, 0, 0}, {f32Bits(1.0f)}, {0}).ok());
  l = LinearQuantizeConfig();
  l.shape = {};
  l.qtype = QType::PerChannel; // rank 0 has no channel axis
  EXPECT_FALSE(quantizeLinear(l, {0}, {f32Bits(1.0f)}).ok());
  l.qtype = QType::PerTensor; // axis ignored
  l.axis = 7;
  EXPECT_TRUE(quantizeLinear(l, {0}, {f32Bits(1.0f)}).ok());
}

} // namespace

//===----------------------------------------------------------------------===//
// The swizzled 128x4 scale layout
//===----------------------------------------------------------------------===//

namespace {

/// A row-major tensor for the tensor-op formulation below.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<uint32_t> data;
};

/// out[i_perm[0], ..., i_perm[r-1]] = in[i_0, ..., i_{r-1}] (torch.permute).
Tensor permute(const Tensor &in, const std::vector<size_t> &perm) {
  size_t rank = in.shape.size();
  Tensor out;
  for (size_t d : perm)
    out.shape.push_back(in.shape[d]);
  out.data.resize(in.data.size());
  std::vector<int64_t> outIndex(rank, 0);
  for (size_t o = 0; o < out.data.size(); ++o) {
    // The input index of this output element.
    std::vector<int64_t> inIndex(rank);
    for (size_t d = 0; d < rank; ++d)
      inIndex[perm[d]] = outIndex[d];
    int64_t i = 0;
    for (size_t d = 0; d < rank; ++d)
      i = i * in.shape[d] + inIndex[d];
    out.data[o] = in.data[static_cast<size_t>(i)];
    for (size_t d = rank; d-- > 0;) {
      if (++outIndex[d] < out.shape[d])
        break;
      outIndex[d] = 0;
    }
  }
  return out;
}

/// torch.reshape of a contiguous tensor: the data is unchanged.
Tensor reshape(Tensor t, std::vector<int64_t> shape) {
  EXPECT_EQ(numElements(shape), numElements(t.shape));
  t.shape = std::move(shape);
  return t;
}

/// torchao's to_blocked(), step by step, on row-major [rows, cols] scales:
///   padded = pad(scales, to multiples of (128, 4), value 0)
///   blocks = padded.view(tm, 128, tn, 4).permute(0, 2, 1, 3)
///   out = blocks.reshape(-1, 4, 32, 4).transpose(1, 2).reshape(-1, 32, 16)
std::vector<uint32_t> toBlocked(int64_t rows, int64_t cols,
                                const std::vector<uint32_t> &scales) {
  int64_t tm = (rows + 127) / 128, tn = (cols + 3) / 4;
  Tensor padded{{tm * 128, tn * 4},
                std::vector<uint32_t>(static_cast<size_t>(tm * 128 * tn * 4))};
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      padded.data[static_cast<size_t>(r * tn * 4 + c)] =
          scales[static_cast<size_t>(r * cols + c)];
  Tensor blocks = permute(reshape(padded, {tm, 128, tn, 4}), {0, 2, 1, 3});
  Tensor out =
      permute(reshape(blocks, {tm * tn, 4, 32, 4}), {0, 2, 1, 3});
  return reshape(out, {tm * tn, 32, 16}).data;
}

/// to_blocked applied to each matrix of [B, rows, cols] scales, concatenated.
std::vector<uint32_t> toBlockedBatched(int64_t batch, int64_t rows,
                                       int64_t cols,
                                       const std::vector<uint32_t> &scales) {
  std::vector<uint32_t> out;
  for (int64_t b = 0; b < batch; ++b) {
    auto first = scales.begin() + b * rows * cols;
    std::vector<uint32_t> matrix(first, first + rows * cols);
    std::vector<uint32_t> blocked = toBlocked(rows, cols, matrix);
    out.insert(out.end(), blocked.begin(), blocked.end());
  }
  return out;
}

} // namespace

TEST(SwizzledScales, IndexRuleMatchesToBlocked) {
  // Partial row tiles, S not a multiple of 4, exact tiles, a single scale,
  // zero rows.
  const std::vector<std::pair<int64_t, int64_t>> shapes = {
      {1, 1}, {128, 4}, {130, 3}, {300, 16}, {257, 5}, {64, 9}, {0, 4}};
  std::mt19937 rng(11);
  for (auto [rows, cols] : shapes) {
    std::vector<int64_t> linearShape = {rows, cols};
    std::vector<uint32_t> scales;
    for (int64_t i = 0; i < rows * cols; ++i)
      scales.push_back(1 + rng() % 255); // nonzero: padding must stay 0
    std::vector<int64_t> shape = swizzledScaleShape(linearShape);
    EXPECT_EQ(shape, (std::vector<int64_t>{(rows + 127) / 128, (cols + 3) / 4,
                                           32, 4, 4}));
    std::vector<uint32_t> swizzled = swizzleScales(linearShape, scales);
    EXPECT_EQ(static_cast<int64_t>(swizzled.size()), numElements(shape));
    EXPECT_EQ(swizzled, toBlocked(rows, cols, scales)) << rows << "x" << cols;
    EXPECT_EQ(unswizzleScales(linearShape, swizzled), scales);
    // The offset rule [m/128, j/4, m%32, (m%128)/32, j%4] written out.
    for (int64_t m = 0; m < rows; ++m)
      for (int64_t j = 0; j < cols; ++j) {
        int64_t want = ((((m / 128) * shape[1] + j / 4) * 32 + m % 32) * 4 +
                        (m % 128) / 32) *
                           4 +
                       j % 4;
        ASSERT_EQ(swizzledScaleOffset(linearShape, 0, m, j), want);
      }
  }
  // Rank 3: each matrix is laid out on its own, B in front.
  std::vector<int64_t> linearShape = {3, 130, 5};
  std::vector<uint32_t> scales;
  for (int64_t i = 0; i < 3 * 130 * 5; ++i)
    scales.push_back(1 + rng() % 255);
  EXPECT_EQ(swizzledScaleShape(linearShape),
            (std::vector<int64_t>{3, 2, 2, 32, 4, 4}));
  std::vector<uint32_t> swizzled = swizzleScales(linearShape, scales);
  EXPECT_EQ(swizzled, toBlockedBatched(3, 130, 5, scales));
  EXPECT_EQ(unswizzleScales(linearShape, swizzled), scales);
  EXPECT_TRUE(swizzledScaleShape({4, 2, 3, 4}).empty());
}

namespace {

struct SwizzleCase {
  const char *name;
  std::vector<int64_t> shape;
  K floatKind, dataKind, scaleKind;
  int64_t blockSize;
  ScaleRounding rounding;
};

/// Random input codes whose every block has a nonzero amax, so every real
/// scale is nonzero and the zero padding is visible.
std::vector<uint32_t> randomInput(K floatKind, int64_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, 4.0f);
  std::vector<uint32_t> x;
  for (int64_t i = 0; i < n; ++i) {
    float v = dist(rng);
    x.push_back(encRne(floatKind, v == 0.0f ? 1.0f : v));
  }
  return x;
}

} // namespace

TEST(SwizzledScales, QuantizeDequantizeMatchToBlocked) {
  const SwizzleCase cases[] = {
      // NVFP4: S = 20 (5 column tiles), a partial row tile.
      {"nvfp4", {130, 320}, K::BF16, K::F4E2M1FN, K::F8E4M3FN, 16,
       ScaleRounding::Floor},
      // NVFP4, S = 5 (not a multiple of 4), 300 rows (3 row tiles).
      {"nvfp4_s5", {300, 80}, K::F32, K::F4E2M1FN, K::F8E4M3FN, 16,
       ScaleRounding::Floor},
      {"mxfp8", {200, 96}, K::F32, K::F8E4M3FN, K::F8E8M0FNU, 32,
       ScaleRounding::Floor},
      {"mxfp8_e5m2_rceil", {129, 128}, K::F16, K::F8E5M2, K::F8E8M0FNU, 32,
       ScaleRounding::RCeil},
      {"mxfp6_e2m3", {64, 160}, K::F32, K::F6E2M3FN, K::F8E8M0FNU, 32,
       ScaleRounding::Floor},
      {"mxfp6_e3m2_rceil", {140, 64}, K::BF16, K::F6E3M2FN, K::F8E8M0FNU, 32,
       ScaleRounding::RCeil},
      {"mxfp4_floor", {257, 224}, K::F32, K::F4E2M1FN, K::F8E8M0FNU, 32,
       ScaleRounding::Floor},
      {"mxfp4_rceil", {257, 224}, K::F32, K::F4E2M1FN, K::F8E8M0FNU, 32,
       ScaleRounding::RCeil},
      // Rank 3: B = 2, partial row tiles, S = 3.
      {"mxfp4_rank3", {2, 150, 96}, K::BF16, K::F4E2M1FN, K::F8E8M0FNU, 32,
       ScaleRounding::RCeil},
      {"nvfp4_rank3", {3, 5, 48}, K::F16, K::F4E2M1FN, K::F8E4M3FN, 16,
       ScaleRounding::Floor},
  };
  for (const SwizzleCase &tc : cases) {
    SCOPED_TRACE(tc.name);
    BlockQuantizeConfig linear = config1D(tc.shape, tc.floatKind, tc.dataKind,
                                          tc.scaleKind, tc.blockSize);
    linear.rounding = tc.rounding;
    BlockQuantizeConfig swizzled = linear;
    swizzled.scaleLayout = ScaleLayout::Swizzled128x4;
    std::optional<uint32_t> gs;
    if (tc.scaleKind == K::F8E4M3FN)
      gs = f32Bits(0.25f);
    std::vector<uint32_t> x =
        randomInput(tc.floatKind, numElements(tc.shape), 5);

    auto ql = quantize(linear, x, gs);
    auto qs = quantize(swizzled, x, gs);
    ASSERT_TRUE(ql.ok()) << ql.error;
    ASSERT_TRUE(qs.ok()) << qs.error;
    EXPECT_EQ(qs->data, ql->data);
    EXPECT_EQ(qs->scaleShape, swizzledScaleShape(ql->scaleShape));
    int64_t batch = tc.shape.size() == 3 ? tc.shape[0] : 1;
    int64_t rows = ql->scaleShape[ql->scaleShape.size() - 2];
    int64_t cols = ql->scaleShape.back();
    for (uint32_t s : ql->scales)
      ASSERT_NE(s, 0u); // so that the comparison below sees every real scale
    // Real scales at their positions, and 0x00 in every padding byte.
    EXPECT_EQ(qs->scales, toBlockedBatched(batch, rows, cols, ql->scales));

    // dequantize reads only the real scales: garbage in the padding (here
    // NaN codes) changes nothing.
    std::vector<uint32_t> garbage = qs->scales;
    std::vector<uint32_t> marks = swizzleScales(
        ql->scaleShape, std::vector<uint32_t>(ql->scales.size(), 1));
    for (size_t i = 0; i < garbage.size(); ++i)
      if (marks[i] == 0)
        garbage[i] = *canonicalNaN(tc.scaleKind);
    auto yl = dequantize(linear, ql->data, ql->scales, gs);
    auto ys = dequantize(swizzled, qs->data, qs->scales, gs);
    auto yg = dequantize(swizzled, qs->data, garbage, gs);
    ASSERT_TRUE(yl.ok()) << yl.error;
    ASSERT_TRUE(ys.ok()) << ys.error;
    ASSERT_TRUE(yg.ok()) << yg.error;
    EXPECT_EQ(*ys, *yl);
    EXPECT_EQ(*yg, *yl);
  }
}

TEST(SwizzledScales, BadConfigurations) {
  auto good = config1D({130, 64}, K::F32, K::F4E2M1FN, K::F8E4M3FN, 16);
  good.scaleLayout = ScaleLayout::Swizzled128x4;
  std::vector<uint32_t> x(130 * 64, f32Bits(1.0f));
  uint32_t gs = f32Bits(1.0f);
  auto q = quantize(good, x, gs);
  ASSERT_TRUE(q.ok()) << q.error;
  EXPECT_EQ(q->scaleShape, (std::vector<int64_t>{2, 1, 32, 4, 4}));
  EXPECT_TRUE(dequantize(good, q->data, q->scales, gs).ok());
  // The linear scale count is not the swizzled one.
  std::vector<uint32_t> linearCount(130 * 4, 0x38);
  EXPECT_FALSE(dequantize(good, q->data, linearCount, gs).ok());

  auto c = config1D({130, 64}, K::F32, K::SI8, K::F32, 16);
  c.scaleLayout = ScaleLayout::Swizzled128x4; // f32 scales
  EXPECT_FALSE(quantize(c, x).ok());
  c = good;
  c.blockShape = {2, 16}; // not 1D along the last dimension
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  c.blockShape = {16, 1}; // blocks along the first dimension
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  c.shape = {130, 60}; // 60 is not a multiple of 16
  c.blockShape = {1, 16};
  EXPECT_FALSE(quantize(c, std::vector<uint32_t>(130 * 60, 0), gs).ok());
  c = good;
  c.shape = {2, 65, 2, 32};
  c.blockShape = {1, 1, 1, 16}; // rank 4
  EXPECT_FALSE(quantize(c, x, gs).ok());
  c = good;
  c.shape = {2, 65, 64};
  c.blockShape = {1, 1, 16}; // rank 3 is legal
  EXPECT_TRUE(quantize(c, x, gs).ok());
}
