#!/usr/bin/env python3
"""The extension and its native host manifests, as installed:

  build.py OUT HOST_PATH

OUT/chromium and OUT/firefox: the extension's two builds (its scripts and
that browser's manifest.json); OUT/hosts/chromium.json and
OUT/hosts/firefox.json: the host manifests naming HOST_PATH (the
sscard-bridge program) and the extension, by the id Chromium derives from
the manifest's public key and by Firefox's gecko id.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import base64
import hashlib
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'org.libsscard.bridge'
SCRIPTS = ('background.js', 'content.js')


def chromium_id(manifest):
    der = base64.b64decode(manifest['key'])
    digest = hashlib.sha256(der).hexdigest()[:32]
    return ''.join(chr(ord('a') + int(c, 16)) for c in digest)


def write_json(path, obj):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write('\n')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out, host_path = sys.argv[1:]
    manifests = {}
    for browser in ('chromium', 'firefox'):
        with open(os.path.join(HERE, f'manifest.{browser}.json'),
                  encoding='utf-8') as f:
            manifests[browser] = json.load(f)
        folder = os.path.join(out, browser)
        os.makedirs(folder, exist_ok=True)
        for script in SCRIPTS:
            shutil.copyfile(os.path.join(HERE, script),
                            os.path.join(folder, script))
        write_json(os.path.join(folder, 'manifest.json'), manifests[browser])
    hosts = os.path.join(out, 'hosts')
    os.makedirs(hosts, exist_ok=True)
    common = {'name': NAME,
              'description': 'libsscard: social security cards for '
                             'allowed web pages',
              'path': host_path, 'type': 'stdio'}
    ext_id = chromium_id(manifests['chromium'])
    write_json(os.path.join(hosts, 'chromium.json'),
               {**common, 'allowed_origins': [f'chrome-extension://{ext_id}/']})
    gecko = manifests['firefox']['browser_specific_settings']['gecko']['id']
    write_json(os.path.join(hosts, 'firefox.json'),
               {**common, 'allowed_extensions': [gecko]})
    with open(os.path.join(out, 'chromium-id'), 'w', encoding='utf-8') as f:
        f.write(ext_id + '\n')


if __name__ == '__main__':
    main()
