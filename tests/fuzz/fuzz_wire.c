/* fuzz_wire.c — the presenter's protocol reader (wire.h) on any bytes,
 * fed in pieces whose sizes the input's first byte picks. Invariants:
 * the reader never reads past what it was given, every message it hands
 * out is whole and within the limits, and once it says the stream is
 * broken it says so with a reason and for good. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t step = data[0] % 16 + 1;
	data++;
	size--;
	struct wire_reader r;
	wire_reader_init(&r);
	bool broken = false;
	for (size_t i = 0; i < size && !broken; i += step) {
		size_t n = size - i < step ? size - i : step;
		wire_reader_feed(&r, (const char *)data + i, n);
		struct wire_msg m;
		int got;
		while ((got = wire_read_next(&r, &m)) == 1) {
			FUZZ_CHECK(m.length <= WIRE_MAX_PAYLOAD, "length %u",
				   (unsigned)m.length);
			FUZZ_CHECK(m.payload >= r.buf &&
				   m.payload + m.length <= r.buf + r.len,
				   "payload outside the buffer");
			if (m.type == WIRE_DECK)
				FUZZ_CHECK(m.deck + m.deck_len == m.payload + m.length &&
					   strlen(m.format) < sizeof m.format,
					   "deck bytes outside the message");
			if (m.type == WIRE_STATE)
				FUZZ_CHECK(m.state.screen <= WIRE_END &&
					   m.state.block >= -1 && m.state.point >= -1,
					   "state out of range");
		}
		if (got < 0) {
			FUZZ_CHECK(r.error[0], "broken without a reason");
			struct wire_msg m2;
			FUZZ_CHECK(wire_read_next(&r, &m2) == -1, "broken, then not");
			broken = true;
		}
	}
	wire_reader_free(&r);
	return 0;
}
