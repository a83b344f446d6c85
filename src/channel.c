/* channel.c — the presenter's Unix socket: its directory and path, and
 * opening it as the presenter or as a follower. The permission checks
 * are the security of the whole feature: only the presenter's own user
 * may connect (the directory is 0700, the socket 0600, and present.c
 * checks each peer's uid with SO_PEERCRED). */
#include "lectern/channel.h"

#include <dirent.h>
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
#include "lectern/xdg.h"

char *channel_dir(bool create, struct lt_error *err)
{
	char *dir = xdg_path(XDG_RUNTIME, "");
	if (dir) {
		size_t n = strlen(dir);
		if (n && dir[n - 1] == '/')
			dir[n - 1] = '\0'; /* ".../lectern/" */
	} else {
		/* no runtime directory: one of our own under /tmp */
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "/tmp/lectern-%ld", (long)geteuid());
		dir = sb_take(&sb);
	}
	if (create && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		lt_error_set(err, "%s: cannot make the socket directory: %s", dir,
			     strerror(errno));
		free(dir);
		return NULL;
	}
	struct stat st;
	if (lstat(dir, &st) != 0) {
		lt_error_set(err, "%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077)) {
		lt_error_set(err, "%s: not a private directory of this user "
			     "(it must be ours and mode 0700); remove it or "
			     "use --socket", dir);
		free(dir);
		return NULL;
	}
	return dir;
}

/* NAME.sock in the directory, for name[0..n). */
static char *in_dir(const char *name, size_t n, bool create,
		    struct lt_error *err)
{
	char *dir = channel_dir(create, err);
	if (!dir)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "%s/%.*s.sock", dir, (int)n, name);
	free(dir);
	return sb_take(&sb);
}

char *channel_path_for(const char *name_or_path, bool create,
		       struct lt_error *err)
{
	if (strchr(name_or_path, '/'))
		return xstrdup(name_or_path);
	size_t n = strlen(name_or_path);
	if (n > 5 && strcmp(name_or_path + n - 5, ".sock") == 0)
		n -= 5;
	return in_dir(name_or_path, n, create, err);
}

char *channel_path_of_deck(const char *deck_path, bool create,
			   struct lt_error *err)
{
	const char *base = strrchr(deck_path, '/');
	base = base ? base + 1 : deck_path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	return in_dir(base, n, create, err);
}

char *channel_find(struct lt_error *err)
{
	char *dir = channel_dir(false, err);
	if (!dir)
		return NULL;
	DIR *d = opendir(dir);
	char *found = NULL;
	size_t count = 0;
	struct strbuf names = STRBUF_INIT;
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".sock") != 0)
			continue;
		count++;
		sb_printf(&names, "%s%.*s", names.len ? ", " : "", (int)(n - 5),
			  e->d_name);
		if (!found) {
			struct strbuf p = STRBUF_INIT;
			sb_printf(&p, "%s/%s", dir, e->d_name);
			found = sb_take(&p);
		}
	}
	if (d)
		closedir(d);
	if (count != 1) {
		if (count == 0)
			lt_error_set(err, "no presenter in %s (start one with "
				     "lectern --present DECK)", dir);
		else
			lt_error_set(err, "%zu presenters in %s: name one (%s)",
				     count, dir, names.data);
		free(found);
		found = NULL;
	}
	sb_free(&names);
	free(dir);
	return found;
}

static bool fill_addr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof a->sun_path)
		return false;
	memcpy(a->sun_path, path, strlen(path) + 1);
	return true;
}

int channel_connect(const char *path)
{
	struct sockaddr_un a;
	if (!fill_addr(&a, path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

int channel_listen(const char *path, struct lt_error *err)
{
	struct sockaddr_un a;
	if (!fill_addr(&a, path)) {
		lt_error_set(err, "%s: too long for a socket's path", path);
		return -1;
	}
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			lt_error_set(err, "%s: exists and is not a socket", path);
			return -1;
		}
		int other = channel_connect(path);
		if (other >= 0) {
			close(other);
			lt_error_set(err, "%s: another presenter is already on "
				     "this socket (one driver only)", path);
			return -1;
		}
		/* nobody answers: left by a presenter that crashed */
		if (unlink(path) != 0) {
			lt_error_set(err, "%s: cannot replace a stale socket: %s",
				     path, strerror(errno));
			return -1;
		}
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		lt_error_set(err, "cannot make a socket: %s", strerror(errno));
		return -1;
	}
	/* 0600 from the start: no moment when another user could connect */
	mode_t mask = umask(0177);
	int rc = bind(fd, (struct sockaddr *)&a, sizeof a);
	int e = errno;
	umask(mask);
	if (rc != 0 || listen(fd, 64) != 0) {
		lt_error_set(err, "%s: cannot listen: %s", path,
			     strerror(rc ? e : errno));
		close(fd);
		return -1;
	}
	return fd;
}

long channel_peer_uid(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof cred;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0)
		return -1;
	return (long)cred.uid;
}
