/*
 * The protocol of the metrics_listen port: GET /metrics and nothing else,
 * the numbers of metrics.c in Prometheus' text format.  It carries no card
 * data, which is why this one port may listen off the loopback; it sends
 * no CORS header, so a web page cannot read it, and it speaks no
 * WebSocket.  Its connections are its own few (METRICS_CONNECTIONS, apart
 * from the API's max_connections, so idle scrapers cannot starve the card
 * API of descriptors), each closed METRICS_TIMEOUT_S after it opened; a
 * Host that is a DNS name (a rebinding page) is refused.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "sscardd.h"

#define CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"
#define METRICS_CONNECTIONS 8
#define METRICS_TIMEOUT_S 5

struct pss_metrics {
	int status;
	char *body;             /* malloc'd, LWS_PRE before the text */
	size_t len;
};

static const char not_found[] = "only GET /metrics\n";
static const char bad_host[] = "Host must be an address or localhost\n";

static struct conn_cap metrics_cap = { "metrics_connections",
					"metrics_listen", 0, 0 };

static void prepare(struct pss_metrics *pss, const char *path, int get,
		    int host_ok)
{
	const char *fixed = host_ok ? not_found : bad_host;
	size_t len = 0;
	char *text;

	pss->status = host_ok ? 404 : 421;
	pss->len = strlen(fixed);
	if (host_ok && strcmp(path, "/metrics") == 0)
		pss->status = get ? 200 : 405;
	text = pss->status == 200 ? metrics_text(&len) : NULL;
	if (pss->status == 200 && text == NULL)
		pss->status = 500;
	if (text != NULL)
		pss->len = len;
	pss->body = malloc(LWS_PRE + pss->len);
	if (pss->body != NULL)
		memcpy(pss->body + LWS_PRE, text != NULL ? text : fixed,
		       pss->len);
	free(text);
}

static int answer(struct lws *wsi, struct pss_metrics *pss)
{
	unsigned char head[LWS_PRE + 512], *start = head + LWS_PRE, *p = start;
	unsigned char *end = head + sizeof(head) - 1;
	/* the answer leaves pss first: completing the transaction may free
	 * pss (a POST whose body is still coming) */
	char *body = pss->body;
	size_t len = pss->len;
	int status = pss->status, rv = -1;

	pss->body = NULL;
	if (body == NULL)
		return -1;
	if (lws_add_http_common_headers(wsi, (unsigned)status,
					status == 200 ? CONTENT_TYPE
						      : "text/plain",
					len, &p, end) ||
	    lws_finalize_write_http_header(wsi, start, &p, end))
		goto out;
	if (lws_write(wsi, (unsigned char *)body + LWS_PRE, len,
		      LWS_WRITE_HTTP_FINAL) != (int)len)
		goto out;
	rv = 0;
out:
	free(body);
	if (rv == 0 && lws_http_transaction_completed(wsi))
		rv = -1;
	return rv;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason,
		    void *user, void *in, size_t len)
{
	struct pss_metrics *pss = user;
	char host[128];
	int rv;

	(void)len;
	switch (reason) {
	case LWS_CALLBACK_HTTP:
		free(pss->body);
		memset(pss, 0, sizeof(*pss));
		prepare(pss, in,
			lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0,
			conn_header(wsi, WSI_TOKEN_HOST, host, sizeof(host)) &&
			guard_host_literal(host));
		if (pss->body == NULL)
			return -1;
		lws_callback_on_writable(wsi);
		return 0;
	case LWS_CALLBACK_HTTP_WRITEABLE:
		if (pss == NULL || pss->body == NULL)
			return 0;
		return answer(wsi, pss);
	case LWS_CALLBACK_CLOSED_HTTP:
		if (pss != NULL) {
			free(pss->body);
			pss->body = NULL;
		}
		return 0;
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return 1;       /* no WebSocket here */
	case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
	case LWS_CALLBACK_WSI_CREATE:
	case LWS_CALLBACK_WSI_DESTROY:
		limits_connections(&metrics_cap, METRICS_CONNECTIONS, reason,
				   &rv);
		if (reason == LWS_CALLBACK_WSI_CREATE)
			lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK,
					METRICS_TIMEOUT_S);
		return rv;
	default:
		return 0;
	}
}

const struct lws_protocols metrics_protocol = {
	"http", callback, sizeof(struct pss_metrics), 0, 0, NULL, 0
};
