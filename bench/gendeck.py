#!/usr/bin/env python3
"""Writes a synthetic deck in the 目录页 outline format, for benchmarks.

usage: gendeck.py SLIDES [--lang zh|en] [--seed N] > deck.txt

Sections of three content slides, two blocks of three points per slide,
points of about 40 characters with commas and numbers inside, titles glued
to the point before them as the format has it. The words are made up (random
characters or syllables) and drawn from a vocabulary with a Zipf-like
distribution, as words in real text are, so the deck means nothing and
matches no real deck, yet its character statistics look like language."""
import argparse
import random
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("slides", type=int)
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)

    if a.lang == "zh":
        chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
        vocab = ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 3)))
                 for _ in range(4000)]
        cum, acc = [], 0.0
        for r in range(len(vocab)):
            acc += 1.0 / (r + 1)
            cum.append(acc)
        def words(n):
            out = "".join(rnd.choices(vocab, cum_weights=cum, k=n))
            return out[:n]
        def title(n):
            return words(n)
        def point():
            s = words(rnd.randint(12, 20)) + "," + words(rnd.randint(10, 18))
            if rnd.random() < 0.3:
                s += "提高%d.%d倍" % (rnd.randint(1, 9), rnd.randint(1, 9))
            return s
        sep = " "
    else:
        syl = ["ka", "lo", "mi", "ten", "ra", "sun", "vel", "dor", "pi", "qua",
               "re", "sto", "nu", "bel", "cor", "fa", "gi", "hen", "jo", "lux"]
        def word():
            return "".join(rnd.choice(syl) for _ in range(rnd.randint(1, 3)))
        def title(n):
            return " ".join(word().capitalize() for _ in range(max(1, n // 3)))
        def point():
            s = " ".join(word() for _ in range(rnd.randint(5, 8)))
            s = s.capitalize() + ", " + " ".join(word() for _ in range(rnd.randint(3, 6)))
            if rnd.random() < 0.3:
                s += " by %d.%d%%" % (rnd.randint(1, 9), rnd.randint(1, 9))
            return s
        sep = " "

    deck_title = title(8)
    nsec = max(1, (a.slides + 2) // 3)
    sections = []
    seen = set()
    while len(sections) < nsec:
        t = title(rnd.randint(6, 10))
        if t not in seen:
            seen.add(t)
            sections.append(t)
    out = [deck_title, ",", sep.join(sections), ",Contents Page,目录页,"]
    left = a.slides
    for s in sections:
        out += [s, ",", deck_title, ","]
        for _ in range(min(3, left)):
            left -= 1
            out += [s, ","]
            for b in range(2):
                out += [title(rnd.randint(4, 12)), ","]
                for p in range(3):
                    out += ["%d." % (p + 1), point()]
        if left <= 0:
            break
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
