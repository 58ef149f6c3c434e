#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Validate JSON lines (files named on the command line) against
app/sscard-info.schema.json.  Prints "N valid" or each
failure; exits 1 on any."""
import json
import sys

import jsonschema

schema = json.load(open("app/sscard-info.schema.json"))
validator = jsonschema.Draft202012Validator(schema)
count, bad = 0, 0
for name in sys.argv[1:]:
    for number, line in enumerate(open(name, encoding="utf-8"), 1):
        count += 1
        try:
            doc = json.loads(line)
        except ValueError:
            print(f"{name}:{number}: not JSON: {line.rstrip()[:200]!r}")
            bad += 1
            continue
        errors = sorted(validator.iter_errors(doc), key=str)
        for e in errors[:3]:
            print(f"{name}:{number}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        bad += bool(errors)
print(f"{count - bad} valid, {bad} invalid")
sys.exit(1 if bad or count == 0 else 0)
