//===- Passes.td - quant_dyn transformation passes ---------*- tablegen -*-===//

#ifndef QUANT_DYN_TRANSFORMS_PASSES_TD
#define QUANT_DYN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def TileAndFuseBlocksPass
    : Pass<"quant-dyn-tile-and-fuse-blocks", "func::FuncOp"> {
  let summary = "Fuse the amax, scale and quantization of each block into "
                "one parallel loop over blocks";
  let description = [{
    The linalg form of `quant_dyn.quantize` has three ops per block: the
    amax reduction, the scale computation and the quantization. Run one
    after the other they sweep the input twice. This pass tiles the
    quantization generic (marked `quant_dyn.block_root` by the lowering)
    along its scale dimensions with `scf.forall` (tile size 1 per
    dimension, `tile-blocks` blocks along the innermost scale dimension
    when it divides the extent) and fuses the amax and scale generics into
    the loop, so each block is loaded once and stays in cache or registers
    while it is quantized. The scales are yielded from the loop.

    ```mlir
    %amax = linalg.generic ... ins(%x : tensor<4x2x16xf32>) -> tensor<4x2xf32>
    %s:2 = linalg.generic ... ins(%amax ...)
    %q = linalg.generic {quant_dyn.block_root} ins(%x, %s#1 ...)
    // becomes
    %r:2 = scf.forall (%i, %j) in (4, 2) shared_outs(...) {
      %xs = tensor.extract_slice %x[%i, %j, 0] [1, 1, 16] [1, 1, 1]
      %a = linalg.generic ... ins(%xs ...)   // amax of one block
      %p:2 = linalg.generic ... ins(%a ...)  // its scale
      %qs = linalg.generic ... ins(%xs, %p#1 ...)
      ...
    }
    ```
  }];
  let options = [
    Option<"tileBlocks", "tile-blocks", "int64_t", /*default=*/"1",
           "Blocks per loop iteration along the innermost scale dimension">
  ];
  let dependentDialects = ["scf::SCFDialect", "tensor::TensorDialect"];
}

def LowerLinalgToLoopsPass
    : Pass<"quant-dyn-lower-linalg-to-loops", "func::FuncOp"> {
  let summary = "Lower bufferized linalg ops to loops, parallel at the top "
                "level only";
  let description = [{
    Linalg ops outside any parallel loop become `scf.parallel` over their
    parallel dimensions (one OpenMP loop later on); linalg ops already inside
    a parallel loop (the fused per-block ops) become sequential `scf.for`
    loops, so threads are never nested.
  }];
  let dependentDialects = ["scf::SCFDialect", "memref::MemRefDialect"];
}

def RequestCInterfacePass
    : Pass<"quant-dyn-request-c-interface", "ModuleOp"> {
  let summary = "Request _mlir_ciface_ wrappers for public function definitions";
  let description = [{
    Sets `llvm.emit_c_interface` on every public `func.func` with a body, so
    compiled entry points get the `_mlir_ciface_<name>` wrapper that takes
    memref descriptors by pointer (the project's memory ABI). Unlike
    upstream's llvm-request-c-wrappers it leaves external declarations alone:
    the run-time error hook `quant_dyn_report_error` is a plain C function.
  }];
}

#endif // QUANT_DYN_TRANSFORMS_PASSES_TD
