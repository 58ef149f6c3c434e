#!/usr/bin/env python3
"""The error codes sscardd(1) lists, with their English and Chinese
messages, are exactly the library's (lib/err.c, which also names each
code as sscard_error_name() gives it) and sscardd's
(service/sscardd/lang.c): every code of sscard.h, each once; so does the
Python binding's table (bindings/python/sscard/_codes.py).  And
sscardd's Chinese text of each is sscard-info's (its zh_CN catalog).

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import re
import sys


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def catalog(path):
    """msgid -> msgstr of a .po file, continuation lines joined."""
    def joined(lines):
        return ''.join(re.findall(r'"(.*)"', lines))
    return {joined(m.group(1)): joined(m.group(2)) for m in re.finditer(
        r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', read(path), re.M)}


def main():
    header = read('include/sscard.h')
    codes = {name: int(value) for name, value in
             re.findall(r'(SSCARD_E_\w+)\s*=\s*(-\d+)', header)}
    table = re.findall(r'\{ (SSCARD_E_\w+), "(\w+)",\s*"(.*?)" \}',
                       read('lib/err.c'))
    for code, name, _ in table:
        if code != name:
            print(f'codes: lib/err.c names {code} "{name}"')
            sys.exit(1)
    en = {code: text for code, _, text in table}
    zh = dict(re.findall(r'\{ (SSCARD_E_\w+),\s*"(.*?)" \}',
                         read('service/sscardd/lang.c')))
    want = []
    for name, code in sorted(codes.items(), key=lambda kv: -kv[1]):
        if name not in en or name not in zh:
            print(f'codes: {name} lacks its English or Chinese message')
            sys.exit(1)
        want.append((str(code), en[name], zh[name]))
    po = catalog('tools/sscard-info/po/zh_CN.po')
    for name in codes:
        if po.get(en[name]) != zh[name]:
            print(f'codes: {name}: sscardd says "{zh[name]}", sscard-info '
                  f'"{po.get(en[name])}"')
            sys.exit(1)
    page = read('service/sscardd/sscardd.1')
    got = [(code.replace('\\-', '-'), e.replace('\\-', '-'), z)
           for code, e, z in re.findall(
               r'^\.TP\n\.B (\\-\d+)\n(.*)\n\.br\n(.*)$', page, re.M)]
    if got != want:
        missing = [w for w in want if w not in got]
        extra = [g for g in got if g not in want]
        print(f'codes: sscardd(1) differs: missing {missing}, extra {extra}')
        sys.exit(1)
    py = re.findall(r'^    \((-\d+), "(SSCARD_E_\w+)", "(.*)"\),$',
                    read('bindings/python/sscard/_codes.py'), re.M)
    py_want = [(str(codes[name]), name, zh[name]) for name, _ in
               sorted(codes.items(), key=lambda kv: -kv[1])]
    if py != py_want:
        print('codes: bindings/python/sscard/_codes.py differs from '
              f'sscard.h and lang.c: {set(py) ^ set(py_want)}')
        sys.exit(1)
    print(f'codes: sscardd(1) and the Python binding list all {len(want)} '
          'codes in both languages, as sscard-info says them')


if __name__ == '__main__':
    main()
