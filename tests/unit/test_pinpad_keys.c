/*
 * The PIN-pad test reader's CCID rules (tests/pinpad/pad.c): the APDU it
 * builds from a PIN_VERIFY / PIN_MODIFY structure and the typed digits,
 * for the formats a real pad honours, and its refusals.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../pinpad/pad.h"

/* a PIN_VERIFY_STRUCTURE around apdu */
static size_t verify_struct(uint8_t *s, uint8_t fmt, uint8_t block,
			    uint8_t lenfmt, uint8_t min, uint8_t max,
			    const uint8_t *apdu, size_t len)
{
	memset(s, 0, 19);
	s[0] = 30;
	s[2] = fmt;
	s[3] = block;
	s[4] = lenfmt;
	s[5] = max;
	s[6] = min;
	s[15] = (uint8_t)len;
	memcpy(s + 19, apdu, len);
	return 19 + len;
}

static void typed(struct pad_entry *e, const char *a, const char *b,
		  const char *c)
{
	const char *pins[3] = { a, b, c };
	int i;

	memset(e, 0, sizeof(*e));
	e->action = PAD_TYPED;
	for (i = 0; i < 3 && pins[i] != NULL; i++) {
		strcpy(e->pin[i], pins[i]);
		e->fields++;
	}
}

static void bcd_left(void **state)
{
	static const uint8_t tpl[] = { 0x00, 0x20, 0x00, 0x00, 0x03,
				       0xFF, 0xFF, 0xFF };
	uint8_t s[64], apdu[PAD_APDU_MAX];
	struct pad_entry e;
	size_t n = verify_struct(s, 0x81, 0x03, 0x00, 4, 6, tpl, sizeof(tpl));
	(void)state;

	typed(&e, "123456", NULL, NULL);
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), 8);
	assert_memory_equal(apdu, "\x00\x20\x00\x00\x03\x12\x34\x56", 8);
	typed(&e, "12345", NULL, NULL);     /* odd: the template's F stays */
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), 8);
	assert_memory_equal(apdu + 5, "\x12\x34\x5F", 3);
	typed(&e, "123", NULL, NULL);
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), -0x6403);
	typed(&e, "1234567", NULL, NULL);
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), -0x6403);
}

/* ISO 9564 format 2: 2 | length nibble | BCD | F padding */
static void format2_length_nibble(void **state)
{
	static const uint8_t tpl[] = { 0x00, 0x20, 0x00, 0x80, 0x08, 0x20,
				       0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
				       0xFF };
	uint8_t s[64], apdu[PAD_APDU_MAX];
	struct pad_entry e;
	size_t n = verify_struct(s, 0x89, 0x48, 0x04, 4, 12, tpl, sizeof(tpl));
	(void)state;

	typed(&e, "1234", NULL, NULL);
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), 13);
	assert_memory_equal(apdu + 5, "\x24\x12\x34\xFF\xFF\xFF\xFF\xFF", 8);
}

/* ASCII, right-justified in an 8-byte block, a length byte in front */
static void ascii_right_length_byte(void **state)
{
	static const uint8_t tpl[] = { 0x00, 0x20, 0x00, 0x01, 0x09, 0x00,
				       0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
				       0x20, 0x20 };
	uint8_t s[64], apdu[PAD_APDU_MAX];
	struct pad_entry e;
	size_t n = verify_struct(s, 0x8E, 0x89, 0x10, 4, 8, tpl, sizeof(tpl));
	(void)state;

	typed(&e, "4321", NULL, NULL);
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), 14);
	assert_memory_equal(apdu + 5, "\x04    4321", 9);
}

static void modify_old_new_confirm(void **state)
{
	static const uint8_t tpl[] = { 0x80, 0x5E, 0x01, 0x00, 0x07,
				       0xFF, 0xFF, 0xFF, 0xFF,
				       0xFF, 0xFF, 0xFF };
	uint8_t s[64], apdu[PAD_APDU_MAX];
	struct pad_entry e;
	(void)state;

	memset(s, 0, 24);
	s[2] = 0x81;
	s[3] = 0x03;
	s[6] = 0x04;        /* new PIN at byte 4 */
	s[7] = 6;
	s[8] = 6;
	s[9] = 0x03;        /* old PIN asked, new PIN confirmed */
	s[20] = sizeof(tpl);
	memcpy(s + 24, tpl, sizeof(tpl));
	typed(&e, "123456", "654321", "654321");
	assert_int_equal(pad_build(1, s, 24 + sizeof(tpl), &e, apdu,
				   sizeof(apdu)), 12);
	assert_memory_equal(apdu + 5, "\x12\x34\x56\xFF\x65\x43\x21", 7);
	typed(&e, "123456", "654321", "654320");
	assert_int_equal(pad_build(1, s, 24 + sizeof(tpl), &e, apdu,
				   sizeof(apdu)), -0x6402);
	typed(&e, "123456", "654321", NULL);
	assert_int_equal(pad_build(1, s, 24 + sizeof(tpl), &e, apdu,
				   sizeof(apdu)), -0x6403);
}

static void malformed_structures(void **state)
{
	static const uint8_t tpl[] = { 0x00, 0x20, 0x00, 0x00, 0x03,
				       0xFF, 0xFF, 0xFF };
	uint8_t s[64], apdu[PAD_APDU_MAX];
	struct pad_entry e;
	size_t n;
	(void)state;

	typed(&e, "123456", NULL, NULL);
	n = verify_struct(s, 0x81, 0x03, 0x00, 6, 6, tpl, sizeof(tpl));
	/* ulDataLength beyond what was sent */
	assert_int_equal(pad_build(0, s, n - 1, &e, apdu, sizeof(apdu)),
			 -0x6B80);
	assert_int_equal(pad_build(0, s, 10, &e, apdu, sizeof(apdu)), -0x6B80);
	/* Lc not the data's length */
	s[19 + 4] = 0x04;
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), -0x6B80);
	/* a PIN position in bits that is not a byte */
	n = verify_struct(s, 0x09, 0x03, 0x00, 6, 6, tpl, sizeof(tpl));
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), -0x6B80);
	/* a block past the data */
	n = verify_struct(s, 0x81, 0x04, 0x00, 6, 6, tpl, sizeof(tpl));
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), -0x6B80);
	/* min above max */
	n = verify_struct(s, 0x81, 0x03, 0x00, 7, 6, tpl, sizeof(tpl));
	assert_int_equal(pad_build(0, s, n, &e, apdu, sizeof(apdu)), -0x6B80);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bcd_left),
		cmocka_unit_test(format2_length_nibble),
		cmocka_unit_test(ascii_right_length_byte),
		cmocka_unit_test(modify_old_new_confirm),
		cmocka_unit_test(malformed_structures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
