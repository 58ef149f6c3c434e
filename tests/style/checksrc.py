#!/usr/bin/env python3
"""Our checksrc: the house style of every folder of C sources.

  checksrc.py [FILE...]     (default: every .c and .h under those folders)

Rules, each reported as FILE:LINE: rule:
  - 80 columns (tabs to 8), except a line whose excess is a string
    literal begun before column 80: a message is never split, so it can
    be found with grep
  - no white space at a line's end, no space before a tab in the indent
  - no assignment inside an if or while condition
  - an SPDX-License-Identifier in the first 20 lines; a final newline
  - Chinese text (in a string literal, or a message catalog's msgstr)
    takes full-width punctuation: no ASCII , ; : ? ! beside a Han
    character
Exits 1 when anything is reported.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import os
import re
import sys

FOLDERS = ['lib', 'apdu', 'include', 'app', 'tools', 'service', 'compat',
           'bindings', 'examples']
ASSIGN_IN_COND = re.compile(
    r'\b(if|while)\s*\(\(?\s*[A-Za-z_][\w.>\-\[\]]*\s*'
    r'([+\-*/%&|^]|<<|>>)?=[^=]')


HAN_ASCII_PUNCT = re.compile(r'[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]')
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def sources():
    for top in FOLDERS:
        for root, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != 'node_modules']
            for name in sorted(files):
                if name.endswith(('.c', '.h', '.po')):
                    yield os.path.join(root, name)


def check_po(path):
    problems = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    in_msgstr = False
    for n, line in enumerate(lines, 1):
        if line.startswith('msgstr'):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if in_msgstr and HAN_ASCII_PUNCT.search(line):
            problems.append((n, 'ASCII punctuation in Chinese text'))
    return problems


def string_excess_ok(line):
    """The part past column 80 lies inside a string literal that began
    before it."""
    col = 0
    in_string = False
    start = None
    i = 0
    while i < len(line):
        c = line[i]
        if in_string:
            if c == '\\':
                col += 2
                i += 2
                continue
            if c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            start = col
        if col == 80:
            return in_string and start is not None and start < 80
        col += 1
        i += 1
    return True


def check(path):
    if path.endswith('.po'):
        return check_po(path)
    problems = []
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if not text.endswith('\n'):
        problems.append((0, 'no newline at the end'))
    lines = text.split('\n')
    if not any('SPDX-License-Identifier' in l for l in lines[:20]):
        problems.append((1, 'no SPDX-License-Identifier'))
    for n, raw in enumerate(lines, 1):
        line = raw.expandtabs(8)
        if len(line) > 80 and not string_excess_ok(line):
            problems.append((n, f'{len(line)} columns'))
        if raw.rstrip() != raw:
            problems.append((n, 'white space at the end'))
        indent = raw[:len(raw) - len(raw.lstrip())]
        if ' \t' in indent:
            problems.append((n, 'space before a tab'))
        code = re.sub(r'"([^"\\]|\\.)*"', '""', raw)
        code = re.sub(r'/\*.*?\*/|//.*', '', code)
        if ASSIGN_IN_COND.search(code):
            problems.append((n, 'assignment inside a condition'))
        if any(HAN_ASCII_PUNCT.search(m.group(1))
               for m in STRING.finditer(raw)):
            problems.append((n, 'ASCII punctuation in Chinese text'))
    return problems


def main():
    paths = sys.argv[1:] or list(sources())
    count = 0
    for path in paths:
        for n, what in check(path):
            print(f'{path}:{n}: {what}')
            count += 1
    if count:
        print(f'checksrc: {count} problems in {len(paths)} files')
        sys.exit(1)
    print(f'checksrc: {len(paths)} files, no problems')


if __name__ == '__main__':
    main()
