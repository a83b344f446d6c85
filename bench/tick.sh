#!/bin/sh
# The cost of an idle presenter with time on screen (bench_tick): bytes
# per tick of the talk timer through a pseudo-terminal, with curses'
# diff and with the direct writer ambiguous_width = 2 uses; nothing at
# all with no time field; CPU over an idle minute with the timer shown.
# usage: bench/tick.sh BUILD_DIR [SECONDS]
set -eu
build=${1:-build}
seconds=${2:-60}
here=$(dirname "$0")
deck="$here/../decks/neuroplasticity-and-depression.txt"
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
export XDG_STATE_HOME="$state"  # never the user's resume state
wide="$state/wide.ini"
printf '[layout]\nambiguous_width = 2\n' > "$wide"
run() { "$build/bench/bench_tick" 100 30 "$@"; }
echo "timer shown, countdown and pace (--duration 45m), curses:"
run 20 " " "$build/lectern" --no-config --duration 45m "$deck"
echo "the same with ambiguous_width = 2 (the direct writer):"
run 20 " " "$build/lectern" --config "$wide" --duration 45m "$deck"
echo "the last minutes (--duration 1m: the countdown and pace in timer_warning):"
run 20 " " "$build/lectern" --no-config --duration 1m "$deck"
echo "over time (--duration 0:02: past zero, in timer_over), direct writer:"
run 20 " " "$build/lectern" --config "$wide" --duration 0:02 "$deck"
echo "a rehearsal without a duration ({timer} shows the time so far):"
run 20 " " "$build/lectern" --no-config --rehearse "$deck"
echo "no time field shown (the default, no duration):"
run 20 " " "$build/lectern" --no-config "$deck"
echo "idle CPU over ${seconds} s with the timer shown:"
run "$seconds" " " "$build/lectern" --no-config --duration 45m "$deck"
