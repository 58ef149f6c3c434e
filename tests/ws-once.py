#!/usr/bin/env python3
"""ws-once.py PORT ORIGIN MESSAGE: one text message to ws://127.0.0.1:PORT/
with that Origin, print the one answer.  Python's standard library only,
so that `make demo` needs nothing from npm (RFC 6455: the handshake, a
masked text frame out, an unmasked one back).

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import base64
import hashlib
import os
import socket
import struct
import sys

GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'


def read_exact(sock, n):
    data = b''
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            raise EOFError('connection closed')
        data += part
    return data


def handshake(sock, port, origin):
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f'GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n'
                  'Upgrade: websocket\r\nConnection: Upgrade\r\n'
                  f'Sec-WebSocket-Key: {key}\r\n'
                  'Sec-WebSocket-Version: 13\r\n'
                  f'Origin: {origin}\r\n\r\n').encode())
    head = b''
    while b'\r\n\r\n' not in head:
        head += read_exact(sock, 1)
        if len(head) > 8192:
            raise ValueError('handshake answer too long')
    lines = head.decode('latin-1').split('\r\n')
    if ' 101 ' not in lines[0] + ' ':
        raise ValueError(f'refused: {lines[0]}')
    accept = base64.b64encode(
        hashlib.sha1((key + GUID).encode()).digest()).decode()
    if not any(line.lower() == f'sec-websocket-accept: {accept}'.lower()
               for line in lines):
        raise ValueError('bad Sec-WebSocket-Accept')


def send_text(sock, text):
    payload = text.encode()
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        head = struct.pack('!BB', 0x81, 0x80 | n)
    elif n < 65536:
        head = struct.pack('!BBH', 0x81, 0x80 | 126, n)
    else:
        head = struct.pack('!BBQ', 0x81, 0x80 | 127, n)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    sock.sendall(head + mask + body)


def read_text(sock):
    first, second = read_exact(sock, 2)
    n = second & 0x7F
    if n == 126:
        n = struct.unpack('!H', read_exact(sock, 2))[0]
    elif n == 127:
        n = struct.unpack('!Q', read_exact(sock, 8))[0]
    if second & 0x80 or n > 1 << 20 or first & 0x0F != 1:
        raise ValueError('not one unmasked text frame')
    return read_exact(sock, n).decode()


def main():
    if len(sys.argv) != 4:
        print(__doc__.split('\n\n')[0], file=sys.stderr)
        return 2
    port, origin, message = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    try:
        with socket.create_connection(('127.0.0.1', port), timeout=60) as s:
            handshake(s, port, origin)
            send_text(s, message)
            print(read_text(s))
    except (OSError, EOFError, ValueError) as e:
        print(e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
