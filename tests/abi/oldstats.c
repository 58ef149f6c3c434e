/*
 * A program built against libsscard 0.4 keeps its struct sscard_stats: the
 * function it was linked to (version LIBSSCARD_0) writes the 32 bytes of
 * that struct and not one more; the current one (LIBSSCARD_0.5) fills the
 * struct with its reserved space.  Run by tests/install-check.sh on the
 * installed library: prints "ok" or what went wrong.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "sscard.h"

#define V0_SIZE 32              /* 0.4's struct on LP64 */

typedef void (*keys_stats_fn)(const sscard_keys *keys, void *stats);

static int filled(const unsigned char *b, size_t from, size_t to, int v)
{
	for (; from < to; from++)
		if (b[from] != v)
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	unsigned char buf[sizeof(struct sscard_stats) + 16];
	keys_stats_fn old_fn, new_fn;
	void *lib;

	if (argc != 2 || sizeof(long) != 8) {
		puts("usage: oldstats LIBSSCARD_SO (LP64)");
		return 2;
	}
	lib = dlopen(argv[1], RTLD_NOW);
	if (lib == NULL) {
		printf("dlopen: %s\n", dlerror());
		return 1;
	}
	old_fn = (keys_stats_fn)dlvsym(lib, "sscard_keys_get_stats", "LIBSSCARD_0");
	new_fn = (keys_stats_fn)dlvsym(lib, "sscard_keys_get_stats", "LIBSSCARD_0.5");
	if (old_fn == NULL || new_fn == NULL ||
	    dlvsym(lib, "sscard_get_stats", "LIBSSCARD_0") == NULL ||
	    dlvsym(lib, "sscard_get_stats", "LIBSSCARD_0.5") == NULL) {
		puts("a version of sscard_get_stats or sscard_keys_get_stats is missing");
		return 1;
	}
	memset(buf, 0xAA, sizeof(buf));
	old_fn(NULL, buf);
	if (!filled(buf, 0, V0_SIZE, 0) || !filled(buf, V0_SIZE, sizeof(buf), 0xAA)) {
		puts("LIBSSCARD_0: not exactly 0.4's 32 bytes written");
		return 1;
	}
	memset(buf, 0xAA, sizeof(buf));
	new_fn(NULL, buf);
	if (!filled(buf, 0, sizeof(struct sscard_stats), 0) ||
	    !filled(buf, sizeof(struct sscard_stats), sizeof(buf), 0xAA)) {
		puts("LIBSSCARD_0.5: not exactly the current struct written");
		return 1;
	}
	dlclose(lib);
	puts("ok");
	return 0;
}
