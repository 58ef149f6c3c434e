/*
 * The virtual social security card: a model of the card (file tree,
 * records, PIN and its counter, T=0 behaviour, fault injection) loaded from
 * a profile file.  Front ends: vcard_transport.c (in-process, for cmocka)
 * and sscard-vcard.c (the vpcd protocol, for the real pcscd).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VCARD_H
#define VCARD_H

#include <stddef.h>
#include <stdint.h>

#define VCARD_MAX_DF 12
#define VCARD_MAX_EF 40
#define VCARD_MAX_REC 400
#define VCARD_MAX_DO 16
#define VCARD_RESP_MAX 258

enum vcard_access {
	VCARD_ACC_NONE = 0,
	VCARD_ACC_PIN = 1,          /* verified SSSE PIN */
	VCARD_ACC_AUTH = 2,         /* terminal authentication (never given) */
	VCARD_ACC_PIN_AUTH = 3
};

#define VCARD_ALG_3DES 1
#define VCARD_ALG_SM4 3
#define VCARD_MAX_KEY 8

/* A key the card holds: the master it was diversified from, so the card
 * computes its own key from its ATR and region as a personalisation
 * system would. */
struct vcard_key {
	uint8_t id;                 /* EXTERNAL AUTHENTICATE P2 */
	int alg;
	uint8_t master[16];
	int levels;
	int tries, max;
};

/* A key the PSAM holds, by key usage and index. */
struct vcard_psam_key {
	uint8_t usage, index;
	int alg;
	uint8_t master[16];
};

enum vcard_fault_kind {
	VCARD_FAULT_NONE = 0,
	VCARD_FAULT_REMOVE,         /* card taken out */
	VCARD_FAULT_RESET,          /* card reset by someone else */
	VCARD_FAULT_MUTE,           /* no answer from now on */
	VCARD_FAULT_GARBAGE,        /* a one-byte answer */
	VCARD_FAULT_GONE,           /* the command is carried out, then the
				     * card is gone before it answers */
	VCARD_FAULT_SILENT          /* no answer to any command from now
				     * on, though the card stays in and
				     * still gives its ATR */
};

struct vcard_fault {
	int kind;
	unsigned after;             /* hits the APDU numbered after + 1 */
};

struct vcard_rec {
	int ef;                     /* index into efs */
	int recno;
	uint8_t tag;
	uint8_t len;
	uint8_t val[255];
	int raw;                    /* val is the whole record (BER), no tag/len added */
};

struct vcard_ef {
	char name[16];              /* e.g. "EF05" */
	int df;                     /* index into dfs */
	uint16_t fid;
	uint8_t sfi;
	int binary;
	int access;
	uint8_t auth_key;           /* the key id "auth" names */
	uint8_t *bin;
	size_t bin_len;
};

struct vcard_do {                   /* GET DATA object */
	uint16_t tag;
	uint8_t len;
	uint8_t val[64];
};

struct vcard_df {
	char name[16];
	int parent;                 /* -1 for top level */
	uint16_t fid;
	uint8_t aid[16];
	size_t aid_len;
	uint8_t fci[128];
	size_t fci_len;
	uint16_t select_sw;         /* 9000, or 6283 / 6A81 when blocked */
	int ssse;                   /* PIN belongs to this DF and its children */
	uint8_t gpo[128];
	size_t gpo_len;
	struct vcard_do dos[VCARD_MAX_DO];
	int ndo;
};

struct vcard {
	/* from the profile */
	uint8_t atr[33];
	size_t atr_len;
	int t0;                     /* 61xx / 6Cxx behaviour */
	int sfi_ok;                 /* READ RECORD with an SFI */
	int tag_read;               /* READ RECORD by identifier (P2 xxxxx000) */
	int pin_query;              /* VERIFY without data */
	int change_iso;             /* 00 24 instead of 80 5E */
	char pin[13];
	int pin_max;
	int tries;
	struct vcard_df dfs[VCARD_MAX_DF];
	int ndf;
	struct vcard_ef efs[VCARD_MAX_EF];
	int nef;
	struct vcard_rec *recs;
	int nrec;
	struct vcard_key keys[VCARD_MAX_KEY];   /* EXTERNAL AUTHENTICATE */
	int nkeys;
	struct vcard_key intkey;                /* INTERNAL AUTHENTICATE */
	int has_intkey;
	size_t intauth_len;         /* INTERNAL AUTHENTICATE answer: 8, or
				     * 16 for a card of the PBOC reading
				     * (the folded 8 then the rest) */
	struct vcard_key reloadkey;             /* PINRELOAD (84 24) */
	int has_reloadkey;

	/* a PSAM instead of a user card */
	int psam;
	struct vcard_psam_key psam_keys[VCARD_MAX_KEY];
	int npsam_keys;
	uint8_t termno[6];

	/* session state, lost on reset */
	int cur_df;                 /* -1: MF */
	int cur_ef;                 /* -1: none */
	int verified;
	uint8_t pending[VCARD_RESP_MAX * 2];
	size_t pending_len;
	uint8_t challenge[8];
	int have_challenge;
	unsigned authed;            /* bit i: keys[i] authenticated */
	int psam_df;                /* PSAM: DF01 selected */
	int psam_ready;             /* PSAM: a session key is set */
	int psam_alg;
	uint8_t psam_sk[16];

	/* persistence and faults */
	char state_file[512];
	struct vcard_fault faults[4];
	int nfaults;
	unsigned apdus;             /* commands seen since load */
};

/* Load a profile.  On failure returns -1 and writes "file:line: reason"
 * to err. */
int vcard_load(const char *path, struct vcard **out, char *err,
	       size_t err_len);
void vcard_free(struct vcard *vc);

/* Keep PIN and counter in path across runs (loaded now if it exists). */
int vcard_use_state_file(struct vcard *vc, const char *path);

/* Power-up / warm reset: session state cleared. */
void vcard_reset(struct vcard *vc);

/* "remove@5,reset@2": parse fault specs; -1 on a bad spec. */
int vcard_add_faults(struct vcard *vc, const char *spec);

/* The fault that hits the next command, if any (counts the command). */
int vcard_next_fault(struct vcard *vc);
/* The same, without counting. */
int vcard_peek_fault(const struct vcard *vc);

/* keys.c: the key arithmetic of lib/card.md, on OpenSSL (not lib/crypto.c) */
int vk_ecb(int alg, const uint8_t key[16], const uint8_t *in, size_t len,
	   uint8_t *out);
int vk_derive(int alg, const uint8_t master[16], const uint8_t *factors,
	      int levels, uint8_t dk[16]);
int vk_session(int alg, const uint8_t dk[16], const uint8_t r[8],
	       uint8_t sk[16]);
int vk_session_encrypt(int alg, const uint8_t sk[16], const uint8_t *data,
		       size_t len, uint8_t *out);
/* The 8 authentication bytes: 3DES DES_SK(data); SM4 the fold of
 * E_SK(data || 00 x 8) */
int vk_auth_bytes(int alg, const uint8_t sk[16], const uint8_t data[8],
		  uint8_t out[8]);
/* A MAC's 4 bytes from its last block: 3DES the leftmost, SM4 the XOR of
 * the four 4-byte pieces */
void vk_mac4(int alg, const uint8_t *last, uint8_t mac[4]);
int vk_session_decrypt(int alg, const uint8_t sk[16], const uint8_t *data,
		       size_t len, uint8_t *out);
int vk_session_mac(int alg, const uint8_t sk[16], const uint8_t *iv,
		   const uint8_t *data, size_t len, uint8_t *mac);
/* card (last 8 ATR bytes), city, province factors */
void vk_factors(const uint8_t *atr, size_t atr_len, const char region[6],
		uint8_t out[24]);

/* model.c, for psam.c too: a parsed command, a status word appended at
 * resp[n], data answered (61xx on T=0), GET RESPONSE */
struct vcard_cmd {
	uint8_t cla, ins, p1, p2;
	const uint8_t *data;
	size_t lc;
	int le;                     /* -1 absent, else 1..256 */
};
int vcard_parse_cmd(const uint8_t *b, size_t n, struct vcard_cmd *c);
size_t vcard_sw(uint8_t *resp, size_t n, uint16_t status);
size_t vcard_answer_case4(struct vcard *vc, const uint8_t *data, size_t len,
			  uint8_t *resp);
size_t vcard_get_response(struct vcard *vc, const struct vcard_cmd *c,
			  uint8_t *resp);

/* hsm.c: the test HSM's answer to a step-1 request for key, or -1 */
int test_hsm_answer(const char *key, const char *request, char *answer,
		    size_t size);

/* psam.c: the PSAM's commands */
size_t vcard_psam_process(struct vcard *vc, const uint8_t *cmd, size_t len,
			  uint8_t *resp);

/* Process one C-APDU; resp receives data + SW (at most VCARD_RESP_MAX). */
size_t vcard_process(struct vcard *vc, const uint8_t *cmd, size_t len,
		     uint8_t *resp);

#endif
