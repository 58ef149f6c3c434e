/*
 * libFuzzer: the JSON writer of every door (app/output.c) with
 * text from outside (pcscd's reader names, USB strings): any bytes.
 * Oracle: the document it writes is valid UTF-8 and parses back; text that
 * was UTF-8 comes back unchanged (anything else has U+FFFD in place of
 * each stray byte).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is s[n] well-formed UTF-8?  The oracle's own reading, the Unicode
 * standard's table of well-formed byte sequences (Table 3-7), not
 * output.c's decoder. */
static int well_formed(const unsigned char *s, size_t n)
{
	static const struct {
		unsigned char lead_lo, lead_hi, second_lo, second_hi;
		int len;
	} rows[] = {
		{ 0x00, 0x7F, 0, 0, 1 },
		{ 0xC2, 0xDF, 0x80, 0xBF, 2 },
		{ 0xE0, 0xE0, 0xA0, 0xBF, 3 },
		{ 0xE1, 0xEC, 0x80, 0xBF, 3 },
		{ 0xED, 0xED, 0x80, 0x9F, 3 },
		{ 0xEE, 0xEF, 0x80, 0xBF, 3 },
		{ 0xF0, 0xF0, 0x90, 0xBF, 4 },
		{ 0xF1, 0xF3, 0x80, 0xBF, 4 },
		{ 0xF4, 0xF4, 0x80, 0x8F, 4 },
	};
	size_t i = 0, r;
	int k;

	while (i < n) {
		for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++)
			if (s[i] >= rows[r].lead_lo && s[i] <= rows[r].lead_hi)
				break;
		if (r == sizeof(rows) / sizeof(rows[0]) ||
		    i + (size_t)rows[r].len > n)
			return 0;
		if (rows[r].len > 1 && (s[i + 1] < rows[r].second_lo ||
					s[i + 1] > rows[r].second_hi))
			return 0;
		for (k = 2; k < rows[r].len; k++)
			if (s[i + (size_t)k] < 0x80 || s[i + (size_t)k] > 0xBF)
				return 0;
		i += (size_t)rows[r].len;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_object *doc, *back, *name;
	char *text;
	const char *got;

	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	doc = json_object_new_object();
	json_object_object_add(doc, "reader", out_utf8(text));
	got = out_text(doc);
	if (!well_formed((const unsigned char *)got, strlen(got)))
		abort();
	back = json_tokener_parse(got);
	if (back == NULL || !json_object_object_get_ex(back, "reader", &name))
		abort();
	if (well_formed((const unsigned char *)text, strlen(text)) &&
	    strcmp(json_object_get_string(name), text) != 0)
		abort();
	json_object_put(back);
	json_object_put(doc);
	free(text);
	return 0;
}
