/* fileio.c — writing output without destroying what is at the path: the
 * rules are in fileio.h. The atomic replace follows git's lockfile.c and
 * tempfile.c: a temporary file in the target's own directory (a rename
 * is atomic only within one file system), written, fsynced, renamed over
 * the target, and the directory fsynced. Prints nothing; knows nothing of
 * decks or exports. */
#include "lectern/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lectern/strbuf.h"

/* As many symlinks as Linux follows in one path before ELOOP. */
#define MAX_LINKS 40

bool file_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		c += w;
		n -= (size_t)w;
	}
	return true;
}

bool file_same(const char *a, const char *b)
{
	struct stat x, y;
	if (stat(a, &x) != 0 || stat(b, &y) != 0)
		return false;
	return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* The directory part of path ("." when it has none). Caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Follows symlinks from path to the file they end at, which need not
 * exist. Caller frees the result; NULL with *err set on a loop or an
 * unreadable link. */
static char *resolve(const char *path, struct lt_error *err)
{
	char *p = xstrdup(path);
	for (int hops = 0;; hops++) {
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		if (hops == MAX_LINKS) {
			lt_error_set(err, "more than %d symbolic links in a row "
				     "(a loop?)", MAX_LINKS);
			free(p);
			return NULL;
		}
		struct strbuf target = STRBUF_INIT;
		size_t cap = (size_t)st.st_size + 1;
		for (;;) {
			char *buf = xmalloc(cap);
			ssize_t n = readlink(p, buf, cap);
			if (n < 0) {
				lt_error_set(err, "cannot read the symbolic link "
					     "%s: %s", p, strerror(errno));
				free(buf);
				free(p);
				return NULL;
			}
			if ((size_t)n < cap) {
				sb_put(&target, buf, (size_t)n);
				free(buf);
				break;
			}
			free(buf); /* the link grew meanwhile */
			cap *= 2;
		}
		char *next;
		if (target.data[0] == '/') {
			next = sb_take(&target);
		} else {
			char *dir = dir_of(p);
			struct strbuf sb = STRBUF_INIT;
			sb_printf(&sb, "%s/%s", dir, target.data);
			next = sb_take(&sb);
			free(dir);
			sb_free(&target);
		}
		free(p);
		p = next;
	}
}

static void hold_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Closes and frees; the signals held since the open come through. */
static void tmp_finish(struct file_tmp *t)
{
	if (t->fd >= 0)
		close(t->fd);
	bool opened = t->path != NULL;
	free(t->path);
	free(t->tmp);
	t->fd = -1;
	t->path = t->tmp = NULL;
	if (opened)
		sigprocmask(SIG_SETMASK, &t->held, NULL);
}

/* The mode, and where allowed the owner, of the file being replaced, for
 * the temporary file; a new file gets 0666 less the umask, as open(2)
 * would give it. */
static bool copy_attributes(int fd, const struct stat *old)
{
	if (!old) {
		mode_t mask = umask(0);
		umask(mask);
		return fchmod(fd, 0666 & ~mask) == 0;
	}
	mode_t mode = old->st_mode & 07777;
	if (fchown(fd, old->st_uid, old->st_gid) != 0) {
		/* not root: the group at least, if we are in it; setuid and
		 * setgid bits go, as cp(1) drops them */
		if (fchown(fd, (uid_t)-1, old->st_gid) != 0)
			mode &= ~(mode_t)S_ISGID;
		mode &= ~(mode_t)S_ISUID;
	}
	return fchmod(fd, mode) == 0;
}

/* Opens the temporary file for path, which resolve() gave: a regular file
 * or nothing. */
static bool tmp_open_resolved(struct file_tmp *t, char *path,
			      struct lt_error *err)
{
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT) {
		lt_error_set(err, "cannot write: %s", strerror(errno));
		free(path);
		return false;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		lt_error_set(err, "cannot write: not a regular file");
		free(path);
		return false;
	}
	/* replacing needs only the directory's permission; a file that its
	 * owner made read-only stays unwritten, as with `sort -o` */
	if (exists && access(path, W_OK) != 0) {
		lt_error_set(err, "cannot write: %s", strerror(errno));
		free(path);
		return false;
	}
	char *dir = dir_of(path);
	struct strbuf tmp = STRBUF_INIT;
	sb_printf(&tmp, "%s/.lectern-XXXXXX", dir);
	hold_signals(&t->held);
	t->path = path;
	t->tmp = sb_take(&tmp);
	t->fd = mkostemp(t->tmp, O_CLOEXEC);
	if (t->fd < 0) {
		lt_error_set(err, "cannot create a temporary file in %s: %s",
			     dir, strerror(errno));
		free(dir);
		tmp_finish(t);
		return false;
	}
	free(dir);
	if (!copy_attributes(t->fd, exists ? &st : NULL)) {
		lt_error_set(err, "cannot set the mode of %s: %s", t->tmp,
			     strerror(errno));
		file_tmp_abort(t);
		return false;
	}
	return true;
}

bool file_tmp_open(struct file_tmp *t, const char *path, struct lt_error *err)
{
	t->fd = -1;
	t->path = t->tmp = NULL;
	sigemptyset(&t->held);
	char *real = resolve(path, err);
	return real && tmp_open_resolved(t, real, err);
}

void file_tmp_abort(struct file_tmp *t)
{
	if (t->tmp)
		unlink(t->tmp);
	tmp_finish(t);
}

/* A crash after the rename must not lose it: the directory entry too is
 * flushed. Where a file system cannot fsync a directory, nothing is lost
 * but that promise, so failures are ignored. */
static void sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

bool file_tmp_commit(struct file_tmp *t, const void *data, size_t n,
		     struct lt_error *err)
{
	if (!file_write_all(t->fd, data, n) || fsync(t->fd) != 0) {
		lt_error_set(err, "cannot write: %s", strerror(errno));
		file_tmp_abort(t);
		return false;
	}
	int fd = t->fd;
	t->fd = -1;
	if (close(fd) != 0) {
		lt_error_set(err, "cannot write: %s", strerror(errno));
		file_tmp_abort(t);
		return false;
	}
	if (rename(t->tmp, t->path) != 0) {
		lt_error_set(err, "cannot replace it: %s", strerror(errno));
		file_tmp_abort(t);
		return false;
	}
	sync_dir(t->path);
	free(t->tmp);
	t->tmp = NULL;
	tmp_finish(t);
	return true;
}

/* A Unix socket: connect, as `socat - UNIX-CONNECT:path` would. */
static int open_socket(const char *path)
{
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path));
	static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM };
	for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
		int fd = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -1;
		if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0)
			return fd;
		int e = errno;
		close(fd);
		errno = e;
		if (e != EPROTOTYPE)
			return -1;
	}
	return -1;
}

/* Writes into a device, FIFO or socket as it is: no temporary file. */
static bool write_through(const char *path, const struct stat *st,
			  const void *data, size_t n, struct lt_error *err)
{
	int fd;
	if (S_ISSOCK(st->st_mode)) {
		fd = open_socket(path);
	} else {
		/* a FIFO blocks here until a reader comes, as with `cat >` */
		fd = open(path, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0) {
		lt_error_set(err, "cannot open: %s", strerror(errno));
		return false;
	}
	struct stat now;
	if (!S_ISSOCK(st->st_mode) &&
	    (fstat(fd, &now) != 0 || now.st_dev != st->st_dev ||
	     now.st_ino != st->st_ino)) {
		/* swapped for something else since we looked: never write
		 * into a regular file without truncating it */
		lt_error_set(err, "cannot write: it changed while being opened");
		close(fd);
		return false;
	}
	bool ok = file_write_all(fd, data, n);
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok)
		lt_error_set(err, "cannot write: %s", strerror(e));
	return ok;
}

bool file_write(const char *path, const void *data, size_t n,
		struct lt_error *err)
{
	if (strcmp(path, "-") == 0) {
		if (file_write_all(STDOUT_FILENO, data, n))
			return true;
		lt_error_set(err, "cannot write to standard output: %s",
			     strerror(errno));
		return false;
	}
	char *real = resolve(path, err);
	if (!real)
		return false;
	struct stat st;
	if (lstat(real, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			lt_error_set(err, "cannot write: is a directory");
			free(real);
			return false;
		}
		if (S_ISBLK(st.st_mode)) {
			lt_error_set(err, "cannot write: a block device (a disk); "
				     "lectern writes no disks");
			free(real);
			return false;
		}
		if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) ||
		    S_ISSOCK(st.st_mode)) {
			bool ok = write_through(real, &st, data, n, err);
			free(real);
			return ok;
		}
	}
	struct file_tmp t;
	t.fd = -1;
	t.path = t.tmp = NULL;
	sigemptyset(&t.held);
	if (!tmp_open_resolved(&t, real, err))
		return false;
	return file_tmp_commit(&t, data, n, err);
}
