#!/bin/sh
# The presenter with 0, 1, 10 and 50 followers, each in its own pty read
# back through libvterm (bench_present): per page turn, the presenter's own
# key-to-screen time and the time to the last byte of the last follower,
# median and 99th percentile over TURNS turns (default 60).
# usage: bench/present.sh BUILD_DIR [TURNS]
set -eu
build=${1:-build}
turns=${2:-60}
here=$(dirname "$0")
deck="$here/../decks/neuroplasticity-and-depression.txt"
printf '%9s %6s %14s %14s %16s %16s\n' followers turns presenter_med presenter_p99 last_follower_med last_follower_p99
for n in 0 1 10 50; do
	printf '%9s %6s %14s %14s %16s %16s\n' $("$build/bench/bench_present" "$build/lectern" "$deck" "$n" "$turns")
done
