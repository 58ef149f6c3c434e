#!/bin/bash
# The key guard for the whole host (issue 44): no door and no number of
# processes, restarts or users can spend a card's terminal-key tries one
# after another.  A try is an EXTERNAL AUTHENTICATE (00 82) the card
# received: counted in pcscd's APDU log, at the card.  Prints TAP.
#
#   tests/integration/keyguard.t     (BUILD=build-san etc. as the suites)
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=9
. "$(dirname "$0")/../tap.sh"

# a wrong key file (RKSSSE of another issuer, no internal key: it cannot
# prove itself), owned by nobody for the runs as nobody
printf 'RKSSSE sm4 0102030405060708090A0B0C0D0E0F10\n' > "$tmp/wrong.keys"
chmod 600 "$tmp/wrong.keys"
cp "$tmp/wrong.keys" "$tmp/wrong-nobody.keys"
chown nobody "$tmp/wrong-nobody.keys"
install -m 600 tests/vcard/profiles/test.keys "$tmp/right.keys"

# tries: the EXTERNAL AUTHENTICATEs the card received, from pcscd's log
tries='grep -c "APDU: 00 82 " "$WITH_PCSCD_LOG"'

# 1-3: sscard-info as nobody with no home and no writable store
nobody() { setpriv --reuid nobody --regid nogroup --clear-groups env \
	HOME=/nonexistent SSCARD_STATE_DIR=/nonexistent/state "$@"; }
export -f nobody
out=$("$harness" --profile auth3 -- bash -c '
	for i in 1 2 3 4 5 6; do
		nobody "$0" --json --keys "$1" 2>/dev/null |
			python3 -c "import json,sys; print(json.load(sys.stdin)[\"holder\"][\"error\"][\"code\"], end=\" \")"
	done
	eval "$2"' "$b/sscard-info" "$tmp/wrong-nobody.keys" "$tries" 2>&1)
[ "$out" = "-43 -43 -43 -43 -43 -43 0" ] &&
	ok "nobody, no store, a wrong key file six times: refused before any try (-43), 0 tries spent" ||
	bad "nobody, wrong key file" "$out"
out=$("$harness" --profile auth3 --psam psam-other -- bash -c '
	for i in 1 2 3 4 5 6; do
		nobody "$0" --json 2>/dev/null |
			python3 -c "import json,sys; print(json.load(sys.stdin)[\"holder\"][\"error\"][\"code\"], end=\" \")"
	done
	eval "$1"' "$b/sscard-info" "$tries" 2>&1)
[ "$out" = "-35 -35 -35 -35 -35 -35 0" ] &&
	ok "nobody, no store, a PSAM of another region six times: refused by internal authentication, 0 tries spent" ||
	bad "nobody, wrong PSAM" "$out"
out=$("$harness" --profile auth3 --psam psam -- bash -c '
	nobody "$0" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[\"holder\"][\"name\"])"
	eval "$1"' "$b/sscard-info" "$tries" 2>&1)
[ "$out" = "林岩
1" ] && ok "nobody, no store, the region's PSAM: proven by internal authentication, reads the holder" ||
	bad "nobody, right PSAM" "$out"

# 4-5: a desk's shared store (a group's directory, setgid), six processes
# at once with a wrong key file, then the right one
mkdir -m 2770 "$tmp/desk"
chgrp nogroup "$tmp/desk"
out=$(SSCARD_STATE_DIR=$tmp/desk "$harness" --profile auth3 -- bash -c '
	for i in 1 2 3 4 5 6; do "$0" --json --keys "$1" > /dev/null 2>&1 & done
	wait
	eval "$2"
	"$0" --json --keys "$3" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"holder\"][\"name\"])"
	' "$b/sscard-info" "$tmp/wrong.keys" "$tries" "$tmp/right.keys" 2>&1)
[ "$out" = "1
林岩" ] && ok "six processes at once with a wrong key file spend one try; the right key file reads the holder" ||
	bad "six processes, shared store" "$out"
mode=$(stat -c '%a %G' "$tmp/desk/key-guard" 2>&1)
! grep -q '520300D1\|A30003002\|林岩' "$tmp/desk/key-guard" && [ "$mode" = "660 nogroup" ] &&
	ok "the desk's store: digests only, group-writable for every door's user ($mode)" ||
	bad "store contents" "$mode $(cat "$tmp/desk/key-guard")"

# 6: six one-call processes of the ministry library with a PSAM of
# another region: -21 each (its internal authentication fails), no try
out=$("$harness" --profile auth3 --psam psam-other -- bash -c '
	for i in 1 2 3 4 5 6; do "$0" bas 1 | cut -d" " -f1 | tr "\n" " "; done
	eval "$1"' "$b/tests/compat/ministry" "$tries" 2>&1)
[ "$out" = "-21 -21 -21 -21 -21 -21 0" ] &&
	ok "six one-call iReadCardBas processes, a PSAM of another region: not genuine to it (-21), 0 tries" ||
	bad "ministry, wrong PSAM" "$out"

# 7: six one-shot Python programs with a PSAM of another region
if [ $plain -eq 1 ]; then
out=$("$harness" --profile auth3 --psam psam-other -- bash -c '
	for i in 1 2 3 4 5 6; do
		PYTHONPATH=bindings/python LD_LIBRARY_PATH=$0 \
			/usr/bin/python3 -c "
import sscard
with sscard.connect() as card:
    card.use_psam()
    try:
        card.read_basic()
        print(\"read\", end=\" \")
    except sscard.SSCardError as e:
        print(e.code, end=\" \")"
	done
	eval "$1"' "$b" "$tries" 2>&1)
[ "$out" = "-35 -35 -35 -35 -35 -35 0" ] &&
	ok "six one-shot Python programs, a PSAM of another region: -35 each, 0 tries" ||
	bad "python, wrong PSAM" "$out"
else
	skip "Python loads the library: the plain build only"
fi

# 8: sscardd restarted six times (a desk that restarts every morning),
# a wrong key file, one GET /v1/card each
out=$("$harness" --profile auth3 -- bash -c '
	for i in 1 2 3 4 5 6; do
		"$0" --config /dev/null --keys "$1" --listen 127.0.0.1 --port 12390 \
			--legacy-port 0 > "$2.log.$i" 2>&1 &
		pid=$!
		for w in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:12390/v1/version && break; sleep 0.05; done
		curl -s http://127.0.0.1:12390/v1/card | python3 -c "import json,sys; print(json.load(sys.stdin)[\"holder\"][\"error\"][\"code\"], end=\" \")"
		kill $pid; wait $pid
	done
	eval "$3"' "$b/sscardd" "$tmp/wrong.keys" "$tmp/d" "$tries" 2>&1)
[ "$out" = "-35 -35 -35 -35 -35 -35 1" ] &&
	ok "sscardd restarted six times with a wrong key file: one try in all" ||
	bad "sscardd restarts" "$out $(cat "$tmp/d.log.1" 2>/dev/null | head -5)"

# 9: a hostile store: garbage, a link, a huge file: refused safely, the
# card still guarded by what can be believed
mkdir -m 700 "$tmp/hostile"
{ head -c 300000 /dev/urandom | base64; printf 'zz %.0s' $(seq 50); } > "$tmp/hostile/key-guard"
out=$(SSCARD_STATE_DIR=$tmp/hostile "$harness" --profile auth3 -- bash -c '
	for i in 1 2 3; do "$0" --json --keys "$1" > /dev/null 2>&1; echo -n "$? "; done
	eval "$2"' "$b/sscard-info" "$tmp/wrong.keys" "$tries" 2>&1)
[ "$out" = "11 11 11 1" ] &&
	ok "a store of garbage (400 KB): skipped and replaced, three runs spend one try" ||
	bad "hostile store" "$out"

finish
