/* fuzz_keys.c — key names (keys.h). The input is cut at NUL bytes into key
 * names; each is given to keycode_parse. Invariants: a key that parses is
 * a code point or a KEY_* value; keycode_name gives it a name that parses
 * back to the same key; keymap_lookup and action_by_name take anything. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lectern/keys.h"
#include "lectern/text.h"

static void check_name(const struct keymap *km, const char *name)
{
	int k = keycode_parse(name);
	enum action a = action_by_name(name);
	FUZZ_CHECK(a < ACT_COUNT, "action_by_name: %d", (int)a);
	FUZZ_CHECK(a == ACT_NONE || strcmp(action_name(a), name) == 0,
		   "action_by_name(\"%s\") is \"%s\"", name, action_name(a));
	if (k < 0) {
		FUZZ_CHECK(k == -1, "keycode_parse(\"%s\") = %d", name, k);
		return;
	}
	FUZZ_CHECK(k < KEY_LAST_ && !(k >= 0xD800 && k <= 0xDFFF),
		   "keycode_parse(\"%s\") = %d, not a key", name, k);
	for (int m = 0; m < KM_COUNT; m++)
		FUZZ_CHECK(keymap_lookup(km, (enum keymode)m, k) < ACT_COUNT,
			   "keymap_lookup(%d, %d)", m, k);
	char buf[64];
	keycode_name(k, buf, sizeof buf);
	size_t bad;
	FUZZ_CHECK(buf[0] && text_valid_utf8(buf, strlen(buf), &bad),
		   "keycode_name(%d) gives an empty or invalid name", k);
	int back = keycode_parse(buf);
	FUZZ_CHECK(back == k, "\"%s\" parses as %d, named \"%s\", which parses "
		   "as %d", name, k, buf, back);
	/* a short buffer truncates, never overflows */
	char tiny[2];
	keycode_name(k, tiny, sizeof tiny);
	FUZZ_CHECK(tiny[0] == buf[0] && strlen(tiny) <= 1,
		   "keycode_name(%d) into 2 bytes", k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct keymap km;
	static bool ready;
	if (!ready) {
		keymap_default(&km);
		ready = true;
	}
	/* a NUL-terminated copy; each NUL-separated slice is a name */
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	for (size_t i = 0; i <= size;) {
		size_t n = strlen(s + i);
		check_name(&km, s + i);
		i += n + 1;
	}
	free(s);
	return 0;
}
