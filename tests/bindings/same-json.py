"""sscard_read_json (libsscard-json) against sscard-info --json, on the
card in the reader: run inside tests/harness/with-pcscd.

    same-json.py EXPECTED.json   the card part alone equals the file that
                                 tests/integration/run holds sscard-info to
                                 (nothing of the card read: the error)

Then every part (pin, medical, bank, auth) equals sscard-info's
--pin-status --medical --bank --auth, each return code is the first error
the document reports, the photo part is the JPEG, and every document
validates against the schema.  Prints one line; exits 1 on a difference.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import base64
import ctypes
import json
import os
import subprocess
import sys
from ctypes import byref, c_void_p

import jsonschema

import sscard
from sscard import _native

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(TOP, os.environ.get("BUILD", "build"))
VALIDATOR = jsonschema.Draft202012Validator(json.load(open(os.path.join(
    TOP, "app/sscard-info.schema.json"))))
PARTS = sscard.PIN | sscard.MEDICAL | sscard.BANK | sscard.AUTH


def read_json(ctx, parts):
    """(return code, document) of sscard_read_json on the first card."""
    card = c_void_p()
    rv = _native.lib.sscard_connect(ctx, None, byref(card))
    if rv < 0:
        return rv, None
    text = c_void_p()
    rv = _native.jlib.sscard_read_json(card, parts, 0, byref(text))
    doc = json.loads(ctypes.string_at(text).decode()) if text else None
    _native.jlib.sscard_json_free(text)
    _native.lib.sscard_disconnect(card)
    return rv, doc


def first_code(doc):
    """The first error a document reports, in its parts' order; a part
    the card does not have (no balance, no bank application) is none."""
    if "error" in doc:
        return doc["error"]["code"]
    for key in ("holder", "photo", "pin", "medical", "bank", "auth"):
        err = (doc.get(key) or {}).get("error")
        if err and err["code"] not in (-29, -30):
            return err["code"]
    return 0


def cli(*args):
    out = subprocess.run([os.path.join(BUILD, "sscard-info"), "--json",
                          *args], capture_output=True, text=True,
                         check=False).stdout
    return json.loads(out)


def main():
    name = os.path.basename(sys.argv[1])
    want = json.load(open(sys.argv[1]))
    ctx = c_void_p()
    if _native.lib.sscard_ctx_new(byref(ctx)) < 0:
        print(f"bad {name}: no context")
        return 1
    problems = []
    rv, doc = read_json(ctx, sscard.CARD)
    if doc is None:
        # connect refused the card: what sscard-info says of it
        if "error" not in want or want["error"]["code"] != rv:
            problems.append(f"connect {rv}, sscard-info {want}")
    else:
        if doc != want:
            problems.append(f"card part {doc} != {want}")
        if rv != first_code(doc):
            problems.append(f"returned {rv}, document says {first_code(doc)}")
        rv, doc = read_json(ctx, sscard.CARD | PARTS)
        theirs = cli("--pin-status", "--medical", "--bank", "--auth")
        if doc != theirs:
            problems.append(f"parts {doc} != sscard-info {theirs}")
        if rv != first_code(doc):
            problems.append(f"parts returned {rv}, document "
                            f"{first_code(doc)}")
        rv, photo = read_json(ctx, sscard.PHOTO | sscard.STATS)
        for d in (doc, photo):
            problems += [e.message for e in VALIDATOR.iter_errors(d)]
        if "base64" in photo.get("photo", {}):
            jpeg = base64.b64decode(photo["photo"]["base64"], validate=True)
            if jpeg[:2] != b"\xff\xd8" or len(jpeg) != photo["photo"]["bytes"]:
                problems.append("photo: not the JPEG")
    _native.lib.sscard_ctx_free(ctx)
    if problems:
        print(f"bad {name}: " + "; ".join(problems)[:2000])
        return 1
    print(f"ok {name}")
    return 0


sys.exit(main())
