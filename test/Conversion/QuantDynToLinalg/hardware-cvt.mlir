// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg="nvvm-chip=sm_100a" -split-input-file | FileCheck %s --check-prefixes=HW,SM100
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg="nvvm-chip=sm_90a" -split-input-file | FileCheck %s --check-prefixes=HW,SM90
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg="nvvm-chip=sm_89 nvvm-features=+ptx81" -split-input-file | FileCheck %s --check-prefixes=HW,SM90
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg="nvvm-chip=sm_89" -split-input-file | FileCheck %s --check-prefix=PORTABLE --implicit-check-not=nvvm.
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg="nvvm-chip=sm_80" -split-input-file | FileCheck %s --check-prefix=PORTABLE --implicit-check-not=nvvm.
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file | FileCheck %s --check-prefix=PORTABLE --implicit-check-not=nvvm.

// With nvvm-chip, the f32 -> narrow float conversions the chip has in
// hardware are NVVM cvt ops inside the same linalg generics: f8 from sm_89
// (PTX 8.1) / sm_90, f6 / f4 on sm_100a. A single value goes in the lower
// half with +0.0 in the upper one. A NaN quotient is possible only with
// e4m3 scales (a double-quant divisor can underflow to 0, and 0 / 0 is NaN):
// there NaN gets the portable code by a select, elsewhere there is no check.
// Without a chip that has them (or without the option) every conversion is
// the portable integer code.

// NVFP4: the e4m3 scale and the packed f4 data.
// SM100-DAG: #[[FIRST:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2, 0)>
// SM100-DAG: #[[SECOND:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2, 1)>
// HW-LABEL: func.func @nvfp4
// HW: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<2x2xf8E4M3FN>, tensor<2x2xf32>)
// HW:   arith.divf
// HW:   %[[W:.*]] = arith.divf %{{.*}}, %{{.*}} : f32
// The unused half of the pair is +0 (the lowering does not hoist constants).
// HW-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// HW-NEXT: %[[P:.*]] = nvvm.convert.f32x2.to.f8x2 %[[ZERO]], %[[W]] {rnd = #nvvm.fp_rnd_mode<rn>, sat = #nvvm.sat_mode<satfinite>} : i16(f8E4M3FN)
// HW:   %[[C:.*]] = arith.extui %[[P]] : i16 to i32
// HW:   %[[NAN:.*]] = arith.cmpf uno, %[[W]], %[[W]] : f32
// HW:   arith.select %[[NAN]], %c127_i32, %[[C]] : i32
// HW:   linalg.yield
// On sm_100a each iteration converts the two elements of a byte with one
// op, the second element first (PTX puts it in the upper nibble); NaN
// inputs become +0.0 (the f4 code for NaN).
// SM100: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[FIRST]], #[[SECOND]], #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[E:.*]], %[[E]], %{{.*}} : tensor<2x2x8x2xf32>, tensor<2x2x8x2xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<2x2x8xi8>) attrs = {quant_dyn.block_root}
// SM100:   ^bb0(%[[X0:.*]]: f32, %[[X1:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: i8):
// SM100:   %[[V0:.*]] = arith.divf %[[X0]], %[[S]] : f32
// SM100:   %[[V1:.*]] = arith.divf %[[X1]], %[[S]] : f32
// SM100:   %[[N0:.*]] = arith.cmpf uno, %[[V0]], %[[V0]] : f32
// SM100:   %[[A0:.*]] = arith.select %[[N0]], %{{.*}}, %[[V0]] : f32
// SM100:   %[[N1:.*]] = arith.cmpf uno, %[[V1]], %[[V1]] : f32
// SM100:   %[[A1:.*]] = arith.select %[[N1]], %{{.*}}, %[[V1]] : f32
// SM100:   %[[B:.*]] = nvvm.convert.f32x2.to.f4x2 %[[A1]], %[[A0]] : i8(f4E2M1FN)
// SM100:   %[[Z:.*]] = arith.select %{{.*}}, %c0_i8, %[[B]] : i8
// SM100:   linalg.yield %[[Z]] : i8
// On sm_90a the f4 data keeps the portable size-2 reduction over the pair.
// SM90: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]{{.*}} outs(%{{.*}} : tensor<2x2x8xi8>) attrs = {quant_dyn.block_root}
// SM90-NOT: nvvm.convert
// SM90: linalg.yield

// PORTABLE-LABEL: func.func @nvfp4
// PORTABLE: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]
func.func @nvfp4(%x: tensor<2x32xf32>, %gs: tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>) {
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
    : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  return %q, %s : tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>
}

// -----

// f8 data (MXFP8 e4m3, e5m2): one op per element, then the block's
// zero-or-NaN select as before; the quotient is never NaN, so no NaN check.
// The e8m0 and f16 scales stay portable.
// HW-LABEL: func.func @mxfp8
// HW: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x32xf8E4M3FN>) attrs = {quant_dyn.block_root}
// HW:   %[[V:.*]] = arith.mulf
// HW-NEXT: arith.constant 0.000000e+00 : f32
// HW-NEXT: %[[P:.*]] = nvvm.convert.f32x2.to.f8x2 %{{.*}}, %[[V]] {rnd = #nvvm.fp_rnd_mode<rn>, sat = #nvvm.sat_mode<satfinite>} : i16(f8E4M3FN)
// HW-NEXT: arith.extui %[[P]] : i16 to i32
// HW-NOT: arith.cmpf uno, %[[V]]
// HW-NOT: %c127_i32
// HW:   linalg.yield
// HW: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<2x2xf16>, tensor<2x2xf32>)
// HW-NOT: nvvm.convert
// HW: linalg.yield
// HW: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x32xf8E5M2>) attrs = {quant_dyn.block_root}
// HW:   nvvm.convert.f32x2.to.f8x2 {{.*}} : i16(f8E5M2)
// HW-NOT: %c127_i32
// HW:   linalg.yield
// PORTABLE-LABEL: func.func @mxfp8
func.func @mxfp8(%x: tensor<2x64xbf16>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>, tensor<2x64xf8E5M2>, tensor<2x2xf16>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<2x64xbf16>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>)
  %q2, %s2 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<2x64xbf16>) -> (tensor<2x64xf8E5M2>, tensor<2x2xf16>)
  return %q, %s, %q2, %s2 : tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>, tensor<2x64xf8E5M2>, tensor<2x2xf16>
}

// -----

// f6 data: NVVM ops on sm_100a only; the quotient is never NaN here.
// HW-LABEL: func.func @mxfp6
// SM100: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x32xf6E2M3FN>) attrs = {quant_dyn.block_root}
// SM100:   %[[V:.*]] = arith.mulf
// SM100-NEXT: arith.constant 0.000000e+00 : f32
// SM100-NEXT: nvvm.convert.f32x2.to.f6x2 %{{.*}}, %[[V]] : i16(f6E2M3FN)
// SM100: nvvm.convert.f32x2.to.f6x2 {{.*}} : i16(f6E3M2FN)
// SM90-NOT: nvvm.convert
// PORTABLE-LABEL: func.func @mxfp6
func.func @mxfp6(%x: tensor<2x64xf32>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>, tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<2x64xf32>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
  %q2, %s2 = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<2x64xf32>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
  return %q, %s, %q2, %s2 : tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>, tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>
}

// -----

// f4 codes converted one at a time (the unblocked innermost dim is packed
// after the blocks): the value in the low nibble, +0.0 in the high one.
// HW-LABEL: func.func @f4_single
// SM100: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x8xi8>) attrs = {quant_dyn.block_root}
// SM100:   %[[B:.*]] = nvvm.convert.f32x2.to.f4x2 %{{.*}}, %{{.*}} : i8(f4E2M1FN)
// SM100:   arith.extui %[[B]] : i8 to i32
// SM90-NOT: nvvm.convert
// PORTABLE-LABEL: func.func @f4_single
func.func @f4_single(%x: tensor<4x8xf32>) -> (tensor<4x8xf4E2M1FN>, tensor<2x8xbf16>) {
  %q, %s = quant_dyn.quantize %x {axis = 0 : i64, block_size = 2 : i64}
    : (tensor<4x8xf32>) -> (tensor<4x8xf4E2M1FN>, tensor<2x8xbf16>)
  return %q, %s : tensor<4x8xf4E2M1FN>, tensor<2x8xbf16>
}
