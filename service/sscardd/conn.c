/*
 * What every connection shares, whichever protocol serves it: the headers
 * that say who calls (guard.c decides), a WebSocket handshake's check, the
 * log's view of what a caller sent, and when a job began.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/crypto.h>

#include "slog.h"
#include "sscardd.h"

int conn_header(struct lws *wsi, enum lws_token_indexes h, char *buf,
		size_t size)
{
	buf[0] = '\0';
	if (lws_hdr_total_length(wsi, h) <= 0)
		return 0;
	return lws_hdr_copy(wsi, buf, (int)size, h) > 0;
}

static int custom_header(struct lws *wsi, const char *name, char *buf,
			 size_t size)
{
	int name_len = (int)strlen(name);

	buf[0] = '\0';
	if (lws_hdr_custom_length(wsi, name, name_len) <= 0)
		return 0;
	return lws_hdr_custom_copy(wsi, buf, (int)size, name, name_len) > 0;
}

/* "Bearer TOKEN", or ?token= (a browser cannot set headers on a
 * WebSocket) */
static int token_ok(struct lws *wsi)
{
	char auth[SSCARDD_TOKEN_LEN + 16], arg[SSCARDD_TOKEN_LEN + 8];
	const char *given;
	int ok;

	if (svc.conf.token[0] == '\0')
		return 1;
	if (conn_header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth,
			sizeof(auth)) &&
	    strncasecmp(auth, "Bearer ", 7) == 0)
		given = auth + 7;
	else
		given = lws_get_urlarg_by_name(wsi, "token=", arg,
					       (int)sizeof(arg));
	ok = guard_token(&svc.conf, given);
	OPENSSL_cleanse(auth, sizeof(auth));
	OPENSSL_cleanse(arg, sizeof(arg));
	return ok;
}

/* What a caller sent, fit for one log line: printable ASCII, cut short. */
const char *conn_loggable(const char *in, char *buf, size_t size)
{
	size_t i;

	for (i = 0; in[i] != '\0' && i + 1 < size; i++)
		buf[i] = in[i] >= 0x20 && in[i] < 0x7F ? in[i] : '?';
	buf[i] = '\0';
	return buf;
}

/* NULL when the caller may go on, else why not (for the log and the 403) */
const char *conn_refusal(struct lws *wsi, char origin[SSCARDD_ORIGIN_LEN],
			 int *cors, int preflight)
{
	const char *why = NULL, *reason = NULL;
	char host[128], site[32];

	*cors = 0;
	origin[0] = '\0';
	if (!conn_header(wsi, WSI_TOKEN_HOST, host, sizeof(host)) ||
	    !guard_host(host)) {
		why = "Host is not a loopback name";
		reason = "host";
	} else if (conn_header(wsi, WSI_TOKEN_ORIGIN, origin,
			       SSCARDD_ORIGIN_LEN)) {
		if (guard_origin(&svc.conf, origin)) {
			*cors = 1;
		} else {
			why = "Origin is not allowed";
			reason = "origin";
		}
	} else {
		custom_header(wsi, "sec-fetch-site:", site, sizeof(site));
		if (!guard_fetch_site(site)) {
			why = "a cross-site request without Origin";
			reason = "fetch_site";
		}
	}
	/* a preflight never carries the token; the request that follows must */
	if (why == NULL && !preflight && !token_ok(wsi)) {
		why = "no valid token";
		reason = "token";
	}
	if (reason != NULL)
		metrics_refused(reason);
	return why;
}

double conn_ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

/* the job starts its life in the loop: the path and the time it came */
void conn_job_begin(struct job *j, struct lws *wsi, const char *what)
{
	static uint64_t last_id;

	j->id = ++last_id;
	j->wsi = wsi;
	j->what = what;
	clock_gettime(CLOCK_MONOTONIC, &j->started);
}

int conn_on_legacy_port(struct lws *wsi)
{
	return svc.conf.legacy_port != 0 &&
	       lws_get_vhost_listen_port(lws_get_vhost(wsi)) ==
	       svc.conf.legacy_port;
}

/* Checked before the upgrade, while the request's headers are at hand: a
 * refused handshake gets 403 like any request.  The JSON API's port has
 * one WebSocket, /v1/events; the legacy port takes any path.  (The
 * handshake reaches the port's WebSocket protocol, its default, which
 * asks here.) */
int conn_confirm_upgrade(struct lws *wsi)
{
	char path[64], origin[SSCARDD_ORIGIN_LEN], shown_origin[96];
	const char *why = NULL;
	int cors;

	origin[0] = '\0';
	if (!conn_on_legacy_port(wsi) &&
	    (!conn_header(wsi, WSI_TOKEN_GET_URI, path, sizeof(path)) ||
	     strcmp(path, "/v1/events") != 0))
		why = "no WebSocket on this path";
	if (why == NULL)
		why = conn_refusal(wsi, origin, &cors, 0);
	if (why == NULL)
		return 0;
	say("sscardd: refused a WebSocket%s%s: %s", origin[0] ? " from " : "",
	    conn_loggable(origin, shown_origin, sizeof(shown_origin)), why);
	lws_return_http_status(wsi, HTTP_STATUS_FORBIDDEN, NULL);
	return 1;
}

/* the loop thread only */
void log_job(const struct job *j)
{
	static int journal = -1;
	struct slog_record r = { "sscardd", j->id, NULL, NULL, j->sw,
				 j->reader, conn_ms_since(&j->started),
				 j->kind == JOB_LEGACY ? 0 : j->status, 0 };
	char code[24], line[512];

	if (journal < 0)
		journal = slog_journal_stderr();
	if (j->kind == JOB_LEGACY) {
		r.op = j->function[0] != '\0' ? j->function : "-";
		snprintf(code, sizeof(code), "%ld", j->legacy_code);
		r.code = code;
		r.failed = j->legacy_code != 0;
	} else {
		r.op = j->kind == JOB_LOOP ? (j->what ? j->what : "-")
					   : job_name(j->kind);
		r.code = sscard_error_name(j->err);
		r.failed = j->err < 0;
	}
	if (journal && slog_journal(&r) == 0)
		return;
	slog_format(line, sizeof(line), &r);
	say("%s", line);
}
