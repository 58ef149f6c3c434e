/*
 * libFuzzer: the ELF file sscard-info --check-lib reads
 * (tools/sscard-info/elfneeds.c), which is anyone's.  Oracle: every name
 * reported ends inside the input (ASan: the input is copied into a buffer
 * of exactly its size), and a file refused reports nothing.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfneeds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	const unsigned char *start, *end;
	size_t names;
};

static void note(const char *name, void *user)
{
	struct seen *s = user;
	size_t len = strlen(name);

	if ((const unsigned char *)name < s->start ||
	    (const unsigned char *)name + len >= s->end)
		abort();
	s->names++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size > 0 ? size : 1);
	struct seen s;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	s = (struct seen){ copy, copy + size, 0 };
	if (elf_needs(copy, size, note, note, &s) < 0 && s.names != 0)
		abort();
	free(copy);
	return 0;
}
