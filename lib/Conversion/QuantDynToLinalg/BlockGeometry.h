//===- BlockGeometry.h - Blocks as tensor dimensions ------------*- C++ -*-===//
//
// How the quant_dyn lowering views a tensor as blocks: padding to whole
// blocks, expanding every blocked dimension into (blocks, block) dimensions
// and back, and packing f4E2M1FN codes two per byte. Private to the
// conversion.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_BLOCKGEOMETRY_H
#define QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_BLOCKGEOMETRY_H

#include "quant-dyn/Dialect/QuantDyn/IR/QuantDynTypeRules.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Builders.h"

namespace mlir::quant_dyn::detail {

/// How a tensor of the blocked shape is viewed as blocks: every logical
/// dimension becomes one or two expanded dimensions, each either a "scale"
/// dimension (indexes the scales) or a "block" dimension (inside a block).
struct BlockGeometry {
  int64_t rank = 0;
  SmallVector<OpFoldResult> dims;      // logical extents
  SmallVector<int64_t> block;          // 1: unblocked, -1: whole, >1: block
  SmallVector<OpFoldResult> numBlocks; // scale extents
  SmallVector<OpFoldResult> padded;    // extents rounded up to whole blocks
  bool needsPad = false;

  // Expanded view of the padded tensor.
  SmallVector<ReassociationIndices> reassociation;
  SmallVector<OpFoldResult> expandedDims;
  SmallVector<bool> isScaleDim;
  // With a pair split, the innermost expanded dim is the f4 pair (size 2).
  bool pairSplit = false;
  // How the scale-layout dims (isScaleDim, in order) collapse to the scales.
  SmallVector<ReassociationIndices> scaleReassociation;

  // swizzled_128x4 only: the extents of the swizzled scales, and for each
  // of them the scale-layout dim it is (the scale-layout dims are the
  // swizzled dims in another order, so the scales are written through a
  // permutation, straight to their swizzled positions).
  SmallVector<OpFoldResult> swizzledScaleDims;
  SmallVector<unsigned> swizzledFromScaleLayout;
  bool isSwizzled() const { return !swizzledScaleDims.empty(); }

  SmallVector<OpFoldResult> scaleLayoutDims() const {
    SmallVector<OpFoldResult> result;
    for (auto [d, s] : llvm::zip_equal(expandedDims, isScaleDim))
      if (s)
        result.push_back(d);
    return result;
  }
};

/// The geometry of `tensor` under `blocking`. `wantPairSplit` asks for the
/// innermost expanded dimension to be the f4 pair where that is possible.
BlockGeometry computeGeometry(OpBuilder &b, Location loc, Value tensor,
                              const ResolvedBlocking &blocking,
                              bool wantPairSplit);

/// The geometry of `tensor` [(B,) M, K] under 1D blocking of `blockSize`
/// along K with the scales in the swizzled_128x4 layout: M is padded to
/// whole 128-row tiles and expanded to (M / 128, 4, 32), K to whole tiles
/// of 4 blocks and expanded to (S / 4, 4, block). Padding rows and blocks
/// are zeros, whose amax 0 gives scale code 0x00 (e4m3 and e8m0).
BlockGeometry computeSwizzledGeometry(OpBuilder &b, Location loc, Value tensor,
                                      int64_t blockSize, bool wantPairSplit);

/// The swizzled_128x4 scale extents [(B,) ceil(M/128), ceil(S/4), 32, 4, 4]
/// of row-major scale extents [(B,) M, S].
SmallVector<OpFoldResult> swizzledScaleDims(OpBuilder &b, Location loc,
                                            ArrayRef<OpFoldResult> linearDims);

/// `tensor` padded with `zero` to whole blocks (itself when none is partial).
Value padToBlocks(OpBuilder &b, Location loc, Value tensor,
                  const BlockGeometry &g, TypedAttr zero);

/// The padded `tensor` in the expanded (blocks, block) view.
Value expandToBlocks(OpBuilder &b, Location loc, Value tensor,
                     const BlockGeometry &g);

/// Collapses an expanded-layout tensor back to logical rank and slices off
/// the padding. `packedPairs`: the pair dimension is already packed away
/// (packed f4 bytes).
Value collapseFromBlocks(OpBuilder &b, Location loc, Value expanded,
                         const BlockGeometry &g, bool packedPairs);

/// Packs i8 codes 0..15 [.., n] into bytes [.., n/2] (element 2i low nibble).
Value packF4Codes(OpBuilder &b, Location loc, Value codes);

/// Unpacks bytes [.., n/2] into i8 codes 0..15 [.., n].
Value unpackF4Bytes(OpBuilder &b, Location loc, Value bytes,
                    ArrayRef<OpFoldResult> logicalDims);

} // namespace mlir::quant_dyn::detail

#endif // QUANT_DYN_LIB_CONVERSION_QUANTDYNTOLINALG_BLOCKGEOMETRY_H
