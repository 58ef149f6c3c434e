#!/bin/bash
# A remembered answer is the card's own (issue 44 item 2): fast swaps of
# two cards with one ATR, faster than pcscd's presence poll, never answer
# the previous holder, through the C API (the Python binding's handle)
# and the ministry library.  Prints TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=2
. "$(dirname "$0")/../tap.sh"

# swap: the harness's card out and its twin in at once (no wait for
# pcscd to see the reader empty), or back; $1 the round
# pcscd to see the reader empty), or back; $1 the round.  It returns when
# the card now in the reader is connected to vpcd and the other is not
# (what a hand does at once, a loaded machine may not), so the next read
# meets the new card whether pcscd noticed or not.
cat > "$tmp/swap-twin.sh" <<'SH'
if [ $(($1 % 2)) -eq 0 ]; then
	kill -USR1 $WITH_PCSCD_VCARD_PID
	"$BUILD/sscard-vcard" --profile tests/vcard/profiles/standard-twin.card \
		--port 35963 > /dev/null 2>&1 &
	echo $! > "$WITH_PCSCD_DIR/twin.pid"
	now=$!
else
	kill $(cat "$WITH_PCSCD_DIR/twin.pid"); wait 2>/dev/null
	kill -USR2 $WITH_PCSCD_VCARD_PID
	now=$WITH_PCSCD_VCARD_PID
fi
for i in $(seq 500); do
	owners=$(ss -Htnp state established '( dport = :35963 )' |
		grep -o 'pid=[0-9]*' | sort -u)
	[ "$owners" = "pid=$now" ] && exit 0
	sleep 0.01
done
echo "swap-twin: the card did not change in 5 s ($owners)" >&2
exit 1
SH

# 1: one handle (the Python binding's), a read, a fast swap, a read: ten
# rounds; each answer is the holder in the reader or an error, never the
# one taken out
if [ $plain -eq 1 ]; then
out=$("$harness" -- env PYTHONPATH=bindings/python LD_LIBRARY_PATH="$b" \
	/usr/bin/python3 -c '
import subprocess, sscard, sys, time
holders = ["BA0010547", "BA0010563"]
wrong = errors = 0
with sscard.connect() as card:
    for i in range(10):
        got = None
        for attempt in range(20):
            try:
                got = card.read_basic()["card"]["number"]
                break
            except sscard.SSCardError:
                errors += 1     # a removal seen: allowed, read again
                time.sleep(0.2)
        if got != holders[i % 2]:
            wrong += 1
        subprocess.run(["sh", sys.argv[1], str(i)], check=True)
print("wrong", wrong)' "$tmp/swap-twin.sh" 2>&1)
[ "$out" = "wrong 0" ] &&
	ok "ten fast swaps of two cards with one ATR: the holder in the reader every time (Python, one handle)" ||
	bad "fast swaps, one handle" "$out"
else
	skip "Python loads the library: the plain build only"
fi

# 2: the same through the ministry library in one process (its kept
# handle and memo): iReadCardBas after each swap
out=$("$harness" -- bash -c '
	args=""
	for i in 0 1 2 3 4 5 6 7 8 9; do args="$args bas 1 shell \"sh $0 $i\""; done
	eval "\"$1\" $args"' "$tmp/swap-twin.sh" "$b/tests/compat/ministry" 2>&1)
# call i (one answer line each) comes after i - 1 swaps: the original
# holder when i is odd; a call may fail (the removal it was told of), but
# a success names the holder in the reader
wrong=$(echo "$out" | awk '/^-?[0-9]+ / { n++ } /^0 / { split($2, f, "|"); want = (n % 2) ? "BA0010547" : "BA0010563"; if (f[3] != want) w++ } END { print (n == 10 ? w + 0 : "calls " n) }')
[ "$wrong" = 0 ] && ok "ten fast swaps through iReadCardBas: never the previous holder" ||
	bad "fast swaps, ministry" "$out"

finish
