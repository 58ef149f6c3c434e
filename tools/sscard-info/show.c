/*
 * sscard-info's human output: aligned labelled lines, in the language of
 * the message locale (gettext).  The JSON is app/output.c.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "info.h"

struct label {
	const char *key, *en;
};

/* The catalog pads the Chinese labels so that columns line up at display
 * width (po/zh_CN.po). */
static const struct label labels[] = {
	{ "reader",     N_("Reader:        ") },
	{ "atr",        N_("ATR:           ") },
	{ "number",     N_("Card number:   ") },
	{ "type",       N_("Card type:     ") },
	{ "version",    N_("Spec version:  ") },
	{ "region",     N_("Region:        ") },
	{ "issued",     N_("Issued:        ") },
	{ "expires",    N_("Expires:       ") },
	{ "id_code",    N_("Card ID code:  ") },
	{ "issuer",     N_("Initialised by:") },
	{ "name",       N_("Name:          ") },
	{ "ssn",        N_("SSN:           ") },
	{ "sex",        N_("Sex:           ") },
	{ "nation",     N_("Nation:        ") },
	{ "birth_date", N_("Birth date:    ") },
	{ "birthplace", N_("Birthplace:    ") },
	{ "status",     N_("Card status:   ") },
	{ "holder",     N_("Holder data:   ") },
	{ "pin",        N_("PIN:           ") },
	{ "balance",    N_("Medical acct.: ") },
	{ "bank",       N_("Bank app.:     ") },
	{ "pan",        N_("Bank card no.: ") },
	{ "bank_expires", N_("Bank expiry:   ") },
	{ "ec_balance", N_("E-cash:        ") },
	{ "bank_pin",   N_("Bank PIN tries:") },
	{ "no_bank",    N_("none on this card") },
	{ "updated",    N_("Updated:       ") },
	{ "no_balance", N_("this card holds no balance (the balance is kept online)") },
	{ "pin_first",  N_("verify the PIN first (--verify-pin)") },
	{ "valid",      N_("valid") },
	{ "expired",    N_("EXPIRED") },
	{ "test",       N_("test card") },
	{ "temporary",  N_("temporary card") },
	{ "badcheck",   N_("card number check character wrong") },
	{ "empty",      N_("no card") },
	{ "present",    N_("card present") },
	{ "in_use",     N_("card in use by another application") },
	{ "mute",       N_("card does not answer") },
	{ "unknown",    N_("unknown") },
	{ "pin_ok",     N_("not verified") },
	{ "pin_verified", N_("verified") },
	{ "pin_locked", N_("LOCKED: unlock at a service counter") },
	{ "pin_unknown", N_("the card does not tell the tries left") },
	{ "tries",      N_("tries left") },
	{ "auth",       N_("Genuine card:  ") },
	{ "genuine",    N_("yes (internal authentication passed)") },
	{ "not_genuine", N_("NO: internal authentication failed") },
	{ "psam",       N_("PSAM:          ") },
	{ "counter",    N_("Counter:       ") },
	{ "unblocked",  N_("PIN unblocked for") },
	{ "reloaded",   N_("new PIN set for") },
};

/* Chinese data values (sex, nation) when messages are Chinese. */
int info_zh(void)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);

	return messages != NULL && strncmp(messages, "zh", 2) == 0;
}

/*
 * The locale from the environment, and the message catalogs: beside the
 * program in a build tree (build/locale), else the installed ones.
 */
void info_locale(const char *argv0)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16];
	ssize_t n;
	struct stat st;

	(void)argv0;
	setlocale(LC_ALL, "");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		snprintf(dir, sizeof(dir), "%s/locale", dirname(exe));
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			bindtextdomain("sscard-info", dir);
			textdomain("sscard-info");
			return;
		}
	}
	bindtextdomain("sscard-info", SSCARD_LOCALEDIR);
	textdomain("sscard-info");
}

const char *info_label(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].key, key) == 0)
			return _(labels[i].en);
	return key;
}

static void line(FILE *out, const char *key, const char *value)
{
	if (value != NULL && value[0] != '\0')
		fprintf(out, "%s %s\n", info_label(key), value);
}

void show_atr(FILE *out, const unsigned char *atr, size_t len)
{
	size_t i;

	fprintf(out, "%s", info_label("atr"));
	for (i = 0; i < len; i++)
		fprintf(out, " %02X", atr[i]);
	fprintf(out, "\n");
}

/* EF05's card type (卡类别, CARD.md): its meaning beside the code */
static const struct {
	const char *code;
	const char *en;
} card_types[] = {
	{ "1", N_("preschool child") }, { "2", N_("student") },
	{ "3", N_("adult") }, { "4", N_("elderly, 70 and over") },
};

static void show_card_type(FILE *out, const char *code)
{
	char buf[96];
	size_t i;

	for (i = 0; i < sizeof(card_types) / sizeof(card_types[0]); i++) {
		if (strcmp(card_types[i].code, code) == 0) {
			snprintf(buf, sizeof(buf), "%s (%s)",
				 _(card_types[i].en), code);
			line(out, "type", buf);
			return;
		}
	}
	line(out, "type", code);
}

void show_basic(FILE *out, const char *reader, const struct sscard_basic *b)
{
	char buf[160];
	/* TRANSLATORS: between two words of the card's status */
	const char *sep = _(", ");

	line(out, "reader", reader);
	show_atr(out, b->atr, b->atr_len);
	line(out, "number", b->number);
	show_card_type(out, b->card_type);
	line(out, "version", b->version);
	line(out, "region", b->region);
	line(out, "issued", b->issued);
	line(out, "expires", b->expires);
	line(out, "id_code", b->id_code);
	line(out, "issuer", b->issuer);
	snprintf(buf, sizeof(buf), "%s%s%s%s%s%s%s",
		 info_label(b->expired ? "expired" : "valid"),
		 b->temporary ? sep : "",
		 b->temporary ? info_label("temporary") : "",
		 b->test_card ? sep : "",
		 b->test_card ? info_label("test") : "",
		 b->number_check_ok ? "" : sep,
		 b->number_check_ok ? "" : info_label("badcheck"));
	line(out, "status", buf);
	if (b->holder_status != 0) {
		snprintf(buf, sizeof(buf), "%s%s%s%s",
			 info_error(b->holder_status),
			 b->error_field[0] ? " (" : "", b->error_field,
			 b->error_field[0] ? ")" : "");
		line(out, "holder", buf);
		return;
	}
	line(out, "name", b->name);
	line(out, "ssn", b->ssn);
	if (b->sex != 0) {
		snprintf(buf, sizeof(buf), "%s (%c)",
			 info_zh() ? b->sex_zh : b->sex_en, b->sex);
		line(out, "sex", buf);
	}
	if (b->nation >= 0) {
		snprintf(buf, sizeof(buf), "%s (%02d)",
			 info_zh() ? b->nation_zh : b->nation_en, b->nation);
		line(out, "nation", buf);
	}
	line(out, "birth_date", b->birth_date);
	line(out, "birthplace", b->birthplace);
}

void show_readers(FILE *out, const struct sscard_reader *r, size_t n)
{
	static const char *states[] = { "empty", "present", "in_use", "mute",
					"unknown" };
	size_t i, j;

	for (i = 0; i < n; i++) {
		fprintf(out, "%zu: %s  [%s]", i, r[i].name,
			info_label(states[r[i].state <= 4 ? r[i].state : 4]));
		if (r[i].atr_len > 0) {
			fprintf(out, "  ");
			for (j = 0; j < r[i].atr_len; j++)
				fprintf(out, "%02X", r[i].atr[j]);
		}
		fprintf(out, "\n");
	}
}

void show_pin(FILE *out, const struct sscard_pin_info *pin)
{
	char buf[160];

	switch (pin->state) {
	case SSCARD_PIN_LOCKED:
		line(out, "pin", info_label("pin_locked"));
		break;
	case SSCARD_PIN_UNKNOWN:
		line(out, "pin", info_label("pin_unknown"));
		break;
	default:
		if (pin->tries_left >= 0)
			/* TRANSLATORS: PIN state, "tries left", the count */
			snprintf(buf, sizeof(buf), _("%s, %s: %d"),
				 info_label(pin->state == SSCARD_PIN_VERIFIED
						    ? "pin_verified"
						    : "pin_ok"),
				 info_label("tries"), pin->tries_left);
		else
			snprintf(buf, sizeof(buf), "%s",
				 info_label(pin->state == SSCARD_PIN_VERIFIED
						    ? "pin_verified"
						    : "pin_ok"));
		line(out, "pin", buf);
	}
}

void show_stats(FILE *out, const struct sscard_stats *card,
		const struct sscard_stats *psam)
{
	fprintf(out, _("Counters: %lu APDUs to the card, %lu to the PSAM, "
		       "%llu reads answered from memory, %llu exchanges "
		       "unanswered, %llu PIN operations stopped before "
		       "sending, %.3f ms in transmit\n"),
		card->apdus, psam->apdus,
		(unsigned long long)card->remembered,
		(unsigned long long)card->mute,
		(unsigned long long)card->pin_guarded,
		(double)(card->usec + psam->usec) / 1000.0);
}

/* The library's one table of error texts, in the language gettext chose:
 * the catalog itself says which ("en", translated "zh") */
const char *info_error(int err)
{
	return sscard_strerror_lang(err, _("messages-language: en"));
}
