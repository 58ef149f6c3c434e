/*
 * GET /v1/doctor: the shared doctor's report (app/doctor.c),
 * the same document sscard-info --doctor --json prints, for the page that
 * has to say why nothing reads.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include "doctor.h"
#include "sscardd.h"

json_object *doctor_answer(sscard_ctx *ctx)
{
	struct doctor_report *r = malloc(sizeof(*r));
	json_object *root;

	if (r == NULL)
		return NULL;
	doctor_run(ctx, r);
	root = doctor_json(r);
	free(r);
	return root;
}
