#!/usr/bin/python3
# The Python binding (bindings/python) on one connection, as an
# integrator uses it: read_basic() (sscard_read_json, parsed into a dict)
# asked afresh (forget() first) and with the card still in the reader,
# ROUNDS times each; checks every read against the first.  Prints
# "py_fresh_ms X", "py_fresh_apdus N", "py_kept_ms X", "py_kept_apdus N",
# "py_rss_kib N" (this process's peak, the interpreter's included).
# Usage: bindings.py ROUNDS
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import resource
import sys
import time

import sscard


def rounds(card, n, fresh):
    first = card.read_basic()
    before = card.stats()["apdus"]
    start = time.monotonic()
    for _ in range(n):
        if fresh:
            card.forget()
        if card.read_basic() != first:
            sys.exit("bindings.py: a read differs from the first")
    ms = (time.monotonic() - start) * 1000 / n
    return ms, (card.stats()["apdus"] - before) // n


def main():
    n = int(sys.argv[1])
    with sscard.connect() as card:
        fresh_ms, fresh_apdus = rounds(card, n, True)
        kept_ms, kept_apdus = rounds(card, n, False)
    print("py_fresh_ms %.4f" % fresh_ms)
    print("py_fresh_apdus %d" % fresh_apdus)
    print("py_kept_ms %.4f" % kept_ms)
    print("py_kept_apdus %d" % kept_apdus)
    print("py_rss_kib %d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


main()
