#!/bin/sh
# The screen benchmark: lectern and mdp side by side on the demo deck,
# through a pseudo-terminal read back by libvterm (bench_screen). mdp gets
# the same content as Markdown (to_markdown.py); it is skipped when absent.
# usage: bench/screen.sh BUILD_DIR [RUNS]
set -eu
build=${1:-build}
runs=${2:-15}
here=$(dirname "$0")
deck="$here/../decks/neuroplasticity-and-depression.txt"
title="神经可塑性与抑郁"
md=$(mktemp --suffix=.md)
trap 'rm -f "$md"' EXIT
"$build/lectern" --export json "$deck" | python3 "$here/to_markdown.py" > "$md"
# the median of a list of numbers, one per line
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }

# The command line of program $1 ("lectern" or "mdp"); empty without mdp.
command_of() {
	if [ "$1" = lectern ]; then
		echo "$build/lectern $deck"
	elif command -v mdp >/dev/null; then
		echo "$(command -v mdp) $md"
	fi
}

printf '%-8s %-7s %9s %9s %10s %8s %8s %9s\n' program size first_ms key_ms bytes/vis median max peak_KiB
rounds=5
for size in "60 20" "100 30"; do
	set -- $size
	# first screens: the programs take turns, RUNS launches each a round,
	# and each program's figure is the median of its rounds' medians, so
	# that a busy moment of the machine falls on both
	rm -f "$md.lectern" "$md.mdp"
	for r in $(seq "$rounds"); do
		for prog in lectern mdp; do
			cmd=$(command_of "$prog")
			[ -n "$cmd" ] || continue
			"$build/bench/bench_screen" "$1" "$2" 1 "$runs" "$title" $cmd 2>/dev/null |
				awk '/^first_screen/{print $2}' >> "$md.$prog" || true
		done
	done
	for prog in lectern mdp; do
		cmd=$(command_of "$prog")
		[ -n "$cmd" ] || continue
		first=$(median < "$md.$prog")
		if [ -z "$first" ]; then
			printf '%-8s %-7s  did not show the deck at this size\n' "$prog" "${1}x${2}"
			continue
		fi
		out=$("$build/bench/bench_screen" "$1" "$2" 23 3 "$title" $cmd)
		key=$(echo "$out" | awk '/keypress/{print $2}')
		ratio=$(echo "$out" | awk '/bytes_per_turn_total/{print $6}')
		med=$(echo "$out" | awk '/ratio_median/{print $2}')
		max=$(echo "$out" | awk '/ratio_median/{print $4}')
		peak=$(echo "$out" | awk '/peak_kib/{print $2}')
		printf '%-8s %-7s %9s %9s %10s %8s %8s %9s\n' "$prog" "${1}x${2}" "$first" "$key" "$ratio" "$med" "$max" "$peak"
	done
	rm -f "$md.lectern" "$md.mdp"
done

# The first screen of a 100,000-slide deck: lectern lays out only the
# slide on screen, so it costs the load plus one slide. The load is timed
# in a fresh process each run, as lectern's is: a process that loads the
# deck again reuses pages the first load already faulted in. The two take
# turns, medians of ROUNDS each.
big=$(mktemp)
python3 "$here/gendeck.py" 100000 > "$big"
: > "$big.first"
: > "$big.load"
for r in $(seq "$rounds"); do
	BENCH_WAIT_MS=60000 "$build/bench/bench_screen" 100 30 1 1 "1/" "$build/lectern" "$big" |
		awk '/^first_screen/{print $2}' >> "$big.first"
	"$build/bench/bench_load" "$big" 1 | awk '{print $3}' >> "$big.load"
done
first=$(median < "$big.first")
load=$(median < "$big.load")
rm -f "$big.first" "$big.load"
printf '100,000-slide deck at 100x30: first screen %s ms (its load alone: %s ms)\n' "$first" "$load"
rm -f "$big"
