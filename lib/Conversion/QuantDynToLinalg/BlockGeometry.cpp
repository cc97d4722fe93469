//===- BlockGeometry.cpp - Blocks as tensor dimensions --------------------===//
//
// See BlockGeometry.h.
//
//===----------------------------------------------------------------------===//

#include "BlockGeometry.h"

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace mlir::quant_dyn::detail {

BlockGeometry computeGeometry(OpBuilder &b, Location loc, Value tensor,
                              const ResolvedBlocking &blocking,
                              bool wantPairSplit) {
  BlockGeometry g;
  auto type = cast<RankedTensorType>(tensor.getType());
  g.rank = type.getRank();
  g.dims = tensor::getMixedSizes(b, loc, tensor);
  for (int64_t i = 0; i < g.rank; ++i) {
    int64_t blk = blocking.blockPerDim[i];
    // A whole-extent block over a static extent of 1 or less is still -1.
    g.block.push_back(blk);
    if (blk == 1) {
      g.numBlocks.push_back(g.dims[i]);
      g.padded.push_back(g.dims[i]);
    } else if (blk == -1) {
      g.numBlocks.push_back(b.getIndexAttr(1));
      g.padded.push_back(g.dims[i]);
    } else if (blocking.is1D) {
      // Divisibility is verified (static) or checked at run time.
      g.numBlocks.push_back(floorDiv(b, loc, g.dims[i], blk));
      g.padded.push_back(g.dims[i]);
    } else {
      OpFoldResult nb = ceilDiv(b, loc, g.dims[i], blk);
      g.numBlocks.push_back(nb);
      OpFoldResult p = mul(b, loc, nb, blk);
      g.padded.push_back(p);
      auto pc = getConstantIntValue(p), dc = getConstantIntValue(g.dims[i]);
      if (!pc || !dc || *pc != *dc)
        g.needsPad = true;
    }
  }

  // Pair split for packed f4: the innermost expanded dimension must have an
  // even extent that lies within one block. An unblocked innermost dim
  // (block 1) is not split: its two elements of a byte belong to different
  // blocks, so the pair would be a scale dim that the quantization generic
  // reduces over, and the block loop (which tiles every scale dim in
  // parallel) would race on the byte. Such data is packed after the blocks
  // are collapsed, as for odd blocks.
  int64_t last = g.rank - 1;
  int64_t lastBlock = g.block[last];
  g.pairSplit = wantPairSplit && (lastBlock == -1 ||
                                  (lastBlock > 1 && lastBlock % 2 == 0));

  for (int64_t i = 0; i < g.rank; ++i) {
    ReassociationIndices group;
    auto push = [&](OpFoldResult extent, bool scale) {
      group.push_back(g.expandedDims.size());
      g.expandedDims.push_back(extent);
      g.isScaleDim.push_back(scale);
    };
    int64_t blk = g.block[i];
    bool split = g.pairSplit && i == last;
    if (blk == 1) {
      if (split) {
        push(floorDiv(b, loc, g.dims[i], 2), true);
        push(b.getIndexAttr(2), true);
      } else {
        push(g.dims[i], true);
      }
    } else {
      OpFoldResult inner = blk == -1 ? g.dims[i] : b.getIndexAttr(blk);
      push(blk == -1 ? b.getIndexAttr(1) : g.numBlocks[i], true);
      if (split) {
        push(blk == -1 ? floorDiv(b, loc, g.dims[i], 2)
                       : OpFoldResult(b.getIndexAttr(blk / 2)),
             false);
        push(b.getIndexAttr(2), false);
      } else {
        push(inner, false);
      }
    }
    g.reassociation.push_back(group);
  }

  // Scale layout -> scales: one scale-layout dim per scale dim (a split
  // unblocked innermost dim would have two).
  int64_t next = 0;
  for (int64_t i = 0; i < g.rank; ++i) {
    ReassociationIndices group{next++};
    if (i == last && g.pairSplit && lastBlock == 1)
      group.push_back(next++);
    g.scaleReassociation.push_back(group);
  }
  return g;
}

SmallVector<OpFoldResult> swizzledScaleDims(OpBuilder &b, Location loc,
                                            ArrayRef<OpFoldResult> linearDims) {
  size_t rank = linearDims.size();
  SmallVector<OpFoldResult> dims(linearDims.begin(), linearDims.end() - 2);
  dims.push_back(ceilDiv(b, loc, linearDims[rank - 2], kSwizzleTileRows));
  dims.push_back(ceilDiv(b, loc, linearDims[rank - 1], kSwizzleTileCols));
  dims.push_back(b.getIndexAttr(kSwizzleRowsPerGroup));
  dims.push_back(b.getIndexAttr(kSwizzleTileRows / kSwizzleRowsPerGroup));
  dims.push_back(b.getIndexAttr(kSwizzleTileCols));
  return dims;
}

BlockGeometry computeSwizzledGeometry(OpBuilder &b, Location loc, Value tensor,
                                      int64_t blockSize, bool wantPairSplit) {
  BlockGeometry g;
  auto type = cast<RankedTensorType>(tensor.getType());
  g.rank = type.getRank();
  g.dims = tensor::getMixedSizes(b, loc, tensor);
  int64_t rowDim = g.rank - 2, last = g.rank - 1;
  int64_t groups = kSwizzleTileRows / kSwizzleRowsPerGroup;
  OpFoldResult numCols = floorDiv(b, loc, g.dims[last], blockSize);
  OpFoldResult rowTiles = ceilDiv(b, loc, g.dims[rowDim], kSwizzleTileRows);
  OpFoldResult colTiles = ceilDiv(b, loc, numCols, kSwizzleTileCols);
  for (int64_t i = 0; i < g.rank; ++i) {
    g.block.push_back(i == last ? blockSize : 1);
    g.numBlocks.push_back(i == last ? numCols : g.dims[i]);
  }
  g.padded.append(g.dims.begin(), g.dims.begin() + rowDim);
  g.padded.push_back(mul(b, loc, rowTiles, kSwizzleTileRows));
  g.padded.push_back(mul(b, loc, colTiles, kSwizzleTileCols * blockSize));
  for (int64_t i = rowDim; i < g.rank; ++i) {
    auto pc = getConstantIntValue(g.padded[i]);
    auto dc = getConstantIntValue(g.dims[i]);
    if (!pc || !dc || *pc != *dc)
      g.needsPad = true;
  }
  g.pairSplit = wantPairSplit && blockSize % 2 == 0;

  // (B,) M -> (B,) (M/128, 4, 32); K -> (S/4, 4, block) with the block
  // split into (block/2, 2) for packed f4.
  auto push = [&](ReassociationIndices &group, OpFoldResult extent,
                  bool scale) {
    group.push_back(g.expandedDims.size());
    g.expandedDims.push_back(extent);
    g.isScaleDim.push_back(scale);
  };
  for (int64_t i = 0; i < rowDim; ++i) {
    ReassociationIndices group;
    push(group, g.dims[i], true);
    g.reassociation.push_back(group);
  }
  ReassociationIndices rows, cols;
  push(rows, rowTiles, true);
  push(rows, b.getIndexAttr(groups), true);
  push(rows, b.getIndexAttr(kSwizzleRowsPerGroup), true);
  push(cols, colTiles, true);
  push(cols, b.getIndexAttr(kSwizzleTileCols), true);
  if (g.pairSplit) {
    push(cols, b.getIndexAttr(blockSize / 2), false);
    push(cols, b.getIndexAttr(2), false);
  } else {
    push(cols, b.getIndexAttr(blockSize), false);
  }
  g.reassociation.push_back(rows);
  g.reassociation.push_back(cols);

  // Scale-layout dims ((B,) M/128, 4, 32, S/4, 4) -> swizzled dims
  // ((B,) M/128, S/4, 32, 4, 4).
  for (int64_t i = 0; i < rowDim; ++i)
    g.swizzledFromScaleLayout.push_back(i);
  unsigned base = rowDim;
  for (unsigned d : {0u, 3u, 2u, 1u, 4u})
    g.swizzledFromScaleLayout.push_back(base + d);
  for (int64_t i = 0, e = g.swizzledFromScaleLayout.size(); i < e; ++i)
    g.scaleReassociation.push_back({i});
  g.swizzledScaleDims = swizzledScaleDims(b, loc, g.numBlocks);
  return g;
}

Value padToBlocks(OpBuilder &b, Location loc, Value tensor,
                  const BlockGeometry &g, TypedAttr zero) {
  if (!g.needsPad)
    return tensor;
  SmallVector<OpFoldResult> low(g.rank, b.getIndexAttr(0)), high;
  for (int64_t i = 0; i < g.rank; ++i)
    high.push_back(applyMap(b, loc,
                            getAffineSymbolExpr(0, b.getContext()) -
                                getAffineSymbolExpr(1, b.getContext()),
                            {g.padded[i], g.dims[i]}));
  auto type = cast<RankedTensorType>(tensor.getType());
  auto paddedType =
      RankedTensorType::get(staticShape(g.padded), type.getElementType());
  Value padValue = arith::ConstantOp::create(b, loc, zero);
  return tensor::PadOp::create(b, loc, paddedType, tensor, low, high, padValue,
                               /*nofold=*/false);
}

Value expandToBlocks(OpBuilder &b, Location loc, Value tensor,
                     const BlockGeometry &g) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto expandedType =
      RankedTensorType::get(staticShape(g.expandedDims), type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, expandedType, tensor,
                                       g.reassociation, g.expandedDims);
}

Value collapseFromBlocks(OpBuilder &b, Location loc, Value expanded,
                         const BlockGeometry &g, bool packedPairs) {
  SmallVector<ReassociationIndices> reassociation = g.reassociation;
  if (packedPairs)
    reassociation.back().pop_back();
  Value collapsed =
      tensor::CollapseShapeOp::create(b, loc, expanded, reassociation);
  if (!g.needsPad)
    return collapsed;
  SmallVector<OpFoldResult> offsets(g.rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(g.rank, b.getIndexAttr(1));
  SmallVector<OpFoldResult> sizes = g.dims;
  if (packedPairs)
    sizes.back() = floorDiv(b, loc, sizes.back(), 2);
  return tensor::ExtractSliceOp::create(b, loc, collapsed, offsets, sizes,
                                        strides);
}

Value packF4Codes(OpBuilder &b, Location loc, Value codes) {
  auto type = cast<RankedTensorType>(codes.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> dims = tensor::getMixedSizes(b, loc, codes);
  SmallVector<OpFoldResult> pairDims = dims;
  pairDims.back() = floorDiv(b, loc, dims.back(), 2);
  SmallVector<OpFoldResult> expandedDims = pairDims;
  expandedDims.push_back(b.getIndexAttr(2));
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0; i < rank; ++i)
    reassociation.push_back({i});
  reassociation.back().push_back(rank);
  Value expanded = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(staticShape(expandedDims), b.getI8Type()),
      codes, reassociation, expandedDims);
  Value init = filledTensor(b, loc, pairDims, b.getI8Type(), b.getI8IntegerAttr(0));
  SmallVector<bool> keep(rank + 1, true);
  keep.back() = false;
  SmallVector<bool> parallel = keep;
  MLIRContext *ctx = b.getContext();
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{expanded}, ValueRange{init},
      {AffineMap::getMultiDimIdentityMap(rank + 1, ctx),
       projection(ctx, rank + 1, keep)},
      iterators(parallel), [&](OpBuilder &nb, Location l, ValueRange args) {
        Value k = linalg::IndexOp::create(nb, l, rank);
        Value k8 = arith::IndexCastOp::create(nb, l, nb.getI8Type(), k);
        Value shift = arith::MulIOp::create(
            nb, l, k8, arith::ConstantIntOp::create(nb, l, nb.getI8Type(), 4));
        Value shifted = arith::ShLIOp::create(nb, l, args[0], shift);
        linalg::YieldOp::create(nb, l,
                                arith::OrIOp::create(nb, l, args[1], shifted).getResult());
      });
  return generic.getResult(0);
}

Value unpackF4Bytes(OpBuilder &b, Location loc, Value bytes,
                    ArrayRef<OpFoldResult> logicalDims) {
  auto type = cast<RankedTensorType>(bytes.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> dims = tensor::getMixedSizes(b, loc, bytes);
  dims.push_back(b.getIndexAttr(2));
  Value init = emptyTensor(b, loc, dims, b.getI8Type());
  SmallVector<bool> keep(rank + 1, true);
  keep.back() = false;
  MLIRContext *ctx = b.getContext();
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{bytes}, ValueRange{init},
      {projection(ctx, rank + 1, keep),
       AffineMap::getMultiDimIdentityMap(rank + 1, ctx)},
      SmallVector<utils::IteratorType>(rank + 1, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value k = linalg::IndexOp::create(nb, l, rank);
        Value k8 = arith::IndexCastOp::create(nb, l, nb.getI8Type(), k);
        Value shift = arith::MulIOp::create(
            nb, l, k8, arith::ConstantIntOp::create(nb, l, nb.getI8Type(), 4));
        Value v = arith::ShRUIOp::create(nb, l, args[0], shift);
        v = arith::AndIOp::create(
            nb, l, v, arith::ConstantIntOp::create(nb, l, nb.getI8Type(), 15));
        linalg::YieldOp::create(nb, l, v);
      });
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0; i < rank; ++i)
    reassociation.push_back({i});
  reassociation.back().push_back(rank);
  Value collapsed = tensor::CollapseShapeOp::create(b, loc, generic.getResult(0),
                                                    reassociation);
  return castTo(b, loc, collapsed,
                RankedTensorType::get(staticShape(logicalDims), b.getI8Type()));
}

} // namespace mlir::quant_dyn::detail
