/*
 * apdu/: every codec function, with malformed input.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "apdu.h"

static void build_cases(void **state)
{
	uint8_t out[300], data[256];
	const uint8_t aid[2] = { 0xEF, 0x05 };
	(void)state;

	/* case 1 */
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0x00, 0x20, 0, 0,
					    NULL, 0, SSCARDI_NO_LE), 4);
	assert_memory_equal(out, "\x00\x20\x00\x00", 4);
	/* case 2, Le 256 encoded as 00 */
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0x00, 0xB2, 7,
					    0x2C, NULL, 0, 256), 5);
	assert_memory_equal(out, "\x00\xB2\x07\x2C\x00", 5);
	/* case 3 */
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0x00, 0xA4, 2, 0,
					    aid, 2, SSCARDI_NO_LE), 7);
	assert_memory_equal(out, "\x00\xA4\x02\x00\x02\xEF\x05", 7);
	/* case 4 */
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0x80, 0xA8, 0, 0,
					    aid, 2, 256), 8);
	assert_int_equal(out[7], 0x00);
	/* limits */
	memset(data, 0, sizeof(data));
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0, 0xD6, 0, 0,
					    data, 255, 256), 261);
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0, 0xD6, 0, 0,
					    data, 256, SSCARDI_NO_LE),
			 SSCARD_E_INVALID_ARG);
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0, 0xB0, 0, 0,
					    NULL, 0, 257), SSCARD_E_INVALID_ARG);
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0, 0xB0, 0, 0,
					    NULL, 0, 0), SSCARD_E_INVALID_ARG);
	assert_int_equal(sscardi_apdu_build(out, 4, 0, 0xB0, 0, 0, NULL, 0, 1),
			 SSCARD_E_BUFFER_TOO_SMALL);
	assert_int_equal(sscardi_apdu_build(out, sizeof(out), 0, 0xD6, 0, 0,
					    NULL, 3, SSCARDI_NO_LE),
			 SSCARD_E_INVALID_ARG);
}

static void parse_response(void **state)
{
	struct sscardi_rapdu r;
	const uint8_t ok[] = { 0x01, 0x02, 0x90, 0x00 };
	(void)state;

	assert_int_equal(sscardi_apdu_parse(ok, 4, &r), 0);
	assert_int_equal(r.len, 2);
	assert_int_equal(r.sw, 0x9000);
	assert_int_equal(sscardi_apdu_parse(ok + 2, 2, &r), 0);
	assert_int_equal(r.len, 0);
	assert_int_equal(sscardi_apdu_parse(ok, 1, &r), SSCARD_E_PROTOCOL);
	assert_int_equal(sscardi_apdu_parse(ok, 0, &r), SSCARD_E_PROTOCOL);
}

static void secret_commands(void **state)
{
	(void)state;
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x00\x20\x00\x00\x03\x12\x34\x56", 8));
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x00\x24\x00\x00", 4));
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x00\x2C\x00\x00", 4));
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x80\x5E\x01\x00", 4));
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x84\x24\x00\x01", 4));
	assert_false(sscardi_apdu_is_secret((const uint8_t *)"\x00\xB2\x01\x2C\x12", 5));
	/* the odd-INS forms and CHANGE PIN in any class (one list) */
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x00\x5E\x01\x00", 4));
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x00\x21\x00\x00", 4));
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x00\x25\x00\x00", 4));
	assert_true(sscardi_apdu_is_secret((const uint8_t *)"\x00\x2D\x00\x00", 4));
	assert_true(sscard_apdu_is_pin_command((const uint8_t *)"\x00\x2D\x00\x00", 4));
	assert_false(sscard_apdu_is_pin_command((const uint8_t *)"\x00\x84\x00\x00\x08", 5));
	assert_false(sscardi_apdu_is_secret((const uint8_t *)"\x00\x20", 2));
}

static void status_words(void **state)
{
	(void)state;
	assert_int_equal(sscardi_sw_to_err(0x9000), 0);
	assert_int_equal(sscardi_sw_to_err(0x63C2), SSCARD_E_PIN_WRONG);
	assert_int_equal(sscardi_sw_tries(0x63C2), 2);
	assert_int_equal(sscardi_sw_to_err(0x63C0), SSCARD_E_PIN_LOCKED);
	assert_int_equal(sscardi_sw_tries(0x63C0), 0);
	assert_int_equal(sscardi_sw_tries(0x9000), -1);
	assert_int_equal(sscardi_sw_to_err(0x6983), SSCARD_E_PIN_LOCKED);
	assert_int_equal(sscardi_sw_to_err(0x6982), SSCARD_E_PIN_REQUIRED);
	assert_int_equal(sscardi_sw_to_err(0x6A81), SSCARD_E_APP_BLOCKED);
	assert_int_equal(sscardi_sw_to_err(0x6283), SSCARD_E_APP_BLOCKED);
	assert_int_equal(sscardi_sw_to_err(0x6A82), SSCARD_E_NOT_FOUND);
	assert_int_equal(sscardi_sw_to_err(0x6A83), SSCARD_E_NOT_FOUND);
	assert_int_equal(sscardi_sw_to_err(0x6985), SSCARD_E_CARD_STATUS);
	assert_int_equal(sscardi_sw_to_err(0x6700), SSCARD_E_PROTOCOL);
	assert_int_equal(sscardi_sw_to_err(0x6C10), SSCARD_E_PROTOCOL);
	assert_int_equal(sscardi_sw_to_err(0x6D00), SSCARD_E_NOT_SUPPORTED);
	assert_int_equal(sscardi_sw_to_err(0x1234), SSCARD_E_CARD_STATUS);
	assert_string_equal(sscardi_sw_text(0x6A82), "file not found");
	assert_string_equal(sscardi_sw_text(0x6110),
			    "more data available (GET RESPONSE)");
	assert_string_equal(sscardi_sw_text(0x6C05),
			    "wrong Le, exact length in SW2");
	assert_string_equal(sscardi_sw_text(0x1234), "unknown status");
	/* 63Cx is a PIN's after VERIFY, a terminal key's after EXTERNAL
	 * AUTHENTICATE */
	assert_string_equal(sscardi_sw_text_after(0x20, 0x63C2),
			    "wrong PIN, tries left in low nibble");
	assert_string_equal(sscardi_sw_text_after(0x82, 0x63C2),
			    "wrong terminal key (wrong PSAM region or key "
			    "file), tries left in low nibble");
	assert_string_equal(sscardi_sw_text_after(0x82, 0x63C0),
			    "wrong terminal key, no tries left: key locked");
	assert_string_equal(sscardi_sw_text_after(0x82, 0x6A82),
			    "file not found");
}

static void simple_records(void **state)
{
	const uint8_t rec[] = { 0x07, 0x09, 'B', 'A', '0', '0', '1', '0', '5',
				'4', '7' };
	const uint8_t padded[] = { 0x02, 0x01, '3', 0x00, 0xFF };
	const uint8_t junk[] = { 0x02, 0x01, '3', 0x41 };
	const uint8_t *v;
	size_t n;
	(void)state;

	assert_int_equal(sscardi_rec_parse(rec, sizeof(rec), 0x07, &v, &n), 0);
	assert_int_equal(n, 9);
	assert_memory_equal(v, "BA0010547", 9);
	assert_int_equal(sscardi_rec_parse(rec, sizeof(rec), 0x08, &v, &n),
			 SSCARD_E_CARD_DATA);               /* wrong tag */
	assert_int_equal(sscardi_rec_parse(rec, sizeof(rec) - 1, 0x07, &v, &n),
			 SSCARD_E_CARD_DATA);               /* truncated */
	assert_int_equal(sscardi_rec_parse(rec, 1, 0x07, &v, &n),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_rec_parse(padded, sizeof(padded), 0x02, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(sscardi_rec_parse(junk, sizeof(junk), 0x02, &v, &n),
			 SSCARD_E_CARD_DATA);
}

static void ber_tlv(void **state)
{
	/* 70 { 5A PAN, 9F79 n12, 5F24 } with padding before the end */
	const uint8_t rec[] = { 0x70, 0x14, 0x5A, 0x02, 0x62, 0x28,
				0x9F, 0x79, 0x06, 0, 0, 0, 0x01, 0x23, 0x45,
				0x5F, 0x24, 0x03, 0x29, 0x12, 0x31, 0x00 };
	const uint8_t longlen[] = { 0x9F, 0x4F, 0x81, 0x02, 0xAA, 0xBB };
	const uint8_t bad_len[] = { 0x70, 0x05, 0x5A, 0x02, 0x62 };
	const uint8_t bad_tag[] = { 0x9F };
	const uint8_t endless_tag[] = { 0x9F, 0x81, 0x81, 0x81, 0x01, 0x00 };
	const uint8_t indefinite[] = { 0x70, 0x80, 0x00, 0x00 };
	const uint8_t *p;
	size_t left;
	struct sscardi_tlv t;
	uint64_t amount;
	char date[11];
	(void)state;

	assert_int_equal(sscardi_ber_find(rec, sizeof(rec), 0x9F79, &t), 0);
	assert_int_equal(t.len, 6);
	assert_int_equal(sscardi_n_to_u64(t.val, t.len, &amount), 0);
	assert_int_equal(amount, 12345);
	assert_int_equal(sscardi_ber_find(rec, sizeof(rec), 0x5F24, &t), 0);
	assert_int_equal(sscardi_date6(t.val, t.len, date), 0);
	assert_string_equal(date, "2029-12-31");
	assert_int_equal(sscardi_ber_find(rec, sizeof(rec), 0x9F36, &t),
			 SSCARD_E_NO_DATA);
	assert_int_equal(sscardi_ber_find(longlen, sizeof(longlen), 0x9F4F, &t), 0);
	assert_int_equal(t.len, 2);
	assert_int_equal(sscardi_ber_find(bad_len, sizeof(bad_len), 0x5A, &t),
			 SSCARD_E_CARD_DATA);
	p = bad_tag;
	left = sizeof(bad_tag);
	assert_int_equal(sscardi_ber_next(&p, &left, &t), SSCARD_E_CARD_DATA);
	p = endless_tag;
	left = sizeof(endless_tag);
	assert_int_equal(sscardi_ber_next(&p, &left, &t), SSCARD_E_CARD_DATA);
	p = indefinite;
	left = sizeof(indefinite);
	assert_int_equal(sscardi_ber_next(&p, &left, &t), SSCARD_E_CARD_DATA);
}

static void bcd_fields(void **state)
{
	char out[16];
	uint64_t v;
	const uint8_t place[] = { 0x52, 0x01, 0x0F };
	const uint8_t inner_pad[] = { 0x5F, 0x01 };
	const uint8_t bad[] = { 0x1A };
	const uint8_t huge[] = { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99,
				 0x99, 0x99, 0x99, 0x99 };
	(void)state;

	assert_int_equal(sscardi_cn_to_str(place, 3, out, sizeof(out)), 5);
	assert_string_equal(out, "52010");
	assert_int_equal(sscardi_cn_to_str(inner_pad, 2, out, sizeof(out)),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_cn_to_str(bad, 1, out, sizeof(out)),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_n_to_str(place, 3, out, sizeof(out)),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_n_to_str(place, 2, out, sizeof(out)), 4);
	assert_int_equal(sscardi_n_to_str(place, 2, out, 4),
			 SSCARD_E_BUFFER_TOO_SMALL);
	assert_int_equal(sscardi_n_to_u64(huge, 10, &v), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_n_to_u64(huge, 9, &v), 0);
	assert_true(v == 999999999999999999ULL);
	assert_int_equal(sscardi_n_to_u64(bad, 1, &v), SSCARD_E_CARD_DATA);
}

static void text_fields(void **state)
{
	char out[16];
	const uint8_t an[] = { '1', '.', '0', '0', 0x20, 0x00, 0xFF };
	const uint8_t ctl[] = { 'A', 0x07, 'B' };
	const uint8_t bin[] = { 0x52, 0x03, 0xD1 };
	(void)state;

	assert_int_equal(sscardi_an_to_str(an, sizeof(an), out, sizeof(out)), 4);
	assert_string_equal(out, "1.00");
	assert_int_equal(sscardi_an_to_str(ctl, sizeof(ctl), out, sizeof(out)),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_an_to_str(an, 4, out, 4),
			 SSCARD_E_BUFFER_TOO_SMALL);
	assert_int_equal(sscardi_hex(bin, 3, out, sizeof(out)), 6);
	assert_string_equal(out, "5203D1");
	assert_int_equal(sscardi_hex(bin, 3, out, 6), SSCARD_E_BUFFER_TOO_SMALL);
	assert_int_equal(sscardi_strip_pad(an, 6), 4);
}

static void dates(void **state)
{
	char d[11];
	const uint8_t ok[] = { 0x20, 0x29, 0x11, 0x20 };
	const uint8_t leap[] = { 0x20, 0x24, 0x02, 0x29 };
	const uint8_t not_leap[] = { 0x21, 0x00, 0x02, 0x29 };
	const uint8_t month13[] = { 0x20, 0x19, 0x13, 0x01 };
	const uint8_t day0[] = { 0x20, 0x19, 0x01, 0x00 };
	const uint8_t nibble[] = { 0x20, 0x1A, 0x01, 0x01 };
	const uint8_t yymmdd[] = { 0x29, 0x02, 0x30 };
	(void)state;

	assert_int_equal(sscardi_date8(ok, 4, d), 0);
	assert_string_equal(d, "2029-11-20");
	assert_int_equal(sscardi_date8(leap, 4, d), 0);
	assert_int_equal(sscardi_date8(not_leap, 4, d), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_date8(month13, 4, d), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_date8(day0, 4, d), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_date8(nibble, 4, d), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_date8(ok, 3, d), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_date6(yymmdd, 3, d), SSCARD_E_CARD_DATA);
}

static void gb18030(void **state)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char out[64];
	/* 林岩 in GBK; 𫖯 (U+2B5AF) is a four-byte GB18030 sequence */
	const uint8_t name[] = { 0xC1, 0xD6, 0xD1, 0xD2 };
	const uint8_t rare[] = { 0xD6, 0xDC, 0x98, 0x38, 0xF5, 0x37 };
	const uint8_t invalid[] = { 0xC1, 0x20 };
	const uint8_t truncated[] = { 0xC1 };
	const uint8_t control[] = { 'A', 0x01 };
	(void)state;

	assert_true(cd != (iconv_t)-1);
	assert_int_equal(sscardi_gb18030_to_utf8(cd, name, 4, out, sizeof(out)), 6);
	assert_string_equal(out, "林岩");
	assert_true(sscardi_gb18030_to_utf8(cd, rare, 6, out, sizeof(out)) > 0);
	assert_string_equal(out, "周𫖯");
	assert_int_equal(sscardi_gb18030_to_utf8(cd, invalid, 2, out, sizeof(out)),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_gb18030_to_utf8(cd, truncated, 1, out, sizeof(out)),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_gb18030_to_utf8(cd, control, 2, out, sizeof(out)),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_gb18030_to_utf8(cd, name, 4, out, 4),
			 SSCARD_E_BUFFER_TOO_SMALL);
	iconv_close(cd);
}

static void pin_packing(void **state)
{
	uint8_t out[6];
	(void)state;

	assert_int_equal(sscardi_pin_pack("123456", out), 3);
	assert_memory_equal(out, "\x12\x34\x56", 3);
	assert_int_equal(sscardi_pin_pack("12345", out), 3);
	assert_memory_equal(out, "\x12\x34\x5F", 3);
	assert_int_equal(sscardi_pin_pack("123456789012", out), 6);
	assert_int_equal(sscardi_pin_pack("123", out), SSCARD_E_PIN_FORMAT);
	assert_int_equal(sscardi_pin_pack("1234567890123", out),
			 SSCARD_E_PIN_FORMAT);
	assert_int_equal(sscardi_pin_pack("12a456", out), SSCARD_E_PIN_FORMAT);
	assert_int_equal(sscardi_pin_pack("", out), SSCARD_E_PIN_FORMAT);
	assert_int_equal(sscardi_pin_pack(NULL, out), SSCARD_E_PIN_FORMAT);
}

static void atr_parsing(void **state)
{
	struct sscardi_atr a;
	const uint8_t ssc[] = { 0x3B, 0x6D, 0x00, 0x00, 0x00, 0x81, 0x4E, 0x43,
				0x23, 0x86, 0x97, 0x15, 0x99, 0x00, 0xBF, 0x7C,
				0x7A };
	/* T=1 at 38400 baud: TA1 13, TD1 81 (T=1), TD2 31, TA3 FE, TB3 45 */
	const uint8_t t1[] = { 0x3B, 0x9A, 0x13, 0x81, 0x31, 0xFE, 0x45, 0x53,
			       0x53, 0x43, 0x41, 0x52, 0x44, 0x31, 0x2E, 0x30,
			       0x30, 0x00 };
	uint8_t t1x[sizeof(t1)];
	size_t i;
	(void)state;

	assert_int_equal(sscardi_atr_parse(ssc, sizeof(ssc), &a), 0);
	assert_int_equal(a.protocols, 1);
	assert_int_equal(a.hist_len, 13);
	assert_int_equal(a.hist_off, 4);
	assert_int_equal(a.ta1, -1);
	memcpy(t1x, t1, sizeof(t1));
	for (i = 1; i + 1 < sizeof(t1x); i++)
		t1x[sizeof(t1x) - 1] ^= t1x[i];
	assert_int_equal(sscardi_atr_parse(t1x, sizeof(t1x), &a), 0);
	assert_int_equal(a.protocols, 2);
	assert_int_equal(a.ta1, 0x13);
	t1x[sizeof(t1x) - 1] ^= 1;                  /* bad TCK */
	assert_int_equal(sscardi_atr_parse(t1x, sizeof(t1x), &a),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_atr_parse(ssc, 10, &a), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_atr_parse((const uint8_t *)"\x3C\x00", 2, &a),
			 SSCARD_E_CARD_DATA);
}

static void jpeg_walk(void **state)
{
	/* SOI, APP0 (len 4), SOS (len 4), entropy with FF00 and RST0, EOI */
	const uint8_t jpg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x01, 0x02,
				0xFF, 0xDA, 0x00, 0x04, 0x00, 0x00, 0x11, 0xFF,
				0x00, 0x22, 0xFF, 0xD0, 0x33, 0xFF, 0xD9, 0x00,
				0x00 };
	size_t end = 0, n;
	(void)state;

	assert_int_equal(sscardi_jpeg_scan(jpg, sizeof(jpg), &end), 1);
	assert_int_equal(end, 23);
	for (n = 0; n < 23; n++)
		assert_int_equal(sscardi_jpeg_scan(jpg, n, &end), 0);
	assert_int_equal(sscardi_jpeg_scan((const uint8_t *)"GIF89a", 6, &end),
			 SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_jpeg_scan((const uint8_t *)"\xFF\xD8\x00", 3,
					   &end), SSCARD_E_CARD_DATA);
	assert_int_equal(sscardi_jpeg_scan((const uint8_t *)"\xFF\xD8\xFF\xE0\x00\x01",
					   6, &end), SSCARD_E_CARD_DATA);
}

/* Valid UTF-8, NUL-terminated inside its field of size bytes. */
static void assert_field_text(const char *text, size_t size)
{
	size_t n = strnlen(text, size), i = 0;

	assert_true(n < size);
	while (i < n) {
		unsigned char c = (unsigned char)text[i];
		size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1
			 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;

		assert_true(k < 4 && i + k < n);
		for (i++; k > 0; k--, i++)
			assert_int_equal((unsigned char)text[i] & 0xC0, 0x80);
	}
}

static void tables(void **state)
{
	static const char *const sex_zh[] = { "未知的性别", "男", "女",
					      "未说明性别" };
	struct sscard_basic b;
	char small[5];
	int code;
	(void)state;

	/* every code, into fields the size of the public struct's */
	for (code = 0; code < 4; code++) {
		memset(&b, 0x5A, sizeof(b));
		assert_int_equal(sscardi_sex_names("0129"[code], b.sex_en,
						   sizeof(b.sex_en), b.sex_zh,
						   sizeof(b.sex_zh)), 0);
		assert_string_equal(b.sex_zh, sex_zh[code]);
		assert_field_text(b.sex_en, sizeof(b.sex_en));
		assert_field_text(b.sex_zh, sizeof(b.sex_zh));
		/* nothing written past the field: nation_en follows */
		assert_int_equal((unsigned char)b.nation_en[0], 0x5A);
	}
	assert_string_equal(b.sex_en, "unstated");
	assert_int_equal(sscardi_sex_names('3', b.sex_en, sizeof(b.sex_en),
					   b.sex_zh, sizeof(b.sex_zh)),
			 SSCARD_E_CARD_DATA);
	for (code = 0; code < 100; code++) {
		int rv = sscardi_nation_names(code, b.nation_en,
					      sizeof(b.nation_en), b.nation_zh,
					      sizeof(b.nation_zh));

		if ((code >= 1 && code <= 56) || code == 97 || code == 98) {
			assert_int_equal(rv, 0);
			assert_field_text(b.nation_en, sizeof(b.nation_en));
			assert_field_text(b.nation_zh, sizeof(b.nation_zh));
			assert_true(strlen(b.nation_zh) >= 3);
		} else {
			assert_int_equal(rv, SSCARD_E_CARD_DATA);
		}
	}
	assert_int_equal(sscardi_nation_names(1, b.nation_en,
					      sizeof(b.nation_en), b.nation_zh,
					      sizeof(b.nation_zh)), 0);
	assert_string_equal(b.nation_zh, "汉族");
	assert_int_equal(sscardi_nation_names(98, b.nation_en,
					      sizeof(b.nation_en), b.nation_zh,
					      sizeof(b.nation_zh)), 0);
	assert_string_equal(b.nation_zh, "外国血统中国籍人士");
	/* a cut never splits a character: 5 bytes hold one 3-byte one */
	assert_int_equal(sscardi_utf8_copy(small, sizeof(small), "汉族", 6), 3);
	assert_string_equal(small, "汉");
	assert_int_equal(sscardi_utf8_copy(small, sizeof(small), "ab汉", 5), 2);
	assert_string_equal(small, "ab");
	assert_int_equal(sscardi_utf8_copy(small, sizeof(small), "abcd", 4), 4);
	assert_int_equal(sscardi_utf8_copy(small, sizeof(small), "abcdef", 6), 4);
	assert_int_equal(sscardi_utf8_copy(small, 0, "x", 1), 0);
	assert_true(sscardi_cardno_check("BA0010547"));
	assert_false(sscardi_cardno_check("BA0010548"));
	assert_false(sscardi_cardno_check("BA00105"));
	assert_false(sscardi_cardno_check("ba0010547"));
}

/* An HSM's answer text: exact shapes only, whatever else is around. */
static void hsm_text(void **state)
{
	static const uint8_t want1[16] = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF };
	const char *good = "0123456789ABCDEF0123456789abcdef|"
			   "FEDCBA9876543210FEDCBA9876543210|";
	char text[80];
	uint8_t r1[16], r2[16], out[8];
	(void)state;

	assert_int_equal(sscardi_hsm_results(good, r1, r2), 0);
	assert_memory_equal(r1, want1, 16);
	assert_int_equal(r2[0], 0xFE);
	assert_int_equal(r2[15], 0x10);
	snprintf(text, sizeof(text), "%s\n", good);
	assert_int_equal(sscardi_hsm_results(text, r1, r2), 0);
	snprintf(text, sizeof(text), "%s\n\n", good);
	assert_int_equal(sscardi_hsm_results(text, r1, r2), -1);
	snprintf(text, sizeof(text), "%sX", good);
	assert_int_equal(sscardi_hsm_results(text, r1, r2), -1);
	assert_int_equal(sscardi_hsm_results("0123456789ABCDEF0123456789abcdef|", r1, r2), -1);
	assert_int_equal(sscardi_hsm_results("", r1, r2), -1);
	snprintf(text, sizeof(text), "%s", good);
	text[5] = 'G';
	assert_int_equal(sscardi_hsm_results(text, r1, r2), -1);
	snprintf(text, sizeof(text), "%s", good);
	text[32] = ':';
	assert_int_equal(sscardi_hsm_results(text, r1, r2), -1);

	assert_int_equal(sscardi_hsm_hex("0123456789abcdef", out, 8), 0);
	assert_int_equal(out[7], 0xEF);
	assert_int_equal(sscardi_hsm_hex("0123456789abcdef|\n", out, 8), 0);
	assert_int_equal(sscardi_hsm_hex("0123456789abcdef||", out, 8), -1);
	assert_int_equal(sscardi_hsm_hex("0123456789abcde", out, 8), -1);
	assert_int_equal(sscardi_hsm_hex("0123456789abcdef0", out, 8), -1);
	assert_int_equal(sscardi_hsm_hex("0123456789abcdeg", out, 8), -1);
	assert_int_equal(sscardi_unhex("aB", out, 1), 0);
	assert_int_equal(out[0], 0xAB);
	assert_int_equal(sscardi_unhex(" 1", out, 1), -1);
}

/* Each named set holds exactly its status words. */
static void sw_sets(void **state)
{
	static const struct {
		enum sscardi_sw_set set;
		uint16_t in[8];
	} want[] = {
		{ SSCARDI_SWS_SELECT_P1_REFUSED, { 0x6A86, 0x6A81, 0x6D00 } },
		{ SSCARDI_SWS_READ_FORM_REFUSED, { 0x6A86, 0x6A81, 0x6981,
						   0x6986, 0x6D00, 0x6B00,
						   0x6A82 } },
		{ SSCARDI_SWS_RECORD_ABSENT, { 0x6A83, 0x6A88, 0x6A82, 0x6A86 } },
		{ SSCARDI_SWS_RECORDS_END, { 0x6A83, 0x6B00 } },
		{ SSCARDI_SWS_TAG_READ_REFUSED, { 0x6A86, 0x6A81, 0x6981,
						  0x6D00 } },
		{ SSCARDI_SWS_TAG_ABSENT, { 0x6A83, 0x6A88 } },
		{ SSCARDI_SWS_NO_PAYMENT_APP, { 0x6A82, 0x6A81, 0x6283 } },
		{ SSCARDI_SWS_DATA_OBJECT_ABSENT, { 0x6A88, 0x6A81, 0x6A83,
						    0x6985 } },
	};
	static const uint16_t probe[] = {
		0x9000, 0x6282, 0x6283, 0x6981, 0x6982, 0x6985, 0x6986, 0x6A81,
		0x6A82, 0x6A83, 0x6A86, 0x6A88, 0x6B00, 0x6D00, 0x6E00, 0
	};
	size_t i, k, m;
	(void)state;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		for (k = 0; k < sizeof(probe) / sizeof(probe[0]); k++) {
			int member = 0;

			for (m = 0; m < 8 && want[i].in[m] != 0; m++)
				member |= want[i].in[m] == probe[k];
			assert_int_equal(sscardi_sw_in(probe[k], want[i].set),
					 member);
		}
	assert_int_equal(sscardi_sw_in(0x6A83, (enum sscardi_sw_set)99), 0);
}

static void strerror_all(void **state)
{
	int e;
	(void)state;

	for (e = 0; e >= -99; e--)
		assert_non_null(sscard_strerror(e));
	assert_string_equal(sscard_strerror(SSCARD_E_CARD_DATA),
			    "malformed data on the card");
	assert_string_equal(sscard_strerror(-1000), "unknown error");
	assert_string_equal(sscard_strerror(5), "unknown error");
	assert_string_equal(sscard_error_name(SSCARD_E_CARD_MUTE),
			    "SSCARD_E_CARD_MUTE");
	assert_string_equal(sscard_error_name(0), "SSCARD_OK");
	assert_string_equal(sscard_error_name(-99), "SSCARD_E_UNKNOWN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(build_cases),
		cmocka_unit_test(parse_response),
		cmocka_unit_test(secret_commands),
		cmocka_unit_test(status_words),
		cmocka_unit_test(simple_records),
		cmocka_unit_test(ber_tlv),
		cmocka_unit_test(bcd_fields),
		cmocka_unit_test(text_fields),
		cmocka_unit_test(dates),
		cmocka_unit_test(gb18030),
		cmocka_unit_test(pin_packing),
		cmocka_unit_test(atr_parsing),
		cmocka_unit_test(jpeg_walk),
		cmocka_unit_test(tables),
		cmocka_unit_test(hsm_text),
		cmocka_unit_test(sw_sets),
		cmocka_unit_test(strerror_all),
	};

	return cmocka_run_group_tests_name("apdu", tests, NULL, NULL);
}
