/*
 * libFuzzer: a message the browser hands sscard-bridge on stdin
 * (service/sscard-bridge/frame.c), from a page's extension.  Oracle: a
 * message taken names a verb we have and an id that is JSON; a PIN taken
 * is 4 to 12 digits; and the message's bytes are wiped whatever the
 * verdict (the PIN's copy among them).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "bridge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bridge_request req;
	unsigned char head[4];
	char *msg;
	size_t i, pin_len;
	uint32_t len;
	json_object *id;
	int rv;

	if (size >= 4) {
		memcpy(head, data, 4);
		if ((frame_length(head, &len) == 0) !=
		    (len > 0 && len <= BRIDGE_IN_MAX))
			abort();
	}
	msg = malloc(size > 0 ? size : 1);
	if (msg == NULL)
		return 0;
	memcpy(msg, data, size);
	rv = frame_request(msg, size, &req);
	for (i = 0; i < size; i++)
		if (msg[i] != 0)
			abort();
	if (rv == 0) {
		if (req.verb < -1 || req.verb > BRIDGE_EVENTS)
			abort();
		id = json_tokener_parse(req.id);
		if (id == NULL && strcmp(req.id, "null") != 0)
			abort();
		json_object_put(id);
		pin_len = strlen(req.pin);
		if (req.verb == BRIDGE_PIN && (pin_len < 4 || pin_len > 12))
			abort();
		if (req.verb != BRIDGE_PIN && pin_len != 0)
			abort();
		for (i = 0; i < pin_len; i++)
			if (req.pin[i] < '0' || req.pin[i] > '9')
				abort();
	} else if (req.pin[0] != '\0') {
		abort();
	}
	free(msg);
	return 0;
}
