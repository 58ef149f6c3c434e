#!/bin/bash
# The metrics port cannot starve the card API (issue 44 item 4): 1,100
# idle connections to metrics_listen leave the API answering and the log
# quiet; /metrics refuses a Host that is a DNS name (rebinding).  TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=3
. "$(dirname "$0")/../tap.sh"

printf 'metrics_listen = 127.0.0.1:12394\n' > "$tmp/conf"
out=$(tests/harness/with-pcscd -- bash -c '
	# the service with the usual 1,024 descriptors, the flood with more
	(ulimit -n 1024; exec "$0" --config "$1" --port 12393 --legacy-port 0) > "$2/log" 2>&1 &
	ulimit -n 4096
	pid=$!
	for w in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:12393/v1/version && break; sleep 0.05; done
	/usr/bin/python3 - <<PY
import socket, time, urllib.request
held = []
for i in range(1100):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", 12394))
        held.append(s)
    except OSError:
        s.close()
time.sleep(1)
answers = 0
for i in range(20):
    with urllib.request.urlopen("http://127.0.0.1:12393/v1/version", timeout=5) as r:
        answers += r.status == 200
print("api", answers)
for s in held:
    s.close()
PY
	curl -s -o /dev/null -w "scrape %{http_code}\n" http://127.0.0.1:12394/metrics
	curl -s -o /dev/null -w "rebinding %{http_code}\n" -H "Host: evil.example:12394" http://127.0.0.1:12394/metrics
	kill $pid; wait $pid
	echo "lines $(wc -l < "$2/log")"' "$b/sscardd" "$tmp/conf" "$tmp" 2>&1)
api=$(echo "$out" | sed -n 's/^api //p')
lines=$(echo "$out" | sed -n 's/^lines //p')
[ "$api" = 20 ] && ok "1,100 connections to metrics_listen: the API answers 20 of 20" ||
	bad "API under a metrics flood" "$out"
[ -n "$lines" ] && [ "$lines" -le 20 ] &&
	ok "the log stays quiet under the flood ($lines lines)" ||
	bad "log under the flood" "$out $(head -20 "$tmp/log")"
echo "$out" | grep -qx 'scrape 200' && echo "$out" | grep -qx 'rebinding 421' &&
	ok "/metrics answers a scrape and refuses a DNS name as Host (421)" ||
	bad "metrics Host" "$out"

finish
