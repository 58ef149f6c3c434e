/*
 * The service's state, shared by its threads (sscardd.h), and the way a
 * worker gives a job back to the loop.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sscardd.h"

struct service svc;

void service_done(struct job *j)
{
	queue_push(&svc.done, j);
	lws_cancel_service(svc.lws);
}
