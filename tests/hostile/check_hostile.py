#!/usr/bin/env python3
"""Runs lectern on every deck of the hostile corpus (make_hostile.py) under
a timeout and asserts the outcome. Either a clear one-line error on stderr
with exit status 2, nothing on stdout and the right FILE:LINE:COLUMN: and
byte offset where they are known; or a correct render: --export json and --export text
--width 60 (and 20 and 1 for the small decks) succeed and write valid UTF-8
with no terminal control in it (no ESC, no C1, no C0 but \\n and \\f in
the text; no control at all in the JSON's strings), no text line is wider
than its width, and the structure is the one the deck was made from
wherever that is knowable; --check exits 0 or 1 and prints no control.
Some shapes have no one right reading: for those either outcome will do.
Never a signal, never a timeout. Prints each case's times and peak memory,
then "N passed, N failed", and exits 1 on any failure.

usage: check_hostile.py LECTERN OUTDIR [--only NAME,...] [--skip-large] [--keep]
OUTDIR receives the decks; the large ones are made one at a time and
deleted once checked (kept with --keep)."""
import argparse
import ctypes
import ctypes.util
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_hostile  # noqa: E402

passed = failed = 0
case_failures = []


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("  FAIL:", what)
    return cond


# ---- display width, as a terminal counts it ----------------------------------

class Widths(dict):
    """Columns of one character, as the C library's wcwidth gives them in a
    UTF-8 locale (what terminals follow), falling back to the Unicode
    database where the C library is not at hand."""
    def __init__(self):
        super().__init__()
        self.wcwidth = None
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c"))
            libc.setlocale.restype = ctypes.c_char_p
            libc.setlocale.argtypes = [ctypes.c_int, ctypes.c_char_p]
            if libc.setlocale(0, b"C.UTF-8"):  # LC_CTYPE
                libc.wcwidth.argtypes = [ctypes.c_wchar]
                libc.wcwidth.restype = ctypes.c_int
                self.wcwidth = libc.wcwidth
        except (OSError, AttributeError):
            pass

    def __missing__(self, c):
        if self.wcwidth:
            w = self.wcwidth(c)
        elif unicodedata.combining(c) or unicodedata.category(c) == "Cf":
            w = 0
        else:
            w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        w = max(w, 0)  # controls are caught on their own
        self[c] = w
        return w


WIDTH = Widths()


def width(line):
    if line.isascii():
        return len(line)
    return sum(map(WIDTH.__getitem__, line))


# ---- running lectern -------------------------------------------------------------

class Run:
    def __init__(self, rc, out, err, seconds, maxrss_kib, timed_out):
        self.rc, self.out, self.err = rc, out, err
        self.seconds, self.maxrss, self.timed_out = seconds, maxrss_kib, timed_out

    def describe(self):
        if self.timed_out:
            return "timed out"
        if self.rc < 0:
            return "killed by signal %d (%s)" % (-self.rc, signal.Signals(-self.rc).name)
        return "exit %d" % self.rc


# GNU time measures the peak resident size of lectern alone: wait4's figure
# for a child of this script counts the Python image it was forked from.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


# meson test --setup valgrind: lectern runs inside the wrapper (slower, so
# the time limits stretch and the large decks are left out)
WRAP = shlex.split(os.environ.get("LECTERN_WRAP", ""))


def run(args, outfile, timeout, stdin_file=None, stream=0):
    """Runs args with stdout into outfile; returns a Run with its exit
    status (negative: the signal that killed it) and peak resident size."""
    if WRAP:
        args = WRAP + list(args)
        timeout *= 30
    errfile = outfile + ".err"
    memfile = outfile + ".mem"
    if GNU_TIME:
        args = [GNU_TIME, "-f", "%M", "-o", memfile] + args
    with open(outfile, "wb") as out, open(errfile, "wb") as err:
        fin = open(stdin_file, "rb") if stdin_file else None
        t0 = time.monotonic()
        p = subprocess.Popen(args, stdin=fin if fin else (subprocess.PIPE if stream else
                                                          subprocess.DEVNULL),
                             stdout=out, stderr=err, start_new_session=True)
        feeder = None
        if stream:
            def feed():
                chunk = b"lorem ipsum, " * 5000
                left = stream
                try:
                    while left > 0:
                        n = min(left, len(chunk))
                        p.stdin.write(chunk[:n])
                        left -= n
                    p.stdin.close()
                except (BrokenPipeError, ValueError, OSError):
                    pass
            feeder = threading.Thread(target=feed, daemon=True)
            feeder.start()
        timed_out = False
        delay = 0.001
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                timed_out = True
                os.killpg(p.pid, signal.SIGKILL)
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        seconds = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if fin:
            fin.close()
        if feeder:
            try:
                p.stdin.close()
            except (BrokenPipeError, OSError):
                pass
            feeder.join(5)
    with open(errfile, "rb") as f:
        errb = f.read()
    os.unlink(errfile)
    rc, maxrss = p.returncode, ru.ru_maxrss
    if GNU_TIME:
        maxrss = 0
        try:
            with open(memfile, encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = re.match(r"Command terminated by signal (\d+)", line)
                    if m:
                        rc = -int(m.group(1))
                    elif line.strip().isdigit():
                        maxrss = int(line)
            os.unlink(memfile)
        except OSError:
            pass
    return Run(rc, outfile, errb, seconds, maxrss, timed_out)


def survived(r, what):
    return check(not r.timed_out and r.rc >= 0,
                 "%s: %s after %.1f s" % (what, r.describe(), r.seconds))


# ---- what the output may hold ------------------------------------------------

TEXT_FORBIDDEN = re.compile("[\x00-\x09\x0b\x0d-\x1f\x7f-\x9f]")
ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# a Markdown deck's points and notes may hold line breaks (code, notes)
CONTROL_BUT_LF = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def first_bad(rx, s):
    m = rx.search(s)
    if not m:
        return None
    a = max(0, m.start() - 30)
    return "U+%04X at %d: %r" % (ord(m.group(0)), m.start(), s[a:m.start() + 30])


def decode(b, what):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError as e:
        check(False, "%s: not UTF-8 at byte %d: %r" % (what, e.start, b[max(0, e.start - 20):e.start + 20]))
        return None


def strings(j):
    if isinstance(j, str):
        yield j
    elif isinstance(j, list):
        for x in j:
            yield from strings(x)
    elif isinstance(j, dict):
        for k, v in j.items():
            yield k
            yield from strings(v)


def diff(want, got, path="deck"):
    """The first place where got differs from want, or None."""
    if type(want) is not type(got):
        return "%s: %r, wanted %r" % (path, short(got), short(want))
    if isinstance(want, dict):
        for k in want:
            if k not in got:
                return "%s.%s missing" % (path, k)
            d = diff(want[k], got[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(want, list):
        for i, (a, b) in enumerate(zip(want, got)):
            d = diff(a, b, "%s[%d]" % (path, i))
            if d:
                return d
        if len(want) != len(got):
            return "%s: %d items, wanted %d" % (path, len(got), len(want))
        return None
    if want != got:
        return "%s: %r, wanted %r" % (path, short(got), short(want))
    return None


def short(x):
    if isinstance(x, str) and len(x) > 120:
        return "%s…(%d chars)…%s" % (x[:50], len(x), x[-50:])
    if isinstance(x, (list, dict)):
        return "<%s of %d>" % (type(x).__name__, len(x))
    return x


def structure(j):
    return {"title": j.get("title"), "toc": j.get("toc"), "sections": j.get("sections")}


def count(j):
    sl = [x for s in j["sections"] for x in s["slides"]]
    bl = [b for x in sl for b in x["blocks"]]
    return {"sections": len(j["sections"]), "slides": len(sl), "blocks": len(bl),
            "points": sum(len(b["points"]) for b in bl)}


# ---- the outcomes ------------------------------------------------------------

def arg(a):
    """An argument as this log shows it: quoted when it holds controls, so
    that a hostile file name cannot act on the terminal reading the log."""
    return a if a.isprintable() else repr(a)


def check_error(lectern, c, tmp):
    name = c["name"]
    runs = []
    modes = []
    if c["path"]:
        modes += [(["--export", "json", c["path"]], None, 0, c["path"]),
                  (["--export", "text", "--width", "60", c["path"]], None, 0, c["path"]),
                  (["--check", c["path"]], None, 0, c["path"])]
    if c["stdin"] == "file":
        modes.append((["--export", "json", "-"], c["path"], 0, "(stdin)"))
    elif c["stdin"] and c["stdin"].startswith("stream:"):
        modes.append((["--export", "json", "-"], None, int(c["stdin"][7:]), "(stdin)"))
    for args, stdin_file, stream, shown in modes:
        what = "%s: lectern %s" % (name, " ".join(arg(a) for a in args))
        r = run([lectern] + args, os.path.join(tmp, name + ".out"), c["timeout"],
                stdin_file, stream)
        runs.append(r)
        if not survived(r, what):
            os.unlink(r.out)
            if r.timed_out:
                print("  (the other runs of this case skipped)")
                break
            continue
        out_size = os.path.getsize(r.out)
        os.unlink(r.out)
        err = decode(r.err, what + ": stderr")
        check(r.rc == 2, "%s: exit %d, wanted 2 (stderr %r)" % (what, r.rc, r.err[:300]))
        check(out_size == 0, "%s: %d bytes on stdout, wanted none" % (what, out_size))
        if err is None:
            continue
        check(err.endswith("\n") and err.count("\n") == 1,
              "%s: not one line on stderr: %r" % (what, err[:300]))
        bad = first_bad(ANY_CONTROL, err[:-1] if err.endswith("\n") else err)
        check(bad is None, "%s: control character in the message: %s" % (what, bad))
        check(err.startswith("lectern: "), "%s: message %r" % (what, err))
        for n in c["needles"]:
            check(n in err, "%s: %r not in the message %r" % (what, n, err))
        if c.get("location"):
            want = "%s:%s: " % (shown, c["location"])
            check(want in err, "%s: wanted %r in the message %r" % (what, want, err))
        if c["offset"] is not None:
            want = "offset %d" % c["offset"]
            check(want in err, "%s: wanted %r in the message %r" % (what, want, err))
    return runs


def check_text(r, what, w):
    """The text export in r: inert UTF-8, no line wider than w. Returns
    its text, or None when it is not UTF-8."""
    with open(r.out, "rb") as f:
        b = f.read()
    os.unlink(r.out)
    s = decode(b, what)
    if s is None:
        return None
    bad = first_bad(TEXT_FORBIDDEN, s)
    check(bad is None, "%s: control character in the text export: %s" % (what, bad))
    over = 0
    for i, line in enumerate(s.split("\n"), 1):
        if len(line) <= w // 2:
            continue  # no character is wider than 2 columns
        lw = width(line.replace("\f", ""))
        if lw > w:
            over += 1
            if over <= 3:
                print("  line %d is %d columns wide: %r" % (i, lw, short(line)))
    check(over == 0, "%s: %d lines wider than %d columns" % (what, over, w))
    return s


def check_render(lectern, c, tmp, lf_results):
    name, path, t = c["name"], c["path"], c["timeout"]
    runs = []
    what = "%s: lectern --export json %s" % (name, arg(os.path.basename(path)))
    r = run([lectern, "--export", "json", path], os.path.join(tmp, name + ".json"), t)
    runs.append(r)
    j = None
    if survived(r, what):
        check(r.rc == 0, "%s: exit %d, wanted 0 (stderr %r)" % (what, r.rc, r.err[:300]))
        check(r.err == b"", "%s: stderr %r" % (what, r.err[:300]))
        with open(r.out, "rb") as f:
            b = f.read()
        os.unlink(r.out)
        s = decode(b, what)
        if s is not None and r.rc == 0:
            try:
                j = json.loads(s)
            except ValueError as e:
                check(False, "%s: not JSON: %s" % (what, e))
    else:
        os.unlink(r.out)
        if r.timed_out:
            print("  (the other runs of this case skipped)")
            return runs
    if j is not None:
        bad = None
        rx = CONTROL_BUT_LF if c.get("lines_ok") else ANY_CONTROL
        for x in strings(j):
            bad = first_bad(rx, x)
            if bad:
                break
        check(bad is None, "%s: control character in a JSON string: %s" % (what, bad))
        if "structure" in c:
            d = diff(c["structure"], structure(j))
            check(d is None, "%s: structure differs: %s" % (what, d))
        if "counts" in c:
            got = count(j)
            check(got == c["counts"], "%s: counts %s, wanted %s" % (what, got, c["counts"]))
        if "section_titles" in c:
            d = diff(c["section_titles"], [s["title"] for s in j["sections"]],
                     "section titles")
            check(d is None, "%s: %s" % (what, d))
        if c.get("same_as"):
            base = lf_results.get(c["same_as"])
            if check(base is not None, "%s: no result for %s" % (what, c["same_as"])):
                d = diff(structure(base), structure(j))
                check(d is None, "%s: not the structure of %s: %s" % (what, c["same_as"], d))
                wm = [(w["section"], w["slide"], w["message"]) for w in base["warnings"]]
                gm = [(w["section"], w["slide"], w["message"]) for w in j["warnings"]]
                check(wm == gm, "%s: warnings differ from %s: %s / %s" % (
                    what, c["same_as"], gm, wm))
        if c.get("warns"):
            messages = "\n".join(w["message"] for w in j["warnings"])
            for n in c["warns"]:
                check(n in messages, "%s: no warning holds %r" % (what, n))
        if c.get("json_has"):
            alls = "\n".join(strings(j))
            for n in c["json_has"]:
                check(n in alls, "%s: %r not in the JSON" % (what, n))
        if not c.get("large"):
            lf_results[name] = j
    j = None

    for w in (60,) if c.get("large") else (60, 20, 1):
        what = "%s: lectern --export text --width %d %s" % (name, w, arg(os.path.basename(path)))
        r = run([lectern, "--export", "text", "--width", str(w), path],
                os.path.join(tmp, name + ".txt"), t)
        runs.append(r)
        if not survived(r, what):
            os.unlink(r.out)
            if r.timed_out:
                print("  (the other runs of this case skipped)")
                return runs
            continue
        check(r.rc == 0, "%s: exit %d, wanted 0 (stderr %r)" % (what, r.rc, r.err[:300]))
        if w == 1:
            # a wide character cannot fit one column: it gets a line of its
            # own (text.h); only check that the output is inert UTF-8
            with open(r.out, "rb") as f:
                s = decode(f.read(), what)
            os.unlink(r.out)
            if s is not None:
                bad = first_bad(TEXT_FORBIDDEN, s)
                check(bad is None, "%s: control character: %s" % (what, bad))
            continue
        s = check_text(r, what, w)
        if s is not None and w == 60:
            for n in c.get("text_has", []):
                check(n in s, "%s: %r not in the text export" % (what, n))
        s = None

    what = "%s: lectern --check %s" % (name, arg(os.path.basename(path)))
    r = run([lectern, "--check", path], os.path.join(tmp, name + ".check"), t)
    runs.append(r)
    if survived(r, what):
        check(r.rc in (0, 1), "%s: exit %d, wanted 0 or 1 (stderr %r)" % (what, r.rc, r.err[:300]))
        with open(r.out, "rb") as f:
            s = decode(f.read(), what)
        if s is not None:
            bad = first_bad(TEXT_FORBIDDEN, s)
            check(bad is None, "%s: control character in --check: %s" % (what, bad))
    os.unlink(r.out)
    return runs


def check_either(lectern, c, tmp, lf_results):
    """A shape with no one right reading: a render or a clear error, as
    long as it comes quickly; whichever it is, checked as such."""
    what = "%s: lectern --export json %s" % (c["name"], arg(os.path.basename(c["path"])))
    r = run([lectern, "--export", "json", c["path"]],
            os.path.join(tmp, c["name"] + ".json"), c["timeout"])
    os.unlink(r.out)
    if not survived(r, what):
        return [r]
    if r.rc == 2:
        print("  refused: %r" % r.err.decode("utf-8", "replace").strip())
        return [r] + check_error(lectern, c, tmp)
    return [r] + check_render(lectern, c, tmp, lf_results)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("lectern")
    ap.add_argument("outdir")
    ap.add_argument("--only", default="", help="comma-separated case names")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the large decks")
    a = ap.parse_args(argv[1:])
    lectern = os.path.abspath(a.lectern)
    only = set(a.only.split(",")) if a.only else None
    t0 = time.monotonic()
    cases = make_hostile.generate(a.outdir, only, a.skip_large or bool(WRAP),
                                  lazy=True)
    print("%d cases (the small ones made in %.1f s)" % (len(cases), time.monotonic() - t0))
    tmp = os.path.join(a.outdir, "out")
    os.makedirs(tmp, exist_ok=True)
    lf_results = {}
    for c in cases:
        before = failed
        if "lazy" in c:
            t1 = time.monotonic()
            c = make_hostile.materialise(c, a.outdir)
            print("(%s made in %.1f s)" % (c["name"], time.monotonic() - t1))
        print("%s (%s)" % (c["name"], c["expect"]), flush=True)
        if c["expect"] == "error":
            runs = check_error(lectern, c, tmp)
        elif c["expect"] == "either":
            runs = check_either(lectern, c, tmp, lf_results)
        else:
            runs = check_render(lectern, c, tmp, lf_results)
        times = " ".join("%.2f" % r.seconds for r in runs)
        peak = max((r.maxrss for r in runs), default=0)
        print("  %s: %s s, peak %d KiB" % ("ok" if failed == before else "FAILED", times, peak),
              flush=True)
        if failed != before:
            case_failures.append(c["name"])
        if c.get("large") and not a.keep and c["path"]:
            os.unlink(c["path"])
    os.rmdir(tmp) if not os.listdir(tmp) else None
    print("total %.1f s" % (time.monotonic() - t0))
    if case_failures:
        print("failed cases:", ", ".join(case_failures))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
