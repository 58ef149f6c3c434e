/*
 * The public structs' layout as this build of the library has it: sizes
 * and field offsets by name, for bindings (Python's ctypes, Java's JNA)
 * that mirror a struct and must find out, before any call, when their
 * copy and the library disagree.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"

struct layout {
	const char *name;    /* "sscard_basic" or "sscard_basic.name" */
	size_t value;        /* its size, or the field's offset */
};

#define SIZE(s) { #s, sizeof(struct s) }
#define AT(s, f) { #s "." #f, offsetof(struct s, f) }

static const struct layout layouts[] = {
	SIZE(sscard_reader),
	AT(sscard_reader, name), AT(sscard_reader, state),
	AT(sscard_reader, atr), AT(sscard_reader, atr_len),
	AT(sscard_reader, reserved),

	SIZE(sscard_stats),
	AT(sscard_stats, apdus), AT(sscard_stats, bytes_out),
	AT(sscard_stats, bytes_in), AT(sscard_stats, usec),
	AT(sscard_stats, remembered), AT(sscard_stats, mute),
	AT(sscard_stats, pin_guarded), AT(sscard_stats, reserved),

	SIZE(sscard_basic),
	AT(sscard_basic, id_code), AT(sscard_basic, region),
	AT(sscard_basic, card_type), AT(sscard_basic, version),
	AT(sscard_basic, issuer), AT(sscard_basic, issued),
	AT(sscard_basic, expires), AT(sscard_basic, number),
	AT(sscard_basic, number_check_ok), AT(sscard_basic, test_card),
	AT(sscard_basic, expired), AT(sscard_basic, temporary),
	AT(sscard_basic, algorithm), AT(sscard_basic, holder_status),
	AT(sscard_basic, holder_sw), AT(sscard_basic, ssn),
	AT(sscard_basic, name), AT(sscard_basic, sex),
	AT(sscard_basic, sex_en), AT(sscard_basic, sex_zh),
	AT(sscard_basic, nation), AT(sscard_basic, nation_en),
	AT(sscard_basic, nation_zh), AT(sscard_basic, birthplace),
	AT(sscard_basic, birth_date), AT(sscard_basic, atr),
	AT(sscard_basic, atr_len), AT(sscard_basic, error_field),
	AT(sscard_basic, reserved),

	SIZE(sscard_pin_info),
	AT(sscard_pin_info, state), AT(sscard_pin_info, tries_left),
	AT(sscard_pin_info, reserved),

	SIZE(sscard_medical),
	AT(sscard_medical, balance_fen), AT(sscard_medical, updated),
	AT(sscard_medical, category), AT(sscard_medical, profile),
	AT(sscard_medical, reserved),

	SIZE(sscard_bank),
	AT(sscard_bank, aid), AT(sscard_bank, label), AT(sscard_bank, pan),
	AT(sscard_bank, pan_check_ok), AT(sscard_bank, pan_seq),
	AT(sscard_bank, effective), AT(sscard_bank, expires),
	AT(sscard_bank, holder_name), AT(sscard_bank, holder_id),
	AT(sscard_bank, holder_id_type), AT(sscard_bank, ec_balance_fen),
	AT(sscard_bank, ec_limit_fen), AT(sscard_bank, pin_tries_left),
	AT(sscard_bank, atc), AT(sscard_bank, reserved),

	SIZE(sscard_auth),
	AT(sscard_auth, genuine), AT(sscard_auth, algorithm),
	AT(sscard_auth, method), AT(sscard_auth, reserved),

	SIZE(sscard_event),
	AT(sscard_event, type), AT(sscard_event, reader),
	AT(sscard_event, atr), AT(sscard_event, atr_len),
	AT(sscard_event, reserved),
};

long sscard_layout(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (strcmp(layouts[i].name, name) == 0)
			return (long)layouts[i].value;
	return -1;
}
