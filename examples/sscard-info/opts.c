/*
 * sscard-info's command line: the options, their checks, --help.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
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
	OPT_RETRY_KEY, OPT_KEY_STATE
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
"                         (default $XDG_STATE_HOME/libsscard/key-guard;\n"
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
"      --trace            APDU trace on standard error (PINs hidden; names,\n"
"                         ID and card numbers masked)\n"
"      --trace-full       the same with names, ID numbers, bank card number\n"
"                         and track 2 in full (PINs still hidden)\n"
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

int parse_args(int argc, char **argv, struct opts *o)
{
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
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->reader_index = -1;
	opterr = 0;                 /* one line of ours, not getopt's */
	for (;;) {
		c = getopt_long(argc, argv, ":lr:w::jVh", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 'l': o->list = 1; break;
		case 'r':
			o->reader = optarg;
			if (parse_index(optarg, &o->reader_index) < 0)
				return -1;
			break;
		case 'w':
			o->wait = -1;
			if (optarg != NULL) {
				long s = strtol(optarg, &end, 10);

				if (*end != '\0' || s < 0 || s > 86400) {
					fprintf(stderr, _("sscard-info: bad --wait "
						"value '%s'\n"), optarg);
					return -1;
				}
				o->wait = (int)s;
			}
			break;
		case 'j': o->json = 1; break;
		case OPT_ATR: o->atr_only = 1; break;
		case OPT_PHOTO: o->photo = optarg; break;
		case OPT_PIN_STATUS: o->pin_status = 1; break;
		case OPT_VERIFY_PIN: o->verify_pin = 1; break;
		case OPT_CHANGE_PIN: o->change_pin = 1; break;
		case OPT_PIN_STDIN: o->pin_stdin = 1; break;
		case OPT_LAST_TRY: o->last_try = 1; break;
		case OPT_KEY_LAST_TRY: o->key_last_try = 1; break;
		case OPT_RETRY_KEY: o->retry_key = 1; break;
		case OPT_KEY_STATE: o->key_state = optarg; break;
		case OPT_MEDICAL: o->medical = 1; break;
		case OPT_BANK: o->bank = 1; break;
		case OPT_DOCTOR: o->doctor = 1; break;
		case OPT_WATCH: o->watch = 1; break;
		case OPT_FULL_PAN: o->full_pan = 1; break;
		case OPT_PROFILE: o->profile = optarg; break;
		case OPT_APDU:
			if (o->napdu >= APDUS_MAX) {
				fprintf(stderr, _("sscard-info: at most %d --apdu\n"),
					APDUS_MAX);
				return -1;
			}
			o->apdu[o->napdu++] = optarg;
			break;
		case OPT_TIMING: o->timing = 1; break;
		case OPT_TRACE: o->trace = 1; break;
		case OPT_TRACE_FULL: o->trace = 2; break;
		case OPT_PSAM: o->psam = optarg != NULL ? optarg : ""; break;
		case OPT_NO_PSAM: o->no_psam = 1; break;
		case OPT_KEYS: o->keys = optarg; break;
		case OPT_HSM: o->hsm = optarg; break;
		case OPT_AUTH: o->auth = 1; break;
		case OPT_UNBLOCK: o->unblock_pin = 1; break;
		case OPT_RELOAD: o->reload_pin = 1; break;
		case OPT_INITIAL: o->initial_pin = 1; break;
		case OPT_CARD_NUMBER: o->card_number = optarg; break;
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
	if (optind < argc) {
		fprintf(stderr, _("sscard-info: unexpected argument '%s'; "
				"try --help\n"), argv[optind]);
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
