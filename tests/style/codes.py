#!/usr/bin/env python3
"""One source for the error codes' texts: lib/err.c names every code of
sscard.h once, with its English and Chinese message (the library serves
both: sscard_strerror_lang).  No other table may hold them: not sscardd
(service/), not sscard-info's catalog, not a binding; sscardd(1), which
lists them for the administrator, must say exactly what lib/err.c says.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import os
import re
import sys

# where a copy of the texts must never be again
SCANNED = ['app', 'tools', 'service', 'compat', 'bindings']
SCANNED_EXT = ('.c', '.h', '.po', '.py', '.java', '.mjs', '.js')


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def catalog(path):
    """msgid -> msgstr of a .po file, continuation lines joined."""
    def joined(lines):
        return ''.join(re.findall(r'"(.*)"', lines))
    return {joined(m.group(1)): joined(m.group(2)) for m in re.finditer(
        r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', read(path), re.M)}


def fail(text):
    print(f'codes: {text}')
    sys.exit(1)


def main():
    header = read('include/sscard.h')
    codes = {name: int(value) for name, value in
             re.findall(r'(SSCARD_E_\w+)\s*=\s*(-\d+)', header)}
    table = re.findall(r'\{ (SSCARD_E_\w+), "(\w+)",\s*"(.*?)",\s*"(.*?)" \}',
                       read('lib/err.c'))
    names = [code for code, _, _, _ in table]
    for code, name, _, _ in table:
        if code != name:
            fail(f'lib/err.c names {code} "{name}"')
    if sorted(names) != sorted(codes) or len(set(names)) != len(names):
        fail('lib/err.c does not list every code of sscard.h once')
    en = {code: text for code, _, text, _ in table}
    zh = {code: text for code, _, _, text in table}
    # no second copy: a Chinese text, or an English one as a catalog entry
    # (a word or two, as "参数错误", may be another table's too: the
    # ministry's codes have their own)
    texts = {t for t in zh.values() if len(t) > 5}
    for top in SCANNED:
        for root, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != 'node_modules']
            for name in files:
                if not name.endswith(SCANNED_EXT):
                    continue
                path = os.path.join(root, name)
                body = read(path)
                for text in texts:
                    if f'"{text}"' in body:
                        fail(f'{path} holds a copy of "{text}": take it '
                             'from sscard_strerror_lang()')
    po = catalog('tools/sscard-info/po/zh_CN.po')
    for name in codes:
        if en[name] in po:
            fail(f'the zh_CN catalog translates the library\'s "{en[name]}"')
    want = [(str(codes[n]), en[n], zh[n]) for n in
            sorted(codes, key=lambda n: -codes[n])]
    page = read('service/sscardd/sscardd.1')
    got = [(code.replace('\\-', '-'), e.replace('\\-', '-'), z)
           for code, e, z in re.findall(
               r'^\.TP\n\.B (\\-\d+)\n(.*)\n\.br\n(.*)$', page, re.M)]
    if got != want:
        missing = [w for w in want if w not in got]
        extra = [g for g in got if g not in want]
        fail(f'sscardd(1) differs: missing {missing}, extra {extra}')
    print(f'codes: lib/err.c alone holds the {len(want)} codes\' English '
          'and Chinese texts; sscardd(1) lists them as it says them')


if __name__ == '__main__':
    main()
