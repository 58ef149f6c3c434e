#!/usr/bin/python3
# report.py DIR RESULTS.md: the bench figures as a table, on stdout and in
# RESULTS.md with the machine and the date.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import datetime
import os
import platform
import sys

d, dest = sys.argv[1], sys.argv[2]
kv, ops, link = {}, [], {}
for line in open(os.path.join(d, "bench.txt")):
    w = line.split()
    if w[0] == "op":
        ops.append(w[1:])
    elif w[0] == "link":
        link[w[1]] = (w[2], w[3])
    else:
        kv[w[0]] = w[1]
py_ms, py_apdus = open(os.path.join(d, "pyscard.txt")).read().split()
py, py_apdus = float(py_ms), int(py_apdus)
cold = {}
for line in open(os.path.join(d, "cold.txt")):
    name, ms, rss = line.split()
    cold[name] = (float(ms), int(rss))
lib = float(kv["lib_ms_per_read"])
cpu = "?"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break

rows = []
rows.append("# libsscard benchmark\n")
rows.append("Machine: %s, %s, %d cores; %s. Virtual card (standard profile) "
            "through the real pcscd + vpcd in a private namespace." %
            (platform.node() or "?", cpu, os.cpu_count(),
             datetime.datetime.now().strftime("%Y-%m-%d %H:%M")))
rows.append("")
rows.append("## 1. APDUs and bytes per operation\n")
rows.append("| operation | APDUs | minimum | bytes out | bytes in | link 9600 baud (ms) | link 38400 baud (ms) | minimum counts |")
rows.append("|---|---|---|---|---|---|---|---|")
for name, apdus, bout, bin_, minimum, why in ops:
    l96, l384 = link[name]
    rows.append("| %s | %s | %s | %s | %s | %s | %s | %s |" %
                (name, apdus, minimum, bout, bin_, l96, l384, why.replace("_", " ")))
rows.append("")
rows.append("Link time is modeled from the bytes on the wire: 12 etu a character "
            "and one T=0 procedure byte a command; it is what a holder waits "
            "at a real reader, where pcscd and vpcd cost nothing.")
rows.append("")
svc = os.path.join(d, "service.txt")
if os.path.exists(svc):
    import json
    sv, runs = {}, {}
    for line in open(svc):
        w = line.split(None, 1)
        if w[0] in ("sequential", "concurrent", "concurrent_plain"):
            runs[w[0]] = json.loads(w[1])
        else:
            sv[w[0]] = float(w[1])
    rows.append("## 1c. sscardd: GET /v1/card against sscard_read_basic()\n")
    rows.append("| what | p50 (ms) | p99 (ms) | answers a second |")
    rows.append("|---|---|---|---|")
    rows.append("| sscard_read_basic(), kept handle, before | %.3f | %.3f | |" %
                (sv["direct_p50_ms"], sv["direct_p99_ms"]))
    rows.append("| sscard_read_basic(), kept handle, after | %.3f | %.3f | |" %
                (sv["direct_after_p50_ms"], sv["direct_after_p99_ms"]))
    s1, c = runs["sequential"], runs["concurrent"]
    rows.append("| GET /v1/card, 1 client, keep-alive (%d) | %.3f | %.3f | %d |" %
                (s1["total"], s1["p50_ms"], s1["p99_ms"], s1["rps"]))
    rows.append("| GET /v1/card, 50 clients (%d) | %.3f | %.3f | %d |" %
                (c["total"], c["p50_ms"], c["p99_ms"], c["rps"]))
    if "concurrent_plain" in runs:
        p = runs["concurrent_plain"]
        rows.append("| GET /v1/card, 50 clients, metrics off (%d) | %.3f | %.3f | %d |" %
                    (p["total"], p["p50_ms"], p["p99_ms"], p["rps"]))
    if "scrape_p50_ms" in sv:
        rows.append("| GET /metrics (%d bytes) | %.3f | | |" %
                    (sv["scrape_bytes"], sv["scrape_p50_ms"]))
    rows.append("")
    rows.append("The rows above run with metrics_listen and a textfile written "
                "every second, as a monitored desk runs; \"metrics off\" is the "
                "same load with neither.")
    rows.append("")
    rows.append("Card APDUs: %d a GET /v1/card on the kept connection with the "
                "card still in the reader (remembered, as sscard_read_basic() "
                "on a kept handle); an insertion costs %d "
                "with no page on /v1/events and %d with one (the card read "
                "for the \"inserted\" event)." %
                (sv["apdus_per_get"], sv["apdus_insert_unheard"], sv["apdus_insert_heard"]))
    rows.append("")
    rows.append("One card thread answers the requests in turn; one read answers "
                "every GET /v1/card that queued while it ran, so 50 clients get "
                "more answers a second than the card gives reads, and their "
                "latency is the queue's.")
    rows.append("")
auth = os.path.join(d, "auth.txt")
if os.path.exists(auth):
    rows.append("")
    rows.append("## 1b. Terminal authentication (3.0 card, PSAM in the second reader)\n")
    rows.append("| operation | card APDUs | minimum | PSAM APDUs | minimum | link 9600 baud, card + PSAM (ms) | what the minimum counts |")
    rows.append("|---|---|---|---|---|---|---|")
    for line in open(auth):
        w = line.split()
        rows.append("| %s | %s | %s | %s | %s | %s | %s |" %
                    (w[1], w[2], w[4], w[3], w[5], w[6], " ".join(w[7:]).replace("_", " ")))
    rows.append("")
rows.append("## 2. Library overhead (steady-state basic read, %s APDUs, %s rounds)\n" %
            (kv["apdus_per_read"], os.environ.get("ROUNDS", "1000")))
rows.append("| path | ms per read |")
rows.append("|---|---|")
rows.append("| the floor: a peer's own minimal sequence from the card specification (READ RECORD by SFI and record number, exact Le), one transaction a read | %s |" % kv["raw_ms_per_read"])
rows.append("| sscard_read_basic(), asked afresh (sscard_forget() before each) | %s |" % kv["lib_ms_per_read"])
rows.append("| **ratio library / floor** (goal <= 1.05) | **%s** |" % kv["overhead_ratio"])
rows.append("| sscard_read_basic(), the card still in the reader: remembered, confirmed by the card (1 APDU) and one SCardStatus | %s |" % kv["remembered_ms_per_read"])
rows.append("")
rows.append("## 3. Against peers\n")
rows.append("| peer | ms | APDUs | libsscard ms | libsscard APDUs | ratio peer / libsscard |")
rows.append("|---|---|---|---|---|---|")
rows.append("| pyscard as an integrator writes it: SELECT by name, READ RECORD per field with Le 00 (6Cxx, sent again), decoded; one connection | %.4f | %d | %.4f | %s | %.2f |" %
            (py, py_apdus, lib, kv["apdus_per_read"], py / lib))
o, s = cold["opensc-tool"], cold["sscard-info"]
rows.append("| opensc-tool sending the floor's 15 commands, one process a read (vs sscard-info --json, which also connects, decodes and prints) | %.2f | 15 | %.2f | 15 | %.2f |" % (o[0], s[0], o[0] / s[0]))
rows.append("")
rows.append("## 4. Throughput and memory\n")
rows.append("| figure | value |")
rows.append("|---|---|")
rows.append("| basic reads per second (steady state, %s reads) | %s |" % (os.environ.get("ROUNDS", "1000"), kv["reads_per_second"]))
rows.append("| peak RSS of sscard-info --json, its own (/usr/bin/time) (KiB) | %d |" % s[1])
rows.append("| peak RSS of opensc-tool, its own (KiB), for scale | %d |" % o[1])
slow = os.path.join(d, "slow.txt")
if os.path.exists(slow):
    sl = dict(l.split() for l in open(slow))
    rows.append("")
    rows.append("## 5. A slow card (30 ms an answer)\n")
    rows.append("| read | APDUs | ms | ms / (APDUs x 30 ms) |")
    rows.append("|---|---|---|---|")
    rows.append("| connect and first read | %s | %s | %.3f |" %
                (sl["slow_first_apdus"], sl["slow_first_ms"],
                 float(sl["slow_first_ms"]) / (int(sl["slow_first_apdus"]) * 30)))
    rows.append("| asked again (sscard_forget) | %s | %s | %s |" %
                (sl["slow_again_apdus"], sl["slow_again_ms"], sl["slow_again_per_card_time"]))
    rows.append("| the card still in the reader: remembered | %s | %s | |" %
                (sl["slow_kept_apdus"], sl["slow_kept_ms"]))
st = os.path.join(d, "startup.txt")
if os.path.exists(st):
    su = dict(l.split() for l in open(st))
    up = cold["startup"]
    rows.append("")
    rows.append("## 6. Start-up of sscard-info\n")
    rows.append("| figure | value |")
    rows.append("|---|---|")
    rows.append("| /bin/true, one process: what any program costs here (ms) | %.2f |" % cold["true"][0])
    rows.append("| sscard-info --version, one process (load, link, no context) (ms) | %.2f |" % up[0])
    rows.append("| of which in the dynamic loader (LD_DEBUG=statistics) (cycles) | %s |" % su.get("ldso_cycles", "?"))
    rows.append("| sscard-info --json, one process, whole read (ms) | %.2f |" % s[0])
    rows.append("| peak RSS of sscard-info --version (KiB) | %d |" % up[1])
bnd = os.path.join(d, "bindings.txt")
if os.path.exists(bnd):
    bd = dict(l.split() for l in open(bnd))
    pyc, jar = cold["python3-sscard"], cold["java-jar"]
    rows.append("")
    rows.append("## 7. The bindings\n")
    rows.append("| figure | ms | APDUs | peak RSS (KiB) |")
    rows.append("|---|---|---|---|")
    rows.append("| Python read_basic() on one connection, asked afresh (forget()): sscard_read_json parsed into a dict | %s | %s | |" % (bd["py_fresh_ms"], bd["py_fresh_apdus"]))
    rows.append("| the same, the card still in the reader (remembered) | %s | %s | %s |" % (bd["py_kept_ms"], bd["py_kept_apdus"], bd["py_rss_kib"]))
    rows.append("| for scale: pyscard as an integrator writes it (section 3), one connection | %.4f | %d | |" % (py, py_apdus))
    rows.append("| for scale: sscard_read_basic() from C, asked afresh (section 2) | %.4f | %s | |" % (lib, kv["apdus_per_read"]))
    rows.append("| python3 py-once.py: one process, import, connect, read, print (its own RSS) | %.2f | | %d |" % pyc)
    rows.append("| java -jar sscard.jar: one JVM, connect, read, print (its own RSS) | %.2f | | %d |" % jar)
    rows.append("| for scale: sscard-info --json, one process (section 6) | %.2f | | %d |" % s)
text = "\n".join(rows) + "\n"
sys.stdout.write(text)
open(dest, "w").write(text)
