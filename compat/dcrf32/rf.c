/*
 * The contactless family through a PC/SC contactless slot (its name says
 * Contactless, PICC or CL): the field is pcscd's, the UID is PC/SC part
 * 3's GET DATA (FF CA 00 00 00), the ATS is rebuilt from the ATR's
 * historical bytes (TL, T0 = 0x08: no interface bytes, then those bytes).
 * And the dc_rf_* pair, which numbers slots 0x0n (user card n) and 0x1n
 * (SAM n).
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "dcrf32i.h"

#define CMD_MAX 261
#define RESP_MAX 4098
#define UID_MAX 10

static short cl_slot(HANDLE icdev, struct dcrf32i_dev **dev)
{
	short rv;

	*dev = dcrf32i_dev(icdev, &rv);
	if (*dev == NULL)
		return rv;
	return (short)dcrf32i_slot_of_role(*dev, DCRF32I_CONTACTLESS, 1);
}

/* 0 = field off; any other time: off, and on at the next activation */
short dc_reset(HANDLE icdev, unsigned short _Msec)
{
	struct dcrf32i_dev *dev;
	short slot = cl_slot(icdev, &dev);

	(void)_Msec;
	if (slot < 0)
		return slot;
	dcrf32i_power_off(dev, slot);
	return DCRF32_OK;
}

short dc_config_card(HANDLE icdev, unsigned char cardtype)
{
	struct dcrf32i_dev *dev;
	short rv;

	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	if (cardtype != 'A' && cardtype != 'B')
		return DCRF32_E_ARG;
	dev->cl_type = (char)cardtype;
	return DCRF32_OK;
}

/* The card in the field activated, its UID read: 0, DCRF32_NO_CARD, or
 * a code. */
static short uid(HANDLE icdev, unsigned char *out, size_t *len)
{
	static const unsigned char get_uid[] = { 0xFF, 0xCA, 0x00, 0x00, 0x00 };
	struct dcrf32i_dev *dev;
	unsigned char resp[UID_MAX + 2];
	size_t resp_len = sizeof(resp);
	short slot = cl_slot(icdev, &dev), rv;

	if (slot < 0)
		return slot;
	rv = dcrf32i_present(dev, slot);
	if (rv <= 0)
		return rv == 0 ? DCRF32_NO_CARD : rv;
	rv = dcrf32i_activate(dev, slot);
	if (rv < 0)
		return rv == DCRF32_E_NO_CARD ? DCRF32_NO_CARD : rv;
	rv = dcrf32i_exchange(dev, slot, get_uid, sizeof(get_uid), resp,
			      &resp_len, 1);
	if (rv < 0)
		return rv;
	if (resp_len < 3 || resp[resp_len - 2] != 0x90 ||
	    resp[resp_len - 1] != 0x00)
		return DCRF32_E_CARD;
	*len = resp_len - 2;
	memcpy(out, resp, *len);
	return DCRF32_OK;
}

/* The UID into out as bytes or as hex text (and a NUL), at most max
 * bytes of it; *len its length when len is not NULL. */
static short uid_out(HANDLE icdev, void *out, int hex, size_t max,
		     unsigned int *len)
{
	unsigned char id[UID_MAX];
	size_t n;
	short rv;

	if (out == NULL)
		return DCRF32_E_ARG;
	rv = uid(icdev, id, &n);
	if (rv != DCRF32_OK)
		return rv;
	if (n > max)
		return DCRF32_E_BUFFER;
	if (hex)
		dcrf32i_hex(id, n, out);
	else
		memcpy(out, id, n);
	if (len != NULL)
		*len = (unsigned int)n;
	return DCRF32_OK;
}

/* _Mode: pcscd picks the card in the field */
short dc_card_n(HANDLE icdev, unsigned char _Mode, unsigned int *SnrLen,
		unsigned char *_Snr)
{
	(void)_Mode;
	if (SnrLen == NULL)
		return DCRF32_E_ARG;
	return uid_out(icdev, _Snr, 0, UID_MAX, SnrLen);
}

short dc_card_n_hex(HANDLE icdev, unsigned char _Mode, unsigned int *SnrLen,
		    unsigned char *_Snr)
{
	(void)_Mode;
	if (SnrLen == NULL)
		return DCRF32_E_ARG;
	return uid_out(icdev, _Snr, 1, UID_MAX, SnrLen);
}

/* the UID in at most 8 bytes (the buffer the header asks for) */
short dc_card_double(HANDLE icdev, unsigned char _Mode, unsigned char *_Snr)
{
	(void)_Mode;
	return uid_out(icdev, _Snr, 0, 8, NULL);
}

short dc_card_double_hex(HANDLE icdev, unsigned char _Mode,
			 unsigned char *_Snr)
{
	(void)_Mode;
	return uid_out(icdev, _Snr, 1, 8, NULL);
}

short dc_card_b_hex(HANDLE icdev, char *rbuf)
{
	return uid_out(icdev, rbuf, 1, UID_MAX, NULL);
}

/* The historical bytes of an ATR (ISO 7816-3), or -1 if it is malformed. */
static int historical(const unsigned char *atr, size_t len, size_t *start)
{
	size_t i = 1, k;
	unsigned y;

	if (len < 2)
		return -1;
	k = atr[1] & 0x0F;
	y = atr[1] >> 4;
	i = 2;
	for (;;) {
		unsigned td;

		i += (size_t)((y & 1) + ((y >> 1) & 1) + ((y >> 2) & 1));
		if (!(y & 8))
			break;
		if (i >= len)
			return -1;
		td = atr[i++];
		y = td >> 4;
	}
	if (i + k > len)
		return -1;
	*start = i;
	return (int)k;
}

static short ats(HANDLE icdev, unsigned char *rlen, void *out, int hex)
{
	struct dcrf32i_dev *dev;
	unsigned char atr[33], built[33];
	size_t atr_len = sizeof(atr), start = 0;
	short slot = cl_slot(icdev, &dev), rv;
	int k;

	if (rlen == NULL || out == NULL)
		return DCRF32_E_ARG;
	if (slot < 0)
		return slot;
	rv = dcrf32i_activate(dev, slot);
	if (rv < 0)
		return rv;
	if (sscard_atr(dev->slot[slot].card, atr, &atr_len) < 0)
		return DCRF32_E_PROTOCOL;
	k = historical(atr, atr_len, &start);
	if (k < 0)
		return DCRF32_E_PROTOCOL;
	built[0] = (unsigned char)(k + 2);
	built[1] = 0x08;
	memcpy(built + 2, atr + start, (size_t)k);
	if (hex)
		dcrf32i_hex(built, (size_t)k + 2, out);
	else
		memcpy(out, built, (size_t)k + 2);
	*rlen = (unsigned char)(k + 2);
	return DCRF32_OK;
}

short dc_pro_reset(HANDLE icdev, unsigned char *rlen,
		   unsigned char *receive_data)
{
	return ats(icdev, rlen, receive_data, 0);
}

short dc_pro_reset_hex(HANDLE icdev, unsigned char *rlen, char *receive_data)
{
	return ats(icdev, rlen, receive_data, 1);
}

short dc_pro_resetInt(HANDLE icdev, unsigned char *rlen,
		      unsigned char *receive_data)
{
	return ats(icdev, rlen, receive_data, 0);
}

short dc_pro_resetInt_hex(HANDLE icdev, unsigned char *rlen,
			  char *receive_data)
{
	return ats(icdev, rlen, receive_data, 1);
}

/* One command to the activated contactless card; chaining and the
 * protocol's timing are pcscd's and the reader's. */
static short pro(HANDLE icdev, const void *send, size_t slen, int hex,
		 void *out, size_t max, size_t *got)
{
	struct dcrf32i_dev *dev;
	unsigned char cmd[CMD_MAX], resp[RESP_MAX];
	size_t resp_len = sizeof(resp);
	short slot, rv;

	if (send == NULL || out == NULL || got == NULL || slen < 4 ||
	    slen > CMD_MAX)
		return DCRF32_E_ARG;
	slot = cl_slot(icdev, &dev);
	if (slot < 0)
		return slot;
	if (dev->slot[slot].card == NULL)
		return DCRF32_E_NOT_POWERED;
	rv = hex ? dcrf32i_unhex(send, slen, cmd) : DCRF32_OK;
	if (rv < 0)
		return rv;
	if (!hex)
		memcpy(cmd, send, slen);
	rv = dcrf32i_exchange(dev, slot, cmd, slen, resp, &resp_len, 1);
	if (rv == DCRF32_OK && resp_len > max)
		rv = DCRF32_E_BUFFER;
	if (rv == DCRF32_OK) {
		if (hex)
			dcrf32i_hex(resp, resp_len, out);
		else
			memcpy(out, resp, resp_len);
		*got = resp_len;
	}
	sscard_cleanse(cmd, sizeof(cmd));
	sscard_cleanse(resp, sizeof(resp));
	return rv;
}

static short pro_short(HANDLE icdev, const void *send, unsigned char slen,
			int hex, unsigned char *rlen, void *out)
{
	size_t got;
	short rv;

	if (rlen == NULL)
		return DCRF32_E_ARG;
	rv = pro(icdev, send, slen, hex, out, 255, &got);
	if (rv == DCRF32_OK)
		*rlen = (unsigned char)got;
	return rv;
}

/* timeout and FG are the reader's business under PC/SC */
short dc_pro_command(HANDLE icdev, unsigned char slen,
		     unsigned char *sendbuffer, unsigned char *rlen,
		     unsigned char *databuffer, unsigned char timeout)
{
	(void)timeout;
	return pro_short(icdev, sendbuffer, slen, 0, rlen, databuffer);
}

short dc_pro_command_hex(HANDLE icdev, unsigned char slen, char *sendbuffer,
			 unsigned char *rlen, char *databuffer,
			 unsigned char timeout)
{
	(void)timeout;
	return pro_short(icdev, sendbuffer, slen, 1, rlen, databuffer);
}

short dc_pro_commandlink(HANDLE icdev, unsigned char slen,
			 unsigned char *sendbuffer, unsigned char *rlen,
			 unsigned char *databuffer, unsigned char timeout,
			 unsigned char FG)
{
	(void)timeout;
	(void)FG;
	return pro_short(icdev, sendbuffer, slen, 0, rlen, databuffer);
}

short dc_pro_commandlink_hex(HANDLE icdev, unsigned char slen,
			     unsigned char *sendbuffer, unsigned char *rlen,
			     unsigned char *databuffer, unsigned char timeout,
			     unsigned char FG)
{
	(void)timeout;
	(void)FG;
	return pro_short(icdev, sendbuffer, slen, 1, rlen, databuffer);
}

#define PRO_INT(name, in_t, out_t, hex)                                      \
short name(HANDLE icdev, unsigned int slen, in_t *sendbuffer,                 \
	   unsigned int *rlen, out_t *databuffer, unsigned char timeout)     \
{                                                                            \
	size_t got;                                                          \
	short rv;                                                            \
									     \
	(void)timeout;                                                       \
	if (rlen == NULL)                                                    \
		return DCRF32_E_ARG;                                         \
	rv = pro(icdev, sendbuffer, slen, hex, databuffer, RESP_MAX, &got);  \
	if (rv == DCRF32_OK)                                                 \
		*rlen = (unsigned int)got;                                   \
	return rv;                                                           \
}

PRO_INT(dc_pro_commandlinkInt, unsigned char, unsigned char, 0)
PRO_INT(dc_pro_commandlinkInt_hex, char, char, 1)

/* dc_rf_*: 0x0n the n'th user (contact) slot, 0x1n SAM n; they answer a
 * length, or -2 no card, -3 not powered, -4 mute (Decard's numbers), or
 * another of ours. */
static short rf_slot(struct dcrf32i_dev *dev, unsigned char no)
{
	int n = no & 0x0F;

	if (n == 0 || no > 0x1F)
		return DCRF32_E_NO_SLOT;
	if (no >> 4 == 0)
		return (short)dcrf32i_slot_of_role(dev, DCRF32I_CONTACT, n);
	return (short)dcrf32i_slot_of_role(dev, DCRF32I_SAM, n);
}

static short rf_code(short rv)
{
	switch (rv) {
	case DCRF32_E_NO_CARD:
	case DCRF32_E_CARD_REMOVED:
		return -2;
	case DCRF32_E_NOT_POWERED:
		return -3;
	case DCRF32_E_CARD_MUTE:
		return -4;
	default:
		return rv;
	}
}

short dc_rf_poweron(HANDLE icdev, unsigned char icc_slot_no,
		    unsigned char *response)
{
	struct dcrf32i_dev *dev;
	unsigned char atr[33];
	size_t atr_len = sizeof(atr);
	short rv, slot;

	if (response == NULL)
		return DCRF32_E_ARG;
	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	slot = rf_slot(dev, icc_slot_no);
	if (slot < 0)
		return slot;
	rv = dcrf32i_power(dev, slot, 0, atr, &atr_len);
	if (rv < 0)
		return rf_code(rv);
	memcpy(response, atr, atr_len);
	return (short)atr_len;
}

short dc_rf_application(HANDLE icdev, unsigned char icc_slot_no,
			int length_of_command_apdu,
			unsigned char *command_apdu,
			unsigned char *response_apdu)
{
	struct dcrf32i_dev *dev;
	unsigned char resp[RESP_MAX];
	size_t resp_len = sizeof(resp);
	short rv, slot;

	if (command_apdu == NULL || response_apdu == NULL ||
	    length_of_command_apdu < 4 || length_of_command_apdu > CMD_MAX)
		return DCRF32_E_ARG;
	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	slot = rf_slot(dev, icc_slot_no);
	if (slot < 0)
		return slot;
	rv = dcrf32i_exchange(dev, slot, command_apdu,
			      (size_t)length_of_command_apdu, resp, &resp_len,
			      1);
	if (rv == DCRF32_OK && resp_len > 0x7FFF)
		rv = DCRF32_E_BUFFER;
	if (rv == DCRF32_OK)
		memcpy(response_apdu, resp, resp_len);
	sscard_cleanse(resp, sizeof(resp));
	return rv < 0 ? rf_code(rv) : (short)resp_len;
}
