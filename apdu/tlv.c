/*
 * The card's simple records (tag, length, value) and BER-TLV for the
 * financial application.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "apdu.h"

#define BER_MAX_DEPTH 8

int sscardi_rec_parse(const uint8_t *buf, size_t len, uint8_t tag,
		      const uint8_t **val, size_t *val_len)
{
	size_t vlen, i;

	if (buf == NULL || val == NULL || val_len == NULL)
		return SSCARD_E_INVALID_ARG;
	if (len < 2 || buf[0] != tag)
		return SSCARD_E_CARD_DATA;
	vlen = buf[1];
	if (vlen > len - 2)
		return SSCARD_E_CARD_DATA;
	/* a fixed-length record may carry padding after the TLV */
	for (i = 2 + vlen; i < len; i++)
		if (buf[i] != 0x00 && buf[i] != 0xFF)
			return SSCARD_E_CARD_DATA;
	*val = buf + 2;
	*val_len = vlen;
	return 0;
}

int sscardi_ber_next(const uint8_t **p, size_t *left, struct sscardi_tlv *out)
{
	const uint8_t *b;
	size_t n, i, len, lenbytes;
	uint32_t tag;

	if (p == NULL || left == NULL || out == NULL || (*p == NULL && *left))
		return SSCARD_E_INVALID_ARG;
	b = *p;
	n = *left;
	while (n > 0 && (b[0] == 0x00 || b[0] == 0xFF)) {
		b++;
		n--;
	}
	if (n == 0) {
		*p = b;
		*left = 0;
		return SSCARD_E_NO_DATA;
	}

	out->constructed = (b[0] & 0x20) != 0;
	tag = b[0];
	i = 1;
	if ((b[0] & 0x1F) == 0x1F) {
		do {
			if (i >= n || i >= 4)
				return SSCARD_E_CARD_DATA;
			tag = (tag << 8) | b[i];
		} while (b[i++] & 0x80);
	}

	if (i >= n)
		return SSCARD_E_CARD_DATA;
	if (b[i] < 0x80) {
		len = b[i++];
	} else {
		lenbytes = b[i++] & 0x7F;
		if (lenbytes == 0 || lenbytes > 3 || lenbytes > n - i)
			return SSCARD_E_CARD_DATA;
		for (len = 0; lenbytes > 0; lenbytes--)
			len = (len << 8) | b[i++];
	}
	if (len > n - i)
		return SSCARD_E_CARD_DATA;

	out->tag = tag;
	out->val = b + i;
	out->len = len;
	*p = b + i + len;
	*left = n - i - len;
	return 0;
}

static int ber_find_depth(const uint8_t *buf, size_t len, uint32_t tag,
			  struct sscardi_tlv *out, int depth)
{
	struct sscardi_tlv t;
	int rv;

	if (depth > BER_MAX_DEPTH)
		return SSCARD_E_CARD_DATA;
	for (;;) {
		rv = sscardi_ber_next(&buf, &len, &t);
		if (rv < 0)
			return rv;
		if (t.tag == tag) {
			*out = t;
			return 0;
		}
		if (t.constructed) {
			rv = ber_find_depth(t.val, t.len, tag, out, depth + 1);
			if (rv != SSCARD_E_NO_DATA)
				return rv;
		}
	}
}

int sscardi_ber_find(const uint8_t *buf, size_t len, uint32_t tag,
		     struct sscardi_tlv *out)
{
	if ((buf == NULL && len) || out == NULL)
		return SSCARD_E_INVALID_ARG;
	return ber_find_depth(buf, len, tag, out, 0);
}
