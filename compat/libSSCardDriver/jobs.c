/*
 * The ministry functions' work, run in the worker thread: each gets the
 * card (opened afresh once when the one held went away without an APDU of
 * this call reaching it), does what lib/card.md's interface says, and leaves
 * the ministry's fields or message in the job.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "apdu.h"
#include "compat.h"
#include "args.h"
#include "jobs.h"
#include "session.h"

typedef int (*card_op)(struct job *j, sscard *card);

static unsigned long apdus_of(const sscard *card)
{
	struct sscard_stats st;

	sscard_get_stats(card, &st);
	return st.apdus;
}

static int with_card(struct job *j, card_op op)
{
	sscard *card;
	unsigned long before;
	int rv, attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		rv = session_card(j, &card);
		if (rv < 0)
			return rv;
		before = apdus_of(card);
		rv = op(j, card);
		if (rv == 0 || attempt > 0 || apdus_of(card) != before)
			break;
		if (!session_stale(rv))
			break;
	}
	return rv;
}

static void historical_hex(const struct sscard_basic *b, char *out, size_t size)
{
	struct sscardi_atr atr;
	size_t i;

	out[0] = '\0';
	if (sscardi_atr_parse(b->atr, b->atr_len, &atr) < 0)
		return;
	for (i = 0; i < atr.hist_len && 2 * i + 2 < size; i++)
		snprintf(out + 2 * i, 3, "%02X", b->atr[atr.hist_off + i]);
}

static int basic_fields(struct job *j, const struct sscard_basic *b)
{
	char hist[2 * 33 + 1], issued[9], expires[9];
	const char *fields[11];
	size_t len = 0, i;

	historical_hex(b, hist, sizeof(hist));
	plain_date(b->issued, issued);
	plain_date(b->expires, expires);
	fields[0] = b->region;
	fields[1] = b->ssn;
	fields[2] = b->number;
	fields[3] = b->id_code;
	fields[4] = b->name;
	fields[5] = hist;
	fields[6] = b->version;
	fields[7] = issued;
	fields[8] = expires;
	fields[9] = session_terminal();
	fields[10] = config_get()->device;
	j->out[0] = '\0';
	for (i = 0; i < 11; i++)
		if (out_field(j->out, &len, fields[i]) < 0)
			return out_message(j, M_CARD_TYPE, "卡片数据格式错误");
	return 0;
}

/* A read's error; AUTH_REQUIRED says what the terminal lacks. */
static int read_error(struct job *j, int rv, int have_keys)
{
	if (rv == SSCARD_E_AUTH_REQUIRED)
		return have_keys ? out_message(j, M_NO_RKSSSE,
					       "3.0卡需要RKSSSE密钥认证")
				 : out_message(j, M_NO_PSAM,
					       "无PSAM卡：该卡需要终端认证");
	return session_error(j, rv);
}

static int read_bas_op(struct job *j, sscard *card)
{
	sscard_keys *keys = session_psam();
	struct sscard_basic b;
	struct sscard_auth auth;
	int rv;

	sscard_use_keys(card, keys);
	if (keys != NULL) {
		/* with a PSAM the card proves it is genuine, as the
		 * ministry's iReadCardBas does */
		rv = sscard_authenticate(card, &auth);
		if (rv < 0)
			return read_error(j, rv, 1);
	}
	rv = sscard_read_basic(card, &b);
	if (rv < 0)
		return read_error(j, rv, keys != NULL);
	return basic_fields(j, &b);
}

int job_read_bas(struct job *j)
{
	return with_card(j, read_bas_op);
}

/* HSM mode: the library's HSM callback stops this job at step 1 until
 * step 2 brings the answer (worker.c). */
static int read_bas_hsm_op(struct job *j, sscard *card)
{
	sscard_keys *keys = session_hsm();
	struct sscard_basic b;
	struct sscard_auth auth;
	int rv;

	if (keys == NULL)
		return out_message(j, M_READER, "内存不足");
	sscard_use_keys(card, keys);
	rv = sscard_authenticate(card, &auth);
	if (rv == 0)
		rv = sscard_read_basic(card, &b);
	sscard_use_keys(card, NULL);
	if (rv < 0)
		return read_error(j, rv, 1);
	return basic_fields(j, &b);
}

int job_read_bas_hsm(struct job *j)
{
	return with_card(j, read_bas_hsm_op);
}

static int pin_error(struct job *j, int rv, int tries)
{
	if (rv == SSCARD_E_PIN_WRONG)
		return tries >= 0
		       ? out_message(j, M_PIN_WRONG, "密码错误，还可尝试%d次",
				     tries)
		       : out_message(j, M_PIN_WRONG, "密码错误");
	return session_error(j, rv);
}

/* the end of a PIN operation: the PIN is now verified, or the error */
static int pin_done(struct job *j, int rv, int tries)
{
	if (rv < 0)
		return pin_error(j, rv, tries);
	session_pin_verified();
	j->out[0] = '\0';
	return 0;
}

static int no_pad(struct job *j, sscard *card)
{
	if (sscard_has_pinpad(card))
		return 0;
	return out_message(j, M_NOT_SUPPORTED,
			   "读卡器没有密码键盘：请使用iVerifyPINK");
}

/* The holder types on the pad and sees the tries left in the previous
 * answer: the last try is theirs to spend. */
static int verify_op(struct job *j, sscard *card)
{
	int tries = -1, rv;

	if (j->arg1 == NULL) {
		rv = no_pad(j, card);
		if (rv < 0)
			return rv;
	}
	rv = sscard_pin_verify(card, j->arg1, SSCARD_PIN_CONFIRM_LAST_TRY,
			       &tries);
	return pin_done(j, rv, tries);
}

int job_verify(struct job *j)
{
	return with_card(j, verify_op);
}

static int change_op(struct job *j, sscard *card)
{
	int tries = -1, rv = no_pad(j, card);

	if (rv < 0)
		return rv;
	rv = sscard_pin_change(card, NULL, NULL, SSCARD_PIN_CONFIRM_LAST_TRY,
			       &tries);
	return pin_done(j, rv, tries);
}

int job_change(struct job *j)
{
	return with_card(j, change_op);
}

static int counter_op(struct job *j, sscard *card, sscard_keys *keys)
{
	char id[33], number[16];
	int tries = -1, rv;

	if (parse_card_info(j->arg1, id, number) < 0)
		return out_message(j, M_PARAM, "参数错误：卡识别码|卡号|");
	if (keys == NULL)
		return out_message(j, M_NO_PSAM, "无PSAM卡");
	sscard_use_keys(card, keys);
	if (j->arg2 != NULL)        /* reload: the initial PIN */
		rv = sscard_pin_reload(card, id, number, "123456",
				       SSCARD_PIN_INITIAL, &tries);
	else
		rv = sscard_pin_unblock(card, id, number, &tries);
	sscard_use_keys(card, NULL);
	if (rv < 0)
		return session_error(j, rv);
	j->out[0] = '\0';
	return 0;
}

static int counter_psam_op(struct job *j, sscard *card)
{
	return counter_op(j, card, session_psam());
}

static int counter_hsm_op(struct job *j, sscard *card)
{
	return counter_op(j, card, session_hsm());
}

int job_counter(struct job *j)
{
	return with_card(j, counter_psam_op);
}

int job_counter_hsm(struct job *j)
{
	return with_card(j, counter_hsm_op);
}

static int read_card_op(struct job *j, sscard *card)
{
	sscard_keys *keys = session_psam();
	struct sscard_basic b;
	char id[33], number[16];
	int rv;

	sscard_use_keys(card, keys);
	rv = sscard_read_basic(card, &b);
	if (rv < 0 && b.id_code[0] == '\0')
		return read_error(j, rv, keys != NULL);
	if (j->arg1 != NULL && j->arg1[0] != '\0' &&
	    (parse_card_info(j->arg1, id, number) < 0 ||
	     strcmp(id, b.id_code) != 0 || strcmp(number, b.number) != 0))
		return out_message(j, M_PARAM, "卡识别码或卡号与卡片不符");
	rv = args_address(j, &b, rv == 0);
	if (rv == M_NO_PSAM)
		return read_error(j, b.holder_status, keys != NULL);
	return rv;
}

int job_read_card(struct job *j)
{
	int rv = args_address(j, NULL, 0);

	return rv < 0 ? rv : with_card(j, read_card_op);
}

static int iccard_op(struct job *j, sscard *card)
{
	struct sscard_bank bank;
	size_t len = 0;
	int rv = sscard_read_bank(card, SSCARD_BANK_FULL_PAN, &bank);

	if (rv == SSCARD_E_NO_APP)
		return out_message(j, M_CARD_TYPE, "卡片没有金融应用");
	if (rv < 0)
		return session_error(j, rv);
	j->out[0] = '\0';
	rv = out_field(j->out, &len, bank.pan) < 0 ? M_CARD_TYPE : 0;
	sscard_cleanse(&bank, sizeof(bank));
	return rv;
}

int job_iccard_num(struct job *j)
{
	return with_card(j, iccard_op);
}

/* "Model [interface] (SERIAL) NN SS": the serial, "" when none. */
static void serial_of(const char *reader, char *out, size_t size)
{
	const char *open = strrchr(reader, '(');
	const char *close = open != NULL ? strchr(open, ')') : NULL;
	size_t n = close != NULL ? (size_t)(close - open - 1) : 0;

	if (n >= size)
		n = size - 1;
	memcpy(out, open != NULL ? open + 1 : "", n);
	out[n] = '\0';
}

int job_reader_info(struct job *j)
{
	struct sscard_reader readers[16];
	const struct config *c = config_get();
	sscard_ctx *ctx;
	size_t count = 0, i, pick = 0;
	int rv;

	ctx = session_ctx(j, &rv);
	if (rv < 0)
		return rv;
	rv = sscard_list_readers(ctx, readers, 16, &count);
	if (rv < 0)
		return session_error(j, rv);
	if (count == 0)
		return session_error(j, SSCARD_E_NO_READER);
	if (count > 16)
		count = 16;
	for (i = 0; i < count && c->reader[0] != '\0'; i++)
		if (strcmp(readers[i].name, c->reader) == 0)
			pick = i;
	/* the reader's serial in out, the PSAM's terminal number after */
	serial_of(readers[pick].name, j->out, sizeof(j->out) / 2);
	{
		sscard_keys *keys = session_psam();
		size_t at = strlen(j->out) + 1;

		snprintf(j->out + at, sizeof(j->out) - at, "%s",
			 keys != NULL ? sscard_keys_terminal(keys) : "");
	}
	return 0;
}
