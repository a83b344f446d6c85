/* loading.c — deck_load_encoded on a thread of its own (loading.h). The
 * thread reads and imports, keeps the outcome in the loading, and writes
 * one byte to a pipe; the loop polls the pipe's other end. Who frees the
 * loading: loading_finish (after joining the thread), or, after
 * loading_abandon, whichever of the thread and the abandoning comes
 * last. No signal is handled on the thread: they all go to the loop. */
#include "lectern/loading.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/strbuf.h"

struct loading {
	pthread_t thread;
	int fds[2]; /* the pipe: the thread writes [1] when it is done */
	char *path;
	const struct deck_format *format;
	const char *encoding;
	/* the outcome, written by the thread before `done` */
	bool ok;
	struct deck *deck;
	struct lt_error err;
	atomic_bool done;
	/* set by loading_abandon; the second of the two to set its flag
	 * (abandoned, or finished after done) frees the loading */
	atomic_int owners;
};

static void loading_free(struct loading *l)
{
	deck_free(l->deck);
	close(l->fds[0]);
	close(l->fds[1]);
	free(l->path);
	free(l);
}

static void *run(void *arg)
{
	struct loading *l = arg;
	l->ok = deck_load_encoded(l->path, l->format, l->encoding, &l->deck,
				  &l->err);
	atomic_store(&l->done, true);
	if (write(l->fds[1], "", 1) < 0) {
		/* the pipe is fresh and takes one byte; nothing to do */
	}
	if (atomic_fetch_sub(&l->owners, 1) == 1)
		loading_free(l); /* abandoned: nobody waits for it */
	return NULL;
}

struct loading *loading_start(const char *path, const struct deck_format *format,
			      const char *encoding, struct lt_error *err)
{
	struct loading *l = xcalloc(1, sizeof *l);
	if (pipe2(l->fds, O_NONBLOCK | O_CLOEXEC) != 0) {
		lt_error_set(err, "cannot make a pipe: %s", strerror(errno));
		free(l);
		return NULL;
	}
	l->path = xstrdup(path);
	l->format = format;
	l->encoding = encoding;
	atomic_init(&l->done, false);
	atomic_init(&l->owners, 2); /* the thread and the caller */
	/* signals are the loop's: the thread starts with them all blocked */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int rc = pthread_create(&l->thread, NULL, run, l);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		lt_error_set(err, "cannot start a thread to read the deck: %s",
			     strerror(rc));
		atomic_store(&l->owners, 1);
		loading_free(l);
		return NULL;
	}
	return l;
}

int loading_fd(const struct loading *l)
{
	return l->fds[0];
}

bool loading_done(const struct loading *l)
{
	return atomic_load(&((struct loading *)l)->done);
}

bool loading_finish(struct loading *l, struct deck **out, struct lt_error *err)
{
	pthread_join(l->thread, NULL);
	bool ok = l->ok;
	*out = l->deck;
	l->deck = NULL;
	if (!ok)
		*err = l->err;
	loading_free(l);
	return ok;
}

void loading_abandon(struct loading *l)
{
	if (!l)
		return;
	pthread_detach(l->thread);
	if (atomic_fetch_sub(&l->owners, 1) == 1)
		loading_free(l); /* the thread is done already */
}
