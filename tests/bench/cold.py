#!/usr/bin/python3
# cold.py OUT N LABEL=CMD...: run each command N times (alternating), then once
# more under /usr/bin/time for the program's own peak memory (the RSS a
# child of this Python process reports would include Python's, copied at
# fork); write "LABEL ms_per_run peak_rss_kib" for each.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import subprocess
import sys
import tempfile
import time

out, n = sys.argv[1], int(sys.argv[2])
labels = [a.split("=", 1)[0] for a in sys.argv[3:]]
cmds = [a.split("=", 1)[1] for a in sys.argv[3:]]
total = [0.0] * len(cmds)
for _ in range(n):
    for i, c in enumerate(cmds):
        t = time.monotonic()
        done = subprocess.run(c.split(), stdout=subprocess.DEVNULL)
        total[i] += time.monotonic() - t
        if done.returncode != 0:
            sys.exit("cold.py: %s failed" % c)
with open(out, "w") as f:
    for i, c in enumerate(cmds):
        with tempfile.NamedTemporaryFile("r") as rss:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] +
                           c.split(), stdout=subprocess.DEVNULL, check=True)
            kib = int(rss.read().split()[-1])
        f.write("%s %.3f %d\n" % (labels[i], total[i] * 1000 / n, kib))
