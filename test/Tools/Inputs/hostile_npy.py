#!/usr/bin/env python3
"""Writes hostile .npy files into DIR for the hostile-npy tests.

  hostile_npy.py DIR

Every file but the controls is wrong in exactly one way (named by the file);
unless the name says otherwise the header describes a valid 2x3 '<f4' array.
"""
import os
import struct
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

DATA = struct.pack("<6f", 0, 1, 2, 3, 4, 5)


def header(descr="'<f4'", fortran="False", shape="(2, 3)"):
    return "{'descr': %s, 'fortran_order': %s, 'shape': %s, }\n" % (
        descr, fortran, shape)


def npy(name, text, data=DATA, major=1, minor=0, length=None, pad=False):
    """`length` overrides the header length field (the header text is
    written unchanged); `pad` aligns the data to 64 bytes as NumPy (and the
    runner) do."""
    if pad:
        preamble = 10 if major == 1 else 12
        text = text.rstrip("\n")
        text += " " * (63 - (preamble + len(text)) % 64) + "\n"
    raw = text.encode("latin1")
    n = len(raw) if length is None else length
    pre = b"\x93NUMPY" + bytes([major, minor])
    pre += struct.pack("<H", n) if major == 1 else struct.pack("<I", n)
    write(name, pre + raw + data)


def write(name, content):
    with open(os.path.join(out, name), "wb") as f:
        f.write(content)


# Controls: valid files.
npy("ok_2x3_f32.npy", header(), pad=True)
npy("ok_v2_2x3_f32.npy", header(), major=2, pad=True)
npy("ok_scalar_f32.npy", header(shape="()"), struct.pack("<f", 1.0), pad=True)
npy("ok_1_f32.npy", header(shape="(1,)"), struct.pack("<f", 1.0), pad=True)
npy("ok_0x3_f32.npy", header(shape="(0, 3)"), b"", pad=True)
npy("ok_2x3_f16.npy", header(descr="'<f2'"), struct.pack("<6e", *range(6)),
    pad=True)

# Preamble.
write("empty.npy", b"")
write("text.npy", b"hello, not a numpy file\n")
write("bad_magic.npy", b"\x93NUMPX\x01\x00" + b"x" * 80)
write("short.npy", b"\x93NUMPY\x01")
write("v2_short.npy", b"\x93NUMPY\x02\x00\x10\x00\x00")
npy("version_9.npy", header(), major=9)
npy("version_1_5.npy", header(), minor=5)
npy("hlen_past_eof.npy", header(), length=5000)
npy("hlen_ffff.npy", header(), length=0xFFFF)
npy("hlen_v2_ffffffff.npy", header(), major=2, length=0xFFFFFFFF)
npy("hlen_v3_ffffffff.npy", header(), major=3, length=0xFFFFFFFF)

# Header dict.
npy("hdr_list.npy", "[1, 2, 3]\n")
npy("hdr_unterminated.npy", "{'descr': '<f4\n")
npy("hdr_no_shape.npy", "{'descr': '<f4', 'fortran_order': False, }\n")
npy("hdr_no_descr.npy", "{'fortran_order': False, 'shape': (2, 3), }\n")
npy("hdr_extra_key.npy",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}\n")
npy("hdr_duplicate.npy",
    "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
    "'shape': (2, 3)}\n")
npy("hdr_junk_after.npy", header().rstrip("\n") + " junk\n")
npy("hdr_fortran_1.npy", header(fortran="1"))
npy("shape_garbage.npy", header(shape="(2, x)"))
npy("shape_list.npy", header(shape="[2, 3]"))
npy("shape_int.npy", header(shape="(6)"), DATA)
npy("shape_negative.npy", header(shape="(-2, 3)"))
npy("shape_dim_too_large.npy", header(shape="(99999999999999999999, 1)"))
npy("shape_overflow.npy", header(shape="(4294967296, 4294967296)"))

# Data.
npy("shape_huge.npy", header(shape="(1000000, 1000000)"))
npy("truncated.npy", header(), DATA[:10])
npy("trailing.npy", header(), DATA + b"\0\0")
npy("fortran.npy", header(fortran="True"))

# Dtypes.
npy("dtype_big_endian.npy", header(descr="'>f4'"))
npy("dtype_f8.npy", header(descr="'<f8'"), DATA * 2)
npy("dtype_bool.npy", header(descr="'|b1'"), DATA[:6])
npy("dtype_c8.npy", header(descr="'<c8'"), DATA * 2)
npy("dtype_object.npy", header(descr="'|O'"), DATA * 2)
npy("dtype_record.npy", header(descr="[('a', '<f4')]"))
npy("dtype_i4.npy", header(descr="'<i4'"))
