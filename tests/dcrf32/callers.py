"""libdcrf32 as a C# or Python program loads it: ctypes with RTLD_NOW.
Run inside the harness (the virtual card in the first slot, the PSAM in
the second); prints one "ok TEXT" or "not ok TEXT: DETAIL" per check, in a
fixed order.

  callers.py LIBDCRF32 NAMES DEFINED SSCARD_INFO_JSON

SPDX-FileCopyrightText: 2026 The libsscard authors
SPDX-License-Identifier: LGPL-2.1-or-later
"""
import ctypes
import json
import os
import sys
import threading

LIB, NAMES, DEFINED, INFO = sys.argv[1:5]
dc = ctypes.CDLL(LIB, mode=os.RTLD_NOW)
info = json.load(open(INFO))
E_ARG, E_HANDLE, E_THREAD, E_NO_SLOT, E_NOT_POWERED, E_NOT_SUPPORTED = \
    -1, -2, -3, -5, -7, -13


def check(text, got, want):
    if got == want:
        print(f"ok {text}")
    else:
        print(f"not ok {text}: got {got!r}, want {want!r}")


def short(name, *args):
    f = getattr(dc, name)
    f.restype = ctypes.c_short
    return f(*args)


dc.dc_init.restype = ctypes.c_int
dc.dc_init.argtypes = [ctypes.c_short, ctypes.c_int]

# ---- bad input: documented codes, no crash --------------------------------
buf = ctypes.create_string_buffer(600)
rlen = ctypes.c_ubyte(0)
got = [short("dc_beep", 12345, 10), dc.dc_init(5, 9600), dc.dc_init(-1, 0),
       short("a_hex", b"0A1", buf, 3), short("a_hex", b"0G", buf, 2),
       short("hex_a", None, buf, 2)]
h = dc.dc_init(100, 115200)
got += [h >= 0,
        short("dc_setcpu", h, 0x0F), short("dc_setcpu", h, 0x20),
        short("dc_setcpu", h, 0x0C),
        short("dc_cpuapdu", h, 5, b"\x00\x84\x00\x00\x08", ctypes.byref(rlen),
              buf),
        short("dc_cpuapdu", h, 5, None, ctypes.byref(rlen), buf),
        short("dc_cpuapdu", h, 300 & 0xFF, b"\x00\x84", None, buf),
        short("dc_getver", h, None), short("dc_SetCpuCard616C", h, 2)]
check("bad input: unknown handle, serial port, negative port, odd hex, "
      "non-hex, NULL, no such slot, APDU before reset, NULL buffers",
      got, [E_HANDLE, E_NOT_SUPPORTED, E_ARG, E_ARG, E_ARG, E_ARG, True,
            E_NO_SLOT, E_NO_SLOT, 0, E_NOT_POWERED, E_ARG, E_ARG, E_ARG,
            E_ARG])

# ---- presence: before and after this handle powers the card ---------------
flag = ctypes.create_string_buffer(2)
before = [short("dc_card_status", h), short("dc_CpuCardStatus", h),
          short("dc_card_exist", h, flag), flag.raw.hex()]

# ---- the _hex twin: the length counts bytes; text cut short is refused ----
rlen = ctypes.c_ubyte(0)
atr = ctypes.create_string_buffer(128)
reset = short("dc_cpureset_hex", h, ctypes.byref(rlen), atr)
cut = short("dc_cpuapdu_hex", h, 5, b"00840000", ctypes.byref(rlen), buf)
chal = short("dc_cpuapdu_hex", h, 5, b"0084000008", ctypes.byref(rlen), buf)
check("dc_cpureset_hex gives the ATR sscard-info shows; a short hex text is "
      "refused; GET CHALLENGE gives 8 bytes and 9000",
      [reset, atr.value.decode(), cut, chal, rlen.value,
       buf.value.decode()[-4:], len(buf.value)],
      [0, info["atr"], E_ARG, 0, 10, "9000", 20])

check("presence: dc_card_status, dc_CpuCardStatus (3 not powered, 4 "
      "powered), dc_card_exist's 0x0002", before + [short("dc_CpuCardStatus", h)],
      [0, 3, 0, "0002", 4])

# ---- 61xx and 6Cxx: passed up after dc_SetCpuCard616C(0), resolved by the
# respon variants and by default --------------------------------------------
select = b"00A404000F7378312E73682EC9E7BBE1B1A3D5CF"
got = [short("dc_SetCpuCard616C", h, 0)]
for name, cmd in (("dc_cpuapdu_hex", select), ("dc_cpuapdu_hex", b"00B2012C00"),
                  ("dc_cpuapdurespon_hex", select)):
    rv = short(name, h, len(cmd) // 2, cmd, ctypes.byref(rlen), buf)
    got.append((rv, buf.value.decode()[-4:], rlen.value))
got.append(short("dc_SetCpuCard616C", h, 1))
rv = short("dc_cpuapdu_hex", h, 5, b"00B2012C00", ctypes.byref(rlen), buf)
got.append((rv, buf.value.decode()[:4], buf.value.decode()[-4:], rlen.value))
check("dc_SetCpuCard616C(0) passes 61xx and 6Cxx up, the respon variant and "
      "the default resolve them", got,
      [0, (0, "611D", 2), (0, "6C12", 2), (0, "9000", 31), 0,
       (0, "0110", "9000", 20)])

# ---- another thread may not use the handle ----------------------------------
seen = []
t = threading.Thread(target=lambda: seen.append(short("dc_beep", h, 10)))
t.start()
t.join()
check("a handle used from another thread: DCRF32_E_THREAD", seen, [E_THREAD])

# ---- the social security helper: the same holder as sscard-info -------------
fields = [ctypes.create_string_buffer(n) for n in
          (33, 2, 5, 25, 9, 9, 10, 19, 31, 21, 2, 3, 7, 9)]
rv = short("dc_GetSocialSecurityCardBaseInfo", h, 1, *fields)
v = [f.value for f in fields]
card, holder = info["card"], info["holder"]
check("dc_GetSocialSecurityCardBaseInfo: the holder sscard-info reads",
      [rv, v[0].decode(), v[1].decode(), v[2].decode(), v[3].decode(),
       v[4].decode(), v[5].decode(), v[6].decode(), v[7].decode(),
       (v[8] + v[9]).decode("gb18030"), v[10].decode(), v[11].decode(),
       v[12].decode(), v[13].decode()],
      [0, card["id_code"], card["type"], card["version"], card["issuer"],
       card["issued"].replace("-", ""), card["expires"].replace("-", ""),
       card["number"], holder["ssn"], holder["name"], holder["sex"],
       holder["nation"], holder["birthplace"],
       holder["birth_date"].replace("-", "")])

# ---- every name without a real implementation says "not supported" --------
defined = set(open(DEFINED).read().split())
wrong = []
for line in open(NAMES, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    ret, name, _ = line.split("|")
    if name in defined:
        continue
    f = getattr(dc, name)
    if ret.endswith("*"):
        f.restype = ctypes.c_void_p
        want = None
    elif ret == "void":
        f.restype = None
        want = None
    elif ret.startswith("unsigned"):
        f.restype = ctypes.c_uint
        want = 0
    else:
        f.restype = ctypes.c_short
        want = E_NOT_SUPPORTED
    got = f()
    if got != want:
        wrong.append(f"{name}={got}")
check(f"every name not implemented answers not supported "
      f"({801 - len(defined & set(n.split('|')[1] for n in open(NAMES) if '|' in n))}"
      " names)", wrong, [])

# ---- closing ---------------------------------------------------------------
check("dc_exit, and the handle is gone after",
      [short("dc_cpudown", h), short("dc_exit", h), short("dc_exit", h)],
      [0, 0, E_HANDLE])
