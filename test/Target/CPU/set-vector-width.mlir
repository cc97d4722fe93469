// RUN: quant-dyn-opt %s --quant-dyn-set-vector-width | FileCheck %s --check-prefix=AUTO
// RUN: quant-dyn-opt %s --quant-dyn-set-vector-width=vector-width=128 | FileCheck %s --check-prefix=W128
// RUN: not quant-dyn-opt %s --quant-dyn-set-vector-width=vector-width=100 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: vector-width must be 0 (automatic), 128, 256 or 512, got 100

// Automatic: a function that divides is held to 256 bits, the others keep
// the CPU's widest registers (no attribute); declarations are left alone.
// AUTO-LABEL: llvm.func @divides
// AUTO-SAME: passthrough = {{\[}}["min-legal-vector-width", "256"]]
// AUTO-SAME: prefer_vector_width = "256"
// W128-LABEL: llvm.func @divides
// W128-SAME: passthrough = {{\[}}["min-legal-vector-width", "128"]]
// W128-SAME: prefer_vector_width = "128"
llvm.func @divides(%a: f32, %b: f32) -> f32 {
  %q = llvm.fdiv %a, %b : f32
  llvm.return %q : f32
}

// A function whose blocks became vector sub-tile loops divides too, but
// keeps the widest registers (its f8 conversion is faster with them); the
// marker of quant-dyn-tile-and-fuse-blocks is removed either way.
// AUTO-LABEL: llvm.func @sub_tiles
// AUTO-NOT: vector_width
// AUTO-NOT: min-legal-vector-width
// AUTO-NOT: quant_dyn.vector_sub_tiles
// AUTO-SAME: {
// W128-LABEL: llvm.func @sub_tiles
// W128-NOT: quant_dyn.vector_sub_tiles
// W128-SAME: prefer_vector_width = "128"
llvm.func @sub_tiles(%a: vector<16xf32>, %b: vector<16xf32>) -> vector<16xf32>
    attributes {quant_dyn.vector_sub_tiles} {
  %q = llvm.fdiv %a, %b : vector<16xf32>
  llvm.return %q : vector<16xf32>
}

// AUTO-LABEL: llvm.func @multiplies
// AUTO-NOT: vector_width
// AUTO-NOT: min-legal-vector-width
// AUTO-SAME: {
// W128-LABEL: llvm.func @multiplies
// W128-SAME: prefer_vector_width = "128"
llvm.func @multiplies(%a: f32, %b: f32) -> f32 {
  %p = llvm.fmul %a, %b : f32
  llvm.return %p : f32
}

// An existing passthrough entry is kept.
// W128-LABEL: llvm.func @keeps
// W128-SAME: passthrough = ["nounwind", ["min-legal-vector-width", "128"]]
llvm.func @keeps() attributes {passthrough = ["nounwind"]} {
  llvm.return
}

// AUTO: llvm.func @external(f32){{$}}
// W128: llvm.func @external(f32){{$}}
llvm.func @external(f32)
