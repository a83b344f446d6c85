/* fileio.h — writing files without destroying anything: exports now, state
 * files (rehearsal records, where a talk was left) later. What is at the
 * path decides how it is written, as `sort -o`, gzip and editors that save
 * atomically do:
 *   - "-" is standard output;
 *   - a symlink is followed, and the file it points to is replaced, in that
 *     file's directory: the link stays a link;
 *   - a regular file, or nothing yet, is replaced atomically (a temporary
 *     file beside it, fsync, rename, like git's lockfile.c): a reader sees
 *     the old file or the new one, never half of one, and a failure leaves
 *     the old file as it was and no temporary file behind. A file that was
 *     there keeps its mode, and its owner where the process may set it;
 *   - a character device, a FIFO or a socket is written through: no
 *     temporary file, no rename, so /dev/null stays a device node and a
 *     reader waiting on a FIFO gets the data;
 *   - a directory or a block device is refused.
 * Library code: errors come back in a struct lt_error, never printed. */
#ifndef LECTERN_FILEIO_H
#define LECTERN_FILEIO_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "lectern/error.h"

/* Writes n bytes of data to path ("-": standard output) as above. False
 * with *err set (one line, without the path) when it cannot. */
bool file_write(const char *path, const void *data, size_t n,
		struct lt_error *err);

/* A file being replaced atomically. Between file_tmp_open and
 * file_tmp_commit or file_tmp_abort, SIGINT, SIGTERM, SIGHUP and SIGQUIT
 * are held back, so that an interrupt cannot leave the temporary file
 * behind; they arrive once the file is in place or gone. */
struct file_tmp {
	int fd;       /* the temporary file, open for writing */
	char *path;   /* the file to replace, symlinks resolved */
	char *tmp;    /* the temporary file beside it */
	sigset_t held; /* the signal mask before file_tmp_open */
};

/* Starts replacing path (symlinks followed; it must be a regular file or
 * not exist yet). False with *err set, and nothing on disk changed, when
 * it cannot. Finish with file_tmp_commit or file_tmp_abort. */
bool file_tmp_open(struct file_tmp *t, const char *path, struct lt_error *err);

/* Writes data[0, n) to the temporary file, flushes it to disk and renames
 * it over the target. On failure the temporary file is removed and the
 * target left as it was. Either way t is finished. */
bool file_tmp_commit(struct file_tmp *t, const void *data, size_t n,
		     struct lt_error *err);

/* Removes the temporary file and leaves the target as it was. */
void file_tmp_abort(struct file_tmp *t);

/* Writes all of p to fd, going on after EINTR and short writes. False with
 * errno set on failure. */
bool file_write_all(int fd, const void *p, size_t n);

/* True when a and b name the same existing file (symlinks followed). */
bool file_same(const char *a, const char *b);

#endif
