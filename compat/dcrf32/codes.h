/*
 * libdcrf32 on PC/SC: what its functions return.  Decard publishes no
 * table of its negative numbers, so these are ours, one per cause
 * (dcrf32(3)).  0 is success; 1 is "no card" for the card-presence family.
 *
 * SPDX-FileCopyrightText: 2026 The libsscard authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef DCRF32_CODES_H
#define DCRF32_CODES_H

#define DCRF32_OK               0
#define DCRF32_NO_CARD          1   /* dc_card_status, dc_card_n, ... */

#define DCRF32_E_ARG          (-1)  /* NULL buffer, bad length or hex */
#define DCRF32_E_HANDLE       (-2)  /* handle never opened, or closed */
#define DCRF32_E_THREAD       (-3)  /* handle opened by another thread */
#define DCRF32_E_NO_READER    (-4)  /* no PC/SC device for that port */
#define DCRF32_E_NO_SLOT      (-5)  /* the device has no such slot */
#define DCRF32_E_NO_CARD      (-6)  /* no card in the slot */
#define DCRF32_E_NOT_POWERED  (-7)  /* no dc_cpureset (or card found) yet */
#define DCRF32_E_CARD_MUTE    (-8)  /* the card did not answer */
#define DCRF32_E_CARD_REMOVED (-9)  /* the card was taken out */
#define DCRF32_E_CARD_RESET   (-10) /* another program reset the card */
#define DCRF32_E_SHARING      (-11) /* another program holds it alone */
#define DCRF32_E_BUFFER       (-12) /* the answer does not fit */
#define DCRF32_E_NOT_SUPPORTED (-13) /* never over PC/SC: dcrf32(3) */
#define DCRF32_E_NO_SERVICE   (-14) /* pcscd is not running */
#define DCRF32_E_READER       (-15) /* another PC/SC failure */
#define DCRF32_E_PROTOCOL     (-16) /* a malformed answer */
#define DCRF32_E_CARD         (-17) /* the card refused, or its data is
				     * not a social security card's */
#define DCRF32_E_AUTH         (-18) /* terminal authentication needed or
				     * refused (no PSAM, wrong key) */
#define DCRF32_E_PIN_WRONG    (-19)
#define DCRF32_E_PIN_LOCKED   (-20)
#define DCRF32_E_PIN_LAST_TRY (-21) /* one try left: not spent unasked */
#define DCRF32_E_PIN_FORMAT   (-22) /* not 6 digits: nothing sent */
#define DCRF32_E_NO_MEMORY    (-23)
#define DCRF32_E_TOO_MANY     (-24) /* every handle is in use */
#define DCRF32_E_NO_APP       (-25) /* the card has no such application */

#endif
