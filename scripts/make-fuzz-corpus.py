#!/usr/bin/env python3
"""Builds a fuzz seed corpus from the lit tests.

Every .mlir file under the given test directories is split at its
`// -----` markers (the -split-input-file convention), and each piece
that holds MLIR becomes one seed file in OUT_DIR, named after its source.
Usage: make-fuzz-corpus.py OUT_DIR TEST_DIR [TEST_DIR ...]
"""
import hashlib
import os
import re
import sys


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out_dir, test_dirs = argv[1], argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    for test_dir in test_dirs:
        if not os.path.isdir(test_dir):
            sys.stderr.write(f"make-fuzz-corpus.py: error: '{test_dir}' is "
                             "not a directory\n")
            return 1
        for root, _, files in os.walk(test_dir):
            for name in sorted(files):
                if not name.endswith(".mlir"):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for piece in re.split(r"^// -----.*$", text, flags=re.M):
                    if "func.func" not in piece and "module" not in piece:
                        continue
                    digest = hashlib.sha1(piece.encode()).hexdigest()[:12]
                    stem = os.path.relpath(path, test_dir).replace(os.sep, "_")
                    with open(os.path.join(out_dir, f"{stem}-{digest}"),
                              "w", encoding="utf-8") as f:
                        f.write(piece)
                    count += 1
    print(f"{count} seeds in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
