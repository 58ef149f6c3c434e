/*
 * The pcsc-lite backend as the library sees it: one table of its context
 * side (pcsc.c) and its channel side (transport_pcsc.c).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "internal.h"
#include "pcsc.h"

const struct sscardi_backend sscardi_pcsc_backend = {
	.name = "pcsc",
	.new = sscardi_pcsc_new,
	.free = sscardi_pcsc_free,
	.establish = sscardi_pcsc_establish,
	.readers = sscardi_pcsc_readers,
	.wait = sscardi_pcsc_wait,
	.cancel = sscardi_pcsc_cancel,
	.probe = sscardi_pcsc_probe,
	.io_new = sscardi_pcsc_io_new,
	.chan = &sscardi_pcsc_chan,
};
