/*
 * Silent-by-default logging and the APDU trace.  PIN command data is never
 * formatted: the trace prints "**" in its place, always.  Personal data in
 * the card's answers (apdu/redact.c) shows as '*' nibbles unless the
 * caller opted in to SSCARD_LOG_APDU_FULL.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (level > SSCARD_LOG_APDU_FULL)
		level = SSCARD_LOG_APDU_FULL;
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

		ctx->log_level = level > SSCARD_LOG_APDU_FULL
					 ? SSCARD_LOG_APDU_FULL : (int)level;
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

static size_t put_hex(char *line, size_t w, size_t size, uint8_t byte,
		      uint8_t hide)
{
	static const char digits[] = "0123456789ABCDEF";

	if (w + 4 > size)
		return w;
	line[w++] = ' ';
	line[w++] = (hide & 0x10) ? '*' : digits[byte >> 4];
	line[w++] = (hide & 0x01) ? '*' : digits[byte & 0x0F];
	line[w] = '\0';
	return w;
}

void sscardi_log_apdu(const sscard_ctx *ctx, const uint8_t *cmd,
		      size_t cmd_len, const uint8_t *resp, size_t resp_len,
		      unsigned flags)
{
	/* "> " + 3 chars per byte of a 261-byte APDU + SW text */
	char line[3 * SSCARDI_CAPDU_MAX + 128];
	uint8_t hide[SSCARDI_RAPDU_MAX];
	const uint8_t *buf = resp != NULL ? resp : cmd;
	size_t len = resp != NULL ? resp_len : cmd_len, shown = len, w, i;
	uint16_t sw;

	if (ctx == NULL || ctx->log_level < SSCARD_LOG_APDU)
		return;
	memset(hide, 0, sizeof(hide));
	if (resp == NULL && (flags & SSCARDI_TRACE_SECRET) && len > 5)
		shown = 5;                  /* PIN data: header and Lc only */
	if (resp != NULL && resp_len >= 2 && resp_len <= sizeof(hide) &&
	    ctx->log_level < SSCARD_LOG_APDU_FULL)
		sscardi_redact_answer(cmd, cmd_len,
				      (flags & SSCARDI_TRACE_PIECE) != 0, resp,
				      resp_len - 2, hide);
	line[0] = resp != NULL ? '<' : '>';
	line[1] = '\0';
	w = 1;
	for (i = 0; i < shown; i++)
		w = put_hex(line, w, sizeof(line), buf[i],
			    i < sizeof(hide) ? hide[i] : 0);
	if (shown < len)
		w += (size_t)snprintf(line + w, sizeof(line) - w, " **");
	if (resp != NULL && len >= 2) {
		sw = (uint16_t)((buf[len - 2] << 8) | buf[len - 1]);
		snprintf(line + w, sizeof(line) - w, "  (%s)",
			 cmd != NULL && cmd_len >= 2 &&
					 !(flags & SSCARDI_TRACE_PIECE)
				 ? sscardi_sw_text_after(cmd[1], sw)
				 : sscardi_sw_text(sw));
	}
	emit(ctx, SSCARD_LOG_APDU, line);
}
