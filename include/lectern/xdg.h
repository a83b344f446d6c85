/* xdg.h — where lectern keeps files, by the XDG base directory spec:
 * settings under $XDG_CONFIG_HOME, state (rehearsal records, where a talk
 * was) under $XDG_STATE_HOME, sockets under $XDG_RUNTIME_DIR. Never beside
 * the deck. */
#ifndef LECTERN_XDG_H
#define LECTERN_XDG_H

enum xdg_dir { XDG_CONFIG, XDG_STATE, XDG_RUNTIME };

/* $DIR/lectern/name for the kind of file, with the spec's default when
 * the variable is unset, empty or not absolute (~/.config, ~/.local/state;
 * XDG_RUNTIME has no default). Caller frees; NULL when there is no such
 * place (no HOME, no runtime directory). Nothing is created. */
char *xdg_path(enum xdg_dir dir, const char *name);

#endif
