#!/bin/sh
# The first screen of large decks, lectern against mdp: synthetic decks of
# 2,000, 10,000 and 100,000 slides (bench/gendeck.py, Chinese), and for mdp
# the same content as Markdown (to_markdown.py). Each program starts in a
# 100x30 pseudo-terminal read back through libvterm (bench_screen) until
# the deck's title is on screen; the two take turns, ROUNDS rounds of RUNS
# launches each, and each figure is the median of its rounds' medians, so
# that a busy moment of the machine falls on both. Then, for lectern, how
# long its whole import of each deck takes in CPU time (a fresh process,
# --check, median of ROUNDS): the title page comes before the import ends.
# Peak memory side by side: lectern's whole import (--check, its maximum
# resident size) against mdp's, which has read the whole deck by its first
# screen (bench_screen's peak_kib, the largest of its launches).
# mdp is skipped when absent; it reads the whole file before it draws,
# and is left out at 100,000 slides when MDP_MAX (default 10000) says so.
# usage: bench/first.sh BUILD_DIR [RUNS] [ROUNDS]
set -eu
build=${1:-build}
runs=${2:-5}
rounds=${3:-5}
mdp_max=${MDP_MAX:-10000}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]; else print "-"}'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %9s %9s %11s %9s %15s %12s %12s\n' slides bytes md_bytes lectern_ms mdp_ms lectern_cpu_ms \
	lectern_KiB mdp_KiB
for n in 2000 10000 100000; do
	deck="$tmp/zh-$n.txt"
	python3 "$here/gendeck.py" "$n" > "$deck"
	title=$(head -c 4096 "$deck" | cut -d, -f1)
	md="$tmp/zh-$n.md"
	"$build/lectern" --export json "$deck" | python3 "$here/to_markdown.py" > "$md"
	: > "$tmp/l"; : > "$tmp/m"; : > "$tmp/c"; : > "$tmp/lp"; : > "$tmp/mp"
	for r in $(seq "$rounds"); do
		BENCH_WAIT_MS=120000 "$build/bench/bench_screen" 100 30 1 "$runs" \
			"$title" "$build/lectern" "$deck" 2>/dev/null |
			awk '/^first_screen/{print $2}' >> "$tmp/l" || true
		if command -v mdp >/dev/null && [ "$n" -le "$mdp_max" ]; then
			BENCH_WAIT_MS=120000 "$build/bench/bench_screen" 100 30 1 "$runs" \
				"$title" "$(command -v mdp)" "$md" 2>/dev/null > "$tmp/o" || true
			awk '/^first_screen/{print $2}' "$tmp/o" >> "$tmp/m"
			awk '/^peak_kib/{print $2}' "$tmp/o" >> "$tmp/mp"
		fi
		/usr/bin/time -f '%U %S %M' -o "$tmp/t" "$build/lectern" --check "$deck" \
			> /dev/null 2>&1 || true
		tail -1 "$tmp/t" | awk '{printf "%.0f\n", ($1 + $2) * 1000}' >> "$tmp/c"
		tail -1 "$tmp/t" | awk '{print $3}' >> "$tmp/lp"
	done
	printf '%-8s %9s %9s %11s %9s %15s %12s %12s\n' "$n" "$(wc -c < "$deck")" \
		"$(wc -c < "$md")" "$(median < "$tmp/l")" "$(median < "$tmp/m")" \
		"$(median < "$tmp/c")" "$(median < "$tmp/lp")" \
		"$(sort -n "$tmp/mp" | awk '{m = $1} END {print NR ? m : "-"}')"
	rm -f "$deck" "$md"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
