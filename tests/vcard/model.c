/*
 * The card's command processing.  Every byte of a command is untrusted:
 * malformed commands get the ISO status a real card gives.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcard.h"

size_t vcard_sw(uint8_t *resp, size_t n, uint16_t status)
{
	resp[n] = (uint8_t)(status >> 8);
	resp[n + 1] = (uint8_t)status;
	return n + 2;
}

void vcard_reset(struct vcard *vc)
{
	vc->cur_df = -1;
	vc->cur_ef = -1;
	vc->verified = 0;
	vc->pending_len = 0;
	vc->have_challenge = 0;
	vc->authed = 0;
	vc->psam_df = 0;
	vc->psam_ready = 0;
}

static void save_state(const struct vcard *vc)
{
	char tmp[600];
	FILE *f;

	if (vc->state_file[0] == '\0')
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", vc->state_file);
	f = fopen(tmp, "w");
	if (f == NULL)
		return;
	fprintf(f, "pin %s tries %d\n", vc->pin, vc->tries);
	if (fclose(f) == 0)
		rename(tmp, vc->state_file);
}

/* ISO 7816-4 short APDU cases; -1 when the lengths do not add up. */
int vcard_parse_cmd(const uint8_t *b, size_t n, struct vcard_cmd *c)
{
	if (n < 4)
		return -1;
	c->cla = b[0];
	c->ins = b[1];
	c->p1 = b[2];
	c->p2 = b[3];
	c->data = NULL;
	c->lc = 0;
	c->le = -1;
	if (n == 4)
		return 0;
	if (n == 5) {
		c->le = b[4] ? b[4] : 256;
		return 0;
	}
	if (b[4] == 0 || n < 5u + b[4])
		return -1;
	c->lc = b[4];
	c->data = b + 5;
	if (n == 5u + b[4])
		return 0;
	if (n == 6u + b[4]) {
		c->le = b[5 + b[4]] ? b[5 + b[4]] : 256;
		return 0;
	}
	return -1;
}

static int in_ssse(const struct vcard *vc, int d)
{
	while (d >= 0) {
		if (vc->dfs[d].ssse)
			return 1;
		d = vc->dfs[d].parent;
	}
	return 0;
}

static void enter_df(struct vcard *vc, int d)
{
	/* the PIN state belongs to the SSSE application; an external
	 * authentication lasts until a DF is selected again */
	if (!in_ssse(vc, d))
		vc->verified = 0;
	vc->authed = 0;
	vc->cur_df = d;
	vc->cur_ef = -1;
}

/* Answer with data of a case-2 command: T=0 insists on the exact Le. */
static size_t answer_exact(const struct vcard *vc, const struct vcard_cmd *c,
			   const uint8_t *data, size_t len, uint8_t *resp,
			   uint16_t short_sw)
{
	size_t want = c->le < 0 ? 256 : (size_t)c->le;

	if (len > 256)
		len = 256;
	if (want != len && (vc->t0 || want < len))
		return vcard_sw(resp, 0, (uint16_t)(0x6C00 | (len & 0xFF)));
	memcpy(resp, data, len);
	return vcard_sw(resp, len, len < want ? short_sw : 0x9000);
}

/* Answer with data of a case-3/4 command: T=0 says 61xx, T=1 sends it. */
size_t vcard_answer_case4(struct vcard *vc, const uint8_t *data, size_t len,
			   uint8_t *resp)
{
	if (len == 0)
		return vcard_sw(resp, 0, 0x9000);
	/* T=1 cards commonly send the data even when Le was left out */
	if (vc->t0) {
		memcpy(vc->pending, data, len);
		vc->pending_len = len;
		return vcard_sw(resp, 0, (uint16_t)(0x6100 | (len & 0xFF)));
	}
	memcpy(resp, data, len);
	return vcard_sw(resp, len, 0x9000);
}

static size_t do_select(struct vcard *vc, const struct vcard_cmd *c, uint8_t *resp)
{
	int i;

	if (c->p1 == 0x04) {
		if (c->lc == 0)
			return vcard_sw(resp, 0, 0x6700);
		for (i = 0; i < vc->ndf; i++) {
			struct vcard_df *d = &vc->dfs[i];

			if (d->aid_len != c->lc ||
			    memcmp(d->aid, c->data, c->lc) != 0)
				continue;
			if (d->select_sw == 0x6A81)
				return vcard_sw(resp, 0, 0x6A81);
			enter_df(vc, i);
			if (d->select_sw != 0x9000)
				return vcard_sw(resp, 0, d->select_sw);
			return vcard_answer_case4(vc, d->fci, d->fci_len, resp);
		}
		return vcard_sw(resp, 0, 0x6A82);
	}
	if (c->p1 != 0x00 && c->p1 != 0x01 && c->p1 != 0x02)
		return vcard_sw(resp, 0, 0x6A86);
	if (c->lc != 2)
		return vcard_sw(resp, 0, 0x6700);
	{
		uint16_t fid = (uint16_t)(c->data[0] << 8 | c->data[1]);

		/* the MF, as every card has it: the applications' DFs (DF01
		 * and the others under SSSE) are not its children */
		if (fid == 0x3F00 && c->p1 == 0x00) {
			vc->verified = 0;
			vc->authed = 0;
			vc->cur_df = -1;
			vc->cur_ef = -1;
			return vcard_sw(resp, 0, 0x9000);
		}
		if (c->p1 != 0x02) {
			for (i = 0; i < vc->ndf; i++) {
				if (vc->dfs[i].fid == fid &&
				    vc->dfs[i].parent == vc->cur_df &&
				    vc->cur_df >= 0) {
					if (vc->dfs[i].select_sw == 0x6A81)
						return vcard_sw(resp, 0, 0x6A81);
					enter_df(vc, i);
					return vcard_sw(resp, 0, vc->dfs[i].select_sw);
				}
			}
		}
		for (i = 0; i < vc->nef && c->p1 != 0x01; i++) {
			if (vc->efs[i].fid == fid && vc->efs[i].df == vc->cur_df) {
				vc->cur_ef = i;
				return vcard_sw(resp, 0, 0x9000);
			}
		}
	}
	return vcard_sw(resp, 0, 0x6A82);
}

static int authed(const struct vcard *vc, uint8_t key_id)
{
	int i;

	for (i = 0; i < vc->nkeys; i++)
		if (vc->keys[i].id == key_id)
			return (vc->authed >> i) & 1;
	return 0;
}

static int access_ok(const struct vcard *vc, const struct vcard_ef *ef)
{
	switch (ef->access) {
	case VCARD_ACC_NONE:
		return 1;
	case VCARD_ACC_PIN:
		return vc->verified;
	case VCARD_ACC_AUTH:
		return authed(vc, ef->auth_key);
	default:
		return vc->verified && authed(vc, ef->auth_key);
	}
}

/* The issuing region: the first 3 bytes of EF05 tag 01, as 6 digits. */
static void card_region(const struct vcard *vc, char region[6])
{
	int i;

	memcpy(region, "000000", 6);
	for (i = 0; i < vc->nrec; i++) {
		const struct vcard_rec *r = &vc->recs[i];

		if (r->tag == 0x01 && !r->raw && r->len >= 3 &&
		    strcmp(vc->efs[r->ef].name, "EF05") == 0) {
			snprintf(region, 7, "%02X%02X%02X", r->val[0], r->val[1],
				 r->val[2]);
			return;
		}
	}
}

/* The card's own key: the master diversified by its ATR and region. */
static int card_key(const struct vcard *vc, const struct vcard_key *k,
		    uint8_t dk[16])
{
	uint8_t factors[24];
	char region[7];

	card_region(vc, region);
	vk_factors(vc->atr, vc->atr_len, region, factors);
	return vk_derive(k->alg, k->master, factors, k->levels, dk);
}

static size_t do_get_challenge(struct vcard *vc, const struct vcard_cmd *c,
			       uint8_t *resp)
{
	int i;

	if (c->p1 != 0 || c->p2 != 0 || c->le != 8)
		return vcard_sw(resp, 0, 0x6700);
	for (i = 0; i < 8; i++)
		vc->challenge[i] = (uint8_t)(rand() >> 7);
	vc->have_challenge = 1;
	memcpy(resp, vc->challenge, 8);
	return vcard_sw(resp, 8, 0x9000);
}

static size_t do_external_auth(struct vcard *vc, const struct vcard_cmd *c,
			       uint8_t *resp)
{
	uint8_t dk[16], sk[16], want[16];
	struct vcard_key *k = NULL;
	int i, had;

	if (c->lc != 16)
		return vcard_sw(resp, 0, 0x6700);
	for (i = 0; i < vc->nkeys; i++)
		if (vc->keys[i].id == c->p2)
			k = &vc->keys[i];
	if (k == NULL)
		return vcard_sw(resp, 0, 0x6A88);
	if (k->tries == 0)
		return vcard_sw(resp, 0, 0x6983);
	had = vc->have_challenge;
	vc->have_challenge = 0;             /* a challenge serves once */
	if (!had)
		return vcard_sw(resp, 0, 0x6984);
	if (card_key(vc, k, dk) < 0 || vk_session(k->alg, dk, vc->challenge, sk) < 0)
		return vcard_sw(resp, 0, 0x6F00);
	if (vk_auth_bytes(k->alg, sk, c->data + 8, want) < 0)
		return vcard_sw(resp, 0, 0x6F00);
	if (memcmp(want, c->data, 8) != 0) {
		k->tries--;
		return vcard_sw(resp, 0, (uint16_t)(0x63C0 | k->tries));
	}
	k->tries = k->max;
	vc->authed |= 1u << (k - vc->keys);
	return vcard_sw(resp, 0, 0x9000);
}

static int unpack_pin(const uint8_t *b, size_t n, char *out);

/* 84 24 00 P2: PIN unblock (P2 00: MAC) or reload (P2 01: E || MAC),
 * after EXTERNAL AUTHENTICATE with the PUK (key 06) and a fresh
 * challenge; the PINRELOAD session key from that challenge. */
static size_t do_reload(struct vcard *vc, const struct vcard_cmd *c,
			uint8_t *resp)
{
	uint8_t dk[16], sk[16], mac_in[64], iv[16], mac[16], block[16];
	size_t bs, elen, mlen;
	char pin[16];
	int had = vc->have_challenge;

	vc->have_challenge = 0;
	if (!vc->has_reloadkey)
		return vcard_sw(resp, 0, 0x6D00);
	if (!authed(vc, 0x06))
		return vcard_sw(resp, 0, 0x6982);
	if (!had)
		return vcard_sw(resp, 0, 0x6984);
	bs = vc->reloadkey.alg == VCARD_ALG_SM4 ? 16 : 8;
	elen = c->p2 == 0x01 ? bs : 0;
	if (c->p2 > 0x01 || c->lc != elen + 4)
		return vcard_sw(resp, 0, 0x6700);
	if (card_key(vc, &vc->reloadkey, dk) < 0 ||
	    vk_session(vc->reloadkey.alg, dk, vc->challenge, sk) < 0)
		return vcard_sw(resp, 0, 0x6F00);
	memset(mac_in, 0, sizeof(mac_in));
	mac_in[0] = c->cla;
	mac_in[1] = c->ins;
	mac_in[2] = c->p1;
	mac_in[3] = c->p2;
	mac_in[4] = (uint8_t)c->lc;
	memcpy(mac_in + 5, c->data, elen);
	mac_in[5 + elen] = 0x80;
	mlen = ((5 + elen) / bs + 1) * bs;
	memset(iv, 0, sizeof(iv));
	if (vk_session_mac(vc->reloadkey.alg, sk, iv, mac_in, mlen, mac) < 0)
		return vcard_sw(resp, 0, 0x6F00);
	vk_mac4(vc->reloadkey.alg, mac, mac);
	if (memcmp(mac, c->data + elen, 4) != 0)
		return vcard_sw(resp, 0, 0x6988);
	if (elen > 0) {
		if (vk_session_decrypt(vc->reloadkey.alg, sk, c->data, bs,
				       block) < 0 || block[0] < 2 ||
		    block[0] > 6 || unpack_pin(block + 1, block[0], pin) < 0)
			return vcard_sw(resp, 0, 0x6A80);
		strcpy(vc->pin, pin);
	}
	vc->tries = vc->pin_max;
	save_state(vc);
	return vcard_sw(resp, 0, 0x9000);
}

/* The answer is 8 bytes on every algorithm (lib/card.md). */
static size_t do_internal_auth(struct vcard *vc, const struct vcard_cmd *c,
			       uint8_t *resp)
{
	uint8_t dk[16], sk[16], out[16];

	memset(out, 0, sizeof(out));
	if (c->lc != 16)
		return vcard_sw(resp, 0, 0x6700);
	if (!vc->has_intkey)
		return vcard_sw(resp, 0, 0x6A88);
	if (card_key(vc, &vc->intkey, dk) < 0 ||
	    vk_session(vc->intkey.alg, dk, c->data, sk) < 0 ||
	    vk_auth_bytes(vc->intkey.alg, sk, c->data + 8, out) < 0)
		return vcard_sw(resp, 0, 0x6F00);
	return vcard_answer_case4(vc, out, vc->intauth_len == 16 ? 16 : 8,
				  resp);
}

/* The EF a READ names: by SFI in the current DF, or the current EF. */
static int target_ef(const struct vcard *vc, uint8_t sfi, uint16_t *err)
{
	int i;

	if (sfi == 0) {
		if (vc->cur_ef < 0) {
			*err = 0x6986;
			return -1;
		}
		return vc->cur_ef;
	}
	if (!vc->sfi_ok) {
		*err = 0x6A86;
		return -1;
	}
	for (i = 0; i < vc->nef; i++) {
		if (vc->efs[i].sfi == sfi && vc->efs[i].df == vc->cur_df &&
		    vc->cur_df >= 0)
			return i;
	}
	*err = 0x6A82;
	return -1;
}

static size_t do_read_record(struct vcard *vc, const struct vcard_cmd *c,
			     uint8_t *resp)
{
	uint8_t rec[258];
	uint16_t err = 0;
	size_t len;
	int ef, i, mode = c->p2 & 0x07;

	if (c->lc != 0)
		return vcard_sw(resp, 0, 0x6700);
	if ((mode != 0x04 && mode != 0x00) || (mode == 0x00 && !vc->tag_read))
		return vcard_sw(resp, 0, 0x6A86);
	if (c->p1 == 0)
		return vcard_sw(resp, 0, 0x6A86);
	ef = target_ef(vc, c->p2 >> 3, &err);
	if (ef < 0)
		return vcard_sw(resp, 0, err);
	if (vc->efs[ef].binary)
		return vcard_sw(resp, 0, 0x6981);
	if (!access_ok(vc, &vc->efs[ef]))
		return vcard_sw(resp, 0, 0x6982);
	vc->cur_ef = ef;
	for (i = 0; i < vc->nrec; i++) {
		const struct vcard_rec *r = &vc->recs[i];

		if (r->ef != ef)
			continue;
		if (mode == 0x04 ? r->recno != c->p1 : r->tag != c->p1)
			continue;
		if (r->raw) {
			memcpy(rec, r->val, r->len);
			len = r->len;
		} else {
			rec[0] = r->tag;
			rec[1] = r->len;
			memcpy(rec + 2, r->val, r->len);
			len = 2u + r->len;
		}
		return answer_exact(vc, c, rec, len, resp, 0x6282);
	}
	return vcard_sw(resp, 0, 0x6A83);
}

static size_t do_read_binary(struct vcard *vc, const struct vcard_cmd *c,
			     uint8_t *resp)
{
	uint16_t err = 0;
	size_t off, avail, want;
	int ef;

	if (c->lc != 0)
		return vcard_sw(resp, 0, 0x6700);
	if (c->p1 & 0x80) {
		ef = target_ef(vc, c->p1 & 0x1F, &err);
		off = c->p2;
	} else {
		ef = target_ef(vc, 0, &err);
		off = (size_t)(c->p1 << 8 | c->p2);
	}
	if (ef < 0)
		return vcard_sw(resp, 0, err);
	if (!vc->efs[ef].binary)
		return vcard_sw(resp, 0, 0x6981);
	if (!access_ok(vc, &vc->efs[ef]))
		return vcard_sw(resp, 0, 0x6982);
	vc->cur_ef = ef;
	if (off >= vc->efs[ef].bin_len)
		return vcard_sw(resp, 0, 0x6B00);
	avail = vc->efs[ef].bin_len - off;
	want = c->le < 0 ? 256 : (size_t)c->le;
	if (want <= avail)
		avail = want;
	return answer_exact(vc, c, vc->efs[ef].bin + off, avail, resp, 0x6282);
}

static int pack_pin(const char *pin, uint8_t *out)
{
	size_t n = strlen(pin), i;

	for (i = 0; i < (n + 1) / 2; i++) {
		uint8_t lo = 2 * i + 1 < n ? (uint8_t)(pin[2 * i + 1] - '0') : 0xF;
		out[i] = (uint8_t)(((pin[2 * i] - '0') << 4) | lo);
	}
	return (int)((n + 1) / 2);
}

/* Decode a packed-BCD PIN block; -1 when it is not one. */
static int unpack_pin(const uint8_t *b, size_t n, char *out)
{
	size_t i, w = 0;

	if (n < 2 || n > 6)
		return -1;
	for (i = 0; i < 2 * n; i++) {
		unsigned nib = (i & 1) ? (b[i / 2] & 0xF) : (b[i / 2] >> 4);

		if (nib == 0xF && i == 2 * n - 1)
			break;
		if (nib > 9)
			return -1;
		out[w++] = (char)('0' + nib);
	}
	out[w] = '\0';
	return w >= 4 ? 0 : -1;
}

/* Check a presented PIN; the counter moves as on the card. */
static uint16_t check_pin(struct vcard *vc, const uint8_t *b, size_t n)
{
	char pin[16];

	if (vc->tries == 0)
		return 0x6983;
	if (unpack_pin(b, n, pin) < 0)
		return 0x6A80;
	if (strcmp(pin, vc->pin) == 0) {
		if (vc->tries != vc->pin_max) {
			vc->tries = vc->pin_max;
			save_state(vc);
		}
		vc->verified = 1;
		return 0x9000;
	}
	vc->tries--;
	vc->verified = 0;
	save_state(vc);
	return (uint16_t)(0x63C0 | vc->tries);
}

static size_t do_verify(struct vcard *vc, const struct vcard_cmd *c, uint8_t *resp)
{
	if (c->p1 != 0x00 || c->p2 != 0x00)
		return vcard_sw(resp, 0, 0x6A86);
	if (!in_ssse(vc, vc->cur_df))
		return vcard_sw(resp, 0, 0x6985);
	if (c->lc == 0) {
		if (!vc->pin_query)
			return vcard_sw(resp, 0, 0x6700);
		if (vc->tries == 0)
			return vcard_sw(resp, 0, 0x6983);
		if (vc->verified)
			return vcard_sw(resp, 0, 0x9000);
		return vcard_sw(resp, 0, (uint16_t)(0x63C0 | vc->tries));
	}
	return vcard_sw(resp, 0, check_pin(vc, c->data, c->lc));
}

static size_t do_change(struct vcard *vc, const struct vcard_cmd *c, uint8_t *resp,
			int iso)
{
	uint8_t cur[6];
	size_t old_len, i;
	uint16_t status;
	char pin[16];

	if (iso != vc->change_iso)
		return vcard_sw(resp, 0, 0x6D00);
	if (!in_ssse(vc, vc->cur_df))
		return vcard_sw(resp, 0, 0x6985);
	if (c->lc == 0)
		return vcard_sw(resp, 0, 0x6700);
	if (iso) {
		old_len = (size_t)pack_pin(vc->pin, cur);
	} else {
		for (i = 0; i < c->lc && c->data[i] != 0xFF; i++)
			;
		if (i == c->lc)
			return vcard_sw(resp, 0, 0x6A80);
		old_len = i;
	}
	if (old_len >= c->lc)
		return vcard_sw(resp, 0, 0x6700);
	status = check_pin(vc, c->data, old_len);
	if (status != 0x9000)
		return vcard_sw(resp, 0, status);
	i = iso ? old_len : old_len + 1;
	if (unpack_pin(c->data + i, c->lc - i, pin) < 0)
		return vcard_sw(resp, 0, 0x6A80);
	strcpy(vc->pin, pin);
	save_state(vc);
	return vcard_sw(resp, 0, 0x9000);
}

size_t vcard_get_response(struct vcard *vc, const struct vcard_cmd *c,
			      uint8_t *resp)
{
	size_t want = c->le < 0 ? 256 : (size_t)c->le, give;

	if (vc->pending_len == 0)
		return vcard_sw(resp, 0, 0x6985);
	if (want > vc->pending_len)
		return vcard_sw(resp, 0, (uint16_t)(0x6C00 | (vc->pending_len & 0xFF)));
	give = want;
	memcpy(resp, vc->pending, give);
	memmove(vc->pending, vc->pending + give, vc->pending_len - give);
	vc->pending_len -= give;
	if (vc->pending_len > 0)
		return vcard_sw(resp, give, (uint16_t)(0x6100 | (vc->pending_len & 0xFF)));
	return vcard_sw(resp, give, 0x9000);
}

static size_t do_get_data(struct vcard *vc, const struct vcard_cmd *c, uint8_t *resp)
{
	uint16_t tag = (uint16_t)(c->p1 << 8 | c->p2);
	uint8_t out[80];
	int i;

	if (vc->cur_df < 0)
		return vcard_sw(resp, 0, 0x6A88);
	for (i = 0; i < vc->dfs[vc->cur_df].ndo; i++) {
		const struct vcard_do *o = &vc->dfs[vc->cur_df].dos[i];
		size_t n = 0;

		if (o->tag != tag)
			continue;
		if (tag > 0xFF)
			out[n++] = (uint8_t)(tag >> 8);
		out[n++] = (uint8_t)tag;
		out[n++] = o->len;
		memcpy(out + n, o->val, o->len);
		return answer_exact(vc, c, out, n + o->len, resp, 0x9000);
	}
	return vcard_sw(resp, 0, 0x6A88);
}

static size_t do_gpo(struct vcard *vc, const struct vcard_cmd *c, uint8_t *resp)
{
	const struct vcard_df *d;

	if (vc->cur_df < 0 || vc->dfs[vc->cur_df].gpo_len == 0)
		return vcard_sw(resp, 0, 0x6985);
	/* 83 L PDOL-data, L in BER: one byte to 7F, else 81 L */
	if (c->lc < 2 || c->data[0] != 0x83)
		return vcard_sw(resp, 0, 0x6700);
	if (c->data[1] < 0x80 ? c->data[1] != c->lc - 2
			      : c->data[1] != 0x81 || c->lc < 3 ||
				c->data[2] < 0x80 || c->data[2] != c->lc - 3)
		return vcard_sw(resp, 0, 0x6700);
	d = &vc->dfs[vc->cur_df];
	return vcard_answer_case4(vc, d->gpo, d->gpo_len, resp);
}

size_t vcard_process(struct vcard *vc, const uint8_t *cmd, size_t len,
		     uint8_t *resp)
{
	struct vcard_cmd c;

	if (vc->psam)
		return vcard_psam_process(vc, cmd, len, resp);
	if (vcard_parse_cmd(cmd, len, &c) < 0)
		return vcard_sw(resp, 0, 0x6700);
	if (c.ins != 0xC0)
		vc->pending_len = 0;
	if (c.cla == 0x84 && c.ins == 0x24)
		return do_reload(vc, &c, resp);
	if (c.cla == 0x00) {
		switch (c.ins) {
		case 0x84: return do_get_challenge(vc, &c, resp);
		case 0x82: return do_external_auth(vc, &c, resp);
		case 0x88: return do_internal_auth(vc, &c, resp);
		case 0xA4: return do_select(vc, &c, resp);
		case 0xB2: return do_read_record(vc, &c, resp);
		case 0xB0: return do_read_binary(vc, &c, resp);
		case 0x20: return do_verify(vc, &c, resp);
		case 0x24: return do_change(vc, &c, resp, 1);
		case 0xC0: return vcard_get_response(vc, &c, resp);
		default: return vcard_sw(resp, 0, 0x6D00);
		}
	}
	if (c.cla == 0x80) {
		switch (c.ins) {
		case 0x5E:
			if (c.p1 != 0x01 || c.p2 != 0x00)
				return vcard_sw(resp, 0, 0x6A86);
			return do_change(vc, &c, resp, 0);
		case 0xCA: return do_get_data(vc, &c, resp);
		case 0xA8: return do_gpo(vc, &c, resp);
		default: return vcard_sw(resp, 0, 0x6D00);
		}
	}
	return vcard_sw(resp, 0, 0x6E00);
}
