/* statefile.h — lectern's own files under $XDG_STATE_HOME/lectern (xdg.h):
 * directories made private (0700), whole files read with a size limit,
 * written atomically through fileio.h (a temporary file beside the
 * target, fsync, rename, as git's lockfile.c does: a reader sees the old
 * file or the new one, never half of one; only a regular file or nothing
 * is replaced), advisory locks (flock) that keep two lecterns from
 * taking the same deck's state, and directory listings. Library code:
 * errors come back in a struct lt_error (what, without the path), never
 * printed. */
#ifndef LECTERN_STATEFILE_H
#define LECTERN_STATEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "lectern/error.h"

/* Files larger than this are refused as not lectern's. */
#define STATEFILE_MAX_BYTES ((size_t)256 * 1024 * 1024)

/* Makes dir and its missing parents, mode 0700. */
bool statefile_mkdirs(const char *dir, struct lt_error *err);

/* Replaces path (a regular file, or nothing yet) with data[0..n)
 * atomically; a new file gets 0666 less the umask, in a 0700 directory. */
bool statefile_write(const char *path, const void *data, size_t n,
		     struct lt_error *err);

/* Reads all of path into *data (NUL-terminated; caller frees) and its
 * length into *n. 1 on success, 0 when there is no such file, -1 with
 * *err set otherwise (unreadable, not a regular file, too large). */
int statefile_read(const char *path, char **data, size_t *n,
		   struct lt_error *err);

/* Takes an exclusive lock on path (created if need be) without waiting.
 * The lock's descriptor (give it to statefile_unlock), -1 with *busy set
 * when another process holds it, or -1 with *err set when it cannot be
 * taken at all. */
int statefile_lock(const char *path, bool *busy, struct lt_error *err);
void statefile_unlock(int fd);

/* The names of the entries of dir ending in suffix, not starting with a
 * dot, sorted by strcmp. Caller frees each and the array. 0 (and NULL)
 * when there are none or dir cannot be read. */
size_t statefile_list(const char *dir, const char *suffix, char ***names);

#endif
