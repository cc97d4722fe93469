//===- QuantDynTypeRules.h - Shape and type rules of quant_dyn --*- C++ -*-===//
//
// The one place that knows how blocks, scales and element types relate. The
// verifiers, the result-type-inferring builders and the lowerings all call
// these functions, so they cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_DIALECT_QUANTDYN_IR_QUANTDYNTYPERULES_H
#define QUANT_DYN_DIALECT_QUANTDYN_IR_QUANTDYNTYPERULES_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace mlir::quant_dyn {

// Generated in QuantDynEnums.h.inc (QuantDynBase.td).
enum class ScaleLayout : uint32_t;

/// The blocking attributes of quantize / dequantize as written on the op.
struct BlockingSpec {
  std::optional<int64_t> axis;
  std::optional<int64_t> blockSize;
  std::optional<SmallVector<int64_t>> blockShape;

  bool is1D() const { return axis || blockSize; }
};

/// Block extents per dimension, resolved against an input shape: 1D mode
/// gives 1 on every dimension but the axis; a block_shape entry of -1 stays
/// -1 ("whole extent", which may be dynamic).
struct ResolvedBlocking {
  bool is1D = false;
  int64_t axis = -1; // normalized to [0, rank) in 1D mode
  SmallVector<int64_t> blockPerDim;
};

using EmitErrorFn = function_ref<InFlightDiagnostic()>;

/// Checks the blocking attributes against an input shape (docs/Semantics.md
/// section 3: mode, rank, axis, block_size, divisibility, block_shape entries).
FailureOr<ResolvedBlocking> resolveBlocking(const BlockingSpec &spec,
                                            ArrayRef<int64_t> shape,
                                            EmitErrorFn emitError);

/// The shape of the scales for an input shape and a valid blocking. A
/// dynamic input extent gives a dynamic scale extent unless the block covers
/// the whole extent (-1), which always gives 1.
SmallVector<int64_t> inferScaleShape(ArrayRef<int64_t> shape,
                                     const ResolvedBlocking &blocking);

/// Extents of one tile of the swizzled_128x4 scale layout: 128 rows by 4
/// scale columns, stored as [32, 4, 4] (row % 32, row / 32, column).
constexpr int64_t kSwizzleTileRows = 128;
constexpr int64_t kSwizzleTileCols = 4;
constexpr int64_t kSwizzleRowsPerGroup = 32;

/// Checks that `layout` is legal for a valid blocking and the scale element
/// type: swizzled_128x4 needs 1D blocking along the last dimension and
/// f8E4M3FN or f8E8M0FNU scales; linear is always legal. `rank` is the rank
/// of the blocked tensor.
LogicalResult verifyScaleLayout(ScaleLayout layout,
                                const ResolvedBlocking &blocking, int64_t rank,
                                Type scaleElementType, EmitErrorFn emitError);

/// The swizzled_128x4 shape of row-major scales of shape [M, S] or
/// [B, M, S]: [ceil(M/128), ceil(S/4), 32, 4, 4], B in front. Dynamic M, S
/// or B give dynamic dims.
SmallVector<int64_t> getSwizzledScaleShape(ArrayRef<int64_t> linearShape);

/// The shape of the i8 view of packed f4E2M1FN data of `shape` (the
/// storage_cast target): the innermost extent halved where it is static.
/// Also maps the offsets and sizes of a slice of the data to its bytes.
SmallVector<int64_t> getPackedF4ByteShape(ArrayRef<int64_t> shape);

/// The scale shape for `layout`: inferScaleShape for linear, its
/// getSwizzledScaleShape for swizzled_128x4 (which needs a blocking that
/// verifyScaleLayout accepts).
SmallVector<int64_t> inferScaleShape(ArrayRef<int64_t> shape,
                                     const ResolvedBlocking &blocking,
                                     ScaleLayout layout);

/// The position of row-major scale (b, m, j) (rank 3) or (m, j) (rank 2) in
/// the swizzled_128x4 layout: (b,) m floordiv 128, j floordiv 4, m mod 32,
/// (m mod 128) floordiv 32, j mod 4. `linearRank` is 2 or 3.
AffineMap getSwizzledScaleMap(MLIRContext *ctx, unsigned linearRank);

/// Number of blocks along one dimension: ceil(extent / block), without
/// overflow; a block of -1 gives 1; extent 0 gives 0 (unless block is -1).
int64_t numBlocks(int64_t extent, int64_t block);

/// Element type predicates of the dialect's type rules.
bool isQuantizeInputType(Type type); // f16, bf16, f32
bool isBlockDataType(Type type);     // f4E2M1FN, f8E4M3FN, f8E5M2, f6*, si8
bool isBlockScaleType(Type type);    // f8E4M3FN, f8E8M0FNU, f32, f16, bf16
bool isLinearQuantizedType(Type type); // ui8, si8, i8
bool isZeroPointType(Type type);       // si8, i8, ui8, si32, i32

/// qmax of a block data type (6 for f4E2M1FN, ..., 127 for si8).
double getQMax(Type dataType);
/// emax of a float data type for the f8E8M0FNU scale rule.
int getMXEmax(Type dataType);

/// Verifies that `actual` has the inferred scale shape, for `what`
/// ("scales"). `inputShape` tells which dimensions may be dynamic.
LogicalResult verifyScaleShape(ArrayRef<int64_t> inputShape,
                               ArrayRef<int64_t> inferred,
                               ArrayRef<int64_t> actual, EmitErrorFn emitError);

/// Verifies that `actual` is the swizzled_128x4 scale shape for a blocked
/// tensor of shape `inputShape` under a valid 1D `blocking` along its last
/// dimension. A dynamic scale dim needs the input dim it derives from (B, M
/// or K) to be dynamic; a static one over a dynamic input dim is checked at
/// run time; the tile dims are always 32, 4, 4.
LogicalResult verifySwizzledScaleShape(ArrayRef<int64_t> inputShape,
                                       const ResolvedBlocking &blocking,
                                       ArrayRef<int64_t> actual,
                                       EmitErrorFn emitError);

/// Verifies that two shapes are compatible (same rank; equal where both are
/// static). `lhsName` / `rhsName` name the tensors in the diagnostic.
LogicalResult verifyCompatibleShapes(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs,
                                     StringRef lhsName, StringRef rhsName,
                                     EmitErrorFn emitError);

} // namespace mlir::quant_dyn

#endif // QUANT_DYN_DIALECT_QUANTDYN_IR_QUANTDYNTYPERULES_H
