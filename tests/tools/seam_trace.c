/* seam_trace.c — the seam model's evidence, for tests/tools/fit_seam.py.
 * Loads a deck as lectern does and prints, one JSON object a line, every
 * glued title the importer had to place: the run of text, each candidate
 * start with the model's features, and the one chosen. Optionally scores
 * with other weights and writes the deck's JSON export, so that weights
 * fitted without a deck can be measured on it.
 *
 * usage: seam_trace DECK [--weights W1,W2,...] [--export OUT.json]
 * prints: {"features": [names]} first, then per seam
 *         {"chunk": TEXT, "cands": [[START, TITLE, [F...]], ...],
 *          "chosen": K}   (START in characters from the chunk's start) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/deck.h"
#include "lectern/export.h"
#include "lectern/loader.h"
#include "lectern/seam.h"
#include "lectern/strbuf.h"

static void put_json_string(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static size_t chars_between(const char *t, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t i = a; i < b; i++)
		n += ((unsigned char)t[i] & 0xC0) != 0x80;
	return n;
}

static void trace(void *ctx, const struct seam_trace *tr)
{
	FILE *out = ctx;
	fputs("{\"chunk\": ", out);
	put_json_string(out, tr->t + tr->start, tr->end - tr->start);
	fputs(", \"cands\": [", out);
	for (size_t k = 0; k < tr->ncand; k++) {
		fprintf(out, "%s[%zu, ", k ? ", " : "",
			chars_between(tr->t, tr->start, tr->cut[k]));
		put_json_string(out, tr->t + tr->cut[k], tr->end - tr->cut[k]);
		fputs(", [", out);
		for (int j = 0; tr->f && j < SEAM_NFEATURES; j++)
			fprintf(out, "%s%.6g", j ? ", " : "",
				tr->f[k * SEAM_NFEATURES + (size_t)j]);
		fputs("]]", out);
	}
	fputs("], \"own\": ", out);
	put_json_string(out, tr->cx->own, tr->cx->own_len);
	fprintf(out, ", \"chosen\": %zu, \"latin\": %s}\n", tr->chosen,
		tr->f ? "false" : "true");
}

int main(int argc, char **argv)
{
	const char *deck_path = NULL, *export_path = NULL;
	double w[SEAM_NFEATURES];
	bool have_w = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--weights") && i + 1 < argc) {
			char *s = argv[++i], *e;
			for (int k = 0; k < SEAM_NFEATURES; k++) {
				w[k] = strtod(s, &e);
				if (e == s) {
					fprintf(stderr, "seam_trace: need %d weights\n",
						SEAM_NFEATURES);
					return 2;
				}
				s = *e == ',' ? e + 1 : e;
			}
			have_w = true;
		} else if (!strcmp(argv[i], "--export") && i + 1 < argc) {
			export_path = argv[++i];
		} else {
			deck_path = argv[i];
		}
	}
	if (!deck_path) {
		fputs("usage: seam_trace DECK [--weights W,...] [--export OUT]\n",
		      stderr);
		return 2;
	}
	fputs("{\"features\": [", stdout);
	for (int k = 0; seam_feature_name(k); k++)
		printf("%s\"%s\"", k ? ", " : "", seam_feature_name(k));
	fputs("]}\n", stdout);
	if (have_w)
		seam_set_weights(w);
	seam_set_trace(trace, stdout);
	struct deck *d;
	struct lt_error err;
	if (!deck_load(deck_path, NULL, &d, &err)) {
		fprintf(stderr, "seam_trace: %s: %s\n", deck_path, err.what);
		return 1;
	}
	seam_set_trace(NULL, NULL);
	if (export_path) {
		struct strbuf sb = STRBUF_INIT;
		export_json(&sb, d);
		FILE *f = fopen(export_path, "w");
		if (!f || fwrite(sb.data, 1, sb.len, f) != sb.len || fclose(f)) {
			perror(export_path);
			return 1;
		}
		sb_free(&sb);
	}
	deck_free(d);
	return 0;
}
