/*
 * card_fate(), card_absent(): see cardfate.h.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sscard.h"

#include "cardfate.h"

enum card_fate card_fate(int rv)
{
	switch (rv) {
	case SSCARD_E_CARD_REMOVED:
	case SSCARD_E_CARD_RESET:
	case SSCARD_E_NO_CARD:
		return CARD_SWAPPED;
	case SSCARD_E_NO_READER:
	case SSCARD_E_NO_SERVICE:
	case SSCARD_E_READER:
	case SSCARD_E_PSAM_REMOVED:
		return CARD_LOST;
	default:
		return CARD_KEPT;
	}
}

int card_absent(int rv)
{
	return rv == SSCARD_E_NO_CARD || rv == SSCARD_E_NO_READER ||
	       rv == SSCARD_E_CARD_REMOVED;
}
