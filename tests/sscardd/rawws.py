#!/usr/bin/env python3
"""What a hostile local process can do to sscardd with a bare socket.

  rawws.py huge PORT PATH       a frame announcing 2^63 - 1 bytes
  rawws.py quiet PORT PATH S    a WebSocket that never answers a ping
  rawws.py cap PORT N           N idle connections, then one more

Each prints one line: what the service did.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import base64
import os
import socket
import struct
import sys
import time


def connect(port):
    return socket.create_connection(('127.0.0.1', port), timeout=5)


def handshake(port, path):
    s = connect(port)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f'GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n'
               'Upgrade: websocket\r\nConnection: Upgrade\r\n'
               f'Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n').encode())
    head = b''
    while b'\r\n\r\n' not in head:
        chunk = s.recv(1024)
        if not chunk:
            raise SystemExit('no handshake answer')
        head += chunk
    if not head.startswith(b'HTTP/1.1 101'):
        raise SystemExit('refused: ' + head.split(b'\r\n')[0].decode())
    return s, head.split(b'\r\n\r\n', 1)[1]


def frames(s, pending, until):
    """Yield (opcode, payload) until the peer closes or time runs out."""
    buf = pending
    while True:
        while len(buf) >= 2:
            n = buf[1] & 0x7F
            at = 2
            if n == 126:
                if len(buf) < 4:
                    break
                n, at = struct.unpack('>H', buf[2:4])[0], 4
            elif n == 127:
                if len(buf) < 10:
                    break
                n, at = struct.unpack('>Q', buf[2:10])[0], 10
            if len(buf) < at + n:
                break
            yield buf[0] & 0x0F, buf[at:at + n]
            buf = buf[at + n:]
        left = until - time.monotonic()
        if left <= 0:
            return
        s.settimeout(left)
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            return
        except ConnectionResetError:
            chunk = b''
        if not chunk:
            yield None, b''
            return
        buf += chunk


def huge(port, path):
    s, rest = handshake(port, path)
    mask = os.urandom(4)
    s.sendall(bytes([0x81, 0xFF]) + struct.pack('>Q', 2**63 - 1) + mask +
              bytes(b ^ mask[i % 4] for i, b in enumerate(b'{"function"')))
    for op, payload in frames(s, rest, time.monotonic() + 10):
        if op == 8:
            code = struct.unpack('>H', payload[:2])[0] if len(payload) >= 2 else 0
            print(f'closed {code}')
            return
        if op is None:
            print('closed without a close frame')
            return
    print('held for 10 s')


def quiet(port, path, seconds):
    s, rest = handshake(port, path)
    t0 = time.monotonic()
    pings = 0
    for op, _ in frames(s, rest, t0 + seconds + 5):
        if op == 9:
            pings += 1
        if op is None or op == 8:
            waited = time.monotonic() - t0
            print(f'pinged {pings}, closed within {seconds + 1} s'
                  if waited <= seconds + 1 else f'closed late ({waited:.1f} s)')
            return
    print(f'pinged {pings}, held past {seconds + 5} s')


def refused(s):
    s.settimeout(2)
    try:
        return s.recv(1) == b''
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def cap(port, n):
    held = [connect(port) for _ in range(n)]
    time.sleep(0.3)
    extra = connect(port)
    first = 'refused' if refused(extra) else 'accepted'
    extra.close()
    held.pop().close()
    time.sleep(0.3)
    again = connect(port)
    again.sendall(f'GET /v1/version HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n'.encode())
    again.settimeout(5)
    answer = again.recv(64).split(b'\r\n')[0].decode()
    print(f'connection {n + 1}: {first}; after one closed: {answer}')
    for s in held:
        s.close()


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == 'huge':
        huge(port, sys.argv[3])
    elif mode == 'quiet':
        quiet(port, sys.argv[3], int(sys.argv[4]))
    elif mode == 'cap':
        cap(port, int(sys.argv[3]))


if __name__ == '__main__':
    main()
