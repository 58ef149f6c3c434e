/*
 * The two listeners' protocols, in the libwebsockets loop (main thread):
 *
 *  - "sscard" on --port: the JSON API (GET /v1/...; POST /v1/pin/verify)
 *    and the WebSocket /v1/events.
 *  - "sscard-legacy" on --legacy-port: the ministry dialect (legacy.c), a
 *    WebSocket on any path.
 *
 * Every request and handshake passes guard.c first.  A request that needs
 * the card becomes a job for the card (or legacy) thread; its answer comes
 * back through the done queue, and the connection is asked to write.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json.h>
#include <openssl/crypto.h>

#include "output.h"
#include "sscardd.h"

#define BODY_MAX 256            /* POST /v1/pin/verify */
#define WS_MSG_MAX 2048         /* one legacy request */
#define WS_PENDING_MAX 8        /* legacy requests a connection may queue */
#define EVENT_MSG_MAX 4096

enum route {
	ROUTE_NONE,
	ROUTE_PIN               /* POST: waiting for its body */
};

struct pss {
	struct lws *wsi;
	int route;
	int cors;                       /* Origin allowed: echo it */
	const char *path;               /* the route's, for the log */
	char origin[SSCARDD_ORIGIN_LEN];
	struct job *job;                /* HTTP: the answer on its way */
	char body[BODY_MAX];
	size_t body_len;
	int body_overflow;

	/* WebSocket */
	uint64_t conn_id;               /* never reused */
	int ping_due;                   /* idle: a ping is to be sent */
	uint64_t seq;                   /* the next event to send it */
	struct pss *next_client;
	struct job *first, *last;       /* legacy answers, in order */
	int pending;
	char rx[WS_MSG_MAX];
	size_t rx_len;
	int rx_overflow;
};

/* the /v1/events clients (loop thread only) */
static struct pss *clients;
static uint64_t last_conn_id;

/* ---- who may call ------------------------------------------------------ */

static int header(struct lws *wsi, enum lws_token_indexes h, char *buf,
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
	if (header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION, auth, sizeof(auth)) &&
	    strncasecmp(auth, "Bearer ", 7) == 0)
		given = auth + 7;
	else
		given = lws_get_urlarg_by_name(wsi, "token=", arg, (int)sizeof(arg));
	ok = guard_token(&svc.conf, given);
	OPENSSL_cleanse(auth, sizeof(auth));
	OPENSSL_cleanse(arg, sizeof(arg));
	return ok;
}

/* What a caller sent, fit for one log line: printable ASCII, cut short. */
static const char *loggable(const char *in, char *buf, size_t size)
{
	size_t i;

	for (i = 0; in[i] != '\0' && i + 1 < size; i++)
		buf[i] = in[i] >= 0x20 && in[i] < 0x7F ? in[i] : '?';
	buf[i] = '\0';
	return buf;
}

/* NULL when the caller may go on, else why not (for the log and the 403) */
static const char *refusal(struct lws *wsi, struct pss *pss, int preflight)
{
	char host[128], site[32];

	if (!header(wsi, WSI_TOKEN_HOST, host, sizeof(host)) || !guard_host(host))
		return "Host is not a loopback name";
	pss->cors = 0;
	if (header(wsi, WSI_TOKEN_ORIGIN, pss->origin, sizeof(pss->origin))) {
		if (!guard_origin(&svc.conf, pss->origin))
			return "Origin is not allowed";
		pss->cors = 1;
	} else {
		custom_header(wsi, "sec-fetch-site:", site, sizeof(site));
		if (!guard_fetch_site(site))
			return "a cross-site request without Origin";
	}
	/* a preflight never carries the token; the request that follows must */
	if (!preflight && !token_ok(wsi))
		return "no valid token";
	return NULL;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
}

/* the job starts its life in the loop: the path and the time it came */
static void job_begin(struct job *j, struct lws *wsi, const char *what)
{
	j->wsi = wsi;
	j->what = what;
	clock_gettime(CLOCK_MONOTONIC, &j->started);
}

/* ---- answers ------------------------------------------------------------ */

static struct job *ready_job(int status, const char *body)
{
	struct job *j = job_new(JOB_LOOP);
	size_t len = body != NULL ? strlen(body) : 0;
	unsigned char *copy = len > 0 ? malloc(len) : NULL;

	if (j == NULL) {
		free(copy);
		return NULL;
	}
	if (copy != NULL)
		memcpy(copy, body, len);
	job_answer(j, status, "application/json", copy, copy ? len : 0);
	j->ready = 1;
	return j;
}

static char *error_body(int code, const char *message)
{
	json_object *root = out_root(), *e = out_error(code, 0, NULL);
	char *text;

	json_object_object_add(e, "message", json_object_new_string(message));
	json_object_object_add(root, "error", e);
	text = strdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN));
	json_object_put(root);
	return text;
}

/* answer now (from the loop): a refusal, /v1/version, a preflight */
static int answer_now(struct lws *wsi, struct pss *pss, int status,
		      const char *body)
{
	pss->job = ready_job(status, body);
	if (pss->job == NULL)
		return -1;
	job_begin(pss->job, wsi, pss->path);
	lws_callback_on_writable(wsi);
	return 0;
}

static int answer_error(struct lws *wsi, struct pss *pss, int status,
			int code, const char *message)
{
	char *body = error_body(code, message);
	int rv = answer_now(wsi, pss, status, body);

	free(body);
	return rv;
}

static int add_header(struct lws *wsi, const char *name, const char *value,
		      unsigned char **p, unsigned char *end)
{
	return lws_add_http_header_by_name(wsi, (const unsigned char *)name,
					   (const unsigned char *)value,
					   (int)strlen(value), p, end);
}

static int write_answer(struct lws *wsi, struct pss *pss)
{
	unsigned char head[LWS_PRE + 1024], *start = head + LWS_PRE, *p = start;
	unsigned char *end = head + sizeof(head) - 1, *out = NULL;
	struct job *j = pss->job;
	int preflight = j->status == 204, rv = -1;

	pss->job = NULL;
	/* a 204 (the preflight's) has neither a body nor its headers */
	if (lws_add_http_common_headers(wsi, (unsigned)j->status,
					preflight ? NULL : j->content_type,
					preflight ? LWS_ILLEGAL_HTTP_CONTENT_LEN
						  : j->body_len, &p, end) ||
	    add_header(wsi, "cache-control:", "no-store", &p, end) ||
	    add_header(wsi, "x-content-type-options:", "nosniff", &p, end))
		goto out;
	if (pss->cors &&
	    (add_header(wsi, "access-control-allow-origin:", pss->origin, &p, end) ||
	     add_header(wsi, "vary:", "Origin", &p, end)))
		goto out;
	if (pss->cors && preflight &&
	    (add_header(wsi, "access-control-allow-methods:", "GET, POST", &p, end) ||
	     add_header(wsi, "access-control-allow-headers:",
			"Content-Type, Authorization", &p, end) ||
	     add_header(wsi, "access-control-allow-private-network:", "true", &p, end) ||
	     add_header(wsi, "access-control-max-age:", "600", &p, end)))
		goto out;
	if (lws_finalize_write_http_header(wsi, start, &p, end))
		goto out;
	if (j->body_len > 0) {
		out = malloc(LWS_PRE + j->body_len);
		if (out == NULL)
			goto out;
		memcpy(out + LWS_PRE, j->body, j->body_len);
		if (lws_write(wsi, out + LWS_PRE, j->body_len,
			      LWS_WRITE_HTTP_FINAL) != (int)j->body_len)
			goto out;
	}
	rv = lws_http_transaction_completed(wsi) ? -1 : 0;
out:
	if (svc.conf.verbose)
		say("sscardd: %s %d (%.1f ms)", j->what ? j->what : "-", j->status,
		    ms_since(&j->started));
	free(out);
	job_free(j);
	return rv;
}

/* ---- the JSON API ---------------------------------------------------------- */

static int queue_job(struct lws *wsi, struct pss *pss, int kind)
{
	struct job *j = job_new(kind);

	if (j == NULL)
		return -1;
	job_begin(j, wsi, pss->path);
	pss->job = j;
	queue_push(&svc.card_jobs, j);
	return 0;
}

static int version(struct lws *wsi, struct pss *pss)
{
	json_object *root = out_root();
	int rv;

	json_object_object_add(root, "service", json_object_new_string("sscardd"));
	json_object_object_add(root, "version",
			       json_object_new_string(SSCARDD_VERSION));
	json_object_object_add(root, "library",
			       json_object_new_string(sscard_version()));
	json_object_object_add(root, "api", json_object_new_int(1));
	json_object_object_add(root, "legacy_port", svc.conf.legacy_port
			       ? json_object_new_int(svc.conf.legacy_port) : NULL);
	rv = answer_now(wsi, pss, 200, json_object_to_json_string_ext(root,
					JSON_C_TO_STRING_PLAIN));
	json_object_put(root);
	return rv;
}

static const struct {
	const char *path;
	int kind;               /* a job kind; -1 /v1/version */
	int post;
} routes[] = {
	{ "/v1/version", -1, 0 },
	{ "/v1/readers", JOB_READERS, 0 },
	{ "/v1/card", JOB_CARD, 0 },
	{ "/v1/card/photo", JOB_PHOTO, 0 },
	{ "/v1/medical", JOB_MEDICAL, 0 },
	{ "/v1/doctor", JOB_DOCTOR, 0 },
	{ "/v1/pin/verify", JOB_PIN, 1 },
};

static int http_request(struct lws *wsi, struct pss *pss, const char *path)
{
	int get = lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0;
	int post = lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI) > 0;
	int options = lws_hdr_total_length(wsi, WSI_TOKEN_OPTIONS_URI) > 0;
	const char *why = refusal(wsi, pss, options);
	size_t i;

	pss->wsi = wsi;
	pss->route = ROUTE_NONE;
	pss->body_len = 0;
	pss->body_overflow = 0;
	pss->path = "(refused)";
	if (why != NULL) {
		char shown_path[64], shown_origin[96];

		say("sscardd: refused %s%s%s: %s",
		    loggable(path, shown_path, sizeof(shown_path)),
		    pss->origin[0] ? " from " : "",
		    loggable(pss->origin, shown_origin, sizeof(shown_origin)), why);
		pss->cors = 0;
		return answer_error(wsi, pss, 403, SSCARD_E_ACCESS_DENIED, why);
	}
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (strcmp(path, routes[i].path) == 0)
			break;
	pss->path = i < sizeof(routes) / sizeof(routes[0]) ? routes[i].path
							    : "(unknown path)";
	if (i == sizeof(routes) / sizeof(routes[0]))
		return answer_error(wsi, pss, 404, SSCARD_E_INVALID_ARG,
				    "no such resource");
	if (options)
		return answer_now(wsi, pss, 204, NULL);
	if (routes[i].post ? !post : !get)
		return answer_error(wsi, pss, 405, SSCARD_E_INVALID_ARG,
				    routes[i].post ? "use POST" : "use GET");
	if (routes[i].kind < 0)
		return version(wsi, pss);
	if (routes[i].post) {
		pss->route = ROUTE_PIN;     /* the job waits for the body */
		return 0;
	}
	return queue_job(wsi, pss, routes[i].kind);
}

static int pin_body(struct lws *wsi, struct pss *pss)
{
	struct job *j = job_new(JOB_PIN);
	int rv = -1;

	if (j != NULL)
		rv = request_pin(pss->body, pss->body_len, j);
	OPENSSL_cleanse(pss->body, sizeof(pss->body));
	pss->body_len = 0;
	if (rv < 0) {
		job_free(j);
		return answer_error(wsi, pss, 400, SSCARD_E_INVALID_ARG,
				    "expected {\"pin\": \"digits\"}");
	}
	job_begin(j, wsi, pss->path);
	pss->job = j;
	queue_push(&svc.card_jobs, j);
	return 0;
}

static void forget_job(struct pss *pss)
{
	if (pss->job == NULL)
		return;
	if (pss->job->ready)
		job_free(pss->job);
	else
		pss->job->gone = 1;     /* freed when the worker gives it back */
	pss->job = NULL;
}

/* ---- WebSockets ------------------------------------------------------------ */

/* Checked before the upgrade, while the request's headers are at hand: a
 * refused handshake gets 403 like any request.  The connection has no
 * session data yet. */
static int ws_upgrade(struct lws *wsi, int legacy)
{
	struct pss scratch, *pss = &scratch;
	char path[64], shown_origin[96];
	const char *why = NULL;

	memset(pss, 0, sizeof(*pss));
	if (!legacy && (!header(wsi, WSI_TOKEN_GET_URI, path, sizeof(path)) ||
			strcmp(path, "/v1/events") != 0))
		why = "no WebSocket on this path";
	if (why == NULL)
		why = refusal(wsi, pss, 0);
	if (why == NULL)
		return 0;
	say("sscardd: refused a WebSocket%s%s: %s",
	    pss->origin[0] ? " from " : "",
	    loggable(pss->origin, shown_origin, sizeof(shown_origin)), why);
	lws_return_http_status(wsi, HTTP_STATUS_FORBIDDEN, NULL);
	return 1;
}

static int send_event(struct lws *wsi, struct pss *pss)
{
	unsigned char buf[LWS_PRE + EVENT_MSG_MAX];
	size_t len;
	int rv = events_get(pss->seq, (char *)buf + LWS_PRE, EVENT_MSG_MAX, &len);

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

static void legacy_append(struct pss *pss, struct job *j)
{
	j->conn_next = NULL;
	if (pss->last != NULL)
		pss->last->conn_next = j;
	else
		pss->first = j;
	pss->last = j;
	pss->pending++;
}

static int legacy_receive(struct lws *wsi, struct pss *pss, const void *in,
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
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi) > 0)
		return 0;
	limits_alive(wsi);
	j = job_new(JOB_LEGACY);
	if (j == NULL)
		return -1;
	job_begin(j, wsi, "legacy");
	j->conn = pss->conn_id;
	if (pss->rx_overflow || pss->pending >= WS_PENDING_MAX) {
		answer = legacy_answer(NULL, -14, pss->rx_overflow
				       ? "参数错误：请求过长" : "参数错误：请求过多");
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
	legacy_append(pss, j);
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

/* An events client sends nothing the service reads; a message only shows
 * it is alive. */
static int events_receive(struct lws *wsi, struct pss *pss, size_t len)
{
	if (limits_too_large(wsi, pss->rx_len, len))
		return -1;
	pss->rx_len += len;
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi) > 0)
		return 0;
	pss->rx_len = 0;
	limits_alive(wsi);
	return 0;
}

/* Idle for half of idle_timeout: ask whether it is still there.  The ping
 * carries a byte because libwebsockets 4.1 does not report an empty pong. */
static int send_ping(struct lws *wsi, struct pss *pss)
{
	unsigned char buf[LWS_PRE + 1];

	pss->ping_due = 0;
	buf[LWS_PRE] = 'p';
	if (lws_write(wsi, buf + LWS_PRE, 1, LWS_WRITE_PING) < 1)
		return -1;
	lws_callback_on_writable(wsi);  /* what was waiting behind it */
	return 0;
}

static int legacy_send(struct lws *wsi, struct pss *pss)
{
	struct job *j = pss->first;
	unsigned char *buf;
	int rv;

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
	if (svc.conf.verbose)
		say("sscardd: legacy %s %ld (%.1f ms)",
		    j->function[0] ? j->function : "-", j->legacy_code,
		    ms_since(&j->started));
	free(buf);
	job_free(j);
	if (rv == 0 && pss->first != NULL && pss->first->ready)
		lws_callback_on_writable(wsi);
	return rv;
}

static int ws_writeable(struct lws *wsi, struct pss *pss, int legacy)
{
	if (pss->ping_due)
		return send_ping(wsi, pss);
	return legacy ? legacy_send(wsi, pss) : send_event(wsi, pss);
}

static void ws_closed(struct pss *pss)
{
	struct pss **pp;
	struct job *j, *next;

	for (pp = &clients; *pp != NULL; pp = &(*pp)->next_client)
		if (*pp == pss) {
			*pp = pss->next_client;
			atomic_fetch_sub(&svc.event_clients, 1);
			break;
		}
	for (j = pss->first; j != NULL; j = next) {
		next = j->conn_next;
		if (j->ready)
			job_free(j);
		else
			j->gone = 1;
	}
	pss->first = pss->last = NULL;
}

/* ---- the loop's side of the done queue ------------------------------------- */

void http_drain_done(void)
{
	struct job *j = queue_take_all(&svc.done), *next;
	struct pss *c;
	uint64_t next_seq = events_next();

	for (; j != NULL; j = next) {
		next = j->next;
		if (j->gone) {
			job_free(j);
			continue;
		}
		j->ready = 1;
		lws_callback_on_writable(j->wsi);
	}
	for (c = clients; c != NULL; c = c->next_client)
		if (c->seq < next_seq)
			lws_callback_on_writable(c->wsi);
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason,
		    void *user, void *in, size_t len, int legacy)
{
	struct pss *pss = user;

	switch (reason) {
	case LWS_CALLBACK_HTTP:
		memset(pss, 0, sizeof(*pss));
		if (legacy)
			return answer_error(wsi, pss, 404, SSCARD_E_INVALID_ARG,
					    "this port speaks WebSocket only");
		return http_request(wsi, pss, in);
	case LWS_CALLBACK_HTTP_BODY:
		if (pss->body_len + len > sizeof(pss->body) - 1)
			pss->body_overflow = 1;
		else if (len > 0)
			memcpy(pss->body + pss->body_len, in, len);
		pss->body_len += len;
		return 0;
	case LWS_CALLBACK_HTTP_BODY_COMPLETION:
		if (pss->route != ROUTE_PIN)
			return 0;
		pss->route = ROUTE_NONE;
		if (pss->body_overflow) {
			OPENSSL_cleanse(pss->body, sizeof(pss->body));
			return answer_error(wsi, pss, 413, SSCARD_E_INVALID_ARG,
					    "body too large");
		}
		return pin_body(wsi, pss);
	case LWS_CALLBACK_HTTP_WRITEABLE:
		if (pss == NULL || pss->job == NULL || !pss->job->ready)
			return 0;
		return write_answer(wsi, pss);
	case LWS_CALLBACK_CLOSED_HTTP:
		if (pss != NULL) {
			OPENSSL_cleanse(pss->body, sizeof(pss->body));
			forget_job(pss);
		}
		return 0;
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return ws_upgrade(wsi, legacy);
	case LWS_CALLBACK_ESTABLISHED:
		memset(pss, 0, sizeof(*pss));
		pss->wsi = wsi;
		pss->conn_id = ++last_conn_id;
		limits_alive(wsi);
		if (!legacy) {
			pss->seq = events_next();
			pss->next_client = clients;
			clients = pss;
			atomic_fetch_add(&svc.event_clients, 1);
		}
		return 0;
	case LWS_CALLBACK_RECEIVE:
		return legacy ? legacy_receive(wsi, pss, in, len)
			      : events_receive(wsi, pss, len);
	case LWS_CALLBACK_RECEIVE_PONG:
		limits_alive(wsi);
		return 0;
	case LWS_CALLBACK_TIMER:
		pss->ping_due = 1;
		lws_callback_on_writable(wsi);
		return 0;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return ws_writeable(wsi, pss, legacy);
	case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
		return limits_accept() < 0;
	case LWS_CALLBACK_WSI_CREATE:
		limits_created();
		return 0;
	case LWS_CALLBACK_WSI_DESTROY:
		limits_destroyed();
		return 0;
	case LWS_CALLBACK_CLOSED:
		ws_closed(pss);
		return 0;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		http_drain_done();
		return 0;
	default:
		return 0;
	}
}

static int api_callback(struct lws *wsi, enum lws_callback_reasons reason,
			void *user, void *in, size_t len)
{
	return callback(wsi, reason, user, in, len, 0);
}

static int legacy_callback(struct lws *wsi, enum lws_callback_reasons reason,
			   void *user, void *in, size_t len)
{
	return callback(wsi, reason, user, in, len, 1);
}

const struct lws_protocols api_protocols[] = {
	{ "sscard", api_callback, sizeof(struct pss), WS_MSG_MAX, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

const struct lws_protocols legacy_protocols[] = {
	{ "sscard-legacy", legacy_callback, sizeof(struct pss), WS_MSG_MAX, 0,
	  NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};
