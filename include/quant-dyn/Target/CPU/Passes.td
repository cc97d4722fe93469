//===- Passes.td - host CPU passes -------------------------*- tablegen -*-===//

#ifndef QUANT_DYN_TARGET_CPU_PASSES_TD
#define QUANT_DYN_TARGET_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def SetVectorWidthPass : Pass<"quant-dyn-set-vector-width", "ModuleOp"> {
  let summary = "Limit the vector registers LLVM uses for every llvm.func";
  let description = [{
    Sets `prefer_vector_width` and the `min-legal-vector-width` function
    attribute on every `llvm.func` definition, so LLVM's x86 backend
    legalizes the kernels' vector ops to registers of at most
    `vector-width` bits (256: ymm only, even on an AVX-512 CPU; 128: xmm)
    and its loop and SLP vectorizers aim for that width. 0 is automatic:
    functions that divide get 256 (on AVX-512 CPUs 512-bit
    division is no faster per element and lowers the clock; the NVFP4
    quantizer runs at 0.90 instead of 0.80 of memcpy), the others keep the
    target CPU's widest registers. Functions that
    quant-dyn-tile-and-fuse-blocks marked `quant_dyn.vector_sub_tiles`
    (blocks as loops over vector sub-tiles) keep the widest registers even
    though they divide: their f8 conversion is faster with them. The marker
    is removed.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"0",
           "Vector width in bits: 0 (automatic), 128, 256 or 512">
  ];
}

#endif // QUANT_DYN_TARGET_CPU_PASSES_TD
