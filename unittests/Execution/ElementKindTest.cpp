//===- ElementKindTest.cpp - Element kinds of MLIR types ------------------===//
//
// getElementKind maps MLIR element types to host element kinds directly
// (no printing and parsing back): signless integers count as signed, and
// types without a host representation have no kind.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Compiler/Compiler.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

std::string print(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

TEST(ElementKindTest, MapsEveryHostType) {
  MLIRContext context;
  Builder b(&context);
  auto si = [&](unsigned width) {
    return IntegerType::get(&context, width, IntegerType::Signed);
  };
  auto ui = [&](unsigned width) {
    return IntegerType::get(&context, width, IntegerType::Unsigned);
  };
  std::pair<Type, ElementKind> cases[] = {
      {b.getF32Type(), ElementKind::F32},
      {b.getF16Type(), ElementKind::F16},
      {b.getBF16Type(), ElementKind::BF16},
      {b.getType<Float8E4M3FNType>(), ElementKind::F8E4M3FN},
      {b.getType<Float8E5M2Type>(), ElementKind::F8E5M2},
      {b.getType<Float8E8M0FNUType>(), ElementKind::F8E8M0FNU},
      {b.getType<Float6E2M3FNType>(), ElementKind::F6E2M3FN},
      {b.getType<Float6E3M2FNType>(), ElementKind::F6E3M2FN},
      {b.getType<Float4E2M1FNType>(), ElementKind::F4E2M1FN},
      {b.getI8Type(), ElementKind::SI8},
      {si(8), ElementKind::SI8},
      {ui(8), ElementKind::UI8},
      {b.getI32Type(), ElementKind::I32},
      {si(32), ElementKind::I32},
  };
  for (auto [type, kind] : cases) {
    std::optional<ElementKind> found = getElementKind(type);
    ASSERT_TRUE(found.has_value()) << "no kind for " << print(type);
    EXPECT_EQ(*found, kind) << "for " << print(type);
  }
}

TEST(ElementKindTest, RefusesTypesWithoutHostRepresentation) {
  MLIRContext context;
  Builder b(&context);
  Type types[] = {b.getF64Type(),
                  b.getIndexType(),
                  b.getI1Type(),
                  b.getI16Type(),
                  b.getI64Type(),
                  IntegerType::get(&context, 32, IntegerType::Unsigned),
                  b.getType<Float8E4M3FNUZType>(),
                  b.getTF32Type()};
  for (Type type : types)
    EXPECT_FALSE(getElementKind(type).has_value())
        << "unexpected kind for " << print(type);
}

} // namespace
