#!/usr/bin/env python3
"""Writes lm_table.c: what a general language model of Chinese says about
the words src/words.c segments text into, for the seam model's lm_assoc
and lm_end features (src/seam.c).

usage: gen_lm.py DICT.txt PYDICT.bin LM.t3g OUT.c

The model is sunpinyin's (Debian's sunpinyin-data, from the open-gram
project, CC BY-SA 3.0): a back-off model of word trigrams estimated on a
large general corpus. PYDICT.bin (pydict_sc.bin) holds its lexicon, the
word of each id; LM.t3g (lm_sc.t3g) the model, in sunpinyin's "threaded"
format (sunpinyin's src/slm/slm.h), read here directly:

  u32 N, u32 use_log_pr, u32 level_sizes[N + 1],
  f32 pr_table[65536], f32 bow_table[16384],
  levels 0 to N - 1: nodes of three u32 (bit fields from bit 0):
    word id 18, back-off weight index 14;
    probability index 16, first child low 16;
    back-off node 23, back-off level 2, first child high 7;
  level N: leaves of two u32 (not read here).

A node's children in the next level run from its first child to the next
node's. Probabilities and weights are stored as such (use_log_pr 0).

Of the model, only unigrams and bigrams are kept, and only for the words
gen_words.py keeps of jieba's dictionary (DICT.txt), which are those
words.c can find; a word the model does not know gets nothing. For each
word w, in nats:
  end: -ln P(break | w), where break is the model's word 70, the comma or
       stop that ends a clause (a bigram, or w's back-off plus the
       break's unigram): how readily text stops after w;
  bow: -ln of w's back-off weight.
For a pair of words l f, ln P(f | l) - ln P(f), the association of f with
what precedes it: where the model has no bigram it is -bow(l), so a pair
is kept only where its bigram says at least MIN_GAIN nats more than that.
Quantised to a byte each (QUANT steps a nat). Words and pairs are 31-bit
fingerprints in open-addressing tables (linear probing, as
gen_words.py's); a pair's hash is over l's code points, a 0, then f's.
Every entry is looked up once here as words.c would, so that a
fingerprint clash can never hide one. Nothing of any deck is read.
"""
import array
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_words import read_dict, word_hash, slot_of, fingerprint  # noqa: E402

BREAK = 70
MIN_GAIN = 8.0
QUANT = 8
BOW_OFFSET = 4.0  # back-off costs go a little below 0
LOAD = 0.7


def read_lexicon(path):
    """Word ids to words: a u32 word count, node count and offset of the
    strings, then at that offset each id's word as NUL-terminated UCS-4."""
    with open(path, "rb") as f:
        m = f.read()
    count, _, at = struct.unpack_from("<III", m, 0)
    cps = array.array("I")
    cps.frombytes(m[at:at + (len(m) - at) // 4 * 4])
    if sys.byteorder != "little":
        cps.byteswap()
    words, cur = [], []
    for cp in cps:
        if cp == 0:
            words.append("".join(map(chr, cur)))
            cur = []
            if len(words) == count:
                break
        else:
            cur.append(cp)
    if len(words) != count:
        sys.exit("%s: %d words, %d expected" % (path, len(words), count))
    return words


def read_model(path, wanted):
    """Unigram costs {id: (cost, bow cost)} and the costs of the bigrams
    of two wanted ids {(id, id): cost}, in nats."""
    import math
    with open(path, "rb") as f:
        m = f.read()
    n, use_log = struct.unpack_from("<II", m, 0)
    if n < 2 or use_log != 0:
        sys.exit("%s: not a trigram model of probabilities" % path)
    sizes = struct.unpack_from("<%dI" % (n + 1), m, 8)
    at = 8 + 4 * (n + 1)
    pr = array.array("f")
    pr.frombytes(m[at:at + 4 * 65536])
    at += 4 * 65536
    bow = array.array("f")
    bow.frombytes(m[at:at + 4 * 16384])
    at += 4 * 16384
    levels = []
    for lvl in range(3):
        a = array.array("I")
        a.frombytes(m[at:at + 12 * sizes[lvl]])
        at += 12 * sizes[lvl]
        levels.append(a)
    if sys.byteorder != "little":
        for t in [pr, bow] + levels:
            t.byteswap()

    def cost(p):
        return -math.log(p) if p > 0 else 99.0

    def node(a, i):
        w0, w1, w2 = a[3 * i], a[3 * i + 1], a[3 * i + 2]
        child = ((w2 >> 25) & 0x7F) << 16 | (w1 >> 16)
        return w0 & 0x3FFFF, w0 >> 18, w1 & 0xFFFF, child

    uni, bi = {}, {}
    l1, l2 = levels[1], levels[2]
    for i in range(sizes[1] - 1):  # the last node only ends the children
        wid, b, p, child = node(l1, i)
        uni[wid] = (cost(pr[p]), cost(bow[b]))
        if wid not in wanted:
            continue
        for j in range(child, node(l1, i + 1)[3]):
            wid2 = l2[3 * j] & 0x3FFFF
            if wid2 in wanted:
                bi[(wid, wid2)] = cost(pr[l2[3 * j + 1] & 0xFFFF])
    return uni, bi


def quant(x, offset=0.0):
    return max(0, min(255, round((x + offset) * QUANT)))


def table(entries):
    """Open addressing for {key string: value}: (nslots, keys, values)."""
    nslots = int(len(entries) / LOAD) + 1
    keys = [0] * nslots
    vals = [None] * nslots
    for k, v in entries.items():
        h = word_hash(k)
        i = slot_of(h, nslots)
        while keys[i]:
            i = i + 1 if i + 1 < nslots else 0
        keys[i] = fingerprint(h)
        vals[i] = v
    for k, v in entries.items():  # as words.c looks
        h = word_hash(k)
        i = slot_of(h, nslots)
        while keys[i] != fingerprint(h):
            i = i + 1 if i + 1 < nslots else 0
        if vals[i] != v:
            sys.exit("gen_lm.py: a fingerprint clash hides %r" % k)
    return nslots, keys, vals


def write_array(out, ctype, name, vals, fmt, per_line):
    out.write("const %s %s[%d] = {\n" % (ctype, name, len(vals)))
    for i in range(0, len(vals), per_line):
        out.write("\t" + ",".join(fmt % v for v in vals[i:i + per_line]) + ",\n")
    out.write("};\n")


def main(argv):
    if len(argv) != 5:
        sys.exit("usage: gen_lm.py DICT.txt PYDICT.bin LM.t3g OUT.c")
    known, _ = read_dict(argv[1])
    lexicon = read_lexicon(argv[2])
    wanted = {wid for wid, w in enumerate(lexicon) if w in known}
    uni, bi = read_model(argv[3], wanted | {BREAK})
    if BREAK not in uni:
        sys.exit("%s: no clause break (word %d)" % (argv[3], BREAK))
    ids = {}
    for wid, w in enumerate(lexicon):
        if w in known and wid in uni and w not in ids:
            ids[w] = wid
    if not ids:
        sys.exit("%s: no word of %s" % (argv[2], argv[1]))
    words = {}
    for w, wid in ids.items():
        c, b = uni[wid]
        end = bi.get((wid, BREAK), b + uni[BREAK][0])
        words[w] = (quant(end), quant(b, BOW_OFFSET))
    by_id = {wid: w for w, wid in ids.items()}
    pairs = {}
    for (a, b), c in bi.items():
        if a in by_id and b in by_id:
            assoc = uni[b][0] - c
            if assoc + uni[a][1] >= MIN_GAIN:
                pairs[by_id[a] + "\0" + by_id[b]] = quant(assoc)

    wn, wkeys, wvals = table(words)
    pn, pkeys, pvals = table(pairs)
    with open(argv[4], "w", encoding="ascii") as out:
        out.write("/* Generated by src/gen_lm.py from %s, %s and %s: "
                  "%d words, %d pairs. */\n" % (
                      *(os.path.basename(p) for p in argv[1:4]),
                      len(words), len(pairs)))
        out.write('#include "lm_table.h"\n\n')
        out.write("const unsigned lm_quant = %d;\n" % QUANT)
        out.write("const unsigned lm_bow_offset = %d;\n" % BOW_OFFSET)
        out.write("const uint32_t lm_word_nslots = %d;\n" % wn)
        write_array(out, "uint32_t", "lm_word_key", wkeys, "0x%x", 8)
        write_array(out, "unsigned char", "lm_word_end",
                    [v[0] if v else 0 for v in wvals], "%d", 24)
        write_array(out, "unsigned char", "lm_word_bow",
                    [v[1] if v else 0 for v in wvals], "%d", 24)
        out.write("const uint32_t lm_pair_nslots = %d;\n" % pn)
        write_array(out, "uint32_t", "lm_pair_key", pkeys, "0x%x", 8)
        write_array(out, "unsigned char", "lm_pair_assoc",
                    [v if v is not None else 0 for v in pvals], "%d", 24)


if __name__ == "__main__":
    main(sys.argv)
