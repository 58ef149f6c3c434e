/*
 * bench: figures for the virtual card through the real pcscd.  Prints
 * "key value" lines that tests/bench/run turns into a table; asserts
 * nothing about time.
 *
 *   bench ROUNDS
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <winscard.h>

#include <sscard.h>

#define SEQ_MAX 64

struct seq {
	unsigned char cmd[SEQ_MAX][261];
	size_t len[SEQ_MAX];
	int n;
};

static struct seq captured;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The library's own trace gives the exact C-APDUs it sends. */
static void capture(int level, const char *msg, void *user)
{
	struct seq *s = user;
	const char *p = msg + 1;
	unsigned v;
	int k;
	size_t n = 0;

	if (level != SSCARD_LOG_APDU || msg[0] != '>' || s->n >= SEQ_MAX)
		return;
	while (sscanf(p, " %2x%n", &v, &k) == 1 && n < 261) {
		s->cmd[s->n][n++] = (unsigned char)v;
		p += k;
	}
	s->len[s->n++] = n;
}

static void op_line(const char *name, sscard *card, int minimum,
		    const char *why)
{
	struct sscard_stats st;

	sscard_get_stats(card, &st);
	printf("op %s %lu %lu %lu %d %s\n", name, st.apdus, st.bytes_out,
	       st.bytes_in, minimum, why);
	/* card link time: 12 etu a character, and one T=0 procedure byte
	 * per command */
	printf("link %s %.1f %.1f\n", name,
	       (double)(st.bytes_out + st.bytes_in + st.apdus) * 12 / 9600 * 1e3,
	       (double)(st.bytes_out + st.bytes_in + st.apdus) * 12 / 38400 * 1e3);
	sscard_reset_stats(card);
}

static sscard *fresh(sscard_ctx *ctx, sscard *old)
{
	sscard *card;

	sscard_disconnect(old);
	if (sscard_connect(ctx, NULL, &card) < 0) {
		fprintf(stderr, "bench: no card\n");
		exit(1);
	}
	return card;
}

static void operations(sscard_ctx *ctx)
{
	struct sscard_basic b;
	struct sscard_pin_info pin;
	struct sscard_medical m;
	struct sscard_bank bank;
	unsigned char *jpeg;
	size_t len;
	sscard *card = fresh(ctx, NULL);

	sscard_read_basic(card, &b);
	op_line("basic", card, 15, "SELECT+GET_RESPONSE+13_reads_by_SFI_(no_4E_on_1.00)");
	sscard_read_basic(card, &b);
	op_line("basic_again", card, 0, "card_still_in_the_reader:_remembered,_one_SCardStatus");
	sscard_forget(card);
	sscard_read_basic(card, &b);
	op_line("basic_asked_again", card, 13, "sscard_forget():_SSSE_still_selected");
	if (sscard_read_photo(card, &jpeg, &len) == 0)
		sscard_free(jpeg);
	op_line("photo", card, 6, "SELECT_EF08+ceil(1038/255)_reads,_stop_at_EOI");
	sscard_pin_status(card, &pin);
	op_line("pin_status", card, 3, "SELECT_SSSE+GR+VERIFY_without_data_(PIN_commands_select_SSSE_themselves)");
	sscard_pin_verify(card, "123456", 0, NULL);
	op_line("pin_verify", card, 4, "SELECT_SSSE+GR+tries_query_(guards_the_last_try)+VERIFY");
	sscard_medical_read(card, &m);
	op_line("medical", card, 4, "SELECT_DF04+SELECT_EF06+2_reads");
	sscard_read_bank(card, 0, &bank);
	op_line("bank", card, 14, "PSE+GR,dir,SELECT+GR,GPO+GR,3_AFL,4_GET_DATA_(exact_Le_everywhere)");
	sscard_forget(card);
	sscard_read_basic(card, &b);
	op_line("basic_after_bank", card, 15, "asked_again:_SSSE_selected_again");
	sscard_disconnect(card);
}

/* An authenticated operation: APDUs on the card and on the PSAM. */
static void auth_line(const char *name, sscard *card, sscard_keys *keys,
		      const struct sscard_stats *psam_before, int card_min,
		      int psam_min, const char *why)
{
	struct sscard_stats st, ps;

	sscard_get_stats(card, &st);
	sscard_keys_get_stats(keys, &ps);
	ps.apdus -= psam_before->apdus;
	ps.bytes_out -= psam_before->bytes_out;
	ps.bytes_in -= psam_before->bytes_in;
	printf("authop %s %lu %lu %d %d %.1f %s\n", name, st.apdus, ps.apdus,
	       card_min, psam_min,
	       (double)(st.bytes_out + st.bytes_in + st.apdus +
			ps.bytes_out + ps.bytes_in + ps.apdus) * 12 / 9600 * 1e3,
	       why);
	sscard_reset_stats(card);
}

/* A fresh card (reset: its security state would carry over) and a fresh
 * PSAM key source, so that each operation's counters are its own. */
static sscard_keys *fresh_with_psam(sscard_ctx *ctx, sscard **card,
				    struct sscard_stats *psam_before)
{
	sscard_keys *keys;

	*card = fresh(ctx, *card);
	if (sscard_keys_from_psam(ctx, "Virtual PCD 00 01", &keys) < 0) {
		fprintf(stderr, "bench: no PSAM\n");
		exit(1);
	}
	sscard_keys_get_stats(keys, psam_before);
	sscard_use_keys(*card, keys);
	return keys;
}

static void done_with_psam(sscard *card, sscard_keys *keys)
{
	sscard_use_keys(card, NULL);
	sscard_keys_free(keys);
}

/* bench auth: the 3.0 card and a PSAM (tests/bench/run starts them). */
static int authenticated(sscard_ctx *ctx)
{
	struct sscard_basic b;
	struct sscard_medical m;
	struct sscard_stats before;
	unsigned char *jpeg;
	size_t len;
	sscard_keys *keys;
	sscard *card = NULL;

	keys = fresh_with_psam(ctx, &card, &before);
	printf("authop finding_the_PSAM 0 %lu 0 3 0 SELECT_DF01+SELECT_MF+READ_BINARY_0016\n",
	       before.apdus);
	sscard_read_basic(card, &b);
	auth_line("basic_3.0", card, keys, &before, 19, 4,
		  "card:SELECT+GR+14_reads+GET_CHALLENGE+EXT_AUTH+1_read_again;"
		  "PSAM:DF01+BF_DE+80_FA+GR");
	done_with_psam(card, keys);

	keys = fresh_with_psam(ctx, &card, &before);
	if (sscard_read_photo(card, &jpeg, &len) == 0)
		sscard_free(jpeg);
	auth_line("photo_3.0", card, keys, &before, 12, 4,
		  "card:(probe_SELECT+GR_at_connect)+id_code+SELECT_EF08+refused_read+GC+EA+5_reads;"
		  "PSAM:DF01+BF_DE+80_FA+GR");
	done_with_psam(card, keys);

	keys = fresh_with_psam(ctx, &card, &before);
	sscard_pin_verify(card, "123456", 0, NULL);
	sscard_reset_stats(card);
	sscard_medical_read(card, &m);
	auth_line("medical_3.0", card, keys, &before, 8, 4,
		  "card:id_code+SELECT_DF04+SELECT_EF06+refused_read+GC+EA+2_reads;"
		  "PSAM:DF01+BF_DE+80_FA+GR");
	done_with_psam(card, keys);
	sscard_disconnect(card);
	return 0;
}

/* Raw SCardTransmit loop of the same APDUs vs sscard_read_basic(). */
static void overhead(sscard_ctx *ctx, int rounds)
{
	SCARDCONTEXT pc;
	SCARDHANDLE h;
	DWORD proto, rlen;
	unsigned char resp[300];
	struct sscard_basic b;
	char reader[256];
	double t0, raw = 0, lib = 0, kept = 0;
	sscard *card = fresh(ctx, NULL);
	int i, j, block;

	/* a steady-state read that asks the card: capture its APDUs */
	sscard_read_basic(card, &b);
	sscard_forget(card);
	sscard_set_log(ctx, SSCARD_LOG_APDU, capture, &captured);
	sscard_read_basic(card, &b);
	sscard_set_log(ctx, SSCARD_LOG_NONE, NULL, NULL);
	snprintf(reader, sizeof(reader), "%s", sscard_reader_name(card));

	if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &pc) != 0 ||
	    SCardConnect(pc, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0,
			 &h, &proto) != 0) {
		fprintf(stderr, "bench: raw connect failed\n");
		exit(1);
	}
	/* alternate blocks of both so that drift hits them alike */
	for (block = 0; block < 10; block++) {
		t0 = now_ms();
		for (i = 0; i < rounds / 10; i++) {
			SCardBeginTransaction(h);
			for (j = 0; j < captured.n; j++) {
				rlen = sizeof(resp);
				SCardTransmit(h, SCARD_PCI_T0, captured.cmd[j],
					      (DWORD)captured.len[j], NULL, resp,
					      &rlen);
			}
			SCardEndTransaction(h, SCARD_LEAVE_CARD);
		}
		raw += now_ms() - t0;
		t0 = now_ms();
		for (i = 0; i < rounds / 10; i++) {
			sscard_forget(card);
			if (sscard_read_basic(card, &b) != 0)
				exit(1);
		}
		lib += now_ms() - t0;
		t0 = now_ms();
		for (i = 0; i < rounds / 10; i++)
			if (sscard_read_basic(card, &b) != 0)
				exit(1);
		kept += now_ms() - t0;
	}
	printf("apdus_per_read %d\n", captured.n);
	printf("raw_ms_per_read %.4f\n", raw / rounds);
	printf("lib_ms_per_read %.4f\n", lib / rounds);
	printf("overhead_ratio %.3f\n", lib / raw);
	printf("reads_per_second %.0f\n", rounds / (lib / 1e3));
	printf("remembered_ms_per_read %.4f\n", kept / rounds);
	SCardDisconnect(h, SCARD_LEAVE_CARD);
	SCardReleaseContext(pc);
	sscard_disconnect(card);
	/* the same APDUs for the peers, as hex, one per line */
	{
		FILE *f = fopen(getenv("BENCH_SEQ") ? getenv("BENCH_SEQ")
						    : "/dev/null", "w");

		for (j = 0; f != NULL && j < captured.n; j++) {
			size_t k;

			for (k = 0; k < captured.len[j]; k++)
				fprintf(f, "%02X", captured.cmd[j][k]);
			fprintf(f, "\n");
		}
		if (f != NULL)
			fclose(f);
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Per-call latency of sscard_read_basic() on a kept handle: the figure
 * sscardd's GET /v1/card is set against in the same run. */
static int latency(sscard_ctx *ctx, int rounds)
{
	struct sscard_basic b;
	sscard *card = fresh(ctx, NULL);
	double *ms = calloc((size_t)rounds, sizeof(*ms)), t0;
	int i;

	if (ms == NULL)
		return 2;
	sscard_read_basic(card, &b);
	for (i = 0; i < rounds; i++) {
		t0 = now_ms();
		if (sscard_read_basic(card, &b) != 0)
			return 1;
		ms[i] = now_ms() - t0;
	}
	qsort(ms, (size_t)rounds, sizeof(*ms), by_value);
	printf("direct_p50_ms %.3f\n", ms[rounds / 2]);
	printf("direct_p99_ms %.3f\n", ms[rounds * 99 / 100]);
	free(ms);
	sscard_disconnect(card);
	return 0;
}

int main(int argc, char **argv)
{
	sscard_ctx *ctx;
	int rounds = argc > 1 ? atoi(argv[1]) : 1000;

	if (argc > 1 && strcmp(argv[1], "auth") == 0) {
		if (sscard_ctx_new(&ctx) < 0)
			return 2;
		rounds = authenticated(ctx);
		sscard_ctx_free(ctx);
		return rounds;
	}
	if (argc > 2 && strcmp(argv[1], "latency") == 0) {
		if (sscard_ctx_new(&ctx) < 0)
			return 2;
		rounds = latency(ctx, atoi(argv[2]) > 10 ? atoi(argv[2]) : 300);
		sscard_ctx_free(ctx);
		return rounds;
	}
	if (rounds < 10 || sscard_ctx_new(&ctx) < 0)
		return 2;
	operations(ctx);
	overhead(ctx, rounds);
	sscard_ctx_free(ctx);
	return 0;
}
