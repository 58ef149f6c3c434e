/*
 * sscard-info --doctor: "the reader doesn't work", answered in one screen.
 * The findings are the shared doctor's (app/doctor.c, the
 * same as sscardd's GET /v1/doctor); here they are printed, in the user's
 * language or as JSON, and the first blocking problem gives the exit
 * code (0 when a reader with a social security card is usable).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "doctor.h"
#include "info.h"

static int exit_code(const struct doctor_report *r)
{
	switch (r->problem) {
	case DOCTOR_OK: return EXIT_OK;
	case DOCTOR_NO_SERVICE: return EXIT_NO_SERVICE;
	case DOCTOR_NO_READER: return EXIT_NO_READER;
	case DOCTOR_NO_CARD: return EXIT_NO_CARD;
	default: return info_exit_code(r->card_rv);
	}
}

static void show_pcsc(const struct sscard_pcsc_info *p)
{
	printf(_("PC/SC service: %s (%s)\n"),
	       p->context == 0 ? _("reachable")
	       : p->context == SSCARD_E_ACCESS_DENIED
	       ? _("REFUSES THIS USER (polkit)") : _("NOT RUNNING"), p->socket);
}

static void show_usb(const struct doctor_report *r)
{
	const struct sscard_usb_device *d = r->usb;
	size_t i;

	printf(_("USB readers:%s\n"), r->usb_rv < 0
	       ? _(" cannot enumerate (libusb failed)")
	       : r->n_usb == 0 ? _(" none found") : "");
	for (i = 0; i < r->n_usb; i++)
		printf("  %04X:%04X %s %s%s%s%s\n      %s %04o %s:%s: %s\n",
		       d[i].vid, d[i].pid, d[i].vendor, d[i].product,
		       d[i].known ? " [" : "", d[i].model,
		       d[i].known ? "]" : "", d[i].node, d[i].mode,
		       d[i].owner, d[i].group, _(out_usb_verdict(&d[i])));
}

static void show_psam(const struct doctor_report *r)
{
	if (r->psam_found)
		printf(_("PSAM: in '%s', terminal number %s\n"),
		       r->psam_reader, r->psam_terminal[0]
		       ? r->psam_terminal : _("unreadable"));
	else
		printf(_("PSAM: none (the photo, 3.0 holder data and the "
			 "medical amount need one, an HSM or a key file)\n"));
}

static void show_card(const struct doctor_report *r)
{
	if (r->card_rv == 0)
		printf(_("Card: social security card %s in '%s'%s\n"),
		       r->card_number, r->card_reader,
		       r->card_expired ? _(" (EXPIRED)") : "");
	else
		printf(_("Card: in '%s': %s\n"), r->card_reader,
		       info_error(r->card_rv));
}

static void show_verdict(const struct doctor_report *r)
{
	char shown[480];

	if (r->problem == DOCTOR_OK) {
		printf(_("Verdict: %s\n"),
		       _("OK: a reader with a social security card is usable"));
		return;
	}
	if (r->problem == DOCTOR_CARD)
		snprintf(shown, sizeof(shown), _("card in '%s': %s"),
			 r->card_reader, info_error(r->card_rv));
	else
		snprintf(shown, sizeof(shown), "%s", _(r->problem_text));
	printf(_("Verdict: %s\n"), shown);
}

static void show_text(const struct doctor_report *r)
{
	int listed = r->pcsc.context == 0;

	show_pcsc(&r->pcsc);
	if (listed) {
		printf(_("PC/SC readers:%s\n"),
		       r->n_readers == 0 ? _(" none") : "");
		show_readers(stdout, r->readers, r->n_readers);
	}
	show_usb(r);
	if (listed && r->n_readers > 0)
		show_psam(r);
	if (r->card_looked)
		show_card(r);
	show_verdict(r);
}

int doctor(sscard_ctx *ctx, int json)
{
	struct doctor_report r;

	doctor_run(ctx, &r);
	if (json) {
		json_object *root = doctor_json(&r);

		out_print(stdout, root);
		json_object_put(root);
	} else {
		show_text(&r);
	}
	return exit_code(&r);
}
