/*
 * The worker's session (session.c): only the worker thread calls these.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SESSION_H
#define SESSION_H

#include "compat.h"

int session_card(struct job *j, sscard **out);
int session_stale(int rv);
sscard_keys *session_psam(void);
void session_psam_failed(void);
sscard_keys *session_hsm(void);
int session_error(struct job *j, int rv);
const char *session_terminal(void);
sscard_ctx *session_ctx(struct job *j, int *rv);
void session_pin_verified(void);

#endif
