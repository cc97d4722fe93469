// RUN: quant-dyn-opt %s -split-input-file -verify-diagnostics

// Verifier rules of docs/Semantics.md section 3, each with at least one case
// below (the case comments name the rule, e.g. "B5"):
//
// quantize / dequantize
//   B1  exactly one blocking mode: ('axis' and 'block_size') or 'block_shape'
//       (both, neither, or only one of axis / block_size is an error)
//   B2  1D mode: input rank 2 or 3
//   B3  1D mode: 'axis' is the last or second-to-last dim (-1, -2 from the end)
//   B4  1D mode: 'block_size' > 0
//   B5  1D mode: a static extent along 'axis' is divisible by 'block_size'
//       (the static extent of either the input/result or the data)
//   B6  block_shape mode: input rank 2, 3 or 4
//   B7  block_shape mode: one entry per input dimension
//   B8  block_shape mode: each entry > 0 or exactly -1
//   B9  input (quantize) / result (dequantize) element type f16, bf16, f32
//   B10 data element type f4E2M1FN, f8E4M3FN, f8E5M2, f6E2M3FN, f6E3M2FN,
//       si8 (signless i8 and ui8 are errors)
//   B11 scale element type f8E4M3FN, f8E8M0FNU, f32, f16, bf16
//   B12 f8E4M3FN scales require f4E2M1FN data
//   B13 f8E4M3FN scales require block_size 16 in 1D mode
//   B14 f8E4M3FN scales require the double_quant_scale operand
//   B15 f8E8M0FNU scales require floating-point data
//   B16 f8E8M0FNU scales require block_size 32 in 1D mode
//   B17 f8E8M0FNU scales take no double_quant_scale
//   B18 scale_rounding only on quantize, and only with f8E8M0FNU scales
//   B19 f32 / f16 / bf16 scales take no double_quant_scale
//   B20 double_quant_scale holds one element: rank 0 or static shape [1]
//   B21 double_quant_scale element type f32 or the input / result type
//   B22 f4E2M1FN data: a static innermost extent is even
//   B23 data has the input's shape (quantize) / the result has the data's
//       shape (dequantize): same rank, equal where both dims are static
//   B24 scales have the rank of the input (quantize) / data (dequantize)
//   B25 static scale dims: ceil(extent / block) along blocked dims (a -1
//       entry gives 1, extent 0 gives 0), the input's extent elsewhere
//   B26 a dynamic scale dim needs a dynamic input (data) dim
//   B27 an invalid blocking attribute is reported alone: the scale shapes
//       that depend on it are not checked (every B2-B8 case below has
//       scales that would also be wrong; -verify-diagnostics fails on any
//       unexpected second error)
//   B28 scale_layout swizzled_128x4 only in 1D mode, with 'axis' the last
//       dimension, and with f8E4M3FN or f8E8M0FNU scales (on quantize and
//       dequantize); the layout is linear or swizzled_128x4
//   B29 swizzled_128x4 scales: rank of the blocked tensor + 3, and shape
//       [ceil(M/128), ceil(S/4), 32, 4, 4] (B in front for rank 3), S = K /
//       block_size, checked dim by dim (from the data for dequantize)
//   B30 a dynamic swizzled scale dim needs a dynamic B, M or K dim (the one
//       it derives from); the tile dims 32, 4, 4 are always static
//
// quantize_linear / dequantize_linear
//   L1  'qtype' is per_tensor or per_channel
//   L2  per_channel 'axis' in [-r, r-1] (per_tensor ignores 'axis'); rank 0
//       cannot be per_channel
//   L3  the quantized and the float tensor have the same shape
//   L4  scales are a 1-D tensor
//   L5  scales element type f32, f16 or bf16
//   L6  per_tensor: 1 scale (when static)
//   L7  per_channel: dim(axis) scales (when both are static)
//   L8  zps are a 1-D tensor
//   L9  zps element type si8, i8, ui8, si32 or i32
//   L10 zps have as many elements as the scales (or what the scales must
//       hold, when the scales extent is dynamic)
//   L11 quantized element type ui8, si8 or i8
//   L12 float element type f32, f16 or bf16
//
// all ops
//   R1  tensors are ranked
//
// quant_dyn.storage_cast (internal to the lowerings, docs/Semantics.md
// section 2.4; its rules are those of its verifier)
//   S1  both sides tensors or both memrefs (identity layout)
//   S2  same rank; equal static dims, except packed f4: innermost N vs N/2
//   S3  integer or float element types of the same bit width, or
//       f4E2M1FN <-> i8 (packed pairs, rank >= 1)

//===----------------------------------------------------------------------===//
// B1: blocking mode
//===----------------------------------------------------------------------===//

func.func @b1_both_modes(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{requires exactly one blocking mode, but both 'axis'/'block_size' and 'block_shape' are given}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64, block_shape = array<i64: 1, 16>}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b1_no_mode(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{requires exactly one blocking mode: 'axis' with 'block_size', or 'block_shape'}}
  %q, %s = quant_dyn.quantize %x : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b1_axis_only(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{1D blocking requires both 'axis' and 'block_size', but only 'axis' is given}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64} : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b1_block_size_only(%q: tensor<8x32xsi8>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{1D blocking requires both 'axis' and 'block_size', but only 'block_size' is given}}
  %y = quant_dyn.dequantize %q, %s {block_size = 16 : i64} : (tensor<8x32xsi8>, tensor<8x2xf32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b1_dequantize_both_modes(%q: tensor<8x32xsi8>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{requires exactly one blocking mode, but both}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64, block_shape = array<i64: 1, 16>}
      : (tensor<8x32xsi8>, tensor<8x2xf32>) -> tensor<8x32xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// B2-B5: 1D mode
//===----------------------------------------------------------------------===//

func.func @b2_rank1(%x: tensor<32xf32>) {
  // expected-error @+1 {{1D blocking requires an input of rank 2 or 3, but the input has rank 1}}
  %q, %s = quant_dyn.quantize %x {axis = 0 : i64, block_size = 16 : i64}
      : (tensor<32xf32>) -> (tensor<32xsi8>, tensor<2xf32>)
  return
}

// -----

func.func @b2_rank4(%x: tensor<2x2x2x32xf32>) {
  // expected-error @+1 {{1D blocking requires an input of rank 2 or 3, but the input has rank 4}}
  %q, %s = quant_dyn.quantize %x {axis = 3 : i64, block_size = 16 : i64}
      : (tensor<2x2x2x32xf32>) -> (tensor<2x2x2x32xsi8>, tensor<2x2x2x2xf32>)
  return
}

// -----

func.func @b2_rank0_dequantize(%q: tensor<si8>, %s: tensor<f32>) {
  // expected-error @+1 {{1D blocking requires an input of rank 2 or 3, but the input has rank 0}}
  %y = quant_dyn.dequantize %q, %s {axis = 0 : i64, block_size = 1 : i64}
      : (tensor<si8>, tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @b3_axis_first_of_rank3(%x: tensor<4x8x32xf32>) {
  // expected-error @+1 {{'axis' must be the last or second-to-last dimension (one of 1, 2, -2, -1), but got 0}}
  %q, %s = quant_dyn.quantize %x {axis = 0 : i64, block_size = 2 : i64}
      : (tensor<4x8x32xf32>) -> (tensor<4x8x32xsi8>, tensor<2x8x32xf32>)
  return
}

// -----

func.func @b3_negative_axis_out_of_range(%x: tensor<4x8x32xf32>) {
  // expected-error @+1 {{'axis' must be the last or second-to-last dimension (one of 1, 2, -2, -1), but got -3}}
  %q, %s = quant_dyn.quantize %x {axis = -3 : i64, block_size = 2 : i64}
      : (tensor<4x8x32xf32>) -> (tensor<4x8x32xsi8>, tensor<2x8x32xf32>)
  return
}

// -----

func.func @b3_axis_past_rank(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'axis' must be the last or second-to-last dimension (one of 0, 1, -2, -1), but got 2}}
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b3_axis_int64_min(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'axis' must be the last or second-to-last dimension (one of 0, 1, -2, -1), but got -9223372036854775808}}
  %q, %s = quant_dyn.quantize %x {axis = -9223372036854775808 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b3_axis_int64_max(%q: tensor<8x32xsi8>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{'axis' must be the last or second-to-last dimension (one of 0, 1, -2, -1), but got 9223372036854775807}}
  %y = quant_dyn.dequantize %q, %s {axis = 9223372036854775807 : i64, block_size = 16 : i64}
      : (tensor<8x32xsi8>, tensor<8x2xf32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b4_block_size_zero(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'block_size' must be positive, but got 0}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 0 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b4_block_size_negative(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'block_size' must be positive, but got -16}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = -16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b4_block_size_int64_min(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'block_size' must be positive, but got -9223372036854775808}}
  %q, %s = quant_dyn.quantize %x {axis = -1 : i64, block_size = -9223372036854775808 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b5_not_divisible(%x: tensor<8x40xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{extent 40 of dimension 1 (the 'axis') is not divisible by 'block_size' 16}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x40xf32>, tensor<f32>) -> (tensor<8x40xf4E2M1FN>, tensor<8x3xf8E4M3FN>)
  return
}

// -----

func.func @b5_not_divisible_second_to_last(%x: tensor<2x48x8xbf16>) {
  // expected-error @+1 {{extent 48 of dimension 1 (the 'axis') is not divisible by 'block_size' 32}}
  %q, %s = quant_dyn.quantize %x {axis = -2 : i64, block_size = 32 : i64}
      : (tensor<2x48x8xbf16>) -> (tensor<2x48x8xf8E4M3FN>, tensor<2x2x8xf8E8M0FNU>)
  return
}

// -----

// Hostile: block_size INT64_MAX does not divide 32.
func.func @b5_block_size_int64_max(%x: tensor<2x32xf32>) {
  // expected-error @+1 {{extent 32 of dimension 1 (the 'axis') is not divisible by 'block_size' 9223372036854775807}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 9223372036854775807 : i64}
      : (tensor<2x32xf32>) -> (tensor<2x32xsi8>, tensor<2x0xf32>)
  return
}

// -----

// The data's static extent counts where the input's is dynamic.
func.func @b5_static_data_dynamic_input(%x: tensor<2x?xf32>) {
  // expected-error @+1 {{extent 24 of dimension 1 (the 'axis') is not divisible by 'block_size' 16}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<2x?xf32>) -> (tensor<2x24xsi8>, tensor<2x?xf32>)
  return
}

// -----

func.func @b5_dequantize(%q: tensor<8x48xf8E4M3FN>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{extent 48 of dimension 1 (the 'axis') is not divisible by 'block_size' 32}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x48xf8E4M3FN>, tensor<8x2xf32>) -> tensor<8x48xf32>
  return
}

// -----

// The result's static extent counts where the data's is dynamic.
func.func @b5_dequantize_static_result(%q: tensor<8x?xf8E4M3FN>, %s: tensor<8x?xf32>) {
  // expected-error @+1 {{extent 48 of dimension 1 (the 'axis') is not divisible by 'block_size' 32}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x?xf8E4M3FN>, tensor<8x?xf32>) -> tensor<8x48xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// B6-B8: block_shape mode
//===----------------------------------------------------------------------===//

func.func @b6_rank1(%x: tensor<32xf32>) {
  // expected-error @+1 {{'block_shape' blocking requires an input of rank 2, 3 or 4, but the input has rank 1}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 16>}
      : (tensor<32xf32>) -> (tensor<32xsi8>, tensor<2xf32>)
  return
}

// -----

func.func @b6_rank5(%q: tensor<1x1x1x1x32xsi8>, %s: tensor<1x1x1x1x2xf32>) {
  // expected-error @+1 {{'block_shape' blocking requires an input of rank 2, 3 or 4, but the input has rank 5}}
  %y = quant_dyn.dequantize %q, %s {block_shape = array<i64: 1, 1, 1, 1, 16>}
      : (tensor<1x1x1x1x32xsi8>, tensor<1x1x1x1x2xf32>) -> tensor<1x1x1x1x32xf32>
  return
}

// -----

func.func @b7_too_few_entries(%x: tensor<4x8x32xf32>) {
  // expected-error @+1 {{'block_shape' must have one entry per input dimension (3), but has 2}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 8, 16>}
      : (tensor<4x8x32xf32>) -> (tensor<4x8x32xsi8>, tensor<4x1x2xf32>)
  return
}

// -----

func.func @b7_empty(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'block_shape' must have one entry per input dimension (2), but has 0}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64>}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x32xf32>)
  return
}

// -----

// Hostile: a 1000-entry block_shape.
func.func @b7_1000_entries(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'block_shape' must have one entry per input dimension (2), but has 1000}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258, 259, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 270, 271, 272, 273, 274, 275, 276, 277, 278, 279, 280, 281, 282, 283, 284, 285, 286, 287, 288, 289, 290, 291, 292, 293, 294, 295, 296, 297, 298, 299, 300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333, 334, 335, 336, 337, 338, 339, 340, 341, 342, 343, 344, 345, 346, 347, 348, 349, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 360, 361, 362, 363, 364, 365, 366, 367, 368, 369, 370, 371, 372, 373, 374, 375, 376, 377, 378, 379, 380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 391, 392, 393, 394, 395, 396, 397, 398, 399, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 419, 420, 421, 422, 423, 424, 425, 426, 427, 428, 429, 430, 431, 432, 433, 434, 435, 436, 437, 438, 439, 440, 441, 442, 443, 444, 445, 446, 447, 448, 449, 450, 451, 452, 453, 454, 455, 456, 457, 458, 459, 460, 461, 462, 463, 464, 465, 466, 467, 468, 469, 470, 471, 472, 473, 474, 475, 476, 477, 478, 479, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 490, 491, 492, 493, 494, 495, 496, 497, 498, 499, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 512, 513, 514, 515, 516, 517, 518, 519, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530, 531, 532, 533, 534, 535, 536, 537, 538, 539, 540, 541, 542, 543, 544, 545, 546, 547, 548, 549, 550, 551, 552, 553, 554, 555, 556, 557, 558, 559, 560, 561, 562, 563, 564, 565, 566, 567, 568, 569, 570, 571, 572, 573, 574, 575, 576, 577, 578, 579, 580, 581, 582, 583, 584, 585, 586, 587, 588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 600, 601, 602, 603, 604, 605, 606, 607, 608, 609, 610, 611, 612, 613, 614, 615, 616, 617, 618, 619, 620, 621, 622, 623, 624, 625, 626, 627, 628, 629, 630, 631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643, 644, 645, 646, 647, 648, 649, 650, 651, 652, 653, 654, 655, 656, 657, 658, 659, 660, 661, 662, 663, 664, 665, 666, 667, 668, 669, 670, 671, 672, 673, 674, 675, 676, 677, 678, 679, 680, 681, 682, 683, 684, 685, 686, 687, 688, 689, 690, 691, 692, 693, 694, 695, 696, 697, 698, 699, 700, 701, 702, 703, 704, 705, 706, 707, 708, 709, 710, 711, 712, 713, 714, 715, 716, 717, 718, 719, 720, 721, 722, 723, 724, 725, 726, 727, 728, 729, 730, 731, 732, 733, 734, 735, 736, 737, 738, 739, 740, 741, 742, 743, 744, 745, 746, 747, 748, 749, 750, 751, 752, 753, 754, 755, 756, 757, 758, 759, 760, 761, 762, 763, 764, 765, 766, 767, 768, 769, 770, 771, 772, 773, 774, 775, 776, 777, 778, 779, 780, 781, 782, 783, 784, 785, 786, 787, 788, 789, 790, 791, 792, 793, 794, 795, 796, 797, 798, 799, 800, 801, 802, 803, 804, 805, 806, 807, 808, 809, 810, 811, 812, 813, 814, 815, 816, 817, 818, 819, 820, 821, 822, 823, 824, 825, 826, 827, 828, 829, 830, 831, 832, 833, 834, 835, 836, 837, 838, 839, 840, 841, 842, 843, 844, 845, 846, 847, 848, 849, 850, 851, 852, 853, 854, 855, 856, 857, 858, 859, 860, 861, 862, 863, 864, 865, 866, 867, 868, 869, 870, 871, 872, 873, 874, 875, 876, 877, 878, 879, 880, 881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894, 895, 896, 897, 898, 899, 900, 901, 902, 903, 904, 905, 906, 907, 908, 909, 910, 911, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922, 923, 924, 925, 926, 927, 928, 929, 930, 931, 932, 933, 934, 935, 936, 937, 938, 939, 940, 941, 942, 943, 944, 945, 946, 947, 948, 949, 950, 951, 952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 962, 963, 964, 965, 966, 967, 968, 969, 970, 971, 972, 973, 974, 975, 976, 977, 978, 979, 980, 981, 982, 983, 984, 985, 986, 987, 988, 989, 990, 991, 992, 993, 994, 995, 996, 997, 998, 999, 1000>}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b8_zero_entry(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'block_shape' entry 0 must be positive or -1 (whole extent), but got 0}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 0, 16>}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b8_minus_two(%x: tensor<2x8x32xf32>) {
  // expected-error @+1 {{'block_shape' entry 2 must be positive or -1 (whole extent), but got -2}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, -1, -2>}
      : (tensor<2x8x32xf32>) -> (tensor<2x8x32xsi8>, tensor<2x1x1xf32>)
  return
}

// -----

func.func @b8_int64_min(%q: tensor<8x32xsi8>, %s: tensor<1x1xf32>) {
  // expected-error @+1 {{'block_shape' entry 1 must be positive or -1 (whole extent), but got -9223372036854775808}}
  %y = quant_dyn.dequantize %q, %s {block_shape = array<i64: -1, -9223372036854775808>}
      : (tensor<8x32xsi8>, tensor<1x1xf32>) -> tensor<8x32xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// B9-B11: element types
//===----------------------------------------------------------------------===//

func.func @b9_input_f64(%x: tensor<8x32xf64>) {
  // expected-error @+1 {{input element type must be f16, bf16 or f32, but got 'f64'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf64>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b9_input_integer(%x: tensor<8x32xi32>) {
  // expected-error @+1 {{input element type must be f16, bf16 or f32, but got 'i32'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xi32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b9_result_f8(%q: tensor<8x32xsi8>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{result element type must be f16, bf16 or f32, but got 'f8E4M3FN'}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xsi8>, tensor<8x2xf32>) -> tensor<8x32xf8E4M3FN>
  return
}

// -----

func.func @b10_data_signless_i8(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{data element type must be f4E2M1FN, f8E4M3FN, f8E5M2, f6E2M3FN, f6E3M2FN or si8, but got 'i8'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b10_data_ui8(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{data element type must be f4E2M1FN, f8E4M3FN, f8E5M2, f6E2M3FN, f6E3M2FN or si8, but got 'ui8'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xui8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b10_data_f8E4M3FNUZ(%q: tensor<8x32xf8E4M3FNUZ>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{data element type must be f4E2M1FN, f8E4M3FN, f8E5M2, f6E2M3FN, f6E3M2FN or si8, but got 'f8E4M3FNUZ'}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf8E4M3FNUZ>, tensor<8x2xf32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b10_data_f16(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{data element type must be f4E2M1FN, f8E4M3FN, f8E5M2, f6E2M3FN, f6E3M2FN or si8, but got 'f16'}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 1, 16>}
      : (tensor<8x32xf32>) -> (tensor<8x32xf16>, tensor<8x2xf32>)
  return
}

// -----

func.func @b11_scale_f64(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{scale element type must be f8E4M3FN, f8E8M0FNU, f32, f16 or bf16, but got 'f64'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf64>)
  return
}

// -----

func.func @b11_scale_f8E5M2(%q: tensor<8x32xf4E2M1FN>, %s: tensor<8x2xf8E5M2>) {
  // expected-error @+1 {{scale element type must be f8E4M3FN, f8E8M0FNU, f32, f16 or bf16, but got 'f8E5M2'}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E5M2>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b11_scale_integer(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{scale element type must be f8E4M3FN, f8E8M0FNU, f32, f16 or bf16, but got 'i8'}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 8, 16>}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<1x2xi8>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// B12-B14: f8E4M3FN scales (NVFP4)
//===----------------------------------------------------------------------===//

func.func @b12_e4m3_scales_f8_data(%x: tensor<8x32xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{f8E4M3FN scales (NVFP4) require f4E2M1FN data, but the data is 'f8E4M3FN'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<f32>) -> (tensor<8x32xf8E4M3FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @b12_e4m3_scales_si8_data(%q: tensor<8x32xsi8>, %s: tensor<1x2xf8E4M3FN>, %gs: tensor<f32>) {
  // expected-error @+1 {{f8E4M3FN scales (NVFP4) require f4E2M1FN data, but the data is 'si8'}}
  %y = quant_dyn.dequantize %q, %s, %gs {block_shape = array<i64: 16, 16>}
      : (tensor<8x32xsi8>, tensor<1x2xf8E4M3FN>, tensor<f32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b13_e4m3_block_size_32(%x: tensor<8x32xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{f8E4M3FN scales (NVFP4) require 'block_size' 16, but got 32}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x32xf32>, tensor<f32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x1xf8E4M3FN>)
  return
}

// -----

func.func @b13_e4m3_block_size_8_dequantize(%q: tensor<8x32xf4E2M1FN>, %s: tensor<8x4xf8E4M3FN>, %gs: tensor<f32>) {
  // expected-error @+1 {{f8E4M3FN scales (NVFP4) require 'block_size' 16, but got 8}}
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 8 : i64}
      : (tensor<8x32xf4E2M1FN>, tensor<8x4xf8E4M3FN>, tensor<f32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b14_e4m3_missing_double_quant_scale(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{f8E4M3FN scales (NVFP4) require the double_quant_scale operand}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @b14_e4m3_missing_double_quant_scale_dequantize(%q: tensor<32x32xf4E2M1FN>, %s: tensor<2x2xf8E4M3FN>) {
  // expected-error @+1 {{f8E4M3FN scales (NVFP4) require the double_quant_scale operand}}
  %y = quant_dyn.dequantize %q, %s {block_shape = array<i64: 16, 16>}
      : (tensor<32x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>) -> tensor<32x32xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// B15-B18: f8E8M0FNU scales (OCP MX) and scale_rounding
//===----------------------------------------------------------------------===//

func.func @b15_e8m0_si8_data(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{f8E8M0FNU scales (MX) require floating-point data, but the data is 'si8'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x1xf8E8M0FNU>)
  return
}

// -----

func.func @b16_e8m0_block_size_16(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{f8E8M0FNU scales (MX) require 'block_size' 32, but got 16}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E8M0FNU>)
  return
}

// -----

func.func @b16_e8m0_block_size_64_dequantize(%q: tensor<8x64xf8E5M2>, %s: tensor<8x1xf8E8M0FNU>) {
  // expected-error @+1 {{f8E8M0FNU scales (MX) require 'block_size' 32, but got 64}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 64 : i64}
      : (tensor<8x64xf8E5M2>, tensor<8x1xf8E8M0FNU>) -> tensor<8x64xbf16>
  return
}

// -----

func.func @b17_e8m0_with_double_quant_scale(%x: tensor<8x32xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{f8E8M0FNU scales (MX) take no double_quant_scale operand}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x32xf32>, tensor<f32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x1xf8E8M0FNU>)
  return
}

// -----

func.func @b17_e8m0_with_double_quant_scale_dequantize(%q: tensor<8x32xf8E4M3FN>, %s: tensor<8x1xf8E8M0FNU>, %gs: tensor<1xf32>) {
  // expected-error @+1 {{f8E8M0FNU scales (MX) take no double_quant_scale operand}}
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x32xf8E4M3FN>, tensor<8x1xf8E8M0FNU>, tensor<1xf32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b18_scale_rounding_f32_scales(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{'scale_rounding' is only legal with f8E8M0FNU scales, but the scales are 'f32'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<floor>}
      : (tensor<8x32xf32>) -> (tensor<8x32xf8E4M3FN>, tensor<8x1xf32>)
  return
}

// -----

func.func @b18_scale_rounding_e4m3_scales(%x: tensor<8x32xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{'scale_rounding' is only legal with f8E8M0FNU scales, but the scales are 'f8E4M3FN'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>}
      : (tensor<8x32xf32>, tensor<f32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @b18_scale_rounding_on_dequantize(%q: tensor<8x32xf4E2M1FN>, %s: tensor<8x1xf8E8M0FNU>) {
  // expected-error @+1 {{'scale_rounding' is only legal on quant_dyn.quantize}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<rceil>}
      : (tensor<8x32xf4E2M1FN>, tensor<8x1xf8E8M0FNU>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b18_scale_rounding_bad_value(%x: tensor<8x32xf32>) {
  // expected-error @+2 {{expected ::mlir::quant_dyn::ScaleRounding to be one of: floor, rceil}}
  // expected-error @+1 {{failed to parse QuantDyn_ScaleRoundingAttr parameter 'value'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64, scale_rounding = #quant_dyn.scale_rounding<round>}
      : (tensor<8x32xf32>) -> (tensor<8x32xf8E4M3FN>, tensor<8x1xf8E8M0FNU>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// B19-B21: double_quant_scale
//===----------------------------------------------------------------------===//

func.func @b19_f32_scales_with_double_quant_scale(%x: tensor<8x32xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{a double_quant_scale operand is only allowed with f8E4M3FN scales, but the scales are 'f32'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<f32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf32>)
  return
}

// -----

func.func @b19_bf16_scales_with_double_quant_scale(%q: tensor<8x32xsi8>, %s: tensor<1x1xbf16>, %gs: tensor<bf16>) {
  // expected-error @+1 {{a double_quant_scale operand is only allowed with f8E4M3FN scales, but the scales are 'bf16'}}
  %y = quant_dyn.dequantize %q, %s, %gs {block_shape = array<i64: -1, -1>}
      : (tensor<8x32xsi8>, tensor<1x1xbf16>, tensor<bf16>) -> tensor<8x32xbf16>
  return
}

// -----

func.func @b20_double_quant_scale_two_elements(%x: tensor<8x32xf32>, %gs: tensor<2xf32>) {
  // expected-error @+1 {{double_quant_scale must hold one element (rank 0 or static shape [1]), but its type is 'tensor<2xf32>'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<2xf32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @b20_double_quant_scale_dynamic(%x: tensor<8x32xf32>, %gs: tensor<?xf32>) {
  // expected-error @+1 {{double_quant_scale must hold one element (rank 0 or static shape [1]), but its type is 'tensor<?xf32>'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<?xf32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @b20_double_quant_scale_rank2(%q: tensor<8x32xf4E2M1FN>, %s: tensor<8x2xf8E4M3FN>, %gs: tensor<1x1xf32>) {
  // expected-error @+1 {{double_quant_scale must hold one element (rank 0 or static shape [1]), but its type is 'tensor<1x1xf32>'}}
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>, tensor<1x1xf32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b20_double_quant_scale_empty(%x: tensor<8x32xf32>, %gs: tensor<0xf32>) {
  // expected-error @+1 {{double_quant_scale must hold one element (rank 0 or static shape [1]), but its type is 'tensor<0xf32>'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<0xf32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @b21_double_quant_scale_f16_with_f32_input(%x: tensor<8x32xf32>, %gs: tensor<f16>) {
  // expected-error @+1 {{double_quant_scale element type must be f32 or the input element type 'f32', but got 'f16'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<f16>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @b21_double_quant_scale_bf16_with_f16_result(%q: tensor<8x32xf4E2M1FN>, %s: tensor<8x2xf8E4M3FN>, %gs: tensor<1xbf16>) {
  // expected-error @+1 {{double_quant_scale element type must be f32 or the result element type 'f16', but got 'bf16'}}
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>, tensor<1xbf16>) -> tensor<8x32xf16>
  return
}

// -----

func.func @b21_double_quant_scale_integer(%x: tensor<8x32xf32>, %gs: tensor<i32>) {
  // expected-error @+1 {{double_quant_scale element type must be f32 or the input element type 'f32', but got 'i32'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<i32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// B22: f4E2M1FN packing
//===----------------------------------------------------------------------===//

func.func @b22_f4_odd_innermost(%x: tensor<32x7xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{f4E2M1FN data requires an even innermost extent (two values per byte), but dimension 1 has extent 7}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 0 : i64, block_size = 16 : i64}
      : (tensor<32x7xf32>, tensor<f32>) -> (tensor<32x7xf4E2M1FN>, tensor<2x7xf8E4M3FN>)
  return
}

// -----

func.func @b22_f4_odd_innermost_block_shape(%q: tensor<4x8x5xf4E2M1FN>, %s: tensor<4x1x1xf8E8M0FNU>) {
  // expected-error @+1 {{f4E2M1FN data requires an even innermost extent (two values per byte), but dimension 2 has extent 5}}
  %y = quant_dyn.dequantize %q, %s {block_shape = array<i64: 1, -1, -1>}
      : (tensor<4x8x5xf4E2M1FN>, tensor<4x1x1xf8E8M0FNU>) -> tensor<4x8x5xf32>
  return
}

// -----

// The data's static innermost extent counts where the input's is dynamic.
func.func @b22_f4_odd_static_data_dynamic_input(%x: tensor<16x?xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{f4E2M1FN data requires an even innermost extent (two values per byte), but dimension 1 has extent 3}}
  %q, %s = quant_dyn.quantize %x, %gs {block_shape = array<i64: 16, 16>}
      : (tensor<16x?xf32>, tensor<f32>) -> (tensor<16x3xf4E2M1FN>, tensor<1x?xf8E4M3FN>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// B23: data / input / result shapes
//===----------------------------------------------------------------------===//

func.func @b23_data_shape_mismatch(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{input and data must have the same shape, but dimension 0 is 8 vs 4}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<4x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b23_data_rank_mismatch(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{input and data must have the same shape, but their ranks differ (2 vs 3)}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32x1xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @b23_result_shape_mismatch(%q: tensor<8x32xsi8>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{result and data must have the same shape, but dimension 1 is 16 vs 32}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xsi8>, tensor<8x2xf32>) -> tensor<8x16xf32>
  return
}

// -----

func.func @b23_result_rank_mismatch(%q: tensor<8x32xsi8>, %s: tensor<8x2xf32>) {
  // expected-error @+1 {{result and data must have the same shape, but their ranks differ (1 vs 2)}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xsi8>, tensor<8x2xf32>) -> tensor<256xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// B24-B26: scale shapes
//===----------------------------------------------------------------------===//

func.func @b24_scale_rank(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{scales must have the rank of the blocked tensor (2), but have rank 1}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<16xf32>)
  return
}

// -----

func.func @b24_scale_rank_dequantize(%q: tensor<8x32xf4E2M1FN>, %s: tensor<f8E4M3FN>, %gs: tensor<f32>) {
  // expected-error @+1 {{scales must have the rank of the blocked tensor (2), but have rank 0}}
  %y = quant_dyn.dequantize %q, %s, %gs {block_shape = array<i64: -1, -1>}
      : (tensor<8x32xf4E2M1FN>, tensor<f8E4M3FN>, tensor<f32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @b25_blocked_dim(%x: tensor<8x64xf32>) {
  // expected-error @+1 {{scales dimension 1 must be 2 (number of blocks along it), but got 4}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x64xf32>) -> (tensor<8x64xf8E5M2>, tensor<8x4xf8E8M0FNU>)
  return
}

// -----

func.func @b25_unblocked_dim(%x: tensor<8x64xf32>) {
  // expected-error @+1 {{scales dimension 0 must be 8 (number of blocks along it), but got 1}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x64xf32>) -> (tensor<8x64xf8E5M2>, tensor<1x2xf8E8M0FNU>)
  return
}

// -----

func.func @b25_second_to_last_axis(%q: tensor<2x64x16xf8E4M3FN>, %s: tensor<2x64x1xf16>) {
  // expected-error @+1 {{scales dimension 1 must be 2 (number of blocks along it), but got 64}}
  %y = quant_dyn.dequantize %q, %s {axis = -2 : i64, block_size = 32 : i64}
      : (tensor<2x64x16xf8E4M3FN>, tensor<2x64x1xf16>) -> tensor<2x64x16xf16>
  return
}

// -----

// Partial edge blocks: ceil(8 / 3) = 3, not floor.
func.func @b25_partial_blocks_ceil(%x: tensor<8x8xf32>) {
  // expected-error @+1 {{scales dimension 1 must be 3 (number of blocks along it), but got 2}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 4, 3>}
      : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<2x2xf32>)
  return
}

// -----

func.func @b25_minus_one_gives_one(%x: tensor<8x8xf32>) {
  // expected-error @+1 {{scales dimension 0 must be 1 (number of blocks along it), but got 8}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, 4>}
      : (tensor<8x8xf32>) -> (tensor<8x8xf8E4M3FN>, tensor<8x2xf32>)
  return
}

// -----

// A -1 entry gives 1 even over a dynamic input dim.
func.func @b25_minus_one_over_dynamic(%x: tensor<?x8xf32>) {
  // expected-error @+1 {{scales dimension 0 must be 1 (number of blocks along it), but got 4}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, 4>}
      : (tensor<?x8xf32>) -> (tensor<?x8xf8E4M3FN>, tensor<4x2xf32>)
  return
}

// -----

// Hostile: entries near INT64_MAX over a 0-size and an 8-size extent (no
// overflow in the ceil division: 0 and 1 blocks).
func.func @b25_huge_entries(%x: tensor<0x8xf32>) {
  // expected-error @+1 {{scales dimension 1 must be 1 (number of blocks along it), but got 0}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 9223372036854775807, 9223372036854775806>}
      : (tensor<0x8xf32>) -> (tensor<0x8xsi8>, tensor<0x0xf32>)
  return
}

// -----

// Zero-size dims: an entry > 0 over extent 0 gives 0 blocks.
func.func @b25_zero_extent(%x: tensor<0x8xf32>) {
  // expected-error @+1 {{scales dimension 0 must be 0 (number of blocks along it), but got 1}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 4, 4>}
      : (tensor<0x8xf32>) -> (tensor<0x8xsi8>, tensor<1x2xf32>)
  return
}

// -----

func.func @b25_zero_extent_1d(%q: tensor<4x0xf8E4M3FN>, %s: tensor<4x1xf32>) {
  // expected-error @+1 {{scales dimension 1 must be 0 (number of blocks along it), but got 1}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<4x0xf8E4M3FN>, tensor<4x1xf32>) -> tensor<4x0xf32>
  return
}

// -----

func.func @b25_rank4(%x: tensor<2x3x17x33xf32>) {
  // expected-error @+1 {{scales dimension 3 must be 3 (number of blocks along it), but got 2}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: -1, 1, 4, 16>}
      : (tensor<2x3x17x33xf32>) -> (tensor<2x3x17x33xf8E4M3FN>, tensor<1x3x5x2xf32>)
  return
}

// -----

func.func @b26_dynamic_scale_over_static(%x: tensor<8x64xf32>) {
  // expected-error @+1 {{scales dimension 1 is dynamic, but the blocked tensor's dimension 1 is static (64): expected 2}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64}
      : (tensor<8x64xf32>) -> (tensor<8x64xf8E5M2>, tensor<8x?xf8E8M0FNU>)
  return
}

// -----

// For dequantize, the data (not the result) decides which dims may be dynamic.
func.func @b26_dequantize_dynamic_scale_over_static_data(%q: tensor<8x?xsi8>, %s: tensor<?x?xf32>) {
  // expected-error @+1 {{scales dimension 0 is dynamic, but the blocked tensor's dimension 0 is static (8): expected 2}}
  %y = quant_dyn.dequantize %q, %s {block_shape = array<i64: 4, 4>}
      : (tensor<8x?xsi8>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// B27: a bad blocking attribute is reported alone
//===----------------------------------------------------------------------===//

// The scales (rank 1) and the types (f64, ui8) are wrong too; only the
// blocking error is reported.
func.func @b27_blocking_error_alone(%x: tensor<8x32xf64>) {
  // expected-error @+1 {{'block_shape' entry 1 must be positive or -1 (whole extent), but got 0}}
  %q, %s = quant_dyn.quantize %x {block_shape = array<i64: 4, 0>}
      : (tensor<8x32xf64>) -> (tensor<8x32xui8>, tensor<5xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// B28: where scale_layout swizzled_128x4 is legal
//===----------------------------------------------------------------------===//

func.func @b28_swizzled_block_shape(%x: tensor<256x64xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{scale_layout swizzled_128x4 requires 1D blocking ('axis' and 'block_size'), but 'block_shape' is given}}
  %q, %s = quant_dyn.quantize %x, %gs {block_shape = array<i64: 1, 16>,
                                     scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<256x64xf32>, tensor<f32>) -> (tensor<256x64xf4E2M1FN>, tensor<2x1x32x4x4xf8E4M3FN>)
  return
}

// -----

func.func @b28_swizzled_axis_not_last(%x: tensor<256x64xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{scale_layout swizzled_128x4 requires 'axis' to be the last dimension (1 or -1), but it is dimension 0}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 0 : i64, block_size = 16 : i64,
                                     scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<256x64xf32>, tensor<f32>) -> (tensor<256x64xf4E2M1FN>, tensor<1x4x32x4x4xf8E4M3FN>)
  return
}

// -----

func.func @b28_swizzled_axis_not_last_dequantize(%q: tensor<2x64x64xf8E4M3FN>, %s: tensor<2x1x1x32x4x4xf8E8M0FNU>) {
  // expected-error @+1 {{scale_layout swizzled_128x4 requires 'axis' to be the last dimension (2 or -1), but it is dimension 1}}
  %y = quant_dyn.dequantize %q, %s {axis = -2 : i64, block_size = 32 : i64,
                                  scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<2x64x64xf8E4M3FN>, tensor<2x1x1x32x4x4xf8E8M0FNU>) -> tensor<2x64x64xf32>
  return
}

// -----

func.func @b28_swizzled_f32_scales(%x: tensor<128x64xf32>) {
  // expected-error @+1 {{scale_layout swizzled_128x4 requires f8E4M3FN or f8E8M0FNU scales, but the scales are 'f32'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<128x64xf32>) -> (tensor<128x64xsi8>, tensor<1x1x32x4x4xf32>)
  return
}

// -----

func.func @b28_swizzled_f16_scales_dequantize(%q: tensor<128x64xf8E4M3FN>, %s: tensor<128x4xf16>) {
  // expected-error @+1 {{scale_layout swizzled_128x4 requires f8E4M3FN or f8E8M0FNU scales, but the scales are 'f16'}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64,
                                  scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<128x64xf8E4M3FN>, tensor<128x4xf16>) -> tensor<128x64xf32>
  return
}

// -----

func.func @b28_swizzled_bf16_scales(%x: tensor<128x64xbf16>) {
  // expected-error @+1 {{scale_layout swizzled_128x4 requires f8E4M3FN or f8E8M0FNU scales, but the scales are 'bf16'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<128x64xbf16>) -> (tensor<128x64xf8E5M2>, tensor<1x1x32x4x4xbf16>)
  return
}

// -----

func.func @b28_unknown_layout(%x: tensor<128x64xf32>) {
  // expected-error @+3 {{expected ::mlir::quant_dyn::ScaleLayout to be one of: linear, swizzled_128x4}}
  // expected-error @+2 {{failed to parse QuantDyn_ScaleLayoutAttr parameter 'value'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_32x4>}
      : (tensor<128x64xf32>) -> (tensor<128x64xf8E5M2>, tensor<1x1x32x4x4xf8E8M0FNU>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// B29-B30: swizzled_128x4 scale shapes
//===----------------------------------------------------------------------===//

// The linear scale shape is not the swizzled one.
func.func @b29_swizzled_rank(%x: tensor<2x32xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{scales in the swizzled_128x4 layout must have rank 5 ([ceil(M/128), ceil(S/4), 32, 4, 4]), but have rank 2}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64,
                                     scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<2x32xf32>, tensor<f32>) -> (tensor<2x32xf4E2M1FN>, tensor<2x2xf8E4M3FN>)
  return
}

// -----

func.func @b29_swizzled_rank3_rank(%x: tensor<2x128x64xf32>) {
  // expected-error @+1 {{scales in the swizzled_128x4 layout must have rank 6 ([B, ceil(M/128), ceil(S/4), 32, 4, 4]), but have rank 5}}
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<2x128x64xf32>) -> (tensor<2x128x64xf8E4M3FN>, tensor<1x1x32x4x4xf8E8M0FNU>)
  return
}

// -----

// 300 rows are 3 row tiles (a partial last tile), not 2.
func.func @b29_swizzled_row_tiles(%x: tensor<300x256xbf16>, %gs: tensor<f32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 0 (row tiles ceil(M/128)) must be 3, but got 2}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64,
                                     scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<300x256xbf16>, tensor<f32>) -> (tensor<300x256xf4E2M1FN>, tensor<2x4x32x4x4xf8E4M3FN>)
  return
}

// -----

// S = 96 / 16 = 6 scale columns are 2 column tiles, not 1 (nor 6).
func.func @b29_swizzled_column_tiles(%x: tensor<128x96xf32>, %gs: tensor<f32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 1 (column tiles ceil(S/4)) must be 2, but got 6}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64,
                                     scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<128x96xf32>, tensor<f32>) -> (tensor<128x96xf4E2M1FN>, tensor<1x6x32x4x4xf8E4M3FN>)
  return
}

// -----

func.func @b29_swizzled_tile_rows(%x: tensor<128x64xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 2 (rows m % 32 of a tile) must be 32, but got 128}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<128x64xf32>) -> (tensor<128x64xf8E4M3FN>, tensor<1x1x128x1x4xf8E8M0FNU>)
  return
}

// -----

func.func @b29_swizzled_tile_row_groups(%x: tensor<128x64xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 3 (row groups (m % 128) / 32 of a tile) must be 4, but got 1}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<128x64xf32>) -> (tensor<128x64xf8E4M3FN>, tensor<1x1x32x1x16xf8E8M0FNU>)
  return
}

// -----

func.func @b29_swizzled_tile_columns(%x: tensor<128x64xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 4 (columns j % 4 of a tile) must be 4, but got 2}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<128x64xf32>) -> (tensor<128x64xf8E4M3FN>, tensor<1x1x32x4x2xf8E8M0FNU>)
  return
}

// -----

func.func @b29_swizzled_batch(%x: tensor<3x128x64xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 0 (the batch B) must be 3, but got 2}}
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<3x128x64xf32>) -> (tensor<3x128x64xf8E4M3FN>, tensor<2x1x1x32x4x4xf8E8M0FNU>)
  return
}

// -----

// Rank 3: the row and column tile dims come after B.
func.func @b29_swizzled_rank3_row_tiles(%x: tensor<3x129x64xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 1 (row tiles ceil(M/128)) must be 2, but got 1}}
  %q, %s = quant_dyn.quantize %x {axis = -1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<3x129x64xf32>) -> (tensor<3x129x64xf8E4M3FN>, tensor<3x1x1x32x4x4xf8E8M0FNU>)
  return
}

// -----

// dequantize: the shapes derive from the data (260 rows: 3 row tiles).
func.func @b29_swizzled_dequantize(%q: tensor<260x32xf4E2M1FN>, %s: tensor<2x1x32x4x4xf8E4M3FN>, %gs: tensor<f32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 0 (row tiles ceil(M/128)) must be 3, but got 2}}
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64,
                                       scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<260x32xf4E2M1FN>, tensor<2x1x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<?x32xf32>
  return
}

// -----

func.func @b30_swizzled_dynamic_over_static_rows(%x: tensor<130x64xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 0 (row tiles ceil(M/128)) is dynamic, but the blocked tensor's dimension 0 is static (130): expected 2}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<130x64xf32>) -> (tensor<130x64xf8E4M3FN>, tensor<?x1x32x4x4xf8E8M0FNU>)
  return
}

// -----

func.func @b30_swizzled_dynamic_over_static_columns(%q: tensor<?x512xf4E2M1FN>, %s: tensor<?x?x32x4x4xf8E4M3FN>, %gs: tensor<f32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 1 (column tiles ceil(S/4)) is dynamic, but the blocked tensor's dimension 1 is static (512): expected 8}}
  %y = quant_dyn.dequantize %q, %s, %gs {axis = 1 : i64, block_size = 16 : i64,
                                       scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x512xf4E2M1FN>, tensor<?x?x32x4x4xf8E4M3FN>, tensor<f32>) -> tensor<?x512xf32>
  return
}

// -----

func.func @b30_swizzled_dynamic_batch_over_static(%x: tensor<2x?x64xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 0 (the batch B) is dynamic, but the blocked tensor's dimension 0 is static (2): expected 2}}
  %q, %s = quant_dyn.quantize %x {axis = 2 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<2x?x64xf32>) -> (tensor<2x?x64xf8E4M3FN>, tensor<?x?x1x32x4x4xf8E8M0FNU>)
  return
}

// -----

// Even over dynamic M and K, the tile dims are static.
func.func @b30_swizzled_dynamic_tile_dim(%x: tensor<?x?xf32>) {
  // expected-error @+1 {{swizzled_128x4 scales dimension 3 (row groups (m % 128) / 32 of a tile) must be static 4, but is dynamic}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 32 : i64,
                                 scale_layout = #quant_dyn.scale_layout<swizzled_128x4>}
      : (tensor<?x?xf32>) -> (tensor<?x?xf8E4M3FN>, tensor<?x?x32x?x4xf8E8M0FNU>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// L1-L12: quantize_linear / dequantize_linear
//===----------------------------------------------------------------------===//

func.func @l1_bad_qtype(%x: tensor<4x3xf32>, %s: tensor<1xf32>) {
  // expected-error @+2 {{expected ::mlir::quant_dyn::QType to be one of: per_tensor, per_channel}}
  // expected-error @+1 {{failed to parse QuantDyn_QTypeAttr parameter 'value'}}
  %q = quant_dyn.quantize_linear %x, %s {qtype = #quant_dyn.qtype<per_group>}
      : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l1_qtype_not_an_enum(%x: tensor<4x3xf32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{attribute 'qtype' failed to satisfy constraint: granularity of linear quantization}}
  %q = quant_dyn.quantize_linear %x, %s {qtype = "per_tensor"}
      : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l2_axis_too_large(%x: tensor<4x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{per_channel 'axis' must be in [-2, 1], but got 2}}
  %q = quant_dyn.quantize_linear %x, %s {qtype = #quant_dyn.qtype<per_channel>, axis = 2 : i64}
      : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l2_negative_axis_out_of_range(%q: tensor<2x4x3xui8>, %s: tensor<3xf32>) {
  // expected-error @+1 {{per_channel 'axis' must be in [-3, 2], but got -4}}
  %y = quant_dyn.dequantize_linear %q, %s {qtype = #quant_dyn.qtype<per_channel>, axis = -4 : i64}
      : (tensor<2x4x3xui8>, tensor<3xf32>) -> tensor<2x4x3xf32>
  return
}

// -----

func.func @l2_axis_int64_min(%x: tensor<4x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{per_channel 'axis' must be in [-2, 1], but got -9223372036854775808}}
  %q = quant_dyn.quantize_linear %x, %s {qtype = #quant_dyn.qtype<per_channel>, axis = -9223372036854775808 : i64}
      : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xsi8>
  return
}

// -----

// The default axis (1) is out of range for a rank-1 per_channel tensor.
func.func @l2_default_axis_rank1(%x: tensor<3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{per_channel 'axis' must be in [-1, 0], but got 1}}
  %q = quant_dyn.quantize_linear %x, %s {qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xsi8>
  return
}

// -----

func.func @l2_per_channel_rank0(%x: tensor<f32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{per_channel quantization requires tensors of rank >= 1 (a channel 'axis'), but they have rank 0}}
  %q = quant_dyn.quantize_linear %x, %s {qtype = #quant_dyn.qtype<per_channel>, axis = 0 : i64}
      : (tensor<f32>, tensor<1xf32>) -> tensor<si8>
  return
}

// -----

func.func @l3_shape_mismatch(%x: tensor<4x3xf32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{quantized tensor and float tensor must have the same shape, but dimension 1 is 4 vs 3}}
  %q = quant_dyn.quantize_linear %x, %s : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x4xsi8>
  return
}

// -----

func.func @l3_rank_mismatch(%q: tensor<12xsi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{quantized tensor and float tensor must have the same shape, but their ranks differ (1 vs 2)}}
  %y = quant_dyn.dequantize_linear %q, %s : (tensor<12xsi8>, tensor<1xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l4_scales_rank0(%x: tensor<4x3xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{scales must be a 1-D tensor, but have rank 0}}
  %q = quant_dyn.quantize_linear %x, %s : (tensor<4x3xf32>, tensor<f32>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l4_scales_rank2(%q: tensor<4x3xsi8>, %s: tensor<1x3xf32>) {
  // expected-error @+1 {{scales must be a 1-D tensor, but have rank 2}}
  %y = quant_dyn.dequantize_linear %q, %s {qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xsi8>, tensor<1x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l5_scales_f64(%x: tensor<4x3xf32>, %s: tensor<1xf64>) {
  // expected-error @+1 {{scales element type must be f32, f16 or bf16, but got 'f64'}}
  %q = quant_dyn.quantize_linear %x, %s : (tensor<4x3xf32>, tensor<1xf64>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l5_scales_integer(%q: tensor<4x3xsi8>, %s: tensor<1xi32>) {
  // expected-error @+1 {{scales element type must be f32, f16 or bf16, but got 'i32'}}
  %y = quant_dyn.dequantize_linear %q, %s : (tensor<4x3xsi8>, tensor<1xi32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l6_per_tensor_three_scales(%x: tensor<4x3xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{per_tensor scales must hold exactly 1 element, but hold 3}}
  %q = quant_dyn.quantize_linear %x, %s : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l6_per_tensor_zero_scales(%q: tensor<4x3xui8>, %s: tensor<0xf32>) {
  // expected-error @+1 {{per_tensor scales must hold exactly 1 element, but hold 0}}
  %y = quant_dyn.dequantize_linear %q, %s {qtype = #quant_dyn.qtype<per_tensor>}
      : (tensor<4x3xui8>, tensor<0xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l7_per_channel_count(%x: tensor<4x3xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{per_channel scales must hold one element per index of dimension 1 (3), but hold 4}}
  %q = quant_dyn.quantize_linear %x, %s {qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<4xf32>) -> tensor<4x3xui8>
  return
}

// -----

func.func @l7_per_channel_count_negative_axis(%q: tensor<2x4x3xsi8>, %s: tensor<3xf32>) {
  // expected-error @+1 {{per_channel scales must hold one element per index of dimension 1 (4), but hold 3}}
  %y = quant_dyn.dequantize_linear %q, %s {qtype = #quant_dyn.qtype<per_channel>, axis = -2 : i64}
      : (tensor<2x4x3xsi8>, tensor<3xf32>) -> tensor<2x4x3xf32>
  return
}

// -----

func.func @l7_per_channel_count_dequantize(%q: tensor<4x3xsi8>, %s: tensor<5xf32>) {
  // expected-error @+1 {{per_channel scales must hold one element per index of dimension 0 (4), but hold 5}}
  %y = quant_dyn.dequantize_linear %q, %s {qtype = #quant_dyn.qtype<per_channel>, axis = 0 : i64}
      : (tensor<4x3xsi8>, tensor<5xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l8_zps_rank0(%x: tensor<4x3xf32>, %s: tensor<1xf32>, %zp: tensor<si8>) {
  // expected-error @+1 {{zps must be a 1-D tensor, but have rank 0}}
  %q = quant_dyn.quantize_linear %x, %s, %zp : (tensor<4x3xf32>, tensor<1xf32>, tensor<si8>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l8_zps_rank2(%q: tensor<4x3xui8>, %s: tensor<3xf32>, %zp: tensor<1x3xui8>) {
  // expected-error @+1 {{zps must be a 1-D tensor, but have rank 2}}
  %y = quant_dyn.dequantize_linear %q, %s, %zp {qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xui8>, tensor<3xf32>, tensor<1x3xui8>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l9_zps_i16(%x: tensor<4x3xf32>, %s: tensor<1xf32>, %zp: tensor<1xi16>) {
  // expected-error @+1 {{zps element type must be si8, i8, ui8, si32 or i32, but got 'i16'}}
  %q = quant_dyn.quantize_linear %x, %s, %zp : (tensor<4x3xf32>, tensor<1xf32>, tensor<1xi16>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l9_zps_ui32(%q: tensor<4x3xui8>, %s: tensor<1xf32>, %zp: tensor<1xui32>) {
  // expected-error @+1 {{zps element type must be si8, i8, ui8, si32 or i32, but got 'ui32'}}
  %y = quant_dyn.dequantize_linear %q, %s, %zp : (tensor<4x3xui8>, tensor<1xf32>, tensor<1xui32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l9_zps_float(%x: tensor<4x3xf32>, %s: tensor<1xf32>, %zp: tensor<1xf32>) {
  // expected-error @+1 {{zps element type must be si8, i8, ui8, si32 or i32, but got 'f32'}}
  %q = quant_dyn.quantize_linear %x, %s, %zp : (tensor<4x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l10_zps_count(%x: tensor<4x3xf32>, %s: tensor<3xf32>, %zp: tensor<1xsi32>) {
  // expected-error @+1 {{zps must have as many elements as scales (3), but have 1}}
  %q = quant_dyn.quantize_linear %x, %s, %zp {qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xf32>, tensor<3xf32>, tensor<1xsi32>) -> tensor<4x3xui8>
  return
}

// -----

func.func @l10_zps_count_dynamic_scales_per_channel(%q: tensor<4x3xsi8>, %s: tensor<?xf32>, %zp: tensor<4xsi8>) {
  // expected-error @+1 {{per_channel zps must hold one element per index of dimension 1 (3), but hold 4}}
  %y = quant_dyn.dequantize_linear %q, %s, %zp {qtype = #quant_dyn.qtype<per_channel>}
      : (tensor<4x3xsi8>, tensor<?xf32>, tensor<4xsi8>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l10_zps_count_dynamic_scales_per_tensor(%x: tensor<4x3xf32>, %s: tensor<?xf32>, %zp: tensor<2xi8>) {
  // expected-error @+1 {{per_tensor zps must hold exactly 1 element, but hold 2}}
  %q = quant_dyn.quantize_linear %x, %s, %zp : (tensor<4x3xf32>, tensor<?xf32>, tensor<2xi8>) -> tensor<4x3xi8>
  return
}

// -----

func.func @l11_quantized_si32(%x: tensor<4x3xf32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{quantized element type must be ui8, si8 or i8, but got 'si32'}}
  %q = quant_dyn.quantize_linear %x, %s : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xsi32>
  return
}

// -----

func.func @l11_quantized_f8(%q: tensor<4x3xf8E4M3FN>, %s: tensor<1xf32>) {
  // expected-error @+1 {{quantized element type must be ui8, si8 or i8, but got 'f8E4M3FN'}}
  %y = quant_dyn.dequantize_linear %q, %s : (tensor<4x3xf8E4M3FN>, tensor<1xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @l11_quantized_i4(%x: tensor<4x3xf32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{quantized element type must be ui8, si8 or i8, but got 'i4'}}
  %q = quant_dyn.quantize_linear %x, %s : (tensor<4x3xf32>, tensor<1xf32>) -> tensor<4x3xi4>
  return
}

// -----

func.func @l12_float_f64(%x: tensor<4x3xf64>, %s: tensor<1xf32>) {
  // expected-error @+1 {{float element type must be f32, f16 or bf16, but got 'f64'}}
  %q = quant_dyn.quantize_linear %x, %s : (tensor<4x3xf64>, tensor<1xf32>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @l12_result_integer(%q: tensor<4x3xsi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{float element type must be f32, f16 or bf16, but got 'i32'}}
  %y = quant_dyn.dequantize_linear %q, %s : (tensor<4x3xsi8>, tensor<1xf32>) -> tensor<4x3xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// R1: unranked tensors
//===----------------------------------------------------------------------===//

func.func @r1_quantize_unranked_input(%x: tensor<*xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<*xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

func.func @r1_quantize_unranked_results(%x: tensor<8x32xf32>) {
  // expected-error @+1 {{result #1 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>) -> (tensor<8x32xsi8>, tensor<*xf32>)
  return
}

// -----

func.func @r1_quantize_unranked_double_quant_scale(%x: tensor<8x32xf32>, %gs: tensor<*xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %q, %s = quant_dyn.quantize %x, %gs {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xf32>, tensor<*xf32>) -> (tensor<8x32xf4E2M1FN>, tensor<8x2xf8E4M3FN>)
  return
}

// -----

func.func @r1_dequantize_unranked_scales(%q: tensor<8x32xsi8>, %s: tensor<*xf32>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %y = quant_dyn.dequantize %q, %s {axis = 1 : i64, block_size = 16 : i64}
      : (tensor<8x32xsi8>, tensor<*xf32>) -> tensor<8x32xf32>
  return
}

// -----

func.func @r1_quantize_linear_unranked_zps(%x: tensor<4x3xf32>, %s: tensor<1xf32>, %zp: tensor<*xsi8>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of any type values, but got 'tensor<*xsi8>'}}
  %q = quant_dyn.quantize_linear %x, %s, %zp : (tensor<4x3xf32>, tensor<1xf32>, tensor<*xsi8>) -> tensor<4x3xsi8>
  return
}

// -----

func.func @r1_dequantize_linear_unranked_result(%q: tensor<4x3xsi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %y = quant_dyn.dequantize_linear %q, %s : (tensor<4x3xsi8>, tensor<1xf32>) -> tensor<*xf32>
  return
}

// -----

// Not tensors at all.
func.func @r1_memref(%x: memref<8x32xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of any type values, but got 'memref<8x32xf32>'}}
  %q, %s = quant_dyn.quantize %x {axis = 1 : i64, block_size = 16 : i64}
      : (memref<8x32xf32>) -> (tensor<8x32xsi8>, tensor<8x2xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// S1-S3: storage_cast
//===----------------------------------------------------------------------===//

func.func @s1_tensor_to_memref(%a: tensor<4xf32>) {
  // expected-error @+1 {{source and result must both be tensors or both be memrefs}}
  %0 = quant_dyn.storage_cast %a : tensor<4xf32> to memref<4xi32>
  return
}

// -----

func.func @s1_strided_memref(%a: memref<4x4xf32, strided<[8, 1]>>) {
  // expected-error @+1 {{memrefs must have the identity layout, but got 'memref<4x4xf32, strided<[8, 1]>>'}}
  %0 = quant_dyn.storage_cast %a : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xi32>
  return
}

// -----

func.func @s2_rank(%a: tensor<4x2xsi8>) {
  // expected-error @+1 {{source and result must have the same rank, but have rank 2 vs 1}}
  %0 = quant_dyn.storage_cast %a : tensor<4x2xsi8> to tensor<8xi8>
  return
}

// -----

func.func @s2_dim(%a: tensor<4x2xsi8>) {
  // expected-error @+1 {{dimension 0 differs: 4 vs 2}}
  %0 = quant_dyn.storage_cast %a : tensor<4x2xsi8> to tensor<2x4xi8>
  return
}

// -----

func.func @s2_packed_f4_extent(%a: tensor<2x4xf4E2M1FN>) {
  // expected-error @+1 {{packed f4E2M1FN innermost extent 4 must be twice the i8 extent 3}}
  %0 = quant_dyn.storage_cast %a : tensor<2x4xf4E2M1FN> to tensor<2x3xi8>
  return
}

// -----

// Hostile: 2 * 4611686018427387904 overflows int64.
func.func @s2_packed_f4_huge_extent(%a: memref<4xf4E2M1FN>) {
  // expected-error @+1 {{packed f4E2M1FN innermost extent 4 must be twice the i8 extent 4611686018427387904}}
  %0 = quant_dyn.storage_cast %a : memref<4xf4E2M1FN> to memref<4611686018427387904xi8>
  return
}

// -----

func.func @s2_packed_f4_odd_extent(%a: tensor<2x3xf4E2M1FN>) {
  // expected-error @+1 {{packed f4E2M1FN innermost extent 3 must be twice the i8 extent 1}}
  %0 = quant_dyn.storage_cast %a : tensor<2x3xf4E2M1FN> to tensor<2x1xi8>
  return
}

// -----

func.func @s3_bit_width(%a: tensor<4xf32>) {
  // expected-error @+1 {{element types must have the same bit width, or be f4E2M1FN and i8 (packed pairs), but got 'f32' and 'i16'}}
  %0 = quant_dyn.storage_cast %a : tensor<4xf32> to tensor<4xi16>
  return
}

// -----

func.func @s3_packed_f4_rank0(%a: tensor<f4E2M1FN>) {
  // expected-error @+1 {{packed f4E2M1FN needs rank >= 1}}
  %0 = quant_dyn.storage_cast %a : tensor<f4E2M1FN> to tensor<i8>
  return
}

// -----

// Hostile: element types without a bit width (used to crash the verifier).
func.func @s3_index(%a: tensor<4xindex>) {
  // expected-error @+1 {{element types must be integer or floating-point types, but got 'index'}}
  %0 = quant_dyn.storage_cast %a : tensor<4xindex> to tensor<4xi64>
  return
}

// -----

func.func @s3_complex(%a: memref<4xi64>) {
  // expected-error @+1 {{element types must be integer or floating-point types, but got 'complex<f32>'}}
  %0 = quant_dyn.storage_cast %a : memref<4xi64> to memref<4xcomplex<f32>>
  return
}

// -----

func.func @r1_storage_cast_unranked(%a: tensor<*xsi8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of any type values or memref of any type values, but got 'tensor<*xsi8>'}}
  %0 = quant_dyn.storage_cast %a : tensor<*xsi8> to tensor<8xi8>
  return
}
