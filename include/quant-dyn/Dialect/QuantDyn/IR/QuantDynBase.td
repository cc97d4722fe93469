//===- QuantDynBase.td - quant_dyn dialect definition ------*- tablegen -*-===//
//
// The dialect, its enum attributes and the op base class.
//
//===----------------------------------------------------------------------===//

#ifndef QUANT_DYN_BASE_TD
#define QUANT_DYN_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def QuantDyn_Dialect : Dialect {
  let name = "quant_dyn";
  let cppNamespace = "::mlir::quant_dyn";
  let summary = "Dynamic (run-time) quantization: block-scaled and linear";
  let description = [{
    The `quant_dyn` dialect models quantization whose scales are computed or
    supplied at run time:

    * `quant_dyn.quantize` / `quant_dyn.dequantize` follow TensorRT's
      IDynamicQuantizeLayer: the input is cut into blocks (1D blocks along an
      `axis` with a `block_size`, or N-D blocks given by a `block_shape`), each
      block gets a scale computed from its absolute maximum, and the data is
      converted to a narrow type (NVFP4: f4E2M1FN data with f8E4M3FN scales
      and a double-quantization scale; OCP MX: f8E8M0FNU scales; or plain
      f32/f16/bf16 scales).
    * `quant_dyn.quantize_linear` / `quant_dyn.dequantize_linear` follow
      oneDNN Graph's DynamicQuantize / DynamicDequantize: per-tensor or
      per-channel asymmetric int8 with scales and zero points as run-time
      tensors.

    All ops work on ranked tensors with static or dynamic dimensions. The
    numerics are specified bit for bit in each op's description; the CPU and
    GPU lowerings of this project agree bit for bit.
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    /// The unit attribute convert-quant-dyn-to-linalg puts on the
    /// linalg.generic that computes a quantize op's codes: the root the
    /// block tiling fuses the rest of the lowering into.
    static constexpr ::llvm::StringLiteral getBlockRootAttrName() {
      return "quant_dyn.block_root";
    }
  }];
}

//===----------------------------------------------------------------------===//
// Enum attributes
//===----------------------------------------------------------------------===//

def QuantDyn_QType : I32EnumAttr<"QType",
    "granularity of linear quantization", [
      I32EnumAttrCase<"per_tensor", 0>,
      I32EnumAttrCase<"per_channel", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::quant_dyn";
}

def QuantDyn_QTypeAttr : EnumAttr<QuantDyn_Dialect, QuantDyn_QType, "qtype"> {
  let assemblyFormat = "`<` $value `>`";
}

def QuantDyn_ScaleRounding : I32EnumAttr<"ScaleRounding",
    "how an f8E8M0FNU (power of two) block scale is chosen", [
      I32EnumAttrCase<"floor", 0>,
      I32EnumAttrCase<"rceil", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::quant_dyn";
}

def QuantDyn_ScaleRoundingAttr
    : EnumAttr<QuantDyn_Dialect, QuantDyn_ScaleRounding, "scale_rounding"> {
  let assemblyFormat = "`<` $value `>`";
}

def QuantDyn_ScaleLayout : I32EnumAttr<"ScaleLayout",
    "how the block scales of quantize / dequantize are laid out", [
      I32EnumAttrCase<"linear", 0>,
      I32EnumAttrCase<"swizzled_128x4", 1>
    ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::quant_dyn";
}

def QuantDyn_ScaleLayoutAttr
    : EnumAttr<QuantDyn_Dialect, QuantDyn_ScaleLayout, "scale_layout"> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Base op class
//===----------------------------------------------------------------------===//

class QuantDyn_Op<string mnemonic, list<Trait> traits = []>
    : Op<QuantDyn_Dialect, mnemonic, traits>;

#endif // QUANT_DYN_BASE_TD
