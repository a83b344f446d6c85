#!/usr/bin/env python3
"""Writes a deck's JSON export as Markdown slides for mdp (separated by
"---"), so that lectern and mdp can be measured on the same content.

usage: lectern --export json DECK | to_markdown.py > deck.md"""
import json
import sys

d = json.load(sys.stdin)
out = ["# " + d["title"], "---", "# Contents", ""]
out += ["%d. %s" % (i + 1, t) for i, t in enumerate(d["toc"])]
for s in d["sections"]:
    out += ["---", "# " + s["title"]]
    for sl in s["slides"]:
        out += ["---", "# " + sl["header"], ""]
        for b in sl["blocks"]:
            out += ["## " + b["title"], ""]
            out += ["%d. %s" % (i + 1, p) for i, p in enumerate(b["points"])]
            out += [""]
sys.stdout.write("\n".join(out) + "\n")
