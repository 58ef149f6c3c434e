/*
 * One door's card side: what a verb of the JSON API does (the readers,
 * the card, the photo, the medical account, a PIN, the doctor), for every
 * framing of it (sscardd's HTTP, sscard-bridge's native messages).  A door
 * owns one libsscard context and keeps one connection to the card between
 * requests, so a PIN verified by one request serves the next; it drops
 * the connection (and the card is reset, which ends the verification)
 * after a card event, when the card is gone, and pin_hold seconds after a
 * verification.  One thread uses a door.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_DOOR_H
#define SSCARD_DOOR_H

#include <stddef.h>
#include <time.h>

#include "sscard.h"

enum door_verb {
	DOOR_READERS,
	DOOR_CARD,
	DOOR_PHOTO,
	DOOR_MEDICAL,
	DOOR_PIN,
	DOOR_DOCTOR
};

struct door_conf {
	const char *reader;         /* the user-card slot; "" probes */
	const char *psam;           /* the PSAM slot; "" probes, "none" */
	const char *keys;           /* a key file; "" none */
	int pin_per_minute;         /* PIN verifications in any 60 s */
	int pin_hold_s;             /* a verified PIN is dropped after */
	/* told whether a PSAM was found for a new connection; may be NULL */
	void (*psam_found)(int found);
	/* a line for the service's log; may be NULL */
	void (*log)(const char *line);
};

struct door_request {
	int verb;                   /* enum door_verb */
	char pin[16];               /* DOOR_PIN: wiped by door_run */
	unsigned pin_flags;
	int fresh;                  /* the card asked, never its memory */
	int zh;                     /* error.message in Chinese */
	unsigned generation;        /* card events seen by the caller: a
				     * change drops the kept connection */
};

struct door_answer {
	int status;                 /* the HTTP status it maps to */
	int err;                    /* the library's outcome (SSCARD_OK) */
	unsigned sw;                /* the card's SW with err; 0 none */
	char reader[128];           /* the card's reader; "" none */
	const char *content_type;   /* "application/json" or "image/jpeg" */
	unsigned char *body;        /* malloc'd, the caller's; NULL none */
	size_t body_len;
};

struct door;

/* NULL out of memory; a context that cannot be made answers every verb
 * with its error. */
struct door *door_new(const struct door_conf *conf);
void door_free(struct door *d);
/* Answer one request; req->pin is wiped. */
void door_run(struct door *d, struct door_request *req,
	      struct door_answer *ans);
/* When the verified PIN must go (monotonic seconds), 0 when none; and
 * door_expire() drops it once that time came (1 when it did). */
time_t door_pin_deadline(const struct door *d);
int door_expire(struct door *d);
/* The card's and the PSAM's counters since the last call (the card's
 * reset then), for metrics; either may be NULL. */
void door_account(struct door *d, struct sscard_stats *card,
		  unsigned long *psam_apdus);

/* The key source for a card: the key file, the PSAM named or the first
 * one found in another slot (psam "none": no keys); *keys NULL with 0
 * when there is none.  conf->psam_found is told whether a PSAM was. */
int door_keys(sscard_ctx *ctx, const struct door_conf *conf,
	      const char *card_reader, sscard_keys **keys);

/* One card or reader event as the document every door sends (an inserted
 * card read first, with conf's key source); n gets what that read cost,
 * for metrics.  NULL out of memory. */
struct door_event_count {
	struct sscard_stats card;
	unsigned long psam_apdus;
};
struct json_object;
struct json_object *door_event_doc(sscard_ctx *ctx,
				   const struct door_conf *conf,
				   const struct sscard_event *ev,
				   struct door_event_count *n);

/* Monotonic seconds. */
time_t door_now(void);

#endif
