/*
 * The worker thread that owns libsscard's context, and the hand-over of
 * an HSM request from inside the library's callback to the caller's next
 * step (see compat.h).  One entry point runs at a time (call_lock); a new
 * call while an HSM job waits for its answer ends that job first.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "compat.h"
#include "cond.h"

static pthread_mutex_t call_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;         /* on CLOCK_MONOTONIC */
static pthread_t thread;
static int started, quitting;
static struct job *queued;

/* the job that talks to an HSM across calls, and its hand-over */
static struct job hsm_job;
static int hsm_active;          /* hsm_job started and not yet collected */
static int hsm_asking;          /* the worker waits in the callback */
static int hsm_answered;        /* 1 answer given, -1 abandoned */
static char hsm_request[HSM_MSG_MAX];
static char hsm_answer[HSM_MSG_MAX];
static char hsm_arg1[128];      /* pCardInfo, already checked in shape */

/* With lock held: until a job comes or quitting, ending a verified PIN
 * when its pin_hold is over, whether or not a call comes. */
static void wait_for_job(void)
{
	struct timespec pin_until;

	while (queued == NULL && !quitting) {
		if (!session_pin_until(&pin_until)) {
			pthread_cond_wait(&changed, &lock);
			continue;
		}
		if (pthread_cond_timedwait(&changed, &lock, &pin_until) !=
		    ETIMEDOUT)
			continue;
		pthread_mutex_unlock(&lock);
		session_pin_expire();
		pthread_mutex_lock(&lock);
	}
}

static void *worker_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		struct job *j;

		wait_for_job();
		if (quitting)
			break;
		j = queued;
		queued = NULL;
		pthread_mutex_unlock(&lock);
		session_pin_expire();
		j->code = j->run(j);
		/* OpenSSL's per-thread state (its DRBG) goes with each job:
		 * at exit its cleanup may run before this thread ends */
		OPENSSL_thread_stop();
		pthread_mutex_lock(&lock);
		j->done = 1;
		pthread_cond_broadcast(&changed);
	}
	pthread_mutex_unlock(&lock);
	session_close();
	return NULL;
}

static void init_changed(void)
{
	cond_init_monotonic(&changed);
}

/*
 * fork() (pre-forking HIS servers: PHP-FPM, Apache prefork, Python
 * multiprocessing) copies this state but not the worker thread: without
 * this the child's first call would wait for it forever.  The fork waits
 * for a call under way to end; the child starts with no worker, no HSM
 * step and no session (the parent's PC/SC handles are not valid there),
 * and its first call starts its own.
 */
static void before_fork(void)
{
	pthread_mutex_lock(&call_lock);
	pthread_mutex_lock(&lock);
}

static void parent_after_fork(void)
{
	pthread_mutex_unlock(&lock);
	pthread_mutex_unlock(&call_lock);
}

static void child_after_fork(void)
{
	started = 0;
	quitting = 0;
	queued = NULL;
	hsm_active = 0;
	hsm_asking = 0;
	hsm_answered = 0;
	OPENSSL_cleanse(&hsm_job, sizeof(hsm_job));
	session_forget();
	init_changed();
	pthread_mutex_unlock(&lock);
	pthread_mutex_unlock(&call_lock);
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static int hsm_step(const char *key, const char *request, char *answer,
		    size_t size, void *user)
{
	(void)key;
	(void)user;
	return worker_hsm_ask(request, answer, size);
}

static void init_once_only(void)
{
	session_use_hsm(hsm_step);
	init_changed();
	pthread_atfork(before_fork, parent_after_fork, child_after_fork);
}

/* Caller holds call_lock. */
static int ensure_started(void)
{
	pthread_once(&init_once, init_once_only);
	if (started)
		return 0;
	config_get();
	if (pthread_create(&thread, NULL, worker_main, NULL) != 0)
		return -1;
	started = 1;
	return 0;
}

/* With lock held: end an HSM job still waiting for its answer. */
static void abandon_hsm(void)
{
	if (!hsm_active)
		return;
	hsm_answered = -1;
	pthread_cond_broadcast(&changed);
	while (!hsm_job.done)
		pthread_cond_wait(&changed, &lock);
	hsm_active = 0;
	hsm_asking = 0;
	OPENSSL_cleanse(&hsm_job, sizeof(hsm_job));
}

static void run_and_wait(struct job *j)
{
	j->done = 0;
	queued = j;
	pthread_cond_broadcast(&changed);
	while (!j->done)
		pthread_cond_wait(&changed, &lock);
}

int worker_call(struct job *j)
{
	pthread_mutex_lock(&call_lock);
	if (ensure_started() < 0) {
		pthread_mutex_unlock(&call_lock);
		return out_message(j, M_READER, "无法启动读卡线程");
	}
	pthread_mutex_lock(&lock);
	abandon_hsm();
	run_and_wait(j);
	pthread_mutex_unlock(&lock);
	pthread_mutex_unlock(&call_lock);
	return j->code;
}

/* With lock held: until hsm_job asks the HSM (1, request copied) or ends
 * (0, its result in *result). */
static int until_ask_or_end(struct job *result, char *request, size_t size)
{
	while (!hsm_job.done && !hsm_asking)
		pthread_cond_wait(&changed, &lock);
	if (hsm_asking) {
		strncpy(request, hsm_request, size - 1);
		request[size - 1] = '\0';
		return 1;
	}
	*result = hsm_job;
	hsm_active = 0;
	OPENSSL_cleanse(&hsm_job, sizeof(hsm_job));
	return 0;
}

int worker_start_hsm(struct job *j, char *request, size_t size)
{
	int rv;

	pthread_mutex_lock(&call_lock);
	if (ensure_started() < 0) {
		pthread_mutex_unlock(&call_lock);
		out_message(j, M_READER, "无法启动读卡线程");
		return 0;
	}
	pthread_mutex_lock(&lock);
	abandon_hsm();
	hsm_job = *j;
	/* the job outlives this call: it keeps copies of the caller's text */
	if (j->arg1 != NULL) {
		snprintf(hsm_arg1, sizeof(hsm_arg1), "%s", j->arg1);
		hsm_job.arg1 = hsm_arg1;
	}
	hsm_job.done = 0;
	hsm_active = 1;
	hsm_asking = 0;
	hsm_answered = 0;
	queued = &hsm_job;
	pthread_cond_broadcast(&changed);
	rv = until_ask_or_end(j, request, size);
	pthread_mutex_unlock(&lock);
	pthread_mutex_unlock(&call_lock);
	return rv;
}

int worker_hsm_answer(const char *answer, struct job *result, char *request,
		      size_t size)
{
	int rv = -1;

	pthread_mutex_lock(&call_lock);
	pthread_mutex_lock(&lock);
	if (hsm_active && hsm_asking) {
		strncpy(hsm_answer, answer, sizeof(hsm_answer) - 1);
		hsm_answer[sizeof(hsm_answer) - 1] = '\0';
		hsm_answered = 1;
		hsm_asking = 0;
		pthread_cond_broadcast(&changed);
		rv = until_ask_or_end(result, request, size);
	} else if (hsm_active && hsm_job.done) {
		/* it ended while nobody came back (the HSM wait timed out) */
		rv = until_ask_or_end(result, request, size);
	}
	pthread_mutex_unlock(&lock);
	pthread_mutex_unlock(&call_lock);
	return rv;
}

/* In the worker, from the library's HSM callback: hand the request to the
 * caller and wait for the next step's answer. */
int worker_hsm_ask(const char *request, char *answer, size_t size)
{
	struct timespec until;
	int rv = -1, waited = 0;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += config_get()->hsm_timeout_s;
	pthread_mutex_lock(&lock);
	if (!hsm_active || hsm_job.done || hsm_answered == -1)
		goto out;
	strncpy(hsm_request, request, sizeof(hsm_request) - 1);
	hsm_request[sizeof(hsm_request) - 1] = '\0';
	hsm_answered = 0;
	hsm_asking = 1;
	pthread_cond_broadcast(&changed);
	while (hsm_answered == 0 && waited != ETIMEDOUT)
		waited = pthread_cond_timedwait(&changed, &lock, &until);
	hsm_asking = 0;
	if (hsm_answered == 1 && strlen(hsm_answer) < size) {
		memcpy(answer, hsm_answer, strlen(hsm_answer) + 1);
		rv = 0;
	}
	if (hsm_answered == 0)
		out_log("HSM step: no answer within %d s",
			config_get()->hsm_timeout_s);
	/* a later callback in the same job (a second key) waits afresh,
	 * unless the job was abandoned */
	if (hsm_answered == 1)
		hsm_answered = 0;
out:
	OPENSSL_cleanse(hsm_answer, sizeof(hsm_answer));
	pthread_mutex_unlock(&lock);
	return rv;
}

__attribute__((destructor)) static void worker_stop(void)
{
	if (!started)
		return;
	pthread_mutex_lock(&lock);
	abandon_hsm();
	quitting = 1;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	started = 0;
}
