/*
 * sscard-bridge: see bridge.h.  The main thread reads the browser's
 * messages and answers them through the door in order; after an "events"
 * message an event thread of its own context sends card and reader events
 * until the port closes.  The browser closing the port ends the host,
 * and with it the door's connection: a verified PIN never outlives the
 * page's port.
 *
 *   sscard-bridge [chrome-extension://ID/ | MANIFEST EXTENSION-ID]
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "bridge.h"
#include "door.h"
#include "output.h"
#include "sscardd.h"

#define DEFAULT_CONFIG "/etc/sscard/sscardd.conf"

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conf conf;
static struct door_conf door_settings;
static atomic_uint generation;
static atomic_int stopping;
static sscard_ctx *event_ctx;
static pthread_mutex_t event_lock = PTHREAD_MUTEX_INITIALIZER;

static void say_line(const char *line)
{
	say("sscard-bridge: %s", line);
}

static int write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One message to the browser; one writer at a time. */
static int send_text(const char *text)
{
	uint32_t len = (uint32_t)strlen(text);
	int rv;

	if (len > BRIDGE_OUT_MAX)
		return -1;
	pthread_mutex_lock(&out_lock);
	rv = write_all(STDOUT_FILENO, &len, sizeof(len));
	if (rv == 0)
		rv = write_all(STDOUT_FILENO, text, len);
	pthread_mutex_unlock(&out_lock);
	return rv;
}

/* {"id": ..., "status": N, "document": {...}} */
static int send_document(const char *id, int status, json_object *doc)
{
	json_object *msg = json_object_new_object();
	int rv;

	json_object_object_add(msg, "id", json_tokener_parse(id));
	json_object_object_add(msg, "status", json_object_new_int(status));
	json_object_object_add(msg, "document", doc);
	rv = send_text(out_text(msg));
	json_object_put(msg);
	return rv;
}

/* {"id": ..., "status": 200, "photo": "<base64 of the JPEG>"} */
static int send_photo(const char *id, const unsigned char *jpeg, size_t len)
{
	size_t room = 4 * ((len + 2) / 3) + 1;
	char *b64 = malloc(room);
	json_object *msg;
	int rv;

	if (b64 == NULL || len > INT32_MAX / 2) {
		free(b64);
		return send_document(id, 500, out_error_doc(NULL,
			SSCARD_E_NO_MEMORY, 0, NULL, NULL));
	}
	EVP_EncodeBlock((unsigned char *)b64, jpeg, (int)len);
	msg = json_object_new_object();
	json_object_object_add(msg, "id", json_tokener_parse(id));
	json_object_object_add(msg, "status", json_object_new_int(200));
	json_object_object_add(msg, "photo", json_object_new_string(b64));
	rv = send_text(out_text(msg));
	json_object_put(msg);
	free(b64);
	return rv;
}

static int send_refusal(const char *id, int status, int err, const char *text)
{
	return send_document(id, status, out_error_doc(NULL, err, 0, NULL,
						       text));
}

static json_object *version_doc(void)
{
	json_object *root = out_root();

	json_object_object_add(root, "service",
			       json_object_new_string("sscard-bridge"));
	json_object_object_add(root, "version",
			       json_object_new_string(SSCARDD_VERSION));
	json_object_object_add(root, "library",
			       json_object_new_string(sscard_version()));
	json_object_object_add(root, "api", json_object_new_int(1));
	json_object_object_add(root, "legacy_port", NULL);   /* sscardd's */
	return root;
}

/* ---- events ------------------------------------------------------------ */

static void *events_run(void *arg)
{
	struct door_event_count cost;
	struct sscard_event ev;
	json_object *doc, *msg;
	sscard_ctx *ctx = NULL;
	int rv, ready = 0;

	(void)arg;
	if (sscard_ctx_new(&ctx) < 0)
		return NULL;
	pthread_mutex_lock(&event_lock);
	event_ctx = ctx;
	pthread_mutex_unlock(&event_lock);
	while (!atomic_load(&stopping)) {
		/* the cards already in are the page's from its card request:
		 * only changes are sent */
		rv = sscard_wait_event(ctx, ready ? -1 : 0, &ev);
		if (!ready && (rv == SSCARD_E_TIMEOUT || rv < 0)) {
			ready = 1;
			if (rv == SSCARD_E_TIMEOUT)
				continue;
		}
		if (rv == SSCARD_E_CANCELLED)
			continue;
		if (rv < 0) {
			sleep(1);
			continue;
		}
		atomic_fetch_add(&generation, 1);
		/* the state at the start is the page's already, not news */
		if (!ready)
			continue;
		doc = door_event_doc(ctx, &door_settings, &ev, &cost);
		if (doc == NULL)
			continue;
		msg = json_object_new_object();
		json_object_object_add(msg, "event", doc);
		if (send_text(out_text(msg)) < 0)
			atomic_store(&stopping, 1);
		json_object_put(msg);
	}
	pthread_mutex_lock(&event_lock);
	event_ctx = NULL;
	pthread_mutex_unlock(&event_lock);
	sscard_ctx_free(ctx);
	return NULL;
}

static void stop_events(pthread_t *thread, int *running)
{
	if (!*running)
		return;
	atomic_store(&stopping, 1);
	/* pcsc-lite drops a cancel that comes before the wait: repeat */
	for (;;) {
		int alive;

		pthread_mutex_lock(&event_lock);
		alive = event_ctx != NULL;
		if (alive)
			sscard_cancel(event_ctx);
		pthread_mutex_unlock(&event_lock);
		if (!alive || pthread_tryjoin_np(*thread, NULL) == 0)
			break;
		usleep(20000);
	}
	pthread_join(*thread, NULL);
	*running = 0;
}

/* ---- requests ---------------------------------------------------------- */

static const int door_verb[] = {
	[BRIDGE_READERS] = DOOR_READERS, [BRIDGE_CARD] = DOOR_CARD,
	[BRIDGE_PHOTO] = DOOR_PHOTO, [BRIDGE_PIN] = DOOR_PIN,
	[BRIDGE_MEDICAL] = DOOR_MEDICAL, [BRIDGE_DOCTOR] = DOOR_DOCTOR,
};

/* the page may not call: why, in the page's error (and the log) */
static int refuse_origin(const struct bridge_request *req, int zh)
{
	char text[768];

	say("sscard-bridge: refused origin '%s' (%s)", req->origin,
	    req->verb_name);
	if (zh)
		snprintf(text, sizeof(text), "此网页（%s）未获准读卡：请管理员"
			 "在 /etc/sscard/sscardd.conf 中加入一行 allow_origin "
			 "= %s", req->origin, req->origin);
	else
		snprintf(text, sizeof(text), "this page (%s) may not read "
			 "cards: the administrator adds the line 'allow_origin "
			 "= %s' to /etc/sscard/sscardd.conf", req->origin,
			 req->origin);
	return send_refusal(req->id, 403, SSCARD_E_ACCESS_DENIED, text);
}

/* a page's own origin only: no file://, no opaque "null" */
static int origin_allowed(const char *origin)
{
	if (strncmp(origin, "http://", 7) != 0 &&
	    strncmp(origin, "https://", 8) != 0)
		return 0;
	return guard_origin(&conf, origin);
}

static int answer(struct door *d, struct bridge_request *req,
		  pthread_t *events, int *events_running)
{
	struct door_request dr;
	struct door_answer ans;
	int zh = req->zh >= 0 ? req->zh : conf.zh, rv;

	if (!origin_allowed(req->origin))
		return refuse_origin(req, zh);
	if (req->verb == BRIDGE_VERSION)
		return send_document(req->id, 200, version_doc());
	if (req->verb == BRIDGE_EVENTS) {
		if (!*events_running) {
			atomic_store(&stopping, 0);
			*events_running = pthread_create(events, NULL,
							 events_run,
							 NULL) == 0;
		}
		return send_document(req->id, *events_running ? 200 : 500,
				     out_root());
	}
	memset(&dr, 0, sizeof(dr));
	dr.verb = door_verb[req->verb];
	memcpy(dr.pin, req->pin, sizeof(dr.pin));
	sscard_cleanse(req->pin, sizeof(req->pin));
	dr.pin_flags = req->pin_flags;
	dr.fresh = req->fresh;
	dr.zh = zh;
	dr.generation = atomic_load(&generation);
	door_run(d, &dr, &ans);
	if (ans.content_type != NULL &&
	    strcmp(ans.content_type, "image/jpeg") == 0) {
		rv = send_photo(req->id, ans.body, ans.body_len);
	} else {
		json_object *doc = NULL;

		if (ans.body != NULL) {
			char *text = malloc(ans.body_len + 1);

			if (text != NULL) {
				memcpy(text, ans.body, ans.body_len);
				text[ans.body_len] = '\0';
				doc = json_tokener_parse(text);
				free(text);
			}
		}
		rv = doc != NULL ? send_document(req->id, ans.status, doc)
				 : send_refusal(req->id, 500,
						SSCARD_E_NO_MEMORY, NULL);
	}
	if (ans.body != NULL)
		sscard_cleanse(ans.body, ans.body_len);
	free(ans.body);
	return rv;
}

/* ---- the browser's messages ---------------------------------------------- */

/* Read len bytes, waiting at most until the PIN's deadline for the first
 * of a message: 1 read, 0 end of input, -1 the deadline came first,
 * -2 a read failed or the input ended inside a message. */
static int read_all(unsigned char *buf, size_t len, struct door *d, int first)
{
	size_t got = 0;

	while (got < len) {
		struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
		time_t due = door_pin_deadline(d);
		int wait_ms = -1;
		ssize_t n;

		if (first && got == 0 && due != 0)
			wait_ms = due > door_now()
				  ? (int)(due - door_now()) * 1000 : 0;
		if (poll(&p, 1, wait_ms) == 0)
			return -1;
		n = read(STDIN_FILENO, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -2;
		if (n == 0)
			return got == 0 && first ? 0 : -2;
		got += (size_t)n;
	}
	return 1;
}

static int serve(struct door *d)
{
	static char msg[BRIDGE_IN_MAX];
	struct bridge_request req;
	unsigned char head[4];
	pthread_t events;
	int events_running = 0, rv;
	uint32_t len;

	for (;;) {
		rv = read_all(head, sizeof(head), d, 1);
		if (rv == -1) {
			door_expire(d);
			continue;
		}
		if (rv <= 0)
			break;
		if (frame_length(head, &len) < 0) {
			/* no way to find the next message: said, then end */
			send_refusal("null", 413, SSCARD_E_INVALID_ARG,
				     "a message of 0 or more than 65536 bytes");
			rv = -2;
			break;
		}
		if (read_all((unsigned char *)msg, len, d, 0) != 1) {
			rv = -2;
			break;
		}
		rv = frame_request(msg, len, &req);
		if (rv == -2)
			rv = send_refusal(req.id, 400, SSCARD_E_PIN_FORMAT,
					  NULL);
		else if (rv < 0)
			rv = send_refusal(req.id, 400, SSCARD_E_INVALID_ARG,
					  "not a message of the bridge");
		else if (req.verb < 0)
			rv = send_refusal(req.id, 404, SSCARD_E_INVALID_ARG,
					  "no such verb");
		else
			rv = answer(d, &req, &events, &events_running);
		sscard_cleanse(&req, sizeof(req));
		if (rv < 0)
			break;
	}
	stop_events(&events, &events_running);
	return rv < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *path = secure_getenv("SSCARD_BRIDGE_CONFIG");
	char *conf_argv[] = { "sscard-bridge", "--config", (char *)path, NULL };
	struct door *d;
	int rv;

	/* argv: the calling extension (chrome-extension://ID/, or Firefox's
	 * manifest and id): logged, not trusted for anything */
	rv = conf_parse(&conf, path != NULL ? 3 : 1, conf_argv);
	if (rv >= 0) {
		say("sscard-bridge: the settings (%s) are refused",
		    path != NULL ? path : DEFAULT_CONFIG);
		return 1;
	}
	conf_door(&conf, &door_settings);
	door_settings.log = say_line;
	if (conf.verbose)
		say("sscard-bridge: started for %s", argc > 1 ? argv[argc - 1]
							      : "?");
	d = door_new(&door_settings);
	if (d == NULL)
		return 1;
	rv = serve(d);
	door_free(d);
	return rv;
}
