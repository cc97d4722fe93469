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
           "Blocks per loop iteration along the innermost scale dimension">,
    Option<"vectorizeMinLanes", "vectorize-min-lanes", "int64_t",
           /*default=*/"0",
           "Vectorize the fused ops of a tile (static shapes) whose innermost "
           "loop has at least this many iterations (0: never)">
  ];
  let dependentDialects = ["scf::SCFDialect", "tensor::TensorDialect",
                           "vector::VectorDialect"];
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
    target CPU's widest registers.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", /*default=*/"0",
           "Vector width in bits: 0 (automatic), 128, 256 or 512">
  ];
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

//===----------------------------------------------------------------------===//
// GPU passes (used by --quant-dyn-gpu-pipeline)
//===----------------------------------------------------------------------===//

def GPUBlockStrategyPass
    : Pass<"quant-dyn-gpu-block-strategy", "func::FuncOp"> {
  let summary = "Choose per quantization op between one GPU thread per "
                "block and blocks split over many threads";
  let description = [{
    Runs on the tensor-level linalg form, before
    `quant-dyn-tile-and-fuse-blocks`. An op whose blocks are small keeps
    its `quant_dyn.block_root` marker: tile-and-fuse makes its blocks the
    iterations of one parallel loop, and the GPU runs one thread per block.
    An op whose blocks are big (more than `max-fused-block-elements`
    elements, or a dynamic block extent, such as 32x32 and larger 2D
    blocks, whole rows or columns and per-tensor scaling), or that has few
    blocks (fewer than `min-fused-blocks` of at least
    `min-split-block-elements` elements), loses the marker: its amax,
    scale and quantization ops stay separate, and
    `quant-dyn-gpu-distribute-loops` spreads the amax reduction over many
    threads (a chunk per thread, combined with an atomic max) and the
    quantization over one element per thread.
  }];
  let options = [
    Option<"maxFusedBlockElements", "max-fused-block-elements", "int64_t",
           /*default=*/"256", "Largest block (elements) that one thread "
           "quantizes">,
    Option<"minFusedBlocks", "min-fused-blocks", "int64_t",
           /*default=*/"1024", "Fewer blocks than this are split (when "
           "they have at least min-split-block-elements elements)">,
    Option<"minSplitBlockElements", "min-split-block-elements", "int64_t",
           /*default=*/"64", "Smallest block that is split because there "
           "are few blocks">
  ];
}

def GPUDistributeLoopsPass
    : Pass<"quant-dyn-gpu-distribute-loops", "func::FuncOp"> {
  let summary = "Distribute the top-level parallel loops over GPU blocks and "
                "threads";
  let description = [{
    Runs on bufferized functions whose work is in top-level `scf.parallel`
    loops (the block loops, from `scf.forall`) and linalg ops. Linalg ops
    and `memref.copy` become loops first: an op at the top level becomes an
    `scf.parallel` over all its parallel dimensions, an op inside a loop
    sequential `scf.for` loops. Each top-level loop is then linearized and
    split into a grid of `threads-per-block`-thread blocks, one iteration per
    thread (`elements-per-thread` consecutive innermost elements for loops
    without inner loops), as two nested `scf.parallel` loops carrying
    `#gpu.loop_dim_map`
    mappings (block_x, thread_x) for `convert-parallel-loops-to-gpu`:

    ```mlir
    scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c2) step (%c1, %c1) { ... }
    // becomes
    scf.parallel (%b) = (%c0) to (%c1) step (%c1) {
      scf.parallel (%t) = (%c0) to (%c8) step (%c1) {
        %lin = %b * 8 + %t          // guarded by %lin < 8
        %i = %lin / 2
        %j = %lin % 2
        ...
      } {mapping = [#gpu.loop_dim_map<processor = thread_x, ...>]}
    } {mapping = [#gpu.loop_dim_map<processor = block_x, ...>]}
    ```

    A loop with a dynamic trip count is wrapped in `scf.if` (count > 0): a
    launch with an empty grid is an error in CUDA. Static `memref.alloc`s
    inside a loop (the per-block
    temporaries of the fused block loops) become per-thread `memref.alloca`s
    at the start of the thread's body; their deallocations are dropped.
    Sequential loops with static bounds inside a thread's body (the element
    loops of a quantization block) are unrolled fully while the unrolled
    body stays under `unroll-budget` operations, so a block's elements stay
    in registers and neighbouring accesses can merge into vector accesses.
  }];
  let options = [
    Option<"threadsPerBlock", "threads-per-block", "int64_t",
           /*default=*/"256", "Threads per GPU block (one loop iteration "
           "each)">,
    Option<"elementsPerThread", "elements-per-thread", "int64_t",
           /*default=*/"4", "Consecutive innermost elements per thread for "
           "elementwise loops (when the static extent is a multiple)">,
    Option<"unrollBudget", "unroll-budget", "int64_t", /*default=*/"4096",
           "Fully unroll a static inner loop when its unrolled body has at "
           "most this many operations (0: never)">
  ];
  let dependentDialects = ["scf::SCFDialect", "memref::MemRefDialect",
                           "gpu::GPUDialect", "arith::ArithDialect",
                           "linalg::LinalgDialect", "affine::AffineDialect",
                           "math::MathDialect"];
}

def GPUHostDeviceBuffersPass
    : Pass<"quant-dyn-gpu-host-device-buffers", "func::FuncOp"> {
  let summary = "Give the kernels of a host function device buffers and "
                "copy its tensors between host and device";
  let description = [{
    Runs after `convert-parallel-loops-to-gpu`, on every function holding a
    `gpu.launch`:

    1. Scalars the kernels need are recomputed inside each launch: constants,
       side-effect-free arith / math / index ops, view ops, `memref.dim` and
       `memref.load`s of function arguments (the double quantization scale,
       per-tensor scales and zero points) are cloned into the launch body,
       so host code never reads device memory.
    2. Every host-level `memref.alloc` / `memref.dealloc` becomes
       `gpu.alloc` / `gpu.dealloc` (device memory).
    3. With `host-buffers` (the default, the project's memory ABI) the
       function still takes and returns host memrefs: each argument a
       kernel reads is copied to a fresh device buffer at entry
       (`gpu.alloc` + `gpu.memcpy`), each result is copied back into a new
       host buffer (`memref.alloc` + `gpu.memcpy`) before the return, and
       the device buffers are freed. Packed f4E2M1FN buffers are copied as
       bytes (`quant_dyn.storage_cast` to i8). Without it the function takes
       and returns device memrefs (the caller allocates and copies; results
       are `gpu.alloc`ed and the caller frees them).

    Host stores into device memory (the scalars of `tensor.from_elements`)
    run as one-thread kernels, and allocations that no kernel reaches and
    that are not returned (buffer deallocation's ownership bookkeeping)
    stay on the host. A host load of device memory whose value the host
    uses (a branch on it) reads a copy of the element: a one-thread kernel
    stores it into a device scalar that is copied back. Any other host
    access to device memory is an error.
    Run `gpu-async-region` afterwards to put the copies and launches on one
    stream.
  }];
  let options = [
    Option<"hostBuffers", "host-buffers", "bool", /*default=*/"true",
           "Arguments and results are host memrefs (copies inserted); "
           "false: device memrefs">
  ];
  let dependentDialects = ["gpu::GPUDialect", "memref::MemRefDialect",
                           "scf::SCFDialect", "arith::ArithDialect"];
}

def GPUKernelArgAttributesPass
    : Pass<"quant-dyn-gpu-kernel-arg-attributes", "ModuleOp"> {
  let summary = "Mark kernel memref arguments aligned and, where the "
                "buffers are distinct, not aliased";
  let description = [{
    Runs after `gpu-kernel-outlining`, on the `gpu.func` kernels and their
    `gpu.launch_func`s:

    * A memref argument to which every launch passes a device allocation
      (`gpu.alloc`, or an argument of the host function with
      `host-buffers=false`) with an identity layout (offset 0) gets
      `llvm.align = 16`; the NVVM lowering puts it on the buffer pointers.
      cuMemAlloc returns 256-byte aligned memory; with `host-buffers=false`
      callers must pass 16-byte aligned buffers.
    * A kernel whose launches pass memrefs of pairwise distinct allocations
      is marked `quant_dyn.noalias_args`; after `convert-gpu-to-nvvm`,
      `quant-dyn-gpu-noalias-kernel-args` turns the mark into `llvm.noalias`
      on its pointer arguments.

    Together they let LLVM keep a thread's block in registers between the
    amax and the quantization sweeps and use 128-bit accesses
    (`ld.global.nc.v4.b32`, `st.global.v4.b32`).
  }];
  let options = [
    Option<"hostBuffers", "host-buffers", "bool", /*default=*/"true",
           "Host functions take host memrefs (their arguments are not device "
           "buffers)">
  ];
}

def GPUNoAliasKernelArgsPass
    : Pass<"quant-dyn-gpu-noalias-kernel-args", "gpu::GPUModuleOp"> {
  let summary = "Put llvm.noalias on the pointer arguments of kernels "
                "marked quant_dyn.noalias_args";
  let description = [{
    Runs after `convert-gpu-to-nvvm` (which drops `llvm.noalias` on memref
    arguments): every `!llvm.ptr` argument of an `llvm.func` marked
    `quant_dyn.noalias_args` by `quant-dyn-gpu-kernel-arg-attributes` gets
    `llvm.noalias`, and the mark is removed.
  }];
}

def GPUMergeKernelModulesPass
    : Pass<"quant-dyn-gpu-merge-kernel-modules", "ModuleOp"> {
  let summary = "Put every outlined kernel into one gpu.module";
  let description = [{
    `gpu-kernel-outlining` creates one `gpu.module` per kernel. This pass
    moves all kernels into a single `gpu.module @quant_dyn_kernels` and
    updates the `gpu.launch_func` references, so a compiled module has one
    PTX / cubin image, loaded once.
  }];
  let dependentDialects = ["gpu::GPUDialect"];
}

def GPUEmulateOnHostPass
    : Pass<"quant-dyn-gpu-emulate-on-host", "func::FuncOp"> {
  let summary = "Run the kernels of a host function on the host, one "
                "thread after the other (a testing aid)";
  let description = [{
    For machines without a GPU: after `quant-dyn-gpu-host-device-buffers`,
    every `gpu.launch` becomes sequential `scf.for` loops over its grid and
    block (the body in a `memref.alloca_scope`, with `gpu.block_id` /
    `gpu.thread_id` replaced by the loop indices), and `gpu.alloc`,
    `gpu.dealloc`, `gpu.memcpy` become `memref.alloc`, `memref.dealloc`,
    `memref.copy`. The result runs through the CPU lowering and computes what
    the GPU would, with the same distribution, guards, per-thread buffers and
    host/device copies: `quant-dyn-runner --target=nvvm --gpu-emulate`
    compares it bit for bit with `--target=cpu`. The kernels' arithmetic is
    then compiled for the host, so NVPTX code generation itself is not
    covered (the PTX tests and the GPU execution tests check that).
  }];
  let dependentDialects = ["scf::SCFDialect", "memref::MemRefDialect",
                           "arith::ArithDialect"];
}

def GPULibdeviceToIntrinsicsPass
    : Pass<"quant-dyn-gpu-libdevice-to-intrinsics", "gpu::GPUModuleOp"> {
  let summary = "Replace libdevice calls that have an exact LLVM intrinsic "
                "by the intrinsic";
  let description = [{
    `convert-gpu-to-nvvm` lowers math ops to libdevice calls (`__nv_rintf`
    for `math.roundeven`, ...), which only resolve when the serializer finds
    libdevice in a CUDA toolkit; without it the PTX has unresolved calls
    that ptxas rejects. The calls whose libdevice implementation is exactly
    an LLVM intrinsic (round to nearest even, floor, ceil, trunc, fabs,
    copysign, IEEE sqrt; f32 and f64) become that intrinsic, which NVPTX
    selects as one instruction (`cvt.rni.f32.f32`, `abs.f32`,
    `sqrt.rn.f32`, ...). Unused declarations are removed.
  }];
}

#endif // QUANT_DYN_TRANSFORMS_PASSES_TD
