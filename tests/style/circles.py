#!/usr/bin/env python3
"""The layering check: no circle among source files, no library file
calling the library's own public functions.

  circles.py BUILD

Reads the objects of each part (nm): file A depends on file B when A uses
a symbol B defines.  A part's files must form a line (no strongly
connected set of two or more files), and a file of lib/ must reach
another file of lib/ by its internal name, never through a public
sscard_* function (which would make the library call its own API, with
its checks and its locks, from inside).  Prints each circle and each such
call; exits 1 if there is any.

It also keeps PC/SC behind the backend: among the library, the programs
and the tests that stand in for a card (the virtual card, the fuzzers,
the mock transport), only the PC/SC backend's own files include
<winscard.h> or <reader.h>.  PC/SC clients and drivers of their own
(the pcscd waiter, the PIN-pad IFD handler, the benchmark's raw peer)
are not layers of ours and may.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import os
import re
import subprocess
import sys

PARTS = {
    'libsscard': ['pic/apdu', 'pic/lib'],
    'libSSCardDriver': ['pic/compat/libSSCardDriver'],
    'libsscard-json': ['pic/bindings/json'],
    'libdcrf32': ['dcrf32/obj'],
    'app': ['app'],
    'sscard-info': ['tools/sscard-info'],
    'sscardd': ['service/sscardd'],
    'sscard-bridge': ['service/sscard-bridge'],
}

PCSC_HEADER = re.compile(r'^\s*#\s*include\s*<(winscard|reader|pcsclite)\.h>',
                         re.M)
PCSC_SCANNED = ['apdu', 'lib', 'include', 'app', 'tools', 'service',
                'compat', 'bindings', 'examples', 'tests/vcard',
                'tests/fuzz', 'tests/unit']
PCSC_BACKEND = {'lib/pcsc.h', 'lib/pcsc.c', 'lib/transport_pcsc.c',
                'lib/backend_pcsc.c', 'tests/unit/test_pcsc.c'}


def pcsc_outside_backend():
    found = []
    for top in PCSC_SCANNED:
        for root, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != 'node_modules']
            for name in sorted(files):
                path = os.path.join(root, name)
                if not name.endswith(('.c', '.h')) or path in PCSC_BACKEND:
                    continue
                with open(path, encoding='utf-8') as f:
                    if PCSC_HEADER.search(f.read()):
                        found.append(path)
    return found


def objects(build, dirs):
    found = []
    for d in dirs:
        path = os.path.join(build, d)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if name.endswith('.o'):
                found.append(os.path.join(path, name))
    return found


def symbols(obj):
    out = subprocess.run(['nm', obj], capture_output=True, text=True,
                         check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 2 and f[0] == 'U':
            used.add(f[1])
        elif len(f) == 3 and f[1] in 'TDBRVWC':
            defined.add(f[2].split('@')[0])
    return defined, used


def circles(graph):
    """Tarjan's strongly connected sets of two or more nodes."""
    index, low, stack, on, sets = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                sets.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sets


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    problems = 0
    for part, dirs in PARTS.items():
        objs = objects(build, dirs)
        if not objs:
            print(f'circles: no objects of {part} under {build}')
            problems += 1
            continue
        info = {o: symbols(o) for o in objs}
        owner = {}
        for o, (defined, _) in info.items():
            for s in defined:
                owner.setdefault(s, o)
        name = {o: os.path.relpath(o, build).removeprefix('pic/')[:-2] + '.c'
                for o in objs}
        graph = {name[o]: set() for o in objs}
        for o, (_, used) in info.items():
            for s in used:
                b = owner.get(s)
                if b is not None and b != o:
                    graph[name[o]].add(name[b])
                    if part == 'libsscard' and s.startswith('sscard_'):
                        print(f'{name[o]} calls the public {s} ({name[b]})')
                        problems += 1
        for group in circles(graph):
            print(f'{part}: circle among {", ".join(group)}')
            problems += 1
    for path in pcsc_outside_backend():
        print(f'{path} includes a PC/SC header outside the backend')
        problems += 1
    if problems:
        sys.exit(1)
    print('circles: none; lib/ calls no public sscard_* function of its own;'
          ' PC/SC headers only in the backend')


if __name__ == '__main__':
    main()
