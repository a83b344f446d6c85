#!/usr/bin/env python3
"""Command-line behaviour: every bad input gives one clear line on stderr
and the documented exit status; --check's format and statuses; atomic -o.

usage: cli.py LECTERN DEMO_DECK"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import WRAP, check, done  # noqa: E402


def run(args, stdin=None):
    if WRAP and args and "lectern" in os.path.basename(args[0]):
        args = WRAP + list(args)
    r = subprocess.run(args, input=stdin, capture_output=True, timeout=300)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def bad(lectern, path, status, *needles, args=("--export", "json")):
    rc, out, err = run([lectern, *args, path])
    lines = err.strip("\n").split("\n")
    check(rc == status, "%s: exit %d, wanted %d (%s)" % (path, rc, status, err))
    check(len(lines) == 1 and err.endswith("\n"), "%s: one line on stderr: %r" % (path, err))
    check(out == "", "%s: nothing on stdout" % path)
    for n in needles:
        check(n in err, "%s: %r not in %r" % (path, n, err))
    check("\x1b" not in err, "%s: no escape sequence in the message" % path)


def handout(lectern, demo, tmp, make):
    """The text export as a handout: each slide's form-feed line carries
    its number; --columns 1 keeps blocks stacked; contents entries with no
    section carry no remark; a personal config changes no export."""
    rc, out, err = run([lectern, "--export", "text", "--width", "60", demo])
    ff = [l for l in out.split("\n") if l.startswith("\f")]
    check(ff == ["\fslide %d of 24" % n for n in range(2, 25)],
          "form-feed lines with slide numbers: %r" % ff[:3])
    check(not out.startswith("\f"), "no form feed before the first slide")
    check("not in the text" not in out, "no remark on the contents page")
    rc, out, err = run([lectern, "--export", "text", "--width", "3", demo])
    ff = [l for l in out.split("\n") if l.startswith("\f")]
    check(rc == 0 and ff[:2] == ["\f2", "\f3"], "a narrow export: just the number: %r" % ff[:2])
    # side by side at 120 columns, stacked with --columns 1
    def pairs(text):
        return sum(1 for l in text.split("\n") if len(re.findall(r"(?:^|\s)\d+\. ", l)) > 1)
    rc, wide, err = run([lectern, "--export", "text", "--width", "120", demo])
    check(pairs(wide) > 0, "blocks side by side at 120 columns")
    rc, one, err = run([lectern, "--export", "text", "--width", "120", "--columns", "1", demo])
    check(rc == 0 and pairs(one) == 0, "--columns 1: no line holds two points: %d" % pairs(one))
    rc, two, err = run([lectern, "--export", "text", "--width", "120", "--columns", "2", demo])
    check(rc == 0 and 0 < pairs(two), "--columns 2")
    for args, needle in ((["--columns", "0"], "--columns"), (["--columns", "4"], "--columns"),
                         (["--columns", "x"], "--columns")):
        rc, out, err = run([lectern, "--export", "text", *args, demo])
        check(rc == 2 and needle in err, "%s: %d %r" % (args, rc, err))
    rc, out, err = run([lectern, "--columns", "1", demo])
    check(rc == 2 and "only goes with --export" in err, "--columns without --export: %r" % err)
    # a personal config changes no export; one named with --config does
    xdg = os.path.join(tmp, "xdg-export")
    os.makedirs(os.path.join(xdg, "lectern"))
    mine = make(os.path.join("xdg-export", "lectern", "config.ini"),
                b"[layout]\nnumbering = paren\nmargin = 0\n")
    env = dict(os.environ, XDG_CONFIG_HOME=xdg)
    base = run([lectern, "--no-config", "--export", "text", demo])[1]
    r = subprocess.run([*WRAP, lectern, "--export", "text", demo], capture_output=True, env=env)
    check(r.returncode == 0 and r.stdout.decode() == base, "the personal config left the export alone")
    rc, named, err = run([lectern, "--config", mine, "--export", "text", demo])
    check(rc == 0 and "1) " in named and named != base, "--config FILE changes the export")


def check_config(lectern, tmp, make):
    """--check-config: problems on stdout in line order, exit 1; with none,
    the file it read (or that there is none), exit 0."""
    env_home = os.path.join(tmp, "xdg")
    def cc(*args, env=None):
        r = subprocess.run([*WRAP, lectern, "--check-config", *args], capture_output=True,
                           timeout=60, env=dict(os.environ, **(env or {})))
        return r.returncode, r.stdout.decode(), r.stderr.decode()

    rc, out, err = cc(env={"XDG_CONFIG_HOME": env_home})
    want = "no config file at %s/lectern/config.ini\n" % env_home
    check(rc == 0 and out == want, "no config file: %d %r" % (rc, out))
    os.makedirs(os.path.join(env_home, "lectern"))
    good = make(os.path.join("xdg", "lectern", "config.ini"), b"[layout]\nmargin = 3\n")
    rc, out, err = cc(env={"XDG_CONFIG_HOME": env_home})
    check(rc == 0 and out == good + ": ok\n", "the default file read: %d %r" % (rc, out))
    rc, out, err = cc("--config", good)
    check(rc == 0 and out == good + ": ok\n", "--config read: %d %r" % (rc, out))
    rc, out, err = cc("--no-config")
    check(rc == 0 and "--no-config" in out, "--no-config: %d %r" % (rc, out))
    rc, out, err = cc("--config", tmp)
    check(rc == 1 and out == tmp + ": is a directory, not a config file\n",
          "a directory as --config: %d %r" % (rc, out))
    bad = make("bad.ini", b"[keys]\nquit = none\nnext = ,\nsearch =\nhelp = Bogus\n"
               b"[theme\nname = neon\nheader = chartreuse\n[layout]\nmargin = x\n")
    rc, out, err = cc("--config", bad)
    lines = out.splitlines()
    check(rc == 1, "problems: exit %d" % rc)
    where = [int(l.split(":")[1]) for l in lines]
    check(where == [2, 3, 4, 5, 6, 10], "one problem a line, in line order: %r" % lines)
    check(all(l.startswith(bad + ":") for l in lines), "each names the file: %r" % lines)
    for needle in ("no key to quit", "next needs one", "to unbind search", "no ']'"):
        check(any(needle in l for l in lines), "%r said: %r" % (needle, lines))
    # the key names in the message are the manual's
    names = re.search(r'unknown key name "Bogus" \(([^)]*)\)', out)
    check(names and "S-Tab" in names.group(1), "S-Tab among the key names: %r" % out)
    man = open(os.path.join(os.path.dirname(__file__), "..", "..", "man", "lectern.ini.5.in"),
               encoding="utf-8").read()
    keys_par = man[man.index("Key names:"):man.index(".Bl -tag -width match-next")]
    for name in (names.group(1).split(", ")[3:] if names else []):
        check(name in keys_par, "key name %s in lectern.ini(5)" % name)


def checks(lectern, demo, tmp):
    def make(name, data):
        p = os.path.join(tmp, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    bad(lectern, os.path.join(tmp, "missing.txt"), 2, "missing.txt", "cannot open")
    bad(lectern, tmp, 2, "directory")
    bad(lectern, make("empty.txt", b""), 2, "empty")
    bad(lectern, make("bom.txt", b"\xef\xbb\xbf"), 2, "not a")
    bad(lectern, make("latin1.txt", "Deck,Caf\u00e9".encode("latin-1")), 2,
        "latin1.txt:1:9:", "invalid UTF-8", "offset 8", "GB18030", "iconv -f")
    bad(lectern, make("binary.bin", b"\x7fELF\x02\x01\x00\x00abc"), 2, "binary.bin:1:7:",
        "NUL", "offset 6")
    bad(lectern, make("prose.txt", b"Just a paragraph of prose. No boxes here.\n"), 2,
        "not a \u76ee\u5f55\u9875 outline")
    bad(lectern, make("csv.txt", b"a,b,c\n1,2,3\n"), 2, "not a")
    bad(lectern, make("esc.txt", b"\x1b]0;pwned\x07,b,c"), 2, "not a")
    if os.geteuid() != 0:
        p = make("noread.txt", b"x")
        os.chmod(p, 0)
        bad(lectern, p, 2, "cannot open")
    bad(lectern, os.path.join(tmp, "missing.txt"), 2, "cannot open", args=("--check",))

    # usage errors
    for args, needle in ((["--export", "pdf", demo], "unknown export format"),
                         (["--export", "text", "--width", "abc", demo], "--width"),
                         (["--export", "text", "--width", "0", demo], "--width"),
                         (["--width", "60", demo], "only goes with --export"),
                         (["--bogus", demo], "unknown option"),
                         (["--export"], "needs a value"),
                         (["--check", "--export", "json", demo], "do not go together"),
                         (["--export", "text", "-c", demo], "do not go together"),
                         (["--check-config", "--check", demo], "do not go together"),
                         (["--check-config", demo], "reads no deck"),
                         (["--present", "--export", "text", demo], "do not go together"),
                         (["--follow", "--check"], "do not go together"),
                         ([], "no deck")):
        rc, out, err = run([lectern, *args])
        check(rc == 2 and needle in err, "%s: exit %d, %r" % (args, rc, err))

    rc, out, err = run([lectern, "--help"])
    check(rc == 0 and "--export" in out and "man lectern" in out, "--help")
    rc, out, err = run([lectern, "--version"])
    check(rc == 0 and re.match(r"^lectern \d+\.\d+\.\d+\n$", out), "--version: %r" % out)

    # --check: warnings as FILE:LINE:COLUMN: warning: slide N: message,
    # the column in characters, N the slide number the viewer shows
    rc, out, err = run([lectern, "--check", demo])
    lines = out.splitlines()
    check(rc == 1, "--check on the demo deck exits 1, got %d" % rc)
    pat = re.compile(r"^%s:(\d+):(\d+): warning: slide (\d+): .+$" % re.escape(demo))
    check(lines and all(pat.match(l) for l in lines), "--check line format: %r" % lines[:3])
    check(any("\u4e0d\u540c\u8111\u533a\u5728\u6291\u90c1\u4e2d\u7684\u53ef\u5851\u6027\u4f5c\u7528" in l for l in lines),
          "--check names a missing section")
    check(any("cut off" in l for l in lines), "--check reports the cut-off end")
    text = open(demo, encoding="utf-8").read().split("\n")
    where = [tuple(int(x) for x in pat.match(l).groups()) for l in lines if pat.match(l)]
    check(all(1 <= ln <= len(text) and 1 <= col <= len(text[ln - 1]) + 1 for ln, col, _ in where),
          "lines and columns within the file")
    check(where == sorted(where, key=lambda w: w[:2]), "warnings in line order")
    # the first block title warning, found where --check says
    first = [i for i, l in enumerate(lines) if "block title" in l and pat.match(l)
             and i < len(where)][:1]
    m = re.search(r'block title "([^"]+)"', lines[first[0]]) if first else None
    ln, col, n = where[first[0]] if first else (0, 0, 0)
    check(m and text[ln - 1][col - 1:].startswith(m.group(1)),
          "the column points at the title: %r" % (lines[first[0]] if first else None))
    # slide numbers as the viewer counts them: 1 title, 2 contents, 3 the
    # first section's cover, 4 its first slide
    check(n == 4, "the first warning is on slide 4 (section 1, slide 1): %d" % n)
    js = json.loads(run([lectern, "--export", "json", demo])[1])
    check([(w["line"], w["column"], w["slide_number"]) for w in js["warnings"]] == where,
          "the JSON gives the same places")
    # a contents entry with no section: the warning is at its entry in the
    # contents, on the contents slide
    missing = [l for l in lines if "has no section" in l]
    check(missing and all(": warning: slide 2: " in l for l in missing),
          "contents warnings on slide 2: %r" % missing[:1])
    for l in missing:
        ln, col, _ = (int(x) for x in pat.match(l).groups())
        title = re.search(r'"([^"]+)"', l).group(1)
        check(text[ln - 1][col - 1:].startswith(title), "a contents warning points at "
              "its entry: %r" % l)
    clean = make("clean.txt", "Deck,Alpha,\u76ee\u5f55\u9875,Alpha,Deck,Alpha,First,1.One point.\u3002".encode())
    rc, out, err = run([lectern, "--check", clean])
    check(rc == 0 and out == "", "--check on a clean deck: exit %d, %r" % (rc, out))

    # -o writes atomically and never over the deck
    out_path = os.path.join(tmp, "out.json")
    rc, out, err = run([lectern, "--export", "json", "-o", out_path, demo])
    check(rc == 0 and out == "", "-o: exit %d %r" % (rc, err))
    with open(out_path, encoding="utf-8") as f:
        d = json.load(f)
    check(len(d["sections"]) == 6, "-o wrote the export")
    check(not [n for n in os.listdir(tmp) if n.startswith(".lectern-")], "no temporary file left")
    copy = make("deck-copy.txt", open(demo, "rb").read())
    before = open(copy, "rb").read()
    rc, out, err = run([lectern, "--export", "text", "-o", copy, copy])
    check(rc == 2 and "refusing" in err, "-o DECK refused: %d %r" % (rc, err))
    check(open(copy, "rb").read() == before, "the deck is untouched")
    rc, out, err = run([lectern, "--export", "json", "--output=" + out_path, "--width=50", demo])
    check(rc == 0, "long options with =: %d %r" % (rc, err))
    rc, out, err = run([lectern, "--export", "text", "-o", os.path.join(tmp, "no", "such", "dir.txt"), demo])
    check(rc == 3 and len(err.strip().split("\n")) == 1, "-o into a missing directory: %d %r" % (rc, err))

    # presenting needs a terminal: a pipe gets a pointer to --export
    rc, out, err = run([lectern, demo])
    check(rc == 3 and "not a terminal" in err and "--export" in err,
          "viewer without a terminal: %d %r" % (rc, err))

    # the talk's options: bad values and clashes are usage errors, one line
    for args, needle in ((["--duration", "45x"], "'45x' is not a duration"),
                         (["--duration", "0"], "more than 0"),
                         (["--duration", "25h"], "at most 24 hours"),
                         (["--end", "25:00"], "not a time of day"),
                         (["--start", "0"], "--start wants a slide number"),
                         (["--main-end", "x"], "--main-end wants a slide number"),
                         (["--duration", "45m", "--end", "15:30"], "use one"),
                         (["--start", "3", "--resume"], "use one"),
                         (["--export", "text", "--rehearse"], "--rehearse only goes with presenting"),
                         (["--check", "--duration", "5m"], "--duration only goes with presenting"),
                         (["--rehearsals", "--plan", "last"], "--plan only goes with presenting")):
        rc, out, err = run([lectern, *args, demo])
        check(rc == 2 and needle in err and err.count("\n") == 2,
              "%s: exit %d, %r" % (args, rc, err))
    rc, out, err = run([lectern, "--help"])
    for opt in ("--duration", "--end", "--plan", "--main-end", "--rehearse",
                "--rehearsals", "--start", "--resume", "XDG_STATE_HOME"):
        check(opt in out, "--help names %s" % opt)
    # --rehearsals: none yet, in a state directory of its own
    env = dict(os.environ, XDG_STATE_HOME=os.path.join(tmp, "state"))
    r = subprocess.run([lectern, "--rehearsals", demo], capture_output=True, env=env)
    out = r.stdout.decode()
    check(r.returncode == 0 and "none recorded yet" in out, "--rehearsals: %d %r" % (r.returncode, out))

    # - reads the deck from stdin
    rc, out, err = run([lectern, "--export", "json", "-"], stdin=open(demo, "rb").read())
    check(rc == 0 and len(json.loads(out)["sections"]) == 6, "stdin deck: %d %r" % (rc, err))

    check_config(lectern, tmp, make)
    handout(lectern, demo, tmp, make)

    return done()


def main(argv):
    with tempfile.TemporaryDirectory(prefix="lectern-cli-") as tmp:
        return checks(argv[1], argv[2], tmp)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
