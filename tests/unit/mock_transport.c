/*
 * Scripted transport for unit tests.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"
#include "mock_transport.h"

struct mock_io {
	char name[32];
	const struct mock_step *steps;
	size_t next;
	unsigned transmits;
	unsigned long native;       /* the last step's */
	uint8_t atr[33];
	size_t atr_len;
};

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned v;

	while (hex != NULL && *hex != '\0') {
		if (*hex == ' ') {
			hex++;
			continue;
		}
		if (n >= max || sscanf(hex, "%2x", &v) != 1)
			fail_msg("bad hex in mock script: %s", hex);
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

static void hexstr(const uint8_t *b, size_t n, char *out, size_t size)
{
	size_t i, w = 0;

	for (i = 0; i < n && w + 4 < size; i++)
		w += (size_t)snprintf(out + w, size - w, "%02X", b[i]);
	out[w] = '\0';
}

/* The next step if it is of this kind (optional kinds), else NULL. */
static const struct mock_step *take(struct mock_io *io, int kind)
{
	const struct mock_step *s = &io->steps[io->next];

	io->native = 0;
	if (s->kind != kind)
		return NULL;
	io->next++;
	io->native = s->native;
	return s;
}

static int m_connect(void *vio, const char *reader, uint8_t *atr,
		     size_t *atr_len)
{
	struct mock_io *io = vio;

	(void)reader;
	memcpy(atr, io->atr, io->atr_len);
	*atr_len = io->atr_len;
	return 0;
}

static int m_reconnect(void *vio, int reset, uint8_t *atr, size_t *atr_len)
{
	struct mock_io *io = vio;
	const struct mock_step *s = take(io, MOCK_RECONNECT);

	(void)reset;
	if (s != NULL && s->rv != 0)
		return s->rv;
	memcpy(atr, io->atr, io->atr_len);
	*atr_len = io->atr_len;
	return 0;
}

static int m_transmit(void *vio, const uint8_t *cmd, size_t cmd_len,
		      uint8_t *resp, size_t *resp_len)
{
	struct mock_io *io = vio;
	const struct mock_step *s = &io->steps[io->next];
	uint8_t want[300];
	char got_hex[600], want_hex[600];
	size_t n;

	hexstr(cmd, cmd_len, got_hex, sizeof(got_hex));
	if (s->kind != MOCK_TRANSMIT)
		fail_msg("unexpected C-APDU %s (script step %zu is kind %d)",
			 got_hex, io->next, s->kind);
	n = unhex(s->cmd, want, sizeof(want));
	hexstr(want, n, want_hex, sizeof(want_hex));
	if (n != cmd_len || memcmp(want, cmd, n) != 0)
		fail_msg("step %zu: C-APDU %s, script expects %s", io->next,
			 got_hex, want_hex);
	io->next++;
	io->transmits++;
	io->native = s->native;
	if (s->rv != 0)
		return s->rv;
	n = unhex(s->resp, resp, *resp_len);
	*resp_len = n;
	return 0;
}

char mock_log[512];

static void log_call(const struct mock_io *io, const char *what)
{
	size_t n = strlen(mock_log);

	snprintf(mock_log + n, sizeof(mock_log) - n, "%s%s:%s",
		 n > 0 ? " " : "", what, io->name);
}

static int m_begin(void *vio)
{
	const struct mock_step *s = take(vio, MOCK_BEGIN);

	log_call(vio, "begin");
	return s != NULL ? s->rv : 0;
}

static int m_end(void *vio)
{
	log_call(vio, "end");
	return 0;
}

static int m_control(void *vio, uint32_t code, const uint8_t *in, size_t in_len,
		     uint8_t *out, size_t *out_len)
{
	struct mock_io *io = vio;
	const struct mock_step *s = take(io, MOCK_CONTROL);
	uint8_t want[300];
	size_t n;

	if (s == NULL)
		return SSCARD_E_NOT_SUPPORTED;
	assert_int_equal(code, s->code);
	if (s->cmd != NULL) {
		n = unhex(s->cmd, want, sizeof(want));
		assert_int_equal(n, in_len);
		assert_memory_equal(want, in, n);
	}
	if (s->rv != 0)
		return s->rv;
	*out_len = unhex(s->resp, out, *out_len);
	return 0;
}

static int m_status(void *vio, uint8_t *atr, size_t *atr_len)
{
	struct mock_io *io = vio;
	const struct mock_step *s = take(io, MOCK_STATUS);

	if (s != NULL && s->rv != 0)
		return s->rv;
	memcpy(atr, io->atr, io->atr_len);
	*atr_len = io->atr_len;
	return 0;
}

static unsigned long m_native(const void *vio)
{
	const struct mock_io *io = vio;

	return io->native;
}

int mock_disconnect_reset = -1;

static void m_disconnect(void *vio, int reset)
{
	mock_disconnect_reset = reset;
	free(vio);
}

static const struct sscardi_transport_ops mock_ops = {
	.name = "mock",
	.connect = m_connect,
	.reconnect = m_reconnect,
	.transmit = m_transmit,
	.begin = m_begin,
	.end = m_end,
	.control = m_control,
	.status = m_status,
	.disconnect = m_disconnect,
	.native = m_native,
};

static struct mock_io *new_io(const struct mock_step *steps, const char *atr,
			      const char *name)
{
	struct mock_io *io = calloc(1, sizeof(*io));

	if (io == NULL)
		return NULL;
	snprintf(io->name, sizeof(io->name), "%s", name);
	io->steps = steps;
	io->atr_len = unhex(atr ? atr : "3B6D000000814E43238697159900BF7C7A",
			    io->atr, sizeof(io->atr));
	return io;
}

int mock_connect(sscard_ctx *ctx, const struct mock_step *steps,
		 const char *atr, sscard **card)
{
	struct mock_io *io = new_io(steps, atr, "card");

	if (io == NULL)
		return SSCARD_E_NO_MEMORY;
	return sscardi_card_open(ctx, &mock_ops, io, "Mock Reader 00", card);
}

int mock_chan_open(sscard_ctx *ctx, const struct mock_step *steps,
		   const char *atr, const char *name, struct sscardi_chan *ch)
{
	struct mock_io *io = new_io(steps, atr, name);

	if (io == NULL)
		return SSCARD_E_NO_MEMORY;
	return sscardi_chan_open(ch, ctx, &mock_ops, io, name);
}

void mock_chan_assert_done(const struct sscardi_chan *ch)
{
	const struct mock_io *io = ch->io;

	if (io->steps[io->next].kind != MOCK_END)
		fail_msg("%s: script step %zu (kind %d) never happened",
			 io->name, io->next, io->steps[io->next].kind);
}

void mock_assert_done(sscard *card)
{
	struct mock_io *io = card->chan.io;

	if (io->steps[io->next].kind != MOCK_END)
		fail_msg("script step %zu (kind %d) never happened", io->next,
			 io->steps[io->next].kind);
}

unsigned mock_transmits(sscard *card)
{
	return ((struct mock_io *)card->chan.io)->transmits;
}
