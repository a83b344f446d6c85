#!/bin/sh
# Writes the corpus decks from their structure (src/*.json): the flattened
# text (*.txt) and the structure it still holds (*.golden.json), with the
# options of tests/tools/flatten.py that give each deck its defects.
# The first nine decks (de-1 en-1..3 ja-1..3 zh-1..2) predate this script
# and were flattened by hand; the decks below were written on new topics
# for issue 14, before the seam model was refitted, and not changed after.
# usage: tests/corpus/make.sh   (from anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
flatten() {
	name=$1
	shift
	python3 "$here/../tools/flatten.py" "$here/src/$name.json" \
		"$here/$name.txt" "$here/$name.golden.json" "$@"
}
flatten zh-3 --seed 3 --newlines 0.3 --misplace 2.2
flatten zh-4 --seed 4
flatten zh-5 --seed 5 --newlines 0.2 --misplace 3.2
flatten zh-6 --seed 6 --keep-blocks 18 --truncate 15
flatten zh-7 --seed 7 --marker 、
flatten ja-4 --seed 8 --misplace 2.2
flatten ja-5 --seed 9 --newlines 0.3
flatten ja-6 --seed 10 --keep-blocks 17 --truncate 10
flatten ja-7 --seed 11 --crlf --bom --newlines 0.3 --fullwidth-comma
flatten en-4 --seed 12 --newlines 0.3 --misplace 3.2
flatten en-5 --seed 13
flatten en-6 --seed 14 --keep-blocks 16 --truncate 30 --contents CONTENTS,目录
# Korean, for the Hangul seams: ko-1..3 before the Korean rules took their
# last form, ko-4 and ko-5 after (see tests/meson.build, corpus-ko).
flatten ko-1 --seed 15
flatten ko-2 --seed 16 --newlines 0.3
flatten ko-3 --seed 17 --misplace 2.2
flatten ko-4 --seed 18 --newlines 0.2
flatten ko-5 --seed 19 --misplace 3.2
# Other scripts (seam.c: combining marks, ¿ ¡, the danda, Arabic, Thai):
# es-1, hi-1, ar-1 and th-1 were written first and taught those rules;
# th-2 was written after them and measured once before ที่ joined Thai's
# bad starts; th-3 was written last and measured once (tests/meson.build,
# corpus-scripts).
flatten es-1 --seed 20
flatten hi-1 --seed 21 --newlines 0.3
flatten ar-1 --seed 22
flatten th-1 --seed 23
flatten th-2 --seed 24 --misplace 3.2
flatten th-3 --seed 25
# Alphabets the importer had not met (French, Russian, Portuguese,
# Turkish, Vietnamese), written by a colleague who had not read seam.c,
# and measured once: every title exact but two in ru-1 and ru-2, which
# taught seam.c that a name with capitals inside (PyPy, SARS-CoV-2) is
# not where a title starts (glue_in_name); vi-1's two points read as
# decimals ("253.25") taught the warning of marker_in_number (outline.c).
flatten fr-1 --seed 101
flatten fr-2 --seed 202 --newlines 0.3
flatten ru-1 --seed 303
flatten ru-2 --seed 404 --newlines 0.3
flatten pt-1 --seed 505
flatten tr-1 --seed 606 --misplace 2.1
flatten vi-1 --seed 203 --newlines 0.3
flatten vi-2 --seed 204
# Chinese written by the same colleague (zh-10 and zh-11 in traditional
# characters, as in Taiwan), kept out of the weights' fit and measured
# once: 65 of 77 titles, 208 of 220 points (tests/meson.build,
# corpus-unseen).
flatten zh-8 --seed 205 --marker 、
flatten zh-9 --seed 206 --misplace 2.1
flatten zh-10 --seed 201
flatten zh-11 --seed 202 --newlines 0.3
# Six more by the same colleague, asked for the hard seams only as they
# occur in lectures, kept from everyone here until measured once: zh 67 of
# 79 titles, ja 35 of 38 (corpus-unseen).
flatten zh-12 --seed 301
flatten zh-13 --seed 302 --newlines 0.3
flatten zh-14 --seed 303 --misplace 2.1
flatten zh-15 --seed 304 --marker 、
flatten ja-8 --seed 305 --newlines 0.3
flatten ja-9 --seed 306
# Six more alphabets by the same colleague, measured once: Greek 18 of
# 19 titles, Polish 17 of 18, Italian 17 of 18, Indonesian 18 of 18,
# Hebrew 12 of 18, German 18 of 18. They taught seam.c the scripts
# without case (uncased), Greek's ';' and the 3M and MiC glues.
flatten el-1 --seed 401
flatten pl-1 --seed 402 --newlines 0.3
flatten it-1 --seed 403
flatten id-1 --seed 404
flatten he-1 --seed 405 --newlines 0.3
flatten de-2 --seed 406 --misplace 2.1
# And six more, measured once: Arabic 14 of 19 titles, Persian 12, Hindi
# 15, Bengali 15 (all of 19), Ukrainian 18 of 19, Dutch 18 of 18. The
# four caseless ones taught seam.c its word-edge rule (word_edges_rule).
flatten ar-2 --seed 501
flatten fa-1 --seed 502 --newlines 0.3
flatten hi-2 --seed 503 --misplace 2.1
flatten bn-1 --seed 504
flatten uk-1 --seed 505 --newlines 0.3
flatten nl-1 --seed 506
# Six short ones, measured once: Tamil 6 of 8 titles, Georgian 4 of 8,
# Swedish, Finnish and Czech 8 of 8, Swahili 7 of 8. They taught seam.c
# that Georgian has no case in use, and interrogatives for the scripts
# without case.
flatten ta-1 --seed 601
flatten ka-1 --seed 602
flatten sv-1 --seed 603
flatten fi-1 --seed 604
flatten cs-1 --seed 605
flatten sw-1 --seed 606
# Eight more, written by two colleagues who had not read seam.c, each
# asked for four decks on topics not yet in the corpus, and measured
# once: zh-16 to zh-19 60 of 72 titles, ja-10 and ja-11 37 of 40, en-7
# and en-8 38 of 40. They taught seam.c that a quote after a space opens,
# and that in CJK text a glue inside a short Latin name (Hb|A1c, Ig|G) is
# no seam.
flatten zh-16 --seed 701
flatten zh-17 --seed 702 --newlines 0.3
flatten zh-18 --seed 703 --misplace 2.1
flatten zh-19 --seed 704 --marker 、
flatten ja-10 --seed 705
flatten ja-11 --seed 706 --newlines 0.3
flatten en-7 --seed 707
flatten en-8 --seed 708 --misplace 2.1
# And eight more from two colleagues, measured once: Spanish, Russian,
# German and English (databases) 20 of 20 titles, Korean 19, Japanese 19,
# Chinese in traditional characters 16, Hindi 14 (all of 20). They taught
# seam.c that no point ends in a colon, and that a period after Hangul
# ends a sentence, which no title holds.
flatten es-2 --seed 801
flatten ko-6 --seed 802 --newlines 0.3
flatten ru-3 --seed 803 --misplace 2.1
flatten hi-3 --seed 804
flatten zh-20 --seed 805 --marker 、
flatten ja-12 --seed 806 --newlines 0.3
flatten en-9 --seed 807
flatten de-3 --seed 808 --misplace 2.1
