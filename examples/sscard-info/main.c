/*
 * sscard-info: what a social security card, a reader and the PC/SC stack
 * are doing, in one command.  Uses only the public header.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "info.h"

#define READERS_MAX 16
#define PIN_BUF 64

enum {
	OPT_ATR = 256, OPT_TIMING, OPT_TRACE, OPT_PHOTO, OPT_PIN_STATUS,
	OPT_VERIFY_PIN, OPT_CHANGE_PIN, OPT_PIN_STDIN, OPT_LAST_TRY, OPT_APDU,
	OPT_MEDICAL, OPT_PROFILE, OPT_BANK, OPT_FULL_PAN, OPT_DOCTOR, OPT_WATCH,
	OPT_TRACE_FULL
};

#define APDUS_MAX 16

struct opts {
	int json, list, atr_only, timing, trace;
	int pin_status, verify_pin, change_pin, pin_stdin, last_try, medical;
	int bank, full_pan, doctor, watch;
	const char *profile;
	int wait;                   /* 0 no wait, -1 forever, else seconds */
	const char *reader;
	long reader_index;          /* -r N, else -1 */
	const char *photo;
	const char *apdu[APDUS_MAX];   /* --apdu, in order */
	int napdu;
};

static void usage(FILE *out)
{
	fprintf(out,
"usage: sscard-info [OPTIONS]\n"
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
"      --pin-status       PIN tries left, without spending one\n"
"      --verify-pin       verify the PIN (asked without echo)\n"
"      --change-pin       change the PIN (old, new, new again)\n"
"      --pin-stdin        read PINs from standard input, one per line\n"
"                         (alone: means --verify-pin)\n"
"      --last-try         allow spending the last PIN try\n"
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
"  5 no card                    11 terminal authentication required\n");
}

int info_exit_code(int err)
{
	switch (err) {
	case SSCARD_OK:
		return EXIT_OK;
	case SSCARD_E_NO_SERVICE:
	case SSCARD_E_ACCESS_DENIED:
		return EXIT_NO_SERVICE;
	case SSCARD_E_NO_READER:
		return EXIT_NO_READER;
	case SSCARD_E_NO_CARD:
	case SSCARD_E_TIMEOUT:
		return EXIT_NO_CARD;
	case SSCARD_E_NOT_SSCARD:
		return EXIT_NOT_SSCARD;
	case SSCARD_E_APP_BLOCKED:
		return EXIT_BLOCKED;
	case SSCARD_E_CARD_DATA:
		return EXIT_CARD_DATA;
	case SSCARD_E_CARD_REMOVED:
	case SSCARD_E_CARD_RESET:
	case SSCARD_E_CARD_MUTE:
	case SSCARD_E_PROTOCOL:
		return EXIT_CARD_LOST;
	case SSCARD_E_PIN_WRONG:
	case SSCARD_E_PIN_LOCKED:
	case SSCARD_E_PIN_FORMAT:
	case SSCARD_E_PIN_REQUIRED:
	case SSCARD_E_PIN_LAST_TRY:
	case SSCARD_E_PIN_UNUSABLE:
	case SSCARD_E_PINPAD_TIMEOUT:
	case SSCARD_E_PINPAD_CANCELLED:
	case SSCARD_E_PIN_TRIES_UNKNOWN:
		return EXIT_PIN;
	case SSCARD_E_AUTH_REQUIRED:
		return EXIT_AUTH;
	case SSCARD_E_INVALID_ARG:
	case SSCARD_E_PROFILE:
		return EXIT_USAGE;
	default:
		return EXIT_FAILURE_OTHER;
	}
}

static void hint(int err)
{
	if (err == SSCARD_E_NO_SERVICE)
		fprintf(stderr,
			"  pcscd is not running or not reachable: start it "
			"(systemctl start pcscd.socket, or pcscd -f as root).\n"
			"  With polkit, a service account needs the rule in "
			"udev/ of libsscard.\n");
	else if (err == SSCARD_E_NO_READER)
		fprintf(stderr, "  No PC/SC reader: is it plugged in and a CCID "
				"reader? Try: sscard-info --list\n");
	else if (err == SSCARD_E_NO_CARD)
		fprintf(stderr, "  Insert the card (chip first, face up), or "
				"use --wait.\n");
}

static int fail_field(const struct opts *o, const char *reader, int err,
		      unsigned sw, const char *field)
{
	if (o->json) {
		json_object *root = json_object_new_object();

		json_object_object_add(root, "reader", json_str_or_null(reader));
		json_object_object_add(root, "error",
				       json_error_field(err, sw, field));
		json_print(stdout, root);
		json_object_put(root);
	} else {
		if (sw != 0 && sw != 0x9000)
			fprintf(stderr, "sscard-info: %s (SW %04X)\n",
				sscard_strerror(err), sw);
		else if (field != NULL && field[0] != '\0')
			fprintf(stderr, "sscard-info: %s (%s)\n",
				sscard_strerror(err), field);
		else
			fprintf(stderr, "sscard-info: %s\n", sscard_strerror(err));
		hint(err);
	}
	return info_exit_code(err);
}

static int fail(const struct opts *o, const char *reader, int err,
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
		fprintf(stderr, "%s  [%.3f ms]\n", msg, ms_since(&timing.sent));
	} else if (timing.trace) {
		fprintf(stderr, "sscard: %s\n", msg);
	}
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
		fprintf(stderr, "sscard-info: reader index '%s' out of range "
				"(0..255)\n", arg);
		return -1;
	}
	*index = (long)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
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
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->reader_index = -1;
	while ((c = getopt_long(argc, argv, "lr:w::jVh", longopts, NULL)) != -1) {
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
					fprintf(stderr, "sscard-info: bad --wait "
						"value '%s'\n", optarg);
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
		case OPT_MEDICAL: o->medical = 1; break;
		case OPT_BANK: o->bank = 1; break;
		case OPT_DOCTOR: o->doctor = 1; break;
		case OPT_WATCH: o->watch = 1; break;
		case OPT_FULL_PAN: o->full_pan = 1; break;
		case OPT_PROFILE: o->profile = optarg; break;
		case OPT_APDU:
			if (o->napdu >= APDUS_MAX) {
				fprintf(stderr, "sscard-info: at most %d --apdu\n",
					APDUS_MAX);
				return -1;
			}
			o->apdu[o->napdu++] = optarg;
			break;
		case OPT_TIMING: o->timing = 1; break;
		case OPT_TRACE: o->trace = 1; break;
		case OPT_TRACE_FULL: o->trace = 2; break;
		case 'V':
			printf("sscard-info %s (API %d)\n", sscard_version(),
			       SSCARD_API_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sscard-info: unexpected argument '%s'\n",
			argv[optind]);
		return -1;
	}
	if (o->verify_pin && o->change_pin) {
		fprintf(stderr, "sscard-info: --verify-pin and --change-pin "
				"exclude each other\n");
		return -1;
	}
	/* a PIN on standard input, with no other PIN option, is one to verify */
	if (o->pin_stdin && !o->change_pin && !o->pin_status)
		o->verify_pin = 1;
	return 0;
}

static int list_readers(sscard_ctx *ctx, const struct opts *o)
{
	struct sscard_reader readers[READERS_MAX];
	size_t n, i;
	int rv = sscard_list_readers(ctx, readers, READERS_MAX, &n);

	if (rv < 0)
		return fail(o, NULL, rv, 0);
	if (n > READERS_MAX)
		n = READERS_MAX;
	if (o->json) {
		static const char *states[] = { "empty", "present", "in_use",
						"mute", "unknown" };
		json_object *root = json_object_new_object();
		json_object *arr = json_object_new_array();

		for (i = 0; i < n; i++) {
			json_object *r = json_object_new_object();

			json_object_object_add(r, "index", json_object_new_int((int)i));
			json_object_object_add(r, "name",
					       json_object_new_string(readers[i].name));
			json_object_object_add(r, "state", json_object_new_string(
				states[readers[i].state <= 4 ? readers[i].state : 4]));
			json_object_object_add(r, "atr", json_hex(readers[i].atr,
								 readers[i].atr_len));
			json_object_array_add(arr, r);
		}
		json_object_object_add(root, "readers", arr);
		json_print(stdout, root);
		json_object_put(root);
	} else if (n == 0) {
		printf("no readers\n");
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
		return sscard_connect_index(ctx, (unsigned)o->reader_index, card);
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
		if (rv != SSCARD_E_NO_CARD && rv != SSCARD_E_NO_READER &&
		    rv != SSCARD_E_CARD_REMOVED)
			return rv;
		if (o->wait == 0 ||
		    (o->wait > 0 && waited_ms >= (long)o->wait * 1000))
			return rv;
		nanosleep(&step, NULL);
		waited_ms += 100;
	}
}

static int unhex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex != '\0'; hex++) {
		int v;

		if (*hex == ' ' || *hex == ':')
			continue;
		if (*hex >= '0' && *hex <= '9')
			v = *hex - '0';
		else if ((*hex | 0x20) >= 'a' && (*hex | 0x20) <= 'f')
			v = (*hex | 0x20) - 'a' + 10;
		else
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= max)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (int)n : -1;
}

/* Every --apdu is checked before anything is sent. */
static int check_apdus(const struct opts *o)
{
	unsigned char cmd[261];
	int i, n;

	for (i = 0; i < o->napdu; i++) {
		n = unhex(o->apdu[i], cmd, sizeof(cmd));
		if (n < 4) {
			fprintf(stderr, "sscard-info: bad APDU '%s'\n", o->apdu[i]);
			return -1;
		}
		if (sscard_apdu_is_pin_command(cmd, (size_t)n)) {
			fprintf(stderr, "sscard-info: PIN commands are not sent "
					"raw; use --verify-pin\n");
			sscard_cleanse(cmd, sizeof(cmd));
			return -1;
		}
	}
	return 0;
}

/* --apdu: raw commands through sscard_transmit(). */
static int send_apdus(sscard *card, const struct opts *o)
{
	json_object *arr = o->json ? json_object_new_array() : NULL;
	unsigned char cmd[261], resp[8192];
	int i, n, rv = 0;

	for (i = 0; i < o->napdu && rv == 0; i++) {
		size_t len = sizeof(resp);

		n = unhex(o->apdu[i], cmd, sizeof(cmd));    /* checked */
		rv = sscard_transmit(card, cmd, (size_t)n, resp, &len);
		if (rv < 0)
			break;
		if (arr != NULL) {
			json_object *x = json_object_new_object();

			json_object_object_add(x, "command", json_hex(cmd, (size_t)n));
			json_object_object_add(x, "data", len > 2 ?
				json_object_new_string_len("", 0) : NULL);
			if (len > 2) {
				char *hex = malloc(2 * len + 1);
				size_t k;

				for (k = 0; hex != NULL && k < len - 2; k++)
					snprintf(hex + 2 * k, 3, "%02X", resp[k]);
				if (hex != NULL)
					json_object_object_add(x, "data",
						json_object_new_string(hex));
				free(hex);
			}
			json_object_object_add(x, "sw", json_hex(resp + len - 2, 2));
			json_object_array_add(arr, x);
		} else {
			size_t k;

			printf("> %s\n<", o->apdu[i]);
			for (k = 0; k < len; k++)
				printf(" %02X", resp[k]);
			printf("\n");
		}
	}
	if (arr != NULL) {
		json_object *root = json_object_new_object();

		json_object_object_add(root, "reader", json_object_new_string(
			sscard_reader_name(card)));
		json_object_object_add(root, "apdus", arr);
		if (rv < 0)
			json_object_object_add(root, "error",
					       json_error(rv, sscard_last_sw(card)));
		json_print(stdout, root);
		json_object_put(root);
	} else if (rv < 0) {
		fprintf(stderr, "sscard-info: %s\n", sscard_strerror(rv));
	}
	return rv;
}

static int save_photo(sscard *card, const char *path, json_object *root)
{
	unsigned char *jpeg = NULL;
	size_t len = 0;
	int rv, fd;

	rv = sscard_read_photo(card, &jpeg, &len);
	if (rv < 0)
		goto out;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, jpeg, len) != (ssize_t)len) {
		fprintf(stderr, "sscard-info: cannot write %s: %s\n", path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		rv = SSCARD_E_INTERNAL;
		goto out;
	}
	close(fd);
	if (root != NULL) {
		json_object *p = json_object_new_object();

		json_object_object_add(p, "file", json_object_new_string(path));
		json_object_object_add(p, "bytes", json_object_new_int64((int64_t)len));
		json_object_object_add(root, "photo", p);
	} else {
		printf("%s %s (%zu bytes)\n", info_zh() ? "照片：        " : "Photo:         ",
		       path, len);
	}
out:
	sscard_free(jpeg);
	return rv;
}

/*
 * A part the card did not give: KEY is null in JSON with KEY_reason beside
 * it, or a LABEL line saying TEXT.  ANSWER is the error that means "the
 * card has none", which is not a failure.
 */
static int report_missing(sscard *card, json_object *root, const char *key,
			  const char *label, int rv, const char *text,
			  int answer)
{
	char reason[32];

	if (root != NULL) {
		snprintf(reason, sizeof(reason), "%s_reason", key);
		json_object_object_add(root, key, NULL);
		json_object_object_add(root, reason,
				       json_error(rv, sscard_last_sw(card)));
	} else {
		printf("%s %s\n", info_label(label), text);
	}
	return rv == answer ? 0 : rv;
}

static int do_medical(sscard *card, json_object *root)
{
	struct sscard_medical m;
	char yuan[32];
	int rv = sscard_medical_read(card, &m);

	if (rv == 0) {
		sscard_format_yuan(m.balance_fen, yuan, sizeof(yuan));
		if (root != NULL) {
			json_object *j = json_object_new_object();

			json_object_object_add(j, "balance_fen",
					       json_object_new_int64(m.balance_fen));
			json_object_object_add(j, "balance_yuan",
					       json_object_new_string(yuan));
			json_object_object_add(j, "updated", json_str_or_null(m.updated));
			json_object_object_add(j, "category", json_str_or_null(m.category));
			json_object_object_add(j, "profile", json_str_or_null(m.profile));
			json_object_object_add(root, "medical", j);
		} else {
			printf("%s %s%s%s%s%s\n", info_label("balance"), yuan,
			       info_zh() ? " 元" : " yuan",
			       m.category[0] ? " (" : "", m.category,
			       m.category[0] ? ")" : "");
			if (m.updated[0] != '\0')
				printf("%s %s\n", info_label("updated"), m.updated);
		}
		return 0;
	}
	/* "no balance on this card" is an answer, not a failure */
	return report_missing(card, root, "medical", "balance", rv,
			      rv == SSCARD_E_NO_DATA ? info_label("no_balance")
			      : rv == SSCARD_E_PIN_REQUIRED ? info_label("pin_first")
			      : sscard_strerror(rv),
			      SSCARD_E_NO_DATA);
}

static json_object *json_amount(int64_t fen)
{
	return fen >= 0 ? json_object_new_int64(fen) : NULL;
}

static int do_bank(sscard *card, const struct opts *o, json_object *root)
{
	struct sscard_bank b;
	char yuan[32];
	int rv = sscard_read_bank(card, o->full_pan ? SSCARD_BANK_FULL_PAN : 0, &b);

	/* no financial application is an answer, not a failure */
	if (rv < 0)
		return report_missing(card, root, "bank", "bank", rv,
				      rv == SSCARD_E_NO_APP ? info_label("no_bank")
							    : sscard_strerror(rv),
				      SSCARD_E_NO_APP);
	if (root != NULL) {
		json_object *j = json_object_new_object();

		json_object_object_add(j, "label", json_str_or_null(b.label));
		json_object_object_add(j, "aid", json_str_or_null(b.aid));
		json_object_object_add(j, "pan", json_str_or_null(b.pan));
		json_object_object_add(j, "pan_check_ok",
				       json_object_new_boolean(b.pan_check_ok));
		json_object_object_add(j, "pan_seq", json_str_or_null(b.pan_seq));
		json_object_object_add(j, "effective", json_str_or_null(b.effective));
		json_object_object_add(j, "expires", json_str_or_null(b.expires));
		json_object_object_add(j, "holder_name", json_str_or_null(b.holder_name));
		json_object_object_add(j, "ec_balance_fen", json_amount(b.ec_balance_fen));
		json_object_object_add(j, "ec_limit_fen", json_amount(b.ec_limit_fen));
		json_object_object_add(j, "pin_tries_left", b.pin_tries_left >= 0
			? json_object_new_int(b.pin_tries_left) : NULL);
		json_object_object_add(j, "atc", b.atc >= 0
			? json_object_new_int(b.atc) : NULL);
		json_object_object_add(root, "bank", j);
		sscard_cleanse(&b, sizeof(b));
		return 0;
	}
	printf("%s %s (%s)\n", info_label("bank"), b.label, b.aid);
	printf("%s %s\n", info_label("pan"), b.pan);
	printf("%s %s\n", info_label("bank_expires"), b.expires);
	if (b.ec_balance_fen >= 0) {
		sscard_format_yuan(b.ec_balance_fen, yuan, sizeof(yuan));
		printf("%s %s%s\n", info_label("ec_balance"), yuan,
		       info_zh() ? " 元" : " yuan");
	}
	if (b.pin_tries_left >= 0)
		printf("%s %d\n", info_label("bank_pin"), b.pin_tries_left);
	sscard_cleanse(&b, sizeof(b));
	return 0;
}

static int do_pin(sscard *card, const struct opts *o, json_object *root)
{
	char pin[PIN_BUF], new_pin[PIN_BUF], again[PIN_BUF];
	struct sscard_pin_info info = { .state = SSCARD_PIN_UNKNOWN, .tries_left = -1 };
	unsigned flags = o->last_try ? SSCARD_PIN_CONFIRM_LAST_TRY : 0;
	int rv = 0, tries = -1;

	pin[0] = new_pin[0] = again[0] = '\0';
	if (o->verify_pin || o->change_pin) {
		if (pin_read(o->change_pin ? "Current PIN: " : "PIN: ",
			     o->pin_stdin, pin, sizeof(pin)) < 0) {
			rv = SSCARD_E_PIN_FORMAT;
			goto out;
		}
	}
	if (o->change_pin) {
		if (pin_read("New PIN: ", o->pin_stdin, new_pin,
			     sizeof(new_pin)) < 0 ||
		    (!o->pin_stdin && pin_read("New PIN again: ", 0, again,
						sizeof(again)) < 0)) {
			rv = SSCARD_E_PIN_FORMAT;
			goto out;
		}
		if (!o->pin_stdin && strcmp(new_pin, again) != 0) {
			fprintf(stderr, "sscard-info: the new PINs differ\n");
			rv = SSCARD_E_PIN_FORMAT;
			goto out;
		}
		rv = sscard_pin_change(card, pin, new_pin, flags, &tries);
	} else if (o->verify_pin) {
		rv = sscard_pin_verify(card, pin, flags, &tries);
	}
	if (o->verify_pin || o->change_pin) {
		/* the answer says it all: no extra APDU for the status */
		if (rv == 0)
			info.state = SSCARD_PIN_VERIFIED;
		else if (rv == SSCARD_E_PIN_LOCKED)
			info.state = SSCARD_PIN_LOCKED;
		else if (rv == SSCARD_E_PIN_WRONG || rv == SSCARD_E_PIN_LAST_TRY)
			info.state = SSCARD_PIN_OK;
		info.tries_left = tries;
	} else {
		rv = sscard_pin_status(card, &info);
	}
	if (rv == 0 || rv == SSCARD_E_PIN_WRONG || rv == SSCARD_E_PIN_LOCKED ||
	    rv == SSCARD_E_PIN_LAST_TRY || rv == SSCARD_E_PIN_TRIES_UNKNOWN) {
		if (root != NULL)
			json_object_object_add(root, "pin", json_pin(&info));
		else
			show_pin(stdout, &info);
	} else if (root != NULL) {
		json_object_object_add(root, "pin", NULL);
	}
	if (rv == SSCARD_E_PIN_LAST_TRY)
		fprintf(stderr, "sscard-info: only one PIN try is left; a wrong "
				"PIN now locks the card. Run again with "
				"--last-try to go ahead.\n");
	if (rv == SSCARD_E_PIN_TRIES_UNKNOWN)
		fprintf(stderr, "sscard-info: this card does not tell how many "
				"PIN tries are left; a wrong PIN may lock it. "
				"Run again with --last-try to go ahead.\n");
out:
	pin_wipe(pin, sizeof(pin));
	pin_wipe(new_pin, sizeof(new_pin));
	pin_wipe(again, sizeof(again));
	return rv;
}

int main(int argc, char **argv)
{
	struct sscard_basic basic;
	struct sscard_stats st;
	json_object *root = NULL;
	sscard_ctx *ctx = NULL;
	sscard *card = NULL;
	struct opts o;
	int rv, code = EXIT_OK;

	if (parse_args(argc, argv, &o) < 0 || check_apdus(&o) < 0)
		return EXIT_USAGE;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (o.trace == 2)
		fprintf(stderr, "sscard-info: --trace-full: this trace shows the "
				"holder's name, ID number, bank card number and "
				"track 2 in full; PINs stay hidden\n");
	if (o.timing) {
		timing.trace = o.trace;
		sscard_set_log(NULL, o.trace == 2 ? SSCARD_LOG_APDU_FULL
						  : SSCARD_LOG_APDU,
			       timing_log, NULL);
	} else if (o.trace) {
		sscard_set_log(NULL, o.trace == 2 ? SSCARD_LOG_APDU_FULL
						  : SSCARD_LOG_APDU, NULL, NULL);
	}
	rv = sscard_ctx_new(&ctx);
	if (rv < 0)
		return fail(&o, NULL, rv, 0);
	if (o.profile != NULL) {
		char err[256];

		rv = sscard_set_profile(ctx, o.profile, err, sizeof(err));
		if (rv < 0) {
			/* one message: the JSON error, or the line on stderr */
			if (o.json)
				fail_field(&o, NULL, rv, 0, err);
			else
				fprintf(stderr, "sscard-info: %s\n", err[0] ? err :
					sscard_strerror(rv));
			code = EXIT_USAGE;
			goto out;
		}
	}
	if (o.doctor) {
		code = doctor(ctx, o.json);
		goto out;
	}
	if (o.watch) {
		code = watch(ctx, o.json);
		goto out;
	}
	if (o.list) {
		code = list_readers(ctx, &o);
		goto out;
	}
	rv = wait_and_connect(ctx, &o, &card);
	if (rv < 0) {
		code = fail(&o, NULL, rv, 0);
		goto out;
	}
	if (o.atr_only) {
		unsigned char atr[33];
		size_t len = sizeof(atr);

		sscard_atr(card, atr, &len);
		if (o.json) {
			root = json_object_new_object();
			json_object_object_add(root, "reader", json_object_new_string(
				sscard_reader_name(card)));
			json_object_object_add(root, "atr", json_hex(atr, len));
			json_print(stdout, root);
		} else {
			show_atr(stdout, atr, len);
		}
		goto out;
	}
	if (o.napdu > 0) {
		code = info_exit_code(send_apdus(card, &o));
		goto out;
	}
	rv = sscard_read_basic(card, &basic);
	if (rv < 0 && basic.holder_status == 0) {
		code = fail_field(&o, sscard_reader_name(card), rv,
				  sscard_last_sw(card), basic.error_field);
		goto out;
	}
	/* the holder part missing: the card part is printed, and the exit
	 * code says what is missing (11: authentication, 8: card data) */
	code = info_exit_code(rv);
	if (o.json)
		root = json_basic(sscard_reader_name(card), &basic);
	else
		show_basic(stdout, sscard_reader_name(card), &basic);
	if (o.photo != NULL) {
		rv = save_photo(card, o.photo, root);
		if (rv < 0) {
			if (root != NULL)
				json_object_object_add(root, "photo", NULL);
			code = info_exit_code(rv);
			fprintf(stderr, "sscard-info: photo: %s\n", sscard_strerror(rv));
		}
	}
	if (o.pin_status || o.verify_pin || o.change_pin) {
		rv = do_pin(card, &o, root);
		if (rv < 0) {
			code = info_exit_code(rv);
			if (root != NULL)
				json_object_object_add(root, "error",
					json_error(rv, sscard_last_sw(card)));
			else
				fprintf(stderr, "sscard-info: %s\n",
					sscard_strerror(rv));
		}
	}
	if (o.medical && code == EXIT_OK) {
		rv = do_medical(card, root);
		if (rv < 0)
			code = info_exit_code(rv);
	}
	if (o.bank && code == EXIT_OK) {
		rv = do_bank(card, &o, root);
		if (rv < 0)
			code = info_exit_code(rv);
	}
	if (root != NULL)
		json_print(stdout, root);
	if (o.timing) {
		sscard_get_stats(card, &st);
		fprintf(stderr, "total: %lu APDUs, %lu bytes out, %lu bytes in, "
			"%.3f ms in transmit\n", st.apdus, st.bytes_out,
			st.bytes_in, (double)st.usec / 1000.0);
	}
out:
	json_object_put(root);
	sscard_disconnect(card);
	sscard_ctx_free(ctx);
	return code;
}
