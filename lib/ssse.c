/*
 * The social-security application (SSSE): select, the card and holder
 * files EF05 / EF06, and the photo EF08.
 *
 * Records are read by tag with the short file identifier, which needs no
 * SELECT of the EF (lib/card.md).  A card that refuses that form gets, for that
 * EF only and for the rest of the session, SELECT EF + read by tag, and
 * then SELECT EF + read by record number with every answer's tag checked.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

static const uint8_t ssse_aid[] = {
	0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E,     /* "sx1.sh." */
	0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF /* GBK 社会保障 */
};

#define EF05 0
#define EF06 1
#define RECS_MAX 32                 /* records looked at per EF */
#define PHOTO_MAX 0x7FFF            /* READ BINARY offsets are 15 bits */
#define PHOTO_CHUNK 0xFF

struct field {
	int ef;
	uint8_t tag;
	uint8_t len;                /* per lib/card.md: Le = len + 2 */
	int required;
	const char *name;           /* in errors: sscard_basic.error_field */
};

static const struct field fields[] = {
	{ EF05, 0x01, 16, 1, "id_code" }, { EF05, 0x02, 1, 0, "card_type" },
	{ EF05, 0x03, 4, 0, "version" }, { EF05, 0x04, 12, 0, "issuer" },
	{ EF05, 0x05, 4, 0, "issued" }, { EF05, 0x06, 4, 0, "expires" },
	{ EF05, 0x07, 9, 1, "number" },
	{ EF06, 0x08, 18, 1, "ssn" }, { EF06, 0x09, 30, 1, "name" },
	{ EF06, 0x0A, 1, 0, "sex" }, { EF06, 0x0B, 1, 0, "nation" },
	{ EF06, 0x0C, 3, 0, "birthplace" }, { EF06, 0x0D, 4, 0, "birth_date" },
	{ EF06, 0x4E, 20, 0, "name" },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static const uint8_t ef_sfi[2] = { 5, 6 };
static const uint16_t ef_fid[2] = { 0xEF05, 0xEF06 };

/* Values read in one basic read, by field index. */
struct basic_read {
	uint8_t val[NFIELDS][255];
	size_t len[NFIELDS];
	int present[NFIELDS];
	int ok_in_mode[2];          /* a read of this EF has worked */
	int recs_scanned[2];
};

static int alg_from_fci(const uint8_t *fci, size_t len)
{
	struct sscardi_tlv t, inner;

	if (sscardi_ber_find(fci, len, 0x86, &t) != 0 &&
	    (sscardi_ber_find(fci, len, 0x9F0C, &inner) != 0 ||
	     sscardi_ber_find(inner.val, inner.len, 0x86, &t) != 0))
		return SSCARD_ALG_UNKNOWN;
	if (t.len != 1 || t.val[0] < 1 || t.val[0] > 3)
		return SSCARD_ALG_UNKNOWN;
	return t.val[0];
}

static const struct sscardi_sw_rule select_ssse_rules[] = {
	SSCARDI_SW(0x6283, SSCARD_E_APP_BLOCKED),
	SSCARDI_SW(0x6A81, SSCARD_E_APP_BLOCKED),
	SSCARDI_SW(0x6A82, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW(0x6A86, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW(0x6D00, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW(0x6E00, SSCARD_E_NOT_SSCARD),
	SSCARDI_SW_END
};

/* 6982 where a file is named: terminal authentication. */
static const struct sscardi_sw_rule file_rules[] = {
	SSCARDI_SW(0x6982, SSCARD_E_AUTH_REQUIRED),
	SSCARDI_SW_END
};

int sscardi_select_ssse(sscard *card)
{
	uint8_t fci[256];
	size_t fci_len = sizeof(fci);
	uint16_t sw;
	int rv;

	if (card->app == SSCARDI_APP_SSSE)
		return 0;
	rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x04, 0x00, ssse_aid,
			 sizeof(ssse_aid), SSCARDI_NO_LE, fci, &fci_len, &sw);
	if (rv == SSCARD_E_BUFFER_TOO_SMALL)
		return SSCARD_E_PROTOCOL;
	if (rv < 0)
		return rv;
	rv = sscardi_sw_map(sw, select_ssse_rules);
	if (rv < 0)
		return rv;
	card->app = SSCARDI_APP_SSSE;
	card->ef = 0;
	card->algorithm = alg_from_fci(fci, fci_len);
	return 0;
}

int sscardi_select_ssse_again(sscard *card)
{
	card->app = SSCARDI_APP_NONE;
	card->pin_verified = 0;     /* the card's answer says it again */
	return sscardi_select_ssse(card);
}

/* SELECT EF by FID in the current DF; P1 02, or 00 for cards that want it. */
int sscardi_select_ef(sscard *card, uint16_t fid)
{
	uint8_t id[2] = { (uint8_t)(fid >> 8), (uint8_t)fid };
	uint16_t sw;
	int rv;

	if (card->ef == fid)
		return 0;
	/* an FCP in the answer is not needed: resp NULL drops it */
	rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x02, 0x00, id, 2,
			 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv == 0 && sscardi_sw_in(sw, SSCARDI_SWS_SELECT_P1_REFUSED))
		rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x00, 0x00, id, 2,
				 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv < 0)
		return rv;
	if (sw != 0x9000) {
		card->ef = 0;
		return sscardi_sw_map(sw, file_rules);
	}
	card->ef = fid;
	return 0;
}

/* Read every record of an EF by number (the last fallback), keeping the
 * fields of the table by their tag. */
static int scan_records(sscard *card, int ef, struct basic_read *br)
{
	uint8_t rec[256];
	size_t len, i;
	uint16_t sw;
	int recno, rv;

	rv = sscardi_select_ef(card, ef_fid[ef]);
	if (rv < 0)
		return rv;
	for (recno = 1; recno <= RECS_MAX; recno++) {
		len = sizeof(rec);
		rv = sscardi_cmd(&card->chan, 0x00, 0xB2, (uint8_t)recno, 0x04,
				 NULL, 0, 256, rec, &len, &sw);
		if (rv < 0)
			return rv;
		if (sw == 0x6982) {
			rv = sscardi_denied(card, SSCARDI_KEY_RKSSSE);
			if (rv < 0)
				return rv;
			recno--;            /* the same record again */
			continue;
		}
		if (sscardi_sw_in(sw, SSCARDI_SWS_RECORDS_END))
			break;
		if (sw != 0x9000 && sw != 0x6282)
			return recno == 1 ? SSCARD_E_NOT_SUPPORTED
					  : SSCARD_E_CARD_DATA;
		if (len < 2)
			return SSCARD_E_CARD_DATA;
		for (i = 0; i < NFIELDS; i++) {
			const uint8_t *v;
			size_t vlen;

			if (fields[i].ef != ef || fields[i].tag != rec[0])
				continue;
			rv = sscardi_rec_parse(rec, len, rec[0], &v, &vlen);
			if (rv < 0)
				return rv;
			memcpy(br->val[i], v, vlen);
			br->len[i] = vlen;
			br->present[i] = 1;
		}
	}
	br->recs_scanned[ef] = 1;
	return 0;
}

/* Read field i into br, by the EF's current read mode. */
static int read_field(sscard *card, size_t i, struct basic_read *br)
{
	const struct field *f = &fields[i];
	int *mode = &card->read_mode[f->ef];
	uint8_t rec[256];
	const uint8_t *v;
	size_t len, vlen;
	uint16_t sw;
	int rv;

	while (*mode != SSCARDI_READ_EF_RECNO) {
		uint8_t p2 = *mode == SSCARDI_READ_SFI_TAG
				     ? (uint8_t)(ef_sfi[f->ef] << 3) : 0x00;

		if (*mode == SSCARDI_READ_EF_TAG) {
			rv = sscardi_select_ef(card, ef_fid[f->ef]);
			if (rv < 0)
				return rv;
		}
		len = sizeof(rec);
		rv = sscardi_cmd(&card->chan, 0x00, 0xB2, f->tag, p2, NULL, 0,
				 f->len + 2, rec, &len, &sw);
		if (rv < 0)
			return rv;
		if (sw == 0x9000 || sw == 0x6282) {
			br->ok_in_mode[f->ef] = 1;
			rv = sscardi_rec_parse(rec, len, f->tag, &v, &vlen);
			if (rv < 0)
				return rv;
			memcpy(br->val[i], v, vlen);
			br->len[i] = vlen;
			br->present[i] = 1;
			return 0;
		}
		if (sw == 0x6982) {
			/* terminal authentication, then the same read again */
			rv = sscardi_denied(card, SSCARDI_KEY_RKSSSE);
			if (rv < 0)
				return rv;
			continue;
		}
		if (br->ok_in_mode[f->ef] ||
		    !sscardi_sw_in(sw, SSCARDI_SWS_READ_FORM_REFUSED)) {
			if (sscardi_sw_in(sw, SSCARDI_SWS_RECORD_ABSENT))
				return 0;
			return sscardi_sw_map(sw, NULL);
		}
		sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
			    "EF%02X: read form refused (%04X), falling back",
			    ef_fid[f->ef] & 0xFF, sw);
		(*mode)++;
		/* the holder file is read after the card file: what one
		 * refused, the other will too */
		if (f->ef == EF05 && card->read_mode[EF06] < *mode)
			card->read_mode[EF06] = *mode;
	}
	if (!br->recs_scanned[f->ef])
		return scan_records(card, f->ef, br);
	return 0;
}

static int field_index(uint8_t tag)
{
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (fields[i].tag == tag)
			return (int)i;
	return -1;
}

/* A malformed field fails its part of the read; err_field names it. */
struct decode {
	const struct basic_read *br;
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
	int i = field_index(tag);

	out[0] = '\0';
	if (!d->br->present[i])
		return 0;
	return sscardi_an_to_str(d->br->val[i], d->br->len[i], out, size) < 0
		       ? bad(d, name) : 0;
}

static int date_field(struct decode *d, uint8_t tag, const char *name,
		      char out[11])
{
	int i = field_index(tag);

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
	const struct basic_read *br = d->br;
	int i = field_index(0x01), rv;
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
	i = field_index(0x04);
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
	const struct basic_read *br = d->br;
	int n = field_index(0x09), x = field_index(0x4E);
	uint8_t raw[255 * 2];
	size_t len = sscardi_strip_pad(br->val[n], br->len[n]);
	int rv;

	memcpy(raw, br->val[n], len);
	if (br->present[x]) {
		size_t xlen = sscardi_strip_pad(br->val[x], br->len[x]);

		memcpy(raw + len, br->val[x], xlen);
		len += xlen;
	}
	if (len == 0)
		return bad(d, "name");
	rv = sscardi_gb18030_to_utf8(card->chan.ctx->gb18030, raw, len, b->name,
				     sizeof(b->name));
	return rv < 0 ? bad(d, "name") : 0;
}

static int decode_holder(sscard *card, struct decode *d,
			 struct sscard_basic *b)
{
	const struct basic_read *br = d->br;
	char code[8];
	int i, rv;

	if (an_field(d, 0x08, "ssn", b->ssn, sizeof(b->ssn)) < 0 ||
	    !valid_ssn(b->ssn))
		return bad(d, "ssn");
	rv = decode_name(card, d, b);
	if (rv < 0)
		return rv;
	i = field_index(0x0A);
	if (br->present[i]) {
		if (an_field(d, 0x0A, "sex", code, sizeof(code)) < 0 ||
		    strlen(code) != 1 ||
		    sscardi_sex_names(code[0], b->sex_en, sizeof(b->sex_en),
				      b->sex_zh, sizeof(b->sex_zh)) < 0)
			return bad(d, "sex");
		b->sex = code[0];
	}
	i = field_index(0x0B);
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
	i = field_index(0x0C);
	if (br->present[i] &&
	    sscardi_cn_to_str(br->val[i], br->len[i], b->birthplace,
			      sizeof(b->birthplace)) < 0)
		return bad(d, "birthplace");
	return date_field(d, 0x0D, "birth_date", b->birth_date);
}

static int is_v1(const struct basic_read *br)
{
	int i = field_index(0x03);

	return br->present[i] && br->len[i] >= 2 && br->val[i][0] == '1' &&
	       br->val[i][1] == '.';
}

/* What keeps the holder part from being read, the card part read: no key,
 * a key the card refuses, a malformed holder field. */
static int holder_only(int err)
{
	return err == SSCARD_E_AUTH_REQUIRED || err == SSCARD_E_CARD_DATA ||
	       err == SSCARD_E_KEY_WRONG || err == SSCARD_E_KEY_LOCKED ||
	       err == SSCARD_E_KEY_LAST_TRY ||
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

/* One field of the card file, read afresh: i indexes fields[]. */
static int read_card_field(sscard *card, size_t i, char *out, size_t size,
			   int as_hex)
{
	struct basic_read *br;
	int rv;

	br = calloc(1, sizeof(*br));
	if (br == NULL)
		return SSCARD_E_NO_MEMORY;
	rv = read_field(card, i, br);
	if (rv == 0 && !br->present[i])
		rv = SSCARD_E_NOT_FOUND;
	if (rv == 0 && (as_hex ? sscardi_hex(br->val[i], br->len[i], out, size)
			       : sscardi_an_to_str(br->val[i], br->len[i], out,
						   size)) < 0)
		rv = SSCARD_E_CARD_DATA;
	free(br);
	return rv;
}

int sscardi_learn_id(sscard *card)
{
	int rv;

	if (card->id_code[0] != '\0')
		return 0;
	rv = read_card_field(card, 0, card->id_code, sizeof(card->id_code), 1);
	if (rv == 0 && strlen(card->id_code) < 6)
		rv = SSCARD_E_CARD_DATA;
	if (rv < 0)
		card->id_code[0] = '\0';
	return rv;
}

int sscardi_read_number(sscard *card, char number[16])
{
	int rv = read_card_field(card, 6, number, 16, 0);   /* tag 07 */

	if (rv == 0 && strlen(number) < 9)
		rv = SSCARD_E_CARD_DATA;
	number[rv == 0 ? 9 : 0] = '\0';
	return rv;
}

static int read_basic_op(sscard *card, void *arg)
{
	struct sscard_basic *b = arg;
	struct decode d = { NULL, NULL };
	struct basic_read *br;
	size_t i;
	int rv, holder_rv = 0;

	memset(b, 0, sizeof(*b));
	b->nation = -1;
	br = calloc(1, sizeof(*br));
	if (br == NULL)
		return SSCARD_E_NO_MEMORY;
	d.br = br;
	rv = sscardi_select_ssse(card);
	if (rv < 0)
		goto out;
	for (i = 0; i < NFIELDS; i++) {
		if (fields[i].ef == EF06 && holder_rv != 0)
			break;
		if (fields[i].tag == 0x4E && is_v1(br))
			continue;   /* 1.00 cards have no name extension */
		rv = read_field(card, i, br);
		if (fields[i].ef == EF06 && holder_only(rv)) {
			/* the holder part fails alone; the card part stays */
			holder_failed(card, b, rv, rv == SSCARD_E_CARD_DATA
						   ? fields[i].name : NULL);
			holder_rv = rv;
			rv = 0;
			continue;
		}
		if (rv == SSCARD_E_CARD_DATA)
			d.field = fields[i].name;
		if (rv < 0)
			goto out;
		if (fields[i].tag == 0x01 && br->present[i])
			sscardi_hex(br->val[i], br->len[i], card->id_code,
				    sizeof(card->id_code));
		if (fields[i].required && !br->present[i] &&
		    (card->read_mode[fields[i].ef] != SSCARDI_READ_EF_RECNO ||
		     br->recs_scanned[fields[i].ef])) {
			rv = SSCARD_E_NOT_FOUND;
			goto out;
		}
	}
	rv = decode_card(&d, b);
	if (rv < 0)
		goto out;
	memcpy(card->id_code, b->id_code, sizeof(card->id_code));
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
	rv = sscardi_run_read(card, read_basic_op, info);
	if (rv < 0) {
		char field[sizeof(info->error_field)];

		memcpy(field, info->error_field, sizeof(field));
		memset(info, 0, sizeof(*info));
		memcpy(info->error_field, field, sizeof(field));
		return rv;
	}
	return info->holder_status;
}

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
		rv = sscardi_cmd(&card->chan, 0x00, 0xB0, (uint8_t)(got >> 8),
				 (uint8_t)got, NULL, 0,
				 PHOTO_MAX - got < PHOTO_CHUNK
					 ? (int)(PHOTO_MAX - got)
					 : PHOTO_CHUNK,
				 buf + got, &len, &sw);
		if (rv < 0)
			goto out;
		if (sw == 0x6982) {
			rv = sscardi_denied(card, SSCARDI_KEY_RKSSSE);
			if (rv < 0)
				goto out;
			continue;                   /* the same chunk again */
		}
		if (sw == 0x6B00 || (sw == 0x9000 && len == 0)) {
			rv = SSCARD_E_CARD_DATA;    /* file ended before EOI */
			goto out;
		}
		if (sw != 0x9000 && sw != 0x6282) {
			rv = sscardi_sw_map(sw, file_rules);
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

	if (card == NULL || jpeg == NULL || len == NULL)
		return SSCARD_E_INVALID_ARG;
	*jpeg = NULL;
	*len = 0;
	return sscardi_run_read(card, read_photo_op, &a);
}
