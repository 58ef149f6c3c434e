#!/bin/bash
# Faults through the real pcscd that take a harness each (moved out of
# tests/integration/run to run beside it): a silent card in every door, the
# card or the PSAM taken out at every APDU of an authenticated read, the
# card taken out at every APDU of unblock and reload.  Every JSON line
# sscard-info printed is checked against the schema at the end.  TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=4
. "$(dirname "$0")/../tap.sh"

export SSCARD_INFO=$b/sscard-info SSCARD_JSON_LOG=$tmp/json.log
: > "$SSCARD_JSON_LOG"
info="$top/tests/integration/json-log"
json_get() { /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# a card that stays in the reader, gives its ATR and answers no command:
# our PIN-pad reader has a deadline (2 s) as a CCID reader has, vpcd none
out=$(timeout 120 "$harness" --pinpad --fault silent@0 -- bash -c '
	"$1" --json; echo "exit $?"
	LANG=zh_CN.UTF-8 "$1" 2>&1; echo "exit $?"
	"$1" --doctor | tail -1; echo "exit ${PIPESTATUS[0]}"
	LANG=zh_CN.UTF-8 "$1" --doctor | tail -1
	"$2" bas 1 | iconv -f GBK -t UTF-8
	grep -c "APDU: " "$WITH_PCSCD_LOG"' - "$info" "$b/tests/compat/ministry" 2>&1)
want='{"schema":2,"error":{"code":-22,"message":"the card does not answer: reseat it, chip first, and clean the contacts","sw":null,"field":null}}
exit 9
sscard-info：卡片没有应答：请将卡片芯片朝前重新插入，并清洁触点
  卡片在读卡器中但没有应答：sscard-info --doctor 可检查读卡器是否正常。
exit 9
Verdict: the card in the reader does not answer: take it out, clean the contacts and insert it again, chip first
exit 5
结论：读卡器中的卡没有应答：请取出卡片，清洁触点后将芯片朝前重新插入
-4 卡片无应答：请将卡片芯片朝前重新插入，并清洁触点
7'
[ "$out" = "$want" ] &&
	ok "a silent card in the reader: 'does not answer, reseat it' in the CLI, the doctor (exit 5) and the ministry code -4, in both languages, never 'removed'; one command each (the doctor two: its PSAM probe, the card)" ||
	bad "a silent card" "$out"

# an authenticated read with the card, then the PSAM, taken out at every
# APDU: the right error, never a holder half filled
fails=
for at in $(seq 0 18); do
	"$harness" --profile auth3 --psam psam --fault "remove@$at" -- "$info" --json > "$tmp/out" 2>&1
	r="$? $(json_get "$tmp/out" "(d.get('error') or {}).get('code'), d.get('holder')")"
	[ "$r" = "9 -20 None" ] || fails="$fails card@$at:$r"
done
for at in $(seq 0 6); do
	"$harness" --profile auth3 --psam psam --psam-fault "remove@$at" -- "$info" --json > "$tmp/out" 2>&1
	r="$? $(json_get "$tmp/out" "(d.get('error') or {}).get('code'), (d.get('holder') or {}).get('name'), ((d.get('holder') or {}).get('error') or {}).get('code')")"
	# the PSAM's probe is APDUs 0-2 (no PSAM: the card part, the holder
	# wants a key); 3-6 are the authentication: the read fails whole
	want="11 None None -28"; [ $at -ge 3 ] && want="11 -38 None None"
	[ "$r" = "$want" ] || fails="$fails psam@$at:$r"
done
[ -z "$fails" ] && ok "authenticated read: card removed at each of 19 APDUs, PSAM at each of 7: the fitting error, nothing half filled" ||
	bad "removal during an authenticated read" "$fails"

# a removal at every APDU of unblock and reload (after the 15 of the
# basic read): done means done, nothing half-changed reported as done
fails=
for op in unblock reload; do
	for at in $(seq 15 24); do
		rm -f "$tmp/rm.state"
		printf '7777\n' | "$harness" --profile locked --psam psam --state "$tmp/rm.state" \
			--fault "remove@$at" -- "$info" --json --$op-pin --pin-stdin > "$tmp/out" 2>&1
		rv=$?
		tries=$(sed -n 's/.*tries \([0-9]*\).*/\1/p' "$tmp/rm.state" 2>/dev/null)
		if [ $rv -eq 0 ]; then [ "$tries" = 3 ] || fails="$fails $op@$at:done-but-$tries"
		else [ "$(json_get "$tmp/out" "'counter' in d and 'error' not in d['counter']")" = False ] || fails="$fails $op@$at:$rv"; fi
	done
done
[ -z "$fails" ] && ok "service counter: the card removed at each APDU of unblock and reload: never reported done when not" ||
	bad "counter removals" "$fails"

out=$(/usr/bin/python3 tests/integration/check-schema.py "$SSCARD_JSON_LOG" 2>&1)
[ $? -eq 0 ] && ok "JSON schema: every sscard-info output of these faults ($out)" ||
	bad "JSON schema" "$out"

finish
