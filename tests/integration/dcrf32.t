#!/bin/bash
# libdcrf32 on PC/SC (issue 48): a program written from Decard's API alone
# reads the holder, authenticates with the PSAM in SAM slot 1 and reads the
# photo, with sscard-info reading the same card before and after; the _hex
# twins; ctypes (RTLD_NOW) and JNA callers; a consumer that needs all 801
# names loads with LD_BIND_NOW=1; bad input and every name left "not
# supported" give their codes; two Decard programs and sscard-info side by
# side.  Prints TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=20
. "$(dirname "$0")/../tap.sh"
export LD_LIBRARY_PATH=$b:$b/dcrf32
run() { timeout 120 "$harness" --profile auth3 --psam psam -- "$@"; }

# sscard-info, the Decard program (bytes, then the _hex twins), sscard-info
out=$(run bash -c '
	"$0/sscard-info" --json --photo "$1/before.jpg" > "$1/before.json" &&
	"$0/tests/dcrf32/decard" > "$1/bytes.out" 2> "$1/bytes.jpg" &&
	"$0/tests/dcrf32/decard" hex > "$1/hex.out" 2> "$1/hex.jpg" &&
	"$0/sscard-info" --json --photo "$1/after.jpg" > "$1/after.json" &&
	echo done' "$b" "$tmp" 2>&1)
[ "$out" = done ] || bad "the Decard program and sscard-info on one card" "$out"
want=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("id_code", d["card"]["id_code"])
print("number", d["card"]["number"])
print("ssn", d["holder"]["ssn"])
print("name", d["holder"]["name"].encode("gb18030").hex().upper())
print("photo", d["photo"]["bytes"])' "$tmp/before.json" 2>&1)
[ -n "$want" ] && [ "$(cat "$tmp/bytes.out" 2>&1)" = "$want" ] &&
	ok "Decard's call order (init, beep, setcpu 0x0C, reset, SELECT, READ RECORD, PSAM in 0x0D, EXTERNAL AUTHENTICATE, photo): the holder sscard-info reads" ||
	bad "the Decard program's holder" "$(cat "$tmp/bytes.out" 2>&1)
want:
$want"
cmp -s "$tmp/bytes.jpg" "$tmp/before.jpg" && cmp -s "$tmp/before.jpg" "$tmp/after.jpg" &&
	ok "its photo is byte for byte sscard-info's, before and after" ||
	bad "the photos differ" "$(ls -l "$tmp"/*.jpg 2>&1)"
cmp -s "$tmp/bytes.out" "$tmp/hex.out" && cmp -s "$tmp/bytes.jpg" "$tmp/hex.jpg" &&
	ok "the _hex twins read the same" ||
	bad "the _hex twins" "$(diff "$tmp/bytes.out" "$tmp/hex.out" 2>&1)"
python3 -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for d in (a, b):
    d["photo"].pop("file")
sys.exit(a != b)' "$tmp/before.json" "$tmp/after.json" &&
	ok "sscard-info reads the same document after the Decard program" ||
	bad "sscard-info after the Decard program" "$(diff "$tmp/before.json" "$tmp/after.json")"

# another PC/SC client beside it: the listing never disturbs the card's
# and the PSAM's interleaved session, nor the other way round
out=$(run bash -c '
	( for i in 1 2 3 4 5 6; do "$0/sscard-info" --list > /dev/null ||
		echo "list $i failed"; done ) &
	for i in 1 2 3; do
		"$0/tests/dcrf32/decard" 2> /dev/null | cmp -s - "$1/bytes.out" ||
			echo "decard $i differs"
	done
	wait; echo done' "$b" "$tmp" 2>&1)
[ "$out" = done ] && ok "three Decard sessions (card and PSAM interleaved) while another client lists the readers" ||
	bad "the Decard program beside another client" "$out"

# every name, bound at load time
out=$(LD_BIND_NOW=1 "$b/tests/dcrf32/every" 2>&1)
[ "$out" = 801 ] && ok "a consumer linked --no-as-needed against all 801 names loads with LD_BIND_NOW=1" ||
	bad "the consumer of every name" "$out"

# sscard-info --check-lib: exactly the names a consumer needs that we lack
if [ $plain -eq 1 ]; then
	cat > "$tmp/consumer.c" <<'C'
short dc_init(short, int);
short dc_made_up(int);
int iReadCardBas(int, char *);
int iMadeUp(void);
int f(void) { return dc_made_up(dc_init(100, 0)) + iReadCardBas(1, 0) + iMadeUp(); }
C
	cc -shared -fPIC -o "$tmp/libconsumer.so" "$tmp/consumer.c" -L"$b" -lSSCardDriver
	out=$(SSCARD_DCRF32_DIR=$b/dcrf32 "$b/sscard-info" --check-lib "$tmp/libconsumer.so" 2>&1; echo "exit $?")
	[ "$(echo "$out" | sed -n '1s/.*needs/needs/p;/^  /p;$p')" = "needs 2 Decard names and 2 ministry names; 2 of them are missing:
  dc_made_up
  iMadeUp
exit 1" ] && ok "--check-lib names exactly the two missing names of a consumer, exit 1" ||
		bad "--check-lib on a consumer" "$out"
	out=$(SSCARD_DCRF32_DIR=$b/dcrf32 "$b/sscard-info" --check-lib "$b/tests/dcrf32/every" 2>&1; echo "exit $?")
	[ "$(echo "$out" | sed -n '1s/.*needs/needs/p;$p')" = "needs 801 Decard names and 0 ministry names; 0 of them are missing:
exit 0" ] && ok "--check-lib on the consumer of all 801 names: none missing, exit 0" ||
		bad "--check-lib on every name" "$out"
else
	skip "--check-lib reads this machine's ELF files"
	skip "--check-lib reads this machine's ELF files"
fi

# ctypes and JNA load it as their programs do (the plain build only)
if [ $plain -eq 1 ]; then
	out=$(run bash -c '"$0/sscard-info" --json > "$1/info.json" &&
		python3 tests/dcrf32/callers.py "$0/dcrf32/libdcrf32.so" \
			compat/dcrf32/dcrf32.names "$0/dcrf32/defined" \
			"$1/info.json"' "$b" "$tmp" 2>&1)
	for i in 1 2 3 4 5 6 7 8; do
		line=$(echo "$out" | grep '^\(not \)\?ok ' | sed -n "${i}p")
		case $line in
		"ok "*) ok "ctypes: ${line#ok }" ;;
		*) bad "ctypes check $i" "${line:-$out}" ;;
		esac
	done
	mkdir -p "$tmp/jna"
	out=$(javac -d "$tmp/jna" -cp /usr/share/java/jna.jar \
		tests/dcrf32/DecardJna.java 2>&1 &&
		run java -Djna.library.path="$b/dcrf32" \
			-cp "$tmp/jna:/usr/share/java/jna.jar" DecardJna 2>&1)
	want=$(sed -n 's/^id_code /id_code /p' "$tmp/bytes.out")
	[ -n "$want" ] && [ "$out" = "$want" ] &&
		ok "JNA: Native.load(\"dcrf32\") reads the card identification code" ||
		bad "the JNA caller" "$out"
	out=$(WITH_PCSCD_READER_NAME="Decard DC4 (0123456789)" run python3 -c '
import ctypes, os, sys
d = ctypes.CDLL(sys.argv[1], mode=os.RTLD_NOW)
h = d.dc_init(100, 0)
snr = ctypes.create_string_buffer(33)
print(d.dc_readdevsnr(h, snr), snr.value.decode(), d.dc_exit(h))' \
		"$b/dcrf32/libdcrf32.so" 2>&1)
	[ "$out" = "0 0123456789 0" ] &&
		ok "dc_readdevsnr: the serial number in pcscd's name for the reader" ||
		bad "dc_readdevsnr" "$out"
	# the configuration file: a port pinned by the device's name, SAM
	# slot 1 pinned to the card's slot, SAM slot 2 to a reader elsewhere
	printf '%s\n' '# the desk' 'port.100 = Virtual PCD   # the device' \
		'slot.0x0D = Virtual PCD 00 00' 'slot.0x0e = Other Reader 00 00' > "$tmp/dcrf32.conf"
	out=$(SSCARD_DCRF32_CONF=$tmp/dcrf32.conf run python3 -c '
import ctypes, os, sys
d = ctypes.CDLL(sys.argv[1], mode=os.RTLD_NOW)
for f in ("dc_setcpu", "dc_cpureset_hex", "dc_exit"):
    getattr(d, f).restype = ctypes.c_short
h = d.dc_init(100, 0)
n, atr = ctypes.c_ubyte(), ctypes.create_string_buffer(80)
print(h > 0, d.dc_setcpu(h, 0x0D), d.dc_cpureset_hex(h, ctypes.byref(n), atr), atr.value.decode(),
      d.dc_setcpu(h, 0x0E), d.dc_exit(h))' "$b/dcrf32/libdcrf32.so" 2>&1)
	[ "$out" = "True 0 0 3B6D000000814E43238697159900BF7C7A -5 0" ] &&
		ok "dcrf32.conf: a port by its device's name, SAM 1 pinned to the card's slot, SAM 2 to a reader the device lacks" ||
		bad "the configuration file" "$out"
	# a reader whose slots say PICC: the contactless family on it (the
	# virtual card answers no UID: that GET DATA is a real PICC reader's)
	out=$(WITH_PCSCD_READER_NAME="ACS ACR1252 Dual Reader PICC" run python3 -c '
import ctypes, os, sys
d = ctypes.CDLL(sys.argv[1], mode=os.RTLD_NOW)
for f in ("dc_setcpu", "dc_reset", "dc_config_card", "dc_card_n", "dc_pro_resetInt_hex",
          "dc_pro_commandlinkInt_hex", "dc_card_exist", "dc_exit"):
    getattr(d, f).restype = ctypes.c_short
h = d.dc_init(100, 0)
n, uid, r, rl = ctypes.c_uint(), ctypes.create_string_buffer(64), ctypes.c_ubyte(), ctypes.c_uint()
ats, ans, flag = ctypes.create_string_buffer(300), ctypes.create_string_buffer(300), ctypes.create_string_buffer(2)
print(d.dc_setcpu(h, 0x0C), d.dc_reset(h, 10), d.dc_config_card(h, ord("A")), d.dc_config_card(h, ord("C")),
      d.dc_card_n(h, 0, ctypes.byref(n), uid),
      d.dc_pro_resetInt_hex(h, ctypes.byref(r), ats), ats.value.decode(),
      d.dc_pro_commandlinkInt_hex(h, 20, b"00A404000F7378312E73682EC9E7BBE1B1A3D5CF", ctypes.byref(rl), ans, 7),
      rl.value, ans.value.decode()[-4:], d.dc_card_exist(h, flag), flag.raw.hex(), d.dc_reset(h, 0), d.dc_exit(h))' \
		"$b/dcrf32/libdcrf32.so" 2>&1)
	[ "$out" = "-5 0 0 -1 -17 0 0F0800814E43238697159900BF7C7A 0 31 9000 0 0020 0 0" ] &&
		ok "a PICC reader: no contact slot, the field reset, the ATS from the historical bytes, a command, the activated card, field off" ||
		bad "the contactless family" "$out"
else
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do skip "ctypes and JNA load the plain build"; done
fi

finish
