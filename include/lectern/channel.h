/* channel.h — where a presenter's socket lives and how it is opened:
 * $XDG_RUNTIME_DIR/lectern/NAME.sock by default (a private directory under
 * /tmp when there is no runtime directory), a directory of mode 0700 that
 * must be ours, and a socket of mode 0600. Nothing listens on a network
 * port: a follower on another machine reaches the socket through SSH's
 * forwarding of Unix sockets (ssh -L LOCAL.sock:REMOTE.sock). */
#ifndef LECTERN_CHANNEL_H
#define LECTERN_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/error.h"

/* The directory of presenters' sockets, made (0700) when missing and
 * checked (ours, not open to others) when present. Caller frees. NULL
 * with *err set when it cannot be used. */
char *channel_dir(bool create, struct lt_error *err);

/* The socket named by what the user gave: a path (holding '/') as it is,
 * else NAME.sock in channel_dir (a trailing ".sock" is allowed). Caller
 * frees. */
char *channel_path_for(const char *name_or_path, bool create,
		       struct lt_error *err);

/* The socket of a deck by default: its file name without its ending, in
 * channel_dir ("talks/monday.md" gives .../monday.sock). Caller frees. */
char *channel_path_of_deck(const char *deck_path, bool create,
			   struct lt_error *err);

/* For a follower given no socket: the only presenter's socket in the
 * directory. NULL with *err saying there is none, or which there are. */
char *channel_find(struct lt_error *err);

/* Listens at path: refuses when another presenter answers there, and
 * replaces a socket left by one that crashed. The socket is 0600 and
 * non-blocking. Returns the descriptor, or -1 with *err set. */
int channel_listen(const char *path, struct lt_error *err);

/* Connects to path, non-blocking after the connection. -1 with errno set
 * when nobody listens. */
int channel_connect(const char *path);

/* The uid of the process at the other end of a connected socket, or -1. */
long channel_peer_uid(int fd);

#endif
