/*
 * The financial (UnionPay / PBOC 2.0/3.0) application: PSE directory or
 * direct AIDs, GET PROCESSING OPTIONS with a PDOL filled from terminal
 * defaults, the AFL records and the GET DATA objects.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "internal.h"

static const uint8_t pse[] = { '1', 'P', 'A', 'Y', '.', 'S', 'Y', 'S', '.',
			       'D', 'D', 'F', '0', '1' };

/* UnionPay: debit, credit, quasi-credit, e-cash (lib/card.md) */
static const uint8_t unionpay[][8] = {
	{ 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x01 },
	{ 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x02 },
	{ 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x03 },
	{ 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01, 0x06 },
};

#define DIR_RECORDS_MAX 16
#define AFL_RECORDS_MAX 32
#define PDOL_DATA_MAX 252

struct app_choice {
	uint8_t aid[16];
	size_t aid_len;
	int priority;               /* lower first; 16 when none */
	char label[33];
};

struct bank_read {
	struct sscard_bank *out;
	unsigned flags;
	char pan[20];               /* full PAN, wiped */
	char track2_pan[20];
	uint8_t fci[256];
	size_t fci_len;
};

/* A label is "ans": printable ASCII, padding removed. */
static void copy_label(const struct sscardi_tlv *t, char *out, size_t size)
{
	if (sscardi_an_to_str(t->val, t->len, out, size) < 0)
		out[0] = '\0';
}

/* Directory entries (template 61) from one PSE record (template 70). */
static int scan_directory(const uint8_t *rec, size_t len,
			  struct app_choice *best)
{
	struct sscardi_tlv t70, t61, t;
	const uint8_t *p;
	size_t left;
	int rv;

	rv = sscardi_ber_find(rec, len, 0x70, &t70);
	if (rv < 0)
		return SSCARD_E_CARD_DATA;
	p = t70.val;
	left = t70.len;
	for (;;) {
		rv = sscardi_ber_next(&p, &left, &t61);
		if (rv == SSCARD_E_NO_DATA)
			return 0;
		if (rv < 0)
			return SSCARD_E_CARD_DATA;
		if (t61.tag != 0x61)
			continue;
		if (sscardi_ber_find(t61.val, t61.len, 0x4F, &t) != 0 ||
		    t.len < 5 || t.len > 16)
			return SSCARD_E_CARD_DATA;
		{
			struct app_choice c;
			struct sscardi_tlv prio, label;
			int has_prio;

			memset(&c, 0, sizeof(c));
			memcpy(c.aid, t.val, t.len);
			c.aid_len = t.len;
			c.priority = 16;
			has_prio = sscardi_ber_find(t61.val, t61.len, 0x87,
						    &prio) == 0;
			if (has_prio && prio.len == 1 &&
			    (prio.val[0] & 0x0F) != 0)
				c.priority = prio.val[0] & 0x0F;
			if (sscardi_ber_find(t61.val, t61.len, 0x50,
					     &label) == 0)
				copy_label(&label, c.label, sizeof(c.label));
			if (best->aid_len == 0 || c.priority < best->priority)
				*best = c;
		}
	}
}

/* PSE: its FCI names the directory's SFI (tag 88). */
static int choose_by_pse(sscard *card, struct app_choice *best)
{
	uint8_t fci[256], rec[258];
	struct sscardi_tlv sfi;
	size_t len = sizeof(fci);
	uint16_t sw;
	int recno, rv;

	rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x04, 0x00, pse, sizeof(pse),
			 SSCARDI_NO_LE, fci, &len, &sw);
	if (rv < 0)
		return rv == SSCARD_E_BUFFER_TOO_SMALL ? SSCARD_E_CARD_DATA
						       : rv;
	card->app = SSCARDI_APP_NONE;
	card->pin_verified = 0;     /* security state belongs to SSSE */
	card->opened = 0;
	if (sscardi_sw_in(sw, SSCARDI_SWS_NO_PAYMENT_APP))
		return SSCARD_E_NO_APP;
	if (sw != 0x9000)
		return sscardi_sw_map(sw, NULL);
	if (sscardi_ber_find(fci, len, 0x88, &sfi) != 0 || sfi.len != 1 ||
	    sfi.val[0] < 1 || sfi.val[0] > 30)
		return SSCARD_E_CARD_DATA;
	for (recno = 1; recno <= DIR_RECORDS_MAX; recno++) {
		len = sizeof(rec);
		rv = sscardi_cmd(&card->chan, 0x00, 0xB2, (uint8_t)recno,
				 (uint8_t)(sfi.val[0] << 3 | 4), NULL, 0, 256,
				 rec, &len, &sw);
		if (rv < 0)
			return rv;
		if (sw == 0x6A83)
			break;
		if (sw != 0x9000)
			return sscardi_sw_map(sw, NULL);
		rv = scan_directory(rec, len, best);
		if (rv < 0)
			return rv;
	}
	return best->aid_len > 0 ? 0 : SSCARD_E_NO_APP;
}

static int select_aid(sscard *card, const uint8_t *aid, size_t aid_len,
		      struct bank_read *br, uint16_t *sw)
{
	int rv;

	br->fci_len = sizeof(br->fci);
	rv = sscardi_cmd(&card->chan, 0x00, 0xA4, 0x04, 0x00, aid, aid_len,
			 SSCARDI_NO_LE, br->fci, &br->fci_len, sw);
	if (rv == SSCARD_E_BUFFER_TOO_SMALL)
		return SSCARD_E_CARD_DATA;
	card->app = SSCARDI_APP_NONE;
	card->pin_verified = 0;
	card->opened = 0;
	return rv;
}

static int select_bank(sscard *card, struct bank_read *br)
{
	struct app_choice best;
	struct sscardi_tlv label;
	uint16_t sw = 0;
	size_t i;
	int rv;

	memset(&best, 0, sizeof(best));
	if (card->bank_aid_len > 0) {
		/* chosen earlier in this session: no PSE again */
		memcpy(best.aid, card->bank_aid, card->bank_aid_len);
		best.aid_len = card->bank_aid_len;
	} else {
		rv = choose_by_pse(card, &best);
		if (rv < 0 && rv != SSCARD_E_NO_APP)
			return rv;
	}
	if (best.aid_len > 0) {
		rv = select_aid(card, best.aid, best.aid_len, br, &sw);
		if (rv < 0)
			return rv;
	}
	/* no PSE (or its choice is gone): the UnionPay AIDs directly */
	for (i = 0; sw != 0x9000 && i < sizeof(unionpay) / sizeof(unionpay[0]);
	     i++) {
		rv = select_aid(card, unionpay[i], 8, br, &sw);
		if (rv < 0)
			return rv;
		memcpy(best.aid, unionpay[i], 8);
		best.aid_len = 8;
	}
	if (sw != 0x9000)
		return SSCARD_E_NO_APP;
	memcpy(card->bank_aid, best.aid, best.aid_len);
	card->bank_aid_len = best.aid_len;
	card->app = SSCARDI_APP_BANK;
	card->ef = 0;
	sscardi_hex(best.aid, best.aid_len, br->out->aid, sizeof(br->out->aid));
	if (sscardi_ber_find(br->fci, br->fci_len, 0x50, &label) == 0)
		copy_label(&label, br->out->label, sizeof(br->out->label));
	else
		snprintf(br->out->label, sizeof(br->out->label), "%s",
			 best.label);
	return 0;
}

static void put_bcd(uint8_t *out, size_t len, const char *digits)
{
	size_t i, n = strlen(digits);

	memset(out, 0, len);
	for (i = 0; i < n && i / 2 < len; i++)
		out[i / 2] |= (uint8_t)((digits[i] - '0') << ((i & 1) ? 0 : 4));
}

/* Terminal defaults for the PDOL (a balance read, no amount). */
static void pdol_value(uint32_t tag, uint8_t *out, size_t len)
{
	char date[40];
	time_t now = time(NULL);
	struct tm tm;

	memset(out, 0, len);
	gmtime_r(&now, &tm);
	switch (tag) {
	case 0x9F1A:                /* terminal country code: China */
	case 0x5F2A:                /* transaction currency: CNY */
		if (len == 2)
			put_bcd(out, 2, "0156");
		break;
	case 0x9A:                  /* transaction date YYMMDD */
		snprintf(date, sizeof(date), "%02d%02d%02d",
			 (tm.tm_year % 100 + 100) % 100, tm.tm_mon + 1,
			 tm.tm_mday);
		put_bcd(out, len, date);
		break;
	case 0x9F21:                /* transaction time HHMMSS */
		strftime(date, sizeof(date), "%H%M%S", &tm);
		put_bcd(out, len, date);
		break;
	case 0x9F37:                /* unpredictable number */
		if (RAND_bytes(out, (int)len) != 1)
			memset(out, 0x5A, len);
		break;
	case 0x9C:                  /* transaction type: inquiry */
		if (len == 1)
			out[0] = 0x31;
		break;
	default:                    /* amounts, TVR, indicators: zero */
		break;
	}
}

static int build_pdol(const struct bank_read *br, uint8_t *data, size_t *len)
{
	struct sscardi_tlv pdol;
	const uint8_t *p;
	size_t left, n = 0;

	*len = 0;
	if (sscardi_ber_find(br->fci, br->fci_len, 0x9F38, &pdol) != 0)
		return 0;
	p = pdol.val;
	left = pdol.len;
	while (left > 0) {
		uint32_t tag = p[0];
		size_t i = 1, l;

		if ((p[0] & 0x1F) == 0x1F) {
			do {
				if (i >= left || i >= 4)
					return SSCARD_E_CARD_DATA;
				tag = tag << 8 | p[i];
			} while (p[i++] & 0x80);
		}
		if (i >= left || p[i] > 0x7F)
			return SSCARD_E_CARD_DATA;
		l = p[i++];
		if (n + l > PDOL_DATA_MAX)
			return SSCARD_E_CARD_DATA;
		pdol_value(tag, data + n, l);
		n += l;
		p += i;
		left -= i;
	}
	*len = n;
	return 0;
}

/* GET PROCESSING OPTIONS; the AFL lands in afl. */
static int gpo(sscard *card, const struct bank_read *br, uint8_t *afl,
	       size_t *afl_len)
{
	uint8_t pdol[PDOL_DATA_MAX], cmd[3 + PDOL_DATA_MAX], resp[258];
	size_t pdol_len, hdr = 0, len = sizeof(resp);
	struct sscardi_tlv t;
	uint16_t sw;
	int rv;

	rv = build_pdol(br, pdol, &pdol_len);
	if (rv < 0)
		return rv;
	cmd[hdr++] = 0x83;
	if (pdol_len > 0x7F)
		cmd[hdr++] = 0x81;          /* BER: a length byte follows */
	cmd[hdr++] = (uint8_t)pdol_len;
	memcpy(cmd + hdr, pdol, pdol_len);
	rv = sscardi_cmd(&card->chan, 0x80, 0xA8, 0x00, 0x00, cmd,
			 hdr + pdol_len, 256, resp, &len, &sw);
	if (rv < 0)
		return rv == SSCARD_E_BUFFER_TOO_SMALL ? SSCARD_E_CARD_DATA
						       : rv;
	if (sw != 0x9000)
		return sscardi_sw_map(sw, NULL);
	if (len >= 2 && resp[0] == 0x80) {          /* format 1 */
		if (sscardi_ber_find(resp, len, 0x80, &t) != 0 || t.len < 2)
			return SSCARD_E_CARD_DATA;
		*afl_len = t.len - 2;
		memcpy(afl, t.val + 2, *afl_len);
	} else {                                    /* format 2 */
		if (sscardi_ber_find(resp, len, 0x77, &t) != 0 ||
		    sscardi_ber_find(t.val, t.len, 0x94, &t) != 0)
			return SSCARD_E_CARD_DATA;
		*afl_len = t.len;
		memcpy(afl, t.val, t.len);
	}
	if (*afl_len % 4 != 0)
		return SSCARD_E_CARD_DATA;
	return 0;
}

/* PAN digits from 5A (BCD, F padded) or track 2 (57, up to 'D'). */
static int pan_digits(const struct sscardi_tlv *t, int track2, char *out,
		      size_t size)
{
	size_t i, w = 0;

	for (i = 0; i < 2 * t->len; i++) {
		unsigned nib =
			(i & 1) ? (t->val[i / 2] & 0x0F) : (t->val[i / 2] >> 4);

		if (track2 && nib == 0x0D)
			break;
		if (nib == 0x0F && !track2 && i >= 2 * t->len - 1)
			break;
		if (nib > 9 || w + 1 >= size)
			return SSCARD_E_CARD_DATA;
		out[w++] = (char)('0' + nib);
	}
	out[w] = '\0';
	return w >= 12 && w <= 19 ? 0 : SSCARD_E_CARD_DATA;
}

static int luhn_ok(const char *pan)
{
	size_t n = strlen(pan), i;
	int sum = 0;

	for (i = 0; i < n; i++) {
		int d = pan[n - 1 - i] - '0';

		if (i & 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

/* Take what we want from one AFL record (template 70). */
static int take_record(struct bank_read *br, const uint8_t *rec, size_t len)
{
	struct sscard_bank *b = br->out;
	struct sscardi_tlv t70, t;
	const uint8_t *p;
	size_t left;
	int rv;

	if (sscardi_ber_find(rec, len, 0x70, &t70) != 0)
		return SSCARD_E_CARD_DATA;
	p = t70.val;
	left = t70.len;
	for (;;) {
		rv = sscardi_ber_next(&p, &left, &t);
		if (rv != 0)
			break;
		switch (t.tag) {
		case 0x5A:
			if (br->pan[0] == '\0' &&
			    pan_digits(&t, 0, br->pan, sizeof(br->pan)) < 0)
				return SSCARD_E_CARD_DATA;
			break;
		case 0x57:
			if (br->track2_pan[0] == '\0' &&
			    pan_digits(&t, 1, br->track2_pan,
				       sizeof(br->track2_pan)) < 0)
				return SSCARD_E_CARD_DATA;
			break;
		case 0x5F24:
			if (b->expires[0] == '\0' &&
			    sscardi_date6(t.val, t.len, b->expires) < 0)
				return SSCARD_E_CARD_DATA;
			break;
		case 0x5F25:
			if (b->effective[0] == '\0' &&
			    sscardi_date6(t.val, t.len, b->effective) < 0)
				return SSCARD_E_CARD_DATA;
			break;
		case 0x5F34:
			if (t.len != 1 ||
			    sscardi_n_to_str(t.val, 1, b->pan_seq,
					     sizeof(b->pan_seq)) < 0)
				return SSCARD_E_CARD_DATA;
			break;
		case 0x5F20:
			if (sscardi_an_to_str(t.val, t.len, b->holder_name,
					      sizeof(b->holder_name)) < 0)
				return SSCARD_E_CARD_DATA;
			break;
		case 0x9F61:
			if (sscardi_an_to_str(t.val, t.len, b->holder_id,
					      sizeof(b->holder_id)) < 0)
				return SSCARD_E_CARD_DATA;
			break;
		case 0x9F62:
			if (t.len != 1)
				return SSCARD_E_CARD_DATA;
			b->holder_id_type = t.val[0];
			break;
		default:
			break;
		}
	}
	return rv == SSCARD_E_NO_DATA ? 0 : SSCARD_E_CARD_DATA;
}

static int read_afl(sscard *card, struct bank_read *br, const uint8_t *afl,
		    size_t afl_len)
{
	uint8_t rec[258];
	size_t i, len, total = 0;
	uint16_t sw;
	int recno, rv;

	for (i = 0; i < afl_len; i += 4) {
		uint8_t sfi = afl[i] >> 3, first = afl[i + 1],
			last = afl[i + 2];

		if (sfi < 1 || sfi > 30 || first == 0 || last < first)
			return SSCARD_E_CARD_DATA;
		for (recno = first; recno <= last; recno++) {
			if (++total > AFL_RECORDS_MAX)
				return SSCARD_E_CARD_DATA;
			len = sizeof(rec);
			rv = sscardi_cmd(&card->chan, 0x00, 0xB2,
					 (uint8_t)recno,
					 (uint8_t)(sfi << 3 | 4), NULL, 0, 256,
					 rec, &len, &sw);
			if (rv < 0)
				return rv;
			if (sw != 0x9000)
				return sscardi_sw_map(sw, NULL);
			rv = take_record(br, rec, len);
			if (rv < 0)
				return rv;
		}
	}
	return 0;
}

/* GET DATA with the exact Le: tag (2) + length (1) + value. */
static int get_data(sscard *card, uint16_t tag, size_t vlen, uint8_t *val,
		    int *present)
{
	uint8_t resp[64];
	size_t len = sizeof(resp);
	struct sscardi_tlv t;
	uint16_t sw;
	int rv;

	*present = 0;
	rv = sscardi_cmd(&card->chan, 0x80, 0xCA, (uint8_t)(tag >> 8),
			 (uint8_t)tag, NULL, 0, (int)vlen + 3, resp, &len, &sw);
	if (rv < 0)
		return rv;
	if (sscardi_sw_in(sw, SSCARDI_SWS_DATA_OBJECT_ABSENT))
		return 0;
	if (sw != 0x9000)
		return sscardi_sw_map(sw, NULL);
	if (sscardi_ber_find(resp, len, tag, &t) != 0 || t.len != vlen)
		return SSCARD_E_CARD_DATA;
	memcpy(val, t.val, vlen);
	*present = 1;
	return 0;
}

static int amount(sscard *card, uint16_t tag, int64_t *fen)
{
	uint8_t v[6];
	uint64_t acc;
	int present, rv;

	*fen = -1;
	rv = get_data(card, tag, 6, v, &present);
	if (rv < 0 || !present)
		return rv;
	if (sscardi_n_to_u64(v, 6, &acc) < 0)
		return SSCARD_E_CARD_DATA;
	*fen = (int64_t)acc;        /* n12 < 10^12: fits */
	return 0;
}

static int bank_op(sscard *card, void *arg)
{
	struct bank_read *br = arg;
	struct sscard_bank *b = br->out;
	uint8_t afl[256], v[2];
	size_t afl_len = 0, n;
	int present, rv;

	memset(b, 0, sizeof(*b));
	b->holder_id_type = -1;
	b->pin_tries_left = -1;
	b->atc = -1;
	br->pan[0] = br->track2_pan[0] = '\0';
	rv = select_bank(card, br);
	if (rv < 0)
		return rv;
	rv = gpo(card, br, afl, &afl_len);
	if (rv < 0)
		return rv;
	rv = read_afl(card, br, afl, afl_len);
	if (rv < 0)
		return rv;
	if (br->pan[0] == '\0')
		memcpy(br->pan, br->track2_pan, sizeof(br->pan));
	if (br->pan[0] == '\0' || b->expires[0] == '\0')
		return SSCARD_E_CARD_DATA;
	if (br->track2_pan[0] != '\0' && strcmp(br->pan, br->track2_pan) != 0)
		return SSCARD_E_CARD_DATA;   /* 5A and track 2 disagree */
	b->pan_check_ok = luhn_ok(br->pan);
	n = strlen(br->pan);
	memcpy(b->pan, br->pan, n + 1);
	if (!(br->flags & SSCARD_BANK_FULL_PAN)) {
		memset(b->pan + 6, '*', n - 10);
		n = strlen(b->holder_id);
		if (n > 10)
			memset(b->holder_id + 6, '*', n - 10);
		else
			memset(b->holder_id, '*', n);
	}
	rv = amount(card, 0x9F79, &b->ec_balance_fen);
	if (rv == 0)
		rv = amount(card, 0x9F77, &b->ec_limit_fen);
	if (rv < 0)
		return rv;
	rv = get_data(card, 0x9F17, 1, v, &present);
	if (rv < 0)
		return rv;
	if (present)
		b->pin_tries_left = v[0];
	rv = get_data(card, 0x9F36, 2, v, &present);
	if (rv < 0)
		return rv;
	if (present)
		b->atc = v[0] << 8 | v[1];
	return 0;
}

int sscard_read_bank(sscard *card, unsigned flags, struct sscard_bank *bank)
{
	struct bank_read br;
	int rv;

	if (card == NULL || bank == NULL || (flags & ~SSCARD_BANK_FULL_PAN))
		return SSCARD_E_INVALID_ARG;
	memset(&br, 0, sizeof(br));
	br.out = bank;
	br.flags = flags;
	rv = sscardi_run_read(card, bank_op, &br);
	OPENSSL_cleanse(&br, sizeof(br));
	if (rv < 0) {
		memset(bank, 0, sizeof(*bank));
		bank->holder_id_type = -1;
		bank->ec_balance_fen = bank->ec_limit_fen = -1;
		bank->pin_tries_left = bank->atc = -1;
	}
	return rv;
}
