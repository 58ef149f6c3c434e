/*
 * The fuzzers' oracle for text: NUL-terminated inside its field and valid
 * UTF-8 (what JSON and a HIS's screen need), whatever the input said.  A
 * field that fails aborts the run, and libFuzzer keeps the input.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef FUZZ_ORACLE_H
#define FUZZ_ORACLE_H

#include <stdlib.h>
#include <string.h>

static inline void check_text(const char *text, size_t size)
{
	size_t n = strnlen(text, size), i = 0, k;

	if (n == size)
		abort();
	while (i < n) {
		unsigned char c = (unsigned char)text[i++];

		k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 1
		    : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 && c <= 0xF4
		    ? 3 : 9;
		if (k > 3 || i + k > n)
			abort();
		for (; k > 0; k--)
			if (((unsigned char)text[i++] & 0xC0) != 0x80)
				abort();
	}
}

#endif
