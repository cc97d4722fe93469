// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file | FileCheck %s

// CHECK: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK: #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @per_channel
// CHECK: %[[ZP:.*]] = quant_dyn.storage_cast %{{.*}} : tensor<3xui8> to tensor<3xi8>
// CHECK: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]]
// CHECK:   %[[ZPF:.*]] = arith.uitofp
// CHECK:   %[[T:.*]] = arith.divf
// CHECK:   arith.addf %[[T]], %[[ZPF]]
// CHECK:   math.roundeven
// CHECK: quant_dyn.storage_cast %[[Q]] : tensor<4x3xi8> to tensor<4x3xui8>
func.func @per_channel(%x: tensor<4x3xf32>, %s: tensor<3xf32>, %zp: tensor<3xui8>) -> tensor<4x3xui8> {
  %q = quant_dyn.quantize_linear %x, %s, %zp {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
    : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
  return %q : tensor<4x3xui8>
}

// -----

// Per-tensor parameters are read once as scalars.
// CHECK-LABEL: func.func @per_tensor
// CHECK: %[[S:.*]] = tensor.extract %{{.*}}[%c0] : tensor<1xf32>
// CHECK: linalg.generic
// CHECK:   arith.sitofp
// CHECK:   arith.subf
// CHECK:   arith.mulf %{{.*}}, %[[S]]
func.func @per_tensor(%q: tensor<4x3xsi8>, %s: tensor<1xf32>, %zp: tensor<1xsi8>) -> tensor<4x3xf32> {
  %y = quant_dyn.dequantize_linear %q, %s, %zp {qtype = #quant_dyn.qtype<per_tensor>}
    : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
