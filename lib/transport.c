/*
 * A channel to one slot (the card, or a PSAM): the one place where
 * C-APDUs meet a transport.  T=0 GET RESPONSE (61xx) and wrong-Le (6Cxx)
 * handling, transport errors mapped once, reconnect after a reset or a
 * lost service, transactions, counters, the APDU trace.  What runs on top
 * (one operation, its retries, one or two channels) is run.c.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "internal.h"

/* A card that keeps answering 61xx is broken: 32 x 256 bytes is far more
 * than any file this library reads in one command. */
#define GET_RESPONSE_MAX 32

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* Reconnect on the same reader (re-establishing the PC/SC context when the
 * service went away).  What the card had selected is gone either way. */
static int reconnect(struct sscardi_chan *ch)
{
	uint8_t atr[33];
	size_t atr_len = sizeof(atr);
	int err;

	ch->resets++;
	err = ch->ops->reconnect(ch->io, 0, atr, &atr_len);
	ch->last_pcsc = ch->ops->native(ch->io);
	if (err != 0) {
		ch->need_reconnect = 1;
		sscardi_log(ch->ctx, SSCARD_LOG_INFO,
			    "reconnect to '%s' failed: 0x%08lX", ch->reader,
			    ch->last_pcsc);
		return err == SSCARDI_E_NOT_TRANSACTED ? SSCARD_E_CARD_REMOVED
						       : err;
	}
	ch->need_reconnect = 0;
	ch->pin_used = 0;         /* the card was reset: no PIN state left */
	memcpy(ch->atr, atr, atr_len);
	ch->atr_len = atr_len;
	sscardi_log(ch->ctx, SSCARD_LOG_INFO, "reconnected to '%s'",
		    ch->reader);
	return 0;
}

/*
 * After a failed exchange: is the card still there?  The daemon notices a
 * removal only on its next poll (pcsc-lite polls every 400 ms), so look
 * for up to ctx->gone_wait_ms (1.2 s) before calling the card mute.  Only
 * failure paths pay this.
 */
#define GONE_STEP_MS 50

static int card_gone(struct sscardi_chan *ch)
{
	const struct timespec step = { 0, GONE_STEP_MS * 1000000L };
	uint8_t atr[33];
	size_t atr_len;
	int waited;

	for (waited = 0;; waited += GONE_STEP_MS) {
		atr_len = sizeof(atr);
		if (ch->ops->status(ch->io, atr, &atr_len) != 0)
			return 1;
		if (waited >= ch->ctx->gone_wait_ms)
			return 0;
		nanosleep(&step, NULL);
	}
}

/*
 * A transport failure (err from the transport's ops): leave the channel
 * ready for the next call.  After a reset or a service restart the card
 * is reconnected at once, and the caller sees SSCARD_E_CARD_RESET; the
 * resets counter tells the session its selection is gone.
 */
static int transport_failed(struct sscardi_chan *ch, int err)
{
	switch (err) {
	case SSCARD_E_CARD_RESET:
	case SSCARD_E_NO_SERVICE:
		err = reconnect(ch);
		return err == 0 ? SSCARD_E_CARD_RESET : err;
	case SSCARDI_E_NOT_TRANSACTED:
		/* a lost card shows first as "not transacted"
		 * (tests/harness/README.md) */
		err = card_gone(ch) ? SSCARD_E_CARD_REMOVED
				      : SSCARD_E_CARD_MUTE;
		/* fall through */
	case SSCARD_E_CARD_MUTE:
		if (err == SSCARD_E_CARD_MUTE)
			ch->stats.mute++;
		/* fall through */
	case SSCARD_E_CARD_REMOVED:
		ch->resets++;
		ch->need_reconnect = 1;
		return err;
	default:
		return err;
	}
}

/* orig: the command the answer belongs to; piece: the answer is a GET
 * RESPONSE piece of it after the first */
static int transmit_once(struct sscardi_chan *ch, const uint8_t *cmd,
			 size_t cmd_len, const uint8_t *orig, size_t orig_len,
			 int piece, uint8_t *resp, size_t *resp_len, int secret)
{
	uint64_t start;
	int err;

	sscardi_log_apdu(ch->ctx, cmd, cmd_len, NULL, 0,
			 secret ? SSCARDI_TRACE_SECRET : 0);
	if (secret && cmd_len > 5) {    /* carries PIN data, not a query */
		ch->secrets_sent++;
		ch->pin_used = 1;
	}
	ch->last_sw = 0;            /* this exchange's SW, or none */
	start = now_usec();
	err = ch->ops->transmit(ch->io, cmd, cmd_len, resp, resp_len);
	ch->stats.usec += now_usec() - start;
	ch->stats.apdus++;
	ch->stats.bytes_out += cmd_len;
	ch->last_pcsc = ch->ops->native(ch->io);
	if (err != 0) {
		sscardi_log(ch->ctx, SSCARD_LOG_INFO,
			    "transmit failed: %d (0x%08lX)", err,
			    ch->last_pcsc);
		return transport_failed(ch, err);
	}
	ch->stats.bytes_in += *resp_len;
	sscardi_log_apdu(ch->ctx, orig, orig_len, resp, *resp_len,
			 piece ? SSCARDI_TRACE_PIECE : 0);
	if (*resp_len == 0) {
		/* a card always sends a status word: "success" with no bytes
		 * is a failed exchange (vpcd does this when the card goes) */
		return transport_failed(ch, SSCARDI_E_NOT_TRANSACTED);
	}
	if (*resp_len < 2)
		return SSCARD_E_PROTOCOL;
	ch->last_sw = (unsigned)((resp[*resp_len - 2] << 8) |
				   resp[*resp_len - 1]);
	return 0;
}

/* Re-send cmd with Le = le (6Cxx): replace Le when there is one. */
static size_t with_le(uint8_t *cmd, size_t len, uint8_t le)
{
	size_t lc_end = len > 5 ? 5u + cmd[4] : 0;

	if (len == 5 || (len > 5 && len == lc_end + 1))
		cmd[len - 1] = le;          /* case 2 or 4: replace */
	else
		cmd[len++] = le;            /* case 1 or 3: add */
	return len;
}

int sscardi_xfer(struct sscardi_chan *ch, const uint8_t *cmd, size_t cmd_len,
		 uint8_t *resp, size_t *resp_len, uint16_t *sw)
{
	uint8_t cur[SSCARDI_CAPDU_MAX + 1];
	uint8_t buf[SSCARDI_RAPDU_MAX];
	size_t cur_len = cmd_len, got = 0, cap, blen;
	int secret, pass, rounds = 0, resent = 0, rv = 0;
	uint16_t last = 0;

	if (ch == NULL || cmd == NULL || resp == NULL || resp_len == NULL ||
	    cmd_len < 4 || cmd_len > SSCARDI_CAPDU_MAX || *resp_len < 2)
		return SSCARD_E_INVALID_ARG;
	if (cmd_len > 5 && cmd_len != 5u + cmd[4] && cmd_len != 6u + cmd[4])
		return SSCARD_E_INVALID_ARG;
	cap = *resp_len - 2;
	/* a PIN command, or one its caller marked (a PIN block the PSAM
	 * enciphers) */
	secret = sscardi_apdu_is_secret(cmd, cmd_len) || ch->secret_next;
	ch->secret_next = 0;
	pass = ch->pass_status_next;
	ch->pass_status_next = 0;
	memcpy(cur, cmd, cmd_len);

	for (;;) {
		blen = sizeof(buf);
		rv = transmit_once(ch, cur, cur_len, cmd, cmd_len, got > 0,
				   buf, &blen, secret);
		if (rv < 0)
			goto out;
		last = (uint16_t)((buf[blen - 2] << 8) | buf[blen - 1]);
		if (!pass && (last >> 8) == 0x6C && !resent) {
			resent = 1;
			cur_len = with_le(cur, cur_len, (uint8_t)last);
			continue;
		}
		if (blen - 2 > cap - got) {
			rv = SSCARD_E_BUFFER_TOO_SMALL;
			goto out;
		}
		memcpy(resp + got, buf, blen - 2);
		got += blen - 2;
		if (pass || (last >> 8) != 0x61)
			break;
		if (++rounds > GET_RESPONSE_MAX) {
			sscardi_log(ch->ctx, SSCARD_LOG_ERROR,
				    "card keeps answering 61xx");
			rv = SSCARD_E_PROTOCOL;
			goto out;
		}
		if (secret) {
			OPENSSL_cleanse(cur, sizeof(cur));
			secret = 0;
		}
		cur[0] = 0x00;
		cur[1] = 0xC0;
		cur[2] = 0x00;
		cur[3] = 0x00;
		cur[4] = (uint8_t)last;     /* 6100: 256 bytes, Le 00 */
		cur_len = 5;
		resent = 0;
	}
	resp[got] = (uint8_t)(last >> 8);
	resp[got + 1] = (uint8_t)last;
	*resp_len = got + 2;
	if (sw != NULL)
		*sw = last;
out:
	if (rv < 0)
		ch->last_sw = 0;    /* no answer of its own: no SW */
	if (secret)
		OPENSSL_cleanse(cur, sizeof(cur));
	/* answers hold personal data (bank card number, track 2) */
	OPENSSL_cleanse(buf, sizeof(buf));
	return rv;
}

int sscardi_cmd(struct sscardi_chan *ch, uint8_t cla, uint8_t ins, uint8_t p1,
		uint8_t p2, const uint8_t *data, size_t data_len, int le,
		uint8_t *resp, size_t *resp_len, uint16_t *sw)
{
	uint8_t cmd[SSCARDI_CAPDU_MAX];
	uint8_t rbuf[GET_RESPONSE_MAX * 256 + 2];
	size_t rlen = sizeof(rbuf);
	int len, rv;

	len = sscardi_apdu_build(cmd, sizeof(cmd), cla, ins, p1, p2, data,
				 data_len, le);
	if (len < 0)
		return len;
	rv = sscardi_xfer(ch, cmd, (size_t)len, rbuf, &rlen, sw);
	OPENSSL_cleanse(cmd, sizeof(cmd));
	if (rv < 0)
		goto out;
	if (resp == NULL)
		goto out;               /* the caller does not want the data */
	if (rlen - 2 > *resp_len) {
		rv = SSCARD_E_BUFFER_TOO_SMALL;
		goto out;
	}
	memcpy(resp, rbuf, rlen - 2);
	*resp_len = rlen - 2;
out:
	OPENSSL_cleanse(rbuf, rlen);
	return rv;
}

int sscardi_control(struct sscardi_chan *ch, uint32_t code, const uint8_t *in,
		    size_t in_len, uint8_t *out, size_t *out_len, int secret)
{
	uint64_t start;
	int err;

	if (secret) {
		/* counted before it goes: whatever happens next, a PIN may
		 * have reached the card, and nothing runs it again */
		ch->secrets_sent++;
		ch->pin_used = 1;
		ch->stats.apdus++;
		sscardi_log(ch->ctx, SSCARD_LOG_APDU,
			    "> PIN pad command (ioctl 0x%08X), PIN typed on "
			    "the pad", (unsigned)code);
	}
	start = now_usec();
	err = ch->ops->control(ch->io, code, in, in_len, out, out_len);
	ch->stats.usec += now_usec() - start;
	ch->last_pcsc = ch->ops->native(ch->io);
	if (err != 0) {
		sscardi_log(ch->ctx, SSCARD_LOG_INFO,
			    "control 0x%08X failed: %d (0x%08lX)",
			    (unsigned)code, err, ch->last_pcsc);
		return transport_failed(ch, err);
	}
	return 0;
}

int sscardi_begin(struct sscardi_chan *ch)
{
	int err;

	if (ch->need_reconnect) {
		err = reconnect(ch);
		if (err < 0)
			return err;
	}
	err = ch->ops->begin(ch->io);
	if (err == 0)
		return 0;
	ch->last_pcsc = ch->ops->native(ch->io);
	sscardi_log(ch->ctx, SSCARD_LOG_INFO,
		    "begin transaction: %d (0x%08lX)", err, ch->last_pcsc);
	return transport_failed(ch, err);
}

void sscardi_end(struct sscardi_chan *ch)
{
	if (!ch->need_reconnect)
		ch->ops->end(ch->io);
}

int sscardi_chan_open(struct sscardi_chan *ch, sscard_ctx *ctx,
		      const struct sscardi_transport_ops *ops, void *io,
		      const char *reader)
{
	size_t atr_len = sizeof(ch->atr);
	int err;

	memset(ch, 0, sizeof(*ch));
	ch->ctx = ctx;
	ch->ops = ops;
	ch->io = io;
	snprintf(ch->reader, sizeof(ch->reader), "%s", reader);
	err = ops->connect(io, reader, ch->atr, &atr_len);
	ch->last_pcsc = ops->native(io);
	if (err != 0) {
		sscardi_log(ctx, SSCARD_LOG_INFO, "connect '%s': %d (0x%08lX)",
			    reader, err, ch->last_pcsc);
		ops->disconnect(io, 0);
		ch->io = NULL;
		/* at connect time, "removed" means there was no card */
		if (err == SSCARD_E_CARD_REMOVED ||
		    err == SSCARDI_E_NOT_TRANSACTED)
			return SSCARD_E_NO_CARD;
		return err;
	}
	ch->atr_len = atr_len;
	sscardi_log(ctx, SSCARD_LOG_INFO, "connected to '%s' (%s)", reader,
		    ops->name);
	return 0;
}

int sscardi_chan_unchanged(struct sscardi_chan *ch)
{
	uint8_t atr[33];
	size_t atr_len = sizeof(atr);
	int err;

	if (ch->need_reconnect)
		return 0;
	err = ch->ops->status(ch->io, atr, &atr_len);
	ch->last_pcsc = ch->ops->native(ch->io);
	if (err != 0) {
		sscardi_log(ch->ctx, SSCARD_LOG_INFO,
			    "'%s' changed since the last read: %d (0x%08lX)",
			    ch->reader, err, ch->last_pcsc);
		transport_failed(ch, err);
		return 0;
	}
	if (atr_len != ch->atr_len || memcmp(atr, ch->atr, atr_len) != 0) {
		ch->resets++;
		return 0;
	}
	return 1;
}

int sscardi_chan_reset(struct sscardi_chan *ch, int how)
{
	uint8_t atr[33];
	size_t atr_len = sizeof(atr);
	int err;

	ch->resets++;
	err = ch->ops->reconnect(ch->io, how, atr, &atr_len);
	ch->last_pcsc = ch->ops->native(ch->io);
	ch->last_sw = 0;
	if (err != 0) {
		ch->need_reconnect = 1;
		sscardi_log(ch->ctx, SSCARD_LOG_INFO,
			    "reset of '%s' failed: %d (0x%08lX)", ch->reader,
			    err, ch->last_pcsc);
		if (err == SSCARDI_E_NOT_TRANSACTED ||
		    err == SSCARD_E_CARD_REMOVED)
			return SSCARD_E_NO_CARD;
		return err;
	}
	ch->need_reconnect = 0;
	ch->pin_used = 0;
	memcpy(ch->atr, atr, atr_len);
	ch->atr_len = atr_len;
	sscardi_log(ch->ctx, SSCARD_LOG_INFO, "'%s' reset (%s)", ch->reader,
		    how == SSCARDI_RESET_COLD ? "cold" : "warm");
	return 0;
}

void sscardi_chan_power_off(struct sscardi_chan *ch)
{
	if (ch->io != NULL)
		ch->ops->disconnect(ch->io, SSCARDI_RESET_COLD);
	ch->io = NULL;
}

void sscardi_chan_close(struct sscardi_chan *ch)
{
	/* a verified PIN must not outlive the channel: the next application
	 * to connect would inherit it */
	if (ch->io != NULL)
		ch->ops->disconnect(ch->io, ch->pin_used);
	ch->io = NULL;
}
