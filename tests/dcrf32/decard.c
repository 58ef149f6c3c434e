/*
 * A program written the way Decard's documentation shows, against nothing
 * but the dcrf32 interface: open port 100, beep, the contact slot, reset,
 * SELECT the social security application and READ RECORD the card and
 * holder data; for the photo, terminal authentication with the PSAM in
 * SAM slot 1 interleaved with the card (GET CHALLENGE, the PSAM's key
 * set-up and cryptogram, EXTERNAL AUTHENTICATE), then READ BINARY; power
 * down, exit.  Prints what it read, one "key value" a line (name as hex of
 * its GB18030 bytes, photo as its length and SHA-256 computed by the
 * caller).
 *
 *   decard [hex]     (hex: the same through the _hex twins)
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcrf32.h"

static HANDLE dev;
static int hex_mode;

static void fail(const char *what, int rv)
{
	unsigned int code = 0;

	dc_GetLastResponseCode(dev, &code);
	fprintf(stderr, "%s: %d (last response %04X)\n", what, rv, code);
	exit(1);
}

/* one APDU given as hex text; the answer's bytes (SW included) in resp */
static unsigned int apdu(const char *cmd_hex, unsigned char *resp)
{
	unsigned char cmd[300];
	unsigned int rlen = 0, slen = (unsigned int)strlen(cmd_hex) / 2;
	short rv;

	if (hex_mode) {
		char text[8200];

		rv = dc_cpuapduInt_hex(dev, slen, (char *)cmd_hex, &rlen, text);
		if (rv == 0)
			a_hex((unsigned char *)text, resp, (short)(2 * rlen));
	} else {
		a_hex((unsigned char *)cmd_hex, cmd, (short)(2 * slen));
		rv = dc_cpuapduInt(dev, slen, cmd, &rlen, resp);
	}
	if (rv != 0)
		fail(cmd_hex, rv);
	return rlen;
}

static unsigned int ok_apdu(const char *cmd_hex, unsigned char *resp)
{
	unsigned int n = apdu(cmd_hex, resp);

	if (n < 2 || resp[n - 2] != 0x90 || resp[n - 1] != 0x00) {
		fprintf(stderr, "%s: SW %02X%02X\n", cmd_hex, resp[n - 2],
			resp[n - 1]);
		exit(1);
	}
	return n - 2;
}

static void reset(unsigned char *atr, unsigned char *atr_len)
{
	short rv;

	if (hex_mode) {
		char text[260];

		rv = dc_cpureset_hex(dev, atr_len, text);
		if (rv == 0)
			a_hex((unsigned char *)text, atr, (short)(2 * *atr_len));
	} else {
		rv = dc_cpureset(dev, atr_len, atr);
	}
	if (rv != 0)
		fail("dc_cpureset", rv);
}

/* a record's value by tag, with an SFI: "00B2 <tag> <sfi<<3> 00" */
static unsigned int record(int tag, int sfi, unsigned char *value)
{
	unsigned char resp[300];
	char cmd[32];
	unsigned int n;

	snprintf(cmd, sizeof(cmd), "00B2%02X%02X00", tag, sfi << 3);
	n = ok_apdu(cmd, resp);
	if (n < 2 || resp[0] != tag || resp[1] != n - 2)
		exit(2);
	memcpy(value, resp + 2, n - 2);
	return n - 2;
}

static void print_hex(const char *key, const unsigned char *v, unsigned n)
{
	char text[600];

	hex_a((unsigned char *)v, (unsigned char *)text, (short)n);
	printf("%s %s\n", key, text);
}

int main(int argc, char **argv)
{
	unsigned char atr[128], sam_atr[128], resp[8200], v[64], photo[16384];
	unsigned char atr_len, sam_len, factors[16], challenge[8];
	char cmd[128], text[64];
	char factors_hex[33], challenge_hex[17], cryptogram_hex[17];
	unsigned int n, len = 0;
	int alg16, i;

	hex_mode = argc > 1 && strcmp(argv[1], "hex") == 0;
	dev = dc_init(100, 115200);
	if (dev < 0)
		fail("dc_init", dev);
	dc_beep(dev, 20);
	if (dc_setcpu(dev, 0x0C) != 0)
		fail("dc_setcpu", -1);
	reset(atr, &atr_len);

	/* the social security application: 61xx is resolved for us */
	n = ok_apdu("00A404000F7378312E73682EC9E7BBE1B1A3D5CF", resp);
	alg16 = 0;
	for (i = 0; i + 2 < (int)n; i++)
		if (resp[i] == 0x86 && resp[i + 1] == 0x01)
			alg16 = resp[i + 2] != 0x01;
	n = record(0x01, 5, v);
	print_hex("id_code", v, n);
	n = record(0x07, 5, v);
	printf("number %.9s\n", (char *)v);

	/* the terminal authentication with the PSAM (RKSSSE, two levels:
	 * the card, the city) */
	memcpy(factors, atr + atr_len - 8, 8);
	n = record(0x01, 5, v);
	hex_a(v, (unsigned char *)text, 3);
	memcpy(factors + 8, text, 6);
	memcpy(factors + 14, "sx", 2);
	ok_apdu("0084000008", resp);
	memcpy(challenge, resp, 8);

	if (dc_setcpu(dev, 0x0D) != 0)
		fail("dc_setcpu SAM1", -1);
	reset(sam_atr, &sam_len);
	ok_apdu("00A4000002DF01", resp);
	hex_a(factors, (unsigned char *)factors_hex, 16);
	hex_a(challenge, (unsigned char *)challenge_hex, 8);
	snprintf(cmd, sizeof(cmd), "BFDE470A%02X%s%s%s", alg16 ? 0x20 : 0x18,
		 factors_hex, challenge_hex, alg16 ? "0000000000000000" : "");
	ok_apdu(cmd, resp);
	n = ok_apdu(alg16 ? "80FA0000101122334455667788"
			    "0000000000000000"
			  : "80FA0000081122334455667788", resp);
	if (alg16)
		for (i = 0; i < 8; i++)
			resp[i] ^= resp[i + 8];
	memcpy(v, resp, 8);

	if (dc_setcpu(dev, 0x0C) != 0)
		fail("dc_setcpu card", -1);
	hex_a(v, (unsigned char *)cryptogram_hex, 8);
	snprintf(cmd, sizeof(cmd), "0082000A10%s1122334455667788",
		 cryptogram_hex);
	ok_apdu(cmd, resp);

	/* the holder, then the photo */
	n = record(0x08, 6, v);
	printf("ssn %.*s\n", (int)n, (char *)v);
	n = record(0x09, 6, v);
	while (n > 0 && (v[n - 1] == 0x00 || v[n - 1] == 0x20))
		n--;
	print_hex("name", v, n);
	ok_apdu("00A4020002EF08", resp);
	for (len = 0; len + 255 <= sizeof(photo);) {
		snprintf(cmd, sizeof(cmd), "00B0%04X%02X", len, 0xFF);
		n = apdu(cmd, resp);
		if (n < 2 || resp[n - 2] != 0x90)
			break;
		memcpy(photo + len, resp, n - 2);
		len += n - 2;
		if (n - 2 < 255)
			break;
	}
	while (len > 2 && !(photo[len - 2] == 0xFF && photo[len - 1] == 0xD9))
		len--;
	printf("photo %u\n", len);
	fwrite(photo, 1, len, stderr);

	if (dc_cpudown(dev) != 0)
		fail("dc_cpudown", -1);
	dc_setcpu(dev, 0x0D);
	dc_cpudown(dev);
	if (dc_exit(dev) != 0)
		fail("dc_exit", -1);
	return 0;
}
