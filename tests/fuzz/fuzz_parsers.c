/*
 * libFuzzer: every apdu/ parser that reads card bytes, picked by the first
 * input byte: records, BER-TLV, BCD/an/dates, ATR, GB18030, JPEG.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "apdu.h"

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
	switch (data[0] % 7) {
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
	default:
		if (size > 1)
			sscardi_cardno_check(memchr(data + 1, 0, size - 1)
						     ? (const char *)data + 1 : "");
		break;
	}
	return 0;
}
