#!/bin/bash
# The PSAM path at the protocol minimum (issue 50 item 1): the card proves
# itself genuine once an insertion; the next iReadCardBas of the process
# costs the card's two confirmations (its identification code, for the
# verdict and for the holder) and nothing on the PSAM; a new insertion is
# proved afresh.  Prints TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=2
. "$(dirname "$0")/../tap.sh"

# the APDUs after the first call, as pcscd logged them (card and PSAM)
out=$(timeout 120 "$harness" --profile auth3 --psam psam -- bash -c '
	mark="grep -c \"APDU: \" $WITH_PCSCD_LOG > $1/mark"
	"$0" bas 1 shell "$mark" bas 1 bas 1 | grep -c "^0 "
	grep "APDU: " "$WITH_PCSCD_LOG" | sed -n "$(( $(cat $1/mark) + 1 )),\$p" |
		sed "s/^[0-9]* APDU: //; s/ *\$//" | sort | uniq -c | sed "s/^ *//"' \
	"$b/tests/compat/ministry" "$tmp" 2>&1)
[ "$out" = "3
4 00 B2 01 28 12" ] &&
	ok "iReadCardBas with a PSAM, again twice: 2 card APDUs each (the identification code), none on the PSAM" ||
	bad "the second iReadCardBas with a PSAM" "$out"
# a new insertion: proved again (INTERNAL AUTHENTICATE on the card, the
# PSAM's key set-up for it)
out=$(timeout 120 "$harness" --profile auth3 --psam psam -- bash -c '
	swap="kill -USR1 $WITH_PCSCD_VCARD_PID; sleep 1; kill -USR2 $WITH_PCSCD_VCARD_PID; $BUILD/pcsc-wait --cards 2 5000 > /dev/null; grep -c \"APDU: \" $WITH_PCSCD_LOG > $1/mark"
	"$0" bas 1 shell "$swap" bas 1 | grep -c "^0 "
	grep "APDU: " "$WITH_PCSCD_LOG" | sed -n "$(( $(cat $1/mark) + 1 )),\$p" |
		grep -c "APDU: 00 88 \|APDU: BF DE 27 0B"' \
	"$b/tests/compat/ministry" "$tmp" 2>&1)
[ "$out" = "2
2" ] && ok "a new insertion: the card proves itself again (INTERNAL AUTHENTICATE, the PSAM's key set-up)" ||
	bad "a new insertion proved afresh" "$out"

finish
