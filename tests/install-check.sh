#!/bin/bash
# Stage an install, then check what issue 3 asks of it: SONAME, exported
# symbols, pkg-config, and a program linked against the staged library.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# built for /usr/local first: the install's PREFIX must win, not the build's
make -s all > /dev/null
make -s install DESTDIR="$stage" PREFIX=/usr INSTALL_RULES=1 > /dev/null
lib=$(ls "$stage"/usr/lib/libsscard.so.0.*)
fail() { echo "install-check: $*" >&2; exit 1; }

readelf -d "$lib" | grep -q 'SONAME.*\[libsscard.so.0\]' || fail "SONAME"
grep -q '/usr/share/libsscard' "$lib" || fail "data directory of the build, not of the install"
grep -q '/usr/local/share/libsscard' "$lib" && fail "stale /usr/local data directory in the installed library"
pc="$stage/usr/lib/pkgconfig/sscard.pc"
grep -q '^prefix=/usr$' "$pc" || fail "sscard.pc prefix"
grep -q '^Requires.private' "$pc" && fail "sscard.pc: Requires.private pulls unrelated -dev packages"
grep -q '^Libs.private: -lpcsclite -lcrypto -ldl$' "$pc" || fail "sscard.pc Libs.private"
grep -q '^Cflags: -I${includedir}$' "$pc" || fail "sscard.pc Cflags"
[ -f "$stage/lib/udev/rules.d/60-libsscard.rules" ] || fail "udev rule not in /lib/udev/rules.d"
[ -f "$stage/usr/share/polkit-1/rules.d/50-libsscard.rules" ] || fail "polkit rule not in /usr/share/polkit-1/rules.d"
[ "$(readlink "$stage/usr/lib/libsscard.so")" = libsscard.so.0 ] || fail "dev symlink"
others=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^sscard_' | grep -v '^LIBSSCARD_' || true)
[ -z "$others" ] || fail "exported non-sscard symbols: $others"
# exactly the committed list, each symbol in the version node it names (a
# symbol that moved to another node fails, a newer node is fine), and every
# function the header exports is in it
exported=$(nm -D --defined-only --with-symbol-versions "$lib" | awk '$3 ~ /^sscard_/ {print $3}' |
	sed 's/@@*/ /' | sort)
[ "$exported" = "$(sort tests/abi/symbols)" ] ||
	fail "exported symbols or their version nodes differ from tests/abi/symbols: $(diff <(echo "$exported") <(sort tests/abi/symbols) | tr '\n' ' ')"
declared=$(grep -o 'SSCARD_EXPORT[^(]*(' include/sscard.h | grep -o 'sscard_[a-z0-9_]*' | sort -u)
[ "$declared" = "$(awk '{print $1}' tests/abi/symbols | sort -u)" ] ||
	fail "sscard.h's functions differ from tests/abi/symbols: $(diff <(echo "$declared") <(awk '{print $1}' tests/abi/symbols | sort -u) | tr '\n' ' ')"
for f in usr/include/sscard.h usr/lib/libsscard.a usr/lib/pkgconfig/sscard.pc \
	 usr/bin/sscard-info usr/share/man/man1/sscard-info.1 usr/share/man/man3/libsscard.3 \
	 usr/share/man/man3/sscard_pin_verify.3 usr/include/SSCardDriver.h \
	 usr/share/locale/zh_CN/LC_MESSAGES/sscard-info.mo usr/bin/sscardd \
	 usr/share/man/man1/sscardd.1 etc/sscard/sscardd.conf \
	 lib/systemd/system/sscardd.service usr/lib/systemd/user/sscardd.service; do
	[ -e "$stage/$f" ] || fail "missing $f"
done
# every exported function opens a page (man -w), as do the ministry's
# names; the ministry's example settings are installed
ministry=$(sed -n '/global:/,/local:/p' compat/libSSCardDriver/libSSCardDriver.map |
	grep -o '\bi[A-Z][A-Za-z_0-9]*')
[ "$(echo "$ministry" | wc -l)" -eq 17 ] || fail "the ministry's names from the map: $ministry"
for name in $(awk '{print $1}' tests/abi/symbols | sort -u) $ministry SSCardDriver; do
	page=$(MANPATH="$stage/usr/share/man" man -w "$name" 2> /dev/null) ||
		fail "man $name: no page"
	case $page in "$stage"/*) ;; *) fail "man $name: $page is not the installed page" ;; esac
done
[ -f "$stage/usr/share/libsscard/examples/SSCardDriver.conf" ] ||
	fail "no example SSCardDriver.conf"
cat > "$stage/t.c" <<'C'
#include <sscard.h>
#include <stdio.h>
int main(void)
{
	printf("%s %s\n", sscard_version(), sscard_strerror(SSCARD_E_CARD_DATA));
	return SSCARD_API_VERSION > 0 ? 0 : 1;
}
C
export PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_PATH="$stage/usr/lib/pkgconfig"
cc -o "$stage/t" "$stage/t.c" $(pkg-config --cflags --libs sscard)
out=$(LD_LIBRARY_PATH="$stage/usr/lib" "$stage/t")
[ "$out" = "$(make -s -f Makefile -p 2>/dev/null | sed -n 's/^VERSION := //p' | head -1) malformed data on the card" ] ||
	fail "linked program printed '$out'"
# a program built against 0.4 keeps 0.4's struct sscard_stats
cc -I"$stage/usr/include" -o "$stage/oldstats" tests/abi/oldstats.c -ldl
out=$("$stage/oldstats" "$stage/usr/lib/libsscard.so.0")
[ "$out" = ok ] || fail "old ABI: $out"
# the ministry library: its own SONAME, its header, an unchanged HIS program
readelf -d "$stage/usr/lib/libSSCardDriver.so.1.0.0" | grep -q 'SONAME.*\[libSSCardDriver.so.1\]' ||
	fail "libSSCardDriver SONAME"
[ "$(readlink "$stage/usr/lib/libSSCardDriver.so")" = libSSCardDriver.so.1 ] || fail "libSSCardDriver.so link"
cat > "$stage/his.c" <<'C'
#include <stdio.h>
#include "SSCardDriver.h"
int main(void)
{
	char out[1024];
	long rv = iReadCardBas(1, out);

	printf("%ld\n", rv);
	return 0;
}
C
cc -o "$stage/his" "$stage/his.c" -I"$stage/usr/include" -L"$stage/usr/lib" -lSSCardDriver \
	-Wl,-rpath-link,"$stage/usr/lib" || fail "a program against SSCardDriver.h did not build"
# no reader here (or no pcscd): the ministry's reader error, not a crash
out=$(LD_LIBRARY_PATH="$stage/usr/lib" PCSCLITE_CSOCK_NAME=/nonexistent/pcscd.comm "$stage/his")
[ "$out" = -11 ] || fail "ministry program printed '$out', not -11"
# libdcrf32: its own folder, SONAME libdcrf32.so, Decard's 801 names and
# nothing else, no version on them; its header and page
dcrf32="$stage/usr/lib/sscard/dcrf32/libdcrf32.so"
readelf -d "$dcrf32" | grep -q 'SONAME.*\[libdcrf32.so\]' || fail "libdcrf32 SONAME"
[ "$(nm -D --defined-only "$dcrf32" | awk '{print $3}' | sort)" = \
  "$(python3 compat/dcrf32/gen.py list compat/dcrf32/dcrf32.names | sort)" ] ||
	fail "libdcrf32.so does not export exactly Decard's names"
nm -D --defined-only --with-symbol-versions "$dcrf32" | grep -q '@' &&
	fail "libdcrf32.so's names carry versions"
[ -f "$stage/usr/include/sscard/dcrf32.h" ] || fail "no sscard/dcrf32.h"
MANPATH="$stage/usr/share/man" man -w dcrf32 > /dev/null 2>&1 || fail "man dcrf32: no page"
# the installed service starts its --version against the staged libraries
out=$(LD_LIBRARY_PATH="$stage/usr/lib" "$stage/usr/bin/sscardd" --version)
case $out in "sscardd "*) ;; *) fail "sscardd --version printed '$out'" ;; esac
# the shipped settings file, all comments, is a valid one
LD_LIBRARY_PATH="$stage/usr/lib" "$stage/usr/bin/sscardd" --config "$stage/etc/sscard/sscardd.conf" --version > /dev/null ||
	fail "the shipped sscardd.conf is refused"
make -s uninstall DESTDIR="$stage" PREFIX=/usr > /dev/null
left=$(find "$stage/usr" -type f | grep -v '^$' || true)
[ -z "$left" ] || fail "uninstall left: $left"
# a multiarch libdir when asked
unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_PATH
make -s install DESTDIR="$stage" PREFIX=/usr LIBDIR=/usr/lib/x86_64-linux-gnu > /dev/null
[ -e "$stage/usr/lib/x86_64-linux-gnu/libsscard.so.0" ] &&
	grep -q '^libdir=/usr/lib/x86_64-linux-gnu$' "$stage/usr/lib/x86_64-linux-gnu/pkgconfig/sscard.pc" ||
	fail "LIBDIR not honoured"
make -s uninstall DESTDIR="$stage" PREFIX=/usr LIBDIR=/usr/lib/x86_64-linux-gnu > /dev/null
echo "install-check: ok (SONAME libsscard.so.0, libSSCardDriver.so.1 with its header and an unchanged ministry program, libdcrf32.so with exactly Decard's names unversioned, exactly tests/abi/symbols exported, each at its version node (0.4's sscard_get_stats kept), the install's PREFIX and LIBDIR, sscard.pc without Requires.private, udev and polkit rules and the systemd units in the packaged places, sscardd and its settings file, pkg-config, linked program ran, uninstall clean)"
