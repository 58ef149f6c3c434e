"""The Python binding with a PSAM: a 3.0 card that guards its holder
data (profile auth3) and the virtual PSAM in the second reader, run by
tests/bindings/run inside tests/harness/with-pcscd --profile auth3 --psam
psam.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import pytest

import sscard


def test_without_the_psam_the_holder_is_refused():
    with sscard.connect() as card:
        with pytest.raises(sscard.AuthRequiredError) as raised:
            card.read_basic()
        doc = raised.value.document
        assert doc["card"]["number"] == "A30003002"
        assert doc["holder"]["error"]["code"] == -28


def test_with_the_psam_the_holder_and_auth():
    with sscard.connect() as card:
        assert card.use_psam() != ""
        doc = card.read_basic()
        assert doc["holder"]["name"] == "林岩"
        auth = card.read(sscard.AUTH)["auth"]
        assert auth == {"genuine": True, "algorithm": "sm4", "method": "psam"}
        assert card.read_photo()[:2] == b"\xff\xd8"


def test_no_psam_in_a_reader_that_has_none():
    with sscard.connect() as card:
        with pytest.raises(sscard.NoPSAMError):
            card.use_psam(card.reader)
