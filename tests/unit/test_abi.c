/*
 * The public structs' layout, pinned: a size, an alignment or a field's
 * offset that changes breaks every program built against libsscard.so.0
 * (sscard.h: a struct only grows into its reserved space).  The figures
 * are LP64's (amd64, arm64, loong64); on another data model the test says
 * so and checks nothing.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sscard.h"

#define SIZE(s, size, align) \
	do { \
		assert_int_equal(sizeof(struct s), (size)); \
		assert_int_equal(_Alignof(struct s), (align)); \
	} while (0)
#define AT(s, field, offset) \
	assert_int_equal(offsetof(struct s, field), (offset))

static void lp64_layout(void **state)
{
	(void)state;
	if (sizeof(long) != 8 || sizeof(void *) != 8) {
		print_message("not LP64: the pinned layout is LP64's\n");
		skip();
	}
	SIZE(sscard_reader, 208, 8);
	AT(sscard_reader, name, 0);
	AT(sscard_reader, state, 128);
	AT(sscard_reader, atr, 132);
	AT(sscard_reader, atr_len, 168);
	AT(sscard_reader, reserved, 176);
	SIZE(sscard_stats, 128, 8);
	AT(sscard_stats, apdus, 0);
	AT(sscard_stats, bytes_out, 8);
	AT(sscard_stats, bytes_in, 16);
	AT(sscard_stats, usec, 24);
	AT(sscard_stats, remembered, 32);
	AT(sscard_stats, mute, 40);
	AT(sscard_stats, pin_guarded, 48);
	AT(sscard_stats, reserved, 56);
	SIZE(sscard_basic, 560, 8);
	AT(sscard_basic, id_code, 0);
	AT(sscard_basic, region, 33);
	AT(sscard_basic, card_type, 40);
	AT(sscard_basic, version, 48);
	AT(sscard_basic, issuer, 56);
	AT(sscard_basic, issued, 105);
	AT(sscard_basic, expires, 116);
	AT(sscard_basic, number, 127);
	AT(sscard_basic, number_check_ok, 144);
	AT(sscard_basic, test_card, 148);
	AT(sscard_basic, expired, 152);
	AT(sscard_basic, temporary, 156);
	AT(sscard_basic, algorithm, 160);
	AT(sscard_basic, holder_status, 164);
	AT(sscard_basic, holder_sw, 168);
	AT(sscard_basic, ssn, 172);
	AT(sscard_basic, name, 191);
	AT(sscard_basic, sex, 319);
	AT(sscard_basic, sex_en, 320);
	AT(sscard_basic, sex_zh, 336);
	AT(sscard_basic, nation, 352);
	AT(sscard_basic, nation_en, 356);
	AT(sscard_basic, nation_zh, 388);
	AT(sscard_basic, birthplace, 420);
	AT(sscard_basic, birth_date, 427);
	AT(sscard_basic, atr, 438);
	AT(sscard_basic, atr_len, 472);
	AT(sscard_basic, error_field, 480);
	AT(sscard_basic, reserved, 496);
	SIZE(sscard_pin_info, 32, 4);
	AT(sscard_pin_info, state, 0);
	AT(sscard_pin_info, tries_left, 4);
	AT(sscard_pin_info, reserved, 8);
	SIZE(sscard_medical, 168, 8);
	AT(sscard_medical, balance_fen, 0);
	AT(sscard_medical, updated, 8);
	AT(sscard_medical, category, 19);
	AT(sscard_medical, profile, 35);
	AT(sscard_medical, reserved, 99);
	SIZE(sscard_bank, 304, 8);
	AT(sscard_bank, aid, 0);
	AT(sscard_bank, label, 33);
	AT(sscard_bank, pan, 66);
	AT(sscard_bank, pan_check_ok, 88);
	AT(sscard_bank, pan_seq, 92);
	AT(sscard_bank, effective, 95);
	AT(sscard_bank, expires, 106);
	AT(sscard_bank, holder_name, 117);
	AT(sscard_bank, holder_id, 165);
	AT(sscard_bank, holder_id_type, 208);
	AT(sscard_bank, ec_balance_fen, 216);
	AT(sscard_bank, ec_limit_fen, 224);
	AT(sscard_bank, pin_tries_left, 232);
	AT(sscard_bank, atc, 236);
	AT(sscard_bank, reserved, 240);
	SIZE(sscard_auth, 44, 4);
	AT(sscard_auth, genuine, 0);
	AT(sscard_auth, algorithm, 4);
	AT(sscard_auth, method, 8);
	AT(sscard_auth, reserved, 12);
	SIZE(sscard_event, 208, 8);
	AT(sscard_event, type, 0);
	AT(sscard_event, reader, 4);
	AT(sscard_event, atr, 132);
	AT(sscard_event, atr_len, 168);
	AT(sscard_event, reserved, 176);
	SIZE(sscard_usb_device, 376, 4);
	AT(sscard_usb_device, vid, 0);
	AT(sscard_usb_device, pid, 2);
	AT(sscard_usb_device, vendor, 4);
	AT(sscard_usb_device, product, 68);
	AT(sscard_usb_device, ccid, 132);
	AT(sscard_usb_device, hid, 136);
	AT(sscard_usb_device, known, 140);
	AT(sscard_usb_device, model, 144);
	AT(sscard_usb_device, node, 208);
	AT(sscard_usb_device, mode, 272);
	AT(sscard_usb_device, owner, 276);
	AT(sscard_usb_device, group, 308);
	AT(sscard_usb_device, user_access, 340);
	AT(sscard_usb_device, reserved, 344);
	SIZE(sscard_pcsc_info, 160, 8);
	AT(sscard_pcsc_info, socket, 0);
	AT(sscard_pcsc_info, socket_exists, 108);
	AT(sscard_pcsc_info, socket_connects, 112);
	AT(sscard_pcsc_info, context, 116);
	AT(sscard_pcsc_info, pcsc_rv, 120);
	AT(sscard_pcsc_info, reserved, 128);
}

/* the growth rule of struct sscard_stats: 12 64-bit slots after usec,
 * taken one by one from the reserved ones (0.6: remembered, mute,
 * pin_guarded) */
static void stats_reserve(void **state)
{
	struct sscard_stats st;
	(void)state;

	assert_int_equal(sizeof(st.reserved) / sizeof(st.reserved[0]), 9);
	assert_int_equal(offsetof(struct sscard_stats, reserved) -
			 offsetof(struct sscard_stats, remembered),
			 3 * sizeof(uint64_t));
	assert_int_equal(sizeof(st.reserved[0]), sizeof(uint64_t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lp64_layout),
		cmocka_unit_test(stats_reserve),
	};

	return cmocka_run_group_tests_name("abi", tests, NULL, NULL);
}
