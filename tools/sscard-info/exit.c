/*
 * sscard-info's exit status for a library error (sscard-info(1), EXIT
 * STATUS): one table for every mode.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "info.h"

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
	case SSCARD_E_NO_PSAM:
	case SSCARD_E_NO_KEY:
	case SSCARD_E_KEY_WRONG:
	case SSCARD_E_KEY_LOCKED:
	case SSCARD_E_KEY_LAST_TRY:
	case SSCARD_E_NO_KEY_STORE:
	case SSCARD_E_PSAM_REMOVED:
	case SSCARD_E_HSM:
		return EXIT_AUTH;
	case SSCARD_E_NOT_GENUINE:
		return EXIT_NOT_GENUINE;
	case SSCARD_E_CARD_MISMATCH:
		return EXIT_WRONG_CARD;
	case SSCARD_E_MAC_REFUSED:
		return EXIT_AUTH;
	case SSCARD_E_PIN_INITIAL:
		return EXIT_PIN;
	case SSCARD_E_INVALID_ARG:
	case SSCARD_E_PROFILE:
	case SSCARD_E_KEYFILE:
		return EXIT_USAGE;
	default:
		return EXIT_FAILURE_OTHER;
	}
}
