/*
 * GET /v1/doctor: what sscard-info --doctor --json tells, for the page
 * that has to say why nothing reads: the PC/SC service, the readers, the
 * USB devices, the PSAM and the card, and the first problem in English.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "sscardd.h"

#define MAX_DEV 32
#define MAX_READERS 16

static json_object *usb_part(void)
{
	struct sscard_usb_device devs[MAX_DEV];
	json_object *arr;
	size_t n = 0, i;
	int rv = sscard_usb_list(devs, MAX_DEV, &n);

	if (rv < 0)
		return out_failed(rv, 0, NULL);
	arr = json_object_new_array();
	for (i = 0; i < n && i < MAX_DEV; i++)
		json_object_array_add(arr, out_usb(&devs[i]));
	return arr;
}

static json_object *psam_part(sscard_ctx *ctx)
{
	sscard_keys *keys = NULL;
	json_object *j;

	if (sscard_keys_from_psam(ctx, NULL, &keys) < 0)
		return NULL;
	j = json_object_new_object();
	json_object_object_add(j, "reader", out_str(sscard_keys_reader(keys)));
	json_object_object_add(j, "terminal", out_str(sscard_keys_terminal(keys)));
	sscard_keys_free(keys);
	return j;
}

/* the card part; *problem set when it is the first one */
static json_object *card_part(sscard_ctx *ctx, char *problem, size_t size)
{
	struct sscard_basic b;
	sscard *card = NULL;
	json_object *j;
	int rv = sscard_connect(ctx, NULL, &card);

	memset(&b, 0, sizeof(b));
	if (rv == 0)
		rv = sscard_read_basic(card, &b);
	if (b.holder_status != 0)
		rv = 0;     /* the holder part wants a key: the reader works */
	if (rv == SSCARD_E_NO_CARD || rv == SSCARD_E_NO_READER) {
		snprintf(problem, size, "no card in any reader: insert the card "
			 "chip first, face up");
		sscard_disconnect(card);
		return NULL;
	}
	j = json_object_new_object();
	json_object_object_add(j, "reader",
			       out_str(card ? sscard_reader_name(card) : NULL));
	json_object_object_add(j, "number", out_str(rv == 0 ? b.number : NULL));
	if (rv < 0) {
		snprintf(problem, size, "card: %s", sscard_strerror(rv));
		json_object_object_add(j, "error", out_error(rv,
			card ? sscard_last_sw(card) : 0, b.error_field));
	}
	sscard_disconnect(card);
	return j;
}

json_object *doctor_json(sscard_ctx *ctx)
{
	struct sscard_reader readers[MAX_READERS];
	struct sscard_pcsc_info pcsc;
	json_object *root = out_root();
	char problem[256] = "";
	size_t nr = 0;

	sscard_pcsc_probe(&pcsc);
	json_object_object_add(root, "pcsc", out_pcsc(&pcsc));
	if (pcsc.context == 0 &&
	    sscard_list_readers(ctx, readers, MAX_READERS, &nr) < 0)
		nr = 0;
	if (nr > MAX_READERS)
		nr = MAX_READERS;
	json_object_object_add(root, "readers", pcsc.context == 0
			       ? out_readers(readers, nr) : NULL);
	json_object_object_add(root, "usb", usb_part());
	if (pcsc.context != 0)
		snprintf(problem, sizeof(problem), "pcscd is not reachable: %s",
			 sscard_strerror(pcsc.context));
	else if (nr == 0)
		snprintf(problem, sizeof(problem), "no reader: plug in a CCID reader");
	json_object_object_add(root, "psam", nr > 0 ? psam_part(ctx) : NULL);
	/* with readers there is no problem yet: the card's is the first */
	json_object_object_add(root, "card", nr > 0
			       ? card_part(ctx, problem, sizeof(problem)) : NULL);
	json_object_object_add(root, "ok", json_object_new_boolean(problem[0] == '\0'));
	json_object_object_add(root, "problem", out_str(problem));
	return root;
}
