/*
 * sscard-info --watch: one line (JSON) or block (human) per event until
 * SIGINT/SIGTERM.  Signals are taken by a thread with sigwait(), which
 * wakes the wait with sscard_cancel(): no library call from a handler.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "info.h"

/* set by the signal thread, read by the event loop */
static atomic_int stopping;
static sscard_ctx *watched;

static void *signal_thread(void *arg)
{
	sigset_t *set = arg;
	int sig;

	if (sigwait(set, &sig) == 0) {
		atomic_store(&stopping, 1);
		sscard_cancel(watched);
	}
	return NULL;
}

static void event_line(int json, const char *event, const char *reader)
{
	if (json) {
		json_object *j = out_root();

		json_object_object_add(j, "event",
				       json_object_new_string(event));
		json_object_object_add(j, "reader", out_str(reader));
		out_print(stdout, j);
		json_object_put(j);
	} else {
		const char *shown = strcmp(event, "reader_added") == 0
				    ? _("reader added")
				    : strcmp(event, "reader_removed") == 0
				    ? _("reader removed") : _("removed");

		printf("== %s: %s\n", shown, reader);
	}
}

static void error_line(int json, const char *reader, int err, unsigned sw)
{
	if (json) {
		json_object *j = out_root();

		json_object_object_add(j, "event",
				       json_object_new_string("error"));
		json_object_object_add(j, "reader", out_str(reader));
		json_object_object_add(j, "error", out_error(err, sw, NULL));
		out_print(stdout, j);
		json_object_put(j);
	} else {
		printf(_("== error: %s: %s\n"), reader ? reader : "-",
		       info_error(err));
	}
}

/* 1 if the card in reader is a PSAM (then a line says so), else 0. */
static int psam_line(sscard_ctx *ctx, const char *reader, int json)
{
	sscard_keys *keys;

	if (sscard_keys_from_psam(ctx, reader, &keys) < 0)
		return 0;
	if (json) {
		json_object *j = out_root(), *p = json_object_new_object();

		json_object_object_add(j, "event", json_object_new_string("inserted"));
		json_object_object_add(j, "reader", out_str(reader));
		json_object_object_add(p, "reader", out_str(reader));
		json_object_object_add(p, "terminal",
				       out_str(sscard_keys_terminal(keys)));
		json_object_object_add(j, "psam", p);
		out_print(stdout, j);
		json_object_put(j);
	} else {
		printf(_("== PSAM inserted: %s (terminal %s)\n"), reader,
		       sscard_keys_terminal(keys));
	}
	sscard_keys_free(keys);
	return 1;
}

static void inserted(sscard_ctx *ctx, const struct sscard_event *ev, int json)
{
	struct sscard_basic b;
	sscard *card = NULL;
	int rv = sscard_connect(ctx, ev->reader, &card);

	if (rv == 0)
		rv = sscard_read_basic(card, &b);
	if (rv == SSCARD_E_NOT_SSCARD && psam_line(ctx, ev->reader, json)) {
		/* a PSAM in a SAM slot: said as such, not as an error */
	} else if (rv < 0 && (card == NULL || b.holder_status == 0)) {
		error_line(json, ev->reader, rv,
			   card ? sscard_last_sw(card) : 0);
	} else if (json) {
		json_object *line = out_root();

		/* "event", then the same keys as sscard-info --json */
		json_object_object_add(line, "event", json_object_new_string("inserted"));
		out_basic(line, ev->reader, &b);
		out_print(stdout, line);
		json_object_put(line);
	} else {
		printf(_("== inserted: %s\n"), ev->reader);
		show_basic(stdout, ev->reader, &b);
	}
	sscard_disconnect(card);
}

int watch(sscard_ctx *ctx, int json)
{
	static const struct timespec pause = { 1, 0 };
	struct sscard_event ev;
	sigset_t set;
	pthread_t t;
	int rv;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	watched = ctx;
	if (pthread_create(&t, NULL, signal_thread, &set) != 0)
		return EXIT_FAILURE_OTHER;
	while (!atomic_load(&stopping)) {
		rv = sscard_wait_event(ctx, -1, &ev);
		if (rv == SSCARD_E_CANCELLED)
			continue;
		if (rv < 0) {
			error_line(json, NULL, rv, 0);
			nanosleep(&pause, NULL);
			continue;
		}
		switch (ev.type) {
		case SSCARD_EVENT_CARD_INSERTED:
			inserted(ctx, &ev, json);
			break;
		case SSCARD_EVENT_CARD_REMOVED:
			event_line(json, "removed", ev.reader);
			break;
		case SSCARD_EVENT_READER_ADDED:
			event_line(json, "reader_added", ev.reader);
			break;
		default:
			event_line(json, "reader_removed", ev.reader);
			break;
		}
	}
	pthread_join(t, NULL);
	return EXIT_OK;
}
