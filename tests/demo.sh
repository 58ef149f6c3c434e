#!/bin/bash
# make demo: sscard-info, the ministry library, sscardd, a Decard program on
# libdcrf32 and the browser bridge's host against the virtual card through
# the real pcscd.  Needs only Debian's packages
# (tests/deps.sh demo): no browser, nothing from npm.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
info="$BUILD/sscard-info"
h=tests/harness/with-pcscd

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# headings in bold on a terminal only
if [ -t 1 ]; then bold=$(printf '\033[1m'); plain=$(printf '\033[0m'); else bold= plain=; fi
step() { printf '\n%s== %s%s\n$ %s\n' "$bold" "$1" "$plain" "$2"; }

step "Readers seen by a private pcscd (vpcd with the virtual card)" "sscard-info --list"
$h -- "$info" --list
step "The standard card: basic information" "sscard-info"
$h -- "$info"
step "The same as JSON" "sscard-info --json"
$h -- "$info" --json
step "A holder whose name needs GB18030 and the name extension, in Chinese" "LANG=zh_CN.UTF-8 sscard-info"
LANG=zh_CN.UTF-8 $h --profile rare -- "$info"
step "PIN: tries left, then verify with the initial PIN 123456" "sscard-info --pin-status; echo 123456 | sscard-info --verify-pin --pin-stdin"
$h -- bash -c "'$info' --pin-status | tail -1; echo 123456 | '$info' --verify-pin --pin-stdin | tail -1"
step "Photo, with per-APDU timing" "sscard-info --photo photo.jpg --timing"
$h -- "$info" --photo "$tmp/photo.jpg" --timing 2>&1 | cut -c1-96 | tail -14
step "Medical personal account: the balance after the PIN" "echo 123456 | sscard-info --medical --verify-pin --pin-stdin"
$h -- bash -c "echo 123456 | '$info' --medical --verify-pin --pin-stdin | tail -2"
step "The bank (UnionPay) application, card number masked" "sscard-info --bank"
$h -- "$info" --bank | sed -n '/^Bank/,$p'
step "A 3.0 card that protects its holder data, without a key: the card part, exit 11" "sscard-info; echo exit=\$?"
{ $h --profile auth3 -- "$info" || echo "exit=$?"; } | tail -4
step "The same card with a PSAM in the second slot (as a DC4 or R502 has): terminal authentication" "sscard-info --auth --photo photo.jpg"
$h --profile auth3 --psam psam -- "$info" --auth --photo "$tmp/photo.jpg" | sed -n '/^Name/,$p'
step "The same through an HSM (the test HSM program) reading the medical amount after the PIN" "echo 123456 | sscard-info --hsm sscard-test-hsm --medical --pin-stdin"
$h --profile auth3-medical -- bash -c "echo 123456 | '$info' --hsm '$BUILD/sscard-test-hsm' --medical --pin-stdin | tail -2"
step "A copy of the card made without the issuer's internal key" "sscard-info --auth; echo exit=\$?"
{ $h --profile auth3-fake --psam psam -- "$info" --auth || echo "exit=$?"; } | tail -2
step "The service counter: a locked PIN unblocked, then a new PIN set, with the PSAM" "sscard-info --pin-status; sscard-info --unblock-pin --card-number BA0010547; ... --reload-pin"
$h --profile locked --psam psam -- bash -c "'$info' --pin-status | tail -1; '$info' --unblock-pin --card-number BA0010547 | tail -1; echo 24681357 | '$info' --reload-pin --pin-stdin | tail -1; echo 24681357 | '$info' --verify-pin --pin-stdin | tail -1"
step "Events: --watch --json while the card is removed and inserted again" "sscard-info --watch --json"
$h -- bash -c '
	"$0" --watch --json > "$1" & w=$!
	sleep 1; kill -USR1 $WITH_PCSCD_VCARD_PID
	sleep 1; kill -USR2 $WITH_PCSCD_VCARD_PID
	sleep 1; kill -TERM $w; wait $w' "$info" "$tmp/watch.json"
# one line each, the event and whose card (the whole lines are long JSON)
/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    who = " ".join(filter(None, [(d.get("card") or {}).get("number"), (d.get("holder") or {}).get("name")]))
    print("{\"event\":\"%s\", \"reader\":\"%s\"%s ...}" % (d["event"], d["reader"], ", " + who if who else ""))
' "$tmp/watch.json"
step "The HIS registration-desk example: two patients, then it stops" "examples/his-reader --count 2"
$h -- bash -c '
	"$0" --count 2 & p=$!
	sleep 1; kill -USR1 $WITH_PCSCD_VCARD_PID
	sleep 1; kill -USR2 $WITH_PCSCD_VCARD_PID; wait $p' "$BUILD/examples/his-reader"
step "Python (package python3-sscard): the holder, the PIN and the balance" "with sscard.connect() as card: ..."
LD_LIBRARY_PATH="$BUILD" PYTHONPATH=bindings/python $h -- /usr/bin/python3 -c '
import sscard
with sscard.connect() as card:
    doc = card.read_basic()
    print(doc["holder"]["name"], doc["card"]["number"])
    try:
        card.verify_pin("000000")
    except sscard.PinWrongError as e:
        print(type(e).__name__, e.code, e.message_zh, "- tries left:", e.tries_left)
    card.verify_pin("123456")
    print("medical:", card.read_medical()["balance_yuan"], "yuan")'
step "The ministry interface (libSSCardDriver.so) as a hospital system calls it: a 3.0 card, the PSAM in the first slot; GBK by default (shown here in UTF-8)" "iReadCardBas(3, out); iReadCardBas(2, out); iVerifyPIN(1, out)"
SSCARD_DRIVER_CHARSET=UTF-8 $h --profile auth3 --psam psam --psam-first -- "$BUILD/tests/compat/ministry" bas 3 bas 2 verify 1
step "A PIN-pad reader (our IFD-handler test reader in pcscd): the holder types on the pad, the digits never reach the program" "iVerifyPIN(1, out) twice: wrong, then right"
$h --pinpad -- bash -c '
	echo 111111 > "$WITH_PCSCD_DIR/pinpad.keys"; SSCARD_DRIVER_CHARSET=UTF-8 "$0" verify 1
	echo 123456 > "$WITH_PCSCD_DIR/pinpad.keys"; SSCARD_DRIVER_CHARSET=UTF-8 "$0" verify 1' "$BUILD/tests/compat/ministry"
step "The local service for web pages (sscardd): the allowed page's origin reads the card, another origin gets 403, and the vendors' WebSocket dialect" "sscardd --allow-origin https://his.example.org"
$h -- bash -c '
	"$0" --allow-origin https://his.example.org 2> "$1/sscardd.log" & s=$!
	for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:12340/v1/version && break; sleep 0.05; done
	echo "\$ curl -H \"Origin: https://his.example.org\" http://127.0.0.1:12340/v1/card"
	curl -s -H "Origin: https://his.example.org" http://127.0.0.1:12340/v1/card; echo
	echo "\$ curl -H \"Origin: https://evil.example\" http://127.0.0.1:12340/v1/card"
	curl -s -w " (HTTP %{http_code})" -H "Origin: https://evil.example" http://127.0.0.1:12340/v1/card; echo
	echo "\$ ws://127.0.0.1:12342 <- {\"function\":\"iReadCardBas\",\"iType\":3}"
	/usr/bin/python3 tests/ws-once.py 12342 https://his.example.org "{\"function\":\"iReadCardBas\",\"iType\":3}"
	kill -TERM $s; wait $s; cat "$1/sscardd.log"' "$BUILD/sscardd" "$tmp"
step "A program written for Decard readers, on libdcrf32.so over PC/SC: the card, the PSAM in SAM slot 1 for the photo" "LD_LIBRARY_PATH=\$(sscard-info --dcrf32-path) decard"
LD_LIBRARY_PATH="$BUILD:$BUILD/dcrf32" $h --profile auth3 --psam psam -- "$BUILD/tests/dcrf32/decard" 2> /dev/null
step "The browser extension's native host (sscard-bridge): a page's message as the browser frames it, then one from an origin not allowed" "sscard-bridge <<< {\"id\":1,\"verb\":\"card\",\"origin\":\"https://his.example.org\"}"
printf 'allow_origin = https://his.example.org\n' > "$tmp/bridge.conf"
SSCARD_BRIDGE_CONFIG=$tmp/bridge.conf $h -- /usr/bin/python3 -c '
import json, struct, subprocess, sys
def frame(m):
    b = json.dumps(m).encode()
    return struct.pack("=I", len(b)) + b
out = subprocess.run([sys.argv[1]], input=frame({"id": 1, "verb": "card", "origin": "https://his.example.org"})
                     + frame({"id": 2, "verb": "card", "origin": "https://evil.example"}),
                     capture_output=True, timeout=60).stdout
while len(out) >= 4:
    n = struct.unpack("=I", out[:4])[0]
    print(out[4:4 + n].decode()[:150] + " ...")
    out = out[4 + n:]' "$BUILD/sscard-bridge" 2>&1
step "Diagnostics: the PC/SC stack, readers, USB devices and the card" "sscard-info --doctor"
$h -- "$info" --doctor || true
step "A card reported lost (application blocked)" "sscard-info; echo exit=\$?"
$h --profile blocked -- "$info" || echo "exit=$?"
