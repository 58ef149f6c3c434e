/*
 * The JSON API's card thread: the application core's door (app/door.c)
 * answers the loop's jobs in order, one libsscard context and one kept
 * connection to the user card; this file hands jobs to it and back, drops
 * the verified PIN at pin_hold whether or not a request comes, and counts
 * for the metrics.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "door.h"
#include "sscardd.h"

static void say_line(const char *line)
{
	say("sscardd: %s", line);
}

void card_door_conf(const struct conf *c, struct door_conf *dc)
{
	conf_door(c, dc);
	dc->psam_found = metrics_psam_found;
	dc->log = say_line;
}

static void account(struct door *d)
{
	struct sscard_stats st;
	unsigned long psam;

	door_account(d, &st, &psam);
	metrics_card_stats(&st);
	metrics_psam_apdus(psam);
}

static const int verb_of[] = {
	[JOB_READERS] = DOOR_READERS, [JOB_CARD] = DOOR_CARD,
	[JOB_PHOTO] = DOOR_PHOTO, [JOB_MEDICAL] = DOOR_MEDICAL,
	[JOB_PIN] = DOOR_PIN, [JOB_DOCTOR] = DOOR_DOCTOR,
};

static void run_job(struct door *d, struct job *j)
{
	struct door_request req;
	struct door_answer ans;

	memset(&req, 0, sizeof(req));
	req.verb = verb_of[j->kind];
	memcpy(req.pin, j->pin, sizeof(req.pin));
	OPENSSL_cleanse(j->pin, sizeof(j->pin));
	req.pin_flags = j->pin_flags;
	req.fresh = j->fresh;
	req.zh = j->zh;
	req.generation = atomic_load(&svc.card_generation);
	door_run(d, &req, &ans);
	j->err = ans.err;
	j->sw = ans.sw;
	snprintf(j->reader, sizeof(j->reader), "%s", ans.reader);
	job_answer(j, ans.status, ans.content_type, ans.body, ans.body_len);
}

/* Requests for the basic info that queued while it was read get the same
 * answer: one read serves them all (it ended after each of them came).
 * One that asked for a fresh read waits for its own. */
static void share_answer(const struct job *done)
{
	struct job *j = queue_take_kind(&svc.card_jobs, JOB_CARD), *next;

	for (; j != NULL; j = next) {
		next = j->next;
		j->next = NULL;
		/* a fresh read is its own; an answer is in one language */
		if (j->fresh || j->zh != done->zh) {
			queue_push(&svc.card_jobs, j);
			continue;
		}
		if (job_copy_answer(j, done) < 0)
			job_answer(j, 500, "application/json", NULL, 0);
		metrics_read(j->kind, j->err, 0);
		service_done(j);
	}
}

static double seconds_since(const struct timespec *start)
{
	return conn_ms_since(start) / 1e3;
}

void *card_thread(void *arg)
{
	const struct conf *c = arg;
	struct door_conf dc;
	struct door *d;
	struct timespec deadline, started;
	struct job *j;

	card_door_conf(c, &dc);
	d = door_new(&dc);
	if (d == NULL)
		say("sscardd: card thread: out of memory");
	for (;;) {
		const struct timespec *until = NULL;
		time_t due = d != NULL ? door_pin_deadline(d) : 0;

		if (due != 0) {
			deadline.tv_sec = due;
			deadline.tv_nsec = 0;
			until = &deadline;
		}
		j = queue_pop(&svc.card_jobs, until);
		if (j == NULL && atomic_load(&svc.stopping))
			break;
		if (d != NULL)
			door_expire(d);
		if (j == NULL)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &started);
		if (d == NULL) {
			j->err = SSCARD_E_NO_MEMORY;
			OPENSSL_cleanse(j->pin, sizeof(j->pin));
			job_answer(j, 500, "application/json", NULL, 0);
		} else {
			run_job(d, j);
			account(d);
		}
		metrics_read(j->kind, j->err, seconds_since(&started));
		if (j->kind == JOB_CARD)
			share_answer(j);
		service_done(j);
	}
	door_free(d);
	return NULL;
}
