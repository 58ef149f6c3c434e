/*
 * Threads: each with its own context and card handle, reading the virtual
 * cards through pcscd for a bounded number of rounds.  Every result must
 * be right; a handle used from the wrong thread must fail cleanly.
 *
 *   threads NTHREADS ROUNDS
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
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

static void *work(void *arg)
{
	struct worker *w = arg;
	struct sscard_basic b;
	struct sscard_reader r[4];
	sscard_ctx *ctx;
	sscard *card;
	size_t n;
	int i, rv;

	if (sscard_ctx_new(&ctx) < 0 ||
	    sscard_list_readers(ctx, r, 4, &n) < 0 || n == 0 ||
	    sscard_connect_index(ctx, w->index % (unsigned)n, &card) < 0) {
		w->errors = w->rounds;
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
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
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
	w = calloc((size_t)nthreads, sizeof(*w));
	if (w == NULL)
		return 2;
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
	free(w);
	return ok == nthreads * rounds && foreign == SSCARD_E_WRONG_THREAD ? 0 : 1;
}
