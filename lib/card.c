/*
 * Contexts, readers and connected cards.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifndef SSCARD_VERSION_STRING
#define SSCARD_VERSION_STRING "0.0.0"
#endif

/* How many readers connect-by-probing and connect-by-index look at
 * (pcscd itself allows 16); sscard_list_readers() counts them all. */
#define READERS_MAX 16

const char *sscard_version(void)
{
	return SSCARD_VERSION_STRING;
}

int sscardi_owner_ok(const sscard_ctx *ctx)
{
	return ctx != NULL && pthread_equal(ctx->owner, pthread_self());
}

LONG sscardi_ctx_pcsc(sscard_ctx *ctx, int force)
{
	LONG rv;

	SCARDCONTEXT fresh;

	if (ctx->have_pcsc && !force)
		return SCARD_S_SUCCESS;
	pthread_mutex_lock(&ctx->pcsc_lock);
	if (ctx->have_pcsc) {
		SCardReleaseContext(ctx->pcsc);
		ctx->have_pcsc = 0;
	}
	pthread_mutex_unlock(&ctx->pcsc_lock);
	rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &fresh);
	if (rv != SCARD_S_SUCCESS) {
		sscardi_log(ctx, SSCARD_LOG_INFO,
			    "SCardEstablishContext: 0x%08lX",
			    (unsigned long)rv);
		return rv;
	}
	pthread_mutex_lock(&ctx->pcsc_lock);
	ctx->pcsc = fresh;
	ctx->have_pcsc = 1;
	pthread_mutex_unlock(&ctx->pcsc_lock);
	ctx->pcsc_gen++;
	return SCARD_S_SUCCESS;
}

int sscard_ctx_new(sscard_ctx **out)
{
	sscard_ctx *ctx;

	if (out == NULL)
		return SSCARD_E_INVALID_ARG;
	*out = NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (ctx == NULL)
		return SSCARD_E_NO_MEMORY;
	ctx->owner = pthread_self();
	pthread_mutex_init(&ctx->pcsc_lock, NULL);
	ctx->region = sscardi_region_default;
	ctx->gone_wait_ms = 1200;
	sscardi_log_init(ctx);
	ctx->gb18030 = iconv_open("UTF-8", "GB18030");
	if (ctx->gb18030 == (iconv_t)-1) {
		pthread_mutex_destroy(&ctx->pcsc_lock);
		free(ctx);
		return SSCARD_E_INTERNAL;
	}
	/* no pcscd yet is not an error here: the first call that needs it
	 * tries again and reports */
	sscardi_ctx_pcsc(ctx, 0);
	*out = ctx;
	return 0;
}

void sscard_ctx_free(sscard_ctx *ctx)
{
	if (ctx == NULL)
		return;
	if (!sscardi_owner_ok(ctx)) {
		sscardi_log(ctx, SSCARD_LOG_ERROR,
			    "sscard_ctx_free from another thread ignored");
		return;
	}
	if (ctx->ncards > 0) {
		/* the cards point into ctx: freeing it now would leave them
		 * dangling.  Refuse; the caller disconnects them first. */
		sscardi_log(ctx, SSCARD_LOG_ERROR,
			    "sscard_ctx_free with %u card(s) still connected "
			    "ignored: sscard_disconnect() them first",
			    ctx->ncards);
		return;
	}
	if (ctx->have_pcsc)
		SCardReleaseContext(ctx->pcsc);
	iconv_close(ctx->gb18030);
	pthread_mutex_destroy(&ctx->pcsc_lock);
	free(ctx);
}

/* SCardListReaders into a buffer of ours (free it), re-establishing the
 * context once if pcscd restarted.  No readers: *names NULL, *len 0. */
static int list_names(sscard_ctx *ctx, char **names, DWORD *len)
{
	LONG rv;
	int attempt;

	*names = NULL;
	*len = 0;
	for (attempt = 0; attempt < 2; attempt++) {
		DWORD n = SCARD_AUTOALLOCATE;
		char *list = NULL;

		rv = sscardi_ctx_pcsc(ctx, attempt > 0);
		if (rv == SCARD_S_SUCCESS)
			rv = SCardListReaders(ctx->pcsc, NULL, (LPSTR)&list, &n);
		if (rv == SCARD_S_SUCCESS) {
			*names = malloc(n + 1);
			if (*names != NULL) {
				memcpy(*names, list, n);
				(*names)[n] = '\0';    /* the list may lie */
				*len = n;
			}
			SCardFreeMemory(ctx->pcsc, list);
			return *names != NULL ? 0 : SSCARD_E_NO_MEMORY;
		}
		if (rv == SCARD_E_NO_READERS_AVAILABLE)
			return 0;
		if (rv != SCARD_E_NO_SERVICE && rv != SCARD_E_SERVICE_STOPPED &&
		    rv != SCARD_E_INVALID_HANDLE)
			break;
	}
	return sscardi_map_pcsc(rv);
}

static int reader_state(DWORD state)
{
	if (state & SCARD_STATE_MUTE)
		return SSCARD_READER_MUTE;
	if (state & SCARD_STATE_EXCLUSIVE)
		return SSCARD_READER_IN_USE;
	if (state & SCARD_STATE_PRESENT)
		return SSCARD_READER_CARD;
	if (state & SCARD_STATE_EMPTY)
		return SSCARD_READER_EMPTY;
	return SSCARD_READER_UNKNOWN;
}

int sscard_list_readers(sscard_ctx *ctx, struct sscard_reader *readers,
			size_t max, size_t *count)
{
	SCARD_READERSTATE *st = NULL;
	char *names = NULL;
	DWORD len = 0;
	size_t n = 0, filled = 0, i;
	const char *p;
	int rv;

	if (ctx == NULL || count == NULL || (readers == NULL && max > 0))
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	*count = 0;
	rv = list_names(ctx, &names, &len);
	if (rv < 0)
		return rv;
	for (p = names; p != NULL && p < names + len && *p != '\0';
	     p += strlen(p) + 1)
		n++;
	filled = n < max ? n : max;
	if (filled > 0) {
		LONG lrv;

		st = calloc(filled, sizeof(*st));
		if (st == NULL) {
			rv = SSCARD_E_NO_MEMORY;
			goto out;
		}
		for (p = names, i = 0; i < filled; p += strlen(p) + 1, i++) {
			st[i].szReader = p;
			st[i].dwCurrentState = SCARD_STATE_UNAWARE;
		}
		lrv = SCardGetStatusChange(ctx->pcsc, 0, st, (DWORD)filled);
		if (lrv != SCARD_S_SUCCESS && lrv != SCARD_E_TIMEOUT) {
			rv = sscardi_map_pcsc(lrv);
			goto out;
		}
	}
	for (i = 0; i < filled; i++) {
		struct sscard_reader *r = &readers[i];

		memset(r, 0, sizeof(*r));
		snprintf(r->name, sizeof(r->name), "%s", st[i].szReader);
		r->state = reader_state(st[i].dwEventState);
		if (r->state != SSCARD_READER_EMPTY &&
		    st[i].cbAtr <= sizeof(r->atr)) {
			memcpy(r->atr, st[i].rgbAtr, st[i].cbAtr);
			r->atr_len = st[i].cbAtr;
		}
	}
	*count = n;
out:
	free(st);
	free(names);
	return rv;
}

int sscardi_card_open(sscard_ctx *ctx, const struct sscardi_transport_ops *ops,
		      void *io, const char *reader, sscard **out)
{
	sscard *card;
	size_t atr_len = sizeof(card->atr);
	LONG lrv;

	*out = NULL;
	card = calloc(1, sizeof(*card));
	if (card == NULL) {
		ops->disconnect(io, 0);
		return SSCARD_E_NO_MEMORY;
	}
	card->ctx = ctx;
	card->ops = ops;
	card->io = io;
	strncpy(card->reader, reader, sizeof(card->reader) - 1);
	lrv = ops->connect(io, reader, card->atr, &atr_len);
	card->last_pcsc = (unsigned long)lrv;
	if (lrv != SCARD_S_SUCCESS) {
		int err = sscardi_map_pcsc(lrv);

		sscardi_log(ctx, SSCARD_LOG_INFO, "connect '%s': 0x%08lX",
			    reader, (unsigned long)lrv);
		ops->disconnect(io, 0);
		free(card);
		/* at connect time, "removed" means there was no card */
		return err == SSCARD_E_CARD_REMOVED ? SSCARD_E_NO_CARD : err;
	}
	card->atr_len = atr_len;
	ctx->ncards++;
	sscardi_log(ctx, SSCARD_LOG_INFO, "connected to '%s' (%s)", reader,
		    ops->name);
	*out = card;
	return 0;
}

static int connect_by_name(sscard_ctx *ctx, const char *reader, sscard **card)
{
	void *io = sscardi_pcsc_io_new(ctx);

	if (io == NULL)
		return SSCARD_E_NO_MEMORY;
	return sscardi_card_open(ctx, &sscardi_pcsc_ops, io, reader, card);
}

int sscard_connect(sscard_ctx *ctx, const char *reader, sscard **card)
{
	struct sscard_reader readers[READERS_MAX];
	size_t count, i;
	int rv;

	if (ctx == NULL || card == NULL)
		return SSCARD_E_INVALID_ARG;
	*card = NULL;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	if (reader != NULL) {
		rv = sscardi_ctx_pcsc(ctx, 0);
		if (rv != SCARD_S_SUCCESS)
			return sscardi_map_pcsc(rv);
		return connect_by_name(ctx, reader, card);
	}
	rv = sscard_list_readers(ctx, readers, READERS_MAX, &count);
	if (rv < 0)
		return rv;
	if (count == 0)
		return SSCARD_E_NO_READER;
	if (count > READERS_MAX)
		count = READERS_MAX;
	for (i = 0; i < count; i++)
		if (readers[i].state == SSCARD_READER_CARD)
			return connect_by_name(ctx, readers[i].name, card);
	for (i = 0; i < count; i++)
		if (readers[i].state == SSCARD_READER_IN_USE)
			return SSCARD_E_SHARING;
	return SSCARD_E_NO_CARD;
}

int sscard_connect_index(sscard_ctx *ctx, unsigned index, sscard **card)
{
	struct sscard_reader readers[READERS_MAX];
	size_t count;
	int rv;

	if (ctx == NULL || card == NULL)
		return SSCARD_E_INVALID_ARG;
	*card = NULL;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	rv = sscard_list_readers(ctx, readers, READERS_MAX, &count);
	if (rv < 0)
		return rv;
	if (index >= count || index >= READERS_MAX)
		return SSCARD_E_NO_READER;
	return connect_by_name(ctx, readers[index].name, card);
}

void sscard_disconnect(sscard *card)
{
	if (card == NULL)
		return;
	if (!sscardi_owner_ok(card->ctx)) {
		sscardi_log(card->ctx, SSCARD_LOG_ERROR,
			    "sscard_disconnect from another thread ignored");
		return;
	}
	/* a verified PIN must not outlive this handle: the next application
	 * to connect would inherit it */
	card->ops->disconnect(card->io, card->pin_used);
	card->ctx->ncards--;
	free(card);
}

const char *sscard_reader_name(const sscard *card)
{
	return card != NULL ? card->reader : NULL;
}

int sscard_atr(const sscard *card, unsigned char *atr, size_t *atr_len)
{
	if (card == NULL || atr == NULL || atr_len == NULL)
		return SSCARD_E_INVALID_ARG;
	if (*atr_len < card->atr_len)
		return SSCARD_E_BUFFER_TOO_SMALL;
	memcpy(atr, card->atr, card->atr_len);
	*atr_len = card->atr_len;
	return 0;
}

unsigned sscard_last_sw(const sscard *card)
{
	return card != NULL ? card->last_sw : 0;
}

unsigned long sscard_last_pcsc(const sscard *card)
{
	return card != NULL ? card->last_pcsc : 0;
}

void sscard_get_stats(const sscard *card, struct sscard_stats *stats)
{
	if (card != NULL && stats != NULL)
		*stats = card->stats;
}

void sscard_reset_stats(sscard *card)
{
	if (card != NULL)
		memset(&card->stats, 0, sizeof(card->stats));
}

struct raw_args {
	const unsigned char *cmd;
	size_t cmd_len;
	unsigned char *resp;
	size_t *resp_len;
};

static int raw_op(sscard *card, void *arg)
{
	struct raw_args *a = arg;

	/* a raw command may select anything: trust no cached state after */
	sscardi_card_forget(card);
	return sscardi_xfer(card, a->cmd, a->cmd_len, a->resp, a->resp_len,
			    NULL);
}

int sscard_transmit(sscard *card, const unsigned char *cmd, size_t cmd_len,
		    unsigned char *resp, size_t *resp_len)
{
	struct raw_args a = { cmd, cmd_len, resp, resp_len };

	if (card == NULL || cmd == NULL || resp == NULL || resp_len == NULL)
		return SSCARD_E_INVALID_ARG;
	return sscardi_run_once(card, raw_op, &a);
}

int sscard_apdu_is_pin_command(const unsigned char *cmd, size_t len)
{
	return sscardi_apdu_is_secret(cmd, len);
}

void sscard_free(void *ptr)
{
	free(ptr);
}
