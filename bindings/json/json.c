/*
 * libsscard-json (include/sscard-json.h): a card read, the doctor's report
 * and the events as the documents sscard-info --json prints, written by
 * the programs' own writer (app/output.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "doctor.h"
#include "output.h"
#include "sscard-json.h"

#define EXPORT __attribute__((visibility("default")))

/* the document as a string of ours, and the document dropped */
static int finish(json_object *doc, char **json)
{
	const char *text = doc != NULL ? out_text(doc) : NULL;
	int rv = 0;

	*json = text != NULL ? strdup(text) : NULL;
	if (*json == NULL)
		rv = SSCARD_E_NO_MEMORY;
	json_object_put(doc);
	return rv;
}

static void first_error(int *first, int rv)
{
	if (*first == 0 && rv < 0)
		*first = rv;
}

static int part_failed(sscard *card, json_object *doc, const char *key,
		       int rv)
{
	json_object_object_add(doc, key,
			       out_failed(rv, sscard_last_sw(card), NULL));
	return rv;
}

/* the photo is read before the basic data (see sscard_read_json) and
 * written in its place after it */
struct photo_read {
	int rv;
	unsigned sw;
	unsigned char *jpeg;
	size_t len;
};

static void read_photo(sscard *card, struct photo_read *p)
{
	p->jpeg = NULL;
	p->len = 0;
	p->rv = sscard_read_photo(card, &p->jpeg, &p->len);
	p->sw = sscard_last_sw(card);
}

static int add_photo(struct photo_read *p, json_object *doc)
{
	json_object *photo = NULL;
	int rv = p->rv;

	if (rv == 0)
		photo = out_photo(p->jpeg, p->len);
	if (rv == 0 && photo == NULL)
		rv = SSCARD_E_NO_MEMORY;
	if (rv < 0)
		photo = out_failed(rv, rv == p->rv ? p->sw : 0, NULL);
	json_object_object_add(doc, "photo", photo);
	sscard_free(p->jpeg);
	p->jpeg = NULL;
	return rv;
}

static int add_pin(sscard *card, json_object *doc)
{
	struct sscard_pin_info pin;
	json_object *part;
	int rv = sscard_pin_status(card, &pin);

	if (rv < 0) {
		part = json_object_new_object();
		json_object_object_add(part, "error", out_error(rv,
			sscard_last_sw(card), NULL));
	} else {
		part = out_pin(&pin);
	}
	json_object_object_add(doc, "pin", part);
	return rv;
}

/* a part the card does not have (answer: no balance, no bank application)
 * is an answer, not this call's error */
static int part_missing(sscard *card, json_object *doc, const char *key,
			int rv, int answer)
{
	part_failed(card, doc, key, rv);
	return rv == answer ? 0 : rv;
}

static int add_medical(sscard *card, json_object *doc)
{
	struct sscard_medical m;
	int rv = sscard_medical_read(card, &m);

	if (rv < 0)
		return part_missing(card, doc, "medical", rv, SSCARD_E_NO_DATA);
	json_object_object_add(doc, "medical", out_medical(&m));
	return 0;
}

static int add_bank(sscard *card, unsigned flags, json_object *doc)
{
	struct sscard_bank b;
	int rv = sscard_read_bank(card, flags & SSCARD_JSON_FULL_PAN
				  ? SSCARD_BANK_FULL_PAN : 0, &b);

	if (rv < 0)
		return part_missing(card, doc, "bank", rv, SSCARD_E_NO_APP);
	json_object_object_add(doc, "bank", out_bank(&b));
	sscard_cleanse(&b, sizeof(b));
	return 0;
}

static int add_auth(sscard *card, json_object *doc)
{
	struct sscard_auth auth;
	int rv = sscard_authenticate(card, &auth);

	if (rv < 0 && rv != SSCARD_E_NOT_GENUINE)
		return part_failed(card, doc, "auth", rv);
	json_object_object_add(doc, "auth", out_auth(&auth));
	return rv;
}

static void add_stats(sscard *card, json_object *doc)
{
	struct sscard_stats on_card, on_psam;

	sscard_get_stats(card, &on_card);
	memset(&on_psam, 0, sizeof(on_psam));
	json_object_object_add(doc, "stats", out_stats(&on_card, &on_psam));
}

/* the parts after the basic data, each with its own error */
static int add_parts(sscard *card, unsigned parts, unsigned flags,
		     json_object *doc)
{
	int first = 0;

	if (parts & SSCARD_JSON_PIN)
		first_error(&first, add_pin(card, doc));
	if (parts & SSCARD_JSON_MEDICAL)
		first_error(&first, add_medical(card, doc));
	if (parts & SSCARD_JSON_BANK)
		first_error(&first, add_bank(card, flags, doc));
	if (parts & SSCARD_JSON_AUTH)
		first_error(&first, add_auth(card, doc));
	if (parts & SSCARD_JSON_STATS)
		add_stats(card, doc);
	return first;
}

EXPORT int sscard_read_json(sscard *card, unsigned parts, unsigned flags,
			    char **json)
{
	struct sscard_basic basic;
	struct photo_read photo = { 0, 0, NULL, 0 };
	json_object *doc;
	int rv, first = 0, written;

	if (json != NULL)
		*json = NULL;
	if (card == NULL || json == NULL || parts == 0 ||
	    (parts & ~(unsigned)SSCARD_JSON_ALL) != 0 ||
	    (flags & ~(unsigned)SSCARD_JSON_FULL_PAN) != 0)
		return SSCARD_E_INVALID_ARG;
	/* the photo first, as sscard-info does: the key that opens it opens
	 * the holder file too, so that no command meets a refusal */
	if (parts & SSCARD_JSON_PHOTO)
		read_photo(card, &photo);
	rv = sscard_read_basic(card, &basic);
	if (rv < 0 && basic.holder_status == 0) {
		sscard_free(photo.jpeg);
		doc = out_error_doc(sscard_reader_name(card), rv,
				    sscard_last_sw(card), basic.error_field,
				    NULL);
		first = rv;
		goto out;
	}
	/* the holder part missing is this call's error only when written */
	first = parts & SSCARD_JSON_CARD ? rv : 0;
	doc = out_root();
	if (parts & SSCARD_JSON_CARD)
		out_basic(doc, sscard_reader_name(card), &basic);
	if (parts & SSCARD_JSON_PHOTO)
		first_error(&first, add_photo(&photo, doc));
	first_error(&first, add_parts(card, parts, flags, doc));
out:
	sscard_cleanse(&basic, sizeof(basic));
	written = finish(doc, json);
	return written < 0 ? written : first;
}

EXPORT int sscard_doctor_json(sscard_ctx *ctx, char **json)
{
	struct doctor_report *report;
	int rv;

	if (json != NULL)
		*json = NULL;
	if (ctx == NULL || json == NULL)
		return SSCARD_E_INVALID_ARG;
	report = calloc(1, sizeof(*report));
	if (report == NULL)
		return SSCARD_E_NO_MEMORY;
	doctor_run(ctx, report);
	rv = finish(doctor_json(report), json);
	free(report);
	return rv;
}

EXPORT int sscard_wait_event_json(sscard_ctx *ctx, int timeout_ms,
				  char **json)
{
	struct sscard_event ev;
	int rv;

	if (json != NULL)
		*json = NULL;
	if (ctx == NULL || json == NULL)
		return SSCARD_E_INVALID_ARG;
	rv = sscard_wait_event(ctx, timeout_ms, &ev);
	if (rv < 0)
		return rv;
	return finish(out_event(&ev), json);
}

EXPORT int sscard_error_json(const char *reader, int err, unsigned sw,
			     char **json)
{
	if (json == NULL)
		return SSCARD_E_INVALID_ARG;
	return finish(out_error_doc(reader, err, sw, NULL, NULL), json);
}

EXPORT void sscard_json_free(char *json)
{
	free(json);
}
