"""Read China's social security card through PC/SC: libsscard for Python.

    import sscard

    with sscard.connect() as card:
        doc = card.read_basic()          # sscard-info --json's document
        card.verify_pin(pin)             # pin: the caller's str
        balance = card.read_medical()["balance_fen"]

Results are the documents sscard-info --json prints (the JSON Schema
sscard-info.schema.json); errors are SSCardError subclasses (errors.py).
A PIN is passed to the library and wiped from this binding's buffer; it
is never kept, logged, or put in an exception.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
from __future__ import annotations

import ctypes
import json
import threading
from ctypes import POINTER, byref, c_int, c_size_t, c_ubyte, c_void_p
from typing import Any, Iterator, Optional

from . import _native
from . import errors as _errors
from ._native import lib, jlib

_errors.define(lib)
from .errors import *  # noqa: F401,F403,E402 (the classes are the API)
from .errors import SSCardError, make_error

__version__ = lib.sscard_version().decode()

# sscard_read_json's parts (sscard-json.h)
CARD, PHOTO, PIN, MEDICAL, BANK, AUTH, STATS = (1, 2, 4, 8, 16, 32, 64)
FULL_PAN = 1
PIN_CONFIRM_LAST_TRY = 1
# each sscard_event_type's name, as in the events' documents
EVENTS = {1: "inserted", 2: "removed", 3: "reader_added",
          4: "reader_removed"}
# how long one wait lasts, so that Ctrl-C is seen between waits
_WAIT_SLICE_MS = 200


def strerror(code: int) -> str:
    """The library's English message for code."""
    return lib.sscard_strerror(code).decode()


def _raise(code: int, sw: Optional[str] = None, field: Optional[str] = None,
           document: Optional[dict[str, Any]] = None) -> None:
    raise make_error(code, strerror(code), sw, field, document)


def _check(rv: int, card: Optional["Card"] = None) -> int:
    if rv < 0:
        sw = lib.sscard_last_sw(card._handle) if card is not None else 0
        _raise(rv, f"{sw:04X}" if sw not in (0, 0x9000) else None)
    return rv


def _take_json(text: c_void_p) -> dict[str, Any]:
    """The document the library made, freed."""
    try:
        return json.loads(ctypes.string_at(text).decode("utf-8"))
    finally:
        jlib.sscard_json_free(text)


def _raise_from(doc: dict[str, Any]) -> None:
    """The top-level error of a document: its code, SW and field."""
    err = doc["error"]
    _raise(err["code"], err.get("sw"), err.get("field"))


class _Handle:
    """A library handle closed by with, close() or the garbage
    collector."""

    _handle = c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if self._handle:
            try:
                self.close()
            except SSCardError:
                pass    # a context the collector met in another thread

    def close(self) -> None:
        raise NotImplementedError


class Card(_Handle):
    """One card in one reader: sscard_connect()'s handle.  Close it (or
    use with); a verified PIN does not outlive it."""

    def __init__(self, context: "Context", reader: Optional[str] = None):
        handle = c_void_p()
        name = reader.encode("utf-8") if reader is not None else None
        _check(lib.sscard_connect(context._handle, name, byref(handle)))
        self._handle = handle
        self._context = context
        self._keys = c_void_p()

    def __enter__(self) -> "Card":
        return self

    def __repr__(self) -> str:
        return f"<sscard.Card {self.reader!r}>" if self._handle else \
            "<sscard.Card closed>"

    def close(self) -> None:
        """Disconnect (resetting the card when a PIN was verified)."""
        if self._handle:
            lib.sscard_disconnect(self._handle)
            self._handle = c_void_p()
        if self._keys:
            lib.sscard_keys_free(self._keys)
            self._keys = c_void_p()

    def use_psam(self, reader: Optional[str] = None) -> str:
        """Authenticate the terminal with the PSAM in reader (None: the
        first slot holding one), as certified terminals do: the reads
        that need it (the photo, a 3.0 card's holder data, the medical
        amount) then succeed.  Returns the PSAM's terminal number.
        NoPSAMError when there is none."""
        keys = c_void_p()
        name = reader.encode("utf-8") if reader is not None else None
        _check(lib.sscard_keys_from_psam(self._context._handle, name,
                                         byref(keys)))
        rv = lib.sscard_use_keys(self._live(), keys)
        if rv < 0:
            lib.sscard_keys_free(keys)
            _check(rv)
        if self._keys:
            lib.sscard_keys_free(self._keys)
        self._keys = keys
        return lib.sscard_keys_terminal(keys).decode()

    def _live(self) -> c_void_p:
        if not self._handle:
            _raise(-70)
        return self._handle

    @property
    def reader(self) -> str:
        # pcscd's bytes: a name that is not UTF-8 is shown, not raised
        return lib.sscard_reader_name(self._live()).decode("utf-8",
                                                            "replace")

    def read(self, parts: int = CARD, full_pan: bool = False) \
            -> dict[str, Any]:
        """sscard_read_json: the parts asked, as sscard-info --json gives
        them.  A part that failed holds {"error": ...}; nothing raised
        unless nothing of the card could be read."""
        text = c_void_p()
        rv = jlib.sscard_read_json(self._live(), parts,
                                   FULL_PAN if full_pan else 0, byref(text))
        if not text:
            _raise(rv)
        doc = _take_json(text)
        if "error" in doc:
            _raise_from(doc)
        return doc

    def read_basic(self) -> dict[str, Any]:
        """reader, atr, region, card and holder.  Raises when the holder
        could not be read (the card part is in the error's document)."""
        doc = self.read(CARD)
        holder_error = (doc.get("holder") or {}).get("error")
        if holder_error is not None:
            _raise(holder_error["code"], holder_error.get("sw"),
                   holder_error.get("field"), doc)
        return doc

    def _part(self, parts: int, key: str, **kw: Any) -> dict[str, Any]:
        doc = self.read(parts, **kw)
        part = doc[key]
        if "error" in part and key != "pin":
            _raise(part["error"]["code"], part["error"].get("sw"),
                   part["error"].get("field"))
        return part

    def read_medical(self) -> dict[str, Any]:
        """The medical account: {"balance_fen", "balance", ...}.
        PinRequiredError without a verified PIN; NoDataError when the
        card holds no balance."""
        return self._part(MEDICAL, "medical")

    def read_bank(self, full_pan: bool = False) -> dict[str, Any]:
        """The financial application (PAN masked unless full_pan)."""
        return self._part(BANK, "bank", full_pan=full_pan)

    def read_photo(self) -> bytes:
        """The holder's photo, a JPEG."""
        data = POINTER(c_ubyte)()
        size = c_size_t()
        _check(lib.sscard_read_photo(self._live(), byref(data),
                                     byref(size)), self)
        try:
            return ctypes.string_at(data, size.value)
        finally:
            lib.sscard_free(data)

    def pin_status(self) -> dict[str, Any]:
        """{"state", "tries_left"}; nothing is sent but the status query."""
        info = _native.PinInfo()
        _check(lib.sscard_pin_status(self._live(), byref(info)), self)
        states = ("unknown", "not_verified", "verified", "locked")
        return {"state": states[info.state] if 0 <= info.state < 4
                else "unknown",
                "tries_left": info.tries_left if info.tries_left >= 0
                else None}

    def verify_pin(self, pin: str, confirm_last_try: bool = False) -> None:
        """Verify the holder's PIN (4..12 digits).  PinWrongError (its
        tries_left attribute), PinLastTryError unless confirm_last_try,
        PinLockedError.  The PIN is in no message."""
        if not isinstance(pin, str):
            raise TypeError("sscard: the PIN is a str of digits")
        # a NUL would end the PIN early in C: "1234\0..." must be refused
        # as malformed (nothing sent), never verified as "1234"
        buf = ctypes.create_string_buffer(
            pin.replace("\0", "?").encode("ascii", "replace"))
        # and no traceback of this frame keeps the PIN
        del pin
        tries = c_int(-1)
        try:
            rv = lib.sscard_pin_verify(
                self._live(), buf,
                PIN_CONFIRM_LAST_TRY if confirm_last_try else 0,
                byref(tries))
        finally:
            ctypes.memset(buf, 0, ctypes.sizeof(buf))
        if rv < 0:
            sw = lib.sscard_last_sw(self._handle)
            err = make_error(rv, strerror(rv),
                             f"{sw:04X}" if sw not in (0, 0x9000) and
                             rv not in (-52, -54, -58) else None)
            err.tries_left = tries.value if tries.value >= 0 else None
            raise err

    def forget(self) -> None:
        """Drop what the handle remembers: the next read asks the card."""
        lib.sscard_forget(self._live())

    def stats(self) -> dict[str, int]:
        """This handle's counters (struct sscard_stats)."""
        st = _native.Stats()
        lib.sscard_get_stats(self._live(), byref(st))
        return {name: getattr(st, name) for name, _ in st._fields_
                if name != "reserved"}


class Context(_Handle):
    """sscard_ctx: the PC/SC context.  One per thread."""

    def __init__(self) -> None:
        handle = c_void_p()
        _check(lib.sscard_ctx_new(byref(handle)))
        self._handle = handle
        self._owner = threading.get_ident()

    def __enter__(self) -> "Context":
        return self

    def close(self) -> None:
        """Free the context (after its cards: the library refuses
        otherwise, and says so).  Only its own thread can: from another
        one WrongThreadError, and the context stays open (its cards can
        be closed from anywhere: the library resets them)."""
        if not self._handle:
            return
        if threading.get_ident() != self._owner:
            _check(-72)                     # SSCARD_E_WRONG_THREAD
        lib.sscard_ctx_free(self._handle)
        self._handle = c_void_p()

    def connect(self, reader: Optional[str] = None) -> Card:
        """The card in reader (None: the first social security card)."""
        return Card(self, reader)

    def doctor(self) -> dict[str, Any]:
        """sscard-info --doctor --json's report."""
        text = c_void_p()
        _check(jlib.sscard_doctor_json(self._handle, byref(text)))
        return _take_json(text)

    def cancel(self) -> None:
        """Wake a wait for events (from another thread)."""
        lib.sscard_cancel(self._handle)

    def events(self, idle_timeout: Optional[float] = None) \
            -> Iterator[dict[str, Any]]:
        """Card and reader events as documents ({"event", "reader",
        "atr"}), the cards already present first.  Ends after
        idle_timeout seconds without one, on cancel(), or on Ctrl-C
        (KeyboardInterrupt ends the iteration, not the program)."""
        waited = 0
        try:
            while idle_timeout is None or waited < idle_timeout * 1000:
                text = c_void_p()
                rv = jlib.sscard_wait_event_json(self._handle,
                                                 _WAIT_SLICE_MS, byref(text))
                if rv == -5:                      # SSCARD_E_TIMEOUT
                    waited += _WAIT_SLICE_MS
                    continue
                if rv == -8:                      # SSCARD_E_CANCELLED
                    return
                _check(rv)
                waited = 0
                yield _take_json(text)
        except KeyboardInterrupt:
            return


class _Connection(Card):
    """connect()'s card, which owns its context."""

    def close(self) -> None:
        super().close()
        self._context.close()


def connect(reader: Optional[str] = None) -> Card:
    """A context and the card in reader, closed together:
    with sscard.connect() as card: ..."""
    context = Context()
    try:
        card = _Connection(context, reader)
    except BaseException:
        context.close()
        raise
    return card


__all__ = ["connect", "Context", "Card", "strerror", "CARD", "PHOTO", "PIN",
           "MEDICAL", "BANK", "AUTH", "STATS", "EVENTS"] + \
    __import__("sscard.errors", fromlist=["__all__"]).__all__
