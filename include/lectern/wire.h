/* wire.h — the presenter's protocol, spoken over a Unix socket between a
 * presenter console (lectern --present) and its followers (lectern
 * --follow). Both sides include this one header; nothing here does I/O.
 *
 * Every message is a 12-byte header and a payload:
 *   "LCTN"  magic, 4 bytes
 *   version 1 byte (WIRE_VERSION)   type 1 byte (enum wire_type)
 *   0       2 bytes, reserved
 *   length  4 bytes, big-endian: the payload's, at most WIRE_MAX_PAYLOAD
 * Payloads:
 *   HELLO  version 1 byte: the sender's protocol version
 *   DECK   generation 4 bytes, format name length 1 byte, the format's
 *          name, then the deck's bytes in that format (notes stripped)
 *   STATE  32 bytes, struct wire_state below
 *   BYE    empty
 * A peer with another version is refused before anything else is read;
 * a malformed message closes that one connection, with a reason. */
#ifndef LECTERN_WIRE_H
#define LECTERN_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIRE_VERSION 1
#define WIRE_HEADER 12
/* a deck of SOURCE_MAX_BYTES as Markdown, with room to spare */
#define WIRE_MAX_PAYLOAD ((uint32_t)160 * 1024 * 1024)

enum wire_type { WIRE_HELLO = 1, WIRE_DECK, WIRE_STATE, WIRE_BYE };

/* What the audience should see. */
enum wire_screen { WIRE_SLIDE, WIRE_BLACK, WIRE_WHITE, WIRE_END };

struct wire_state {
	uint32_t generation; /* the deck it is about (a reload makes a new one) */
	uint32_t slide;      /* 0-based, as deck_index numbers them */
	uint8_t screen;      /* enum wire_screen */
	uint32_t revealed;   /* points shown; UINT32_MAX: all */
	int32_t block, point; /* the first point on the presenter's screen, so
			       * that a follower of another size shows the
			       * screen that holds it; -1: the slide's top */
	uint32_t step;       /* the slide's reveal step shown (a Markdown
			      * deck's pauses); UINT32_MAX: all. Sent as
			      * step + 1 in bytes 24..27, which peers that
			      * know no steps leave 0: all */
};

#define WIRE_STATE_SIZE 32

/* Appends a whole message to *buf (growing it; caller frees). */
void wire_put_hello(char **buf, size_t *len, size_t *cap);
void wire_put_deck(char **buf, size_t *len, size_t *cap, uint32_t generation,
		   const char *format, const char *bytes, size_t n);
void wire_put_state(char **buf, size_t *len, size_t *cap,
		    const struct wire_state *st);
void wire_put_bye(char **buf, size_t *len, size_t *cap);

/* One message, as the reader gives it. */
struct wire_msg {
	enum wire_type type;
	const char *payload; /* into the reader's buffer: valid until it is
				fed again or freed */
	uint32_t length;
	/* decoded, for the types that have them */
	uint8_t version;            /* HELLO */
	uint32_t generation;        /* DECK */
	char format[32];            /* DECK */
	const char *deck;           /* DECK: the bytes after the name */
	size_t deck_len;
	struct wire_state state;    /* STATE */
};

/* Collects bytes and cuts them into messages. */
struct wire_reader {
	char *buf;
	size_t len, cap, used; /* buf[used, len) is not read yet */
	char error[128];       /* set when the stream is broken */
};

void wire_reader_init(struct wire_reader *r);
void wire_reader_free(struct wire_reader *r);

/* Adds bytes read from the peer. */
void wire_reader_feed(struct wire_reader *r, const char *bytes, size_t n);

/* The next whole message: 1 with *m set, 0 when more bytes are needed,
 * -1 when the stream is broken (r->error says why; the connection should
 * be closed). */
int wire_read_next(struct wire_reader *r, struct wire_msg *m);

#endif
