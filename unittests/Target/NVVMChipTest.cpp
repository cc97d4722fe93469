//===- NVVMChipTest.cpp - NVVMChip::parse and its queries -----------------===//

#include "quant-dyn/Target/NVVM/NVVMChip.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

using Variant = NVVMChip::Variant;

TEST(NVVMChipTest, ParsesNames) {
  struct Case {
    const char *name;
    unsigned sm;
    Variant variant;
  } cases[] = {
      {"sm_80", 80, Variant::Generic},
      {"sm_89", 89, Variant::Generic},
      {"sm_90", 90, Variant::Generic},
      {"sm_90a", 90, Variant::ArchSpecific},
      {"sm_100a", 100, Variant::ArchSpecific},
      {"sm_100f", 100, Variant::FamilySpecific},
      {"sm_120f", 120, Variant::FamilySpecific},
  };
  for (const Case &c : cases) {
    FailureOr<NVVMChip> chip = NVVMChip::parse(c.name);
    ASSERT_TRUE(succeeded(chip)) << c.name;
    EXPECT_EQ(chip->sm, c.sm) << c.name;
    EXPECT_EQ(chip->variant, c.variant) << c.name;
    // str() gives back the name it was parsed from.
    EXPECT_EQ(chip->str(), c.name);
  }
}

TEST(NVVMChipTest, RejectsMalformedNames) {
  for (const char *name :
       {"", "sm_", "sm90a", "SM_90a", "sm_90b", "sm_9", "sm_1000", "sm_090",
        "sm_9O", "sm_90aa", "sm_+90", "sm_0x5a", "sm_90 ", " sm_90",
        "compute_90a", "sm_89a", "sm_90f", "sm_a"})
    EXPECT_TRUE(failed(NVVMChip::parse(name))) << '"' << name << '"';
}

TEST(NVVMChipTest, ComputeCapability) {
  EXPECT_EQ(NVVMChip::fromComputeCapability(8, 9).str(), "sm_89");
  EXPECT_EQ(NVVMChip::fromComputeCapability(9, 0).str(), "sm_90a");
  EXPECT_EQ(NVVMChip::fromComputeCapability(10, 0).str(), "sm_100a");
  EXPECT_EQ(NVVMChip::fromComputeCapability(12, 0).str(), "sm_120a");
}

TEST(NVVMChipTest, PTXVersion) {
  EXPECT_EQ(NVVMChip::getPTXVersion(""), 0u);
  EXPECT_EQ(NVVMChip::getPTXVersion("+ptx81"), 81u);
  EXPECT_EQ(NVVMChip::getPTXVersion("+ptx80, +ptx86,+ptx81"), 86u);
  EXPECT_EQ(NVVMChip::getPTXVersion("+ptxfoo,-ptx90"), 0u);
}

TEST(NVVMChipTest, ConversionInstructions) {
  auto chip = [](const char *name) { return *NVVMChip::parse(name); };
  // f8x2: sm_90 and later; sm_89 from PTX 8.1.
  EXPECT_FALSE(chip("sm_80").hasF8x2Conversions(0));
  EXPECT_FALSE(chip("sm_89").hasF8x2Conversions(80));
  EXPECT_TRUE(chip("sm_89").hasF8x2Conversions(81));
  EXPECT_TRUE(chip("sm_90").hasF8x2Conversions(0));
  EXPECT_TRUE(chip("sm_100a").hasF8x2Conversions(0));
  // f6x2 / f4x2: arch- or family-specific sm_100 .. sm_12x only.
  EXPECT_FALSE(chip("sm_90a").hasF6F4x2Conversions());
  EXPECT_FALSE(chip("sm_100").hasF6F4x2Conversions());
  EXPECT_TRUE(chip("sm_100a").hasF6F4x2Conversions());
  EXPECT_TRUE(chip("sm_100f").hasF6F4x2Conversions());
  EXPECT_TRUE(chip("sm_121a").hasF6F4x2Conversions());
  EXPECT_FALSE(chip("sm_130a").hasF6F4x2Conversions());
}

} // namespace
