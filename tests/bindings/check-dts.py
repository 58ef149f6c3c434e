#!/usr/bin/python3
"""bindings/js/sscard.d.ts against the JSON Schema: each
interface that names a definition ("/** $defs/card */") has exactly that
definition's properties, optional ("?") exactly where the schema does not
require them, "| null" exactly where the schema allows null.  Prints one
line; exits 1 on a difference.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import json
import re
import sys

SCHEMA = json.load(open("app/sscard-info.schema.json"))
DTS = open("bindings/js/sscard.d.ts", encoding="utf-8").read()
DEFS = SCHEMA["$defs"]


def allows_null(prop):
    """Whether a property's schema admits null (through $ref and oneOf)."""
    if "$ref" in prop:
        return allows_null(DEFS[prop["$ref"].split("/")[-1]])
    if "oneOf" in prop or "anyOf" in prop:
        return any(allows_null(p) for p in prop.get("oneOf", prop.get("anyOf")))
    kind = prop.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return None in prop.get("enum", [])


def main():
    problems, checked = [], 0
    for name, body in re.findall(
            r'/\*\* \$defs/(\w+) \*/\nexport interface \w+ \{\n(.*?)\n\}',
            DTS, re.S):
        definition = DEFS[name]
        if "oneOf" in definition:        # names: an object or null
            definition = definition["oneOf"][0]
        props = definition.get("properties", {})
        required = set(definition.get("required", []))
        typed = dict(re.findall(r'^  (\w+\??): (.*);$', body, re.M))
        keys = {k.rstrip("?") for k in typed}
        if keys != set(props):
            problems.append(f"{name}: d.ts {sorted(keys)}, schema {sorted(props)}")
            continue
        for key, kind in typed.items():
            field = key.rstrip("?")
            if key.endswith("?") == (field in required):
                problems.append(f"{name}.{field}: optional in one only")
            if ("| null" in kind) != allows_null(props[field]):
                problems.append(f"{name}.{field}: null in one only")
        checked += 1
    if checked < 6:
        problems.append(f"only {checked} interfaces name a definition")
    if problems:
        print("check-dts: " + "; ".join(problems))
        return 1
    print(f"check-dts: {checked} interfaces match the schema")
    return 0


sys.exit(main())
