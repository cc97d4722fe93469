//===- NarrowFloatTarget.cpp - The portable narrow float target -----------===//
//
// The base NarrowFloatTarget: the integer builders of FloatConversions.h,
// which every target can run (CPU, host emulation, chips without conversion
// instructions). lib/Target/NVVM/NVVMNarrowFloatTarget.cpp overrides it
// with the NVVM conversion ops.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/Common/NarrowFloatTarget.h"

#include "quant-dyn/Utils/FloatConversions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::quant_dyn;

NarrowFloatTarget::~NarrowFloatTarget() = default;

Value NarrowFloatTarget::buildTruncFromF32(OpBuilder &b, Location loc,
                                           Value value, Type format,
                                           bool satfinite,
                                           bool mayBeNaN) const {
  return quant_dyn::buildTruncFromF32(
      b, loc, value, *getNarrowFloatFormat(format), satfinite, mayBeNaN);
}

Value NarrowFloatTarget::buildF4PairFromF32(OpBuilder &b, Location loc,
                                            Value first, Value second,
                                            bool mayBeNaN) const {
  Type f4 = Float4E2M1FNType::get(b.getContext());
  Value lo = buildTruncFromF32(b, loc, first, f4, /*satfinite=*/true, mayBeNaN);
  Value hi = buildTruncFromF32(b, loc, second, f4, /*satfinite=*/true, mayBeNaN);
  hi = arith::ShLIOp::create(b, loc, hi,
                             createI32Constant(b, loc, hi.getType(), 4));
  Value byte = arith::OrIOp::create(b, loc, lo, hi);
  return arith::TruncIOp::create(b, loc, b.getI8Type(), byte);
}

const NarrowFloatTarget &mlir::quant_dyn::getPortableNarrowFloatTarget() {
  static const NarrowFloatTarget portable;
  return portable;
}
