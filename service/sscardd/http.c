/*
 * The protocol "http", first on both ports: every HTTP request and every
 * WebSocket handshake passes guard.c here first (conn.c reads the
 * headers), and so do the connection limits (limits.c).  On the JSON
 * API's port it answers GET /v1/... and POST /v1/pin/verify: a request
 * that needs the card becomes a job for the card thread, and its answer
 * comes back through the done queue.  On the legacy port it only says
 * that the port speaks WebSocket.  The WebSockets themselves are
 * events_ws.c's and legacy_ws.c's; conn.c checks their handshakes.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <openssl/crypto.h>

#include "output.h"
#include "sscardd.h"

#define BODY_MAX 256            /* POST /v1/pin/verify */
#define JOB_TIMEOUT_S 60        /* a request the card thread answers */

enum route {
	ROUTE_NONE,
	ROUTE_PIN               /* POST: waiting for its body */
};

struct pss_http {
	struct lws *wsi;
	int route;
	int cors;                       /* Origin allowed: echo it */
	const char *path;               /* the route's, for the log */
	char origin[SSCARDD_ORIGIN_LEN];
	struct job *job;                /* the answer on its way */
	char body[BODY_MAX];
	size_t body_len;
	int body_overflow;
};

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
	json_object *root = out_error_doc(NULL, code, 0, NULL, message);
	char *text;

	text = strdup(out_text(root));
	json_object_put(root);
	return text;
}

/* answer now (from the loop): a refusal, /v1/version, a preflight */
static int answer_now(struct lws *wsi, struct pss_http *pss, int status,
		      const char *body)
{
	pss->job = ready_job(status, body);
	if (pss->job == NULL)
		return -1;
	conn_job_begin(pss->job, wsi, pss->path);
	lws_callback_on_writable(wsi);
	return 0;
}

static int answer_error(struct lws *wsi, struct pss_http *pss, int status,
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

static int write_answer(struct lws *wsi, struct pss_http *pss)
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
	if (pss->cors && (add_header(wsi, "access-control-allow-origin:",
				     pss->origin, &p, end) ||
			  add_header(wsi, "vary:", "Origin", &p, end)))
		goto out;
	if (pss->cors && preflight &&
	    (add_header(wsi, "access-control-allow-methods:", "GET, POST", &p,
			end) ||
	     add_header(wsi, "access-control-allow-headers:",
			"Content-Type, Authorization", &p, end) ||
	     add_header(wsi, "access-control-allow-private-network:", "true",
			&p, end) ||
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
	/* a card operation's failure always, everything when verbose */
	if (svc.conf.verbose || (j->kind != JOB_LOOP && j->err < 0))
		log_job(j);
	free(out);
	job_free(j);
	return rv;
}

/* ---- the JSON API ----------------------------------------------------------
 */

/* Accept-Language, else the service's default; a header too long to
 * copy chooses nothing */
static int wants_zh(struct lws *wsi)
{
	char accept[256];

	if (lws_hdr_copy(wsi, accept, sizeof(accept),
			 WSI_TOKEN_HTTP_ACCEPT_LANGUAGE) <= 0)
		return svc.conf.zh;
	return lang_prefers_zh(accept, svc.conf.zh);
}

/* The request to the card thread.  The connection waits for it as long
 * as the card may take (a mute card, the doctor's probes of every slot:
 * seconds each), not the few seconds a connection that sends nothing
 * gets. */
static void hand_over(struct lws *wsi, struct pss_http *pss, struct job *j)
{
	conn_job_begin(j, wsi, pss->path);
	pss->job = j;
	lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, JOB_TIMEOUT_S);
	queue_push(&svc.card_jobs, j);
}

static int queue_job(struct lws *wsi, struct pss_http *pss, int kind,
		     int fresh)
{
	struct job *j = job_new(kind);

	if (j == NULL)
		return -1;
	j->fresh = fresh;
	j->zh = wants_zh(wsi);
	hand_over(wsi, pss, j);
	return 0;
}

static int version(struct lws *wsi, struct pss_http *pss)
{
	json_object *root = out_root();
	int rv;

	json_object_object_add(root, "service",
			       json_object_new_string("sscardd"));
	json_object_object_add(root, "version",
			       json_object_new_string(SSCARDD_VERSION));
	json_object_object_add(root, "library",
			       json_object_new_string(sscard_version()));
	json_object_object_add(root, "api", json_object_new_int(1));
	json_object_object_add(
		root, "legacy_port",
		svc.conf.legacy_port ? json_object_new_int(svc.conf.legacy_port)
				     : NULL);
	rv = answer_now(wsi, pss, 200, out_text(root));
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

/* ?fresh=1: ask the card, not what it said while still in the reader;
 * 0 or 1, -1 for anything else */
static int fresh_arg(struct lws *wsi)
{
	char arg[16];
	const char *value = lws_get_urlarg_by_name(wsi, "fresh=", arg,
						   sizeof(arg));

	if (value == NULL || strcmp(value, "0") == 0)
		return 0;
	return strcmp(value, "1") == 0 ? 1 : -1;
}

static int http_request(struct lws *wsi, struct pss_http *pss, const char *path)
{
	int get = lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0;
	int post = lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI) > 0;
	int options = lws_hdr_total_length(wsi, WSI_TOKEN_OPTIONS_URI) > 0;
	const char *why = conn_refusal(wsi, pss->origin, &pss->cors,
				       options);
	size_t i;
	int fresh;

	pss->wsi = wsi;
	pss->route = ROUTE_NONE;
	pss->body_len = 0;
	pss->body_overflow = 0;
	pss->path = "(refused)";
	if (why != NULL) {
		char shown_path[64], shown_origin[96];

		say("sscardd: refused %s%s%s: %s",
		    conn_loggable(path, shown_path, sizeof(shown_path)),
		    pss->origin[0] ? " from " : "",
		    conn_loggable(pss->origin, shown_origin,
				  sizeof(shown_origin)),
		    why);
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
	fresh = fresh_arg(wsi);
	if (fresh < 0)
		return answer_error(wsi, pss, 400, SSCARD_E_INVALID_ARG,
				    "fresh takes 1 or 0");
	return queue_job(wsi, pss, routes[i].kind, fresh);
}

static int pin_body(struct lws *wsi, struct pss_http *pss)
{
	struct job *j = job_new(JOB_PIN);
	int rv = -1;

	if (j != NULL) {
		j->zh = wants_zh(wsi);
		rv = request_pin(pss->body, pss->body_len, j);
	}
	OPENSSL_cleanse(pss->body, sizeof(pss->body));
	pss->body_len = 0;
	if (rv < 0) {
		job_free(j);
		return answer_error(wsi, pss, 400, SSCARD_E_INVALID_ARG,
				    "expected {\"pin\": \"digits\"}");
	}
	hand_over(wsi, pss, j);
	return 0;
}

static void forget_job(struct pss_http *pss)
{
	if (pss->job == NULL)
		return;
	if (pss->job->ready) {
		job_free(pss->job);
	} else {
		say("sscardd: %s: the connection closed before the card "
		    "answered (%.0f ms)", pss->job->what,
		    conn_ms_since(&pss->job->started));
		pss->job->gone = 1; /* freed when the worker gives it back */
	}
	pss->job = NULL;
}

/* ---- the loop's side of the done queue --------------------------------- */

static void drain_done(void)
{
	struct job *j = queue_take_all(&svc.done), *next;

	for (; j != NULL; j = next) {
		next = j->next;
		if (j->gone) {
			job_free(j);
			continue;
		}
		j->ready = 1;
		lws_callback_on_writable(j->wsi);
	}
	events_ws_wake();
}

/* the API port's connections, max_connections at once */
static struct conn_cap api_cap = { "connections", "max_connections", 0, 0 };

static int callback(struct lws *wsi, enum lws_callback_reasons reason,
		    void *user, void *in, size_t len)
{
	struct pss_http *pss = user;
	int rv;

	switch (reason) {
	case LWS_CALLBACK_HTTP:
		memset(pss, 0, sizeof(*pss));
		if (conn_on_legacy_port(wsi))
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
		return conn_confirm_upgrade(wsi);
	case LWS_CALLBACK_ESTABLISHED:
		return -1;      /* a WebSocket that asked for "http" by name */
	case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
	case LWS_CALLBACK_WSI_CREATE:
	case LWS_CALLBACK_WSI_DESTROY:
		limits_connections(&api_cap,
				   (unsigned)svc.conf.max_connections, reason,
				   &rv);
		return rv;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		drain_done();
		return 0;
	default:
		return 0;
	}
}

const struct lws_protocols http_protocol = {
	"http", callback, sizeof(struct pss_http), 0, 0, NULL, 0
};
