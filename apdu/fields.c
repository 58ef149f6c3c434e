/*
 * Field encodings: cn / n BCD, an / ans text, hex, dates, PIN packing.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "apdu.h"

static int bcd_to_str(const uint8_t *v, size_t n, char *out, size_t out_size,
		      int allow_pad)
{
	size_t i, w = 0;
	int padding = 0;

	if ((v == NULL && n) || out == NULL || out_size == 0)
		return SSCARD_E_INVALID_ARG;
	for (i = 0; i < 2 * n; i++) {
		unsigned nib = (i & 1) ? (v[i / 2] & 0x0F) : (v[i / 2] >> 4);

		if (nib == 0x0F && allow_pad) {
			padding = 1;
			continue;
		}
		if (nib > 9 || padding)
			return SSCARD_E_CARD_DATA;
		if (w + 1 >= out_size)
			return SSCARD_E_BUFFER_TOO_SMALL;
		out[w++] = (char)('0' + nib);
	}
	out[w] = '\0';
	return (int)w;
}

int sscardi_cn_to_str(const uint8_t *v, size_t n, char *out, size_t out_size)
{
	return bcd_to_str(v, n, out, out_size, 1);
}

int sscardi_n_to_str(const uint8_t *v, size_t n, char *out, size_t out_size)
{
	return bcd_to_str(v, n, out, out_size, 0);
}

int sscardi_n_to_u64(const uint8_t *v, size_t n, uint64_t *value)
{
	uint64_t acc = 0;
	size_t i;

	if ((v == NULL && n) || value == NULL)
		return SSCARD_E_INVALID_ARG;
	for (i = 0; i < 2 * n; i++) {
		unsigned nib = (i & 1) ? (v[i / 2] & 0x0F) : (v[i / 2] >> 4);

		if (nib > 9)
			return SSCARD_E_CARD_DATA;
		if (acc > (UINT64_MAX - nib) / 10)
			return SSCARD_E_CARD_DATA;
		acc = acc * 10 + nib;
	}
	*value = acc;
	return 0;
}

size_t sscardi_strip_pad(const uint8_t *v, size_t n)
{
	while (n > 0 && (v[n - 1] == 0x00 || v[n - 1] == 0x20 ||
			 v[n - 1] == 0xFF))
		n--;
	return n;
}

int sscardi_an_to_str(const uint8_t *v, size_t n, char *out, size_t out_size)
{
	size_t i;

	if ((v == NULL && n) || out == NULL || out_size == 0)
		return SSCARD_E_INVALID_ARG;
	n = sscardi_strip_pad(v, n);
	if (n >= out_size)
		return SSCARD_E_BUFFER_TOO_SMALL;
	for (i = 0; i < n; i++) {
		if (v[i] < 0x20 || v[i] > 0x7E)
			return SSCARD_E_CARD_DATA;
		out[i] = (char)v[i];
	}
	out[n] = '\0';
	return (int)n;
}

int sscardi_hex(const uint8_t *v, size_t n, char *out, size_t out_size)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i;

	if ((v == NULL && n) || out == NULL)
		return SSCARD_E_INVALID_ARG;
	if (out_size < 2 * n + 1)
		return SSCARD_E_BUFFER_TOO_SMALL;
	for (i = 0; i < n; i++) {
		out[2 * i] = digits[v[i] >> 4];
		out[2 * i + 1] = digits[v[i] & 0x0F];
	}
	out[2 * n] = '\0';
	return (int)(2 * n);
}

int sscardi_date_valid(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31 };
	int leap, max;

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int format_date(const char *digits, int y, char out[11])
{
	int m = two(digits), d = two(digits + 2);

	if (!sscardi_date_valid(y, m, d))
		return SSCARD_E_CARD_DATA;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	memcpy(out + 5, digits, 2);
	out[7] = '-';
	memcpy(out + 8, digits + 2, 2);
	out[10] = '\0';
	return 0;
}

int sscardi_date8(const uint8_t *v, size_t n, char out[11])
{
	char digits[9];

	if (v == NULL || out == NULL)
		return SSCARD_E_INVALID_ARG;
	if (n != 4 || sscardi_n_to_str(v, n, digits, sizeof(digits)) != 8)
		return SSCARD_E_CARD_DATA;
	return format_date(digits + 4, two(digits) * 100 + two(digits + 2),
			   out);
}

int sscardi_date6(const uint8_t *v, size_t n, char out[11])
{
	char digits[7];

	if (v == NULL || out == NULL)
		return SSCARD_E_INVALID_ARG;
	if (n != 3 || sscardi_n_to_str(v, n, digits, sizeof(digits)) != 6)
		return SSCARD_E_CARD_DATA;
	return format_date(digits + 2, 2000 + two(digits), out);
}

int sscardi_pin_pack(const char *pin, uint8_t out[6])
{
	size_t len, i;

	if (pin == NULL || out == NULL)
		return SSCARD_E_PIN_FORMAT;
	for (len = 0; len <= 12 && pin[len] != '\0'; len++)
		if (pin[len] < '0' || pin[len] > '9')
			return SSCARD_E_PIN_FORMAT;
	if (len < 4 || len > 12)
		return SSCARD_E_PIN_FORMAT;
	for (i = 0; i < (len + 1) / 2; i++) {
		uint8_t hi = (uint8_t)(pin[2 * i] - '0');
		uint8_t lo = 2 * i + 1 < len ? (uint8_t)(pin[2 * i + 1] - '0')
					     : 0x0F;
		out[i] = (uint8_t)((hi << 4) | lo);
	}
	return (int)((len + 1) / 2);
}
