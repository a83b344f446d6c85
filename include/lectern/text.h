/* text.h — Unicode text services: UTF-8 validation, making control
 * characters inert, display width and line breaking (UAX #14).
 * This is the only module that calls libunistring; everything else asks it.
 * Widths follow the terminal convention (wcwidth-like, per code point):
 * East Asian wide and fullwidth characters take 2 columns, combining marks
 * and zero-width characters 0, East Asian ambiguous ones 1 or 2 as set. */
#ifndef LECTERN_TEXT_H
#define LECTERN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..n) is valid UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF); otherwise false with *bad set to the offset of the first byte
 * of the first invalid sequence. */
bool text_valid_utf8(const char *s, size_t n, size_t *bad);

/* Decodes one code point of valid UTF-8 at s (n > 0); returns its length. */
int text_decode(const char *s, size_t n, uint32_t *cp);

/* Appends the UTF-8 encoding of cp to out (room for 4 bytes); returns its
 * length. */
int text_encode(uint32_t cp, char *out);

/* A copy of the valid UTF-8 s[0..n) that a terminal cannot act on: C0
 * controls and DEL become caret notation (ESC is "^["), C1 controls and
 * noncharacters become U+FFFD, tabs and Unicode line separators a space.
 * Caller frees. */
char *text_inert(const char *s, size_t n);
/* How many bytes from the start of s[0, n) text_inert leaves as they are
 * (n: all of them). */
size_t text_inert_span(const char *s, size_t n);

/* Any bytes, made fit for a message on a terminal: valid UTF-8 made inert
 * as text_inert does, bytes that are not UTF-8 written as \xNN. For file
 * names, environment values and settings echoed in errors. Caller frees. */
char *text_display(const char *s, size_t n);

/* Display width of one code point: 0, 1 or 2 (never negative: text that
 * reaches layout has no controls). ambiguous is 1 or 2. */
int text_cp_width(uint32_t cp, int ambiguous);

/* Display width of valid UTF-8 s[0..n). */
int text_width(const char *s, size_t n, int ambiguous);

/* One wrapped line: the bytes [start, end) of the text, trailing spaces
 * left out, and its display width. */
struct text_line {
	size_t start, end;
	int width;
};

/* Breaks s[0..n) into lines of at most `width` columns (width >= 1) at the
 * break opportunities of UAX #14, but for those between two Hangul
 * syllables (Korean breaks at the spaces between its words), and with
 * those between the words of Thai (thai.h), which UAX #14 leaves to a
 * dictionary; a run with no opportunity that is wider
 * than a line is cut between grapheme clusters, and a cluster wider than
 * the whole line (a wide character in a 1-column line) gets a line of its
 * own. Spaces at a break are dropped; no other character is lost. Returns
 * the number of lines (at least 1) in *lines. Caller frees *lines. */
size_t text_wrap(const char *s, size_t n, int width, int ambiguous,
		 struct text_line **lines);

/* The longest prefix of s[0..n) that fits in `width` columns, cut between
 * grapheme clusters; its display width in *used. Returns its byte length. */
size_t text_fit(const char *s, size_t n, int width, int ambiguous, int *used);

/* The first place needle[0..nn) occurs in hay[0..hn), code point by code
 * point; with fold, letters of any script match without case (simple
 * case mapping). NULL when it does not occur; else the match's length in
 * hay in *len. */
const char *text_find(const char *hay, size_t hn, const char *needle,
		      size_t nn, bool fold, size_t *len);

/* Unicode character classes the outline importer reasons with. */
bool text_is_cjk(uint32_t cp);      /* Han, kana, Hangul, fullwidth forms */
bool text_is_han(uint32_t cp);
bool text_is_kana(uint32_t cp);     /* hiragana and katakana */
bool text_is_hangul(uint32_t cp);   /* syllables and jamo */
bool text_is_hiragana(uint32_t cp);
bool text_is_katakana(uint32_t cp);
bool text_is_upper(uint32_t cp);    /* an uppercase letter in any script */
bool text_is_lower(uint32_t cp);
bool text_is_alpha(uint32_t cp);
bool text_is_digit(uint32_t cp);    /* ASCII and fullwidth digits */
bool text_is_space(uint32_t cp);
bool text_is_punct(uint32_t cp);
/* As CommonMark's emphasis rules class characters: punctuation is ASCII
 * punctuation and Unicode's P categories; whitespace is Zs, tab, line
 * feed, form feed and carriage return. */
bool text_is_punctuation(uint32_t cp);
bool text_is_separator_space(uint32_t cp);
/* A combining mark (general category M: a Thai tone mark, a Devanagari
 * virama or vowel sign, U+0301): part of the character before it. */
bool text_is_mark(uint32_t cp);

#endif
