/*
 * The text an HSM answers (lib/card.md, HSM mode): hex, '|' after each
 * part, a final newline allowed, nothing else.  It comes from a program or
 * a caller's pKey, so every byte is checked before any is used.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "apdu.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

int sscardi_unhex(const char *s, uint8_t *out, size_t n)
{
	size_t i;

	for (i = 0; i < 2 * n; i++) {
		int v = hex_digit(s[i]);

		if (v < 0)
			return -1;
		if (i % 2 == 0)
			out[i / 2] = (uint8_t)(v << 4);
		else
			out[i / 2] |= (uint8_t)v;
	}
	return 0;
}

/* after the parts: nothing, or a newline */
static int at_end(const char *rest)
{
	if (*rest == '\n')
		rest++;
	return *rest == '\0' ? 0 : -1;
}

int sscardi_hsm_results(const char *a, uint8_t r1[16], uint8_t r2[16])
{
	if (strnlen(a, 66) < 66 || sscardi_unhex(a, r1, 16) < 0 ||
	    a[32] != '|' || sscardi_unhex(a + 33, r2, 16) < 0 || a[65] != '|')
		return -1;
	return at_end(a + 66);
}

int sscardi_hsm_hex(const char *a, uint8_t *out, size_t want)
{
	if (strnlen(a, 2 * want) < 2 * want || sscardi_unhex(a, out, want) < 0)
		return -1;
	a += 2 * want;
	if (*a == '|')
		a++;
	return at_end(a);
}
