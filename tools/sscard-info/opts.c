/*
 * sscard-info's command line: the options, their checks, --help.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "info.h"
#include "pinread.h"

enum {
	OPT_ATR = 256, OPT_TIMING, OPT_TRACE, OPT_PHOTO, OPT_PIN_STATUS,
	OPT_VERIFY_PIN, OPT_CHANGE_PIN, OPT_PIN_STDIN, OPT_LAST_TRY, OPT_APDU,
	OPT_MEDICAL, OPT_PROFILE, OPT_BANK, OPT_FULL_PAN, OPT_DOCTOR, OPT_WATCH,
	OPT_TRACE_FULL, OPT_PSAM, OPT_NO_PSAM, OPT_KEYS, OPT_HSM, OPT_AUTH,
	OPT_UNBLOCK, OPT_RELOAD, OPT_INITIAL, OPT_CARD_NUMBER, OPT_KEY_LAST_TRY,
	OPT_RETRY_KEY, OPT_KEY_STATE, OPT_STATS, OPT_CHECK_LIB, OPT_DCRF32_PATH
};

static void usage(FILE *out)
{
	fprintf(out,
_("usage: sscard-info [OPTIONS]\n"
"Read a China social security card through PC/SC and print what it holds.\n"
"\n"
"  -l, --list             list readers and their card state\n"
"      --doctor           diagnose pcscd, readers, USB devices and the card\n"
"      --watch            report every card insertion (with its data) and\n"
"                         removal until interrupted; one JSON line each\n"
"                         with --json\n"
"  -r, --reader NAME|N    use this reader (name or index from --list)\n"
"  -w, --wait[=SECONDS]   wait for a card to be inserted (default: forever)\n"
"  -j, --json             one JSON object on standard output\n"
"      --atr              print the card's ATR only\n"
"      --apdu HEX         send a command APDU (repeatable) and print the\n"
"                         answer; 61xx / 6Cxx are resolved (PIN commands\n"
"                         are refused: use --verify-pin)\n"
"      --photo FILE       also save the holder photo (JPEG) to FILE\n"
"      --medical          the medical-account balance on the card (most\n"
"                         cards want the PIN first: add --verify-pin)\n"
"      --profile NAME|FILE  region profile for --medical (default: built in)\n"
"      --bank             the financial (UnionPay) application: card number\n"
"                         (masked), expiry, e-cash balance, bank PIN tries\n"
"      --full-pan         show the bank card number unmasked\n"
"      --psam[=READER]    terminal authentication with the PSAM in READER\n"
"                         (default: a PSAM found in any reader is used)\n"
"      --no-psam          do not look for a PSAM\n"
"      --keys FILE        terminal keys from a key file (labs, test cards)\n"
"      --hsm CMD          terminal authentication through an HSM: CMD gets\n"
"                         the request on stdin, the key in SSCARD_HSM_KEY\n"
"      --auth             is the card genuine? (INTERNAL AUTHENTICATE)\n"
"      --key-last-try     allow spending the last try of the card's terminal\n"
"                         key (a wrong key locks it for good)\n"
"      --retry-key        try again a key source this card refused before\n"
"                         (after fixing the key file or the PSAM)\n"
"      --key-state FILE   where refused keys are remembered between runs\n"
"                         (default the host's store, /var/lib/libsscard;\n"
"                         \"none\": this run only)\n"
"      --pin-status       PIN tries left, without spending one\n"
"      --verify-pin       verify the PIN (asked without echo)\n"
"      --change-pin       change the PIN (old, new, new again)\n"
"      --pin-stdin        read PINs from standard input, one per line\n"
"                         (alone: means --verify-pin)\n"
"      --last-try         allow spending the last PIN try\n"
"  service counter (with a PSAM or --keys):\n"
"      --unblock-pin      reset the PIN counter of a locked card\n"
"      --reload-pin       set a new PIN (asked twice, or --pin-stdin)\n"
"      --initial-pin      the holder asked for the initial PIN 123456\n"
"      --card-number N    refuse any card but this one\n"
"      --timing           per-APDU and total times on standard error\n"
"      --stats            the library's counters for this read (APDUs to the\n"
"                         card and the PSAM, answers from memory, mute\n"
"                         exchanges, PIN operations stopped before sending)\n"
"      --trace            APDU trace on standard error (PINs hidden; names,\n"
"                         ID and card numbers masked)\n"
"      --trace-full       the same with names, ID numbers, bank card number\n"
"                         and track 2 in full (PINs still hidden)\n"
"  programs written for Decard readers:\n"
"      --check-lib FILE   the dc_* and ministry names FILE needs that our\n"
"                         libdcrf32.so and libSSCardDriver.so lack\n"
"      --dcrf32-path      the folder of our libdcrf32.so\n"
"  -V, --version          library and API version\n"
"  -h, --help             this text\n"
"\n"
"Exit status:\n"
"  0 success                     6 not a social security card\n"
"  1 other failure               7 card application blocked (loss report)\n"
"  2 usage error                 8 malformed card data\n"
"  3 PC/SC service unavailable   9 card removed or not answering\n"
"  4 no reader                  10 PIN wrong, locked or required\n"
"  5 no card                    11 terminal authentication required or\n"
"                                   refused (no PSAM, wrong or locked key)\n"
"                                12 the card is not genuine (--auth)\n"
"                                13 not the card --card-number named\n"));
}

/* -r: all digits is an index (in range), anything else a reader name. */
static int parse_index(const char *arg, long *index)
{
	unsigned long v;
	char *end;

	*index = -1;
	if (arg[0] < '0' || arg[0] > '9')
		return 0;
	errno = 0;
	v = strtoul(arg, &end, 10);
	if (*end != '\0')
		return 0;               /* a name that starts with a digit */
	if (errno == ERANGE || v > 255) {
		fprintf(stderr, _("sscard-info: reader index '%s' out of range "
				"(0..255)\n"), arg);
		return -1;
	}
	*index = (long)v;
	return 0;
}

/* One line for a bad option: the option as typed, and where help is. */
static void bad_option(char **argv, const char *what)
{
	if (optopt > 0 && optopt < 128 && isalpha(optopt))
		fprintf(stderr, _("sscard-info: -%c %s; try --help\n"), optopt,
			what);
	else
		fprintf(stderr, _("sscard-info: %s %s; try --help\n"),
			argv[optind - 1], what);
}

static const struct option longopts[] = {
	{ "list", no_argument, NULL, 'l' },
	{ "reader", required_argument, NULL, 'r' },
	{ "wait", optional_argument, NULL, 'w' },
	{ "json", no_argument, NULL, 'j' },
	{ "atr", no_argument, NULL, OPT_ATR },
	{ "photo", required_argument, NULL, OPT_PHOTO },
	{ "pin-status", no_argument, NULL, OPT_PIN_STATUS },
	{ "verify-pin", no_argument, NULL, OPT_VERIFY_PIN },
	{ "change-pin", no_argument, NULL, OPT_CHANGE_PIN },
	{ "pin-stdin", no_argument, NULL, OPT_PIN_STDIN },
	{ "last-try", no_argument, NULL, OPT_LAST_TRY },
	{ "apdu", required_argument, NULL, OPT_APDU },
	{ "medical", no_argument, NULL, OPT_MEDICAL },
	{ "bank", no_argument, NULL, OPT_BANK },
	{ "doctor", no_argument, NULL, OPT_DOCTOR },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "full-pan", no_argument, NULL, OPT_FULL_PAN },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "timing", no_argument, NULL, OPT_TIMING },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "trace", no_argument, NULL, OPT_TRACE },
	{ "trace-full", no_argument, NULL, OPT_TRACE_FULL },
	{ "psam", optional_argument, NULL, OPT_PSAM },
	{ "no-psam", no_argument, NULL, OPT_NO_PSAM },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "hsm", required_argument, NULL, OPT_HSM },
	{ "auth", no_argument, NULL, OPT_AUTH },
	{ "unblock-pin", no_argument, NULL, OPT_UNBLOCK },
	{ "reload-pin", no_argument, NULL, OPT_RELOAD },
	{ "initial-pin", no_argument, NULL, OPT_INITIAL },
	{ "card-number", required_argument, NULL, OPT_CARD_NUMBER },
	{ "key-last-try", no_argument, NULL, OPT_KEY_LAST_TRY },
	{ "retry-key", no_argument, NULL, OPT_RETRY_KEY },
	{ "key-state", required_argument, NULL, OPT_KEY_STATE },
	{ "check-lib", required_argument, NULL, OPT_CHECK_LIB },
	{ "dcrf32-path", no_argument, NULL, OPT_DCRF32_PATH },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

#define OFF(field) offsetof(struct opts, field)

/* The options that only set a field: an int to a value, or a string to
 * the option's argument. */
static const struct {
	int opt;
	size_t offset;
	int value;
} int_options[] = {
	{ 'l', OFF(list), 1 }, { 'j', OFF(json), 1 },
	{ OPT_ATR, OFF(atr_only), 1 },
	{ OPT_PIN_STATUS, OFF(pin_status), 1 },
	{ OPT_VERIFY_PIN, OFF(verify_pin), 1 },
	{ OPT_CHANGE_PIN, OFF(change_pin), 1 },
	{ OPT_PIN_STDIN, OFF(pin_stdin), 1 },
	{ OPT_LAST_TRY, OFF(last_try), 1 },
	{ OPT_KEY_LAST_TRY, OFF(key_last_try), 1 },
	{ OPT_RETRY_KEY, OFF(retry_key), 1 }, { OPT_MEDICAL, OFF(medical), 1 },
	{ OPT_BANK, OFF(bank), 1 }, { OPT_DOCTOR, OFF(doctor), 1 },
	{ OPT_WATCH, OFF(watch), 1 }, { OPT_FULL_PAN, OFF(full_pan), 1 },
	{ OPT_TIMING, OFF(timing), 1 }, { OPT_TRACE, OFF(trace), 1 },
	{ OPT_STATS, OFF(stats), 1 },
	{ OPT_TRACE_FULL, OFF(trace), 2 }, { OPT_NO_PSAM, OFF(no_psam), 1 },
	{ OPT_AUTH, OFF(auth), 1 }, { OPT_UNBLOCK, OFF(unblock_pin), 1 },
	{ OPT_RELOAD, OFF(reload_pin), 1 },
	{ OPT_INITIAL, OFF(initial_pin), 1 },
	{ OPT_DCRF32_PATH, OFF(dcrf32_path), 1 },
};

static const struct {
	int opt;
	size_t offset;
} string_options[] = {
	{ OPT_PHOTO, OFF(photo) }, { OPT_KEY_STATE, OFF(key_state) },
	{ OPT_PROFILE, OFF(profile) }, { OPT_KEYS, OFF(keys) },
	{ OPT_HSM, OFF(hsm) }, { OPT_CARD_NUMBER, OFF(card_number) },
	{ OPT_CHECK_LIB, OFF(check_lib) },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* 1 when c only sets a field (now set), else 0. */
static int set_field(int c, struct opts *o)
{
	char *base = (char *)o;
	size_t i;

	for (i = 0; i < COUNT(int_options); i++) {
		if (int_options[i].opt == c) {
			memcpy(base + int_options[i].offset,
			       &int_options[i].value, sizeof(int));
			return 1;
		}
	}
	for (i = 0; i < COUNT(string_options); i++) {
		if (string_options[i].opt == c) {
			memcpy(base + string_options[i].offset, &optarg,
			       sizeof(optarg));
			return 1;
		}
	}
	return 0;
}

static int parse_wait(const char *arg, struct opts *o)
{
	char *end;
	long s;

	o->wait = -1;
	if (arg == NULL)
		return 0;
	s = strtol(arg, &end, 10);
	if (*end != '\0' || s < 0 || s > 86400) {
		fprintf(stderr, _("sscard-info: bad --wait value '%s'\n"), arg);
		return -1;
	}
	o->wait = (int)s;
	return 0;
}

/* One option that does more than set a field: 0, or -1 reported. */
static int other_option(int c, char **argv, struct opts *o)
{
	switch (c) {
	case 'r':
		o->reader = optarg;
		return parse_index(optarg, &o->reader_index);
	case 'w':
		return parse_wait(optarg, o);
	case OPT_APDU:
		if (o->napdu >= APDUS_MAX) {
			fprintf(stderr, _("sscard-info: at most %d --apdu\n"),
				APDUS_MAX);
			return -1;
		}
		o->apdu[o->napdu++] = optarg;
		return 0;
	case OPT_PSAM:
		o->psam = optarg != NULL ? optarg : "";
		return 0;
	case 'V':
		printf(_("sscard-info %s (API %d)\n"), sscard_version(),
		       SSCARD_API_VERSION);
		exit(0);
	case 'h':
		usage(stdout);
		exit(0);
	case ':':
		bad_option(argv, _("needs a value"));
		return -1;
	default:
		bad_option(argv, _("is not an option"));
		return -1;
	}
}

/* The options' rules among themselves, once all are read. */
static int check_options(struct opts *o)
{
	if ((o->check_lib != NULL || o->dcrf32_path) && o->json) {
		fprintf(stderr, _("sscard-info: --check-lib and --dcrf32-path "
				"print text, not JSON\n"));
		return -1;
	}
	if ((o->keys != NULL) + (o->hsm != NULL) +
	    (o->psam != NULL || o->no_psam) > 1) {
		fprintf(stderr, _("sscard-info: one key source: --psam, --keys "
				"or --hsm (--no-psam: none)\n"));
		return -1;
	}
	if ((o->unblock_pin || o->reload_pin) &&
	    (o->unblock_pin + o->reload_pin + o->verify_pin + o->change_pin +
	     o->pin_status) > 1) {
		fprintf(stderr, _("sscard-info: --unblock-pin or --reload-pin, "
				"alone among the PIN options\n"));
		return -1;
	}
	if (o->verify_pin && o->change_pin) {
		fprintf(stderr, _("sscard-info: --verify-pin and --change-pin "
				"exclude each other\n"));
		return -1;
	}
	/* a PIN on standard input, with no other PIN option, is one to verify
	 */
	if (o->pin_stdin && !o->change_pin && !o->pin_status &&
	    !o->reload_pin && !o->unblock_pin)
		o->verify_pin = 1;
	if ((o->verify_pin || o->change_pin || o->reload_pin) &&
	    !o->pin_stdin && !pin_terminal()) {
		fprintf(stderr,
			_("sscard-info: no terminal to type the PIN on: "
			  "use --pin-stdin\n"));
		return -1;
	}
	return 0;
}

int parse_args(int argc, char **argv, struct opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->reader_index = -1;
	opterr = 0;                 /* one line of ours, not getopt's */
	for (;;) {
		c = getopt_long(argc, argv, ":lr:w::jVh", longopts, NULL);
		if (c == -1)
			break;
		if (!set_field(c, o) && other_option(c, argv, o) < 0)
			return -1;
	}
	if (optind < argc) {
		fprintf(stderr, _("sscard-info: unexpected argument '%s'; "
				"try --help\n"), argv[optind]);
		return -1;
	}
	return check_options(o);
}
