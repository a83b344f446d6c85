#!/usr/bin/env python3
"""Decks in the encodings people have (source.c): UTF-16 and UTF-32 with a
BOM, GB18030 without one (with a warning naming it), --encoding, a file
that no encoding fits (the error names what was tried and the iconv
command), and a file cut inside its last character (a truncated deck, not
a broken one). The decks are the demo deck and a fixture, converted here
with Python's codecs; each must give the structure of the UTF-8 deck.

usage: encodings.py LECTERN DEMO_DECK CUT_DECK"""
import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import WRAP, check, done  # noqa: E402


def run(args):
    r = subprocess.run(WRAP + list(args), capture_output=True, timeout=120)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def structure(js):
    """The deck without its warnings."""
    d = json.loads(js)
    for k in ("warnings", "warnings_not_listed"):
        d.pop(k, None)
    return d


def located(js):
    """What --check says of each warning, wherever the bytes are."""
    return [(w.get("line"), w.get("column"), w.get("slide_number"), w["message"])
            for w in json.loads(js)["warnings"]]


def main(argv):
    lectern, demo, whole = argv[1], argv[2], argv[3]
    tmp = tempfile.mkdtemp(prefix="lectern-enc-")

    def make(name, data):
        p = os.path.join(tmp, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    text = open(demo, encoding="utf-8").read()
    rc, ref, err = run([lectern, "--export", "json", demo])
    check(rc == 0, "the UTF-8 deck: %d %r" % (rc, err))
    rc, ref_text, err = run([lectern, "--export", "text", "--width", "60", demo])

    # with a BOM: decoded, no warning of its own, the same deck
    for name, data in (("utf8-bom", b"\xef\xbb\xbf" + text.encode("utf-8")),
                       ("utf16le", b"\xff\xfe" + text.encode("utf-16-le")),
                       ("utf16be", b"\xfe\xff" + text.encode("utf-16-be")),
                       ("utf32le", b"\xff\xfe\x00\x00" + text.encode("utf-32-le")),
                       ("utf32be", b"\x00\x00\xfe\xff" + text.encode("utf-32-be"))):
        p = make(name + ".txt", data)
        rc, out, err = run([lectern, "--export", "json", p])
        check(rc == 0 and err == "", "%s: exit %d %r" % (name, rc, err))
        if rc != 0:
            continue
        check(structure(out) == structure(ref), "%s: the structure of the UTF-8 deck" % name)
        check(located(out) == located(ref), "%s: the same warnings at the same lines, "
              "columns and slides" % name)
        size = len(data)
        check(all(w["offset"] <= size for w in json.loads(out)["warnings"]),
              "%s: offsets within the file" % name)
        rc, out, err = run([lectern, "--export", "text", "--width", "60", p])
        check(out == ref_text, "%s: the same text export" % name)
    # offsets are the file's: in UTF-16 each character of the demo is 2 bytes
    p = os.path.join(tmp, "utf16le.txt")
    rc, out, err = run([lectern, "--export", "json", p])
    if rc == 0:
        lines = text.split("\n")
        for w in json.loads(out)["warnings"]:
            chars = sum(len(l) + 1 for l in lines[:w["line"] - 1]) + w["column"] - 1
            check(w["offset"] == 2 + 2 * chars, "UTF-16 offset %d is character %d"
                  % (w["offset"], chars))
            break

    # GB18030 (which is also GBK and GB2312 for these characters): read,
    # with a warning that names it; forced, no warning
    gb = make("gbk.txt", text.encode("gb18030"))
    rc, out, err = run([lectern, "--export", "json", gb])
    check(rc == 0, "GB18030: exit %d %r" % (rc, err))
    if rc == 0:
        check(structure(out) == structure(ref), "GB18030: the structure of the UTF-8 deck")
        warnings = located(out)
        check(warnings[0][:3] == (1, 1, 1) and "GB18030" in warnings[0][3],
              "GB18030: a warning naming the encoding, at 1:1 on slide 1: %r" % (warnings[:1],))
        check(warnings[1:] == located(ref), "GB18030: the other warnings as in UTF-8")
    rc, out, err = run([lectern, "--check", gb])
    check(rc == 1 and out.startswith(gb + ":1:1: warning: slide 1: ") and "GB18030" in out.split("\n")[0],
          "GB18030 --check: %d %r" % (rc, out[:200]))
    rc, out, err = run([lectern, "--export", "json", "--encoding", "GB18030", gb])
    check(rc == 0 and located(out) == located(ref), "--encoding GB18030: no warning of its own")
    rc, out, err = run([lectern, "--export", "json", "--encoding", "gbk", gb])
    check(rc == 0 and structure(out) == structure(ref), "--encoding gbk")
    # UTF-16 without a BOM only when named
    bare = make("bare16.txt", text.encode("utf-16-le"))
    rc, out, err = run([lectern, "--export", "json", bare])
    check(rc == 2 and "--encoding" in err, "BOM-less UTF-16 unnamed: %d %r" % (rc, err))
    rc, out, err = run([lectern, "--export", "json", "--encoding", "UTF-16LE", bare])
    check(rc == 0 and structure(out) == structure(ref), "--encoding UTF-16LE: %d %r" % (rc, err))
    rc, out, err = run([lectern, "--export", "json", "--encoding", "utf-16",
                        os.path.join(tmp, "utf16le.txt")])
    check(rc == 0 and located(out) == located(ref), "--encoding UTF-16 with a LE BOM: %d %r" % (rc, err))
    rc, out, err = run([lectern, "--export", "json", "--encoding", "no-such-thing", gb])
    check(rc == 2 and "unknown encoding" in err and err.count("\n") == 1,
          "an unknown --encoding: %d %r" % (rc, err))
    rc, out, err = run([lectern, "--export", "json", "--encoding", "UTF-8", gb])
    check(rc == 2 and "invalid UTF-8" in err and ":1:1:" in err,
          "--encoding UTF-8 on GB18030: %d %r" % (rc, err))
    rc, out, err = run([lectern, "--export", "json", "--encoding", "", gb])
    check(rc == 2 and "--encoding" in err, "--encoding '': %d %r" % (rc, err))

    # nothing fits: the error names what was tried and the iconv command
    rng = random.Random(9)
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))
    sjis = "\u30c7\u30c3\u30ad,\uff71\uff72\uff73,\u76ee\u6b21,".encode("shift_jis")
    for name, data in (("random.bin", noise), ("shift-jis.txt", sjis),
                       ("it's latin1.txt", "Deck,Caf\u00e9 cr\u00e8me,Caf\u00e9".encode("latin-1"))):
        p = make(name, data)
        rc, out, err = run([lectern, "--check", p])
        check(rc == 2 and err.count("\n") == 1 and out == "", "%s: exit %d, one line: %r" % (name, rc, err))
        for needle in ("UTF-8", "UTF-16", "GB18030", "iconv -f", "--encoding"):
            check(needle in err, "%s: %r in %r" % (name, needle, err))
        # the iconv command converts the file, once ENCODING is named
        cmd = err[err.find("iconv -f"):].strip()
        check("iconv -f" in err and shlex.split(cmd)[-3] == p,
              "%s: the command names the file: %r" % (name, cmd))
    check(":1:9: invalid UTF-8 (byte 0xE9 at offset 8)" in run([lectern, "--check", os.path.join(tmp, "it's latin1.txt")])[2],
          "the first byte that is not UTF-8, as line:column and offset")

    # cut inside the last character (head -c): a truncated deck
    data = open(whole, "rb").read()
    rc, out, err = run([lectern, "--export", "json", whole])
    check(rc == 0 and json.loads(out)["truncated"] is False, "the whole deck is not truncated")
    want = structure(out)
    for cut in (1, 2):
        p = make("cut%d.txt" % cut, data[:-cut])
        rc, out, err = run([lectern, "--export", "json", p])
        check(rc == 0, "cut %d bytes into the last character: loads: %d %r" % (cut, rc, err))
        if rc != 0:
            continue
        d = json.loads(out)
        check(d["truncated"] is True, "cut %d: truncated" % cut)
        check(any("inside a character" in w["message"] for w in d["warnings"]),
              "cut %d: a warning says so" % cut)
        last = d["sections"][-1]["slides"][-1]["blocks"][-1]["points"][-1]
        wlast = want["sections"][-1]["slides"][-1]["blocks"][-1]["points"][-1]
        check(last == wlast[:-1], "cut %d: the last point lost its last character: %r" % (cut, last[-8:]))
        rc, out, err = run([lectern, "--check", p])
        check(rc == 1 and "inside a character" in out, "cut %d: --check: %d" % (cut, rc))
    gbdata = text.encode("gb18030")
    k = 5000
    while True:  # a length that ends inside a character
        try:
            gbdata[:k].decode("gb18030")
            k += 1
        except UnicodeDecodeError:
            break
    p = make("gbcut.txt", gbdata[:k])
    rc, out, err = run([lectern, "--export", "json", p])
    check(rc == 0 and json.loads(out)["truncated"] and
          any("inside a character" in w["message"] for w in json.loads(out)["warnings"]),
          "GB18030 cut inside a character: %d %r" % (rc, err))

    shutil.rmtree(tmp, ignore_errors=True)
    return done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
