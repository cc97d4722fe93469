// A dynamic innermost f4 extent (axis 0 blocks on tensor<?x?xf32>): the
// run-time check's branches give buffer deallocation host-side ownership
// bookkeeping, which stays on the host.
func.func @main(%x: tensor<?x?xf32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>) {
  %q, %s = quant_dyn.quantize %x {axis = 0 : i64, block_size = 16 : i64}
      : (tensor<?x?xf32>) -> (tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>)
  return %q, %s : tensor<?x?xf4E2M1FN>, tensor<?x?xbf16>
}
