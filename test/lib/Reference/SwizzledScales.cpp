//===- SwizzledScales.cpp - The swizzled 128x4 scale layout ---------------===//
//
// The scale layout of block-scaled GEMMs (cuBLASLt's VEC16_UE4M3 and
// VEC32_UE8M0 scale modes, CUTLASS sm_100), written as plain index
// arithmetic on the [.., tm, tn, 32, 4, 4] shape.
//
//===----------------------------------------------------------------------===//

#include "Reference/Reference.h"

using namespace mlir::quant_dyn;
using namespace mlir::quant_dyn::ref;

namespace {
constexpr int64_t kTileRows = 128;
constexpr int64_t kTileCols = 4;
constexpr int64_t kGroupRows = 32;

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// (batch, rows, columns) of rank-2 or rank-3 row-major scales.
struct ScaleDims {
  int64_t batch, rows, cols;
};

ScaleDims getScaleDims(const std::vector<int64_t> &linearShape) {
  size_t rank = linearShape.size();
  return {rank == 3 ? linearShape[0] : 1, linearShape[rank - 2],
          linearShape[rank - 1]};
}
} // namespace

std::vector<int64_t>
ref::swizzledScaleShape(const std::vector<int64_t> &linearShape) {
  size_t rank = linearShape.size();
  if (rank != 2 && rank != 3)
    return {};
  std::vector<int64_t> shape(linearShape.begin(), linearShape.end() - 2);
  shape.push_back(ceilDiv(linearShape[rank - 2], kTileRows));
  shape.push_back(ceilDiv(linearShape[rank - 1], kTileCols));
  shape.push_back(kGroupRows);
  shape.push_back(kTileRows / kGroupRows);
  shape.push_back(kTileCols);
  return shape;
}

int64_t ref::swizzledScaleOffset(const std::vector<int64_t> &linearShape,
                                 int64_t b, int64_t m, int64_t j) {
  ScaleDims dims = getScaleDims(linearShape);
  int64_t tileRows = ceilDiv(dims.rows, kTileRows);
  int64_t tileCols = ceilDiv(dims.cols, kTileCols);
  // Row-major offset of [b, m / 128, j / 4, m % 32, (m % 128) / 32, j % 4].
  int64_t offset = b;
  offset = offset * tileRows + m / kTileRows;
  offset = offset * tileCols + j / kTileCols;
  offset = offset * kGroupRows + m % kGroupRows;
  offset = offset * (kTileRows / kGroupRows) + (m % kTileRows) / kGroupRows;
  offset = offset * kTileCols + j % kTileCols;
  return offset;
}

std::vector<uint32_t>
ref::swizzleScales(const std::vector<int64_t> &linearShape,
                   const std::vector<uint32_t> &linear) {
  ScaleDims dims = getScaleDims(linearShape);
  std::vector<uint32_t> swizzled(
      static_cast<size_t>(numElements(swizzledScaleShape(linearShape))), 0u);
  for (int64_t b = 0; b < dims.batch; ++b)
    for (int64_t m = 0; m < dims.rows; ++m)
      for (int64_t j = 0; j < dims.cols; ++j)
        swizzled[static_cast<size_t>(
            swizzledScaleOffset(linearShape, b, m, j))] =
            linear[static_cast<size_t>((b * dims.rows + m) * dims.cols + j)];
  return swizzled;
}

std::vector<uint32_t>
ref::unswizzleScales(const std::vector<int64_t> &linearShape,
                     const std::vector<uint32_t> &swizzled) {
  ScaleDims dims = getScaleDims(linearShape);
  std::vector<uint32_t> linear(
      static_cast<size_t>(dims.batch * dims.rows * dims.cols));
  for (int64_t b = 0; b < dims.batch; ++b)
    for (int64_t m = 0; m < dims.rows; ++m)
      for (int64_t j = 0; j < dims.cols; ++j)
        linear[static_cast<size_t>((b * dims.rows + m) * dims.cols + j)] =
            swizzled[static_cast<size_t>(
                swizzledScaleOffset(linearShape, b, m, j))];
  return linear;
}

std::optional<std::string>
ref::verifyScaleLayout(const BlockQuantizeConfig &c) {
  if (c.scaleLayout == ScaleLayout::Linear)
    return std::nullopt;
  size_t rank = c.shape.size();
  if (rank != 2 && rank != 3)
    return std::string("swizzled_128x4 scales need an input of rank 2 or 3");
  if (c.blockShape.size() != rank)
    return std::string("block shape must have the input's rank");
  for (size_t d = 0; d + 1 < rank; ++d)
    if (c.blockShape[d] != 1)
      return std::string("swizzled_128x4 scales need 1D blocks along the "
                         "last dimension");
  int64_t blockSize = c.blockShape.back();
  if (blockSize <= 0 || c.shape.back() % blockSize != 0)
    return std::string("swizzled_128x4 scales need a block size that "
                       "divides the last dimension");
  if (c.scaleKind != ElementKind::F8E4M3FN &&
      c.scaleKind != ElementKind::F8E8M0FNU)
    return std::string("swizzled_128x4 scales must be f8E4M3FN or f8E8M0FNU");
  return std::nullopt;
}
