//===- QuantDynOpsTest.cpp - quant_dyn op builders and verifiers ----------===//
//
// Builds every quant_dyn op from C++ with the result-type-inferring builders,
// checks the inferred types against docs/Semantics.md section 3 (scale shapes
// with partial blocks, -1 entries, dynamic and zero-size dims), verifies the
// ops, and checks that invalid builds fail verification with the rule's
// message.
//
//===----------------------------------------------------------------------===//

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDyn.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::quant_dyn;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;

class QuantDynOpsTest : public ::testing::Test {
protected:
  QuantDynOpsTest() : builder(&context) {
    context.loadDialect<QuantDynDialect, func::FuncDialect>();
    loc = builder.getUnknownLoc();
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
  }

  /// Adds a function whose arguments have the given types and returns them;
  /// the builder then inserts into its body.
  SmallVector<Value> makeArgs(ArrayRef<Type> types) {
    auto funcType = builder.getFunctionType(types, {});
    std::string name = "f" + std::to_string(numFuncs++);
    builder.setInsertionPointToEnd(module->getBody());
    auto func = func::FuncOp::create(builder, loc, name, funcType);
    Block *entry = func.addEntryBlock();
    builder.setInsertionPointToStart(entry);
    func::ReturnOp::create(builder, loc);
    builder.setInsertionPointToStart(entry);
    return SmallVector<Value>(entry->getArguments());
  }

  RankedTensorType tensor(ArrayRef<int64_t> shape, Type elt) {
    return RankedTensorType::get(shape, elt);
  }

  /// Verifies `op` and returns the diagnostics it produced (empty: valid).
  std::vector<std::string> verifyAndCollect(Operation *op) {
    std::vector<std::string> messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      messages.push_back(diag.str());
      return success();
    });
    if (succeeded(verify(op)))
      EXPECT_TRUE(messages.empty());
    else
      EXPECT_FALSE(messages.empty());
    return messages;
  }

  void expectValid(Operation *op) {
    std::vector<std::string> messages = verifyAndCollect(op);
    EXPECT_TRUE(messages.empty()) << "unexpected diagnostic: " << messages[0];
  }

  /// Expects exactly one error that contains `expected`.
  void expectInvalid(Operation *op, StringRef expected) {
    std::vector<std::string> messages = verifyAndCollect(op);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_NE(messages[0].find(expected.str()), std::string::npos)
        << "got: " << messages[0] << "\nexpected to contain: "
        << expected.str();
  }

  /// A quantize op with explicit result types (the inferring builders
  /// require a blocking that fits the input).
  QuantizeOp createQuantize(Value input, Type dataType, Type scaleType,
                            std::optional<int64_t> axis,
                            std::optional<int64_t> blockSize,
                            std::optional<ArrayRef<int64_t>> blockShape) {
    return QuantizeOp::create(
        builder, loc, dataType, scaleType, input, /*double_quant_scale=*/Value(),
        axis ? builder.getI64IntegerAttr(*axis) : IntegerAttr(),
        blockSize ? builder.getI64IntegerAttr(*blockSize) : IntegerAttr(),
        blockShape ? builder.getDenseI64ArrayAttr(*blockShape)
                   : DenseI64ArrayAttr(),
        ScaleRoundingAttr());
  }

  /// The diagnostics of QuantizeOp::inferResultTypes (which must fail).
  std::vector<std::string> inferFailure(RankedTensorType inputType,
                                        const BlockingSpec &spec) {
    std::vector<std::string> messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      messages.push_back(diag.str());
      return success();
    });
    EXPECT_TRUE(failed(
        QuantizeOp::inferResultTypes(loc, inputType, si8, f32, spec)));
    return messages;
  }

  MLIRContext context;
  OpBuilder builder;
  Location loc = UnknownLoc::get(&context);
  OwningOpRef<ModuleOp> module;
  int numFuncs = 0;

  Type f16 = Float16Type::get(&context);
  Type bf16 = BFloat16Type::get(&context);
  Type f32 = Float32Type::get(&context);
  Type f4 = Float4E2M1FNType::get(&context);
  Type f6e2m3 = Float6E2M3FNType::get(&context);
  Type f6e3m2 = Float6E3M2FNType::get(&context);
  Type e4m3 = Float8E4M3FNType::get(&context);
  Type e5m2 = Float8E5M2Type::get(&context);
  Type e8m0 = Float8E8M0FNUType::get(&context);
  Type si8 = IntegerType::get(&context, 8, IntegerType::Signed);
  Type ui8 = IntegerType::get(&context, 8, IntegerType::Unsigned);
  Type i8 = IntegerType::get(&context, 8);
  Type si32 = IntegerType::get(&context, 32, IntegerType::Signed);
};

//===----------------------------------------------------------------------===//
// QuantizeOp, 1D blocks
//===----------------------------------------------------------------------===//

TEST_F(QuantDynOpsTest, QuantizeNvfp4) {
  auto args = makeArgs({tensor({2, 32}, f32), tensor({}, f32)});
  auto op = QuantizeOp::create(builder, loc, args[0], args[1], f4, e4m3,
                               /*axis=*/1, /*blockSize=*/16);
  EXPECT_EQ(op.getData().getType(), tensor({2, 32}, f4));
  EXPECT_EQ(op.getScales().getType(), tensor({2, 2}, e4m3));
  EXPECT_EQ(op.getAxis(), std::optional<int64_t>(1));
  EXPECT_EQ(op.getBlockSize(), std::optional<int64_t>(16));
  EXPECT_FALSE(op.getBlockShape().has_value());
  EXPECT_FALSE(op.getScaleRounding().has_value());
  BlockingSpec spec = op.getBlocking();
  EXPECT_TRUE(spec.is1D());
  EXPECT_EQ(spec.axis, std::optional<int64_t>(1));
  EXPECT_EQ(spec.blockSize, std::optional<int64_t>(16));
  EXPECT_FALSE(spec.blockShape.has_value());
  expectValid(op);
}

TEST_F(QuantDynOpsTest, QuantizeMxNegativeAxisRank3) {
  auto args = makeArgs({tensor({4, 64, 8}, bf16)});
  auto op = QuantizeOp::create(builder, loc, args[0], Value(), e5m2, e8m0,
                               /*axis=*/-2, /*blockSize=*/32,
                               ScaleRounding::rceil);
  EXPECT_EQ(op.getData().getType(), tensor({4, 64, 8}, e5m2));
  EXPECT_EQ(op.getScales().getType(), tensor({4, 2, 8}, e8m0));
  EXPECT_EQ(op.getScaleRounding(),
            std::optional<ScaleRounding>(ScaleRounding::rceil));
  expectValid(op);
}

TEST_F(QuantDynOpsTest, QuantizeDynamic1D) {
  auto args = makeArgs({tensor({kDyn, 32}, f16), tensor({1}, f16),
                        tensor({4, kDyn}, f32)});
  auto dynRows = QuantizeOp::create(builder, loc, args[0], args[1], f4, e4m3,
                                    /*axis=*/1, /*blockSize=*/16);
  EXPECT_EQ(dynRows.getScales().getType(), tensor({kDyn, 2}, e4m3));
  expectValid(dynRows);
  // A dynamic extent along the axis gives a dynamic scale extent.
  auto dynAxis = QuantizeOp::create(builder, loc, args[2], Value(), si8, f32,
                                    /*axis=*/-1, /*blockSize=*/7);
  EXPECT_EQ(dynAxis.getScales().getType(), tensor({4, kDyn}, f32));
  expectValid(dynAxis);
}

TEST_F(QuantDynOpsTest, QuantizeEveryDataTypeWithFloatScales) {
  for (Type input : {f16, bf16, f32}) {
    for (Type data : {f4, f6e2m3, f6e3m2, e4m3, e5m2, si8}) {
      for (Type scale : {f32, f16, bf16}) {
        auto args = makeArgs({tensor({3, 24}, input)});
        auto op = QuantizeOp::create(builder, loc, args[0], Value(), data,
                                     scale, /*axis=*/0, /*blockSize=*/3);
        EXPECT_EQ(op.getScales().getType(), tensor({1, 24}, scale));
        expectValid(op);
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// QuantizeOp, N-D blocks
//===----------------------------------------------------------------------===//

TEST_F(QuantDynOpsTest, QuantizeBlockShapePartialBlocks) {
  auto args = makeArgs({tensor({8, 8}, f32), tensor({10, 7}, f32)});
  auto op = QuantizeOp::create(builder, loc, args[0], Value(), e4m3, f32,
                               ArrayRef<int64_t>{4, 3});
  EXPECT_EQ(op.getData().getType(), tensor({8, 8}, e4m3));
  // ceil(8 / 3) = 3: the edge block is partial.
  EXPECT_EQ(op.getScales().getType(), tensor({2, 3}, f32));
  EXPECT_FALSE(op.getAxis().has_value());
  EXPECT_FALSE(op.getBlockSize().has_value());
  ASSERT_TRUE(op.getBlockShape().has_value());
  EXPECT_EQ(SmallVector<int64_t>(*op.getBlockShape()),
            (SmallVector<int64_t>{4, 3}));
  EXPECT_FALSE(op.getBlocking().is1D());
  expectValid(op);

  // -1 covers the whole extent; a block larger than the extent is one block.
  auto wide = QuantizeOp::create(builder, loc, args[1], Value(), si8, bf16,
                                 ArrayRef<int64_t>{-1, 100});
  EXPECT_EQ(wide.getScales().getType(), tensor({1, 1}, bf16));
  expectValid(wide);
}

TEST_F(QuantDynOpsTest, QuantizeBlockShapeRank3And4) {
  auto args = makeArgs({tensor({5, 9, 16}, bf16), tensor({2, 3, 17, 33}, f32),
                        tensor({}, f32)});
  auto rank3 = QuantizeOp::create(builder, loc, args[0], Value(), f6e3m2,
                                  e8m0, ArrayRef<int64_t>{2, -1, 4},
                                  ScaleRounding::floor);
  EXPECT_EQ(rank3.getScales().getType(), tensor({3, 1, 4}, e8m0));
  expectValid(rank3);

  auto rank4 = QuantizeOp::create(builder, loc, args[1], Value(), e4m3, f32,
                                  ArrayRef<int64_t>{-1, 1, 4, 16});
  EXPECT_EQ(rank4.getScales().getType(), tensor({1, 3, 5, 3}, f32));
  expectValid(rank4);
}

TEST_F(QuantDynOpsTest, QuantizeBlockShapeNvfp4Weights) {
  auto args = makeArgs({tensor({64, 32}, f16), tensor({}, f32)});
  auto op = QuantizeOp::create(builder, loc, args[0], args[1], f4, e4m3,
                               ArrayRef<int64_t>{16, 16});
  EXPECT_EQ(op.getScales().getType(), tensor({4, 2}, e4m3));
  expectValid(op);
}

TEST_F(QuantDynOpsTest, QuantizeBlockShapeDynamic) {
  auto args = makeArgs({tensor({kDyn, kDyn, 8}, f32)});
  auto op = QuantizeOp::create(builder, loc, args[0], Value(), si8, f32,
                               ArrayRef<int64_t>{4, -1, 3});
  // A -1 entry gives 1 even over a dynamic extent.
  EXPECT_EQ(op.getScales().getType(), tensor({kDyn, 1, 3}, f32));
  expectValid(op);
}

TEST_F(QuantDynOpsTest, QuantizeZeroSize) {
  auto args = makeArgs({tensor({0, 8}, f32), tensor({4, 0}, f32)});
  auto blocks = QuantizeOp::create(builder, loc, args[0], Value(), si8, f32,
                                   ArrayRef<int64_t>{4, 3});
  EXPECT_EQ(blocks.getScales().getType(), tensor({0, 3}, f32));
  expectValid(blocks);
  auto whole = QuantizeOp::create(builder, loc, args[0], Value(), si8, f32,
                                  ArrayRef<int64_t>{-1, -1});
  EXPECT_EQ(whole.getScales().getType(), tensor({1, 1}, f32));
  expectValid(whole);
  auto oneD = QuantizeOp::create(builder, loc, args[1], Value(), e4m3, e8m0,
                                 /*axis=*/1, /*blockSize=*/32);
  EXPECT_EQ(oneD.getScales().getType(), tensor({4, 0}, e8m0));
  expectValid(oneD);
}

TEST_F(QuantDynOpsTest, QuantizeHugeBlockShapeDoesNotOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  auto args = makeArgs({tensor({8, 8}, f32)});
  auto op = QuantizeOp::create(builder, loc, args[0], Value(), e4m3, f32,
                               ArrayRef<int64_t>{kMax, kMax - 1});
  EXPECT_EQ(op.getScales().getType(), tensor({1, 1}, f32));
  expectValid(op);
}

//===----------------------------------------------------------------------===//
// DequantizeOp
//===----------------------------------------------------------------------===//

TEST_F(QuantDynOpsTest, DequantizeNvfp4) {
  auto args = makeArgs({tensor({2, 32}, f32), tensor({1}, f32)});
  auto q = QuantizeOp::create(builder, loc, args[0], args[1], f4, e4m3,
                              /*axis=*/1, /*blockSize=*/16);
  auto dq = DequantizeOp::create(builder, loc, q.getData(), q.getScales(),
                                 args[1], f32, /*axis=*/1, /*blockSize=*/16);
  EXPECT_EQ(dq.getOutput().getType(), tensor({2, 32}, f32));
  EXPECT_EQ(dq.getDoubleQuantScale(), args[1]);
  expectValid(q);
  expectValid(dq);
}

TEST_F(QuantDynOpsTest, DequantizeBlockShapeDynamic) {
  auto args = makeArgs({tensor({kDyn, 8}, si8), tensor({kDyn, 3}, f16)});
  auto dq = DequantizeOp::create(builder, loc, args[0], args[1], Value(), bf16,
                                 ArrayRef<int64_t>{4, 3});
  EXPECT_EQ(dq.getOutput().getType(), tensor({kDyn, 8}, bf16));
  ASSERT_TRUE(dq.getBlockShape().has_value());
  expectValid(dq);
}

TEST_F(QuantDynOpsTest, DequantizeMxRoundTripThroughBuilders) {
  auto args = makeArgs({tensor({4, 8, 64}, bf16)});
  auto q = QuantizeOp::create(builder, loc, args[0], Value(), e4m3, e8m0,
                              /*axis=*/2, /*blockSize=*/32);
  auto dq = DequantizeOp::create(builder, loc, q.getData(), q.getScales(),
                                 Value(), bf16, /*axis=*/2, /*blockSize=*/32);
  EXPECT_EQ(q.getScales().getType(), tensor({4, 8, 2}, e8m0));
  EXPECT_EQ(dq.getOutput().getType(), args[0].getType());
  // The whole module verifies, and prints and parses back to the same text.
  ASSERT_TRUE(succeeded(verify(*module)));
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);
  OwningOpRef<ModuleOp> reparsed = parseSourceString<ModuleOp>(printed, &context);
  ASSERT_TRUE(reparsed);
  std::string reprinted;
  llvm::raw_string_ostream os2(reprinted);
  reparsed->print(os2);
  EXPECT_EQ(printed, reprinted);
  EXPECT_NE(printed.find("quant_dyn.dequantize"), std::string::npos);
}

//===----------------------------------------------------------------------===//
// scale_layout = swizzled_128x4
//===----------------------------------------------------------------------===//

TEST_F(QuantDynOpsTest, SwizzledBuildersInferScaleShape) {
  auto args = makeArgs({tensor({300, 256}, bf16), tensor({}, f32),
                        tensor({2, 130, 96}, f32), tensor({kDyn, kDyn}, f16)});
  auto nvfp4 = QuantizeOp::create(builder, loc, args[0], args[1], f4, e4m3,
                                  /*axis=*/1, /*blockSize=*/16, std::nullopt,
                                  ScaleLayout::swizzled_128x4);
  EXPECT_EQ(nvfp4.getScales().getType(), tensor({3, 4, 32, 4, 4}, e4m3));
  EXPECT_EQ(nvfp4.getScaleLayout(), ScaleLayout::swizzled_128x4);
  expectValid(nvfp4);
  // Rank 3, a partial row tile, S = 3 (not a multiple of 4), negative axis.
  auto mx = QuantizeOp::create(builder, loc, args[2], Value(), e4m3, e8m0,
                               /*axis=*/-1, /*blockSize=*/32,
                               ScaleRounding::rceil,
                               ScaleLayout::swizzled_128x4);
  EXPECT_EQ(mx.getScales().getType(), tensor({2, 2, 1, 32, 4, 4}, e8m0));
  expectValid(mx);
  // Dynamic M and K give dynamic tile counts; the tile dims stay static.
  auto dyn = QuantizeOp::create(builder, loc, args[3], args[1], f4, e4m3,
                                /*axis=*/1, /*blockSize=*/16, std::nullopt,
                                ScaleLayout::swizzled_128x4);
  EXPECT_EQ(dyn.getScales().getType(),
            tensor({kDyn, kDyn, 32, 4, 4}, e4m3));
  expectValid(dyn);

  auto dq = DequantizeOp::create(builder, loc, mx.getData(), mx.getScales(),
                                 Value(), f16, /*axis=*/2, /*blockSize=*/32,
                                 ScaleLayout::swizzled_128x4);
  EXPECT_EQ(dq.getOutput().getType(), tensor({2, 130, 96}, f16));
  EXPECT_EQ(dq.getScaleLayout(), ScaleLayout::swizzled_128x4);
  expectValid(dq);

  // The default layout is linear and is not printed; the swizzled one
  // prints in the attr-dict.
  auto linear = QuantizeOp::create(builder, loc, args[0], args[1], f4, e4m3,
                                   /*axis=*/1, /*blockSize=*/16);
  EXPECT_EQ(linear.getScaleLayout(), ScaleLayout::linear);
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);
  EXPECT_NE(printed.find("scale_layout = #quant_dyn.scale_layout<"
                         "swizzled_128x4>"),
            std::string::npos);
  EXPECT_EQ(printed.find("scale_layout<linear>"), std::string::npos);
  OwningOpRef<ModuleOp> reparsed =
      parseSourceString<ModuleOp>(printed, &context);
  ASSERT_TRUE(reparsed);
  std::string reprinted;
  llvm::raw_string_ostream os2(reprinted);
  reparsed->print(os2);
  EXPECT_EQ(printed, reprinted);
}

TEST_F(QuantDynOpsTest, InvalidSwizzledLayouts) {
  // The inferring builders require a legal layout: inferResultTypes reports
  // the layout rule (and the builders would stop on it).
  auto layoutFailure = [&](Type dataElt, Type scaleElt, int64_t axis) {
    std::vector<std::string> messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      messages.push_back(diag.str());
      return success();
    });
    BlockingSpec spec;
    spec.axis = axis;
    spec.blockSize = 16;
    EXPECT_TRUE(failed(QuantizeOp::inferResultTypes(
        loc, tensor({256, 64}, f32), dataElt, scaleElt, spec,
        ScaleLayout::swizzled_128x4)));
    return messages;
  };
  EXPECT_EQ(layoutFailure(si8, f32, /*axis=*/1),
            std::vector<std::string>{
                "scale_layout swizzled_128x4 requires f8E4M3FN or f8E8M0FNU "
                "scales, but the scales are 'f32'"});
  EXPECT_EQ(layoutFailure(f4, e4m3, /*axis=*/0),
            std::vector<std::string>{
                "scale_layout swizzled_128x4 requires 'axis' to be the last "
                "dimension (1 or -1), but it is dimension 0"});
  // A wrong scale shape given to a dequantize.
  auto scales = makeArgs({tensor({256, 64}, f4), tensor({2, 4, 32, 4, 4}, e4m3),
                          tensor({}, f32)});
  auto dq = DequantizeOp::create(builder, loc, scales[0], scales[1], scales[2],
                                 f32, /*axis=*/1, /*blockSize=*/16,
                                 ScaleLayout::swizzled_128x4);
  expectInvalid(dq, "swizzled_128x4 scales dimension 1 (column tiles "
                    "ceil(S/4)) must be 1, but got 4");
}

//===----------------------------------------------------------------------===//
// Linear ops
//===----------------------------------------------------------------------===//

TEST_F(QuantDynOpsTest, QuantizeLinearPerChannel) {
  auto args = makeArgs({tensor({4, 3}, f32), tensor({3}, f32),
                        tensor({3}, ui8)});
  auto op = QuantizeLinearOp::create(builder, loc, args[0], args[1], args[2],
                                     ui8, QType::per_channel, /*axis=*/1);
  EXPECT_EQ(op.getOutput().getType(), tensor({4, 3}, ui8));
  EXPECT_EQ(op.getQtype(), QType::per_channel);
  EXPECT_EQ(op.getNormalizedChannelAxis(), std::optional<int64_t>(1));
  expectValid(op);
}

TEST_F(QuantDynOpsTest, QuantizeLinearPerTensorAndNegativeAxis) {
  auto args = makeArgs({tensor({kDyn, 4, 3}, bf16), tensor({1}, f32),
                        tensor({4}, f16), tensor({4}, si32)});
  auto perTensor = QuantizeLinearOp::create(builder, loc, args[0], args[1],
                                            Value(), si8, QType::per_tensor);
  EXPECT_EQ(perTensor.getOutput().getType(), tensor({kDyn, 4, 3}, si8));
  EXPECT_EQ(perTensor.getAxis(), 1);
  EXPECT_FALSE(perTensor.getNormalizedChannelAxis().has_value());
  expectValid(perTensor);

  auto negative = QuantizeLinearOp::create(builder, loc, args[0], args[2],
                                           args[3], i8, QType::per_channel,
                                           /*axis=*/-2);
  EXPECT_EQ(negative.getNormalizedChannelAxis(), std::optional<int64_t>(1));
  expectValid(negative);
}

TEST_F(QuantDynOpsTest, DequantizeLinear) {
  auto args = makeArgs({tensor({4, 3}, si8), tensor({1}, f32),
                        tensor({1}, si8), tensor({4}, bf16)});
  auto perTensor = DequantizeLinearOp::create(
      builder, loc, args[0], args[1], args[2], f32, QType::per_tensor);
  EXPECT_EQ(perTensor.getOutput().getType(), tensor({4, 3}, f32));
  expectValid(perTensor);

  auto perChannel = DequantizeLinearOp::create(builder, loc, args[0], args[3],
                                               Value(), f16,
                                               QType::per_channel, /*axis=*/0);
  EXPECT_EQ(perChannel.getOutput().getType(), tensor({4, 3}, f16));
  EXPECT_EQ(perChannel.getNormalizedChannelAxis(), std::optional<int64_t>(0));
  expectValid(perChannel);
}

//===----------------------------------------------------------------------===//
// Invalid builds fail verification with the rule's message
//===----------------------------------------------------------------------===//

TEST_F(QuantDynOpsTest, InvalidNvfp4WithoutDoubleQuantScale) {
  auto args = makeArgs({tensor({2, 32}, f32)});
  auto op = QuantizeOp::create(builder, loc, args[0], Value(), f4, e4m3,
                               /*axis=*/1, /*blockSize=*/16);
  expectInvalid(op, "f8E4M3FN scales (NVFP4) require the double_quant_scale "
                    "operand");
}

TEST_F(QuantDynOpsTest, InvalidAxis) {
  auto args = makeArgs({tensor({4, 8, 32}, f32)});
  auto op = createQuantize(args[0], tensor({4, 8, 32}, si8),
                           tensor({2, 8, 32}, f32), /*axis=*/0,
                           /*blockSize=*/2, std::nullopt);
  expectInvalid(op, "'axis' must be the last or second-to-last dimension "
                    "(one of 1, 2, -2, -1), but got 0");
}

TEST_F(QuantDynOpsTest, InferResultTypes) {
  BlockingSpec spec;
  spec.blockShape = SmallVector<int64_t>{4, 3};
  auto types = QuantizeOp::inferResultTypes(loc, tensor({8, 8}, f32), f4, e4m3,
                                            spec);
  ASSERT_TRUE(succeeded(types));
  EXPECT_EQ(types->first, tensor({8, 8}, f4));
  EXPECT_EQ(types->second, tensor({2, 3}, e4m3));
}

TEST_F(QuantDynOpsTest, InferResultTypesReportsTheBlockingRule) {
  // A blocking that does not fit fails with the verifier's message, once.
  BlockingSpec badAxis;
  badAxis.axis = 0;
  badAxis.blockSize = 2;
  std::vector<std::string> messages =
      inferFailure(tensor({4, 8, 32}, f32), badAxis);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("'axis' must be the last or second-to-last "
                             "dimension (one of 1, 2, -2, -1), but got 0"),
            std::string::npos)
      << messages[0];

  BlockingSpec notDivisible;
  notDivisible.axis = 1;
  notDivisible.blockSize = 32;
  messages = inferFailure(tensor({8, 40}, f32), notDivisible);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("extent 40 of dimension 1 (the 'axis') is not "
                             "divisible by 'block_size' 32"),
            std::string::npos)
      << messages[0];

  BlockingSpec zeroEntry;
  zeroEntry.blockShape = SmallVector<int64_t>{4, 0};
  messages = inferFailure(tensor({8, 32}, f32), zeroEntry);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("'block_shape' entry 1 must be positive or -1"),
            std::string::npos)
      << messages[0];
}

#if GTEST_HAS_DEATH_TEST
TEST_F(QuantDynOpsTest, InferringBuilderRejectsBadBlocking) {
  // The inferring builders used to build an op with made-up scale types;
  // now a blocking that does not fit is a caller bug that stops the build.
  auto args = makeArgs({tensor({8, 40}, f32)});
  EXPECT_DEATH(QuantizeOp::create(builder, loc, args[0], Value(), e4m3, e8m0,
                                  /*axis=*/1, /*blockSize=*/32),
               "the blocking does not fit the input");
  EXPECT_DEATH(QuantizeOp::create(builder, loc, args[0], Value(), si8, f32,
                                  ArrayRef<int64_t>{4, 0}),
               "the blocking does not fit the input");
}
#endif

TEST_F(QuantDynOpsTest, InvalidBlockShapeEntry) {
  auto args = makeArgs({tensor({8, 32}, f32)});
  auto op = createQuantize(args[0], tensor({8, 32}, si8), tensor({2, 32}, f32),
                           std::nullopt, std::nullopt,
                           ArrayRef<int64_t>{4, -2});
  expectInvalid(op, "'block_shape' entry 1 must be positive or -1 (whole "
                    "extent), but got -2");
}

TEST_F(QuantDynOpsTest, InvalidNotDivisible) {
  auto args = makeArgs({tensor({8, 40}, f32)});
  auto op = createQuantize(args[0], tensor({8, 40}, e4m3), tensor({8, 2}, e8m0),
                           /*axis=*/1, /*blockSize=*/32, std::nullopt);
  expectInvalid(op, "extent 40 of dimension 1 (the 'axis') is not divisible "
                    "by 'block_size' 32");
}

TEST_F(QuantDynOpsTest, InvalidScaleRoundingOnFloatScales) {
  auto args = makeArgs({tensor({8, 32}, f32)});
  auto op = QuantizeOp::create(builder, loc, args[0], Value(), e4m3, f32,
                               /*axis=*/1, /*blockSize=*/32,
                               ScaleRounding::rceil);
  expectInvalid(op, "'scale_rounding' is only legal with f8E8M0FNU scales, "
                    "but the scales are 'f32'");
}

TEST_F(QuantDynOpsTest, InvalidDequantizeScaleShape) {
  auto args = makeArgs({tensor({8, 8}, si8), tensor({2, 2}, f32)});
  auto op = DequantizeOp::create(builder, loc, args[0], args[1], Value(), f32,
                                 ArrayRef<int64_t>{4, 3});
  expectInvalid(op, "scales dimension 1 must be 3 (number of blocks along "
                    "it), but got 2");
}

TEST_F(QuantDynOpsTest, InvalidDequantizeResultType) {
  auto args = makeArgs({tensor({8, 32}, e4m3), tensor({8, 1}, e8m0)});
  auto op = DequantizeOp::create(builder, loc, args[0], args[1], Value(), si8,
                                 /*axis=*/1, /*blockSize=*/32);
  expectInvalid(op, "result element type must be f16, bf16 or f32, but got "
                    "'si8'");
}

TEST_F(QuantDynOpsTest, InvalidLinearScaleCount) {
  auto args = makeArgs({tensor({4, 3}, f32), tensor({4}, f32)});
  auto op = QuantizeLinearOp::create(builder, loc, args[0], args[1], Value(),
                                     ui8, QType::per_channel, /*axis=*/-1);
  EXPECT_EQ(op.getNormalizedChannelAxis(), std::optional<int64_t>(1));
  expectInvalid(op, "per_channel scales must hold one element per index of "
                    "dimension 1 (3), but hold 4");
}

TEST_F(QuantDynOpsTest, InvalidLinearAxisOutOfRange) {
  auto args = makeArgs({tensor({4, 3}, si8), tensor({3}, f32)});
  auto op = DequantizeLinearOp::create(builder, loc, args[0], args[1], Value(),
                                       f32, QType::per_channel, /*axis=*/2);
  EXPECT_FALSE(op.getNormalizedChannelAxis().has_value());
  expectInvalid(op, "per_channel 'axis' must be in [-2, 1], but got 2");
}

TEST_F(QuantDynOpsTest, InvalidLinearQuantizedType) {
  auto args = makeArgs({tensor({4, 3}, f32), tensor({1}, f32)});
  auto op = QuantizeLinearOp::create(builder, loc, args[0], args[1], Value(),
                                     si32, QType::per_tensor);
  expectInvalid(op, "quantized element type must be ui8, si8 or i8, but got "
                    "'si32'");
}

//===----------------------------------------------------------------------===//
// Shared shape rules (QuantDynTypeRules.h)
//===----------------------------------------------------------------------===//

TEST(QuantDynTypeRulesTest, NumBlocks) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(numBlocks(8, 3), 3);
  EXPECT_EQ(numBlocks(8, 4), 2);
  EXPECT_EQ(numBlocks(0, 4), 0);
  EXPECT_EQ(numBlocks(0, -1), 1);
  EXPECT_EQ(numBlocks(kDyn, -1), 1);
  EXPECT_EQ(numBlocks(kDyn, 4), kDyn);
  EXPECT_EQ(numBlocks(kMax - 1, kMax), 1);
  EXPECT_EQ(numBlocks(kMax, kMax - 1), 2);
  EXPECT_EQ(numBlocks(kMax, 1), kMax);
}

TEST(QuantDynTypeRulesTest, ResolveAndInfer) {
  MLIRContext context;
  auto noError = [&]() { return emitError(UnknownLoc::get(&context)); };

  BlockingSpec oneD;
  oneD.axis = -1;
  oneD.blockSize = 16;
  FailureOr<ResolvedBlocking> r = resolveBlocking(oneD, {3, 4, 64}, noError);
  ASSERT_TRUE(succeeded(r));
  EXPECT_TRUE(r->is1D);
  EXPECT_EQ(r->axis, 2);
  EXPECT_EQ(r->blockPerDim, (SmallVector<int64_t>{1, 1, 16}));
  EXPECT_EQ(inferScaleShape({3, 4, 64}, *r), (SmallVector<int64_t>{3, 4, 4}));

  BlockingSpec nd;
  nd.blockShape = SmallVector<int64_t>{-1, 4, 3};
  r = resolveBlocking(nd, {kDyn, kDyn, 10}, noError);
  ASSERT_TRUE(succeeded(r));
  EXPECT_FALSE(r->is1D);
  EXPECT_EQ(inferScaleShape({kDyn, kDyn, 10}, *r),
            (SmallVector<int64_t>{1, kDyn, 4}));

  // Errors go to the callback, one per call.
  std::vector<std::string> messages;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    messages.push_back(diag.str());
    return success();
  });
  BlockingSpec bad;
  bad.blockShape = SmallVector<int64_t>(1000, 1);
  EXPECT_TRUE(failed(resolveBlocking(bad, {8, 8}, noError)));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("one entry per input dimension (2), but has 1000"),
            std::string::npos);
}

TEST(QuantDynTypeRulesTest, SwizzledScaleShapeAndMap) {
  MLIRContext context;
  auto noError = [&]() { return emitError(UnknownLoc::get(&context)); };
  EXPECT_EQ(getSwizzledScaleShape({300, 16}),
            (SmallVector<int64_t>{3, 4, 32, 4, 4}));
  EXPECT_EQ(getSwizzledScaleShape({128, 4}),
            (SmallVector<int64_t>{1, 1, 32, 4, 4}));
  EXPECT_EQ(getSwizzledScaleShape({0, 5}),
            (SmallVector<int64_t>{0, 2, 32, 4, 4}));
  EXPECT_EQ(getSwizzledScaleShape({kDyn, 2, kDyn}),
            (SmallVector<int64_t>{kDyn, 1, kDyn, 32, 4, 4}));

  BlockingSpec oneD;
  oneD.axis = 2;
  oneD.blockSize = 32;
  FailureOr<ResolvedBlocking> r =
      resolveBlocking(oneD, {kDyn, 129, 96}, noError);
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(inferScaleShape({kDyn, 129, 96}, *r, ScaleLayout::swizzled_128x4),
            (SmallVector<int64_t>{kDyn, 2, 1, 32, 4, 4}));
  EXPECT_EQ(inferScaleShape({kDyn, 129, 96}, *r, ScaleLayout::linear),
            (SmallVector<int64_t>{kDyn, 129, 3}));
  Type e8m0 = Float8E8M0FNUType::get(&context);
  EXPECT_TRUE(succeeded(verifyScaleLayout(ScaleLayout::swizzled_128x4, *r, 3,
                                          e8m0, noError)));
  EXPECT_TRUE(succeeded(verifySwizzledScaleShape(
      {kDyn, 129, 96}, *r, {kDyn, 2, 1, 32, 4, 4}, noError)));
  // Static over dynamic B is checked at run time.
  EXPECT_TRUE(succeeded(verifySwizzledScaleShape(
      {kDyn, 129, 96}, *r, {5, 2, 1, 32, 4, 4}, noError)));

  // The map sends (m, j) to [m/128, j/4, m%32, (m%128)/32, j%4], for every
  // (m, j) of a 300 x 9 scale matrix, and is a bijection onto the real
  // positions (no two scales share a byte).
  AffineMap map = getSwizzledScaleMap(&context, 2);
  EXPECT_EQ(map.getNumDims(), 2u);
  EXPECT_EQ(map.getNumResults(), 5u);
  SmallVector<int64_t> shape = getSwizzledScaleShape({300, 9});
  std::vector<int> hits(3 * 3 * 32 * 4 * 4, 0);
  for (int64_t m = 0; m < 300; ++m)
    for (int64_t j = 0; j < 9; ++j) {
      auto pos = map.compose({m, j});
      ASSERT_EQ(pos, (SmallVector<int64_t>{m / 128, j / 4, m % 32,
                                           (m % 128) / 32, j % 4}));
      int64_t offset = 0;
      for (auto [p, extent] : llvm::zip_equal(pos, shape)) {
        ASSERT_LT(p, extent);
        offset = offset * extent + p;
      }
      ++hits[offset];
    }
  EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), 300 * 9);
  EXPECT_EQ(std::count(hits.begin(), hits.end(), 0),
            static_cast<long>(hits.size()) - 300 * 9);
  AffineMap batched = getSwizzledScaleMap(&context, 3);
  EXPECT_EQ(batched.compose({2, 200, 6}),
            (SmallVector<int64_t>{2, 1, 1, 8, 2, 2}));
}

TEST(QuantDynTypeRulesTest, ElementTypePredicates) {
  MLIRContext context;
  Builder b(&context);
  Type si8 = IntegerType::get(&context, 8, IntegerType::Signed);
  Type ui8 = IntegerType::get(&context, 8, IntegerType::Unsigned);
  EXPECT_TRUE(isBlockDataType(si8));
  EXPECT_FALSE(isBlockDataType(b.getI8Type()));
  EXPECT_FALSE(isBlockDataType(ui8));
  EXPECT_TRUE(isBlockDataType(b.getType<Float4E2M1FNType>()));
  EXPECT_FALSE(isBlockDataType(b.getType<Float8E4M3FNUZType>()));
  EXPECT_TRUE(isBlockScaleType(b.getType<Float8E8M0FNUType>()));
  EXPECT_FALSE(isBlockScaleType(b.getType<Float8E5M2Type>()));
  EXPECT_TRUE(isLinearQuantizedType(b.getI8Type()));
  EXPECT_FALSE(isLinearQuantizedType(b.getI32Type()));
  EXPECT_TRUE(isZeroPointType(b.getI32Type()));
  EXPECT_FALSE(isZeroPointType(b.getI16Type()));
  EXPECT_EQ(getQMax(b.getType<Float6E3M2FNType>()), 28.0);
  EXPECT_EQ(getQMax(si8), 127.0);
  EXPECT_EQ(getMXEmax(b.getType<Float8E5M2Type>()), 15);
}

} // namespace
