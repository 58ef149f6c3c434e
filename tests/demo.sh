#!/bin/bash
# make demo: sscard-info against the virtual card through the real pcscd.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
info="$BUILD/sscard-info"
h=tests/harness/with-pcscd

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

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
step "Photo, with per-APDU timing" "sscard-info --photo /tmp/sscard-photo.jpg --timing"
$h -- "$info" --photo /tmp/sscard-photo.jpg --timing 2>&1 | cut -c1-96 | tail -14
step "Medical personal account: the balance after the PIN" "echo 123456 | sscard-info --medical --verify-pin --pin-stdin"
$h -- bash -c "echo 123456 | '$info' --medical --verify-pin --pin-stdin | tail -2"
step "The bank (UnionPay) application, card number masked" "sscard-info --bank"
$h -- "$info" --bank | sed -n '/^Bank/,$p'
step "Events: --watch --json while the card is removed and inserted again" "sscard-info --watch --json"
$h -- bash -c '
	"$0" --watch --json > "$1" & w=$!
	sleep 1; kill -USR1 $WITH_PCSCD_VCARD_PID
	sleep 1; kill -USR2 $WITH_PCSCD_VCARD_PID
	sleep 1; kill -TERM $w; wait $w' "$info" /tmp/sscard-watch.json
cut -c1-150 /tmp/sscard-watch.json
step "The HIS registration-desk example: two patients, then it stops" "examples/his-reader --count 2"
$h -- bash -c '
	"$0" --count 2 & p=$!
	sleep 1; kill -USR1 $WITH_PCSCD_VCARD_PID
	sleep 1; kill -USR2 $WITH_PCSCD_VCARD_PID; wait $p' "$BUILD/examples/his-reader"
step "Diagnostics: the PC/SC stack, readers, USB devices and the card" "sscard-info --doctor"
$h -- "$info" --doctor || true
step "A card reported lost (application blocked)" "sscard-info; echo exit=\$?"
$h --profile blocked -- "$info" || echo "exit=$?"
