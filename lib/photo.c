/*
 * sscard_read_photo: the SSSE's EF08, a JPEG read in pieces until its end
 * marker.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ssse.h"

#define PHOTO_MAX 0x7FFF            /* READ BINARY offsets are 15 bits */
#define PHOTO_CHUNK 0xFF

struct photo_args {
	unsigned char **jpeg;
	size_t *len;
};

static int read_photo_op(sscard *card, void *arg)
{
	struct photo_args *a = arg;
	uint8_t *buf = NULL, *grown;
	size_t cap = 4096, got = 0, end = 0, len;
	uint16_t sw;
	int rv, done = 0;

	rv = sscardi_select_ssse(card);
	if (rv == 0 && card->keys != NULL)
		rv = sscardi_learn_id(card); /* factors, if EF08 wants a key */
	if (rv < 0)
		return rv;
	rv = sscardi_select_ef(card, 0xEF08);
	if (rv < 0)
		return rv == SSCARD_E_NOT_FOUND ? SSCARD_E_NO_DATA : rv;
	/* real cards guard EF08 (lib/card.md) */
	rv = sscardi_unlock_first(card, SSCARDI_KEY_RKSSSE);
	if (rv < 0)
		return rv;
	buf = malloc(cap);
	if (buf == NULL)
		return SSCARD_E_NO_MEMORY;
	while (!done) {
		if (got >= PHOTO_MAX) {
			rv = SSCARD_E_CARD_DATA;
			goto out;
		}
		if (cap - got < 256) {
			grown = realloc(buf, cap * 2);
			if (grown == NULL) {
				rv = SSCARD_E_NO_MEMORY;
				goto out;
			}
			buf = grown;
			cap *= 2;
		}
		len = cap - got;
		rv = sscardi_cmd_unlock(card, sscardi_ssse_unlock, 0xB0,
					(uint8_t)(got >> 8), (uint8_t)got,
					NULL, 0,
					PHOTO_MAX - got < PHOTO_CHUNK
						? (int)(PHOTO_MAX - got)
						: PHOTO_CHUNK,
					buf + got, &len, &sw);
		if (rv < 0)
			goto out;
		if (sw == 0x6B00 || (sw == 0x9000 && len == 0)) {
			rv = SSCARD_E_CARD_DATA;    /* file ended before EOI */
			goto out;
		}
		if (sw != 0x9000 && sw != 0x6282) {
			rv = sscardi_sw_map(sw, sscardi_ssse_file_rules);
			goto out;
		}
		got += len;
		rv = sscardi_jpeg_scan(buf, got, &end);
		if (rv < 0)
			goto out;
		done = rv == 1;
		if (!done && (sw == 0x6282 || len < PHOTO_CHUNK)) {
			rv = SSCARD_E_CARD_DATA;
			goto out;
		}
	}
	grown = realloc(buf, end);
	if (grown != NULL)
		buf = grown;
	*a->jpeg = buf;
	*a->len = end;
	buf = NULL;
	rv = 0;
out:
	free(buf);
	return rv;
}

int sscard_read_photo(sscard *card, unsigned char **jpeg, size_t *len)
{
	struct photo_args a = { jpeg, len };
	int rv;

	if (card == NULL || jpeg == NULL || len == NULL)
		return SSCARD_E_INVALID_ARG;
	*jpeg = NULL;
	*len = 0;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	rv = sscardi_memo_photo_get(card, jpeg, len);
	if (rv != 0)
		return rv < 0 ? SSCARD_E_NO_MEMORY : 0;
	rv = sscardi_run_read(card, read_photo_op, &a);
	if (rv == 0)
		sscardi_memo_photo_put(card, *jpeg, *len);
	return rv;
}
