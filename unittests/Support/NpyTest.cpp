//===- NpyTest.cpp - Tests of HostTensor and the .npy reader / writer -----===//
//
// Round trips of every ElementKind through .npy files, byte-exact checks of
// the header NumPy itself writes, every hostile-input case the reader must
// reject cleanly, and f4E2M1FN pack / unpack.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Support/HostTensor.h"
#include "quant-dyn/Support/Npy.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <unistd.h>
#include <string>
#include <vector>

using namespace mlir::quant_dyn;

namespace {

const ElementKind kAllKinds[] = {
    ElementKind::F32,      ElementKind::F16,       ElementKind::BF16,
    ElementKind::F8E4M3FN, ElementKind::F8E5M2,    ElementKind::F8E8M0FNU,
    ElementKind::F6E2M3FN, ElementKind::F6E3M2FN,  ElementKind::F4E2M1FN,
    ElementKind::SI8,      ElementKind::UI8,       ElementKind::I32};

bool startsWith(const std::string &s, const std::string &prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

/// A per-test scratch file path (removed again by the fixture).
class NpyFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    const ::testing::TestInfo *info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir = std::filesystem::path(::testing::TempDir()) /
          ("quant_dyn_npy_" + std::string(info->test_suite_name()) + "_" +
           info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  std::string path(const std::string &name) const {
    return (dir / name).string();
  }

  std::string writeBytes(const std::string &name, const std::string &bytes) {
    std::string p = path(name);
    std::ofstream os(p, std::ios::binary | std::ios::trunc);
    os.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    EXPECT_TRUE(os.good());
    return p;
  }

  static std::string readBytes(const std::string &p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in),
                       std::istreambuf_iterator<char>());
  }

  /// Expects reading `bytes` (as `expected` kind, or any) to fail with a
  /// message that starts with the path and contains `needle`.
  void expectReadError(const std::string &bytes, const std::string &needle,
                       std::optional<ElementKind> expected = ElementKind::F32) {
    std::string p = writeBytes("bad.npy", bytes);
    HostTensor t;
    t.kind = ElementKind::UI8;
    t.shape = {42};
    std::string error;
    bool ok = expected ? readNpy(p, *expected, t, error)
                       : readNpyAny(p, t, error);
    EXPECT_FALSE(ok) << "accepted hostile input; needle: " << needle;
    EXPECT_TRUE(startsWith(error, p + ": ")) << error;
    EXPECT_NE(error.find(needle), std::string::npos)
        << "message '" << error << "' lacks '" << needle << "'";
    // The output is left untouched on failure.
    EXPECT_EQ(t.kind, ElementKind::UI8);
    EXPECT_EQ(t.shape, std::vector<int64_t>{42});
  }

  std::filesystem::path dir;
};

/// Builds a .npy image with an arbitrary header text (padded like NumPy
/// unless `pad` is false) and version.
std::string makeNpy(const std::string &dict, const std::string &data,
                    int major = 1, bool pad = true) {
  size_t preamble = major == 1 ? 10 : 12;
  std::string header = dict;
  if (pad) {
    size_t total = preamble + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
  }
  std::string out("\x93NUMPY", 6);
  out += static_cast<char>(major);
  out += '\0';
  for (size_t b = 0; b < preamble - 8; ++b)
    out += static_cast<char>((header.size() >> (8 * b)) & 0xFF);
  return out + header + data;
}

std::string dictFor(const std::string &descr, const std::string &shape,
                    const std::string &fortran = "False") {
  return "{'descr': '" + descr + "', 'fortran_order': " + fortran +
         ", 'shape': " + shape + ", }";
}

HostTensor randomTensor(ElementKind kind, std::vector<int64_t> shape,
                        std::mt19937 &rng) {
  HostTensor t(kind, std::move(shape));
  EXPECT_TRUE(t.isValid());
  uint32_t limit = maxCode(kind);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.setCode(i, static_cast<uint32_t>(rng()) & limit);
  return t;
}

//===----------------------------------------------------------------------===//
// HostTensor
//===----------------------------------------------------------------------===//

TEST(HostTensorTest, NumElements) {
  const int64_t big = int64_t(1) << 32;
  EXPECT_EQ(checkedNumElements({}), 1);
  EXPECT_EQ(checkedNumElements({0}), 0);
  EXPECT_EQ(checkedNumElements({2, 3, 4}), 24);
  EXPECT_EQ(checkedNumElements({3, 0, 2}), 0);
  EXPECT_EQ(checkedNumElements({std::numeric_limits<int64_t>::max(), 1}),
            std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(checkedNumElements({-1}));
  EXPECT_FALSE(checkedNumElements({0, -1}));
  EXPECT_FALSE(checkedNumElements({big, big}));
  // Like NumPy: the non-zero dims must not overflow even with a zero dim.
  EXPECT_FALSE(checkedNumElements({0, big, big}));
  EXPECT_FALSE(checkedNumElements({big, big, 0}));

  EXPECT_EQ(HostTensor(ElementKind::F32, {}).numElements(), 1);
  EXPECT_EQ(HostTensor(ElementKind::F32, {2, 3}).numElements(), 6);
  HostTensor bad(ElementKind::F32, {big, big});
  EXPECT_EQ(bad.numElements(), -1);
  EXPECT_FALSE(bad.isValid());
  EXPECT_TRUE(bad.bytes.empty());
  EXPECT_FALSE(HostTensor(ElementKind::UI8, {-2}).isValid());
}

TEST(HostTensorTest, ByteSize) {
  EXPECT_EQ(checkedByteSize(ElementKind::F32, {2, 3}), 24);
  EXPECT_EQ(checkedByteSize(ElementKind::BF16, {5}), 10);
  EXPECT_EQ(checkedByteSize(ElementKind::F4E2M1FN, {4}), 4); // Unpacked.
  EXPECT_EQ(checkedByteSize(ElementKind::I32, {}), 4);
  EXPECT_EQ(checkedByteSize(ElementKind::UI8, {int64_t(1) << 62}),
            int64_t(1) << 62);
  EXPECT_FALSE(checkedByteSize(ElementKind::F32, {int64_t(1) << 62}));
  EXPECT_FALSE(checkedByteSize(ElementKind::F16, {-1, 2}));
}

TEST(HostTensorTest, CodeAccessorsAreLittleEndian) {
  HostTensor f(ElementKind::F32, {2});
  f.setCode(0, 0x3F800000u);
  f.setCode(1, 0xDEADBEEFu);
  EXPECT_EQ(f.bytes, (std::vector<uint8_t>{0x00, 0x00, 0x80, 0x3F, 0xEF, 0xBE,
                                           0xAD, 0xDE}));
  EXPECT_EQ(f.code(0), 0x3F800000u);
  EXPECT_EQ(f.code(1), 0xDEADBEEFu);

  HostTensor b(ElementKind::BF16, {1});
  b.setCode(0, 0x12347FC0u); // Only the low 16 bits are stored.
  EXPECT_EQ(b.bytes, (std::vector<uint8_t>{0xC0, 0x7F}));
  EXPECT_EQ(b.code(0), 0x7FC0u);

  HostTensor s(ElementKind::SI8, {2});
  s.setCode(0, static_cast<uint32_t>(-1));
  EXPECT_EQ(s.code(0), 0xFFu);

  HostTensor t = HostTensor::fromCodes(ElementKind::I32, {3}, {1, 2, 3});
  ASSERT_TRUE(t.isValid());
  EXPECT_EQ(t.codes(), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_FALSE(HostTensor::fromCodes(ElementKind::I32, {3}, {1}).isValid());
}

TEST(HostTensorTest, ValidateCodes) {
  std::string error;
  HostTensor f4 = HostTensor::fromCodes(ElementKind::F4E2M1FN, {2}, {15, 0});
  EXPECT_TRUE(f4.validateCodes(error));
  f4.setCode(1, 16);
  EXPECT_FALSE(f4.validateCodes(error));
  EXPECT_NE(error.find("element 1"), std::string::npos) << error;
  EXPECT_NE(error.find("0x10"), std::string::npos) << error;

  for (ElementKind k : {ElementKind::F6E2M3FN, ElementKind::F6E3M2FN}) {
    HostTensor f6 = HostTensor::fromCodes(k, {3}, {0, 63, 1});
    EXPECT_TRUE(f6.validateCodes(error));
    f6.setCode(2, 64);
    EXPECT_FALSE(f6.validateCodes(error));
    EXPECT_NE(error.find("element 2"), std::string::npos) << error;
  }
  for (ElementKind k : {ElementKind::UI8, ElementKind::SI8,
                        ElementKind::F8E4M3FN, ElementKind::F8E8M0FNU}) {
    EXPECT_TRUE(HostTensor::fromCodes(k, {1}, {255}).validateCodes(error));
  }
  HostTensor broken(ElementKind::F32, {2});
  broken.bytes.pop_back();
  EXPECT_FALSE(broken.validateCodes(error));
}

TEST(HostTensorTest, Compare) {
  HostTensor a = HostTensor::fromCodes(ElementKind::UI8, {2, 3},
                                       {1, 2, 3, 4, 5, 6});
  HostTensor b = a;
  std::string message;
  TensorMismatch mismatch;
  EXPECT_TRUE(compareTensors(a, b, &message, &mismatch));
  EXPECT_EQ(mismatch.index, -1);
  EXPECT_TRUE(a == b);

  b.setCode(4, 0x7F);
  b.setCode(5, 0x7E);
  EXPECT_FALSE(compareTensors(a, b, &message, &mismatch));
  EXPECT_EQ(mismatch.index, 4);
  EXPECT_EQ(mismatch.coords, (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(mismatch.expectedCode, 5u);
  EXPECT_EQ(mismatch.actualCode, 0x7Fu);
  EXPECT_EQ(mismatch.numMismatches, 2);
  EXPECT_NE(message.find("element 4 at [1, 1]"), std::string::npos) << message;
  EXPECT_NE(message.find("expected 0x5, actual 0x7f"), std::string::npos)
      << message;
  EXPECT_NE(message.find("2 of 6"), std::string::npos) << message;
  EXPECT_TRUE(a != b);

  HostTensor c = a;
  c.kind = ElementKind::SI8;
  EXPECT_FALSE(compareTensors(a, c, &message, &mismatch));
  EXPECT_EQ(mismatch.index, -1);
  EXPECT_NE(message.find("kind"), std::string::npos) << message;

  HostTensor d = HostTensor::fromCodes(ElementKind::UI8, {3, 2},
                                       {1, 2, 3, 4, 5, 6});
  EXPECT_FALSE(compareTensors(a, d, &message));
  EXPECT_NE(message.find("shape differs: expected [2, 3], actual [3, 2]"),
            std::string::npos)
      << message;

  // Null out-parameters are fine.
  EXPECT_FALSE(compareTensors(a, d));
}

//===----------------------------------------------------------------------===//
// f4E2M1FN packing
//===----------------------------------------------------------------------===//

TEST(F4PackTest, LayoutAndRoundTrip) {
  HostTensor t = HostTensor::fromCodes(ElementKind::F4E2M1FN, {2, 4},
                                       {0x1, 0x2, 0x3, 0x4, 0xF, 0x0, 0x9, 0xA});
  std::vector<uint8_t> packed;
  std::string error;
  ASSERT_TRUE(packF4(t, packed, error)) << error;
  // Element 2i in the low nibble of byte i, 2i+1 in the high nibble.
  EXPECT_EQ(packed, (std::vector<uint8_t>{0x21, 0x43, 0x0F, 0xA9}));

  HostTensor back;
  ASSERT_TRUE(unpackF4(packed.data(), packed.size(), {2, 4}, back, error))
      << error;
  EXPECT_TRUE(compareTensors(t, back, &error)) << error;

  // Every byte value unpacks and packs back to itself.
  std::vector<uint8_t> all(256);
  for (int i = 0; i < 256; ++i)
    all[i] = static_cast<uint8_t>(i);
  ASSERT_TRUE(unpackF4(all.data(), all.size(), {4, 128}, back, error));
  EXPECT_EQ(back.code(0), 0u);
  EXPECT_EQ(back.code(2 * 0xB7), 0x7u);
  EXPECT_EQ(back.code(2 * 0xB7 + 1), 0xBu);
  ASSERT_TRUE(packF4(back, packed, error)) << error;
  EXPECT_EQ(packed, all);
}

TEST(F4PackTest, ZeroSize) {
  HostTensor t(ElementKind::F4E2M1FN, {0, 6});
  std::vector<uint8_t> packed{1, 2, 3};
  std::string error;
  ASSERT_TRUE(packF4(t, packed, error)) << error;
  EXPECT_TRUE(packed.empty());
  HostTensor back;
  ASSERT_TRUE(unpackF4(nullptr, 0, {0, 6}, back, error)) << error;
  EXPECT_EQ(back, t);
}

TEST(F4PackTest, Errors) {
  std::vector<uint8_t> packed;
  std::string error;

  HostTensor odd(ElementKind::F4E2M1FN, {2, 3});
  EXPECT_FALSE(packF4(odd, packed, error));
  EXPECT_NE(error.find("even innermost extent"), std::string::npos) << error;

  HostTensor scalar(ElementKind::F4E2M1FN, {});
  EXPECT_FALSE(packF4(scalar, packed, error));
  EXPECT_NE(error.find("rank-0"), std::string::npos) << error;

  HostTensor wrongKind(ElementKind::UI8, {2});
  EXPECT_FALSE(packF4(wrongKind, packed, error));
  EXPECT_NE(error.find("f4E2M1FN"), std::string::npos) << error;

  HostTensor badCode = HostTensor::fromCodes(ElementKind::F4E2M1FN, {2},
                                             {3, 16});
  EXPECT_FALSE(packF4(badCode, packed, error));
  EXPECT_NE(error.find("element 1"), std::string::npos) << error;

  HostTensor broken(ElementKind::F4E2M1FN, {2});
  broken.bytes.resize(1);
  EXPECT_FALSE(packF4(broken, packed, error));

  uint8_t buf[4] = {0};
  HostTensor out;
  EXPECT_FALSE(unpackF4(buf, 3, {2, 4}, out, error));
  EXPECT_NE(error.find("needs 4"), std::string::npos) << error;
  EXPECT_FALSE(unpackF4(buf, 4, {2, 3}, out, error));
  EXPECT_FALSE(unpackF4(buf, 4, {}, out, error));
  EXPECT_FALSE(unpackF4(buf, 4, {-8}, out, error));
  EXPECT_FALSE(unpackF4(nullptr, 4, {8}, out, error));
  EXPECT_FALSE(unpackF4(buf, 4,
                        {int64_t(1) << 40, int64_t(1) << 40, 2}, out, error));
  EXPECT_FALSE(out.isValid() && out.numElements() > 0);
}

//===----------------------------------------------------------------------===//
// .npy round trips
//===----------------------------------------------------------------------===//

TEST_F(NpyFileTest, RoundTripEveryKind) {
  std::mt19937 rng(1234);
  const std::vector<std::vector<int64_t>> shapes = {
      {}, {5}, {1}, {2, 3, 4}, {0}, {3, 0, 2}, {2, 0}, {1, 1, 1, 7}};
  int count = 0;
  for (ElementKind kind : kAllKinds) {
    for (const std::vector<int64_t> &shape : shapes) {
      SCOPED_TRACE(std::string(elementKindName(kind)) + " " +
                   formatShape(shape));
      HostTensor t = randomTensor(kind, shape, rng);
      std::string p = path("t" + std::to_string(count++) + ".npy");
      std::string error;
      ASSERT_TRUE(writeNpy(p, t, error)) << error;

      std::string bytes = readBytes(p);
      // NumPy's layout: version 1.0, data 64-byte aligned, '\n' last.
      ASSERT_GE(bytes.size(), 64u);
      EXPECT_EQ(bytes[6], '\1');
      size_t dataStart = bytes.size() - t.bytes.size();
      EXPECT_EQ(dataStart % 64, 0u);
      EXPECT_EQ(bytes[dataStart - 1], '\n');
      EXPECT_NE(bytes.find("'descr': '" +
                           std::string(npyDescrForKind(kind)) + "'"),
                std::string::npos);

      HostTensor back;
      ASSERT_TRUE(readNpy(p, kind, back, error)) << error;
      EXPECT_TRUE(compareTensors(t, back, &error)) << error;

      // readNpyAny knows only the file's dtype: narrow floats come back as
      // ui8 codes and bf16 as its raw bits.
      HostTensor any;
      ASSERT_TRUE(readNpyAny(p, any, error)) << error;
      EXPECT_EQ(any.kind, npyKindForDescr(npyDescrForKind(kind)));
      EXPECT_EQ(any.shape, t.shape);
      EXPECT_EQ(any.bytes, t.bytes);

      // The in-memory forms agree with the file forms.
      std::string data;
      ASSERT_TRUE(serializeNpy(t, "mem", data, error)) << error;
      EXPECT_EQ(data, bytes);
      HostTensor mem;
      ASSERT_TRUE(parseNpy(data, "mem", kind, mem, error)) << error;
      EXPECT_EQ(mem, t);
    }
  }
}

TEST_F(NpyFileTest, DescrMapping) {
  EXPECT_EQ(npyDescrForKind(ElementKind::F32), "<f4");
  EXPECT_EQ(npyDescrForKind(ElementKind::F16), "<f2");
  EXPECT_EQ(npyDescrForKind(ElementKind::BF16), "<u2");
  EXPECT_EQ(npyDescrForKind(ElementKind::I32), "<i4");
  EXPECT_EQ(npyDescrForKind(ElementKind::SI8), "|i1");
  EXPECT_EQ(npyDescrForKind(ElementKind::UI8), "|u1");
  for (ElementKind k :
       {ElementKind::F8E4M3FN, ElementKind::F8E5M2, ElementKind::F8E8M0FNU,
        ElementKind::F6E2M3FN, ElementKind::F6E3M2FN, ElementKind::F4E2M1FN})
    EXPECT_EQ(npyDescrForKind(k), "|u1");

  EXPECT_EQ(npyKindForDescr("<f4"), ElementKind::F32);
  EXPECT_EQ(npyKindForDescr("=f4"), ElementKind::F32);
  EXPECT_EQ(npyKindForDescr("<f2"), ElementKind::F16);
  EXPECT_EQ(npyKindForDescr("<u2"), ElementKind::BF16);
  EXPECT_EQ(npyKindForDescr("<i4"), ElementKind::I32);
  EXPECT_EQ(npyKindForDescr("|i1"), ElementKind::SI8);
  EXPECT_EQ(npyKindForDescr("<i1"), ElementKind::SI8);
  EXPECT_EQ(npyKindForDescr("|u1"), ElementKind::UI8);
  EXPECT_EQ(npyKindForDescr("<u1"), ElementKind::UI8);
  EXPECT_EQ(npyKindForDescr(">u1"), ElementKind::UI8);
  EXPECT_FALSE(npyKindForDescr(">f4"));
  EXPECT_FALSE(npyKindForDescr("|f4"));
  EXPECT_FALSE(npyKindForDescr("<f8"));
  EXPECT_FALSE(npyKindForDescr("|b1"));
  EXPECT_FALSE(npyKindForDescr("f4"));
  EXPECT_FALSE(npyKindForDescr(""));
  EXPECT_FALSE(npyKindForDescr("<f4444"));
}

/// The exact bytes `np.save` writes for np.arange(6, dtype=np.float32)
/// .reshape(2, 3), a 0-d array and a 1-D array.
TEST_F(NpyFileTest, MatchesNumPyBytes) {
  std::string expectedHeader =
      std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" +
      std::string(58, ' ') + "\n";
  ASSERT_EQ(expectedHeader.size(), 128u);
  HostTensor t(ElementKind::F32, {2, 3});
  const uint32_t floats[6] = {0x00000000, 0x3F800000, 0x40000000,
                              0x40400000, 0x40800000, 0x40A00000};
  for (int i = 0; i < 6; ++i)
    t.setCode(i, floats[i]);
  std::string data, error;
  ASSERT_TRUE(serializeNpy(t, "x", data, error)) << error;
  EXPECT_EQ(data.substr(0, 128), expectedHeader);
  EXPECT_EQ(data.size(), 128u + 24u);
  EXPECT_EQ(data.substr(128),
            std::string(reinterpret_cast<const char *>(t.bytes.data()), 24));

  HostTensor scalar(ElementKind::I32, {});
  ASSERT_TRUE(serializeNpy(scalar, "x", data, error)) << error;
  EXPECT_NE(data.find("'shape': (), }"), std::string::npos);
  EXPECT_EQ(data.size(), 128u + 4u);

  HostTensor vec(ElementKind::UI8, {7});
  ASSERT_TRUE(serializeNpy(vec, "x", data, error)) << error;
  EXPECT_NE(data.find("'descr': '|u1', 'fortran_order': False, "
                      "'shape': (7,), }"),
            std::string::npos);
}

TEST_F(NpyFileTest, WritesVersion2ForHugeHeaders) {
  // 30000 unit dims need a ~90 kB header, beyond version 1.0's 65535.
  HostTensor t(ElementKind::F16, std::vector<int64_t>(30000, 1));
  t.setCode(0, 0x3C00);
  std::string p = path("v2.npy"), error;
  ASSERT_TRUE(writeNpy(p, t, error)) << error;
  std::string bytes = readBytes(p);
  EXPECT_EQ(bytes[6], '\2');
  EXPECT_EQ((bytes.size() - 2) % 64, 0u);
  HostTensor back;
  ASSERT_TRUE(readNpy(p, ElementKind::F16, back, error)) << error;
  EXPECT_EQ(back, t);
}

TEST_F(NpyFileTest, ReadsVersions2And3) {
  std::string data("\x01\x02\x03\x04", 4);
  for (int major : {2, 3}) {
    std::string p =
        writeBytes("v.npy", makeNpy(dictFor("|u1", "(2, 2)"), data, major));
    HostTensor t;
    std::string error;
    ASSERT_TRUE(readNpy(p, ElementKind::F8E4M3FN, t, error)) << error;
    EXPECT_EQ(t.kind, ElementKind::F8E4M3FN);
    EXPECT_EQ(t.shape, (std::vector<int64_t>{2, 2}));
    EXPECT_EQ(t.codes(), (std::vector<uint32_t>{1, 2, 3, 4}));
  }
}

TEST_F(NpyFileTest, AcceptsEquivalentSpellings) {
  struct Case {
    std::string dict;
    ElementKind kind;
    std::vector<int64_t> shape;
  };
  const Case cases[] = {
      {dictFor("<u1", "(4,)"), ElementKind::F8E5M2, {4}},
      {dictFor("=u1", "(4,)"), ElementKind::UI8, {4}},
      {dictFor(">u1", "(4,)"), ElementKind::F4E2M1FN, {4}},
      {dictFor("<i1", "(4,)"), ElementKind::SI8, {4}},
      {dictFor("=f4", "(1,)"), ElementKind::F32, {1}},
      {dictFor("=i4", "()"), ElementKind::I32, {}},
      {dictFor("=u2", "(2,)"), ElementKind::BF16, {2}},
      // Any key order, double quotes, no trailing comma, odd whitespace.
      {"{\"shape\":(2,2),\"fortran_order\":False,\"descr\":\"<f2\"}",
       ElementKind::F16,
       {2, 2}},
      {"  { 'descr' : '|u1' ,\t'shape' : ( 4 , ) , 'fortran_order' : False }",
       ElementKind::F6E3M2FN,
       {4}},
      // Python 2 era longs.
      {dictFor("|u1", "(2L, 2L)"), ElementKind::UI8, {2, 2}},
  };
  int i = 0;
  for (const Case &c : cases) {
    SCOPED_TRACE(c.dict);
    std::optional<int64_t> bytes = checkedByteSize(c.kind, c.shape);
    ASSERT_TRUE(bytes);
    std::string data(static_cast<size_t>(*bytes), '\x01');
    for (bool pad : {true, false}) {
      std::string p = writeBytes("ok" + std::to_string(i++) + ".npy",
                                 makeNpy(c.dict, data, 1, pad));
      HostTensor t;
      std::string error;
      ASSERT_TRUE(readNpy(p, c.kind, t, error)) << error;
      EXPECT_EQ(t.kind, c.kind);
      EXPECT_EQ(t.shape, c.shape);
      EXPECT_EQ(t.bytes, std::vector<uint8_t>(data.begin(), data.end()));
    }
  }
}

//===----------------------------------------------------------------------===//
// Hostile input
//===----------------------------------------------------------------------===//

TEST_F(NpyFileTest, MissingFileAndDirectory) {
  HostTensor t;
  std::string error;
  std::string p = path("does-not-exist.npy");
  EXPECT_FALSE(readNpy(p, ElementKind::F32, t, error));
  EXPECT_TRUE(startsWith(error, p + ": cannot open")) << error;
  EXPECT_FALSE(readNpyAny(p, t, error));
  EXPECT_TRUE(startsWith(error, p + ": ")) << error;

  EXPECT_FALSE(readNpy(dir.string(), ElementKind::F32, t, error));
  EXPECT_TRUE(startsWith(error, dir.string() + ": not a regular file"))
      << error;
}

TEST_F(NpyFileTest, BadPreamble) {
  expectReadError("", "empty file");
  expectReadError(std::string("\x93NUM", 4), "truncated");
  expectReadError(std::string("\x93NUMPY\x01", 7), "truncated");
  expectReadError(std::string("\x93NUMPY\x01\x00\x10", 9), "truncated");
  expectReadError(std::string("\x93NUMPY\x02\x00\x10\x00\x00", 11),
                  "truncated");
  expectReadError("PK\x03\x04 this is a zip file, not npy", "not a .npy file");
  expectReadError(std::string("\x93NUMPX\x01\x00\x00\x00", 10),
                  "not a .npy file");
  expectReadError("x", "not a .npy file");

  std::string good = makeNpy(dictFor("<f4", "(1,)"), std::string(4, '\0'));
  for (auto [major, minor] : {std::pair{0, 0}, {1, 1}, {4, 0}, {255, 255}}) {
    std::string bad = good;
    bad[6] = static_cast<char>(major);
    bad[7] = static_cast<char>(minor);
    expectReadError(bad, "unsupported .npy format version " +
                             std::to_string(major) + "." +
                             std::to_string(minor));
  }
}

TEST_F(NpyFileTest, AbsurdHeaderLength) {
  // Larger than the 1 MiB cap.
  expectReadError(std::string("\x93NUMPY\x02\x00\xFF\xFF\xFF\xFF", 12) +
                      "{}",
                  "too large");
  expectReadError(std::string("\x93NUMPY\x03\x00\x00\x00\x20\x00", 12),
                  "too large");
  // Within the cap but beyond the end of the file.
  expectReadError(std::string("\x93NUMPY\x01\x00\xFF\xFF", 10) +
                      dictFor("<f4", "()"),
                  "header length 65535 exceeds");
  expectReadError(std::string("\x93NUMPY\x02\x00\x00\x00\x01\x00", 12) +
                      dictFor("<f4", "()"),
                  "exceeds");
}

TEST_F(NpyFileTest, MalformedHeaderDict) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "expected '{'"},
      {"garbage", "expected '{'"},
      {"\n", "expected '{'"},
      {"{", "expected a quoted string"},
      {"{'descr': '<f4'", "expected ',' or '}'"},
      {"{'descr: '<f4', 'fortran_order': False, 'shape': (1,), }",
       "expected ':'"},
      {"{'descr': '<f4, 'fortran_order': False, 'shape': (1,), }",
       "expected ',' or '}' after the value of 'descr'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), ",
       "expected a quoted string"},
      {"{'descr': \"<f4', 'fortran_order': False, 'shape': (1,), }",
       "unterminated string"},
      {"{'descr': <f4, 'fortran_order': False, 'shape': (1,), }",
       "expected a quoted string as 'descr' value"},
      {"{descr: '<f4', 'fortran_order': False, 'shape': (1,), }",
       "expected a quoted string as dict key"},
      {"{'descr': '<f\\x34', 'fortran_order': False, 'shape': (1,), }",
       "unsupported character"},
      {"{'descr': '<f4', 'fortran_order': False, }", "missing key 'shape'"},
      {"{'descr': '<f4', 'shape': (1,), }", "missing key 'fortran_order'"},
      {"{'fortran_order': False, 'shape': (1,), }", "missing key 'descr'"},
      {"{}", "missing key 'descr'"},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
       "'shape': (1,), }",
       "duplicate key 'descr'"},
      {"{'descr': '<f4', 'fortran_order': False, 'fortran_order': False, "
       "'shape': (1,), }",
       "duplicate key 'fortran_order'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), "
       "'shape': (1,), }",
       "duplicate key 'shape'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
       "unexpected key 'x'"},
      {dictFor("<f4", "(1,)", "maybe"), "must be True or False"},
      {dictFor("<f4", "(1,)", "0"), "must be True or False"},
      {dictFor("<f4", "(1,)", "'False'"), "must be True or False"},
      {dictFor("<f4", "[1]"), "'shape' must be a tuple"},
      {dictFor("<f4", "1"), "'shape' must be a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1}",
       "expected ',' or ')'"},
      {dictFor("<f4", "(1,"), "expected an integer"},
      {dictFor("<f4", "(1 2)"), "expected ',' or ')'"},
      {dictFor("<f4", "(1,,)"), "expected an integer"},
      {dictFor("<f4", "(1)"), "is not a tuple"},
      {dictFor("<f4", "(2, -3)"), "negative dimension -3"},
      {dictFor("<f4", "(-0,)"), "negative dimension"},
      {dictFor("<f4", "(2.5,)"), "not a non-negative integer"},
      {dictFor("<f4", "(1e3,)"), "not a non-negative integer"},
      {dictFor("<f4", "(0x10,)"), "not a non-negative integer"},
      {dictFor("<f4", "(None,)"), "not a non-negative integer"},
      {dictFor("<f4", "(L,)"), "not a non-negative integer"},
      {dictFor("<f4", "(99999999999999999999,)"), "too large"},
      {dictFor("<f4", "(9223372036854775808,)"), "too large"},
      {dictFor("<f4", "(1,)") + " trailing", "unexpected characters after"},
      {dictFor("<f4", "(1,)") + "}", "unexpected characters after"},
      {dictFor("<f4", "(1,)") + std::string(1, '\0'),
       "unexpected characters after"},
      {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }",
       "structured"},
      {"{'descr': '\xc3\xa9', 'fortran_order': False, 'shape': (1,), }",
       "unsupported character"},
  };
  for (const auto &[dict, needle] : cases) {
    SCOPED_TRACE(dict);
    expectReadError(makeNpy(dict, std::string(4, '\0')), needle);
    expectReadError(makeNpy(dict, std::string(4, '\0'), 3), needle,
                    std::nullopt);
  }
}

TEST_F(NpyFileTest, FortranOrderRejected) {
  expectReadError(makeNpy(dictFor("<f4", "(2, 2)", "True"),
                          std::string(16, '\0')),
                  "fortran_order True");
  expectReadError(makeNpy(dictFor("|u1", "(3,)", "True"),
                          std::string(3, '\0')),
                  "fortran_order True", std::nullopt);
}

TEST_F(NpyFileTest, SizeOverflowAndMismatch) {
  // Element count overflows int64.
  expectReadError(makeNpy(dictFor("|u1", "(4294967296, 4294967296)"), ""),
                  "too large", ElementKind::UI8);
  expectReadError(
      makeNpy(dictFor("|u1", "(0, 4294967296, 4294967296)"), ""),
      "too large", ElementKind::UI8);
  // Count fits, byte size does not.
  expectReadError(makeNpy(dictFor("<f4", "(4611686018427387904,)"), ""),
                  "too large");
  // Byte size fits int64 but not the file.
  expectReadError(makeNpy(dictFor("|u1", "(9223372036854775807,)"), "abc"),
                  "truncated data", ElementKind::UI8);
  expectReadError(makeNpy(dictFor("<f4", "(2, 3)"), std::string(20, '\0')),
                  "needs 24 bytes but the file has 20");
  expectReadError(makeNpy(dictFor("<f4", "()"), ""), "truncated data");
  // Trailing data.
  expectReadError(makeNpy(dictFor("<f4", "(2, 3)"), std::string(28, '\0')),
                  "trailing data");
  expectReadError(makeNpy(dictFor("<f4", "(0,)"), std::string(1, '\0')),
                  "trailing data");
}

TEST_F(NpyFileTest, DtypeMismatch) {
  expectReadError(makeNpy(dictFor("|u1", "(4,)"), std::string(4, '\0')),
                  "expected dtype '<f4' (f32) but file has '|u1'");
  expectReadError(makeNpy(dictFor("<f4", "(1,)"), std::string(4, '\0')),
                  "expected dtype '|u1' (f8E4M3FN) but file has '<f4'",
                  ElementKind::F8E4M3FN);
  expectReadError(makeNpy(dictFor("|i1", "(4,)"), std::string(4, '\0')),
                  "expected dtype '|u1' (f4E2M1FN) but file has '|i1'",
                  ElementKind::F4E2M1FN);
  expectReadError(makeNpy(dictFor("|u1", "(4,)"), std::string(4, '\0')),
                  "expected dtype '|i1' (si8) but file has '|u1'",
                  ElementKind::SI8);
  expectReadError(makeNpy(dictFor("<f2", "(2,)"), std::string(4, '\0')),
                  "expected dtype '<u2' (bf16) but file has '<f2'",
                  ElementKind::BF16);
  expectReadError(makeNpy(dictFor("<i4", "(1,)"), std::string(4, '\0')),
                  "expected dtype '<f4' (f32) but file has '<i4'");
  expectReadError(makeNpy(dictFor("<f8", "(1,)"), std::string(8, '\0')),
                  "expected dtype '<f4' (f32) but file has '<f8'");
  expectReadError(makeNpy(dictFor("|f4", "(1,)"), std::string(4, '\0')),
                  "but file has '|f4'");
  expectReadError(makeNpy(dictFor("", "(1,)"), std::string(4, '\0')),
                  "but file has ''");
  expectReadError(makeNpy(dictFor("<f8", "(1,)"), std::string(8, '\0')),
                  "unsupported dtype '<f8'", std::nullopt);
  expectReadError(makeNpy(dictFor("|b1", "(1,)"), std::string(1, '\0')),
                  "unsupported dtype '|b1'", std::nullopt);
}

TEST_F(NpyFileTest, BigEndianRejected) {
  expectReadError(makeNpy(dictFor(">f4", "(1,)"), std::string(4, '\0')),
                  "big-endian dtype '>f4' is not supported");
  expectReadError(makeNpy(dictFor(">u2", "(1,)"), std::string(2, '\0')),
                  "big-endian", ElementKind::BF16);
  expectReadError(makeNpy(dictFor(">i4", "(1,)"), std::string(4, '\0')),
                  "big-endian", std::nullopt);
}

TEST_F(NpyFileTest, CodeRangeChecked) {
  expectReadError(makeNpy(dictFor("|u1", "(4,)"),
                          std::string("\x01\x0F\x10\x00", 4)),
                  "element 2 has code 0x10", ElementKind::F4E2M1FN);
  for (ElementKind k : {ElementKind::F6E2M3FN, ElementKind::F6E3M2FN})
    expectReadError(makeNpy(dictFor("|u1", "(2, 2)"),
                            std::string("\x3F\x00\x00\x40", 4)),
                    "element 3 has code 0x40", k);
  // The same bytes are fine as plain ui8 / f8 codes.
  std::string p =
      writeBytes("ok.npy", makeNpy(dictFor("|u1", "(4,)"), "\xFF\x0F\x10\x40"));
  HostTensor t;
  std::string error;
  EXPECT_TRUE(readNpyAny(p, t, error)) << error;
  EXPECT_TRUE(readNpy(p, ElementKind::F8E8M0FNU, t, error)) << error;
}

TEST_F(NpyFileTest, WriteErrors) {
  std::string error;
  HostTensor broken(ElementKind::F32, {2});
  broken.bytes.resize(5);
  std::string p = path("w.npy");
  EXPECT_FALSE(writeNpy(p, broken, error));
  EXPECT_TRUE(startsWith(error, p + ": ")) << error;
  EXPECT_FALSE(std::filesystem::exists(p));

  HostTensor f4 = HostTensor::fromCodes(ElementKind::F4E2M1FN, {2}, {1, 17});
  EXPECT_FALSE(writeNpy(p, f4, error));
  EXPECT_NE(error.find("0x11"), std::string::npos) << error;

  HostTensor ok(ElementKind::F32, {1});
  std::string noDir = path("no/such/dir/out.npy");
  EXPECT_FALSE(writeNpy(noDir, ok, error));
  EXPECT_TRUE(startsWith(error, noDir + ": ")) << error;
  std::string data;
  EXPECT_FALSE(serializeNpy(broken, "mem", data, error));
  EXPECT_TRUE(startsWith(error, "mem: ")) << error;
}

/// Every truncation and many random corruptions of valid files are handled
/// without crashing (run this under ASan / UBSan).
TEST_F(NpyFileTest, TruncationAndCorruptionNeverCrash) {
  std::mt19937 rng(99);
  std::vector<std::string> images;
  for (ElementKind kind : {ElementKind::F32, ElementKind::F4E2M1FN,
                           ElementKind::BF16}) {
    HostTensor t = randomTensor(kind, {3, 4}, rng);
    std::string data, error;
    ASSERT_TRUE(serializeNpy(t, "m", data, error)) << error;
    images.push_back(data);
  }
  images.push_back(makeNpy(dictFor("<i4", "(2,)"), std::string(8, '\1'), 2));

  for (const std::string &image : images) {
    HostTensor t;
    std::string error;
    for (size_t len = 0; len < image.size(); ++len) {
      EXPECT_FALSE(parseNpy(std::string_view(image).substr(0, len), "m",
                            std::nullopt, t, error))
          << "accepted a prefix of length " << len;
      EXPECT_TRUE(startsWith(error, "m: ")) << error;
    }
    for (int round = 0; round < 2000; ++round) {
      std::string bad = image;
      int flips = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < flips; ++f)
        bad[rng() % bad.size()] = static_cast<char>(rng());
      if (parseNpy(bad, "m", std::nullopt, t, error)) {
        EXPECT_TRUE(t.isValid());
      } else {
        EXPECT_TRUE(startsWith(error, "m: ")) << error;
      }
    }
  }
  // The same through the file path, once per truncation of one image.
  const std::string &image = images[0];
  for (size_t len = 0; len < image.size(); len += 7) {
    std::string p = writeBytes("trunc.npy", image.substr(0, len));
    HostTensor t;
    std::string error;
    EXPECT_FALSE(readNpy(p, ElementKind::F32, t, error));
    EXPECT_TRUE(startsWith(error, p + ": ")) << error;
  }
}

} // namespace
