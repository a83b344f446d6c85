/* xdg.c — paths by the XDG base directory spec. Reads the environment,
 * touches no file. */
#include "lectern/xdg.h"

#include <stdlib.h>

#include "lectern/strbuf.h"

static const struct {
	const char *var;
	const char *home_default; /* under $HOME; NULL: none */
} dirs[] = {
	[XDG_CONFIG] = { "XDG_CONFIG_HOME", ".config" },
	[XDG_STATE] = { "XDG_STATE_HOME", ".local/state" },
	[XDG_RUNTIME] = { "XDG_RUNTIME_DIR", NULL },
};

char *xdg_path(enum xdg_dir dir, const char *name)
{
	const char *base = getenv(dirs[dir].var);
	struct strbuf sb = STRBUF_INIT;
	/* the spec: a relative path is invalid and is ignored */
	if (base && *base == '/') {
		sb_printf(&sb, "%s/lectern/%s", base, name);
	} else {
		const char *home = getenv("HOME");
		if (!dirs[dir].home_default || !home || *home != '/')
			return NULL;
		sb_printf(&sb, "%s/%s/lectern/%s", home, dirs[dir].home_default,
			  name);
	}
	return sb_take(&sb);
}
