//===- Passes.td - NVIDIA GPU passes -----------------------*- tablegen -*-===//

#ifndef QUANT_DYN_TARGET_NVVM_PASSES_TD
#define QUANT_DYN_TARGET_NVVM_PASSES_TD

include "mlir/Pass/PassBase.td"

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
    and `memref.copy` become loops first (`quant-dyn-lower-linalg-to-loops`
    with `parallel-dims=all`): an op at the top level becomes an
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
           /*default=*/"::mlir::quant_dyn::nvvm::kThreadsPerBlock",
           "Threads per GPU block (one loop iteration "
           "each)">,
    Option<"elementsPerThread", "elements-per-thread", "int64_t",
           /*default=*/"::mlir::quant_dyn::nvvm::kElementsPerThread",
           "Consecutive innermost elements per thread for "
           "elementwise loops (when the static extent is a multiple)">,
    Option<"unrollBudget", "unroll-budget", "int64_t",
           /*default=*/"::mlir::quant_dyn::nvvm::kUnrollBudget",
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
    4. With `host-buffers`, each output of the out-params ABI (an argument
       marked `quant_dyn.output`) gets a device buffer for the kernels that
       use it, not copied in, allocated before the first of them; right
       after the last of them it is copied back into the output
       (`gpu.memcpy`, packed f4 as bytes) and freed. Buffer and copy sit in
       the innermost block of the function or of an `scf.if` (outside any
       host loop) holding all those kernels (the success branch of the
       output extent check), so a
       call that reports a run-time error writes nothing. Host stores into
       an output run as one-thread kernels; other host uses of an output
       than its extents are an error.

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


#endif // QUANT_DYN_TARGET_NVVM_PASSES_TD
