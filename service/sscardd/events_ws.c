/*
 * The protocol "sscard-events": the WebSocket /v1/events on the JSON API's
 * port (its vhost's default WebSocket protocol).  Each client gets every
 * event the event thread rings (events.c) from the one after it joined,
 * in order; one that falls a ring behind is closed.  A client sends
 * nothing the service reads: a message only shows it is alive.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdatomic.h>
#include <string.h>

#include "sscardd.h"

#define EVENT_MSG_MAX 4096

struct pss_events {
	struct lws *wsi;
	uint64_t seq;                   /* the next event to send it */
	struct pss_events *next;        /* in clients */
	int ping_due;                   /* idle: a ping is to be sent */
	size_t rx_len;                  /* of the message coming in */
};

/* the connected clients (loop thread only) */
static struct pss_events *clients;

static void joined(struct lws *wsi, struct pss_events *pss)
{
	memset(pss, 0, sizeof(*pss));
	pss->wsi = wsi;
	pss->seq = events_next();
	pss->next = clients;
	clients = pss;
	atomic_fetch_add(&svc.event_clients, 1);
	limits_alive(wsi);
}

static void left(struct pss_events *pss)
{
	struct pss_events **pp;

	for (pp = &clients; *pp != NULL; pp = &(*pp)->next)
		if (*pp == pss) {
			*pp = pss->next;
			atomic_fetch_sub(&svc.event_clients, 1);
			break;
		}
}

static int receive(struct lws *wsi, struct pss_events *pss, size_t len)
{
	if (limits_too_large(wsi, pss->rx_len, len))
		return -1;
	pss->rx_len += len;
	if (!lws_is_final_fragment(wsi) ||
	    lws_remaining_packet_payload(wsi) > 0)
		return 0;
	pss->rx_len = 0;
	limits_alive(wsi);
	return 0;
}

static int send_event(struct lws *wsi, struct pss_events *pss)
{
	unsigned char buf[LWS_PRE + EVENT_MSG_MAX];
	size_t len;
	int rv;

	if (pss->ping_due) {
		pss->ping_due = 0;
		return limits_ping(wsi);
	}
	rv = events_get(pss->seq, (char *)buf + LWS_PRE, EVENT_MSG_MAX, &len);
	if (rv == 0)
		return 0;
	if (rv < 0) {
		say("sscardd: an events client fell behind; closing it");
		lws_close_reason(wsi, LWS_CLOSE_STATUS_POLICY_VIOLATION,
				 (unsigned char *)"too slow", 8);
		return -1;
	}
	if (lws_write(wsi, buf + LWS_PRE, len, LWS_WRITE_TEXT) < (int)len)
		return -1;
	pss->seq++;
	if (pss->seq < events_next())
		lws_callback_on_writable(wsi);
	return 0;
}

/* New events rang: every client behind them is asked to write. */
void events_ws_wake(void)
{
	uint64_t next_seq = events_next();
	struct pss_events *c;

	for (c = clients; c != NULL; c = c->next)
		if (c->seq < next_seq)
			lws_callback_on_writable(c->wsi);
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason,
		    void *user, void *in, size_t len)
{
	struct pss_events *pss = user;

	(void)in;
	if (pss != NULL && limits_keepalive(wsi, reason, &pss->ping_due))
		return 0;
	switch (reason) {
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return conn_confirm_upgrade(wsi);
	case LWS_CALLBACK_ESTABLISHED:
		joined(wsi, pss);
		return 0;
	case LWS_CALLBACK_RECEIVE:
		return receive(wsi, pss, len);
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return send_event(wsi, pss);
	case LWS_CALLBACK_CLOSED:
		left(pss);
		return 0;
	default:
		return 0;
	}
}

const struct lws_protocols events_protocol = {
	"sscard-events", callback, sizeof(struct pss_events), EVENT_MSG_MAX,
	0, NULL, 0
};
