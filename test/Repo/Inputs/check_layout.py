"""Repository layout rules that no compiler checks.

- Every pass that a Passes.td file declares (include/ and test/lib/) is named
  on a RUN line of some lit test under test/ (tests mirror lib).
- No source file under lib/ is longer than MAX_LIB_LINES lines.
- Every repository path that README.md or docs/*.md names in its prose
  (outside fenced code blocks, which show install trees and output) exists;
  `test/Tools/hostile-*.test` counts when the glob matches.

Usage: check_layout.py ROOT. Prints one line per violation; exit 1 if any.
"""

import pathlib
import re
import sys

MAX_LIB_LINES = 900
PASS_DECL = re.compile(r'Pass<"([a-z0-9-]+)"')
REPO_PATH = re.compile(
    r"(?<![\w/.-])((?:lib|include|test|tools|unittests|benchmarks|examples"
    r"|scripts|docs|cmake)/[\w./+-]*[\w+-])(\*?)")


def declared_passes(root):
    passes = set()
    for base in ("include", "test/lib"):
        for td in (root / base).rglob("*.td"):
            passes.update(PASS_DECL.findall(td.read_text()))
    return passes


def run_lines(root):
    lines = []
    for path in (root / "test").rglob("*"):
        if not path.is_file() or "lib" in path.relative_to(root / "test").parts:
            continue
        if path.suffix not in (".mlir", ".test", ".c"):
            continue
        lines += [l for l in path.read_text(errors="replace").splitlines()
                  if "RUN:" in l]
    return "\n".join(lines)


def stale_doc_paths(root):
    docs = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
    for doc in docs:
        if not doc.is_file():
            continue
        fenced = False
        for number, line in enumerate(doc.read_text().splitlines(), 1):
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            if fenced:
                continue
            for path, star in REPO_PATH.findall(line):
                found = (any(root.glob(path + "*")) if star
                         else (root / path).exists())
                if not found:
                    yield f"{doc.relative_to(root)}:{number}: {path}{star} does not exist"


def main():
    root = pathlib.Path(sys.argv[1])
    problems = []
    runs = run_lines(root)
    passes = declared_passes(root)
    if not passes:
        problems.append("no pass declarations found under include/ or test/lib")
    for name in sorted(passes):
        # The whole name: "--name" and "name{" count, "x-name", "name-y" not.
        whole = r"(?<![a-z0-9])(?<![a-z0-9]-)" + re.escape(name) + r"(?![a-z0-9-])"
        if not re.search(whole, runs):
            problems.append(f"pass '{name}' is named on no RUN line under test/")
    for path in sorted((root / "lib").rglob("*")):
        if path.suffix in (".cpp", ".h", ".c", ".td"):
            count = len(path.read_text(errors="replace").splitlines())
            if count > MAX_LIB_LINES:
                problems.append(f"{path.relative_to(root)} has {count} lines "
                                f"(at most {MAX_LIB_LINES})")
    problems += stale_doc_paths(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
