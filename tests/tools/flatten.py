#!/usr/bin/env python3
"""Flatten a structured deck (the JSON export's shape) into the 目录页 outline
format described in FORMAT.md, the way slide extractors do, so that test decks
can be written as structure and checked against their own source.

usage: flatten.py SRC.json OUT.txt GOLDEN.json [options]

The golden written is the source as the flattened text still holds it: a
truncated deck loses the tail of its last point and every later block.

Options (each reproduces one rule or defect of FORMAT.md):
  --seed N             randomness for the choices below (default 1)
  --newlines P         after a sentence-final 。 or ., put a newline with
                       probability P (rule 1)
  --misplace S.L       the first block of section S, slide L has its title
                       after the slide's points (defect 1)
  --truncate N         cut the text N characters into the last point kept
  --keep-blocks K      keep only the first K blocks of the deck (the cut)
  --bom, --crlf        a UTF-8 BOM; CRLF line ends
  --fullwidth-comma    boxes joined by ， instead of ,
  --marker SEP         point marker after the number: "." (default) or "、"
  --contents A,B       the two contents labels (default Contents Page,目录页)
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("golden")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--newlines", type=float, default=0.0)
    ap.add_argument("--misplace", action="append", default=[])
    ap.add_argument("--truncate", type=int, default=0)
    ap.add_argument("--keep-blocks", type=int, default=0)
    ap.add_argument("--bom", action="store_true")
    ap.add_argument("--crlf", action="store_true")
    ap.add_argument("--fullwidth-comma", action="store_true")
    ap.add_argument("--marker", default=".")
    ap.add_argument("--contents", default="Contents Page,目录页")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    deck = json.load(open(a.src, encoding="utf-8"))
    sep = "，" if a.fullwidth_comma else ","
    misplaced = {tuple(int(x) for x in m.split(".")) for m in a.misplace}

    # Cut the deck: keep the first K blocks, the last point cut short.
    golden = json.loads(json.dumps(deck))
    if a.keep_blocks:
        left = a.keep_blocks
        secs = []
        for s in golden["sections"]:
            if left <= 0:
                break
            slides = []
            for sl in s["slides"]:
                if left <= 0:
                    break
                blocks = sl["blocks"][:left]
                left -= len(blocks)
                slides.append(dict(sl, blocks=blocks))
            secs.append(dict(s, slides=slides))
        golden["sections"] = secs
        if a.truncate:
            last = golden["sections"][-1]["slides"][-1]["blocks"][-1]
            last["points"][-1] = last["points"][-1][:a.truncate]
        golden["truncated"] = True
        present = {s["title"] for s in golden["sections"]}
        golden["missing_sections"] = [t for t in golden["toc"] if t not in present]
    elif len(golden["toc"]) > len(golden["sections"]):
        present = {s["title"] for s in golden["sections"]}
        golden["missing_sections"] = [t for t in golden["toc"] if t not in present]

    def text(s):
        # rule 1: newlines only right after a sentence end
        out = []
        for i, c in enumerate(s):
            out.append(c)
            if c in "。." and a.newlines and rnd.random() < a.newlines:
                if i + 1 == len(s) or not s[i + 1].isdigit():
                    out.append("\n")
        return "".join(out)

    parts = [deck["title"], sep, " ".join(deck["toc"]), sep]
    for label in a.contents.split(","):
        parts += [label, sep]
    for si, s in enumerate(golden["sections"], 1):
        parts += [s["title"], sep, deck["title"], sep]
        for li, sl in enumerate(s["slides"], 1):
            parts += [sl["header"], sep]
            dangling = None
            for bi, b in enumerate(sl["blocks"], 1):
                if bi == 1 and ((si, li) in misplaced or
                                b.get("title_placement") == "after_points_of_slide"):
                    dangling = b["title"]
                    b["title_placement"] = "after_points_of_slide"
                else:
                    parts += [b["title"], sep]
                for pi, p in enumerate(b["points"], 1):
                    parts += ["%d%s" % (pi, a.marker), text(p)]
            if dangling:
                parts += [dangling, sep]
    flat = "".join(parts)
    if a.crlf:
        flat = flat.replace("\n", "\r\n")
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        if a.bom:
            f.write("\ufeff")
        f.write(flat)
    with open(a.golden, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
