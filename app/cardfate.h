/*
 * What an error says about the card handle a program keeps open: the one
 * "card gone" list of the CLI, sscardd and libSSCardDriver.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_CARDFATE_H
#define SSCARD_CARDFATE_H

enum card_fate {
	CARD_KEPT,     /* the handle still serves: the error was the card's */
	CARD_SWAPPED,  /* this insertion is over; a new handle may serve */
	CARD_LOST,     /* reader, PSAM or pcscd gone: no handle serves now */
};

enum card_fate card_fate(int rv);

/* Nothing to read yet (no reader, no card, the card just left): what a
 * program that waits for a card keeps waiting on. */
int card_absent(int rv);

#endif
