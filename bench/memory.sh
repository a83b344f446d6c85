#!/bin/sh
# Peak memory against the input: `lectern --check` on each deck in a fresh
# process, its maximum resident size (/usr/bin/time %M, which counts the
# program's own pages and the libraries' it touched, some 2 MB) over the
# deck's bytes, and the CPU time of the whole run (user + system: on a
# shared machine a steadier measure than the wall clock). Medians of RUNS.
# Decks: synthetic ones (bench/gendeck.py, 10,000 and 100,000 slides,
# Chinese and English) in the outline format and as Markdown (lectern's
# own export), and the degenerate shapes of tests/hostile: a million
# one-letter slides, two million one-letter points in one block, half a
# million one-point blocks in one slide.
# Budgets (bench/README.md): 3x on synthetic decks, 10x on degenerate ones.
# usage: bench/memory.sh BUILD_DIR [RUNS]
set -eu
build=${1:-build}
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %10s %10s %8s %8s\n' deck bytes peak_KiB peak/in cpu_ms
row() {
	: > "$tmp/p"; : > "$tmp/c"
	for r in $(seq "$runs"); do
		/usr/bin/time -f '%M %U %S' -o "$tmp/t" "$build/lectern" --check "$2" \
			> /dev/null 2>&1 || true
		tail -1 "$tmp/t" | awk '{print $1}' >> "$tmp/p"
		tail -1 "$tmp/t" | awk '{printf "%.0f\n", ($2 + $3) * 1000}' >> "$tmp/c"
	done
	bytes=$(wc -c < "$2")
	peak=$(median < "$tmp/p")
	printf '%-26s %10s %10s %7.1fx %8s\n' "$1" "$bytes" "$peak" \
		"$(echo "$peak * 1024 / $bytes" | bc -l)" "$(median < "$tmp/c")"
}
for lang in zh en; do
	for n in 10000 100000; do
		python3 "$here/gendeck.py" "$n" --lang "$lang" > "$tmp/d.txt"
		row "synthetic $lang $n" "$tmp/d.txt"
		"$build/lectern" --export markdown -o "$tmp/d.md" "$tmp/d.txt" 2>/dev/null
		row "markdown $lang $n" "$tmp/d.md"
		rm -f "$tmp/d.txt" "$tmp/d.md"
	done
done
python3 -c "
import sys
sys.path.insert(0, '$here/../tests/hostile')
import make_hostile as m
t = '$tmp'
d = m.make_deck('Tiny', [('S', [[('B', ['x'])] for _ in range(1000000)])])
open(t + '/slides.txt', 'w').write(m.flatten(d))
d = m.make_deck('Tiny', [('S', [[('B', ['x'] * 2000000)]])])
open(t + '/points.txt', 'w').write(m.flatten(d))
d = m.make_deck('Tiny', [('S', [[('B%d' % i, ['x']) for i in range(500000)]])])
open(t + '/blocks.txt', 'w').write(m.flatten(d))
"
row "1,000,000 one-letter slides" "$tmp/slides.txt"
row "2,000,000 one-letter points" "$tmp/points.txt"
row "500,000 one-point blocks" "$tmp/blocks.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
