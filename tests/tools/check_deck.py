#!/usr/bin/env python3
"""Checks lectern's loader against decks whose structure is known.

usage: check_deck.py LECTERN [--min RATIO] DECK GOLDEN [DECK GOLDEN ...]

For each deck, runs `LECTERN --export json DECK` and compares its block
titles and points (in reading order, white space ignored) with GOLDEN, a
deck of the same JSON shape. Without --min every title and point must be
exact; with --min, the share of exact titles and of exact points over all
the decks together must each reach RATIO. Prints "N passed, N failed"."""
import difflib
import json
import os
import re
import subprocess
import shlex
import sys

WS = re.compile(r"\s+")
# meson test --setup valgrind runs lectern inside the wrapper
WRAP = shlex.split(os.environ.get("LECTERN_WRAP", ""))


def items(deck):
    titles, points = [], []
    for s in deck.get("sections", []):
        for sl in s.get("slides", []):
            for b in sl.get("blocks", []):
                titles.append(WS.sub("", b.get("title", "")))
                points.extend(WS.sub("", p) for p in b.get("points", []))
    return titles, points


def matched(gold, got):
    sm = difflib.SequenceMatcher(None, gold, got, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks())


def main(argv):
    lectern, args = argv[1], argv[2:]
    ratio = None
    if args[:1] == ["--min"]:
        ratio, args = float(args[1]), args[2:]
    passed = failed = 0
    tot = {"titles": [0, 0], "points": [0, 0]}
    for deck, golden in zip(args[::2], args[1::2]):
        r = subprocess.run(WRAP + [lectern, "--export", "json", deck],
                           capture_output=True, timeout=300)
        if r.returncode != 0:
            print("FAIL %s: exit %d: %s" % (deck, r.returncode, r.stderr.decode()))
            failed += 1
            continue
        got = items(json.loads(r.stdout.decode("utf-8")))
        with open(golden, encoding="utf-8") as f:
            want = items(json.load(f))
        for kind, g, o in (("titles", want[0], got[0]), ("points", want[1], got[1])):
            m = matched(g, o)
            tot[kind][0] += m
            tot[kind][1] += len(g)
            exact = m == len(g) and len(o) == len(g)
            print("%s %s: %d/%d exact%s" % (deck, kind, m, len(g),
                                          "" if len(o) == len(g) else
                                          " (%d exported)" % len(o)))
            if ratio is None:
                if exact:
                    passed += 1
                else:
                    failed += 1
                    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
                            None, g, o, autojunk=False).get_opcodes():
                        if tag != "equal":
                            print("  want %r\n  got  %r" % (g[i1:i2], o[j1:j2]))
    if ratio is not None:
        for kind, (m, n) in tot.items():
            share = m / n if n else 1.0
            ok = share >= ratio
            print("%s: %d/%d = %.1f%% exact (at least %.1f%% wanted)"
                  % (kind, m, n, 100 * share, 100 * ratio))
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
