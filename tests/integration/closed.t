#!/bin/bash
# Closed means closed (issue 44 item 3): a handle closed from another
# thread (Python's close() from a worker, its garbage collector) leaves no
# PIN verified on the card.  Prints TAP.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
plan=3
. "$(dirname "$0")/../tap.sh"
if [ $plain -eq 0 ]; then
	for i in 1 2 3; do skip "Python loads the library: the plain build only"; done
	finish
	exit
fi

# the PIN verified in the main thread, the card closed from a worker
# thread, then another program asks for the medical account (PIN needed)
for how in close gc; do
	out=$("$harness" -- env PYTHONPATH=bindings/python LD_LIBRARY_PATH="$b" \
		/usr/bin/python3 -c '
import gc, json, subprocess, sys, threading, sscard
ctx = sscard.Context()
card = ctx.connect()
card.verify_pin("123456")
box = [card]
del card
def let_go():
    if sys.argv[2] == "close":
        box[0].close()
    else:
        box.clear()
        gc.collect()
t = threading.Thread(target=let_go)
t.start(); t.join()
r = subprocess.run([sys.argv[1], "--json", "--medical"], capture_output=True, text=True)
print(json.loads(r.stdout)["medical"]["error"]["code"])
ctx.close()' "$b/sscard-info" "$how" 2>&1)
	[ "$out" = "-53" ] &&
		ok "a card with a verified PIN let go by another thread ($how): the next program needs the PIN (-53)" ||
		bad "closed from another thread ($how)" "$out"
done

# a context closed from another thread: refused, not marked closed, still
# usable in its own thread, then closed there
out=$("$harness" -- env PYTHONPATH=bindings/python LD_LIBRARY_PATH="$b" \
	/usr/bin/python3 -c '
import threading, sscard
ctx = sscard.Context()
got = []
def close_here():
    try:
        ctx.close()
        got.append("closed")
    except sscard.WrongThreadError as e:
        got.append(e.code)
t = threading.Thread(target=close_here)
t.start(); t.join()
with ctx.connect() as card:
    got.append(card.read_basic()["card"]["number"])
ctx.close()
print(*got, repr(ctx._handle.value))' 2>&1)
[ "$out" = "-72 BA0010547 None" ] &&
	ok "a context closed from another thread: WrongThreadError, still open and usable, then closed in its own" ||
	bad "context closed from another thread" "$out"

finish
