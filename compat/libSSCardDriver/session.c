/*
 * The worker's session: the libsscard context, the open card (kept
 * between calls, so a PIN verified by iVerifyPIN serves the next read),
 * the PSAM, and the HSM key source whose callback hands requests to the
 * caller's next step.  Runs only in the worker thread.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cardfate.h"
#include "compat.h"
#include "psam.h"
#include "session.h"

static sscard_ctx *ctx;
static sscard *card;
static char card_reader[256];   /* what card was opened for, "" probed */
static sscard_keys *psam;
static int psam_looked;         /* looked for a PSAM since this card */
static sscard_keys *hsm;
static struct timespec pin_until;   /* monotonic; tv_sec 0: no PIN */

void session_close(void)
{
	memset(&pin_until, 0, sizeof(pin_until));
	sscard_disconnect(card);
	card = NULL;
	sscard_keys_free(psam);
	psam = NULL;
	sscard_keys_free(hsm);
	hsm = NULL;
	sscard_ctx_free(ctx);
	ctx = NULL;
}

void session_forget(void)
{
	/* the parent's PC/SC context, card and PSAM handles: not ours to
	 * use or release in a forked child (their socket is the parent's),
	 * so they are left, a few hundred bytes per fork */
	ctx = NULL;
	card = NULL;
	psam = NULL;
	hsm = NULL;
	psam_looked = 0;
	card_reader[0] = '\0';
	memset(&pin_until, 0, sizeof(pin_until));
}

static void drop_card(void)
{
	sscard_disconnect(card);    /* resets the card after a PIN */
	card = NULL;
	psam_looked = 0;
	memset(&pin_until, 0, sizeof(pin_until));
}

void session_pin_verified(void)
{
	clock_gettime(CLOCK_MONOTONIC, &pin_until);
	pin_until.tv_sec += config_get()->pin_hold_s;
}

int session_pin_until(struct timespec *until)
{
	*until = pin_until;
	return pin_until.tv_sec != 0;
}

void session_pin_expire(void)
{
	struct timespec now;

	if (pin_until.tv_sec == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec < pin_until.tv_sec ||
	    (now.tv_sec == pin_until.tv_sec && now.tv_nsec < pin_until.tv_nsec))
		return;
	out_log("the verified PIN is ended after %d s (pin_hold)",
		config_get()->pin_hold_s);
	drop_card();
}

/* The slot iType asks for: "" to probe, or a name; NULL: not here. */
static const char *slot_for(int itype)
{
	const struct config *c = config_get();

	if (itype == 2 || itype == 4)
		return c->contactless[0] != '\0' ? c->contactless : NULL;
	return c->reader;
}

int session_card(struct job *j, sscard **out)
{
	const char *want = slot_for(j->itype);
	int rv;

	*out = NULL;
	if (want == NULL)
		return out_message(j, M_NOT_SUPPORTED,
				   "读卡器不支持非接触卡");
	session_ctx(j, &rv);
	if (rv < 0)
		return rv;
	if (card != NULL && strcmp(card_reader, want) != 0)
		drop_card();
	if (card == NULL) {
		rv = sscard_connect(ctx, want[0] != '\0' ? want : NULL, &card);
		if (rv < 0)
			return session_error(j, rv);
		snprintf(card_reader, sizeof(card_reader), "%s", want);
	}
	*out = card;
	return 0;
}

/* A handle the error left useless is dropped; a second try is worth it
 * only when the card was taken out (or another took its place) since the
 * handle was opened. */
int session_stale(int rv)
{
	enum card_fate fate = card_fate(rv);

	if (fate == CARD_KEPT)
		return 0;
	drop_card();
	return fate == CARD_SWAPPED;
}

sscard_keys *session_psam(void)
{
	const char *want = config_get()->psam;

	if (strcmp(want, "none") == 0)
		return NULL;
	if (psam == NULL && !psam_looked) {
		/* probing, the shared search: never the user card's own slot
		 * (sscard-info and sscardd find the same PSAM) */
		const char *card_slot = card != NULL ? sscard_reader_name(card)
						     : NULL;
		int rv;

		psam_looked = 1;
		if (want[0] != '\0')
			rv = sscard_keys_from_psam(ctx, want, &psam);
		else
			rv = psam_find(ctx, card_slot, &psam);
		if (rv < 0)
			psam = NULL;
	}
	return psam;
}

/* A PSAM that failed is looked for again next time. */
void session_psam_failed(void)
{
	sscard_use_keys(card, NULL);
	sscard_keys_free(psam);
	psam = NULL;
	psam_looked = 0;
}

/* Who answers the HSM's requests: the worker's hand-over to the caller's
 * next step, given by the worker (session.c never calls up into it). */
static sscard_hsm_fn hsm_asker;

void session_use_hsm(sscard_hsm_fn ask)
{
	hsm_asker = ask;
}

sscard_keys *session_hsm(void)
{
	if (hsm == NULL &&
	    (hsm_asker == NULL ||
	     sscard_keys_from_hsm(ctx, hsm_asker, NULL, &hsm) < 0))
		hsm = NULL;
	return hsm;
}

int session_error(struct job *j, int rv)
{
	char msg[256];
	int code = ministry_code(rv, card != NULL ? sscard_last_sw(card) : 0,
				 msg, sizeof(msg));

	if (rv == SSCARD_E_PSAM_REMOVED)
		session_psam_failed();
	return out_message(j, code, "%s", msg);
}

const char *session_terminal(void)
{
	return psam != NULL ? sscard_keys_terminal(psam) : "";
}

sscard_ctx *session_ctx(struct job *j, int *rv)
{
	*rv = 0;
	if (ctx == NULL) {
		*rv = sscard_ctx_new(&ctx);
		if (*rv < 0)
			*rv = session_error(j, *rv);
	}
	return ctx;
}
