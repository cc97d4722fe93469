//===- QuantDynOps.td - quant_dyn operations ---------------*- tablegen -*-===//

#ifndef QUANT_DYN_OPS_TD
#define QUANT_DYN_OPS_TD

include "quant-dyn/Dialect/QuantDyn/IR/QuantDynBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"

//===----------------------------------------------------------------------===//
// Block quantization (TensorRT IDynamicQuantizeLayer)
//===----------------------------------------------------------------------===//

def QuantDyn_QuantizeOp : QuantDyn_Op<"quantize", [Pure]> {
  let summary = "dynamic block quantization (NVFP4, MXFP8, N-D blocks)";
  let description = [{
    Cuts `input` into blocks, computes one scale per block from the block's
    absolute maximum and converts every element to the narrow `data` type.
    Exactly one blocking mode is given:

    * 1D blocks: `axis` (the last or second-to-last dimension; -1 and -2
      count from the end) and `block_size`; the input has rank 2 or 3 and a
      static extent along `axis` must be divisible by `block_size`.
    * N-D blocks: `block_shape` with one entry per dimension (rank 2, 3 or
      4); an entry of -1 means the whole extent. Edge blocks may be partial.

    The scales tensor has the input's rank; a blocked dimension of extent D
    with block B has ceil(D / B) scales, the others keep the input's extent.

    `scale_layout = #quant_dyn.scale_layout<swizzled_128x4>` (default
    `linear`) instead lays the scales out as block-scaled GEMMs (cuBLASLt,
    CUTLASS) read them. It is legal in 1D mode with `axis` = the last
    dimension and f8E4M3FN or f8E8M0FNU scales. For an input [M, K] (or
    [B, M, K]) with S = K / block_size, the scales are
    [ceil(M/128), ceil(S/4), 32, 4, 4] (B in front for rank 3) and scale
    (m, j) sits at [m / 128, j / 4, m % 32, (m % 128) / 32, j % 4]; every
    other (padding) byte is written as 0x00. See docs/ScaleLayout.md.

    ```mlir
    // NVFP4: f4E2M1FN data, blocks of 16, f8E4M3FN scales + double quant.
    %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
        : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
    // MXFP8: blocks of 32, f8E8M0FNU (power of two) scales.
    %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64}
        : (tensor<4x8x64xbf16>) -> (tensor<4x8x64xf8E4M3FN>, tensor<4x8x2xf8E8M0FNU>)
    // N-D blocks with partial edge blocks and f32 scales.
    %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 4, 3>}
        : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x3xf32>)
    // NVFP4 with GEMM-ready (swizzled, zero-padded) scales.
    %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64,
                                       scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
        : (tensor<300x256xbf16>, tensor<f32>) -> (tensor<300x256xf4E2M1FN>, tensor<3x4x32x4x4xf8E4M3FN>)
    ```

    Types: input f16, bf16 or f32; data f4E2M1FN, f8E4M3FN, f8E5M2,
    f6E2M3FN, f6E3M2FN or si8 (symmetric int8). Scales:

    * f8E4M3FN (NVFP4): data f4E2M1FN, 1D block_size 16, and the
      `double_quant_scale` operand (one f32 or input-typed element, finite
      and > 0) are required.
    * f8E8M0FNU (OCP MX): floating-point data, 1D block_size 32, no double
      quant scale; `scale_rounding = #quant_dyn.scale_rounding<floor|rceil>`
      (default floor) chooses the exponent.
    * f32, f16, bf16: any data type and block; no double quant scale.

    Numerics (bit exact; inputs extended to f32, IEEE f32 arithmetic with
    round to nearest even). amax = max |x| over the block; qmax is 6
    (f4E2M1FN), 7.5 (f6E2M3FN), 28 (f6E3M2FN), 448 (f8E4M3FN), 57344
    (f8E5M2), 127 (si8). cvt rounds to nearest even, saturates to the largest
    finite value, keeps -0 and subnormals; cvt to si8 clamps to [-127, 127].

    * f32/f16/bf16 scales: s = cvt_scale(amax / qmax); q = cvt(x / f32(s)).
    * f8E4M3FN scales: s = cvt_e4m3((amax / qmax) / gs);
      q = cvt(x / (f32(s) * gs)).
    * f8E8M0FNU scales: e = floor(log2(amax)) - emax (emax 2 for f4E2M1FN and
      f6E2M3FN, 4 for f6E3M2FN, 8 for f8E4M3FN, 15 for f8E5M2); with
      rceil, v = amax / qmax and e = log2(v) rounded up to an integer;
      e is clamped to [-127, 127], the code is e + 127, q = cvt(x / 2^e).
    * A block whose converted scale is 0 (amax = 0, or an underflowing
      f16/bf16/e4m3 scale) has scale 0 and all q = +0 (e8m0: only amax = 0,
      code 0). A block holding NaN or Inf gets a NaN scale (canonical quiet
      NaN; 0x7F for e4m3, 0xFF for e8m0) and all q = +0.

    In memory (see the project's ABI), f4E2M1FN data is packed two values per
    byte, element 2i in the low nibble; the innermost extent must be even.
  }];

  let arguments = (ins
    AnyRankedTensor:$input,
    Optional<AnyRankedTensor>:$double_quant_scale,
    OptionalAttr<I64Attr>:$axis,
    OptionalAttr<I64Attr>:$block_size,
    OptionalAttr<DenseI64ArrayAttr>:$block_shape,
    OptionalAttr<QuantDyn_ScaleRoundingAttr>:$scale_rounding,
    DefaultValuedAttr<QuantDyn_ScaleLayoutAttr, "ScaleLayout::linear">:$scale_layout
  );
  let results = (outs AnyRankedTensor:$data, AnyRankedTensor:$scales);

  let assemblyFormat = [{
    $input (`,` $double_quant_scale^)? attr-dict `:` functional-type(operands, results)
  }];

  let builders = [
    // 1D blocks; the result types are inferred from the input. The blocking
    // must fit the input (check it with inferResultTypes first when unsure):
    // these builders abort on a blocking that does not.
    OpBuilder<(ins "Value":$input, "Value":$doubleQuantScale,
                   "Type":$dataElementType, "Type":$scaleElementType,
                   "int64_t":$axis, "int64_t":$blockSize,
                   CArg<"std::optional<ScaleRounding>", "std::nullopt">:$rounding,
                   CArg<"ScaleLayout", "ScaleLayout::linear">:$layout)>,
    // N-D blocks; the result types are inferred from the input, under the
    // same requirement.
    OpBuilder<(ins "Value":$input, "Value":$doubleQuantScale,
                   "Type":$dataElementType, "Type":$scaleElementType,
                   "ArrayRef<int64_t>":$blockShape,
                   CArg<"std::optional<ScaleRounding>", "std::nullopt">:$rounding)>
  ];

  let extraClassDeclaration = [{
    /// The blocking attributes in normalized form.
    BlockingSpec getBlocking();

    /// The data and scales types of a quantize op of an `inputType` tensor
    /// with blocking `spec`; fails, with the blocking rule's error at `loc`,
    /// when the blocking does not fit the input.
    static FailureOr<std::pair<RankedTensorType, RankedTensorType>>
    inferResultTypes(Location loc, RankedTensorType inputType,
                     Type dataElementType, Type scaleElementType,
                     const BlockingSpec &spec,
                     ScaleLayout layout = ScaleLayout::linear);
  }];

  let hasVerifier = 1;
}

def QuantDyn_DequantizeOp : QuantDyn_Op<"dequantize", [Pure]> {
  let summary = "inverse of quant_dyn.quantize";
  let description = [{
    Reconstructs floating-point values from block-quantized `data` and its
    `scales`, with the same blocking attributes and type rules as
    `quant_dyn.quantize` (shapes derived from the data operand; no
    `scale_rounding`). The result has the data's shape and an f16, bf16 or
    f32 element type. With `scale_layout = #quant_dyn.scale_layout<swizzled_128x4>`
    the scales are read from their swizzled positions; padding is never
    read.

    ```mlir
    %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64}
        : (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>, tensor<f32>) -> tensor<2x32xf32>
    ```

    Numerics: y = f32(q) * f32(s) for float scales, y = f32(q) * (f32(s) * gs)
    with double quantization, y = f32(q) * 2^(code - 127) for f8E8M0FNU
    scales, all in IEEE f32; then the result is rounded to the output type
    (round to nearest even, overflow gives Inf). NaNs are canonical.
  }];

  let arguments = (ins
    AnyRankedTensor:$data,
    AnyRankedTensor:$scales,
    Optional<AnyRankedTensor>:$double_quant_scale,
    OptionalAttr<I64Attr>:$axis,
    OptionalAttr<I64Attr>:$block_size,
    OptionalAttr<DenseI64ArrayAttr>:$block_shape,
    DefaultValuedAttr<QuantDyn_ScaleLayoutAttr, "ScaleLayout::linear">:$scale_layout
  );
  let results = (outs AnyRankedTensor:$output);

  let assemblyFormat = [{
    $data `,` $scales (`,` $double_quant_scale^)? attr-dict `:` functional-type(operands, results)
  }];

  let builders = [
    OpBuilder<(ins "Value":$data, "Value":$scales, "Value":$doubleQuantScale,
                   "Type":$outputElementType, "int64_t":$axis,
                   "int64_t":$blockSize,
                   CArg<"ScaleLayout", "ScaleLayout::linear">:$layout)>,
    OpBuilder<(ins "Value":$data, "Value":$scales, "Value":$doubleQuantScale,
                   "Type":$outputElementType, "ArrayRef<int64_t>":$blockShape)>
  ];

  let extraClassDeclaration = [{
    /// The blocking attributes in normalized form.
    BlockingSpec getBlocking();
  }];

  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Linear quantization (oneDNN Graph DynamicQuantize / DynamicDequantize)
//===----------------------------------------------------------------------===//

class QuantDyn_LinearOp<string mnemonic> : QuantDyn_Op<mnemonic, [Pure]> {
  code commonExtraClassDeclaration = [{
    /// The channel axis in [0, rank) for per_channel, std::nullopt for
    /// per_tensor (or an out-of-range axis, which the verifier rejects).
    std::optional<int64_t> getNormalizedChannelAxis();
  }];
  let extraClassDefinition = [{
    std::optional<int64_t> $cppClass::getNormalizedChannelAxis() {
      return normalizeChannelAxis(getQtype(), getAxis(),
                                  getInput().getType().getRank());
    }
  }];
  let builders = [
    // The result type is the input's shape with `resultElementType`.
    OpBuilder<(ins "Value":$input, "Value":$scales, "Value":$zps,
                   "Type":$resultElementType, "QType":$qtype,
                   CArg<"int64_t", "1">:$axis), [{
      auto inputType = cast<RankedTensorType>(input.getType());
      build($_builder, $_state,
            RankedTensorType::get(inputType.getShape(), resultElementType),
            input, scales, zps, qtype, axis);
    }]>
  ];
}

def QuantDyn_QuantizeLinearOp : QuantDyn_LinearOp<"quantize_linear"> {
  let summary = "per-tensor / per-channel asymmetric int8 quantization";
  let description = [{
    oneDNN Graph's DynamicQuantize: scales and zero points are run-time
    tensors. `qtype` is `per_tensor` (default: one scale) or `per_channel`
    (one scale per index of dimension `axis`, default 1, in [-r, r-1]).
    `zps` is optional (absent: symmetric, zp = 0).

    ```mlir
    %q = quant_dyn.quantize_linear %x, %scales, %zps {qtype = #quant_dyn.qtype<per_channel>, axis = 1 : i64}
        : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<4x3xui8>
    ```

    Types: input f32, f16 or bf16; scales a 1-D f32 (f16, bf16) tensor; zps
    a 1-D si8/i8, ui8 or si32/i32 tensor with as many elements as scales;
    result ui8 (u8) or si8/i8 (s8) with the input's shape.

    Numerics: q = saturate(round_half_even(x / scale + zp)) in IEEE f32 (zp
    added before rounding, as oneDNN does), saturating to [-128, 127] or
    [0, 255]; +-Inf go to the range ends, NaN gives 0.
  }];

  let arguments = (ins
    AnyRankedTensor:$input,
    AnyRankedTensor:$scales,
    Optional<AnyRankedTensor>:$zps,
    DefaultValuedAttr<QuantDyn_QTypeAttr, "QType::per_tensor">:$qtype,
    DefaultValuedAttr<I64Attr, "1">:$axis
  );
  let results = (outs AnyRankedTensor:$output);

  let assemblyFormat = [{
    $input `,` $scales (`,` $zps^)? attr-dict `:` functional-type(operands, results)
  }];


  let extraClassDeclaration = commonExtraClassDeclaration;
  let hasVerifier = 1;
}

def QuantDyn_DequantizeLinearOp : QuantDyn_LinearOp<"dequantize_linear"> {
  let summary = "per-tensor / per-channel asymmetric int8 dequantization";
  let description = [{
    oneDNN Graph's DynamicDequantize, the inverse of
    `quant_dyn.quantize_linear` with the same attributes and operand rules.

    ```mlir
    %y = quant_dyn.dequantize_linear %q, %scales, %zps {qtype = #quant_dyn.qtype<per_tensor>}
        : (tensor<4x3xsi8>, tensor<1xf32>, tensor<1xsi8>) -> tensor<4x3xf32>
    ```

    Numerics: y = (f32(q) - f32(zp)) * scale in IEEE f32, then rounded to
    the result type (round to nearest even). NaNs are canonical.
  }];

  let arguments = (ins
    AnyRankedTensor:$input,
    AnyRankedTensor:$scales,
    Optional<AnyRankedTensor>:$zps,
    DefaultValuedAttr<QuantDyn_QTypeAttr, "QType::per_tensor">:$qtype,
    DefaultValuedAttr<I64Attr, "1">:$axis
  );
  let results = (outs AnyRankedTensor:$output);

  let assemblyFormat = [{
    $input `,` $scales (`,` $zps^)? attr-dict `:` functional-type(operands, results)
  }];


  let extraClassDeclaration = commonExtraClassDeclaration;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Storage reinterpretation (produced by the lowerings)
//===----------------------------------------------------------------------===//

def QuantDyn_StorageCastOp : QuantDyn_Op<"storage_cast", [Pure]> {
  let summary = "reinterpret the storage of a tensor or memref";
  let description = [{
    A view of the same bytes with another element type; no data moves. Two
    forms:

    * same shape, element types of the same bit width (e.g. `i8` <->
      `si8`, `ui8`, `f8E4M3FN`, `f8E8M0FNU`; `i6` <-> `f6E2M3FN`);
    * packed f4: `...xNxf4E2M1FN` <-> `...x(N/2)xi8`, element 2i in the
      low nibble of byte i (the memory ABI of f4E2M1FN tensors).

    Both sides are tensors or both are memrefs (identity layout). The
    quant_dyn lowerings use it to move between the declared element types
    and the signless integers that arith computes on.

    ```mlir
    %bytes = quant_dyn.storage_cast %q : tensor<2x32xf4E2M1FN> to tensor<2x16xi8>
    ```
  }];

  let arguments = (ins AnyTypeOf<[AnyRankedTensor, AnyMemRef]>:$source);
  let results = (outs AnyTypeOf<[AnyRankedTensor, AnyMemRef]>:$result);
  let assemblyFormat = "$source attr-dict `:` type($source) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // QUANT_DYN_OPS_TD
