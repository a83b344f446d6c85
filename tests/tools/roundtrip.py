#!/usr/bin/env python3
"""The Markdown round trip, deck by deck: export a deck to Markdown, load
that, and the JSON export (structure and text: the warnings and their
offsets aside) must equal the original's; exporting the Markdown to
Markdown again must give the same bytes. With --canonical, a Markdown
deck must also be its own export (it is written as lectern writes).

usage: roundtrip.py LECTERN [--canonical] DECK... [--optional DIR...]
Directories after --optional are searched for decks (*.txt) when
they exist and skipped otherwise (the shared practice decks are not in
the repository). Exits 0 when every deck round-trips, 77 when there was
no deck at all, 1 otherwise."""
import glob
import json
import os
import subprocess
import sys
import tempfile


def run(lectern, args):
    p = subprocess.run([lectern] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def structure(raw):
    j = json.loads(raw)
    j.pop("warnings", None)
    j.pop("warnings_not_listed", None)
    return j


def first_difference(a, b, path="deck"):
    if type(a) is not type(b):
        return "%s: %r / %r" % (path, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s.%s: only on one side" % (path, k)
            d = first_difference(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(a) != len(b):
            return "%s: %d items / %d" % (path, len(a), len(b))
        return None
    return None if a == b else "%s: %r / %r" % (path, a, b)


def check(lectern, deck, canonical, tmp):
    """Problems with one deck, as a list of lines."""
    problems = []
    rc, j1, err = run(lectern, ["--export", "json", deck])
    if rc != 0:
        return ["json export of the deck: exit %d: %s" % (rc, err.decode(errors="replace"))]
    md = os.path.join(tmp, os.path.basename(deck) + ".md")
    rc, _, err = run(lectern, ["--export", "markdown", "-o", md, deck])
    if rc != 0:
        return ["markdown export: exit %d: %s" % (rc, err.decode(errors="replace"))]
    # the guesses are told at lines of the Markdown written
    for line in err.decode().splitlines():
        parts = line.split(":")
        if not (len(parts) >= 4 and parts[0] == md and parts[1].isdigit()
                and parts[2].isdigit()):
            problems.append("stderr line not FILE:LINE:COL: %r" % line)
    rc, j2, err = run(lectern, ["--export", "json", md])
    if rc != 0:
        return ["json export of the Markdown: exit %d: %s" % (rc, err.decode(errors="replace"))]
    d = first_difference(structure(j1), structure(j2))
    if d:
        problems.append("the Markdown loads differently: " + d)
    rc, m2, err = run(lectern, ["--export", "markdown", md])
    with open(md, "rb") as f:
        m1 = f.read()
    if rc != 0 or m1 != m2:
        problems.append("Markdown to Markdown changes the bytes (%d and %d bytes)"
                        % (len(m1), len(m2)))
    if canonical:
        with open(deck, "rb") as f:
            if f.read() != m1:
                problems.append("not written as lectern writes it (--canonical)")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    lectern = argv[1]
    decks, canonical = [], set()
    optional = False
    mark = False
    for a in argv[2:]:
        if a == "--optional":
            optional = True
        elif a == "--canonical":
            mark = True
        elif optional:
            if os.path.isdir(a):
                decks += sorted(glob.glob(os.path.join(a, "*.txt")))
            else:
                print("skipped (not here): %s" % a)
        else:
            decks.append(a)
            if mark:
                canonical.add(a)
                mark = False
    if not decks:
        return 77
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for deck in decks:
            problems = check(lectern, deck, deck in canonical, tmp)
            print("%s %s" % ("FAIL" if problems else "ok  ", deck))
            for p in problems:
                print("    " + p)
            failed += bool(problems)
    print("%d decks, %d round-trip exactly" % (len(decks), len(decks) - failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
