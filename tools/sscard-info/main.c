/*
 * sscard-info: what a social security card, a reader and the PC/SC stack
 * are doing, in one command.  Uses only the public header.  This file:
 * exit codes and errors, the reader list, connecting, and the order of a
 * card read; opts.c the command line, parts.c the parts of a read, raw.c
 * --apdu, show.c the human output, watch.c, doctor.c; the JSON writers are
 * shared with the other programs (app/output.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cardfate.h"
#include "info.h"
#include "psam.h"

/* -r named a reader that is not there: say which ones are. */
static int name_readers(const struct opts *o)
{
	struct sscard_reader readers[16];
	sscard_ctx *ctx = NULL;
	size_t count = 0, i;

	if ((o->reader == NULL && o->reader_index < 0) ||
	    sscard_ctx_new(&ctx) < 0)
		return 0;
	if (sscard_list_readers(ctx, readers, 16, &count) < 0 || count == 0) {
		sscard_ctx_free(ctx);
		return 0;
	}
	fprintf(stderr, _("  The readers here are:\n"));
	for (i = 0; i < count && i < 16; i++)
		fprintf(stderr, "    %zu: %s\n", i, readers[i].name);
	sscard_ctx_free(ctx);
	return 1;
}

/* pcsc-lite built with polkit installs its action file; Debian 12's is
 * built without */
#define PCSCD_POLKIT_ACTIONS \
	"/usr/share/polkit-1/actions/org.debian.pcsc-lite.policy"

static void hint(const struct opts *o, int err)
{
	if (err == SSCARD_E_NO_SERVICE) {
		fprintf(stderr,
			_("  pcscd is not running or not reachable: start it "
			  "(systemctl start pcscd.socket, or pcscd -f as "
			  "root).\n"));
		if (access(PCSCD_POLKIT_ACTIONS, F_OK) == 0)
			fprintf(stderr,
				_("  pcscd asks polkit: a service account "
				  "needs the group sscard and %s.\n"),
				SSCARD_POLKIT_RULE);
	} else if (err == SSCARD_E_NO_READER && name_readers(o)) {
		return;
	} else if (err == SSCARD_E_NO_READER) {
		fprintf(stderr, _("  No PC/SC reader: is it plugged in and a "
				  "CCID reader? Try: sscard-info --list\n"));
	} else if (err == SSCARD_E_NO_CARD && o->wait != 0) {
		fprintf(stderr,
			_("  Insert the card (chip first, face up).\n"));
	} else if (err == SSCARD_E_NO_CARD) {
		fprintf(stderr, _("  Insert the card (chip first, face up), or "
				"use --wait.\n"));
	} else if (err == SSCARD_E_CARD_MUTE) {
		fprintf(stderr, _("  The card is in the reader but silent: "
				  "sscard-info --doctor tells whether the "
				  "reader works.\n"));
	}
}

int fail_field(const struct opts *o, const char *reader, int err,
		      unsigned sw, const char *field)
{
	if (o->json) {
		json_object *root = out_error_doc(reader, err, sw, field, NULL);

		out_print(stdout, root);
		json_object_put(root);
	} else {
		if (err == SSCARD_E_NO_READER && o->reader_index >= 0)
			fprintf(stderr, _("sscard-info: no reader %ld\n"),
				o->reader_index);
		else if (err == SSCARD_E_NO_READER && o->reader != NULL)
			fprintf(stderr, _("sscard-info: no reader '%s'\n"),
				o->reader);
		else if (sw != 0 && sw != 0x9000)
			fprintf(stderr, _("sscard-info: %s (SW %04X)\n"),
				info_error(err), sw);
		else if (field != NULL && field[0] != '\0')
			fprintf(stderr, _("sscard-info: %s (%s)\n"),
				info_error(err), field);
		else
			fprintf(stderr, _("sscard-info: %s\n"),
				info_error(err));
		hint(o, err);
	}
	return info_exit_code(err);
}

int fail(const struct opts *o, const char *reader, int err,
		unsigned sw)
{
	return fail_field(o, reader, err, sw, NULL);
}

/* --timing: timestamps taken from the APDU trace callback. */
struct timing {
	struct timespec sent;
	int trace;
};

static struct timing timing;

static double ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

static void timing_log(int level, const char *msg, void *user)
{
	(void)user;
	if (level == SSCARD_LOG_APDU && msg[0] == '>') {
		clock_gettime(CLOCK_MONOTONIC, &timing.sent);
		fprintf(stderr, "%s\n", msg);
	} else if (level == SSCARD_LOG_APDU && msg[0] == '<') {
		fprintf(stderr, _("%s  [%.3f ms]\n"), msg,
			ms_since(&timing.sent));
	} else if (timing.trace) {
		fprintf(stderr, _("sscard: %s\n"), msg);
	}
}

static int list_readers(sscard_ctx *ctx, const struct opts *o)
{
	struct sscard_reader readers[READERS_MAX];
	size_t n;
	int rv = sscard_list_readers(ctx, readers, READERS_MAX, &n);

	if (rv < 0)
		return fail(o, NULL, rv, 0);
	if (n > READERS_MAX)
		n = READERS_MAX;
	if (o->json) {
		json_object *root = out_root();

		json_object_object_add(root, "readers",
				       out_readers(readers, n));
		out_print(stdout, root);
		json_object_put(root);
	} else if (n == 0) {
		printf(_("no readers\n"));
	} else {
		show_readers(stdout, readers, n);
	}
	return 0;
}

static int connect_card(sscard_ctx *ctx, const struct opts *o, sscard **card)
{
	if (o->reader == NULL)
		return sscard_connect(ctx, NULL, card);
	if (o->reader_index >= 0)
		return sscard_connect_index(ctx, (unsigned)o->reader_index,
					    card);
	return sscard_connect(ctx, o->reader, card);
}

/* --wait: poll the readers until the chosen one (or any) holds a card. */
static int wait_and_connect(sscard_ctx *ctx, const struct opts *o,
			    sscard **card)
{
	const struct timespec step = { 0, 100 * 1000 * 1000 };
	long waited_ms = 0;
	int rv;

	for (;;) {
		rv = connect_card(ctx, o, card);
		if (!card_absent(rv))
			return rv;
		if (o->wait == 0 ||
		    (o->wait > 0 && waited_ms >= (long)o->wait * 1000))
			return rv;
		nanosleep(&step, NULL);
		waited_ms += 100;
	}
}

int info_keys(sscard_ctx *ctx, const struct opts *o, const char *card_reader,
	      sscard_keys **keys)
{
	char err[512];
	int rv;

	*keys = NULL;
	if (o->keys != NULL) {
		rv = sscard_keys_from_file(ctx, o->keys, err, sizeof(err),
					   keys);
		if (rv < 0)
			return fail_field(o, NULL, rv, 0, err[0] ? err : NULL);
		return 0;
	}
	if (o->hsm != NULL)
		return sscard_keys_from_hsm(ctx, info_hsm, (void *)o->hsm,
					    keys);
	if (o->no_psam)
		return 0;
	if (o->psam != NULL && o->psam[0] != '\0') {
		rv = sscard_keys_from_psam(ctx, o->psam, keys);
		return rv < 0 ? fail(o, o->psam, rv, 0) : 0;
	}
	/* as on a ministry terminal, a PSAM in any other slot is used */
	rv = psam_find(ctx, card_reader, keys);
	if (rv == SSCARD_E_NO_PSAM && o->psam == NULL)
		return 0;
	return rv < 0 ? fail(o, NULL, rv, 0) : 0;
}

/* No reader holds a social security card: say what each one holds. */
static void what_readers_hold(sscard_ctx *ctx)
{
	struct sscard_reader readers[READERS_MAX];
	sscard_keys *keys;
	size_t n, i, k;

	if (sscard_list_readers(ctx, readers, READERS_MAX, &n) < 0)
		return;
	for (i = 0; i < n && i < READERS_MAX; i++) {
		fprintf(stderr, _("  reader %zu '%s': "), i, readers[i].name);
		if (readers[i].state != SSCARD_READER_CARD) {
			fprintf(stderr, "%s\n", info_label(readers[i].state ==
				SSCARD_READER_EMPTY ? "empty" : "unknown"));
			continue;
		}
		if (sscard_keys_from_psam(ctx, readers[i].name, &keys) == 0) {
			fprintf(stderr, _("a PSAM (terminal %s)\n"),
				sscard_keys_terminal(keys));
			sscard_keys_free(keys);
			continue;
		}
		fprintf(stderr, _("another card, ATR "));
		for (k = 0; k < readers[i].atr_len; k++)
			fprintf(stderr, "%02X", readers[i].atr[k]);
		fprintf(stderr, "\n");
	}
}

static void first_error(int *code, int rv)
{
	if (rv < 0 && *code == EXIT_OK)
		*code = info_exit_code(rv);
}

static void start_trace(const struct opts *o)
{
	int level = o->trace == 2 ? SSCARD_LOG_APDU_FULL : SSCARD_LOG_APDU;

	if (o->trace == 2)
		fprintf(stderr,
			_("sscard-info: --trace-full: this trace shows the "
			  "holder's name, ID number, bank card number and "
			  "track 2 in full; PINs stay hidden\n"));
	if (o->timing) {
		timing.trace = o->trace;
		sscard_set_log(NULL, level, timing_log, NULL);
	} else if (o->trace) {
		sscard_set_log(NULL, level, NULL, NULL);
	}
}

/* A context with the region profile asked for; an exit code when not. */
static int open_ctx(const struct opts *o, sscard_ctx **ctx)
{
	char err[256];
	int rv;

	rv = sscard_ctx_new(ctx);
	if (rv < 0)
		return fail(o, NULL, rv, 0);
	if (o->profile == NULL)
		return EXIT_OK;
	rv = sscard_set_profile(*ctx, o->profile, err, sizeof(err));
	if (rv == 0)
		return EXIT_OK;
	/* one message: the JSON error, or the line on stderr */
	if (o->json)
		fail_field(o, NULL, rv, 0, err);
	else
		fprintf(stderr, _("sscard-info: %s\n"),
			err[0] ? err : info_error(rv));
	return EXIT_USAGE;
}

/* --atr: the reader and the card's ATR, nothing sent. */
static int atr_mode(sscard *card, const struct opts *o)
{
	unsigned char atr[33];
	size_t len = sizeof(atr);
	json_object *root;
	json_object *reader_name;

	sscard_atr(card, atr, &len);
	if (!o->json) {
		show_atr(stdout, atr, len);
		return EXIT_OK;
	}
	root = out_root();
	reader_name = out_utf8(sscard_reader_name(card));
	json_object_object_add(root, "reader", reader_name);
	json_object_object_add(root, "atr", out_hex(atr, len));
	out_print(stdout, root);
	json_object_put(root);
	return EXIT_OK;
}

static void print_timing(sscard *card)
{
	struct sscard_stats st;

	sscard_get_stats(card, &st);
	fprintf(stderr, _("total: %lu APDUs, %lu bytes out, %lu bytes in, "
		"%.3f ms in transmit\n"), st.apdus, st.bytes_out,
		st.bytes_in, (double)st.usec / 1000.0);
}

/* --stats: what the library counted for this read */
static void add_stats(sscard *card, const sscard_keys *keys, json_object *root)
{
	struct sscard_stats on_card, on_psam;

	sscard_get_stats(card, &on_card);
	memset(&on_psam, 0, sizeof(on_psam));
	if (keys != NULL)
		sscard_keys_get_stats(keys, &on_psam);
	if (root != NULL)
		json_object_object_add(root, "stats",
				       out_stats(&on_card, &on_psam));
	else
		show_stats(stdout, &on_card, &on_psam);
}

/* The default mode: the basic information, then each part asked for. */
static int read_mode(sscard_ctx *ctx, sscard *card, const sscard_keys *keys,
		     const struct opts *o)
{
	struct sscard_basic basic;
	struct photo_read photo = { 0, 0, NULL, 0 };
	json_object *root = NULL;
	int rv, pin_rv = 0, code;

	/* the photo first: the key that opens it (real cards guard EF08)
	 * opens the holder file too, which many 3.0 cards guard, so that no
	 * command meets a refusal; it is shown in its place below */
	if (o->photo != NULL)
		read_photo(card, &photo);
	rv = sscard_read_basic(card, &basic);
	if (rv < 0 && basic.holder_status == 0) {
		sscard_free(photo.jpeg);
		code = fail_field(o, sscard_reader_name(card), rv,
				  sscard_last_sw(card), basic.error_field);
		if (rv == SSCARD_E_NOT_SSCARD && o->reader == NULL && !o->json)
			what_readers_hold(ctx);
		return code;
	}
	if (basic.holder_status == SSCARD_E_NO_KEY &&
	    basic.algorithm == SSCARD_ALG_SSF33 && !o->json)
		fprintf(stderr, _("sscard-info: this card's keys are SSF33, an "
				"unpublished algorithm: only a PSAM or an HSM "
				"can serve it, not a key file\n"));
	/* the holder part missing: the card part is printed, and the exit
	 * code says what is missing (11: authentication, 8: card data).  Each
	 * part reports its own error; the exit code is the first one. */
	code = info_exit_code(rv);
	info_key_hint(card, basic.holder_status, o);
	if (o->json) {
		root = out_root();
		out_basic(root, sscard_reader_name(card), &basic);
	} else {
		show_basic(stdout, sscard_reader_name(card), &basic);
	}
	if (o->photo != NULL)
		first_error(&code, save_photo(&photo, o->photo, root));
	if (o->pin_status || o->verify_pin || o->change_pin)
		pin_rv = do_pin(card, o, root);
	first_error(&code, pin_rv);
	/* after a PIN that failed, what it guards is not asked for */
	if (o->medical && pin_rv == 0)
		first_error(&code, do_medical(card, root));
	if (o->bank && pin_rv == 0)
		first_error(&code, do_bank(card, o, root));
	if (o->auth)
		first_error(&code, do_auth(card, root));
	if (o->unblock_pin || o->reload_pin)
		first_error(&code, do_counter(card, o, &basic, root));
	if (o->stats)
		add_stats(card, keys, root);
	if (root != NULL)
		out_print(stdout, root);
	json_object_put(root);
	if (o->timing)
		print_timing(card);
	return code;
}

/* The modes that work on one card: connect, the key source, the mode. */
static int card_mode(sscard_ctx *ctx, const struct opts *o)
{
	sscard_keys *keys = NULL;
	sscard *card = NULL;
	int rv, code;

	rv = wait_and_connect(ctx, o, &card);
	if (rv < 0)
		return fail(o, NULL, rv, 0);
	if (o->atr_only) {
		code = atr_mode(card, o);
		goto out;
	}
	if (o->napdu > 0) {
		code = info_exit_code(send_apdus(card, o));
		goto out;
	}
	rv = info_keys(ctx, o, sscard_reader_name(card), &keys);
	if (rv != 0) {
		code = rv > 0 ? rv : fail(o, NULL, rv, 0);   /* > 0: reported */
		goto out;
	}
	info_key_options(keys, o);
	sscard_use_keys(card, keys);
	code = read_mode(ctx, card, keys, o);
out:
	sscard_use_keys(card, NULL);
	sscard_disconnect(card);
	sscard_keys_free(keys);
	return code;
}

int main(int argc, char **argv)
{
	sscard_ctx *ctx = NULL;
	struct opts o;
	int rv, code;

	info_locale(argv[0]);
	if (parse_args(argc, argv, &o) < 0 || check_apdus(&o) < 0)
		return EXIT_USAGE;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (o.dcrf32_path)
		return dcrf32_path();
	if (o.check_lib != NULL)
		return check_lib(o.check_lib);
	start_trace(&o);
	rv = info_key_state(&o);
	if (rv < 0)
		return fail_field(&o, NULL, rv, 0, o.key_state);
	code = open_ctx(&o, &ctx);
	if (code != EXIT_OK)
		goto out;
	if (o.doctor)
		code = doctor(ctx, o.json);
	else if (o.watch)
		code = watch(ctx, o.json);
	else if (o.list)
		code = list_readers(ctx, &o);
	else
		code = card_mode(ctx, &o);
out:
	sscard_ctx_free(ctx);
	return code;
}
