/*
 * The test PIN pad's keypad (see pad.h).  The structures are PC/SC part 10
 * PIN_VERIFY_STRUCTURE and PIN_MODIFY_STRUCTURE (little-endian, packed), read
 * byte by byte because they come from a client and are untrusted.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "pad.h"

#define VERIFY_HEADER 19
#define MODIFY_HEADER 24
#define LINE_MAX_LEN 128

#define SW_BAD_STRUCT 0x6B80
#define SW_LENGTH 0x6403
#define SW_MISMATCH 0x6402

void pad_wipe(struct pad_entry *e)
{
	OPENSSL_cleanse(e, sizeof(*e));
}

static int parse_digits(const char *word, size_t len, char *out)
{
	size_t i;

	if (len == 0 || len > PAD_DIGITS_MAX)
		return -1;
	for (i = 0; i < len; i++) {
		if (word[i] < '0' || word[i] > '9')
			return -1;
		out[i] = word[i];
	}
	out[len] = '\0';
	return 0;
}

static int parse_line(const char *line, struct pad_entry *e)
{
	const char *p = line;

	if (strcmp(line, "cancel") == 0)
		e->action = PAD_CANCEL;
	else if (strcmp(line, "timeout") == 0)
		e->action = PAD_TIMEOUT;
	else if (strcmp(line, "wait") == 0)
		e->action = PAD_WAIT;
	else
		e->action = PAD_TYPED;
	if (e->action != PAD_TYPED)
		return 0;
	while (*p != '\0') {
		size_t len = strcspn(p, " ");

		if (e->fields == 3 || parse_digits(p, len, e->pin[e->fields]) < 0)
			return -1;
		e->fields++;
		p += len;
		p += strspn(p, " ");
	}
	return e->fields > 0 ? 0 : -1;
}

/* The first line of the file; the rest is written back. */
void pad_next(const char *script, struct pad_entry *e, int *bad)
{
	char line[LINE_MAX_LEN], rest[4096];
	size_t rest_len;
	FILE *f;

	memset(e, 0, sizeof(*e));
	e->action = PAD_TIMEOUT;
	*bad = 0;
	f = fopen(script, "r");
	if (f == NULL)
		return;
	if (fgets(line, sizeof(line), f) == NULL) {
		fclose(f);
		return;
	}
	rest_len = fread(rest, 1, sizeof(rest), f);
	fclose(f);
	f = fopen(script, "w");
	if (f != NULL) {
		fwrite(rest, 1, rest_len, f);
		fclose(f);
	}
	line[strcspn(line, "\r\n")] = '\0';
	if (parse_line(line, e) < 0) {
		pad_wipe(e);
		e->action = PAD_CANCEL;
		*bad = 1;
	}
	OPENSSL_cleanse(line, sizeof(line));
	OPENSSL_cleanse(rest, sizeof(rest));
}

int pad_timeout(const uint8_t *s, size_t s_len)
{
	return s_len > 0 ? s[0] : 0;
}

struct layout {
	unsigned format;        /* 0 binary, 1 BCD, 2 ASCII */
	int right;              /* right-justified in the block */
	size_t pos;             /* PIN offset in the data, bytes */
	size_t block;           /* PIN block size, bytes */
	unsigned len_bits;      /* size of the PIN length field, bits */
	size_t len_pos;         /* its offset in the data, bits */
	size_t min, max;
};

/* bmFormatString, bmPINBlockString, bmPINLengthFormat: only what a reader
 * can honour in whole bytes is accepted */
static int read_layout(const uint8_t *fmt, unsigned max, unsigned min,
		       struct layout *l)
{
	unsigned pos = (fmt[0] >> 3) & 0x0F;

	l->format = fmt[0] & 0x03;
	l->right = (fmt[0] >> 2) & 1;
	if (l->format == 3)
		return -1;
	if (fmt[0] & 0x80) {
		l->pos = pos;
	} else {
		if (pos % 8 != 0)
			return -1;
		l->pos = pos / 8;
	}
	l->block = fmt[1] & 0x0F;
	l->len_bits = fmt[1] >> 4;
	l->len_pos = (size_t)(fmt[2] & 0x0F) * (fmt[2] & 0x10 ? 8 : 1);
	l->min = min;
	l->max = max;
	return min > max || max > PAD_DIGITS_MAX ? -1 : 0;
}

static void put_nibble(uint8_t *b, size_t nibble, unsigned v)
{
	if (nibble % 2 == 0)
		b[nibble / 2] = (uint8_t)((b[nibble / 2] & 0x0F) | v << 4);
	else
		b[nibble / 2] = (uint8_t)((b[nibble / 2] & 0xF0) | v);
}

/* One PIN into data[] (the bytes after Lc, data_len of them) at base. */
static int place_pin(const struct layout *l, const char *pin, size_t base,
		     uint8_t *data, size_t data_len)
{
	size_t n = strlen(pin), i, units, start, block_end;

	if (n < l->min || n > l->max)
		return -SW_LENGTH;
	units = l->format == 1 ? (n + 1) / 2 : n;
	start = base + l->pos;
	block_end = l->block > 0 ? base + l->block : data_len;
	if (block_end > data_len || start + units > block_end)
		return -SW_BAD_STRUCT;
	if (l->right)
		start = block_end - units;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)(pin[i] - '0');

		if (l->format == 1) {
			size_t nib = (l->right && n % 2 ? 1 : 0) + i;

			put_nibble(data + start, nib, d);
		} else {
			data[start + i] = (uint8_t)(l->format == 2 ? '0' + d : d);
		}
	}
	if (l->len_bits > 0) {
		size_t bit = base * 8 + l->len_pos;

		if (l->len_bits != 4 && l->len_bits != 8)
			return -SW_BAD_STRUCT;
		if ((bit + l->len_bits + 7) / 8 > data_len)
			return -SW_BAD_STRUCT;
		if (l->len_bits == 8 && bit % 8 == 0)
			data[bit / 8] = (uint8_t)n;
		else if (l->len_bits == 4 && bit % 4 == 0)
			put_nibble(data, bit / 4, (unsigned)n & 0x0F);
		else
			return -SW_BAD_STRUCT;
	}
	return 0;
}

int pad_build(int modify, const uint8_t *s, size_t s_len,
	      const struct pad_entry *e, uint8_t *apdu, size_t apdu_size)
{
	size_t header = modify ? MODIFY_HEADER : VERIFY_HEADER, len;
	struct layout l;
	uint8_t *data;
	int rv, confirm = 0, ask_old = 1;

	if (s_len < header + 4)
		return -SW_BAD_STRUCT;
	len = (size_t)s[header - 4] | (size_t)s[header - 3] << 8 |
	      (size_t)s[header - 2] << 16 | (size_t)s[header - 1] << 24;
	if (len < 5 || len != s_len - header || len > apdu_size)
		return -SW_BAD_STRUCT;
	memcpy(apdu, s + header, len);
	if (apdu[4] != len - 5)
		return -SW_BAD_STRUCT;
	data = apdu + 5;
	if (modify) {
		confirm = s[9] & 0x01;
		ask_old = (s[9] >> 1) & 0x01;
		rv = read_layout(s + 2, s[7], s[8], &l);
	} else {
		rv = read_layout(s + 2, s[5], s[6], &l);
	}
	if (rv < 0)
		return -SW_BAD_STRUCT;
	if (!modify) {
		if (e->fields != 1)
			return -SW_LENGTH;
		rv = place_pin(&l, e->pin[0], 0, data, len - 5);
		return rv < 0 ? rv : (int)len;
	}
	/* old (when asked), new, and the new again (when confirmed) */
	if (e->fields != ask_old + 1 + confirm)
		return -SW_LENGTH;
	if (confirm && strcmp(e->pin[ask_old], e->pin[ask_old + 1]) != 0)
		return -SW_MISMATCH;
	if (ask_old) {
		rv = place_pin(&l, e->pin[0], s[5], data, len - 5);
		if (rv < 0)
			return rv;
	}
	rv = place_pin(&l, e->pin[ask_old], s[6], data, len - 5);
	return rv < 0 ? rv : (int)len;
}
