/*
 * The JSON API's card thread: it owns one libsscard context and one
 * connection to the user card, and answers the loop's jobs in order.
 *
 * The connection is kept between requests, so a PIN verified by one
 * request serves the medical read of the next.  It is dropped (and the
 * card reset, which ends the verification) when any card event happened
 * since it was made, when a card operation finds the card gone, and
 * pin_hold seconds after a PIN was verified, whether or not a request
 * comes: a verified PIN never outlives the service's handle.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "cardfate.h"
#include "output.h"
#include "psam.h"
#include "sscardd.h"

#define READERS_MAX 16
#define PIN_WINDOW_S 60

struct card_side {
	sscard_ctx *ctx;
	sscard *card;
	sscard_keys *keys;
	unsigned long psam_apdus;   /* of keys, already counted */
	unsigned generation;        /* svc.card_generation at connect */
	time_t pin_verified_at;     /* monotonic seconds; 0 none */
	time_t pin_tries[60];       /* when each recent verification began */
	int n_pin_tries;
	char error_field[16];       /* the malformed field of the last read */
};

static time_t now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int card_keys(sscard_ctx *ctx, const struct conf *c, const char *card_reader,
	      sscard_keys **keys)
{
	char err[256];
	int rv;

	*keys = NULL;
	if (c->keys[0] != '\0') {
		rv = sscard_keys_from_file(ctx, c->keys, err, sizeof(err),
					   keys);
		if (rv < 0)
			say("sscardd: key file: %s",
			    err[0] ? err : sscard_strerror(rv));
		return rv;
	}
	if (strcmp(c->psam, "none") == 0)
		return 0;
	if (c->psam[0] != '\0')
		rv = sscard_keys_from_psam(ctx, c->psam, keys);
	else
		rv = psam_find(ctx, card_reader, keys);
	metrics_psam_found(rv == 0);
	return rv == SSCARD_E_NO_PSAM ? 0 : rv;
}

/* what the card and the PSAM exchanged since last counted */
void card_account(sscard *card, sscard_keys *keys, unsigned long *psam_seen)
{
	struct sscard_stats st;

	if (card != NULL) {
		sscard_get_stats(card, &st);
		metrics_card_stats(&st);
		sscard_reset_stats(card);
	}
	if (keys != NULL) {
		sscard_keys_get_stats(keys, &st);
		if (st.apdus >= *psam_seen)
			metrics_psam_apdus(st.apdus - *psam_seen);
		*psam_seen = st.apdus;
	}
}

static void drop_card(struct card_side *s)
{
	if (s->card == NULL)
		return;
	card_account(s->card, s->keys, &s->psam_apdus);
	sscard_disconnect(s->card);   /* resets the card after a PIN */
	s->card = NULL;
	sscard_keys_free(s->keys);
	s->keys = NULL;
	s->psam_apdus = 0;
	s->pin_verified_at = 0;
}

/* The connection for this job: kept, or made now (*fresh set). */
static int get_card(struct card_side *s, const struct conf *c, int *fresh)
{
	unsigned generation = atomic_load(&svc.card_generation);
	int rv;

	*fresh = 0;
	if (s->card != NULL && s->generation == generation)
		return 0;
	drop_card(s);
	rv = sscard_connect(s->ctx, c->reader[0] ? c->reader : NULL, &s->card);
	if (rv < 0)
		return rv;
	s->generation = generation;
	*fresh = 1;
	if (card_keys(s->ctx, c, sscard_reader_name(s->card), &s->keys) == 0 &&
	    s->keys != NULL)
		sscard_use_keys(s->card, s->keys);
	return 0;
}

static int http_status(int rv)
{
	switch (rv) {
	case 0:
		return 200;
	case SSCARD_E_NO_SERVICE:
	case SSCARD_E_ACCESS_DENIED:
		return 503;
	case SSCARD_E_NO_READER:
	case SSCARD_E_NO_CARD:
	case SSCARD_E_CARD_REMOVED:
		return 404;
	case SSCARD_E_SHARING:
	case SSCARD_E_PIN_LAST_TRY:
	case SSCARD_E_PIN_TRIES_UNKNOWN:
		return 409;
	case SSCARD_E_TIMEOUT:
	case SSCARD_E_CARD_MUTE:
		return 504;
	case SSCARD_E_NO_MEMORY:
	case SSCARD_E_INTERNAL:
		return 500;
	case SSCARD_E_PIN_FORMAT:
	case SSCARD_E_INVALID_ARG:
		return 400;
	default:
		return 422;     /* the card refused or holds no such thing */
	}
}

static void answer_json(struct job *j, int status, json_object *root)
{
	const char *text = out_text(root);
	size_t len = strlen(text);
	unsigned char *body = malloc(len);

	if (body == NULL) {
		job_answer(j, 500, "application/json", NULL, 0);
	} else {
		memcpy(body, text, len);
		job_answer(j, status, "application/json", body, len);
	}
	json_object_put(root);
}

/* A library error's message in Chinese, when the request asked for it:
 * every error object of a card answer passes here, built in English by
 * the output module sscard-info shares. */
static void localise(const struct job *j, json_object *error, int rv)
{
	if (j->zh && error != NULL)
		json_object_object_add(error, "message",
				       json_object_new_string(
					       lang_error_zh(rv)));
}

/* as sscard-info --json: the reader, when there is one, and the error,
 * its message in the request's language */
static void answer_error_in(struct job *j, const char *reader, int rv,
			    unsigned sw, const char *field)
{
	json_object *root = out_error_doc(reader, rv, sw, field, NULL);
	json_object *error;

	j->err = rv;
	j->sw = sw;
	if (json_object_object_get_ex(root, "error", &error))
		localise(j, error, rv);
	answer_json(j, http_status(rv), root);
}

static void answer_error(struct job *j, int rv, unsigned sw, const char *field)
{
	answer_error_in(j, NULL, rv, sw, field);
}

static void do_readers(struct card_side *s, struct job *j)
{
	struct sscard_reader readers[READERS_MAX];
	json_object *root;
	size_t n;
	int rv = sscard_list_readers(s->ctx, readers, READERS_MAX, &n);

	if (rv < 0) {
		answer_error(j, rv, 0, NULL);
		return;
	}
	root = out_root();
	json_object_object_add(
		root, "readers",
		out_readers(readers, n < READERS_MAX ? n : READERS_MAX));
	answer_json(j, 200, root);
}

static int do_basic(struct card_side *s, struct job *j)
{
	struct sscard_basic b;
	json_object *root;
	int rv = sscard_read_basic(s->card, &b);

	if (rv < 0 && b.holder_status == 0) {
		snprintf(s->error_field, sizeof(s->error_field), "%s",
			 rv == SSCARD_E_CARD_DATA ? b.error_field : "");
		return rv;
	}
	j->err = rv;
	root = out_root();
	out_basic(root, sscard_reader_name(s->card), &b);
	if (b.holder_status != 0) {
		json_object *holder, *error;

		if (json_object_object_get_ex(root, "holder", &holder) &&
		    json_object_object_get_ex(holder, "error", &error))
			localise(j, error, b.holder_status);
	}
	answer_json(j, 200, root);
	return 0;
}

static int do_photo(struct card_side *s, struct job *j)
{
	unsigned char *jpeg = NULL, *body;
	size_t len = 0;
	int rv = sscard_read_photo(s->card, &jpeg, &len);

	if (rv < 0)
		return rv;
	body = malloc(len > 0 ? len : 1);
	if (body == NULL) {
		sscard_free(jpeg);
		return SSCARD_E_NO_MEMORY;
	}
	memcpy(body, jpeg, len);
	sscard_free(jpeg);
	job_answer(j, 200, "image/jpeg", body, len);
	return 0;
}

static int do_medical(struct card_side *s, struct job *j)
{
	struct sscard_medical m;
	json_object *root;
	int rv = sscard_medical_read(s->card, &m);

	if (rv < 0)
		return rv;
	root = out_root();
	json_object_object_add(root, "medical", out_medical(&m));
	answer_json(j, 200, root);
	return 0;
}

/* at most pin_per_minute verifications began in the last minute */
static int pin_allowed(struct card_side *s, const struct conf *c)
{
	time_t now = now_s();
	int i, kept = 0;

	for (i = 0; i < s->n_pin_tries; i++)
		if (now - s->pin_tries[i] < PIN_WINDOW_S)
			s->pin_tries[kept++] = s->pin_tries[i];
	s->n_pin_tries = kept;
	if (kept >= c->pin_per_minute)
		return 0;
	s->pin_tries[s->n_pin_tries++] = now;
	return 1;
}

/* The answer has sscard-info's "pin" shape: state and tries left, with the
 * refusal when there is one. */
static int do_pin(struct card_side *s, struct job *j)
{
	struct sscard_pin_info info = { .state = SSCARD_PIN_OK,
					.tries_left = -1 };
	json_object *root, *p;
	int tries = -1, rv;

	rv = sscard_pin_verify(s->card, j->pin, j->pin_flags, &tries);
	OPENSSL_cleanse(j->pin, sizeof(j->pin));
	j->err = rv;
	j->sw = rv < 0 ? sscard_last_sw(s->card) : 0;
	if (rv == 0) {
		info.state = SSCARD_PIN_VERIFIED;
		s->pin_verified_at = now_s();
	} else if (rv == SSCARD_E_PIN_LOCKED) {
		info.state = SSCARD_PIN_LOCKED;
	} else if (rv != SSCARD_E_PIN_WRONG && rv != SSCARD_E_PIN_LAST_TRY &&
		   rv != SSCARD_E_PIN_TRIES_UNKNOWN) {
		return rv;
	}
	info.tries_left = tries;
	root = out_root();
	p = out_pin(&info);
	if (rv < 0) {
		json_object *error = out_error(rv, sscard_last_sw(s->card),
					       NULL);

		localise(j, error, rv);
		json_object_object_add(p, "error", error);
	}
	json_object_object_add(root, "pin", p);
	answer_json(j, http_status(rv), root);
	return 0;
}

static int card_op(struct card_side *s, struct job *j)
{
	if (j->fresh)
		sscard_forget(s->card);
	switch (j->kind) {
	case JOB_CARD:
		return do_basic(s, j);
	case JOB_PHOTO:
		return do_photo(s, j);
	case JOB_MEDICAL:
		return do_medical(s, j);
	default:
		return do_pin(s, j);
	}
}

static void run_job(struct card_side *s, const struct conf *c, struct job *j)
{
	int fresh = 0, rv;

	s->error_field[0] = '\0';
	if (j->kind == JOB_READERS) {
		do_readers(s, j);
		return;
	}
	if (j->kind == JOB_DOCTOR) {
		json_object *report = doctor_answer(s->ctx);

		if (report != NULL)
			answer_json(j, 200, report);
		else
			answer_error(j, SSCARD_E_NO_MEMORY, 0, NULL);
		return;
	}
	if (j->kind == JOB_PIN && !pin_allowed(s, c)) {
		OPENSSL_cleanse(j->pin, sizeof(j->pin));
		j->err = SSCARD_E_INVALID_ARG;
		answer_json(j, 429, out_error_doc(NULL, SSCARD_E_INVALID_ARG, 0,
			NULL, j->zh ? "密码验证过于频繁：请一分钟后再试"
				    : "too many PIN verifications: wait a "
				      "minute"));
		return;
	}
	rv = get_card(s, c, &fresh);
	if (rv == 0)
		rv = card_op(s, j);
	if (s->card != NULL)
		snprintf(j->reader, sizeof(j->reader), "%s",
			 sscard_reader_name(s->card));
	/* a kept connection may predate a card swap the events have not
	 * told yet: a read goes once more on a fresh one; a PIN never does */
	if (rv < 0 && card_fate(rv) != CARD_KEPT && !fresh &&
	    j->kind != JOB_PIN) {
		drop_card(s);
		rv = get_card(s, c, &fresh);
		if (rv == 0)
			rv = card_op(s, j);
	}
	if (rv < 0) {
		answer_error_in(j, s->card ? sscard_reader_name(s->card) : NULL,
				rv, s->card ? sscard_last_sw(s->card) : 0,
				s->error_field[0] ? s->error_field : NULL);
		if (card_fate(rv) != CARD_KEPT)
			drop_card(s);
	}
	OPENSSL_cleanse(j->pin, sizeof(j->pin));
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
			answer_error(j, SSCARD_E_NO_MEMORY, 0, NULL);
		metrics_read(j->kind, j->err, 0);
		service_done(j);
	}
}

void *card_thread(void *arg)
{
	struct card_side s;
	const struct conf *c = arg;
	struct timespec deadline, started;
	struct job *j;
	int rv;

	memset(&s, 0, sizeof(s));
	rv = sscard_ctx_new(&s.ctx);
	if (rv < 0) {
		say("sscardd: card thread: %s", sscard_strerror(rv));
		s.ctx = NULL;
	}
	for (;;) {
		const struct timespec *until = NULL;

		if (s.pin_verified_at != 0) {
			deadline.tv_sec = s.pin_verified_at + c->pin_hold_s;
			deadline.tv_nsec = 0;
			until = &deadline;
		}
		j = queue_pop(&svc.card_jobs, until);
		if (j == NULL && atomic_load(&svc.stopping))
			break;
		if (s.pin_verified_at != 0 &&
		    now_s() >= s.pin_verified_at + c->pin_hold_s) {
			say("sscardd: the verified PIN is dropped after %d s",
			    c->pin_hold_s);
			drop_card(&s);
		}
		if (j == NULL)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &started);
		if (s.ctx == NULL)
			answer_error(j, SSCARD_E_NO_MEMORY, 0, NULL);
		else
			run_job(&s, c, j);
		metrics_read(j->kind, j->err, conn_ms_since(&started) / 1e3);
		card_account(s.card, s.keys, &s.psam_apdus);
		if (j->kind == JOB_CARD)
			share_answer(j);
		service_done(j);
	}
	drop_card(&s);
	sscard_ctx_free(s.ctx);
	return NULL;
}
