"""Regenerate every golden file from tests/golden_cases.py (never edit them by hand).

    python tests/golden/regenerate.py            # all cases whose input is here
    python tests/golden/regenerate.py --check    # only report what would change

A change to the layout, the timing or a writer then shows as a diff of these files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent)]  # this tree's package and tests

from golden_cases import GOLDEN, cases, render  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; list changes")
    args = parser.parse_args()
    changed = missing = 0
    for case in cases():
        if not case.source.exists():
            missing += 1
            continue
        data = render(case)
        old = case.golden.read_bytes() if case.golden.exists() else None
        if old == data:
            continue
        changed += 1
        print(f"{'would change' if args.check else 'wrote'}: {case.golden.relative_to(GOLDEN)}")
        if not args.check:
            case.golden.parent.mkdir(parents=True, exist_ok=True)
            case.golden.write_bytes(data)
    print(f"{changed} changed, {missing} skipped (input absent)")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
