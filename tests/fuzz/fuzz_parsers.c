/*
 * libFuzzer: every apdu/ parser that reads card bytes, picked by the first
 * input byte: records, BER-TLV, BCD/an/dates, ATR, GB18030, JPEG, the
 * PIN pad's feature list, the trace's masking of answers, and the text
 * files the library reads (region profiles, the reader table's lines).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* The bytes as a file, for the loaders that read files. */
static const char *as_file(const uint8_t *data, size_t size)
{
	static char path[64];
	FILE *f;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/fuzz-parsers-%ld",
			 (long)getpid());
	f = fopen(path, "w");
	if (f == NULL)
		return NULL;
	fwrite(data, 1, size, f);
	fclose(f);
	return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static iconv_t cd = (iconv_t)-1;
	struct sscardi_tlv t;
	struct sscardi_atr atr;
	const uint8_t *v, *p;
	char out[512];
	uint64_t u;
	size_t n, end, left;

	if (size < 1)
		return 0;
	if (cd == (iconv_t)-1)
		cd = iconv_open("UTF-8", "GB18030");
	switch (data[0] % 10) {
	case 0:
		if (size > 1)
			sscardi_rec_parse(data + 1, size - 1, data[1], &v, &n);
		break;
	case 1:
		sscardi_ber_find(data + 1, size - 1, 0x9F79, &t);
		sscardi_ber_find(data + 1, size - 1, 0x57, &t);
		p = data + 1;
		left = size - 1;
		while (sscardi_ber_next(&p, &left, &t) == 0)
			;
		break;
	case 2:
		sscardi_cn_to_str(data + 1, size - 1, out, sizeof(out));
		sscardi_n_to_str(data + 1, size - 1, out, sizeof(out));
		sscardi_n_to_u64(data + 1, size - 1, &u);
		sscardi_an_to_str(data + 1, size - 1, out, sizeof(out));
		sscardi_hex(data + 1, size - 1, out, sizeof(out));
		sscardi_date8(data + 1, size - 1, out);
		sscardi_date6(data + 1, size - 1, out);
		break;
	case 3:
		sscardi_atr_parse(data + 1, size - 1, &atr);
		break;
	case 4:
		sscardi_gb18030_to_utf8(cd, data + 1, size - 1, out, sizeof(out));
		break;
	case 5:
		sscardi_jpeg_scan(data + 1, size - 1, &end);
		break;
	case 7: {
		uint32_t verify, modify;

		sscardi_pinpad_features(data + 1, size - 1, &verify, &modify);
		break;
	}
	case 8: {
		uint8_t hide[SSCARDI_RAPDU_MAX];
		size_t cmd_len = size > 5 ? 5 : size - 1;

		if (size - 1 - cmd_len <= sizeof(hide))
			sscardi_redact_answer(data + 1, cmd_len, data[0] & 0x80,
					      data + 1 + cmd_len,
					      size - 1 - cmd_len, hide);
		break;
	}
	case 9: {
		struct sscardi_region r;
		const char *path = as_file(data + 1, size - 1);
		FILE *f;

		if (path == NULL)
			break;
		sscardi_region_load(path, &r, out, sizeof(out));
		f = sscardi_open_config(path);
		if (f != NULL) {
			while (sscardi_config_line(f, out, 160) != SSCARDI_LINE_EOF)
				;
			fclose(f);
		}
		break;
	}
	default:
		if (size > 1)
			sscardi_cardno_check(memchr(data + 1, 0, size - 1)
						     ? (const char *)data + 1 : "");
		break;
	}
	return 0;
}
