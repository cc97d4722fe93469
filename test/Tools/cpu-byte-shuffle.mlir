// The codes of a 64-element sub-tile are truncated from i32 lanes to bytes.
// On x86 with AVX-512 VBMI (znver4), that truncation reaches the code
// generator as a byte shuffle of the same bits (two vpermt2b and one join
// instead of four vpmovdb and three inserts); without VBMI (skylake-avx512)
// it stays a truncation.
// RUN: quant-dyn-compile %s --target=cpu --emit=llvm --mcpu=znver4 -o - | FileCheck %s --check-prefix=VBMI
// RUN: quant-dyn-compile %s --target=cpu --emit=asm --mcpu=znver4 -o - | FileCheck %s --check-prefix=VBMI-ASM
// RUN: quant-dyn-compile %s --target=cpu --emit=llvm --mcpu=skylake-avx512 -o - | FileCheck %s --check-prefix=NOVBMI

// VBMI-NOT: trunc {{.*}}<64 x i32> {{.*}} to <64 x i8>
// VBMI: %[[BYTES:.*]] = bitcast <64 x i32> %{{.*}} to <256 x i8>
// VBMI-NEXT: shufflevector <256 x i8> %[[BYTES]], <256 x i8> poison, <64 x i32> <i32 0, i32 4, i32 8, i32 12,
// VBMI-SAME: i32 248, i32 252>
// VBMI-NOT: trunc {{.*}}<64 x i32> {{.*}} to <64 x i8>
// VBMI-ASM: vpermt2b
// NOVBMI-NOT: shufflevector <256 x i8>
// NOVBMI: trunc {{.*}}<64 x i32> {{.*}} to <64 x i8>
// NOVBMI-NOT: shufflevector <256 x i8>

func.func @main(%x: tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x4xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, 128>}
      : (tensor<64x512xbf16>) -> (tensor<64x512xf8E4M3FN>, tensor<64x4xf32>)
  return %q, %s : tensor<64x512xf8E4M3FN>, tensor<64x4xf32>
}
