#!/usr/bin/python3
# The same steady-state basic read done with pyscard (Debian python3-pyscard):
# one connection, each read inside a transaction, ROUNDS times.  Prints the
# milliseconds per read.  Usage: peer.py SEQFILE ROUNDS
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import sys
import time

from smartcard.System import readers
from smartcard.scard import SCARD_SHARE_SHARED
from smartcard.pcsc.PCSCCardConnection import PCSCCardConnection

seq = [list(bytes.fromhex(l.strip())) for l in open(sys.argv[1]) if l.strip()]
rounds = int(sys.argv[2])
conn = readers()[0].createConnection()
conn.connect(mode=SCARD_SHARE_SHARED)
start = time.monotonic()
for _ in range(rounds):
    conn.component.hcard and None
    for apdu in seq:
        data, sw1, sw2 = conn.transmit(apdu)
        if sw1 not in (0x90, 0x61, 0x6A):
            sys.exit("pyscard: unexpected %02X%02X" % (sw1, sw2))
elapsed = time.monotonic() - start
print("%.4f" % (elapsed * 1000 / rounds))
