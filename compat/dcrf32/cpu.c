/*
 * The contact family: dc_setcpu's sticky slot, resets, every APDU variant
 * and its _hex twin, power down, presence.  A _hex twin's length counts
 * bytes, as Decard's own example shows ("0084000008" is 5); its answer is
 * upper-case hex text and a NUL.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "dcrf32i.h"

/* The longest command libsscard sends (short APDUs), and the longest
 * answer an Int or EXT variant gives back (the caller's buffer is not
 * sized by the API; Decard's readers stop near here too). */
#define CMD_MAX 261
#define RESP_MAX 4098

enum resolve { BY_SETTING, ALWAYS };

static int slot_now(struct dcrf32i_dev *dev)
{
	if (dev->current < 0)
		dev->current = dcrf32i_slot_of_cpu(dev, 0x0C);
	return dev->current;
}

short dc_setcpu(HANDLE icdev, unsigned char _Byte)
{
	struct dcrf32i_dev *dev;
	short rv;
	int slot;

	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	slot = dcrf32i_slot_of_cpu(dev, _Byte);
	if (slot < 0)
		return (short)slot;
	dev->current = slot;
	return DCRF32_OK;
}

short dc_setcpupara(HANDLE icdev, unsigned char cputype, unsigned char cpupro,
		    unsigned char cpuetu)
{
	short rv;

	/* PC/SC negotiates protocol and speed with the card itself */
	(void)cputype;
	(void)cpupro;
	(void)cpuetu;
	return dcrf32i_dev(icdev, &rv) != NULL ? DCRF32_OK : rv;
}

static short reset(HANDLE icdev, int warm, unsigned char *rlen, void *data,
		   int hex)
{
	struct dcrf32i_dev *dev;
	unsigned char atr[33];
	size_t atr_len = sizeof(atr);
	short rv;
	int slot;

	if (rlen == NULL || data == NULL)
		return DCRF32_E_ARG;
	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	slot = slot_now(dev);
	if (slot < 0)
		return (short)slot;
	rv = dcrf32i_power(dev, slot, warm, atr, &atr_len);
	if (rv < 0)
		return rv;
	if (hex)
		dcrf32i_hex(atr, atr_len, data);
	else
		memcpy(data, atr, atr_len);
	*rlen = (unsigned char)atr_len;
	return DCRF32_OK;
}

short dc_cpureset(HANDLE icdev, unsigned char *rlen, unsigned char *databuffer)
{
	return reset(icdev, 0, rlen, databuffer, 0);
}

short dc_cpureset_hex(HANDLE icdev, unsigned char *rlen, char *databuffer)
{
	return reset(icdev, 0, rlen, databuffer, 1);
}

short dc_cpuhotreset(HANDLE icdev, unsigned char *rlen,
		     unsigned char *databuffer)
{
	return reset(icdev, 1, rlen, databuffer, 0);
}

short dc_cpuhotreset_hex(HANDLE icdev, unsigned char *rlen, char *databuffer)
{
	return reset(icdev, 1, rlen, databuffer, 1);
}

/*
 * One command on the current slot.  send: bytes, or hex text (hex_in) of
 * 2 * slen characters; out: up to max bytes, or their hex text and a NUL
 * (hex_out); *got the answer's length in bytes, SW included.
 */
static short apdu(HANDLE icdev, const void *send, long slen, int hex_in,
		  void *out, size_t max, size_t *got, int hex_out,
		  enum resolve resolve)
{
	struct dcrf32i_dev *dev;
	unsigned char cmd[CMD_MAX], resp[RESP_MAX];
	size_t resp_len = sizeof(resp);
	short rv;
	int slot;

	/* a negative EXT length too */
	if (send == NULL || out == NULL || got == NULL || slen < 4 ||
	    slen > CMD_MAX)
		return DCRF32_E_ARG;
	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	if (hex_in) {
		rv = dcrf32i_unhex(send, (size_t)slen, cmd);
		if (rv < 0)
			return rv;
	} else {
		memcpy(cmd, send, (size_t)slen);
	}
	slot = slot_now(dev);
	if (slot < 0)
		return (short)slot;
	rv = dcrf32i_exchange(dev, slot, cmd, (size_t)slen, resp, &resp_len,
			      resolve == ALWAYS || !dev->pass_61_6c);
	if (rv < 0)
		goto out;
	if (resp_len > max) {
		rv = DCRF32_E_BUFFER;
		goto out;
	}
	if (hex_out)
		dcrf32i_hex(resp, resp_len, out);
	else
		memcpy(out, resp, resp_len);
	*got = resp_len;
out:
	/* the commands and answers may hold a PIN or personal data */
	sscard_cleanse(cmd, sizeof(cmd));
	sscard_cleanse(resp, sizeof(resp));
	return rv;
}

/* One variant: its length types (plain unsigned char, Int unsigned int,
 * EXT short), its buffers' types, hex or bytes, the 61xx/6Cxx rule and the
 * longest answer its length type holds. */
#define APDU_VARIANT(name, len_t, in_t, out_t, hex, resolve, max)           \
short name(HANDLE icdev, len_t slen, in_t *sendbuffer, len_t *rlen,          \
	   out_t *databuffer)                                                \
{                                                                            \
	size_t got;                                                          \
	short rv;                                                            \
									     \
	if (rlen == NULL)                                                    \
		return DCRF32_E_ARG;                                         \
	rv = apdu(icdev, sendbuffer, (long)slen, hex, databuffer, max, &got, \
		  hex, resolve);                                             \
	if (rv == DCRF32_OK)                                                 \
		*rlen = (len_t)got;                                          \
	return rv;                                                           \
}

typedef unsigned char len8;
typedef unsigned int len32;

APDU_VARIANT(dc_cpuapdu, len8, unsigned char, unsigned char, 0, BY_SETTING, 255)
APDU_VARIANT(dc_cpuapdu_hex, len8, char, char, 1, BY_SETTING, 255)
APDU_VARIANT(dc_cpuapdusource, len8, unsigned char, unsigned char, 0,
	     BY_SETTING, 255)
APDU_VARIANT(dc_cpuapdusource_hex, len8, char, char, 1, BY_SETTING, 255)
APDU_VARIANT(dc_cpuapdurespon, len8, unsigned char, unsigned char, 0, ALWAYS,
	     255)
APDU_VARIANT(dc_cpuapdurespon_hex, len8, char, char, 1, ALWAYS, 255)
APDU_VARIANT(dc_cpuapduInt, len32, unsigned char, unsigned char, 0,
	     BY_SETTING, RESP_MAX)
APDU_VARIANT(dc_cpuapduInt_hex, len32, char, char, 1, BY_SETTING, RESP_MAX)
APDU_VARIANT(dc_cpuapduresponInt, len32, unsigned char, unsigned char, 0,
	     ALWAYS, RESP_MAX)
APDU_VARIANT(dc_cpuapduresponInt_hex, len32, char, char, 1, ALWAYS, RESP_MAX)
APDU_VARIANT(dc_cpuapduEXT, short, unsigned char, unsigned char, 0,
	     BY_SETTING, RESP_MAX)
APDU_VARIANT(dc_cpuapduEXT_hex, short, char, char, 1, BY_SETTING, RESP_MAX)

short dc_cpudown(HANDLE icdev)
{
	struct dcrf32i_dev *dev;
	short rv;
	int slot;

	dev = dcrf32i_dev(icdev, &rv);
	if (dev == NULL)
		return rv;
	slot = slot_now(dev);
	if (slot < 0)
		return (short)slot;
	dcrf32i_power_off(dev, slot);
	return DCRF32_OK;
}

/* Is there a card in the user card's contact slot, whatever dc_setcpu
 * chose: 1 or 0 (*slot its index), or a code. */
static short contact_card(HANDLE icdev, struct dcrf32i_dev **dev, int *slot)
{
	short rv;

	*dev = dcrf32i_dev(icdev, &rv);
	if (*dev == NULL)
		return rv;
	*slot = dcrf32i_slot_of_cpu(*dev, 0x0C);
	if (*slot < 0)
		return (short)*slot;
	return dcrf32i_present(*dev, *slot);
}

short dc_card_status(HANDLE icdev)
{
	struct dcrf32i_dev *dev;
	int slot = -1;
	short present = contact_card(icdev, &dev, &slot);

	if (present < 0)
		return present;
	return present ? DCRF32_OK : DCRF32_NO_CARD;
}

/* 1 no card, 3 a card we have not powered, 4 one we have */
short dc_CpuCardStatus(HANDLE icdev)
{
	struct dcrf32i_dev *dev;
	int slot = -1;
	short present = contact_card(icdev, &dev, &slot);

	if (present < 0)
		return present;
	if (!present || slot < 0)
		return 1;
	return dev->slot[slot].card != NULL ? 4 : 3;
}

/* two bytes, big-endian: 0x0002 a contact card, 0x0010 a contactless
 * card, 0x0020 one we activated */
short dc_card_exist(HANDLE icdev, unsigned char *flag)
{
	struct dcrf32i_dev *dev;
	unsigned bits = 0;
	int slot;
	short present;

	if (flag == NULL)
		return DCRF32_E_ARG;
	present = contact_card(icdev, &dev, &slot);
	if (dev == NULL)
		return present;
	if (present > 0)
		bits |= 0x0002;
	else if (present < 0 && present != DCRF32_E_NO_SLOT)
		return present;
	slot = dcrf32i_slot_of_role(dev, DCRF32I_CONTACTLESS, 1);
	if (slot >= 0) {
		present = dcrf32i_present(dev, slot);
		if (present < 0)
			return present;
		if (present)
			bits |= dev->slot[slot].card != NULL ? 0x0020 : 0x0010;
	}
	flag[0] = (unsigned char)(bits >> 8);
	flag[1] = (unsigned char)bits;
	return bits != 0 ? DCRF32_OK : DCRF32_NO_CARD;
}
