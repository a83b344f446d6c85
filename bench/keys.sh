#!/bin/sh
# What a key costs on the largest slides: a slide of 15,000 points at
# 20x6, a 10 MB point at 80x24, and the demo deck's first content slide for
# comparison. The app alone (bench_keys), medians over its keys; the first
# frame is the one-time layout of the slide at that size.
# usage: bench/keys.sh BUILD_DIR
set -eu
build=${1:-build}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
def deck(points):
    return ("Big Slides,Only Section,Contents Page,目录页,Only Section,Big Slides,"
            "Only Section,Many Points,1." + "".join(
                f"{p}{i + 2}." for i, p in enumerate(points[:-1])) + points[-1])
open(f"{d}/15000.txt", "w").write(deck([f"point number {i} of many, with a few words"
                                        for i in range(15000)]))
word = "lorem ipsum dolor sit amet consectetur "
open(f"{d}/10mb.txt", "w").write(deck([(word * (10_000_000 // len(word)))[:10_000_000],
                                       "end"]))
PY
printf '%-28s %8s %9s %12s %11s\n' slide screens first_ms key_median_ms key_max_ms
row() { printf '%-28s %8s %9s %12s %11s\n' "$1" $("$build/bench/bench_keys" "$2" "$3" "$4" "$5" "${6:-200}"); }
row "demo slide 4, 80x24" "$here/../decks/neuroplasticity-and-depression.txt" 4 80 24
row "15,000 points, 20x6" "$tmp/15000.txt" 4 20 6
row "15,000 points, 80x24" "$tmp/15000.txt" 4 80 24
row "10 MB point, 80x24" "$tmp/10mb.txt" 4 80 24 100
