// The narrow float conversions in the PTX per chip: the cvt instructions
// the chip has (cvt.rn.satfinite.{e4m3x2,e5m2x2}.f32 from sm_89 with PTX
// 8.1 and on sm_90a; also {e2m1x2,e2m3x2,e3m2x2} on sm_100a), a value
// converted alone paired with +0.0 in the upper half, the NaN guard after
// each f8 code, the f4 pairs in ABI order (element 2i + 1 is the first
// operand: PTX puts it in the upper nibble); the portable integer code
// everywhere with --hardware-cvt=false and on chips without them. The
// block loads and stores stay vectorized.

// RUN: quant-dyn-compile %s --target=nvvm --chip=sm_90a --emit=ptx -o %t.sm_90a.ptx
// RUN: FileCheck %s --check-prefixes=CHECK,HW --input-file=%t.sm_90a.ptx \
// RUN:   --implicit-check-not=e2m1x2 --implicit-check-not=e2m3x2 --implicit-check-not=e3m2x2
// RUN: quant-dyn-compile %s --target=nvvm --chip=sm_89 --ptx-features=+ptx81 --emit=ptx -o %t.sm_89.ptx
// RUN: FileCheck %s --check-prefixes=CHECK,HW --input-file=%t.sm_89.ptx \
// RUN:   --implicit-check-not=e2m1x2 --implicit-check-not=e2m3x2 --implicit-check-not=e3m2x2
// RUN: quant-dyn-compile %s --target=nvvm --chip=sm_100a --emit=ptx -o %t.sm_100a.ptx
// RUN: FileCheck %s --check-prefixes=CHECK,HW,SM100 --input-file=%t.sm_100a.ptx
// RUN: quant-dyn-compile %s --target=nvvm --chip=sm_100a --hardware-cvt=false --emit=ptx -o %t.portable.ptx
// RUN: FileCheck %s --input-file=%t.portable.ptx --implicit-check-not=cvt.rn.satfinite
// RUN: quant-dyn-compile %s --target=nvvm --chip=sm_89 --emit=ptx -o %t.sm_89-ptx78.ptx
// RUN: FileCheck %s --input-file=%t.sm_89-ptx78.ptx --implicit-check-not=cvt.rn.satfinite

// NVFP4: the e4m3 scale is one cvt with +0.0 in the upper byte, then the
// NaN guard (code 0x7F); on sm_100a the 16 codes are 8 e2m1x2 cvts, the
// first from elements 0 and 1 of the block, element 1 first.
// CHECK-LABEL: .visible .entry nvfp4_kernel(
// CHECK: ld.global.nc.v4.b32 {[[X0:%r[0-9]+]], [[X1:%r[0-9]+]], {{%r[0-9]+}}, {{%r[0-9]+}}}, [{{%rd[0-9]+}}];
// CHECK-COUNT-3: ld.global.nc.v4.b32
// CHECK: div.rn.f32 {{.*}}, 0f40C00000;
// CHECK: div.rn.f32 [[W:%r[0-9]+]],
// HW: mov.b32 [[ZERO:%r[0-9]+]], 0f00000000;
// HW-NEXT: cvt.rn.satfinite.e4m3x2.f32 {{%rs[0-9]+}}, [[ZERO]], [[W]];
// HW: setp.nan.f32 [[P:%p[0-9]+]], [[W]], [[W]];
// HW-NEXT: selp.b32 {{%r[0-9]+}}, 127, {{%r[0-9]+}}, [[P]];
// CHECK: st.global.b8
// SM100: div.rn.f32 [[V0:%r[0-9]+]], [[X0]], [[S:%r[0-9]+]];
// SM100-NEXT: div.rn.f32 [[V1:%r[0-9]+]], [[X1]], [[S]];
// SM100: selp.f32 [[A0:%r[0-9]+]], [[V0]], 0f00000000,
// SM100: selp.f32 [[A1:%r[0-9]+]], [[V1]], 0f00000000,
// SM100: cvt.rn.satfinite.e2m1x2.f32 {{%[a-z0-9_]+}}, [[A1]], [[A0]];
// SM100-COUNT-7: cvt.rn.satfinite.e2m1x2.f32
// CHECK: st.global.v2.b32
// CHECK: ret;
func.func @nvfp4(%x: tensor<128x256xf32>, %gs: tensor<f32>) -> (tensor<128x256xf4E2M1FN>, tensor<128x16xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<128x256xf32>, tensor<f32>) -> (tensor<128x256xf4E2M1FN>, tensor<128x16xf8E4M3FN>)
  return %q, %s : tensor<128x256xf4E2M1FN>, tensor<128x16xf8E4M3FN>
}

// MXFP4 from bf16: 16 e2m1x2 per block of 32 on sm_100a, one 128-bit store.
// CHECK-LABEL: .visible .entry mxfp4_kernel(
// CHECK-COUNT-4: ld.global.nc.v4.b32
// CHECK: st.global.b8
// SM100-COUNT-16: cvt.rn.satfinite.e2m1x2.f32
// CHECK: st.global.v4.b32
// CHECK: ret;
func.func @mxfp4(%x: tensor<128x256xbf16>) -> (tensor<128x256xf4E2M1FN>, tensor<128x8xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<128x256xbf16>) -> (tensor<128x256xf4E2M1FN>, tensor<128x8xf8E8M0FNU>)
  return %q, %s : tensor<128x256xf4E2M1FN>, tensor<128x8xf8E8M0FNU>
}

// MXFP8: one e4m3x2 per element, +0.0 in the upper byte.
// CHECK-LABEL: .visible .entry mxfp8_kernel(
// CHECK-COUNT-4: ld.global.nc.v4.b32
// CHECK: st.global.b8
// HW: mov.b32 [[ZERO:%r[0-9]+]], 0f00000000;
// HW-COUNT-16: cvt.rn.satfinite.e4m3x2.f32 {{%rs[0-9]+}}, [[ZERO]], {{%r[0-9]+}};
// CHECK: st.global.v4.b32
// HW-COUNT-16: cvt.rn.satfinite.e4m3x2.f32 {{%rs[0-9]+}}, [[ZERO]], {{%r[0-9]+}};
// CHECK: st.global.v4.b32
// CHECK: ret;
func.func @mxfp8(%x: tensor<128x256xbf16>) -> (tensor<128x256xf8E4M3FN>, tensor<128x8xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<128x256xbf16>) -> (tensor<128x256xf8E4M3FN>, tensor<128x8xf8E8M0FNU>)
  return %q, %s : tensor<128x256xf8E4M3FN>, tensor<128x8xf8E8M0FNU>
}

// e5m2 data with f32 scales: one e5m2x2 per element.
// CHECK-LABEL: .visible .entry e5m2_kernel(
// CHECK-COUNT-8: ld.global.nc.v4.b32
// CHECK: st.global.b32
// HW-COUNT-16: cvt.rn.satfinite.e5m2x2.f32
// CHECK: st.global.v4.b32
// HW-COUNT-16: cvt.rn.satfinite.e5m2x2.f32
// CHECK: st.global.v4.b32
// CHECK: ret;
func.func @e5m2(%x: tensor<128x256xf32>) -> (tensor<128x256xf8E5M2>, tensor<128x8xf32>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<128x256xf32>) -> (tensor<128x256xf8E5M2>, tensor<128x8xf32>)
  return %q, %s : tensor<128x256xf8E5M2>, tensor<128x8xf32>
}

// MXFP6, both formats: one e2m3x2 / e3m2x2 per element on sm_100a (128-bit
// loads; the f6 codes are still stored a byte at a time).
// CHECK-LABEL: .visible .entry mxfp6_kernel(
// CHECK: ld.global.nc.{{v4.b32|v2.b64}}
// SM100-COUNT-32: cvt.rn.satfinite.e2m3x2.f32
// CHECK: ret;
// CHECK-LABEL: .visible .entry mxfp6_kernel_0(
// CHECK: ld.global.nc.{{v4.b32|v2.b64}}
// SM100-COUNT-32: cvt.rn.satfinite.e3m2x2.f32
// CHECK: ret;
func.func @mxfp6(%x: tensor<128x256xf32>) -> (tensor<128x256xf6E2M3FN>, tensor<128x8xf8E8M0FNU>, tensor<128x256xf6E3M2FN>, tensor<128x8xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<128x256xf32>) -> (tensor<128x256xf6E2M3FN>, tensor<128x8xf8E8M0FNU>)
  %q2, %s2 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<128x256xf32>) -> (tensor<128x256xf6E3M2FN>, tensor<128x8xf8E8M0FNU>)
  return %q, %s, %q2, %s2 : tensor<128x256xf6E2M3FN>, tensor<128x8xf8E8M0FNU>, tensor<128x256xf6E3M2FN>, tensor<128x8xf8E8M0FNU>
}
