/*
 * The medical-insurance account on the card, read through the context's
 * region profile.  Amounts are integers of fen throughout.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* 6982: the PIN when the profile's access names it and none is verified;
 * otherwise the terminal key (RK1DF04): 0 when it opened the area, and the
 * refused command goes again. */
static int denied(sscard *card)
{
	if (card->chan.ctx->region.access != SSCARDI_ACCESS_NONE &&
	    !card->pin_verified)
		return SSCARD_E_PIN_REQUIRED;
	return sscardi_denied(card, SSCARDI_KEY_RK1DF04);
}

static const struct sscardi_sw_rule area_rules[] = {
	SSCARDI_SW(0x6A82, SSCARD_E_NO_DATA),   /* no medical area */
	SSCARDI_SW_END
};

static int select_area(sscard *card, const struct sscardi_region *r)
{
	uint8_t fid[2] = { (uint8_t)(r->df_fid >> 8), (uint8_t)r->df_fid };
	uint16_t sw;
	int rv;

	if (card->app == SSCARDI_APP_MEDICAL && card->medical_df == r->df_fid &&
	    r->df_aid_len == 0 && (card->keys == NULL || card->id_code[0]))
		goto select_ef;
	rv = sscardi_select_ssse(card);
	if (rv == 0 && card->keys != NULL)
		rv = sscardi_learn_id(card); /* factors, if DF04 wants a key */
	if (rv < 0)
		return rv;
	card->opened = 0;           /* a DF selected: its keys shut */
	if (r->df_aid_len > 0)
		rv = sscardi_cmd_unlock(card, denied, 0xA4, 0x04, 0x00,
					r->df_aid, r->df_aid_len,
					SSCARDI_NO_LE, NULL, NULL, &sw);
	else
		rv = sscardi_cmd_unlock(card, denied, 0xA4, 0x00, 0x00, fid,
					2, SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv < 0)
		return rv;
	rv = sscardi_sw_map(sw, area_rules);
	if (rv < 0)
		return rv;
	card->app = SSCARDI_APP_MEDICAL;
	card->medical_df = r->df_fid;
	card->ef = 0;
select_ef:
	rv = sscardi_select_ef(card, r->ef_fid);
	if (rv == SSCARD_E_AUTH_REQUIRED) {
		rv = denied(card);
		if (rv == 0)
			rv = sscardi_select_ef(card, r->ef_fid);
	}
	if (rv == SSCARD_E_NOT_FOUND)
		return SSCARD_E_NO_DATA;
	/* the balance is behind RK1DF04 on real cards (lib/card.md): open it
	 * before reading, once the PIN the profile names is verified */
	if (rv == 0 && card->keys != NULL &&
	    (r->access == SSCARDI_ACCESS_NONE || card->pin_verified))
		rv = sscardi_unlock_first(card, SSCARDI_KEY_RK1DF04);
	return rv;
}

/* Look for tag among the EF's records by number (cards without read by
 * identifier). */
static int scan_for(sscard *card, uint8_t tag, uint8_t rec[256], size_t *len)
{
	uint16_t sw;
	int recno = 0, rv;

	for (;;) {
		rv = sscardi_record_next(card, denied, &recno, rec, len, &sw);
		if (rv < 0)
			return rv;
		if (rv == SSCARDI_RECORD_END)
			return SSCARD_E_NOT_FOUND;
		if (rv == SSCARDI_RECORD_REFUSED)
			return sscardi_sw_map(sw, NULL);
		if (*len >= 2 && rec[0] == tag)
			return 0;
	}
}

/* Read one field's value into val (val_len in: size, out: length);
 * SSCARD_E_NOT_FOUND when the card has no such record. */
static int read_field(sscard *card, const struct sscardi_field *f,
		      uint8_t *val, size_t *val_len)
{
	uint8_t rec[258];
	size_t len = sizeof(rec), vlen;
	const uint8_t *v;
	uint16_t sw;
	int rv;

	rv = sscardi_record_by_tag(card, denied, f->tag, 0x00, f->len, rec,
				   &len, &sw);
	if (rv < 0)
		return rv;
	if (sscardi_sw_in(sw, SSCARDI_SWS_TAG_READ_REFUSED)) {
		rv = scan_for(card, f->tag, rec, &len);
		if (rv < 0)
			return rv;
		sw = 0x9000;
	}
	if (sscardi_sw_in(sw, SSCARDI_SWS_TAG_ABSENT))
		return SSCARD_E_NOT_FOUND;
	if (sw != 0x9000 && sw != 0x6282)
		return sscardi_sw_map(sw, NULL);
	rv = sscardi_rec_parse(rec, len, f->tag, &v, &vlen);
	if (rv < 0)
		return rv;
	if (vlen > *val_len)
		return SSCARD_E_CARD_DATA;
	memcpy(val, v, vlen);
	*val_len = vlen;
	return 0;
}

/* "123.45", "-7", "0.5": at most two decimals, into fen. */
static int ascii_amount(const char *s, int64_t *fen)
{
	int neg = 0, decimals = -1;
	uint64_t acc = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s == '\0')
		return SSCARD_E_CARD_DATA;
	for (; *s != '\0'; s++) {
		if (*s == '.' && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || decimals == 2)
			return SSCARD_E_CARD_DATA;
		if (acc > (uint64_t)INT64_MAX / 10)
			return SSCARD_E_CARD_DATA;
		acc = acc * 10 + (uint64_t)(*s - '0');
		if (decimals >= 0)
			decimals++;
	}
	for (decimals = decimals < 0 ? 0 : decimals; decimals < 2; decimals++) {
		if (acc > (uint64_t)INT64_MAX / 10)
			return SSCARD_E_CARD_DATA;
		acc *= 10;
	}
	if (acc > (uint64_t)INT64_MAX)
		return SSCARD_E_CARD_DATA;
	*fen = neg ? -(int64_t)acc : (int64_t)acc;
	return 0;
}

static int decode_amount(const struct sscardi_field *f, const uint8_t *v,
			 size_t n, int64_t *fen)
{
	char digits[40];
	uint64_t acc = 0;
	size_t i;
	int rv;

	switch (f->enc) {
	case SSCARDI_ENC_BCD:
		rv = sscardi_cn_to_str(v, n, digits, sizeof(digits));
		if (rv <= 0 || rv > 18)
			return SSCARD_E_CARD_DATA;
		for (i = 0; digits[i] != '\0'; i++)
			acc = acc * 10 + (uint64_t)(digits[i] - '0');
		break;
	case SSCARDI_ENC_BINARY:
		if (n == 0 || n > 8)
			return SSCARD_E_CARD_DATA;
		for (i = 0; i < n; i++)
			acc = acc << 8 | v[i];
		break;
	case SSCARDI_ENC_ASCII:
		if (sscardi_an_to_str(v, n, digits, sizeof(digits)) < 0)
			return SSCARD_E_CARD_DATA;
		rv = ascii_amount(digits, fen);
		if (rv < 0)
			return rv;
		if (f->yuan &&
		    (*fen > INT64_MAX / 100 || *fen < INT64_MIN / 100))
			return SSCARD_E_CARD_DATA;
		if (f->yuan)
			*fen *= 100;
		return 0;
	default:
		return SSCARD_E_CARD_DATA;
	}
	if (acc > (uint64_t)INT64_MAX ||
	    (f->yuan && acc > (uint64_t)INT64_MAX / 100))
		return SSCARD_E_CARD_DATA;
	*fen = (int64_t)(f->yuan ? acc * 100 : acc);
	return 0;
}

static int text_field(sscard *card, const struct sscardi_field *f, char *out,
		      size_t size)
{
	uint8_t val[255];
	size_t n = sizeof(val);
	int rv;

	out[0] = '\0';
	if (!f->present)
		return 0;
	rv = read_field(card, f, val, &n);
	if (rv == SSCARD_E_NOT_FOUND)
		return 0;
	if (rv < 0)
		return rv;
	switch (f->enc) {
	case SSCARDI_ENC_DATE8:
		return sscardi_date8(val, n, out);
	case SSCARDI_ENC_BCD:
		rv = sscardi_cn_to_str(val, n, out, size);
		break;
	case SSCARDI_ENC_BINARY:
		rv = sscardi_hex(val, n, out, size);
		break;
	default:
		rv = sscardi_an_to_str(val, n, out, size);
	}
	return rv < 0 ? SSCARD_E_CARD_DATA : 0;
}

static int medical_op(sscard *card, void *arg)
{
	const struct sscardi_region *r = &card->chan.ctx->region;
	struct sscard_medical *m = arg;
	uint8_t val[255];
	size_t n = sizeof(val);
	int rv;

	memset(m, 0, sizeof(*m));
	rv = select_area(card, r);
	if (rv < 0)
		return rv;
	rv = read_field(card, &r->balance, val, &n);
	if (rv == SSCARD_E_NOT_FOUND)
		return SSCARD_E_NO_DATA;
	if (rv < 0)
		return rv;
	rv = decode_amount(&r->balance, val, n, &m->balance_fen);
	if (rv < 0)
		return rv;
	rv = text_field(card, &r->category, m->category, sizeof(m->category));
	if (rv < 0)
		return rv;
	rv = text_field(card, &r->updated, m->updated, sizeof(m->updated));
	if (rv < 0)
		return rv;
	snprintf(m->profile, sizeof(m->profile), "%s", r->name);
	return 0;
}

int sscard_medical_read(sscard *card, struct sscard_medical *m)
{
	int rv;

	if (card == NULL || m == NULL)
		return SSCARD_E_INVALID_ARG;
	rv = sscardi_run_read(card, medical_op, m);
	if (rv < 0)
		memset(m, 0, sizeof(*m));
	return rv;
}

int sscard_format_yuan(int64_t fen, char *buf, size_t size)
{
	uint64_t mag = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;
	int n;

	if (buf == NULL || size == 0)
		return SSCARD_E_INVALID_ARG;
	n = snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, fen < 0 ? "-" : "",
		     mag / 100, mag % 100);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return SSCARD_E_BUFFER_TOO_SMALL;
	}
	return n;
}
