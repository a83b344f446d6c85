/* export_json.c — the deck's structure and warnings as JSON, in the shape
 * the practice goldens use (FORMAT.md): title, toc, sections → slides →
 * blocks → points, warnings, plus truncated and missing_sections; speaker
 * notes ("notes" on the deck, a section and a slide) and a section with no
 * cover ("cover": false) only where a deck has them. */
#include "lectern/export.h"

#include <stdio.h>
#include <string.h>

static void str(struct strbuf *out, const char *s)
{
	sb_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_puts(out, "\\\""); break;
		case '\\': sb_puts(out, "\\\\"); break;
		case '\n': sb_puts(out, "\\n"); break;
		case '\t': sb_puts(out, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				sb_printf(out, "\\u%04x", *p);
			else
				sb_putc(out, (char)*p);
		}
	}
	sb_putc(out, '"');
}

static void indent(struct strbuf *out, int n)
{
	sb_putc(out, '\n');
	for (int i = 0; i < n; i++)
		sb_putc(out, ' ');
}

/* Speaker notes, where there are any: ", \"notes\": [{\"step\", \"text\"}]".
 * Decks without notes (every outline deck) keep their JSON as it was. */
static void notes(struct strbuf *out, const struct notes *ns, int depth)
{
	if (!ns->n)
		return;
	sb_puts(out, ", \"notes\": [");
	for (size_t i = 0; i < ns->n; i++) {
		sb_puts(out, i ? "," : "");
		indent(out, depth + 1);
		sb_printf(out, "{\"step\": %u, \"text\": ", (unsigned)ns->v[i].step);
		str(out, ns->v[i].text);
		sb_puts(out, "}");
	}
	indent(out, depth);
	sb_puts(out, "]");
}

void export_json(struct strbuf *out, const struct deck *d)
{
	sb_puts(out, "{");
	indent(out, 1);
	sb_puts(out, "\"title\": ");
	str(out, d->title);
	sb_puts(out, ",");
	indent(out, 1);
	sb_puts(out, "\"toc\": [");
	for (size_t i = 0; i < d->ntoc; i++) {
		sb_puts(out, i ? "," : "");
		indent(out, 2);
		str(out, d->toc[i].title);
	}
	if (d->ntoc)
		indent(out, 1);
	sb_puts(out, "],");
	indent(out, 1);
	sb_puts(out, "\"sections\": [");
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		sb_puts(out, s ? "," : "");
		indent(out, 2);
		sb_puts(out, "{\"title\": ");
		str(out, sec->title);
		sb_puts(out, ", \"slides\": [");
		for (size_t l = 0; l < sec->nslides; l++) {
			const struct slide *sl = section_slide(d, sec, l);
			size_t nb = slide_nblocks(d, sl);
			sb_puts(out, l ? "," : "");
			indent(out, 3);
			sb_puts(out, "{\"header\": ");
			str(out, slide_header(d, sl));
			sb_puts(out, ", \"blocks\": [");
			for (size_t b = 0; b < nb; b++) {
				const struct block *bl = slide_block(d, sl, b);
				size_t np = block_npoints(d, bl);
				sb_puts(out, b ? "," : "");
				indent(out, 4);
				sb_puts(out, "{\"title\": ");
				str(out, block_title(d, bl));
				if (bl->title_after_points)
					sb_puts(out, ", \"title_placement\": "
						"\"after_points_of_slide\"");
				sb_puts(out, ", \"points\": [");
				for (size_t p = 0; p < np; p++) {
					const struct point *pt =
						block_point(d, bl, p);
					sb_puts(out, p ? "," : "");
					indent(out, 5);
					str(out, point_text(d, pt));
				}
				if (np)
					indent(out, 4);
				sb_puts(out, "]}");
			}
			if (nb)
				indent(out, 3);
			sb_puts(out, "]");
			notes(out, slide_notes(d, sl), 3);
			sb_puts(out, "}");
		}
		if (sec->nslides)
			indent(out, 2);
		sb_puts(out, "]");
		if (sec->no_cover)
			sb_puts(out, ", \"cover\": false");
		notes(out, &sec->notes, 2);
		sb_puts(out, "}");
	}
	if (d->nsections)
		indent(out, 1);
	sb_puts(out, "]");
	notes(out, &d->notes, 1);
	sb_puts(out, ",");
	indent(out, 1);
	sb_puts(out, "\"warnings\": [");
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct warning *w = &d->warnings[i];
		sb_puts(out, i ? "," : "");
		indent(out, 2);
		sb_printf(out, "{\"line\": %zu, \"column\": %zu, \"offset\": %zu, "
			  "\"slide_number\": %zu, \"section\": %zu, \"slide\": %zu, "
			  "\"message\": ", w->line, w->column, w->offset, w->number,
			  w->section, w->slide);
		str(out, w->message);
		sb_puts(out, "}");
	}
	if (d->nwarnings)
		indent(out, 1);
	sb_puts(out, "],");
	indent(out, 1);
	sb_printf(out, "\"warnings_not_listed\": %zu,", d->warnings_not_listed);
	indent(out, 1);
	sb_printf(out, "\"truncated\": %s,", d->truncated ? "true" : "false");
	indent(out, 1);
	sb_puts(out, "\"missing_sections\": [");
	size_t k = 0;
	for (size_t i = 0; i < d->ntoc; i++) {
		if (d->toc[i].present)
			continue;
		sb_puts(out, k++ ? ", " : "");
		str(out, d->toc[i].title);
	}
	sb_puts(out, "]");
	indent(out, 0);
	sb_puts(out, "}\n");
}
