/* statefile.c — reading, writing, locking and listing lectern's state
 * files. Writes go through a temporary file in the target's directory
 * (".NAME.XXXXXX"), fsync, rename, then an fsync of the directory; on any
 * failure the temporary file is removed and the old file left as it was.
 * Signals that end lectern are held back while a temporary file exists,
 * so that none is left behind. */
#include "lectern/statefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lectern/strbuf.h"

bool statefile_mkdirs(const char *dir, struct lt_error *err)
{
	struct stat st;
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return true; /* the usual case: one system call */
	char *p = xstrdup(dir);
	bool ok = true;
	for (char *s = p + 1; ok; s++) {
		bool end = *s == '\0';
		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			lt_error_set(err, "cannot make the directory %s: %s", p,
				     strerror(errno));
			ok = false;
		}
		if (end)
			break;
		*s = '/';
	}
	if (ok && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		lt_error_set(err, "%s is not a directory", dir);
		ok = false;
	}
	free(p);
	return ok;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

bool statefile_write(const char *path, const void *data, size_t n,
		     struct lt_error *err)
{
	const char *slash = strrchr(path, '/');
	struct strbuf tmp = STRBUF_INIT;
	if (slash)
		sb_printf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
			  slash + 1);
	else
		sb_printf(&tmp, ".%s.XXXXXX", path);
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigaddset(&stop, SIGQUIT);
	sigprocmask(SIG_BLOCK, &stop, &old);
	int fd = mkstemp(tmp.data);
	bool ok = fd >= 0;
	int saved = errno;
	if (ok) {
		ok = write_all(fd, data, n) && fsync(fd) == 0;
		saved = errno;
		if (close(fd) != 0 && ok) {
			ok = false;
			saved = errno;
		}
		if (ok && rename(tmp.data, path) != 0) {
			ok = false;
			saved = errno;
		}
		if (!ok)
			unlink(tmp.data);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (ok) {
		/* the rename itself on disk */
		char *dir = slash ? xstrndup(path, (size_t)(slash - path)) :
				    xstrdup(".");
		int dfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	} else {
		lt_error_set(err, "%s", strerror(saved));
	}
	sb_free(&tmp);
	return ok;
}

int statefile_read(const char *path, char **data, size_t *n,
		   struct lt_error *err)
{
	*data = NULL;
	*n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		lt_error_set(err, "cannot read: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		lt_error_set(err, "not a regular file");
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > STATEFILE_MAX_BYTES) {
		lt_error_set(err, "larger than %zu MiB: not lectern's",
			     STATEFILE_MAX_BYTES >> 20);
		close(fd);
		return -1;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	ssize_t got;
	while ((got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			lt_error_set(err, "cannot read: %s", strerror(errno));
			sb_free(&sb);
			close(fd);
			return -1;
		}
		if (sb.len + (size_t)got > STATEFILE_MAX_BYTES) {
			lt_error_set(err, "larger than %zu MiB: not lectern's",
				     STATEFILE_MAX_BYTES >> 20);
			sb_free(&sb);
			close(fd);
			return -1;
		}
		sb_put(&sb, buf, (size_t)got);
	}
	close(fd);
	*n = sb.len;
	*data = sb_take(&sb);
	return 1;
}

int statefile_lock(const char *path, bool *busy, struct lt_error *err)
{
	*busy = false;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		lt_error_set(err, "cannot open the lock file: %s", strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EINTR)
			continue;
		if (errno == EWOULDBLOCK)
			*busy = true;
		else
			lt_error_set(err, "cannot lock: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

void statefile_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing drops the lock */
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t statefile_list(const char *dir, const char *suffix, char ***names)
{
	*names = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0, cap = 0, sl = strlen(suffix);
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= sl ||
		    strcmp(e->d_name + len - sl, suffix) != 0)
			continue;
		*names = xgrow(*names, &cap, n + 1, sizeof **names);
		(*names)[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(*names, n, sizeof **names, by_name);
	return n;
}
