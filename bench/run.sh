#!/bin/sh
# The loading and export benchmark: synthetic decks of 100, 10,000 and
# 100,000 slides (Chinese and English), plus the demo deck, and the
# Markdown export of the 10,000-slide decks against their outline import
# (the budget: at most twice its time). Prints a table
# of medians over RUNS runs (default 5), each in a fresh process as lectern
# loads a deck once: a process that loads it again finds its pages already
# faulted in and its tables warm, and would flatter large decks.
# usage: bench/run.sh BUILD_DIR [RUNS]
set -eu
build=${1:-build}
runs=${2:-5}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-28s %10s %8s %9s %9s %9s %10s %8s\n' deck bytes slides load_ms json_ms text_ms peak_KiB "peak/in"
median_of_runs() {
	out=$(for r in $(seq "$runs"); do "$build/bench/bench_load" "$1" 1; done)
	mid=$(( (runs + 1) / 2 ))
	col() { echo "$out" | awk -v c="$1" '{print $c}' | sort -n | sed -n "${2}p"; }
	echo "$(col 1 1) $(col 2 1) $(col 3 "$mid") $(col 4 "$mid") $(col 5 "$mid") $(col 6 "$runs")"
}
row() {
	set -- "$1" $(median_of_runs "$2")
	printf '%-28s %10s %8s %9s %9s %9s %10s %8.1f\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" \
		"$(echo "$7 * 1024 / $2" | bc -l)"
}
row demo "$here/../decks/neuroplasticity-and-depression.txt"
for lang in zh en; do
	for n in 100 10000 100000; do
		python3 "$here/gendeck.py" "$n" --lang "$lang" > "$tmp/$lang-$n.txt"
		row "synthetic $lang $n" "$tmp/$lang-$n.txt"
		[ "$n" = 100000 ] && rm -f "$tmp/$lang-$n.txt"
	done
done
# the same 10,000-slide decks as Markdown (lectern's own export), loaded
# in turns with the outline so that both see the same machine: the
# medians of RUNS loads each, and their ratio
for lang in zh en; do
	"$build/lectern" --export markdown -o "$tmp/$lang-10000.md" \
		"$tmp/$lang-10000.txt" 2>/dev/null
	out=$(for r in $(seq "$runs"); do
		echo "o $("$build/bench/bench_load" "$tmp/$lang-10000.txt" 1)"
		echo "m $("$build/bench/bench_load" "$tmp/$lang-10000.md" 1)"
	done)
	mid=$(( (runs + 1) / 2 ))
	o=$(echo "$out" | awk '$1 == "o" {print $4}' | sort -n | sed -n "${mid}p")
	m=$(echo "$out" | awk '$1 == "m" {print $4}' | sort -n | sed -n "${mid}p")
	mb=$(echo "$out" | awk '$1 == "m" {print $2}' | sed -n 1p)
	mp=$(echo "$out" | awk '$1 == "m" {print $7}' | sort -n | tail -1)
	ratio=$(echo "$m / $o" | bc -l)
	printf '%-28s %10s %8s %9s %9s %9s %10s %8.1f\n' "markdown $lang 10000" \
		"$mb" 10000 "$m" - - "$mp" "$(echo "$mp * 1024 / $mb" | bc -l)"
	printf '  markdown / outline load, %s: %.2f (%s / %s ms, in turns; budget 2.00: %s)\n' \
		"$lang" "$ratio" "$m" "$o" \
		"$(echo "$ratio <= 2" | bc -l | sed 's/1/met/; s/0/OVER/')"
done
