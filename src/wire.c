/* wire.c — encoding and decoding the presenter's messages (wire.h). The
 * format is written out byte by byte, big-endian, so that it does not
 * depend on the compiler's struct layout. */
#include "lectern/wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/strbuf.h"

static const char magic[4] = { 'L', 'C', 'T', 'N' };

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Room for a message of `payload` bytes at the end of *buf; returns where
 * its payload goes, with the header written. */
static unsigned char *put_header(char **buf, size_t *len, size_t *cap,
				 enum wire_type type, uint32_t payload)
{
	*buf = xgrow(*buf, cap, *len + WIRE_HEADER + payload, 1);
	unsigned char *h = (unsigned char *)*buf + *len;
	memcpy(h, magic, 4);
	h[4] = WIRE_VERSION;
	h[5] = (unsigned char)type;
	h[6] = h[7] = 0;
	put_u32(h + 8, payload);
	*len += WIRE_HEADER + payload;
	return h + WIRE_HEADER;
}

void wire_put_hello(char **buf, size_t *len, size_t *cap)
{
	unsigned char *p = put_header(buf, len, cap, WIRE_HELLO, 1);
	p[0] = WIRE_VERSION;
}

void wire_put_deck(char **buf, size_t *len, size_t *cap, uint32_t generation,
		   const char *format, const char *bytes, size_t n)
{
	size_t fl = strlen(format);
	if (fl > 31)
		fl = 31;
	unsigned char *p = put_header(buf, len, cap, WIRE_DECK,
				      (uint32_t)(5 + fl + n));
	put_u32(p, generation);
	p[4] = (unsigned char)fl;
	memcpy(p + 5, format, fl);
	memcpy(p + 5 + fl, bytes, n);
}

void wire_put_state(char **buf, size_t *len, size_t *cap,
		    const struct wire_state *st)
{
	unsigned char *p = put_header(buf, len, cap, WIRE_STATE,
				      WIRE_STATE_SIZE);
	memset(p, 0, WIRE_STATE_SIZE);
	put_u32(p, st->generation);
	put_u32(p + 4, st->slide);
	p[8] = st->screen;
	put_u32(p + 12, st->revealed);
	put_u32(p + 16, (uint32_t)st->block);
	put_u32(p + 20, (uint32_t)st->point);
	put_u32(p + 24, st->step == UINT32_MAX ? 0 : st->step + 1);
}

void wire_put_bye(char **buf, size_t *len, size_t *cap)
{
	put_header(buf, len, cap, WIRE_BYE, 0);
}

void wire_reader_init(struct wire_reader *r)
{
	memset(r, 0, sizeof *r);
}

void wire_reader_free(struct wire_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof *r);
}

void wire_reader_feed(struct wire_reader *r, const char *bytes, size_t n)
{
	if (r->used && r->used == r->len) {
		r->used = r->len = 0; /* all read: start over */
	} else if (r->used > r->cap / 2) {
		memmove(r->buf, r->buf + r->used, r->len - r->used);
		r->len -= r->used;
		r->used = 0;
	}
	r->buf = xgrow(r->buf, &r->cap, r->len + n, 1);
	memcpy(r->buf + r->len, bytes, n);
	r->len += n;
}

static int broken(struct wire_reader *r, const char *why)
{
	snprintf(r->error, sizeof r->error, "%s", why);
	return -1;
}

static int decode(struct wire_reader *r, struct wire_msg *m)
{
	const unsigned char *p = (const unsigned char *)m->payload;
	switch (m->type) {
	case WIRE_HELLO:
		if (m->length != 1)
			return broken(r, "a HELLO of the wrong size");
		m->version = p[0];
		return 1;
	case WIRE_DECK: {
		if (m->length < 5 || p[4] > 31 || 5u + p[4] > m->length)
			return broken(r, "a DECK too short for its header");
		m->generation = get_u32(p);
		memcpy(m->format, p + 5, p[4]);
		m->format[p[4]] = '\0';
		if (memchr(m->format, '\0', p[4]))
			return broken(r, "a DECK whose format name holds NUL");
		m->deck = m->payload + 5 + p[4];
		m->deck_len = m->length - 5 - p[4];
		return 1;
	}
	case WIRE_STATE:
		if (m->length != WIRE_STATE_SIZE)
			return broken(r, "a STATE of the wrong size");
		m->state.generation = get_u32(p);
		m->state.slide = get_u32(p + 4);
		m->state.screen = p[8];
		if (m->state.screen > WIRE_END)
			return broken(r, "a STATE with an unknown screen");
		m->state.revealed = get_u32(p + 12);
		m->state.block = (int32_t)get_u32(p + 16);
		m->state.point = (int32_t)get_u32(p + 20);
		m->state.step = get_u32(p + 24) ? get_u32(p + 24) - 1 : UINT32_MAX;
		if (m->state.block < -1 || m->state.point < -1)
			return broken(r, "a STATE with a bad point");
		return 1;
	case WIRE_BYE:
		return m->length == 0 ? 1 : broken(r, "a BYE with a payload");
	}
	return broken(r, "a message of an unknown type");
}

int wire_read_next(struct wire_reader *r, struct wire_msg *m)
{
	if (r->error[0])
		return -1;
	size_t have = r->len - r->used;
	const unsigned char *h = (const unsigned char *)r->buf + r->used;
	/* check what has come of the header as soon as it comes, so that a
	 * peer that is not lectern is turned away at once */
	size_t k = have < 4 ? have : 4;
	if (k && memcmp(h, magic, k) != 0)
		return broken(r, "not lectern's protocol (bad magic)");
	if (have >= 5 && h[4] != WIRE_VERSION)
		return broken(r, "another version of lectern's protocol");
	if (have < WIRE_HEADER)
		return 0;
	if (h[6] || h[7])
		return broken(r, "reserved header bytes are not zero");
	uint32_t length = get_u32(h + 8);
	if (length > WIRE_MAX_PAYLOAD)
		return broken(r, "a message longer than the limit");
	if (have - WIRE_HEADER < length)
		return 0;
	memset(m, 0, sizeof *m);
	m->type = (enum wire_type)h[5];
	m->length = length;
	m->payload = r->buf + r->used + WIRE_HEADER;
	r->used += WIRE_HEADER + length;
	return decode(r, m);
}
