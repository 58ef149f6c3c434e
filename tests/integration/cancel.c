/*
 * sscard_cancel() at random moments, N times, through pcscd: each cancel
 * must end the wait it meant (SSCARD_E_CANCELLED), however close it comes
 * to the wait's own start.  A lost cancel shows as the wait's 3 s timeout.
 * Prints "cancels N lost L p50_ms X max_ms Y"; exits 0 when L is 0.
 *
 *   cancel N
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sscard.h>

#define WAIT_MS 3000

static sscard_ctx *ctx;
static unsigned seed = 12345;
static struct timespec cancelled_at;

static double ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

/* 0..2 ms: before, at and after the waiter reaches pcscd */
static void *canceller(void *arg)
{
	struct timespec delay = { 0, (long)(rand_r(&seed) % 2000) * 1000L };

	(void)arg;
	nanosleep(&delay, NULL);
	clock_gettime(CLOCK_MONOTONIC, &cancelled_at);
	sscard_cancel(ctx);
	return NULL;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct sscard_event ev;
	double *lat;
	int n, i, rv, lost = 0;
	pthread_t t;

	n = argc > 1 ? atoi(argv[1]) : 1000;
	if (n <= 0 || sscard_ctx_new(&ctx) < 0)
		return 2;
	lat = calloc((size_t)n, sizeof(*lat));
	if (lat == NULL)
		return 2;
	/* the card present at start is reported first */
	rv = sscard_wait_event(ctx, 5000, &ev);
	if (rv != 0 || ev.type != SSCARD_EVENT_CARD_INSERTED)
		return 3;
	for (i = 0; i < n; i++) {
		pthread_create(&t, NULL, canceller, NULL);
		rv = sscard_wait_event(ctx, WAIT_MS, &ev);
		pthread_join(t, NULL);
		if (rv != SSCARD_E_CANCELLED) {
			lost++;
			fprintf(stderr, "cancel %d: wait gave %d\n", i, rv);
			continue;
		}
		lat[i - lost] = ms_since(&cancelled_at);
	}
	qsort(lat, (size_t)(n - lost), sizeof(*lat), by_value);
	printf("cancels %d lost %d p50_ms %.2f max_ms %.2f\n", n, lost,
	       n > lost ? lat[(n - lost) / 2] : 0.0,
	       n > lost ? lat[n - lost - 1] : 0.0);
	free(lat);
	sscard_ctx_free(ctx);
	return lost == 0 ? 0 : 1;
}
