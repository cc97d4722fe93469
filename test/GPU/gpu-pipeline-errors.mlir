// A chip name that NVVMChip::parse rejects is an error of the pipeline, not
// a silent fallback to the portable conversions (hardware-cvt) or PTX for a
// generic target.
// RUN: not quant-dyn-opt %s --quant-dyn-gpu-pipeline="chip=sm90a" 2>&1 | FileCheck %s --check-prefix=NOUNDERSCORE
// RUN: not quant-dyn-opt %s --quant-dyn-gpu-pipeline="chip=sm_89a" 2>&1 | FileCheck %s --check-prefix=SUFFIX
// RUN: not quant-dyn-opt %s --quant-dyn-gpu-pipeline="chip=sm_90a hardware-cvt=false chip=sm_9O" 2>&1 | FileCheck %s --check-prefix=LETTER

// NOUNDERSCORE: quant-dyn-gpu-pipeline: unknown NVIDIA chip 'sm90a' (expected sm_<N>[a|f], e.g. sm_90a)
// SUFFIX: quant-dyn-gpu-pipeline: unknown NVIDIA chip 'sm_89a'
// LETTER: quant-dyn-gpu-pipeline: unknown NVIDIA chip 'sm_9O'

func.func @f(%x: tensor<4x32xf32>) -> (tensor<4x32xf8E4M3FN>, tensor<4x1xf8E8M0FNU>) {
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<4x32xf32>) -> (tensor<4x32xf8E4M3FN>, tensor<4x1xf8E8M0FNU>)
  return %q, %s : tensor<4x32xf8E4M3FN>, tensor<4x1xf8E8M0FNU>
}
