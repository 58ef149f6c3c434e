#!/bin/sh
# Install the Debian packages the build and the tests need, when they are
# missing.  As root this runs apt-get; otherwise it prints the command to
# run and fails.
#
#   tests/deps.sh            the build and every test (make check)
#   tests/deps.sh demo       the build and the demo only (make demo): no
#                            browser, nothing from npm, as a hospital
#                            intranet with only a Debian mirror allows
#   tests/deps.sh MODE --print   the package list, installed or not
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

mode=${1:-check}
DEMO_PKGS="gcc make pkg-config libc6-dev libpcsclite-dev libssl-dev
libusb-1.0-0-dev libjson-c-dev libwebsockets-dev gettext locales pcscd
vsmartcard-vpcd iproute2 util-linux python3 curl libsystemd-dev"
case $mode in
demo) PKGS=$DEMO_PKGS ;;
check) PKGS="$DEMO_PKGS libcmocka-dev opensc valgrind clang libclang-rt-14-dev
python3-pyscard umockdev python3-jsonschema chromium firefox-esr fonts-wqy-microhei
man-db acl time perl prometheus prometheus-node-exporter python3-pytest
default-jdk-headless libjna-java junit4 dh-python" ;;
*) echo "usage: $0 [check|demo] [--print]" >&2; exit 2 ;;
esac
if [ "${2:-}" = --print ]; then
	echo $PKGS
	exit 0
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	     grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# the Chinese messages are tested under zh_CN.UTF-8
have_zh() { locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; }
make_zh() {
	if ! have_zh && [ "$(id -u)" -eq 0 ]; then
		echo "deps: generating the zh_CN.UTF-8 locale"
		localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
	fi
}
# sscardd's browser tests: playwright-core and ws from npm (pinned in
# tests/sscardd/package-lock.json), driving Debian's /usr/bin/chromium; no
# browser is downloaded
node_modules() {
	[ -d tests/sscardd/node_modules/playwright-core ] &&
		[ -d tests/sscardd/node_modules/ws ] && return 0
	echo "deps: npm ci in tests/sscardd (playwright-core, ws)"
	npm ci --prefix tests/sscardd --no-audit --no-fund --loglevel=error
}
if [ "$mode" = check ] &&
   { ! command -v node > /dev/null || ! command -v npm > /dev/null; }; then
	missing="$missing nodejs npm"
fi
if [ -z "$missing" ]; then
	make_zh
	[ "$mode" = demo ] || node_modules
	exit 0
fi

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root:  apt-get update && $cmd" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# a fresh machine may have empty package lists
apt-get update -qq
$cmd >/dev/null
make_zh
[ "$mode" = demo ] || node_modules
