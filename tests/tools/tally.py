"""What the command-line test scripts share: a tally of checks that goes
on past a failure, and the wrapper meson test --setup valgrind runs
lectern inside (LECTERN_WRAP)."""
import os
import shlex

WRAP = shlex.split(os.environ.get("LECTERN_WRAP", ""))

passed = failed = 0


def check(cond, what):
    """Counts a check; a failed one is printed, and the script goes on."""
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def done():
    """Prints "N passed, N failed"; the exit status: 1 on any failure."""
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0
