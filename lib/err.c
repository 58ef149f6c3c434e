/*
 * Error messages.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "internal.h"

/* code, its name in sscard.h (the label a metric or a binding shows),
 * its message */
static const struct {
	int code;
	const char *name;
	const char *text;
} errors[] = {
	{ SSCARD_OK, "SSCARD_OK",
	  "success" },
	{ SSCARD_E_NO_SERVICE, "SSCARD_E_NO_SERVICE",
	  "PC/SC service (pcscd) not available" },
	{ SSCARD_E_NO_READER, "SSCARD_E_NO_READER",
	  "no smart-card reader found" },
	{ SSCARD_E_NO_CARD, "SSCARD_E_NO_CARD",
	  "no card in the reader" },
	{ SSCARD_E_SHARING, "SSCARD_E_SHARING",
	  "the card is in use by another application" },
	{ SSCARD_E_TIMEOUT, "SSCARD_E_TIMEOUT",
	  "timed out" },
	{ SSCARD_E_ACCESS_DENIED, "SSCARD_E_ACCESS_DENIED",
	  "access to the PC/SC service denied" },
	{ SSCARD_E_READER, "SSCARD_E_READER",
	  "reader or PC/SC failure" },
	{ SSCARD_E_CANCELLED, "SSCARD_E_CANCELLED",
	  "cancelled" },
	{ SSCARD_E_CARD_REMOVED, "SSCARD_E_CARD_REMOVED",
	  "the card was removed" },
	{ SSCARD_E_CARD_RESET, "SSCARD_E_CARD_RESET",
	  "the card was reset" },
	{ SSCARD_E_CARD_MUTE, "SSCARD_E_CARD_MUTE",
	  "the card does not answer: reseat it, chip first, and clean the contacts" },
	{ SSCARD_E_PROTOCOL, "SSCARD_E_PROTOCOL",
	  "card protocol error" },
	{ SSCARD_E_CARD_DATA, "SSCARD_E_CARD_DATA",
	  "malformed data on the card" },
	{ SSCARD_E_NOT_SSCARD, "SSCARD_E_NOT_SSCARD",
	  "not a social security card" },
	{ SSCARD_E_APP_BLOCKED, "SSCARD_E_APP_BLOCKED",
	  "application blocked (card reported lost?)" },
	{ SSCARD_E_NOT_FOUND, "SSCARD_E_NOT_FOUND",
	  "file or record not found on the card" },
	{ SSCARD_E_AUTH_REQUIRED, "SSCARD_E_AUTH_REQUIRED",
	  "terminal authentication required" },
	{ SSCARD_E_NO_DATA, "SSCARD_E_NO_DATA",
	  "the card holds no such data" },
	{ SSCARD_E_NO_APP, "SSCARD_E_NO_APP",
	  "the card has no such application" },
	{ SSCARD_E_CARD_STATUS, "SSCARD_E_CARD_STATUS",
	  "unexpected card status" },
	{ SSCARD_E_NOT_SUPPORTED, "SSCARD_E_NOT_SUPPORTED",
	  "command not supported by the card" },
	{ SSCARD_E_NO_PSAM, "SSCARD_E_NO_PSAM",
	  "no PSAM found" },
	{ SSCARD_E_NO_KEY, "SSCARD_E_NO_KEY",
	  "the key source lacks this key or the card's algorithm" },
	{ SSCARD_E_KEY_WRONG, "SSCARD_E_KEY_WRONG",
	  "the terminal's key does not fit this card: wrong PSAM region or key file" },
	{ SSCARD_E_KEY_LOCKED, "SSCARD_E_KEY_LOCKED",
	  "the card's terminal key is locked" },
	{ SSCARD_E_NOT_GENUINE, "SSCARD_E_NOT_GENUINE",
	  "internal authentication failed: the card is not genuine" },
	{ SSCARD_E_PSAM_REMOVED, "SSCARD_E_PSAM_REMOVED",
	  "the PSAM was removed" },
	{ SSCARD_E_HSM, "SSCARD_E_HSM",
	  "the HSM failed or gave a malformed answer" },
	{ SSCARD_E_CARD_MISMATCH, "SSCARD_E_CARD_MISMATCH",
	  "this is not the card named (card identification code or number differ)" },
	{ SSCARD_E_MAC_REFUSED, "SSCARD_E_MAC_REFUSED",
	  "the card refused the command's MAC" },
	{ SSCARD_E_KEY_LAST_TRY, "SSCARD_E_KEY_LAST_TRY",
	  "one try left on the card's terminal key: confirmation required" },
	{ SSCARD_E_NO_KEY_STORE, "SSCARD_E_NO_KEY_STORE",
	  "no key-guard store can be written and the key source has not proven itself on this card's issuer: nothing sent (add the user to the group sscard, or set SSCARD_STATE_DIR)" },
	{ SSCARD_E_PIN_WRONG, "SSCARD_E_PIN_WRONG",
	  "wrong PIN" },
	{ SSCARD_E_PIN_LOCKED, "SSCARD_E_PIN_LOCKED",
	  "PIN locked" },
	{ SSCARD_E_PIN_FORMAT, "SSCARD_E_PIN_FORMAT",
	  "PIN must be 4 to 12 digits" },
	{ SSCARD_E_PIN_REQUIRED, "SSCARD_E_PIN_REQUIRED",
	  "PIN verification required" },
	{ SSCARD_E_PIN_LAST_TRY, "SSCARD_E_PIN_LAST_TRY",
	  "only one PIN try left: confirmation required" },
	{ SSCARD_E_PIN_UNUSABLE, "SSCARD_E_PIN_UNUSABLE",
	  "PIN not usable (reference data invalidated)" },
	{ SSCARD_E_PINPAD_TIMEOUT, "SSCARD_E_PINPAD_TIMEOUT",
	  "PIN pad timed out" },
	{ SSCARD_E_PINPAD_CANCELLED, "SSCARD_E_PINPAD_CANCELLED",
	  "PIN entry cancelled on the PIN pad" },
	{ SSCARD_E_PIN_TRIES_UNKNOWN, "SSCARD_E_PIN_TRIES_UNKNOWN",
	  "the card does not tell how many PIN tries are left: a wrong PIN may lock it; confirmation required" },
	{ SSCARD_E_PIN_INITIAL, "SSCARD_E_PIN_INITIAL",
	  "the initial PIN 123456 is set only when the holder asks for it" },
	{ SSCARD_E_INVALID_ARG, "SSCARD_E_INVALID_ARG",
	  "invalid argument" },
	{ SSCARD_E_BUFFER_TOO_SMALL, "SSCARD_E_BUFFER_TOO_SMALL",
	  "buffer too small" },
	{ SSCARD_E_WRONG_THREAD, "SSCARD_E_WRONG_THREAD",
	  "handle used from another thread" },
	{ SSCARD_E_PROFILE, "SSCARD_E_PROFILE",
	  "region profile unknown or malformed" },
	{ SSCARD_E_KEYFILE, "SSCARD_E_KEYFILE",
	  "key file unreadable, malformed or readable by others" },
	{ SSCARD_E_NO_MEMORY, "SSCARD_E_NO_MEMORY",
	  "out of memory" },
	{ SSCARD_E_INTERNAL, "SSCARD_E_INTERNAL",
	  "internal error" },
};

static int find(int err)
{
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].code == err)
			return (int)i;
	return -1;
}

const char *sscardi_strerror(int err)
{
	int i = find(err);

	return i >= 0 ? errors[i].text : "unknown error";
}

const char *sscard_error_name(int err)
{
	int i = find(err);

	return i >= 0 ? errors[i].name : "SSCARD_E_UNKNOWN";
}

const char *sscard_strerror(int err)
{
	return sscardi_strerror(err);
}
