//===- Passes.td - testing aids for the NVVM target --------*- tablegen -*-===//

#ifndef QUANT_DYN_TEST_TARGET_NVVM_TESTPASSES_TD
#define QUANT_DYN_TEST_TARGET_NVVM_TESTPASSES_TD

include "mlir/Pass/PassBase.td"

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

def ExpandNVVMConversionsPass : Pass<"quant-dyn-expand-nvvm-conversions"> {
  let summary = "Model the NVVM f32x2 -> f8x2 / f6x2 / f4x2 conversions with "
                "arith (testing aid)";
  let description = [{
    Replaces `nvvm.convert.f32x2.to.f8x2` (rn, satfinite), `...to.f6x2` and
    `...to.f4x2` by arith ops that compute what the PTX ISA documents for
    `cvt.rn.satfinite.{e4m3x2,e5m2x2,e2m3x2,e3m2x2,e2m1x2}.f32`: each source
    rounded to nearest even with satfinite, the first source in the upper
    half of the result. NaN sources give a NaN of the format that keeps the
    sign (f8) or +MAX_NORM (f6 / f4, as CUDA's emulation in cuda_fp4.hpp),
    both unlike the SPEC's results, so the NaN guards of the hardware path
    are exercised. Code lowered with `convert-quant-dyn-to-linalg{nvvm-chip=...}`
    then runs on the CPU: the tests compare it with the portable lowering
    to check the operand order, packing and guards on machines without a
    GPU. It models the documentation, not the silicon.
  }];
  let dependentDialects = ["arith::ArithDialect"];
}

#endif // QUANT_DYN_TEST_TARGET_NVVM_TESTPASSES_TD
