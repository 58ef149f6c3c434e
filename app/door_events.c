/*
 * door_event_doc(): one card or reader event as the document every door
 * sends (the keys of sscard-info --watch --json): an inserted card read
 * first, with the key source of the door's settings, and its message
 * carries the basic info; a PSAM in a SAM slot said as such.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "door.h"
#include "output.h"

static json_object *event_msg(const char *event, const char *reader)
{
	json_object *msg = out_root();

	json_object_object_add(msg, "event", json_object_new_string(event));
	json_object_object_add(msg, "reader", out_str(reader));
	return msg;
}

static void count(sscard *card, sscard_keys *keys,
		  struct door_event_count *n)
{
	struct sscard_stats st;

	if (card != NULL) {
		sscard_get_stats(card, &st);
		n->card = st;
	}
	if (keys != NULL) {
		sscard_keys_get_stats(keys, &st);
		n->psam_apdus += st.apdus;
	}
}

/* a PSAM in a SAM slot is said as such, not as an error */
static json_object *psam_msg(sscard_ctx *ctx, const char *reader,
			     struct door_event_count *n)
{
	sscard_keys *keys;
	json_object *msg, *p;

	if (sscard_keys_from_psam(ctx, reader, &keys) < 0)
		return NULL;
	count(NULL, keys, n);
	msg = event_msg("inserted", reader);
	p = json_object_new_object();
	json_object_object_add(p, "reader", out_str(reader));
	json_object_object_add(p, "terminal",
			       out_str(sscard_keys_terminal(keys)));
	json_object_object_add(msg, "psam", p);
	sscard_keys_free(keys);
	return msg;
}

static json_object *inserted(sscard_ctx *ctx, const struct door_conf *conf,
			     const char *reader, struct door_event_count *n)
{
	struct sscard_basic b;
	sscard_keys *keys = NULL;
	sscard *card = NULL;
	json_object *msg = NULL;
	int rv = sscard_connect(ctx, reader, &card);

	memset(&b, 0, sizeof(b));
	if (rv == 0 && door_keys(ctx, conf, reader, &keys) == 0 &&
	    keys != NULL)
		sscard_use_keys(card, keys);
	if (rv == 0)
		rv = sscard_read_basic(card, &b);
	if (rv == SSCARD_E_NOT_SSCARD)
		msg = psam_msg(ctx, reader, n);
	if (msg == NULL && rv < 0 && b.holder_status == 0) {
		msg = event_msg("error", reader);
		json_object_object_add(msg, "error", out_error(rv,
			card != NULL ? sscard_last_sw(card) : 0, NULL));
	} else if (msg == NULL) {
		msg = event_msg("inserted", NULL);
		out_basic(msg, reader, &b);
	}
	count(card, keys, n);
	sscard_disconnect(card);
	sscard_keys_free(keys);
	sscard_cleanse(&b, sizeof(b));
	return msg;
}

static const char *event_name(int type)
{
	switch (type) {
	case SSCARD_EVENT_CARD_REMOVED: return "removed";
	case SSCARD_EVENT_READER_ADDED: return "reader_added";
	default: return "reader_removed";
	}
}

json_object *door_event_doc(sscard_ctx *ctx, const struct door_conf *conf,
			    const struct sscard_event *ev,
			    struct door_event_count *n)
{
	memset(n, 0, sizeof(*n));
	if (ev->type == SSCARD_EVENT_CARD_INSERTED)
		return inserted(ctx, conf, ev->reader, n);
	return event_msg(event_name(ev->type), ev->reader);
}
