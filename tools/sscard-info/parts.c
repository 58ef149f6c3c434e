/*
 * The parts of a card read after the basic data: photo, PIN, medical
 * account, bank application.  Each prints itself (human or JSON) and
 * returns 0 or the error that sets the exit code.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "info.h"

/* The error of a part, with the SW the card gave it: inside the part in
 * JSON, one line on stderr else. */
static void part_error_sw(json_object *root, const char *key, int err,
			  unsigned sw)
{
	if (root != NULL)
		json_object_object_add(root, key, out_failed(err, sw, NULL));
	else
		fprintf(stderr, _("sscard-info: %s: %s\n"), key,
			info_error(err));
}

static void part_error(sscard *card, json_object *root, const char *key,
		       int err)
{
	part_error_sw(root, key, err, sscard_last_sw(card));
}

void read_photo(sscard *card, struct photo_read *p)
{
	p->jpeg = NULL;
	p->len = 0;
	p->rv = sscard_read_photo(card, &p->jpeg, &p->len);
	p->sw = sscard_last_sw(card);
}

int save_photo(struct photo_read *p, const char *path, json_object *root)
{
	int rv = p->rv, fd;

	if (rv < 0) {
		part_error_sw(root, "photo", rv, p->sw);
		goto out;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, p->jpeg, p->len) != (ssize_t)p->len) {
		fprintf(stderr, _("sscard-info: cannot write %s: %s\n"), path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		rv = SSCARD_E_INTERNAL;
		if (root != NULL)
			json_object_object_add(root, "photo",
					       out_failed(rv, 0, NULL));
		goto out;
	}
	close(fd);
	if (root != NULL) {
		json_object *j = json_object_new_object();

		json_object_object_add(j, "file", json_object_new_string(path));
		json_object_object_add(j, "bytes",
				       json_object_new_int64((int64_t)p->len));
		json_object_object_add(root, "photo", j);
	} else {
		printf(_("%s %s (%zu bytes)\n"), _("Photo:         "), path,
		       p->len);
	}
out:
	sscard_free(p->jpeg);
	p->jpeg = NULL;
	return rv;
}

/*
 * A part the card does not have (ANSWER: no balance, no bank application)
 * is an answer, not a failure: {"error"} with that code in JSON and exit
 * 0, or a LABEL line saying TEXT.
 */
static int report_missing(sscard *card, json_object *root, const char *key,
			  const char *label, int rv, const char *text,
			  int answer)
{
	if (root != NULL)
		json_object_object_add(root, key, out_failed(rv,
			sscard_last_sw(card), NULL));
	else
		printf("%s %s\n", info_label(label), text);
	return rv == answer ? 0 : rv;
}

int do_medical(sscard *card, json_object *root)
{
	struct sscard_medical m;
	char yuan[32];
	int rv = sscard_medical_read(card, &m);

	if (rv < 0)
		return report_missing(
			card, root, "medical", "balance", rv,
			rv == SSCARD_E_NO_DATA	      ? info_label("no_balance")
			: rv == SSCARD_E_PIN_REQUIRED ? info_label("pin_first")
						      : info_error(rv),
			SSCARD_E_NO_DATA);
	if (root != NULL) {
		json_object_object_add(root, "medical", out_medical(&m));
		return 0;
	}
	sscard_format_yuan(m.balance_fen, yuan, sizeof(yuan));
	printf("%s %s%s%s%s%s\n", info_label("balance"), yuan,
	       _(" yuan"), m.category[0] ? " (" : "",
	       m.category, m.category[0] ? ")" : "");
	if (m.updated[0] != '\0')
		printf("%s %s\n", info_label("updated"), m.updated);
	return 0;
}

int do_bank(sscard *card, const struct opts *o, json_object *root)
{
	struct sscard_bank b;
	char yuan[32];
	int rv = sscard_read_bank(card, o->full_pan ? SSCARD_BANK_FULL_PAN : 0,
				  &b);

	if (rv < 0)
		return report_missing(card, root, "bank", "bank", rv,
				      rv == SSCARD_E_NO_APP
					      ? info_label("no_bank")
					      : info_error(rv),
				      SSCARD_E_NO_APP);
	if (root != NULL) {
		json_object_object_add(root, "bank", out_bank(&b));
		sscard_cleanse(&b, sizeof(b));
		return 0;
	}
	printf("%s %s (%s)\n", info_label("bank"), b.label, b.aid);
	printf("%s %s\n", info_label("pan"), b.pan);
	printf("%s %s\n", info_label("bank_expires"), b.expires);
	if (b.ec_balance_fen >= 0) {
		sscard_format_yuan(b.ec_balance_fen, yuan, sizeof(yuan));
		printf("%s %s%s\n", info_label("ec_balance"), yuan,
		       _(" yuan"));
	}
	if (b.pin_tries_left >= 0)
		printf("%s %d\n", info_label("bank_pin"), b.pin_tries_left);
	sscard_cleanse(&b, sizeof(b));
	return 0;
}

/* PINs from the terminal or standard input; SSCARD_E_PIN_FORMAT when a
 * line is not a PIN or the new ones differ. */
static int read_pins(const struct opts *o, char *pin, char *new_pin,
		     char *again)
{
	if (pin_read(o->change_pin ? _("Current PIN: ") : _("PIN: "),
		     o->pin_stdin, pin, PIN_BUF) < 0)
		return SSCARD_E_PIN_FORMAT;
	if (!o->change_pin)
		return 0;
	if (pin_read(_("New PIN: "), o->pin_stdin, new_pin, PIN_BUF) < 0 ||
	    (!o->pin_stdin &&
	     pin_read(_("New PIN again: "), 0, again, PIN_BUF) < 0))
		return SSCARD_E_PIN_FORMAT;
	if (!o->pin_stdin && strcmp(new_pin, again) != 0) {
		fprintf(stderr, _("sscard-info: the new PINs differ\n"));
		return SSCARD_E_PIN_FORMAT;
	}
	return 0;
}

/* One message for each refusal. */
static void pin_message(int rv)
{
	if (rv == SSCARD_E_PIN_LAST_TRY)
		fprintf(stderr, _("sscard-info: only one PIN try is left; a wrong "
				"PIN now locks the card. Run again with "
				"--last-try to go ahead.\n"));
	else if (rv == SSCARD_E_PIN_TRIES_UNKNOWN)
		fprintf(stderr, _("sscard-info: this card does not tell how many "
				"PIN tries are left; a wrong PIN may lock it. "
				"Run again with --last-try to go ahead.\n"));
	else if (rv < 0)
		fprintf(stderr, _("sscard-info: %s\n"), info_error(rv));
}

int do_pin(sscard *card, const struct opts *o, json_object *root)
{
	char pin[PIN_BUF], new_pin[PIN_BUF], again[PIN_BUF];
	struct sscard_pin_info info = { .state = SSCARD_PIN_UNKNOWN,
					.tries_left = -1 };
	unsigned flags = o->last_try ? SSCARD_PIN_CONFIRM_LAST_TRY : 0;
	int rv = 0, tries = -1, shown;

	pin[0] = new_pin[0] = again[0] = '\0';
	if (o->verify_pin || o->change_pin)
		rv = read_pins(o, pin, new_pin, again);
	if (rv == 0 && o->change_pin)
		rv = sscard_pin_change(card, pin, new_pin, flags, &tries);
	else if (rv == 0 && o->verify_pin)
		rv = sscard_pin_verify(card, pin, flags, &tries);
	else if (rv == 0)
		rv = sscard_pin_status(card, &info);
	if (o->verify_pin || o->change_pin) {
		/* the answer says it all: no extra APDU for the status */
		if (rv == 0)
			info.state = SSCARD_PIN_VERIFIED;
		else if (rv == SSCARD_E_PIN_LOCKED)
			info.state = SSCARD_PIN_LOCKED;
		else if (rv == SSCARD_E_PIN_WRONG ||
			 rv == SSCARD_E_PIN_LAST_TRY)
			info.state = SSCARD_PIN_OK;
		info.tries_left = tries;
	}
	/* what the card said about its PIN, with the refusal if any */
	shown = rv == 0 || rv == SSCARD_E_PIN_WRONG ||
		rv == SSCARD_E_PIN_LOCKED || rv == SSCARD_E_PIN_LAST_TRY ||
		rv == SSCARD_E_PIN_TRIES_UNKNOWN;
	if (root != NULL) {
		json_object *p =
			shown ? out_pin(&info) : json_object_new_object();
		unsigned sw = rv == SSCARD_E_PIN_FORMAT ? 0
						      : sscard_last_sw(card);

		if (rv < 0)
			json_object_object_add(p, "error",
					       out_error(rv, sw, NULL));
		json_object_object_add(root, "pin", p);
	} else {
		if (shown)
			show_pin(stdout, &info);
		pin_message(rv);
	}
	pin_wipe(pin, sizeof(pin));
	pin_wipe(new_pin, sizeof(new_pin));
	pin_wipe(again, sizeof(again));
	return rv;
}

int do_auth(sscard *card, json_object *root)
{
	struct sscard_auth auth;
	int rv = sscard_authenticate(card, &auth);

	if (rv < 0 && rv != SSCARD_E_NOT_GENUINE) {
		part_error(card, root, "auth", rv);
		return rv;
	}
	if (root != NULL)
		json_object_object_add(root, "auth", out_auth(&auth));
	else
		printf("%s %s\n", info_label("auth"),
		       info_label(auth.genuine ? "genuine" : "not_genuine"));
	return rv;
}

/*
 * The service counter: the card just read (its name and number are on
 * the screen) must be the one the clerk named; the new PIN is asked twice
 * without echo, or read from standard input.
 */
int do_counter(sscard *card, const struct opts *o,
	       const struct sscard_basic *b, json_object *root)
{
	char pin[PIN_BUF], again[PIN_BUF];
	int rv = 0, tries = -1;

	pin[0] = again[0] = '\0';
	if (o->card_number != NULL && strcmp(o->card_number, b->number) != 0)
		rv = SSCARD_E_CARD_MISMATCH;
	if (rv == 0 && o->reload_pin) {
		int typed = pin_read(_("New PIN: "), o->pin_stdin, pin,
				     sizeof(pin));

		if (typed == 0 && !o->pin_stdin)
			typed = pin_read(_("New PIN again: "), 0, again,
					 sizeof(again));
		if (typed < 0)
			rv = SSCARD_E_PIN_FORMAT;
		else if (!o->pin_stdin && strcmp(pin, again) != 0)
			rv = SSCARD_E_PIN_FORMAT;
	}
	if (rv == 0 && o->reload_pin)
		rv = sscard_pin_reload(card, b->id_code, b->number, pin,
				       o->initial_pin ? SSCARD_PIN_INITIAL : 0,
				       &tries);
	else if (rv == 0)
		rv = sscard_pin_unblock(card, b->id_code, b->number, &tries);
	pin_wipe(pin, sizeof(pin));
	pin_wipe(again, sizeof(again));
	if (rv < 0) {
		part_error(card, root, "counter", rv);
		return rv;
	}
	if (root != NULL) {
		json_object *j = json_object_new_object();

		json_object_object_add(j, "done", json_object_new_string(
			o->reload_pin ? "reload" : "unblock"));
		json_object_object_add(j, "tries_left", tries >= 0
			? json_object_new_int(tries) : NULL);
		json_object_object_add(root, "counter", j);
	} else {
		printf("%s %s %s (%s): %s %d\n", info_label("counter"),
		       info_label(o->reload_pin ? "reloaded" : "unblocked"),
		       b->name[0] ? b->name : "-", b->number,
		       info_label("tries"), tries);
	}
	return 0;
}
