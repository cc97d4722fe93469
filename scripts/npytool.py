#!/usr/bin/env python3
"""Tiny .npy helper for the examples and the lit tests (no numpy needed).

  npytool.py make OUT.npy --dtype f4|f2|u2|i4|i1|u1 --shape 2,32 --values "0.0 0.3 ..."
  npytool.py show FILE.npy                 # shape, dtype and values
  npytool.py compare FILE.npy --expected "..." [--atol 0.006] [--label NAME]
      prints computed and expected values side by side; exit 1 on mismatch
  npytool.py normal OUT.npy --dtype f4|bf16 --shape 8192,4096 [--sigma 3] [--seed 42]
      large benchmark inputs: normal values, a pattern of 1 Mi values repeated
      (bf16 as its '<u2' codes, the top half of the f32)
"""
import argparse
import ast
import random
import struct
import sys

DTYPES = {"f4": ("<f4", "f", 4), "f2": ("<f2", "e", 2), "u2": ("<u2", "H", 2),
          "i4": ("<i4", "i", 4), "i1": ("|i1", "b", 1), "u1": ("|u1", "B", 1)}
DESCR_TO_KEY = {v[0]: k for k, v in DTYPES.items()}
DESCR_TO_KEY["<u1"] = "u1"
DESCR_TO_KEY["<i1"] = "i1"


def parse_numbers(text):
    return [float(t) for t in text.replace(",", " ").replace("[", " ").replace("]", " ").split()]


def write_npy(path, key, shape, values):
    descr, fmt, _ = DTYPES[key]
    count = 1
    for d in shape:
        count *= d
    if len(values) != count:
        sys.exit("error: %d values for shape %s" % (len(values), shape))
    conv = float if fmt in "fe" else int
    with open(path, "wb") as f:
        f.write(npy_header(descr, shape))
        f.write(struct.pack("<%d%s" % (count, fmt), *[conv(v) for v in values]))


def npy_header(descr, shape):
    shape_text = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode()


def write_normal(path, key, shape, sigma, seed):
    """Normal values (a pattern of at most 1 Mi values, repeated), written
    in chunks so that 64 Mi-element inputs need no large lists."""
    count = 1
    for d in shape:
        count *= d
    rng = random.Random(seed)
    pattern = [rng.gauss(0, sigma) for _ in range(min(count, 1 << 20))]
    if key == "bf16":
        descr, width = "<u2", 2
        block = struct.pack("<%dH" % len(pattern), *[
            struct.unpack("<I", struct.pack("<f", v))[0] >> 16 for v in pattern])
    else:
        descr, width = "<f4", 4
        block = struct.pack("<%df" % len(pattern), *pattern)
    with open(path, "wb") as f:
        f.write(npy_header(descr, shape))
        for _ in range(count // len(pattern) if pattern else 0):
            f.write(block)
        if pattern:
            f.write(block[:width * (count % len(pattern))])


def read_npy(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        sys.exit("error: %s is not a .npy file" % path)
    major = data[6]
    if major == 1:
        hlen, start = struct.unpack("<H", data[8:10])[0], 10
    else:
        hlen, start = struct.unpack("<I", data[8:12])[0], 12
    header = ast.literal_eval(data[start:start + hlen].decode("latin1"))
    key = DESCR_TO_KEY[header["descr"]]
    _, fmt, width = DTYPES[key]
    shape = tuple(header["shape"])
    count = 1
    for d in shape:
        count *= d
    body = data[start + hlen:]
    values = list(struct.unpack("<%d%s" % (count, fmt), body[:count * width]))
    return key, shape, values


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("out")
    m.add_argument("--dtype", required=True, choices=sorted(DTYPES))
    m.add_argument("--shape", required=True)
    m.add_argument("--values", required=True)
    s = sub.add_parser("show")
    s.add_argument("file")
    c = sub.add_parser("compare")
    c.add_argument("file")
    c.add_argument("--expected", required=True)
    c.add_argument("--atol", type=float, default=0.006)
    c.add_argument("--label", default="")
    n = sub.add_parser("normal")
    n.add_argument("out")
    n.add_argument("--dtype", required=True, choices=["f4", "bf16"])
    n.add_argument("--shape", required=True)
    n.add_argument("--sigma", type=float, default=3.0)
    n.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    if a.cmd == "make":
        shape = [int(x) for x in a.shape.split(",") if x.strip()]
        write_npy(a.out, a.dtype, shape, parse_numbers(a.values))
    elif a.cmd == "normal":
        shape = [int(x) for x in a.shape.split(",") if x.strip()]
        write_normal(a.out, a.dtype, shape, a.sigma, a.seed)
    elif a.cmd == "show":
        key, shape, values = read_npy(a.file)
        print("dtype=%s shape=%s" % (key, list(shape)))
        print(" ".join(repr(v) for v in values))
    else:
        key, shape, values = read_npy(a.file)
        expected = parse_numbers(a.expected)
        if len(expected) != len(values):
            print("error: %d values, %d expected" % (len(values), len(expected)))
            return 1
        worst = max((abs(x - y) for x, y in zip(values, expected)), default=0.0)
        if a.label:
            print("== %s (shape %s): computed | documented" % (a.label, list(shape)))
            row = shape[-1] if shape else 1
            for i in range(0, len(values), row):
                print("  " + " ".join("%7.4f|%-6.2f" % (x, y) for x, y in
                                      zip(values[i:i + row], expected[i:i + row])))
        print("max abs difference %.6f (tolerance %.6f): %s" %
              (worst, a.atol, "OK" if worst <= a.atol else "MISMATCH"))
        return 0 if worst <= a.atol else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
