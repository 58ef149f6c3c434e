/*
 * The protocol "sscard-legacy": the vendor services' dialect on the legacy
 * port (its vhost's default WebSocket protocol, on any path).  Each
 * message is one call (request.c parses it); the calls go to the legacy
 * thread (legacy.c) and their answers come back in the order they were
 * asked, at most WS_PENDING_MAX waiting per connection.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "sscardd.h"

#define WS_MSG_MAX 2048         /* one legacy request */
#define WS_PENDING_MAX 8        /* legacy requests a connection may queue */

struct pss_legacy {
	struct lws *wsi;
	uint64_t conn_id;               /* never reused: owns an HSM step */
	int ping_due;                   /* idle: a ping is to be sent */
	struct job *first, *last;       /* the answers, in order */
	int pending;
	char rx[WS_MSG_MAX];
	size_t rx_len;
	int rx_overflow;
};

static uint64_t last_conn_id;   /* loop thread only */

static void append(struct pss_legacy *pss, struct job *j)
{
	j->conn_next = NULL;
	if (pss->last != NULL)
		pss->last->conn_next = j;
	else
		pss->first = j;
	pss->last = j;
	pss->pending++;
}

static int receive(struct lws *wsi, struct pss_legacy *pss, const void *in,
		   size_t len)
{
	struct job *j;
	char *answer;
	int call;

	if (limits_too_large(wsi, pss->rx_len, len))
		return -1;
	if (pss->rx_len + len > sizeof(pss->rx))
		pss->rx_overflow = 1;
	else
		memcpy(pss->rx + pss->rx_len, in, len);
	pss->rx_len += len;
	if (!lws_is_final_fragment(wsi) ||
	    lws_remaining_packet_payload(wsi) > 0)
		return 0;
	limits_alive(wsi);
	j = job_new(JOB_LEGACY);
	if (j == NULL)
		return -1;
	conn_job_begin(j, wsi, "legacy");
	j->conn = pss->conn_id;
	if (pss->rx_overflow || pss->pending >= WS_PENDING_MAX) {
		answer = legacy_answer(NULL, -14, pss->rx_overflow
				       ? "参数错误：请求过长" : "参数错误：请求过多");
		j->legacy_code = -14;
		call = 0;
	} else {
		call = request_legacy(pss->rx, pss->rx_len, j, &answer) == 0;
	}
	OPENSSL_cleanse(pss->rx, sizeof(pss->rx));
	pss->rx_len = 0;
	pss->rx_overflow = 0;
	if (!call && answer == NULL) {
		job_free(j);
		return -1;
	}
	append(pss, j);
	if (call) {
		queue_push(&svc.legacy_jobs, j);
		return 0;
	}
	job_answer(j, 200, "application/json", (unsigned char *)answer,
		   strlen(answer));
	j->ready = 1;
	lws_callback_on_writable(wsi);
	return 0;
}

static int send_answer(struct lws *wsi, struct pss_legacy *pss)
{
	struct job *j = pss->first;
	unsigned char *buf;
	int rv;

	if (pss->ping_due) {
		pss->ping_due = 0;
		return limits_ping(wsi);
	}
	if (j == NULL || !j->ready)
		return 0;
	pss->first = j->conn_next;
	if (pss->first == NULL)
		pss->last = NULL;
	pss->pending--;
	buf = malloc(LWS_PRE + j->body_len);
	if (buf == NULL) {
		job_free(j);
		return -1;
	}
	memcpy(buf + LWS_PRE, j->body, j->body_len);
	rv = lws_write(wsi, buf + LWS_PRE, j->body_len, LWS_WRITE_TEXT) <
	     (int)j->body_len ? -1 : 0;
	metrics_legacy(j->function, j->legacy_code);
	if (svc.conf.verbose || j->legacy_code != 0)
		log_job(j);
	free(buf);
	job_free(j);
	if (rv == 0 && pss->first != NULL && pss->first->ready)
		lws_callback_on_writable(wsi);
	return rv;
}

/* Answers still with the legacy thread are freed when it gives them back. */
static void closed(struct pss_legacy *pss)
{
	struct job *j, *next;

	for (j = pss->first; j != NULL; j = next) {
		next = j->conn_next;
		if (j->ready)
			job_free(j);
		else
			j->gone = 1;
	}
	pss->first = pss->last = NULL;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason,
		    void *user, void *in, size_t len)
{
	struct pss_legacy *pss = user;

	if (pss != NULL && limits_keepalive(wsi, reason, &pss->ping_due))
		return 0;
	switch (reason) {
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return conn_confirm_upgrade(wsi);
	case LWS_CALLBACK_ESTABLISHED:
		memset(pss, 0, sizeof(*pss));
		pss->wsi = wsi;
		pss->conn_id = ++last_conn_id;
		limits_alive(wsi);
		return 0;
	case LWS_CALLBACK_RECEIVE:
		return receive(wsi, pss, in, len);
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return send_answer(wsi, pss);
	case LWS_CALLBACK_CLOSED:
		closed(pss);
		return 0;
	default:
		return 0;
	}
}

const struct lws_protocols legacy_protocol = {
	"sscard-legacy", callback, sizeof(struct pss_legacy), WS_MSG_MAX,
	0, NULL, 0
};
