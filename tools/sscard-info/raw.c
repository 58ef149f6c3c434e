/*
 * sscard-info --apdu: raw commands through sscard_transmit(), each checked
 * before the first is sent (PIN commands are refused).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "info.h"

static int unhex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex != '\0'; hex++) {
		int v;

		if (*hex == ' ' || *hex == ':')
			continue;
		if (*hex >= '0' && *hex <= '9')
			v = *hex - '0';
		else if ((*hex | 0x20) >= 'a' && (*hex | 0x20) <= 'f')
			v = (*hex | 0x20) - 'a' + 10;
		else
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= max)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (int)n : -1;
}

/* Every --apdu is checked before anything is sent. */
int check_apdus(const struct opts *o)
{
	unsigned char cmd[261];
	int i, n;

	for (i = 0; i < o->napdu; i++) {
		n = unhex(o->apdu[i], cmd, sizeof(cmd));
		if (n < 4) {
			fprintf(stderr, _("sscard-info: bad APDU '%s'\n"),
				o->apdu[i]);
			return -1;
		}
		if (sscard_apdu_is_pin_command(cmd, (size_t)n)) {
			fprintf(stderr, _("sscard-info: PIN commands are not sent "
					"raw; use --verify-pin\n"));
			sscard_cleanse(cmd, sizeof(cmd));
			return -1;
		}
	}
	return 0;
}

/* --apdu: raw commands through sscard_transmit(). */
int send_apdus(sscard *card, const struct opts *o)
{
	json_object *arr = o->json ? json_object_new_array() : NULL;
	unsigned char cmd[261], resp[8192];
	int i, n, rv = 0;

	for (i = 0; i < o->napdu && rv == 0; i++) {
		size_t len = sizeof(resp);

		n = unhex(o->apdu[i], cmd, sizeof(cmd));    /* checked */
		rv = sscard_transmit(card, cmd, (size_t)n, resp, &len);
		if (rv < 0)
			break;
		if (arr != NULL) {
			json_object *x = json_object_new_object();

			json_object_object_add(x, "command",
					       out_hex(cmd, (size_t)n));
			json_object_object_add(x, "data", len > 2 ?
				json_object_new_string_len("", 0) : NULL);
			if (len > 2) {
				char *hex = malloc(2 * len + 1);
				size_t k;

				for (k = 0; hex != NULL && k < len - 2; k++)
					snprintf(hex + 2 * k, 3, "%02X",
						 resp[k]);
				if (hex != NULL)
					json_object_object_add(x, "data",
						json_object_new_string(hex));
				free(hex);
			}
			json_object_object_add(x, "sw",
					       out_hex(resp + len - 2, 2));
			json_object_array_add(arr, x);
		} else {
			size_t k;

			printf("> %s\n<", o->apdu[i]);
			for (k = 0; k < len; k++)
				printf(" %02X", resp[k]);
			printf("\n");
		}
	}
	if (arr != NULL) {
		json_object *root = out_root();

		json_object_object_add(root, "reader", json_object_new_string(
			sscard_reader_name(card)));
		json_object_object_add(root, "apdus", arr);
		if (rv < 0)
			json_object_object_add(
				root, "error",
				out_error(rv, sscard_last_sw(card), NULL));
		out_print(stdout, root);
		json_object_put(root);
	} else if (rv < 0) {
		fprintf(stderr, _("sscard-info: %s\n"), info_error(rv));
	}
	return rv;
}
