#!/usr/bin/env python3
"""The error codes sscardd(1) lists, with their English and Chinese
messages, are exactly the library's (lib/err.c) and sscardd's
(examples/sscardd/lang.c): every code of sscard.h, each once.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import re
import sys


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def main():
    header = read('include/sscard.h')
    codes = {name: int(value) for name, value in
             re.findall(r'(SSCARD_E_\w+)\s*=\s*(-\d+)', header)}
    en = dict(re.findall(r'case (SSCARD_E_\w+):\s*return "(.*?)";',
                         read('lib/err.c')))
    zh = dict(re.findall(r'\{ (SSCARD_E_\w+),\s*"(.*?)" \}',
                         read('examples/sscardd/lang.c')))
    want = []
    for name, code in sorted(codes.items(), key=lambda kv: -kv[1]):
        if name not in en or name not in zh:
            print(f'codes: {name} lacks its English or Chinese message')
            sys.exit(1)
        want.append((str(code), en[name], zh[name]))
    page = read('examples/sscardd/sscardd.1')
    got = [(code.replace('\\-', '-'), e.replace('\\-', '-'), z)
           for code, e, z in re.findall(
               r'^\.TP\n\.B (\\-\d+)\n(.*)\n\.br\n(.*)$', page, re.M)]
    if got != want:
        missing = [w for w in want if w not in got]
        extra = [g for g in got if g not in want]
        print(f'codes: sscardd(1) differs: missing {missing}, extra {extra}')
        sys.exit(1)
    print(f'codes: sscardd(1) lists all {len(want)} codes in both languages')


if __name__ == '__main__':
    main()
