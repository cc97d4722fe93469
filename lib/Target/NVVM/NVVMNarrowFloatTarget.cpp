//===- NVVMNarrowFloatTarget.cpp - f32 to narrow floats with cvt ----------===//
//
// NVIDIA chips convert pairs of f32 with one cvt instruction:
//
//   cvt.rn.satfinite.{e4m3x2,e5m2x2}.f32   sm_89 (PTX 8.1) / sm_90 and later
//   cvt.rn.satfinite.e2m1x2.f32            sm_100a / sm_100f family and
//   cvt.rn.satfinite.{e2m3x2,e3m2x2}.f32   later arch- / family-specific chips
//
// PTX ISA, "cvt": each source is rounded to nearest even (.rn); with
// .satfinite a magnitude above the format's largest finite value, Inf
// included, gives that value with the input's sign; there is no .ftz, so
// subnormal sources and results are kept, and zero keeps its sign. That is
// the cvt of docs/Semantics.md section 4.3. What differs is handled here:
//
// - NaN: PTX gives a NaN of the format (e4m3 / e5m2) or, for the formats
//   without NaN, an unspecified value (CUDA's own emulation, cuda_fp4.hpp /
//   cuda_fp6.hpp, gives +MAX_NORM). quant_dyn wants 0x7F for e4m3 and e5m2
//   and +0 for f6 / f4: f8 results are selected on isnan, f6 / f4 NaN inputs
//   are replaced by +0.0 before the instruction.
// - Packing: the value of the first source operand goes to the UPPER half of
//   the result, the memory ABI puts element 2i in the LOW nibble, so the
//   pair is passed as (second, first). A single value is paired with +0.0 in
//   the upper half, whose code is 0, so the result zero-extends to the code.
//
// Kept portable, with reasons:
// - f16 / bf16 (scales, dequantize results): the builders are exact; a
//   hardware cvt would need the same NaN canonicalization and is left for
//   later.
// - f8E8M0FNU scales (cvt.rz/rp.satfinite.ue8m0x2.f32): the scale is exact
//   integer arithmetic on the exponent field, once per block, and the PTX
//   ISA does not state the result for subnormal inputs or NaN precisely
//   enough to match the specified clamp to [-127, 127] without a check on
//   hardware.
// - Vector values (CPU vectorization): the NVVM ops take scalars.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Target/NVVM/NVVMNarrowFloatTarget.h"

#include "quant-dyn/Utils/FloatConversions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

class NVVMNarrowFloatTarget final : public NarrowFloatTarget {
public:
  NVVMNarrowFloatTarget(bool f8x2, bool f6f4x2) : f8x2(f8x2), f6f4x2(f6f4x2) {}

  Value buildTruncFromF32(OpBuilder &b, Location loc, Value value, Type format,
                          bool satfinite, bool mayBeNaN) const override {
    // The cvt instructions exist only with .satfinite, on scalars.
    if (!satfinite || !value.getType().isF32() || !hasInstruction(format))
      return NarrowFloatTarget::buildTruncFromF32(b, loc, value, format,
                                                  satfinite, mayBeNaN);
    Value zero = createF32Constant(b, loc, value.getType(), 0.0f);
    if (mayBeNaN)
      value = sanitizeNaN(b, loc, value, format);
    // The code of +0.0 is 0, so the upper half stays clear.
    Value packed = convertPair(b, loc, format, /*upper=*/zero, /*lower=*/value);
    Value code = arith::ExtUIOp::create(b, loc, b.getI32Type(), packed);
    return mayBeNaN ? selectNaNCode(b, loc, value, format, code) : code;
  }

  bool hasF4PairInstruction() const override { return f6f4x2; }

  Value buildF4PairFromF32(OpBuilder &b, Location loc, Value first,
                           Value second, bool mayBeNaN) const override {
    Type f4 = Float4E2M1FNType::get(b.getContext());
    if (!f6f4x2 || !first.getType().isF32())
      return NarrowFloatTarget::buildF4PairFromF32(b, loc, first, second,
                                                   mayBeNaN);
    // PTX puts the first source in the upper nibble: element 2i + 1 first.
    // Named values keep the IR order independent of the compiler's argument
    // evaluation order.
    Value lower = mayBeNaN ? sanitizeNaN(b, loc, first, f4) : first;
    Value upper = mayBeNaN ? sanitizeNaN(b, loc, second, f4) : second;
    return convertPair(b, loc, f4, upper, lower);
  }

private:
  bool hasInstruction(Type format) const {
    if (isa<Float8E4M3FNType, Float8E5M2Type>(format))
      return f8x2;
    if (isa<Float6E2M3FNType, Float6E3M2FNType, Float4E2M1FNType>(format))
      return f6f4x2;
    return false;
  }

  /// The formats without NaN take NaN as +0.0, whose code (+0) is the specified
  /// result for them; PTX leaves their NaN result unspecified.
  static Value sanitizeNaN(OpBuilder &b, Location loc, Value value,
                           Type format) {
    if (getNarrowFloatFormat(format)->nanCode != 0)
      return value;
    Value isNaN =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, value, value);
    return arith::SelectOp::create(
        b, loc, isNaN, createF32Constant(b, loc, value.getType(), 0.0f), value);
  }

  /// f8: PTX gives some NaN of the format; quant_dyn wants 0x7F.
  static Value selectNaNCode(OpBuilder &b, Location loc, Value value,
                             Type format, Value code) {
    uint32_t nanCode = getNarrowFloatFormat(format)->nanCode;
    if (nanCode == 0)
      return code;
    Value isNaN =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, value, value);
    return arith::SelectOp::create(
        b, loc, isNaN, createI32Constant(b, loc, code.getType(), nanCode),
        code);
  }

  /// One cvt.rn.satfinite.<format>x2.f32: `upper`'s code in the upper byte
  /// (nibble for f4) of an i16 (i8 for f4), `lower`'s in the lower one.
  static Value convertPair(OpBuilder &b, Location loc, Type format, Value upper,
                           Value lower) {
    if (isa<Float8E4M3FNType, Float8E5M2Type>(format))
      return NVVM::ConvertF32x2ToF8x2Op::create(
          b, loc, b.getI16Type(), upper, lower, NVVM::FPRoundingMode::RN,
          NVVM::SaturationMode::SATFINITE, /*relu=*/false, format);
    if (isa<Float6E2M3FNType, Float6E3M2FNType>(format))
      return NVVM::ConvertF32x2ToF6x2Op::create(b, loc, b.getI16Type(), upper,
                                                lower, /*relu=*/false, format);
    return NVVM::ConvertF32x2ToF4x2Op::create(b, loc, b.getI8Type(), upper,
                                              lower, /*relu=*/false, format);
  }

  bool f8x2;   // cvt.rn.satfinite.{e4m3x2,e5m2x2}.f32
  bool f6f4x2; // cvt.rn.satfinite.{e2m3x2,e3m2x2,e2m1x2}.f32
};

} // namespace

std::unique_ptr<NarrowFloatTarget>
mlir::quant_dyn::createNVVMNarrowFloatTarget(const NVVMChip &chip,
                                             StringRef features) {
  // The availability LLVM's NVPTX backend selects the instructions with
  // (and ptxas accepts); see NVVMChip.
  bool f8x2 = chip.hasF8x2Conversions(NVVMChip::getPTXVersion(features));
  bool f6f4x2 = chip.hasF6F4x2Conversions();
  if (!f8x2 && !f6f4x2)
    return std::make_unique<NarrowFloatTarget>();
  return std::make_unique<NVVMNarrowFloatTarget>(f8x2, f6f4x2);
}

//===----------------------------------------------------------------------===//
// Interfaces of the NVVM conversion ops
//===----------------------------------------------------------------------===//

namespace {
template <typename OpTy>
struct NoMemoryEffectModel
    : public MemoryEffectOpInterface::ExternalModel<NoMemoryEffectModel<OpTy>,
                                                    OpTy> {
  void
  getEffects(Operation *,
             SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
                 &) const {}
};

template <typename OpTy>
struct SpeculatableModel
    : public ConditionallySpeculatable::ExternalModel<SpeculatableModel<OpTy>,
                                                      OpTy> {
  Speculation::Speculatability getSpeculatability(Operation *) const {
    return Speculation::Speculatable;
  }
};

template <typename... OpTys>
void attachPureModels(MLIRContext *ctx) {
  (OpTys::template attachInterface<NoMemoryEffectModel<OpTys>,
                                   SpeculatableModel<OpTys>>(*ctx),
   ...);
}
} // namespace

void mlir::quant_dyn::registerNVVMConversionOpInterfaces(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, NVVM::NVVMDialect *) {
    attachPureModels<NVVM::ConvertF32x2ToF8x2Op, NVVM::ConvertF32x2ToF6x2Op,
                     NVVM::ConvertF32x2ToF4x2Op>(ctx);
  });
}
