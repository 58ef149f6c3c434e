#!/bin/bash
# README.md's examples, run against the virtual card through the real pcscd,
# so that they cannot drift from the code: the C fragments (compiled as
# they stand inside a main()), the Python and Java examples, the
# sscard-info command table, the service
# counter's commands, and the harness commands.  One line per example;
# exits 1 when any fails.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD="$top/$BUILD" ;; esac
export BUILD
harness="$top/tests/harness/with-pcscd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   README: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL README: $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/     /'; }

# the blocks of one language in a section: the lines between the fences
block() { # block HEADING LANG
	awk -v h="$1" -v lang="$2" '
		$0 == h { in_sec = 1; next }
		in_sec && /^## / { exit }
		grab && /^```/ { grab = 0; next }
		in_sec && $0 == "```" lang { grab = 1; next }
		grab { print }' README.md
}

# ---- the API fragment, inside a main() -------------------------------------
{
	echo '#include <stdio.h>'
	echo 'int main(void) {'
	block "## The API" c | grep -v '^#include'
	echo 'return rv == 0 ? 0 : 1; }'
} > "$tmp/api.c"
sed -i '1a #include <sscard.h>' "$tmp/api.c"
if cc -std=c11 -Wall -Werror -I include -o "$tmp/api" "$tmp/api.c" -L"$BUILD" -lsscard \
	-Wl,-rpath,"$BUILD" 2> "$tmp/err"; then
	out=$("$harness" -- "$tmp/api" 2>&1)
	[ "$out" = "林岩 520102198506020233 BA0010547 expired=0" ] &&
		ok "the API example prints the holder and verifies the PIN" || bad "API example" "$out"
else
	bad "API example does not compile" "$(cat "$tmp/err")"
fi

# ---- the first screen: the commands, the C fragment, Python ---------------
first="## Install and read a card"
block "$first" sh | grep '^sscard-info' | sed 's/   *#.*$//' > "$tmp/first"
while read -r cmd; do
	out=$(PATH="$BUILD:$PATH" "$harness" -- bash -c "$cmd" 2>&1)
	[ $? -eq 0 ] && ok "\`$cmd\` on the first screen" || bad "\`$cmd\`" "$out"
done < "$tmp/first"
[ -s "$tmp/first" ] || bad "no sscard-info command on the first screen"
{
	echo '#include <stdio.h>'
	echo '#include <sscard.h>'
	echo 'int main(void) {'
	block "$first" c
	echo 'return rv == 0 ? 0 : 1; }'
} > "$tmp/first.c"
if cc -std=c11 -Wall -Werror -I include -o "$tmp/first" "$tmp/first.c" -L"$BUILD" -lsscard \
	-Wl,-rpath,"$BUILD" 2> "$tmp/err"; then
	out=$("$harness" -- "$tmp/first" 2>&1)
	[ "$out" = "林岩 BA0010547" ] && ok "the first screen's C reads the holder" ||
		bad "the first screen's C" "$out"
	out=$("$harness" --no-card -- "$tmp/first" 2>&1)
	[ "$out" = "no card in the reader" ] &&
		ok "the first screen's C says why with no card" || bad "the first screen's C, no card" "$out"
else
	bad "the first screen's C does not compile" "$(cat "$tmp/err")"
fi
block "$first" python > "$tmp/first.py"
out=$(LD_LIBRARY_PATH="$BUILD" PYTHONPATH="$top/bindings/python" \
	"$harness" -- /usr/bin/python3 "$tmp/first.py" 2>&1)
[ "$out" = "林岩 BA0010547" ] && ok "the first screen's Python reads the holder" ||
	bad "the first screen's Python" "$out"

# ---- the ministry fragment, inside a main() --------------------------------
{
	echo '#include <stdio.h>'
	echo '#include "SSCardDriver.h"'
	echo 'int main(void) {'
	block "## Porting from the Windows DLL" c
	echo 'printf("%ld %s\n", rv, out); return rv == 0 ? 0 : 1; }'
} > "$tmp/his.c"
if cc -std=c11 -Wall -Werror -I compat/libSSCardDriver -o "$tmp/his" "$tmp/his.c" -L"$BUILD" -lSSCardDriver \
	-Wl,-rpath-link,"$BUILD" -Wl,--disable-new-dtags -Wl,-rpath,"$BUILD" 2> "$tmp/err"; then
	out=$(SSCARD_DRIVER_CHARSET=UTF-8 "$harness" -- "$tmp/his" 2>&1)
	[ "$out" = "0 520300|520102198506020233|BA0010547|520300D156000005050842704E187F49|林岩|00814E43238697159900BF7C7A|1.00|20191120|20291120|||" ] &&
		ok "the ministry example reads the card" ||
		bad "ministry example" "$out"
else
	bad "ministry example does not compile" "$(cat "$tmp/err")"
fi

# ---- other languages: the JSON call, Python, Java, the tool from a pipe ----
other="## The API from other languages"
{
	echo '#include <stdio.h>'
	echo '#include <sscard-json.h>'
	echo 'int main(void) {'
	block "$other" c | grep -v '^#include'
	echo 'return rv == 0 ? 0 : 1; }'
} > "$tmp/json.c"
if cc -std=c11 -Wall -Werror -I include -o "$tmp/json" "$tmp/json.c" -L"$BUILD" \
	-lsscard-json -lsscard -Wl,-rpath,"$BUILD" 2> "$tmp/err"; then
	out=$("$harness" -- bash -c '"$1"; "$2" --json --pin-status' - "$tmp/json" "$BUILD/sscard-info" 2>&1)
	[ "$(echo "$out" | sed -n 1p)" = "$(echo "$out" | sed -n 2p)" ] &&
		[ "$(echo "$out" | wc -l)" -eq 2 ] &&
		ok "the JSON call prints what sscard-info --json --pin-status prints" ||
		bad "the JSON call example" "$out"
else
	bad "the JSON call example does not compile" "$(cat "$tmp/err")"
fi
block "$other" python > "$tmp/desk.py"
out=$(LD_LIBRARY_PATH="$BUILD" PYTHONPATH="$top/bindings/python" \
	"$harness" -- /usr/bin/python3 "$tmp/desk.py" 2>&1)
[ "$out" = "林岩 BA0010547
123.45" ] && ok "the Python example reads, verifies the PIN and reads the balance" ||
	bad "the Python example" "$out"
block "$other" java > "$tmp/Desk.java"
out=$("$harness" -- java -Djna.library.path="$BUILD" -cp "$BUILD/java/sscard.jar:/usr/share/java/jna.jar" \
	"$tmp/Desk.java" 2>&1)
[ "$out" = "林岩 BA0010547
12345" ] && ok "the Java example reads, verifies the PIN and reads the balance" ||
	bad "the Java example" "$out"
block "$other" sh > "$tmp/pipe.sh"
out=$(PATH="$BUILD:$PATH" "$harness" -- bash "$tmp/pipe.sh" 2>&1)
[ "$out" = "林岩" ] && ok "sscard-info --json from another language" || bad "the pipe example" "$out"

# ---- the sscard-info table: every line that is a whole command -------------
# (lines with placeholders such as FILE, HEX, CMD or [...] are templates)
block "## sscard-info" "" | grep -E '^(sscard-info|echo) ' | sed 's/   *.*$//' |
	grep -vE '\[|\b(HEX|FILE|CMD|NAME)\b' > "$tmp/cmds"
[ "$(wc -l < "$tmp/cmds")" -ge 12 ] || bad "too few commands found in the table" "$(cat "$tmp/cmds")"
while IFS= read -r cmd; do
	want=0
	profile=standard
	case $cmd in
	*--watch*) want=124 ;;      # runs until stopped
	*--auth*) profile=auth3 ;;  # a card with the internal key
	esac
	(cd "$tmp" && PATH="$BUILD:$PATH" timeout 5 "$harness" --profile $profile --psam psam --psam-first -- \
		timeout -s TERM 3 bash -c "$cmd" > "$tmp/out" 2>&1)
	got=$?
	[ $got -eq $want ] && ok "\`$cmd\` (exit $got)" || bad "\`$cmd\` (exit $got, want $want)" "$(tail -5 "$tmp/out")"
done < "$tmp/cmds"

# ---- the service counter ----------------------------------------------------
install -m 0600 tests/vcard/profiles/test.keys "$tmp/lab.keys"
block "### The service counter: PIN unblock and reload" sh | sed 's/   *#.*$//' > "$tmp/counter"
while IFS= read -r cmd; do
	case $cmd in *--reload-pin*--card-number*) continue ;; esac  # asks on the terminal
	(cd "$tmp" && PATH="$BUILD:$PATH" "$harness" --profile locked --psam psam -- bash -c "$cmd" > "$tmp/out" 2>&1)
	got=$?
	[ $got -eq 0 ] && ok "\`$cmd\`" || bad "\`$cmd\` (exit $got)" "$(tail -5 "$tmp/out")"
done < "$tmp/counter"

# ---- the harness commands of "Tests" ----------------------------------------
block "## Tests" sh | grep '^tests/harness/with-pcscd' > "$tmp/harness"
i=0
for want in 0 9 0; do
	i=$((i + 1))
	cmd=$(sed -n "${i}p" "$tmp/harness")
	[ -n "$cmd" ] || { bad "harness example $i missing"; continue; }
	bash -c "$cmd" > "$tmp/out" 2>&1
	got=$?
	[ $got -eq $want ] && ok "\`$cmd\` (exit $got)" || bad "\`$cmd\` (exit $got, want $want)" "$(tail -5 "$tmp/out")"
done

# ---- many desks: the settings, the scrape configuration, the query ----------
block "## Web pages: the local service (sscardd)" ini > "$tmp/metrics.conf"
out=$("$BUILD/sscardd" --config "$tmp/metrics.conf" --version 2>&1)
[ $? -eq 0 ] && [ "$(grep -c '^metrics_' "$tmp/metrics.conf")" -eq 3 ] &&
	ok "the metrics settings are sscardd's ($(grep -c '^metrics_' "$tmp/metrics.conf") keys)" ||
	bad "the metrics settings" "$out"
block "## Web pages: the local service (sscardd)" yaml |
	sed "s|/usr/share/sscardd/prometheus/|$top/service/sscardd/|" > "$tmp/prometheus.yml"
out=$(promtool check config "$tmp/prometheus.yml" 2>&1)
[ $? -eq 0 ] && ok "the Prometheus configuration passes promtool check config" ||
	bad "the Prometheus configuration" "$out"

# ---- Decard programs: the commands, on our own Decard program -----------------
# (./kiosk and the HIS library stand for the Decard program of the tests;
# the link into a program's folder goes to a folder of the test's; the
# build's libsscard.so.0 is not in the loader's path)
mkdir -p "$tmp/hisdir"
block "## Programs written for Decard readers (libdcrf32)" sh |
	sed -e 's/   *#.*$//' -e "s|\./kiosk|$BUILD/tests/dcrf32/decard|" \
	    -e "s|/opt/his/libhisreader.so|$BUILD/tests/dcrf32/decard|" \
	    -e "s|/opt/his/|$tmp/hisdir/|" \
	    -e "s|dcrf32-path) |dcrf32-path):$BUILD |" > "$tmp/decard"
out=$(SSCARD_DCRF32_DIR=$BUILD/dcrf32 PATH="$BUILD:$PATH" \
	"$harness" --profile auth3 --psam psam -- bash -e "$tmp/decard" 2>/dev/null)
[ $? -eq 0 ] && [ -L "$tmp/hisdir/libdcrf32.so" ] &&
	[ "$(echo "$out" | grep -c '^id_code \|^photo \|missing:$')" = 3 ] &&
	ok "the libdcrf32 commands: a Decard program reads the card, the link, --check-lib" ||
	bad "the libdcrf32 commands" "$out"

echo "readme: $pass passed, $fail failed"
[ $fail -eq 0 ]
