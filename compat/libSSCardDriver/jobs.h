/*
 * The ministry functions' work in the worker thread (jobs.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef JOBS_H
#define JOBS_H

#include "compat.h"

int job_read_bas(struct job *j);
int job_read_bas_hsm(struct job *j);
int job_verify(struct job *j);
int job_change(struct job *j);
int job_counter(struct job *j);         /* arg2 != NULL: reload */
int job_counter_hsm(struct job *j);
int job_read_card(struct job *j);
int job_iccard_num(struct job *j);
int job_reader_info(struct job *j);     /* out: serial NUL terminal */

#endif
