/*
 * Condition variables whose deadlines are on CLOCK_MONOTONIC: a step of
 * the wall clock moves none of them.  sscardd's queues and
 * libSSCardDriver's worker wait on these.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_COND_H
#define SSCARD_COND_H

#include <pthread.h>

void cond_init_monotonic(pthread_cond_t *cond);

#endif
