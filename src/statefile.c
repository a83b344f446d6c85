/* statefile.c — reading, writing, locking and listing lectern's state
 * files. Writes go through fileio.c's temporary file beside the target,
 * fsync, rename and fsync of the directory; on any failure the temporary
 * file is removed and the old file left as it was, and signals that end
 * lectern are held back while a temporary file exists. Only a regular
 * file (or nothing) is replaced. */
#include "lectern/statefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lectern/fileio.h"
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

bool statefile_write(const char *path, const void *data, size_t n,
		     struct lt_error *err)
{
	/* fileio.c's atomic replacement; never its writing through a FIFO or
	 * a device, which could hang lectern on its way out */
	struct file_tmp t;
	if (!file_tmp_open(&t, path, err))
		return false;
	return file_tmp_commit(&t, data, n, err);
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
