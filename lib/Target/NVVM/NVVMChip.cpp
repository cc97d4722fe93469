//===- NVVMChip.cpp - NVIDIA chip names -----------------------------------===//

#include "quant-dyn/Target/NVVM/NVVMChip.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::quant_dyn;

FailureOr<NVVMChip> NVVMChip::parse(StringRef name) {
  if (!name.consume_front("sm_"))
    return failure();
  Variant variant = Variant::Generic;
  if (name.consume_back("a"))
    variant = Variant::ArchSpecific;
  else if (name.consume_back("f"))
    variant = Variant::FamilySpecific;
  // Digits only (getAsInteger would take "0x5a" or a sign), no leading zero.
  if (name.size() < 2 || name.size() > 3 || name.front() == '0' ||
      !llvm::all_of(name, llvm::isDigit))
    return failure();
  unsigned sm = 0;
  if (name.getAsInteger(10, sm))
    return failure();
  if ((variant == Variant::ArchSpecific && sm < 90) ||
      (variant == Variant::FamilySpecific && sm < 100))
    return failure();
  return NVVMChip(sm, variant);
}

NVVMChip NVVMChip::fromComputeCapability(unsigned major, unsigned minor) {
  return NVVMChip(major * 10 + minor,
                  major >= 9 ? Variant::ArchSpecific : Variant::Generic);
}

unsigned NVVMChip::getPTXVersion(StringRef features) {
  SmallVector<StringRef> items;
  features.split(items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  unsigned ptx = 0;
  for (StringRef item : items) {
    item = item.trim();
    unsigned version;
    if (item.consume_front("+ptx") && !item.getAsInteger(10, version))
      ptx = std::max(ptx, version);
  }
  return ptx;
}

std::string NVVMChip::str() const {
  std::string name = "sm_" + std::to_string(sm);
  if (variant == Variant::ArchSpecific)
    name += "a";
  else if (variant == Variant::FamilySpecific)
    name += "f";
  return name;
}
