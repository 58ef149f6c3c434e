/*
 * sscard-info --doctor: "the reader doesn't work", answered in one screen.
 * PC/SC service, readers, USB devices and their permissions, the card;
 * exit 0 when a reader with a social security card is usable, otherwise
 * the first blocking problem is named and its exit code returned.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "info.h"

#define MAX_DEV 32
#define MAX_READERS 16

struct finding {
	int code;                   /* exit code of the first problem */
	char problem[320];          /* English, for the JSON */
	char shown[480];            /* in the user's language */
};

static void problem2(struct finding *f, int code, const char *text,
		     const char *shown)
{
	if (f->code == 0) {
		f->code = code;
		snprintf(f->problem, sizeof(f->problem), "%s", text);
		snprintf(f->shown, sizeof(f->shown), "%s", shown);
	}
}

/* text: a constant marked N_() */
static void problem(struct finding *f, int code, const char *text)
{
	problem2(f, code, text, _(text));
}

static void pcsc_part(const struct sscard_pcsc_info *p, struct finding *f,
		      json_object *root, int json)
{
	if (p->context == SSCARD_E_ACCESS_DENIED)
		problem(f, EXIT_NO_SERVICE,
			N_("pcscd runs but refuses this user (polkit): install "
			   "udev/polkit/50-libsscard.rules and add the user to "
			   "the 'sscard' group"));
	else if (p->context < 0)
		problem(f, EXIT_NO_SERVICE,
			N_("pcscd is not running: systemctl start pcscd.socket "
			   "(or run pcscd -f as root)"));
	if (json) {
		json_object_object_add(root, "pcsc", out_pcsc(p));
		return;
	}
	printf(_("PC/SC service: %s (%s)\n"),
	       p->context == 0 ? _("reachable")
	       : p->context == SSCARD_E_ACCESS_DENIED
	       ? _("REFUSES THIS USER (polkit)") : _("NOT RUNNING"), p->socket);
}

static void usb_part(const struct sscard_usb_device *d, size_t n, int rv,
		     json_object *root, int json)
{
	json_object *arr = json ? json_object_new_array() : NULL;
	size_t i;

	if (json && rv < 0) {
		json_object_object_add(root, "usb", out_failed(rv, 0, NULL));
		json_object_put(arr);
		return;
	}
	if (!json)
		printf(_("USB readers:%s\n"), rv < 0 ? _(" cannot enumerate (libusb failed)")
					      : n == 0 ? _(" none found") : "");
	for (i = 0; i < n && i < MAX_DEV; i++) {
		if (json) {
			json_object_array_add(arr, out_usb(&d[i]));
			continue;
		}
		printf("  %04X:%04X %s %s%s%s%s\n      %s %04o %s:%s: %s\n",
		       d[i].vid, d[i].pid, d[i].vendor, d[i].product,
		       d[i].known ? " [" : "", d[i].model, d[i].known ? "]" : "",
		       d[i].node, d[i].mode, d[i].owner, d[i].group,
		       _(out_usb_verdict(&d[i])));
	}
	if (json)
		json_object_object_add(root, "usb", arr);
}

/* The PSAM slot and its terminal number (what the ministry interface
 * reports), or none: not a problem, reads that need a key say so. */
static void psam_part(sscard_ctx *ctx, json_object *root, int json)
{
	sscard_keys *keys = NULL;
	int rv = sscard_keys_from_psam(ctx, NULL, &keys);

	if (json) {
		json_object *j = NULL;

		if (rv == 0) {
			j = json_object_new_object();
			json_object_object_add(j, "reader", json_object_new_string(
				sscard_keys_reader(keys)));
			json_object_object_add(j, "terminal",
					       out_str(sscard_keys_terminal(keys)));
		}
		json_object_object_add(root, "psam", j);
	} else if (rv == 0) {
		printf(_("PSAM: in '%s', terminal number %s\n"),
		       sscard_keys_reader(keys), sscard_keys_terminal(keys)[0]
		       ? sscard_keys_terminal(keys) : _("unreadable"));
	} else {
		printf(_("PSAM: none (the photo, 3.0 holder data and the medical "
		       "amount need one, an HSM or a key file)\n"));
	}
	sscard_keys_free(keys);
}

static void card_part(sscard_ctx *ctx, const struct sscard_reader *r,
		      size_t nr, struct finding *f, json_object *root, int json)
{
	struct sscard_basic b;
	sscard *card = NULL;
	json_object *j = NULL;
	const char *reader;
	size_t i;
	int rv;

	for (i = 0; i < nr && r[i].state != SSCARD_READER_CARD; i++)
		;
	if (i == nr) {
		for (i = 0; i < nr && r[i].state != SSCARD_READER_MUTE; i++)
			;
		problem(f, EXIT_NO_CARD, i < nr
			? N_("the card in the reader does not answer: reseat it, "
			     "clean the contacts")
			: N_("no card in any reader: insert the card chip first, "
			     "face up"));
		if (json)
			json_object_object_add(root, "card", NULL);
		return;
	}
	reader = r[i].name;
	memset(&b, 0, sizeof(b));
	/* the probing connect: a PSAM in an earlier slot is passed over */
	rv = sscard_connect(ctx, NULL, &card);
	if (rv == 0)
		reader = sscard_reader_name(card);
	if (rv == 0)
		rv = sscard_read_basic(card, &b);
	if (b.holder_status != 0)
		rv = 0;     /* the holder part wants a key: the reader works */
	if (rv < 0) {
		char text[200], shown[300];

		snprintf(text, sizeof(text), "card in '%s': %s", reader,
			 sscard_strerror(rv));
		snprintf(shown, sizeof(shown), _("card in '%s': %s"), reader,
			 _(sscard_strerror(rv)));
		problem2(f, info_exit_code(rv), text, shown);
	}
	if (json) {
		j = json_object_new_object();
		json_object_object_add(j, "reader", json_object_new_string(reader));
		json_object_object_add(j, "number", out_str(rv == 0 ? b.number
								    : NULL));
		if (rv < 0)
			json_object_object_add(j, "error", out_error(rv,
				sscard_last_sw(card), b.error_field));
		json_object_object_add(root, "card", j);
	} else if (rv == 0) {
		printf(_("Card: social security card %s in '%s'%s\n"), b.number,
		       reader, b.expired ? _(" (EXPIRED)") : "");
	} else {
		printf(_("Card: in '%s': %s\n"), reader, _(sscard_strerror(rv)));
	}
	sscard_disconnect(card);
}

int doctor(sscard_ctx *ctx, int json)
{
	struct sscard_usb_device devs[MAX_DEV];
	struct sscard_reader readers[MAX_READERS];
	struct sscard_pcsc_info pcsc;
	struct finding f = { 0, "", "" };
	json_object *root = json ? out_root() : NULL;
	size_t ndev = 0, nr = 0, i;
	int vendor_only = 0, usb_rv;

	sscard_pcsc_probe(&pcsc);
	pcsc_part(&pcsc, &f, root, json);
	if (pcsc.context == 0 &&
	    sscard_list_readers(ctx, readers, MAX_READERS, &nr) < 0)
		nr = 0;
	if (nr > MAX_READERS)
		nr = MAX_READERS;
	usb_rv = sscard_usb_list(devs, MAX_DEV, &ndev);
	for (i = 0; i < ndev && i < MAX_DEV; i++)
		vendor_only |= !devs[i].ccid;
	if (pcsc.context == 0) {
		if (json) {
			json_object_object_add(root, "readers",
					       out_readers(readers, nr));
		} else {
			printf(_("PC/SC readers:%s\n"), nr == 0 ? _(" none") : "");
			show_readers(stdout, readers, nr);
		}
		if (nr == 0)
			problem(&f, EXIT_NO_READER, vendor_only
				? N_("no PC/SC reader; the USB reader found speaks a "
				     "vendor protocol: it needs the vendor's driver, "
				     "not PC/SC")
				: ndev > 0
				? N_("the USB reader is not seen by pcscd: install "
				     "libccid, check the udev rule "
				     "(udev/60-libsscard.rules), replug")
				: N_("no reader: plug in a CCID reader"));
	} else if (json) {
		json_object_object_add(root, "readers", NULL);
	}
	usb_part(devs, usb_rv == 0 ? ndev : 0, usb_rv, root, json);
	if (pcsc.context == 0 && nr > 0)
		psam_part(ctx, root, json);
	if (pcsc.context == 0 && nr > 0)
		card_part(ctx, readers, nr, &f, root, json);
	else if (json)
		json_object_object_add(root, "card", NULL);

	if (json) {
		json_object_object_add(root, "ok", json_object_new_boolean(f.code == 0));
		json_object_object_add(root, "problem", out_str(f.problem));
		out_print(stdout, root);
		json_object_put(root);
	} else {
		printf(_("Verdict: %s\n"), f.code == 0
		       ? _("OK: a reader with a social security card is usable")
		       : f.shown);
	}
	return f.code;
}
