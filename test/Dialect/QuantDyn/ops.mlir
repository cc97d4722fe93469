// RUN: quant-dyn-opt %s | quant-dyn-opt | FileCheck %s
// RUN: quant-dyn-opt %s --mlir-print-op-generic | quant-dyn-opt | FileCheck %s

// Round trip of every quant_dyn op: both blocking modes, every legal type
// combination of docs/Semantics.md section 3, ranks, negative axes, partial
// edge blocks, dynamic and zero-size dims. Each function's CHECK-NEXT lines
// list its ops in source order; operands are function arguments so the checks
// also pin the operand order.

// docs/Semantics.md section 2: NVFP4, 1D blocks of 16, double quant scale.
// CHECK-LABEL: func.func @spec_nvfp4(
// CHECK-NEXT: quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg2, %arg3, %arg4 {axis = 1 : i64, block_size = 16 : i64} : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
// CHECK-NEXT: return
func.func @spec_nvfp4(%arg0: tensor<2x32xf32>, %arg1: tensor<f32>, %arg2: tensor<2x32xf4E2M1FN>, %arg3: tensor<2x2xf8E4M3FN>, %arg4: tensor<f32>) {
  %q0, %s0 = quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  %y1 = quant_dyn.dequantize %arg2, %arg3, %arg4 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
  return
}

// docs/Semantics.md section 2: MXFP8 on a rank-3 bf16 input.
// CHECK-LABEL: func.func @spec_mxfp8(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 2 : i64, block_size = 32 : i64} : (tensor<4x8x64xbf16>) -> (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>)
// CHECK-NEXT: return
func.func @spec_mxfp8(%arg0: tensor<4x8x64xbf16>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 2 : i64, block_size = 32 : i64}
      : (tensor<4x8x64xbf16>) -> (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>)
  return
}

// docs/Semantics.md section 2: N-D blocks 4x3 over 8x8 (partial edge
// blocks: 8 / 3 -> 3).
// CHECK-LABEL: func.func @spec_block_shape(
// CHECK-NEXT: quant_dyn.quantize %arg0 {block_shape = array<i64: 4, 3>} : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
// CHECK-NEXT: return
func.func @spec_block_shape(%arg0: tensor<8x8xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
  return
}

// docs/Semantics.md section 2: oneDNN Graph per-channel quantize,
// per-tensor dequantize.
// CHECK-LABEL: func.func @spec_linear(
// CHECK-NEXT: quant_dyn.quantize_linear %arg0, %arg1, %arg2 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg3, %arg4, %arg5 : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
// CHECK-NEXT: return
func.func @spec_linear(%arg0: tensor<4x3xf32>, %arg1: tensor<3xf32>, %arg2: tensor<3xui8>, %arg3: tensor<4x3xsi8>, %arg4: tensor<1xf32>, %arg5: tensor<1xsi8>) {
  %l0 = quant_dyn.quantize_linear %arg0, %arg1, %arg2 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
  %l1 = quant_dyn.dequantize_linear %arg3, %arg4, %arg5
      : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
  return
}

// f8E4M3FN scales: f4E2M1FN data, block_size 16, double_quant_scale of rank 0 or
// shape [1], element type f32 or the input type, for every input type.
// CHECK-LABEL: func.func @nvfp4_double_quant_scale_forms(
// CHECK-NEXT: quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf16>, tensor<f16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg2, %arg3, %arg4 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f16>) -> tensor<4x32xf16>
// CHECK-NEXT: quant_dyn.quantize %arg5, %arg6 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf16>, tensor<f32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg7, %arg8, %arg9 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f32>) -> tensor<4x32xf16>
// CHECK-NEXT: quant_dyn.quantize %arg10, %arg11 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf16>, tensor<1xf16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg12, %arg13, %arg14 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf16>) -> tensor<4x32xf16>
// CHECK-NEXT: quant_dyn.quantize %arg15, %arg16 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf16>, tensor<1xf32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg17, %arg18, %arg19 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf32>) -> tensor<4x32xf16>
// CHECK-NEXT: quant_dyn.quantize %arg20, %arg21 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xbf16>, tensor<bf16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg22, %arg23, %arg24 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<bf16>) -> tensor<4x32xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg25, %arg26 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xbf16>, tensor<f32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg27, %arg28, %arg29 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f32>) -> tensor<4x32xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg30, %arg31 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xbf16>, tensor<1xbf16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg32, %arg33, %arg34 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xbf16>) -> tensor<4x32xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg35, %arg36 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xbf16>, tensor<1xf32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg37, %arg38, %arg39 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf32>) -> tensor<4x32xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg40, %arg41 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf32>, tensor<f32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg42, %arg43, %arg44 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f32>) -> tensor<4x32xf32>
// CHECK-NEXT: quant_dyn.quantize %arg45, %arg46 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf32>, tensor<1xf32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg47, %arg48, %arg49 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf32>) -> tensor<4x32xf32>
// CHECK-NEXT: return
func.func @nvfp4_double_quant_scale_forms(%arg0: tensor<4x32xf16>, %arg1: tensor<f16>, %arg2: tensor<4x32xf4E2M1FN>, %arg3: tensor<4x2xf8E4M3FN>, %arg4: tensor<f16>, %arg5: tensor<4x32xf16>, %arg6: tensor<f32>, %arg7: tensor<4x32xf4E2M1FN>, %arg8: tensor<4x2xf8E4M3FN>, %arg9: tensor<f32>, %arg10: tensor<4x32xf16>, %arg11: tensor<1xf16>, %arg12: tensor<4x32xf4E2M1FN>, %arg13: tensor<4x2xf8E4M3FN>, %arg14: tensor<1xf16>, %arg15: tensor<4x32xf16>, %arg16: tensor<1xf32>, %arg17: tensor<4x32xf4E2M1FN>, %arg18: tensor<4x2xf8E4M3FN>, %arg19: tensor<1xf32>, %arg20: tensor<4x32xbf16>, %arg21: tensor<bf16>, %arg22: tensor<4x32xf4E2M1FN>, %arg23: tensor<4x2xf8E4M3FN>, %arg24: tensor<bf16>, %arg25: tensor<4x32xbf16>, %arg26: tensor<f32>, %arg27: tensor<4x32xf4E2M1FN>, %arg28: tensor<4x2xf8E4M3FN>, %arg29: tensor<f32>, %arg30: tensor<4x32xbf16>, %arg31: tensor<1xbf16>, %arg32: tensor<4x32xf4E2M1FN>, %arg33: tensor<4x2xf8E4M3FN>, %arg34: tensor<1xbf16>, %arg35: tensor<4x32xbf16>, %arg36: tensor<1xf32>, %arg37: tensor<4x32xf4E2M1FN>, %arg38: tensor<4x2xf8E4M3FN>, %arg39: tensor<1xf32>, %arg40: tensor<4x32xf32>, %arg41: tensor<f32>, %arg42: tensor<4x32xf4E2M1FN>, %arg43: tensor<4x2xf8E4M3FN>, %arg44: tensor<f32>, %arg45: tensor<4x32xf32>, %arg46: tensor<1xf32>, %arg47: tensor<4x32xf4E2M1FN>, %arg48: tensor<4x2xf8E4M3FN>, %arg49: tensor<1xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf16>, tensor<f16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y1 = quant_dyn.dequantize %arg2, %arg3, %arg4 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f16>) -> tensor<4x32xf16>
  %q2, %s2 = quant_dyn.quantize %arg5, %arg6 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf16>, tensor<f32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y3 = quant_dyn.dequantize %arg7, %arg8, %arg9 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f32>) -> tensor<4x32xf16>
  %q4, %s4 = quant_dyn.quantize %arg10, %arg11 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf16>, tensor<1xf16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y5 = quant_dyn.dequantize %arg12, %arg13, %arg14 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf16>) -> tensor<4x32xf16>
  %q6, %s6 = quant_dyn.quantize %arg15, %arg16 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf16>, tensor<1xf32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y7 = quant_dyn.dequantize %arg17, %arg18, %arg19 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf32>) -> tensor<4x32xf16>
  %q8, %s8 = quant_dyn.quantize %arg20, %arg21 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xbf16>, tensor<bf16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y9 = quant_dyn.dequantize %arg22, %arg23, %arg24 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<bf16>) -> tensor<4x32xbf16>
  %q10, %s10 = quant_dyn.quantize %arg25, %arg26 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xbf16>, tensor<f32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y11 = quant_dyn.dequantize %arg27, %arg28, %arg29 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f32>) -> tensor<4x32xbf16>
  %q12, %s12 = quant_dyn.quantize %arg30, %arg31 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xbf16>, tensor<1xbf16>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y13 = quant_dyn.dequantize %arg32, %arg33, %arg34 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xbf16>) -> tensor<4x32xbf16>
  %q14, %s14 = quant_dyn.quantize %arg35, %arg36 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xbf16>, tensor<1xf32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y15 = quant_dyn.dequantize %arg37, %arg38, %arg39 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf32>) -> tensor<4x32xbf16>
  %q16, %s16 = quant_dyn.quantize %arg40, %arg41 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf32>, tensor<f32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y17 = quant_dyn.dequantize %arg42, %arg43, %arg44 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<f32>) -> tensor<4x32xf32>
  %q18, %s18 = quant_dyn.quantize %arg45, %arg46 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf32>, tensor<1xf32>) -> (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %y19 = quant_dyn.dequantize %arg47, %arg48, %arg49 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<1xf32>) -> tensor<4x32xf32>
  return
}

// f8E4M3FN scales in block_shape mode: any block shape (16x16 weight blocks, 1x16, -1).
// CHECK-LABEL: func.func @nvfp4_block_shape(
// CHECK-NEXT: quant_dyn.quantize %arg0, %arg1 {block_shape = array<i64: 16, 16>} : (tensor<64x32xbf16>, tensor<f32>) -> (tensor<64x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg2, %arg3 {block_shape = array<i64: 1, 8>} : (tensor<64x32xf16>, tensor<1xf16>) -> (tensor<64x32xf4E2M1FN>, tensor<64x4xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg4, %arg5 {block_shape = array<i64: -1, 24, 16>} : (tensor<3x64x32xf32>, tensor<f32>) -> (tensor<3x64x32xf4E2M1FN>, tensor<1x3x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg6, %arg7, %arg8 {block_shape = array<i64: 16, 16>} : (tensor<64x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<bf16>) -> tensor<64x32xbf16>
// CHECK-NEXT: return
func.func @nvfp4_block_shape(%arg0: tensor<64x32xbf16>, %arg1: tensor<f32>, %arg2: tensor<64x32xf16>, %arg3: tensor<1xf16>, %arg4: tensor<3x64x32xf32>, %arg5: tensor<f32>, %arg6: tensor<64x32xf4E2M1FN>, %arg7: tensor<4x2xf8E4M3FN>, %arg8: tensor<bf16>) {
  %q0, %s0 = quant_dyn.quantize %arg0, %arg1 {block_shape = array<i64: 16, 16>}
      : (tensor<64x32xbf16>, tensor<f32>) -> (tensor<64x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>)
  %q1, %s1 = quant_dyn.quantize %arg2, %arg3 {block_shape = array<i64: 1, 8>}
      : (tensor<64x32xf16>, tensor<1xf16>) -> (tensor<64x32xf4E2M1FN>, tensor<64x4xf8E4M3FN>)
  %q2, %s2 = quant_dyn.quantize %arg4, %arg5 {block_shape = array<i64: -1, 24, 16>}
      : (tensor<3x64x32xf32>, tensor<f32>) -> (tensor<3x64x32xf4E2M1FN>, tensor<1x3x2xf8E4M3FN>)
  %y3 = quant_dyn.dequantize %arg6, %arg7, %arg8 {block_shape = array<i64: 16, 16>}
      : (tensor<64x32xf4E2M1FN>, tensor<4x2xf8E4M3FN>, tensor<bf16>) -> tensor<64x32xbf16>
  return
}

// f8E8M0FNU scales (OCP MX): every float data type, block_size 32, every input type.
// CHECK-LABEL: func.func @mx_data_types(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf16>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
// CHECK-NEXT: quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf16>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
// CHECK-NEXT: quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf16>) -> (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
// CHECK-NEXT: quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf16>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
// CHECK-NEXT: quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf16>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
// CHECK-NEXT: quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xbf16>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xbf16>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xbf16>) -> (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xbf16>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xbf16>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
// CHECK-NEXT: quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf32>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
// CHECK-NEXT: quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf32>) -> (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
// CHECK-NEXT: quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf32>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
// CHECK-NEXT: quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf32>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
// CHECK-NEXT: return
func.func @mx_data_types(%arg0: tensor<2x64xf16>, %arg1: tensor<2x64xf4E2M1FN>, %arg2: tensor<2x2xf8E8M0FNU>, %arg3: tensor<2x64xf16>, %arg4: tensor<2x64xf8E4M3FN>, %arg5: tensor<2x2xf8E8M0FNU>, %arg6: tensor<2x64xf16>, %arg7: tensor<2x64xf8E5M2>, %arg8: tensor<2x2xf8E8M0FNU>, %arg9: tensor<2x64xf16>, %arg10: tensor<2x64xf6E2M3FN>, %arg11: tensor<2x2xf8E8M0FNU>, %arg12: tensor<2x64xf16>, %arg13: tensor<2x64xf6E3M2FN>, %arg14: tensor<2x2xf8E8M0FNU>, %arg15: tensor<2x64xbf16>, %arg16: tensor<2x64xf4E2M1FN>, %arg17: tensor<2x2xf8E8M0FNU>, %arg18: tensor<2x64xbf16>, %arg19: tensor<2x64xf8E4M3FN>, %arg20: tensor<2x2xf8E8M0FNU>, %arg21: tensor<2x64xbf16>, %arg22: tensor<2x64xf8E5M2>, %arg23: tensor<2x2xf8E8M0FNU>, %arg24: tensor<2x64xbf16>, %arg25: tensor<2x64xf6E2M3FN>, %arg26: tensor<2x2xf8E8M0FNU>, %arg27: tensor<2x64xbf16>, %arg28: tensor<2x64xf6E3M2FN>, %arg29: tensor<2x2xf8E8M0FNU>, %arg30: tensor<2x64xf32>, %arg31: tensor<2x64xf4E2M1FN>, %arg32: tensor<2x2xf8E8M0FNU>, %arg33: tensor<2x64xf32>, %arg34: tensor<2x64xf8E4M3FN>, %arg35: tensor<2x2xf8E8M0FNU>, %arg36: tensor<2x64xf32>, %arg37: tensor<2x64xf8E5M2>, %arg38: tensor<2x2xf8E8M0FNU>, %arg39: tensor<2x64xf32>, %arg40: tensor<2x64xf6E2M3FN>, %arg41: tensor<2x2xf8E8M0FNU>, %arg42: tensor<2x64xf32>, %arg43: tensor<2x64xf6E3M2FN>, %arg44: tensor<2x2xf8E8M0FNU>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf16>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
  %y1 = quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
  %q2, %s2 = quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf16>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>)
  %y3 = quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
  %q4, %s4 = quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf16>) -> (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
  %y5 = quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
  %q6, %s6 = quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf16>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
  %y7 = quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
  %q8, %s8 = quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf16>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
  %y9 = quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf16>
  %q10, %s10 = quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xbf16>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
  %y11 = quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
  %q12, %s12 = quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xbf16>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>)
  %y13 = quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
  %q14, %s14 = quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xbf16>) -> (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
  %y15 = quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
  %q16, %s16 = quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xbf16>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
  %y17 = quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
  %q18, %s18 = quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xbf16>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
  %y19 = quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xbf16>
  %q20, %s20 = quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
  %y21 = quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
  %q22, %s22 = quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf32>) -> (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>)
  %y23 = quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf8E4M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
  %q24, %s24 = quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf32>) -> (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
  %y25 = quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf8E5M2>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
  %q26, %s26 = quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf32>) -> (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>)
  %y27 = quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf6E2M3FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
  %q28, %s28 = quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf32>) -> (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>)
  %y29 = quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf6E3M2FN>, tensor<2x2xf8E8M0FNU>) -> tensor<2x64xf32>
  return
}

// scale_rounding on quantize with f8E8M0FNU scales: absent, floor, rceil.
// CHECK-LABEL: func.func @mx_scale_rounding(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<floor>} : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg2 {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>} : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg3 {block_shape = array<i64: 32, 32>, scale_rounding = #quant_dyn.scale_rounding<rceil>} : (tensor<64x64xbf16>) -> (tensor<64x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
// CHECK-NEXT: return
func.func @mx_scale_rounding(%arg0: tensor<2x64xf32>, %arg1: tensor<2x64xf32>, %arg2: tensor<2x64xf32>, %arg3: tensor<64x64xbf16>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
  %q1, %s1 = quant_dyn.quantize %arg1 {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<floor>}
      : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
  %q2, %s2 = quant_dyn.quantize %arg2 {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>}
      : (tensor<2x64xf32>) -> (tensor<2x64xf4E2M1FN>, tensor<2x2xf8E8M0FNU>)
  %q3, %s3 = quant_dyn.quantize %arg3 {block_shape = array<i64: 32, 32>, scale_rounding = #quant_dyn.scale_rounding<rceil>}
      : (tensor<64x64xbf16>) -> (tensor<64x64xf8E5M2>, tensor<2x2xf8E8M0FNU>)
  return
}

// f8E8M0FNU scales in block_shape mode: any block shape.
// CHECK-LABEL: func.func @mx_block_shape(
// CHECK-NEXT: quant_dyn.quantize %arg0 {block_shape = array<i64: 4, 3>} : (tensor<8x8xf32>) -> (tensor<8x8xf6E2M3FN>, tensor<2x3xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {block_shape = array<i64: 1, -1, 32>} : (tensor<2x8x64xbf16>) -> (tensor<2x8x64xf8E4M3FN>, tensor<2x1x2xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg2, %arg3 {block_shape = array<i64: 4, 3>} : (tensor<8x8xf6E2M3FN>, tensor<2x3xf8E8M0FNU>) -> tensor<8x8xf32>
// CHECK-NEXT: return
func.func @mx_block_shape(%arg0: tensor<8x8xf32>, %arg1: tensor<2x8x64xbf16>, %arg2: tensor<8x8xf6E2M3FN>, %arg3: tensor<2x3xf8E8M0FNU>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf32>) -> (tensor<8x8xf6E2M3FN>, tensor<2x3xf8E8M0FNU>)
  %q1, %s1 = quant_dyn.quantize %arg1 {block_shape = array<i64: 1, -1, 32>}
      : (tensor<2x8x64xbf16>) -> (tensor<2x8x64xf8E4M3FN>, tensor<2x1x2xf8E8M0FNU>)
  %y2 = quant_dyn.dequantize %arg2, %arg3 {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf6E2M3FN>, tensor<2x3xf8E8M0FNU>) -> tensor<8x8xf32>
  return
}

// f32 scales: every data type (si8 included) with every input type, any block size.
// CHECK-LABEL: func.func @f32_scales_all_types(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xf32>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xsi8>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xf32>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xf32>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xsi8>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xf32>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xf32>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg45 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg46, %arg47 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg48 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg49, %arg50 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg51 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xsi8>, tensor<2x3xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg52, %arg53 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xf32>) -> tensor<2x24xf32>
// CHECK-NEXT: return
func.func @f32_scales_all_types(%arg0: tensor<2x24xf16>, %arg1: tensor<2x24xf4E2M1FN>, %arg2: tensor<2x3xf32>, %arg3: tensor<2x24xf16>, %arg4: tensor<2x24xf8E4M3FN>, %arg5: tensor<2x3xf32>, %arg6: tensor<2x24xf16>, %arg7: tensor<2x24xf8E5M2>, %arg8: tensor<2x3xf32>, %arg9: tensor<2x24xf16>, %arg10: tensor<2x24xf6E2M3FN>, %arg11: tensor<2x3xf32>, %arg12: tensor<2x24xf16>, %arg13: tensor<2x24xf6E3M2FN>, %arg14: tensor<2x3xf32>, %arg15: tensor<2x24xf16>, %arg16: tensor<2x24xsi8>, %arg17: tensor<2x3xf32>, %arg18: tensor<2x24xbf16>, %arg19: tensor<2x24xf4E2M1FN>, %arg20: tensor<2x3xf32>, %arg21: tensor<2x24xbf16>, %arg22: tensor<2x24xf8E4M3FN>, %arg23: tensor<2x3xf32>, %arg24: tensor<2x24xbf16>, %arg25: tensor<2x24xf8E5M2>, %arg26: tensor<2x3xf32>, %arg27: tensor<2x24xbf16>, %arg28: tensor<2x24xf6E2M3FN>, %arg29: tensor<2x3xf32>, %arg30: tensor<2x24xbf16>, %arg31: tensor<2x24xf6E3M2FN>, %arg32: tensor<2x3xf32>, %arg33: tensor<2x24xbf16>, %arg34: tensor<2x24xsi8>, %arg35: tensor<2x3xf32>, %arg36: tensor<2x24xf32>, %arg37: tensor<2x24xf4E2M1FN>, %arg38: tensor<2x3xf32>, %arg39: tensor<2x24xf32>, %arg40: tensor<2x24xf8E4M3FN>, %arg41: tensor<2x3xf32>, %arg42: tensor<2x24xf32>, %arg43: tensor<2x24xf8E5M2>, %arg44: tensor<2x3xf32>, %arg45: tensor<2x24xf32>, %arg46: tensor<2x24xf6E2M3FN>, %arg47: tensor<2x3xf32>, %arg48: tensor<2x24xf32>, %arg49: tensor<2x24xf6E3M2FN>, %arg50: tensor<2x3xf32>, %arg51: tensor<2x24xf32>, %arg52: tensor<2x24xsi8>, %arg53: tensor<2x3xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>)
  %y1 = quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
  %q2, %s2 = quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>)
  %y3 = quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
  %q4, %s4 = quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf32>)
  %y5 = quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xf32>) -> tensor<2x24xf16>
  %q6, %s6 = quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>)
  %y7 = quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
  %q8, %s8 = quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>)
  %y9 = quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>) -> tensor<2x24xf16>
  %q10, %s10 = quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xsi8>, tensor<2x3xf32>)
  %y11 = quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xf32>) -> tensor<2x24xf16>
  %q12, %s12 = quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>)
  %y13 = quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
  %q14, %s14 = quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>)
  %y15 = quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
  %q16, %s16 = quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf32>)
  %y17 = quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xf32>) -> tensor<2x24xbf16>
  %q18, %s18 = quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>)
  %y19 = quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
  %q20, %s20 = quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>)
  %y21 = quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>) -> tensor<2x24xbf16>
  %q22, %s22 = quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xsi8>, tensor<2x3xf32>)
  %y23 = quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xf32>) -> tensor<2x24xbf16>
  %q24, %s24 = quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>)
  %y25 = quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
  %q26, %s26 = quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>)
  %y27 = quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
  %q28, %s28 = quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf32>)
  %y29 = quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xf32>) -> tensor<2x24xf32>
  %q30, %s30 = quant_dyn.quantize %arg45 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>)
  %y31 = quant_dyn.dequantize %arg46, %arg47 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
  %q32, %s32 = quant_dyn.quantize %arg48 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>)
  %y33 = quant_dyn.dequantize %arg49, %arg50 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xf32>) -> tensor<2x24xf32>
  %q34, %s34 = quant_dyn.quantize %arg51 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xsi8>, tensor<2x3xf32>)
  %y35 = quant_dyn.dequantize %arg52, %arg53 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xf32>) -> tensor<2x24xf32>
  return
}

// f16 scales: every data type (si8 included) with every input type, any block size.
// CHECK-LABEL: func.func @f16_scales_all_types(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xsi8>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xsi8>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg45 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg46, %arg47 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg48 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg49, %arg50 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg51 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xsi8>, tensor<2x3xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg52, %arg53 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xf16>) -> tensor<2x24xf32>
// CHECK-NEXT: return
func.func @f16_scales_all_types(%arg0: tensor<2x24xf16>, %arg1: tensor<2x24xf4E2M1FN>, %arg2: tensor<2x3xf16>, %arg3: tensor<2x24xf16>, %arg4: tensor<2x24xf8E4M3FN>, %arg5: tensor<2x3xf16>, %arg6: tensor<2x24xf16>, %arg7: tensor<2x24xf8E5M2>, %arg8: tensor<2x3xf16>, %arg9: tensor<2x24xf16>, %arg10: tensor<2x24xf6E2M3FN>, %arg11: tensor<2x3xf16>, %arg12: tensor<2x24xf16>, %arg13: tensor<2x24xf6E3M2FN>, %arg14: tensor<2x3xf16>, %arg15: tensor<2x24xf16>, %arg16: tensor<2x24xsi8>, %arg17: tensor<2x3xf16>, %arg18: tensor<2x24xbf16>, %arg19: tensor<2x24xf4E2M1FN>, %arg20: tensor<2x3xf16>, %arg21: tensor<2x24xbf16>, %arg22: tensor<2x24xf8E4M3FN>, %arg23: tensor<2x3xf16>, %arg24: tensor<2x24xbf16>, %arg25: tensor<2x24xf8E5M2>, %arg26: tensor<2x3xf16>, %arg27: tensor<2x24xbf16>, %arg28: tensor<2x24xf6E2M3FN>, %arg29: tensor<2x3xf16>, %arg30: tensor<2x24xbf16>, %arg31: tensor<2x24xf6E3M2FN>, %arg32: tensor<2x3xf16>, %arg33: tensor<2x24xbf16>, %arg34: tensor<2x24xsi8>, %arg35: tensor<2x3xf16>, %arg36: tensor<2x24xf32>, %arg37: tensor<2x24xf4E2M1FN>, %arg38: tensor<2x3xf16>, %arg39: tensor<2x24xf32>, %arg40: tensor<2x24xf8E4M3FN>, %arg41: tensor<2x3xf16>, %arg42: tensor<2x24xf32>, %arg43: tensor<2x24xf8E5M2>, %arg44: tensor<2x3xf16>, %arg45: tensor<2x24xf32>, %arg46: tensor<2x24xf6E2M3FN>, %arg47: tensor<2x3xf16>, %arg48: tensor<2x24xf32>, %arg49: tensor<2x24xf6E3M2FN>, %arg50: tensor<2x3xf16>, %arg51: tensor<2x24xf32>, %arg52: tensor<2x24xsi8>, %arg53: tensor<2x3xf16>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>)
  %y1 = quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
  %q2, %s2 = quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>)
  %y3 = quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
  %q4, %s4 = quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf16>)
  %y5 = quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xf16>) -> tensor<2x24xf16>
  %q6, %s6 = quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>)
  %y7 = quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
  %q8, %s8 = quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>)
  %y9 = quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>) -> tensor<2x24xf16>
  %q10, %s10 = quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xsi8>, tensor<2x3xf16>)
  %y11 = quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xf16>) -> tensor<2x24xf16>
  %q12, %s12 = quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>)
  %y13 = quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
  %q14, %s14 = quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>)
  %y15 = quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
  %q16, %s16 = quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf16>)
  %y17 = quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xf16>) -> tensor<2x24xbf16>
  %q18, %s18 = quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>)
  %y19 = quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
  %q20, %s20 = quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>)
  %y21 = quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>) -> tensor<2x24xbf16>
  %q22, %s22 = quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xsi8>, tensor<2x3xf16>)
  %y23 = quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xf16>) -> tensor<2x24xbf16>
  %q24, %s24 = quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>)
  %y25 = quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
  %q26, %s26 = quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>)
  %y27 = quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
  %q28, %s28 = quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf8E5M2>, tensor<2x3xf16>)
  %y29 = quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xf16>) -> tensor<2x24xf32>
  %q30, %s30 = quant_dyn.quantize %arg45 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>)
  %y31 = quant_dyn.dequantize %arg46, %arg47 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
  %q32, %s32 = quant_dyn.quantize %arg48 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>)
  %y33 = quant_dyn.dequantize %arg49, %arg50 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xf16>) -> tensor<2x24xf32>
  %q34, %s34 = quant_dyn.quantize %arg51 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xsi8>, tensor<2x3xf16>)
  %y35 = quant_dyn.dequantize %arg52, %arg53 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xf16>) -> tensor<2x24xf32>
  return
}

// bf16 scales: every data type (si8 included) with every input type, any block size.
// CHECK-LABEL: func.func @bf16_scales_all_types(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xbf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf16>) -> (tensor<2x24xsi8>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xbf16>) -> tensor<2x24xf16>
// CHECK-NEXT: quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xbf16>) -> (tensor<2x24xsi8>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf8E5M2>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf8E5M2>, tensor<2x3xbf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg45 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg46, %arg47 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg48 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg49, %arg50 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
// CHECK-NEXT: quant_dyn.quantize %arg51 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xf32>) -> (tensor<2x24xsi8>, tensor<2x3xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg52, %arg53 {axis = 1 : i64, block_size = 8 : i64} : (tensor<2x24xsi8>, tensor<2x3xbf16>) -> tensor<2x24xf32>
// CHECK-NEXT: return
func.func @bf16_scales_all_types(%arg0: tensor<2x24xf16>, %arg1: tensor<2x24xf4E2M1FN>, %arg2: tensor<2x3xbf16>, %arg3: tensor<2x24xf16>, %arg4: tensor<2x24xf8E4M3FN>, %arg5: tensor<2x3xbf16>, %arg6: tensor<2x24xf16>, %arg7: tensor<2x24xf8E5M2>, %arg8: tensor<2x3xbf16>, %arg9: tensor<2x24xf16>, %arg10: tensor<2x24xf6E2M3FN>, %arg11: tensor<2x3xbf16>, %arg12: tensor<2x24xf16>, %arg13: tensor<2x24xf6E3M2FN>, %arg14: tensor<2x3xbf16>, %arg15: tensor<2x24xf16>, %arg16: tensor<2x24xsi8>, %arg17: tensor<2x3xbf16>, %arg18: tensor<2x24xbf16>, %arg19: tensor<2x24xf4E2M1FN>, %arg20: tensor<2x3xbf16>, %arg21: tensor<2x24xbf16>, %arg22: tensor<2x24xf8E4M3FN>, %arg23: tensor<2x3xbf16>, %arg24: tensor<2x24xbf16>, %arg25: tensor<2x24xf8E5M2>, %arg26: tensor<2x3xbf16>, %arg27: tensor<2x24xbf16>, %arg28: tensor<2x24xf6E2M3FN>, %arg29: tensor<2x3xbf16>, %arg30: tensor<2x24xbf16>, %arg31: tensor<2x24xf6E3M2FN>, %arg32: tensor<2x3xbf16>, %arg33: tensor<2x24xbf16>, %arg34: tensor<2x24xsi8>, %arg35: tensor<2x3xbf16>, %arg36: tensor<2x24xf32>, %arg37: tensor<2x24xf4E2M1FN>, %arg38: tensor<2x3xbf16>, %arg39: tensor<2x24xf32>, %arg40: tensor<2x24xf8E4M3FN>, %arg41: tensor<2x3xbf16>, %arg42: tensor<2x24xf32>, %arg43: tensor<2x24xf8E5M2>, %arg44: tensor<2x3xbf16>, %arg45: tensor<2x24xf32>, %arg46: tensor<2x24xf6E2M3FN>, %arg47: tensor<2x3xbf16>, %arg48: tensor<2x24xf32>, %arg49: tensor<2x24xf6E3M2FN>, %arg50: tensor<2x3xbf16>, %arg51: tensor<2x24xf32>, %arg52: tensor<2x24xsi8>, %arg53: tensor<2x3xbf16>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>)
  %y1 = quant_dyn.dequantize %arg1, %arg2 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
  %q2, %s2 = quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>)
  %y3 = quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
  %q4, %s4 = quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xbf16>)
  %y5 = quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xbf16>) -> tensor<2x24xf16>
  %q6, %s6 = quant_dyn.quantize %arg9 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>)
  %y7 = quant_dyn.dequantize %arg10, %arg11 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
  %q8, %s8 = quant_dyn.quantize %arg12 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>)
  %y9 = quant_dyn.dequantize %arg13, %arg14 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>) -> tensor<2x24xf16>
  %q10, %s10 = quant_dyn.quantize %arg15 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf16>) -> (tensor<2x24xsi8>, tensor<2x3xbf16>)
  %y11 = quant_dyn.dequantize %arg16, %arg17 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xbf16>) -> tensor<2x24xf16>
  %q12, %s12 = quant_dyn.quantize %arg18 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>)
  %y13 = quant_dyn.dequantize %arg19, %arg20 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
  %q14, %s14 = quant_dyn.quantize %arg21 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>)
  %y15 = quant_dyn.dequantize %arg22, %arg23 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
  %q16, %s16 = quant_dyn.quantize %arg24 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf8E5M2>, tensor<2x3xbf16>)
  %y17 = quant_dyn.dequantize %arg25, %arg26 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
  %q18, %s18 = quant_dyn.quantize %arg27 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>)
  %y19 = quant_dyn.dequantize %arg28, %arg29 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
  %q20, %s20 = quant_dyn.quantize %arg30 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>)
  %y21 = quant_dyn.dequantize %arg31, %arg32 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
  %q22, %s22 = quant_dyn.quantize %arg33 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xbf16>) -> (tensor<2x24xsi8>, tensor<2x3xbf16>)
  %y23 = quant_dyn.dequantize %arg34, %arg35 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xbf16>) -> tensor<2x24xbf16>
  %q24, %s24 = quant_dyn.quantize %arg36 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>)
  %y25 = quant_dyn.dequantize %arg37, %arg38 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf4E2M1FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
  %q26, %s26 = quant_dyn.quantize %arg39 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>)
  %y27 = quant_dyn.dequantize %arg40, %arg41 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E4M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
  %q28, %s28 = quant_dyn.quantize %arg42 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf8E5M2>, tensor<2x3xbf16>)
  %y29 = quant_dyn.dequantize %arg43, %arg44 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf8E5M2>, tensor<2x3xbf16>) -> tensor<2x24xf32>
  %q30, %s30 = quant_dyn.quantize %arg45 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>)
  %y31 = quant_dyn.dequantize %arg46, %arg47 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E2M3FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
  %q32, %s32 = quant_dyn.quantize %arg48 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>)
  %y33 = quant_dyn.dequantize %arg49, %arg50 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf6E3M2FN>, tensor<2x3xbf16>) -> tensor<2x24xf32>
  %q34, %s34 = quant_dyn.quantize %arg51 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xf32>) -> (tensor<2x24xsi8>, tensor<2x3xbf16>)
  %y35 = quant_dyn.dequantize %arg52, %arg53 {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<2x24xsi8>, tensor<2x3xbf16>) -> tensor<2x24xf32>
  return
}

// 1D mode on rank 2: axis last / second-to-last, positive and negative.
// CHECK-LABEL: func.func @axis_rank2(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 2 : i64} : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<6x16xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {axis = -1 : i64, block_size = 2 : i64} : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<6x16xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg2 {axis = 0 : i64, block_size = 2 : i64} : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<3x32xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg3 {axis = -2 : i64, block_size = 2 : i64} : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<3x32xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5 {axis = 0 : i64, block_size = 2 : i64} : (tensor<6x32xsi8>, tensor<3x32xf32>) -> tensor<6x32xf32>
// CHECK-NEXT: quant_dyn.dequantize %arg6, %arg7 {axis = -2 : i64, block_size = 2 : i64} : (tensor<6x32xsi8>, tensor<3x32xf32>) -> tensor<6x32xf32>
// CHECK-NEXT: return
func.func @axis_rank2(%arg0: tensor<6x32xf32>, %arg1: tensor<6x32xf32>, %arg2: tensor<6x32xf32>, %arg3: tensor<6x32xf32>, %arg4: tensor<6x32xsi8>, %arg5: tensor<3x32xf32>, %arg6: tensor<6x32xsi8>, %arg7: tensor<3x32xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 2 : i64}
      : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<6x16xf32>)
  %q1, %s1 = quant_dyn.quantize %arg1 {axis = -1 : i64, block_size = 2 : i64}
      : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<6x16xf32>)
  %q2, %s2 = quant_dyn.quantize %arg2 {axis = 0 : i64, block_size = 2 : i64}
      : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<3x32xf32>)
  %q3, %s3 = quant_dyn.quantize %arg3 {axis = -2 : i64, block_size = 2 : i64}
      : (tensor<6x32xf32>) -> (tensor<6x32xsi8>, tensor<3x32xf32>)
  %y4 = quant_dyn.dequantize %arg4, %arg5 {axis = 0 : i64, block_size = 2 : i64}
      : (tensor<6x32xsi8>, tensor<3x32xf32>) -> tensor<6x32xf32>
  %y5 = quant_dyn.dequantize %arg6, %arg7 {axis = -2 : i64, block_size = 2 : i64}
      : (tensor<6x32xsi8>, tensor<3x32xf32>) -> tensor<6x32xf32>
  return
}

// 1D mode on rank 3: axis 2, 1, -1, -2 (block_size 1 and odd sizes are legal with float scales).
// CHECK-LABEL: func.func @axis_rank3(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 2 : i64, block_size = 16 : i64} : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x6x3xf16>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {axis = -1 : i64, block_size = 48 : i64} : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x6x1xf16>)
// CHECK-NEXT: quant_dyn.quantize %arg2 {axis = 1 : i64, block_size = 3 : i64} : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x2x48xf16>)
// CHECK-NEXT: quant_dyn.quantize %arg3 {axis = -2 : i64, block_size = 1 : i64} : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x6x48xf16>)
// CHECK-NEXT: quant_dyn.quantize %arg4, %arg5 {axis = -2 : i64, block_size = 16 : i64} : (tensor<2x32x16xbf16>, tensor<f32>) -> (tensor<2x32x16xf4E2M1FN>, tensor<2x2x16xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64x16xbf16>) -> (tensor<2x64x16xf8E4M3FN>, tensor<2x2x16xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x64x16xf8E4M3FN>, tensor<2x2x16xf8E8M0FNU>) -> tensor<2x64x16xbf16>
// CHECK-NEXT: return
func.func @axis_rank3(%arg0: tensor<2x6x48xf16>, %arg1: tensor<2x6x48xf16>, %arg2: tensor<2x6x48xf16>, %arg3: tensor<2x6x48xf16>, %arg4: tensor<2x32x16xbf16>, %arg5: tensor<f32>, %arg6: tensor<2x64x16xbf16>, %arg7: tensor<2x64x16xf8E4M3FN>, %arg8: tensor<2x2x16xf8E8M0FNU>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 2 : i64, block_size = 16 : i64}
      : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x6x3xf16>)
  %q1, %s1 = quant_dyn.quantize %arg1 {axis = -1 : i64, block_size = 48 : i64}
      : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x6x1xf16>)
  %q2, %s2 = quant_dyn.quantize %arg2 {axis = 1 : i64, block_size = 3 : i64}
      : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x2x48xf16>)
  %q3, %s3 = quant_dyn.quantize %arg3 {axis = -2 : i64, block_size = 1 : i64}
      : (tensor<2x6x48xf16>) -> (tensor<2x6x48xf8E5M2>, tensor<2x6x48xf16>)
  %q4, %s4 = quant_dyn.quantize %arg4, %arg5 {axis = -2 : i64, block_size = 16 : i64}
      : (tensor<2x32x16xbf16>, tensor<f32>) -> (tensor<2x32x16xf4E2M1FN>, tensor<2x2x16xf8E4M3FN>)
  %q5, %s5 = quant_dyn.quantize %arg6 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64x16xbf16>) -> (tensor<2x64x16xf8E4M3FN>, tensor<2x2x16xf8E8M0FNU>)
  %y6 = quant_dyn.dequantize %arg7, %arg8 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x64x16xf8E4M3FN>, tensor<2x2x16xf8E8M0FNU>) -> tensor<2x64x16xbf16>
  return
}

// block_shape on rank 2: partial edge blocks, -1 entries, blocks larger than the extent.
// CHECK-LABEL: func.func @block_shape_rank2(
// CHECK-NEXT: quant_dyn.quantize %arg0 {block_shape = array<i64: 3, 3>} : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<4x3xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {block_shape = array<i64: -1, 1>} : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<1x7xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg2 {block_shape = array<i64: -1, -1>} : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<1x1xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg3 {block_shape = array<i64: 100, 8>} : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<1x1xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5 {block_shape = array<i64: 3, 3>} : (tensor<10x7xsi8>, tensor<4x3xf32>) -> tensor<10x7xf16>
// CHECK-NEXT: return
func.func @block_shape_rank2(%arg0: tensor<10x7xf32>, %arg1: tensor<10x7xf32>, %arg2: tensor<10x7xf32>, %arg3: tensor<10x7xf32>, %arg4: tensor<10x7xsi8>, %arg5: tensor<4x3xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {block_shape = array<i64: 3, 3>}
      : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<4x3xf32>)
  %q1, %s1 = quant_dyn.quantize %arg1 {block_shape = array<i64: -1, 1>}
      : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<1x7xf32>)
  %q2, %s2 = quant_dyn.quantize %arg2 {block_shape = array<i64: -1, -1>}
      : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<1x1xf32>)
  %q3, %s3 = quant_dyn.quantize %arg3 {block_shape = array<i64: 100, 8>}
      : (tensor<10x7xf32>) -> (tensor<10x7xsi8>, tensor<1x1xf32>)
  %y4 = quant_dyn.dequantize %arg4, %arg5 {block_shape = array<i64: 3, 3>}
      : (tensor<10x7xsi8>, tensor<4x3xf32>) -> tensor<10x7xf16>
  return
}

// block_shape on rank 3.
// CHECK-LABEL: func.func @block_shape_rank3(
// CHECK-NEXT: quant_dyn.quantize %arg0 {block_shape = array<i64: 2, -1, 4>} : (tensor<5x9x16xbf16>) -> (tensor<5x9x16xf6E3M2FN>, tensor<3x1x4xbf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg1, %arg2 {block_shape = array<i64: 2, -1, 4>} : (tensor<5x9x16xf6E3M2FN>, tensor<3x1x4xbf16>) -> tensor<5x9x16xbf16>
// CHECK-NEXT: return
func.func @block_shape_rank3(%arg0: tensor<5x9x16xbf16>, %arg1: tensor<5x9x16xf6E3M2FN>, %arg2: tensor<3x1x4xbf16>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {block_shape = array<i64: 2, -1, 4>}
      : (tensor<5x9x16xbf16>) -> (tensor<5x9x16xf6E3M2FN>, tensor<3x1x4xbf16>)
  %y1 = quant_dyn.dequantize %arg1, %arg2 {block_shape = array<i64: 2, -1, 4>}
      : (tensor<5x9x16xf6E3M2FN>, tensor<3x1x4xbf16>) -> tensor<5x9x16xbf16>
  return
}

// block_shape on rank 4 (only block_shape mode takes rank 4).
// CHECK-LABEL: func.func @block_shape_rank4(
// CHECK-NEXT: quant_dyn.quantize %arg0 {block_shape = array<i64: -1, 1, 4, 16>} : (tensor<2x3x17x33xf32>) -> (tensor<2x3x17x33xf8E4M3FN>, tensor<1x3x5x3xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg1, %arg2 {block_shape = array<i64: 1, 1, 16, 16>} : (tensor<2x3x16x32xf16>, tensor<1xf32>) -> (tensor<2x3x16x32xf4E2M1FN>, tensor<2x3x1x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg3, %arg4 {block_shape = array<i64: -1, 1, 4, 16>} : (tensor<2x3x17x33xf8E4M3FN>, tensor<1x3x5x3xf32>) -> tensor<2x3x17x33xf32>
// CHECK-NEXT: return
func.func @block_shape_rank4(%arg0: tensor<2x3x17x33xf32>, %arg1: tensor<2x3x16x32xf16>, %arg2: tensor<1xf32>, %arg3: tensor<2x3x17x33xf8E4M3FN>, %arg4: tensor<1x3x5x3xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {block_shape = array<i64: -1, 1, 4, 16>}
      : (tensor<2x3x17x33xf32>) -> (tensor<2x3x17x33xf8E4M3FN>, tensor<1x3x5x3xf32>)
  %q1, %s1 = quant_dyn.quantize %arg1, %arg2 {block_shape = array<i64: 1, 1, 16, 16>}
      : (tensor<2x3x16x32xf16>, tensor<1xf32>) -> (tensor<2x3x16x32xf4E2M1FN>, tensor<2x3x1x2xf8E4M3FN>)
  %y2 = quant_dyn.dequantize %arg3, %arg4 {block_shape = array<i64: -1, 1, 4, 16>}
      : (tensor<2x3x17x33xf8E4M3FN>, tensor<1x3x5x3xf32>) -> tensor<2x3x17x33xf32>
  return
}

// Entries near INT64_MAX give one (partial) block: ceil division without overflow.
// CHECK-LABEL: func.func @block_shape_huge_entries(
// CHECK-NEXT: quant_dyn.quantize %arg0 {block_shape = array<i64: 9223372036854775807, 9223372036854775806>} : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<1x1xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {block_shape = array<i64: 9223372036854775807, 9223372036854775807>} : (tensor<?x8xf32>) -> (tensor<?x8xf8E4M3FN>, tensor<?x1xf32>)
// CHECK-NEXT: return
func.func @block_shape_huge_entries(%arg0: tensor<8x8xf32>, %arg1: tensor<?x8xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {block_shape = array<i64: 9223372036854775807, 9223372036854775806>}
      : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<1x1xf32>)
  %q1, %s1 = quant_dyn.quantize %arg1 {block_shape = array<i64: 9223372036854775807, 9223372036854775807>}
      : (tensor<?x8xf32>) -> (tensor<?x8xf8E4M3FN>, tensor<?x1xf32>)
  return
}

// 1D mode with dynamic dims: dynamic scale dims over dynamic input dims, and a
// static scale dim over a dynamic input dim (checked at run time).
// CHECK-LABEL: func.func @dynamic_1d(
// CHECK-NEXT: quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<?x32xf32>, tensor<f32>) -> (tensor<?x32xf4E2M1FN>, tensor<?x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg2, %arg3 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x?xf32>, tensor<f32>) -> (tensor<4x?xf4E2M1FN>, tensor<4x?xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg4, %arg5 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x?xf32>, tensor<f32>) -> (tensor<4x?xf4E2M1FN>, tensor<4x3xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg6 {axis = -2 : i64, block_size = 32 : i64} : (tensor<?x?x?xbf16>) -> (tensor<?x?x?xf8E5M2>, tensor<?x?x?xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg7 {axis = -2 : i64, block_size = 32 : i64} : (tensor<?x?x?xbf16>) -> (tensor<?x?x?xf8E5M2>, tensor<2x5x7xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg8, %arg9, %arg10 {axis = 1 : i64, block_size = 16 : i64} : (tensor<?x32xf4E2M1FN>, tensor<?x2xf8E4M3FN>, tensor<f32>) -> tensor<?x32xf32>
// CHECK-NEXT: quant_dyn.dequantize %arg11, %arg12, %arg13 {axis = 1 : i64, block_size = 16 : i64} : (tensor<?x?xf4E2M1FN>, tensor<3x4xf8E4M3FN>, tensor<f32>) -> tensor<?x?xf32>
// CHECK-NEXT: return
func.func @dynamic_1d(%arg0: tensor<?x32xf32>, %arg1: tensor<f32>, %arg2: tensor<4x?xf32>, %arg3: tensor<f32>, %arg4: tensor<4x?xf32>, %arg5: tensor<f32>, %arg6: tensor<?x?x?xbf16>, %arg7: tensor<?x?x?xbf16>, %arg8: tensor<?x32xf4E2M1FN>, %arg9: tensor<?x2xf8E4M3FN>, %arg10: tensor<f32>, %arg11: tensor<?x?xf4E2M1FN>, %arg12: tensor<3x4xf8E4M3FN>, %arg13: tensor<f32>) {
  %q0, %s0 = quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x32xf32>, tensor<f32>) -> (tensor<?x32xf4E2M1FN>, tensor<?x2xf8E4M3FN>)
  %q1, %s1 = quant_dyn.quantize %arg2, %arg3 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x?xf32>, tensor<f32>) -> (tensor<4x?xf4E2M1FN>, tensor<4x?xf8E4M3FN>)
  %q2, %s2 = quant_dyn.quantize %arg4, %arg5 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x?xf32>, tensor<f32>) -> (tensor<4x?xf4E2M1FN>, tensor<4x3xf8E4M3FN>)
  %q3, %s3 = quant_dyn.quantize %arg6 {axis = -2 : i64, block_size = 32 : i64}
      : (tensor<?x?x?xbf16>) -> (tensor<?x?x?xf8E5M2>, tensor<?x?x?xf8E8M0FNU>)
  %q4, %s4 = quant_dyn.quantize %arg7 {axis = -2 : i64, block_size = 32 : i64}
      : (tensor<?x?x?xbf16>) -> (tensor<?x?x?xf8E5M2>, tensor<2x5x7xf8E8M0FNU>)
  %y5 = quant_dyn.dequantize %arg8, %arg9, %arg10 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x32xf4E2M1FN>, tensor<?x2xf8E4M3FN>, tensor<f32>) -> tensor<?x32xf32>
  %y6 = quant_dyn.dequantize %arg11, %arg12, %arg13 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x?xf4E2M1FN>, tensor<3x4xf8E4M3FN>, tensor<f32>) -> tensor<?x?xf32>
  return
}

// block_shape mode with dynamic dims; a -1 entry over a dynamic dim gives a
// static 1 or a dynamic scale dim.
// CHECK-LABEL: func.func @dynamic_block_shape(
// CHECK-NEXT: quant_dyn.quantize %arg0 {block_shape = array<i64: 4, 3>} : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<?x?xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {block_shape = array<i64: 4, -1>} : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<?x1xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg2 {block_shape = array<i64: 4, -1>} : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<?x?xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg3 {block_shape = array<i64: 4, 3>} : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<5x6xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg4 {block_shape = array<i64: 2, 2, 4, 4>} : (tensor<2x?x8x?xf16>) -> (tensor<2x?x8x?xf6E2M3FN>, tensor<1x?x2x?xf16>)
// CHECK-NEXT: quant_dyn.dequantize %arg5, %arg6 {block_shape = array<i64: 4, -1>} : (tensor<?x?xsi8>, tensor<?x1xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: return
func.func @dynamic_block_shape(%arg0: tensor<?x?xf32>, %arg1: tensor<?x?xf32>, %arg2: tensor<?x?xf32>, %arg3: tensor<?x?xf32>, %arg4: tensor<2x?x8x?xf16>, %arg5: tensor<?x?xsi8>, %arg6: tensor<?x1xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {block_shape = array<i64: 4, 3>}
      : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<?x?xf32>)
  %q1, %s1 = quant_dyn.quantize %arg1 {block_shape = array<i64: 4, -1>}
      : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<?x1xf32>)
  %q2, %s2 = quant_dyn.quantize %arg2 {block_shape = array<i64: 4, -1>}
      : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<?x?xf32>)
  %q3, %s3 = quant_dyn.quantize %arg3 {block_shape = array<i64: 4, 3>}
      : (tensor<?x?xf32>) -> (tensor<?x?xsi8>, tensor<5x6xf32>)
  %q4, %s4 = quant_dyn.quantize %arg4 {block_shape = array<i64: 2, 2, 4, 4>}
      : (tensor<2x?x8x?xf16>) -> (tensor<2x?x8x?xf6E2M3FN>, tensor<1x?x2x?xf16>)
  %y5 = quant_dyn.dequantize %arg5, %arg6 {block_shape = array<i64: 4, -1>}
      : (tensor<?x?xsi8>, tensor<?x1xf32>) -> tensor<?x?xf32>
  return
}

// A dynamic dim on either side of input/data (quantize) or data/result
// (dequantize) is compatible with any extent.
// CHECK-LABEL: func.func @dynamic_data_result_compat(
// CHECK-NEXT: quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 16 : i64} : (tensor<?x32xf32>) -> (tensor<4x32xf8E4M3FN>, tensor<?x2xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf32>) -> (tensor<?x32xf8E4M3FN>, tensor<4x2xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg2, %arg3 {axis = 1 : i64, block_size = 16 : i64} : (tensor<?x32xf8E4M3FN>, tensor<?x2xf32>) -> tensor<4x32xf32>
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x32xf8E4M3FN>, tensor<4x2xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: return
func.func @dynamic_data_result_compat(%arg0: tensor<?x32xf32>, %arg1: tensor<4x32xf32>, %arg2: tensor<?x32xf8E4M3FN>, %arg3: tensor<?x2xf32>, %arg4: tensor<4x32xf8E4M3FN>, %arg5: tensor<4x2xf32>) {
  %q0, %s0 = quant_dyn.quantize %arg0 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x32xf32>) -> (tensor<4x32xf8E4M3FN>, tensor<?x2xf32>)
  %q1, %s1 = quant_dyn.quantize %arg1 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf32>) -> (tensor<?x32xf8E4M3FN>, tensor<4x2xf32>)
  %y2 = quant_dyn.dequantize %arg2, %arg3 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<?x32xf8E4M3FN>, tensor<?x2xf32>) -> tensor<4x32xf32>
  %y3 = quant_dyn.dequantize %arg4, %arg5 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x32xf8E4M3FN>, tensor<4x2xf32>) -> tensor<?x?xf32>
  return
}

// Zero-size dims: an entry > 0 over extent 0 gives 0 blocks, a -1 entry gives 1.
// CHECK-LABEL: func.func @zero_size(
// CHECK-NEXT: quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<0x32xf32>, tensor<f32>) -> (tensor<0x32xf4E2M1FN>, tensor<0x2xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg2, %arg3 {axis = 1 : i64, block_size = 16 : i64} : (tensor<4x0xf32>, tensor<f32>) -> (tensor<4x0xf4E2M1FN>, tensor<4x0xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg4 {axis = 1 : i64, block_size = 32 : i64} : (tensor<2x0x8xf32>) -> (tensor<2x0x8xf8E4M3FN>, tensor<2x0x8xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg5 {block_shape = array<i64: 4, 3>} : (tensor<0x8xf32>) -> (tensor<0x8xsi8>, tensor<0x3xf32>)
// CHECK-NEXT: quant_dyn.quantize %arg6 {block_shape = array<i64: -1, 3>} : (tensor<0x0xf32>) -> (tensor<0x0xsi8>, tensor<1x0xf32>)
// CHECK-NEXT: quant_dyn.dequantize %arg7, %arg8 {block_shape = array<i64: 4, 3>} : (tensor<0x8xsi8>, tensor<0x3xf32>) -> tensor<0x8xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg9, %arg10 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<0x3xf32>, tensor<3xf32>) -> tensor<0x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg11, %arg12, %arg13 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x0xui8>, tensor<0xf32>, tensor<0xui8>) -> tensor<4x0xf32>
// CHECK-NEXT: return
func.func @zero_size(%arg0: tensor<0x32xf32>, %arg1: tensor<f32>, %arg2: tensor<4x0xf32>, %arg3: tensor<f32>, %arg4: tensor<2x0x8xf32>, %arg5: tensor<0x8xf32>, %arg6: tensor<0x0xf32>, %arg7: tensor<0x8xsi8>, %arg8: tensor<0x3xf32>, %arg9: tensor<0x3xf32>, %arg10: tensor<3xf32>, %arg11: tensor<4x0xui8>, %arg12: tensor<0xf32>, %arg13: tensor<0xui8>) {
  %q0, %s0 = quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<0x32xf32>, tensor<f32>) -> (tensor<0x32xf4E2M1FN>, tensor<0x2xf8E4M3FN>)
  %q1, %s1 = quant_dyn.quantize %arg2, %arg3 {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x0xf32>, tensor<f32>) -> (tensor<4x0xf4E2M1FN>, tensor<4x0xf8E4M3FN>)
  %q2, %s2 = quant_dyn.quantize %arg4 {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<2x0x8xf32>) -> (tensor<2x0x8xf8E4M3FN>, tensor<2x0x8xf8E8M0FNU>)
  %q3, %s3 = quant_dyn.quantize %arg5 {block_shape = array<i64: 4, 3>}
      : (tensor<0x8xf32>) -> (tensor<0x8xsi8>, tensor<0x3xf32>)
  %q4, %s4 = quant_dyn.quantize %arg6 {block_shape = array<i64: -1, 3>}
      : (tensor<0x0xf32>) -> (tensor<0x0xsi8>, tensor<1x0xf32>)
  %y5 = quant_dyn.dequantize %arg7, %arg8 {block_shape = array<i64: 4, 3>}
      : (tensor<0x8xsi8>, tensor<0x3xf32>) -> tensor<0x8xf32>
  %l6 = quant_dyn.quantize_linear %arg9, %arg10 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<0x3xf32>, tensor<3xf32>) -> tensor<0x3xsi8>
  %l7 = quant_dyn.dequantize_linear %arg11, %arg12, %arg13 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x0xui8>, tensor<0xf32>, tensor<0xui8>) -> tensor<4x0xf32>
  return
}

// per_tensor is the default; axis is ignored for per_tensor (even out of range).
// CHECK-LABEL: func.func @linear_per_tensor(
// CHECK-NEXT: quant_dyn.quantize_linear %arg0, %arg1 : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.quantize_linear %arg2, %arg3 {axis = 7 : i64} : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg4, %arg5, %arg6 : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg7, %arg8 : (tensor<2x3x4xi8>, tensor<1xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: return
func.func @linear_per_tensor(%arg0: tensor<4x3xf32>, %arg1: tensor<1xf32>, %arg2: tensor<4x3xf32>, %arg3: tensor<1xf32>, %arg4: tensor<4x3xui8>, %arg5: tensor<1xf32>, %arg6: tensor<1xui8>, %arg7: tensor<2x3x4xi8>, %arg8: tensor<1xf32>) {
  %l0 = quant_dyn.quantize_linear %arg0, %arg1
      : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
  %l1 = quant_dyn.quantize_linear %arg2, %arg3 {axis = 7 : i64}
      : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
  %l2 = quant_dyn.dequantize_linear %arg4, %arg5, %arg6
      : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
  %l3 = quant_dyn.dequantize_linear %arg7, %arg8
      : (tensor<2x3x4xi8>, tensor<1xf32>) -> tensor<2x3x4xf32>
  return
}

// per_channel with positive and negative axes on ranks 1 to 4.
// CHECK-LABEL: func.func @linear_per_channel_axes(
// CHECK-NEXT: quant_dyn.quantize_linear %arg0, %arg1 {axis = 0 : i64, qtype = #quant_dyn.qtype<per_channel>} : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xui8>
// CHECK-NEXT: quant_dyn.quantize_linear %arg2, %arg3 {axis = 0 : i64, qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.quantize_linear %arg4, %arg5 {axis = -1 : i64, qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.quantize_linear %arg6, %arg7 {axis = -2 : i64, qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg8, %arg9, %arg10 {axis = 2 : i64, qtype = #quant_dyn.qtype<per_channel>} : (tensor<2x3x4x5xsi8>, tensor<4xf32>, tensor<4xsi8>) -> tensor<2x3x4x5xf32>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg11, %arg12, %arg13 {axis = -4 : i64, qtype = #quant_dyn.qtype<per_channel>} : (tensor<2x3x4x5xsi8>, tensor<2xf32>, tensor<2xsi8>) -> tensor<2x3x4x5xf32>
// CHECK-NEXT: return
func.func @linear_per_channel_axes(%arg0: tensor<5xf32>, %arg1: tensor<5xf32>, %arg2: tensor<4x3xf32>, %arg3: tensor<4xf32>, %arg4: tensor<4x3xf32>, %arg5: tensor<3xf32>, %arg6: tensor<4x3xf32>, %arg7: tensor<4xf32>, %arg8: tensor<2x3x4x5xsi8>, %arg9: tensor<4xf32>, %arg10: tensor<4xsi8>, %arg11: tensor<2x3x4x5xsi8>, %arg12: tensor<2xf32>, %arg13: tensor<2xsi8>) {
  %l0 = quant_dyn.quantize_linear %arg0, %arg1 {axis = 0 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xui8>
  %l1 = quant_dyn.quantize_linear %arg2, %arg3 {axis = 0 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<4x3xui8>
  %l2 = quant_dyn.quantize_linear %arg4, %arg5 {axis = -1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xui8>
  %l3 = quant_dyn.quantize_linear %arg6, %arg7 {axis = -2 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<4x3xui8>
  %l4 = quant_dyn.dequantize_linear %arg8, %arg9, %arg10 {axis = 2 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<2x3x4x5xsi8>, tensor<4xf32>, tensor<4xsi8>) -> tensor<2x3x4x5xf32>
  %l5 = quant_dyn.dequantize_linear %arg11, %arg12, %arg13 {axis = -4 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<2x3x4x5xsi8>, tensor<2xf32>, tensor<2xsi8>) -> tensor<2x3x4x5xf32>
  return
}

// zps absent or si8 / i8 / ui8 / si32 / i32, in any combination with u8 / s8 / i8 data.
// CHECK-LABEL: func.func @linear_zero_points(
// CHECK-NEXT: quant_dyn.quantize_linear %arg0, %arg1 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg2, %arg3 : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg4, %arg5, %arg6 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi8>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg7, %arg8, %arg9 : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg10, %arg11, %arg12 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg13, %arg14, %arg15 : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg16, %arg17, %arg18 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg19, %arg20, %arg21 : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg22, %arg23, %arg24 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg25, %arg26, %arg27 : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg28, %arg29, %arg30 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<4x3xui8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg31, %arg32, %arg33 : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg34, %arg35 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg36, %arg37 : (tensor<4x3xsi8>, tensor<1xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg38, %arg39, %arg40 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi8>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg41, %arg42, %arg43 : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg44, %arg45, %arg46 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg47, %arg48, %arg49 : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg50, %arg51, %arg52 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg53, %arg54, %arg55 : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg56, %arg57, %arg58 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg59, %arg60, %arg61 : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg62, %arg63, %arg64 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg65, %arg66, %arg67 : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg68, %arg69 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg70, %arg71 : (tensor<4x3xi8>, tensor<1xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg72, %arg73, %arg74 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi8>) -> tensor<4x3xi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg75, %arg76, %arg77 : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg78, %arg79, %arg80 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<4x3xi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg81, %arg82, %arg83 : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg84, %arg85, %arg86 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg87, %arg88, %arg89 : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg90, %arg91, %arg92 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg93, %arg94, %arg95 : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg96, %arg97, %arg98 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<4x3xi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg99, %arg100, %arg101 : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x3xf32>
// CHECK-NEXT: return
func.func @linear_zero_points(%arg0: tensor<4x3xf32>, %arg1: tensor<3xf32>, %arg2: tensor<4x3xui8>, %arg3: tensor<1xf32>, %arg4: tensor<4x3xf32>, %arg5: tensor<3xf32>, %arg6: tensor<3xsi8>, %arg7: tensor<4x3xui8>, %arg8: tensor<1xf32>, %arg9: tensor<1xsi8>, %arg10: tensor<4x3xf32>, %arg11: tensor<3xf32>, %arg12: tensor<3xi8>, %arg13: tensor<4x3xui8>, %arg14: tensor<1xf32>, %arg15: tensor<1xi8>, %arg16: tensor<4x3xf32>, %arg17: tensor<3xf32>, %arg18: tensor<3xui8>, %arg19: tensor<4x3xui8>, %arg20: tensor<1xf32>, %arg21: tensor<1xui8>, %arg22: tensor<4x3xf32>, %arg23: tensor<3xf32>, %arg24: tensor<3xsi32>, %arg25: tensor<4x3xui8>, %arg26: tensor<1xf32>, %arg27: tensor<1xsi32>, %arg28: tensor<4x3xf32>, %arg29: tensor<3xf32>, %arg30: tensor<3xi32>, %arg31: tensor<4x3xui8>, %arg32: tensor<1xf32>, %arg33: tensor<1xi32>, %arg34: tensor<4x3xf32>, %arg35: tensor<3xf32>, %arg36: tensor<4x3xsi8>, %arg37: tensor<1xf32>, %arg38: tensor<4x3xf32>, %arg39: tensor<3xf32>, %arg40: tensor<3xsi8>, %arg41: tensor<4x3xsi8>, %arg42: tensor<1xf32>, %arg43: tensor<1xsi8>, %arg44: tensor<4x3xf32>, %arg45: tensor<3xf32>, %arg46: tensor<3xi8>, %arg47: tensor<4x3xsi8>, %arg48: tensor<1xf32>, %arg49: tensor<1xi8>, %arg50: tensor<4x3xf32>, %arg51: tensor<3xf32>, %arg52: tensor<3xui8>, %arg53: tensor<4x3xsi8>, %arg54: tensor<1xf32>, %arg55: tensor<1xui8>, %arg56: tensor<4x3xf32>, %arg57: tensor<3xf32>, %arg58: tensor<3xsi32>, %arg59: tensor<4x3xsi8>, %arg60: tensor<1xf32>, %arg61: tensor<1xsi32>, %arg62: tensor<4x3xf32>, %arg63: tensor<3xf32>, %arg64: tensor<3xi32>, %arg65: tensor<4x3xsi8>, %arg66: tensor<1xf32>, %arg67: tensor<1xi32>, %arg68: tensor<4x3xf32>, %arg69: tensor<3xf32>, %arg70: tensor<4x3xi8>, %arg71: tensor<1xf32>, %arg72: tensor<4x3xf32>, %arg73: tensor<3xf32>, %arg74: tensor<3xsi8>, %arg75: tensor<4x3xi8>, %arg76: tensor<1xf32>, %arg77: tensor<1xsi8>, %arg78: tensor<4x3xf32>, %arg79: tensor<3xf32>, %arg80: tensor<3xi8>, %arg81: tensor<4x3xi8>, %arg82: tensor<1xf32>, %arg83: tensor<1xi8>, %arg84: tensor<4x3xf32>, %arg85: tensor<3xf32>, %arg86: tensor<3xui8>, %arg87: tensor<4x3xi8>, %arg88: tensor<1xf32>, %arg89: tensor<1xui8>, %arg90: tensor<4x3xf32>, %arg91: tensor<3xf32>, %arg92: tensor<3xsi32>, %arg93: tensor<4x3xi8>, %arg94: tensor<1xf32>, %arg95: tensor<1xsi32>, %arg96: tensor<4x3xf32>, %arg97: tensor<3xf32>, %arg98: tensor<3xi32>, %arg99: tensor<4x3xi8>, %arg100: tensor<1xf32>, %arg101: tensor<1xi32>) {
  %l0 = quant_dyn.quantize_linear %arg0, %arg1 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xui8>
  %l1 = quant_dyn.dequantize_linear %arg2, %arg3
      : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xf32>
  %l2 = quant_dyn.quantize_linear %arg4, %arg5, %arg6 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi8>) -> tensor<4x3xui8>
  %l3 = quant_dyn.dequantize_linear %arg7, %arg8, %arg9
      : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
  %l4 = quant_dyn.quantize_linear %arg10, %arg11, %arg12 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<4x3xui8>
  %l5 = quant_dyn.dequantize_linear %arg13, %arg14, %arg15
      : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4x3xf32>
  %l6 = quant_dyn.quantize_linear %arg16, %arg17, %arg18 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
  %l7 = quant_dyn.dequantize_linear %arg19, %arg20, %arg21
      : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
  %l8 = quant_dyn.quantize_linear %arg22, %arg23, %arg24 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xui8>
  %l9 = quant_dyn.dequantize_linear %arg25, %arg26, %arg27
      : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<4x3xf32>
  %l10 = quant_dyn.quantize_linear %arg28, %arg29, %arg30 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<4x3xui8>
  %l11 = quant_dyn.dequantize_linear %arg31, %arg32, %arg33
      : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x3xf32>
  %l12 = quant_dyn.quantize_linear %arg34, %arg35 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xsi8>
  %l13 = quant_dyn.dequantize_linear %arg36, %arg37
      : (tensor<4x3xsi8>, tensor<1xf32>) -> tensor<4x3xf32>
  %l14 = quant_dyn.quantize_linear %arg38, %arg39, %arg40 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi8>) -> tensor<4x3xsi8>
  %l15 = quant_dyn.dequantize_linear %arg41, %arg42, %arg43
      : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
  %l16 = quant_dyn.quantize_linear %arg44, %arg45, %arg46 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<4x3xsi8>
  %l17 = quant_dyn.dequantize_linear %arg47, %arg48, %arg49
      : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4x3xf32>
  %l18 = quant_dyn.quantize_linear %arg50, %arg51, %arg52 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xsi8>
  %l19 = quant_dyn.dequantize_linear %arg53, %arg54, %arg55
      : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
  %l20 = quant_dyn.quantize_linear %arg56, %arg57, %arg58 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l21 = quant_dyn.dequantize_linear %arg59, %arg60, %arg61
      : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<4x3xf32>
  %l22 = quant_dyn.quantize_linear %arg62, %arg63, %arg64 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<4x3xsi8>
  %l23 = quant_dyn.dequantize_linear %arg65, %arg66, %arg67
      : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x3xf32>
  %l24 = quant_dyn.quantize_linear %arg68, %arg69 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xi8>
  %l25 = quant_dyn.dequantize_linear %arg70, %arg71
      : (tensor<4x3xi8>, tensor<1xf32>) -> tensor<4x3xf32>
  %l26 = quant_dyn.quantize_linear %arg72, %arg73, %arg74 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi8>) -> tensor<4x3xi8>
  %l27 = quant_dyn.dequantize_linear %arg75, %arg76, %arg77
      : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
  %l28 = quant_dyn.quantize_linear %arg78, %arg79, %arg80 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<4x3xi8>
  %l29 = quant_dyn.dequantize_linear %arg81, %arg82, %arg83
      : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4x3xf32>
  %l30 = quant_dyn.quantize_linear %arg84, %arg85, %arg86 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xi8>
  %l31 = quant_dyn.dequantize_linear %arg87, %arg88, %arg89
      : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4x3xf32>
  %l32 = quant_dyn.quantize_linear %arg90, %arg91, %arg92 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xi8>
  %l33 = quant_dyn.dequantize_linear %arg93, %arg94, %arg95
      : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xsi32>) -> tensor<4x3xf32>
  %l34 = quant_dyn.quantize_linear %arg96, %arg97, %arg98 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xi32>) -> tensor<4x3xi8>
  %l35 = quant_dyn.dequantize_linear %arg99, %arg100, %arg101
      : (tensor<4x3xi8>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x3xf32>
  return
}

// Float side f32 / f16 / bf16, scales f32 / f16 / bf16 in any combination.
// CHECK-LABEL: func.func @linear_float_types(
// CHECK-NEXT: quant_dyn.quantize_linear %arg0, %arg1, %arg2 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf16>, tensor<3xf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg3, %arg4 : (tensor<4x3xui8>, tensor<1xf16>) -> tensor<4x3xf16>
// CHECK-NEXT: quant_dyn.quantize_linear %arg5, %arg6, %arg7 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf16>, tensor<3xbf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg8, %arg9 : (tensor<4x3xui8>, tensor<1xbf16>) -> tensor<4x3xf16>
// CHECK-NEXT: quant_dyn.quantize_linear %arg10, %arg11, %arg12 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf16>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg13, %arg14 : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xf16>
// CHECK-NEXT: quant_dyn.quantize_linear %arg15, %arg16, %arg17 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xbf16>, tensor<3xf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg18, %arg19 : (tensor<4x3xui8>, tensor<1xf16>) -> tensor<4x3xbf16>
// CHECK-NEXT: quant_dyn.quantize_linear %arg20, %arg21, %arg22 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xbf16>, tensor<3xbf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg23, %arg24 : (tensor<4x3xui8>, tensor<1xbf16>) -> tensor<4x3xbf16>
// CHECK-NEXT: quant_dyn.quantize_linear %arg25, %arg26, %arg27 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xbf16>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg28, %arg29 : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xbf16>
// CHECK-NEXT: quant_dyn.quantize_linear %arg30, %arg31, %arg32 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg33, %arg34 : (tensor<4x3xui8>, tensor<1xf16>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg35, %arg36, %arg37 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xbf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg38, %arg39 : (tensor<4x3xui8>, tensor<1xbf16>) -> tensor<4x3xf32>
// CHECK-NEXT: quant_dyn.quantize_linear %arg40, %arg41, %arg42 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg43, %arg44 : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: return
func.func @linear_float_types(%arg0: tensor<4x3xf16>, %arg1: tensor<3xf16>, %arg2: tensor<3xsi32>, %arg3: tensor<4x3xui8>, %arg4: tensor<1xf16>, %arg5: tensor<4x3xf16>, %arg6: tensor<3xbf16>, %arg7: tensor<3xsi32>, %arg8: tensor<4x3xui8>, %arg9: tensor<1xbf16>, %arg10: tensor<4x3xf16>, %arg11: tensor<3xf32>, %arg12: tensor<3xsi32>, %arg13: tensor<4x3xui8>, %arg14: tensor<1xf32>, %arg15: tensor<4x3xbf16>, %arg16: tensor<3xf16>, %arg17: tensor<3xsi32>, %arg18: tensor<4x3xui8>, %arg19: tensor<1xf16>, %arg20: tensor<4x3xbf16>, %arg21: tensor<3xbf16>, %arg22: tensor<3xsi32>, %arg23: tensor<4x3xui8>, %arg24: tensor<1xbf16>, %arg25: tensor<4x3xbf16>, %arg26: tensor<3xf32>, %arg27: tensor<3xsi32>, %arg28: tensor<4x3xui8>, %arg29: tensor<1xf32>, %arg30: tensor<4x3xf32>, %arg31: tensor<3xf16>, %arg32: tensor<3xsi32>, %arg33: tensor<4x3xui8>, %arg34: tensor<1xf16>, %arg35: tensor<4x3xf32>, %arg36: tensor<3xbf16>, %arg37: tensor<3xsi32>, %arg38: tensor<4x3xui8>, %arg39: tensor<1xbf16>, %arg40: tensor<4x3xf32>, %arg41: tensor<3xf32>, %arg42: tensor<3xsi32>, %arg43: tensor<4x3xui8>, %arg44: tensor<1xf32>) {
  %l0 = quant_dyn.quantize_linear %arg0, %arg1, %arg2 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf16>, tensor<3xf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l1 = quant_dyn.dequantize_linear %arg3, %arg4
      : (tensor<4x3xui8>, tensor<1xf16>) -> tensor<4x3xf16>
  %l2 = quant_dyn.quantize_linear %arg5, %arg6, %arg7 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf16>, tensor<3xbf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l3 = quant_dyn.dequantize_linear %arg8, %arg9
      : (tensor<4x3xui8>, tensor<1xbf16>) -> tensor<4x3xf16>
  %l4 = quant_dyn.quantize_linear %arg10, %arg11, %arg12 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf16>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l5 = quant_dyn.dequantize_linear %arg13, %arg14
      : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xf16>
  %l6 = quant_dyn.quantize_linear %arg15, %arg16, %arg17 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xbf16>, tensor<3xf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l7 = quant_dyn.dequantize_linear %arg18, %arg19
      : (tensor<4x3xui8>, tensor<1xf16>) -> tensor<4x3xbf16>
  %l8 = quant_dyn.quantize_linear %arg20, %arg21, %arg22 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xbf16>, tensor<3xbf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l9 = quant_dyn.dequantize_linear %arg23, %arg24
      : (tensor<4x3xui8>, tensor<1xbf16>) -> tensor<4x3xbf16>
  %l10 = quant_dyn.quantize_linear %arg25, %arg26, %arg27 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xbf16>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l11 = quant_dyn.dequantize_linear %arg28, %arg29
      : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xbf16>
  %l12 = quant_dyn.quantize_linear %arg30, %arg31, %arg32 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l13 = quant_dyn.dequantize_linear %arg33, %arg34
      : (tensor<4x3xui8>, tensor<1xf16>) -> tensor<4x3xf32>
  %l14 = quant_dyn.quantize_linear %arg35, %arg36, %arg37 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xbf16>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l15 = quant_dyn.dequantize_linear %arg38, %arg39
      : (tensor<4x3xui8>, tensor<1xbf16>) -> tensor<4x3xf32>
  %l16 = quant_dyn.quantize_linear %arg40, %arg41, %arg42 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xsi32>) -> tensor<4x3xsi8>
  %l17 = quant_dyn.dequantize_linear %arg43, %arg44
      : (tensor<4x3xui8>, tensor<1xf32>) -> tensor<4x3xf32>
  return
}

// Dynamic dims, dynamic scales / zps extents (checked at run time).
// CHECK-LABEL: func.func @linear_dynamic(
// CHECK-NEXT: quant_dyn.quantize_linear %arg0, %arg1, %arg2 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<?x?xf32>, tensor<?xf32>, tensor<?xui8>) -> tensor<?x?xui8>
// CHECK-NEXT: quant_dyn.quantize_linear %arg3, %arg4, %arg5 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<?x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x?xui8>
// CHECK-NEXT: quant_dyn.quantize_linear %arg6, %arg7, %arg8 {axis = -1 : i64, qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x?xf32>, tensor<7xf32>, tensor<?xsi8>) -> tensor<4x?xsi8>
// CHECK-NEXT: quant_dyn.quantize_linear %arg9, %arg10, %arg11 : (tensor<?x?xf32>, tensor<?xf32>, tensor<1xsi8>) -> tensor<?x?xsi8>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg12, %arg13, %arg14 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<?x3xsi8>, tensor<?xf32>, tensor<3xsi8>) -> tensor<?x3xf32>
// CHECK-NEXT: quant_dyn.dequantize_linear %arg15, %arg16, %arg17 : (tensor<?xsi8>, tensor<1xf32>, tensor<?xsi8>) -> tensor<8xf32>
// CHECK-NEXT: return
func.func @linear_dynamic(%arg0: tensor<?x?xf32>, %arg1: tensor<?xf32>, %arg2: tensor<?xui8>, %arg3: tensor<?x3xf32>, %arg4: tensor<3xf32>, %arg5: tensor<3xui8>, %arg6: tensor<4x?xf32>, %arg7: tensor<7xf32>, %arg8: tensor<?xsi8>, %arg9: tensor<?x?xf32>, %arg10: tensor<?xf32>, %arg11: tensor<1xsi8>, %arg12: tensor<?x3xsi8>, %arg13: tensor<?xf32>, %arg14: tensor<3xsi8>, %arg15: tensor<?xsi8>, %arg16: tensor<1xf32>, %arg17: tensor<?xsi8>) {
  %l0 = quant_dyn.quantize_linear %arg0, %arg1, %arg2 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<?x?xf32>, tensor<?xf32>, tensor<?xui8>) -> tensor<?x?xui8>
  %l1 = quant_dyn.quantize_linear %arg3, %arg4, %arg5 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<?x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x?xui8>
  %l2 = quant_dyn.quantize_linear %arg6, %arg7, %arg8 {axis = -1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x?xf32>, tensor<7xf32>, tensor<?xsi8>) -> tensor<4x?xsi8>
  %l3 = quant_dyn.quantize_linear %arg9, %arg10, %arg11
      : (tensor<?x?xf32>, tensor<?xf32>, tensor<1xsi8>) -> tensor<?x?xsi8>
  %l4 = quant_dyn.dequantize_linear %arg12, %arg13, %arg14 {axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<?x3xsi8>, tensor<?xf32>, tensor<3xsi8>) -> tensor<?x3xf32>
  %l5 = quant_dyn.dequantize_linear %arg15, %arg16, %arg17
      : (tensor<?xsi8>, tensor<1xf32>, tensor<?xsi8>) -> tensor<8xf32>
  return
}

// The generic form of docs/Semantics.md section 2.1 parses (properties in
// <{...}>).
// CHECK-LABEL: func.func @generic_form(
// CHECK-NEXT: %[[Q:.*]], %[[S:.*]] = quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
// CHECK-NEXT: %[[Y:.*]] = quant_dyn.dequantize %[[Q]], %[[S]], %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
// CHECK-NEXT: %[[Q2:.*]] = quant_dyn.quantize_linear %arg2, %arg3, %arg4 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
// CHECK-NEXT: %[[Y2:.*]] = quant_dyn.dequantize_linear %[[Q2]], %arg3, %arg4 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xui8>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xf32>
// CHECK-NEXT: return %[[Y]], %[[S]], %[[Y2]]
func.func @generic_form(%x: tensor<2x32xf32>, %gs: tensor<f32>, %xl: tensor<4x3xf32>,
                        %scales: tensor<3xf32>, %zps: tensor<3xui8>)
    -> (tensor<2x32xf32>, tensor<2x2xf8E4M3FN>, tensor<4x3xf32>) {
  %q, %s = "quant_dyn.quantize"(%x, %gs) <{axis = 1 : i64, block_size = 16 : i64}>
      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  %y = "quant_dyn.dequantize"(%q, %s, %gs) <{axis = 1 : i64, block_size = 16 : i64}>
      : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
  %ql = "quant_dyn.quantize_linear"(%xl, %scales, %zps) <{axis = 1 : i64, qtype = #quant_dyn.qtype<per_channel>}>
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
  %yl = "quant_dyn.dequantize_linear"(%ql, %scales, %zps) <{qtype = #quant_dyn.qtype<per_channel>}>
      : (tensor<4x3xui8>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xf32>
  return %y, %s, %yl : tensor<2x32xf32>, tensor<2x2xf8E4M3FN>, tensor<4x3xf32>
}

// Generic form without properties on the linear ops: the defaults apply
// (per_tensor, axis 1) and are not printed.
// CHECK-LABEL: func.func @generic_form_defaults(
// CHECK-NEXT: quant_dyn.quantize_linear %arg0, %arg1 : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
// CHECK-NEXT: quant_dyn.quantize %arg2 {block_shape = array<i64: 4, 3>} : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
func.func @generic_form_defaults(%x: tensor<4x3xf32>, %s: tensor<1xf32>, %x2: tensor<8x8xf32>) {
  %q = "quant_dyn.quantize_linear"(%x, %s) : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
  %q2, %s2 = "quant_dyn.quantize"(%x2) <{block_shape = array<i64: 4, 3>}>
      : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
  return
}

// quantize feeding dequantize (MXFP4 with rceil, then back to bf16); the
// attribute order in the source does not matter.
// CHECK-LABEL: func.func @quantize_dequantize_chain(
// CHECK-NEXT: %[[Q:.*]], %[[S:.*]] = quant_dyn.quantize %arg0 {axis = 2 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>} : (tensor<2x?x64xbf16>) -> (tensor<2x?x64xf4E2M1FN>, tensor<2x?x2xf8E8M0FNU>)
// CHECK-NEXT: %[[Y:.*]] = quant_dyn.dequantize %[[Q]], %[[S]] {axis = 2 : i64, block_size = 32 : i64} : (tensor<2x?x64xf4E2M1FN>, tensor<2x?x2xf8E8M0FNU>) -> tensor<2x?x64xbf16>
// CHECK-NEXT: return %[[Y]]
func.func @quantize_dequantize_chain(%x: tensor<2x?x64xbf16>) -> tensor<2x?x64xbf16> {
  %q, %s = quant_dyn.quantize %x {scale_rounding = #quant_dyn.scale_rounding<rceil>, block_size = 32 : i64, axis = 2 : i64}
      : (tensor<2x?x64xbf16>) -> (tensor<2x?x64xf4E2M1FN>, tensor<2x?x2xf8E8M0FNU>)
  %y = quant_dyn.dequantize %q, %s {axis = 2 : i64, block_size = 32 : i64}
      : (tensor<2x?x64xf4E2M1FN>, tensor<2x?x2xf8E8M0FNU>) -> tensor<2x?x64xbf16>
  return %y : tensor<2x?x64xbf16>
}

// quant_dyn.storage_cast (used by the lowerings; internal, docs/Semantics.md
// section 2.4): same-width reinterpretation and packed f4E2M1FN <-> i8,
// tensors and memrefs.
// CHECK-LABEL: func.func @storage_cast(
// CHECK-NEXT: quant_dyn.storage_cast %arg0 : tensor<2x32xf4E2M1FN> to tensor<2x16xi8>
// CHECK-NEXT: quant_dyn.storage_cast %arg1 : tensor<2x16xi8> to tensor<2x32xf4E2M1FN>
// CHECK-NEXT: quant_dyn.storage_cast %arg2 : tensor<4x3xsi8> to tensor<4x3xi8>
// CHECK-NEXT: quant_dyn.storage_cast %arg3 : memref<2x2xf8E8M0FNU> to memref<2x2xi8>
// CHECK-NEXT: quant_dyn.storage_cast %arg4 : tensor<?x?xf4E2M1FN> to tensor<?x?xi8>
// CHECK-NEXT: quant_dyn.storage_cast %arg5 : tensor<8xf6E2M3FN> to tensor<8xi6>
// CHECK-NEXT: return
func.func @storage_cast(%a: tensor<2x32xf4E2M1FN>, %b: tensor<2x16xi8>, %c: tensor<4x3xsi8>,
                        %d: memref<2x2xf8E8M0FNU>, %e: tensor<?x?xf4E2M1FN>, %f: tensor<8xf6E2M3FN>) {
  %0 = quant_dyn.storage_cast %a : tensor<2x32xf4E2M1FN> to tensor<2x16xi8>
  %1 = quant_dyn.storage_cast %b : tensor<2x16xi8> to tensor<2x32xf4E2M1FN>
  %2 = quant_dyn.storage_cast %c : tensor<4x3xsi8> to tensor<4x3xi8>
  %3 = quant_dyn.storage_cast %d : memref<2x2xf8E8M0FNU> to memref<2x2xi8>
  %4 = quant_dyn.storage_cast %e : tensor<?x?xf4E2M1FN> to tensor<?x?xi8>
  %5 = quant_dyn.storage_cast %f : tensor<8xf6E2M3FN> to tensor<8xi6>
  return
}

// scale_layout = swizzled_128x4 (GEMM-ready scales): for [M, K] with
// S = K / block_size the scales are [ceil(M/128), ceil(S/4), 32, 4, 4], B in
// front for rank 3. NVFP4 300x256: S = 16 -> 3x4x32x4x4; MXFP8 rank 3 with
// a partial row tile and S = 3 (not a multiple of 4); negative axis; a zero
// row count; an explicit linear layout is the default and is not printed.
// CHECK-LABEL: func.func @swizzled_scales(
// CHECK-NEXT: quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<300x256xbf16>, tensor<f32>) -> (tensor<300x256xf4E2M1FN>, tensor<3x4x32x4x4xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %arg2, %arg3, %arg1 {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<300x256xf4E2M1FN>, tensor<3x4x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<300x256xbf16>
// CHECK-NEXT: quant_dyn.quantize %arg4 {axis = -1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>, scale_rounding = #quant_dyn.scale_rounding<rceil>} : (tensor<2x130x96xf32>) -> (tensor<2x130x96xf8E4M3FN>, tensor<2x2x1x32x4x4xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg5, %arg6 {axis = 2 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<2x130x96xf6E3M2FN>, tensor<2x2x1x32x4x4xf8E8M0FNU>) -> tensor<2x130x96xf16>
// CHECK-NEXT: quant_dyn.quantize %arg7 {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<0x64xf32>) -> (tensor<0x64xf4E2M1FN>, tensor<0x1x32x4x4xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg7 {axis = 1 : i64, block_size = 32 : i64} : (tensor<0x64xf32>) -> (tensor<0x64xf4E2M1FN>, tensor<0x2xf8E8M0FNU>)
// CHECK-NEXT: return
func.func @swizzled_scales(%x: tensor<300x256xbf16>, %gs: tensor<f32>,
                           %q: tensor<300x256xf4E2M1FN>, %s: tensor<3x4x32x4x4xf8E4M3FN>,
                           %x3: tensor<2x130x96xf32>, %q3: tensor<2x130x96xf6E3M2FN>,
                           %s3: tensor<2x2x1x32x4x4xf8E8M0FNU>, %x0: tensor<0x64xf32>) {
  %q0, %s0 = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64,
                                       scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x256xbf16>, tensor<f32>) -> (tensor<300x256xf4E2M1FN>, tensor<3x4x32x4x4xf8E4M3FN>)
  %y0 = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64,
                                       scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x256xf4E2M1FN>, tensor<3x4x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<300x256xbf16>
  %q1, %s1 = quant_dyn.quantize %x3 {axis = -1 : i64, block_size = 32 : i64,
                                   scale_rounding = #quant_dyn.scale_rounding<rceil>,
                                   scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<2x130x96xf32>) -> (tensor<2x130x96xf8E4M3FN>, tensor<2x2x1x32x4x4xf8E8M0FNU>)
  %y1 = quant_dyn.dequantize %q3, %s3 {axis = 2 : i64, block_size = 32 : i64,
                                     scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<2x130x96xf6E3M2FN>, tensor<2x2x1x32x4x4xf8E8M0FNU>) -> tensor<2x130x96xf16>
  %q2, %s2 = quant_dyn.quantize %x0 {axis = 1 : i64, block_size = 32 : i64,
                                   scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<0x64xf32>) -> (tensor<0x64xf4E2M1FN>, tensor<0x1x32x4x4xf8E8M0FNU>)
  %q4, %s4 = quant_dyn.quantize %x0 {axis = 1 : i64, block_size = 32 : i64,
                                   scale_layout = #quant_dyn.scale_layout<linear>}
      : (tensor<0x64xf32>) -> (tensor<0x64xf4E2M1FN>, tensor<0x2xf8E8M0FNU>)
  return
}

// swizzled_128x4 with dynamic dims: dynamic M, K and B give dynamic scale
// dims; a static scale dim over a dynamic input dim is accepted (checked at
// run time); the dequantize shapes derive from the data.
// CHECK-LABEL: func.func @swizzled_scales_dynamic(
// CHECK-NEXT: quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<?x?xf16>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.quantize %arg2 {axis = 2 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<?x200x?xbf16>) -> (tensor<?x200x?xf8E5M2>, tensor<?x2x?x32x4x4xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.quantize %arg3 {axis = 1 : i64, block_size = 32 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<?x64xf32>) -> (tensor<?x64xf6E2M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>)
// CHECK-NEXT: quant_dyn.dequantize %arg4, %arg5, %arg1 {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<?x?xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<?x?xf32>
// CHECK-NEXT: return
func.func @swizzled_scales_dynamic(%x: tensor<?x?xf16>, %gs: tensor<f32>, %x3: tensor<?x200x?xbf16>,
                                   %xm: tensor<?x64xf32>, %q: tensor<?x?xf4E2M1FN>,
                                   %s: tensor<?x?x32x4x4xf8E4M3FN>) {
  %q0, %s0 = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64,
                                       scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x?xf16>, tensor<f32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>)
  %q1, %s1 = quant_dyn.quantize %x3 {axis = 2 : i64, block_size = 32 : i64,
                                   scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x200x?xbf16>) -> (tensor<?x200x?xf8E5M2>, tensor<?x2x?x32x4x4xf8E8M0FNU>)
  %q2, %s2 = quant_dyn.quantize %xm {axis = 1 : i64, block_size = 32 : i64,
                                   scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x64xf32>) -> (tensor<?x64xf6E2M3FN>, tensor<2x1x32x4x4xf8E8M0FNU>)
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64,
                                       scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x?xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<?x?xf32>
  return
}

// The generic form of a swizzled quantize / dequantize parses.
// CHECK-LABEL: func.func @swizzled_generic_form(
// CHECK-NEXT: %[[Q:.*]], %[[S:.*]] = quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<130x64xf32>, tensor<f32>) -> (tensor<130x64xf4E2M1FN>, tensor<2x1x32x4x4xf8E4M3FN>)
// CHECK-NEXT: quant_dyn.dequantize %[[Q]], %[[S]], %arg1 {axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>} : (tensor<130x64xf4E2M1FN>, tensor<2x1x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<130x64xf32>
func.func @swizzled_generic_form(%x: tensor<130x64xf32>, %gs: tensor<f32>) -> tensor<130x64xf32> {
  %q, %s = "quant_dyn.quantize"(%x, %gs) <{axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}>
      : (tensor<130x64xf32>, tensor<f32>) -> (tensor<130x64xf4E2M1FN>, tensor<2x1x32x4x4xf8E4M3FN>)
  %y = "quant_dyn.dequantize"(%q, %s, %gs) <{axis = 1 : i64, block_size = 16 : i64, scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}>
      : (tensor<130x64xf4E2M1FN>, tensor<2x1x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<130x64xf32>
  return %y : tensor<130x64xf32>
}
