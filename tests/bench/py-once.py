#!/usr/bin/python3
# One read through the Python binding, printed as JSON: what a script that
# runs once per patient costs (tests/bench/cold.py runs it).
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import json

import sscard

with sscard.connect() as card:
    print(json.dumps(card.read_basic(), ensure_ascii=False))
