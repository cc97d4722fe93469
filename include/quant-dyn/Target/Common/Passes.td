//===- Passes.td - passes every target uses ----------------*- tablegen -*-===//

#ifndef QUANT_DYN_TARGET_COMMON_PASSES_TD
#define QUANT_DYN_TARGET_COMMON_PASSES_TD

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

    The shape of the code is decided per op from its shape (KernelConfig):
    a tile of at most `max-fused-vector-elements` static elements becomes
    one vector per op; a larger tile loops over vector sub-tiles of
    `sub-tile-elements` elements (the amax with a vector accumulator, the
    quantization in a second sweep from cache); column-like blocks walk down
    the rows with one vector across many blocks; with fewer static blocks
    than `min-parallel-blocks` (or tall column blocks), the amax is split
    into `split-chunks` partial amax values computed in parallel and
    combined, and the quantization runs over the same chunks in parallel.
    IR size does not grow with the block size.

    With `version-zero-blocks`, a split quantization whose parameter
    differs from lane to lane (`-1x1`: one per column) is versioned on
    whether any block is zeroed (its parameter is NaN): `scf.if` of the
    quantization as it is and of a copy without the select that zeroes
    such blocks, which is the same result when no parameter is NaN and
    four compares and a masked move fewer per 64 codes.

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
           "Blocks per loop iteration along the innermost scale dimension">,
    Option<"vectorizeMinLanes", "vectorize-min-lanes", "int64_t",
           /*default=*/"0",
           "Vectorize the fused ops of a tile (static shapes) whose innermost "
           "loop has at least this many iterations (0: never)">,
    Option<"maxFusedVectorElements", "max-fused-vector-elements", "int64_t",
           /*default=*/"512",
           "Largest static tile, in elements, vectorized as one vector; "
           "larger tiles loop over register-size sub-tiles">,
    Option<"subTileElements", "sub-tile-elements", "int64_t",
           /*default=*/"64",
           "Most elements of one vectorized sub-tile of a large tile">,
    Option<"minParallelBlocks", "min-parallel-blocks", "int64_t",
           /*default=*/"0",
           "With fewer static blocks than this, split each block's amax "
           "and quantization across threads instead (0: never)">,
    Option<"splitChunks", "split-chunks", "int64_t", /*default=*/"64",
           "Chunks (partial amax values) of a split block">,
    Option<"versionZeroBlocks", "version-zero-blocks", "bool",
           /*default=*/"false",
           "Split quantizations whose parameter differs from lane to lane "
           "(a scale per column) get a second version without the zeroing "
           "of zero / NaN / Inf blocks, taken when no block is zeroed (the "
           "branch is a scalar read on the host: CPU only)">,
    Option<"printConfig", "print-config", "bool", /*default=*/"false",
           "Emit a remark with the strategy chosen for each quantization">
  ];
  let dependentDialects = ["arith::ArithDialect", "scf::SCFDialect",
                           "tensor::TensorDialect", "vector::VectorDialect"];
}

def LowerLinalgToLoopsPass
    : Pass<"quant-dyn-lower-linalg-to-loops", "func::FuncOp"> {
  let summary = "Lower bufferized linalg ops to loops, parallel at the top "
                "level only";
  let description = [{
    Every bufferized linalg op becomes loops. A linalg op already inside a
    parallel loop (`scf.parallel` or `scf.forall`: the fused per-block ops)
    becomes sequential `scf.for` loops, so threads are never nested. A linalg
    op outside any parallel loop gets a parallel loop according to
    `parallel-dims`:

    * `outermost` (the CPU pipeline): only the outermost loop, when its
      dimension is parallel, becomes a one-dimensional `scf.parallel` (one
      OpenMP loop later on); the inner loops stay sequential `scf.for` loops
      with unit stride, which LLVM vectorizes.
    * `all` (the GPU pipeline, through `quant-dyn-gpu-distribute-loops`):
      every parallel dimension becomes a dimension of one `scf.parallel`, so
      all of the op's elements can be spread over GPU threads.

    ```mlir
    linalg.generic {iterator_types = ["parallel", "parallel"]} ...
    // parallel-dims=outermost
    scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
      scf.for %j = %c0 to %c8 step %c1 { ... }
    }
    // parallel-dims=all
    scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) { ... }
    ```
  }];
  let options = [
    Option<"parallelDims", "parallel-dims",
           "::mlir::quant_dyn::LoopParallelism",
           /*default=*/"::mlir::quant_dyn::LoopParallelism::Outermost",
           "Which dimensions of a top-level op become parallel",
           [{::llvm::cl::values(
             clEnumValN(::mlir::quant_dyn::LoopParallelism::Outermost,
                        "outermost", "Only the outermost (if parallel)"),
             clEnumValN(::mlir::quant_dyn::LoopParallelism::All, "all",
                        "Every parallel dimension"))}]>
  ];
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
    It also drops the `quant_dyn.output` markers of out-params arguments
    (the signature is final; LLVM has no such parameter attribute).
  }];
}

def ResultsToOutParamsPass
    : Pass<"quant-dyn-results-to-out-params", "ModuleOp"> {
  let summary = "Turn the tensor results of public functions into "
                "caller-allocated output memrefs";
  let description = [{
    Runs on tensor-level IR, before quant_dyn is lowered. Every public
    function definition with results gets one trailing memref argument per
    result (all extents dynamic, identity layout, the result's element
    type) and no results: its C interface becomes
    `_mlir_ciface_F(D_arg0*, ..., D_argN*, D_res0*, ..., D_resM*)`.

    At entry the function computes each result extent from its arguments
    (through the shape rules of the quant_dyn ops, casts, elementwise ops
    and destination-style ops) and compares it with the output memref's
    extent. On a mismatch it calls `quant_dyn_report_error` with
    `QUANT_DYN_ERROR_OUTPUT_EXTENT` and returns without computing, so
    nothing is written. Otherwise the body runs and each result is stored
    with `bufferization.materialize_in_destination ... restrict writable`;
    empty-tensor elimination then makes the computation write its result in
    place. A function whose result extents cannot be derived from its
    arguments is an error.

    The output memrefs carry the unit argument attribute `quant_dyn.output`
    (it survives bufferization): the GPU pipeline's host-buffer ABI gives
    them device buffers that are copied back into them after the kernels.
    `quant-dyn-request-c-interface` drops it.
  }];
  let dependentDialects = ["arith::ArithDialect",
                           "bufferization::BufferizationDialect",
                           "memref::MemRefDialect", "scf::SCFDialect",
                           "tensor::TensorDialect"];
}

def OutParamsInPlacePass
    : Pass<"quant-dyn-out-params-in-place", "func::FuncOp"> {
  let summary = "Make computations write straight into the output memrefs "
                "of the out-params ABI";
  let description = [{
    For each `bufferization.materialize_in_destination %r in restrict
    writable %out` (with `%out` a memref, as quant-dyn-results-to-out-params
    creates them), follows `%r` back through tensor.cast,
    quant_dyn.storage_cast, tensor.collapse_shape, scf.if, scf.forall and
    destination-style ops to the tensor.empty ops it starts from, and
    replaces each by a view of `%out` of the same shape
    (`bufferization.to_tensor %out restrict writable`, created once per
    output, with cast, storage_cast and expand_shape as needed). When every
    such path ends at a replaced tensor.empty the store becomes a no-op and
    is erased: the results are computed in place, without a temporary or a
    copy. Unlike upstream's eliminate-empty-tensors, it sees through
    reshapes and the scf.if of the run-time checks. The source of a
    `tensor.insert_slice` on the path (the interior and edge strips of a
    peeled quantize, the chunks of a dynamic innermost extent) is followed
    too and computed into the same slice of the value it is inserted into,
    where that value and the slice's dynamic offsets and sizes dominate its
    tensor.empty.
  }];
  let dependentDialects = ["bufferization::BufferizationDialect",
                           "tensor::TensorDialect"];
}

def InsertSlicesInPlacePass
    : Pass<"quant-dyn-insert-slices-in-place", "func::FuncOp"> {
  let summary = "Compute the sources of tensor.insert_slice ops into their "
                "slices of the destination";
  let description = [{
    For each `tensor.insert_slice %src into %dest` where both `%src` and
    `%dest` have no other use, follows `%src` back as
    quant-dyn-out-params-in-place does (through casts, reshapes, scf.if,
    scf.forall and destination-style ops) to the tensor.empty ops it is
    computed into, and replaces each by the same slice of `%dest`
    (`tensor.extract_slice`, reshaped as needed), where `%dest` and the
    slice's dynamic offsets and sizes dominate it. Bufferization then
    computes the source in place instead of in a temporary that is copied.
    Unlike upstream's eliminate-empty-tensors it sees through reshapes: the
    whole chunks of a dynamic innermost extent (convert-quant-dyn-to-linalg's
    innermost-chunk-blocks) are computed in a [.., n, chunk] view of their
    slice. A tensor.empty has no defined contents, so the replacement never
    changes results.
  }];
  let dependentDialects = ["tensor::TensorDialect"];
}

def MarkReadOnlyArgumentsPass
    : Pass<"quant-dyn-mark-read-only-arguments", "func::FuncOp"> {
  let summary = "Record which memref arguments a bufferized function never "
                "writes";
  let description = [{
    Runs on bufferized IR. Sets `quant_dyn.read_only_arguments = array<i64:
    ...>` on every function with a body: the indices of its memref arguments
    whose memory the function provably does not write. The analysis follows
    each argument through view-like ops (subview, casts, reshapes,
    reinterpret_cast, ...) and accepts a use only if it is such a view, a
    `func.return`, or an op whose declared memory effects on it are reads
    (vector.transfer_read, memref.load, the inputs of a linalg op, the source
    of memref.copy, ...) and that writes no unspecified memory. Any other
    use (a call, a branch or loop that carries the memref on, an op without
    declared effects) counts as a write. It is conservative: an argument it
    lists is never written; one it leaves out may be.

    The attribute survives the lowering to the LLVM dialect. The executables
    (CPUExecutable, and GPUExecutable's host code) read it: repeated calls
    copy fresh inputs only into the arguments the entry may write, so a timed
    call starts without the dirty cache lines of a copy it does not need.

    ```mlir
    func.func @f(%x: memref<64xf32>, %y: memref<64xf32>) {
      linalg.copy ins(%x : memref<64xf32>) outs(%y : memref<64xf32>)
      return
    }
    // gets attributes {quant_dyn.read_only_arguments = array<i64: 0>}
    ```
  }];
}

#endif // QUANT_DYN_TARGET_COMMON_PASSES_TD
