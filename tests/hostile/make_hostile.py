#!/usr/bin/env python3
"""Writes lectern's corpus of hostile decks into a directory, with what each
must give: a clear one-line error (exit status 2, the byte offset where one
is known) or a correct render, with the structure where it is knowable.

usage: make_hostile.py OUTDIR [--only NAME,...] [--skip-large]

Nothing here is committed but this script: the large decks (50 MB, a 10 MB
point, 100,000 sections, past the 128 MiB limit, quadratic traps) are
written at test time. Every deck comes from a seeded generator, so the
corpus is the same on every run. OUTDIR/manifest.json lists the cases
(without their expected structures); check_hostile.py imports this module
instead, and makes the large decks one at a time (generate(lazy=True),
then materialise()).

A case is a dict:
  name      the case's name
  path      the deck file (None for stdin-only cases)
  stdin     "file": also feed the deck on standard input; "stream:N": feed
            N bytes of text on standard input and nothing else
  expect    "error", "render", or "either" (a render or a clear error:
            for shapes with no one right reading)
  needles   strings the error line must hold (error cases)
  offset    the byte offset the error names ("at offset N"), or None
  location  "LINE:COLUMN" the error must give, as FILE:LINE:COLUMN: (or None)
  warns     strings that some warning of a render must hold
  structure the deck's expected JSON (title, toc, sections), exact
  counts    {"sections": n, "slides": n, "blocks": n, "points": n}
  same_as   another case whose JSON structure this one must equal
  text_has  strings the text export must hold; json_has: the JSON strings
  timeout   seconds per run
  large     True for the cases that take seconds and hundreds of MB
"""
import argparse
import json
import os
import random
import re
import sys

BOM = "\ufeff"
MiB = 1024 * 1024

# ---- the outline format (FORMAT.md) ---------------------------------------


def flatten(deck, newline_every=0, eol="\n"):
    """The 目录页 outline of a deck given as structure: the head, then each
    section's cover and slides, boxes glued by commas and nothing after a
    block's last point. With newline_every=k, a line break after every k-th
    sentence-final '。' or '.' that ends a point (rule 1)."""
    out = [deck["title"], ",", " ".join(deck["toc"]), ","]
    out += [deck.get("labels", "Contents Page,目录页"), ","]
    count = 0
    for sec in deck["sections"]:
        out += [sec["title"], ",", deck["title"], ","]
        for sl in sec["slides"]:
            out += [sl["header"], ","]
            for bl in sl["blocks"]:
                out += [bl["title"], ","]
                for i, p in enumerate(bl["points"]):
                    out += ["%d.%s" % (i + 1, p)]
                    if newline_every and p[-1:] in ("。", "."):
                        count += 1
                        if count % newline_every == 0:
                            out.append(eol)
    text = "".join(out)
    return text[:-len(eol)] if newline_every and text.endswith(eol) else text


def make_deck(title, sections, toc=None, labels=None):
    """sections: [(title, [[(block title, [points])...] per slide])]"""
    d = {"title": title, "toc": toc if toc is not None else [s for s, _ in sections],
         "sections": []}
    if labels is not None:
        d["labels"] = labels
    for st, slides in sections:
        d["sections"].append({"title": st, "slides": [
            {"header": st, "blocks": [{"title": bt, "points": list(pts)}
                                      for bt, pts in blocks]}
            for blocks in slides]})
    return d


NONCHARACTERS = "".join(chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF)
                        for p in range(17))
NOT_INERT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef%s]"
                       % NONCHARACTERS)


def inert_char(m):
    c = m.group(0)
    cp = ord(c)
    if c in "\t\u2028\u2029":
        return " "
    if cp < 0x20:
        return "^" + chr(cp + 0x40)
    if cp == 0x7F:
        return "^?"
    return "\ufffd"  # C1 controls and noncharacters


def inert(s):
    """What lectern's model keeps of text (text.h, text_inert): C0 controls
    and DEL in caret notation, C1 controls and noncharacters as U+FFFD, tabs
    and Unicode line separators as a space."""
    return NOT_INERT.sub(inert_char, s)


def expected(deck):
    """The JSON export's title, toc and sections for a deck whose structure
    is unambiguous, with the text as the model keeps it."""
    return {
        "title": inert(deck["title"]),
        "toc": [inert(t) for t in deck["toc"]],
        "sections": [{"title": inert(s["title"]), "slides": [
            {"header": inert(sl["header"]), "blocks": [
                {"title": inert(b["title"]), "points": [inert(p) for p in b["points"]]}
                for b in sl["blocks"]]}
            for sl in s["slides"]]}
            for s in deck["sections"]],
    }


def counts(deck):
    sl = [x for s in deck["sections"] for x in s["slides"]]
    bl = [b for x in sl for b in x["blocks"]]
    return {"sections": len(deck["sections"]), "slides": len(sl),
            "blocks": len(bl), "points": sum(len(b["points"]) for b in bl)}


# A small, unambiguous deck: one block per slide, so every block title
# follows its slide's header and every seam is a known header or cover.
def plain_deck():
    return make_deck("Harbour Engineering", [
        ("Tides and Currents", [
            [("Measuring Tides", ["Gauges record the water level every minute.",
                                  "Records go back more than a century.",
                                  "The range varies with the moon."])],
            [("Currents", ["Currents scour the seabed near piers.",
                           "Engineers model them before building."])]]),
        ("Breakwaters", [
            [("Rubble Mounds", ["Rock armour absorbs the energy of waves.",
                                "Concrete units lock together under load.",
                                "Repairs follow every large storm."])]]),
    ])


def cjk_deck_with_newlines():
    return make_deck("港口工程概论", [
        ("潮汐与海流", [
            [("潮汐观测", ["验潮站每分钟记录一次水位。", "记录已有一百多年的历史。",
                          "潮差随月相而变化。"])],
            [("海流的作用", ["海流冲刷桥墩附近的海床。", "工程师在施工前建立模型。"])]]),
        ("防波堤", [
            [("抛石堤", ["护面块石吸收波浪的能量。", "混凝土块体在荷载下相互咬合。",
                        "每次大风暴后都要修复。"])]]),
    ])


# ---- writing --------------------------------------------------------------

class Corpus:
    def __init__(self, outdir):
        self.outdir = outdir
        self.cases = []

    def path(self, name):
        return os.path.join(self.outdir, name)

    def write(self, fname, data):
        p = self.path(fname)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(p, "wb") as f:
            f.write(data)
        return p

    def error(self, name, data, needles, offset=None, fname=None, timeout=20,
              stdin="file"):
        p = self.write(fname or name + ".txt", data)
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.cases.append({"name": name, "path": p, "stdin": stdin,
                           "expect": "error", "needles": needles,
                           "offset": offset, "timeout": timeout,
                           "location": location(data, offset)})

    def not_utf8(self, name, data, offset, fname=None):
        """Bytes that are not UTF-8 from offset on: GB18030 when they
        decode as it (source.c), with a warning naming it; else the error
        that names what was tried."""
        if utf8_cut(data):
            self.render(name, data, fname=fname, warns=["inside a character"])
        elif gb18030_reads(data):
            self.render(name, data, fname=fname, warns=["GB18030"])
        else:
            self.error(name, data, ["invalid UTF-8", "GB18030", "iconv -f"],
                       offset=offset, fname=fname)

    def either(self, name, data, timeout=20, **kw):
        """No structure to expect: a render or a clear error, quickly."""
        p = self.write(name + ".txt", data)
        c = {"name": name, "path": p, "stdin": None, "expect": "either",
             "needles": [], "offset": None, "timeout": timeout}
        c.update(kw)
        self.cases.append(c)

    def render(self, name, data, deck=None, fname=None, timeout=20, exact=True,
               **kw):
        p = self.write(fname or name + ".txt", data)
        c = {"name": name, "path": p, "stdin": None, "expect": "render",
             "timeout": timeout}
        if deck is not None:
            c["counts"] = counts(deck)
            if exact:
                c["structure"] = expected(deck)
        c.update(kw)
        self.cases.append(c)


def location(data, offset):
    """LINE:COLUMN of byte offset in data, as lectern counts them: lines
    from 1 at each LF, columns from 1 in characters, a UTF-8 BOM not
    counted. None when offset is None."""
    if offset is None:
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") and offset >= 3 else 0
    before = data[start:offset]
    last = before[before.rfind(b"\n") + 1:]
    return "%d:%d" % (before.count(b"\n") + 1, len(last.decode("utf-8")) + 1)


def utf8_cut(data):
    """Whether lectern reads data as UTF-8 cut inside its last character:
    valid but for that, and something beyond ASCII before it."""
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError as e:
        return (e.reason == "unexpected end of data" and e.end == len(data)
                and any(b >= 0x80 for b in data[:e.start]))


def gb18030_reads(data):
    """Whether lectern reads these bytes (not UTF-8) as GB18030: glibc's
    GB18030 decodes them whole, or all but a last character cut short
    after something beyond ASCII. Python's codec agrees with glibc but for
    a last 0x80 or 0xFF, which it calls incomplete."""
    try:
        data.decode("gb18030")
        return True
    except UnicodeDecodeError as e:
        if "incomplete" not in e.reason or data[e.start] in (0x80, 0xFF):
            return False
        return any(b >= 0x80 for b in data[:e.start])


def first_problem(data):
    """(offset, kind) of the first byte lectern must reject: a NUL or the
    start of an invalid UTF-8 sequence, whichever comes first."""
    nul = data.find(b"\0")
    try:
        data.decode("utf-8")
        bad = -1
    except UnicodeDecodeError as e:
        bad = e.start
    if nul >= 0 and (bad < 0 or nul < bad):
        return nul, "NUL"
    return bad, "invalid UTF-8"


# ---- the cases --------------------------------------------------------------

def bad_bytes(c):
    c.error("empty", b"", ["empty"])
    c.error("bom-only", BOM, ["not a"])
    c.error("bom-newlines", BOM + "\r\n\n\r", ["not a"])
    c.error("whitespace-only", " \t \n" * 10, ["not a"])

    # binary files: the first NUL or invalid byte is reported where it is
    rnd = random.Random(7)
    elf = (b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00"
           + bytes(rnd.randrange(256) for _ in range(4096)))
    png = b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(4096))
    gz = b"\x1f\x8b\x08\x00" + bytes(rnd.randrange(256) for _ in range(4096))
    rand = bytes(rnd.randrange(256) for _ in range(65536))
    # text at first, then binary: the offset lies deep in the file
    text_then_bin = (flatten(plain_deck()).encode("utf-8")[:300]
                     + bytes(rnd.randrange(128, 256) for _ in range(512)))
    all_bytes = bytes(range(256))
    for name, data in (("elf", elf), ("png", png), ("gzip", gz),
                       ("random-64k", rand), ("text-then-binary", text_then_bin),
                       ("all-bytes", all_bytes)):
        off, kind = first_problem(data)
        if kind == "NUL":
            c.error(name, data, [kind], offset=off, fname=name + ".bin")
        else:
            c.not_utf8(name, data, off, fname=name + ".bin")

    # invalid UTF-8 in an otherwise valid deck: at the start, in the middle
    # (a stray continuation byte, an overlong, a surrogate, a value past
    # U+10FFFF, a raw C1 byte), and at the end (a cut sequence)
    deck = flatten(plain_deck()).encode("utf-8")
    mid = deck.index(b"Records")
    variants = [
        ("utf8-start", b"\xff" + deck, 0),
        ("utf8-start-continuation", b"\x80" + deck, 0),
        ("utf8-after-bom", BOM.encode() + b"\xfe" + deck, 3),
        ("utf8-middle", deck[:mid] + b"\xc3\x28" + deck[mid:], mid),
        ("utf8-middle-overlong", deck[:mid] + b"\xc0\xaf" + deck[mid:], mid),
        ("utf8-middle-surrogate", deck[:mid] + b"\xed\xa0\x80" + deck[mid:], mid),
        ("utf8-middle-past-10ffff", deck[:mid] + b"\xf4\x90\x80\x80" + deck[mid:], mid),
        ("utf8-middle-raw-c1", deck[:mid] + b"\x9b31m" + deck[mid:], mid),
        ("utf8-middle-latin1", deck[:mid] + "café".encode("latin-1") + deck[mid:], mid + 3),
        ("utf8-end-cut", deck + "港".encode()[:2], len(deck)),
        ("utf8-end-lone-lead", deck + b"\xf0", len(deck)),
    ]
    # the offset counts the bytes normalising would drop (CR, LF, BOM)
    crlf = flatten(cjk_deck_with_newlines(), 1, "\r\n").encode("utf-8")
    at = crlf.index("防波堤".encode())
    variants.append(("utf8-after-crlf", BOM.encode() + crlf[:at] + b"\xff" + crlf[at:],
                     3 + at))
    for name, data, off in variants:
        assert first_problem(data) == (off, "invalid UTF-8"), name
        if data.startswith(BOM.encode()):  # a UTF-8 BOM: UTF-8 and nothing else
            c.error(name, data, ["invalid UTF-8"], offset=off)
        else:
            c.not_utf8(name, data, off)

    # NUL bytes: in a point, at the very end (a padded file), UTF-16 text
    # with no BOM
    nul_mid = deck[:mid] + b"\0" + deck[mid:]
    c.error("nul-middle", nul_mid, ["NUL"], offset=mid)
    c.error("nul-end", deck + b"\0\0\0\0", ["NUL"], offset=len(deck))
    c.error("nul-start", b"\0" + deck, ["NUL"], offset=0)
    utf16be = flatten(plain_deck()).encode("utf-16-be")  # 00 48 ...: NUL first
    c.error("utf16be-no-bom", utf16be, ["NUL"], offset=0)

    # text that is not this format
    c.error("prose", "Just a paragraph of prose. No boxes here.\n" * 50, ["not a"])
    c.error("escapes-only", "\x1b]0;pwned\x07\x1b[2J\x1b[?1049l,b,c", ["not a"])
    c.error("commas-only", "," * 10000, ["not a"])


def encodings(c):
    # UTF-16 and UTF-32 with a BOM, GB18030 without one (warned): the
    # structure of the UTF-8 deck
    plain, zh = plain_deck(), cjk_deck_with_newlines()
    for name, codec, bom in (("utf16", "utf-16-le", b"\xff\xfe"),
                             ("utf16be-bom", "utf-16-be", b"\xfe\xff"),
                             ("utf32le-bom", "utf-32-le", b"\xff\xfe\x00\x00"),
                             ("utf32be-bom", "utf-32-be", b"\x00\x00\xfe\xff")):
        c.render(name, bom + flatten(plain).encode(codec), plain)
        c.render(name + "-zh", bom + flatten(zh, 1, "\r\n").encode(codec), zh)
    c.render("gb18030-zh", flatten(zh, 1, "\r\n").encode("gb18030"), zh,
             warns=["GB18030"])
    # a BOM and then bytes that are not its encoding: an unpaired surrogate
    c.error("utf16-bad-surrogate", b"\xff\xfe" + flatten(plain).encode("utf-16-le")[:40]
            + b"\x00\xdc" + b"A\x00", ["not UTF-16LE", "offset 42"])
    # cut inside the last character (head -c): a deck cut short
    data = flatten(zh).encode("utf-8")
    c.render("utf8-end-cut-zh", data + "港".encode()[:2], warns=["inside a character"])
    gb = flatten(zh).encode("gb18030")
    c.render("gb18030-end-cut", gb + "港".encode("gb18030")[:1],
             warns=["GB18030", "inside a character"])
    c.render("utf16-end-cut", b"\xff\xfe" + flatten(zh).encode("utf-16-le") + b"\x3d",
             warns=["inside a character"])
    # high bytes that GB18030 reads but no one wrote: garbage, but safe
    rnd = random.Random(17)
    noise = bytearray()
    while len(noise) < 20000:
        k = rnd.randrange(8)
        if k == 0:
            noise += b","
        elif k == 1:
            noise += b"%d." % rnd.randrange(10)
        else:  # a two-byte character: lead 81-FE, trail 40-7E or 80-FE
            noise += bytes((rnd.randrange(0x81, 0xFF),
                            rnd.choice((rnd.randrange(0x40, 0x7F), rnd.randrange(0x80, 0xFF)))))
    assert gb18030_reads(bytes(noise))
    c.either("gb18030-noise", bytes(noise))


def line_ends(c):
    # the same deck with LF, CRLF and lone CR line ends (and a BOM) loads
    # with the same structure; line breaks only ever follow a sentence end
    for base_name, deck in (("en", plain_deck()), ("zh", cjk_deck_with_newlines())):
        lf = "lines-%s-lf" % base_name
        c.render(lf, flatten(deck, 1, "\n"), deck)
        c.render("lines-%s-crlf" % base_name, flatten(deck, 1, "\r\n"), deck, same_as=lf)
        c.render("lines-%s-cr" % base_name, flatten(deck, 1, "\r"), deck, same_as=lf)
        c.render("lines-%s-bom-crlf" % base_name, BOM + flatten(deck, 1, "\r\n"), deck,
                 same_as=lf)
        c.render("lines-%s-mixed" % base_name,
                 flatten(deck, 1, "\n").replace("\n", "\r\n", 1).replace("\n", "\r", 2),
                 deck, same_as=lf)
        # blank lines (runs of line ends) between sentences
        c.render("lines-%s-crlf-runs" % base_name, flatten(deck, 1, "\r\n\r\n\r\r\n"),
                 deck, same_as=lf)


ESCAPES = {
    "osc-title": "\x1b]0;pwned\x07",
    "osc-title-st": "\x1b]2;pwned\x1b\\",
    "csi-clear": "\x1b[2J",
    "csi-altscreen-off": "\x1b[?1049l",
    "csi-cursor-on": "\x1b[?25h",
    "csi-home": "\x1b[H",
    "dcs": "\x1bP1$qm\x1b\\",
    "osc-clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "osc-colour": "\x1b]4;1;rgb:ff/00/00\x07",
    "osc-hyperlink": "\x1b]8;;http://example.invalid/\x07click\x1b]8;;\x07",
    "c1-csi": "\x9b31m",
    "c1-osc": "\x9d0;pwned\x9c",
    "c1-dcs": "\x90q\x9c",
    "c1-nel": "\x85",
    "bell-bs-del": "\x07\x08\x7f",
    "vt-ff": "\x0b\x0c",
    "tab": "a\tb",
    "line-separators": "a\u2028b\u2029c",
    "noncharacters": "\ufdd0\ufffe\U0001fffe",
}


def escape_deck():
    e = ESCAPES
    pts = ["Plain text " + v + " inside a point." for v in e.values()]
    return make_deck(
        "Deck " + e["osc-title"] + " Title " + e["c1-osc"],
        [("Alpha " + e["csi-clear"] + " Section", [
            [("Block " + e["c1-csi"] + " one " + e["dcs"], pts[:7])],
            [("Block " + e["osc-clipboard"] + " two", pts[7:14])]]),
         ("Beta " + e["csi-altscreen-off"] + e["csi-cursor-on"], [
             [("Block " + e["osc-colour"] + " three", pts[14:])],
             [(e["osc-title-st"] + " leading", [e["osc-title"] + " starts the point.",
                                                "ends the point " + e["c1-nel"]])]])],
        labels="Contents " + e["csi-home"] + " Page,目录页")


UNICODE = {
    "bidi": ("Bidi \u202eevil\u202c title \u2066iso\u2069",
             ["Right to left override \u202egnirts desrever\u202c here.",
              "Isolates \u2066left\u2069 \u2067right\u2069 \u2068first\u2069 end.",
              "Unclosed override at the end \u202e",
              "\u202d\u202a\u202b embeddings and marks \u200e\u200f."]),
    "zwj-emoji": ("Emoji 👨\u200d👩\u200d👧\u200d👦 family",
                  ["Family 👨\u200d👩\u200d👧\u200d👦 and flag 🏳\ufe0f\u200d🌈 here.",
                   "Skin tones 👍🏽👋🏿 and a profession 👩🏽\u200d🔬 glued.",
                   "👨\u200d👩\u200d👧\u200d👦" * 40 + ".",
                   "Dangling joiner \u200d at \u200d\u200d the end \u200d"]),
    "cjk-combining": ("漢\u0301字\u0308 with marks",
                      ["中\u0300文\u0301字\u0302 combining on CJK。",
                       "\u0301\u0302 marks at the start of a point。",
                       "堆" + "\u0301" * 50 + "叠 fifty marks on one character。",
                       ("漢\u0308" * 100) + "。"]),
    "variation-selectors": ("葛\U000e0100 and ☺\ufe0f",
                            ["Ideographic variants 葛\U000e0100 辻\U000e0101 here.",
                             "Emoji and text style ☺\ufe0f ☺\ufe0e ❤\ufe0f here.",
                             "Keycaps #\ufe0f\u20e3 1\ufe0f\u20e3 here.",
                             "A stray selector \ufe0f\U000e01ef at the start."]),
    "astral": ("𠀀𠀁 and 😀 outside the BMP",
               ["Extension B 𠀀𠀁𠀂𪜀 characters.",
                "Emoji 😀🎉🚀 and math 𝐀𝐁𝐂 𝔄 here.",
                "𠀀" * 200 + "。",
                "Old scripts 𓀀𐌰 and tags \U000e0041\U000e0042 here."]),
}


def unicode_decks(c):
    for name, (title, pts) in UNICODE.items():
        deck = make_deck(title, [
            ("First " + name, [[("Block " + title, pts)]]),
            ("Second " + name, [[("Repeat", pts[::-1])]])])
        c.render("unicode-" + name, flatten(deck), deck,
                 json_has=[title] if name == "bidi" else [])


def escapes(c):
    deck = escape_deck()
    c.render("escapes", flatten(deck), deck,
             text_has=["^[]0;pwned^G", "^[[2J", "^[P1$qm^[\\", "^[]52;c;", "\ufffd31m"],
             json_has=["^[]0;pwned^G", "\ufffd31m"])
    # the same sequences as the whole of each title and point
    e = list(ESCAPES.values())
    bare = make_deck(e[0], [(e[2] + "S", [[(e[5], e[6:9])], [(e[9], e[10:13])]]),
                            (e[3] + "T", [[(e[13], e[14:])]])])
    c.render("escapes-bare", flatten(bare), bare)


def long_texts(c):
    rnd = random.Random(3)
    words = ["harbour", "tide", "current", "pier", "armour", "wave", "storm",
             "concrete", "gauge", "seabed"]
    latin = " ".join(rnd.choice(words) for _ in range(2000))[:10000].strip()
    han = "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(10000))
    assert len(latin) == 10000 or len(latin) == 9999
    latin = (latin + "x")[:10000]
    for name, title in (("title-10k-latin", latin), ("title-10k-cjk", han)):
        deck = make_deck(title, [
            ("Opening", [[("Start", ["One point.", "Two points."])]]),
            ("Closing", [[("End", ["Last point."])]])])
        c.render(name, flatten(deck), deck)
    # the other titles of 10,000 characters: a section's and a block's
    deck = make_deck("Long Titles", [
        (latin.title().replace(" ", ""), [[(han, ["A point.", "Another point."])]]),
        ("Short", [[("Plain", ["Last point."])]])])
    c.render("section-and-block-title-10k", flatten(deck), deck)

    # points numbered past 1000 in one block
    def pt(i):
        return "point %s of the long block, with a comma." % (
            "".join(chr(ord("a") + int(d)) for d in str(i)))
    pts = [pt(i) for i in range(1, 1201)]
    deck = make_deck("Many Points", [("Counting", [[("All of them", pts)]]),
                                     ("After", [[("Tail", ["Done."])]])])
    c.render("points-1200", flatten(deck), deck)
    # numbers inside the points that are not the next marker
    pts = ["value %d.%d rose by %d.5 units" % (i + 5, i, i + 2) for i in range(1, 1101)]
    deck = make_deck("Numbers Inside", [("Values", [[("Readings", pts)]])])
    c.render("points-1100-numbers-inside", flatten(deck), deck)


# The large cases, each made only when it is checked (check_hostile.py
# makes one, runs it and deletes it before the next): (name, maker).
LARGE = []


def large_case(name):
    def register(fn):
        LARGE.append((name, fn))
        return fn
    return register


def long_point_deck(c, name, pt):
    deck = make_deck("One Long Point", [("Only Section", [[("Only block", [pt])]])])
    c.render(name, flatten(deck), deck, large=True)


# a single point of 10 MB on one line: Latin words, CJK, and one word with
# no break opportunity at all
@large_case("point-10mb-latin")
def point_10mb_latin(c):
    rnd = random.Random(11)
    w = ["harbour", "tide", "current,", "pier", "armour", "wave", "storm.",
         "concrete", "gauge", "seabed", "1998", "4.5"]
    n = 10 * 1000 * 1000
    words, size = [], 0
    while size < n:
        x = rnd.choice(w)
        words.append(x)
        size += len(x) + 1
    long_point_deck(c, "point-10mb-latin", " ".join(words)[:n].rstrip(" ") + "x")


@large_case("point-10mb-cjk")
def point_10mb_cjk(c):
    rnd = random.Random(12)
    n = 10 * 1000 * 1000 // 3
    long_point_deck(c, "point-10mb-cjk",
                    "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(n)))


# Thai runs its words together: the whole point is one run that the
# dictionary cuts (thai.c gives it to libthai a window at a time; given
# whole, a run this long took minutes)
@large_case("point-10mb-thai")
def point_10mb_thai(c):
    rnd = random.Random(13)
    w = ["ประเทศ", "ไทย", "นักท่องเที่ยว", "ภูเก็ต", "การ", "จัดการ", "ขยะ",
         "ชุมชน", "ท้องถิ่น", "รายได้", "ก็", "เก็บ", "น้ำ"]
    n = 10 * 1000 * 1000
    parts, size = [], 0
    while size < n:
        x = rnd.choice(w)
        parts.append(x)
        size += len(x.encode())
    long_point_deck(c, "point-10mb-thai", "".join(parts))


@large_case("point-10mb-nobreak")
def point_10mb_nobreak(c):
    long_point_deck(c, "point-10mb-nobreak", "x" * (10 * 1000 * 1000))


def tag(i):
    """i in letters: a, b, ..., z, ba, bb, ..."""
    s = ""
    while True:
        s = chr(ord("a") + i % 26) + s
        i //= 26
        if not i:
            return s


# 100,000 sections, each with one slide of one block
@large_case("sections-100k")
def sections_100k(c):
    secs = [("Topic" + tag(i).rjust(4, "a"),
             [[("Block of " + tag(i), ["First point %s." % tag(i), "Second point."])]])
            for i in range(100000)]
    deck = make_deck("Hundred Thousand", secs)
    c.render("sections-100k", flatten(deck), deck, large=True)


# a 50 MB deck: English-like, two blocks of three points per slide; and a
# CJK one. The counts are exact; block titles are glued to the point before
# them, so only the section titles are asserted exactly.
def deck_50mb(c, lang):
    deck = synthetic(lang, 50 * 1000 * 1000, random.Random(5))
    c.render("deck-50mb-" + lang, flatten(deck), deck, exact=False, timeout=60,
             large=True, section_titles=[s["title"] for s in deck["sections"]])


@large_case("deck-50mb-en")
def deck_50mb_en(c):
    deck_50mb(c, "en")


@large_case("deck-50mb-zh")
def deck_50mb_zh(c):
    deck_50mb(c, "zh")


# the CJK deck in GB18030 (some 34 MB): decoded by iconv, then the same
@large_case("deck-50mb-zh-gb18030")
def deck_50mb_zh_gb18030(c):
    deck = synthetic("zh", 50 * 1000 * 1000, random.Random(5))
    c.render("deck-50mb-zh-gb18030", flatten(deck).encode("gb18030"), deck,
             exact=False, timeout=60, large=True, warns=["GB18030"],
             section_titles=[s["title"] for s in deck["sections"]])


# past the 128 MiB limit: a sparse file (refused from its size) and a
# stream on standard input (refused while reading)
@large_case("over-limit-file")
def over_limit_file(c):
    p = c.path("over-limit.txt")
    with open(p, "wb") as f:
        f.truncate(129 * MiB)
    c.cases.append({"name": "over-limit-file", "path": p, "stdin": None,
                    "expect": "error", "needles": ["too large"], "offset": None,
                    "timeout": 20, "large": True})


@large_case("over-limit-stdin")
def over_limit_stdin(c):
    c.cases.append({"name": "over-limit-stdin", "path": None,
                    "stdin": "stream:%d" % (129 * MiB), "expect": "error",
                    "needles": ["too large"], "offset": None, "timeout": 20,
                    "large": True})


# Shapes that make a naive importer quadratic: well under the size of the
# 50 MB deck, each must load about as fast as a plain deck of its size.

# 150,000 sections that share one title ("Summary" in every chapter)
@large_case("sections-150k-same-title")
def sections_same_title(c):
    deck = make_deck("Recurring Titles", [("Summary", [[("Key points", ["First.", "Second."])]])
                                          for _ in range(150000)])
    c.render("sections-150k-same-title", flatten(deck), deck, exact=False, large=True)


# 500,000 bare covers of a one-letter deck: load or refuse, but quickly
@large_case("covers-500k-one-letter")
def covers_one_letter(c):
    c.either("covers-500k-one-letter", "x,toc,Contents,目录页," + "x,x," * 500000,
             large=True)


# a section title of 10,000 characters in a deck cut off early: the
# contents list 8,000 more words of sections that never appear
@large_case("toc-8000-words-title-10k")
def toc_words_long_title(c):
    rnd = random.Random(13)
    words = ["harbour", "tide", "current", "pier", "armour", "wave", "storm",
             "concrete", "gauge", "seabed"]
    long_title = " ".join(rnd.choice(words) for _ in range(1500)).title()
    toc = [long_title] + [" ".join(rnd.choice(words) for _ in range(4)).title()
                          for _ in range(2000)]
    deck = make_deck("Cut Short", [(long_title, [[("Block", ["A point.", "Another point."])]])],
                     toc=toc)
    c.render("toc-8000-words-title-10k", flatten(deck), deck, exact=False,
             section_titles=[long_title], large=True)


# a long contents entry, and a section with no slides after a long point
@large_case("toc-long-entry-bare-section")
def toc_long_entry(c):
    q = "Q" * 500000
    c.either("toc-long-entry-bare-section",
             "Deck,First " + q + ",Contents Page,目录页,First,Deck,First,Block,1.A point"
             + "z" * 500000 + ".Second,Deck,", large=True)


# numbers that look like the next marker but never are (2.1, 3.1, ...)
@large_case("decimal-markers-80k")
def decimal_markers(c):
    c.either("decimal-markers-80k", "Deck,Versions,Contents Page,目录页,Versions,Deck,"
             "Versions,Changes," + "".join("1.v%d.1" % i for i in range(2, 80000)),
             large=True)


# a million slides of one one-letter point each: memory per input byte
@large_case("slides-1m-tiny")
def slides_tiny(c):
    deck = make_deck("Tiny", [("S", [[("B", ["x"])] for _ in range(1000000)])])
    c.render("slides-1m-tiny", flatten(deck), deck, exact=False, large=True)


def synthetic(lang, target, rnd):
    """A deck of about `target` bytes: sections of three slides, two blocks
    of three points each, from a pool of made-up sentences."""
    if lang == "zh":
        chars = [chr(cp) for cp in range(0x4E00, 0x4E00 + 3000)]
        def phrase(a, b):
            return "".join(rnd.choice(chars) for _ in range(rnd.randint(a, b)))
        points = [phrase(10, 16) + "," + phrase(8, 14) + "。" for _ in range(5000)]
        titles = [phrase(4, 10) for _ in range(3000)]
        def sec_title(i):
            return phrase(4, 8) + "第" + "".join("零一二三四五六七八九"[int(d)] for d in str(i))
        per_char = 3
    else:
        syl = ["ka", "lo", "mi", "ten", "ra", "sun", "vel", "dor", "pi", "qua",
               "re", "sto", "nu", "bel", "cor", "fa", "gi", "hen", "jo", "lux"]
        def word():
            return "".join(rnd.choice(syl) for _ in range(rnd.randint(1, 3)))
        points = [(" ".join(word() for _ in range(rnd.randint(5, 8)))).capitalize() + ", "
                  + " ".join(word() for _ in range(rnd.randint(3, 6))) + "."
                  for _ in range(5000)]
        titles = [" ".join(word().capitalize() for _ in range(rnd.randint(2, 4)))
                  for _ in range(3000)]
        def sec_title(i):
            return word().capitalize() + " Part " + "".join(
                chr(ord("A") + int(d)) for d in str(i))
        per_char = 1
    sections, size, i = [], 0, 0
    while size < target:
        i += 1
        st = sec_title(i)
        slides = []
        for _ in range(3):
            blocks = [(rnd.choice(titles), rnd.sample(points, 3)) for _ in range(2)]
            slides.append(blocks)
            size += (len(st) + sum(len(t) + sum(len(p) + 2 for p in ps)
                                   for t, ps in blocks)) * per_char + 4
        sections.append((st, slides))
    return make_deck("Synthetic " + lang, sections)


# ---- Markdown decks ---------------------------------------------------------

MD_DECK = ('---\ntitle: "Hostile tour"\ncontents:\n  - "Part"\n---\n\n'
           '<!-- speaker_note: deck note -->\n\n# Part\n\n---\n\n## One\n\n'
           '### Block\n\n- a **b** `c`\n- *d*\n\n<!-- pause -->\n\n1. e\n2. f\n\n'
           '```sh\necho hi\n```\n\n<!-- speaker_note: |\n  two\n  lines\n-->\n\n'
           '---\n\nNo header, a paragraph.\n')


def md(c, name, data, **kw):
    """A Markdown case: the file ends in .md; its text may hold line
    breaks inside points and notes (code, notes), which JSON writes \\n."""
    kw.setdefault("lines_ok", True)
    c.render(name, data, fname=name + ".md", **kw)


def markdown_cases(c):
    md(c, "md-plain-lf", MD_DECK, json_has=["Hostile tour", "echo hi", "two\nlines"])
    # line ends and a BOM change nothing but offsets
    for name, data in (("md-cr-only", MD_DECK.replace("\n", "\r")),
                       ("md-crlf", MD_DECK.replace("\n", "\r\n")),
                       ("md-bom", BOM + MD_DECK)):
        md(c, name, data, same_as="md-plain-lf")
    # NUL: a binary file, refused where it is
    raw = MD_DECK.encode()
    at = raw.index(b"## One")
    c.error("md-nul", raw[:at] + b"\0" + raw[at:], ["NUL"], offset=at,
            fname="md-nul.md")
    # never closed: a comment, a fence, a notes div, the front matter; what
    # follows is still shown
    md(c, "md-comment-unclosed",
       "## A\n\n<!-- speaker_note: never closed\n\n## B\n\n- after\n",
       json_has=["never closed", "after"])
    md(c, "md-comments-unclosed-1000", "## A\n\n" + "<!-- x\n\n" * 1000 + "## B\n",
       json_has=["<!-- x"])
    md(c, "md-fence-unclosed", "## A\n\n```\ncode\n\n## B\n",
       json_has=["code\n\n## B"])
    md(c, "md-notes-div-unclosed", "## A\n\n::: notes\nnever\n\n## B\n",
       json_has=["::: notes", "never"])
    md(c, "md-notes-divs-1000", "## A\n\n" + "::: notes\nx\n:::\ntext\n\n" * 1000,
       json_has=["text"])
    md(c, "md-fm-unclosed", "---\ntitle: x\n\n## S\n", json_has=["S"])
    md(c, "md-fm-not-yaml", "---\ntitle: [a\n---\n\n## S\n", json_has=["S"])
    md(c, "md-fm-not-text", "---\ntitle: {a: b}\ncontents: 3\n---\n\n## S\n",
       json_has=["S"])
    md(c, "md-fm-deep", "---\ntitle: " + "[" * 10000 + "]" * 10000 + "\n---\n## S\n",
       json_has=["S"])
    md(c, "md-fm-aliases", "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
       + "".join("%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n"
                 % ((chr(98 + i), chr(98 + i)) + (chr(97 + i),) * 9) for i in range(20))
       + "contents: [*u, *u]\n---\n## S\n", json_has=["S"])
    # 10,000 deep
    md(c, "md-nest-quotes-10k", ">" * 10000 + " deep\n", json_has=["deep"])
    md(c, "md-nest-lists-10k", "- " * 10000 + "deep\n", json_has=["deep"])
    md(c, "md-nest-ordered-10k", "1. " * 10000 + "deep\n", json_has=["deep"])
    md(c, "md-nest-emphasis-10k", "*" * 10000 + "deep" + "*" * 10000 + "\n",
       json_has=["deep"])
    md(c, "md-nest-brackets-10k", "[" * 10000 + "deep" + "]" * 10000 + "\n",
       json_has=["deep"])
    md(c, "md-nest-indented-2k",
       "".join(" " * (2 * i) + "- level %d\n" % i for i in range(2000)),
       json_has=["level 1999"])
    # many of a kind
    md(c, "md-pauses-50k", "## A\n\n" + "<!-- pause -->\n\n- x\n\n" * 50000,
       json_has=["x"])
    md(c, "md-slides-50k", "".join("## S%d\n\n- p\n\n" % i for i in range(50000)),
       json_has=["S49999"])
    md(c, "md-tables-images-html", "## T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
       "![i](x.png) [l](y)\n\n<div>\n<b>raw</b>\n</div>\n\n#### deep\n",
       json_has=["| 1 | 2 |", "![i](x.png)", "<b>raw</b>", "deep"])
    # escape sequences everywhere text goes
    e = ESCAPES
    md(c, "md-escapes", "---\ntitle: \"t" + e["osc-title"].replace("\x1b", "\\e")
       .replace("\x07", "\\a") + "\"\n---\n\n# " + e["csi-clear"] + "\n\n## "
       + e["c1-csi"] + "\n\n- " + e["osc-clipboard"] + "\n\n```\n" + e["dcs"]
       + "\n```\n\n<!-- speaker_note: " + e["osc-hyperlink"] + " -->\n",
       json_has=["^[[2J", "\ufffd31m", "^[]52;c;", "^[P1$qm"])


@large_case("md-line-10mb")
def md_line_10mb(c):
    md(c, "md-line-10mb", "## L\n\n" + "lorem ipsum " * 900000 + "\n",
       json_has=["L"], timeout=60, large=True)


@large_case("md-code-line-10mb")
def md_code_line_10mb(c):
    md(c, "md-code-line-10mb", "## C\n\n```\n" + "x" * 10000000 + "\n```\n",
       json_has=["C"], timeout=60, large=True)


@large_case("md-heading-10mb")
def md_heading_10mb(c):
    md(c, "md-heading-10mb", "## " + "重" * 3400000 + "\n\n- p\n", timeout=60,
       large=True)


def hostile_names(c):
    # a file name is hostile too: it comes back in messages
    deck = flatten(plain_deck()).encode("utf-8")
    c.error("name-escape", b"\xff" + deck, ["invalid UTF-8"], offset=None,
            fname="deck\x1b]0;pwned\x07\x1b[2J.txt", stdin=None)
    c.error("name-newline", b"\xff" + deck, ["invalid UTF-8"], offset=None,
            fname="deck\nlectern: all is well.txt", stdin=None)
    # a deck that loads, with warnings (a contents entry with no section):
    # --check names the file on every line
    d = plain_deck()
    d["toc"].append("Never Written")
    c.render("name-escape-check", flatten(d), d, fname="deck\x1b]0;pwned\x07 check.txt")


def generate(outdir, only=None, skip_large=False, lazy=False):
    """The cases, their decks written into outdir. With lazy, the large
    ones come as {"name", "lazy"} stubs for materialise()."""
    os.makedirs(outdir, exist_ok=True)
    c = Corpus(outdir)
    for step in (bad_bytes, encodings, line_ends, escapes, unicode_decks,
                 long_texts, hostile_names, markdown_cases):
        before = len(c.cases)
        step(c)
        if only:
            c.cases[before:] = [x for x in c.cases[before:] if x["name"] in only]
    if not skip_large:
        for name, fn in LARGE:
            if only and name not in only:
                continue
            if lazy:
                c.cases.append({"name": name, "lazy": fn, "large": True})
            else:
                fn(c)
    return c.cases


def materialise(case, outdir):
    """A lazy stub's case, its deck written."""
    if "lazy" not in case:
        return case
    c = Corpus(outdir)
    case["lazy"](c)
    return c.cases[0]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--only", default="")
    ap.add_argument("--skip-large", action="store_true")
    a = ap.parse_args(argv[1:])
    only = set(a.only.split(",")) if a.only else None
    cases = generate(a.outdir, only, a.skip_large)
    brief = [{k: v for k, v in x.items() if k not in ("structure", "section_titles")}
             for x in cases]
    with open(os.path.join(a.outdir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(brief, f, ensure_ascii=True, indent=1)
    print("%d cases in %s" % (len(cases), a.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
