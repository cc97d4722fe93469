#!/usr/bin/env python3
"""Deterministic test inputs for the GPU tests (.npy, no numpy needed).

  gen_input.py OUT.npy --dtype f32|f16|bf16|u8|i8|i32 --shape 64,128 [--seed N]
               [--kind data|finite|sparse|positive|codes-f4|codes-f8|codes-f6|e8m0]

data:      values whose magnitude changes from block to block (1e-6 .. 1e5),
           with zeros, subnormals, exact ties, an all-zero run and a NaN and
           an Inf run, so every branch of the conversions is exercised.
positive:  finite values in (0.001, 10) (scales).
codes-*:   raw codes of a narrow format stored one per byte (|u1), valid
           for that format (f4: 0..15, f6: 0..63, f8: 0..255, e8m0: 0..255).
u8 / i8:   integers over the whole range (data) for linear ops.
"""
import argparse
import math
import struct
import sys

DESCR = {"f32": ("<f4", "f", 4), "f16": ("<f2", "e", 2), "bf16": ("<u2", "H", 2),
         "u8": ("|u1", "B", 1), "i8": ("|i1", "b", 1), "i32": ("<i4", "i", 4)}


class Rng:
    def __init__(self, seed):
        self.state = (seed * 2654435761 + 12345) & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return self.state >> 33

    def uniform(self):
        return self.next() / float(1 << 31)


def f32_bits(value):
    return struct.unpack("<I", struct.pack("<f", value))[0]


def bf16_bits(value):
    """Round to nearest even, NaN to the canonical 0x7FC0."""
    if math.isnan(value):
        return 0x7FC0
    bits = f32_bits(value)
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) & 0xFFFF


def data_values(count, rng, dtype):
    values = []
    block = 16
    tiny = {"f32": 1e-40, "f16": 3e-6, "bf16": 1e-39}.get(dtype, 0.0)
    for i in range(count):
        b = i // block
        kind = b % 11
        if kind == 3:
            values.append(0.0 if i % 2 else -0.0)
            continue
        if kind == 7 and i % block == 5:
            values.append(float("nan"))
            continue
        if kind == 9 and i % block == 2:
            values.append(float("inf") if b % 2 else float("-inf"))
            continue
        scale = 10.0 ** (-6 + (b * 7) % 12)
        if dtype == "f16":
            scale = min(scale, 1e3)
        v = (rng.uniform() * 2 - 1) * scale
        r = rng.next() % 23
        if r == 0:
            v = tiny * (1 + rng.next() % 5)
        elif r == 1:
            v = 0.0
        elif r == 2:
            v = (rng.next() % 13 - 6) * 0.5 * scale  # exact halves: ties
        values.append(v)
    return values


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--dtype", required=True, choices=sorted(DESCR))
    p.add_argument("--shape", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--kind", default="data",
                   choices=["data", "finite", "sparse", "positive", "codes-f4", "codes-f6", "codes-f8", "e8m0"])
    a = p.parse_args()
    shape = [int(d) for d in a.shape.split(",") if d != ""]
    count = 1
    for d in shape:
        count *= d
    rng = Rng(a.seed)
    descr, fmt, _ = DESCR[a.dtype]
    if a.kind == "data" and a.dtype == "i32":
        raw = [int(rng.next() % 41) - 20 for _ in range(count)]
    elif a.kind == "data" and a.dtype in ("u8", "i8"):
        lo = 0 if a.dtype == "u8" else -128
        raw = [lo + rng.next() % 256 for _ in range(count)]
    elif a.kind == "data":
        raw = data_values(count, rng, a.dtype)
    elif a.kind in ("finite", "sparse"):
        # No NaN / Inf in every 16-element group (blocks of any size see
        # finite data); "sparse" then puts one NaN at 1/3 of the elements,
        # one -Inf at 2/3 and zeros in the last 1/16, so big blocks include
        # NaN, Inf, all-zero and finite blocks.
        raw = [v if math.isfinite(v) else 1.5 for v in data_values(count, rng, a.dtype)]
        if a.kind == "sparse" and count >= 16:
            raw[count // 3] = float("nan")
            raw[2 * count // 3] = float("-inf")
            for i in range(count - count // 16, count):
                raw[i] = -0.0 if i % 3 == 0 else 0.0
    elif a.kind == "positive":
        raw = [0.001 + rng.uniform() * 10 for _ in range(count)]
    else:
        limit = {"codes-f4": 16, "codes-f6": 64, "codes-f8": 256, "e8m0": 256}[a.kind]
        raw = [rng.next() % limit for _ in range(count)]
        if a.kind == "e8m0":  # keep scaled values finite: codes 100..150, one NaN
            raw = [100 + c % 51 for c in raw]
            if count > 3:
                raw[3] = 0xFF
    if a.dtype == "bf16" and a.kind in ("data", "finite", "sparse", "positive"):
        raw = [bf16_bits(v) for v in raw]
    elif a.dtype == "f16":
        raw = [max(min(v, 65504.0), -65504.0) if not math.isnan(v) and not math.isinf(v) else v for v in raw]
    shape_text = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    with open(a.out, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(struct.pack("<%d%s" % (count, fmt), *raw))


if __name__ == "__main__":
    sys.exit(main())
