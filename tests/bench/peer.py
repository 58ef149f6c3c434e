#!/usr/bin/python3
# The basic read as an integrator writes it with pyscard (Debian
# python3-pyscard), from the card specification and README alone: SELECT
# the social-security application by name, then READ RECORD by SFI and
# record number for each field with Le 00 (a T=0 card answers 6Cxx: send
# again with its length), and decode the fields.  One connection, each
# read in a transaction, ROUNDS times; checks every read against the first.
# Prints "ms_per_read APDUs_per_read".  Usage: peer.py ROUNDS
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import sys
import time

from smartcard.System import readers
from smartcard.scard import (SCARD_LEAVE_CARD, SCARD_SHARE_SHARED,
                             SCardBeginTransaction, SCardEndTransaction)

SSSE = [0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1,
        0xB1, 0xA3, 0xD5, 0xCF]
# (SFI, record): EF05 card data 1-7, EF06 holder data 1-6
FIELDS = [(5, r) for r in range(1, 8)] + [(6, r) for r in range(1, 7)]


class Link:
    def __init__(self, conn):
        self.conn = conn
        self.apdus = 0

    def send(self, apdu):
        data, sw1, sw2 = self.conn.transmit(apdu)
        self.apdus += 1
        if sw1 == 0x61:
            return self.send([0x00, 0xC0, 0x00, 0x00, sw2])
        if sw1 == 0x6C:
            return self.send(apdu[:4] + [sw2])
        return data, (sw1 << 8) | sw2


def read_card(link):
    _, sw = link.send([0x00, 0xA4, 0x04, 0x00, len(SSSE)] + SSSE)
    if sw != 0x9000:
        sys.exit("pyscard: SELECT %04X" % sw)
    raw = {}
    for sfi, rec in FIELDS:
        data, sw = link.send([0x00, 0xB2, rec, (sfi << 3) | 4, 0x00])
        if sw != 0x9000 or len(data) < 2 or data[1] + 2 > len(data):
            sys.exit("pyscard: record %d of SFI %d: %04X" % (rec, sfi, sw))
        raw[data[0]] = bytes(data[2:2 + data[1]])
    text = lambda t: raw[t].rstrip(b"\0 ").decode("ascii")
    bcd = lambda t: raw[t].hex().rstrip("f")
    return {
        "id_code": raw[0x01].hex().upper(), "type": text(0x02),
        "version": text(0x03), "issuer": raw[0x04].hex().upper(),
        "issued": bcd(0x05), "expires": bcd(0x06), "number": text(0x07)[:9],
        "ssn": text(0x08),
        "name": raw[0x09].rstrip(b"\0 ").decode("gb18030"),
        "sex": text(0x0A), "nation": bcd(0x0B), "birthplace": bcd(0x0C),
        "birth_date": bcd(0x0D),
    }


def main():
    rounds = int(sys.argv[1])
    conn = readers()[0].createConnection()
    conn.connect(mode=SCARD_SHARE_SHARED)
    link = Link(conn)
    hcard = conn.component.hcard
    first = None
    start = time.monotonic()
    for _ in range(rounds):
        SCardBeginTransaction(hcard)
        got = read_card(link)
        SCardEndTransaction(hcard, SCARD_LEAVE_CARD)
        if first is None:
            first = got
        elif got != first:
            sys.exit("pyscard: a read differs from the first")
    elapsed = time.monotonic() - start
    print("%.4f %d" % (elapsed * 1000 / rounds, link.apdus // rounds))


if __name__ == "__main__":
    main()
