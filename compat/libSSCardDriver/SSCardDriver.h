/*
 * SSCardDriver.h - the ministry's social security card reader interface
 * (社会保障卡读卡终端接口), as libSSCardDriver.so exports it on Linux: the
 * same names and C signatures as the vendors' DLLs, plain C calling
 * convention.  Built on libsscard.
 *
 * Every function returns 0 or a negative ministry code and writes a
 * NUL-terminated string into its output buffer, which the caller
 * allocates with 1024 bytes; no output is longer.  Success: the fields,
 * each followed by '|'.  Failure: a Chinese message.  Text is GBK unless
 * the configuration says UTF-8 or GB18030 (see README, "Porting from the
 * Windows DLL").
 *
 * iType: 1 contact, 2 contactless, 3 contact first, 4 contactless first.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSCARDDRIVER_H
#define SSCARDDRIVER_H

#ifdef __cplusplus
extern "C" {
#endif

/* region | SSN | card number | card identification code | name | ATR
 * historical bytes (hex) | spec version | issued | expires | terminal
 * number | terminal device number | */
long iReadCardBas(int iType, char *pOutInfo);

/* HSM mode: step 1 answers region | historical bytes | algorithm | card
 * identification code | F | S | R | P | terminal number |; step 2 takes
 * the HSM's "RESULT1|RESULT2|" and answers as iReadCardBas. */
long iReadCardBas_HSM_Step1(int iType, char *pOutInfo);
long iReadCardBas_HSM_Step2(char *pKey, char *pOutInfo);

/* The PIN from the reader's PIN pad; iVerifyPINK takes it from the caller
 * (a vendor extension, for readers without a pad). */
long iVerifyPIN(int iType, char *pOutInfo);
long iVerifyPINK(int iType, char *pin, char *pOutInfo);
long iChangePIN(int iType, char *pOutInfo);

/* Service counter.  pCardInfo: "card identification code|card number|",
 * checked against the card.  Reload sets the initial PIN. */
long iReloadPIN(int iType, char *pCardInfo, char *pOutInfo);
long iUnblockPIN(int iType, char *pCardInfo, char *pOutInfo);
long iReloadPIN_HSM_Step1(int iType, char *pCardInfo, char *pOutInfo);
long iReloadPIN_HSM_Step2(char *pKey, char *pOutInfo);
long iReloadPIN_HSM_Step3(char *pKey, char *pOutInfo);
long iUnblockPIN_HSM_Step1(int iType, char *pCardInfo, char *pOutInfo);
long iUnblockPIN_HSM_Step2(char *pKey, char *pOutInfo);
long iUnblockPIN_HSM_Step3(char *pKey, char *pOutInfo);

/* pFileAddr: "MFEF05|07|$MFEF06|08|09|$" (file, then tags, each segment
 * ended by '$'); the answer has the values in the same shape. */
long iReadCard(int iType, int iAuthType, char *pCardInfo, char *pFileAddr,
	       char *pOutInfo);

/* the reader's serial number and the PSAM's terminal number (each
 * buffer 1024 bytes, like pOutInfo) */
long iGetReaderInfo(char *pReaderSN, char *pPsamTermNo);

/* the bank card number of the card's financial application */
long iReadICCardNum(int iType, char *pOutInfo);

#ifdef __cplusplus
}
#endif

#endif
