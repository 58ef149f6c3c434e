/*
 * libFuzzer: the hex text libdcrf32's _hex twins and a_hex take from their
 * callers (compat/dcrf32/hex.c).  Oracle: text is taken exactly when its
 * first 2n characters are hex digits, the bytes are theirs (the text again,
 * in upper case), and nothing past those 2n characters, or past a NUL, is
 * read (ASan: the input is copied into a buffer of exactly its size).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dcrf32i.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char bytes[256];
	char text[2 * sizeof(bytes) + 1];
	size_t n = size / 2, i, hex_len;
	char *copy;
	short rv;

	if (n > sizeof(bytes))
		return 0;
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	for (hex_len = 0; hex_len < 2 * n && isxdigit((unsigned char)copy[hex_len]);
	     hex_len++)
		;
	rv = dcrf32i_unhex(copy, n, bytes);
	if ((rv == DCRF32_OK) != (hex_len == 2 * n))
		abort();
	if (rv == DCRF32_OK) {
		dcrf32i_hex(bytes, n, text);
		for (i = 0; i < 2 * n; i++)
			if (text[i] != toupper((unsigned char)copy[i]))
				abort();
		if (text[2 * n] != '\0')
			abort();
	}
	rv = a_hex((unsigned char *)copy, bytes, (short)size);
	if (size % 2 != 0 && rv != DCRF32_E_ARG)
		abort();
	if (size % 2 == 0 && (rv == DCRF32_OK) != (hex_len == size))
		abort();
	free(copy);
	return 0;
}
