/*
 * Error messages.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "internal.h"

const char *sscardi_strerror(int err)
{
	switch (err) {
	case SSCARD_OK: return "success";
	case SSCARD_E_NO_SERVICE: return "PC/SC service (pcscd) not available";
	case SSCARD_E_NO_READER: return "no smart-card reader found";
	case SSCARD_E_NO_CARD: return "no card in the reader";
	case SSCARD_E_SHARING:
		return "the card is in use by another application";
	case SSCARD_E_TIMEOUT: return "timed out";
	case SSCARD_E_ACCESS_DENIED:
		return "access to the PC/SC service denied";
	case SSCARD_E_READER: return "reader or PC/SC failure";
	case SSCARD_E_CANCELLED: return "cancelled";
	case SSCARD_E_CARD_REMOVED: return "the card was removed";
	case SSCARD_E_CARD_RESET: return "the card was reset";
	case SSCARD_E_CARD_MUTE:
		return "the card does not answer: reseat it, chip first, and clean the contacts";
	case SSCARD_E_PROTOCOL: return "card protocol error";
	case SSCARD_E_CARD_DATA: return "malformed data on the card";
	case SSCARD_E_NOT_SSCARD: return "not a social security card";
	case SSCARD_E_APP_BLOCKED: return "application blocked (card reported lost?)";
	case SSCARD_E_NOT_FOUND: return "file or record not found on the card";
	case SSCARD_E_AUTH_REQUIRED: return "terminal authentication required";
	case SSCARD_E_NO_DATA: return "the card holds no such data";
	case SSCARD_E_NO_APP: return "the card has no such application";
	case SSCARD_E_CARD_STATUS: return "unexpected card status";
	case SSCARD_E_NOT_SUPPORTED: return "command not supported by the card";
	case SSCARD_E_NO_PSAM: return "no PSAM found";
	case SSCARD_E_NO_KEY: return "the key source lacks this key or the card's algorithm";
	case SSCARD_E_KEY_WRONG: return "the terminal's key does not fit this card: wrong PSAM region or key file";
	case SSCARD_E_KEY_LOCKED: return "the card's terminal key is locked";
	case SSCARD_E_NOT_GENUINE: return "internal authentication failed: the card is not genuine";
	case SSCARD_E_PSAM_REMOVED: return "the PSAM was removed";
	case SSCARD_E_HSM: return "the HSM failed or gave a malformed answer";
	case SSCARD_E_CARD_MISMATCH: return "this is not the card named (card identification code or number differ)";
	case SSCARD_E_MAC_REFUSED: return "the card refused the command's MAC";
	case SSCARD_E_KEY_LAST_TRY: return "one try left on the card's terminal key: confirmation required";
	case SSCARD_E_PIN_WRONG: return "wrong PIN";
	case SSCARD_E_PIN_LOCKED: return "PIN locked";
	case SSCARD_E_PIN_FORMAT: return "PIN must be 4 to 12 digits";
	case SSCARD_E_PIN_REQUIRED: return "PIN verification required";
	case SSCARD_E_PIN_LAST_TRY: return "only one PIN try left: confirmation required";
	case SSCARD_E_PIN_UNUSABLE: return "PIN not usable (reference data invalidated)";
	case SSCARD_E_PINPAD_TIMEOUT: return "PIN pad timed out";
	case SSCARD_E_PINPAD_CANCELLED: return "PIN entry cancelled on the PIN pad";
	case SSCARD_E_PIN_TRIES_UNKNOWN: return "the card does not tell how many PIN tries are left: a wrong PIN may lock it; confirmation required";
	case SSCARD_E_PIN_INITIAL: return "the initial PIN 123456 is set only when the holder asks for it";
	case SSCARD_E_INVALID_ARG: return "invalid argument";
	case SSCARD_E_BUFFER_TOO_SMALL: return "buffer too small";
	case SSCARD_E_WRONG_THREAD: return "handle used from another thread";
	case SSCARD_E_PROFILE: return "region profile unknown or malformed";
	case SSCARD_E_KEYFILE: return "key file unreadable, malformed or readable by others";
	case SSCARD_E_NO_MEMORY: return "out of memory";
	case SSCARD_E_INTERNAL: return "internal error";
	default: return "unknown error";
	}
}

const char *sscard_strerror(int err)
{
	return sscardi_strerror(err);
}
