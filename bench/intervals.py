#!/usr/bin/env python3
"""intervals.py NAME INTERVAL_MS SECS OUTDIR [MODULE_STATS [SENT]]: read `tcpdump
-tt -n` lines of a capture of VRRP adverts on stdin; write OUTDIR/NAME.
intervals (the master's, 192.0.2.1's, intervals in ms, one a line) and
OUTDIR/NAME.json (figures), and print one line.

Figures: adverts seen, median and p99 interval, max deviation from the
configured interval, gaps longer than 3 intervals (each one lets a backup
take over), and takeovers: runs of adverts from the backup (192.0.2.2)
with its own priority, each one a spurious takeover. MODULE_STATS is
`vrrpadm stats` of r1 as name=value words (this module only); SENT, the
packets a flood load sent."""
import json
import os
import re
import sys

# `tcpdump -i any -tt -n` in the switch: "TIME p-r1 M IP SRC > 224.0.0.18:
# VRRPv3, Advertisement, vrid 51, prio 200, ...". Each advert shows on its
# sender's port as it comes in (M: a multicast received), and on the bridge
# and every other port after.
LINE = re.compile(r"^(\d+\.\d+) (\S+)\s+(?:In|M)\s+IP (\S+) > 224\.0\.0\.18: "
                  r"VRRPv\d, Advertisement, vrid 51, prio (\d+)")
PORT = {"192.0.2.1": "p-r1", "192.0.2.2": "p-r2"}


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def main():
    name, ivl, secs, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    module = dict(w.split("=", 1) for w in (sys.argv[5] if len(sys.argv) > 5 else "").split())
    sent = int(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[6] else None
    master, takeovers, last_src = [], 0, None
    for line in sys.stdin:
        m = LINE.match(line)
        if not m:
            continue
        t, port, src, prio = float(m.group(1)), m.group(2), m.group(3), int(m.group(4))
        if PORT.get(src) != port:
            continue
        if src == "192.0.2.1" and prio > 0:
            master.append(t)
        if src == "192.0.2.2" and prio > 0 and last_src != "192.0.2.2":
            takeovers += 1
        last_src = src
    iv = [(b - a) * 1000 for a, b in zip(master, master[1:])]
    s = sorted(iv)
    fig = {
        "name": name, "interval_ms": ivl, "secs": secs, "adverts": len(master),
        # Over the span of the capture, which is a little longer than SECS.
        "expected": int(round((master[-1] - master[0]) * 1000 / ivl)) + 1 if master else 0,
        "median_ms": percentile(s, 50), "p99_ms": percentile(s, 99),
        "max_ms": s[-1] if s else None,
        "max_dev_ms": max((abs(x - ivl) for x in s), default=None),
        "gaps_over_3": sum(1 for x in s if x > 3 * ivl),
        "takeovers": takeovers,
    }
    if sent is not None:
        fig["load_packets"] = sent
    for k in ("advert_late_max_us", "advert_late_lt_100us", "advert_late_lt_1ms",
              "advert_late_lt_10ms", "advert_late_lt_100ms", "advert_late_ge_100ms",
              "advert_missed", "advert_irq_late_max_us"):
        if k in module:
            fig[k] = int(module[k])
    with open(os.path.join(out, name + ".intervals"), "w") as f:
        f.write("".join("%.3f\n" % x for x in iv))
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(fig, f)
        f.write("\n")

    def ms(v):
        return "-" if v is None else "%.2f" % v
    extra = ""
    if "advert_late_max_us" in fig:
        extra = ", module: late max %.2f ms, missed %d" % (
            fig["advert_late_max_us"] / 1000, fig.get("advert_missed", 0))
    print("%s: %d adverts (%d expected), median %s, p99 %s, max %s ms, "
          "gaps > 3 intervals %d, takeovers %d%s" % (
              name, fig["adverts"], fig["expected"], ms(fig["median_ms"]),
              ms(fig["p99_ms"]), ms(fig["max_ms"]), fig["gaps_over_3"],
              fig["takeovers"], extra))


main()
