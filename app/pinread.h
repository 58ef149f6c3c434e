/*
 * PIN entry shared by the programs: from the terminal without echo, or one
 * line of standard input (digits and a final newline only).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_PINREAD_H
#define SSCARD_PINREAD_H

#include <stddef.h>

/* Read one PIN into buf (wiped by the caller with pin_wipe).  Returns 0,
 * or -1 when nothing usable was read (no terminal, or a line with
 * anything but digits: a format error, before any APDU). */
int pin_read(const char *prompt, int from_stdin, char *buf, size_t size);
void pin_wipe(char *buf, size_t size);
/* 1 when there is a terminal to type a PIN on (/dev/tty opens) */
int pin_terminal(void);

#endif
