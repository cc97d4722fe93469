//===- Passes.td - quant_dyn conversion passes -------------*- tablegen -*-===//

#ifndef QUANT_DYN_CONVERSION_PASSES_TD
#define QUANT_DYN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQuantDynToLinalgPass : Pass<"convert-quant-dyn-to-linalg", "ModuleOp"> {
  let summary = "Lower quant_dyn ops to tensor-level linalg, arith and tensor";
  let description = [{
    Every quant_dyn op becomes tensor-level linalg: the blocked dimensions
    are split with `tensor.expand_shape` (D -> [D/B, B], after a
    `tensor.pad` with zeros when edge blocks are partial), the block amax is
    a `linalg.generic` reduction over the B dimensions, the scales come from
    an elementwise `linalg.generic` over the reduced tensor, and the
    quantization is a `linalg.generic` whose indexing map broadcasts the
    scale over the block. f4E2M1FN data is packed in the same generic (a
    size-2 reduction that ORs the two nibbles into a byte) and exposed
    through `quant_dyn.storage_cast`. The narrow float conversions are the
    integer bit manipulations of the FloatConversions.h builders, or with
    `nvvm-chip` the NVVM conversion ops the chip has (satfinite f32 -> e4m3 /
    e5m2 from sm_89 with PTX 8.1 and sm_90; e2m1 / e2m3 / e3m2 on sm_100a,
    sm_100f and later arch- or family-specific chips), with the same results
    (NaN corrected by a select; see NarrowFloatTarget.h). With them, packed
    f4 data is converted a pair at a time: the generic reads both elements
    of a byte instead of reducing over the pair.

    Dynamic shapes whose validity is only known at run time (divisibility by
    the block size, even f4 extents, scale / zero-point extents, static
    result dims over dynamic input dims) are checked before the computation:
    on failure the op calls the external C function
    `quant_dyn_report_error(i32 kind, i64 dim, i64 actual, i64 expected)`
    and yields uninitialized results instead of computing (no abort, no
    out-of-bounds access).

    Before:
    ```mlir
    %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
        : (tensor<4x64xf32>) -> (tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>)
    ```
    After (abridged):
    ```mlir
    %e = tensor.expand_shape %x [[0], [1, 2]] output_shape [4, 2, 32] ...
    %amax = linalg.generic {iterator_types = ["parallel", "parallel", "reduction"]} ...
    %s, %p = linalg.generic {iterator_types = ["parallel", "parallel"]} ins(%amax ...)
    %q = linalg.generic {iterator_types = ["parallel", "parallel", "parallel"]} ins(%e, %p ...)
    ```
  }];
  let options = [
    Option<"nvvmChip", "nvvm-chip", "std::string", /*default=*/"\"\"",
           "Use the conversion instructions of this NVIDIA chip (sm_90a, "
           "sm_100a, ...) through NVVM ops where they give the portable "
           "builders' results; empty: the portable builders only (CPU, "
           "host emulation)">,
    Option<"nvvmFeatures", "nvvm-features", "std::string", /*default=*/"\"\"",
           "PTX features of the NVIDIA target, e.g. +ptx81 (sm_89 has the "
           "f8 conversions from PTX 8.1)">,
    Option<"narrowAmax", "narrow-amax", "bool", /*default=*/"false",
           "Compute the block amax of f16 / bf16 inputs as an i16 max of "
           "their magnitude bits, extended to f32 for the scale (the same "
           "value; twice the lanes per vector op). The CPU pipeline sets it">,
    Option<"innermostChunkBlocks", "innermost-chunk-blocks", "int64_t",
           /*default=*/"0",
           "Quantize a dynamic innermost extent that is blocked along itself "
           "only (linear scales) as whole chunks of this many blocks, viewed "
           "as a static dimension, plus a tail of fewer, so that tiles of "
           "blocks have static shapes; 0: one dynamic extent. The CPU "
           "pipeline sets its tile-blocks">
  ];
  let dependentDialects = [
    "arith::ArithDialect", "func::FuncDialect", "linalg::LinalgDialect",
    "math::MathDialect", "scf::SCFDialect", "tensor::TensorDialect",
    "affine::AffineDialect", "NVVM::NVVMDialect"
  ];
}


#endif // QUANT_DYN_CONVERSION_PASSES_TD
