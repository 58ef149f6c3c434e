/*
 * The event thread: its own libsscard context, waiting for card and reader
 * events and nothing else, so a slow request never holds an event back.
 * Each event becomes one JSON message (app/door_events.c: the keys of
 * sscard-info --watch --json) in a ring the loop sends from.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "door.h"
#include "output.h"
#include "sscardd.h"

static struct event_ring ring;

static void publish(json_object *msg)
{
	const char *text = out_text(msg);
	char *copy = strdup(text);
	size_t slot;

	json_object_put(msg);
	if (copy == NULL)
		return;
	pthread_mutex_lock(&svc.events_lock);
	slot = ring.next_seq % EVENT_RING;
	free(ring.msg[slot]);
	ring.msg[slot] = copy;
	ring.len[slot] = strlen(copy);
	ring.next_seq++;
	pthread_mutex_unlock(&svc.events_lock);
	lws_cancel_service(svc.lws);
}

uint64_t events_next(void)
{
	uint64_t next;

	pthread_mutex_lock(&svc.events_lock);
	next = ring.next_seq;
	pthread_mutex_unlock(&svc.events_lock);
	return next;
}

int events_get(uint64_t seq, char *buf, size_t size, size_t *len)
{
	int rv = 1;
	size_t slot = seq % EVENT_RING;

	pthread_mutex_lock(&svc.events_lock);
	if (seq >= ring.next_seq)
		rv = 0;
	else if (ring.next_seq - seq > EVENT_RING || ring.len[slot] > size)
		rv = -1;
	else
		memcpy(buf, ring.msg[slot], ring.len[slot]);
	*len = rv == 1 ? ring.len[slot] : 0;
	pthread_mutex_unlock(&svc.events_lock);
	return rv;
}

void events_free(void)
{
	size_t i;

	for (i = 0; i < EVENT_RING; i++) {
		free(ring.msg[i]);
		ring.msg[i] = NULL;
	}
}

/* the event thread only */
static void events_set_ready(void)
{
	pthread_mutex_lock(&svc.events_lock);
	svc.events_ready = 1;
	pthread_cond_broadcast(&svc.events_cond);
	pthread_mutex_unlock(&svc.events_lock);
}

/* Wait (at most 10 s) until the cards already in have been taken as the
 * start's state. */
void events_wait_ready(void)
{
	struct timespec deadline;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += 10;
	pthread_mutex_lock(&svc.events_lock);
	while (!svc.events_ready &&
	       pthread_cond_timedwait(&svc.events_cond, &svc.events_lock,
				      &deadline) == 0)
		;
	pthread_mutex_unlock(&svc.events_lock);
}

/* the gauges of the readers sscardd was told (or any reader, when it
 * probes) and of pcscd, from one listing */
static void presence(sscard_ctx *ctx, const struct conf *c)
{
	struct sscard_reader readers[16];
	int card_reader = 0, psam_reader = 0;
	int named_psam = c->psam[0] != '\0' && strcmp(c->psam, "none") != 0;
	size_t n = 0, i;
	int rv = sscard_list_readers(ctx, readers, 16, &n);

	if (rv < 0) {
		metrics_presence(rv == SSCARD_E_NO_SERVICE ? 0 : 1, -1, -1);
		return;
	}
	for (i = 0; i < n && i < 16; i++) {
		if (named_psam && strcmp(readers[i].name, c->psam) == 0)
			psam_reader = 1;
		else if (c->reader[0] == '\0' ||
			 strcmp(readers[i].name, c->reader) == 0)
			card_reader = 1;
	}
	metrics_presence(1, card_reader, named_psam ? psam_reader : -1);
}

void *event_thread(void *arg)
{
	static const struct timespec pause = { 1, 0 };
	const struct conf *c = arg;
	struct door_event_count cost;
	struct door_conf dc;
	struct sscard_event ev;
	sscard_ctx *ctx = NULL;
	json_object *msg;
	int rv = sscard_ctx_new(&ctx);

	card_door_conf(c, &dc);
	if (rv < 0) {
		say("sscardd: event thread: %s", sscard_strerror(rv));
		events_set_ready();
		return NULL;
	}
	pthread_mutex_lock(&svc.events_lock);
	svc.event_ctx = ctx;
	pthread_mutex_unlock(&svc.events_lock);
	while (!atomic_load(&svc.stopping)) {
		presence(ctx, c);
		/* the cards already in are the start's state, taken before
		 * the service answers: a page has the state from GET /v1/card
		 * and only the changes on /v1/events */
		rv = sscard_wait_event(ctx, svc.events_ready ? -1 : 0, &ev);
		if (!svc.events_ready && rv < 0 && rv != SSCARD_E_CANCELLED) {
			events_set_ready();
			if (rv == SSCARD_E_TIMEOUT)
				continue;
		}
		if (rv == SSCARD_E_CANCELLED)
			continue;
		if (rv < 0) {
			say("sscardd: waiting for card events: %s",
			    sscard_strerror(rv));
			nanosleep(&pause, NULL);
			continue;
		}
		atomic_fetch_add(&svc.card_generation, 1);
		/* the PSAM slot's card is no patient's */
		if (strcmp(ev.reader, c->psam) != 0)
			metrics_card_event(ev.type);
		/* nobody to tell: the card is not read for nobody */
		if (atomic_load(&svc.event_clients) == 0)
			continue;
		msg = door_event_doc(ctx, &dc, &ev, &cost);
		metrics_card_stats(&cost.card);
		metrics_psam_apdus(cost.psam_apdus);
		if (msg != NULL)
			publish(msg);
	}
	pthread_mutex_lock(&svc.events_lock);
	svc.event_ctx = NULL;
	pthread_mutex_unlock(&svc.events_lock);
	events_set_ready();
	sscard_ctx_free(ctx);
	return NULL;
}
