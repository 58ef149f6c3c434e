/*
 * The doctor's findings (doctor.h), taken in the order a read needs them:
 * the PC/SC service, its readers (and the USB devices that may be
 * readers), the PSAM, the card.  The first problem found is the verdict;
 * the texts are English constants that sscard-info translates.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "doctor.h"
#include "output.h"

#ifndef N_
#define N_(text) text
#endif

static void found(struct doctor_report *r, enum doctor_problem problem,
		  const char *text)
{
	if (r->problem != DOCTOR_OK)
		return;
	r->problem = problem;
	snprintf(r->problem_text, sizeof(r->problem_text), "%s", text);
}

static void service(struct doctor_report *r)
{
	sscard_pcsc_probe(&r->pcsc);
	if (r->pcsc.context == SSCARD_E_ACCESS_DENIED)
		found(r, DOCTOR_NO_SERVICE,
		      N_("pcscd runs but refuses this user (polkit): install "
			 "udev/polkit/50-libsscard.rules and add the user to "
			 "the 'sscard' group"));
	else if (r->pcsc.context < 0)
		found(r, DOCTOR_NO_SERVICE,
		      N_("pcscd is not running: systemctl start pcscd.socket "
			 "(or run pcscd -f as root)"));
}

static void readers(sscard_ctx *ctx, struct doctor_report *r)
{
	size_t i;

	r->usb_rv = sscard_usb_list(r->usb, DOCTOR_USB, &r->n_usb);
	if (r->usb_rv < 0 || r->n_usb > DOCTOR_USB)
		r->n_usb = r->usb_rv < 0 ? 0 : DOCTOR_USB;
	for (i = 0; i < r->n_usb; i++)
		r->usb_vendor_only |= !r->usb[i].ccid;
	if (r->pcsc.context != 0)
		return;
	if (sscard_list_readers(ctx, r->readers, DOCTOR_READERS,
				&r->n_readers) < 0)
		r->n_readers = 0;
	if (r->n_readers > DOCTOR_READERS)
		r->n_readers = DOCTOR_READERS;
	if (r->n_readers > 0)
		return;
	found(r, DOCTOR_NO_READER, r->usb_vendor_only
	      ? N_("no PC/SC reader; the USB reader found speaks a vendor "
		   "protocol: it needs the vendor's driver, not PC/SC")
	      : r->n_usb > 0
	      ? N_("the USB reader is not seen by pcscd: install libccid, "
		   "check the udev rule (udev/60-libsscard.rules), replug")
	      : N_("no reader: plug in a CCID reader"));
}

/* The PSAM slot and its terminal number, or none: not a problem, the
 * reads that need a key say so. */
static void psam(sscard_ctx *ctx, struct doctor_report *r)
{
	sscard_keys *keys = NULL;

	if (sscard_keys_from_psam(ctx, NULL, &keys) < 0)
		return;
	r->psam_found = 1;
	snprintf(r->psam_reader, sizeof(r->psam_reader), "%s",
		 sscard_keys_reader(keys));
	snprintf(r->psam_terminal, sizeof(r->psam_terminal), "%s",
		 sscard_keys_terminal(keys));
	sscard_keys_free(keys);
}

/* The first reader in state, the PSAM's slot passed over (a PSAM is not
 * the patient's card); -1 none. */
static int reader_in(const struct doctor_report *r, int state)
{
	size_t i;

	for (i = 0; i < r->n_readers; i++)
		if (r->readers[i].state == state &&
		    !(r->psam_found &&
		      strcmp(r->readers[i].name, r->psam_reader) == 0))
			return (int)i;
	return -1;
}

/* what the clerk does about a card in the reader that stays silent,
 * whether pcscd saw it at power-up or the first command did */
#define CARD_MUTE_TEXT \
	N_("the card in the reader does not answer: take it out, clean the " \
	   "contacts and insert it again, chip first")

static void card(sscard_ctx *ctx, struct doctor_report *r)
{
	struct sscard_basic b;
	sscard *handle = NULL;
	int first = reader_in(r, SSCARD_READER_CARD), rv;

	if (first < 0) {
		found(r, DOCTOR_NO_CARD, reader_in(r, SSCARD_READER_MUTE) >= 0
		      ? CARD_MUTE_TEXT
		      : N_("no card in any reader: insert the card chip first, "
			   "face up"));
		return;
	}
	r->card_looked = 1;
	memset(&b, 0, sizeof(b));
	/* the probing connect: a PSAM in an earlier slot is passed over */
	rv = sscard_connect(ctx, NULL, &handle);
	if (rv == 0) {
		snprintf(r->card_reader, sizeof(r->card_reader), "%s",
			 sscard_reader_name(handle));
		rv = sscard_read_basic(handle, &b);
	} else {
		snprintf(r->card_reader, sizeof(r->card_reader), "%s",
			 r->readers[first].name);
	}
	if (b.holder_status != 0)
		rv = 0;     /* the holder part wants a key: the reader works */
	r->card_rv = rv;
	r->card_sw = handle != NULL ? sscard_last_sw(handle) : 0;
	if (rv == 0) {
		snprintf(r->card_number, sizeof(r->card_number), "%s",
			 b.number);
		r->card_expired = b.expired;
	} else if (rv == SSCARD_E_CARD_MUTE) {
		found(r, DOCTOR_NO_CARD, CARD_MUTE_TEXT);
	} else {
		char text[sizeof(r->problem_text)];

		snprintf(r->card_error_field, sizeof(r->card_error_field),
			 "%s", b.error_field);
		snprintf(text, sizeof(text), "card in '%s': %s",
			 r->card_reader, sscard_strerror(rv));
		found(r, DOCTOR_CARD, text);
	}
	sscard_disconnect(handle);
}

void doctor_run(sscard_ctx *ctx, struct doctor_report *r)
{
	memset(r, 0, sizeof(*r));
	service(r);
	readers(ctx, r);
	if (r->pcsc.context != 0 || r->n_readers == 0)
		return;
	psam(ctx, r);
	card(ctx, r);
}

static json_object *usb_json(const struct doctor_report *r)
{
	json_object *arr;
	size_t i;

	if (r->usb_rv < 0)
		return out_failed(r->usb_rv, 0, NULL);
	arr = json_object_new_array();
	for (i = 0; i < r->n_usb; i++)
		json_object_array_add(arr, out_usb(&r->usb[i]));
	return arr;
}

static json_object *psam_json(const struct doctor_report *r)
{
	json_object *j;

	if (!r->psam_found)
		return NULL;
	j = json_object_new_object();
	json_object_object_add(j, "reader",
			       out_utf8(r->psam_reader));
	json_object_object_add(j, "terminal", out_str(r->psam_terminal));
	return j;
}

static json_object *card_json(const struct doctor_report *r)
{
	json_object *j;

	if (!r->card_looked)
		return NULL;
	j = json_object_new_object();
	json_object_object_add(j, "reader",
			       out_utf8(r->card_reader));
	json_object_object_add(j, "number", out_str(r->card_rv == 0
						    ? r->card_number : NULL));
	if (r->card_rv < 0)
		json_object_object_add(j, "error",
				       out_error(r->card_rv, r->card_sw,
						 r->card_error_field));
	return j;
}

json_object *doctor_json(const struct doctor_report *r)
{
	json_object *root = out_root();
	int listed = r->pcsc.context == 0;

	json_object_object_add(root, "pcsc", out_pcsc(&r->pcsc));
	json_object_object_add(root, "readers", listed
			       ? out_readers(r->readers, r->n_readers) : NULL);
	json_object_object_add(root, "usb", usb_json(r));
	json_object_object_add(root, "psam", psam_json(r));
	json_object_object_add(root, "card", card_json(r));
	json_object_object_add(root, "ok", json_object_new_boolean(
				       r->problem == DOCTOR_OK));
	json_object_object_add(root, "problem", out_str(r->problem_text));
	return root;
}
