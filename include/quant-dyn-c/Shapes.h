/*===- quant-dyn-c/Shapes.h - Result shapes for caller-owned outputs -*- C -*-===*\
|*                                                                            *|
|* With the out-params ABI (quant-dyn-compile --results-to-out-params) the    *|
|* caller allocates every result. A result's shape follows from the shapes   *|
|* of the arguments (docs/Semantics.md sections 3 and 5):                     *|
|*                                                                            *|
|*   quantize data, dequantize output, quantize_linear / dequantize_linear    *|
|*   output: the shape of the input (of the data for dequantize);             *|
|*   quantize scales: quant_dyn_scale_shape_1d / _nd / _swizzled below.       *|
|*                                                                            *|
|* Bytes to allocate: elements times the element size, one byte for every     *|
|* f8, e8m0, f6, si8 and ui8 element; f4E2M1FN packs two elements per byte    *|
|* (quant_dyn_f4_bytes). Header only, plain C.                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QUANT_DYN_C_SHAPES_H
#define QUANT_DYN_C_SHAPES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Number of blocks of `block` elements along an extent: ceil(extent /
   block); a block of -1 (the whole extent) gives 1. */
static inline int64_t quant_dyn_num_blocks(int64_t extent, int64_t block) {
  if (block == -1)
    return 1;
  return extent / block + (extent % block != 0);
}

/* Scales shape of a 1D-blocked quantize (`axis` in [-rank, rank), blocks of
   `block_size` along it) of an input of shape `shape[rank]`: the input's
   shape with ceil(shape[axis] / block_size) along `axis`. Writes `rank`
   extents to `scales`. */
static inline void quant_dyn_scale_shape_1d(int64_t rank, const int64_t *shape,
                                            int64_t axis, int64_t block_size,
                                            int64_t *scales) {
  if (axis < 0)
    axis += rank;
  for (int64_t d = 0; d < rank; ++d)
    scales[d] = d == axis ? quant_dyn_num_blocks(shape[d], block_size)
                          : shape[d];
}

/* Scales shape of an N-D-blocked quantize (`block_shape[rank]`, -1: the
   whole extent): ceil(shape[d] / block_shape[d]) per dimension. */
static inline void quant_dyn_scale_shape_nd(int64_t rank, const int64_t *shape,
                                            const int64_t *block_shape,
                                            int64_t *scales) {
  for (int64_t d = 0; d < rank; ++d)
    scales[d] = quant_dyn_num_blocks(shape[d], block_shape[d]);
}

/* Scales shape of a quantize with scale_layout swizzled_128x4 (1D blocks of
   `block_size` along the last dimension of an input [M, K] or [B, M, K]):
   [(B,) ceil(M / 128), ceil(S / 4), 32, 4, 4] with S = ceil(K / block_size).
   Writes rank + 3 extents to `scales`. */
static inline void quant_dyn_scale_shape_swizzled(int64_t rank,
                                                  const int64_t *shape,
                                                  int64_t block_size,
                                                  int64_t *scales) {
  int64_t batch = rank - 2;
  for (int64_t d = 0; d < batch; ++d)
    scales[d] = shape[d];
  int64_t s = quant_dyn_num_blocks(shape[rank - 1], block_size);
  scales[batch] = quant_dyn_num_blocks(shape[rank - 2], 128);
  scales[batch + 1] = quant_dyn_num_blocks(s, 4);
  scales[batch + 2] = 32;
  scales[batch + 3] = 4;
  scales[batch + 4] = 4;
}

/* Number of elements of a shape. */
static inline int64_t quant_dyn_num_elements(int64_t rank,
                                             const int64_t *shape) {
  int64_t n = 1;
  for (int64_t d = 0; d < rank; ++d)
    n *= shape[d];
  return n;
}

/* Bytes of `elements` f4E2M1FN elements, packed two per byte. */
static inline int64_t quant_dyn_f4_bytes(int64_t elements) {
  return (elements + 1) / 2;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* QUANT_DYN_C_SHAPES_H */
