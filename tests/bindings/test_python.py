"""The Python binding (bindings/python) through the real pcscd
and the virtual card's standard profile: run by tests/bindings/run inside
tests/harness/with-pcscd, with the build's libraries on LD_LIBRARY_PATH.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import base64
import ctypes
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import jsonschema
import pytest

import sscard
from sscard import _native

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(TOP, os.environ.get("BUILD", "build"))
SCHEMA = json.load(open(os.path.join(
    TOP, "app/sscard-info.schema.json")))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
PIN = "123456"


def valid(doc):
    """doc, once the schema has accepted it."""
    VALIDATOR.validate(doc)
    return doc


def info_json(*args, stdin=None):
    out = subprocess.run([os.path.join(BUILD, "sscard-info"), "--json",
                          *args], input=stdin, capture_output=True,
                         text=True, check=False).stdout
    return json.loads(out)


def vcard(sig):
    """Remove (SIGUSR1) or insert (SIGUSR2) the virtual card."""
    os.kill(int(os.environ["WITH_PCSCD_VCARD_PID"]), sig)


@pytest.fixture
def card():
    with sscard.connect() as c:
        yield c


def test_layout_matches_the_library():
    for mirror, c_name in _native.MIRRORS:
        _native.check_layout(mirror, c_name)
    # LP64 (amd64, arm64)
    assert _native.lib.sscard_layout(b"sscard_basic") == 560
    assert _native.lib.sscard_layout(b"sscard_basic.name") == 191
    assert _native.lib.sscard_layout(b"no_such_struct") == -1


def test_layout_check_fails_on_a_wrong_mirror():
    class ShortEvent(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("reader", ctypes.c_char * 64),
                    ("atr", ctypes.c_ubyte * 33),
                    ("atr_len", ctypes.c_size_t),
                    ("reserved", ctypes.c_ubyte * 32)]
    with pytest.raises(sscard.LayoutError) as raised:
        _native.check_layout(ShortEvent, "sscard_event")
    assert "atr at 68, library 132" in str(raised.value)
    assert "size 144, library 208" in str(raised.value)


def test_read_basic_is_sscard_info_json(card):
    doc = valid(card.read_basic())
    assert doc == info_json()
    assert doc["card"]["number"] == "BA0010547"
    assert doc["holder"]["name"] == "林岩"
    assert doc["holder"]["ssn"] == "520102198506020233"
    assert doc["reader"] == card.reader == "Virtual PCD 00 00"


def test_every_part_validates(card):
    doc = valid(card.read(sscard.CARD | sscard.PHOTO | sscard.PIN |
                          sscard.MEDICAL | sscard.BANK | sscard.AUTH |
                          sscard.STATS))
    assert doc["pin"] == {"state": "not_verified", "tries_left": 3}
    assert doc["medical"]["error"]["code"] == -53
    assert doc["bank"]["pan"] == "622848*********0018"
    assert doc["auth"]["error"]["code"] == -34
    jpeg = base64.b64decode(doc["photo"]["base64"], validate=True)
    assert len(jpeg) == doc["photo"]["bytes"]
    assert jpeg == card.read_photo()
    assert jpeg[:2] == b"\xff\xd8" and jpeg[-2:] == b"\xff\xd9"


def test_pin_then_medical(card):
    with pytest.raises(sscard.PinRequiredError) as raised:
        card.read_medical()
    assert raised.value.code == -53 and raised.value.sw == "6982"
    assert raised.value.message_zh == "需要先验证密码"
    with pytest.raises(sscard.PinWrongError) as raised:
        card.verify_pin("000000")
    err = raised.value
    assert err.tries_left == 2 and isinstance(err, sscard.PinError)
    for text in (str(err), repr(err), repr(err.args)):
        assert "000000" not in text
    # nor the traceback's frame inside the binding
    tb = err.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    assert "000000" not in repr(tb.tb_frame.f_locals)
    assert card.pin_status() == {"state": "not_verified", "tries_left": 2}
    card.verify_pin(PIN)
    assert card.pin_status() == {"state": "verified", "tries_left": None}
    medical = card.read_medical()
    assert medical["balance_fen"] == 12345
    assert medical["balance_yuan"] == "123.45"


def test_bad_input_is_refused_before_the_card(card):
    before = card.stats()["apdus"]
    with pytest.raises(TypeError):
        card.verify_pin(123456)
    with pytest.raises(sscard.PinFormatError) as raised:
        card.verify_pin("12ab")
    assert "12ab" not in str(raised.value)
    with pytest.raises(sscard.PinFormatError):
        card.verify_pin("1234567890123")
    # a NUL inside would leave "1234" to C: refused whole, no try spent
    with pytest.raises(sscard.PinFormatError):
        card.verify_pin("1234\x00567")
    with pytest.raises(sscard.InvalidArgError):
        card.read(0x80)
    with pytest.raises(sscard.InvalidArgError):
        card.read(0)
    assert card.stats()["apdus"] == before
    with pytest.raises(sscard.NoReaderError):
        sscard.connect("no such reader")
    card.close()
    with pytest.raises(sscard.InvalidArgError):
        card.read_basic()
    assert repr(card) == "<sscard.Card closed>"


def test_remembered_read_costs_one_apdu(card):
    card.read_basic()
    before = card.stats()
    card.read_basic()
    after = card.stats()
    # the card's identification code confirms it is the same card
    assert after["apdus"] == before["apdus"] + 1
    assert after["remembered"] == before["remembered"] + 1


def test_events_removal_and_insertion():
    with sscard.Context() as ctx:
        events = ctx.events(idle_timeout=10)
        first = valid(next(events))
        assert first["event"] == "inserted"
        assert first["reader"] == "Virtual PCD 00 00"
        assert first["atr"] == "3B6D000000814E43238697159900BF7C7A"
        vcard(signal.SIGUSR1)
        assert valid(next(events)) == {"schema": 2, "event": "removed",
                                       "reader": "Virtual PCD 00 00"}
        with pytest.raises(sscard.NoCardError):
            sscard.connect("Virtual PCD 00 00")
        vcard(signal.SIGUSR2)
        assert valid(next(events))["event"] == "inserted"


def test_events_stop_on_ctrl_c():
    script = textwrap.dedent("""
        import sscard
        with sscard.Context() as ctx:
            for ev in ctx.events():
                print(ev["event"], flush=True)
        print("stopped", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline() == "inserted\n"
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert (proc.returncode, out, err) == (0, "stopped\n", "")


def test_doctor_and_error_documents():
    with sscard.Context() as ctx:
        report = valid(ctx.doctor())
    assert report["ok"] is True
    assert report["card"]["number"] == "BA0010547"


def test_every_code_has_its_class_and_names():
    for code, name, zh in sscard.errors.CODES:
        cls = sscard.errors.error_class(code)
        err = sscard.errors.make_error(code, sscard.strerror(code))
        assert type(err) is cls and err.name == name
        assert err.message == sscard.strerror(code) != "unknown error"
        assert err.message_zh == zh
        assert name == _native.lib.sscard_error_name(code).decode()
