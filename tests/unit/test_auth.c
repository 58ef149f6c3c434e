/*
 * Terminal authentication through the public API on the in-process card:
 * key-file, PSAM and HSM modes for the 3.0 holder data, the photo and the
 * medical amount; genuine and fake cards; a wrong key tried once; APDUs
 * on the card and on the PSAM against the protocol's minimum.
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
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "internal.h"
#include "session.h"
#include "vcard.h"
#include "vcard_transport.h"

/* A key file with these lines, mode 0600 (or mode). */
static sscard_keys *file_keys(sscard_ctx *ctx, const char *lines, int mode,
			      int want)
{
	char path[] = "/tmp/sscard-keys-XXXXXX", err[256];
	sscard_keys *keys = NULL;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, lines, strlen(lines)), (int)strlen(lines));
	close(fd);
	chmod(path, (mode_t)mode);
	assert_int_equal(sscard_keys_from_file(ctx, path, err, sizeof(err),
					       &keys), want);
	if (want == 0)
		assert_string_equal(err, "");
	else
		assert_non_null(strstr(err, path));
	unlink(path);
	return keys;
}

static const struct vcard_key *card_key(const struct vcard *vc, uint8_t id)
{
	int i;

	for (i = 0; i < vc->nkeys; i++)
		if (vc->keys[i].id == id)
			return &vc->keys[i];
	fail_msg("no key %02X", id);
	return NULL;
}

static const char test_keys[] =
	"# test masters\n"
	"RKSSSE sm4 11111111111111112222222222222222\n"
	"RK1DF04 sm4 33333333333333334444444444444444\n"
	"IRKSSSE sm4 55555555555555556666666666666666\n"
	"PUK sm4 AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB\n"
	"PINRELOAD sm4 CCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD\n";

/* A PSAM key source on an in-process virtual PSAM of this profile. */
static sscard_keys *psam_keys_from(sscard_ctx *ctx, const char *profile,
				   struct vcard **vc)
{
	char path[600], err[256];
	sscard_keys *k = calloc(1, sizeof(*k));

	assert_non_null(k);
	snprintf(path, sizeof(path), "%s/%s.card", session_profile_dir(),
		 profile);
	assert_int_equal(vcard_load(path, vc, err, sizeof(err)), 0);
	k->ctx = ctx;
	k->kind = SSCARD_KEYS_PSAM;
	assert_int_equal(vcard_chan_open(ctx, *vc, &k->psam), 0);
	memcpy(k->terminal, "112233445566", 13);
	return k;
}

static sscard_keys *psam_keys(sscard_ctx *ctx, struct vcard **vc)
{
	return psam_keys_from(ctx, "psam", vc);
}

static void psam_keys_free(sscard_keys *keys, struct vcard *vc)
{
	sscardi_chan_close(&keys->psam);
	free(keys);
	vcard_free(vc);
}

static int hsm(const char *key, const char *request, char *answer,
	       size_t size, void *user)
{
	(*(int *)user)++;
	return test_hsm_answer(key, request, answer, size);
}

static void holder_and_photo(struct session *s, sscard_keys *keys)
{
	struct sscard_basic b;
	struct sscard_auth auth;
	unsigned char *jpeg = NULL;
	size_t len = 0;

	assert_int_equal(sscard_use_keys(s->card, keys), 0);
	assert_int_equal(sscard_read_basic(s->card, &b), 0);
	assert_string_equal(b.name, "林岩");
	assert_string_equal(b.ssn, "520102198506020233");
	assert_int_equal(b.holder_status, 0);
	assert_int_equal(sscard_read_photo(s->card, &jpeg, &len), 0);
	assert_int_equal(len, 1038);
	sscard_free(jpeg);
	assert_int_equal(sscard_authenticate(s->card, &auth), 0);
	assert_int_equal(auth.genuine, 1);
	assert_int_equal(auth.algorithm, SSCARD_ALG_SM4);
	assert_int_equal(auth.method, sscard_keys_kind(keys));
	assert_int_equal(sscard_use_keys(s->card, NULL), 0);
}

static void key_file(void **state)
{
	struct sscard_basic b;
	struct session s;
	sscard_keys *keys;
	(void)state;

	session_open(&s, "auth3", NULL);
	/* without keys: the card part, the holder part refused */
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_AUTH_REQUIRED);
	keys = file_keys(s.ctx, test_keys, 0600, 0);
	assert_int_equal(sscard_keys_kind(keys), SSCARD_KEYS_FILE);
	assert_string_equal(sscard_keys_terminal(keys), "");
	holder_and_photo(&s, keys);
	sscard_keys_free(keys);
	session_close(&s);

	/* a card disconnected while it uses keys lets them go: freed after
	 * (LeakSanitizer and valgrind would see them otherwise) */
	session_open(&s, "auth3", NULL);
	keys = file_keys(s.ctx, test_keys, 0600, 0);
	assert_int_equal(sscard_use_keys(s.card, keys), 0);
	sscard_disconnect(s.card);
	s.card = NULL;
	sscard_keys_free(keys);
	session_close(&s);

	/* others may read it: refused; malformed: the line said */
	session_open(&s, "auth3", NULL);
	assert_null(file_keys(s.ctx, test_keys, 0644, SSCARD_E_KEYFILE));
	assert_null(file_keys(s.ctx, "RKSSSE sm4 1234\n", 0600, SSCARD_E_KEYFILE));
	assert_null(file_keys(s.ctx, "MASTER sm4 11111111111111112222222222222222\n",
			      0600, SSCARD_E_KEYFILE));
	session_close(&s);
}

static void three_des_card(void **state)
{
	struct sscard_basic b;
	struct sscard_auth auth;
	struct session s;
	sscard_keys *keys;
	(void)state;

	session_open(&s, "auth3-3des", NULL);
	keys = file_keys(s.ctx,
			 "RKSSSE 3des 11111111111111112222222222222222\n"
			 "IRKSSSE 3des 55555555555555556666666666666666\n",
			 0600, 0);
	assert_int_equal(sscard_use_keys(s.card, keys), 0);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_string_equal(b.name, "林岩");
	assert_int_equal(sscard_authenticate(s.card, &auth), 0);
	assert_int_equal(auth.algorithm, SSCARD_ALG_3DES);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	/* SM4 keys for a 3DES card: this source lacks the card's algorithm
	 * (from power-up: the card forgets an authentication on reset) */
	sscard_disconnect(s.card);
	assert_int_equal(vcard_connect(s.ctx, s.vc, &s.card), 0);
	keys = file_keys(s.ctx, test_keys, 0600, 0);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_NO_KEY);
	assert_int_equal(b.holder_status, SSCARD_E_NO_KEY);
	assert_string_equal(b.number, "A30003002");
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	session_close(&s);
}

static void psam(void **state)
{
	struct sscard_basic b;
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	unsigned long before;
	(void)state;

	session_open(&s, "auth3", NULL);
	keys = psam_keys(s.ctx, &pvc);
	holder_and_photo(&s, keys);

	/* the APDUs of a basic read of the 3.0 card with a PSAM, from
	 * power-up, the card known to guard its holder file (it refused it
	 * above): SELECT + GET RESPONSE + 14 reads (a 3.00 card has the name
	 * extension) + GET CHALLENGE + EXTERNAL AUTHENTICATE, before the
	 * holder file; on the PSAM, SELECT DF01, BF DE, 80 FA, GET RESPONSE */
	sscard_disconnect(s.card);
	assert_int_equal(vcard_connect(s.ctx, s.vc, &s.card), 0);
	sscard_use_keys(s.card, keys);
	before = keys->psam.stats.apdus;
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_int_equal(session_apdus(s.card), 2 + 14 + 2);
	assert_int_equal(keys->psam.stats.apdus - before, 4);
	sscard_use_keys(s.card, NULL);
	sscardi_chan_close(&keys->psam);
	free(keys);
	vcard_free(pvc);
	session_close(&s);
}

static void note_refusal(int level, const char *msg, void *user)
{
	if (level == SSCARD_LOG_APDU && strncmp(msg, "< 69 82", 7) == 0)
		*(int *)user = 1;
}

/* Read and return the card APDUs it took; *refused: whether the card
 * answered 6982 to any of them. */
static unsigned long counted(struct session *s, int (*read)(sscard *card),
			     int want, int *refused)
{
	unsigned long before = session_apdus(s->card);

	*refused = 0;
	sscard_set_log(s->ctx, SSCARD_LOG_APDU, note_refusal, refused);
	assert_int_equal(read(s->card), want);
	sscard_set_log(s->ctx, SSCARD_LOG_NONE, NULL, NULL);
	return session_apdus(s->card) - before;
}

static int read_basic(sscard *card)
{
	struct sscard_basic b;

	return sscard_read_basic(card, &b);
}

static int read_photo(sscard *card)
{
	unsigned char *jpeg = NULL;
	size_t len = 0;
	int rv = sscard_read_photo(card, &jpeg, &len);

	sscard_free(jpeg);
	return rv;
}

static int read_medical(sscard *card)
{
	struct sscard_medical m;

	return sscard_medical_read(card, &m);
}

static void reconnect(struct session *s, sscard_keys *keys)
{
	sscard_disconnect(s->card);
	assert_int_equal(vcard_connect(s->ctx, s->vc, &s->card), 0);
	assert_int_equal(sscard_use_keys(s->card, keys), 0);
}

/* With a key source, what real cards guard is opened before it is read
 * (lib/card.md "Authenticate first"): no command meets a refusal, except
 * a never-seen card's holder file, which only some 3.0 cards guard. */
static void authenticate_first(void **state)
{
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	int refused;
	(void)state;

	session_open(&s, "auth3-medical", NULL);
	keys = psam_keys(s.ctx, &pvc);
	assert_int_equal(sscard_use_keys(s.card, keys), 0);
	/* SELECT + GET RESPONSE, id code, SELECT EF08, GET CHALLENGE,
	 * EXTERNAL AUTHENTICATE, the 1038-byte JPEG in 5 reads */
	assert_int_equal(counted(&s, read_photo, 0, &refused), 2 + 9);
	assert_false(refused);
	/* the key stays open while SSSE stays selected: 14 reads */
	assert_int_equal(counted(&s, read_basic, 0, &refused), 14);
	assert_false(refused);

	/* a new power-up: the holder file refused once, and the card is
	 * then known to guard it */
	reconnect(&s, keys);
	assert_int_equal(counted(&s, read_basic, 0, &refused), 2 + 14 + 3);
	assert_true(refused);
	reconnect(&s, keys);
	assert_int_equal(counted(&s, read_basic, 0, &refused), 2 + 14 + 2);
	assert_false(refused);

	/* the medical amount after the PIN: id code (read above, kept),
	 * SELECT DF04, SELECT EF06, GET CHALLENGE, EXTERNAL AUTHENTICATE,
	 * 2 reads */
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, NULL), 0);
	assert_int_equal(counted(&s, read_medical, 0, &refused), 6);
	assert_false(refused);
	assert_int_equal(sscard_use_keys(s.card, NULL), 0);
	psam_keys_free(keys, pvc);
	session_close(&s);

	/* a card that guards nothing, a key source without the key: no key
	 * is sent, the plain read answers (SELECT + GET RESPONSE, id code,
	 * SELECT EF08, 5 reads) */
	session_open(&s, "standard", NULL);
	keys = file_keys(s.ctx, "RK1DF04 sm4 33333333333333334444444444444444\n",
			 0600, 0);
	assert_int_equal(sscard_use_keys(s.card, keys), 0);
	assert_int_equal(counted(&s, read_photo, 0, &refused), 2 + 1 + 1 + 5);
	assert_false(refused);
	assert_int_equal(sscard_use_keys(s.card, NULL), 0);
	sscard_keys_free(keys);
	session_close(&s);
}

static void hsm_mode(void **state)
{
	struct session s;
	sscard_keys *keys;
	int calls = 0;
	(void)state;

	session_open(&s, "auth3", NULL);
	assert_int_equal(sscard_keys_from_hsm(s.ctx, hsm, &calls, &keys), 0);
	holder_and_photo(&s, keys);
	/* the holder read, then INTERNAL AUTHENTICATE: the photo needed no
	 * second call, the card's security state outlasts the read */
	assert_int_equal(calls, 2);
	sscard_keys_free(keys);
	session_close(&s);
}

static void medical_amount(void **state)
{
	struct sscard_medical m;
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	int calls = 0;
	(void)state;

	session_open(&s, "medical-auth", NULL);
	assert_int_equal(sscard_pin_verify(s.card, "123456", 0, NULL), 0);
	assert_int_equal(sscard_medical_read(s.card, &m), SSCARD_E_AUTH_REQUIRED);
	keys = psam_keys(s.ctx, &pvc);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_medical_read(s.card, &m), 0);
	assert_true(m.balance_fen == 12345);
	sscard_use_keys(s.card, NULL);
	sscardi_chan_close(&keys->psam);
	free(keys);
	vcard_free(pvc);

	keys = file_keys(s.ctx, test_keys, 0600, 0);
	sscard_use_keys(s.card, keys);
	s.vc->authed = 0;
	assert_int_equal(sscard_medical_read(s.card, &m), 0);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);

	assert_int_equal(sscard_keys_from_hsm(s.ctx, hsm, &calls, &keys), 0);
	sscard_use_keys(s.card, keys);
	s.vc->authed = 0;
	assert_int_equal(sscard_medical_read(s.card, &m), 0);
	assert_int_equal(calls, 1);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	session_close(&s);
}

static void fake_card_and_wrong_key(void **state)
{
	struct sscard_basic b;
	struct sscard_auth auth;
	struct session s;
	sscard_keys *keys;
	(void)state;

	session_open(&s, "auth3-fake", NULL);
	keys = file_keys(s.ctx, test_keys, 0600, 0);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_authenticate(s.card, &auth),
			 SSCARD_E_NOT_GENUINE);
	assert_int_equal(auth.genuine, 0);
	assert_int_equal(auth.algorithm, SSCARD_ALG_SM4);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	session_close(&s);

	/* a wrong RKSSSE: one EXTERNAL AUTHENTICATE, the card's tries for
	 * the key down by one, never tried again by the library */
	session_open(&s, "auth3", NULL);
	keys = file_keys(s.ctx, "RKSSSE sm4 99999999999999999999999999999999\n",
			 0600, 0);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_WRONG);
	assert_int_equal(b.holder_status, SSCARD_E_KEY_WRONG);
	assert_int_equal(b.holder_sw, 0x63C2);
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 2);
	/* no key for the internal authentication in this file */
	assert_int_equal(sscard_authenticate(s.card, &auth), SSCARD_E_NO_KEY);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	session_close(&s);
}

/* A fault at every APDU of an authenticated read, on the card and on the
 * PSAM: the fitting error or, after a reset, the whole read again;
 * nothing half filled; the card's key counter never moves. */
static void faults_during_authentication(void **state)
{
	static const char *kinds[] = { "remove", "reset", "mute", "garbage",
				       "gone" };
	static const int card_err[] = { SSCARD_E_CARD_REMOVED, 0,
					SSCARD_E_CARD_MUTE, SSCARD_E_PROTOCOL,
					SSCARD_E_CARD_REMOVED };
	static const int psam_err[] = { SSCARD_E_PSAM_REMOVED, 0,
					SSCARD_E_PSAM_REMOVED,
					SSCARD_E_PROTOCOL,
					SSCARD_E_PSAM_REMOVED };
	struct sscard_basic b, zero;
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	char spec[32];
	int on_psam, k, i, n, rv;
	(void)state;

	memset(&zero, 0, sizeof(zero));
	for (on_psam = 0; on_psam < 2; on_psam++) {
		n = on_psam ? 4 : 19;
		for (i = 0; i < n; i++) {
			for (k = 0; k < 5; k++) {
				session_open(&s, "auth3", NULL);
				keys = psam_keys(s.ctx, &pvc);
				sscard_use_keys(s.card, keys);
				snprintf(spec, sizeof(spec), "%s@%d", kinds[k], i);
				assert_int_equal(vcard_add_faults(on_psam ? pvc : s.vc,
								  spec), 0);
				rv = sscard_read_basic(s.card, &b);
				if (rv != (on_psam ? psam_err : card_err)[k])
					fail_msg("%s %s: %d", on_psam ? "PSAM" : "card",
						 spec, rv);
				if (rv == 0)
					assert_string_equal(b.name, "林岩");
				else if (b.holder_status == 0)
					assert_memory_equal(&b, &zero, sizeof(b));
				assert_int_equal(card_key(s.vc, 0x0A)->tries,
						 card_key(s.vc, 0x0A)->max);
				sscard_use_keys(s.card, NULL);
				sscardi_chan_close(&keys->psam);
				free(keys);
				vcard_free(pvc);
				session_close(&s);
			}
		}
	}
}

#define ID "520300D156000005050842704E187F49"

/* The service counter, with the key file and with the PSAM. */
static void counter(struct session *s, sscard_keys *keys)
{
	int tries = 9;

	sscard_use_keys(s->card, keys);
	/* the locked card: unblocked, three tries, the PIN unchanged */
	assert_int_equal(sscard_pin_unblock(s->card, ID, "BA0010547", &tries), 0);
	assert_int_equal(tries, 3);
	assert_int_equal(s->vc->tries, 3);
	assert_string_equal(s->vc->pin, "123456");
	/* reloaded: the new PIN verifies, the old one does not */
	assert_int_equal(sscard_pin_reload(s->card, ID, "BA0010547", "24681357",
					   0, &tries), 0);
	assert_string_equal(s->vc->pin, "24681357");
	assert_int_equal(sscard_pin_verify(s->card, "123456", 0, &tries),
			 SSCARD_E_PIN_WRONG);
	assert_int_equal(sscard_pin_verify(s->card, "24681357", 0, &tries), 0);
	/* another card than the clerk's: nothing past the reads */
	assert_int_equal(sscard_pin_unblock(s->card, ID, "BA0010548", &tries),
			 SSCARD_E_CARD_MISMATCH);
	assert_int_equal(sscard_pin_reload(s->card,
					   "520300D156000005050842704E187F4A",
					   "BA0010547", "7654", 0, &tries),
			 SSCARD_E_CARD_MISMATCH);
	assert_string_equal(s->vc->pin, "24681357");
	/* 123456 only when the holder asks for it; bad PINs before any APDU */
	assert_int_equal(sscard_pin_reload(s->card, ID, "BA0010547", "123456",
					   0, &tries), SSCARD_E_PIN_INITIAL);
	assert_int_equal(sscard_pin_reload(s->card, ID, "BA0010547", "12a4",
					   0, &tries), SSCARD_E_PIN_FORMAT);
	assert_int_equal(sscard_pin_reload(s->card, ID, "BA0010547", "123456",
					   SSCARD_PIN_INITIAL, &tries), 0);
	assert_string_equal(s->vc->pin, "123456");
	sscard_use_keys(s->card, NULL);
}

static void service_counter(void **state)
{
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	int tries;
	(void)state;

	session_open(&s, "locked", NULL);
	/* no key source: nothing to do it with */
	assert_int_equal(sscard_pin_unblock(s.card, ID, "BA0010547", &tries),
			 SSCARD_E_NO_KEY);
	assert_int_equal(sscard_pin_unblock(s.card, "XYZ", "BA0010547", &tries),
			 SSCARD_E_INVALID_ARG);
	keys = file_keys(s.ctx, test_keys, 0600, 0);
	counter(&s, keys);
	sscard_keys_free(keys);
	session_close(&s);

	session_open(&s, "locked", NULL);
	keys = psam_keys(s.ctx, &pvc);
	counter(&s, keys);
	sscardi_chan_close(&keys->psam);
	free(keys);
	vcard_free(pvc);
	session_close(&s);

	session_open(&s, "locked", NULL);
	{
		int calls = 0;

		assert_int_equal(sscard_keys_from_hsm(s.ctx, hsm, &calls, &keys), 0);
		counter(&s, keys);
		assert_int_equal(calls, 2 * 3);     /* two steps, three times */
	}
	sscard_keys_free(keys);
	session_close(&s);

	/* a wrong PUK: reported with its tries, tried once */
	session_open(&s, "locked", NULL);
	keys = file_keys(s.ctx, "PUK sm4 99999999999999999999999999999999\n"
				"PINRELOAD sm4 CCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD\n",
			 0600, 0);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_pin_unblock(s.card, ID, "BA0010547", &tries),
			 SSCARD_E_KEY_WRONG);
	assert_int_equal(sscard_last_sw(s.card), 0x63C2);
	assert_int_equal(s.vc->tries, 0);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	session_close(&s);
}

/* A fault at every APDU of unblock and reload: never reported as done
 * when it was not, never run twice. */
static void faults_at_the_counter(void **state)
{
	static const char *kinds[] = { "remove", "reset", "mute", "garbage",
				       "gone" };
	struct session s;
	sscard_keys *keys;
	char spec[32];
	int k, i, rv, reload, apdus;
	(void)state;

	for (reload = 0; reload < 2; reload++) {
		/* SELECT+GR, id, number, GC+EA, GC, 84 24, tries */
		apdus = 9;
		for (i = 0; i < apdus; i++) {
			for (k = 0; k < 5; k++) {
				session_open(&s, "locked", NULL);
				keys = file_keys(s.ctx, test_keys, 0600, 0);
				sscard_use_keys(s.card, keys);
				snprintf(spec, sizeof(spec), "%s@%d", kinds[k], i);
				assert_int_equal(vcard_add_faults(s.vc, spec), 0);
				rv = reload ? sscard_pin_reload(s.card, ID, "BA0010547",
								"7777", 0, NULL)
					    : sscard_pin_unblock(s.card, ID,
								 "BA0010547", NULL);
				/* done only when the card did it */
				if (rv == 0 && s.vc->tries != 3)
					fail_msg("%s@%d: reported done, not done",
						 kinds[k], i);
				if (rv < 0 && rv != SSCARD_E_CARD_RESET &&
				    rv != SSCARD_E_CARD_REMOVED &&
				    rv != SSCARD_E_CARD_MUTE &&
				    rv != SSCARD_E_PROTOCOL)
					fail_msg("%s@%d: %d", kinds[k], i, rv);
				if (reload && rv == 0)
					assert_string_equal(s.vc->pin, "7777");
				sscard_use_keys(s.card, NULL);
				sscard_keys_free(keys);
				session_close(&s);
			}
		}
	}
}

/* The card's terminal-key counter is the patient's: a source the card
 * refused is not tried on it again, the last try needs the caller's word,
 * a locked key is not asked.  The auth3 card's RKSSSE allows 3 tries. */
static void wrong_key_never_locks(void **state)
{
	struct sscard_basic b;
	struct session s;
	sscard_keys *wrong1, *wrong2, *wrong3, *right;
	unsigned long before;
	int i;
	(void)state;

	session_open(&s, "auth3", NULL);
	wrong1 = file_keys(s.ctx, "RKSSSE sm4 0102030405060708090A0B0C0D0E0F10\n",
			   0600, 0);
	wrong2 = file_keys(s.ctx, "RKSSSE sm4 1112131415161718191A1B1C1D1E1F20\n",
			   0600, 0);
	wrong3 = file_keys(s.ctx, "RKSSSE sm4 2122232425262728292A2B2C2D2E2F30\n",
			   0600, 0);
	right = file_keys(s.ctx, test_keys, 0600, 0);
	sscard_use_keys(s.card, wrong1);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_WRONG);
	assert_int_equal(sscard_last_sw(s.card), 0x63C2);
	assert_int_equal(sscard_key_tries(s.card), 2);
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 2);
	/* five more reads with the same file: nothing reaches the key */
	for (i = 0; i < 5; i++) {
		before = session_apdus(s.card);
		assert_int_equal(sscard_read_basic(s.card, &b),
				 SSCARD_E_KEY_WRONG);
		assert_int_equal(b.holder_status, SSCARD_E_KEY_WRONG);
		assert_string_equal(b.number, "A30003002");
		assert_int_equal(sscard_key_tries(s.card), 2);
		/* the card's own SW of the refused read, not an old 63C2 */
		assert_int_equal(sscard_last_sw(s.card), 0x6982);
		assert_true(session_apdus(s.card) - before <= 16);
	}
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 2);
	/* another wrong source is tried once: one try left */
	sscard_use_keys(s.card, wrong2);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_WRONG);
	assert_int_equal(sscard_key_tries(s.card), 1);
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 1);
	/* the last try is spent by no source unless the caller confirms */
	sscard_use_keys(s.card, wrong3);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_LAST_TRY);
	assert_int_equal(b.holder_status, SSCARD_E_KEY_LAST_TRY);
	assert_int_equal(sscard_key_tries(s.card), 1);
	sscard_use_keys(s.card, right);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_LAST_TRY);
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 1);
	assert_int_equal(sscard_keys_set_flags(right, 0x80),
			 SSCARD_E_INVALID_ARG);
	assert_int_equal(sscard_keys_set_flags(right,
					       SSCARD_KEYS_CONFIRM_LAST_TRY), 0);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_string_equal(b.name, "林岩");
	/* a right key restores the card's tries, and the guard forgets
	 * that card's counts; the refused sources stay refused... */
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 3);
	sscard_disconnect(s.card);
	assert_int_equal(vcard_connect(s.ctx, s.vc, &s.card), 0);
	sscard_use_keys(s.card, wrong1);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_WRONG);
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 3);
	/* ...until the caller says the source changed */
	sscard_keys_forget_failures(wrong1);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_WRONG);
	assert_int_equal(card_key(s.vc, 0x0A)->tries, 2);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(wrong1);
	sscard_keys_free(wrong2);
	sscard_keys_free(wrong3);
	sscard_keys_free(right);
	session_close(&s);
}

/* A locked key (6983) is never asked again; a file for the guard's memory
 * is refused when others may write it, and holds no card data. */
static void locked_key_and_guard_file(void **state)
{
	char dir[] = "/tmp/sscard-guard-XXXXXX", path[64], text[4096];
	struct sscard_basic b;
	struct session s;
	sscard_keys *wrong;
	unsigned long before;
	FILE *f;
	size_t n;
	int fd;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/guard", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0666);
	assert_true(fd >= 0);
	close(fd);
	chmod(path, 0666);
	assert_int_equal(sscard_key_guard_file(path), SSCARD_E_KEYFILE);
	assert_int_equal(sscard_key_guard_file(""), SSCARD_E_INVALID_ARG);
	unlink(path);
	assert_int_equal(sscard_key_guard_file(path), 0);

	session_open(&s, "auth3-other", NULL);
	for (fd = 0; fd < s.vc->nkeys; fd++)     /* one left, unknown to us */
		if (s.vc->keys[fd].id == 0x0A)
			s.vc->keys[fd].tries = 1;
	wrong = file_keys(s.ctx, "RKSSSE sm4 3132333435363738393A3B3C3D3E3F40\n",
			  0600, 0);
	sscard_use_keys(s.card, wrong);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_LOCKED);
	assert_int_equal(sscard_key_tries(s.card), 0);
	sscard_keys_forget_failures(wrong);
	sscard_keys_set_flags(wrong, SSCARD_KEYS_CONFIRM_LAST_TRY);
	before = session_apdus(s.card);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_KEY_LOCKED);
	assert_true(session_apdus(s.card) - before <= 16);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(wrong);
	session_close(&s);

	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_true(n > 0);
	assert_null(strstr(text, "520300"));
	assert_null(strstr(text, "A30003002"));
	assert_int_equal(sscard_key_guard_file(NULL), 0);
	unlink(path);
	rmdir(dir);
}

/* SM4 and 3DES through a PSAM of each kind: the PSAM of the other
 * algorithm refuses its key set-up (BF DE: 6700) before anything reaches
 * the card's key. */
static void psam_algorithms(void **state)
{
	struct sscard_basic b;
	struct sscard_auth auth;
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	unsigned char *jpeg = NULL;
	size_t len = 0;
	(void)state;

	session_open(&s, "auth3-3des", NULL);
	keys = psam_keys_from(s.ctx, "psam-3des", &pvc);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_read_basic(s.card, &b), 0);
	assert_string_equal(b.name, "林岩");
	assert_int_equal(sscard_read_photo(s.card, &jpeg, &len), 0);
	assert_int_equal(len, 1038);
	sscard_free(jpeg);
	assert_int_equal(sscard_authenticate(s.card, &auth), 0);
	assert_int_equal(auth.genuine, 1);
	assert_int_equal(auth.algorithm, SSCARD_ALG_3DES);
	sscard_use_keys(s.card, NULL);
	psam_keys_free(keys, pvc);
	session_close(&s);

	session_open(&s, "auth3", NULL);
	keys = psam_keys_from(s.ctx, "psam-3des", &pvc);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_read_basic(s.card, &b), SSCARD_E_NO_KEY);
	assert_int_equal(b.holder_status, SSCARD_E_NO_KEY);
	assert_int_equal(card_key(s.vc, 0x0A)->tries,
			 card_key(s.vc, 0x0A)->max);
	assert_int_equal(sscard_authenticate(s.card, &auth), SSCARD_E_NO_KEY);
	sscard_use_keys(s.card, NULL);
	psam_keys_free(keys, pvc);
	session_close(&s);
}

/* INTERNAL AUTHENTICATE answers 8 bytes; 16 is the card's error, and no
 * verdict on its genuineness, whatever the key source. */
static void internal_answer_length(void **state)
{
	struct sscard_auth auth;
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	int calls = 0;
	(void)state;

	session_open(&s, "auth3-intauth16", NULL);
	keys = file_keys(s.ctx, test_keys, 0600, 0);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_authenticate(s.card, &auth), SSCARD_E_PROTOCOL);
	assert_int_equal(auth.genuine, 0);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	keys = psam_keys(s.ctx, &pvc);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_authenticate(s.card, &auth), SSCARD_E_PROTOCOL);
	sscard_use_keys(s.card, NULL);
	psam_keys_free(keys, pvc);
	assert_int_equal(sscard_keys_from_hsm(s.ctx, hsm, &calls, &keys), 0);
	sscard_use_keys(s.card, keys);
	assert_int_equal(sscard_authenticate(s.card, &auth), SSCARD_E_PROTOCOL);
	assert_int_equal(calls, 0);
	sscard_use_keys(s.card, NULL);
	sscard_keys_free(keys);
	session_close(&s);
}

/* The service counter on a 3DES card: key file, 3DES PSAM, HSM. */
static void service_counter_3des(void **state)
{
	static const char keys_3des[] =
		"PUK 3des AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB\n"
		"PINRELOAD 3des CCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD\n";
	struct session s;
	struct vcard *pvc;
	sscard_keys *keys;
	int calls = 0;
	(void)state;

	session_open(&s, "locked-3des", NULL);
	keys = file_keys(s.ctx, keys_3des, 0600, 0);
	counter(&s, keys);
	sscard_keys_free(keys);
	session_close(&s);

	session_open(&s, "locked-3des", NULL);
	keys = psam_keys_from(s.ctx, "psam-3des", &pvc);
	counter(&s, keys);
	psam_keys_free(keys, pvc);
	session_close(&s);

	session_open(&s, "locked-3des", NULL);
	assert_int_equal(sscard_keys_from_hsm(s.ctx, hsm, &calls, &keys), 0);
	counter(&s, keys);
	assert_int_equal(calls, 2 * 3);
	sscard_keys_free(keys);
	session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_file),
		cmocka_unit_test(three_des_card),
		cmocka_unit_test(psam),
		cmocka_unit_test(authenticate_first),
		cmocka_unit_test(hsm_mode),
		cmocka_unit_test(medical_amount),
		cmocka_unit_test(fake_card_and_wrong_key),
		cmocka_unit_test(faults_during_authentication),
		cmocka_unit_test(service_counter),
		cmocka_unit_test(faults_at_the_counter),
		cmocka_unit_test(wrong_key_never_locks),
		cmocka_unit_test(locked_key_and_guard_file),
		cmocka_unit_test(psam_algorithms),
		cmocka_unit_test(internal_answer_length),
		cmocka_unit_test(service_counter_3des),
	};

	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
