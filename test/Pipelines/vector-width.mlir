// RUN: quant-dyn-opt %s -quant-dyn-cpu-pipeline="vector-width=256" | FileCheck %s --check-prefix=W256
// RUN: quant-dyn-opt %s -quant-dyn-cpu-pipeline | FileCheck %s --check-prefix=DEFAULT
// RUN: not quant-dyn-opt %s -quant-dyn-cpu-pipeline="vector-width=100" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: quant-dyn-compile %s --target=cpu --emit=asm --mcpu=skylake-avx512 --vector-width=256 -o %t.256.s
// RUN: not grep -q zmm %t.256.s
// RUN: grep -q ymm %t.256.s
// RUN: quant-dyn-compile %s --target=cpu --emit=asm --mcpu=skylake-avx512 --vector-width=512 -o %t.512.s
// RUN: grep -q zmm %t.512.s

// vector-width caps the vector registers of every compiled function: the
// attributes on each llvm.func, then ymm-only code for an AVX-512 CPU.
// W256-DAG: llvm.func @nvfp4({{.*}}prefer_vector_width = "256"
// W256-DAG: llvm.func @mxfp8({{.*}}passthrough = {{\[}}["min-legal-vector-width", "256"]]{{.*}}prefer_vector_width = "256"
// Automatic: 256 bits for code that divides (nvfp4: x / scale),
// the CPU's widest for the rest (mxfp8: exact multiplies by 2^-e).
// DEFAULT-NOT: prefer_vector_width
// DEFAULT: llvm.func @nvfp4({{.*}}passthrough = {{\[}}["min-legal-vector-width", "256"]]{{.*}}prefer_vector_width = "256"
// BAD: error: vector-width must be 0 (automatic), 128, 256 or 512, got 100
func.func @mxfp8(%x: tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x16xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x16xf8E8M0FNU>)
  return %q, %s : tensor<64x512xf8E4M3FN>, tensor<64x16xf8E8M0FNU>
}

func.func @nvfp4(%x: tensor<64x512xf32>, %gs: tensor<f32>) -> (tensor<64x512xf4E2M1FN>, tensor<64x32xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
    : (tensor<64x512xf32>, tensor<f32>) -> (tensor<64x512xf4E2M1FN>, tensor<64x32xf8E4M3FN>)
  return %q, %s : tensor<64x512xf4E2M1FN>, tensor<64x32xf8E4M3FN>
}
