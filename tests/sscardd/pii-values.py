#!/usr/bin/env python3
"""The personal values a virtual card profile holds, one a line: the
card identification code, the card number, the SSN, the name, the PIN
and the bank card numbers (PANs), as tests/vcard/profiles writes them
(after its includes).  The PII test looks for each of these.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import os
import re
import sys


def lines(path):
    for line in open(path, encoding='utf-8'):
        words = line.split()
        if words[:1] == ['include']:
            yield from lines(os.path.join(os.path.dirname(path), words[1]))
        elif words and not words[0].startswith('#'):
            yield words


def text(key, kind, value):
    """A record's value as the card's holder would write it: the name's
    hex as its GB18030 characters, other hex as it stands."""
    if not kind.startswith('hex'):
        return value
    if key != ('SSSE/EF06', '2'):
        return value.upper()
    raw = bytes.fromhex(value).split(b'\x00')[0].rstrip(b'\xff ')
    return raw.decode('gb18030', 'replace')


def main():
    rec = {}
    values = []
    if sys.argv[1] == '--pin':
        pins = [w[1] for w in lines(sys.argv[2]) if w[0] == 'pin']
        print(pins[-1] if pins else '123456')
        return
    for w in lines(sys.argv[1]):
        if w[0] == 'rec' and len(w) >= 6:
            rec[(w[1], w[2])] = text((w[1], w[2]), w[4], ' '.join(w[5:]))
        elif w[0] == 'pin' and len(w) >= 2:
            values.append(w[1])
        elif w[0] == 'raw' and len(w) >= 4:
            data = ''.join(w[3:]).upper()
            for m in re.finditer(r'5A(0[5-9A])', data):
                n = int(m.group(1), 16) * 2
                pan = data[m.end():m.end() + n].rstrip('F')
                if pan.isdigit() and len(pan) >= 12:
                    values.append(pan)
    for key in (('SSSE/EF05', '1'), ('SSSE/EF05', '7'), ('SSSE/EF06', '1'),
                ('SSSE/EF06', '2')):
        if rec.get(key):
            values.append(rec[key])
    for v in dict.fromkeys(values):
        print(v)


if __name__ == '__main__':
    main()
