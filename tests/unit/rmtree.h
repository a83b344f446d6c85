/* rmtree.h — removes a temporary directory of a test or a benchmark and
 * all in it: depth first, symbolic links removed rather than followed,
 * no shell. Header-only, for tests and benchmarks. */
#ifndef LECTERN_RMTREE_H
#define LECTERN_RMTREE_H

#include <ftw.h>
#include <stdio.h>

static inline int rmtree_one(const char *path, const struct stat *st, int type,
			     struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* 0 when dir and everything in it are gone. */
static inline int rmtree(const char *dir)
{
	return nftw(dir, rmtree_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
