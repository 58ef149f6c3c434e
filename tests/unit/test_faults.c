/*
 * The fault matrix: every public operation, a fault (reset, removal, mute,
 * one-byte answer) at every APDU index of it.  Reads survive a reset with
 * the right data; everything else reports the fitting error; the PIN
 * counter moves only when a wrong VERIFY really reached the card.  Run it
 * under ASan/LSan (make check SANITIZE=1) for the "leaks nothing" part.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "sscard.h"
#include "vcard.h"
#include "session.h"
#include "vcard_transport.h"

/* What an operation produced, to compare a faulty run with a clean one. */
union result {
	struct sscard_basic basic;
	struct sscard_pin_info pin;
	struct sscard_medical medical;
	struct sscard_bank bank;
	unsigned char photo[2048];
};

struct op {
	const char *name;
	const char *profile;
	int is_read;                /* retried after a reset */
	int spends_try;             /* a wrong VERIFY / CHANGE */
	int verify_last;            /* how many of its last APDUs carry the
				     * PIN (2: CHANGE PIN, then its ISO form) */
	int after_reset;            /* result after a reset, when not the
				     * clean one (a reset forgets the PIN) */
	int (*prepare)(struct session *s);
	int (*run)(sscard *card, union result *r);
};

/* the key source an operation's prepare attached, freed after the card */
static sscard_keys *op_keys;

static void close_op_session(struct session *s)
{
	session_close(s);
	sscard_keys_free(op_keys);
	op_keys = NULL;
}

static int nothing(struct session *s)
{
	(void)s;
	return 0;
}

static int verify_ok(struct session *s)
{
	return sscard_pin_verify(s->card, "123456", 0, NULL);
}

/* the auth3 cards' SM4 keys from a key file (tests/vcard/profiles) */
static int with_keys(struct session *s)
{
	static const char lines[] =
		"RKSSSE sm4 11111111111111112222222222222222\n"
		"RK1DF04 sm4 33333333333333334444444444444444\n";
	char path[] = "/tmp/sscard-keys-XXXXXX", err[256];
	int fd = mkstemp(path), rv;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, lines, sizeof(lines) - 1),
			 (int)sizeof(lines) - 1);
	close(fd);
	chmod(path, 0600);
	rv = sscard_keys_from_file(s->ctx, path, err, sizeof(err), &op_keys);
	unlink(path);
	return rv < 0 ? rv : sscard_use_keys(s->card, op_keys);
}

static int keys_and_pin(struct session *s)
{
	int rv = with_keys(s);

	return rv < 0 ? rv : verify_ok(s);
}

static int op_basic(sscard *card, union result *r)
{
	return sscard_read_basic(card, &r->basic);
}

static int op_photo(sscard *card, union result *r)
{
	unsigned char *jpeg = NULL;
	size_t len = 0;
	int rv = sscard_read_photo(card, &jpeg, &len);

	if (rv == 0) {
		assert_true(len <= sizeof(r->photo));
		memcpy(r->photo, jpeg, len);
	}
	sscard_free(jpeg);
	return rv;
}

static int op_pin_status(sscard *card, union result *r)
{
	return sscard_pin_status(card, &r->pin);
}

static int op_verify_wrong(sscard *card, union result *r)
{
	(void)r;
	return sscard_pin_verify(card, "111111", 0, NULL);
}

static int op_verify_right(sscard *card, union result *r)
{
	(void)r;
	return sscard_pin_verify(card, "123456", 0, NULL);
}

static int op_change(sscard *card, union result *r)
{
	(void)r;
	return sscard_pin_change(card, "111111", "654321", 0, NULL);
}

/* a card that does not tell the tries left: the caller confirms */
static int op_verify_wrong_confirmed(sscard *card, union result *r)
{
	(void)r;
	return sscard_pin_verify(card, "111111", SSCARD_PIN_CONFIRM_LAST_TRY,
				 NULL);
}

/* and takes only ISO CHANGE REFERENCE DATA (6D00 to 80 5E first) */
static int op_change_iso_confirmed(sscard *card, union result *r)
{
	(void)r;
	return sscard_pin_change(card, "111111", "654321",
				 SSCARD_PIN_CONFIRM_LAST_TRY, NULL);
}

static int op_medical(sscard *card, union result *r)
{
	return sscard_medical_read(card, &r->medical);
}

static int op_bank(sscard *card, union result *r)
{
	return sscard_read_bank(card, 0, &r->bank);
}

/* the reader's PIN pad, on which a wrong PIN is typed */
static int pad_typed_wrong(struct session *s)
{
	vcard_set_pinpad(s->card, "111111");
	return 0;
}

static int op_verify_pad(sscard *card, union result *r)
{
	(void)r;
	return sscard_pin_verify(card, NULL, 0, NULL);
}

static const struct op ops[] = {
	{ "basic", "standard", 1, 0, 0, 0, nothing, op_basic },
	{ "photo", "standard", 1, 0, 0, 0, nothing, op_photo },
	{ "pin-status", "standard", 1, 0, 0, 0, nothing, op_pin_status },
	{ "verify-wrong", "standard", 0, 1, 1, 0, nothing, op_verify_wrong },
	{ "verify-right", "standard", 0, 0, 1, 0, nothing, op_verify_right },
	{ "change-wrong-old", "standard", 0, 1, 1, 0, nothing, op_change },
	{ "medical", "standard", 1, 0, 0, SSCARD_E_PIN_REQUIRED, verify_ok,
	  op_medical },
	{ "bank", "standard", 1, 0, 0, 0, nothing, op_bank },
	{ "verify-no-tries-query", "quirky", 0, 1, 1, 0, nothing,
	  op_verify_wrong_confirmed },
	{ "change-iso-fallback", "quirky", 0, 1, 2, 0, nothing,
	  op_change_iso_confirmed },
	{ "verify-pin-pad", "standard", 0, 1, 1, 0, pad_typed_wrong,
	  op_verify_pad },
	/* authenticated first (photo, medical) or after the holder file's
	 * refusal (basic): a reset anywhere in GET CHALLENGE / EXTERNAL
	 * AUTHENTICATE runs the read again */
	{ "basic-auth", "auth3", 1, 0, 0, 0, with_keys, op_basic },
	{ "photo-auth", "auth3", 1, 0, 0, 0, with_keys, op_photo },
	{ "medical-auth", "medical-auth", 1, 0, 0, SSCARD_E_PIN_REQUIRED,
	  keys_and_pin, op_medical },
};

static int expected_error(int kind)
{
	switch (kind) {
	case VCARD_FAULT_REMOVE: return SSCARD_E_CARD_REMOVED;
	case VCARD_FAULT_MUTE: return SSCARD_E_CARD_MUTE;
	case VCARD_FAULT_GARBAGE: return SSCARD_E_PROTOCOL;
	case VCARD_FAULT_GONE: return SSCARD_E_CARD_REMOVED;
	default: return SSCARD_E_CARD_RESET;
	}
}

static void one_op(const struct op *op)
{
	static const char *kinds[] = { "", "remove", "reset", "mute", "garbage",
				       "gone" };
	union result ref, got;
	struct sscard_stats st;
	struct session s;
	unsigned long n, i;
	int kind, ref_rv, rv, before;
	char spec[32];

	session_open(&s, op->profile, NULL);
	assert_int_equal(op->prepare(&s), 0);
	before = (int)s.vc->apdus;
	memset(&ref, 0, sizeof(ref));
	ref_rv = op->run(s.card, &ref);
	n = s.vc->apdus - (unsigned)before;
	close_op_session(&s);
	assert_true(n > 0);

	for (i = 0; i < n; i++) {
		for (kind = VCARD_FAULT_REMOVE; kind <= VCARD_FAULT_GONE; kind++) {
			int tries_before, reached, want;

			session_open(&s, op->profile, NULL);
			assert_int_equal(op->prepare(&s), 0);
			snprintf(spec, sizeof(spec), "%s@%lu", kinds[kind],
				 s.vc->apdus + i);
			assert_int_equal(vcard_add_faults(s.vc, spec), 0);
			tries_before = s.vc->tries;
			memset(&got, 0, sizeof(got));
			rv = op->run(s.card, &got);

			/* a reset before the PIN command is sent is retried;
			 * at the PIN command it is reported, never repeated */
			if (kind == VCARD_FAULT_RESET &&
			    (op->is_read || i + (unsigned long)op->verify_last < n)) {
				want = op->after_reset ? op->after_reset : ref_rv;
				if (rv != want)
					fail_msg("%s: reset@%lu gave %d, want %d",
						 op->name, i, rv, want);
				if (op->is_read && rv == 0)
					assert_memory_equal(&got, &ref, sizeof(got));
			} else {
				want = expected_error(kind);
				if (rv != want)
					fail_msg("%s: %s@%lu gave %d, want %d",
						 op->name, kinds[kind], i, rv, want);
			}
			/* a mute card is counted; a PIN operation asks the
			 * counter once more after it, which is a second */
			sscard_get_stats(s.card, &st);
			if (kind == VCARD_FAULT_MUTE
				    ? st.mute < 1 || st.mute > (op->is_read ? 1u : 2u)
				    : st.mute != 0)
				fail_msg("%s: %s@%lu counted %lu mute exchanges",
					 op->name, kinds[kind], i,
					 (unsigned long)st.mute);
			/* the counter moves only if a wrong PIN reached the
			 * card: before a reset that struck earlier (the
			 * operation ran again), or carried out just before
			 * the card went ("gone" at the PIN command itself);
			 * and never twice */
			reached = op->spends_try &&
				  ((kind == VCARD_FAULT_RESET &&
				    i + (unsigned long)op->verify_last < n) ||
				   (kind == VCARD_FAULT_GONE && i + 1 == n));
			if (s.vc->tries != tries_before - (reached ? 1 : 0))
				fail_msg("%s: %s@%lu moved the counter %d -> %d",
					 op->name, kinds[kind], i, tries_before,
					 s.vc->tries);
			close_op_session(&s);
		}
	}
}

static void matrix(void **state)
{
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		one_op(&ops[i]);
}

/* Another application selects the bank between two of our reads. */
static void selection_changed_behind_our_back(void **state)
{
	struct sscard_basic a, b;
	struct sscard_medical m;
	struct session s;
	(void)state;

	session_open(&s, "standard", NULL);
	assert_int_equal(sscard_read_basic(s.card, &a), 0);
	session_select_elsewhere(&s);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	/* the medical DF too: the answer is the card's, not "no balance" */
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, NULL), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), 0);
	session_select_elsewhere(&s);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_PIN_REQUIRED);
	session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix),
		cmocka_unit_test(selection_changed_behind_our_back),
	};

	return cmocka_run_group_tests_name("faults", tests, NULL, NULL);
}
