"""SSCardError and its subclasses: one per family of codes (the ranges
of sscard.h) and one per SSCARD_E_* code, named after it (SSCARD_E_NO_CARD
is NoCardError, a ReaderError).  The codes, their names and their English
and Chinese messages are the library's own (sscard_error_name,
sscard_strerror_lang): define() takes them when the package loads it.

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
from __future__ import annotations

from typing import Any, Optional

_LIB: Any = None
_NAMES: dict[int, str] = {}
CODES: list[tuple[int, str, str]] = []     # (code, name, Chinese), define()


class SSCardError(Exception):
    """A libsscard error.

    code: the SSCARD_E_* value (negative); name: "SSCARD_E_NO_CARD";
    message: the library's English text; message_zh: the Chinese one;
    sw: the card's status word ("6982") or None; field: the malformed
    field or None; document: the partial document of a read whose
    card part is valid (the holder part missing), else None.
    """

    def __init__(self, code: int, message: str, sw: Optional[str] = None,
                 field: Optional[str] = None,
                 document: Optional[dict[str, Any]] = None) -> None:
        self.code = code
        self.name = _NAMES.get(code, "SSCARD_E_UNKNOWN")
        self.message = message
        self.message_zh = (_LIB.sscard_strerror_lang(code, b"zh").decode()
                           if _LIB is not None else "未知错误")
        self.sw = sw
        self.field = field
        self.document = document
        super().__init__(f"{self.name} ({code}): {message}"
                         + (f" [SW {sw}]" if sw else ""))


class ReaderError(SSCardError):
    """-1 .. -19: the PC/SC service and the readers."""


class CardError(SSCardError):
    """-20 .. -49: the card and its protocol."""


class PinError(SSCardError):
    """-50 .. -69: the PIN."""


class UsageError(SSCardError, ValueError):
    """-70 .. -89: a bad argument."""


class InternalError(SSCardError):
    """-90 .. -99."""


class LayoutError(ImportError):
    """This binding's copy of a struct is not the library's."""


def _family(code: int) -> type:
    if code > -20:
        return ReaderError
    if code > -50:
        return CardError
    if code > -70:
        return PinError
    if code > -90:
        return UsageError
    return InternalError


# names that would be a family's or a builtin's
_RENAMED = {"SSCARD_E_READER": "ReaderFailedError",
            "SSCARD_E_TIMEOUT": "WaitTimeoutError",
            "SSCARD_E_INTERNAL": "InternalFailureError"}


def _class_name(name: str) -> str:
    if name in _RENAMED:
        return _RENAMED[name]
    words = name[len("SSCARD_E_"):].split("_")
    known = {"PSAM", "HSM", "MAC"}
    return "".join(w if w in known else w.capitalize() for w in words) \
        + "Error"


_BY_CODE: dict[int, type] = {}


def define(lib: Any) -> None:
    """Make the class of every code the library has (the package calls
    this once, with libsscard loaded)."""
    global _LIB
    _LIB = lib
    for code in range(-1, -100, -1):
        name = lib.sscard_error_name(code).decode()
        if name == "SSCARD_E_UNKNOWN":
            continue
        _NAMES[code] = name
        CODES.append((code, name,
                      lib.sscard_strerror_lang(code, b"zh").decode()))
        cls = type(_class_name(name), (_family(code),),
                   {"__doc__": f"{name} ({code})", "__module__": __name__})
        globals()[cls.__name__] = cls
        _BY_CODE[code] = cls
        __all__.append(cls.__name__)


def error_class(code: int) -> type:
    """The class raised for code."""
    return _BY_CODE.get(code, _family(code))


def make_error(code: int, message: str, sw: Optional[str] = None,
               field: Optional[str] = None,
               document: Optional[dict[str, Any]] = None) -> SSCardError:
    """An instance of error_class(code)."""
    return error_class(code)(code, message, sw, field, document)


__all__ = ["SSCardError", "ReaderError", "CardError", "PinError",
           "UsageError", "InternalError", "LayoutError", "error_class",
           "make_error"]
