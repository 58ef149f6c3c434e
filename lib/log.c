/*
 * Silent-by-default logging and the APDU trace.  PIN command data is never
 * formatted: the trace prints "**" in its place, always.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static pthread_mutex_t default_lock = PTHREAD_MUTEX_INITIALIZER;
static int default_set;
static int default_level;
static sscard_log_fn default_fn;
static void *default_user;

void sscard_set_log(sscard_ctx *ctx, int level, sscard_log_fn fn, void *user)
{
	if (level < SSCARD_LOG_NONE)
		level = SSCARD_LOG_NONE;
	if (level > SSCARD_LOG_APDU)
		level = SSCARD_LOG_APDU;
	pthread_mutex_lock(&default_lock);
	default_set = 1;
	default_level = level;
	default_fn = fn;
	default_user = user;
	pthread_mutex_unlock(&default_lock);
	if (ctx != NULL) {
		ctx->log_level = level;
		ctx->log_fn = fn;
		ctx->log_user = user;
	}
}

void sscardi_log_init(sscard_ctx *ctx)
{
	const char *env = secure_getenv("SSCARD_DEBUG");

	pthread_mutex_lock(&default_lock);
	ctx->log_level = default_level;
	ctx->log_fn = default_fn;
	ctx->log_user = default_user;
	pthread_mutex_unlock(&default_lock);
	if (!default_set && env != NULL && env[0] >= '0' && env[0] <= '9') {
		long level = strtol(env, NULL, 10);

		ctx->log_level = level > SSCARD_LOG_APDU ? SSCARD_LOG_APDU
							 : (int)level;
	}
}

static void emit(const sscard_ctx *ctx, int level, const char *msg)
{
	if (ctx->log_fn != NULL)
		ctx->log_fn(level, msg, ctx->log_user);
	else
		fprintf(stderr, "sscard: %s\n", msg);
}

void sscardi_log(const sscard_ctx *ctx, int level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (ctx == NULL || level > ctx->log_level || level <= SSCARD_LOG_NONE)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	emit(ctx, level, msg);
}

void sscardi_log_apdu(const sscard_ctx *ctx, int out, const uint8_t *buf,
		      size_t len, int redact)
{
	/* "> " + 3 chars per byte of a 261-byte APDU + SW text */
	char line[3 * SSCARDI_CAPDU_MAX + 128];
	size_t shown = len, w, i;
	uint16_t sw = 0;

	if (ctx == NULL || ctx->log_level < SSCARD_LOG_APDU)
		return;
	if (redact && len > 5)
		shown = 5;                  /* header and Lc only */
	w = (size_t)snprintf(line, sizeof(line), "%s", out ? ">" : "<");
	for (i = 0; i < shown && w + 4 < sizeof(line); i++)
		w += (size_t)snprintf(line + w, sizeof(line) - w, " %02X",
				      buf[i]);
	if (shown < len)
		w += (size_t)snprintf(line + w, sizeof(line) - w, " **");
	if (!out && len >= 2) {
		sw = (uint16_t)((buf[len - 2] << 8) | buf[len - 1]);
		snprintf(line + w, sizeof(line) - w, "  (%s)",
			 sscardi_sw_text(sw));
	}
	emit(ctx, SSCARD_LOG_APDU, line);
}
