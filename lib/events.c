/*
 * Card and reader events: the backend's slot states and its wait (PC/SC's
 * SCardGetStatusChange, with the pseudo reader that tells readers coming
 * and going), diffed against what we knew into a queue of events, handed
 * out one per call.  The cancel that cannot be lost is here too.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

#define NO_SERVICE_RETRY_MS 500
#define SLEEP_STEP_MS 50

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void push(sscard_ctx *ctx, int type, const char *reader,
		 const unsigned char *atr, size_t atr_len)
{
	struct sscard_event *ev;

	if (ctx->qlen == SSCARDI_QUEUE_MAX)
		return;             /* 64 pending events: the caller is gone */
	ev = &ctx->queue[(ctx->qhead + ctx->qlen) % SSCARDI_QUEUE_MAX];
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	snprintf(ev->reader, sizeof(ev->reader), "%s", reader);
	if (atr != NULL && atr_len <= sizeof(ev->atr)) {
		memcpy(ev->atr, atr, atr_len);
		ev->atr_len = atr_len;
	}
	ctx->qlen++;
}

static int pop(sscard_ctx *ctx, struct sscard_event *ev)
{
	if (ctx->qlen == 0)
		return 0;
	*ev = ctx->queue[ctx->qhead];
	ctx->qhead = (ctx->qhead + 1) % SSCARDI_QUEUE_MAX;
	ctx->qlen--;
	return 1;
}

static int present(uint32_t state)
{
	return (state & SSCARDI_SLOT_PRESENT) != 0;
}

/* The service went away: every reader (and card) with it. */
static void lose_all(sscard_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->ntracked; i++) {
		if (present(ctx->tracked[i].state))
			push(ctx, SSCARD_EVENT_CARD_REMOVED,
			     ctx->tracked[i].name, NULL, 0);
		push(ctx, SSCARD_EVENT_READER_REMOVED, ctx->tracked[i].name,
		     NULL, 0);
	}
	ctx->ntracked = 0;
}

/*
 * Bring the tracked list in line with pcscd's reader list.  Readers that
 * appear are reported added (but not on the first call, whose readers are
 * the baseline); cards in them are reported inserted on the next status
 * read, since their state starts from "unaware".
 */
static int sync_readers(sscard_ctx *ctx, int announce)
{
	struct sscardi_tracked next[SSCARDI_TRACK_MAX];
	char *names = NULL;
	size_t len = 0, n = 0, i, j;
	const char *p;
	int rv;

	rv = ctx->backend->readers(ctx->backend_state, &names, &len);
	if (rv < 0)
		return rv;
	for (p = names; p != NULL && p < names + len && *p != '\0' &&
	     n < SSCARDI_TRACK_MAX; p += strlen(p) + 1) {
		if (strlen(p) >= sizeof(next[n].name))
			continue;       /* pcsc-lite names are shorter */
		memcpy(next[n].name, p, strlen(p) + 1);
		next[n].state = SSCARDI_SLOT_UNAWARE;
		for (j = 0; j < ctx->ntracked; j++)
			if (strcmp(ctx->tracked[j].name, p) == 0)
				next[n].state = ctx->tracked[j].state;
		if (announce && next[n].state == SSCARDI_SLOT_UNAWARE)
			push(ctx, SSCARD_EVENT_READER_ADDED, p, NULL, 0);
		n++;
	}
	for (j = 0; j < ctx->ntracked; j++) {
		for (i = 0; i < n; i++)
			if (strcmp(ctx->tracked[j].name, next[i].name) == 0)
				break;
		if (i < n)
			continue;
		if (present(ctx->tracked[j].state))
			push(ctx, SSCARD_EVENT_CARD_REMOVED,
			     ctx->tracked[j].name, NULL, 0);
		push(ctx, SSCARD_EVENT_READER_REMOVED, ctx->tracked[j].name,
		     NULL, 0);
	}
	memcpy(ctx->tracked, next, n * sizeof(next[0]));
	ctx->ntracked = n;
	free(names);
	return 0;
}

/* Compare what pcscd says with what we knew, reader by reader. */
static void diff_states(sscard_ctx *ctx, const struct sscardi_slot *st,
			size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct sscardi_tracked *t = &ctx->tracked[i];
		uint32_t now = st[i].now;
		int was = present(t->state) && t->state != SSCARDI_SLOT_UNAWARE;
		int is = present(now);

		if (now & (SSCARDI_SLOT_UNKNOWN | SSCARDI_SLOT_IGNORE))
			continue;   /* going away: the PnP reader tells */
		/* the high word counts insertions and removals: a card
		 * swapped between two looks shows only there */
		if (was && is && (now >> 16) != (t->state >> 16)) {
			push(ctx, SSCARD_EVENT_CARD_REMOVED, t->name, NULL, 0);
			was = 0;
		}
		if (was && !is)
			push(ctx, SSCARD_EVENT_CARD_REMOVED, t->name, NULL, 0);
		else if (!was && is && !(now & SSCARDI_SLOT_MUTE))
			push(ctx, SSCARD_EVENT_CARD_INSERTED, t->name,
			     st[i].atr, st[i].atr_len);
		t->state = now & ~(uint32_t)SSCARDI_SLOT_CHANGED;
	}
}

static int cancelled(sscard_ctx *ctx)
{
	int c;

	pthread_mutex_lock(&ctx->lock);
	c = ctx->cancel_requested;
	ctx->cancel_requested = 0;
	pthread_mutex_unlock(&ctx->lock);
	return c;
}

/* Sleep up to ms in small steps, waking on a cancel. */
static int nap(sscard_ctx *ctx, long ms)
{
	const struct timespec step = { 0, SLEEP_STEP_MS * 1000000L };
	long t;

	for (t = 0; t < ms; t += SLEEP_STEP_MS) {
		if (cancelled(ctx))
			return SSCARD_E_CANCELLED;
		nanosleep(&step, NULL);
	}
	return 0;
}

static int service_gone(int err)
{
	return err == SSCARD_E_NO_SERVICE || err == SSCARD_E_NO_READER;
}

static int wait_event(sscard_ctx *ctx, int timeout_ms,
		      struct sscard_event *ev)
{
	struct sscardi_slot st[SSCARDI_TRACK_MAX + 1];
	long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	size_t n, i;
	int rv, looked = 0;

	for (;;) {
		long left = deadline < 0 ? -1 : deadline - now_ms();

		if (pop(ctx, ev))
			return 0;
		if (cancelled(ctx))
			return SSCARD_E_CANCELLED;
		/* a timeout of 0 still looks once: the states as they are */
		if (deadline >= 0 && left <= 0 && looked)
			return SSCARD_E_TIMEOUT;
		if (deadline >= 0 && left < 0)
			left = 0;
		looked = 1;
		rv = ctx->backend->establish(ctx->backend_state, 0);
		if (rv == 0)
			rv = sync_readers(ctx, ctx->watching);
		if (rv < 0) {
			/* no pcscd: what we knew is gone; look again later */
			lose_all(ctx);
			if (service_gone(rv))
				ctx->backend->establish(ctx->backend_state, 1);
			if (ctx->qlen > 0)
				continue;
			if (nap(ctx, left < 0 || left > NO_SERVICE_RETRY_MS
				     ? NO_SERVICE_RETRY_MS : left) < 0)
				return SSCARD_E_CANCELLED;
			continue;
		}
		ctx->watching = 1;
		n = ctx->ntracked;
		memset(st, 0, sizeof(st));
		for (i = 0; i < n; i++) {
			st[i].reader = ctx->tracked[i].name;
			st[i].known = ctx->tracked[i].state;
		}
		st[n].reader = SSCARDI_PNP_READER;
		st[n].known = ctx->pnp_state;
		rv = ctx->backend->wait(ctx->backend_state, st, n + 1, left);
		if (rv == SSCARD_E_TIMEOUT)
			return SSCARD_E_TIMEOUT;
		if (rv == SSCARD_E_CANCELLED) {
			cancelled(ctx);
			return SSCARD_E_CANCELLED;
		}
		if (rv < 0) {
			sscardi_log(ctx, SSCARD_LOG_INFO,
				    "waiting for reader changes: %s",
				    sscardi_strerror(rv));
			lose_all(ctx);
			if (service_gone(rv))
				ctx->backend->establish(ctx->backend_state, 1);
			else if (nap(ctx, SLEEP_STEP_MS) < 0)
				return SSCARD_E_CANCELLED;
			continue;
		}
		diff_states(ctx, st, n);
		ctx->pnp_state = st[n].now & ~(uint32_t)SSCARDI_SLOT_CHANGED;
	}
}

int sscard_wait_event(sscard_ctx *ctx, int timeout_ms,
		      struct sscard_event *ev)
{
	int rv;

	if (ctx == NULL || ev == NULL)
		return SSCARD_E_INVALID_ARG;
	if (!sscardi_owner_ok(ctx))
		return SSCARD_E_WRONG_THREAD;
	pthread_mutex_lock(&ctx->lock);
	ctx->waiting = 1;
	pthread_mutex_unlock(&ctx->lock);
	rv = wait_event(ctx, timeout_ms, ev);
	pthread_mutex_lock(&ctx->lock);
	ctx->waiting = 0;
	pthread_mutex_unlock(&ctx->lock);
	return rv;
}

/*
 * pcsc-lite drops an SCardCancel that comes before the waiter is blocked
 * in pcscd (between its look at the flag and SCardGetStatusChange).  So
 * while a wait is under way and has not taken the request, cancel again,
 * every CANCEL_RETRY_MS: the request cannot be lost.  A cancel with no
 * wait under way is kept for the next wait, which returns at once.
 */
#define CANCEL_RETRY_MS 2
#define CANCEL_RETRIES_MAX 2500     /* 5 s: pcscd itself is stuck */

int sscard_cancel(sscard_ctx *ctx)
{
	const struct timespec step = { 0, CANCEL_RETRY_MS * 1000000L };
	int rv = 0, tries;

	if (ctx == NULL)
		return SSCARD_E_INVALID_ARG;
	pthread_mutex_lock(&ctx->lock);
	ctx->cancel_requested = 1;
	for (tries = 0; tries < CANCEL_RETRIES_MAX; tries++) {
		rv = ctx->backend->cancel(ctx->backend_state);
		if (!ctx->waiting || !ctx->cancel_requested)
			break;
		pthread_mutex_unlock(&ctx->lock);
		nanosleep(&step, NULL);
		pthread_mutex_lock(&ctx->lock);
		if (!ctx->waiting || !ctx->cancel_requested)
			break;
	}
	pthread_mutex_unlock(&ctx->lock);
	if (tries == CANCEL_RETRIES_MAX)
		return SSCARD_E_TIMEOUT;
	return rv;
}
