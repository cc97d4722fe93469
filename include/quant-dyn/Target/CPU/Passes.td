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

def PrefetchNextTilePass
    : Pass<"quant-dyn-prefetch-next-tile", "func::FuncOp"> {
  let summary = "Prefetch the next tile's input while a tile is read again";
  let description = [{
    A fused tile of blocks (quant-dyn-tile-and-fuse-blocks, bufferized, its
    vector transfers unrolled to 1-D) reads its input tile twice: the amax
    sweep brings it in from memory and the quantize sweep reads it again
    from the cache. Each core waits on memory in the first and on its ALUs
    in the second. This pass overlaps the two: in the last sweep over a
    tile, before every 1-D read of it, it prefetches (`memref.prefetch`,
    read, locality 3) the cache lines of the same read in the next
    iteration's tile.

    It applies to top-level `scf.parallel` loops and to tile views in their
    body: static-shaped `memref.subview`s of a memref from outside the loop
    whose offsets move with the innermost induction variable, read (through
    further subviews) by in-bounds 1-D `vector.transfer_read`s along a
    unit-stride innermost dimension in more than one child op of the body.
    The next iteration is the innermost induction variable plus its step,
    since OpenMP's static schedule gives each thread a contiguous run of
    iterations; the last iteration prefetches its own tile, so every
    prefetched address lies inside the memref. Prefetches change speed
    only, never results.

    ```mlir
    scf.parallel (%i) = (%c0) to (%c8192) step (%c16) {
      %tile = memref.subview %x[%i, 0] [16, 4096] [1, 1] : ...
      scf.for ... { ... vector.transfer_read %tile ... }   // amax sweep
      scf.for ... {
        // + memref.prefetch %next_tile[...], read, locality<3>, data
        ... vector.transfer_read %tile ...                 // quantize sweep
      }
    }
    ```
  }];
  let dependentDialects = ["arith::ArithDialect", "memref::MemRefDialect"];
}

#endif // QUANT_DYN_TARGET_CPU_PASSES_TD
