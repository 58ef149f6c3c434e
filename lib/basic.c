/*
 * sscard_read_basic: the card file, then the holder file (which may need
 * terminal authentication, and fails alone), decoded and checked.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ssse.h"

/* A malformed field fails its part of the read; err_field names it. */
struct decode {
	const struct sscardi_basic_read *br;
	const char *field;          /* the malformed field, for the caller */
};

static int bad(struct decode *d, const char *field)
{
	d->field = field;
	return SSCARD_E_CARD_DATA;
}

static int an_field(struct decode *d, uint8_t tag, const char *name,
		    char *out, size_t size)
{
	int i = sscardi_ssse_field_index(tag);

	out[0] = '\0';
	if (!d->br->present[i])
		return 0;
	return sscardi_an_to_str(d->br->val[i], d->br->len[i], out, size) < 0
		       ? bad(d, name) : 0;
}

static int date_field(struct decode *d, uint8_t tag, const char *name,
		      char out[11])
{
	int i = sscardi_ssse_field_index(tag);

	out[0] = '\0';
	if (!d->br->present[i])
		return 0;
	return sscardi_date8(d->br->val[i], d->br->len[i], out) < 0
		       ? bad(d, name) : 0;
}

static int digits_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Days since 1970-01-01 of a checked "YYYY-MM-DD" (civil calendar). */
static long day_number(const char *d)
{
	long y = strtol(d, NULL, 10), m = strtol(d + 5, NULL, 10);
	long day = strtol(d + 8, NULL, 10), era, yoe, doy;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int decode_card(struct decode *d, struct sscard_basic *b)
{
	const struct sscardi_basic_read *br = d->br;
	int i = sscardi_ssse_field_index(0x01), rv;
	char now[11];

	if (sscardi_hex(br->val[i], br->len[i], b->id_code,
			sizeof(b->id_code)) < 0 || br->len[i] < 3)
		return bad(d, "id_code");
	memcpy(b->region, b->id_code, 6);
	b->region[6] = '\0';
	if (!digits_only(b->region, 6))
		return bad(d, "id_code");
	rv = an_field(d, 0x02, "card_type", b->card_type, sizeof(b->card_type));
	if (rv == 0)
		rv = an_field(d, 0x03, "version", b->version,
			      sizeof(b->version));
	if (rv < 0)
		return rv;
	i = sscardi_ssse_field_index(0x04);
	if (br->present[i] && sscardi_hex(br->val[i], br->len[i], b->issuer,
					  sizeof(b->issuer)) < 0)
		return bad(d, "issuer");
	rv = date_field(d, 0x05, "issued", b->issued);
	if (rv == 0)
		rv = date_field(d, 0x06, "expires", b->expires);
	if (rv < 0)
		return rv;
	if (an_field(d, 0x07, "number", b->number, sizeof(b->number)) < 0 ||
	    strlen(b->number) < 9)
		return bad(d, "number");
	b->number[9] = '\0';
	b->number_check_ok = sscardi_cardno_check(b->number);
	b->test_card = strncmp(b->number, "CON", 3) == 0;
	if (b->expires[0] != '\0') {
		today(now);
		b->expired = strcmp(b->expires, now) < 0;
		/* temporary cards are valid for at most six months */
		b->temporary =
			b->issued[0] != '\0' &&
			day_number(b->expires) - day_number(b->issued) <= 184;
	}
	return 0;
}

static int valid_ssn(char *ssn)
{
	size_t n = strlen(ssn);

	if (n == 18 && ssn[17] == 'x')
		ssn[17] = 'X';
	if (n == 18)
		return digits_only(ssn, 17) &&
		       (ssn[17] == 'X' || (ssn[17] >= '0' && ssn[17] <= '9'));
	return n == 15 && digits_only(ssn, 15);
}

static int decode_name(sscard *card, struct decode *d, struct sscard_basic *b)
{
	const struct sscardi_basic_read *br = d->br;
	int n = sscardi_ssse_field_index(0x09);
	int x = sscardi_ssse_field_index(0x4E);
	uint8_t raw[255 * 2];
	size_t len = sscardi_strip_pad(br->val[n], br->len[n]);
	iconv_t gb18030;
	int rv;

	memcpy(raw, br->val[n], len);
	if (br->present[x]) {
		size_t xlen = sscardi_strip_pad(br->val[x], br->len[x]);

		memcpy(raw + len, br->val[x], xlen);
		len += xlen;
	}
	if (len == 0)
		return bad(d, "name");
	gb18030 = sscardi_ctx_gb18030(card->chan.ctx);
	if (gb18030 == (iconv_t)-1)
		return SSCARD_E_INTERNAL;
	rv = sscardi_gb18030_to_utf8(gb18030, raw, len, b->name,
				     sizeof(b->name));
	return rv < 0 ? bad(d, "name") : 0;
}

static int decode_holder(sscard *card, struct decode *d,
			 struct sscard_basic *b)
{
	const struct sscardi_basic_read *br = d->br;
	char code[8];
	int i, rv;

	if (an_field(d, 0x08, "ssn", b->ssn, sizeof(b->ssn)) < 0 ||
	    !valid_ssn(b->ssn))
		return bad(d, "ssn");
	rv = decode_name(card, d, b);
	if (rv < 0)
		return rv;
	i = sscardi_ssse_field_index(0x0A);
	if (br->present[i]) {
		if (an_field(d, 0x0A, "sex", code, sizeof(code)) < 0 ||
		    strlen(code) != 1 ||
		    sscardi_sex_names(code[0], b->sex_en, sizeof(b->sex_en),
				      b->sex_zh, sizeof(b->sex_zh)) < 0)
			return bad(d, "sex");
		b->sex = code[0];
	}
	i = sscardi_ssse_field_index(0x0B);
	if (br->present[i]) {
		if (sscardi_cn_to_str(br->val[i], br->len[i], code,
				      sizeof(code)) != 2)
			return bad(d, "nation");
		b->nation = (code[0] - '0') * 10 + (code[1] - '0');
		if (sscardi_nation_names(b->nation, b->nation_en,
					 sizeof(b->nation_en), b->nation_zh,
					 sizeof(b->nation_zh)) < 0)
			return bad(d, "nation");
	}
	i = sscardi_ssse_field_index(0x0C);
	if (br->present[i] &&
	    sscardi_cn_to_str(br->val[i], br->len[i], b->birthplace,
			      sizeof(b->birthplace)) < 0)
		return bad(d, "birthplace");
	return date_field(d, 0x0D, "birth_date", b->birth_date);
}

static int is_v1(const struct sscardi_basic_read *br)
{
	int i = sscardi_ssse_field_index(0x03);

	return br->present[i] && br->len[i] >= 2 && br->val[i][0] == '1' &&
	       br->val[i][1] == '.';
}

/* What keeps the holder part from being read, the card part read: no key,
 * a key the card refuses, a malformed holder field. */
static int holder_only(int err)
{
	return err == SSCARD_E_AUTH_REQUIRED || err == SSCARD_E_CARD_DATA ||
	       err == SSCARD_E_KEY_WRONG || err == SSCARD_E_KEY_LOCKED ||
	       err == SSCARD_E_KEY_LAST_TRY || err == SSCARD_E_NO_KEY_STORE ||
	       err == SSCARD_E_NO_KEY || err == SSCARD_E_HSM ||
	       err == SSCARD_E_NOT_SUPPORTED;
}

/* The holder part could not be had: the card part stays, the holder
 * fields are emptied, and the reason is kept with the card's SW. */
static void holder_failed(sscard *card, struct sscard_basic *b, int err,
			  const char *field)
{
	memset(b->ssn, 0, sizeof(b->ssn));
	memset(b->name, 0, sizeof(b->name));
	b->sex = 0;
	memset(b->sex_en, 0, sizeof(b->sex_en));
	memset(b->sex_zh, 0, sizeof(b->sex_zh));
	b->nation = -1;
	memset(b->nation_en, 0, sizeof(b->nation_en));
	memset(b->nation_zh, 0, sizeof(b->nation_zh));
	memset(b->birthplace, 0, sizeof(b->birthplace));
	memset(b->birth_date, 0, sizeof(b->birth_date));
	b->holder_status = err;
	b->holder_sw = err == SSCARD_E_CARD_DATA ? 0 : card->chan.last_sw;
	if (field != NULL)
		snprintf(b->error_field, sizeof(b->error_field), "%s", field);
}

static int read_basic_op(sscard *card, void *arg)
{
	struct sscard_basic *b = arg;
	struct decode d = { NULL, NULL };
	struct sscardi_basic_read *br;
	size_t i;
	int rv, holder_rv = 0, holder_asked = 0;

	memset(b, 0, sizeof(*b));
	b->nation = -1;
	br = calloc(1, sizeof(*br));
	if (br == NULL)
		return SSCARD_E_NO_MEMORY;
	d.br = br;
	rv = sscardi_select_ssse(card);
	if (rv < 0)
		goto out;
	for (i = 0; i < SSCARDI_SSSE_NFIELDS; i++) {
		const struct sscardi_ssse_field *f = &sscardi_ssse_fields[i];

		if (f->ef == EF06 && holder_rv != 0)
			break;
		if (f->ef == EF06 && !holder_asked && card->keys != NULL &&
		    sscardi_holder_guarded(card->chan.ctx, card->id_code)) {
			rv = sscardi_unlock_first(card, SSCARDI_KEY_RKSSSE);
			if (rv < 0)
				goto out;
		}
		if (f->ef == EF06)
			holder_asked = 1;
		if (f->tag == 0x4E && is_v1(br))
			continue;   /* 1.00 cards have no name extension */
		rv = sscardi_ssse_read_field(card, i, br);
		if (f->ef == EF06 && holder_only(rv)) {
			/* the holder part fails alone; the card part stays */
			holder_failed(card, b, rv, rv == SSCARD_E_CARD_DATA
						   ? f->name : NULL);
			holder_rv = rv;
			rv = 0;
			continue;
		}
		if (rv == SSCARD_E_CARD_DATA)
			d.field = f->name;
		if (rv < 0)
			goto out;
		if (f->tag == 0x01 && br->present[i])
			sscardi_hex(br->val[i], br->len[i], card->id_code,
				    sizeof(card->id_code));
		if (f->required && !br->present[i] &&
		    (card->read_mode[f->ef] != SSCARDI_READ_EF_RECNO ||
		     br->recs_scanned[f->ef])) {
			rv = SSCARD_E_NOT_FOUND;
			goto out;
		}
	}
	rv = decode_card(&d, b);
	if (rv < 0)
		goto out;
	memcpy(card->id_code, b->id_code, sizeof(card->id_code));
	if (card->refused & (1u << SSCARDI_KEY_RKSSSE))
		sscardi_holder_guarded_note(card->chan.ctx, card->id_code);
	if (holder_rv == 0) {
		holder_rv = decode_holder(card, &d, b);
		if (holder_rv < 0)
			holder_failed(card, b, holder_rv, d.field);
	}
	b->algorithm = card->algorithm;
	memcpy(b->atr, card->chan.atr, card->chan.atr_len);
	b->atr_len = card->chan.atr_len;
out:
	free(br);
	if (rv < 0) {
		memset(b, 0, sizeof(*b));
		if (d.field != NULL)
			snprintf(b->error_field, sizeof(b->error_field), "%s",
				 d.field);
	}
	return rv;
}

int sscard_read_basic(sscard *card, struct sscard_basic *info)
{
	int rv;

	if (card == NULL || info == NULL)
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	if (sscardi_memo_basic_get(card, info))
		return 0;
	rv = sscardi_run_read(card, read_basic_op, info);
	if (rv < 0) {
		char field[sizeof(info->error_field)];

		memcpy(field, info->error_field, sizeof(field));
		memset(info, 0, sizeof(*info));
		memcpy(info->error_field, field, sizeof(field));
		return rv;
	}
	if (info->holder_status == 0)
		sscardi_memo_basic_put(card, info);
	return info->holder_status;
}
