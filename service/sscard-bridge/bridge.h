/*
 * sscard-bridge: the native messaging host of the browser extension
 * (org.libsscard.bridge).  The browser starts it for a page's port and
 * talks on stdin/stdout: a 32-bit length in this machine's byte order,
 * then that many bytes of UTF-8 JSON.  It answers the verbs of sscardd's
 * JSON API with the same documents, through the application core's door;
 * the page's origin comes from the extension (the browser's sender), and
 * sscardd's allow_origin lines decide.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARD_BRIDGE_H
#define SSCARD_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#define BRIDGE_IN_MAX 65536             /* browser -> host, ours */
#define BRIDGE_OUT_MAX (1024 * 1024)    /* host -> browser, the browsers' */
#define BRIDGE_ID_MAX 64
#define BRIDGE_ORIGIN_MAX 256

enum bridge_verb {
	BRIDGE_VERSION,
	BRIDGE_READERS,
	BRIDGE_CARD,
	BRIDGE_PHOTO,
	BRIDGE_PIN,
	BRIDGE_MEDICAL,
	BRIDGE_DOCTOR,
	BRIDGE_EVENTS
};

struct bridge_request {
	char id[BRIDGE_ID_MAX + 3];     /* the id as JSON text ("null": none) */
	int verb;                       /* enum bridge_verb, -1 unknown */
	char verb_name[24];             /* as sent, for the error */
	char origin[BRIDGE_ORIGIN_MAX];
	char pin[16];                   /* BRIDGE_PIN; wiped after */
	unsigned pin_flags;
	int fresh;
	int zh;                         /* 1 "zh", 0 "en", -1 not said */
};

/* frame.c (pure: no I/O, fuzzed) */
/* The length of the next message from its 4 bytes: 0, or -1 when it is 0
 * or over BRIDGE_IN_MAX. */
int frame_length(const unsigned char head[4], uint32_t *len);
/* One message into req: 0; -1 not a JSON object of ours (req->id may
 * still name it); -2 a PIN that is not 4 to 12 digits.  The PIN's text in
 * msg is wiped. */
int frame_request(char *msg, size_t len, struct bridge_request *req);

#endif
