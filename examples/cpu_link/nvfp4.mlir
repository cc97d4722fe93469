// NVFP4 quantization compiled ahead of time with caller-owned outputs (see
// README.md and nvfp4_main.c):
//
//   quant-dyn-compile nvfp4.mlir --target=cpu --results-to-out-params \
//     --emit=obj -o nvfp4.o
//
// gives `void _mlir_ciface_nvfp4_quantize(D2_f32 *x, D0_f32 *gs,
// D2_f4 *data, D2_f8 *scales)`: the caller allocates `data` (x's shape, two
// codes per byte) and `scales` ([M, ceil(K / 16)], quant_dyn_scale_shape_1d).

func.func @nvfp4_quantize(%x: tensor<?x?xf32>, %gs: tensor<f32>)
    -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x?xf32>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>)
  return %q, %s : tensor<?x?xf4E2M1FN>, tensor<?x?xf8E4M3FN>
}
