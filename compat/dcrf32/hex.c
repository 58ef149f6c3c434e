/*
 * Hex text and bytes: the _hex twins' parameters, hex_a and a_hex.  Pure:
 * no I/O, no state (tests/fuzz/fuzz_dcrf32_hex.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "dcrf32i.h"

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

short dcrf32i_unhex(const char *text, size_t n, unsigned char *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int hi, lo;

		/* a NUL ends the text early: nibble() refuses it, and
		 * nothing past it is read */
		hi = nibble(text[2 * i]);
		if (hi < 0)
			return DCRF32_E_ARG;
		lo = nibble(text[2 * i + 1]);
		if (lo < 0)
			return DCRF32_E_ARG;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return DCRF32_OK;
}

void dcrf32i_hex(const unsigned char *in, size_t n, char *text)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		text[2 * i] = digits[in[i] >> 4];
		text[2 * i + 1] = digits[in[i] & 0x0F];
	}
	text[2 * n] = '\0';
}

/* bytes to text: a gets 2 * length characters and a NUL */
short hex_a(unsigned char *hex, unsigned char *a, short length)
{
	if (hex == NULL || a == NULL || length < 0)
		return DCRF32_E_ARG;
	dcrf32i_hex(hex, (size_t)length, (char *)a);
	return DCRF32_OK;
}

/* text of len characters (even) to len / 2 bytes */
short a_hex(unsigned char *a, unsigned char *hex, short len)
{
	if (a == NULL || hex == NULL || len < 0 || len % 2 != 0)
		return DCRF32_E_ARG;
	return dcrf32i_unhex((const char *)a, (size_t)len / 2, hex);
}
