// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg="narrow-amax=true" -split-input-file | FileCheck %s
// RUN: quant-dyn-opt %s -convert-quant-dyn-to-linalg -split-input-file | FileCheck %s --check-prefix=WIDE

// With narrow-amax, the amax of bf16 / f16 inputs is an i16 max of their
// magnitude bits, and the scale generic extends it to f32; f32 inputs keep
// the i32 max. Without the option every amax is an i32 max of the inputs
// extended to f32.

// bf16: the magnitude is the low 15 bits; f32 is the bits shifted up by 16.
// CHECK-LABEL: func.func @bf16
// CHECK: %[[AMAX:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4x2x64xbf16>) outs(%{{.*}} : tensor<4x2xi16>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: bf16, %[[ACC:.*]]: i16):
// CHECK-NEXT:   %[[B:.*]] = arith.bitcast %[[X]] : bf16 to i16
// CHECK-NEXT:   %[[M:.*]] = arith.constant 32767 : i16
// CHECK-NEXT:   %[[MAG:.*]] = arith.andi %[[B]], %[[M]] : i16
// CHECK-NEXT:   %[[MAX:.*]] = arith.maxui %[[ACC]], %[[MAG]] : i16
// CHECK-NEXT:   linalg.yield %[[MAX]] : i16
// CHECK: linalg.generic {{.*}} ins(%[[AMAX]] : tensor<4x2xi16>) outs(%{{.*}}, %{{.*}} : tensor<4x2xf32>, tensor<4x2xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i16, %{{.*}}: f32, %{{.*}}: f32):
// CHECK-NEXT:   %[[AB:.*]] = arith.bitcast %[[A]] : i16 to bf16
// CHECK:        arith.extui %{{.*}} : i16 to i32
// CHECK:        arith.shli
// CHECK:        %[[AF:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK:        arith.divf %[[AF]]
// WIDE-LABEL: func.func @bf16
// WIDE: linalg.generic {{.*}} ins(%{{.*}} : tensor<4x2x64xbf16>) outs(%{{.*}} : tensor<4x2xi32>)
// WIDE:   arith.andi %{{.*}}, %c2147483647_i32 : i32
// WIDE:   arith.maxui %{{.*}} : i32
func.func @bf16(%x: tensor<4x128xbf16>) -> (tensor<4x128xf8E4M3FN>, tensor<4x2xf32>) {
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, 64>}
    : (tensor<4x128xbf16>) -> (tensor<4x128xf8E4M3FN>, tensor<4x2xf32>)
  return %q, %s : tensor<4x128xf8E4M3FN>, tensor<4x2xf32>
}

// -----

// f16: the i16 max goes back to f16 and is extended to f32.
// CHECK-LABEL: func.func @f16
// CHECK: %[[AMAX:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4x2x32xf16>) outs(%{{.*}} : tensor<4x2xi16>)
// CHECK:   arith.bitcast %{{.*}} : f16 to i16
// CHECK:   arith.maxui %{{.*}} : i16
// CHECK: linalg.generic {{.*}} ins(%[[AMAX]] : tensor<4x2xi16>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: i16, %{{.*}}: f8E8M0FNU, %{{.*}}: f32):
// CHECK-NEXT:   %[[AH:.*]] = arith.bitcast %[[A]] : i16 to f16
// CHECK-NEXT:   arith.extf %[[AH]] : f16 to f32
func.func @f16(%x: tensor<4x64xf16>) -> (tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x64xf16>) -> (tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>)
  return %q, %s : tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>
}

// -----

// f32 inputs keep the i32 max.
// CHECK-LABEL: func.func @f32
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<4x2x32xf32>) outs(%{{.*}} : tensor<4x2xi32>)
// CHECK:   arith.maxui %{{.*}} : i32
func.func @f32(%x: tensor<4x64xf32>) -> (tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
    : (tensor<4x64xf32>) -> (tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>)
  return %q, %s : tensor<4x64xf8E4M3FN>, tensor<4x2xf8E8M0FNU>
}
