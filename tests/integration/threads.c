/*
 * Threads: each with its own context and card handle, reading the virtual
 * cards through pcscd for a bounded number of rounds.  Every result must
 * be right; a handle used from the wrong thread must fail cleanly.  The
 * handles are opened one at a time before any read and closed after the
 * last: pcsc-lite's client library is not safe against a connect or a
 * disconnect beside a call on another handle (README, "Threads").
 *
 *   threads NTHREADS ROUNDS
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sscard.h>

struct worker {
	pthread_t tid;
	unsigned index;
	int rounds;
	int ok, wrong, errors;
};

static pthread_mutex_t handles = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t all_open, all_read;

static int open_card(struct worker *w, sscard_ctx **ctx, sscard **card)
{
	struct sscard_reader r[4];
	size_t n;
	int rv;

	pthread_mutex_lock(&handles);
	rv = sscard_ctx_new(ctx);
	if (rv == 0) {
		rv = sscard_list_readers(*ctx, r, 4, &n);
		if (rv == 0 && n == 0)
			rv = -1;
		if (rv == 0)
			rv = sscard_connect_index(*ctx, w->index % (unsigned)n,
						  card);
		if (rv < 0)
			sscard_ctx_free(*ctx);
	}
	pthread_mutex_unlock(&handles);
	return rv;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct sscard_basic b;
	sscard_ctx *ctx;
	sscard *card;
	int i, rv, opened;

	opened = open_card(w, &ctx, &card) == 0;
	pthread_barrier_wait(&all_open);
	if (!opened) {
		w->errors = w->rounds;
		pthread_barrier_wait(&all_read);
		return NULL;
	}
	for (i = 0; i < w->rounds; i++) {
		rv = sscard_read_basic(card, &b);
		if (rv < 0)
			w->errors++;
		else if (strcmp(b.number, "BA0010547") == 0 &&
			 strcmp(b.name, "林岩") == 0 &&
			 strcmp(b.ssn, "520102198506020233") == 0)
			w->ok++;
		else
			w->wrong++;
	}
	pthread_barrier_wait(&all_read);
	pthread_mutex_lock(&handles);
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
	pthread_mutex_unlock(&handles);
	return NULL;
}

static sscard *shared_card;

static void *intruder(void *arg)
{
	struct sscard_basic b;

	*(int *)arg = sscard_read_basic(shared_card, &b);
	return NULL;
}

int main(int argc, char **argv)
{
	struct worker *w;
	sscard_ctx *ctx;
	pthread_t t;
	int nthreads, rounds, i, ok = 0, wrong = 0, errors = 0, foreign = 0;

	if (argc != 3)
		return 2;
	nthreads = atoi(argv[1]);
	rounds = atoi(argv[2]);
	if (nthreads < 1 || rounds < 1)
		return 2;
	w = calloc((size_t)nthreads, sizeof(*w));
	if (w == NULL)
		return 2;
	pthread_barrier_init(&all_open, NULL, (unsigned)nthreads);
	pthread_barrier_init(&all_read, NULL, (unsigned)nthreads);
	for (i = 0; i < nthreads; i++) {
		w[i].index = (unsigned)i;
		w[i].rounds = rounds;
		pthread_create(&w[i].tid, NULL, work, &w[i]);
	}
	for (i = 0; i < nthreads; i++) {
		pthread_join(w[i].tid, NULL);
		ok += w[i].ok;
		wrong += w[i].wrong;
		errors += w[i].errors;
	}
	/* a handle used from another thread fails cleanly */
	if (sscard_ctx_new(&ctx) == 0 && sscard_connect(ctx, NULL, &shared_card) == 0) {
		pthread_create(&t, NULL, intruder, &foreign);
		pthread_join(t, NULL);
		sscard_disconnect(shared_card);
		sscard_ctx_free(ctx);
	}
	printf("threads=%d reads=%d right=%d wrong=%d errors=%d foreign=%d\n",
	       nthreads, nthreads * rounds, ok, wrong, errors, foreign);
	pthread_barrier_destroy(&all_open);
	pthread_barrier_destroy(&all_read);
	free(w);
	return ok == nthreads * rounds && foreign == SSCARD_E_WRONG_THREAD ? 0 : 1;
}
