#!/bin/bash
# Build the Debian packages from a copy of the tree (dpkg-buildpackage -b,
# offline), show lintian's verdict, install them on this machine, use them
# (sscard-info --version; programs built with pkg-config and against
# SSCardDriver.h), and remove them again.  Needs root (apt-get, dpkg).
# Leaves each package's file list in build/deb-files for the cross check.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb-check: $*" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
need=()
for p in debhelper lintian fakeroot dpkg-dev; do
	dpkg -s "$p" > /dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
fi

mkdir "$work/libsscard"
(cd "$top" && git ls-files -z | xargs -0 cp --parents -t "$work/libsscard")
# the copy as a repository of its own, to see what the build leaves behind
git -C "$work/libsscard" init -q
git -C "$work/libsscard" add -A
git -C "$work/libsscard" -c user.name=deb-check -c user.email=deb-check@localhost \
	commit -q -m tree
(cd "$work/libsscard" && dpkg-buildpackage -us -uc -b > "$work/build.log" 2>&1) ||
	{ tail -40 "$work/build.log"; fail "dpkg-buildpackage failed"; }
left=$(git -C "$work/libsscard" status --porcelain)
[ -z "$left" ] || fail "dpkg-buildpackage left paths .gitignore does not name: $left"
# -Werror is CI's, not the package's (Debian's own -Werror=format-security
# stays)
grep -q -- ' -Werror ' "$work/build.log" &&
	fail "the package build turns every warning into an error"
grep -q -- ' -Wall -Wextra ' "$work/build.log" ||
	fail "the package build log shows no compiler command (V=1)"
debs=("$work"/*.deb)
# each package's files, for tests/cross/deb-check.sh to compare with
lists="$top/build/deb-files"
rm -rf "$lists"
mkdir -p "$lists"
echo "packages:"
for d in "${debs[@]}"; do
	echo "  $(dpkg-deb -f "$d" Package) $(dpkg-deb -f "$d" Version) $(dpkg-deb -f "$d" Architecture)"
	"$top/tests/deb-files" "$d" > "$lists/$(dpkg-deb -f "$d" Package)"
done
echo "lintian:"
lint=$(lintian "$work"/*.changes 2>&1 | grep -v "running with root privileges" || true)
echo "${lint:-  (nothing to report)}" | sed 's/^/  /'
echo "$lint" | grep -q '^[EW]: ' && fail "lintian reports errors or warnings"

apt-get install -y -qq "${debs[@]}" > /dev/null
trap 'apt-get remove -y -qq --purge libsscard0 libsscard-json0 libsscard-dev libsscarddriver1 libdcrf32-pcsc sscard-tools sscardd sscard-bridge webext-sscard-chromium webext-sscard-firefox python3-sscard libsscard-java > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
sscard-info --version | grep -q '^sscard-info 0\.' || fail "sscard-info --version"
# the key guard's store for the whole host: made by libsscard0 for the
# group sscard (setgid), so every door's user shares it
[ "$(stat -c '%a %U %G' /var/lib/libsscard 2>&1)" = "2770 root sscard" ] ||
	fail "/var/lib/libsscard: $(stat -c '%a %U %G' /var/lib/libsscard 2>&1)"
if locale -a | grep -qi '^zh_CN\.utf-\?8$'; then
	[ "$(LANG=zh_CN.UTF-8 sscard-info --bogus 2>&1)" = "sscard-info：--bogus 不是有效的选项；请参阅 --help" ] ||
		fail "the installed sscard-info does not find its Chinese messages"
fi
cat > "$work/t.c" <<'C'
#include <sscard.h>
#include <stdio.h>
int main(void)
{
	printf("%s\n", sscard_version());
	return 0;
}
C
cc -o "$work/t" "$work/t.c" $(pkg-config --cflags --libs sscard)
[ "$("$work/t")" = "$(dpkg-query -W -f '${Version}' libsscard0 | sed 's/-.*//')" ] ||
	fail "program built with pkg-config printed the wrong version"
cat > "$work/his.c" <<'C'
#include <stdio.h>
#include <SSCardDriver.h>
int main(void)
{
	char out[1024];

	printf("%ld\n", iReadCardBas(1, out));
	return 0;
}
C
cc -o "$work/his" "$work/his.c" -lSSCardDriver
[ "$(PCSCLITE_CSOCK_NAME=/nonexistent/pcscd.comm "$work/his")" = -11 ] ||
	fail "ministry program against the packaged library"
# a program written for Decard readers, pointed at libdcrf32-pcsc the way
# dcrf32(3) says; no pcscd: its code, not a crash
dcrf32=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/sscard/dcrf32
[ "$(sscard-info --dcrf32-path)" = "$dcrf32" ] || fail "sscard-info --dcrf32-path"
[ "$(nm -D --defined-only "$dcrf32/libdcrf32.so" | grep -c ' T ')" = 801 ] ||
	fail "libdcrf32.so does not export Decard's 801 names"
cat > "$work/decard.c" <<'C'
#include <stdio.h>
#include <sscard/dcrf32.h>
int main(void)
{
	printf("%d\n", dc_init(100, 115200));
	return 0;
}
C
cc -o "$work/decard" "$work/decard.c" -L"$dcrf32" -ldcrf32
[ "$(PCSCLITE_CSOCK_NAME=/nonexistent/pcscd.comm LD_LIBRARY_PATH=$(sscard-info --dcrf32-path) "$work/decard")" = -14 ] ||
	fail "Decard program against the packaged libdcrf32.so"
sscard-info --check-lib "$work/decard" > /dev/null || fail "sscard-info --check-lib on a Decard program"
# the browser bridge: registered with each browser, for the extension the
# packages ship (Chromium's id from its key), refusing an origin no
# allow_origin line names
for m in /etc/chromium/native-messaging-hosts /etc/opt/chrome/native-messaging-hosts \
	 /usr/lib/mozilla/native-messaging-hosts; do
	[ "$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["path"])' \
		"$m/org.libsscard.bridge.json" 2>&1)" = /usr/bin/sscard-bridge ] ||
		fail "$m/org.libsscard.bridge.json"
done
ext_id=$(python3 -c '
import base64, hashlib, json
key = json.load(open("/usr/share/chromium/extensions/sscard/manifest.json"))["key"]
print("".join(chr(97 + int(c, 16)) for c in hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]))')
grep -q "chrome-extension://$ext_id/" /etc/chromium/native-messaging-hosts/org.libsscard.bridge.json ||
	fail "the Chromium host manifest does not name the packaged extension ($ext_id)"
[ -f "/usr/share/mozilla/extensions/{ec8030f7-c20a-464f-9b0e-13a3a9e97384}/sscard@libsscard.org/manifest.json" ] ||
	fail "no Firefox extension"
out=$(python3 -c '
import json, struct, subprocess
m = json.dumps({"id": 1, "verb": "card", "origin": "https://his.example.org"}).encode()
p = subprocess.run(["/usr/bin/sscard-bridge", "chrome-extension://x/"], capture_output=True,
                   input=struct.pack("=I", len(m)) + m, timeout=30)
a = json.loads(p.stdout[4:])
print(a["status"], a["document"]["error"]["code"])' 2>&1)
[ "$out" = "403 -6" ] || fail "sscard-bridge with no allow_origin: $out"
# every language's door: the JSON call from C, Python's module (its
# layout check against the installed library), Java's runnable jar, the
# pages' JS client; with no pcscd each gives its error, not a crash
cat > "$work/json.c" <<'C'
#include <sscard-json.h>
#include <stdio.h>
int main(void)
{
	char *json = NULL;
	int rv = sscard_error_json(NULL, SSCARD_E_NO_CARD, 0, &json);

	printf("%d %s\n", rv, json);
	sscard_json_free(json);
	return 0;
}
C
cc -o "$work/json" "$work/json.c" -lsscard-json -lsscard
[ "$("$work/json")" = '0 {"schema":2,"error":{"code":-3,"message":"no card in the reader","sw":null,"field":null}}' ] ||
	fail "a program against sscard-json.h"
out=$(PCSCLITE_CSOCK_NAME=/nonexistent/pcscd.comm /usr/bin/python3 -c '
import sscard
try:
    sscard.connect()
except sscard.NoServiceError as e:
    print(sscard.__version__, e.code, e.message_zh)' 2>&1)
[ "$out" = "$(dpkg-query -W -f '${Version}' python3-sscard | sed 's/-.*//') -1 PC/SC 服务（pcscd）不可用" ] ||
	fail "python3-sscard: $out"
out=$(PCSCLITE_CSOCK_NAME=/nonexistent/pcscd.comm java -jar /usr/share/java/sscard.jar 2>&1) && rc=0 || rc=$?
[ "$rc $out" = '1 {"schema":2,"error":{"code":-1,"message":"PC/SC service (pcscd) not available","sw":null,"field":null}}' ] ||
	fail "java -jar /usr/share/java/sscard.jar: $rc $out"
for f in sscard.mjs sscard.d.ts package.json; do
	[ -f "/usr/share/sscardd/js/$f" ] || fail "sscardd: no /usr/share/sscardd/js/$f"
done
# the documentation ships: a page for every public name, the README and
# the examples, the ministry library's commented settings
for name in sscard_ctx_new sscard_connect sscard_strerror sscard_read_basic \
	    SSCardDriver iReadCardBas iGetReaderInfo dcrf32; do
	man -w "$name" > /dev/null 2>&1 || fail "man $name: no page installed"
done
ls /usr/share/doc/libsscard-dev/README.md* > /dev/null 2>&1 || fail "no README in libsscard-dev"
ls /usr/share/doc/libsscard-dev/examples/his-reader.c* > /dev/null 2>&1 ||
	fail "no examples in libsscard-dev"
[ -f /usr/share/libsscard/examples/SSCardDriver.conf ] || fail "no example SSCardDriver.conf"
python3 -m json.tool /usr/share/libsscard/examples/chromium-local-network.json > /dev/null ||
	fail "no example chromium policy in sscardd"
[ -f /lib/udev/rules.d/60-libsscard.rules ] || fail "udev rule"
sscardd --version | grep -q '^sscardd 0\.' || fail "sscardd --version"
# the installed bridge in both browsers, from the packages' own files (the
# extension folders, the system host manifests, /usr/bin/sscard-bridge),
# against the virtual card of the suites' build
if [ -x "$top/build/sscard-vcard" ] && [ -d "$top/tests/sscardd/node_modules/ws" ]; then
	printf 'allow_origin = http://127.0.0.1:8211\n' > "$work/bridge.conf"
	chmod 755 "$work"
	(cd "$top" && SSCARD_BRIDGE_CONFIG=$work/bridge.conf BUILD=build timeout 180 \
		tests/harness/with-pcscd -- node tests/sscardd/bridge.mjs \
		/usr/share/chromium/extensions/sscard "$work/chromium-profile" 8211 8212) \
		> "$work/bridge.log" 2>&1 ||
		{ cat "$work/bridge.log"; fail "the packaged bridge in chromium"; }
	(cd "$top" && SSCARD_BRIDGE_CONFIG=$work/bridge.conf BUILD=build timeout 180 \
		tests/harness/with-pcscd -- node tests/sscardd/bridge-firefox.mjs \
		"/usr/share/mozilla/extensions/{ec8030f7-c20a-464f-9b0e-13a3a9e97384}/sscard@libsscard.org" \
		"$work/firefox-profile" 8211 8212 9231) > "$work/bridge.log" 2>&1 ||
		{ cat "$work/bridge.log"; fail "the packaged bridge in firefox-esr"; }
	bridge_checked="the packaged bridge in chromium and firefox-esr, "
fi
sscardd --config /etc/sscard/sscardd.conf --version > /dev/null || fail "the packaged sscardd.conf is refused"
[ -f /lib/systemd/system/sscardd.service ] && [ -f /usr/lib/systemd/user/sscardd.service ] ||
	fail "sscardd's systemd units"
[ -f /usr/lib/sysusers.d/sscard-tools.conf ] || fail "sysusers.d entry for the sscard group"
if command -v systemd-sysusers > /dev/null; then
	getent group sscard > /dev/null || fail "the sscard group was not created"
fi
apt-get remove -y -qq --purge libsscard0 libsscard-json0 libsscard-dev libsscarddriver1 libdcrf32-pcsc sscard-tools sscardd sscard-bridge webext-sscard-chromium webext-sscard-firefox python3-sscard libsscard-java > /dev/null
hash -r                         # the shell remembers where sscard-info was
[ ! -e /usr/bin/sscard-bridge ] || fail "sscard-bridge left after removal"
! command -v sscard-info > /dev/null || fail "sscard-info left after removal"
[ ! -e /usr/bin/sscardd ] || fail "sscardd left after removal"
[ ! -e /etc/sscard/sscardd.conf ] || fail "sscardd.conf left after purge"
[ ! -e /var/lib/libsscard ] || fail "/var/lib/libsscard left after purge"
echo "deb-check: ok (built, lintian clean, installed, used from C, Python, Java and the JS client's place, ${bridge_checked:-}removed)"
