#!/bin/bash
# The browser bridge (issue 49): the extension and sscard-bridge, laid out
# as the packages install them, in Debian's headless chromium against the
# virtual card, sscardd not running (tests/sscardd/bridge.mjs); and the
# host alone: its framing refusals.  Prints TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=5
. "$(dirname "$0")/../tap.sh"

# the extension and the host manifest, from the build as installed
python3 bindings/webext/build.py "$tmp/webext" "$b/sscard-bridge"
mkdir -p "$tmp/profile/NativeMessagingHosts"
cp "$tmp/webext/hosts/chromium.json" "$tmp/profile/NativeMessagingHosts/org.libsscard.bridge.json"
printf 'allow_origin = http://127.0.0.1:8211\nallow_origin = http://127.0.0.1:8213\n' > "$tmp/sscardd.conf"
export SSCARD_BRIDGE_CONFIG=$tmp/sscardd.conf

if [ $plain -eq 1 ] && [ -x /usr/bin/chromium ] && [ -d tests/sscardd/node_modules/playwright-core ]; then
	# sscardd beside it, for the page chromium takes for a public one
	out=$(timeout 180 "$harness" -- bash -c '"$0" --config "$1" 2> /dev/null & s=$!
		node tests/sscardd/bridge.mjs "$2/webext/chromium" "$2/profile" 8211 8212 8213
		rv=$?; kill $s; exit $rv' "$b/sscardd" "$tmp/sscardd.conf" "$tmp" 2>&1)
	[ $? -eq 0 ] && ok "chromium: an allowed page reads, verifies, gets events; others refused; a public page served by the bridge, not sscardd ($(echo "$out" | grep -c '^ok') checks)" ||
		bad "chromium and the bridge" "$out"
	out=$(python3 tests/integration/check-schema.py "$tmp/profile/docs.json" 2>&1)
	echo "$out" | grep -q ' 0 invalid' &&
		ok "the bridge's documents are the schema's ($out)" || bad "the bridge's documents" "$out"
	out=$(BRIDGE_HOST=$b/sscard-bridge timeout 180 "$harness" --card-latency 400 -- \
		node tests/sscardd/bridge.mjs kill \
		"$tmp/webext/chromium" "$tmp/profile" 8211 2>&1)
	[ $? -eq 0 ] && ok "chromium: the host killed while it reads a slow card: the page gets an error" ||
		bad "the host killed mid-request" "$out"
else
	for i in 1 2 3; do skip "chromium drives the plain build"; done
fi

# Firefox: the same extension folder, over WebDriver BiDi; its host
# manifest where Firefox looks for a user's
if [ $plain -eq 1 ] && [ -x /usr/bin/firefox-esr ] && [ -d tests/sscardd/node_modules/ws ]; then
	mkdir -p "$tmp/home/.mozilla/native-messaging-hosts"
	cp "$tmp/webext/hosts/firefox.json" \
		"$tmp/home/.mozilla/native-messaging-hosts/org.libsscard.bridge.json"
	out=$(HOME=$tmp/home timeout 180 "$harness" -- node tests/sscardd/bridge-firefox.mjs \
		"$tmp/webext/firefox" "$tmp/firefox-profile" 8211 8212 9231 2>&1)
	[ $? -eq 0 ] && ok "firefox-esr: an allowed page reads and verifies through the bridge, another is refused" ||
		bad "firefox and the bridge" "$out"
else
	skip "firefox-esr drives the plain build"
fi

# the host alone: a length over the cap, then garbage, then a good one
out=$("$harness" -- python3 -c '
import json, struct, subprocess, sys
def frame(b): return struct.pack("=I", len(b)) + b
def run(data):
    p = subprocess.run([sys.argv[1]], input=data, capture_output=True, timeout=30)
    out, msgs = p.stdout, []
    while len(out) >= 4:
        n = struct.unpack("=I", out[:4])[0]
        msgs.append(json.loads(out[4:4 + n])); out = out[4 + n:]
    return p.returncode, [(m.get("status"), m["document"]["error"]["code"] if "error" in m.get("document", {}) else 0) for m in msgs]
print(run(struct.pack("=I", 70000)))
print(run(frame(b"{nope") + frame(json.dumps({"id": 1, "verb": "fly", "origin": "http://127.0.0.1:8211"}).encode())
          + frame(json.dumps({"id": 2, "verb": "readers", "origin": "null"}).encode())
          + frame(json.dumps({"id": 3, "verb": "pin", "pin": "12", "origin": "http://127.0.0.1:8211"}).encode())
          + frame(json.dumps({"id": 4, "verb": "readers", "origin": "http://127.0.0.1:8211"}).encode())))
print(run(struct.pack("=I", 10) + b"{\"id\""))' "$b/sscard-bridge" 2>&1)
[ "$out" = "(1, [(413, -70)])
(0, [(400, -70), (404, -70), (403, -6), (400, -52), (200, 0)])
(1, [])" ] && ok "the host: an oversized length, non-JSON, an unknown verb, a null origin, a bad PIN, a cut message" ||
	bad "the host's refusals" "$out"

finish
