/*
 * libFuzzer: the whole read path over a fuzzed card.  Every C-APDU the
 * library sends is answered by the next piece of the input (a two-byte
 * big-endian length, then that many bytes; FFFF is a reset, FFFE a failed
 * exchange; SCardControl answers from the same stream, so the PIN pad's
 * feature list and answers are fuzzed too).  The first byte picks: bit 0
 * the confirm-last-try flag, bit 1 the PIN pad, bit 2 the other region
 * profile, bit 3 a key source: bit 4 set a PSAM whose answers come from
 * the same stream, clear an HSM whose answer is the stream's next piece.  Then basic info, photo, PIN status, PIN verify and change
 * (with its ISO fallback), medical and bank reads run on that stream.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct stream {
	const uint8_t *p;
	size_t left;
};

static int s_atr(uint8_t *atr, size_t *atr_len)
{
	static const uint8_t a[] = { 0x3B, 0x6D, 0x00, 0x00, 0x00, 0x81, 0x4E,
				     0x43, 0x23, 0x86, 0x97, 0x15, 0x99, 0x00,
				     0xBF, 0x7C, 0x7A };

	memcpy(atr, a, sizeof(a));
	*atr_len = sizeof(a);
	return 0;
}

static int s_connect(void *io, const char *r, uint8_t *atr, size_t *n)
{
	(void)io;
	(void)r;
	return s_atr(atr, n);
}

static int s_reconnect(void *io, int reset, uint8_t *atr, size_t *n)
{
	struct stream *s = io;

	(void)reset;
	return s->left ? s_atr(atr, n) : SSCARD_E_CARD_REMOVED;
}

static int s_transmit(void *io, const uint8_t *cmd, size_t cmd_len,
		      uint8_t *resp, size_t *resp_len)
{
	struct stream *s = io;
	size_t n;

	(void)cmd;
	(void)cmd_len;
	if (s->left < 2)
		return SSCARD_E_CARD_REMOVED;
	n = (size_t)s->p[0] << 8 | s->p[1];
	s->p += 2;
	s->left -= 2;
	if (n == 0xFFFF)
		return SSCARD_E_CARD_RESET;
	if (n == 0xFFFE)
		return SSCARDI_E_NOT_TRANSACTED;
	if (n > s->left)
		n = s->left;
	if (n > *resp_len)
		n = *resp_len;
	memcpy(resp, s->p, n);
	*resp_len = n;
	s->p += n;
	s->left -= n;
	return 0;
}

static int s_ok(void *io)
{
	(void)io;
	return 0;
}

static int pinpad_on;

static int s_control(void *io, uint32_t code, const uint8_t *in, size_t in_len,
		     uint8_t *out, size_t *out_len)
{
	(void)code;
	if (!pinpad_on) {
		*out_len = 0;
		return SSCARD_E_NOT_SUPPORTED;
	}
	return s_transmit(io, in, in_len, out, out_len);
}

static int s_status(void *io, uint8_t *atr, size_t *n)
{
	struct stream *s = io;

	return s->left ? s_atr(atr, n) : SSCARD_E_CARD_REMOVED;
}

static void s_disconnect(void *io, int reset)
{
	(void)reset;
	free(io);
}

static unsigned long s_native(const void *io)
{
	(void)io;
	return 0;
}

static const struct sscardi_transport_ops stream_ops = {
	"fuzz", s_connect, s_reconnect, s_transmit, s_ok, s_ok, s_control,
	s_status, s_disconnect, s_native
};

/* The PSAM: a channel on the same stream, which it does not own. */
static int p_transmit(void *io, const uint8_t *cmd, size_t cmd_len,
		      uint8_t *resp, size_t *resp_len)
{
	return s_transmit(*(struct stream **)io, cmd, cmd_len, resp, resp_len);
}

static int p_status(void *io, uint8_t *atr, size_t *n)
{
	return s_status(*(struct stream **)io, atr, n);
}

static int p_reconnect(void *io, int reset, uint8_t *atr, size_t *n)
{
	return s_reconnect(*(struct stream **)io, reset, atr, n);
}

static void p_disconnect(void *io, int reset)
{
	(void)reset;
	free(io);
}

static const struct sscardi_transport_ops psam_ops = {
	"fuzz-psam", s_connect, p_reconnect, p_transmit, s_ok, s_ok, s_control,
	p_status, p_disconnect, s_native
};

/* The HSM: the stream's next piece, as text. */
static int hsm(const char *key, const char *request, char *answer,
	       size_t size, void *user)
{
	struct stream *s = user;
	size_t n;

	(void)key;
	(void)request;
	if (s->left < 1)
		return -1;
	n = s->p[0];
	s->p++;
	s->left--;
	if (n > s->left)
		n = s->left;
	if (n >= size)
		n = size - 1;
	memcpy(answer, s->p, n);
	answer[n] = '\0';
	s->p += n;
	s->left -= n;
	return 0;
}

static sscard_keys *fuzz_keys(sscard_ctx *ctx, struct stream *s, int psam)
{
	sscard_keys *k = calloc(1, sizeof(*k));
	struct stream **ref;

	if (k == NULL)
		return NULL;
	k->ctx = ctx;
	if (!psam) {
		k->kind = SSCARD_KEYS_HSM;
		k->hsm = hsm;
		k->hsm_user = s;
		return k;
	}
	k->kind = SSCARD_KEYS_PSAM;
	ref = malloc(sizeof(*ref));
	if (ref == NULL ||
	    sscardi_chan_open(&k->psam, ctx, &psam_ops, ref, "fuzz psam") < 0) {
		free(k);
		return NULL;
	}
	*ref = s;
	return k;
}

#define CHECK_TEXT(field) check_text((field), sizeof(field))

static void check_basic(const struct sscard_basic *b)
{
	CHECK_TEXT(b->id_code);
	CHECK_TEXT(b->region);
	CHECK_TEXT(b->card_type);
	CHECK_TEXT(b->version);
	CHECK_TEXT(b->issuer);
	CHECK_TEXT(b->issued);
	CHECK_TEXT(b->expires);
	CHECK_TEXT(b->number);
	CHECK_TEXT(b->ssn);
	CHECK_TEXT(b->name);
	CHECK_TEXT(b->sex_en);
	CHECK_TEXT(b->sex_zh);
	CHECK_TEXT(b->nation_en);
	CHECK_TEXT(b->nation_zh);
	CHECK_TEXT(b->birthplace);
	CHECK_TEXT(b->birth_date);
	CHECK_TEXT(b->error_field);
}

static void check_bank(const struct sscard_bank *bank)
{
	CHECK_TEXT(bank->aid);
	CHECK_TEXT(bank->label);
	CHECK_TEXT(bank->pan);
	CHECK_TEXT(bank->pan_seq);
	CHECK_TEXT(bank->effective);
	CHECK_TEXT(bank->expires);
	CHECK_TEXT(bank->holder_name);
	CHECK_TEXT(bank->holder_id);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static sscard_ctx *ctx;
	static struct sscardi_region alt;
	struct sscard_basic b;
	struct sscard_pin_info pin;
	struct sscard_medical m;
	struct sscard_bank bank;
	struct stream *s;
	struct sscard_auth auth;
	sscard_keys *keys = NULL;
	unsigned char *jpeg = NULL;
	size_t len;
	sscard *card;
	unsigned flags, opts;

	if (ctx == NULL) {
		if (sscard_ctx_new(&ctx) < 0)
			return 0;
		ctx->gone_wait_ms = 0;  /* no daemon to wait for */
		if (sscardi_region_load("tests/vcard/profiles/region-alt.profile",
					&alt, NULL, 0) < 0)
			alt = sscardi_region_default;
	}
	if (size < 1)
		return 0;
	opts = data[0];
	flags = data[0] & 1 ? SSCARD_PIN_CONFIRM_LAST_TRY : 0;
	pinpad_on = (data[0] & 2) != 0;
	ctx->region = data[0] & 4 ? alt : sscardi_region_default;
	data++;
	size--;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return 0;
	s->p = data;
	s->left = size;
	if (sscardi_card_open(ctx, &stream_ops, s, "fuzz", &card) < 0)
		return 0;
	if (opts & 8) {
		keys = fuzz_keys(ctx, s, (opts & 16) != 0);
		sscard_use_keys(card, keys);
	}
	memset(&b, 0, sizeof(b));
	sscard_read_basic(card, &b);
	check_basic(&b);
	if (sscard_read_photo(card, &jpeg, &len) == 0)
		sscard_free(jpeg);
	sscard_pin_status(card, &pin);
	sscard_pin_verify(card, pinpad_on ? NULL : "123456", flags, NULL);
	sscard_pin_change(card, pinpad_on ? NULL : "123456",
			  pinpad_on ? NULL : "654321", flags, NULL);
	memset(&m, 0, sizeof(m));
	sscard_medical_read(card, &m);
	CHECK_TEXT(m.updated);
	CHECK_TEXT(m.category);
	CHECK_TEXT(m.profile);
	memset(&bank, 0, sizeof(bank));
	sscard_read_bank(card, SSCARD_BANK_FULL_PAN, &bank);
	check_bank(&bank);
	sscard_authenticate(card, &auth);
	sscard_pin_unblock(card, "520300D156000005050842704E187F49",
			   "BA0010547", NULL);
	sscard_pin_reload(card, "520300D156000005050842704E187F49",
			  "BA0010547", "24681357", 0, NULL);
	sscard_use_keys(card, NULL);
	sscard_disconnect(card);
	if (keys != NULL && keys->kind == SSCARD_KEYS_PSAM)
		sscardi_chan_close(&keys->psam);
	free(keys);
	return 0;
}
