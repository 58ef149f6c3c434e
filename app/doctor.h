/*
 * The doctor: what the PC/SC stack, the readers, the USB devices, the PSAM
 * and the card are doing, and the first problem that blocks a read.  One
 * report, taken by doctor_run(), that sscard-info --doctor prints (text or
 * JSON) and sscardd's GET /v1/doctor sends: the same verdict whichever
 * door asks.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_DOCTOR_H
#define SSCARD_DOCTOR_H

#include <json.h>

#include "sscard.h"

#define DOCTOR_READERS 16
#define DOCTOR_USB 32

/* the first problem, in the order they block a read */
enum doctor_problem {
	DOCTOR_OK = 0,
	DOCTOR_NO_SERVICE,          /* pcscd down or refusing this user */
	DOCTOR_NO_READER,           /* pcscd sees no reader */
	DOCTOR_NO_CARD,             /* no card, or one that does not answer */
	DOCTOR_CARD                 /* the card failed: card_rv says how */
};

struct doctor_report {
	struct sscard_pcsc_info pcsc;
	struct sscard_reader readers[DOCTOR_READERS];
	size_t n_readers;
	struct sscard_usb_device usb[DOCTOR_USB];
	size_t n_usb;
	int usb_rv;                 /* sscard_usb_list's */
	int usb_vendor_only;        /* a USB reader that is not CCID */
	int psam_found;
	char psam_reader[128];
	char psam_terminal[32];
	int card_looked;            /* readers to look in */
	int card_rv;                /* connect + basic read; 0 usable */
	unsigned card_sw;
	char card_reader[128];
	char card_number[16];
	int card_expired;
	char card_error_field[16];
	enum doctor_problem problem;
	char problem_text[320];     /* English (msgid of a constant one) */
};

void doctor_run(sscard_ctx *ctx, struct doctor_report *r);
/* {"schema", "pcsc", "readers", "usb", "psam", "card", "ok", "problem"} */
json_object *doctor_json(const struct doctor_report *r);

#endif
