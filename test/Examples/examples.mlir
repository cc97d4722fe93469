// The examples in examples/ parse, verify and round-trip (custom and generic
// form).
// RUN: quant-dyn-opt %quant_dyn_src/examples/tensorrt_nvfp4.mlir | FileCheck %s --check-prefix=NVFP4
// RUN: quant-dyn-opt %quant_dyn_src/examples/tensorrt_nvfp4.mlir --mlir-print-op-generic | quant-dyn-opt | FileCheck %s --check-prefix=NVFP4
// RUN: quant-dyn-opt %quant_dyn_src/examples/tensorrt_block_4x3.mlir | FileCheck %s --check-prefix=BLOCK
// RUN: quant-dyn-opt %quant_dyn_src/examples/tensorrt_block_4x3.mlir --mlir-print-op-generic | quant-dyn-opt | FileCheck %s --check-prefix=BLOCK
// RUN: quant-dyn-opt %quant_dyn_src/examples/onednn_quantize_linear.mlir | FileCheck %s --check-prefix=ONEDNN
// RUN: quant-dyn-opt %quant_dyn_src/examples/onednn_quantize_linear.mlir --mlir-print-op-generic | quant-dyn-opt | FileCheck %s --check-prefix=ONEDNN

// NVFP4-LABEL: func.func @main(%arg0: tensor<2x32xf32>, %arg1: tensor<f32>) -> tensor<2x32xf32>
// NVFP4-NEXT: %[[DATA:.*]], %[[SCALES:.*]] = quant_dyn.quantize %arg0, %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
// NVFP4-NEXT: %[[Y:.*]] = quant_dyn.dequantize %[[DATA]], %[[SCALES]], %arg1 {axis = 1 : i64, block_size = 16 : i64} : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
// NVFP4-NEXT: return %[[Y]] : tensor<2x32xf32>

// BLOCK-LABEL: func.func @main(%arg0: tensor<8x8xf32>) -> tensor<8x8xf32>
// BLOCK-NEXT: %[[DATA:.*]], %[[SCALES:.*]] = quant_dyn.quantize %arg0 {block_shape = array<i64: 4, 3>} : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
// BLOCK-NEXT: %[[Y:.*]] = quant_dyn.dequantize %[[DATA]], %[[SCALES]] {block_shape = array<i64: 4, 3>} : (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>) -> tensor<8x8xf32>
// BLOCK-NEXT: return %[[Y]] : tensor<8x8xf32>

// ONEDNN-LABEL: func.func @main(%arg0: tensor<4x3xf32>, %arg1: tensor<3xf32>, %arg2: tensor<3xui8>) -> tensor<4x3xf32>
// ONEDNN-NEXT: %[[Q:.*]] = quant_dyn.quantize_linear %arg0, %arg1, %arg2 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
// ONEDNN-NEXT: %[[Y:.*]] = quant_dyn.dequantize_linear %[[Q]], %arg1, %arg2 {qtype = #quant_dyn.qtype<per_channel>} : (tensor<4x3xui8>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xf32>
// ONEDNN-NEXT: return %[[Y]] : tensor<4x3xf32>
