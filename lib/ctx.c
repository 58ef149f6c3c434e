/*
 * Contexts: the owner thread, the PC/SC backend's context, logging, the
 * GB18030 converter and the region profile, and the rule that a context
 * goes only after its cards.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include "internal.h"

#ifndef SSCARD_VERSION_STRING
#define SSCARD_VERSION_STRING "0.0.0"
#endif

const char *sscard_version(void)
{
	return SSCARD_VERSION_STRING;
}

int sscardi_owner_ok(const sscard_ctx *ctx)
{
	return ctx != NULL && pthread_equal(ctx->owner, pthread_self());
}

int sscard_ctx_new(sscard_ctx **out)
{
	sscard_ctx *ctx;
	int rv = SSCARD_E_NO_MEMORY;

	if (out == NULL)
		return SSCARD_E_INVALID_ARG;
	*out = NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (ctx == NULL)
		return SSCARD_E_NO_MEMORY;
	ctx->owner = pthread_self();
	pthread_mutex_init(&ctx->lock, NULL);
	ctx->region = sscardi_region_default;
	ctx->gone_wait_ms = 1200;
	ctx->gb18030 = (iconv_t)-1;
	sscardi_log_init(ctx);
	ctx->backend = &sscardi_pcsc_backend;
	ctx->backend_state = ctx->backend->new();
	if (ctx->backend_state == NULL)
		goto fail;
	/* no pcscd yet is not an error here: the first call that needs it
	 * tries again and reports */
	ctx->backend->establish(ctx->backend_state, 0);
	*out = ctx;
	return 0;
fail:
	ctx->backend->free(ctx->backend_state);
	pthread_mutex_destroy(&ctx->lock);
	free(ctx);
	return rv;
}

/* Opened on the first name decoded: loading the converter costs a
 * context that never reads a name half a millisecond. */
iconv_t sscardi_ctx_gb18030(sscard_ctx *ctx)
{
	if (ctx->gb18030 == (iconv_t)-1)
		ctx->gb18030 = iconv_open("UTF-8", "GB18030");
	return ctx->gb18030;
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
	if (ctx->free_abandoned != NULL)
		ctx->free_abandoned(ctx);
	if (ctx->ncards > 0) {
		/* the cards point into ctx: freeing it now would leave them
		 * dangling.  Refuse; the caller disconnects them first. */
		sscardi_log(ctx, SSCARD_LOG_ERROR,
			    "sscard_ctx_free with %u card(s) still connected "
			    "ignored: sscard_disconnect() them first",
			    ctx->ncards);
		return;
	}
	ctx->backend->free(ctx->backend_state);
	if (ctx->gb18030 != (iconv_t)-1)
		iconv_close(ctx->gb18030);
	pthread_mutex_destroy(&ctx->lock);
	free(ctx);
}
