// The PTX of the GPU pipeline for the instructions that matter: one thread
// per quantization block with 128-bit loads of the block (the kernel
// pointers are 16-byte aligned and not aliased), IEEE division (div.rn.f32)
// and no fast math anywhere: no approximate division or reciprocal, no
// flush to zero, no mul+add contraction, no libdevice calls, so the GPU
// computes what the CPU computes bit for bit.

// RUN: quant-dyn-compile %s --target=nvvm --chip=sm_90a --emit=ptx -o %t.sm_90a.ptx
// RUN: FileCheck %s --check-prefixes=CHECK,SM90 --input-file=%t.sm_90a.ptx \
// RUN:   --implicit-check-not=div.approx --implicit-check-not=div.full \
// RUN:   --implicit-check-not=rcp.approx --implicit-check-not=.ftz \
// RUN:   --implicit-check-not=fma.rn --implicit-check-not=.local \
// RUN:   --implicit-check-not=__nv_
// RUN: quant-dyn-compile %s --target=nvvm --chip=sm_100a --emit=ptx -o %t.sm_100a.ptx
// RUN: FileCheck %s --check-prefixes=CHECK,SM100 --input-file=%t.sm_100a.ptx \
// RUN:   --implicit-check-not=div.approx --implicit-check-not=div.full \
// RUN:   --implicit-check-not=rcp.approx --implicit-check-not=.ftz \
// RUN:   --implicit-check-not=fma.rn --implicit-check-not=.local \
// RUN:   --implicit-check-not=__nv_

// SM90: .target sm_90a
// SM100: .target sm_100a

// NVFP4: 16 f32 per thread as four 128-bit loads, two IEEE divisions for
// the e4m3 scale (amax / 6 / gs), and the 16 packed nibbles as one 8-byte
// store.
// CHECK-LABEL: .visible .entry nvfp4_kernel(
// CHECK-NEXT: .param .u64 .ptr .align 16 nvfp4_kernel_param_0
// CHECK-COUNT-4: ld.global.nc.v4.b32
// CHECK: div.rn.f32 {{.*}}, 0f40C00000;
// CHECK: div.rn.f32
// CHECK: st.global.b8
// CHECK: st.global.v2.b32
// CHECK: ret;
func.func @nvfp4(%x: tensor<128x256xf32>, %gs: tensor<f32>) -> (tensor<128x256xf4E2M1FN>, tensor<128x16xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<128x256xf32>, tensor<f32>) -> (tensor<128x256xf4E2M1FN>, tensor<128x16xf8E4M3FN>)
  return %q, %s : tensor<128x256xf4E2M1FN>, tensor<128x16xf8E4M3FN>
}

// MXFP8: 32 bf16 per thread as four 128-bit loads, the e8m0 code as one
// byte, the 32 e4m3 codes as two 128-bit stores; power-of-two scales need
// no division.
// CHECK-LABEL: .visible .entry mxfp8_kernel(
// CHECK-COUNT-4: ld.global.nc.v4.b32
// CHECK-NOT: div.rn.f32
// CHECK: st.global.b8
// CHECK-COUNT-2: st.global.v4.b32
// CHECK: ret;
func.func @mxfp8(%x: tensor<128x256xbf16>) -> (tensor<128x256xf8E4M3FN>, tensor<128x8xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<128x256xbf16>) -> (tensor<128x256xf8E4M3FN>, tensor<128x8xf8E8M0FNU>)
  return %q, %s : tensor<128x256xf8E4M3FN>, tensor<128x8xf8E8M0FNU>
}

// oneDNN per-channel u8: four consecutive elements per thread (their loads
// are not merged yet), IEEE division by the scale and the zero point added
// (add.rn) before the round-half-even (cvt.rni) and the clamp.
// CHECK-LABEL: .visible .entry linear_kernel(
// CHECK: ld.global.nc.b32
// CHECK: div.rn.f32
// CHECK: add.rn.f32
// CHECK: cvt.rni.f32.f32
// CHECK: st.global.b8
// CHECK: ret;
func.func @linear(%x: tensor<128x256xf32>, %s: tensor<256xf32>, %z: tensor<256xui8>) -> tensor<128x256xui8> {
  %q = quant_dyn.quantize_linear %x, %s, %z {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
      : (tensor<128x256xf32>, tensor<256xf32>, tensor<256xui8>) -> tensor<128x256xui8>
  return %q : tensor<128x256xui8>
}

// Dequantize NVFP4 to bf16: the products are IEEE multiplications (mul.rn,
// which ptxas does not contract) and four bf16 results go out as one store.
// CHECK-LABEL: .visible .entry dequant_kernel
// CHECK: mul.rn.f32
// CHECK: st.global.v4.b16
// CHECK: ret;
func.func @dequant(%q: tensor<128x256xf4E2M1FN>, %s: tensor<128x16xf8E4M3FN>, %gs: tensor<f32>) -> tensor<128x256xbf16> {
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<128x256xf4E2M1FN>, tensor<128x16xf8E4M3FN>, tensor<f32>) -> tensor<128x256xbf16>
  return %y : tensor<128x256xbf16>
}
