#!/usr/bin/env python3
"""Writes a deck's JSON export as Markdown slides for mdp (separated by
"---"), so that lectern and mdp can be measured on the same content.

usage: lectern --export json DECK | to_markdown.py > deck.md"""
import json
import sys

d = json.load(sys.stdin)
# mdp refuses a slide taller than the terminal: the contents of a large
# deck go on as many slides as it takes, 20 entries each
out = ["# " + d["title"]]
toc = d["toc"] or [None]
for k in range(0, len(toc), 20):
    out += ["---", "# Contents", ""]
    out += ["%d. %s" % (k + i + 1, t) for i, t in enumerate(toc[k:k + 20])
            if t is not None]
for s in d["sections"]:
    out += ["---", "# " + s["title"]]
    for sl in s["slides"]:
        out += ["---", "# " + sl["header"], ""]
        for b in sl["blocks"]:
            out += ["## " + b["title"], ""]
            out += ["%d. %s" % (i + 1, p) for i, p in enumerate(b["points"])]
            out += [""]
# a rule right under a line of text would underline it (a heading):
# blank lines around every slide break
lines = []
for line in out:
    lines += ["", "---", ""] if line == "---" else [line]
sys.stdout.write("\n".join(lines) + "\n")
