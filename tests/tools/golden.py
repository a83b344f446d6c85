#!/usr/bin/env python3
"""Golden-file test: runs lectern and compares its standard output with a
checked-in file, byte for byte, and checks every line's display width when
the output is text laid out at --width.

usage: golden.py LECTERN EXPECTED ARGS...
With LECTERN_UPDATE_GOLDEN=1 in the environment, rewrites EXPECTED."""
import difflib
import os
import subprocess
import shlex
import sys
import unicodedata


def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c) or c in "\u200b\u200c\u200d\ufeff\f":
            continue
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return w


def main(argv):
    lectern, expected, args = argv[1], argv[2], argv[3:]
    wrap = shlex.split(os.environ.get("LECTERN_WRAP", ""))
    r = subprocess.run(wrap + [lectern] + args, capture_output=True, timeout=300)
    if r.returncode != 0:
        print("lectern exited %d: %s" % (r.returncode, r.stderr.decode()))
        print("0 passed, 1 failed")
        return 1
    out = r.stdout
    failed = 0
    if "--width" in args:
        n = int(args[args.index("--width") + 1])
        for i, line in enumerate(out.decode("utf-8").split("\n"), 1):
            if width(line) > n:
                print("line %d is %d columns wide, over %d: %r" % (i, width(line), n, line))
                failed += 1
    if os.environ.get("LECTERN_UPDATE_GOLDEN"):
        with open(expected, "wb") as f:
            f.write(out)
    with open(expected, "rb") as f:
        want = f.read()
    if want != out:
        failed += 1
        diff = difflib.unified_diff(want.decode().splitlines(), out.decode().splitlines(),
                                    expected, "lectern " + " ".join(args), lineterm="")
        for line in list(diff)[:60]:
            print(line)
    print("%d passed, %d failed" % (2 - failed if failed < 2 else 0, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
