/*
 * door_*(): see door.h.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardfate.h"
#include "door.h"
#include "doctor.h"
#include "output.h"
#include "psam.h"

#define READERS_MAX 16
#define PIN_WINDOW_S 60
#define PIN_TRIES_KEPT 60

struct door {
	struct door_conf conf;
	sscard_ctx *ctx;
	int ctx_error;              /* why there is no context */
	sscard *card;
	sscard_keys *keys;
	unsigned long psam_apdus;   /* of keys, already counted */
	unsigned generation;        /* the request's generation at connect */
	time_t pin_verified_at;     /* monotonic seconds; 0 none */
	time_t pin_tries[PIN_TRIES_KEPT]; /* when recent verifications began */
	int n_pin_tries;
	char error_field[16];       /* the malformed field of the last read */
};

time_t door_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void door_log(const struct door_conf *conf, const char *line)
{
	if (conf->log != NULL)
		conf->log(line);
}

int door_keys(sscard_ctx *ctx, const struct door_conf *conf,
	      const char *card_reader, sscard_keys **keys)
{
	char err[256], line[320];
	int rv;

	*keys = NULL;
	if (conf->keys != NULL && conf->keys[0] != '\0') {
		rv = sscard_keys_from_file(ctx, conf->keys, err, sizeof(err),
					   keys);
		if (rv < 0) {
			snprintf(line, sizeof(line), "key file: %s",
				 err[0] ? err : sscard_strerror(rv));
			door_log(conf, line);
		}
		return rv;
	}
	if (conf->psam != NULL && strcmp(conf->psam, "none") == 0)
		return 0;
	if (conf->psam != NULL && conf->psam[0] != '\0')
		rv = sscard_keys_from_psam(ctx, conf->psam, keys);
	else
		rv = psam_find(ctx, card_reader, keys);
	if (conf->psam_found != NULL)
		conf->psam_found(rv == 0);
	return rv == SSCARD_E_NO_PSAM ? 0 : rv;
}

struct door *door_new(const struct door_conf *conf)
{
	struct door *d = calloc(1, sizeof(*d));
	int rv;

	if (d == NULL)
		return NULL;
	d->conf = *conf;
	rv = sscard_ctx_new(&d->ctx);
	if (rv < 0) {
		d->ctx = NULL;
		d->ctx_error = rv;
	}
	return d;
}

void door_account(struct door *d, struct sscard_stats *card,
		  unsigned long *psam_apdus)
{
	struct sscard_stats st;

	if (card != NULL)
		memset(card, 0, sizeof(*card));
	if (psam_apdus != NULL)
		*psam_apdus = 0;
	if (d->card != NULL) {
		if (card != NULL)
			sscard_get_stats(d->card, card);
		sscard_reset_stats(d->card);
	}
	if (d->keys != NULL) {
		sscard_keys_get_stats(d->keys, &st);
		if (st.apdus >= d->psam_apdus && psam_apdus != NULL)
			*psam_apdus = st.apdus - d->psam_apdus;
		d->psam_apdus = st.apdus;
	}
}

static void drop_card(struct door *d)
{
	if (d->card == NULL)
		return;
	sscard_disconnect(d->card);     /* resets the card after a PIN */
	d->card = NULL;
	sscard_keys_free(d->keys);
	d->keys = NULL;
	d->psam_apdus = 0;
	d->pin_verified_at = 0;
}

void door_free(struct door *d)
{
	if (d == NULL)
		return;
	drop_card(d);
	sscard_ctx_free(d->ctx);
	free(d);
}

time_t door_pin_deadline(const struct door *d)
{
	return d->pin_verified_at != 0
	       ? d->pin_verified_at + d->conf.pin_hold_s : 0;
}

int door_expire(struct door *d)
{
	char line[80];

	if (d->pin_verified_at == 0 || door_now() < door_pin_deadline(d))
		return 0;
	snprintf(line, sizeof(line), "the verified PIN is dropped after %d s",
		 d->conf.pin_hold_s);
	door_log(&d->conf, line);
	drop_card(d);
	return 1;
}

/* The connection for this request: kept, or made now (*fresh set). */
static int get_card(struct door *d, unsigned generation, int *fresh)
{
	const char *reader = d->conf.reader;
	int rv;

	*fresh = 0;
	if (d->card != NULL && d->generation == generation)
		return 0;
	drop_card(d);
	rv = sscard_connect(d->ctx, reader != NULL && reader[0] ? reader : NULL,
			    &d->card);
	if (rv < 0)
		return rv;
	d->generation = generation;
	*fresh = 1;
	if (door_keys(d->ctx, &d->conf, sscard_reader_name(d->card),
		      &d->keys) == 0 && d->keys != NULL)
		sscard_use_keys(d->card, d->keys);
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

static void answer(struct door_answer *ans, int status,
		   const char *content_type, unsigned char *body, size_t len)
{
	ans->status = status;
	ans->content_type = content_type;
	ans->body = body;
	ans->body_len = len;
}

static void answer_json(struct door_answer *ans, int status,
			json_object *root)
{
	const char *text = out_text(root);
	size_t len = strlen(text);
	unsigned char *body = malloc(len);

	if (body == NULL) {
		answer(ans, 500, "application/json", NULL, 0);
	} else {
		memcpy(body, text, len);
		answer(ans, status, "application/json", body, len);
	}
	json_object_put(root);
}

/* A library error's message in Chinese (the library's one table), when
 * the request asked for it: every error object of a card answer passes
 * here, built in English by the output module sscard-info shares. */
static void localise(const struct door_request *req, json_object *error,
		     int rv)
{
	if (req->zh && error != NULL)
		json_object_object_add(error, "message",
				       json_object_new_string(
					       sscard_strerror_lang(rv, "zh")));
}

/* as sscard-info --json: the reader, when there is one, and the error,
 * its message in the request's language */
static void answer_error_in(const struct door_request *req,
			    struct door_answer *ans, const char *reader,
			    int rv, unsigned sw, const char *field)
{
	json_object *root = out_error_doc(reader, rv, sw, field, NULL);
	json_object *error;

	ans->err = rv;
	ans->sw = sw;
	if (json_object_object_get_ex(root, "error", &error))
		localise(req, error, rv);
	answer_json(ans, http_status(rv), root);
}

static void do_readers(struct door *d, const struct door_request *req,
		       struct door_answer *ans)
{
	struct sscard_reader readers[READERS_MAX];
	json_object *root;
	size_t n;
	int rv = sscard_list_readers(d->ctx, readers, READERS_MAX, &n);

	if (rv < 0) {
		answer_error_in(req, ans, NULL, rv, 0, NULL);
		return;
	}
	root = out_root();
	json_object_object_add(
		root, "readers",
		out_readers(readers, n < READERS_MAX ? n : READERS_MAX));
	answer_json(ans, 200, root);
}

static int do_basic(struct door *d, const struct door_request *req,
		    struct door_answer *ans)
{
	struct sscard_basic b;
	json_object *root;
	int rv = sscard_read_basic(d->card, &b);

	if (rv < 0 && b.holder_status == 0) {
		snprintf(d->error_field, sizeof(d->error_field), "%s",
			 rv == SSCARD_E_CARD_DATA ? b.error_field : "");
		return rv;
	}
	ans->err = rv;
	root = out_root();
	out_basic(root, sscard_reader_name(d->card), &b);
	if (b.holder_status != 0) {
		json_object *holder, *error;

		if (json_object_object_get_ex(root, "holder", &holder) &&
		    json_object_object_get_ex(holder, "error", &error))
			localise(req, error, b.holder_status);
	}
	answer_json(ans, 200, root);
	return 0;
}

static int do_photo(struct door *d, struct door_answer *ans)
{
	unsigned char *jpeg = NULL, *body;
	size_t len = 0;
	int rv = sscard_read_photo(d->card, &jpeg, &len);

	if (rv < 0)
		return rv;
	body = malloc(len > 0 ? len : 1);
	if (body == NULL) {
		sscard_free(jpeg);
		return SSCARD_E_NO_MEMORY;
	}
	memcpy(body, jpeg, len);
	sscard_free(jpeg);
	answer(ans, 200, "image/jpeg", body, len);
	return 0;
}

static int do_medical(struct door *d, struct door_answer *ans)
{
	struct sscard_medical m;
	json_object *root;
	int rv = sscard_medical_read(d->card, &m);

	if (rv < 0)
		return rv;
	root = out_root();
	json_object_object_add(root, "medical", out_medical(&m));
	answer_json(ans, 200, root);
	return 0;
}

/* at most pin_per_minute verifications began in the last minute */
static int pin_allowed(struct door *d)
{
	time_t now = door_now();
	int i, kept = 0;

	for (i = 0; i < d->n_pin_tries; i++)
		if (now - d->pin_tries[i] < PIN_WINDOW_S)
			d->pin_tries[kept++] = d->pin_tries[i];
	d->n_pin_tries = kept;
	if (kept >= d->conf.pin_per_minute || kept >= PIN_TRIES_KEPT)
		return 0;
	d->pin_tries[d->n_pin_tries++] = now;
	return 1;
}

/* The answer has sscard-info's "pin" shape: state and tries left, with the
 * refusal when there is one. */
static int do_pin(struct door *d, struct door_request *req,
		  struct door_answer *ans)
{
	struct sscard_pin_info info = { .state = SSCARD_PIN_OK,
					.tries_left = -1 };
	json_object *root, *p;
	int tries = -1, rv;

	rv = sscard_pin_verify(d->card, req->pin, req->pin_flags, &tries);
	sscard_cleanse(req->pin, sizeof(req->pin));
	ans->err = rv;
	ans->sw = rv < 0 ? sscard_last_sw(d->card) : 0;
	if (rv == 0) {
		info.state = SSCARD_PIN_VERIFIED;
		d->pin_verified_at = door_now();
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
		json_object *error = out_error(rv, sscard_last_sw(d->card),
					       NULL);

		localise(req, error, rv);
		json_object_object_add(p, "error", error);
	}
	json_object_object_add(root, "pin", p);
	answer_json(ans, http_status(rv), root);
	return 0;
}

static int card_op(struct door *d, struct door_request *req,
		   struct door_answer *ans)
{
	if (req->fresh)
		sscard_forget(d->card);
	switch (req->verb) {
	case DOOR_CARD:
		return do_basic(d, req, ans);
	case DOOR_PHOTO:
		return do_photo(d, ans);
	case DOOR_MEDICAL:
		return do_medical(d, ans);
	default:
		return do_pin(d, req, ans);
	}
}

/* the shared doctor's report (app/doctor.c), the document sscard-info
 * --doctor --json prints, for the page that has to say why nothing reads */
static json_object *doctor_answer(sscard_ctx *ctx)
{
	struct doctor_report *r = malloc(sizeof(*r));
	json_object *root;

	if (r == NULL)
		return NULL;
	doctor_run(ctx, r);
	root = doctor_json(r);
	free(r);
	return root;
}

/* The verbs that need no card. */
static int answer_without_card(struct door *d, struct door_request *req,
			       struct door_answer *ans)
{
	json_object *report;

	if (d->ctx == NULL) {
		answer_error_in(req, ans, NULL, d->ctx_error, 0, NULL);
		return 1;
	}
	if (req->verb == DOOR_READERS) {
		do_readers(d, req, ans);
		return 1;
	}
	if (req->verb == DOOR_DOCTOR) {
		report = doctor_answer(d->ctx);
		if (report != NULL)
			answer_json(ans, 200, report);
		else
			answer_error_in(req, ans, NULL, SSCARD_E_NO_MEMORY,
					0, NULL);
		return 1;
	}
	if (req->verb == DOOR_PIN && !pin_allowed(d)) {
		ans->err = SSCARD_E_INVALID_ARG;
		answer_json(ans, 429, out_error_doc(NULL, SSCARD_E_INVALID_ARG,
			0, NULL, req->zh ? "密码验证过于频繁：请一分钟后再试"
					 : "too many PIN verifications: wait "
					   "a minute"));
		return 1;
	}
	return 0;
}

void door_run(struct door *d, struct door_request *req,
	      struct door_answer *ans)
{
	int fresh = 0, rv;

	memset(ans, 0, sizeof(*ans));
	d->error_field[0] = '\0';
	if (answer_without_card(d, req, ans))
		goto out;
	rv = get_card(d, req->generation, &fresh);
	if (rv == 0)
		rv = card_op(d, req, ans);
	if (d->card != NULL)
		snprintf(ans->reader, sizeof(ans->reader), "%s",
			 sscard_reader_name(d->card));
	/* a kept connection may predate a card swap the events have not
	 * told yet: a read goes once more on a fresh one; a PIN never does */
	if (rv < 0 && card_fate(rv) != CARD_KEPT && !fresh &&
	    req->verb != DOOR_PIN) {
		drop_card(d);
		rv = get_card(d, req->generation, &fresh);
		if (rv == 0)
			rv = card_op(d, req, ans);
	}
	if (rv < 0) {
		answer_error_in(req, ans,
				d->card ? sscard_reader_name(d->card) : NULL,
				rv, d->card ? sscard_last_sw(d->card) : 0,
				d->error_field[0] ? d->error_field : NULL);
		if (card_fate(rv) != CARD_KEPT)
			drop_card(d);
	}
out:
	sscard_cleanse(req->pin, sizeof(req->pin));
}
