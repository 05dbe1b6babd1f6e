#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""http_probe.py URL INTERVAL_MS OUT [TIMEOUT_MS]: a client fetching URL
every INTERVAL_MS on a new connection each time (as a browser after a
failover would), each attempt given TIMEOUT_MS (500), until SIGTERM. Each attempt is one line of OUT, flushed at once:
"MS ok BODY" or "MS fail WHY", MS the wall clock in milliseconds. One
process for the whole run: under emulation a process per request would
cost more than the interval."""

import http.client
import signal
import sys
import time
import urllib.parse


def main():
    url, interval, out = sys.argv[1], int(sys.argv[2]) / 1000, sys.argv[3]
    timeout = int(sys.argv[4]) / 1000 if len(sys.argv) > 4 else 0.5
    u = urllib.parse.urlsplit(url)
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    with open(out, "w", buffering=1) as f:
        next_at = time.monotonic()
        while running[0]:
            now = int(time.time() * 1000)
            try:
                c = http.client.HTTPConnection(u.hostname, u.port or 80,
                                               timeout=timeout)
                c.request("GET", u.path or "/")
                r = c.getresponse()
                body = r.read().decode(errors="replace").strip()
                c.close()
                if r.status == 200:
                    f.write(f"{now} ok {body}\n")
                else:
                    f.write(f"{now} fail status {r.status}\n")
            except Exception as e:  # every failure is a data point
                f.write(f"{now} fail {type(e).__name__}\n")
            next_at += interval
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                next_at = time.monotonic()


if __name__ == "__main__":
    main()
