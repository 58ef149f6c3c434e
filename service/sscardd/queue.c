/*
 * The jobs that cross threads: a locked FIFO each way.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cond.h"
#include "sscardd.h"

void queue_init(struct queue *q)
{
	memset(q, 0, sizeof(*q));
	pthread_mutex_init(&q->lock, NULL);
	cond_init_monotonic(&q->cond);
}

void queue_destroy(struct queue *q)
{
	struct job *j = queue_take_all(q), *next;

	for (; j != NULL; j = next) {
		next = j->next;
		job_free(j);
	}
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->lock);
}

void queue_push(struct queue *q, struct job *j)
{
	j->next = NULL;
	pthread_mutex_lock(&q->lock);
	if (q->tail != NULL)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
	pthread_cond_signal(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

/* Waits for a job until deadline (NULL: for ever).  NULL when the queue
 * is closed (what is left in it is freed with it) or the time is up. */
struct job *queue_pop(struct queue *q, const struct timespec *deadline)
{
	struct job *j = NULL;
	int rv = 0;

	pthread_mutex_lock(&q->lock);
	while (q->head == NULL && !q->closed && rv == 0)
		rv = deadline != NULL
		     ? pthread_cond_timedwait(&q->cond, &q->lock, deadline)
		     : pthread_cond_wait(&q->cond, &q->lock);
	if (!q->closed)
		j = q->head;
	if (j != NULL) {
		q->head = j->next;
		if (q->head == NULL)
			q->tail = NULL;
		j->next = NULL;
	}
	pthread_mutex_unlock(&q->lock);
	return j;
}

struct job *queue_take_all(struct queue *q)
{
	struct job *j;

	pthread_mutex_lock(&q->lock);
	j = q->head;
	q->head = NULL;
	q->tail = NULL;
	pthread_mutex_unlock(&q->lock);
	return j;
}

/* Take every queued job of this kind, in order, out of the queue. */
struct job *queue_take_kind(struct queue *q, int kind)
{
	struct job *taken = NULL, **tail = &taken, **pp, *j;

	pthread_mutex_lock(&q->lock);
	q->tail = NULL;
	for (pp = &q->head; *pp != NULL;) {
		j = *pp;
		if (j->kind != kind) {
			q->tail = j;
			pp = &j->next;
			continue;
		}
		*pp = j->next;
		j->next = NULL;
		*tail = j;
		tail = &j->next;
	}
	pthread_mutex_unlock(&q->lock);
	return taken;
}

/* the worker finishes what it holds and queue_pop() returns NULL */
void queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = 1;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

struct job *job_new(int kind)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j != NULL)
		j->kind = kind;
	return j;
}

const char *job_name(int kind)
{
	switch (kind) {
	case JOB_READERS: return "readers";
	case JOB_CARD: return "card";
	case JOB_PHOTO: return "photo";
	case JOB_MEDICAL: return "medical";
	case JOB_PIN: return "pin";
	case JOB_DOCTOR: return "doctor";
	case JOB_LEGACY: return "legacy";
	default: return "service";
	}
}

void job_free(struct job *j)
{
	if (j == NULL)
		return;
	OPENSSL_cleanse(j->pin, sizeof(j->pin));
	OPENSSL_cleanse(j->key, sizeof(j->key));
	free(j->body);
	free(j);
}

/* the same answer for another job (a copy of the body); -1 out of memory */
int job_copy_answer(struct job *to, const struct job *from)
{
	unsigned char *body = NULL;

	if (from->body_len > 0) {
		body = malloc(from->body_len);
		if (body == NULL)
			return -1;
		memcpy(body, from->body, from->body_len);
	}
	job_answer(to, from->status, from->content_type, body, from->body_len);
	to->err = from->err;
	to->sw = from->sw;
	memcpy(to->reader, from->reader, sizeof(to->reader));
	return 0;
}

/* body: malloc'd, owned by the job from here on */
void job_answer(struct job *j, int status, const char *content_type,
		unsigned char *body, size_t len)
{
	free(j->body);
	j->status = status;
	j->content_type = content_type;
	j->body = body;
	j->body_len = len;
}
