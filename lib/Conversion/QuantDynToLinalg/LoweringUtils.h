//===- LoweringUtils.h - IR helpers of the quant_dyn lowering ---*- C++ -*-===//
//
// Small IR builders shared by the quant_dyn -> linalg patterns: index
// arithmetic on OpFoldResults, tensor creation, storage casts, and the
// element conversions used inside the linalg.generic bodies. Private to the
// conversion.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_LOWERINGUTILS_H
#define QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_LOWERINGUTILS_H

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynTypeRules.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::quant_dyn::detail {

//===----------------------------------------------------------------------===//
// Index arithmetic and tensors
//===----------------------------------------------------------------------===//

Value indexConst(OpBuilder &b, Location loc, int64_t v);
Value toValue(OpBuilder &b, Location loc, OpFoldResult ofr);

/// `expr` (over symbols) applied to `operands`, folded when they are
/// constants.
OpFoldResult applyMap(OpBuilder &b, Location loc, AffineExpr expr,
                      ArrayRef<OpFoldResult> operands);
OpFoldResult ceilDiv(OpBuilder &b, Location loc, OpFoldResult a, int64_t d);
OpFoldResult floorDiv(OpBuilder &b, Location loc, OpFoldResult a, int64_t d);
OpFoldResult mul(OpBuilder &b, Location loc, OpFoldResult a, int64_t m);

/// The static shape of `dims` (kDynamic for the non-constant ones).
SmallVector<int64_t> staticShape(ArrayRef<OpFoldResult> dims);

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                  Type elementType);
Value filledTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> dims,
                   Type elementType, TypedAttr value);

/// Reinterprets `value`'s storage with another element type (and, for
/// f4E2M1FN <-> i8, the packed innermost extent).
Value storageCast(OpBuilder &b, Location loc, Value value, Type elementType,
                  ArrayRef<OpFoldResult> dims);

/// `value` as `type` (a tensor.cast when they differ).
Value castTo(OpBuilder &b, Location loc, Value value, Type type);

/// The source of a tensor.cast that erased static sizes, else `tensor`:
/// tensor.dim folds through the cast to those sizes, and the block views
/// built from them (expand_shape, pad) need the static source type.
Value castToKnownSizes(Value tensor);

/// The element type the generics compute on for a tensor element type: arith
/// has no signed or unsigned integers, and f4E2M1FN is stored packed.
Type storageElementType(Type type);

SmallVector<utils::IteratorType> iterators(ArrayRef<bool> isParallel);

/// The map of `numDims` dims onto the dims where `keep` is true.
AffineMap projection(MLIRContext *ctx, int64_t numDims, ArrayRef<bool> keep);

/// The blocking of an op that verified (so it resolves).
ResolvedBlocking resolveVerified(const BlockingSpec &spec,
                                 ArrayRef<int64_t> shape, Operation *op);

//===----------------------------------------------------------------------===//
// Element conversions used inside the generic bodies
//===----------------------------------------------------------------------===//

/// The bits of an integer or float scalar zero-extended to i32.
Value i32Of(OpBuilder &b, Location loc, Value v);

/// f16 / bf16 / f32 -> f32 (exact).
Value extendToF32(OpBuilder &b, Location loc, Value v);

/// f32 -> f32, f16 or bf16 with IEEE round to nearest even (overflow to Inf)
/// and canonical NaN.
Value f32ToFloatType(OpBuilder &b, Location loc, Value v, Type floatType);

/// Narrow-typed element (as stored) -> exact f32.
Value narrowToF32(OpBuilder &b, Location loc, Value v, Type logicalType);

/// i32 code -> the storage element type of a generic's output.
Value codeToStorage(OpBuilder &b, Location loc, Value code, Type storageType);

/// The double quantization scale (a one-element tensor) as an f32 scalar.
Value extractScalarF32(OpBuilder &b, Location loc, Value tensor);

} // namespace mlir::quant_dyn::detail

#endif // QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_LOWERINGUTILS_H
