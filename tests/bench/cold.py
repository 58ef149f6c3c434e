#!/usr/bin/python3
# cold.py OUT N CMD1 CMD2: run each command N times (alternating), write
# "name ms_per_run peak_rss_kb" for each.
#
# SPDX-FileCopyrightText: 2026 The libsscard authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import resource
import subprocess
import sys
import time

out, n, cmds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
total = [0.0] * len(cmds)
rss = [0] * len(cmds)
for _ in range(n):
    for i, c in enumerate(cmds):
        t = time.monotonic()
        pid = os.fork()
        if pid == 0:
            args = c.split()
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.execvp(args[0], args)
        _, status, usage = os.wait4(pid, 0)
        total[i] += time.monotonic() - t
        rss[i] = max(rss[i], usage.ru_maxrss)
        if status != 0:
            sys.exit("cold.py: %s failed" % c)
with open(out, "w") as f:
    for i, c in enumerate(cmds):
        f.write("%s %.3f %d\n" % (os.path.basename(c.split()[0]), total[i] * 1000 / n, rss[i]))
