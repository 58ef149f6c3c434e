#!/usr/bin/env python3
"""A stand-in for journald's native socket, for the tests: bind SOCKET
(run inside the harness's own mount namespace, over a tmpfs at
/run/systemd/journal) and append each record libsystemd's
sd_journal_send() sends as one JSON object a line to OUT.  The native
protocol: "KEY=value\\n" fields, or "KEY\\n", a 64-bit little-endian
length, the value and "\\n" for a value with a line end in it.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import json
import os
import signal
import socket
import struct
import sys


def fields(data):
    out = {}
    i = 0
    while i < len(data):
        nl = data.index(b'\n', i)
        line = data[i:nl]
        if b'=' in line:
            key, value = line.split(b'=', 1)
            i = nl + 1
        else:
            key = line
            (n,) = struct.unpack('<Q', data[nl + 1:nl + 9])
            value = data[nl + 9:nl + 9 + n]
            i = nl + 9 + n + 1
        out[key.decode()] = value.decode('utf-8', 'replace')
    return out


def main():
    path, out_path = sys.argv[1], sys.argv[2]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if os.path.exists(path):
        os.unlink(path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    os.chmod(path, 0o666)
    with open(out_path, 'a', encoding='utf-8') as out:
        print('ready', file=out, flush=True)
        while True:
            data = sock.recv(1 << 17)
            print(json.dumps(fields(data), ensure_ascii=False), file=out,
                  flush=True)


if __name__ == '__main__':
    main()
