/*
 * What one local process may hold of the service: at most max_connections
 * connections at once (the next is closed as it is accepted), and no
 * WebSocket that has gone quiet.  A WebSocket is pinged when it has been
 * idle for half of idle_timeout and closed when nothing (a message or the
 * answer to a ping: browsers answer by themselves) came for idle_timeout;
 * a message announced larger than the service would keep closes the
 * connection at once instead of being waited for.
 *
 * Loop thread only.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>

#include "sscardd.h"

/* While the service runs, the connections libwebsockets creates and
 * destroys are the accepted ones: the listening sockets and its own wake-up
 * pipe are made before and go after (they are never announced as
 * created, and the count stops mattering then). */
int limits_connections(struct conn_cap *cap, unsigned max,
		       enum lws_callback_reasons reason, int *rv)
{
	*rv = 0;
	switch (reason) {
	case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
		if (cap->open < max) {
			cap->refusing = 0;
			return 1;
		}
		metrics_refused(cap->reason);
		if (!cap->refusing)
			say("sscardd: %u connections open (%s): refusing new "
			    "ones until some close", cap->open, cap->setting);
		cap->refusing = 1;
		*rv = 1;
		return 1;
	case LWS_CALLBACK_WSI_CREATE:
		cap->open++;
		return 1;
	case LWS_CALLBACK_WSI_DESTROY:
		if (cap->open > 0)
			cap->open--;
		return 1;
	default:
		return 0;
	}
}

void limits_alive(struct lws *wsi)
{
	int idle_s = svc.conf.idle_timeout_s;

	lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, idle_s);
	lws_set_timer_usecs(wsi, (lws_usec_t)idle_s * LWS_US_PER_SEC / 2);
}

int limits_too_large(struct lws *wsi, size_t have, size_t len)
{
	size_t announced = lws_remaining_packet_payload(wsi);

	if (have <= WS_MSG_HOLD_MAX && len <= WS_MSG_HOLD_MAX - have &&
	    announced <= WS_MSG_HOLD_MAX - have - len)
		return 0;
	lws_close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE,
			 (unsigned char *)"too large", 9);
	return 1;
}

/* The ping carries a byte because libwebsockets 4.1 does not report an
 * empty pong.  What was waiting behind it is written next. */
int limits_ping(struct lws *wsi)
{
	unsigned char buf[LWS_PRE + 1];

	buf[LWS_PRE] = 'p';
	if (lws_write(wsi, buf + LWS_PRE, 1, LWS_WRITE_PING) < 1)
		return -1;
	lws_callback_on_writable(wsi);
	return 0;
}

/* A WebSocket callback's keep-alive part: the pong that answers, the
 * timer that says a ping is due.  1 when reason was one of them. */
int limits_keepalive(struct lws *wsi, enum lws_callback_reasons reason,
		     int *ping_due)
{
	switch (reason) {
	case LWS_CALLBACK_RECEIVE_PONG:
		limits_alive(wsi);
		return 1;
	case LWS_CALLBACK_TIMER:
		*ping_due = 1;
		lws_callback_on_writable(wsi);
		return 1;
	default:
		return 0;
	}
}
