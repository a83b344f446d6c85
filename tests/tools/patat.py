#!/usr/bin/env python3
"""The Markdown export opens in patat (a Pandoc-based presenter) as a
sensible deck: one patat slide per section cover and per content slide,
in order, every header, block title and point shown, no speaker note and
no Markdown syntax left showing. Uses `patat --dump`.

usage: patat.py LECTERN DECK...
Exits 77 (skipped) when patat is not installed."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Pandoc's "smart" typography, undone for the comparison
SMART = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "--", "\u2014": "---", "\u2026": "..."})


def norm(s):
    return re.sub(r"\s+", "", s.translate(SMART))


def texts_of(d):
    for s in d["sections"]:
        yield s["title"]
        for sl in s["slides"]:
            yield sl["header"]
            for b in sl["blocks"]:
                yield b["title"]
                yield from b["points"]


def main(argv):
    patat = shutil.which("patat")
    if not patat:
        print("patat is not installed: skipped")
        return 77
    lectern, decks = argv[1], argv[2:]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for deck in decks:
            problems = []
            md = os.path.join(tmp, os.path.basename(deck) + ".md")
            subprocess.run([lectern, "--export", "markdown", "-o", md, deck],
                           check=True, stderr=subprocess.DEVNULL)
            d = json.loads(subprocess.run([lectern, "--export", "json", deck],
                                          check=True, capture_output=True).stdout)
            env = dict(os.environ, TERM="xterm", LANG="C.UTF-8")
            r = subprocess.run([patat, "--dump", "--force", md], env=env,
                               capture_output=True, timeout=120)
            if r.returncode != 0:
                problems.append("patat exit %d: %s" % (r.returncode,
                                                       r.stderr.decode(errors="replace")[:300]))
            out = ANSI.sub("", r.stdout.decode("utf-8", "replace"))
            slides = out.split("\n----------\n")
            want = sum((0 if s.get("cover") is False else 1) + len(s["slides"])
                       for s in d["sections"])
            if len(slides) != want:
                problems.append("%d slides in patat, the deck has %d covers and "
                                "content slides" % (len(slides), want))
            flat = norm(out)
            # everything the audience should see, in order
            at = 0
            for s in d["sections"]:
                texts = [s["title"]]
                for sl in s["slides"]:
                    texts.append(sl["header"])
                    for b in sl["blocks"]:
                        texts.append(b["title"])
                        texts += b["points"]
                for t in texts:
                    k = flat.find(norm(t), at)
                    if k < 0:
                        problems.append("not shown (in order): %r" % t[:80])
                        break
                    at = k
            # and nothing the audience should not
            for s in d["sections"]:
                for sl in s["slides"]:
                    for n in sl.get("notes", []):
                        if norm(n["text"]) in flat:
                            problems.append("a speaker note shows: %r" % n["text"][:60])
            shown = "\n".join(texts_of(d))
            for syntax in ("speaker_note", "title_placement", "<!--", "\\"):
                if syntax in out and syntax not in shown:
                    problems.append("Markdown syntax shows: %r" % syntax)
            print("%s %s (%d slides)" % ("FAIL" if problems else "ok  ", deck, len(slides)))
            for p in problems[:10]:
                print("    " + p)
            failed += bool(problems)
    print("%d decks, %d failed" % (len(decks), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
