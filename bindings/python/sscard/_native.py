"""libsscard.so.0 and libsscard-json.so.0 through ctypes: the functions'
signatures, the structs this binding mirrors, and the check, at import,
that each mirror has the library's size and offsets (sscard_layout).

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
from __future__ import annotations

import ctypes
from ctypes import (POINTER, Structure, c_char, c_char_p, c_int, c_long,
                    c_size_t, c_ubyte, c_uint, c_uint64, c_ulong, c_void_p)

from .errors import LayoutError

lib = ctypes.CDLL("libsscard.so.0")
jlib = ctypes.CDLL("libsscard-json.so.0")


class Stats(Structure):
    """struct sscard_stats"""
    _fields_ = [("apdus", c_ulong), ("bytes_out", c_ulong),
                ("bytes_in", c_ulong), ("usec", c_uint64),
                ("remembered", c_uint64), ("mute", c_uint64),
                ("pin_guarded", c_uint64), ("reserved", c_uint64 * 9)]


class PinInfo(Structure):
    """struct sscard_pin_info"""
    _fields_ = [("state", c_int), ("tries_left", c_int),
                ("reserved", c_ubyte * 24)]


class Event(Structure):
    """struct sscard_event"""
    _fields_ = [("type", c_int), ("reader", c_char * 128),
                ("atr", c_ubyte * 33), ("atr_len", c_size_t),
                ("reserved", c_ubyte * 32)]


# the mirrors and their C names
MIRRORS = ((Stats, "sscard_stats"), (PinInfo, "sscard_pin_info"),
           (Event, "sscard_event"))


def _signatures() -> None:
    table = (
        (lib.sscard_version, c_char_p, []),
        (lib.sscard_strerror, c_char_p, [c_int]),
        (lib.sscard_error_name, c_char_p, [c_int]),
        (lib.sscard_strerror_lang, c_char_p, [c_int, c_char_p]),
        (lib.sscard_layout, c_long, [c_char_p]),
        (lib.sscard_ctx_new, c_int, [POINTER(c_void_p)]),
        (lib.sscard_ctx_free, None, [c_void_p]),
        (lib.sscard_connect, c_int, [c_void_p, c_char_p, POINTER(c_void_p)]),
        (lib.sscard_disconnect, None, [c_void_p]),
        (lib.sscard_reader_name, c_char_p, [c_void_p]),
        (lib.sscard_last_sw, c_uint, [c_void_p]),
        (lib.sscard_pin_status, c_int, [c_void_p, POINTER(PinInfo)]),
        (lib.sscard_pin_verify, c_int,
         [c_void_p, c_char_p, c_uint, POINTER(c_int)]),
        (lib.sscard_read_photo, c_int,
         [c_void_p, POINTER(POINTER(c_ubyte)), POINTER(c_size_t)]),
        (lib.sscard_free, None, [c_void_p]),
        (lib.sscard_forget, None, [c_void_p]),
        (lib.sscard_get_stats, None, [c_void_p, POINTER(Stats)]),
        (lib.sscard_wait_event, c_int, [c_void_p, c_int, POINTER(Event)]),
        (lib.sscard_cancel, c_int, [c_void_p]),
        (lib.sscard_keys_from_psam, c_int,
         [c_void_p, c_char_p, POINTER(c_void_p)]),
        (lib.sscard_keys_free, None, [c_void_p]),
        (lib.sscard_keys_terminal, c_char_p, [c_void_p]),
        (lib.sscard_keys_reader, c_char_p, [c_void_p]),
        (lib.sscard_use_keys, c_int, [c_void_p, c_void_p]),
        (jlib.sscard_read_json, c_int,
         [c_void_p, c_uint, c_uint, POINTER(c_void_p)]),
        (jlib.sscard_doctor_json, c_int, [c_void_p, POINTER(c_void_p)]),
        (jlib.sscard_wait_event_json, c_int,
         [c_void_p, c_int, POINTER(c_void_p)]),
        (jlib.sscard_json_free, None, [c_void_p]),
    )
    for fn, restype, argtypes in table:
        fn.restype = restype
        fn.argtypes = argtypes


def check_layout(mirror: type, c_name: str) -> None:
    """Raise LayoutError unless mirror has the size and every field
    offset the library reports for struct c_name."""
    wrong = []
    size = lib.sscard_layout(c_name.encode())
    if size != ctypes.sizeof(mirror):
        wrong.append(f"size {ctypes.sizeof(mirror)}, library {size}")
    for field in mirror._fields_:
        name = field[0]
        offset = lib.sscard_layout(f"{c_name}.{name}".encode())
        if offset != getattr(mirror, name).offset:
            wrong.append(f"{name} at {getattr(mirror, name).offset}, "
                         f"library {offset}")
    if wrong:
        raise LayoutError(f"sscard: struct {c_name} differs from "
                          f"libsscard {lib.sscard_version().decode()}: "
                          + "; ".join(wrong))


_signatures()
for _mirror, _c_name in MIRRORS:
    check_layout(_mirror, _c_name)
