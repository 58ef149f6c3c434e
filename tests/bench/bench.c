/*
 * bench: figures for the virtual card through the real pcscd.  Prints
 * "key value" lines that tests/bench/run turns into a table; asserts
 * nothing about time.
 *
 *   bench ROUNDS | auth | latency N | slow CARD_MS
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

/* The floor: a peer's own minimal sequence for the basic data, written
 * from the card specification (../shared/CARD.md), not taken from
 * libsscard: after SELECT, READ RECORD by SFI and record number with the
 * exact Le of each field (tag + length + value). */
static const struct {
	unsigned char sfi, rec, len;
} floor_fields[] = {
	{ 5, 1, 16 }, { 5, 2, 1 }, { 5, 3, 4 }, { 5, 4, 12 }, { 5, 5, 4 },
	{ 5, 6, 4 }, { 5, 7, 9 }, { 6, 1, 18 }, { 6, 2, 30 }, { 6, 3, 1 },
	{ 6, 4, 1 }, { 6, 5, 3 }, { 6, 6, 4 },
};
#define FLOOR_READS (sizeof(floor_fields) / sizeof(floor_fields[0]))

static const unsigned char select_ssse[] = {
	0x00, 0xA4, 0x04, 0x00, 0x0F, 0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E,
	0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
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
	op_line("basic_again", card, 1, "card_still_in_the_reader:_remembered,_one_SCardStatus_and_the_card_identification_code_(1_READ_RECORD)");
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
	auth_line("basic_3.0_first_time", card, keys, &before, 18, 4,
		  "card:SELECT+GR+14_reads+GET_CHALLENGE+EXT_AUTH;"
		  "PSAM:DF01+BF_DE+80_FA+GR;"
		  "(a_card_never_seen:_its_EF06_refusal_tells_that_it_guards_it)");
	done_with_psam(card, keys);

	keys = fresh_with_psam(ctx, &card, &before);
	sscard_read_basic(card, &b);
	auth_line("basic_3.0_known_card", card, keys, &before, 18, 4,
		  "card:SELECT+GR+14_reads+GET_CHALLENGE+EXT_AUTH;"
		  "PSAM:DF01+BF_DE+80_FA+GR");
	done_with_psam(card, keys);

	keys = fresh_with_psam(ctx, &card, &before);
	if (sscard_read_photo(card, &jpeg, &len) == 0)
		sscard_free(jpeg);
	auth_line("photo_3.0", card, keys, &before, 11, 4,
		  "card:(probe_SELECT+GR_at_connect)+id_code+SELECT_EF08+GC+EA+5_reads;"
		  "PSAM:DF01+BF_DE+80_FA+GR");
	done_with_psam(card, keys);

	keys = fresh_with_psam(ctx, &card, &before);
	sscard_pin_verify(card, "123456", 0, NULL);
	sscard_reset_stats(card);
	sscard_medical_read(card, &m);
	auth_line("medical_3.0", card, keys, &before, 7, 4,
		  "card:id_code+SELECT_DF04+SELECT_EF06+GC+EA+2_reads;"
		  "PSAM:DF01+BF_DE+80_FA+GR");
	done_with_psam(card, keys);
	sscard_disconnect(card);
	return 0;
}

/* One exchange of the floor; exits on anything but the answer wanted. */
static void floor_send(SCARDHANDLE h, const unsigned char *cmd, size_t len,
		       unsigned want_sw1)
{
	unsigned char resp[258];
	DWORD rlen = sizeof(resp);

	if (SCardTransmit(h, SCARD_PCI_T0, cmd, (DWORD)len, NULL, resp,
			  &rlen) != SCARD_S_SUCCESS || rlen < 2 ||
	    resp[rlen - 2] != want_sw1) {
		fprintf(stderr, "bench: the floor's command %02X failed\n",
			cmd[1]);
		exit(1);
	}
}

static void floor_select(SCARDHANDLE h, FILE *seq)
{
	const unsigned char get_response[] = { 0x00, 0xC0, 0x00, 0x00, 0x1D };
	size_t i;

	floor_send(h, select_ssse, sizeof(select_ssse), 0x61);
	floor_send(h, get_response, sizeof(get_response), 0x90);
	for (i = 0; seq != NULL && i < sizeof(select_ssse); i++)
		fprintf(seq, "%02X", select_ssse[i]);
	if (seq != NULL)
		fprintf(seq, "\n00C000001D\n");
}

static void floor_read(SCARDHANDLE h, FILE *seq)
{
	unsigned char cmd[5] = { 0x00, 0xB2, 0, 0, 0 };
	size_t i;

	for (i = 0; i < FLOOR_READS; i++) {
		cmd[2] = floor_fields[i].rec;
		cmd[3] = (unsigned char)(floor_fields[i].sfi << 3 | 4);
		cmd[4] = (unsigned char)(floor_fields[i].len + 2);
		floor_send(h, cmd, sizeof(cmd), 0x90);
		if (seq != NULL)
			fprintf(seq, "00B2%02X%02X%02X\n", cmd[2], cmd[3], cmd[4]);
	}
}

/* The floor's steady-state read (SSSE selected, each read in a
 * transaction) against sscard_read_basic() asked afresh, and remembered. */
static void overhead(sscard_ctx *ctx, int rounds)
{
	SCARDCONTEXT pc;
	SCARDHANDLE h;
	DWORD proto;
	struct sscard_basic b;
	char reader[256];
	const char *seq_path = getenv("BENCH_SEQ");
	FILE *seq = fopen(seq_path != NULL ? seq_path : "/dev/null", "w");
	double t0, raw = 0, lib = 0, kept = 0;
	sscard *card = fresh(ctx, NULL);
	int i, block;

	sscard_read_basic(card, &b);
	snprintf(reader, sizeof(reader), "%s", sscard_reader_name(card));
	if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &pc) != 0 ||
	    SCardConnect(pc, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0,
			 &h, &proto) != 0) {
		fprintf(stderr, "bench: raw connect failed\n");
		exit(1);
	}
	/* its whole sequence once, for the peers that run it (opensc-tool) */
	floor_select(h, seq);
	floor_read(h, seq);
	if (seq != NULL)
		fclose(seq);
	/* alternate blocks of both so that drift hits them alike */
	for (block = 0; block < 10; block++) {
		t0 = now_ms();
		for (i = 0; i < rounds / 10; i++) {
			SCardBeginTransaction(h);
			floor_read(h, NULL);
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
	printf("apdus_per_read %zu\n", FLOOR_READS);
	printf("raw_ms_per_read %.4f\n", raw / rounds);
	printf("lib_ms_per_read %.4f\n", lib / rounds);
	printf("overhead_ratio %.3f\n", lib / raw);
	printf("reads_per_second %.0f\n", rounds / (lib / 1e3));
	printf("remembered_ms_per_read %.4f\n", kept / rounds);
	SCardDisconnect(h, SCARD_LEAVE_CARD);
	SCardReleaseContext(pc);
	sscard_disconnect(card);
}

/* A slow card (tests/bench/run gives it 30 ms an answer): what a holder
 * waits for a read from power-up, asked again, and remembered, against
 * APDUs x the card's time. */
static int slow(sscard_ctx *ctx, int card_ms)
{
	struct sscard_basic b;
	struct sscard_stats st;
	sscard *card;
	double t0, first, again, kept;

	t0 = now_ms();
	card = fresh(ctx, NULL);
	if (sscard_read_basic(card, &b) != 0)
		return 1;
	first = now_ms() - t0;
	sscard_get_stats(card, &st);
	printf("slow_first_ms %.1f\nslow_first_apdus %lu\n", first, st.apdus);
	sscard_reset_stats(card);
	sscard_forget(card);
	t0 = now_ms();
	if (sscard_read_basic(card, &b) != 0)
		return 1;
	again = now_ms() - t0;
	sscard_get_stats(card, &st);
	printf("slow_again_ms %.1f\nslow_again_apdus %lu\n", again, st.apdus);
	printf("slow_again_per_card_time %.3f\n",
	       again / ((double)st.apdus * card_ms));
	sscard_reset_stats(card);
	t0 = now_ms();
	if (sscard_read_basic(card, &b) != 0)
		return 1;
	kept = now_ms() - t0;
	sscard_get_stats(card, &st);
	printf("slow_kept_ms %.3f\nslow_kept_apdus %lu\n", kept, st.apdus);
	sscard_disconnect(card);
	return 0;
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
	if (argc > 2 && strcmp(argv[1], "slow") == 0) {
		if (sscard_ctx_new(&ctx) < 0)
			return 2;
		rounds = slow(ctx, atoi(argv[2]));
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
