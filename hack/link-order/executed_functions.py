#!/usr/bin/env python3
"""Prints, sorted, the functions of the profiled executable that callgrind recorded as executed.

Usage: executed_functions.py DEFINED CALLGRIND_OUT...
DEFINED lists the executable's text symbols (one per line); callgrind outputs must be written with
--compress-strings=no --demangle=no, so every function and object is named in full on its line.
"""
import re
import sys

# Callgrind marks recursion levels and cycles with a suffix: name'2, name'3.
LEVEL = re.compile(r"'\d+$")


def executed(path, defined):
    names = set()
    with open(path, errors="replace") as lines:
        for line in lines:
            for prefix in ("fn=", "cfn="):
                if line.startswith(prefix):
                    name = LEVEL.sub("", line[len(prefix):].strip())
                    if name in defined:
                        names.add(name)
    return names


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        defined = {line.strip() for line in f if line.strip()}
    names = set()
    for path in sys.argv[2:]:
        names |= executed(path, defined)
    for name in sorted(names):
        print(name)


if __name__ == "__main__":
    main()
