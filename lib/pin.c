/*
 * The SSSE PIN: tries left, verify, change, and the reader's PIN pad
 * (PC/SC part 10).  The library never retries a PIN command, never keeps a
 * PIN past the call, and wipes every buffer that held one.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <openssl/crypto.h>

#include "internal.h"


/* What a PIN command's status word means, besides 63Cx. */
static const struct sscardi_sw_rule pin_rules[] = {
	SSCARDI_SW(0x6983, SSCARD_E_PIN_LOCKED),
	SSCARDI_SW(0x6984, SSCARD_E_PIN_UNUSABLE),
	SSCARDI_SW(0x6400, SSCARD_E_PINPAD_TIMEOUT),  /* part 10 answers */
	SSCARDI_SW(0x6401, SSCARD_E_PINPAD_CANCELLED),
	SSCARDI_SW(0x6402, SSCARD_E_PIN_FORMAT),
	SSCARDI_SW(0x6403, SSCARD_E_PIN_FORMAT),
	SSCARDI_SW_END
};

static int pin_result(uint16_t sw, int *tries_left)
{
	int tries = sscardi_sw_tries(sw);

	if (tries >= 0) {
		*tries_left = tries;
		return tries == 0 ? SSCARD_E_PIN_LOCKED : SSCARD_E_PIN_WRONG;
	}
	if (sw == 0x6983)
		*tries_left = 0;
	return sscardi_sw_map(sw, pin_rules);
}

/* VERIFY without data: the tries left, no try spent. */
static int query(sscard *card, struct sscard_pin_info *pin)
{
	uint16_t sw;
	int rv;

	pin->state = SSCARD_PIN_UNKNOWN;
	pin->tries_left = -1;
	rv = sscardi_select_ssse_again(card);
	if (rv < 0)
		return rv;
	rv = sscardi_cmd(&card->chan, 0x00, 0x20, 0x00, 0x00, NULL, 0,
			 SSCARDI_NO_LE, NULL, NULL, &sw);
	if (rv < 0)
		return rv;
	if (sw == 0x9000) {
		pin->state = SSCARD_PIN_VERIFIED;
		card->pin_verified = 1;
		return 0;
	}
	if (sw == 0x6983 || sw == 0x63C0) {
		pin->state = SSCARD_PIN_LOCKED;
		pin->tries_left = 0;
		return 0;
	}
	if ((sw & 0xFFF0) == 0x63C0) {
		pin->state = card->pin_verified ? SSCARD_PIN_VERIFIED
						: SSCARD_PIN_OK;
		pin->tries_left = sw & 0x0F;
		return 0;
	}
	if (sw == 0x6984)
		return SSCARD_E_PIN_UNUSABLE;
	/* 6700, 6A86, 6D00...: the card does not say; never guess */
	return 0;
}

/* The PIN belongs to the SSSE: whatever another application selected
 * since our last call, every PIN operation selects SSSE itself, in its own
 * transaction (lib/card.md, PIN). */
static int status_op(sscard *card, void *arg)
{
	return query(card, arg);
}

int sscard_pin_status(sscard *card, struct sscard_pin_info *pin)
{
	if (card == NULL || pin == NULL)
		return SSCARD_E_INVALID_ARG;
	pin->state = SSCARD_PIN_UNKNOWN;
	pin->tries_left = -1;
	return sscardi_run_read(card, status_op, pin);
}

/* Refuse the last try unless the caller confirmed it; a card that does
 * not tell the tries left may be on its last one. */
static int guard_last_try(sscard *card, unsigned flags, int *tries_left)
{
	struct sscard_pin_info pin;
	int rv;

	rv = query(card, &pin);
	if (rv < 0)
		return rv;
	*tries_left = pin.tries_left;
	if (pin.state == SSCARD_PIN_LOCKED)
		return SSCARD_E_PIN_LOCKED;
	if (flags & SSCARD_PIN_CONFIRM_LAST_TRY)
		return 0;
	rv = 0;
	if (pin.tries_left == 1)
		rv = SSCARD_E_PIN_LAST_TRY;
	/* verified (9000 to the query): the counter is full */
	else if (pin.state == SSCARD_PIN_UNKNOWN)
		rv = SSCARD_E_PIN_TRIES_UNKNOWN;
	if (rv < 0)
		card->chan.stats.pin_guarded++;
	return rv;
}

/* PC/SC part 10 feature list: which ioctls drive the PIN pad. */
static void probe_pinpad(sscard *card)
{
	uint8_t buf[256];
	size_t len = sizeof(buf);

	if (card->chan.pinpad_probed)
		return;
	card->chan.pinpad_probed = 1;
	if (sscardi_control(&card->chan, SSCARDI_IOCTL_GET_FEATURES, NULL, 0,
			    buf, &len, 0) < 0)
		return;
	sscardi_pinpad_features(buf, len, &card->chan.ioctl_verify,
				&card->chan.ioctl_modify);
}

void sscard_cleanse(void *ptr, size_t len)
{
	if (ptr != NULL)
		OPENSSL_cleanse(ptr, len);
}

int sscard_has_pinpad(sscard *card)
{
	if (card == NULL || !sscardi_owner_ok(card->chan.ctx))
		return 0;
	probe_pinpad(card);
	return card->chan.ioctl_verify != 0;
}

static int pad_command(sscard *card, uint32_t code, const uint8_t *s,
		       size_t len, uint16_t *sw)
{
	uint8_t out[64];
	size_t out_len = sizeof(out);
	int rv;

	sscardi_log(card->chan.ctx, SSCARD_LOG_INFO,
		    "PIN pad: waiting for entry");
	rv = sscardi_control(&card->chan, code, s, len, out, &out_len, 1);
	if (rv < 0)
		return rv;
	if (out_len < 2)
		return SSCARD_E_PROTOCOL;
	*sw = (uint16_t)(out[out_len - 2] << 8 | out[out_len - 1]);
	card->chan.last_sw = *sw;
	return 0;
}

struct pin_args {
	const char *pin;            /* NULL: PIN pad */
	const char *new_pin;
	unsigned flags;
	int tries_left;
	int change;
};

static int send_verify(sscard *card, struct pin_args *a, uint16_t *sw)
{
	uint8_t bcd[6], pad[64];
	int len, rv;

	if (a->pin == NULL) {
		size_t n = sscardi_pinpad_verify_struct(pad);

		return pad_command(card, card->chan.ioctl_verify, pad, n, sw);
	}
	len = sscardi_pin_pack(a->pin, bcd);
	if (len < 0)
		return len;
	rv = sscardi_cmd(&card->chan, 0x00, 0x20, 0x00, 0x00, bcd, (size_t)len,
			 SSCARDI_NO_LE, NULL, NULL, sw);
	OPENSSL_cleanse(bcd, sizeof(bcd));
	return rv;
}

static int send_change(sscard *card, struct pin_args *a, uint16_t *sw)
{
	uint8_t data[13], pad[64];
	int old_len, new_len, rv;

	if (a->pin == NULL) {
		size_t n = sscardi_pinpad_modify_struct(pad);

		return pad_command(card, card->chan.ioctl_modify, pad, n, sw);
	}
	old_len = sscardi_pin_pack(a->pin, data);
	if (old_len < 0) {
		rv = old_len;
		goto out;
	}
	new_len = sscardi_pin_pack(a->new_pin, data + old_len + 1);
	if (new_len < 0) {
		rv = new_len;
		goto out;
	}
	data[old_len] = 0xFF;
	rv = sscardi_cmd(&card->chan, 0x80, 0x5E, 0x01, 0x00, data,
			 (size_t)(old_len + 1 + new_len), SSCARDI_NO_LE, NULL,
			 NULL, sw);
	if (rv == 0 && (*sw == 0x6D00 || *sw == 0x6E00)) {
		/* an ISO card: CHANGE REFERENCE DATA, old and new */
		memmove(data + old_len, data + old_len + 1, (size_t)new_len);
		rv = sscardi_cmd(&card->chan, 0x00, 0x24, 0x00, 0x00, data,
				 (size_t)(old_len + new_len), SSCARDI_NO_LE,
				 NULL, NULL, sw);
	}
out:
	OPENSSL_cleanse(data, sizeof(data));
	return rv;
}

static int pin_op(sscard *card, void *arg)
{
	struct pin_args *a = arg;
	uint16_t sw;
	int rv;

	/* the query selects SSSE afresh, in this transaction */
	rv = guard_last_try(card, a->flags, &a->tries_left);
	if (rv < 0)
		return rv;
	card->pin_verified = 0;
	a->tries_left = -1;         /* unknown until the card answers */
	rv = a->change ? send_change(card, a, &sw) : send_verify(card, a, &sw);
	if (rv < 0)
		return rv;
	rv = pin_result(sw, &a->tries_left);
	if (rv == 0) {
		card->pin_verified = 1;
		a->tries_left = -1;
	}
	return rv;
}

static int check_pin_arg(sscard *card, const char *pin, uint8_t *scratch)
{
	int len;

	if (pin == NULL) {
		probe_pinpad(card);
		return card->chan.ioctl_verify != 0 ? 0 : SSCARD_E_INVALID_ARG;
	}
	len = sscardi_pin_pack(pin, scratch);
	OPENSSL_cleanse(scratch, 6);
	return len < 0 ? len : 0;
}

static int run_pin(sscard *card, struct pin_args *a, int *tries_left)
{
	struct sscard_pin_info after;
	int rv;

	if (tries_left != NULL)
		*tries_left = -1;
	a->tries_left = -1;
	rv = sscardi_run_pin(card, pin_op, a);
	if (rv == SSCARD_E_CARD_RESET || rv == SSCARD_E_CARD_MUTE) {
		/* whether the command reached the card is unknown: re-read the
		 * counter (that spends nothing) instead of assuming */
		if (sscard_pin_status(card, &after) == 0)
			a->tries_left = after.tries_left;
	}
	if (tries_left != NULL)
		*tries_left = a->tries_left;
	return rv;
}

int sscard_pin_verify(sscard *card, const char *pin, unsigned flags,
		      int *tries_left)
{
	struct pin_args a = { pin, NULL, flags, -1, 0 };
	uint8_t scratch[6];
	int rv;

	if (tries_left != NULL)
		*tries_left = -1;
	if (card == NULL)
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	card->chan.last_sw = 0;     /* refused here: no card's SW */
	rv = check_pin_arg(card, pin, scratch);
	if (rv < 0)
		return rv;
	return run_pin(card, &a, tries_left);
}

int sscard_pin_change(sscard *card, const char *old_pin, const char *new_pin,
		      unsigned flags, int *tries_left)
{
	struct pin_args a = { old_pin, new_pin, flags, -1, 1 };
	uint8_t scratch[6];
	int rv;

	if (tries_left != NULL)
		*tries_left = -1;
	if (card == NULL || (old_pin == NULL) != (new_pin == NULL))
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(card->chan.ctx))
		return SSCARD_E_WRONG_THREAD;
	card->chan.last_sw = 0;     /* refused here: no card's SW */
	if (old_pin == NULL) {
		probe_pinpad(card);
		if (card->chan.ioctl_modify == 0)
			return SSCARD_E_INVALID_ARG;
	} else {
		rv = check_pin_arg(card, old_pin, scratch);
		if (rv == 0)
			rv = check_pin_arg(card, new_pin, scratch);
		if (rv < 0)
			return rv;
	}
	return run_pin(card, &a, tries_left);
}
